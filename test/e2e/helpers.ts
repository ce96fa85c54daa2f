// Shared e2e helpers.
//
//   import { test, expect, screenshot } from './helpers'
//   test('导入', async ({ page }) => { await page.goto('/'); await screenshot(page, 'home') })
//
// The `test` exported here is Playwright's test plus an automatic `pageErrors`
// fixture: every console error, uncaught page error, failed request and any
// request leaving 127.0.0.1 (the app is offline) fails the test at its end.
// Use `pageErrors.allow(/pattern/)` for an error a test provokes on purpose.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import type { BrowserContext, ConsoleMessage, Locator, Page, Request } from '@playwright/test'

export { expect }

export const SCREENSHOT_DIR = join(process.env.E2E_RESULTS ?? 'test-results', 'screenshots')

/** Saves a full-page screenshot to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'screenshot'
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${safe}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/** The 概览's six charts (src/pages/OverviewPage.vue), each drawn on a canvas once ECharts has loaded. */
export const OVERVIEW_CHARTS = [
  'gauge-chart',
  'execution-trend-chart',
  'project-chart',
  'dual-chart',
  'level-chart',
  'heatmap-chart',
] as const

/** The 「正在…」 texts a page shows while it still loads (NeedsData, 监控报告, 存储状态, 未处理预警 KPI). */
const LOADING_TEXT = /^正在(读取本地数据|读取报告|检查|按预警规则检查|向浏览器查询)/

/**
 * Waits until the page shows everything it loads after its first paint: each of `charts` drawn on a
 * canvas, no AfterFirstPaint placeholder (`aria-busy`) and no 「正在…」 loading text left. The app is
 * offline-first, so "the network went quiet" (networkidle) says nothing about this; call it after a
 * positive check that the page is the one expected (its title, a KPI), e.g. before a screenshot.
 */
export async function expectPageComplete(page: Page, charts: readonly string[] = []): Promise<void> {
  for (const chart of charts) await expect(page.getByTestId(chart).locator('canvas').first()).toBeVisible()
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
  await expect(page.getByText(LOADING_TEXT)).toHaveCount(0)
}

/**
 * Chooses `option` in an Element Plus select and waits until the select shows `shown` (by default the
 * option's text). A click that lands while the dropdown still moves (it scrolls to the chosen option as
 * it opens, and a busy page draws that late) can press on one item and release on another, which selects
 * nothing and leaves the dropdown open: then it is chosen again, as a user would, from the open dropdown.
 */
export async function chooseOption(page: Page, select: Locator, option: string, shown = option): Promise<void> {
  const item = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first()
  await expect(async () => {
    if (!(await item.isVisible())) await select.click()
    await item.click({ timeout: 5_000 })
    await expect(select).toContainText(shown, { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
}

export interface PageErrors {
  /** Everything recorded so far, e.g. `console.error: …`, `pageerror: …`. */
  readonly errors: string[]
  /** Ignore errors matching this pattern from now on (for errors a test provokes on purpose). */
  allow(pattern: RegExp): void
  /** Fails the test if any (not allowed) error was recorded. */
  expectNone(): void
  /** Stops listening. */
  dispose(): void
}

function isLocal(url: string): boolean {
  if (/^(data|blob|about|chrome|chrome-extension|devtools):/i.test(url)) return true
  try {
    const { hostname } = new URL(url)
    return hostname === '127.0.0.1' || hostname === 'localhost'
  } catch {
    return false
  }
}

/**
 * Starts collecting console errors, uncaught exceptions and failed requests of `page`.
 * Pass `context` as well to also abort and report any non-local request (offline guarantee).
 */
export async function trackPageErrors(page: Page, context?: BrowserContext): Promise<PageErrors> {
  const errors: string[] = []
  const allowed: RegExp[] = []
  const add = (msg: string) => {
    if (!allowed.some((re) => re.test(msg))) errors.push(msg)
  }

  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error') {
      const loc = m.location()
      // The browser's own "Failed to load resource" for a request we aborted below.
      if (context && loc.url && !isLocal(loc.url) && /^Failed to load resource/.test(m.text())) return
      add(`console.error: ${m.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`)
    }
  }
  const onPageError = (e: Error) => add(`pageerror: ${e.message}\n${e.stack ?? ''}`)
  const onRequestFailed = (r: Request) => {
    const failure = r.failure()?.errorText ?? 'unknown'
    // Aborted navigations/downloads are normal browser behaviour, not app errors.
    if (failure === 'net::ERR_ABORTED' && isLocal(r.url())) return
    // Non-local requests are already reported (and aborted) by the route below.
    if (context && !isLocal(r.url())) return
    add(`requestfailed: ${r.method()} ${r.url()} (${failure})`)
  }
  page.on('console', onConsole)
  page.on('pageerror', onPageError)
  page.on('requestfailed', onRequestFailed)

  if (context) {
    await context.route(
      (url) => !isLocal(url.href),
      async (route) => {
        add(`external request (app must work offline): ${route.request().url()}`)
        await route.abort('blockedbyclient')
      },
    )
  }

  return {
    errors,
    allow(pattern) {
      allowed.push(pattern)
      for (let i = errors.length - 1; i >= 0; i--) if (pattern.test(errors[i])) errors.splice(i, 1)
    },
    expectNone() {
      expect(errors, `页面出现错误 / page reported errors:\n${errors.join('\n')}`).toEqual([])
    },
    dispose() {
      page.off('console', onConsole)
      page.off('pageerror', onPageError)
      page.off('requestfailed', onRequestFailed)
    },
  }
}

/** Playwright `test` whose pages are checked for errors automatically after each test. */
export const test = base.extend<{ pageErrors: PageErrors }>({
  pageErrors: [
    async ({ page, context }, use) => {
      const tracker = await trackPageErrors(page, context)
      await use(tracker)
      tracker.dispose()
      tracker.expectNone()
    },
    { auto: true },
  ],
})
