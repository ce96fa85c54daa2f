/**
 * 单位: list, read, save, and delete a unit together with everything it holds, in one transaction.
 * A unit's names are stored normalised (`normalizeUnitNames`) and no two units look alike.
 */
import { invisibleNote, newLookAlikes, normalizeName, normalizeUnitNames } from '@/domain/names'
import { firstLockedNode, lockedMessage } from '@/domain/lock'
import type { Id, Unit } from '@/domain/types'
import { recordAudit } from './audit'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { deleteUnitRecords, deleteUnitRows, ofUnit, unitTables, type RowCounts } from './unitScope'
import { assertUnchanged, runWrite } from './write'

/** All units, by name in Chinese collation (拼音 order). */
export async function listUnits({ database = db }: DbOptions = {}): Promise<Unit[]> {
  const units = await database.units.toArray()
  return units.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1))
}

export async function getUnit(id: Id, { database = db }: DbOptions = {}): Promise<Unit | undefined> {
  return database.units.get(id)
}

/**
 * Refuses (DbWriteError) a unit (names already normalised) without a name, or whose name another unit
 * already has, unless the two were stored alike before names were normalised (`newLookAlikes`).
 * `typedName` is the name as given, `units` every stored unit. Call inside the write's transaction.
 */
export function assertUnitName(unit: Unit, typedName: string, units: readonly Unit[]): void {
  if (!unit.name) throw new DbWriteError('请填写单位名称，本次保存未写入任何数据。')
  const rows = [...units.filter((u) => u.id !== unit.id), unit]
  if (newLookAlikes(rows, units, (u) => normalizeName(u.name)).length > 0) {
    throw new DbWriteError(
      `已有名为“${unit.name}”的单位，单位名称不能相同${invisibleNote(typedName)}，本次保存未写入任何数据。`,
    )
  }
}

/**
 * Creates or replaces a unit, its names normalised; a name another unit already has (once
 * normalised) is refused. With `basis` (the unit as the editor loaded it, null for a new
 * one), the save is refused with `conflicts` when the stored unit changed meanwhile.
 */
export async function putUnit(
  unit: Unit,
  { basis, database = db }: CheckedWriteOptions<Unit | null> = {},
): Promise<WriteResult<Unit, Unit>> {
  return runWrite(database, [database.nodes, database.units], async (check) => {
    const row = normalizeUnitNames(toPlain(unit))
    if (basis !== undefined) await assertUnchanged(check, database.units, row.id, basis)
    assertUnitName(row, unit.name, await database.units.toArray())
    const before = await database.units.get(row.id)
    // whether 上年结转 is in the 执行率 denominator changes every figure of a 定稿 report (docs/domain-rules.md §12.2)
    if (before && Boolean(before.carryOverInExecutionBase) !== Boolean(row.carryOverInExecutionBase)) {
      const locked = firstLockedNode(await ofUnit(database.nodes, row.id).toArray())
      if (locked) throw new DbWriteError(lockedMessage(locked, '修改执行率口径（分母是否含上年结转）'))
    }
    await database.units.put(row)
    await recordAudit(database, [{ table: 'units', key: row.id, before: before ?? null, after: row }])
    return row
  })
}

/**
 * Deletes a unit and all its years of data (projects, budget, executions, targets, indicators,
 * nodes and what hangs off them), its 报送记录 and, for a 主管部门, its 下属单位 list, the 报送包 it
 * received, their 审核结果, its 部门汇总报告 and the 下属单位签名密钥 no other 主管部门 here relies on
 * (unitScope `deleteUnitRecords`); also its signing key and the overview worker's kept views, which the
 * counts leave out (not the user's data). Refused while other units name it as their 主管部门. The
 * counts returned are what db/dataLoss `unitLoss` counted for the warning; the audit row keeps them, the
 * unit row and the deleted signing key's fingerprint (no removed row, so no package's bytes).
 */
export async function deleteUnit(id: Id, { database = db }: DbOptions = {}): Promise<WriteResult<RowCounts>> {
  return runWrite(database, unitTables(database), async () => {
    const before = await database.units.get(id)
    if (!before) throw new DbWriteError('找不到要删除的单位。')
    const children = await database.units.where('parentUnitId').equals(id).count()
    if (children > 0) throw new DbWriteError(`该单位下还有 ${children} 个下属单位，请先删除或移出下属单位。`)
    const { counts: removed, signingKeyFingerprint } = await deleteUnitRecords(
      database,
      id,
      await deleteUnitRows(database, id),
    )
    await database.units.delete(id)
    await recordAudit(database, [
      { table: 'units', key: id, before: { unit: before, removed, signingKeyFingerprint }, after: null },
    ])
    return removed
  })
}
