/**
 * A unit's node as the 主管部门 reads it (docs/domain-rules.md §17.2): built once from the unit's node
 * snapshot when the unit 报送s, checked when the 主管部门 imports it, and read back as Decimals for the
 * sums. The rates are not stored: each is formed again from the amounts, so a department rate can be
 * Σ 执行数 ÷ Σ 调整后预算 and never an average of rates.
 */
import { D, parseDecimal, toDecimalString } from '../decimal'
import type { Dec } from '../decimal'
import { LIGHT_ORDER } from '../lightPresentation'
import { countLights, worstLight } from '../lights'
import type { BudgetFigures } from '../rates'
import { CATEGORY_LABELS, figuresOf } from '../rates'
import { issue } from '../result'
import type { ValidationIssue } from '../result'
import type { NodeSnapshot } from '../snapshot'
import type { Alert, ExpenseCategory } from '../types'
import type { BudgetAmounts, SubordinateUnit, UnitNodeFigures } from './types'

export const EXPENSE_CATEGORIES: readonly ExpenseCategory[] = ['basic', 'project']
/** '-0' is not a negative amount (decimal.js gives it a sign) */
const isNegative = (value: Dec): boolean => value.isNegative() && !value.isZero()

/** 万元 with at least two decimals, as entered ('150.00'); padded, never rounded (toDecimalString) */
function amountsOf(figures: BudgetFigures): BudgetAmounts {
  return {
    adjustedBudget: toDecimalString(figures.adjustedBudget, 2),
    allocated: toDecimalString(figures.allocated, 2),
    spent: toDecimalString(figures.spent, 2),
  }
}

/**
 * The summary of `snapshot` for the 主管部门. `alerts` are the node's 预警 the unit reports (the caller
 * chooses: those of the frozen report, or the open ones); only their red and yellow are counted.
 *
 * Indicator counts take every indicator, 整体 and 项目: a department wants each deviation, while a
 * unit's own 概览 counts its 整体 indicators only (docs/domain-rules.md §6.4). The unit light is the
 * worst of its budget light and all those indicator lights, so the light agrees with the counts.
 */
export function unitNodeFiguresOf(
  unit: SubordinateUnit,
  snapshot: NodeSnapshot,
  alerts: readonly Pick<Alert, 'nodeId' | 'light'>[],
): UnitNodeFigures {
  const byCategory: UnitNodeFigures['byCategory'] = {}
  for (const group of snapshot.budget.byCategory) {
    const category = EXPENSE_CATEGORIES.find((c) => c === group.key)
    if (category) byCategory[category] = amountsOf(group.figures)
  }
  const indicatorLights = snapshot.indicators.map((row) => row.assessment.light)
  const nodeAlerts = alerts.filter((a) => a.nodeId === snapshot.node.id)
  return {
    unitId: unit.unitId,
    unitName: unit.unitName,
    year: snapshot.node.year,
    nodeId: snapshot.node.id,
    nodeLabel: snapshot.label,
    asOfDate: snapshot.asOf,
    budget: amountsOf(snapshot.budget.unit),
    byCategory,
    timeProgress: toDecimalString(snapshot.timeProgress),
    indicatorLights: countLights(indicatorLights),
    alerts: {
      red: nodeAlerts.filter((a) => a.light === 'red').length,
      yellow: nodeAlerts.filter((a) => a.light === 'yellow').length,
    },
    unitLight: worstLight([snapshot.budgetLight.light, ...indicatorLights]),
  }
}

/** The amounts as Decimals with their rates (figuresOf: against 调整后预算; null rates for a zero budget). */
export function budgetFiguresOf(amounts: BudgetAmounts): BudgetFigures {
  return figuresOf(amountOf(amounts.adjustedBudget), amountOf(amounts.allocated), amountOf(amounts.spent))
}

/**
 * A stored amount as a Decimal. A summary is checked on import (unitNodeFiguresProblems), so junk here
 * means an unchecked row; it counts as 0 as everywhere in the domain (rates.adjustedBudget).
 */
export function amountOf(value: string): Dec {
  return parseDecimal(value) ?? new D(0)
}

/**
 * What is wrong with a summary read from a package: amounts that are not plain decimals or are
 * negative, a 序时进度 outside 0–100%, counts that are not whole numbers ≥ 0, an unknown light, a
 * 基本/项目 split that does not add up to the unit total. Empty when it can be summed.
 */
export function unitNodeFiguresProblems(figures: UnitNodeFigures): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const checkAmounts = (field: string, amounts: BudgetAmounts, what: string) => {
    for (const [key, label] of [
      ['adjustedBudget', '调整后预算'],
      ['allocated', '到位资金'],
      ['spent', '执行数'],
    ] as const) {
      const value = parseDecimal(amounts[key])
      if (value === null || isNegative(value))
        issues.push(issue(`${field}.${key}`, 'summary.amount', `${what}${label}「${amounts[key]}」不是有效的非负金额`))
    }
  }
  checkAmounts('budget', figures.budget, '')
  for (const category of EXPENSE_CATEGORIES) {
    const amounts = figures.byCategory[category]
    if (amounts) checkAmounts(`byCategory.${category}`, amounts, CATEGORY_LABELS[category])
  }
  if (issues.length === 0) {
    const total = budgetFiguresOf(figures.budget)
    const parts = EXPENSE_CATEGORIES.flatMap((c) => {
      const amounts = figures.byCategory[c]
      return amounts ? [budgetFiguresOf(amounts)] : []
    })
    const adds = (pick: (f: BudgetFigures) => Dec) =>
      parts.reduce((acc, f) => acc.plus(pick(f)), new D(0)).eq(pick(total))
    if (!adds((f) => f.adjustedBudget) || !adds((f) => f.allocated) || !adds((f) => f.spent))
      issues.push(issue('byCategory', 'summary.categorySum', '基本支出与项目支出之和与单位合计不一致'))
  }
  const progress = parseDecimal(figures.timeProgress)
  if (progress === null || isNegative(progress) || progress.gt(1))
    issues.push(issue('timeProgress', 'summary.timeProgress', `序时进度「${figures.timeProgress}」不在 0 至 100% 之间`))
  const counts: [string, number][] = [
    ...LIGHT_ORDER.map((light): [string, number] => [`indicatorLights.${light}`, figures.indicatorLights[light]]),
    ['alerts.red', figures.alerts.red],
    ['alerts.yellow', figures.alerts.yellow],
  ]
  for (const [field, count] of counts)
    if (!Number.isInteger(count) || count < 0)
      issues.push(issue(field, 'summary.count', `计数「${String(count)}」不是非负整数`))
  if (!LIGHT_ORDER.includes(figures.unitLight))
    issues.push(issue('unitLight', 'summary.light', `单位预警灯「${String(figures.unitLight)}」无法识别`))
  return issues
}
