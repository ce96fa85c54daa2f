/**
 * At the next 监控节点 the leader finds what was done about the same deviation at the previous one
 * (demo data, seed 001): at 2021年1-6月 a 批示 and a 纠偏措施 on the red 执行率 alert; then 2021年1-7月
 * is created on 数据管理 › 监控节点 (copying June's readings), and its 预警 page shows, on the same
 * alerts, June's light against July's with the verdict, June's 批示 and measure, and a link back to June.
 * Screenshot: alert-carry-over-july.png.
 */
import type { Page } from '@playwright/test'
import { chooseOption as chooseInSelect, expect, screenshot, test } from './helpers'

const JUNE_BUDGET = '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警'
// July: no July spending entered, so 执行率 stays 25.70% while 序时进度 is 7/12
const JULY_BUDGET = '执行率25.70%，序时进度58.33%，执行进度比44.1，低于60，红色预警'

/** Chooses `option` in the select `testId` (chosen again if a click on the moving dropdown selected nothing). */
async function chooseOption(page: Page, testId: string, option: string) {
  await chooseInSelect(page, page.getByTestId(testId), option)
}
const alertRow = (page: Page, text: string) =>
  page.getByTestId('alert-table').locator('.el-table__body-wrapper tr.el-table__row', { hasText: text })

test('1-7月 shows June’s 批示 and 纠偏措施 on the same alerts, the light change, and links back to 1-6月', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()

  // June: 批示 and a measure on the 执行率 alert
  await page.getByRole('link', { name: '预警', exact: true }).click()
  const june = alertRow(page, JUNE_BUDGET)
  await expect(june).toHaveCount(1)
  await expect(june.getByTestId('alert-carry-over')).toHaveCount(0) // nothing before June
  await page.getByTestId('reviewer-name').fill('才茨柯')
  await june.getByTestId('alert-comment').click()
  await page.getByTestId('alert-text').fill('三季度前执行率须赶上序时进度')
  await page.getByTestId('alert-text-submit').click()
  await expect(june).toContainText('最近：才茨柯 三季度前执行率须赶上序时进度')
  await june.getByTestId('alert-assign').click()
  const dialog = page.getByTestId('measure-dialog')
  await dialog.getByTestId('measure-content').fill('按月调度项目支付进度')
  await chooseOption(page, 'measure-department', '自然资源利用和用途管制科')
  await page.locator('[data-testid="measure-deadline"] input').fill('2021-09-15')
  await page.locator('[data-testid="measure-deadline"] input').press('Enter')
  await dialog.getByTestId('measure-effect').fill('9月底执行率达到序时进度')
  await page.getByTestId('measure-submit').click()
  await expect(dialog).toBeHidden()
  await expect(june).toContainText('措施 1 项')

  // 1-7月 through 数据管理 › 监控节点, starting from June's readings
  await page.getByRole('link', { name: '数据管理', exact: true }).click()
  await page.locator('.tabs').getByRole('link', { name: '监控节点', exact: true }).click()
  await page.getByRole('button', { name: /2021年1-7月（07月31日）/ }).click()
  await expect(page.getByTestId('node-copy')).toContainText('以“2021年1-6月”的指标填报和预算研判为起点')
  await page.getByTestId('node-create').click()
  await expect(page.getByTestId('select-node')).toContainText('2021年1-7月')

  await page.getByRole('link', { name: '预警', exact: true }).click()
  await expect(page.locator('.page-title')).toHaveText('预警 · 2021年1-7月')
  const july = alertRow(page, JULY_BUDGET)
  await expect(july).toHaveCount(1)
  const carried = july.getByTestId('alert-carry-over')
  await expect(carried.getByTestId('carry-over-summary')).toHaveText(
    '上一节点（2021年1-6月）：红灯 → 现在：红灯，未改善；当时预警未关闭。',
  )
  await expect(carried.getByTestId('carry-over-comments')).toHaveText(
    /^批示：才茨柯 \d{4}-\d\d-\d\d 三季度前执行率须赶上序时进度$/,
  )
  await expect(carried.getByTestId('carry-over-measures')).toHaveText(
    '纠偏措施：按月调度项目支付进度（自然资源利用和用途管制科，期限2021-09-15，计划；预期效果：9月底执行率达到序时进度）',
  )
  // 开展及红枣培训会议次数: 4 of 12 — 4 ÷ 6 = 67% of expected in June (黄), 4 ÷ 7 = 57% in July (红)
  const training = alertRow(page, '开展及红枣培训会议次数').filter({ has: page.getByTestId('alert-carry-over') })
  await expect(training.getByTestId('carry-over-summary')).toContainText('黄灯 → 现在：红灯，恶化')
  await expect(training.getByTestId('carry-over-nothing')).toHaveText('当时未批示，也未指派纠偏措施。')
  await screenshot(page, 'alert-carry-over-july')

  await carried.getByTestId('carry-over-open-node').click()
  await expect(page.locator('.page-title')).toHaveText('预警 · 2021年1-6月')
  await expect(page.getByTestId('select-node')).toContainText('2021年1-6月')
  await expect(alertRow(page, JUNE_BUDGET)).toContainText('措施 1 项')
})
