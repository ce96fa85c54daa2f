/**
 * 纠偏措施 (template version 2): one measure a row, matched by (截至日期, 措施类型, 措施内容). A matched
 * measure keeps its id and its link to an alert. A file without the sheet keeps every stored measure.
 */
import { parseChoice, parseDate, parseText } from '@/domain/importParsing'
import type { CorrectiveMeasure, Id, MeasureKind } from '@/domain/types'
import { MEASURE_COLUMNS, MEASURE_KIND_LABELS, MEASURE_STATUSES, SHEET_MEASURES } from '../excel/layout'
import { lockedRefusal, type ImportContext } from './context'
import { describeChanges, same } from './diff'
import { key, stableId } from './keys'
import { invert, readRow } from './rowReader'
import type { SheetGrid } from './sheetGrid'

export interface MeasureChanges {
  /** stored measures the file changes (or repeats), by stored id */
  changed: Map<Id, CorrectiveMeasure>
  /** measures the file adds, in the order of its rows */
  added: CorrectiveMeasure[]
}

export function readMeasureSheet(ctx: ImportContext, measureSheet: SheetGrid | undefined): MeasureChanges {
  const { unitId } = ctx
  const measureKey = (nodeId: Id, kind: MeasureKind, content: string) => key(nodeId, kind, content)
  const storedMeasures = new Map<string, CorrectiveMeasure>()
  for (const m of ctx.existing?.measures ?? []) {
    const k = measureKey(m.nodeId, m.kind, m.content)
    if (!storedMeasures.has(k)) storedMeasures.set(k, m)
  }
  const changedMeasures = new Map<Id, CorrectiveMeasure>()
  const addedMeasures: CorrectiveMeasure[] = []
  if (!measureSheet) return { changed: changedMeasures, added: addedMeasures }
  const kindByLabel = invert(MEASURE_KIND_LABELS)
  const seenMeasures = new Map<string, number>()
  const asOfColumn = MEASURE_COLUMNS.findIndex((c) => c.key === 'asOf') + 1
  for (let r = 1; r < measureSheet.rows.length; r++) {
    const row = readRow(ctx.problems, measureSheet, MEASURE_COLUMNS, r)
    if (row.blank) continue
    const asOf = row.get('asOf', parseDate, true)
    const kindLabel = row.get('kind', (c) => parseChoice(c, Object.keys(kindByLabel)), true)
    const content = row.get('content', (c) => parseText(c), true)
    const effect = row.get('effect', (c) => parseText(c)) ?? ''
    const department = row.get('department', (c) => parseText(c, 100)) ?? ''
    const deadline = row.get('deadline', parseDate)
    const status = row.get('status', (c) => parseChoice(c, MEASURE_STATUSES)) ?? '计划'
    if (!row.ok() || asOf === null || kindLabel === null || content === null) continue
    const kind = kindByLabel[kindLabel]
    // parseChoice returns only the table's own labels, so a kind is always found
    if (kind === undefined) continue
    const node = ctx.ensureNode(asOf, SHEET_MEASURES, row.rowNo, asOfColumn, '截至日期', asOf)
    if (!node) continue
    const natural = measureKey(node.id, kind, content)
    const dup = seenMeasures.get(natural)
    if (dup !== undefined) {
      row.fail('content', `与第${dup}行重复（同一截至日期、同一类型的措施内容相同）`)
      continue
    }
    seenMeasures.set(natural, row.rowNo)
    const stored = storedMeasures.get(natural)
    const { deadline: _d, ...rest } = stored ?? ({} as Partial<CorrectiveMeasure>)
    const next: CorrectiveMeasure = {
      ...rest,
      id: stored?.id ?? stableId('msr', node.id, kind, content),
      unitId,
      nodeId: node.id,
      kind,
      content,
      effect,
      department,
      status,
      ...(deadline ? { deadline } : {}),
    }
    if (node.status === 'locked' && !same(stored, next)) {
      row.fail('asOf', lockedRefusal(node, '纠偏措施'))
      continue
    }
    if (stored) changedMeasures.set(stored.id, next)
    else addedMeasures.push(next)
    const rowStatus = ctx.tally('measures', stored, next)
    ctx.rows.push({
      sheet: SHEET_MEASURES,
      row: row.rowNo,
      label: `${asOf} ${kindLabel}：${content.length > 30 ? `${content.slice(0, 29)}…` : content}`,
      status: rowStatus,
      ...(rowStatus === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}),
    })
  }
  return { changed: changedMeasures, added: addedMeasures }
}
