/**
 * Two tabs (docs/reliability.md §3): what one tab writes appears in the other without a reload, through
 * Dexie's liveQuery over IndexedDB shared by both pages of one browser profile.
 */
import { expect, test } from './helpers'

test('data loaded in one tab and a setting saved in the other show up in both', async ({ page, context }) => {
  const second = await context.newPage()
  await page.goto('/')
  await second.goto('/')
  await expect(second.getByRole('button', { name: '载入示例数据' })).toBeVisible()

  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
  // The second tab was showing the empty state; it fills in by itself.
  await expect(second.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')

  await second.getByRole('link', { name: '设置', exact: true }).click()
  const precision = second.locator('.el-form-item', { hasText: '百分比小数位数' }).locator('input')
  await precision.fill('0')
  await precision.blur()
  await second.getByTestId('settings-save').click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('26%')
  await second.close()
})
