/**
 * 绩效目标 (template version 2): one 目标范围 a row (整体 or a project's name) with its 年度总体目标 text.
 * A file without the sheet keeps every stored target's text.
 */
import { parseText } from '@/domain/importParsing'
import type { PerformanceTarget } from '@/domain/types'
import { SHEET_TARGETS, TARGET_COLUMNS, UNIT_SCOPE } from '../excel/layout'
import type { ImportContext } from './context'
import { describeChanges } from './diff'
import { targetKey } from './keys'
import { parseName, readRow } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/** Reads 绩效目标; returns the keys of the targets it counted (the others created along the way are counted at the end). */
export function readTargetSheet(ctx: ImportContext, grid: SheetGrid): Set<string> {
  const talliedTargets = new Set<string>()
  const seenTargets = new Map<string, number>()
  for (let r = 1; r < grid.rows.length; r++) {
    const row = readRow(ctx.problems, grid, TARGET_COLUMNS, r)
    if (row.blank) continue
    const scope = row.get('scope', parseName(200)) ?? UNIT_SCOPE
    const description = row.get('description', (c) => parseText(c)) ?? ''
    if (!row.ok()) continue
    const tKey = targetKey(scope)
    const dup = seenTargets.get(tKey)
    if (dup !== undefined) {
      row.fail('scope', `与第${dup}行重复（每个目标范围只能填写一行）`)
      continue
    }
    seenTargets.set(tKey, row.rowNo)
    const stored = ctx.stored.targets.get(tKey)
    const next: PerformanceTarget = { ...ctx.ensureTarget(scope), description }
    ctx.merged.targets.set(tKey, next)
    talliedTargets.add(tKey)
    const status = ctx.tally('targets', stored, next)
    ctx.rows.push({
      sheet: SHEET_TARGETS,
      row: row.rowNo,
      label: scope,
      status,
      ...(status === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}),
    })
  }
  return talliedTargets
}
