/**
 * The 月度执行录入 grid as data: rows = budget lines, columns = months 1..12, each cell a pair of
 * cumulative texts (执行数, 到位资金) as the user typed them. This module checks every cell with
 * `validateExecution` (after strict parsing), sums the live totals with the same carry-forward rule
 * as every other view (`budgetFigures`), lists the rows a save must write, and maps a block pasted
 * from Excel onto cells. Pure: the grid component only renders and forwards keys.
 */
import { D, decimalOrZero } from './decimal'
import type { Dec } from './decimal'
import { parseTypedNumber } from './entryInput'
import { adjustedBudget } from './rates'
import { issue } from './result'
import type { ValidationIssue } from './result'
import type { BudgetLine, Id, MonthlyExecution, MonthNumber } from './types'
import { validateExecution } from './validation'

export type ExecutionField = 'spent' | 'allocated'
export const EXECUTION_FIELD_LABELS: Readonly<Record<ExecutionField, string>> = { spent: '执行数', allocated: '到位资金' }
export const GRID_MONTHS: readonly MonthNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

export interface ExecutionCellText {
  spent: string
  allocated: string
}

/** Texts per budget line, index 0 = 1月. */
export type ExecutionDraft = Record<Id, ExecutionCellText[]>

export function cellKey(lineId: Id, month: MonthNumber, field: ExecutionField): string {
  return `${lineId}|${month}|${field}`
}

/** The draft a grid starts from: the stored figures as text, blanks where nothing is stored. */
export function draftFromExecutions(lines: readonly BudgetLine[], executions: readonly MonthlyExecution[]): ExecutionDraft {
  const draft: ExecutionDraft = {}
  for (const line of lines) draft[line.id] = GRID_MONTHS.map(() => ({ spent: '', allocated: '' }))
  for (const e of executions) {
    const row = draft[e.budgetLineId]
    if (row && e.month >= 1 && e.month <= 12) row[e.month - 1] = { spent: e.spent, allocated: e.allocated }
  }
  return draft
}

export interface CellIssue {
  lineId: Id
  lineName: string
  month: MonthNumber
  field: ExecutionField
  issue: ValidationIssue
}

export interface ExecutionGridCheck {
  /** every issue, by line order then month */
  issues: CellIssue[]
  /** issues per cell (`cellKey`) */
  byCell: Map<string, ValidationIssue[]>
  errorCount: number
  warningCount: number
  /** the entered months that parse, as rows (stored ids kept; new rows have id '') */
  parsed: MonthlyExecution[]
}

const blank = (text: string | undefined): boolean => (text ?? '').trim() === ''

export interface LineCheck {
  issues: CellIssue[]
  parsed: MonthlyExecution[]
}

/**
 * Checks one line's twelve months. A month is entered when either figure is typed; then both are
 * required and checked by `validateExecution` against the line (执行数 ≤ 到位资金, within the budget,
 * no negatives, cumulative figures not falling). Clearing a month that is already stored is refused:
 * the stored row would otherwise survive unseen, so the user must type the corrected cumulative figure.
 * `stored` holds the line's stored months (other lines' rows are ignored).
 */
export function checkExecutionLine(line: BudgetLine, row: readonly ExecutionCellText[], stored: readonly MonthlyExecution[]): LineCheck {
  const storedByMonth = new Map(stored.filter((e) => e.budgetLineId === line.id).map((e) => [e.month, e]))
  const issues: CellIssue[] = []
  const parsed: MonthlyExecution[] = []
  let previous: MonthlyExecution | undefined
  for (const month of GRID_MONTHS) {
    const text = row[month - 1] ?? { spent: '', allocated: '' }
    const add = (field: ExecutionField, found: ValidationIssue) => issues.push({ lineId: line.id, lineName: line.name, month, field, issue: found })
    const existing = storedByMonth.get(month)
    if (blank(text.spent) && blank(text.allocated)) {
      if (existing) add('spent', issue('spent', 'execution.cleared', `${month}月已保存的累计数不能清空；如需更正，请填写正确的累计数（可填0）`))
      continue
    }
    const failed = new Set<ExecutionField>()
    const values = { spent: '', allocated: '' }
    for (const field of ['spent', 'allocated'] as const) {
      const result = parseTypedNumber(text[field], `${month}月${EXECUTION_FIELD_LABELS[field]}`)
      if (!result.ok) {
        failed.add(field)
        add(field, issue(field, 'amount.notDecimal', result.message))
      } else values[field] = result.value ?? ''
    }
    const execution: MonthlyExecution = {
      id: existing?.id ?? '', budgetLineId: line.id, year: line.year, month, allocated: values.allocated, spent: values.spent,
    }
    for (const f of validateExecution(line, execution, previous)) {
      const field: ExecutionField = f.field === 'allocated' ? 'allocated' : 'spent'
      if (!failed.has(field)) add(field, f)
    }
    if (failed.size === 0 && !blank(values.spent) && !blank(values.allocated)) {
      parsed.push(execution)
      previous = execution
    }
  }
  return { issues, parsed }
}

/** Puts line checks (in line order) together into the grid's check. */
export function combineLineChecks(checks: readonly LineCheck[]): ExecutionGridCheck {
  const issues = checks.flatMap((c) => c.issues)
  const byCell = new Map<string, ValidationIssue[]>()
  for (const c of issues) {
    const key = cellKey(c.lineId, c.month, c.field)
    byCell.set(key, [...(byCell.get(key) ?? []), c.issue])
  }
  const errorCount = issues.filter((c) => c.issue.severity === 'error').length
  return { issues, byCell, errorCount, warningCount: issues.length - errorCount, parsed: checks.flatMap((c) => c.parsed) }
}

/** Checks the whole grid, line by line (see `checkExecutionLine`). */
export function checkExecutionDraft(
  lines: readonly BudgetLine[],
  draft: ExecutionDraft,
  stored: readonly MonthlyExecution[],
): ExecutionGridCheck {
  const storedByLine = groupByLine(stored)
  return combineLineChecks(lines.map((line) => checkExecutionLine(line, draft[line.id] ?? [], storedByLine.get(line.id) ?? [])))
}

/** Rows grouped by budget line, each group in the given order. */
export function groupByLine(rows: readonly MonthlyExecution[]): Map<Id, MonthlyExecution[]> {
  const groups = new Map<Id, MonthlyExecution[]>()
  for (const row of rows) {
    const group = groups.get(row.budgetLineId)
    if (group) group.push(row)
    else groups.set(row.budgetLineId, [row])
  }
  return groups
}

export interface GridTotals {
  adjustedBudget: Dec
  /** per month 1..12: the unit total, each line carrying its latest earlier month forward */
  months: { month: MonthNumber; spent: Dec; allocated: Dec }[]
}

/**
 * The live totals row, from the parsed cells (a cell still being corrected counts as not entered).
 * Same rule as `budgetFigures`: each line carries its latest earlier month forward.
 */
export function gridTotals(lines: readonly BudgetLine[], parsed: readonly MonthlyExecution[]): GridTotals {
  const byLine = groupByLine(parsed)
  const spent = GRID_MONTHS.map(() => new D(0))
  const allocated = GRID_MONTHS.map(() => new D(0))
  for (const line of lines) {
    const months = [...(byLine.get(line.id) ?? [])].sort((a, b) => a.month - b.month)
    let latest: MonthlyExecution | undefined
    let next = 0
    for (const month of GRID_MONTHS) {
      while (next < months.length && months[next].month <= month) latest = months[next++]
      if (!latest) continue
      spent[month - 1] = spent[month - 1].plus(decimalOrZero(latest.spent))
      allocated[month - 1] = allocated[month - 1].plus(decimalOrZero(latest.allocated))
    }
  }
  return {
    adjustedBudget: lines.reduce((total, line) => total.plus(adjustedBudget(line)), new D(0)),
    months: GRID_MONTHS.map((month) => ({ month, spent: spent[month - 1], allocated: allocated[month - 1] })),
  }
}

/**
 * The rows a save writes: entered months that differ from what is stored (compared as numbers, so
 * '324.880' over a stored '324.88' is no change). New rows get ids from `newId`.
 */
export function changedExecutions(
  parsed: readonly MonthlyExecution[],
  stored: readonly MonthlyExecution[],
  newId: () => Id,
): MonthlyExecution[] {
  const storedByKey = new Map(stored.map((e) => [`${e.budgetLineId}|${e.month}`, e]))
  const same = (a: string, b: string) => new D(a).eq(new D(b))
  return parsed.flatMap((row) => {
    const before = storedByKey.get(`${row.budgetLineId}|${row.month}`)
    if (before && same(before.spent, row.spent) && same(before.allocated, row.allocated)) return []
    return [{ ...row, id: before?.id ?? newId() }]
  })
}

/**
 * A block copied from Excel (tab-separated cells, one line per row) as rows of cell texts. Excel ends
 * the copy with a line break, which is not an extra row; quoted cells lose their quotes.
 */
export function parsePastedBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => line.split('\t').map((cell) => cell.trim().replace(/^"(.*)"$/s, '$1').trim()))
}

export interface GridPosition {
  row: number
  col: number
}

export interface PastePlacement {
  cells: { row: number; col: number; text: string }[]
  /** cells of the block that fell outside the grid and were left out */
  clipped: number
}

/** Where a pasted block lands when its top-left cell goes to `start`; what falls outside is counted. */
export function placePastedBlock(start: GridPosition, block: readonly (readonly string[])[], rowCount: number, colCount: number): PastePlacement {
  const cells: PastePlacement['cells'] = []
  let clipped = 0
  block.forEach((values, r) => {
    values.forEach((text, c) => {
      const row = start.row + r
      const col = start.col + c
      if (row < rowCount && col < colCount) cells.push({ row, col, text })
      else clipped += 1
    })
  })
  return { cells, clipped }
}

/**
 * 「到位资金按执行数填入」: for every month with a 执行数 but no 到位资金, copies the 执行数 (funds
 * arrive as they are spent, as in seed 001 where both are 383.74 at 6月). Returns a new draft and how
 * many cells it filled; typed 到位资金 are never overwritten.
 */
export function fillAllocatedFromSpent(draft: ExecutionDraft): { draft: ExecutionDraft; filled: number } {
  let filled = 0
  const next: ExecutionDraft = {}
  for (const [lineId, row] of Object.entries(draft)) {
    let changed = false
    const months = row.map((cell) => {
      if (blank(cell.allocated) && !blank(cell.spent)) {
        filled += 1
        changed = true
        return { ...cell, allocated: cell.spent.trim() }
      }
      return cell
    })
    next[lineId] = changed ? months : row
  }
  return { draft: filled > 0 ? next : draft, filled }
}
