/**
 * The per-indicator preview (docs/domain-rules.md §11.8): each 整体 indicator's points under the built-in
 * scheme's completion rule, most points lost first, normalized to 100 and graded. The whole 100-point
 * table, budget-management items included, is `scoreScheme`.
 */
import { D, parseDecimal, sum } from '../decimal'
import type { Dec } from '../decimal'
import type { CompletionResult } from '../completion'
import type { CeilingForecast } from '../lights'
import type { ScoringScheme } from '../settings'
import type { Id, Indicator, IndicatorReading } from '../types'
import { indicatorRuleOf } from './builtIn'
import { indicatorPoints } from './engine'
import { gradeFor } from './grades'
import type { Grade } from './grades'
import { scoringCompletion } from './indicators'
import { roundPoints } from './rounding'

export interface IndicatorScore {
  weight: Dec
  /** rounded half-up to 2 decimals (docs/domain-rules.md §11.6) */
  score: Dec
  /** weight − score: what the preview sorts by */
  lost: Dec
}

const ZERO = new D(0)

/**
 * One indicator's points, rounded. null when it takes no part: not yet due (the preview lists it as
 * pending) or without a weight. A missing or invalid completion scores 0 — the preview shows where the
 * year is heading with what has been entered. The rule is the scheme's (seed003: tiers of seed 003;
 * common: min(completion, 100%) × weight); a cost ceiling scores as a ceiling (met → full; over it, by
 * `ceilingForecast` or the 全年预计, a shortfall), a `= 0` target on its actual value, 定性 within its
 * band (docs/domain-rules.md §11.5).
 */
export function scoreIndicator(
  scheme: ScoringScheme,
  indicator: Indicator,
  completion: CompletionResult,
  reading?: IndicatorReading,
  ceilingForecast?: CeilingForecast | null,
): IndicatorScore | null {
  if (completion.status === 'notDue') return null
  const weight = parseDecimal(indicator.weight)
  if (weight === null || weight.isNegative()) return null
  const score = indicatorPoints({ indicator, completion, reading, ceilingForecast }, indicatorRuleOf(scheme), weight)
  return { weight, score, lost: weight.minus(score) }
}

export interface ScoreItemInput {
  indicator: Indicator
  /** the completion the year heads for (`outlookCompletion`) */
  completion: CompletionResult
  reading?: IndicatorReading
  /** a cost ceiling's year-end figure (`lights.ceilingForecast`) */
  ceilingForecast?: CeilingForecast | null
}

export interface ScoredItem extends IndicatorScore {
  indicatorId: Id
  name: string
  /** the completion scored: a cost ceiling's is 100% while it is kept (`scoringCompletion`) */
  completion: CompletionResult
}

export interface ScorePreview {
  /** Σ of the rounded scores */
  total: Dec
  /** maxScore when given, else the sum of the scored items' weights */
  max: Dec
  /** total ÷ max × 100, rounded like a score (the total itself when max is 100) */
  normalized: Dec
  /** taken on `normalized`; null when nothing could be scored */
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
  for (const input of items) {
    const { indicator, completion, reading, ceilingForecast } = input
    const result = scoreIndicator(scheme, indicator, completion, reading, ceilingForecast)
    if (result) {
      const scoring = scoringCompletion({ indicator, completion, reading, ceilingForecast })
      scored.push({ indicatorId: indicator.id, name: indicator.name, completion: scoring, ...result })
    } else if (completion.status === 'notDue') pending.push(indicator.id)
    else unweighted.push(indicator.id)
  }
  const total = sum(scored.map((s) => s.score))
  const max = maxScore ?? sum(scored.map((s) => s.weight))
  const normalized = !max.gt(0) ? ZERO : max.eq(100) ? total : roundPoints(total.div(max).times(100))
  // sort is stable: equal losses keep the input (table) order
  const sorted = [...scored].sort((a, b) => b.lost.comparedTo(a.lost))
  return { total, max, normalized, grade: max.gt(0) ? gradeFor(normalized) : null, items: sorted, pending, unweighted }
}
