/**
 * Reads what a destructive action would remove, for the warning shown before it: every year of a
 * unit (删除单位) or one unit-year (重新载入示例数据 replaces it), its 管理指标填报 included, and for
 * 删除单位 the unit's 报送 and 主管部门 records too. The counting of a year is the domain's
 * (`countUnitYear`); this module only loads the rows, in one read transaction so the figures are of
 * one moment. The records are counted from the very keys deleteUnit deletes (unitScope `unitRecordRows`),
 * without reading a received package's bytes.
 */
import type { Id } from '@/domain/types'
import {
  UNIT_RECORD_COUNT_KEYS,
  addCounts,
  countFrozenReports,
  countUnitYear,
  noDataCounts,
  type DataLoss,
} from '@/domain/dataLoss'
import { listUnitYears, loadUnitYear } from './datasets'
import { db, type MonitoringDb } from './schema'
import type { DbOptions } from './options'
import { ofUnit, unitRecordRows, unitTables } from './unitScope'

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
  const tables = [database.frameworks, ...unitTables(database)]
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
    // what the unit holds beyond its years goes with 删除单位 only
    if (onlyYear === undefined) {
      const records = await unitRecordRows(database, unitId)
      for (const key of UNIT_RECORD_COUNT_KEYS) counts[key] += records[key].length
    }
    return { unit, years, counts, frozenReports }
  })
}
