/**
 * Units ranked at one node (docs/domain-rules.md §17.3): by 执行进度比 (执行率 ÷ 序时进度 × 100, the
 * budget light's ratio, lights.budgetLight), worst first, each with its red and yellow 预警. A 下属单位
 * that has not submitted for the node is listed as 未报送 after them: never left out, so a missing
 * unit shows instead of silently improving the picture.
 */
import type { Dec } from '../decimal'
import { budgetLight } from '../lights'
import { DEFAULT_SETTINGS } from '../settings'
import type { LightThresholds } from '../settings'
import type { Id, Light } from '../types'
import { amountOf, budgetFiguresOf } from './figures'
import type { AlertCounts, SubordinateUnit, UnitNodeFigures } from './types'

export interface RankedUnit {
  status: 'submitted'
  /** 1 = the worst 执行进度比; null when the unit has no ratio (no budget, or no elapsed time) */
  rank: number | null
  unitId: Id
  unitName: string
  figures: UnitNodeFigures
  /** 执行数 ÷ 调整后预算; null for a zero budget */
  executionRate: Dec | null
  timeProgress: Dec
  /** 执行进度比 = 执行率 ÷ 序时进度 × 100 (51.4 for seed 001); null when it cannot be formed */
  progressRatio: Dec | null
  /** the budget light of that ratio */
  budgetLight: Light
  alerts: AlertCounts
}

/** A 下属单位 with no submission for the node: 未报送. */
export interface UnsubmittedUnit {
  status: 'notSubmitted'
  unitId: Id
  unitName: string
}

export type UnitRanking = RankedUnit | UnsubmittedUnit

/**
 * Names in code-point order, then ids: the same order on every machine (a locale's collation is not),
 * so two equal ratios always list the same way.
 */
export function byNameThenId(a: { unitName: string; unitId: Id }, b: { unitName: string; unitId: Id }): number {
  return compareText(a.unitName, b.unitName) || compareText(a.unitId, b.unitId)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The ranking at one node: `units` are the current submissions for it (one per unit), `subordinates`
 * the 主管部门's list of 下属单位. Order: units with a ratio, lowest first (ties by name, then id);
 * then submitted units without a ratio (by name); then the subordinates with no submission, as
 * 未报送 (by name). A unit that submitted but is not on the list is still ranked: its figures are in
 * the totals.
 */
export function rankUnits(
  units: readonly UnitNodeFigures[],
  subordinates: readonly SubordinateUnit[],
  thresholds: LightThresholds = DEFAULT_SETTINGS.budgetLight,
): UnitRanking[] {
  const submitted = units.map((figures): RankedUnit => {
    const executionRate = budgetFiguresOf(figures.budget).executionRate
    const timeProgress = amountOf(figures.timeProgress)
    const light = budgetLight(executionRate, timeProgress, thresholds)
    return {
      status: 'submitted',
      rank: null,
      unitId: figures.unitId,
      unitName: figures.unitName,
      figures,
      executionRate,
      timeProgress,
      progressRatio: light.ratio,
      budgetLight: light.light,
      alerts: { red: figures.alerts.red, yellow: figures.alerts.yellow },
    }
  })
  const withRatio = submitted
    .filter((u) => u.progressRatio !== null)
    .sort((a, b) => compareRatios(a.progressRatio, b.progressRatio) || byNameThenId(a, b))
    .map((u, index): RankedUnit => ({ ...u, rank: index + 1 }))
  const withoutRatio = submitted.filter((u) => u.progressRatio === null).sort(byNameThenId)

  const seen = new Set(units.map((u) => u.unitId))
  const unsubmitted = subordinates
    .filter((s) => !seen.has(s.unitId))
    .map((s): UnsubmittedUnit => ({ status: 'notSubmitted', unitId: s.unitId, unitName: s.unitName }))
    .sort(byNameThenId)
  return [...withRatio, ...withoutRatio, ...unsubmitted]
}

/** Only ranked units are compared, so both ratios are there; null sorts as equal for the type checker. */
function compareRatios(a: Dec | null, b: Dec | null): number {
  return a === null || b === null ? 0 : a.comparedTo(b)
}
