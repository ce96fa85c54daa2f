/** 单位: list, read, save, and delete a unit together with everything it holds, in one transaction. */
import type { Id, Unit } from '@/domain/types'
import { recordAudit } from './audit'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import { deleteUnitRows, scopedTables, type RowCounts } from './unitScope'
import { assertUnchanged, runWrite } from './write'

/** All units, by name in Chinese collation (拼音 order). */
export async function listUnits(database: MonitoringDb = db): Promise<Unit[]> {
  const units = await database.units.toArray()
  return units.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1))
}

export async function getUnit(id: Id, database: MonitoringDb = db): Promise<Unit | undefined> {
  return database.units.get(id)
}

/**
 * Creates or replaces a unit. With `options.basis` (the unit as the editor loaded it, null for a new
 * one), the save is refused with `conflicts` when the stored unit changed meanwhile.
 */
export async function putUnit(
  unit: Unit,
  database: MonitoringDb = db,
  options: { basis?: Unit | null } = {},
): Promise<WriteResult<Unit>> {
  return runWrite(database, [database.units], async () => {
    const row = toPlain(unit)
    if (options.basis !== undefined) await assertUnchanged(database.units, row.id, options.basis)
    const before = await database.units.get(row.id)
    await database.units.put(row)
    await recordAudit(database, [{ table: 'units', key: row.id, before: before ?? null, after: row }])
    return row
  })
}

/**
 * Deletes a unit and all its years of data (projects, budget, executions, targets, indicators,
 * nodes and what hangs off them). Refused while other units name it as their 主管部门.
 */
export async function deleteUnit(id: Id, database: MonitoringDb = db): Promise<WriteResult<RowCounts>> {
  return runWrite(database, [database.units, ...scopedTables(database)], async () => {
    const before = await database.units.get(id)
    if (!before) throw new DbWriteError('找不到要删除的单位。')
    const children = await database.units.where('parentUnitId').equals(id).count()
    if (children > 0) throw new DbWriteError(`该单位下还有 ${children} 个下属单位，请先删除或移出下属单位。`)
    const removed = await deleteUnitRows(database, id)
    await database.units.delete(id)
    await recordAudit(database, [{ table: 'units', key: id, before: { unit: before, removed }, after: null }])
    return removed
  })
}
