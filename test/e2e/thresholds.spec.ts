/**
 * A light threshold changed on 设置: the 概览 of every node follows at once (the overview worker lights its
 * views again, domain/relight) and after a reload, with the 定稿 1-6月 keeping the settings frozen with it
 * (docs/domain-rules.md §12). The 概览's count of open alerts is held against the 预警 page's, which the page
 * computes itself on the main thread.
 */
import type { Locator, Page } from '@playwright/test'
import { chooseOption, expect, test } from './helpers'

const kpi = (page: Page, id: string): Locator => page.getByTestId(id).locator('.kpi-value')
const light = (page: Page) => page.getByTestId('budget-light').locator('[data-light]')
const nav = (page: Page, name: string) => page.getByRole('link', { name, exact: true })

async function showNode(page: Page, label: string): Promise<void> {
  await chooseOption(page, page.getByTestId('select-node'), `${label}（`, label)
}

/**
 * The open alerts the 概览 counts at the node shown, after checking that the 预警 page, which computes the
 * node's alerts itself on the main thread, counts as many.
 */
async function openAlerts(page: Page): Promise<string> {
  await expect(kpi(page, 'kpi-open-alerts')).toHaveText(/^\d+ 条$/)
  const overview = (await kpi(page, 'kpi-open-alerts').innerText()).trim()
  await nav(page, '预警').click()
  await expect(page.getByTestId('open-alert-count')).toHaveText(overview.replace(' 条', ''))
  await nav(page, '概览').click()
  await expect(kpi(page, 'kpi-open-alerts')).toHaveText(overview)
  return overview
}

test('设置: a budget light threshold changed, the 概览 of each node follows it, 1-6月 (定稿) keeps its own', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByTestId('load-demo-year').click()
  await expect(page.getByTestId('select-node')).toContainText('2021年1-12月')
  // 1-12月: 执行率 84.47% at 序时进度 100%, 执行进度比 84.47: green at the default thresholds (60 / 80)
  await expect(kpi(page, 'kpi-execution-rate')).toHaveText('84.47%')
  await expect(light(page)).toHaveAttribute('data-light', 'green')
  const before = await openAlerts(page)

  // red below 50, yellow below 90
  await nav(page, '设置').click()
  const budget = page.locator('.el-form-item', { hasText: '低于此值为红灯' }).first().locator('input')
  await budget.fill('50')
  await budget.blur()
  const yellow = page.locator('.el-form-item', { hasText: '低于此值为黄灯，否则绿灯' }).locator('input')
  await yellow.fill('90')
  await yellow.blur()
  await page.getByTestId('settings-save').click()
  await nav(page, '概览').click()

  // 84.47 is below 90 now: yellow, and the unit's 执行进度 alert is raised
  await expect(light(page)).toHaveAttribute('data-light', 'yellow')
  const after = await openAlerts(page)
  expect(Number.parseInt(after)).toBeGreaterThan(Number.parseInt(before))

  // 1-6月 is 定稿 with the defaults frozen: 51.4 stays below 60, red (it would be yellow under 50 / 90);
  // back at 1-12月, the new thresholds again
  await showNode(page, '2021年1-6月')
  await expect(kpi(page, 'kpi-execution-rate')).toHaveText('25.70%')
  await expect(light(page)).toHaveAttribute('data-light', 'red')
  await showNode(page, '2021年1-12月')
  await expect(light(page)).toHaveAttribute('data-light', 'yellow')

  // after a reload the same, from what is stored
  await page.reload()
  await expect(kpi(page, 'kpi-execution-rate')).toHaveText('84.47%')
  await expect(light(page)).toHaveAttribute('data-light', 'yellow')
  await expect(kpi(page, 'kpi-open-alerts')).toHaveText(after)
  await showNode(page, '2021年1-6月')
  await expect(light(page)).toHaveAttribute('data-light', 'red')
})
