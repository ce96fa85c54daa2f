/**
 * 报送 → 审核 → 退回 → 再报送 across three browser profiles, each its own IndexedDB, with nothing passed
 * between them but the files a user would carry on a USB stick (docs/package-format.md):
 * - unit A is the demo (seed 001's 1-6月: 调整后预算 1,493.25, 执行数 383.74); it 定稿s and 报送s 1-6月;
 * - unit B is built from the import template filled in here (调整后预算 1,000 + 200 + 300 = 1,500.00,
 *   1-6月 执行数 450 + 50 + 100 = 600.00); it 定稿s and 报送s 1-6月 the same way;
 * - the 主管部门 imports both and shows the sums (worked out below from the two units' inputs), 退回s B
 *   with an 意见 and exports the 回执; B imports it, sees the 意见, finds 1-6月 open again, corrects 6月
 *   工资福利支出 450 → 480 by a new import, 定稿s and 报送s again; the 主管部门 sees 待审核 and 通过s it.
 */
import { basename } from 'node:path'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext, Download, Page } from '@playwright/test'
import { expect, screenshot, test, trackPageErrors } from './helpers'
import type { PageErrors } from './helpers'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** B's inputs: three budget lines, their 1-6月 执行数 and 到位资金 (万元) as entered in the template. */
const B_LINES = [
  {
    category: '基本支出',
    fundType: '人员经费',
    name: '工资福利支出',
    budget: '1000.00',
    spent: '450',
    allocated: '500',
  },
  { category: '基本支出', fundType: '公用经费', name: '办公费', budget: '200.00', spent: '50', allocated: '60' },
  { category: '项目支出', fundType: null, name: '土地调查经费', budget: '300.00', spent: '100', allocated: '100' },
] as const

/** Sums in cents, so the expected department figures are worked out exactly from the inputs. */
const cents = (amount: string) => Math.round(Number(amount) * 100)
const yuan = (value: number) =>
  `${Math.trunc(value / 100).toLocaleString('en-US')}.${String(value % 100).padStart(2, '0')}`
/** Σ执行数 ÷ Σ调整后预算 as a percent with two places (docs/domain-rules.md §17.2), rounded half up. */
const ratePercent = (spent: number, budget: number) => {
  const basisPoints = Math.floor((spent * 10000 * 2 + budget) / (2 * budget))
  return `${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`
}

async function fillTemplate(template: Buffer, juneSalary: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(template as unknown as ArrayBuffer)
  const info = workbook.getWorksheet('单位信息')
  const budget = workbook.getWorksheet('预算执行')
  const indicators = workbook.getWorksheet('绩效指标')
  const readings = workbook.getWorksheet('指标填报')
  if (!info || !budget || !indicators || !readings) throw new Error('template sheets missing')
  info.getCell('B2').value = '且末县水利局'
  info.getCell('B3').value = 2021
  info.getCell('B4').value = '李会计'
  info.getCell('B6').value = '2021-06-30'
  B_LINES.forEach((line, i) => {
    const spent = line.name === '工资福利支出' ? juneSalary : line.spent
    // 支出类别, 经费类型, 项目名称, 责任科室, 预算项目名称, 资金来源, 年初预算, 追加, 追减, 上年结转, 1..12月执行数, 1..12月到位资金
    budget.getRow(i + 2).values = [
      line.category,
      line.fundType,
      line.category === '项目支出' ? '土地调查项目' : null,
      line.category === '项目支出' ? '调查股' : null,
      line.name,
      '财政拨款',
      line.budget,
      null,
      null,
      null,
      ...Array.from({ length: 12 }, (_, m) => (m === 5 ? spent : null)),
      ...Array.from({ length: 12 }, (_, m) => (m === 5 ? line.allocated : null)),
    ]
  })
  indicators.getRow(2).values = ['整体', '产出指标', '数量指标', '完成水利工程验收数', '≥', 10, '个', 10, '累计型']
  readings.getRow(2).values = ['2021-06-30', '整体', '产出指标', '数量指标', '完成水利工程验收数', 5]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A profile of its own (a fresh browser context: its own IndexedDB), checked for errors like `page`. */
async function profile(browser: Browser, baseURL: string | undefined) {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  })
  const page = await context.newPage()
  const errors: PageErrors = await trackPageErrors(page, context)
  return { context, page, errors }
}

async function save(download: Download, dir: (name: string) => string): Promise<string> {
  const path = dir(download.suggestedFilename())
  await download.saveAs(path)
  return path
}

/** 定稿 the report's current node (1-6月) and 报送 it; returns the 报送包 file. */
async function freezeAndSubmit(page: Page, dir: (name: string) => string): Promise<string> {
  await page.goto('/#/report')
  await expect(page.getByTestId('report-document')).toBeVisible()
  await page.getByTestId('report-freeze').click()
  await page.getByRole('button', { name: '定稿', exact: true }).last().click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('submit-node').click()])
  await expect(page.getByTestId('submission-message')).toContainText('已生成报送包')
  return save(download, dir)
}

async function importTemplate(page: Page, buffer: Buffer): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name: '水利局.xlsx', mimeType: XLSX, buffer })
  await expect(page.getByTestId('commit-import')).toBeVisible()
  await page.getByTestId('commit-import').click()
  await expect(page.getByTestId('transfer-message')).toContainText('导入完成')
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId)
  const tag = await el.evaluate((node) => node.tagName)
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()).fill(value)
}

async function importPackages(page: Page, paths: string[]): Promise<void> {
  await page.getByRole('tab', { name: '导入报送包' }).click()
  await page.getByTestId('package-input').setInputFiles(paths)
  await expect(page.getByTestId('package-preview')).toBeVisible()
}

test('unit A and unit B 报送 1-6月; the 主管部门 sums them, 退回s B, and 通过s B’s corrected 报送', async ({
  page,
  browser,
  baseURL,
}, info) => {
  test.setTimeout(240_000)
  const dir = (name: string) => info.outputPath(name)

  // unit A: the demo, in the test's own profile
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toContainText('1,493.25 万元')
  await expect(page.getByTestId('kpi-spent')).toContainText('383.74 万元')
  const fileA = await freezeAndSubmit(page, dir)

  // unit B: a profile of its own, its year built from the import template
  const b = await profile(browser, baseURL)
  await b.page.goto('/#/data/import')
  const [templateDownload] = await Promise.all([
    b.page.waitForEvent('download'),
    b.page.getByTestId('download-template').click(),
  ])
  const template = readFileSync(await templateDownload.path())
  await importTemplate(b.page, await fillTemplate(template, '450'))
  await b.page.getByRole('link', { name: '概览' }).click()
  const budgetB = B_LINES.reduce((s, l) => s + cents(l.budget), 0)
  const spentB = B_LINES.reduce((s, l) => s + cents(l.spent), 0)
  await expect(b.page.getByTestId('kpi-adjusted-budget')).toContainText(`${yuan(budgetB)} 万元`)
  await expect(b.page.getByTestId('kpi-spent')).toContainText(`${yuan(spentB)} 万元`)
  const fileB = await freezeAndSubmit(b.page, dir)

  // the 主管部门: a third profile, with its own unit and the two 下属单位
  const d = await profile(browser, baseURL)
  await d.page.goto('/')
  await d.page.getByTestId('new-unit').click()
  await fill(d.page, 'new-unit-name', '且末县财政局')
  await fill(d.page, 'new-unit-year', '2021')
  await d.page.getByTestId('new-unit-name').click()
  await d.page.getByTestId('new-unit-create').click()
  await expect(d.page.getByTestId('select-unit-year')).toContainText('且末县财政局 · 2021年')
  await d.page.getByTestId('header-operator').click()
  await d.page.getByTestId('operator-input').fill('王科长')
  await d.page.getByTestId('operator-save').click()
  await d.page.getByRole('link', { name: '部门汇总' }).click()
  await fill(d.page, 'subordinate-name-0', '且末县自然资源局')
  await d.page.getByTestId('subordinate-add').click()
  await fill(d.page, 'subordinate-name-1', '且末县水利局')
  await d.page.getByTestId('subordinate-save').click()
  await expect(d.page.getByTestId('department-tabs')).toBeVisible()

  await importPackages(d.page, [fileA, fileB])
  await d.page.getByTestId(`confirm-${basename(fileA)}`).click()
  await d.page.getByTestId(`confirm-${basename(fileB)}`).click()
  await d.page.getByTestId('package-accept').click()
  const outcomes = d.page.getByTestId('package-outcomes')
  await expect(outcomes).toContainText('且末县自然资源局 2021年1-6月：已导入（新）')
  await expect(outcomes).toContainText('且末县水利局 2021年1-6月：已导入（新）')

  // department figures are the sums of the two units' inputs, and the rate is the rate of the sums
  const budgetA = cents('1493.25')
  const spentA = cents('383.74')
  await d.page.getByRole('tab', { name: '汇总概览' }).click()
  await expect(d.page.getByTestId('dept-budget')).toContainText(yuan(budgetA + budgetB)) // 2,993.25
  await expect(d.page.getByTestId('dept-spent')).toContainText(yuan(spentA + spentB)) // 983.74
  await expect(d.page.getByTestId('dept-rate')).toContainText(ratePercent(spentA + spentB, budgetA + budgetB)) // 32.87%
  const ranking = d.page.getByTestId('dept-ranking').locator('.el-table__body tr')
  await expect(ranking).toHaveCount(2)
  await expect(ranking.nth(0)).toContainText('且末县自然资源局') // 25.70% before 40.00%: worst first
  await expect(ranking.nth(1)).toContainText('且末县水利局')
  await expect(ranking.nth(1)).toContainText(ratePercent(spentB, budgetB)) // 40.00%
  await screenshot(d.page, 'three-profiles-department')

  // 退回 B with an 意见, and its 回执
  const opinion = '6月工资福利支出与国库支付数不符，请更正后重新报送'
  await d.page.getByRole('tab', { name: '审核' }).click()
  await expect(d.page.getByTestId('review-state-且末县水利局')).toHaveText('待审核')
  await d.page.getByTestId('return-且末县水利局').click()
  await fill(d.page, 'review-opinion', opinion)
  await d.page.getByTestId('review-confirm').click()
  await expect(d.page.getByTestId('review-state-且末县水利局')).toHaveText('已退回')
  const [receiptDownload] = await Promise.all([
    d.page.waitForEvent('download'),
    d.page.getByTestId('receipt-且末县水利局').click(),
  ])
  const receipt = await save(receiptDownload, dir)

  // B imports the 回执: the 意见 is shown and 1-6月 is open again, with the 意见 as the reason
  await b.page.goto('/#/report')
  await expect(b.page.getByTestId('report-status')).toHaveText('已定稿')
  await b.page.getByTestId('receipt-file').setInputFiles(receipt)
  await expect(b.page.getByTestId('receipt-preview')).toContainText(`已退回（意见：${opinion}）`)
  await b.page.getByTestId('confirm-receipt').click()
  await expect(b.page.getByTestId('report-status')).toHaveText('草稿')
  await expect(b.page.getByTestId('unlock-history')).toContainText(`主管部门退回：${opinion}`)
  await expect(b.page.getByTestId('submission-history')).toContainText(`意见：${opinion}`)
  await screenshot(b.page, 'three-profiles-returned')

  // B corrects 6月 工资福利支出 450 → 480 and 报送s again
  await b.page.goto('/#/data/import')
  await importTemplate(b.page, await fillTemplate(template, '480'))
  const fileB2 = await freezeAndSubmit(b.page, dir)
  const spentB2 = spentB + cents('30')

  // the 主管部门: B's new 报送 replaces the old one, 待审核 again, the sums follow, then 通过
  await importPackages(d.page, [fileB2])
  await expect(d.page.getByTestId(`key-${basename(fileB2)}`)).toHaveText('已登记')
  await d.page.getByTestId('package-accept').click()
  await expect(outcomes).toContainText('且末县水利局 2021年1-6月：已导入（更新，已替换原报送）')
  await d.page.getByRole('tab', { name: '汇总概览' }).click()
  await expect(d.page.getByTestId('dept-spent')).toContainText(yuan(spentA + spentB2)) // 1,013.74
  await expect(d.page.getByTestId('dept-rate')).toContainText(ratePercent(spentA + spentB2, budgetA + budgetB)) // 33.87%
  await d.page.getByRole('tab', { name: '审核' }).click()
  await expect(d.page.getByTestId('review-state-且末县水利局')).toHaveText('待审核')
  await d.page.getByTestId('approve-且末县水利局').click()
  await d.page.getByTestId('review-confirm').click()
  await expect(d.page.getByTestId('review-state-且末县水利局')).toHaveText('已通过')
  await screenshot(d.page, 'three-profiles-approved')

  // the 部门汇总报告 drafted from the sums and the units' own 偏离情况; 定稿, then Word and the 汇总表
  await d.page.getByRole('tab', { name: '汇总报告' }).click()
  const report = d.page.getByTestId('department-report')
  await expect(report).toContainText('且末县财政局整体支出绩效监控汇总报告')
  await expect(report).toContainText(`调整后预算合计${yuan(budgetA + budgetB).replace(',', '')}万元`)
  await expect(report).toContainText(`执行率${ratePercent(spentA + spentB2, budgetA + budgetB)}`)
  await expect(report).toContainText('且末县水利局')
  await expect(d.page.getByTestId('department-report-status')).toHaveText('草稿')
  await d.page.getByTestId('department-report-freeze').click()
  await expect(d.page.getByTestId('department-report-status')).toHaveText('已定稿 第1版')
  await screenshot(d.page, 'three-profiles-department-report')
  const [word] = await Promise.all([
    d.page.waitForEvent('download'),
    d.page.getByTestId('department-export-word').click(),
  ])
  expect(word.suggestedFilename()).toMatch(/^且末县财政局.*定稿.*\.docx$/)
  const [table] = await Promise.all([
    d.page.waitForEvent('download'),
    d.page.getByTestId('department-export-xlsx').click(),
  ])
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(readFileSync(await table.path()) as unknown as ArrayBuffer)
  const cells =
    workbook.worksheets[0]
      ?.getSheetValues()
      .flat()
      .filter((v) => typeof v === 'number') ?? []
  // the 合计 row: Σ 调整后预算 and Σ 执行数 as numbers, exactly
  expect(cells).toContain((budgetA + budgetB) / 100)
  expect(cells).toContain((spentA + spentB2) / 100)

  for (const p of [b, d]) {
    p.errors.expectNone()
    p.errors.dispose()
    await p.context.close()
  }
})
