/**
 * The shape of an Excel import's dry run, shared by the layers that take part in it: io builds the
 * plan from the file's cells, the store reads the stored base from the database and commits the plan,
 * and the preview shows it. Plain data only; how a plan is built lives in src/io/import.
 */
import type { IndicatorFramework, MonitoringNode, Unit, UnitYearDataset } from './types'
import { TABLE_LABELS } from './backup'

export type RowStatus = 'new' | 'changed' | 'unchanged'

export interface ImportProblem {
  sheet: string
  /** spreadsheet row (1-based); 0 when the problem is about the whole file or sheet */
  row: number
  /** column letter, '' when about a whole row or sheet */
  column: string
  message: string
}

export type StatusCounts = Record<RowStatus, number>

/** The rows an import counts, in the preview's order: the monitoring group, then the stored tables it fills. */
const IMPORTED_TABLES = [
  'projects',
  'budgetLines',
  'monthlyExecutions',
  'targets',
  'indicators',
  'nodes',
  'readings',
  'budgetJudgements',
  'measures',
] as const
export type CountKey = 'monitoringGroup' | (typeof IMPORTED_TABLES)[number]

export const COUNT_LABELS = {
  monitoringGroup: '监控小组成员',
  ...Object.fromEntries(IMPORTED_TABLES.map((table) => [table, TABLE_LABELS[table]])),
} as Record<CountKey, string>

export interface RowChange {
  sheet: string
  row: number
  label: string
  status: RowStatus
  /** for changed rows: what changes, e.g. '6月执行数 324.88 → 330' */
  detail?: string
}

export interface ImportPlan {
  /** errors: any one blocks the commit */
  problems: ImportProblem[]
  /** doubtful but allowed (e.g. a cumulative figure lower than the month before); shown in the preview */
  warnings: ImportProblem[]
  unitName: string
  year: number
  /** true when the unit is new (no unit of that name existed) */
  newUnit: boolean
  counts: Record<CountKey, StatusCounts>
  /** the spreadsheet rows and what importing them does */
  rows: RowChange[]
  /** true when committing would change nothing */
  unchanged: boolean
  /** the merged unit-year to store (meaningful only without problems) */
  dataset: UnitYearDataset | null
}

/** What an import merges with, as stored: read from the database by the store, handed to the planner. */
export interface ImportBase {
  /** the stored unit-year of the file's unit and year, or null */
  existing: UnitYearDataset | null
  /** the stored unit of the file's 单位名称 (when it has no data for that year yet), or null */
  existingUnit: Unit | null
  /** the stored framework of the file's year, or null */
  existingFramework: IndicatorFramework | null
  /**
   * every stored node of the stored unit, all years (its 执行率口径 changes every year's figures, so a
   * locked node of any year refuses the change, as `putUnit` does); absent → the unit-year's nodes
   */
  unitNodes?: readonly MonitoringNode[]
}
