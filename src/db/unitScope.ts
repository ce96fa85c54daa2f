/**
 * Reads and cascading deletes scoped to a unit, a unit-year or a set of nodes, shared by the
 * aggregates that own them (units, datasets, budget, targets, nodes) and by db/dataLoss, which counts
 * with the same reads the deletes use. Callers run these inside their own transaction; nothing here
 * opens one.
 */
import { Dexie, type Collection, type IndexableType, type Table } from 'dexie'
import type { Id } from '@/domain/types'
import {
  UNIT_RECORD_COUNT_KEYS,
  UNIT_YEAR_COUNT_KEYS,
  noDataCounts,
  type DataCountKey,
  type DataCounts,
  type UnitRecordCountKey,
} from '@/domain/dataLoss'
import type { MonitoringDb } from './schema'

/** Rows of a unit (all years when `year` is undefined) through the [unitId+year] index. */
export function ofUnit<T, K, I>(table: Table<T, K, I>, unitId: Id, year?: number): Collection<T, K, I> {
  const index = table.where('[unitId+year]')
  return year === undefined
    ? index.between([unitId, Dexie.minKey], [unitId, Dexie.maxKey], true, true)
    : index.equals([unitId, year])
}

/**
 * Rows whose `index` begins with `key`: a plain index ('targetId') matched whole, a compound one
 * ('[budgetLineId+month]') by its first part. A compound index serves a lookup by its first part, so
 * a table needs no index of its own for it (schema version 6 dropped monthly executions' `budgetLineId`).
 */
export function startingWith<T, K, I>(table: Table<T, K, I>, index: string, key: Id): Collection<T, K, I> {
  const where = table.where(index)
  return isCompound(index) ? where.between([key, Dexie.minKey], [key, Dexie.maxKey], true, true) : where.equals(key)
}

/** Rows whose `index` begins with any of `keys` (see `startingWith`). */
export function startingWithAny<T, K, I>(
  table: Table<T, K, I>,
  index: string,
  keys: readonly Id[],
): Collection<T, K, I> {
  const where = table.where(index)
  // every compound key whose first part is one of `keys`
  const ranges = keys.map((key): [unknown, unknown] => [
    [key, Dexie.minKey],
    [key, Dexie.maxKey],
  ])
  return isCompound(index) ? where.inAnyRange(ranges, { includeUppers: true }) : where.anyOf(keys)
}

function isCompound(index: string): boolean {
  return index.startsWith('[')
}

/**
 * Tables whose rows go with a unit: hanging off a unit-year, directly or through a parent row, or held
 * by the unit itself (UNIT_RECORD_COUNT_KEYS); the domain's data counts.
 */
export type ScopedTable = DataCountKey
export type RowCounts = DataCounts

/** The tables a unit-year's data lives in: the counted ones and the unit-years' choices of scoring scheme. */
export function unitYearTables(database: MonitoringDb): Table[] {
  return [...UNIT_YEAR_COUNT_KEYS.map((name) => database.table(name)), database.schemeChoices]
}

/**
 * The tables a unit-year's cascading delete (deleteUnitRows) touches, for the caller's transaction
 * scope: the unit-year's (unitYearTables) and the overview worker's kept views. Reads use
 * unitYearTables: a read over the kept views would wait for the worker's writes to them.
 */
export function scopedTables(database: MonitoringDb): Table[] {
  return [...unitYearTables(database), database.overviewViews]
}

/**
 * The tables 删除单位 touches besides the unit row: every unit-year's (scopedTables), the unit's
 * records (deleteUnitRecords) with its received packages' files, and its signing key.
 */
export function unitTables(database: MonitoringDb): Table[] {
  return [
    ...scopedTables(database),
    ...UNIT_RECORD_COUNT_KEYS.map((name) => database.table(name)),
    database.submissionFiles,
    database.units,
    database.signingKeys,
  ]
}

/** The tables a node's delete touches: the node and what hangs off it (deleteNodeChildren). */
export function nodeTables(database: MonitoringDb): Table[] {
  return [database.nodes, ...NODE_CHILD_TABLES.map(([name]) => database.table(name))]
}

/** The tables whose rows hang off a node, each with the index its `nodeId` is found by. */
const NODE_CHILD_TABLES = [
  ['readings', '[nodeId+indicatorId]'],
  ['budgetJudgements', '[nodeId+budgetLineId]'],
  ['alerts', 'nodeId'],
  ['measures', 'nodeId'],
  ['reports', 'nodeId'],
] as const

/** Deletes what hangs off these nodes: readings, budget judgements, alerts, measures. */
export async function deleteNodeChildren(
  database: MonitoringDb,
  nodeIds: readonly Id[],
  counts: RowCounts = noDataCounts(),
): Promise<RowCounts> {
  if (nodeIds.length === 0) return counts
  for (const [name, index] of NODE_CHILD_TABLES)
    counts[name] += await startingWithAny(database.table(name), index, nodeIds).delete()
  return counts
}

/**
 * Deletes every row of a unit-year (all years when `year` is undefined) and the overview worker's kept
 * views of those years, keeping the unit itself and what it holds beyond its years (unitRecordRows). Its
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
  counts.monthlyExecutions += await startingWithAny(
    database.monthlyExecutions,
    '[budgetLineId+month]',
    lineIds,
  ).delete()
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
  // the overview worker's views of these years: a cache (not counted), computed again from the new rows
  await ofUnit(database.overviewViews, unitId, year).delete()
  return counts
}

/** The primary keys of the rows of each of the unit's records that 删除单位 removes. */
export type UnitRecordRows = Record<UnitRecordCountKey, Id[]>

/**
 * The rows held by the unit rather than by one of its years, which only 删除单位 removes (deleting or
 * replacing a unit-year leaves them: a 报送 is a record of a file that left, and what a 主管部门 received
 * from its 下属单位 is not its own year's data): its 报送记录 (sentSubmissions by unitId) and, when it
 * is a 主管部门, its 下属单位 list, the 报送包 it received, their 审核结果 and its 部门汇总报告 (each by
 * departmentUnitId), and the 下属单位签名密钥 only it relied on (`keysOnlyFor`). Keys only: a received
 * package's bytes are never read. db/dataLoss counts these lists; deleteUnitRecords deletes them.
 */
export async function unitRecordRows(database: MonitoringDb, unitId: Id): Promise<UnitRecordRows> {
  const ofDepartment = <T>(table: Table<T, Id>) => table.where('departmentUnitId').equals(unitId).primaryKeys()
  const [sentSubmissions, subordinates, submissions, reviews, departmentReports] = await Promise.all([
    database.sentSubmissions.where('unitId').equals(unitId).primaryKeys(),
    ofDepartment(database.subordinates),
    ofDepartment(database.submissions),
    ofDepartment(database.reviews),
    ofDepartment(database.departmentReports),
  ])
  const unitKeys = await keysOnlyFor(database, unitId, new Set(submissions))
  return { sentSubmissions, subordinates, unitKeys, submissions, reviews, departmentReports }
}

/**
 * The registered 下属单位签名密钥 that go with the 主管部门 `departmentUnitId`: those of the units on its
 * list or that sent it a package (`received`: its submissions' ids), unless another 主管部门 of this
 * database still lists that unit or holds a package from it. A key row is keyed by the 下属单位's unitId
 * alone, not per 主管部门 (db/department: storeSubmission checks every package against it, and
 * loadDepartment shows every registered key), so it is shared by every 主管部门 here. Deleting a key
 * another 主管部门 relies on would make that 主管部门's next package from the unit a 首次报送 (its
 * fingerprint checked by phone again) and silently drop the trust it confirmed; keeping one no 主管部门
 * here relies on would leave a trust behind that nobody holds, which a later 主管部门 of this database
 * would inherit unconfirmed. Rows of a 主管部门 unit that no longer exists (deleted before 删除单位 took
 * its rows with it) do not count as relying on a key. The unit's own id is not a candidate: deleting a
 * unit here says nothing about the key its real office signs with.
 */
async function keysOnlyFor(database: MonitoringDb, departmentUnitId: Id, received: ReadonlySet<Id>): Promise<Id[]> {
  const exists = new Map<Id, boolean>()
  const otherDepartment = async (id: Id): Promise<boolean> => {
    if (id === departmentUnitId) return false
    if (!exists.has(id)) exists.set(id, (await database.units.get(id)) !== undefined)
    return exists.get(id) === true
  }
  // each package's unit and 主管部门 from the indexes (key cursors), so no package is read
  const senderOf = await indexedBy(database.submissions, 'unitId')
  const receiverOf = await indexedBy(database.submissions, 'departmentUnitId')

  const listed = await database.subordinates.where('departmentUnitId').equals(departmentUnitId).toArray()
  const candidates = new Set(listed.flatMap((row) => (row.unitId === null ? [] : [row.unitId])))
  const receivers = new Map<Id, Set<Id>>()
  for (const [id, sender] of senderOf) {
    if (received.has(id)) candidates.add(sender)
    const receiver = receiverOf.get(id)
    if (receiver !== undefined) receivers.set(sender, (receivers.get(sender) ?? new Set()).add(receiver))
  }

  const keys: Id[] = []
  for (const unitId of [...candidates].sort()) {
    if (!(await database.unitKeys.get(unitId))) continue
    const listing = await database.subordinates.where('unitId').equals(unitId).toArray()
    const departments = new Set([...listing.map((row) => row.departmentUnitId), ...(receivers.get(unitId) ?? [])])
    let relied = false
    for (const department of departments) relied ||= await otherDepartment(department)
    if (!relied) keys.push(unitId)
  }
  return keys
}

/** primary key → the row's value of `index`, read through a key cursor (no row is read). */
async function indexedBy<T>(table: Table<T, Id>, index: string): Promise<Map<Id, Id>> {
  const of = new Map<Id, Id>()
  await table.orderBy(index).eachKey((key: IndexableType, cursor) => {
    of.set(cursor.primaryKey as Id, key as Id)
  })
  return of
}

/**
 * Deletes the unit's records (unitRecordRows, read again here inside the delete's transaction), adding
 * them to `counts`, and its signing key (not counted: a key the unit signs with, never the user's data,
 * and a deleted unit must not keep one that signs for it). Returns the deleted key's fingerprint, for the
 * audit row, or null when the unit had none.
 */
export async function deleteUnitRecords(
  database: MonitoringDb,
  unitId: Id,
  counts: RowCounts,
): Promise<{ counts: RowCounts; signingKeyFingerprint: string | null }> {
  const rows = await unitRecordRows(database, unitId)
  for (const name of UNIT_RECORD_COUNT_KEYS) {
    await database.table(name).bulkDelete(rows[name])
    counts[name] += rows[name].length
  }
  // a received package's file is kept apart from its row, by the same id (counted with 收到的报送包)
  await database.submissionFiles.bulkDelete(rows.submissions)
  const signingKey = await database.signingKeys.get(unitId)
  if (signingKey) await database.signingKeys.delete(unitId)
  return { counts, signingKeyFingerprint: signingKey?.fingerprint ?? null }
}
