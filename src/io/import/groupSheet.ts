/**
 * 监控小组 (template version 2): one member a row, matched by 姓名. Stored members the file does not list
 * are kept, new ones appended after them.
 */
import { parseChoice, parseText } from '@/domain/importParsing'
import { normalizeName } from '@/domain/names'
import type { GroupMember } from '@/domain/types'
import { GROUP_COLUMNS, GROUP_ROLES, SHEET_GROUP } from '../excel/layout'
import type { ImportContext } from './context'
import { describeChanges } from './diff'
import { parseName, readRow } from './rowReader'
import type { SheetGrid } from './sheetGrid'

export function readGroupSheet(ctx: ImportContext, grid: SheetGrid): void {
  const group: GroupMember[] = [...ctx.unit.monitoringGroup]
  const seenMembers = new Map<string, number>()
  for (let r = 1; r < grid.rows.length; r++) {
    const row = readRow(ctx.problems, grid, GROUP_COLUMNS, r)
    if (row.blank) continue
    const name = row.get('name', parseName(100), true)
    const title = row.get('title', (c) => parseText(c, 200)) ?? ''
    const role = row.get('role', (c) => parseChoice(c, GROUP_ROLES), true)
    if (!row.ok() || name === null || role === null) continue
    const dup = seenMembers.get(name)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（同一姓名只能填写一行）`)
      continue
    }
    seenMembers.set(name, row.rowNo)
    const index = group.findIndex((m) => normalizeName(m.name) === name)
    const stored = index >= 0 ? group[index] : undefined
    const next: GroupMember = { name, title, role }
    if (index >= 0) group[index] = next
    else group.push(next)
    const status = ctx.tally('monitoringGroup', stored, next)
    ctx.rows.push({
      sheet: SHEET_GROUP,
      row: row.rowNo,
      label: `${name}（${role}）`,
      status,
      ...(status === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}),
    })
  }
  ctx.unit.monitoringGroup = group
}
