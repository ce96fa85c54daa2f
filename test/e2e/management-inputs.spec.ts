/**
 * 数据管理 › 管理指标 (docs/domain-rules.md §11.3) in the built app: the demo (且末县自然资源局 2021) opens
 * with its illustrative 管理指标填报 under the default scheme (广州2023自评表); a bad amount is named under
 * its field and nothing is saved; amounts, a 是/否 item, a judgement and a remark entered and saved are
 * still there after a reload; 设置 › 评分方案 lists the schemes and shows a scheme's items.
 */
import type { Locator, Page } from '@playwright/test'
import { chooseOption, expect, screenshot, test } from './helpers'

async function loadDemo(page: Page): Promise<void> {
  await page.goto('/#/overview')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('load-demo')).toHaveCount(0)
}

const amountInput = (page: Page, key: string) => page.getByTestId(`amount-${key}`).locator('input')

/** Chooses `option` in `select` (chosen again if a click on the moving dropdown selected nothing). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await chooseOption(page, select, option)
}

test('管理指标: entered on the new tab, checked, saved, and kept after a reload', async ({ page }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 720 })
  await loadDemo(page)
  await page.goto('/#/data')
  await page.locator('.tabs').getByRole('link', { name: '管理指标', exact: true }).click()
  await expect(page).toHaveURL(/#\/data\/management/)
  await expect(page.getByTestId('inputs-scheme')).toHaveText('广州2023自评表')
  // the demo's illustrative figures
  await expect(amountInput(page, 'staffingQuota')).toHaveValue('45')
  await expect(amountInput(page, 'yearEndCarryOver')).toHaveValue('231.97')
  await expect(page.getByTestId('inputs-items').locator('.el-table__body tr')).toHaveCount(26)
  await expect(page.getByTestId('inputs-state')).toHaveText('已保存')
  await screenshot(page, 'management-inputs-1-demo')

  // a bad amount: named under its field, nothing saved
  await amountInput(page, 'staffCount').fill('4a3')
  await page.getByTestId('inputs-save').click()
  await expect(page.getByTestId('amount-staffCount')).toContainText('在职人数「4a3」不是有效数字')
  await expect(page.getByTestId('inputs-state')).toHaveText('有未保存的修改')
  await screenshot(page, 'management-inputs-2-invalid')

  // amounts, a 是/否 item (资产盘点 否), a judgement (数据质量 部分达成 75%) and a remark
  await amountInput(page, 'staffCount').fill('44')
  await amountInput(page, 'staffingQuota').fill('46')
  await amountInput(page, 'threePublicActual').fill('10.25')
  await choose(page, page.getByTestId('entry-assetInventory').locator('.el-select'), '否')
  await choose(page, page.getByTestId('entry-assetData').locator('.el-select'), '部分达成')
  await page.getByTestId('entry-assetData').getByTestId('entry-percent').fill('75')
  const inventoryRow = page.getByTestId('inputs-items').locator('.el-table__body tr', { hasText: '资产盘点情况' })
  await inventoryRow.getByTestId('inputs-remark').fill('2021年资产盘点推迟至次年一季度')
  await page.getByTestId('inputs-save').click()
  await expect(page.getByText('管理指标已保存')).toBeVisible()
  await expect(page.getByTestId('inputs-state')).toHaveText('已保存')

  // kept after a reload
  await page.reload()
  await expect(amountInput(page, 'staffingQuota')).toHaveValue('46')
  await expect(amountInput(page, 'staffCount')).toHaveValue('44')
  await expect(amountInput(page, 'threePublicActual')).toHaveValue('10.25')
  await expect(page.getByTestId('entry-assetInventory').locator('.el-select')).toContainText('否')
  await expect(page.getByTestId('entry-assetData').locator('.el-select')).toContainText('部分达成')
  await expect(page.getByTestId('entry-assetData').getByTestId('entry-percent')).toHaveValue('75')
  await expect(inventoryRow.getByTestId('inputs-remark')).toHaveValue('2021年资产盘点推迟至次年一季度')
  await screenshot(page, 'management-inputs-3-reloaded')
})

test('设置 › 评分方案: the schemes, the year’s choice and a scheme’s items', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await loadDemo(page)
  await page.goto('/#/settings')
  const list = page.getByTestId('scheme-list')
  await expect(list.getByTestId('scheme-name')).toHaveText(['广州2023自评表', '通用方案'])
  await expect(list.locator('.el-table__body tr').first()).toContainText('26 项，共 100 分（20 项需填报）')
  await page.getByTestId('scoring-schemes').scrollIntoViewIfNeeded()
  await screenshot(page, 'scoring-schemes-1-list')

  await choose(page, page.getByTestId('scheme-choice'), '通用方案')
  await expect(page.getByText('且末县自然资源局 2021年改用通用方案')).toBeVisible()
  await expect(list.locator('.el-table__body tr', { hasText: '通用方案' })).toContainText('本年度使用')
  await page.reload()
  await expect(page.getByTestId('scheme-choice')).toContainText('通用方案')
  await page.goto('/#/data/management')
  await expect(page.getByTestId('inputs-scheme')).toHaveText('通用方案')

  await page.goto('/#/settings')
  await page.getByTestId('scheme-view').first().click()
  await expect(page.getByTestId('scheme-view-items').locator('.el-table__body tr')).toHaveCount(26)
  await expect(page.getByTestId('scheme-view-summary')).toContainText('共 26 项，合计 100 分')
  await screenshot(page, 'scoring-schemes-2-items')
})
