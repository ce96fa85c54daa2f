/**
 * Budget execution (spec §2): 调整后预算, 到位率, 执行率 and their roll-ups. Everything is summed
 * exactly from the lines; rounding is left to the formatters, so a total always equals the sum of
 * its parts to the last digit.
 */
import { D, decimalOrZero, sum } from './decimal'
import type { Dec } from './decimal'
import { monthsThrough } from './periods'
import { FUND_SOURCES } from './types'
import type { BasicSubCategory, BudgetLine, ExpenseCategory, Id, MonthlyExecution, MonthNumber, Project } from './types'

export interface BudgetFigures {
  /** 调整后预算 */
  adjustedBudget: Dec
  /** 到位资金 (cumulative) */
  allocated: Dec
  /** 执行数 (cumulative) */
  spent: Dec
  /** 到位率 = 到位资金 ÷ 调整后预算; null when the budget is 0 */
  allocationRate: Dec | null
  /** 执行率 = 执行数 ÷ 调整后预算; null when the budget is 0 */
  executionRate: Dec | null
}

export interface ExecutionFigures {
  allocated: Dec
  spent: Dec
}

export type BudgetRollUp = 'category' | 'subCategory' | 'fundSource' | 'project'

export interface BudgetGroup {
  key: string
  label: string
  figures: BudgetFigures
}

export const CATEGORY_LABELS: Readonly<Record<ExpenseCategory, string>> = { basic: '基本支出', project: '项目支出' }
export const SUB_CATEGORY_LABELS: Readonly<Record<BasicSubCategory, string>> = { personnel: '人员经费', public: '公用经费' }

/** 调整后预算 = 年初预算 + 追加 − 追减 (spec §2). Unparseable amounts count as 0; validation flags them. */
export function adjustedBudget(line: BudgetLine): Dec {
  return decimalOrZero(line.initialBudget).plus(decimalOrZero(line.additions)).minus(decimalOrZero(line.reductions))
}

/** numerator ÷ denominator, or null when there is nothing to divide by (never Infinity/NaN). */
export function rateOf(numerator: Dec, denominator: Dec): Dec | null {
  return denominator.isZero() ? null : numerator.div(denominator)
}

/** Figures with both rates against the adjusted budget (never the initial one, spec §2). */
export function figuresOf(budget: Dec, allocated: Dec, spent: Dec): BudgetFigures {
  return {
    adjustedBudget: budget,
    allocated,
    spent,
    allocationRate: rateOf(allocated, budget),
    executionRate: rateOf(spent, budget),
  }
}

/**
 * The line's cumulative figures at `month`. Figures are cumulative, so a month without an entry
 * carries the latest earlier month forward; before the first entry everything is 0.
 */
export function executionAtMonth(executions: readonly MonthlyExecution[], budgetLineId: Id, month: MonthNumber): ExecutionFigures {
  let latest: MonthlyExecution | undefined
  for (const e of executions) {
    if (e.budgetLineId === budgetLineId && e.month <= month && (!latest || e.month > latest.month)) latest = e
  }
  return toFigures(latest)
}

function toFigures(execution: MonthlyExecution | undefined): ExecutionFigures {
  return execution
    ? { allocated: decimalOrZero(execution.allocated), spent: decimalOrZero(execution.spent) }
    : { allocated: new D(0), spent: new D(0) }
}

/** executionAtMonth for every line at once, in one pass over the executions. */
function latestByLine(executions: readonly MonthlyExecution[], month: MonthNumber): Map<Id, MonthlyExecution> {
  const latest = new Map<Id, MonthlyExecution>()
  for (const e of executions) {
    if (e.month > month) continue
    const current = latest.get(e.budgetLineId)
    if (!current || e.month > current.month) latest.set(e.budgetLineId, e)
  }
  return latest
}

/** One line at a month: its 调整后预算 and cumulative 到位资金 / 执行数. */
export interface LineAmounts {
  line: BudgetLine
  budget: Dec
  allocated: Dec
  spent: Dec
}

/**
 * Every line's amounts at `month`, in the lines' order. `budgets` (from adjustedBudgets) saves
 * parsing each line's budget again when a snapshot looks at several months.
 */
export function lineAmountsAt(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
  budgets: ReadonlyMap<BudgetLine, Dec> = adjustedBudgets(lines),
): LineAmounts[] {
  const latest = latestByLine(executions, month)
  return lines.map((line) => ({ line, budget: budgets.get(line) ?? adjustedBudget(line), ...toFigures(latest.get(line.id)) }))
}

/** 调整后预算 of each line, computed once. */
export function adjustedBudgets(lines: readonly BudgetLine[]): Map<BudgetLine, Dec> {
  return new Map(lines.map((line) => [line, adjustedBudget(line)]))
}

function lineAmounts(lines: readonly BudgetLine[], executions: readonly MonthlyExecution[], month: MonthNumber): LineAmounts[] {
  return lineAmountsAt(lines, executions, month)
}

/** The summed figures of some lines' amounts (the unit total when given all lines). */
export function totalOf(amounts: readonly LineAmounts[]): BudgetFigures {
  return figuresOf(sum(amounts.map((a) => a.budget)), sum(amounts.map((a) => a.allocated)), sum(amounts.map((a) => a.spent)))
}

function sumAmounts(amounts: readonly LineAmounts[]): BudgetFigures {
  return totalOf(amounts)
}

/** The lines' summed figures at `month` (the unit total when given all lines). */
export function budgetFigures(lines: readonly BudgetLine[], executions: readonly MonthlyExecution[], month: MonthNumber): BudgetFigures {
  return sumAmounts(lineAmounts(lines, executions, month))
}

/** Each line's own figures at `month`, in the lines' sortOrder (the 监控表's budget block). */
export function lineFigures(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
): { line: BudgetLine; figures: BudgetFigures }[] {
  return lineAmounts(sortLines(lines), executions, month).map((a) => ({ line: a.line, figures: figuresOf(a.budget, a.allocated, a.spent) }))
}

export function sortLines(lines: readonly BudgetLine[]): BudgetLine[] {
  return [...lines].sort((a, b) => a.sortOrder - b.sortOrder)
}

interface GroupKey {
  key: string
  label: string
  /** position among groups: fixed for categories, first line's sortOrder for projects */
  order: number
}

const UNASSIGNED_PROJECT = 'unassigned'

/**
 * Groups of a roll-up and their Chinese labels:
 * - category: 基本支出, 项目支出;
 * - subCategory: 人员经费, 公用经费, and 项目支出 as its own group, so the groups still add up to the
 *   unit total (a basic line without a sub-category lands in 未分类基本支出);
 * - fundSource: 财政拨款, 上级专项, 上年结转, 其他资金;
 * - project: 项目支出 lines only, keyed by project id, labelled by the project's name (or, without a
 *   project list, its first line's name).
 */
function groupKey(line: BudgetLine, by: BudgetRollUp, projectNames: ReadonlyMap<Id, string>): GroupKey | null {
  switch (by) {
    case 'category':
      return { key: line.category, label: CATEGORY_LABELS[line.category], order: line.category === 'basic' ? 0 : 1 }
    case 'subCategory':
      if (line.category === 'project') return { key: 'project', label: CATEGORY_LABELS.project, order: 3 }
      if (!line.subCategory) return { key: 'unclassified', label: '未分类基本支出', order: 2 }
      return { key: line.subCategory, label: SUB_CATEGORY_LABELS[line.subCategory], order: line.subCategory === 'personnel' ? 0 : 1 }
    case 'fundSource': {
      const index = FUND_SOURCES.indexOf(line.fundSource)
      return { key: line.fundSource, label: line.fundSource, order: index < 0 ? FUND_SOURCES.length : index }
    }
    case 'project': {
      if (line.category !== 'project') return null
      const key = line.projectId || UNASSIGNED_PROJECT
      const label = line.projectId ? (projectNames.get(line.projectId) ?? line.name) : '未指定项目'
      return { key, label, order: line.sortOrder }
    }
  }
}

/** Budget figures rolled up by category, sub-category, fund source or project (see groupKey). */
export function rollUpBudget(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
  by: BudgetRollUp,
  projects: readonly Project[] = [],
): BudgetGroup[] {
  // sorted first so that a project's label comes from its first line
  return rollUpAmounts(lineAmounts(sortLines(lines), executions, month), by, projects)
}

/** rollUpBudget over amounts already taken at a month (lines in sortOrder). */
export function rollUpAmounts(amountsInLineOrder: readonly LineAmounts[], by: BudgetRollUp, projects: readonly Project[] = []): BudgetGroup[] {
  const projectNames = new Map(projects.map((p) => [p.id, p.name]))
  const groups = new Map<string, { key: GroupKey; amounts: LineAmounts[] }>()
  for (const amounts of amountsInLineOrder) {
    const key = groupKey(amounts.line, by, projectNames)
    if (!key) continue
    const group = groups.get(key.key)
    if (group) group.amounts.push(amounts)
    else groups.set(key.key, { key, amounts: [amounts] })
  }
  return [...groups.values()]
    .sort((a, b) => a.key.order - b.key.order)
    .map((g) => ({ key: g.key.key, label: g.key.label, figures: sumAmounts(g.amounts) }))
}

/**
 * 执行率 of each month 1..throughMonth: that month's cumulative 执行数 ÷ 调整后预算.
 * Empty when the adjusted budget is 0 (no month has a rate).
 */
export function monthlyExecutionRates(lines: readonly BudgetLine[], executions: readonly MonthlyExecution[], throughMonth: MonthNumber): Dec[] {
  const rates: Dec[] = []
  for (const month of monthsThrough(throughMonth)) {
    const rate = budgetFigures(lines, executions, month).executionRate
    if (rate === null) return []
    rates.push(rate)
  }
  return rates
}

/**
 * 年度平均执行率 = Σ monthly 执行率 ÷ n, each month capped at 100% [seed 003 部门预算资金支出率].
 * null for no months.
 */
export function averageMonthlyExecutionRate(rates: readonly Dec[]): Dec | null {
  if (rates.length === 0) return null
  const one = new D(1)
  return sum(rates.map((r) => D.min(r, one))).div(rates.length)
}
