/**
 * 「载入全年示例（12个月）」: on a clean profile one click stores seed 001's unit for
 * the whole of 2021 — twelve month-end nodes — and opens its 1-12月. The 1-6月 node still reads the seed's
 * 25.70% (383.74 of 1493.25) and its report is 已定稿; 1-12月 reads its own 执行率, 84.47% (1261.28 of
 * 1493.25, the 示例 path of src/domain/demo/qiemo2021Year.ts), with the trend, forecast and score drawn
 * from the whole year. 「载入示例数据」 (the one-node demo) stays beside it.
 */
import type { Locator, Page } from '@playwright/test'
import { chooseOption, expect, expectPageComplete, screenshot, test } from './helpers'

const LABELS = [
  '2021年1月',
  '2021年1-2月',
  '2021年1-3月',
  '2021年1-4月',
  '2021年1-5月',
  '2021年1-6月',
  '2021年1-7月',
  '2021年1-8月',
  '2021年1-9月',
  '2021年1-10月',
  '2021年1-11月',
  '2021年1-12月',
]

const kpi = (page: Page, id: string): Locator => page.getByTestId(id).locator('.kpi-value')
const nav = (page: Page, name: string) => page.getByRole('link', { name, exact: true })
const dropdownItems = (page: Page) => page.locator('.el-select-dropdown:visible .el-select-dropdown__item')

async function showNode(page: Page, label: string): Promise<void> {
  await chooseOption(page, page.getByTestId('select-node'), `${label}（`, label)
}

test('载入全年示例: twelve nodes, 1-6月 at 25.70% and 已定稿, 1-12月 at 84.47% with trend and forecast', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await expect(page.getByRole('button', { name: '载入示例数据' })).toBeVisible()
  await page.getByTestId('load-demo-year').click()

  // opens at the latest node, 1-12月
  await expect(page.getByTestId('select-node')).toContainText('2021年1-12月')
  await expect(kpi(page, 'kpi-execution-rate')).toHaveText('84.47%')
  await expect(kpi(page, 'kpi-spent')).toHaveText('1,261.28 万元')
  await expect(kpi(page, 'kpi-adjusted-budget')).toHaveText('1,493.25 万元')
  await expect(kpi(page, 'kpi-time-progress')).toHaveText('100.00%')
  await expect(page.getByTestId('budget-light').locator('[data-light]')).toHaveAttribute('data-light', 'green')

  // the node selector lists the twelve month-end nodes
  await page.getByTestId('select-node').click()
  await expect(dropdownItems(page)).toHaveCount(12)
  expect((await dropdownItems(page).allInnerTexts()).map((t) => t.replace(/（.*$/, '').trim())).toEqual(LABELS)
  await page.keyboard.press('Escape')
  await expect(dropdownItems(page)).toHaveCount(0)

  // trend, forecast, score and heatmap drawn from the whole year
  for (const chart of ['gauge-chart', 'execution-trend-chart', 'level-chart', 'heatmap-chart']) {
    await expect(page.getByTestId(chart).locator('canvas').first()).toBeVisible()
  }
  await expect(page.getByTestId('forecast-trend-rate')).toHaveText(/^\d+\.\d{2}%$/)
  await expect(page.getByTestId('score-grade')).toHaveText(/^[优良中差]$/)
  await expect(page.getByTestId('score-budget-execution')).toContainText('12 个月（1-12月）')
  // the charts have no entry animation (animation: false in every option): drawn is final
  await expectPageComplete(page)
  await screenshot(page, 'demo-year-01-overview-1-12')

  // 1-6月: the seed's figures, and its report frozen
  await showNode(page, '2021年1-6月')
  await expect(kpi(page, 'kpi-execution-rate')).toHaveText('25.70%')
  await expect(kpi(page, 'kpi-spent')).toHaveText('383.74 万元')
  await expect(kpi(page, 'kpi-time-progress')).toHaveText('50.00%')
  await expect(page.getByTestId('budget-light').locator('[data-light]')).toHaveAttribute('data-light', 'red')
  await nav(page, '监控报告').click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  await expect(page.getByText('本报告已于')).toBeVisible()
  await expect(page.getByText('预算执行率25.70%').first()).toBeVisible()
  await expect(page.getByTestId('report-unlock')).toBeVisible()
  await screenshot(page, 'demo-year-02-report-1-6')

  // 1-12月's report is a draft with nothing to settle before 定稿
  await showNode(page, '2021年1-12月')
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
  await expect(page.getByTestId('report-freeze')).toBeEnabled()
  await expect(page.getByText('预算执行率84.47%').first()).toBeVisible()

  // and the 概览 of 1-12月 again, after a reload: the figures came from IndexedDB
  await nav(page, '概览').click()
  await page.reload()
  await expect(page.getByTestId('select-node')).toContainText('2021年1-12月')
  await expect(kpi(page, 'kpi-execution-rate')).toHaveText('84.47%')
})
