/** What a scheme reads at a node, taken from the node snapshot and the unit-year's 管理指标填报. */
import { decimalOrZero, sum } from '../decimal'
import type { NodeSnapshot } from '../snapshot'
import type { ManagementInputs } from '../types'
import { outlookCompletion } from './indicators'
import type { ScoringIndicator } from './indicators'
import type { SchemeContext } from './metrics'

/** The 整体 indicators as a scheme scores them: on their 全年预计 when given, a ceiling with its year-end figure. */
export function scoringIndicatorsOf(snapshot: NodeSnapshot): ScoringIndicator[] {
  return snapshot.indicators
    .filter((row) => row.scope === 'unit')
    .map((row) => {
      const reading = row.reading ?? undefined
      return {
        indicator: row.indicator,
        reading,
        completion: outlookCompletion(row.indicator, reading, row.assessment.completion),
        ceilingForecast: row.assessment.ceilingForecast ?? null,
      }
    })
}

/**
 * The context of `scoreScheme` at the snapshot's node. 上年结转 is counted once: when the unit's 执行率口径
 * already adds it to the budget (docs/domain-rules.md §4.3), it is taken back out of 调整后预算.
 */
export function schemeContextOf(snapshot: NodeSnapshot, inputs: ManagementInputs | null = null): SchemeContext {
  const unit = snapshot.budget.unit
  const carryOver = sum(snapshot.budget.byLine.map((l) => decimalOrZero(l.line.carryOver)))
  const adjustedBudget = snapshot.budgetIncludesCarryOver ? unit.adjustedBudget.minus(carryOver) : unit.adjustedBudget
  const hasBudget = snapshot.budget.byLine.length > 0
  return {
    month: snapshot.month,
    indicators: scoringIndicatorsOf(snapshot),
    monthlyAverage: snapshot.monthlyAverage,
    budget: hasBudget
      ? { adjustedBudget, carryOver, availableBudget: adjustedBudget.plus(carryOver), spent: unit.spent }
      : null,
    inputs,
  }
}

/** An empty context for a month: nothing entered, no data (a scheme's table before any data). */
export function emptyContext(month: SchemeContext['month'] = 12): SchemeContext {
  return { month, indicators: [], monthlyAverage: null, budget: null, inputs: null }
}
