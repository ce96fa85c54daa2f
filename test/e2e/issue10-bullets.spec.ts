/**
 * Problems users met with 定稿, 未填报 months and the new node, each reproduced and shown fixed (the
 * five 定稿 paths are locked-node.spec, the new node is year.spec and entry.spec, the cost ceilings dashboard.spec):
 * - a workbook with only year-end (12月) figures: months 1–11 are 未填报, not 0, and there is no
 *   monthly average (it used to say "1-12月平均执行率 8.20%，按此得 0.82 分");
 * - merged cells in a data sheet are refused with the range, instead of one value copied into every row;
 * - a unit name that differs only by a zero-width space is refused, not a second 且末县自然资源局;
 * - a 定性 reading changed from 未达成 to 达成 asks to update its result text, and the report shows the new one.
 */
import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { chooseOption, expect, screenshot, test } from './helpers'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  return readFileSync(await file.path())
}

/** The import template with 单位信息 and the given 预算执行 rows; `merge` merges a range of 预算执行. */
async function filled(template: Buffer, rows: (string | number | null)[][], merge?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(template as unknown as ArrayBuffer)
  const info = workbook.getWorksheet('单位信息')
  const budget = workbook.getWorksheet('预算执行')
  if (!info || !budget) throw new Error('template sheets missing')
  info.getCell('B2').value = '测试县自然资源局'
  info.getCell('B3').value = 2024
  info.getCell('B6').value = '2024-12-31'
  rows.forEach((values, i) => {
    budget.getRow(i + 2).values = values
  })
  if (merge) budget.mergeCells(merge)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
/** 支出类别 … 上年结转, then 1..12月执行数 and 1..12月到位资金: only December given */
const decemberOnly = (name: string, budget: number, spent: number) => [
  '基本支出',
  '人员经费',
  null,
  null,
  name,
  '财政拨款',
  budget,
  null,
  null,
  null,
  ...Array.from({ length: 11 }, () => null),
  spent,
  ...Array.from({ length: 11 }, () => null),
  spent,
]

/** Element Plus puts a test id on the input itself or on its wrapper: the input either way. */
async function inputOf(el: Locator): Promise<Locator> {
  return (await el.evaluate((node) => node.tagName)) === 'INPUT' ? el : el.locator('input').first()
}

/** Chooses `option` in `select` (chosen again if a click on the moving dropdown selected nothing). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await chooseOption(page, select, option)
}

test('a workbook with only 12月 figures: 1-11月 are 未填报, and there is no monthly average', async ({ page }) => {
  await page.goto('/#/data/import')
  const template = await download(page, 'download-template')
  await page.getByTestId('import-file').setInputFiles({
    name: '年末数.xlsx',
    mimeType: XLSX,
    buffer: await filled(template, [decemberOnly('工资福利支出', 1000, 820)]),
  })
  await expect(page.getByTestId('import-warnings')).toContainText(
    '只有12月的执行数：1-11月按未填报处理，无法计算月均执行率',
  )
  await page.getByTestId('commit-import').click()
  await expect(page.getByTestId('transfer-message')).toContainText('导入完成')
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('82.00%')
  await expect(page.getByTestId('score-budget-execution')).toContainText('尚无足够的月度执行数据，无法计算月均执行率')
  await expect(page.getByTestId('score-budget-execution')).not.toContainText('8.20%')
  await screenshot(page, 'issue10-december-only')
})

test('merged cells in 预算执行 are refused with the range named, and nothing is written', async ({ page }) => {
  await page.goto('/#/data/import')
  const template = await download(page, 'download-template')
  const rows = [decemberOnly('工资福利支出', 1000, 820), decemberOnly('办公费', 200, 150)]
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: '合并单元格.xlsx', mimeType: XLSX, buffer: await filled(template, rows, 'A2:A3') })
  await expect(page.getByTestId('import-problems')).toContainText(
    '「预算执行」的 A2:A3 是合并单元格，请取消合并并在每一行填写完整后再导入',
  )
  await expect(page.getByTestId('commit-import')).toHaveCount(0)
})

test('a unit named 且末县自然资源局 with a zero-width space is refused as the same name', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
  await page.goto('/#/data/unit')
  await page.getByTestId('new-unit-form').getByText('新建单位').first().click()
  await (await inputOf(page.getByTestId('new-unit-name'))).fill('且末县自然资源局\u200b')
  await page.getByTestId('new-unit-create').click()
  await expect(page.getByTestId('new-unit-form')).toContainText('已有名为“且末县自然资源局”的单位')
  await expect(page.getByTestId('new-unit-form')).toContainText('输入的名称含有看不见的字符')
  await expect(page.getByTestId('select-unit-year')).toContainText('且末县自然资源局 · 2021年')
  await page.getByTestId('select-unit-year').click()
  await expect(page.locator('.el-select-dropdown:visible .el-select-dropdown__item')).toHaveCount(1)
})

test('a 定性 grade changed from 未达成 to 达成 asks to update 有所效果, and the report shows the new text', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await page.getByRole('link', { name: '绩效指标', exact: true }).click()
  await page.getByTestId('indicators-mode').getByText('指标填报').click()
  const row = page
    .getByTestId('readings-table')
    .locator('.el-table__body tr', { hasText: '自然资源损毁和浪费造成的经济损失' })
  const resultText = await inputOf(row.getByTestId('reading-result-text'))
  await expect(resultText).toHaveValue('有所效果')
  await choose(page, row.locator('.el-select').first(), '达成')
  await expect(row.getByTestId('reading-result-stale')).toHaveText(
    '完成等级已由“未达成”改为“达成”，结果描述仍为“有所效果”，请一并更新',
  )
  await resultText.fill('损失明显减少')
  // its 30% belonged to 未达成: 达成 lies in 80–100%, so the percent is cleared (达成 then counts as 100%)
  await row.getByPlaceholder('百分比（可选）').fill('')
  await expect(row.getByTestId('reading-result-stale')).toHaveCount(0)
  await screenshot(page, 'issue10-result-text')
  await page.getByTestId('readings-save').click()
  await expect(page.getByText(/^已保存 \d+ 个指标的填报$/)).toBeVisible()
  await page.getByRole('link', { name: '监控报告', exact: true }).click()
  await expect(page.getByTestId('report-document')).toContainText('损失明显减少')
  await expect(page.getByTestId('report-document')).not.toContainText('有所效果')
})
