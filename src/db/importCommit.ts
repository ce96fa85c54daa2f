/**
 * Reading what an Excel import merges with, and committing it. The commit stores the merged
 * unit-year with `saveUnitYear`: one read-write transaction over every table, so an import is all or
 * nothing. A plan that changes nothing is not written at all (no audit row, no change counted).
 */
import type { IndicatorFramework, Unit, UnitYearDataset } from '@/domain/types'
import { loadUnitYear, saveUnitYear } from './datasets'
import type { WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import type { RowCounts } from './unitScope'

export interface ImportBase {
  existing: UnitYearDataset | null
  existingUnit: Unit | null
  existingFramework: IndicatorFramework | null
}

/** The stored unit called `unitName` (first by id when several share it), its `year` and the framework. */
export async function loadImportBase(unitName: string, year: number, database: MonitoringDb = db): Promise<ImportBase> {
  const units = await database.units.where('name').equals(unitName).sortBy('id')
  const unit = units[0] ?? null
  const existing = unit ? await loadUnitYear(unit.id, year, database) : null
  const framework = (await database.frameworks.get(year)) ?? null
  const hasRows = existing !== null && (existing.budgetLines.length + existing.targets.length + existing.nodes.length + existing.projects.length) > 0
  return { existing: hasRows ? existing : null, existingUnit: unit, existingFramework: framework }
}

/** Stores the merged unit-year of an import in one transaction. */
export async function commitImport(dataset: UnitYearDataset, database: MonitoringDb = db): Promise<WriteResult<RowCounts>> {
  return saveUnitYear(dataset, database)
}
