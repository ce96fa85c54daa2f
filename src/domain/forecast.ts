/**
 * 年末预测: where 执行率 and each cumulative indicator are heading by 12月31日 if the trend so far
 * continues [ours], shown beside the user's own 全年预计. The trend is a least-squares line through
 * the cumulative monthly path (执行数) or through the readings at the nodes so far (indicators),
 * anchored at 0 at the start of the year; never below what is already done.
 */
import { D, parseDecimal, sum } from './decimal'
import type { Dec } from './decimal'
import { isQualitative, parseTarget, quantitativeRate } from './completion'
import type { NodeSnapshot } from './snapshot'
import type { Id, Indicator, UnitYearDataset } from './types'
import { rateOf } from './rates'
import { parseNodeDate, timeProgressOf } from './periods'
import type { TimeProgressMode } from './settings'

/**
 * Least squares through (0, 0) and the given points (x in years elapsed, y cumulative), evaluated
 * at x = 1 (year end). With one point this is the plain pace y ÷ x.
 */
export function trendAtYearEnd(points: readonly { x: Dec; y: Dec }[]): Dec | null {
  const usable = points.filter((p) => p.x.gt(0))
  if (usable.length === 0) return null
  // slope of a line through the origin: Σxy ÷ Σx²
  const sxy = sum(usable.map((p) => p.x.times(p.y)))
  const sxx = sum(usable.map((p) => p.x.times(p.x)))
  const projected = sxy.div(sxx)
  const last = usable[usable.length - 1]
  return last ? D.max(projected, last.y) : projected
}

export interface ExecutionForecast {
  /** projected 执行数 at year end from the monthly path */
  trendSpent: Dec | null
  trendRate: Dec | null
  /** Σ of the user's 全年预计执行数 over the lines that have one; null when none has */
  userSpent: Dec | null
  userRate: Dec | null
  /** how many budget lines carry a 全年预计 */
  linesWithUserForecast: number
}

export function forecastExecution(snapshot: NodeSnapshot, dataset: UnitYearDataset): ExecutionForecast {
  const budget = snapshot.budget.unit.adjustedBudget
  // x = month ÷ 12 in either 序时进度 mode: every point is a month-END cumulative amount, and whole
  // months are the path's own unit (month-based 序时进度 at a month end). The mode matters for the
  // indicators below, whose nodes may fall mid-month; here it would only reweight the same points.
  const points = snapshot.monthlyPath.map((p) => ({ x: new D(p.month).div(12), y: p.spent }))
  const trendSpent = trendAtYearEnd(points)
  const judgements = dataset.budgetJudgements.filter((j) => j.nodeId === snapshot.node.id)
  const userValues = judgements.map((j) => parseDecimal(j.yearEndForecast)).filter((v): v is Dec => v !== null)
  const userSpent = userValues.length ? sum(userValues) : null
  return {
    trendSpent,
    trendRate: trendSpent ? rateOf(trendSpent, budget) : null,
    userSpent,
    userRate: userSpent ? rateOf(userSpent, budget) : null,
    linesWithUserForecast: userValues.length,
  }
}

export interface IndicatorForecast {
  indicatorId: Id
  name: string
  measureUnit: string
  target: Dec
  /** the value at this node */
  actual: Dec | null
  trendValue: Dec | null
  trendCompletion: Dec | null
  /** the user's 全年预计完成值 */
  userValue: Dec | null
  userCompletion: Dec | null
}

/**
 * Year-end forecasts of the cumulative quantitative indicators of the snapshot, from their readings
 * at this node and every earlier node of the year (x = 序时进度 of each node, in one mode for all
 * points: `mode`, by default the snapshot's own).
 */
export function forecastIndicators(
  snapshot: NodeSnapshot,
  dataset: UnitYearDataset,
  scope: 'unit' | 'all' = 'unit',
  mode: TimeProgressMode = snapshot.timeProgressMode,
): IndicatorForecast[] {
  const progressByNode = new Map<Id, Dec>()
  for (const n of dataset.nodes) {
    if (n.asOfDate > snapshot.asOf) continue
    // a node with an invalid date has no place on the time axis: its readings are left out
    const parsed = parseNodeDate(n.asOfDate)
    if (parsed.ok) progressByNode.set(n.id, timeProgressOf(parsed.value, mode))
  }
  const wanted = new Set(
    snapshot.indicators.filter((row) => scope === 'all' || row.scope === 'unit').map((row) => row.indicator.id),
  )
  const readingsByIndicator = new Map<Id, { x: Dec; y: Dec }[]>()
  for (const r of dataset.readings) {
    // only the indicators forecast here: a 主管部门 holds ~240,000 readings; parsing them all was costly
    // (see docs/benchmarks.md (round 1))
    if (!wanted.has(r.indicatorId)) continue
    const x = progressByNode.get(r.nodeId)
    const y = parseDecimal(r.actualValue)
    if (!x || y === null) continue
    const list = readingsByIndicator.get(r.indicatorId) ?? []
    list.push({ x, y })
    readingsByIndicator.set(r.indicatorId, list)
  }
  const rows: IndicatorForecast[] = []
  for (const row of snapshot.indicators) {
    if (scope === 'unit' && row.scope !== 'unit') continue
    const indicator: Indicator = row.indicator
    if (indicator.accrual !== 'cumulative' || isQualitative(indicator)) continue
    const target = parseTarget(indicator)
    if (!target.ok) continue
    const points = (readingsByIndicator.get(indicator.id) ?? []).sort((a, b) => a.x.comparedTo(b.x))
    const trendValue = trendAtYearEnd(points)
    const userValue = parseDecimal(row.reading?.yearEndForecast)
    const completionOf = (value: Dec | null): Dec | null => {
      if (value === null) return null
      const result = quantitativeRate(indicator.operator, indicator.accrual, value, target.target)
      return result.status === 'rate' ? result.rate : null
    }
    rows.push({
      indicatorId: indicator.id,
      name: indicator.name,
      measureUnit: indicator.measureUnit,
      target: target.target,
      actual: parseDecimal(row.reading?.actualValue),
      trendValue,
      trendCompletion: completionOf(trendValue),
      userValue,
      userCompletion: completionOf(userValue),
    })
  }
  return rows
}
