/**
 * Issue 12 end to end (docs/domain-rules.md §11, docs/scoring-workbook.md): on the demo (且末县自然资源局
 * 2021), the 14-item scheme of test/io/scoring/fixtures.ts, which uses every rule type, is imported through
 * 设置 › 评分方案 › 从 Excel 导入 and chosen for the year; a copy of its file with one broken cell is refused
 * with the cell named and changes nothing; the fixture's amounts and entries are entered on 数据管理 ›
 * 管理指标; the 概览 at 2021年1-6月 then shows each item's value and points, the total and the grade the
 * fixture worked out by hand (FIXTURE_EXPECTED, FIXTURE_TOTAL), and still does after a reload.
 */
import { writeFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Locator, Page } from '@playwright/test'
import type { EnteredValue } from '../../src/domain/types'
import {
  FIXTURE_AMOUNTS,
  FIXTURE_ENTRIES,
  FIXTURE_EXPECTED,
  FIXTURE_SCHEME,
  FIXTURE_TOTAL,
  fixtureSchemeBytes,
} from '../io/scoring/fixtures'
import { expect, expectPageComplete, screenshot, test } from './helpers'

const SCHEME_NAME = FIXTURE_SCHEME.name
const BUILT_IN_NAMES = ['广州2023自评表', '通用方案']

async function loadDemo(page: Page): Promise<void> {
  await page.goto('/#/overview')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('load-demo')).toHaveCount(0)
}

async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click()
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .filter({ hasText: new RegExp(`^${option.replace(/[()（）]/g, '\\$&')}$`) })
    .first()
    .click()
}

/** The fixture's .xlsx with the 分值 of row 3 (部门预算资金支出率) made 'abc'. */
async function brokenSchemeBytes(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await fixtureSchemeBytes())
  const items = book.getWorksheet('评分项目')
  if (!items) throw new Error('no 评分项目 sheet')
  expect(items.getCell('C3').value).toBe('部门预算资金支出率')
  items.getCell('E3').value = 'abc'
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** The fixture item (and part) an entry is for: its id, its metric's unit and, for findings, its kinds. */
function fieldOf(level3: string, partName?: string) {
  const item = FIXTURE_SCHEME.items.find((i) => i.level3 === level3)
  if (!item) throw new Error(`no item ${level3}`)
  if (!partName) return { key: item.id, metric: item.metric, rule: item.rule }
  const part = item.rule.kind === 'parts' ? item.rule.parts.find((p) => p.name === partName) : undefined
  if (!part) throw new Error(`no part ${partName}`)
  return { key: `${item.id}/${part.id}`, metric: part.metric, rule: part.rule }
}

/** Types one of FIXTURE_ENTRIES into its field on 管理指标, as a user would. */
async function enter(page: Page, level3: string, partName: string | undefined, value: EnteredValue): Promise<void> {
  const { key, metric, rule } = fieldOf(level3, partName)
  const field = page.getByTestId(`entry-${key}`)
  await field.scrollIntoViewIfNeeded()
  switch (value.kind) {
    case 'number': {
      // a '%' field takes percent points
      const unit = metric?.kind === 'entered' ? metric.unit : undefined
      const text = unit === '%' ? String(Math.round(Number(value.value) * 10000) / 100) : value.value
      await field.getByTestId('entry-number').fill(text)
      break
    }
    case 'yesNo':
      await choose(page, field.locator('.el-select'), value.value ? '是' : '否')
      break
    case 'category':
      await choose(page, field.locator('.el-select'), value.value)
      break
    case 'findings': {
      const kinds = rule.kind === 'perFinding' ? rule.kinds.map((k) => k.name) : []
      expect(kinds.length).toBeGreaterThan(0)
      for (const kind of kinds) {
        const count = value.findings.filter((f) => f.kind === kind).length
        await field.locator('.finding', { hasText: kind }).getByTestId('entry-finding-count').fill(String(count))
      }
      break
    }
    case 'judgement':
      await choose(page, field.locator('.el-select'), value.grade)
      await field.getByTestId('entry-percent').fill(value.percent ?? '')
      break
  }
}

/** '41.4' as the card shows points, with the scheme's 2 places: '41.40'. */
const shownPoints = (points: string) => Number(points).toFixed(FIXTURE_SCHEME.rounding.places)

const previewRow = (page: Page, level3: string): Locator =>
  page
    .getByTestId('score-items')
    .locator('.el-table__body tr.el-table__row')
    .filter({ has: page.locator('.name', { hasText: new RegExp(`^${level3}$`) }) })

/** The 概览's 评分预览 at 2021年1-6月 shows every item, the total and the grade worked out by hand. */
async function expectPreview(page: Page): Promise<void> {
  await expect(page.getByTestId('select-node')).toContainText('2021年1-6月')
  const card = page.getByTestId('score-preview')
  await expect(card.getByTestId('score-mode')).toHaveText(`按当前进度预计（截至2021年1-6月） · ${SCHEME_NAME}`)
  await expect(card.getByTestId('score-items').locator('.el-table__body tr.el-table__row')).toHaveCount(
    FIXTURE_EXPECTED.length,
  )
  for (const expected of FIXTURE_EXPECTED) {
    const row = previewRow(page, expected.level3)
    await expect(row, expected.level3).toHaveCount(1)
    const item = FIXTURE_SCHEME.items.find((i) => i.level3 === expected.level3)
    if (!item) throw new Error(`no item ${expected.level3}`)
    const cells = row.locator('td')
    // a 分项合计 item shows no value of its own, only how many parts it sums
    const value =
      expected.value || (item.rule.kind === 'parts' ? `${item.rule.parts.length} 个分项` : 'no value expected')
    await expect(cells.nth(2), `${expected.level3}: ${expected.why}`).toHaveText(value)
    await expect(cells.nth(3), `${expected.level3}: ${expected.why}`).toHaveText(
      `${shownPoints(expected.points)} / ${shownPoints(item.weight)}`,
    )
  }
  await expect(card.getByTestId('score-value')).toHaveText(`${FIXTURE_TOTAL.total} 分`)
  await expect(card.getByTestId('score-grade')).toHaveText(FIXTURE_TOTAL.grade)
  await expect(card.getByTestId('score-max')).toHaveText('满分 100.00 分')
  await expect(card.getByTestId('score-to-enter')).toHaveCount(0)

  // 绩效管理制度执行's parts, expanded: 回退1次 → 0; 开展监控 → 2; 逾期1项: 3 − 1 = 2
  const parts = previewRow(page, '绩效管理制度执行')
  await parts.locator('.el-table__expand-icon').click()
  const detail = card.getByTestId('score-item-detail').filter({ hasText: '绩效目标未被回退' })
  await expect(detail.locator('.parts li')).toHaveText([
    '绩效目标未被回退：1次（0.00 / 2.00 分）',
    '按要求开展绩效监控：是（2.00 / 2.00 分）',
    '及时报送绩效材料：发现问题 1 项（2.00 / 3.00 分）',
  ])
}

test('评分方案 imported from Excel, chosen for the year, its inputs entered: the 概览 scores it as worked by hand', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 900 })
  await loadDemo(page)

  // ── 设置 › 评分方案 › 从 Excel 导入 ──
  const good = test.info().outputPath('测试评分方案.xlsx')
  writeFileSync(good, Buffer.from(await fixtureSchemeBytes()))
  await page.goto('/#/settings')
  const list = page.getByTestId('scheme-list')
  await expect(list.getByTestId('scheme-name')).toHaveText(BUILT_IN_NAMES)
  await expect(page.getByTestId('scheme-choice')).toContainText('默认方案（广州2023自评表）')
  await page.getByTestId('scheme-import-file').setInputFiles(good)
  const preview = page.getByTestId('scheme-import-preview')
  await expect(preview.getByTestId('scheme-import-summary')).toContainText(
    `评分方案“${SCHEME_NAME}”：${FIXTURE_SCHEME.items.length} 项，共 100 分`,
  )
  await page.getByTestId('scoring-schemes').scrollIntoViewIfNeeded()
  await screenshot(page, 'scoring-scheme-1-import-preview')
  await preview.getByTestId('scheme-import-commit').click()
  await expect(page.getByText(`已导入评分方案“${SCHEME_NAME}”`)).toBeVisible()
  await expect(preview).toHaveCount(0)
  await expect(list.getByTestId('scheme-name')).toHaveText([...BUILT_IN_NAMES, SCHEME_NAME])
  const importedRow = list.locator('.el-table__body tr', { hasText: SCHEME_NAME })
  await expect(importedRow).toContainText(`${FIXTURE_SCHEME.items.length} 项，共 100 分`)

  // chosen for 且末县自然资源局 2021
  await choose(page, page.getByTestId('scheme-choice'), SCHEME_NAME)
  await expect(page.getByText(`且末县自然资源局 2021年改用${SCHEME_NAME}`)).toBeVisible()
  await expect(importedRow).toContainText('本年度使用')
  const summaryBefore = await importedRow.locator('td').nth(1).innerText()

  // ── a broken copy (分值 abc) is refused, the cell named, and nothing changes ──
  const bad = test.info().outputPath('测试评分方案-分值有误.xlsx')
  writeFileSync(bad, await brokenSchemeBytes())
  await page.getByTestId('scheme-import-file').setInputFiles(bad)
  await expect(preview.getByTestId('scheme-import-problems-title')).toContainText(
    '发现 1 处问题，未导入，评分方案没有任何改变。',
  )
  await expect(preview.getByTestId('scheme-import-problems').locator('li')).toHaveText([
    '「评分项目」第 3 行 E 列：分值「abc」应为正数',
  ])
  await expect(preview.getByTestId('scheme-import-commit')).toHaveCount(0)
  await screenshot(page, 'scoring-scheme-2-bad-file')
  await preview.getByTestId('scheme-import-cancel').click()
  await expect(preview).toHaveCount(0)
  await expect(list.getByTestId('scheme-name')).toHaveText([...BUILT_IN_NAMES, SCHEME_NAME])
  await expect(importedRow.locator('td').nth(1)).toHaveText(summaryBefore)
  await expect(importedRow).toContainText('本年度使用')
  await expect(page.getByTestId('scheme-choice')).toContainText(SCHEME_NAME)

  // ── 数据管理 › 管理指标: the amounts and every entry ──
  await page.goto('/#/data/management')
  await expect(page.getByTestId('inputs-scheme')).toHaveText(SCHEME_NAME)
  await expect(page.getByTestId('inputs-items').locator('.el-table__body tr.el-table__row')).toHaveCount(
    FIXTURE_SCHEME.items.length,
  )
  for (const [key, value] of Object.entries(FIXTURE_AMOUNTS))
    await page.getByTestId(`amount-${key}`).locator('input').fill(value)
  for (const entry of FIXTURE_ENTRIES) await enter(page, entry.level3, entry.part, entry.value)
  await expect(page.getByTestId('inputs-state')).toHaveText('有未保存的修改')
  await page.getByTestId('inputs-save').click()
  await expect(page.getByText('管理指标已保存')).toBeVisible()
  await expect(page.getByTestId('inputs-state')).toHaveText('已保存')
  await expect(page.getByTestId('inputs-problems')).not.toBeVisible()
  await screenshot(page, 'scoring-scheme-3-inputs')

  // ── 概览 at 2021年1-6月 ──
  await page.goto('/#/overview')
  await expect(page.getByTestId('score-preview')).toBeVisible()
  await expectPreview(page)
  await expectPageComplete(page)
  await page.getByTestId('score-preview').scrollIntoViewIfNeeded()
  await screenshot(page, 'scoring-scheme-4-overview')

  // ── kept after a reload ──
  await page.reload()
  await expect(page.getByTestId('score-preview')).toBeVisible()
  await expectPreview(page)
  await page.goto('/#/data/management')
  await expect(page.getByTestId('inputs-scheme')).toHaveText(SCHEME_NAME)
  await expect(page.getByTestId('amount-publicExpenseActual').locator('input')).toHaveValue('1120')
  await expect(
    page.getByTestId(`entry-${fieldOf('部门整体绩效目标完成情况').key}`).getByTestId('entry-number'),
  ).toHaveValue('92')
})
