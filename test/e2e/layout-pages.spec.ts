/**
 * Every page with the demo data (seed 001) at 1024×768, 1280×720 and 1920×1080: no page scrolls sideways
 * (at 1024 px every page once did, by 40 px: the header's selectors did not shrink), the wide tables keep
 * their columns in view, and no cell of the report's tables lets a light or a figure stick out or breaks
 * a number, percent or date. A screenshot of each page and size goes to
 * test-results/screenshots/layout-<width>-<page>.png.
 */
import type { Page } from '@playwright/test'
import { DATA_TABS } from '../../src/components/layout/navigation'
import { expect, expectPageComplete, OVERVIEW_CHARTS, screenshot, test } from './helpers'

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const

interface Stop {
  name: string
  path: string
  /** the page title (or active 数据管理 tab) that says the page is the one expected */
  title: string | RegExp
  tab?: boolean
}

/** The pages of the navigation, the 数据管理 tabs, the two modes with wide grids and the drill-downs. */
const STOPS: Stop[] = [
  { name: 'overview', path: '/overview', title: '且末县自然资源局 · 2021年1-6月 概览' },
  { name: 'execution', path: '/execution', title: '预算执行 · 2021年1-6月' },
  { name: 'execution-entry', path: '/execution?mode=entry', title: /月度执行录入/ },
  { name: 'execution-judgement', path: '/execution?mode=judgement', title: /节点研判/ },
  { name: 'indicators', path: '/indicators', title: '绩效指标 · 2021年1-6月' },
  { name: 'indicators-entry', path: '/indicators?mode=entry', title: '绩效指标 · 2021年1-6月 指标填报' },
  { name: 'alerts', path: '/alerts', title: '预警 · 2021年1-6月' },
  { name: 'measures', path: '/measures', title: '纠偏措施 · 2021年1-6月' },
  { name: 'report', path: '/report', title: /监控报告 · 2021年1-6月/ },
  { name: 'department', path: '/department', title: /且末县自然资源局 · 部门汇总/ },
  // every 数据管理 tab, as the tab bar lists them
  ...DATA_TABS.map((tab) => ({
    name: `data-${tab.path || 'storage'}`,
    path: tab.path ? `/data/${tab.path}` : '/data',
    title: tab.title,
    tab: true,
  })),
  { name: 'settings', path: '/settings', title: '设置' },
  { name: 'project', path: '/project/demo-qiemo-2021-pgxm', title: /项目：国有土地出让金评估项目/ },
  { name: 'indicator', path: '/indicator/demo-ind-01', title: /指标：办理建设项目用地初审/ },
]

async function open(page: Page, stop: Stop): Promise<void> {
  await page.goto(`/#${stop.path}`)
  if (stop.tab) {
    await expect(page.getByRole('navigation', { name: '数据管理' }).locator('a.active')).toHaveText(stop.title)
  } else {
    await expect(page.locator('.page-title').first()).toHaveText(stop.title)
  }
  await expectPageComplete(page, stop.name === 'overview' ? OVERVIEW_CHARTS : [])
}

/** How far the document is wider than the window (0: no sideways scrolling). */
const sidewaysScroll = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

/** How far an Element Plus table's body is wider than its box (0: every column in view). */
const tableOverflow = (page: Page, testId: string): Promise<number> =>
  page
    .getByTestId(testId)
    .locator('.el-table__body-wrapper .el-scrollbar__wrap')
    .evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth)

/** The 月度执行录入 grid shows the node's month, right of the sticky 预算行 column and inside the grid. */
async function expectNodeMonthInView(page: Page, month: string): Promise<void> {
  const grid = page.getByTestId('execution-grid')
  await expect(grid.locator('th.node-month')).toContainText(month)
  const [column, names, box] = await Promise.all([
    grid.locator('th.node-month').boundingBox(),
    grid.locator('thead th.name-col').boundingBox(),
    grid.locator('xpath=..').boundingBox(),
  ])
  if (!column || !names || !box) throw new Error('the grid is not on screen')
  expect.soft(column.x, `${month} behind the 预算行 column`).toBeGreaterThanOrEqual(names.x + names.width - 1)
  expect.soft(column.x + column.width, `${month} off the grid's right edge`).toBeLessThanOrEqual(box.x + box.width + 1)
}

/**
 * Every cell of the report's tables (预算执行情况表 and the 附表 绩效目标监控表): what sticks out of its
 * cell (an element's or a text's box outside the cell's), and every number, percent or date set on more
 * than one line. Empty when the tables are right.
 */
function reportTableProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const FIGURE = /\d[\d.,:/%-]*/g
    const cells = document.querySelectorAll<HTMLElement>('.report-table th, .report-table td')
    for (const cell of cells) {
      const box = cell.getBoundingClientRect()
      const outside = (r: DOMRect) =>
        r.width > 0 &&
        (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      for (const child of cell.querySelectorAll('*')) {
        if (outside(child.getBoundingClientRect())) problems.push(`“${child.textContent}” sticks out of its cell`)
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        const range = document.createRange()
        range.selectNodeContents(node)
        if ([...range.getClientRects()].some(outside)) problems.push(`“${text}” sticks out of its cell`)
        for (const match of text.matchAll(FIGURE)) {
          const figure = match[0].replace(/[-/:.,]+$/, '')
          range.setStart(node, match.index)
          range.setEnd(node, match.index + figure.length)
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
          if (lines.size > 1) problems.push(`“${figure}” is broken over ${lines.size} lines in “${text}”`)
        }
      }
    }
    return problems
  })
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size })

    test(`every page fits ${size.width} px without sideways scrolling`, async ({ page }) => {
      test.setTimeout(180_000)
      await page.goto('/')
      await page.getByRole('button', { name: '载入示例数据' }).click()
      await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()

      for (const stop of STOPS) {
        await open(page, stop)
        expect.soft(await sidewaysScroll(page), `${stop.name} scrolls sideways at ${size.width} px`).toBe(0)
        await screenshot(page, `layout-${size.width}-${stop.name}`)

        if (stop.name === 'alerts') expect.soft(await tableOverflow(page, 'alert-table'), '预警 columns hidden').toBe(0)
        if (stop.name === 'measures') {
          // 期限, 状态 and 操作 in view (at 1024 px they were off to the right)
          expect.soft(await tableOverflow(page, 'measure-table'), '纠偏措施 columns hidden').toBe(0)
          const table = await page.getByTestId('measure-table').boundingBox()
          for (const header of ['期限', '状态', '操作']) {
            const th = await page.getByTestId('measure-table').locator('th', { hasText: header }).boundingBox()
            expect.soft(th && table && th.x + th.width <= table.x + table.width + 1, `${header} in view`).toBe(true)
          }
        }
        if (stop.name === 'execution-entry') await expectNodeMonthInView(page, '6月')
        if (stop.name === 'report') {
          await expect(page.getByTestId('report-indicator-table').locator('tbody tr')).toHaveCount(22)
          expect.soft(await reportTableProblems(page)).toEqual([])
        }
      }
    })
  })
}

test.describe('1024×768, a December node', () => {
  test.use({ viewport: SIZES[0] })

  test('the monthly grid scrolls to the node’s month when twelve months do not fit', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('button', { name: '载入示例数据' }).click()
    await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
    await page.goto('/#/data/nodes')
    await page.getByRole('button', { name: /2021年1-12月（12月31日）/ }).click()
    await expect(page.getByTestId('node-label')).toHaveText('2021年1-12月')
    await page.getByTestId('node-create').click()
    await expect(page.getByTestId('select-node')).toContainText('2021年1-12月')

    await open(
      page,
      STOPS.find((stop) => stop.name === 'execution-entry')!,
    )
    await expectNodeMonthInView(page, '12月')
    await screenshot(page, 'layout-1024-execution-entry-december')
  })
})
