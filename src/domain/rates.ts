/**
 * Budget execution (docs/domain-rules.md §4): 调整后预算, 到位率, 执行率 and their roll-ups. Everything is summed
 * exactly from the lines; rounding is left to the formatters, so a total always equals the sum of
 * its parts to the last digit.
 */
import { D, decimalOrZero, sum } from './decimal'
import type { Dec } from './decimal'
import { monthsThrough } from './periods'
import { FUND_SOURCES } from './types'
import type {
  BasicSubCategory,
  BudgetLine,
  ExpenseCategory,
  Id,
  MonthlyExecution,
  MonthNumber,
  Project,
  Unchecked,
} from './types'

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
  /**
   * The month these cumulative figures were entered for: the latest month ≤ m with an entry, or null
   * when the line has none yet (then both figures are 0: nothing is recorded, 未填报). A value below m
   * means month m itself is 未填报 and the figures are carried forward: show them labelled (截至6月),
   * never as month m's own (docs/domain-rules.md §4.5).
   */
  latestMonth: MonthNumber | null
}

export type BudgetRollUp = 'category' | 'subCategory' | 'fundSource' | 'project'

export interface BudgetGroup {
  key: string
  label: string
  figures: BudgetFigures
}

export const CATEGORY_LABELS: Readonly<Record<ExpenseCategory, string>> = { basic: '基本支出', project: '项目支出' }
export const SUB_CATEGORY_LABELS: Readonly<Record<BasicSubCategory, string>> = {
  personnel: '人员经费',
  public: '公用经费',
}

/**
 * 调整后预算 = 年初预算 + 追加 − 追减 (docs/domain-rules.md §4.2). Adjustments are dated: as of `month`, 追加 / 追减 count
 * only from their `adjustmentMonth` (absent → January); without `month`, the whole year's figure.
 * Unparseable amounts count as 0; validation flags them (so a line as typed in a form will do).
 */
export function adjustedBudget(
  line: Pick<Unchecked<BudgetLine>, 'initialBudget' | 'additions' | 'reductions' | 'adjustmentMonth'>,
  month?: MonthNumber,
): Dec {
  const initial = decimalOrZero(line.initialBudget)
  if (month !== undefined && (line.adjustmentMonth ?? 1) > month) return initial
  return initial.plus(decimalOrZero(line.additions)).minus(decimalOrZero(line.reductions))
}

/** How a unit's 执行率 denominator is formed (Unit.carryOverInExecutionBase). */
export interface ExecutionBase {
  /** add 上年结转 to 调整后预算 (some evaluators do, docs/domain-rules.md §4.3) */
  includeCarryOver?: boolean
}

/** The denominator of a line's 执行率 and 到位率 as of `month`: 调整后预算, plus 上年结转 when the unit counts it. */
export function executionBaseOf(line: BudgetLine, month?: MonthNumber, base: ExecutionBase = {}): Dec {
  const budget = adjustedBudget(line, month)
  return base.includeCarryOver ? budget.plus(decimalOrZero(line.carryOver)) : budget
}

/** numerator ÷ denominator, or null when there is nothing to divide by (never Infinity/NaN). */
export function rateOf(numerator: Dec, denominator: Dec): Dec | null {
  return denominator.isZero() ? null : numerator.div(denominator)
}

/** Figures with both rates against the adjusted budget (never the initial one, docs/domain-rules.md §4.6). */
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
 * The line's cumulative figures at `month`, and the month they come from (`latestMonth`). Figures are
 * cumulative, so a month without an entry carries the latest earlier month forward; before the first
 * entry everything is 0 with `latestMonth` null. Either way the month itself is 未填报, not 0 spent.
 */
export function executionAtMonth(
  executions: readonly MonthlyExecution[],
  budgetLineId: Id,
  month: MonthNumber,
): ExecutionFigures {
  let latest: MonthlyExecution | undefined
  for (const e of executions) {
    if (e.budgetLineId === budgetLineId && e.month <= month && (!latest || e.month > latest.month)) latest = e
  }
  return toFigures(latest)
}

function toFigures(execution: MonthlyExecution | undefined): ExecutionFigures {
  return execution
    ? {
        allocated: decimalOrZero(execution.allocated),
        spent: decimalOrZero(execution.spent),
        latestMonth: execution.month,
      }
    : { allocated: new D(0), spent: new D(0), latestMonth: null }
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

/** One line at a month: its 调整后预算 and cumulative 到位资金 / 执行数, and the month they were entered for. */
export interface LineAmounts {
  line: BudgetLine
  budget: Dec
  allocated: Dec
  spent: Dec
  /** the latest month ≤ the month asked for with an entry; null before the line's first entry (see ExecutionFigures) */
  latestMonth: MonthNumber | null
}

/**
 * Every line's amounts at `month`, in the lines' order. `budgets` (from adjustedBudgets) saves
 * parsing each line's budget again when a snapshot looks at several months.
 */
export function lineAmountsAt(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
  budgets: ReadonlyMap<BudgetLine, Dec> = adjustedBudgets(lines, month),
): LineAmounts[] {
  const latest = latestByLine(executions, month)
  return lines.map((line) => ({
    line,
    budget: budgets.get(line) ?? adjustedBudget(line, month),
    ...toFigures(latest.get(line.id)),
  }))
}

/** Each line's 执行率 denominator (executionBaseOf) as of `month`, computed once. */
export function adjustedBudgets(
  lines: readonly BudgetLine[],
  month?: MonthNumber,
  base: ExecutionBase = {},
): Map<BudgetLine, Dec> {
  return new Map(lines.map((line) => [line, executionBaseOf(line, month, base)]))
}

function lineAmounts(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
): LineAmounts[] {
  return lineAmountsAt(lines, executions, month)
}

/** The summed figures of some lines' amounts (the unit total when given all lines). */
export function totalOf(amounts: readonly LineAmounts[]): BudgetFigures {
  return figuresOf(
    sum(amounts.map((a) => a.budget)),
    sum(amounts.map((a) => a.allocated)),
    sum(amounts.map((a) => a.spent)),
  )
}

function sumAmounts(amounts: readonly LineAmounts[]): BudgetFigures {
  return totalOf(amounts)
}

/** The lines' summed figures at `month` (the unit total when given all lines). */
export function budgetFigures(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
): BudgetFigures {
  return sumAmounts(lineAmounts(lines, executions, month))
}

/** Each line's own figures at `month`, in the lines' sortOrder (the 监控表's budget block). */
export function lineFigures(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  month: MonthNumber,
): { line: BudgetLine; figures: BudgetFigures }[] {
  return lineAmounts(sortLines(lines), executions, month).map((a) => ({
    line: a.line,
    figures: figuresOf(a.budget, a.allocated, a.spent),
  }))
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
      return {
        key: line.subCategory,
        label: SUB_CATEGORY_LABELS[line.subCategory],
        order: line.subCategory === 'personnel' ? 0 : 1,
      }
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
export function rollUpAmounts(
  amountsInLineOrder: readonly LineAmounts[],
  by: BudgetRollUp,
  projects: readonly Project[] = [],
): BudgetGroup[] {
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
 * Whether a line is expected to report every month: it has money to spend, a non-zero 调整后预算 or
 * 上年结转 (docs/domain-rules.md §4.5: 上年结转 is part of the available budget, and a line funded only by it still
 * spends). A line with neither (a placeholder) has nothing to report and is never 未填报.
 */
export function expectsMonthlyEntry(amounts: Pick<LineAmounts, 'line' | 'budget'>): boolean {
  return !amounts.budget.isZero() || !decimalOrZero(amounts.line.carryOver).isZero()
}

/**
 * Who entered month m (docs/domain-rules.md §4.5, unreported is not zero):
 * - all: every line expected to report (expectsMonthlyEntry) has an entry for exactly m;
 * - some: at least one line has, but not all the expected ones (the others' figures are carried forward);
 * - none: no line has an entry for m at all (未填报: the month has no figure of its own).
 */
export type MonthEntries = 'all' | 'some' | 'none'

/** MonthEntries of `amounts`, taken at `month` (lineAmountsAt). */
export function monthEntries(amounts: readonly LineAmounts[], month: MonthNumber): MonthEntries {
  if (!amounts.some((a) => a.latestMonth === month)) return 'none'
  return amounts.every((a) => a.latestMonth === month || !expectsMonthlyEntry(a)) ? 'all' : 'some'
}

/** A budget line with no entry for a node's month, and the month of the figure the node uses for it. */
export interface UnreportedLine {
  budgetLineId: Id
  name: string
  /** the latest month with an entry (its cumulative figures are the ones counted); null: none yet, nothing counted */
  latestMonth: MonthNumber | null
}

/**
 * The lines expected to report (expectsMonthlyEntry) that have no entry for exactly `month`, in the
 * order of `amounts` (taken at `month` with lineAmountsAt). Their latest figures still count in the
 * totals; this says which figures are carried forward and from when.
 */
export function unreportedLinesAt(amounts: readonly LineAmounts[], month: MonthNumber): UnreportedLine[] {
  return amounts
    .filter((a) => a.latestMonth !== month && expectsMonthlyEntry(a))
    .map((a) => ({ budgetLineId: a.line.id, name: a.line.name, latestMonth: a.latestMonth }))
}

/**
 * One month's 通报 rate (docs/domain-rules.md §4.8): its month-end cumulative 执行率 against its 序时进度,
 * the ratio the finance bureau circulates each month.
 */
export interface MonthlyRate {
  month: MonthNumber
  /** 通报 rate = executionRate ÷ timeProgress, not capped (the average caps it at 100%) */
  rate: Dec
  /** cumulative 执行数 ÷ 调整后预算 at the month's end */
  executionRate: Dec
  /** 序时进度 at the month's end */
  timeProgress: Dec
}

/** 序时进度 at the end of a month: `monthEndTimeProgress` in the unit's mode, or by months (m ÷ 12). */
export type MonthEndProgress = (month: MonthNumber) => Dec

/** 序时进度 by months: m ÷ 12, whatever the year (docs/domain-rules.md §3.2). */
export const progressByMonths: MonthEndProgress = (month) => new D(month).div(12)

/**
 * The 通报 rates of the months that count for the seed 003 average (docs/domain-rules.md §4.8), from
 * amounts already taken at each month (`amountsByMonth[0]` = January, in month order): each month's
 * cumulative 执行率 ÷ its 序时进度 (`progress`, by months unless the snapshot passes the unit's mode).
 *
 * A month counts only when every line expected to report has an entry for exactly that month
 * (MonthEntries 'all'). We chose this over "at least one line reported" because it is the stricter
 * of the two: under the looser rule a month where only one line reported would mix that line's
 * figure with the other lines' carried-forward (or, before their first entry, zero) figures, which
 * is exactly the 未填报-as-a-figure docs/domain-rules.md §4.5 forbids; under the strict rule every counted rate is a
 * true month-end 执行率. A forgotten line drops the month, and the average says which months it
 * used, so the gap shows. Months before the first entry are not 0, and a gap is not the month before
 * carried: both are left out and named (docs/domain-rules.md §4.8).
 *
 * Empty when the adjusted budget is 0 (no month has a rate).
 */
export function reportedMonthlyRates(
  amountsByMonth: readonly (readonly LineAmounts[])[],
  progress: MonthEndProgress = progressByMonths,
): MonthlyRate[] {
  const rates: MonthlyRate[] = []
  for (const [index, amounts] of amountsByMonth.entries()) {
    const month = (index + 1) as MonthNumber
    const executionRate = totalOf(amounts).executionRate
    if (executionRate === null) return []
    const timeProgress = progress(month)
    if (monthEntries(amounts, month) !== 'all' || !timeProgress.gt(0)) continue
    rates.push({ month, rate: executionRate.div(timeProgress), executionRate, timeProgress })
  }
  return rates
}

/**
 * 通报 rate of each month 1..throughMonth that counts (see reportedMonthlyRates): that month's cumulative
 * 执行数 ÷ 调整后预算 ÷ 序时进度. Months not fully reported are left out, never 0 and never carried forward.
 */
export function monthlyExecutionRates(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
  throughMonth: MonthNumber,
  base: ExecutionBase = {},
  progress: MonthEndProgress = progressByMonths,
): MonthlyRate[] {
  const sorted = sortLines(lines)
  return reportedMonthlyRates(
    monthsThrough(throughMonth).map((m) => lineAmountsAt(sorted, executions, m, adjustedBudgets(sorted, m, base))),
    progress,
  )
}

/** Why there is no monthly average: no month counts, or the only one is December. */
export type MonthlyAverageGap = 'noMonths' | 'onlyDecember'

/** The seed 003 average and the months it used (docs/domain-rules.md §4.8). */
export interface MonthlyExecutionAverage {
  /** Σ min(monthly 通报 rate, 100%) ÷ n over `months`; null when there is none (see `gap`) */
  average: Dec | null
  /** the fully reported months, ascending: the ones averaged (with 'onlyDecember', [12], not averaged) */
  months: MonthNumber[]
  /** months 1..throughMonth left out because they were not fully reported */
  skippedMonths: MonthNumber[]
  /** why average is null; null when there is an average */
  gap: MonthlyAverageGap | null
  /** each month's 通报 rate, uncapped, in month order (the months of `months`) */
  rates: MonthlyRate[]
}

/**
 * 年度平均执行率 (seed 003 部门预算资金支出率, docs/domain-rules.md §4.8) = Σ monthly 通报 rate ÷ n over the
 * reported months only (monthlyExecutionRates), each month capped at 100%: a unit spending exactly on
 * schedule averages 100%. Months not reported are excluded, not 0.
 *
 * No average (null) when no month counts, or when the only month is December: a year-end figure
 * alone is the annual 执行率, not an average over months (docs/domain-rules.md §4.8).
 */
export function averageMonthlyExecutionRate(
  rates: readonly MonthlyRate[],
  throughMonth: MonthNumber,
): MonthlyExecutionAverage {
  const used = new Set(rates.map((r) => r.month))
  const skippedMonths = monthsThrough(throughMonth).filter((m) => !used.has(m))
  const months = rates.map((r) => r.month)
  if (rates.length === 0) return { average: null, months: [], skippedMonths, gap: 'noMonths', rates: [] }
  if (rates.length === 1 && rates[0]?.month === 12)
    return { average: null, months: [12], skippedMonths, gap: 'onlyDecember', rates: [...rates] }
  const one = new D(1)
  const average = sum(rates.map((r) => D.min(r.rate, one))).div(rates.length)
  return { average, months, skippedMonths, gap: null, rates: [...rates] }
}
