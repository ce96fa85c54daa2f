/**
 * 指标完成率 (docs/domain-rules.md §5.4) and the value expected at a node. A rate is a fraction (0.4667 = 46.67%);
 * every way it can fail to exist is a status, never NaN or Infinity.
 */
import { D, parseDecimal } from './decimal'
import type { Dec } from './decimal'
import { parseIsoDate } from './dates'
import { parseNodeDate } from './periods'
import type { TimeProgressMode } from './settings'
import type { Accrual, Indicator, IndicatorReading, IsoDate, Operator, QualitativeGrade } from './types'

export type CompletionResult =
  | { status: 'rate'; rate: Dec }
  | { status: 'notDue' }
  | { status: 'missing' }
  /** `field` names the input at fault ('actualValue', 'targetValue', 'qualitativePercent', …) */
  | { status: 'invalid'; message: string; field?: string }

/**
 * A grade's percent band [min, max], in percent; max is exclusive except for 达成 (seed 003,
 * docs/domain-rules.md §5.4).
 */
export interface GradeBand {
  min: number
  max: number
  maxInclusive: boolean
}

/** 达成 80–100% (含80%), 部分达成 60–80% (含60%), 未达成 0–60%: seed 003 (docs/domain-rules.md §5.4). */
export const QUALITATIVE_BANDS: Readonly<Record<QualitativeGrade, GradeBand>> = {
  达成: { min: 80, max: 100, maxInclusive: true },
  部分达成: { min: 60, max: 80, maxInclusive: false },
  未达成: { min: 0, max: 60, maxInclusive: false },
}

/**
 * The percent a grade stands for when the user gives none (docs/domain-rules.md §5.4): 达成 means the target is met
 * (100%); the other two take their band's middle (70%, 30% — seed 001 shows 30% for 有所效果, docs/domain-rules.md §5.4).
 */
export const DEFAULT_QUALITATIVE_PERCENT: Readonly<Record<QualitativeGrade, number>> = {
  达成: 100,
  部分达成: 70,
  未达成: 30,
}

export function isQualitative(indicator: Pick<Indicator, 'operator'>): boolean {
  return indicator.operator === '定性'
}

/** ≥ > = : more is better. */
export function isPositive(operator: Operator): boolean {
  return operator === '≥' || operator === '>' || operator === '='
}

/** ≤ < : less is better (a cap). */
export function isReverse(operator: Operator): boolean {
  return operator === '≤' || operator === '<'
}

/** 计量单位 that name an amount of money: a ≤ / < cap in one of them is a cost ceiling (docs/domain-rules.md §5.5). */
export const MONEY_UNITS: readonly string[] = ['万元', '元', '千元']

/**
 * A cost ceiling (docs/domain-rules.md §5.5, e.g. 项目保障成本经费 ≤150 万元): a cap (≤ <) whose 计量单位 is money. Its
 * 完成率 is still actual ÷ target (spending progress), but its light follows the ceiling rule
 * (`lights.indicatorLight`): spending slowly under a ceiling is no deviation.
 */
export function isCostCeiling(indicator: Pick<Indicator, 'operator' | 'measureUnit'>): boolean {
  return isReverse(indicator.operator) && MONEY_UNITS.includes(indicator.measureUnit.trim())
}

/** Whether `actual` satisfies the 计算符号 against `target` (false for 定性). */
export function satisfiesOperator(actual: Dec, operator: Operator, target: Dec): boolean {
  switch (operator) {
    case '≥':
      return actual.gte(target)
    case '>':
      return actual.gt(target)
    case '=':
      return actual.eq(target)
    case '≤':
      return actual.lte(target)
    case '<':
      return actual.lt(target)
    case '定性':
      return false
  }
}

/** A dueLater indicator is measurable from its dueDate on; without a valid dueDate it is never due (validateIndicator flags that). */
export function isDue(indicator: Indicator, asOf: IsoDate): boolean {
  if (indicator.accrual !== 'dueLater') return true
  if (!indicator.dueDate || !parseIsoDate(indicator.dueDate)) return false
  // both are checked 'yyyy-MM-dd' strings, which order like the dates they name
  return asOf >= indicator.dueDate
}

const rate = (value: Dec): CompletionResult => ({ status: 'rate', rate: value })
const invalid = (message: string, field: string): CompletionResult => ({ status: 'invalid', message, field })

export const ZERO_TARGET_MESSAGE = '年度指标值为0，无法计算完成率'

/**
 * The completion rate of a quantitative value against its target (docs/domain-rules.md §5.4):
 * - positive (≥ > =): actual ÷ target; `= 0` is a zero-tolerance target: 100% if actual is 0, else 0%;
 * - reverse level (≤ <): 100% up to the target, 1 − (actual − target) ÷ target up to twice it, then 0;
 * - reverse cumulative (a spend or cost cap): actual ÷ target, i.e. spending progress (seed 001,
 * docs/domain-rules.md §5.4).
 * Both values must already be non-negative.
 */
export function quantitativeRate(operator: Operator, accrual: Accrual, actual: Dec, target: Dec): CompletionResult {
  if (isReverse(operator)) {
    if (accrual === 'cumulative')
      return target.isZero() ? invalid(ZERO_TARGET_MESSAGE, 'targetValue') : rate(actual.div(target))
    if (actual.lte(target)) return rate(new D(1))
    if (actual.gte(target.times(2))) return rate(new D(0))
    // here target < actual < 2 × target, so target > 0
    return rate(new D(1).minus(actual.minus(target).div(target)))
  }
  if (target.isZero()) {
    if (operator === '=') return rate(new D(actual.isZero() ? 1 : 0))
    return invalid(ZERO_TARGET_MESSAGE, 'targetValue')
  }
  return rate(actual.div(target))
}

function percentText(value: number): string {
  return `${value}%`
}

/** 定性: the grade's percent (given, or the grade's default), which must lie in the grade's band. */
export function qualitativeCompletion(reading: IndicatorReading | undefined): CompletionResult {
  const grade = reading?.qualitativeGrade
  if (!grade) return { status: 'missing' }
  const raw = reading.qualitativePercent?.trim()
  if (!raw) return rate(new D(DEFAULT_QUALITATIVE_PERCENT[grade]).div(100))
  const percent = parseDecimal(raw)
  if (percent === null) return invalid(`完成百分比「${raw}」不是有效数字`, 'qualitativePercent')
  const band = QUALITATIVE_BANDS[grade]
  const belowMax = band.maxInclusive ? percent.lte(band.max) : percent.lt(band.max)
  if (percent.lt(band.min) || !belowMax) {
    const range = band.maxInclusive
      ? `${percentText(band.min)}（含）至${percentText(band.max)}（含）`
      : `${percentText(band.min)}（含）至${percentText(band.max)}（不含）`
    return invalid(`「${grade}」的完成百分比应在${range}之间，当前为${raw}%`, 'qualitativePercent')
  }
  return rate(percent.div(100))
}

/** The target as a non-negative number, or why it is not one. */
export function parseTarget(indicator: Indicator): { ok: true; target: Dec } | { ok: false; result: CompletionResult } {
  const target = parseDecimal(indicator.targetValue)
  if (target === null)
    return { ok: false, result: invalid(`年度指标值「${indicator.targetValue}」不是有效数字`, 'targetValue') }
  if (target.isNegative() && !target.isZero())
    return { ok: false, result: invalid('年度指标值不能为负数', 'targetValue') }
  return { ok: true, target }
}

/** Completion of a quantitative indicator for a given actual value (the reading's, or a forecast). */
function completionOfValue(
  indicator: Indicator,
  value: string | undefined,
  field: string,
  label: string,
): CompletionResult {
  const parsedTarget = parseTarget(indicator)
  if (!parsedTarget.ok) return parsedTarget.result
  const raw = value?.trim()
  if (!raw) return { status: 'missing' }
  const actual = parseDecimal(raw)
  if (actual === null) return invalid(`${label}「${raw}」不是有效数字`, field)
  if (actual.isNegative() && !actual.isZero()) return invalid(`${label}不能为负数`, field)
  return quantitativeRate(indicator.operator, indicator.accrual, actual, parsedTarget.target)
}

/**
 * 指标完成率 at the node (docs/domain-rules.md §5.4). Not-yet-due indicators have no rate even if a value was typed;
 * a missing reading or value is 'missing'; bad input is 'invalid' with a Chinese message.
 */
export function completionRate(
  indicator: Indicator,
  reading: IndicatorReading | undefined,
  asOf: IsoDate,
): CompletionResult {
  if (!parseNodeDate(asOf).ok) return invalid(`监控节点日期「${asOf}」无效`, 'asOfDate')
  if (!isDue(indicator, asOf)) return { status: 'notDue' }
  if (isQualitative(indicator)) return qualitativeCompletion(reading)
  return completionOfValue(indicator, reading?.actualValue, 'actualValue', '实际完成值')
}

/**
 * The completion the year is heading for: the reading's 全年预计完成值 against the target (for the
 * score preview). 定性 indicators keep their graded completion.
 */
export function forecastCompletion(indicator: Indicator, reading: IndicatorReading | undefined): CompletionResult {
  if (isQualitative(indicator)) return qualitativeCompletion(reading)
  return completionOfValue(indicator, reading?.yearEndForecast, 'yearEndForecast', '全年预计完成值')
}

/**
 * 预期值 at the node for a cumulative indicator: the monthly plan's value for the node's month when
 * given, else target × 序时进度 (seed 001: 15 个 at 6月30日 → 7.5; docs/domain-rules.md §5.3). null for other
 * accruals or bad input.
 */
export function expectedAtNode(indicator: Indicator, asOf: IsoDate, mode: TimeProgressMode): Dec | null {
  if (indicator.accrual !== 'cumulative' || isQualitative(indicator)) return null
  const node = parseNodeDate(asOf)
  if (!node.ok) return null
  const planned = parseDecimal(indicator.monthlyPlan?.[node.value.month - 1])
  if (planned !== null) return planned
  const target = parseDecimal(indicator.targetValue)
  if (target === null) return null
  // indicators with the same target share one expected value per node (a Decimal never changes)
  const key = `${indicator.targetValue}\u0000${asOf}\u0000${mode}`
  let expected = expectedValues.get(key)
  if (!expected) {
    // multiplied before dividing: 15 × 2 ÷ 12 is exactly 2.5, where 15 × (2 ÷ 12) is 2.4999…, and 2 done
    // of an expected 2.5 would then fall just below the 80% threshold (yellow instead of green)
    const [elapsed, whole] = mode === 'day' ? [node.value.dayOfYear, node.value.daysInYear] : [node.value.month, 12]
    expected = target.times(elapsed).div(whole)
    if (expectedValues.size >= EXPECTED_VALUES_KEPT) expectedValues.clear()
    expectedValues.set(key, expected)
  }
  return expected
}
const expectedValues = new Map<string, Dec>()
const EXPECTED_VALUES_KEPT = 20_000
