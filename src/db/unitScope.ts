/**
 * Reads and cascading deletes scoped to a unit, a unit-year or a set of nodes, shared by the
 * aggregates that own them (units, datasets, budget, targets, nodes). Callers run these inside their
 * own transaction; nothing here opens one.
 */
import { Dexie, type Collection, type Table } from 'dexie'
import type { Id } from '@/domain/types'
import type { MonitoringDb } from './schema'

/** Rows of a unit (all years when `year` is undefined) through the [unitId+year] index. */
export function ofUnit<T, K, I>(table: Table<T, K, I>, unitId: Id, year?: number): Collection<T, K, I> {
  const index = table.where('[unitId+year]')
  return year === undefined
    ? index.between([unitId, Dexie.minKey], [unitId, Dexie.maxKey], true, true)
    : index.equals([unitId, year])
}

/** Tables whose rows hang off a unit-year, directly or through a parent row. */
export type ScopedTable =
  | 'projects'
  | 'budgetLines'
  | 'monthlyExecutions'
  | 'targets'
  | 'indicators'
  | 'nodes'
  | 'readings'
  | 'budgetJudgements'
  | 'alerts'
  | 'measures'
  | 'reports'

export type RowCounts = Record<ScopedTable, number>

export function zeroCounts(): RowCounts {
  return {
    projects: 0,
    budgetLines: 0,
    monthlyExecutions: 0,
    targets: 0,
    indicators: 0,
    nodes: 0,
    readings: 0,
    budgetJudgements: 0,
    alerts: 0,
    measures: 0,
    reports: 0,
  }
}

/** The tables a cascading delete touches, for the caller's transaction scope. */
export function scopedTables(database: MonitoringDb): Table[] {
  return [
    database.projects,
    database.budgetLines,
    database.monthlyExecutions,
    database.targets,
    database.indicators,
    database.nodes,
    database.readings,
    database.budgetJudgements,
    database.alerts,
    database.measures,
    database.reports,
  ]
}

/** Deletes what hangs off these nodes: readings, budget judgements, alerts, measures. */
export async function deleteNodeChildren(
  database: MonitoringDb,
  nodeIds: readonly Id[],
  counts: RowCounts = zeroCounts(),
): Promise<RowCounts> {
  if (nodeIds.length === 0) return counts
  counts.readings += await database.readings.where('nodeId').anyOf(nodeIds).delete()
  counts.budgetJudgements += await database.budgetJudgements.where('nodeId').anyOf(nodeIds).delete()
  counts.alerts += await database.alerts.where('nodeId').anyOf(nodeIds).delete()
  counts.measures += await database.measures.where('nodeId').anyOf(nodeIds).delete()
  counts.reports += await database.reports.where('nodeId').anyOf(nodeIds).delete()
  return counts
}

/** Deletes every row of a unit-year (all years when `year` is undefined), keeping the unit itself. */
export async function deleteUnitRows(database: MonitoringDb, unitId: Id, year?: number): Promise<RowCounts> {
  const counts = zeroCounts()
  const lineIds = await ofUnit(database.budgetLines, unitId, year).primaryKeys()
  counts.monthlyExecutions += await database.monthlyExecutions.where('budgetLineId').anyOf(lineIds).delete()
  counts.budgetJudgements += await database.budgetJudgements.where('budgetLineId').anyOf(lineIds).delete()
  await database.budgetLines.bulkDelete(lineIds)
  counts.budgetLines += lineIds.length

  const targetIds = await ofUnit(database.targets, unitId, year).primaryKeys()
  const indicatorIds = await database.indicators.where('targetId').anyOf(targetIds).primaryKeys()
  counts.readings += await database.readings.where('indicatorId').anyOf(indicatorIds).delete()
  await database.indicators.bulkDelete(indicatorIds)
  counts.indicators += indicatorIds.length
  await database.targets.bulkDelete(targetIds)
  counts.targets += targetIds.length

  const nodeIds = await ofUnit(database.nodes, unitId, year).primaryKeys()
  await deleteNodeChildren(database, nodeIds, counts)
  await database.nodes.bulkDelete(nodeIds)
  counts.nodes += nodeIds.length
  if (year === undefined) counts.measures += await database.measures.where('unitId').equals(unitId).delete()

  counts.projects += await ofUnit(database.projects, unitId, year).delete()
  return counts
}
