/**
 * 预算研判 (template version 2): one row is the whole judgement of one budget line at one node, like a
 * 指标填报 row, matched by (截至日期, budget line). The line must be in the merged unit-year. A file
 * without the sheet keeps every stored judgement.
 */
import { parseAmount, parseChoice, parseChoices, parseDate, parseText } from '@/domain/importParsing'
import { DEVIATION_CAUSES, FUND_SOURCES } from '@/domain/types'
import type { BudgetLineJudgement, FundSource } from '@/domain/types'
import {
  CATEGORY_LABELS,
  JUDGEMENT_COLUMNS,
  LIKELIHOODS,
  SHEET_BUDGET,
  SHEET_JUDGEMENTS,
  SUB_CATEGORY_LABELS,
} from '../excel/layout'
import { lockedRefusal, type ImportContext } from './context'
import { JUDGEMENT_LABELS, describeChanges, keepDecimalSpelling, same } from './diff'
import { key, stableId } from './keys'
import { invert, keyCell, parseName, readRow } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/** The judgements of the merged unit-year, by (node, line): the stored ones with the sheet's rows over them. */
export function readJudgementSheet(
  ctx: ImportContext,
  judgementSheet: SheetGrid | undefined,
): Map<string, BudgetLineJudgement> {
  const storedJudgements = new Map(
    (ctx.existing?.budgetJudgements ?? []).map((j) => [key(j.nodeId, j.budgetLineId), j]),
  )
  const outJudgements = new Map<string, BudgetLineJudgement>(storedJudgements)
  if (!judgementSheet) return outJudgements
  const categoryByLabel = invert(CATEGORY_LABELS)
  const subByLabel = invert(SUB_CATEGORY_LABELS)
  const seenJudgements = new Map<string, number>()
  const asOfColumn = JUDGEMENT_COLUMNS.findIndex((c) => c.key === 'asOf') + 1
  for (let r = 1; r < judgementSheet.rows.length; r++) {
    const row = readRow(ctx.problems, judgementSheet, JUDGEMENT_COLUMNS, r)
    if (row.blank) continue
    const asOf = row.get('asOf', parseDate, true)
    const category = row.get('category', (c) => parseChoice(keyCell(c), Object.keys(categoryByLabel)), true)
    const sub = row.get('subCategory', (c) => parseChoice(keyCell(c), Object.keys(subByLabel)))
    const project = row.get('project', parseName(200))
    const name = row.get('name', parseName(200), true)
    const fund = row.get('fundSource', (c) => parseChoice<FundSource>(keyCell(c), FUND_SOURCES)) ?? '财政拨款'
    const forecast = row.get('forecast', parseAmount)
    const likelihood = row.get('likelihood', (c) => parseChoice(c, LIKELIHOODS))
    const causes = row.get('causes', (c) => parseChoices(c, DEVIATION_CAUSES)) ?? []
    const causeText = row.get('causeText', (c) => parseText(c)) ?? ''
    if (forecast !== null && forecast.startsWith('-')) row.fail('forecast', '不能为负数')
    if (!row.ok() || asOf === null || category === null || name === null) continue
    const cat = categoryByLabel[category]
    const subCategory = sub ? subByLabel[sub] : undefined
    const line = ctx.merged.lines.get(key(cat, subCategory, project ?? '', name, fund))
    if (!line) {
      row.fail(
        'name',
        `找不到预算行“${[category, sub, project, name, fund].filter((p) => p).join(' / ')}”，请先在「${SHEET_BUDGET}」表中填写该预算行`,
      )
      continue
    }
    const node = ctx.ensureNode(asOf, SHEET_JUDGEMENTS, row.rowNo, asOfColumn, '截至日期', asOf)
    if (!node) continue
    const natural = key(node.id, line.id)
    const dup = seenJudgements.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（同一截至日期同一预算行只能填写一次）`)
      continue
    }
    seenJudgements.set(natural, row.rowNo)
    const stored = storedJudgements.get(natural)
    const next = keepDecimalSpelling(
      stored,
      {
        id: stored?.id ?? stableId('bj', node.id, line.id),
        nodeId: node.id,
        budgetLineId: line.id,
        ...(forecast !== null ? { yearEndForecast: forecast } : {}),
        ...(likelihood ? { likelihood } : {}),
        deviationCauses: causes,
        deviationText: causeText,
      },
      ['yearEndForecast'],
    )
    if (node.status === 'locked' && !same(stored, next)) {
      row.fail('asOf', lockedRefusal(node, '预算研判'))
      continue
    }
    outJudgements.set(natural, next)
    const status = ctx.tally('budgetJudgements', stored, next)
    ctx.rows.push({
      sheet: SHEET_JUDGEMENTS,
      row: row.rowNo,
      label: `${asOf} ${project ? `${project} / ` : ''}${name}（${fund}）`,
      status,
      ...(status === 'changed' ? { detail: describeChanges(stored, next, '', JUDGEMENT_LABELS).join('；') } : {}),
    })
  }
  return outJudgements
}
