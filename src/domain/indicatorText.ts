/**
 * How an indicator's target, actual value and completion read in tables and reports
 * (seed 001, docs/domain-rules.md §13.1: `预期指标值：≥98%，实际完成值 60%，指标完成率 61%`). Wording only; no arithmetic
 * beyond the shared formatters.
 */
import { formatPercent, parseDecimal } from './decimal'
import type { CompletionResult } from './completion'
import type { Indicator, IndicatorReading } from './types'

export const NOT_DUE_TEXT = '未达监控节点'
export const MISSING_TEXT = '未填报'

/** '≥98%', '15个' style: the 计算符号 is shown except for '=' and 定性. */
export function targetText(indicator: Indicator): string {
  if (indicator.targetLabel) return indicator.targetLabel
  if (indicator.operator === '定性') return indicator.targetValue
  const prefix = indicator.operator === '=' ? '' : indicator.operator
  return `${prefix}${plainNumber(indicator.targetValue)}${indicator.measureUnit}`
}

/** '7个', '有所提升', '未达监控节点'; '未填报' when there is nothing to show. */
export function actualText(
  indicator: Indicator,
  reading: IndicatorReading | null | undefined,
  completion: CompletionResult,
): string {
  if (completion.status === 'notDue') return NOT_DUE_TEXT
  if (reading?.actualLabel) return reading.actualLabel
  if (indicator.operator === '定性') return reading?.qualitativeGrade ?? MISSING_TEXT
  if (reading?.actualValue === undefined || reading.actualValue.trim() === '') return MISSING_TEXT
  return `${plainNumber(reading.actualValue)}${indicator.measureUnit}`
}

/** The 全年预计 of a reading with the indicator's unit ('12个'), the text as typed when it is not a number; '—' when none. */
export function yearEndForecastText(indicator: Indicator, reading: IndicatorReading | null | undefined): string {
  const value = reading?.yearEndForecast?.trim()
  if (!value) return '—'
  return parseDecimal(value) ? `${plainNumber(value)}${indicator.measureUnit}` : value
}

/** '46.67%' (precision from settings), '未达监控节点', '未填报', or the invalid input's message. */
export function completionText(completion: CompletionResult, precision: number): string {
  switch (completion.status) {
    case 'rate':
      return formatPercent(completion.rate, precision)
    case 'notDue':
      return NOT_DUE_TEXT
    case 'missing':
      return MISSING_TEXT
    case 'invalid':
      return completion.message
  }
}

/** Stored '450.00' reads '450'; a non-number is shown as typed. */
function plainNumber(value: string): string {
  const parsed = parseDecimal(value)
  return parsed ? parsed.toFixed() : value
}
