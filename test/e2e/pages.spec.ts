/**
 * Every page of the shell on the demo data (seed 001): what a user sees there, and a screenshot of
 * each (test-results/screenshots/page-*.png) to look at after UI work.
 */
import { expect, expectPageComplete, OVERVIEW_CHARTS, screenshot, test } from './helpers'

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
})

test('the navigation reaches every page, each naming the node', async ({ page }) => {
  const titles = ['概览', '预算执行', '绩效指标', '预警', '纠偏措施', '监控报告', '部门汇总', '数据管理', '设置']
  const nav = page.getByRole('navigation', { name: '主导航' })
  expect(await nav.getByRole('link').allInnerTexts()).toEqual(titles)
  for (const [index, title] of titles.entries()) {
    await nav.getByRole('link', { name: title, exact: true }).click()
    await expect(page.locator('.page-title').first()).toContainText(title)
    await expectPageComplete(page, title === '概览' ? OVERVIEW_CHARTS : [])
    await screenshot(page, `page-${index}-${title}`)
  }
})

test('预算执行 lists the five budget lines with their June figures (seed 001)', async ({ page }) => {
  await page.getByRole('link', { name: '预算执行', exact: true }).click()
  const table = page.getByTestId('execution-table')
  await expect(table.locator('.el-table__body-wrapper tr')).toHaveCount(5)
  const salaryRow = table.locator('.el-table__body-wrapper tr', { hasText: '工资福利支出' })
  await expect(salaryRow).toContainText('1,129.83')
  await expect(salaryRow).toContainText('324.88')
  await expect(salaryRow).toContainText('28.75%')
})

test('绩效指标 shows 22 三级指标 with the seed 001 rates and lights', async ({ page }) => {
  await page.getByRole('link', { name: '绩效指标', exact: true }).click()
  const rows = page.getByTestId('indicator-table').locator('.el-table__body-wrapper tr')
  await expect(rows).toHaveCount(22)
  const row = (name: string) => rows.filter({ hasText: name })
  await expect(row('办理建设项目用地初审')).toContainText('46.67%')
  await expect(row('办理建设项目用地初审').locator('[data-light]')).toHaveAttribute('data-light', 'green')
  await expect(row('新增建设用地报批')).toContainText('6.67%')
  await expect(row('新增建设用地报批').locator('[data-light]')).toHaveAttribute('data-light', 'red')
  await expect(row('项目工程验收合格率')).toContainText('61.22%')
  await expect(row('项目工程验收合格率').locator('[data-light]')).toHaveAttribute('data-light', 'red')
  await expect(row('挂牌出让土地')).toContainText('未达监控节点')
  await expect(row('挂牌出让土地').locator('[data-light]')).toHaveAttribute('data-light', 'grey')
})

test('设置 rejects a yellow line below the red line with a Chinese message and keeps the light', async ({ page }) => {
  await page.getByRole('link', { name: '设置', exact: true }).click()
  const redInput = page.locator('.el-form-item', { hasText: '低于此值为红灯' }).first().locator('input')
  await redInput.fill('90')
  await redInput.blur()
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-problems')).toHaveText('预算执行预警阈值应满足 0 < 红灯线 < 黄灯线')
  // leaving with the refused settings asks first; 放弃修改并离开 drops them
  await page.getByRole('link', { name: '概览', exact: true }).click()
  const leave = page.locator('.el-message-box', { hasText: '有尚未保存的设置，离开后这些修改将丢失。是否仍要离开？' })
  await leave.getByRole('button', { name: '放弃修改并离开' }).click()
  await expect(page.getByTestId('budget-light').locator('[data-light]')).toHaveAttribute('data-light', 'red')
})

test('恢复默认 asks first: 取消 keeps a red line of 50 (budget light yellow at ratio 51.4), 恢复默认 brings red back', async ({
  page,
}) => {
  await page.getByRole('link', { name: '设置', exact: true }).click()
  const redInput = page.locator('.el-form-item', { hasText: '低于此值为红灯' }).first().locator('input')
  await redInput.fill('50')
  await redInput.blur()
  await page.getByTestId('settings-save').click()
  await expect(page.getByText('设置已保存').first()).toBeVisible()
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.getByTestId('budget-light').locator('[data-light]')).toHaveAttribute('data-light', 'yellow')

  await page.getByRole('link', { name: '设置', exact: true }).click()
  await page.getByTestId('settings-reset').click()
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('执行进度比低于 60 为红灯、低于 80 为黄灯；指标完成进度比低于 60% 为红灯')
  await screenshot(page, 'page-settings-reset-confirm')
  await box.getByRole('button', { name: '取消' }).click()
  // the confirm has closed with 取消 answered; only then does "still 50" say the cancel kept it
  await expect(box).toBeHidden()
  await expect(redInput).toHaveValue('50')

  await page.getByTestId('settings-reset').click()
  await page.locator('.el-message-box').getByRole('button', { name: '恢复默认' }).click()
  await expect(redInput).toHaveValue('60')
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.getByTestId('budget-light').locator('[data-light]')).toHaveAttribute('data-light', 'red')
})

test('precision 0 shows whole percents like seed 001 (执行率 26%), and survives a reload', async ({ page }) => {
  await page.getByRole('link', { name: '设置', exact: true }).click()
  const precision = page.locator('.el-form-item', { hasText: '百分比小数位数' }).locator('input')
  await precision.fill('0')
  await precision.blur()
  await page.getByTestId('settings-save').click()
  await page.getByRole('link', { name: '概览', exact: true }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('26%')
  await page.reload()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('26%')
})
