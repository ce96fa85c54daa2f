/**
 * Reads what a destructive action would remove, for the warning shown before it: every year of a
 * unit (删除单位) or one unit-year (重新载入示例数据 replaces it), its 管理指标填报 included. The
 * counting itself is the domain's (`countUnitYear`); this module only loads the rows, in one read
 * transaction so the figures are of one moment.
 */
import type { Id } from '@/domain/types'
import { addCounts, countFrozenReports, countUnitYear, noDataCounts, type DataLoss } from '@/domain/dataLoss'
import { listUnitYears, loadUnitYear } from './datasets'
import { db, type MonitoringDb } from './schema'
import type { DbOptions } from './options'
import { ofUnit, scopedTables } from './unitScope'

/** What 删除单位 would remove (all its years), or null when the unit does not exist. */
export async function unitLoss(unitId: Id, { database = db }: DbOptions = {}): Promise<DataLoss | null> {
  return yearsLoss(unitId, undefined, database)
}

/** What replacing one unit-year would remove, or null when the unit does not exist. */
export async function unitYearLoss(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<DataLoss | null> {
  return yearsLoss(unitId, year, database)
}

async function yearsLoss(unitId: Id, onlyYear: number | undefined, database: MonitoringDb): Promise<DataLoss | null> {
  const tables = [database.units, database.frameworks, ...scopedTables(database)]
  return database.transaction('r', tables, async () => {
    const unit = await database.units.get(unitId)
    if (!unit) return null
    const years = (await listUnitYears({ database }))
      .filter((uy) => uy.unitId === unitId && (onlyYear === undefined || uy.year === onlyYear))
      .map((uy) => uy.year)
      .sort((a, b) => a - b)
    let counts = noDataCounts()
    let frozenReports = 0
    for (const year of years) {
      const dataset = await loadUnitYear(unitId, year, { database })
      if (!dataset) continue
      const managementInputs = (await ofUnit(database.managementInputs, unitId, year).first()) ?? null
      counts = addCounts(counts, countUnitYear({ ...dataset, managementInputs }))
      frozenReports += countFrozenReports(dataset)
    }
    return { unit, years, counts, frozenReports }
  })
}
