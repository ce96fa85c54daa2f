/**
 * Rows as stored, from rows as an entry form holds them (`Unchecked<T>`, `types.ts`): every amount and
 * date goes through its constructor (`parseDecimalString`, `parseIsoDateString`), so a stored row's
 * `DecimalString` and `IsoDate` fields hold what those types promise. A form saves only once its
 * validator (`validateBudgetLine`, `validateIndicator`) finds no error, and such a row always converts:
 * null here means the validator let something through.
 */
import { parseIsoDateString } from './dates'
import { parseDecimalString } from './decimal'
import type { BudgetLine, DecimalString, Indicator, Unchecked } from './types'

/** The budget line with its four amounts checked; null when one is not a plain decimal. */
export function checkedBudgetLine(line: Unchecked<BudgetLine>): BudgetLine | null {
  const initialBudget = parseDecimalString(line.initialBudget)
  const additions = parseDecimalString(line.additions)
  const reductions = parseDecimalString(line.reductions)
  const carryOver = parseDecimalString(line.carryOver)
  if (initialBudget === null || additions === null || reductions === null || carryOver === null) return null
  return { ...line, initialBudget, additions, reductions, carryOver }
}

/**
 * The indicator with its 分值, due date and monthly plan checked (each only when present); null when
 * one is not a plain decimal or a real 'yyyy-MM-dd' date. 年度指标值 stays text (定性 targets are words).
 */
export function checkedIndicator(indicator: Unchecked<Indicator>): Indicator | null {
  const { weight, dueDate, monthlyPlan, ...rest } = indicator
  const checked: Indicator = { ...rest }
  if (weight !== undefined) {
    const value = parseDecimalString(weight)
    if (value === null) return null
    checked.weight = value
  }
  if (dueDate !== undefined) {
    const value = parseIsoDateString(dueDate)
    if (value === null) return null
    checked.dueDate = value
  }
  if (monthlyPlan !== undefined) {
    const plan: DecimalString[] = []
    for (const text of monthlyPlan) {
      const value = parseDecimalString(text)
      if (value === null) return null
      plan.push(value)
    }
    checked.monthlyPlan = plan
  }
  return checked
}
