/**
 * The units × nodes light heatmap (docs/domain-rules.md §17.4): one row per 下属单位, one column per
 * monitoring date, each cell the unit's budget light at that date by 执行进度比 (lights.budgetLight, the
 * thresholds of the budget light, §6.1). The budget light is the one light every unit has at every
 * node and that means the same across units; the unit's worst light rides along for a tooltip. A unit
 * that has not submitted for a date gets a 未报送 cell, not a grey light: grey means "nothing to judge
 * yet", 未报送 means the 主管部门 is still waiting.
 */
import type { Dec } from '../decimal'
import { budgetLight } from '../lights'
import { DEFAULT_SETTINGS } from '../settings'
import type { LightThresholds } from '../settings'
import type { Id, IsoDate, Light } from '../types'
import { amountOf, budgetFiguresOf } from './figures'
import { byNameThenId } from './ranking'
import type { AlertCounts, DepartmentNode, SubordinateUnit, UnitNodeFigures } from './types'

export type HeatmapCell =
  | {
      status: 'submitted'
      asOfDate: IsoDate
      /** the budget light at the node */
      light: Light
      /** 执行进度比 (× 100); null when it cannot be formed (the light is then grey) */
      progressRatio: Dec | null
      executionRate: Dec | null
      /** the unit's worst light (budget and indicators) */
      unitLight: Light
      alerts: AlertCounts
    }
  | { status: 'notSubmitted'; asOfDate: IsoDate }

export interface HeatmapRow {
  unitId: Id
  unitName: string
  /** one per node, in the order of the heatmap's nodes */
  cells: HeatmapCell[]
}

export interface UnitNodeHeatmap {
  nodes: DepartmentNode[]
  rows: HeatmapRow[]
}

/**
 * Rows: the `units` list in its order, then any unit that submitted without being on it (by name).
 * Columns: `nodes` in their order; a submission at a date that is not a column is not shown.
 * `submissions` are the current ones (supersession.latestSubmissions), at most one per unit and date.
 */
export function unitNodeHeatmap(
  units: readonly SubordinateUnit[],
  nodes: readonly DepartmentNode[],
  submissions: readonly UnitNodeFigures[],
  thresholds: LightThresholds = DEFAULT_SETTINGS.budgetLight,
): UnitNodeHeatmap {
  const byUnitAndDate = new Map<string, UnitNodeFigures>()
  for (const s of submissions) byUnitAndDate.set(cellKey(s.unitId, s.asOfDate), s)

  const listed = new Set(units.map((u) => u.unitId))
  const unlisted = new Map<Id, SubordinateUnit>()
  for (const s of submissions)
    if (!listed.has(s.unitId)) unlisted.set(s.unitId, { unitId: s.unitId, unitName: s.unitName })

  const rows = [...units, ...[...unlisted.values()].sort(byNameThenId)].map((unit): HeatmapRow => ({
    unitId: unit.unitId,
    unitName: unit.unitName,
    cells: nodes.map((node) => cellOf(byUnitAndDate.get(cellKey(unit.unitId, node.asOfDate)), node, thresholds)),
  }))
  return { nodes: [...nodes], rows }
}

function cellKey(unitId: Id, asOfDate: IsoDate): string {
  return `${unitId}\u0000${asOfDate}`
}

function cellOf(figures: UnitNodeFigures | undefined, node: DepartmentNode, thresholds: LightThresholds): HeatmapCell {
  if (!figures) return { status: 'notSubmitted', asOfDate: node.asOfDate }
  const executionRate = budgetFiguresOf(figures.budget).executionRate
  const light = budgetLight(executionRate, amountOf(figures.timeProgress), thresholds)
  return {
    status: 'submitted',
    asOfDate: node.asOfDate,
    light: light.light,
    progressRatio: light.ratio,
    executionRate,
    unitLight: figures.unitLight,
    alerts: { red: figures.alerts.red, yellow: figures.alerts.yellow },
  }
}
