/**
 * 「一年」: a unit lives a whole monitoring year on a clean database, month
 * after month — a new month-end node (copied from the last), that month's 当月数 typed into the grid,
 * the indicator reading updated, the alerts looked at, 定稿. Each month the 概览 shows the 执行率 this
 * test works out from its own inputs; the months already 定稿 are read-only in the grid. At the end
 * every node still shows its own month's 执行率 on 概览, and every 定稿 report is byte-identical to
 * what it was when frozen (docs/domain-rules.md §12).
 *
 * Figures follow seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83 and 国有土地出让金评估项目 150,
 * 1,279.83 万元 in all; 办理建设项目用地初审 (cumulative), here ≥12 个 so that one a month is exactly on schedule.
 */
import type { Locator, Page } from '@playwright/test'
import { chooseOption, expect, expectPageComplete, OVERVIEW_CHARTS, screenshot, test } from './helpers'

const BUDGET = { gzfl: 112983, pgxm: 15000 } // in 分: 1129.83 and 150.00 万元
/** 当月数 per month in 分, typed in the grid's 当月数 view */
const MONTHLY = {
  gzfl: [5390, 5405, 5425, 5425, 5415, 5428, 9000, 9000, 9500, 10000, 12000, 20000],
  pgxm: [0, 0, 0, 0, 0, 0, 3000, 3000, 3000, 2000, 2000, 2000],
}
/** 用地初审 done by each month-end: one a month, exactly the 12 × m ÷ 12 expected, so its light stays green */
const ACTUAL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

const yuan = (fen: number) => (fen / 100).toFixed(2)
const cumulative = (months: number[], m: number) => months.slice(0, m).reduce((a, b) => a + b, 0)
/** 执行率 at month m, worked out from this test's own inputs: Σ cumulative ÷ Σ budget, two decimals of a percent */
function executionRate(m: number): string {
  const spent = cumulative(MONTHLY.gzfl, m) + cumulative(MONTHLY.pgxm, m)
  return `${((spent / (BUDGET.gzfl + BUDGET.pgxm)) * 100).toFixed(2)}%`
}
/** 执行进度比 = 执行率 ÷ 序时进度 × 100 (序时进度 m ÷ 12): below 80 the budget raises an alert */
function behindSchedule(m: number): boolean {
  const spent = cumulative(MONTHLY.gzfl, m) + cumulative(MONTHLY.pgxm, m)
  return (spent / (BUDGET.gzfl + BUDGET.pgxm) / (m / 12)) * 100 < 80
}
const label = (m: number) => (m === 1 ? '2021年1月' : `2021年1-${m}月`)
const monthEnd = (m: number) => new Date(Date.UTC(2021, m, 0)).toISOString().slice(0, 10)

async function fill(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId)
  const tag = await el.evaluate((node) => node.tagName)
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()).fill(value)
}
/** Chooses `option` in `select` (chosen again if a click on the moving dropdown selected nothing). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await chooseOption(page, select, option)
}
const cell = (page: Page, row: number, col: number) => page.locator(`[data-cell="${row}-${col}"]`)
const tab = (page: Page, name: string) => page.locator('.tabs').getByRole('link', { name, exact: true })
const nav = (page: Page, name: string) => page.getByRole('link', { name, exact: true })
/**
 * Opens a page from the navigation and checks that it opened. If it did not, the failure names the page
 * still shown and any dialog open over it (an entry's 尚未保存 question, say), which the CI log shows.
 */
async function open(page: Page, name: string): Promise<void> {
  await nav(page, name).click()
  try {
    await expect(page.locator('.page-title').first()).toContainText(name)
  } catch (error) {
    const shown = await page.locator('.page-title').allInnerTexts()
    const dialogs = await page.locator('.el-message-box:visible, .el-dialog:visible').allInnerTexts()
    throw new Error(
      `“${name}” did not open: the page shows ${JSON.stringify(shown)}` +
        (dialogs.length > 0 ? ` under the dialog ${JSON.stringify(dialogs)}` : '') +
        `\n${String(error)}`,
    )
  }
}

/** Every stored report's frozen copy, as IndexedDB holds it, by node date. */
async function frozenReports(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('jixiao-jiankong')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction(['nodes', 'reports'], 'readonly')
          const nodes = tx.objectStore('nodes').getAll()
          const reports = tx.objectStore('reports').getAll()
          tx.oncomplete = () => {
            const dateOf = new Map((nodes.result as { id: string; asOfDate: string }[]).map((n) => [n.id, n.asOfDate]))
            const out: Record<string, string> = {}
            for (const r of reports.result as { nodeId: string; frozen?: unknown }[]) {
              if (r.frozen) out[dateOf.get(r.nodeId) ?? r.nodeId] = JSON.stringify(r.frozen)
            }
            open.result.close()
            resolve(out)
          }
        }
      }),
  )
}

/**
 * Clicks 保存 and waits for its message. Last month's same message may still be on screen (a message
 * stays 3 s, and a month here can take less): taken for this save's, the test would leave the page while
 * the save is under way, and the page would ask whether to drop the unsaved input. So it waits for that
 * one to go first.
 */
async function saved(page: Page, save: Locator, message: string): Promise<void> {
  await expect(page.getByText(message)).toHaveCount(0)
  await save.click()
  await expect(page.getByText(message)).toBeVisible()
}

async function showNode(page: Page, m: number): Promise<void> {
  await chooseOption(page, page.getByTestId('select-node'), `${label(m)}（`, label(m))
}

test('一年: January to December — node, 当月数, reading, alerts, 定稿 — and every 定稿 report stays as frozen', async ({
  page,
}) => {
  test.setTimeout(480_000)
  await page.goto('/')
  await page.getByTestId('new-unit').click()
  await fill(page, 'new-unit-name', '且末县自然资源局')
  const yearInput = page.getByTestId('new-unit-year').locator('input')
  await yearInput.fill('2021')
  await yearInput.blur()
  await page.getByTestId('new-unit-create').click()
  await expect(page.getByTestId('unit-form')).toBeVisible()
  // funds arrive as they are spent: the grid never asks for 到位资金
  await choose(page, page.getByTestId('unit-allocated-mode'), '与执行数相同')
  await page.getByTestId('unit-save').click()
  await expect(page.getByText('单位信息已保存')).toBeVisible()

  await tab(page, '预算').click()
  await page.getByTestId('budget-add-basic').click()
  await fill(page, 'budget-name', '工资福利支出')
  await fill(page, 'budget-initial', yuan(BUDGET.gzfl))
  await page.getByTestId('budget-save').click()
  await expect(page.getByTestId('budget-line-dialog')).toBeHidden()
  await page.getByTestId('budget-add-project').click()
  await fill(page, 'budget-new-project', '国有土地出让金评估项目')
  await fill(page, 'budget-initial', yuan(BUDGET.pgxm))
  await page.getByTestId('budget-save').click()
  await expect(page.getByTestId('budget-line-dialog')).toBeHidden()
  await expect(page.getByTestId('budget-total')).toHaveText('1,279.83')

  await tab(page, '绩效目标').click()
  await page.getByTestId('indicator-add').click()
  await choose(page, page.getByTestId('indicator-level1'), '产出指标')
  await fill(page, 'indicator-name', '办理建设项目用地初审')
  await fill(page, 'indicator-target', '12')
  await fill(page, 'indicator-unit', '个')
  await page.getByTestId('indicator-save').click()
  await expect(page.getByTestId('indicator-dialog')).toBeHidden()

  const frozenAt: Record<string, string> = {}
  for (let m = 1; m <= 12; m++) {
    // a new month-end node, one click, starting from last month's reading
    await open(page, '数据管理')
    await tab(page, '监控节点').click()
    await page.getByRole('button', { name: `${label(m)}（${monthEnd(m).slice(5).replace('-', '月')}日）` }).click()
    await page.getByTestId('node-create').click()
    await expect(page.getByTestId('select-node')).toContainText(label(m))

    // this month's 当月数; the months 定稿 before are read-only
    await open(page, '预算执行')
    await page.getByTestId('execution-mode').getByText('月度录入').click()
    await page.getByTestId('execution-view').getByText('当月数').click()
    if (m > 1) {
      await expect(page.getByTestId('execution-locked')).toContainText(`“${label(m - 1)}”已定稿`)
      await expect(cell(page, 0, m - 2)).toHaveAttribute('readonly', '')
    }
    await cell(page, 0, m - 1).fill(yuan(MONTHLY.gzfl[m - 1]))
    await cell(page, 1, m - 1).fill(yuan(MONTHLY.pgxm[m - 1]))
    await saved(page, page.getByTestId('execution-save'), '已保存 2 个月份的执行数据')
    // and nothing left to save, as the grid says (保存 without a count)
    await expect(page.getByTestId('execution-save')).toHaveText('保存')

    // the reading: last month's value is shown as carried until this month's is typed
    await open(page, '绩效指标')
    await page.getByTestId('indicators-mode').getByText('指标填报').click()
    const row = page.getByTestId('readings-table').locator('.el-table__body tr').first()
    if (m > 1) await expect(row.getByTestId('reading-carried')).toContainText('沿用上一节点')
    await fill(page, 'reading-actual', String(ACTUAL[m - 1]))
    await expect(row.getByTestId('reading-light')).toHaveAttribute('data-light', 'green')
    if (m === 1) await choose(page, row.getByTestId('reading-likelihood'), '确定能')
    await saved(page, page.getByTestId('readings-save'), '已保存 1 个指标的填报')
    await expect(page.getByTestId('readings-carried')).toHaveCount(0)

    // 概览 at this node: the 执行率 this test works out
    await open(page, '概览')
    await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText(executionRate(m))

    // 预警: spending behind schedule is the budget alert, with this month's 执行率; caught up (11月, 12月), none
    await open(page, '预警')
    await expect(page.locator('.page-title')).toHaveText(`预警 · ${label(m)}`)
    await expect(page.getByTestId('alert-table')).toBeVisible()
    if (behindSchedule(m)) await expect(page.locator('main')).toContainText(`执行率${executionRate(m)}，序时进度`)
    else await expect(page.locator('main')).not.toContainText(`执行率${executionRate(m)}，序时进度`)

    // 定稿
    await open(page, '监控报告')
    await expect(page.getByTestId('report-document')).toBeVisible()
    await expect(page.getByTestId('report-checks')).toHaveCount(0)
    await page.getByTestId('report-freeze').click()
    await page.getByRole('button', { name: '定稿', exact: true }).last().click()
    await expect(page.getByTestId('report-status')).toHaveText('已定稿')
    const frozen = await frozenReports(page)
    expect(Object.keys(frozen)).toHaveLength(m)
    frozenAt[monthEnd(m)] = frozen[monthEnd(m)] ?? ''
    expect(frozenAt[monthEnd(m)]).toContain(executionRate(m))
    if (m === 6) await screenshot(page, 'year-06-report-frozen')
  }

  // a year later: each node still shows its own month, and every 定稿 report is as it was frozen
  await page.reload()
  for (const m of [1, 3, 6, 9, 12]) {
    await showNode(page, m)
    await open(page, '概览')
    await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText(executionRate(m))
    // a switch to a node whose view is ready shows its KPIs at once, while the charts are still being
    // redrawn; the next choice in the node selector waits for the page to settle, or its dropdown moves
    await expectPageComplete(page, OVERVIEW_CHARTS)
  }
  await screenshot(page, 'year-12-overview')
  expect(await frozenReports(page)).toEqual(frozenAt)
})
