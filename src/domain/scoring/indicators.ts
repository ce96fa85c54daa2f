/**
 * An indicator's completion as a scheme scores it (docs/domain-rules.md §11.5): the figure the year heads
 * for, a cost ceiling held as a ceiling, a zero-tolerance target on its actual value, 定性 within its band.
 */
import { D, parseDecimal } from '../decimal'
import type { Dec } from '../decimal'
import { forecastCompletion, isCostCeiling, isQualitative, quantitativeRate } from '../completion'
import type { CompletionResult } from '../completion'
import type { CeilingForecast } from '../lights'
import type { Indicator, IndicatorReading } from '../types'

/** One 整体 indicator as a scheme reads it. */
export interface ScoringIndicator {
  indicator: Indicator
  reading?: IndicatorReading
  /** the completion the year heads for (`outlookCompletion`): 全年预计 when given, else at the node */
  completion: CompletionResult
  /** a cost ceiling's year-end figure (`lights.ceilingForecast`: entered, or on trend) */
  ceilingForecast?: CeilingForecast | null
}

/**
 * The completion the year heads for: the 全年预计完成值 when one is given (定性: the graded percent), else
 * the completion at the node; an indicator not yet due stays not due.
 */
export function outlookCompletion(
  indicator: Indicator,
  reading: IndicatorReading | undefined,
  atNode: CompletionResult,
): CompletionResult {
  if (atNode.status === 'notDue') return atNode
  if (!reading?.yearEndForecast?.trim() && !isQualitative(indicator)) return atNode
  const forecast = forecastCompletion(indicator, reading)
  return forecast.status === 'rate' ? forecast : atNode
}

const rate = (value: Dec): CompletionResult => ({ status: 'rate', rate: value })

/**
 * A cost ceiling scores as a ceiling, not as spending progress (docs/domain-rules.md §11.5): met (100%)
 * while both the actual and the year-end figure stay within it, so 324.88 under 1,129.83 is full marks,
 * not 28.75%; a figure over it is a shortfall by the reverse-level formula of §5.4 (1,300 over 1,129.83
 * → 84.94%), never "115% → full". The worse of actual and year-end figure counts.
 */
function ceilingCompletion(row: ScoringIndicator): CompletionResult {
  if (row.completion.status !== 'rate') return row.completion
  const ceiling = parseDecimal(row.indicator.targetValue)
  if (ceiling === null) return row.completion
  const figures = [parseDecimal(row.reading?.actualValue), yearEndFigure(row)].filter((v): v is Dec => v !== null)
  if (figures.length === 0) return { status: 'missing' }
  return quantitativeRate('≤', 'level', D.max(...figures), ceiling)
}

/** the ceiling's year-end figure: the one the light judged, else an entered 全年预计完成值 */
function yearEndFigure(row: ScoringIndicator): Dec | null {
  if (row.ceilingForecast) return row.ceilingForecast.value
  return parseDecimal(row.reading?.yearEndForecast)
}

/**
 * The completion a scheme scores for an indicator:
 * - a cost ceiling: `ceilingCompletion`;
 * - a `= 0` target (zero tolerance): 100% only while the actual value is 0 (an incident that happened
 *   cannot be forecast away), else the completion;
 * - anything else: the completion the year heads for.
 */
export function scoringCompletion(row: ScoringIndicator): CompletionResult {
  const { indicator } = row
  if (row.completion.status !== 'rate') return row.completion
  if (isCostCeiling(indicator)) return ceilingCompletion(row)
  if (indicator.operator === '=' && parseDecimal(indicator.targetValue)?.isZero()) {
    const actual = parseDecimal(row.reading?.actualValue)
    if (actual !== null) return rate(new D(actual.lte(0) ? 1 : 0))
  }
  return row.completion
}

/** 定性 indicators score their graded percent × weight (seed 003: within the band), whatever the item's rule. */
export function scoresAsJudged(indicator: Indicator): boolean {
  return isQualitative(indicator)
}
