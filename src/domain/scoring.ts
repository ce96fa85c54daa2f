/**
 * Score preview (year-end 绩效自评, docs/domain-rules.md §11): indicator scores under the seed 003 or the
 * common scheme, the seed 003 budget-management formulas, and the grade.
 */
import { D, parseDecimal, sum } from './decimal'
import type { Dec } from './decimal'
import { isQualitative } from './completion'
import type { CompletionResult } from './completion'
import type { ScoringScheme } from './settings'
import type { Id, Indicator, IndicatorReading } from './types'

export type Grade = '优' | '良' | '中' | '差'

export interface IndicatorScore {
  weight: Dec
  score: Dec
  /** weight − score: what the preview sorts by */
  lost: Dec
}

/** Points of the seed 003 budget-management indicators (docs/domain-rules.md §11.6). */
export const SEED003_POINTS = Object.freeze({
  budgetExecution: 10,
  carryOver: 2,
  publicExpenseControl: 2,
  threePublicExpenses: 2,
})

const ZERO = new D(0)
const ONE = new D(1)

/**
 * One indicator's points. null when it takes no part: not yet due (the preview lists it as
 * pending) or without a weight. A missing or invalid completion scores 0 — the preview shows where
 * the year is heading with what has been entered.
 * - seed003: completion < 60% → 0; 60–100% → rate × weight; 100–150% → full; > 150% → half
 *   (seed 003, docs/domain-rules.md §11.2); 定性 → its percent (within the grade's band 100–80 /
 *   80–60 / 60–0) × weight.
 * - common: min(rate, 100%) × weight; reverse indicators bring their completion rate
 *   (docs/domain-rules.md §11.3).
 * - `= 0` targets (zero tolerance): full only if the actual value is ≤ 0, in both schemes.
 */
export function scoreIndicator(
  scheme: ScoringScheme,
  indicator: Indicator,
  completion: CompletionResult,
  reading?: IndicatorReading,
): IndicatorScore | null {
  if (completion.status === 'notDue') return null
  const weight = parseDecimal(indicator.weight)
  if (weight === null || weight.isNegative()) return null
  const score = pointsFor(scheme, indicator, completion, weight, reading)
  return { weight, score, lost: weight.minus(score) }
}

function pointsFor(
  scheme: ScoringScheme,
  indicator: Indicator,
  completion: CompletionResult,
  weight: Dec,
  reading?: IndicatorReading,
): Dec {
  if (completion.status !== 'rate') return ZERO
  const rate = completion.rate
  if (indicator.operator === '=' && parseDecimal(indicator.targetValue)?.isZero()) {
    const actual = parseDecimal(reading?.actualValue)
    const met = actual !== null ? actual.lte(0) : rate.gte(ONE)
    return met ? weight : ZERO
  }
  if (scheme === 'common' || isQualitative(indicator)) return D.min(rate, ONE).times(weight)
  if (rate.lt('0.6')) return ZERO
  if (rate.lte(ONE)) return rate.times(weight)
  if (rate.lte('1.5')) return weight
  return weight.div(2)
}

/** 优 ≥ 90, 良 80 – < 90, 中 60 – < 80, 差 < 60 (score out of 100): seed 003 (docs/domain-rules.md §11.5). */
export function gradeFor(score: Dec): Grade {
  if (score.gte(90)) return '优'
  if (score.gte(80)) return '良'
  if (score.gte(60)) return '中'
  return '差'
}

/**
 * 部门预算资金支出率, seed 003 (docs/domain-rules.md §11.6): average monthly 执行率 ≥ 100% → full, else average × weight
 * (95.6% × 10 = 9.56). No average (no fully reported month, only December, zero budget) scores 0.
 */
export function budgetExecutionScore(
  averageRate: Dec | null,
  weight: Dec = new D(SEED003_POINTS.budgetExecution),
): Dec {
  if (averageRate === null || averageRate.lte(0)) return ZERO
  return averageRate.gte(ONE) ? weight : averageRate.times(weight)
}

/** 结转结余率 = 年末结转和结余 ÷ (年初结转和结余 + 当年财政拨款), seed 003 (docs/domain-rules.md §11.6); null for nothing available. */
export function carryOverRate(yearEndBalance: Dec, available: Dec): Dec | null {
  return available.isZero() ? null : yearEndBalance.div(available)
}

/** 结转结余率 tiers, seed 003 (docs/domain-rules.md §11.6): ≤ 10% → 2, ≤ 20% → 1, ≤ 30% → 0.5, above → 0. */
export function carryOverRateScore(rate: Dec): Dec {
  if (rate.lte('0.1')) return new D(2)
  if (rate.lte('0.2')) return new D(1)
  if (rate.lte('0.3')) return new D('0.5')
  return ZERO
}

/** 公用经费控制率 = (实际支出 − 预算安排) ÷ 预算安排, seed 003 (docs/domain-rules.md §11.6); null without a budget. */
export function publicExpenseControlRate(actual: Dec, budgeted: Dec): Dec | null {
  return budgeted.isZero() ? null : actual.minus(budgeted).div(budgeted)
}

/**
 * 公用经费控制率 score, seed 003 (docs/domain-rules.md §11.6): ≤ 0 → 2; above 0, every started 5% (含) takes 0.5
 * off, down to 0 (0 < rate ≤ 5% → 1.5, ≤ 10% → 1, …). Without a budget, any spending scores 0.
 */
export function publicExpenseControlScore(actual: Dec, budgeted: Dec): Dec {
  const full = new D(SEED003_POINTS.publicExpenseControl)
  const rate = publicExpenseControlRate(actual, budgeted)
  if (rate === null) return actual.lte(0) ? full : ZERO
  if (rate.lte(0)) return full
  const steps = rate.div('0.05').ceil()
  return D.max(ZERO, full.minus(steps.times('0.5')))
}

/** “三公”经费, seed 003 (docs/domain-rules.md §11.6): 实际支出 ≤ 预算安排 → 2 (115.74 budgeted, 89.59 spent), else 0. */
export function threePublicExpensesScore(actual: Dec, budget: Dec): Dec {
  return actual.lte(budget) ? new D(SEED003_POINTS.threePublicExpenses) : ZERO
}

export interface ScoreItemInput {
  indicator: Indicator
  completion: CompletionResult
  reading?: IndicatorReading
}

export interface ScoredItem extends IndicatorScore {
  indicatorId: Id
  name: string
  completion: CompletionResult
}

export interface ScorePreview {
  total: Dec
  /** maxScore when given, else the sum of the scored items' weights */
  max: Dec
  /** total ÷ max × 100 */
  normalized: Dec
  /** null when nothing could be scored */
  grade: Grade | null
  /** scored items, most points lost first */
  items: ScoredItem[]
  /** not yet due: left out of total and max until they can be measured */
  pending: Id[]
  /** without a weight: not part of the preview */
  unweighted: Id[]
}

export function scorePreview(scheme: ScoringScheme, items: readonly ScoreItemInput[], maxScore?: Dec): ScorePreview {
  const scored: ScoredItem[] = []
  const pending: Id[] = []
  const unweighted: Id[] = []
  for (const { indicator, completion, reading } of items) {
    const result = scoreIndicator(scheme, indicator, completion, reading)
    if (result) scored.push({ indicatorId: indicator.id, name: indicator.name, completion, ...result })
    else if (completion.status === 'notDue') pending.push(indicator.id)
    else unweighted.push(indicator.id)
  }
  const total = sum(scored.map((s) => s.score))
  const max = maxScore ?? sum(scored.map((s) => s.weight))
  const normalized = max.gt(0) ? total.div(max).times(100) : ZERO
  // sort is stable: equal losses keep the input (table) order
  const sorted = [...scored].sort((a, b) => b.lost.comparedTo(a.lost))
  return { total, max, normalized, grade: max.gt(0) ? gradeFor(normalized) : null, items: sorted, pending, unweighted }
}
