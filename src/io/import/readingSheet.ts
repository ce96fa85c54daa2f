/**
 * 指标填报: one reading a row, matched by (截至日期, indicator). The indicator must be in the merged
 * unit-year (stored, or a row of 绩效指标); a 截至日期 without a node creates one. A locked node's readings
 * may be re-imported unchanged but not changed.
 */
import { parseChoice, parseChoices, parseDate, parsePercentNumber, parseText } from '@/domain/importParsing'
import { DEVIATION_CAUSES } from '@/domain/types'
import { GRADES, LIKELIHOODS, READING_COLUMNS, SHEET_INDICATORS, SHEET_READINGS, UNIT_SCOPE } from '../excel/layout'
import { lockedRefusal, type ImportContext } from './context'
import { describeChanges, keepDecimalSpelling, same } from './diff'
import { indicatorKey, key, stableId } from './keys'
import { parseName, readRow } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/** Reads 指标填报 into `ctx.merged.readings`; runs after 绩效指标, whose indicators it refers to. */
export function readReadingSheet(ctx: ImportContext, readingSheet: SheetGrid): void {
  const seenReadings = new Map<string, number>()
  const asOfColumn = READING_COLUMNS.findIndex((c) => c.key === 'asOf') + 1
  for (let r = 1; r < readingSheet.rows.length; r++) {
    const row = readRow(ctx.problems, readingSheet, READING_COLUMNS, r)
    if (row.blank) continue
    const asOf = row.get('asOf', parseDate, true)
    const scope = row.get('scope', parseName(200)) ?? UNIT_SCOPE
    const level1 = row.get('level1', parseName(100), true)
    const level2 = row.get('level2', parseName(100), true)
    const name = row.get('name', parseName(300), true)
    const actual = row.get('actualValue', (c) => parsePercentNumber(c))
    const actualLabel = row.get('actualLabel', (c) => parseText(c, 300))
    const grade = row.get('grade', (c) => parseChoice(c, GRADES))
    const percent = row.get('percent', (c) => parsePercentNumber(c, true))
    const forecast = row.get('forecast', (c) => parseText(c, 300))
    const likelihood = row.get('likelihood', (c) => parseChoice(c, LIKELIHOODS))
    const causes = row.get('causes', (c) => parseChoices(c, DEVIATION_CAUSES)) ?? []
    const causeText = row.get('causeText', (c) => parseText(c)) ?? ''
    if (!row.ok() || asOf === null || level1 === null || level2 === null || name === null) continue
    const indicator = ctx.merged.indicators.get(indicatorKey(scope, level1, level2, name))
    if (!indicator) {
      row.fail(
        'name',
        `找不到指标“${scope} / ${level1} / ${level2} / ${name}”，请先在「${SHEET_INDICATORS}」表中填写该指标`,
      )
      continue
    }
    const node = ctx.ensureNode(asOf, SHEET_READINGS, row.rowNo, asOfColumn, '截至日期', asOf)
    if (!node) continue
    const natural = key(node.id, indicator.id)
    const dup = seenReadings.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（同一截至日期同一指标只能填报一次）`)
      continue
    }
    seenReadings.set(natural, row.rowNo)
    const stored = ctx.stored.readings.get(natural)
    const next = keepDecimalSpelling(
      stored,
      {
        id: stored?.id ?? stableId('rd', node.id, indicator.id),
        nodeId: node.id,
        indicatorId: indicator.id,
        ...(actual !== null ? { actualValue: actual } : {}),
        ...(actualLabel ? { actualLabel } : {}),
        ...(grade ? { qualitativeGrade: grade } : {}),
        ...(percent !== null ? { qualitativePercent: percent } : {}),
        ...(forecast ? { yearEndForecast: forecast } : {}),
        ...(likelihood ? { likelihood } : {}),
        deviationCauses: causes,
        deviationText: causeText,
      },
      ['actualValue', 'qualitativePercent'],
    )
    ctx.merged.readings.set(natural, next)
    if (node.status === 'locked' && !same(stored, next)) {
      row.fail('asOf', lockedRefusal(node, '指标填报'))
      continue
    }
    const readingStatus = ctx.tally('readings', stored, next)
    ctx.rows.push({
      sheet: SHEET_READINGS,
      row: row.rowNo,
      label: `${asOf} ${name}`,
      status: readingStatus,
      ...(readingStatus === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}),
    })
  }
}
