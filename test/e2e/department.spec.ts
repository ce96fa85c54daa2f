/**
 * The 主管部门 side of 报送 (docs/domain-rules.md §17, docs/package-format.md): in the 主管部门's own
 * browser profile, set up 且末县财政局 with its two 下属单位, import both units' 报送包 at once (first
 * contact: fingerprints confirmed), check the 汇总概览 against the units' inputs, 退回 B with an 意见 and
 * export the 回执 (read back and verified here), then take B's corrected package (待审核 again) and 通过.
 *
 * The packages are written here in Node with io/package, as the units' apps write them: unit A is the
 * demo (seed 001's 1-6月: 调整后预算 1,493.25, 执行数 383.74, 序时进度 50%), unit B 12,030.56 / 11,832.53.
 * Department: 13,523.81 / 12,216.27 → 90.33% (Σ 执行数 ÷ Σ 调整后预算), not the mean of the two rates
 * (62.03%). The units' own profiles (定稿 and 报送 from the screen) are the unit-side e2e.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import { readPackage } from '../../src/io/package'
import { parseReceiptContent } from '../../src/domain/submission'
import { alertOf, FIGURES_A, FIGURES_B, fixtureUnit, nodeFigures, submissionPackage } from '../db/departmentFixtures'
import { expect, expectPageComplete, screenshot, test } from './helpers'

/** Element Plus puts a test id on the input itself or on its wrapper; fill whichever holds the input. */
async function fill(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId)
  const tag = await el.evaluate((node) => node.tagName)
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()
  await input.fill(value)
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * The a11y and plain-Chinese walks (a11y.spec.ts, plain-chinese.spec.ts) see 部门汇总 only as the demo
 * unit shows it (not a 主管部门); this checks the tabs with data: no serious or critical axe-core finding
 * (WCAG 2.0/2.1 A and AA) and no English word of three letters or more on screen.
 */
async function expectAccessiblePlainChinese(page: Page, where: string): Promise<void> {
  await expectPageComplete(page)
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;void 0`)
  const findings = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact?: string | null; nodes: { html: string }[] }[] }>
        }
      }
    ).axe
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`)
  })
  expect(findings, `无障碍问题（${where}）`).toEqual([])
  const text = await page.evaluate(() => document.body.innerText)
  // file formats and the products users know pass, as in plain-chinese.spec.ts (导出 Word)
  const known = new Set(['word', 'excel', 'wps', 'pdf'])
  const words = [...text.replace(/\.(zip|xlsx|docx)\b/g, ' ').matchAll(/\b[A-Za-z]{3,}\b/g)]
    .map((m) => m[0])
    .filter((word) => !known.has(word.toLowerCase()))
  expect(words, `页面上的英文词（${where}）`).toEqual([])
}

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click()
}

async function importFiles(page: Page, paths: string[]) {
  await tab(page, '导入报送包')
  await page.getByTestId('package-input').setInputFiles(paths)
  await expect(page.getByTestId('package-preview')).toBeVisible()
}

test('a 主管部门 imports two units, sums them, 退回 one with a 回执 and 通过 its corrected 报送', async ({
  page,
}, info) => {
  test.setTimeout(120_000)
  const a = await fixtureUnit('demo-qiemo', '且末县自然资源局')
  const b = await fixtureUnit('unit-shuili', '且末县水利局')
  const figA = nodeFigures(a, FIGURES_A, { red: 1 })
  const figB = nodeFigures(b, FIGURES_B, { yellow: 1 })
  const write = (name: string, bytes: Uint8Array) => {
    const path = info.outputPath(name)
    writeFileSync(path, bytes)
    return path
  }
  const fileA = write(
    'unit-a.zip',
    await submissionPackage(a, figA, { alerts: [alertOf(figA, 'red', '预算执行率25.70%，明显低于序时进度')] }),
  )
  const fileB = write(
    'unit-b.zip',
    await submissionPackage(b, figB, {
      createdAt: '2021-07-05T09:00:00.000Z',
      alerts: [alertOf(figB, 'yellow', '项目支出进度偏慢')],
    }),
  )

  // the 主管部门's own unit, and who is at the keyboard
  await page.goto('/')
  await page.getByTestId('new-unit').click()
  await fill(page, 'new-unit-name', '且末县财政局')
  await fill(page, 'new-unit-year', '2021')
  await page.getByTestId('new-unit-name').click()
  await page.getByTestId('new-unit-create').click()
  await expect(page.getByTestId('select-unit-year')).toContainText('且末县财政局 · 2021年')
  await page.getByTestId('header-operator').click()
  await page.getByTestId('operator-input').fill('王科长')
  await page.getByTestId('operator-save').click()
  await expect(page.getByTestId('header-operator-name')).toHaveText('王科长')

  // 设为主管部门 with its 下属单位
  await page.getByRole('link', { name: '部门汇总' }).click()
  await expect(page.locator('.page-title')).toContainText('且末县财政局 · 部门汇总')
  await fill(page, 'subordinate-name-0', '且末县自然资源局')
  await page.getByTestId('subordinate-add').click()
  await fill(page, 'subordinate-name-1', '且末县水利局')
  await page.getByTestId('subordinate-save').click()
  await expect(page.getByTestId('department-tabs')).toBeVisible()

  // both files at once: first contact shows each fingerprint, nothing is written before the confirmation
  await importFiles(page, [fileA, fileB])
  const preview = page.getByTestId('package-preview')
  await expect(preview).toContainText('且末县自然资源局')
  await expect(preview).toContainText('且末县水利局')
  await expect(page.getByTestId('key-unit-a.zip')).toHaveText(`首次接收（指纹 ${a.fingerprint}，请电话核对）`)
  await expect(page.getByTestId('key-unit-b.zip')).toHaveText(`首次接收（指纹 ${b.fingerprint}，请电话核对）`)
  await expect(page.getByTestId('package-accept')).toBeDisabled()
  await screenshot(page, 'department-import-preview')
  await page.getByTestId('confirm-unit-a.zip').click()
  await page.getByTestId('confirm-unit-b.zip').click()
  await page.getByTestId('package-accept').click()
  await expect(page.getByTestId('package-outcomes')).toContainText('且末县自然资源局 2021年1-6月：已导入（新）')
  await expect(page.getByTestId('package-outcomes')).toContainText('且末县水利局 2021年1-6月：已导入（新）')

  // 汇总概览: sums, the rate of the sums, ranking worst first with red/yellow counts and 审核 state
  await tab(page, '汇总概览')
  await expect(page.getByTestId('dept-budget')).toContainText('13,523.81')
  await expect(page.getByTestId('dept-spent')).toContainText('12,216.27')
  await expect(page.getByTestId('dept-rate')).toContainText('90.33%')
  const ranking = page.getByTestId('dept-ranking').locator('.el-table__body tr')
  await expect(ranking).toHaveCount(2)
  await expect(ranking.nth(0)).toContainText('1且末县自然资源局1,493.25383.7425.70%51.4')
  await expect(ranking.nth(0)).toContainText('红灯10待审核')
  await expect(ranking.nth(1)).toContainText('2且末县水利局12,030.5611,832.5398.35%196.7')
  await expect(ranking.nth(1)).toContainText('01待审核')
  await expect(page.getByTestId('dept-categories')).toContainText('基本支出')
  await expectPageComplete(page, ['department-heatmap-chart'])
  await screenshot(page, 'department-overview')
  await expectAccessiblePlainChinese(page, '汇总概览')

  // 汇总预警: both units' alerts, filtered by unit
  await tab(page, '汇总预警')
  await expect(page.getByTestId('department-alert-table')).toContainText('预算执行率25.70%，明显低于序时进度')
  await expect(page.getByTestId('department-alert-table')).toContainText('项目支出进度偏慢')
  await expectAccessiblePlainChinese(page, '汇总预警')

  // 汇总报告: drafted from the sums; its paragraphs, tables and buttons pass the same checks
  await tab(page, '汇总报告')
  await expect(page.getByTestId('department-report')).toContainText('执行率90.33%')
  await expectAccessiblePlainChinese(page, '汇总报告')
  await screenshot(page, 'department-report-draft')

  // 审核: 退回 B (意见 required), then the 回执
  await tab(page, '审核')
  await expect(page.getByTestId('review-state-且末县水利局')).toHaveText('待审核')
  await expectAccessiblePlainChinese(page, '审核')
  await page.getByTestId('return-且末县水利局').click()
  await page.getByTestId('review-confirm').click()
  await expect(page.getByText('退回须填写审核意见，说明需要更正的内容')).toBeVisible()
  await fill(page, 'review-opinion', '项目支出执行数与账面不符，请核实后重新报送')
  await page.getByTestId('review-confirm').click()
  await expect(page.getByTestId('review-state-且末县水利局')).toHaveText('已退回')
  const downloading = page.waitForEvent('download')
  await page.getByTestId('receipt-且末县水利局').click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('回执_且末县水利局_2021年1-6月.zip')
  const receipt = await readPackage(new Uint8Array(readFileSync(await download.path())), { expectedKind: 'receipt' })
  if (!receipt.ok) throw new Error(receipt.messages.join('；'))
  expect(receipt.value.manifest.unit.name).toBe('且末县财政局')
  // what the unit's app reads from it (docs/package-format.md §5.1)
  const content = parseReceiptContent(receipt.value.json['receipt.json'])
  expect(content.ok).toBe(true)
  expect(receipt.value.json['receipt.json']).toMatchObject({
    unitId: 'unit-shuili',
    unitName: '且末县水利局',
    asOfDate: '2021-06-30',
    record: { state: 'returned', opinion: '项目支出执行数与账面不符，请核实后重新报送', reviewer: '王科长' },
  })

  // B corrects and 报送s again: 更新, 待审核 again, then 通过
  const fileB2 = write('unit-b-2.zip', await submissionPackage(b, figB, { createdAt: '2021-07-08T09:00:00.000Z' }))
  await importFiles(page, [fileB2])
  await expect(page.getByTestId('key-unit-b-2.zip')).toHaveText('已登记')
  await expect(page.getByTestId('package-preview')).toContainText('更新')
  await page.getByTestId('package-accept').click()
  await expect(page.getByTestId('package-outcomes')).toContainText(
    '且末县水利局 2021年1-6月：已导入（更新，已替换原报送）',
  )
  await tab(page, '审核')
  await expect(page.getByTestId('review-state-且末县水利局')).toHaveText('待审核')
  await page.getByTestId('approve-且末县水利局').click()
  await page.getByTestId('review-confirm').click()
  await expect(page.getByTestId('review-state-且末县水利局')).toHaveText('已通过')

  // the drill-down is read-only 报送 data
  await tab(page, '汇总概览')
  await page.getByTestId('dept-ranking').getByText('且末县水利局').click()
  await expect(page.getByTestId('submitted-banner')).toContainText('以下为报送数据（只读）')
  await expect(page.getByTestId('unit-figures')).toContainText('12,030.56')
  await expect(page.getByTestId('unit-alerts')).toContainText('没有预警')
  await expectAccessiblePlainChinese(page, '下属单位报送数据')
})
