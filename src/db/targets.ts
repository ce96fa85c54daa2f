/**
 * 绩效目标: the year's indicator framework (一级/二级, kept as data per year), the unit's and its
 * projects' targets, and their 三级指标. Deleting a target or an indicator takes its readings with it.
 */
import { firstLockedNode, lockedMessage } from '@/domain/lock'
import { normalizeFrameworkNames, normalizeIndicatorNames } from '@/domain/names'
import type { Id, Indicator, IndicatorFramework, PerformanceTarget } from '@/domain/types'
import { recordAudit } from './audit'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { assertUnitYearOpen } from './lock'
import { ofUnit } from './unitScope'
import { assertRowsUnchanged, assertUnchanged, putAudited, runWrite } from './write'

export async function getFramework(
  year: number,
  { database = db }: DbOptions = {},
): Promise<IndicatorFramework | undefined> {
  return database.frameworks.get(year)
}

export async function listFrameworks({ database = db }: DbOptions = {}): Promise<IndicatorFramework[]> {
  return database.frameworks.orderBy('year').toArray()
}

/**
 * Creates or replaces the framework of `framework.year` (shared by all units of that year), its
 * names normalised (`normalizeFrameworkNames`: look-alike 一级 / 二级 become one entry). With
 * `basis` (the framework as the editor loaded it; a year without one reads as an empty
 * framework, as `loadUnitYear` shows it) the save is refused with `conflicts` when another tab
 * changed the year's framework meanwhile.
 */
export async function putFramework(
  framework: IndicatorFramework,
  { basis, database = db }: CheckedWriteOptions<IndicatorFramework> = {},
): Promise<WriteResult<IndicatorFramework, IndicatorFramework>> {
  return runWrite(database, [database.nodes, database.frameworks], async (check) => {
    const row = normalizeFrameworkNames(toPlain(framework))
    const before = await database.frameworks.get(row.year)
    // the framework is shared by every unit of the year and orders every report's indicator list
    const locked = firstLockedNode((await database.nodes.toArray()).filter((n) => n.year === row.year))
    if (locked) throw new DbWriteError(lockedMessage(locked, `修改${row.year}年的指标体系`))
    if (basis !== undefined) {
      assertRowsUnchanged(check, 'frameworks', [
        { key: String(row.year), current: before ?? { year: row.year, level1: [] }, basis: toPlain(basis) },
      ])
    }
    await database.frameworks.put(row)
    await recordAudit(database, [{ table: 'frameworks', key: String(row.year), before: before ?? null, after: row }])
    return row
  })
}

/** Targets of a unit-year: the unit's own (整体) first, then projects' by project id. */
export async function listTargets(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<PerformanceTarget[]> {
  const targets = await ofUnit(database.targets, unitId, year).toArray()
  return sorted(
    targets,
    (t) => (t.scope === 'unit' ? 0 : 1),
    (t) => t.projectId ?? '',
    (t) => t.id,
  )
}

/**
 * Creates or replaces a target (年度总体目标). With `basis` (the target as the editor loaded
 * it, null for a new one) the save is refused with `conflicts` when another tab changed it meanwhile.
 */
export async function putTarget(
  target: PerformanceTarget,
  { basis, database = db }: CheckedWriteOptions<PerformanceTarget | null> = {},
): Promise<WriteResult<PerformanceTarget, PerformanceTarget>> {
  return runWrite(database, [database.nodes, database.targets], async (check) => {
    const row = toPlain(target)
    if (basis !== undefined) await assertUnchanged(check, database.targets, row.id, basis)
    await assertUnitYearOpen(database, row.unitId, row.year, '修改绩效目标')
    await putAudited(database, database.targets, [row])
    return row
  })
}

/** Deletes a target with its indicators and their readings at every node. */
export async function deleteTarget(
  id: Id,
  { database = db }: DbOptions = {},
): Promise<WriteResult<{ indicators: number; readings: number }>> {
  return runWrite(database, [database.nodes, database.targets, database.indicators, database.readings], async () => {
    const before = await database.targets.get(id)
    if (!before) throw new DbWriteError('找不到要删除的绩效目标。')
    await assertUnitYearOpen(database, before.unitId, before.year, '删除绩效目标')
    const indicatorIds = await database.indicators.where('targetId').equals(id).primaryKeys()
    const readings = await database.readings.where('indicatorId').anyOf(indicatorIds).delete()
    await database.indicators.bulkDelete(indicatorIds)
    await database.targets.delete(id)
    const removed = { indicators: indicatorIds.length, readings }
    await recordAudit(database, [{ table: 'targets', key: id, before: { target: before, removed }, after: null }])
    return removed
  })
}

/** Indicators of one target, in display order. */
export async function listIndicators(targetId: Id, { database = db }: DbOptions = {}): Promise<Indicator[]> {
  const rows = await database.indicators.where('targetId').equals(targetId).toArray()
  return sorted(
    rows,
    (i) => i.sortOrder,
    (i) => i.id,
  )
}

/** Indicators of every target of a unit-year, grouped by target, in display order. */
export async function listIndicatorsOfUnitYear(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<Indicator[]> {
  return database.transaction('r', [database.targets, database.indicators], async () => {
    const targetIds = await ofUnit(database.targets, unitId, year).primaryKeys()
    const rows = await database.indicators.where('targetId').anyOf(targetIds).toArray()
    return sorted(
      rows,
      (i) => i.targetId,
      (i) => i.sortOrder,
      (i) => i.id,
    )
  })
}

/**
 * Saves several indicators (an edited indicator table) in one transaction; each must have a target.
 * 一级, 二级, 三级 and 计量单位 are stored normalised (`normalizeIndicatorNames`).
 * With `basis` (per indicator id, the row as its editor loaded it; null: new then), the save
 * is refused with `conflicts` naming every indicator another tab changed meanwhile, nothing written.
 */
export async function putIndicators(
  indicators: readonly Indicator[],
  { basis, database = db }: CheckedWriteOptions<Readonly<Record<Id, Indicator | null>>> = {},
): Promise<WriteResult<Indicator[], Indicator>> {
  return runWrite(database, [database.nodes, database.targets, database.indicators], async (check) => {
    const rows = toPlain([...indicators]).map(normalizeIndicatorNames)
    if (basis !== undefined) {
      const current = await database.indicators.bulkGet(rows.map((r) => r.id))
      assertRowsUnchanged(
        check,
        database.indicators.name,
        rows.map((r, i) => ({ key: r.id, current: current[i] ?? null, basis: basis[r.id] ?? null })),
      )
    }
    const targetIds = [...new Set(rows.map((r) => r.targetId))]
    const targets = await database.targets.bulkGet(targetIds)
    if (targets.some((t) => t === undefined))
      throw new DbWriteError('指标所属的绩效目标不存在，本次保存未写入任何数据。')
    const previous = await database.indicators.bulkGet(rows.map((r) => r.id))
    const previousTargets = await database.targets.bulkGet(previous.flatMap((p) => (p ? [p.targetId] : [])))
    for (const target of [...targets, ...previousTargets]) {
      if (target) await assertUnitYearOpen(database, target.unitId, target.year, `修改三级指标“${rows[0]?.name ?? ''}”`)
    }
    await putAudited(database, database.indicators, rows)
    return rows
  })
}

/** One indicator; with `basis` (as the dialog opened it, null for a new one) see `putIndicators`. */
export async function putIndicator(
  indicator: Indicator,
  { basis, database = db }: CheckedWriteOptions<Indicator | null> = {},
): Promise<WriteResult<Indicator, Indicator>> {
  const result = await putIndicators([indicator], {
    database,
    ...(basis === undefined ? {} : { basis: { [indicator.id]: basis } }),
  })
  if (!result.ok) return result
  // putIndicators returns one stored row per indicator given; no first row means none was stored
  const [stored] = result.value
  return stored
    ? { ok: true, value: stored }
    : { ok: false, messages: [`保存三级指标“${indicator.name}”失败，本次保存未写入任何数据。`], cause: null }
}

/** Deletes an indicator with its readings at every node. */
export async function deleteIndicator(
  id: Id,
  { database = db }: DbOptions = {},
): Promise<WriteResult<{ readings: number }>> {
  return runWrite(database, [database.nodes, database.targets, database.indicators, database.readings], async () => {
    const before = await database.indicators.get(id)
    if (!before) throw new DbWriteError('找不到要删除的指标。')
    const target = await database.targets.get(before.targetId)
    if (target) await assertUnitYearOpen(database, target.unitId, target.year, `删除三级指标“${before.name}”`)
    const readings = await database.readings.where('indicatorId').equals(id).delete()
    await database.indicators.delete(id)
    await recordAudit(database, [
      { table: 'indicators', key: id, before: { indicator: before, removed: { readings } }, after: null },
    ])
    return { readings }
  })
}
