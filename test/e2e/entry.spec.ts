/**
 * From an empty app to a monitored unit by typing — 新建单位, a budget line,
 * an indicator, a node, monthly figures in the grid (one invalid cell named in place and blocking
 * 保存 until fixed, a block pasted as from Excel), the figures on 概览, an indicator reading whose
 * light follows the typing — and everything still there after a reload. Figures follow seed 001
 * (且末县自然资源局 2021: 工资福利支出 1129.83, 6月 cumulative 324.88; 用地初审 7 of 15 → 46.67%, green).
 */
import type { Locator, Page } from '@playwright/test'
import { chooseOption, expect, screenshot, test } from './helpers'

/** Element Plus puts a test id on the input itself or on its wrapper; fill whichever holds the input. */
async function fill(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId)
  const tag = await el.evaluate((node) => node.tagName)
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()
  await input.fill(value)
}

/** Chooses `option` in `select` (chosen again if a click on the moving dropdown selected nothing). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await chooseOption(page, select, option)
}

const cell = (page: Page, row: number, col: number) => page.locator(`[data-cell="${row}-${col}"]`)

async function pasteInto(target: Locator, text: string): Promise<void> {
  await target.focus()
  await target.evaluate((el, data) => {
    const transfer = new DataTransfer()
    transfer.setData('text/plain', data)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  }, text)
}

test('a new user enters a unit, budget, node, monthly figures and a reading, and sees them on 概览 after a reload', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await expect(page.getByTestId('new-unit')).toBeVisible()
  await screenshot(page, 'entry-0-empty')

  // 新建单位
  await page.getByTestId('new-unit').click()
  await expect(page).toHaveURL(/#\/data\/unit/)
  await fill(page, 'new-unit-name', '且末县自然资源局')
  const yearInput = page.getByTestId('new-unit-year').locator('input')
  await yearInput.fill('2021')
  await yearInput.blur()
  await page.getByTestId('new-unit-create').click()
  await expect(page.getByTestId('select-unit-year')).toContainText('且末县自然资源局 · 2021年')
  await expect(page.getByTestId('unit-form')).toBeVisible()

  // 单位信息
  await fill(page, 'unit-finance-officer', '郝永婕')
  const departments = page.getByTestId('unit-departments').locator('input').first()
  await departments.fill('财务室')
  await expect(
    page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '财务室' }),
  ).toBeVisible()
  await departments.press('Enter')
  await expect(page.getByTestId('unit-departments')).toContainText('财务室')
  await page.getByTestId('unit-add-member').click()
  const memberRow = page.getByTestId('unit-group').locator('.el-table__body tr').first()
  await memberRow.locator('input').nth(0).fill('姜西军')
  await memberRow.locator('input').nth(1).fill('局长、党组副书记')
  await page.getByTestId('unit-save').click()
  await expect(page.getByText('单位信息已保存')).toBeVisible()
  await expect(page.getByTestId('unit-departments')).toContainText('财务室')
  await screenshot(page, 'entry-1-unit')

  // 预算: one 基本支出 line; a bad amount is named in place and nothing is saved
  await page.locator('.tabs').getByRole('link', { name: '预算', exact: true }).click()
  await page.getByTestId('budget-add-basic').click()
  const dialog = page.getByTestId('budget-line-dialog')
  await fill(page, 'budget-name', '工资福利支出')
  await fill(page, 'budget-initial', '1,129.83')
  await fill(page, 'budget-additions', '1,2a')
  await expect(dialog).toContainText('追加「1,2a」不是有效金额')
  await expect(page.getByTestId('budget-adjusted')).toHaveText('—')
  await page.getByTestId('budget-save').click()
  await expect(page.getByTestId('budget-messages')).toContainText('改正前不会保存')
  await screenshot(page, 'entry-2-budget-invalid')
  await fill(page, 'budget-additions', '')
  await expect(page.getByTestId('budget-adjusted')).toHaveText('1,129.83 万元')
  await page.getByTestId('budget-save').click()
  await expect(dialog).toBeHidden()
  // a project line, its project created inline
  await page.getByTestId('budget-add-project').click()
  await fill(page, 'budget-new-project', '国有土地出让金评估项目')
  await fill(page, 'budget-initial', '150')
  await page.getByTestId('budget-save').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('budget-total')).toHaveText('1,279.83')
  await expect(page.locator('[data-group="项目支出 · 国有土地出让金评估项目"]')).toContainText('150.00')
  await screenshot(page, 'entry-3-budget')

  // 绩效目标: one 三级指标 under 产出指标 / 数量指标
  await page.locator('.tabs').getByRole('link', { name: '绩效目标', exact: true }).click()
  await page.getByTestId('indicator-add').click()
  await choose(page, page.getByTestId('indicator-level1'), '产出指标')
  await fill(page, 'indicator-name', '办理建设项目用地初审')
  await fill(page, 'indicator-target', '15')
  await fill(page, 'indicator-unit', '个')
  await page.getByTestId('indicator-save').click()
  await expect(page.getByTestId('indicator-dialog')).toBeHidden()
  await expect(page.getByTestId('targets-table')).toContainText('≥15个')
  await expect(page.getByTestId('targets-table')).toContainText('数量指标')
  await screenshot(page, 'entry-4-targets')

  // 监控节点: 2021-06-30
  await page.locator('.tabs').getByRole('link', { name: '监控节点', exact: true }).click()
  await page.getByRole('button', { name: /2021年1-6月（06月30日）/ }).click()
  await expect(page.getByTestId('node-label')).toHaveText('2021年1-6月')
  await page.getByTestId('node-create').click()
  await expect(page.getByTestId('nodes-table')).toContainText('2021-06-30')
  await expect(page.getByTestId('select-node')).toContainText('2021年1-6月')
  await screenshot(page, 'entry-5-nodes')

  // 月度执行录入: type with Tab, one invalid cell, then paste 到位资金 as a block
  await page.getByRole('link', { name: '预算执行', exact: true }).click()
  await page.getByTestId('execution-mode').getByText('月度录入').click()
  await expect(page.getByTestId('execution-grid')).toBeVisible()
  await cell(page, 0, 0).click()
  for (const value of ['53.90', '107.95', '1,2a', '216.45', '270.60', '324.88']) {
    await page.keyboard.type(value)
    await page.keyboard.press('Tab')
  }
  const bad = cell(page, 0, 2)
  await expect(bad).toHaveAttribute('aria-invalid', 'true')
  await expect(bad.locator('xpath=..')).toContainText('3月执行数「1,2a」不是有效数字')
  await page.getByTestId('execution-field').getByText('到位资金').click()
  await pasteInto(cell(page, 0, 0), '53.90\t107.95\t162.20\t216.45\t270.60\t324.88\r\n')
  await expect(cell(page, 0, 5)).toHaveValue('324.88')
  await page.getByTestId('execution-field').getByText('执行数').click()
  await page.getByTestId('execution-save').click()
  await expect(page.getByTestId('execution-save-messages')).toContainText('改正后才能保存')
  await expect(page.getByTestId('execution-save-messages')).toContainText('工资福利支出：3月执行数「1,2a」不是有效数字')
  await screenshot(page, 'entry-6-grid-invalid')
  // leaving with unsaved figures asks first; staying keeps them
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.locator('.el-message-box')).toContainText('有尚未保存的月度执行数')
  await page.getByRole('button', { name: '留在此处' }).click()
  await expect(cell(page, 0, 5)).toHaveValue('324.88')
  await bad.fill('162.20')
  await expect(bad).toHaveAttribute('aria-invalid', 'false')
  await expect(page.getByTestId('execution-totals')).toContainText('324.88')
  await page.getByTestId('execution-save').click()
  await expect(page.getByText('已保存 6 个月份的执行数据')).toBeVisible()
  await expect(page.getByTestId('execution-save-messages')).toBeHidden()
  await screenshot(page, 'entry-7-grid-saved')

  // 概览: 324.88 of 1279.83 = 25.38%, 序时进度 50%
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.getByTestId('kpi-adjusted-budget').locator('.kpi-value')).toHaveText('1,279.83 万元')
  await expect(page.getByTestId('kpi-spent').locator('.kpi-value')).toHaveText('324.88 万元')
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.38%')
  await screenshot(page, 'entry-8-overview')

  // 指标填报: the light follows the typing; red asks for 偏差原因
  await page.getByRole('link', { name: '绩效指标', exact: true }).click()
  await page.getByTestId('indicators-mode').getByText('指标填报').click()
  const row = page.getByTestId('readings-table').locator('.el-table__body tr').first()
  await fill(page, 'reading-actual', '3')
  await expect(row.getByTestId('reading-light')).toHaveAttribute('data-light', 'red')
  await expect(row.getByTestId('reading-rate')).toHaveText('20.00%')
  await page.getByTestId('readings-save').click()
  await expect(page.getByTestId('readings-messages')).toContainText('预警灯为红灯，请选择至少一项偏差原因')
  await expect(page.getByTestId('readings-messages')).toContainText('请选择完成目标可能性')
  await screenshot(page, 'entry-9-reading-red')
  await fill(page, 'reading-actual', '7')
  await expect(row.getByTestId('reading-rate')).toHaveText('46.67%')
  await expect(row.getByTestId('reading-light')).toHaveAttribute('data-light', 'green')
  await choose(page, row.getByTestId('reading-likelihood'), '确定能')
  await page.getByTestId('readings-save').click()
  await expect(page.getByText('已保存 1 个指标的填报')).toBeVisible()
  await screenshot(page, 'entry-10-reading-saved')

  // reload: everything came from IndexedDB
  await page.reload()
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.38%')
  await expect(page.getByTestId('kpi-indicators')).toBeVisible()
  const overviewRow = page
    .getByTestId('indicator-table')
    .locator('.el-table__body-wrapper tr', { hasText: '办理建设项目用地初审' })
  await expect(overviewRow).toContainText('46.67%')
  await expect(overviewRow.locator('[data-light]')).toHaveAttribute('data-light', 'green')
  await page.getByRole('link', { name: '预算执行', exact: true }).click()
  await page.getByTestId('execution-mode').getByText('月度录入').click()
  await expect(cell(page, 0, 2)).toHaveValue('162.20')
  await screenshot(page, 'entry-11-after-reload')
})

test('复制上一节点 starts 1-7月 from the 1-6月 readings of seed 001, 定稿 waits until July is settled, and a locked node is read-only', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()

  // 节点研判 of 工资福利支出 at 1-6月: 324.88 of 1129.83 = 28.75%, ratio 57.5 → red, so 偏差原因 are required
  await page.getByRole('link', { name: '预算执行', exact: true }).click()
  await page.getByTestId('execution-mode').getByText('节点研判').click()
  const salary = page.getByTestId('budget-judgements').locator('.el-table__body tr', { hasText: '工资福利支出' })
  await expect(salary).toContainText('28.75%')
  await expect(salary.locator('[data-light]')).toHaveAttribute('data-light', 'red')
  await salary.locator('input').first().fill('1,129.83')
  await choose(page, salary.locator('.el-select').first(), '确定能')
  await page.getByTestId('judgements-save').click()
  await expect(page.getByTestId('judgements-messages')).toContainText(
    '工资福利支出：执行进度为红灯，请选择至少一项偏差原因',
  )
  await choose(page, salary.locator('.el-select').nth(1), '其他')
  await salary.locator('textarea').fill('绩效工资和年终奖励集中在下半年发放')
  await page.getByTestId('judgements-save').click()
  await expect(page.getByText('已保存 1 条预算行的研判')).toBeVisible()
  await screenshot(page, 'entry-12-budget-judgement')

  await page.getByRole('link', { name: '数据管理', exact: true }).click()
  await page.locator('.tabs').getByRole('link', { name: '监控节点', exact: true }).click()
  await page.getByRole('button', { name: /2021年1-7月（07月31日）/ }).click()
  await expect(page.getByTestId('node-copy')).toContainText('以“2021年1-6月”的指标填报和预算研判为起点')
  await page.getByTestId('node-create').click()
  const julyRow = page.getByTestId('nodes-table').locator('.el-table__body tr', { hasText: '2021-07-31' })
  await expect(julyRow).toContainText('2021年1-7月')
  await expect(julyRow).toContainText('22') // the 22 三级指标 readings of seed 001, copied forward
  await expect(page.getByTestId('select-node')).toContainText('2021年1-7月')
  // 定稿 (which locks the node) happens on 监控报告, with the report frozen alongside
  await julyRow.getByTestId('node-freeze').click()
  await expect(page.getByTestId('report-freeze')).toBeVisible()
  // 1-7月 used to freeze at once, passing June's figures, readings and 研判 off as
  // July's. Now 定稿 waits until July is settled — the 5 lines have no July entry (June's 383.74 stands
  // in), and the 22 readings and 工资福利支出's 研判 are still June's — and the button stays disabled.
  const checks = page.getByTestId('report-checks')
  await expect(checks).toContainText('定稿前需处理以下 3 项')
  await expect(checks).toContainText(
    '5 个预算行未填报7月：工资福利支出、车辆运行维护费、基本公用经费、驻村、管寺生活补助、国有土地出让金评估项目（按截至6月的数计）',
  )
  await expect(checks).toContainText('22 个指标的填报沿用自“2021年1-6月”，尚未确认')
  await expect(checks).toContainText('1 个预算行的研判沿用自“2021年1-6月”，尚未确认')
  await expect(page.getByTestId('report-freeze')).toBeDisabled()
  await screenshot(page, 'entry-12b-report-checks')
  // 确认本月无新增支出: July's entries are June's cumulative figures
  await page.getByTestId('report-check-no-new-spending').click()
  await expect(page.getByText('已确认本月无新增支出')).toBeVisible()
  await expect(checks.getByTestId('report-check')).toHaveCount(2)
  await expect(checks).not.toContainText('未填报7月')
  // the 22 readings: 全部确认沿用, then 保存填报 on 指标填报 (the check links there)
  await checks.locator('[data-kind="carriedReadings"]').getByTestId('report-check-link').click()
  await expect(page.getByTestId('readings-carried')).toContainText(
    '22 个指标的实际值、偏差原因和全年预计沿用自“2021年1-6月”',
  )
  await page.getByTestId('readings-confirm-all').click()
  await page.getByTestId('readings-save').click()
  await expect(page.getByText('已保存 22 个指标的填报')).toBeVisible()
  await expect(page.getByTestId('readings-carried')).toHaveCount(0)
  // 工资福利支出's 研判: checked and saved again on 节点研判 (the check links there)
  await page.getByRole('link', { name: '监控报告', exact: true }).click()
  await checks.locator('[data-kind="carriedJudgements"]').getByTestId('report-check-link').click()
  await expect(page.getByTestId('budget-judgements')).toBeVisible()
  await expect(page.getByTestId('judgements-carried')).toContainText(
    '1 个预算行的全年预计和偏差原因沿用自“2021年1-6月”，尚未确认',
  )
  await expect(page.getByTestId('judgement-carried')).toContainText('沿用上一节点')
  await page.getByTestId('judgements-confirm-all').click()
  // the first save's message may still be on screen (it stays 3 s): this save's is waited for, or the test
  // would leave the page while the save is under way (and be asked whether to drop the unsaved input)
  await expect(page.getByText('已保存 1 条预算行的研判')).toHaveCount(0)
  await page.getByTestId('judgements-save').click()
  await expect(page.getByText('已保存 1 条预算行的研判')).toBeVisible()
  await expect(page.getByTestId('judgements-carried')).toHaveCount(0)
  await page.getByRole('link', { name: '监控报告', exact: true }).click()
  await expect(page.getByTestId('report-document')).toBeVisible()
  await expect(page.getByTestId('report-checks')).toHaveCount(0)
  await expect(page.getByTestId('report-freeze')).toBeEnabled()
  await page.getByTestId('report-freeze').click()
  await page.getByRole('button', { name: '定稿', exact: true }).last().click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  await page.getByRole('link', { name: '数据管理', exact: true }).click()
  await page.locator('.tabs').getByRole('link', { name: '监控节点', exact: true }).click()
  await expect(julyRow).toContainText('已锁定')
  await screenshot(page, 'entry-13-copy-forward-locked')

  await page.getByRole('link', { name: '绩效指标', exact: true }).click()
  await page.getByTestId('indicators-mode').getByText('指标填报').click()
  await expect(page.getByTestId('readings-entry')).toContainText('已锁定，填报只能查看')
  await expect(page.getByTestId('readings-save')).toHaveCount(0)
  await expect(
    page.getByTestId('reading-actual').first().locator('input').or(page.getByTestId('reading-actual').first()),
  ).toBeDisabled()
  await screenshot(page, 'entry-14-locked-readings')
})
