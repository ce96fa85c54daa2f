/**
 * 预警灯 (docs/domain-rules.md §6). Thresholds come from MonitoringSettings (percent numbers); no threshold
 * literal lives here.
 */
import { D, parseDecimal } from './decimal'
import type { Dec } from './decimal'
import {
  completionRate,
  expectedAtNode,
  isCostCeiling,
  isQualitative,
  parseTarget,
  satisfiesOperator,
} from './completion'
import type { CompletionResult } from './completion'
import { timeProgress } from './periods'
import type { BudgetFigures } from './rates'
import type { IndicatorLightThresholds, LightThresholds, MonitoringSettings, TimeProgressMode } from './settings'
import type { Id, Indicator, IndicatorReading, IsoDate, Light, QualitativeGrade } from './types'

export interface BudgetLightResult {
  light: Light
  /** 执行进度比 = 执行率 ÷ 序时进度 × 100 (51.4 for seed 001, docs/domain-rules.md §6.1); null when it cannot be formed */
  ratio: Dec | null
}

export interface IndicatorAssessment {
  indicatorId: Id
  light: Light
  completion: CompletionResult
  /** 预期值 at the node (cumulative indicators only; null for a cost ceiling, which has no expected path) */
  expected: Dec | null
  /** actual ÷ expected as a fraction (0.9333 = 93.33%), cumulative indicators only (not cost ceilings) */
  ratioToExpected: Dec | null
  /** cost ceilings only: the year-end figure held against the ceiling, when there is one */
  ceilingForecast?: CeilingForecast
}

/**
 * The year-end figure a cost ceiling is held against (docs/domain-rules.md §6.3): the reading's 全年预计完成值 when it is
 * a number ('entered'), else for a cumulative ceiling the trend actual ÷ 序时进度 ('trend', 80 at
 * 1-6月 → 160). A level or due-later ceiling has no trend: its value does not accumulate.
 */
export type CeilingForecast = { source: 'entered'; value: Dec } | { source: 'trend'; value: Dec; timeProgress: Dec }

/** red below t.red, yellow below t.yellow, else green (percent thresholds). */
export function lightForRatio(ratio: Dec, t: LightThresholds): Light {
  if (ratio.lt(new D(t.red))) return 'red'
  if (ratio.lt(new D(t.yellow))) return 'yellow'
  return 'green'
}

/** Like lightForRatio, plus blue at or above t.blue (over-run: the target was probably too low). */
export function lightForPercentOfExpected(percent: Dec, t: IndicatorLightThresholds): Light {
  if (percent.gte(new D(t.blue))) return 'blue'
  return lightForRatio(percent, t)
}

/**
 * Budget execution light (docs/domain-rules.md §6.1): ratio = 执行率 ÷ 序时进度 × 100 against the thresholds.
 * Grey when there is no rate (zero budget) or no elapsed time.
 */
export function budgetLight(executionRate: Dec | null, timeProgress: Dec, t: LightThresholds): BudgetLightResult {
  if (executionRate === null || !timeProgress.gt(0)) return { light: 'grey', ratio: null }
  const ratio = executionRate.div(timeProgress).times(100)
  return { light: lightForRatio(ratio, t), ratio }
}

/** 执行率 > 100%: more spent than the adjusted budget. */
export function isOverspent(executionRate: Dec | null): boolean {
  return executionRate !== null && executionRate.gt(1)
}

/** 执行数 > 到位资金: spending funds not yet allocated is impossible, so it is a data error (docs/domain-rules.md §6.2). */
export function spendsUnallocatedFunds(figures: Pick<BudgetFigures, 'allocated' | 'spent'>): boolean {
  return figures.spent.gt(figures.allocated)
}

export const GRADE_LIGHTS: Readonly<Record<QualitativeGrade, Light>> = {
  达成: 'green',
  部分达成: 'yellow',
  未达成: 'red',
}

/** The cost ceiling's year-end figure: 全年预计完成值 if it is a number, else the trend (see CeilingForecast). */
export function ceilingForecast(
  indicator: Indicator,
  reading: IndicatorReading | undefined,
  asOf: IsoDate,
  mode: TimeProgressMode,
): CeilingForecast | null {
  const entered = parseDecimal(reading?.yearEndForecast)
  if (entered !== null) return { source: 'entered', value: entered }
  if (indicator.accrual !== 'cumulative') return null
  const actual = parseDecimal(reading?.actualValue)
  const progress = timeProgress(asOf, mode)
  if (actual === null || !progress.gt(0)) return null
  return { source: 'trend', value: actual.div(progress), timeProgress: progress }
}

/**
 * An indicator's light at the node (docs/domain-rules.md §6.3):
 * - not due, no reading, or input that gives no rate: grey (validation reports the last two);
 * - 定性: 达成 green, 部分达成 yellow, 未达成 red;
 * - cost ceiling (≤ < in 万元 / 元 / 千元, `isCostCeiling`): red when the actual already breaks the
 *   ceiling, yellow when the year-end forecast (`ceilingForecast`) does, else green — spending slowly
 *   under a ceiling is the budget light's business, not a deviation; no expected value, no ratio;
 * - cumulative (counts, and non-money caps such as ≤12 个月): actual ÷ expected against the thresholds,
 *   blue at or above settings.indicatorLight.blue; green when nothing is expected yet;
 * - level (and dueLater once due): green when the value satisfies its 计算符号 against the target, else red.
 */
export function indicatorLight(
  indicator: Indicator,
  reading: IndicatorReading | undefined,
  asOf: IsoDate,
  settings: MonitoringSettings,
): IndicatorAssessment {
  const completion = completionRate(indicator, reading, asOf)
  const ceiling = isCostCeiling(indicator)
  const expected = ceiling ? null : expectedAtNode(indicator, asOf, settings.timeProgressMode)
  const assessment = (light: Light, ratioToExpected: Dec | null = null): IndicatorAssessment => ({
    indicatorId: indicator.id,
    light,
    completion,
    expected,
    ratioToExpected,
  })

  if (completion.status !== 'rate') return assessment('grey')
  if (isQualitative(indicator)) {
    const grade = reading?.qualitativeGrade
    return assessment(grade ? GRADE_LIGHTS[grade] : 'grey')
  }
  const actual = parseDecimal(reading?.actualValue)
  const target = parseTarget(indicator)
  if (actual === null || !target.ok) return assessment('grey')

  if (ceiling) {
    const forecast = ceilingForecast(indicator, reading, asOf, settings.timeProgressMode)
    const light: Light = !satisfiesOperator(actual, indicator.operator, target.target)
      ? 'red'
      : forecast && !satisfiesOperator(forecast.value, indicator.operator, target.target)
        ? 'yellow'
        : 'green'
    return forecast ? { ...assessment(light), ceilingForecast: forecast } : assessment(light)
  }
  if (indicator.accrual === 'cumulative' && expected !== null) {
    if (!expected.gt(0)) return assessment('green')
    const ratio = actual.div(expected)
    return assessment(lightForPercentOfExpected(ratio.times(100), settings.indicatorLight), ratio)
  }
  return assessment(satisfiesOperator(actual, indicator.operator, target.target) ? 'green' : 'red')
}

/** Severity order for roll-ups: red, then yellow, then blue (needs an explanation), then green. */
const SEVERITY: Readonly<Record<Light, number>> = { red: 4, yellow: 3, blue: 2, green: 1, grey: 0 }

/** The worst light; grey (not due / no data) never counts, and only-grey or nothing is grey. */
export function worstLight(lights: readonly Light[]): Light {
  let worst: Light = 'grey'
  for (const light of lights) if (SEVERITY[light] > SEVERITY[worst]) worst = light
  return worst
}

/** How many of each light. */
export function countLights(lights: readonly Light[]): Record<Light, number> {
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, blue: 0, grey: 0 }
  for (const light of lights) counts[light] += 1
  return counts
}
