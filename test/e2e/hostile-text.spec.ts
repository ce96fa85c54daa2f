/**
 * Untrusted text is shown as text (docs/reliability.md §5): a workbook whose names hold an `<img onerror>`
 * and a `<script>` is imported through the app's own template, and the 预算执行 and 绩效指标 pages and
 * the 概览 heatmap tooltip (an ECharts HTML tooltip) show the markup literally. Nothing runs: the
 * payloads would set `document.body.dataset.pwned`, open a dialog or fetch `/x`, and none of that
 * happens; no `<img src="x">` element exists anywhere in the page.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './helpers'

const IMG = `<img src=x onerror="document.body.dataset.pwned='img'">`
const SCRIPT = `<script>document.body.dataset.pwned='script'</script>`
const ALERT = '<img src=x onerror=alert(1)>'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function hostileWorkbook(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer)
  const info = wb.getWorksheet('单位信息')
  const budget = wb.getWorksheet('预算执行')
  const indicators = wb.getWorksheet('绩效指标')
  const readings = wb.getWorksheet('指标填报')
  if (!info || !budget || !indicators || !readings) throw new Error('template sheets missing')
  info.getCell('B2').value = '注入测试局'
  info.getCell('B3').value = 2024
  info.getCell('B5').value = '办公室'
  info.getCell('B6').value = '2024-06-30'
  const june = (spent: number, allocated: number) => [
    ...Array.from({ length: 12 }, (_, i) => (i === 5 ? spent : null)),
    ...Array.from({ length: 12 }, (_, i) => (i === 5 ? allocated : null)),
  ]
  budget.getRow(2).values = [
    '基本支出',
    '公用经费',
    null,
    null,
    IMG,
    '财政拨款',
    100,
    null,
    null,
    null,
    ...june(30, 40),
  ]
  budget.getRow(3).values = [
    '项目支出',
    null,
    ALERT,
    '办公室',
    SCRIPT,
    '财政拨款',
    200,
    null,
    null,
    null,
    ...june(50, 60),
  ]
  indicators.getRow(2).values = ['整体', '产出指标', '数量指标', IMG, '≥', 100, '宗', 10, '累计型', null, null]
  indicators.getRow(3).values = ['整体', '效益指标', '社会效益指标', SCRIPT, '≥', 90, '%', 10, '水平型', null, null]
  readings.getRow(2).values = [
    '2024-06-30',
    '整体',
    '产出指标',
    '数量指标',
    IMG,
    40,
    null,
    null,
    null,
    90,
    '有可能',
    null,
    ALERT,
  ]
  readings.getRow(3).values = [
    '2024-06-30',
    '整体',
    '效益指标',
    '社会效益指标',
    SCRIPT,
    95,
    null,
    null,
    null,
    null,
    '确定能',
    null,
    null,
  ]
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function expectNothingRan(page: Page, dialogs: string[], fetchedX: string[]): Promise<void> {
  expect(await page.evaluate(() => document.body.dataset.pwned ?? 'none')).toBe('none')
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('pwned')).length)).toBe(
    0,
  )
  expect(dialogs).toEqual([])
  expect(fetchedX).toEqual([])
}

test('markup in imported names is shown as literal text on 预算执行, 绩效指标 and the 概览 heatmap tooltip, and never runs', async ({
  page,
}) => {
  const dialogs: string[] = []
  const fetchedX: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('request', (r) => {
    if (/\/x$/.test(new URL(r.url()).pathname)) fetchedX.push(r.url())
  })

  await page.goto('/#/data/import')
  const bytes = await hostileWorkbook(page)
  await page.getByTestId('import-file').setInputFiles({ name: '注入.xlsx', mimeType: XLSX_TYPE, buffer: bytes })
  // The preview already lists the rows by name, as text.
  await expect(page.getByTestId('import-rows')).toContainText(SCRIPT)
  await page.getByTestId('commit-import').click()
  await expect(page.getByTestId('transfer-message')).toContainText('导入完成')
  await expectNothingRan(page, dialogs, fetchedX)

  await page.getByRole('link', { name: '预算执行' }).click()
  const table = page.getByTestId('execution-table')
  await expect(table.getByText(IMG, { exact: true }).first()).toBeVisible()
  await expect(table.getByText(SCRIPT, { exact: true }).first()).toBeVisible()
  await expectNothingRan(page, dialogs, fetchedX)
  await screenshot(page, 'hostile-text-execution')

  await page.getByRole('link', { name: '绩效指标' }).click()
  await expect(page.getByText(IMG, { exact: true }).first()).toBeVisible()
  await expect(page.getByText(SCRIPT, { exact: true }).first()).toBeVisible()
  await expectNothingRan(page, dialogs, fetchedX)
  await screenshot(page, 'hostile-text-indicators')

  // 概览 heatmap: two indicator rows × one node; hover each row and read the HTML tooltip.
  await page.getByRole('link', { name: '概览' }).click()
  const heatmap = page.getByTestId('heatmap-chart')
  await expect(heatmap.locator('canvas').first()).toBeVisible()
  await heatmap.scrollIntoViewIfNeeded()
  const box = await heatmap.boundingBox()
  if (!box) throw new Error('heatmap not laid out')
  const tooltipTexts: string[] = []
  for (const fraction of [0.25, 0.75]) {
    // grid: top 40 px, bottom 56 px; the cells fill the width right of the axis labels
    await heatmap.hover({ position: { x: box.width * 0.75, y: 40 + (box.height - 96) * fraction } })
    const tooltip = heatmap.locator('div').filter({ hasText: '灯' }).last()
    await expect(tooltip).toBeVisible()
    tooltipTexts.push((await tooltip.textContent()) ?? '')
    await expect(heatmap.locator('img')).toHaveCount(0)
  }
  expect(tooltipTexts.some((t) => t.includes(IMG))).toBe(true)
  expect(tooltipTexts.some((t) => t.includes(SCRIPT))).toBe(true)
  await expectNothingRan(page, dialogs, fetchedX)
  await screenshot(page, 'hostile-text-heatmap-tooltip')
})
