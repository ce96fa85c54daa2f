/**
 * Reading what an Excel import merges with, and committing it. The commit stores the merged
 * unit-year with `saveUnitYear`: one read-write transaction over every table, so an import is all or
 * nothing. A plan that changes nothing is not written at all (no audit row, no change counted).
 */
import type { ImportBase } from '@/domain/importPlan'
import { normalizeName } from '@/domain/names'
import type { ManagementInputs } from '@/domain/types'
import type { UnitYearWithInputs } from '@/domain/managementInputsCheck'
import { loadUnitYear, saveUnitYear } from './datasets'
import { DbWriteError, type WriteResult } from './result'
import { ofUnit, scopedTables, type RowCounts } from './unitScope'
import { runWrite } from './write'
import { db } from './schema'
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
): Promise<ImportBase & { managementInputs: ManagementInputs | null }> {
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
  return runWrite(database, tables, async () => {
    // Nested in this transaction: if it fails, the whole import is rolled back.
    const saved = await saveUnitYear(dataset, { database })
    if (!saved.ok) throw new DbWriteError(saved.messages.join('；'))
    const extra = Math.max(0, changedRows - 1)
    if (extra > 0) {
      const counter = await database.meta.get('changeCounter')
      const previous = counter?.key === 'changeCounter' ? counter.value : 0
      await database.meta.put({ key: 'changeCounter', value: previous + extra })
    }
    return saved.value
  })
}
