/**
 * Offline and private (docs/reliability.md §4): the app requests nothing beyond its own static files, and
 * once loaded it opens again with the network off (service worker + IndexedDB).
 */
import { test as plainTest } from '@playwright/test'
import { expect, expectPageComplete, OVERVIEW_CHARTS, screenshot, test, trackPageErrors } from './helpers'
import { NAV_TITLES } from './navigation'

test('a tour of every page requests nothing from any other origin', async ({ page, context, baseURL }) => {
  const requested: string[] = []
  context.on('request', (request) => requested.push(request.url()))
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
  const nav = page.getByRole('navigation', { name: '主导航' })
  for (const title of NAV_TITLES) {
    await nav.getByRole('link', { name: title, exact: true }).click()
    // the page and what it loads after its first paint (the 概览's charts and ECharts with them) are
    // shown, so every request it makes has been issued (`requested` records a request when it starts)
    await expect(page.locator('.page-title').first()).toContainText(title)
    await expectPageComplete(page, title === '概览' ? OVERVIEW_CHARTS : [])
  }
  const origin = new URL(baseURL ?? '').origin
  const foreign = requested.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))
  expect(requested.length).toBeGreaterThan(5)
  expect(foreign).toEqual([])
})

// Without the shared fixture: its request routing (which blocks foreign origins) makes Chromium
// bypass the service worker, which is exactly what this test needs. Errors are still tracked.
plainTest(
  'after one visit the app opens with the network off and shows the stored figures',
  async ({ page, context }) => {
    const errors = await trackPageErrors(page)
    await page.goto('/')
    await page.getByRole('button', { name: '载入示例数据' }).click()
    await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
    // Wait until the service worker controls the page, i.e. the shell is cached.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
        )
      }
    })
    const manifest = await page.locator('link[rel="manifest"]').getAttribute('href')
    expect(manifest).toBe('./manifest.webmanifest')

    await context.setOffline(true)
    await page.reload()
    await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
    await expect(page.getByTestId('kpi-adjusted-budget').locator('.kpi-value')).toHaveText('1,493.25 万元')
    // A page not visited before this reload still loads: every chunk was precached.
    await page.getByRole('link', { name: '绩效指标', exact: true }).click()
    await expect(page.getByTestId('indicator-table').locator('.el-table__body-wrapper tr')).toHaveCount(22)
    await screenshot(page, 'offline-indicators')
    await context.setOffline(false)
    errors.expectNone()
  },
)
