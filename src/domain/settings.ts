/**
 * User-editable rules and their defaults (docs/domain-rules.md §14).
 * Components and stores read thresholds from here; no threshold literal lives anywhere else.
 */

/** 序时进度: by months elapsed (default, 6月底 → 50%) or by days elapsed. */
export type TimeProgressMode = 'month' | 'day'
/**
 * 评分方案: the id of a built-in scheme (`scoring.builtInScheme`): seed 003's table (Guangzhou 2023) or the
 * common one (docs/domain-rules.md §11.1, §11.10).
 */
export type ScoringScheme = 'seed003' | 'common'

export interface LightThresholds {
  /** below this (in percent) → red */
  red: number
  /** below this (in percent) → yellow; at or above → green */
  yellow: number
}

export interface IndicatorLightThresholds extends LightThresholds {
  /** at or above this (percent of expected) → blue over-run */
  blue: number
}

export interface MonitoringSettings {
  timeProgressMode: TimeProgressMode
  /** budget light: ratio = 执行率 ÷ 序时进度 × 100 against these */
  budgetLight: LightThresholds
  /** cumulative indicator light: actual ÷ expected-at-node × 100 against these */
  indicatorLight: IndicatorLightThresholds
  scoringScheme: ScoringScheme
  /** decimals of a percent shown for rates: 2 → '25.70%', 0 → '26%' like seed 001 (docs/domain-rules.md §1.1) */
  ratePrecision: number
}

export const DEFAULT_SETTINGS: Readonly<MonitoringSettings> = Object.freeze({
  timeProgressMode: 'month',
  budgetLight: Object.freeze({ red: 60, yellow: 80 }),
  indicatorLight: Object.freeze({ red: 60, yellow: 80, blue: 120 }),
  scoringScheme: 'seed003',
  ratePrecision: 2,
})

/** A fresh, mutable copy of the defaults (for 设置 → 恢复默认). */
export function defaultSettings(): MonitoringSettings {
  return {
    ...DEFAULT_SETTINGS,
    budgetLight: { ...DEFAULT_SETTINGS.budgetLight },
    indicatorLight: { ...DEFAULT_SETTINGS.indicatorLight },
  }
}
