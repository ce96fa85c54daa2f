/**
 * Reading what an Excel import merges with, and committing it. The commit reads the stored data and
 * stores the merged unit-year with `saveUnitYear` in one read-write transaction over every table, so an
 * import is all or nothing and no other tab writes between that read and the write. A plan that
 * changes nothing is not written at all (no audit row, no change counted).
 */
import type { ImportBase } from '@/domain/importPlan'
import { normalizeName } from '@/domain/names'
import type { ManagementInputs } from '@/domain/types'
import type { UnitYearWithInputs } from '@/domain/managementInputsCheck'
import { loadUnitYear, saveUnitYear } from './datasets'
import { DbWriteError, type WriteResult } from './result'
import { ofUnit, scopedTables, type RowCounts } from './unitScope'
import { runWrite } from './write'
import { db, type MonitoringDb } from './schema'
import type { DbOptions } from './options'

/**
 * The stored unit called `unitName` once both names are normalised (so ‘且末县自然资源局\u200b’ in a
 * file finds 且末县自然资源局; the first by id when several look alike), its `year` and the framework,
 * and every node of the unit in any year (a locked node of any year refuses a change of its 执行率口径),
 * and the unit-year's 管理指标填报 (which the 管理指标 sheet merges into).
 */
export async function loadImportBase(
  unitName: string,
  year: number,
  { database = db }: DbOptions = {},
): Promise<StoredImportBase> {
  const name = normalizeName(unitName)
  // every unit is read: a stored name may hold invisible characters the index cannot see past
  const units = (await database.units.toArray()).filter((u) => normalizeName(u.name) === name)
  const unit = units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0] ?? null
  const existing = unit ? await loadUnitYear(unit.id, year, { database }) : null
  const framework = (await database.frameworks.get(year)) ?? null
  const hasRows =
    existing !== null &&
    existing.budgetLines.length + existing.targets.length + existing.nodes.length + existing.projects.length > 0
  const unitNodes = unit ? await ofUnit(database.nodes, unit.id).toArray() : []
  const managementInputs = unit ? ((await ofUnit(database.managementInputs, unit.id, year).first()) ?? null) : null
  return {
    existing: hasRows ? existing : null,
    existingUnit: unit,
    existingFramework: framework,
    unitNodes,
    managementInputs,
  }
}

/** What an import merges with, as `loadImportBase` reads it. */
export type StoredImportBase = ImportBase & { managementInputs: ManagementInputs | null }

/** The base of a file that names no unit-year (its plan refuses it). */
export const NO_IMPORT_BASE: StoredImportBase = {
  existing: null,
  existingUnit: null,
  existingFramework: null,
  unitNodes: [],
  managementInputs: null,
}

/** What the commit of an import does, once it has seen the data as stored: write a unit-year, or not. */
export type ImportDecision<T> = { result: T; write?: { dataset: UnitYearWithInputs; changedRows: number } }

/**
 * Commits an import against the data as stored at the moment of writing: in one read-write transaction,
 * reads the import base of `target` (the file's unit and year; null: none), hands it to `decide` (which
 * plans, or checks that the preview's plan was made against this very base) and stores the unit-year it
 * returns, if any. The read and the write share the transaction, so no other tab can write in between;
 * all or nothing. `decide` must be synchronous work only (no awaits), as in every transaction.
 */
export async function commitAgainstStored<T>(
  target: { unitName: string; year: number } | null,
  decide: (base: StoredImportBase) => ImportDecision<T>,
  { database = db }: DbOptions = {},
): Promise<WriteResult<T>> {
  const tables = [database.units, database.frameworks, ...scopedTables(database)]
  return runWrite(database, tables, async () => {
    const base = target ? await loadImportBase(target.unitName, target.year, { database }) : NO_IMPORT_BASE
    const { result, write } = decide(base)
    if (write) await storeImport(database, write.dataset, write.changedRows)
    return result
  })
}

/**
 * Stores the merged unit-year of an import in one transaction. `changedRows` (new + changed rows of
 * the plan) is added to the change counter, so the backup reminder counts an import of 500 rows as
 * 500 changes, not as the single summary audit row `saveUnitYear` records.
 */
export async function commitImport(
  dataset: UnitYearWithInputs,
  { changedRows = 1, database = db }: DbOptions & { changedRows?: number } = {},
): Promise<WriteResult<RowCounts>> {
  const tables = [database.units, database.frameworks, ...scopedTables(database)]
  return runWrite(database, tables, async () => storeImport(database, dataset, changedRows))
}

/** The write of an import, inside the caller's transaction over every table. */
async function storeImport(
  database: MonitoringDb,
  dataset: UnitYearWithInputs,
  changedRows: number,
): Promise<RowCounts> {
  // Nested in the caller's transaction: if it fails, the whole import is rolled back.
  const saved = await saveUnitYear(inKeyOrder(dataset), { database })
  if (!saved.ok) throw new DbWriteError(saved.messages.join('；'))
  const extra = Math.max(0, changedRows - 1)
  if (extra > 0) {
    const counter = await database.meta.get('changeCounter')
    const previous = counter?.key === 'changeCounter' ? counter.value : 0
    await database.meta.put({ key: 'changeCounter', value: previous + extra })
  }
  return saved.value
}

/**
 * The dataset with its many-row tables in primary-key order: IndexedDB keeps rows and index entries in
 * key order, and rows given in that order are written faster than in the plan's (ids are hashes, so
 * the plan's order is random in key terms): 60,000 months and 10,000 lines took ≈ 20 % less time in
 * Chromium (docs/benchmarks.md, import).
 */
function inKeyOrder(dataset: UnitYearWithInputs): UnitYearWithInputs {
  const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    ...dataset,
    budgetLines: byId(dataset.budgetLines),
    monthlyExecutions: byId(dataset.monthlyExecutions),
    indicators: byId(dataset.indicators),
    readings: byId(dataset.readings),
    budgetJudgements: byId(dataset.budgetJudgements),
  }
}
