/**
 * 部门整体 at one node (docs/domain-rules.md §17.2): every figure is a sum over the units, and every rate
 * is formed from those sums. Σ 执行数 ÷ Σ 调整后预算 weighs each unit by its budget, so a small unit at
 * 100% cannot lift a large one at 20% the way an average of rates would.
 */
import { D, sum } from '../decimal'
import type { Dec } from '../decimal'
import { budgetLight, worstLight } from '../lights'
import type { BudgetLightResult } from '../lights'
import { LIGHT_ORDER } from '../lightPresentation'
import { CATEGORY_LABELS, figuresOf } from '../rates'
import type { BudgetFigures } from '../rates'
import { DEFAULT_SETTINGS } from '../settings'
import type { LightThresholds } from '../settings'
import type { ExpenseCategory, Light } from '../types'
import { amountOf, EXPENSE_CATEGORIES } from './figures'
import type { AlertCounts, BudgetAmounts, UnitNodeFigures } from './types'

export interface CategoryTotal {
  category: ExpenseCategory
  /** 基本支出 / 项目支出 */
  label: string
  figures: BudgetFigures
}

export interface DepartmentTotals {
  /** how many units were summed */
  unitCount: number
  /** Σ 调整后预算, Σ 到位资金, Σ 执行数, and the rates of those sums */
  budget: BudgetFigures
  /** 基本支出 then 项目支出, always both: each the sum over the units (a unit without lines in it adds 0) */
  byCategory: CategoryTotal[]
  /**
   * The units' 序时进度 when they all agree (they do at one date, unless units count it in different
   * modes, docs/domain-rules.md §3.2); null when they differ or there is no unit: the department then
   * has no 执行进度比 rather than one against a 序时进度 no unit used.
   */
  timeProgress: Dec | null
  /** the department's budget light: its summed 执行率 ÷ timeProgress × 100 against the thresholds */
  budgetLight: BudgetLightResult
  /** Σ of each light over the units' indicators */
  indicatorLights: Record<Light, number>
  /** Σ red and yellow 预警 */
  alerts: AlertCounts
  /** the worst of the units' lights (grey when there is no unit) */
  light: Light
}

function summed(amounts: readonly BudgetAmounts[]): BudgetFigures {
  return figuresOf(
    sum(amounts.map((a) => amountOf(a.adjustedBudget))),
    sum(amounts.map((a) => amountOf(a.allocated))),
    sum(amounts.map((a) => amountOf(a.spent))),
  )
}

function commonTimeProgress(units: readonly UnitNodeFigures[]): Dec | null {
  const [first, ...rest] = units.map((u) => amountOf(u.timeProgress))
  if (first === undefined) return null
  return rest.every((p) => p.eq(first)) ? first : null
}

/**
 * The department's totals over `units`: one summary per unit at the same node, the current submission
 * of each (supersession.latestSubmissions), as the caller chooses them. Units that have not submitted
 * add nothing here; the ranking lists them (ranking.rankUnits).
 */
export function departmentTotals(
  units: readonly UnitNodeFigures[],
  thresholds: LightThresholds = DEFAULT_SETTINGS.budgetLight,
): DepartmentTotals {
  const budget = summed(units.map((u) => u.budget))
  const byCategory = EXPENSE_CATEGORIES.map((category): CategoryTotal => ({
    category,
    label: CATEGORY_LABELS[category],
    figures: summed(units.flatMap((u) => u.byCategory[category] ?? [])),
  }))
  const timeProgress = commonTimeProgress(units)
  const indicatorLights: Record<Light, number> = { red: 0, yellow: 0, green: 0, blue: 0, grey: 0 }
  for (const unit of units) for (const light of LIGHT_ORDER) indicatorLights[light] += unit.indicatorLights[light]
  return {
    unitCount: units.length,
    budget,
    byCategory,
    timeProgress,
    budgetLight: budgetLight(budget.executionRate, timeProgress ?? new D(0), thresholds),
    indicatorLights,
    alerts: {
      red: units.reduce((n, u) => n + u.alerts.red, 0),
      yellow: units.reduce((n, u) => n + u.alerts.yellow, 0),
    },
    light: worstLight(units.map((u) => u.unitLight)),
  }
}
