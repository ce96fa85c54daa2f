/**
 * Plain Chinese everywhere (issue 13, item 6): the screens speak to 财务 and 业务 staff, not developers.
 * With the demo loaded, this walks every page of the navigation, every 数据管理 tab, the entry modes,
 * a project and an indicator drill-down, 节点对比 and 修改记录 (on the 存储与示例 tab), opens every
 * expandable table row and collapsed panel, and reads what is on screen (`document.body.innerText`).
 * It fails on what reads as a developer's word: camelCase (`budgetLine`), dotted names (`budget.light`),
 * snake_case (`node_id`), `key=value` (`red=60`) and any English word of three letters or more that is
 * not a unit, a file format or a product users know (Excel, Word, WPS, PDF, .xlsx …), and '<' or '>'
 * between two figures where the sentence should say 低于/高于 (issue 13, item 8). Every offending
 * token is reported with the page it is on. Runs twice: on 载入示例数据 (the 1-6月 node) and on
 * 载入全年示例 (1-12月: 年末预测, 节点对比 with two nodes, the 定稿/解锁 history).
 */
import type { Page } from '@playwright/test'
import { expandAll, STOPS, type Stop } from './pageWalk'
import { expect, expectPageComplete, test } from './helpers'

/**
 * Words allowed on screen: units (mm, KB …), the file formats and products users know, and the keys as
 * printed on the keyboard. Compared in lower case; two-letter words (mm, KB, MB) are not checked at all.
 */
const ALLOWED_WORDS = new Set([
  'excel',
  'word',
  'wps',
  'pdf',
  'xlsx',
  'xls',
  'docx',
  'doc',
  'json',
  'csv',
  'kib',
  'mib',
  'gib',
  // keys as printed on the keyboard, named in the entry grid's hints
  'tab',
  'enter',
  'shift',
  'esc',
  'ctrl',
])

/** A file extension (after a dot) is fine; so are numbers with a unit such as 37mm, 12KB. */
const FILE_EXTENSIONS = /\.(xlsx|xls|docx|doc|json|csv|pdf)\b/gi

/** What reads as a developer's word, each with what the failure message calls it. */
const PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'camelCase', re: /\b[a-z]+[A-Z][A-Za-z]*\b/g },
  { kind: 'dotted name', re: /\b[A-Za-z]+\.[A-Za-z]+\b/g },
  { kind: 'snake_case', re: /\b[A-Za-z]+_[A-Za-z_]+\b/g },
  { kind: 'key=value', re: /\b[A-Za-z_]+=[\w.:-]*/g },
  // a comparison between two figures belongs in words (低于/高于), not signs: '51.4 < 60', '13.33% < 60%'
  { kind: '< or > between figures', re: /\d[\d.]*%?\s*[<>]\s*\d[\d.]*%?/g },
]

const WORD = /\b[A-Za-z]{3,}\b/g

/** The developer words in `text`, each as 'kind: token'; empty when the text is plain Chinese. */
export function identifiersIn(text: string): string[] {
  const found: string[] = []
  const withoutExtensions = text.replace(FILE_EXTENSIONS, ' ')
  for (const { kind, re } of PATTERNS) {
    for (const match of withoutExtensions.matchAll(re)) found.push(`${kind}: ${match[0]}`)
  }
  for (const match of withoutExtensions.matchAll(WORD)) {
    if (!ALLOWED_WORDS.has(match[0].toLowerCase())) found.push(`English word: ${match[0]}`)
  }
  return found
}

async function visit(page: Page, stop: Stop): Promise<{ text: string; expanded: number }> {
  await page.goto(`/#${stop.path}`)
  // each page names itself in a title, or (数据管理) in its active tab
  await expect(page.locator('.page-title, nav[aria-label="数据管理"] a.active').first()).toBeVisible()
  await expectPageComplete(page, stop.path === '/overview' ? ['gauge-chart'] : [])
  const expanded = await expandAll(page)
  return { text: await page.evaluate(() => document.body.innerText), expanded }
}

/** Walks every stop and fails listing each developer word found, with its page. */
async function expectPlainChinese(page: Page): Promise<void> {
  const problems: string[] = []
  let expandedRows = 0
  for (const stop of STOPS) {
    const { text, expanded } = await visit(page, stop)
    expandedRows += expanded
    expect(text.length, `${stop.name} shows nothing`).toBeGreaterThan(20)
    for (const token of new Set(identifiersIn(text))) problems.push(`${stop.name}（${stop.path}）— ${token}`)
  }
  // the walk must have opened rows (预警 and 项目详情 have expandable rows with the demo)
  expect(expandedRows, 'no expandable row was opened').toBeGreaterThan(0)
  expect(problems, `页面上出现了英文标识符：\n${problems.join('\n')}`).toEqual([])
}

test('the identifier scan itself flags developer words and lets units and file formats pass', () => {
  expect(identifiersIn('规则：预算执行进度偏慢（budget.light）；阈值：red=60，yellow=80')).toEqual([
    'dotted name: budget.light',
    'key=value: red=60',
    'key=value: yellow=80',
    'English word: budget',
    'English word: light',
    'English word: red',
    'English word: yellow',
  ])
  expect(identifiersIn('数据表 budgetLines、node_id，存于 IndexedDB，时间（UTC）')).toEqual([
    'camelCase: budgetLines',
    'snake_case: node_id',
    'English word: budgetLines',
    'English word: IndexedDB',
    'English word: UTC',
  ])
  expect(identifiersIn('执行进度比51.4 < 60，完成进度比13.33% < 60%；预期指标值：≥98%')).toEqual([
    '< or > between figures: 51.4 < 60',
    '< or > between figures: 13.33% < 60%',
  ])
  expect(identifiersIn('导出 Excel（.xlsx）、Word（.docx）或 PDF，WPS 可打开；备份 .json 12 KB；页边距 37 mm')).toEqual(
    [],
  )
})

test('every page of the 1-6月 demo speaks plain Chinese, rows expanded', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
  await expectPlainChinese(page)
})

test('every page of the whole-year demo (1-12月, 年末预测, 节点对比) speaks plain Chinese, rows expanded', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/')
  await page.getByTestId('load-demo-year').click()
  await expect(page.getByTestId('select-node')).toContainText('2021年1-12月')
  await expectPlainChinese(page)
})
