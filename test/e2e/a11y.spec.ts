/**
 * Accessible (issue 13, item 7): no serious or critical axe-core finding (WCAG 2.0/2.1 A and AA) on any
 * page. With the demo loaded, this walks every page of the navigation, every 数据管理 tab, the entry
 * modes, a project and an indicator drill-down, 节点对比 and the 领导批示单, runs axe-core on each, and
 * fails listing every serious or critical violation with its rule, the element (selector) and the page.
 *
 * The app's CSP (script-src 'self', see security.spec.ts) blocks an injected <script>, so axe's source
 * is evaluated through the DevTools protocol (page.evaluate), which the CSP does not govern; the CSP
 * itself stays on.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import { expandAll, STOPS, type Stop } from './pageWalk'
import { expect, expectPageComplete, test } from './helpers'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The pages of plain-chinese.spec.ts, plus the 领导批示单. */
const A11Y_STOPS: Stop[] = [...STOPS, { name: '领导批示单', path: '/alerts/sheet' }]

interface Finding {
  id: string
  impact: string
  help: string
  targets: string[]
  summary: string
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and returns its serious and critical violations. */
async function seriousFindings(page: Page): Promise<Finding[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(`${AXE_SOURCE}\n;void 0`)
  // colours fade (Element Plus transitions, e.g. a radio button or a tag that just changed): let every finite
  // animation end first, or axe measures a colour half-way
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  )
  return page.evaluate(async () => {
    interface AxeNode {
      target: unknown[]
      html: string
      failureSummary?: string
    }
    interface AxeResult {
      id: string
      impact?: string | null
      help: string
      nodes: AxeNode[]
    }
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeResult[] }> } }
    ).axe
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        // the selector, then the element's opening tag: Element Plus ids (#el-id-…) alone say little
        targets: v.nodes.map((n) => `${n.target.map(String).join(' ')} ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`),
        summary: v.nodes
          .slice(0, 1)
          .map((n) => (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200))
          .join(''),
      }))
  })
}

async function visit(page: Page, stop: Stop): Promise<void> {
  await page.goto(`/#${stop.path}`)
  // colours measured mid-transition (a button turning from disabled to enabled) failed color-contrast once
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' })
  await expect(page.locator('.page-title, nav[aria-label="数据管理"] a.active, .sheet-title').first()).toBeVisible()
  await expectPageComplete(page, stop.path === '/overview' ? ['gauge-chart'] : [])
}

/** Walks every stop twice (as first shown, then with every row and panel opened) and fails on any finding. */
async function expectNoSeriousFindings(page: Page): Promise<void> {
  const problems: string[] = []
  const byRule = new Map<string, number>()
  for (const stop of A11Y_STOPS) {
    await visit(page, stop)
    const seen = new Set<string>()
    for (const expanded of [false, true]) {
      if (expanded) await expandAll(page)
      for (const finding of await seriousFindings(page)) {
        for (const target of finding.targets) {
          const line = `${stop.name}（${stop.path}）— ${finding.impact} ${finding.id}: ${target}（${finding.help}）`
          if (seen.has(line)) continue
          seen.add(line)
          byRule.set(finding.id, (byRule.get(finding.id) ?? 0) + 1)
          problems.push(line)
        }
      }
    }
  }
  const counts = [...byRule].map(([id, n]) => `${id} ×${n}`).join('，')
  expect(problems, `axe-core 严重问题 ${problems.length} 处（${counts}）：\n${problems.join('\n')}`).toEqual([])
}

test('every page of the 1-6月 demo has no serious or critical axe-core finding (WCAG 2.1 A/AA)', async ({ page }) => {
  test.setTimeout(300_000)
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
  await expectNoSeriousFindings(page)
})

test('every page of the whole-year demo (1-12月, 年末预测, 节点对比) has no serious or critical axe-core finding', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await page.goto('/')
  await page.getByTestId('load-demo-year').click()
  await expect(page.getByTestId('select-node')).toContainText('2021年1-12月')
  await expectNoSeriousFindings(page)
})
