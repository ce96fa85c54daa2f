/**
 * Reads and cascading deletes scoped to a unit, a unit-year or a set of nodes, shared by the
 * aggregates that own them (units, datasets, budget, targets, nodes). Callers run these inside their
 * own transaction; nothing here opens one.
 */
import { Dexie, type Collection, type Table } from 'dexie'
import type { Id } from '@/domain/types'
import { DATA_COUNT_KEYS, noDataCounts, type DataCountKey, type DataCounts } from '@/domain/dataLoss'
import type { MonitoringDb } from './schema'

/** Rows of a unit (all years when `year` is undefined) through the [unitId+year] index. */
export function ofUnit<T, K, I>(table: Table<T, K, I>, unitId: Id, year?: number): Collection<T, K, I> {
  const index = table.where('[unitId+year]')
  return year === undefined
    ? index.between([unitId, Dexie.minKey], [unitId, Dexie.maxKey], true, true)
    : index.equals([unitId, year])
}

/** Tables whose rows hang off a unit-year, directly or through a parent row: the domain's data counts. */
export type ScopedTable = DataCountKey
export type RowCounts = DataCounts

/**
 * The tables a cascading delete touches, for the caller's transaction scope: the counted ones and the
 * unit-years' choices of scoring scheme.
 */
export function scopedTables(database: MonitoringDb): Table[] {
  return [...DATA_COUNT_KEYS.map((name) => database.table(name)), database.schemeChoices]
}

/** The tables a node's delete touches: the node and what hangs off it (deleteNodeChildren). */
export function nodeTables(database: MonitoringDb): Table[] {
  return [database.nodes, ...NODE_CHILD_TABLES.map((name) => database.table(name))]
}

/** The tables whose rows hang off a node (by `nodeId`). */
const NODE_CHILD_TABLES = ['readings', 'budgetJudgements', 'alerts', 'measures', 'reports'] as const

/** Deletes what hangs off these nodes: readings, budget judgements, alerts, measures. */
export async function deleteNodeChildren(
  database: MonitoringDb,
  nodeIds: readonly Id[],
  counts: RowCounts = noDataCounts(),
): Promise<RowCounts> {
  if (nodeIds.length === 0) return counts
  for (const name of NODE_CHILD_TABLES)
    counts[name] += await database.table(name).where('nodeId').anyOf(nodeIds).delete()
  return counts
}

/**
 * Deletes every row of a unit-year (all years when `year` is undefined), keeping the unit itself. Its
 * 管理指标填报 go too unless `managementInputs` is false (a whole-year write that keeps them); the
 * choices of scoring scheme go with the unit only (deleteUnit), a replaced unit-year keeps its choice.
 */
export async function deleteUnitRows(
  database: MonitoringDb,
  unitId: Id,
  year?: number,
  { managementInputs = true }: { managementInputs?: boolean } = {},
): Promise<RowCounts> {
  const counts = noDataCounts()
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
  if (managementInputs) counts.managementInputs += await ofUnit(database.managementInputs, unitId, year).delete()
  if (year === undefined) await ofUnit(database.schemeChoices, unitId).delete()
  return counts
}
