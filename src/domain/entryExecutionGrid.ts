/**
 * The 月度执行录入 grid as data: rows = budget lines, columns = months 1..12, each cell a pair of
 * cumulative texts (执行数, 到位资金) as the user typed them. This module checks every cell with
 * `validateExecution` (after strict parsing), sums the live totals with the same carry-forward rule
 * as every other view (`budgetFigures`), lists the rows a save must write, and maps a block pasted
 * from Excel onto cells. Pure: the grid component only renders and forwards keys.
 *
 * The draft always holds cumulative texts (what is saved and checked). The 当月数 view is a way of
 * reading and typing them (`monthlyText`, `setMonthlyAmount`); the unit's 到位资金 setting fills in
 * the figure the unit does not type (`completeAllocated`) before the check and the save.
 */
import { D, decimalOrZero } from './decimal'
import type { Dec } from './decimal'
import { parseTypedNumber } from './entryInput'
import { adjustedBudget } from './rates'
import { issue } from './result'
import type { ValidationIssue } from './result'
import type { BudgetLine, DecimalString, Id, MonthlyExecution, MonthNumber, Unchecked, Unit } from './types'
import { validateExecution } from './validation'

export type ExecutionField = 'spent' | 'allocated'
export const EXECUTION_FIELD_LABELS: Readonly<Record<ExecutionField, string>> = {
  spent: '执行数',
  allocated: '到位资金',
}
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
export function draftFromExecutions(
  lines: readonly BudgetLine[],
  executions: readonly MonthlyExecution[],
): ExecutionDraft {
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
export function checkExecutionLine(
  line: BudgetLine,
  row: readonly ExecutionCellText[],
  stored: readonly MonthlyExecution[],
): LineCheck {
  const storedByMonth = new Map(stored.filter((e) => e.budgetLineId === line.id).map((e) => [e.month, e]))
  const issues: CellIssue[] = []
  const parsed: MonthlyExecution[] = []
  let previous: MonthlyExecution | undefined
  for (const month of GRID_MONTHS) {
    const text = row[month - 1] ?? { spent: '', allocated: '' }
    const add = (field: ExecutionField, found: ValidationIssue) =>
      issues.push({ lineId: line.id, lineName: line.name, month, field, issue: found })
    const existing = storedByMonth.get(month)
    if (blank(text.spent) && blank(text.allocated)) {
      if (existing)
        add(
          'spent',
          issue(
            'spent',
            'execution.cleared',
            `${month}月已保存的累计数不能清空；如需更正，请填写正确的累计数（可填0）`,
          ),
        )
      continue
    }
    const failed = new Set<ExecutionField>()
    const values: Record<ExecutionField, DecimalString | null> = { spent: null, allocated: null }
    for (const field of ['spent', 'allocated'] as const) {
      const result = parseTypedNumber(text[field], `${month}月${EXECUTION_FIELD_LABELS[field]}`)
      if (!result.ok) {
        // the same unreadable text in both (到位资金 copied from 执行数) is one mistake, named on 执行数
        const copied = field === 'allocated' && failed.has('spent') && text.allocated.trim() === text.spent.trim()
        failed.add(field)
        if (!copied) add(field, issue(field, 'amount.notDecimal', result.message))
      } else values[field] = result.value
    }
    const execution: Unchecked<MonthlyExecution> = {
      id: existing?.id ?? '',
      budgetLineId: line.id,
      year: line.year,
      month,
      allocated: values.allocated ?? '',
      spent: values.spent ?? '',
    }
    for (const f of validateExecution(line, execution, previous)) {
      const field: ExecutionField = f.field === 'allocated' ? 'allocated' : 'spent'
      if (!failed.has(field)) add(field, f)
    }
    const { spent, allocated } = values
    if (failed.size === 0 && spent !== null && allocated !== null) {
      const checked: MonthlyExecution = { ...execution, allocated, spent }
      parsed.push(checked)
      previous = checked
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
  return {
    issues,
    byCell,
    errorCount,
    warningCount: issues.length - errorCount,
    parsed: checks.flatMap((c) => c.parsed),
  }
}

/** Checks the whole grid, line by line (see `checkExecutionLine`). */
export function checkExecutionDraft(
  lines: readonly BudgetLine[],
  draft: ExecutionDraft,
  stored: readonly MonthlyExecution[],
): ExecutionGridCheck {
  const storedByLine = groupByLine(stored)
  return combineLineChecks(
    lines.map((line) => checkExecutionLine(line, draft[line.id] ?? [], storedByLine.get(line.id) ?? [])),
  )
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
  /**
   * per month 1..12: the unit total, each line carrying its latest earlier month forward, and how many
   * lines have an entry for exactly that month (`entered`): 0 is 未填报, never a total (docs/domain-rules.md §4.5)
   */
  months: { month: MonthNumber; spent: Dec; allocated: Dec; entered: number }[]
}

/**
 * The live totals row, from the parsed cells (a cell still being corrected counts as not entered).
 * Same rule as `budgetFigures`: each line carries its latest earlier month forward.
 */
export function gridTotals(lines: readonly BudgetLine[], parsed: readonly MonthlyExecution[]): GridTotals {
  const byLine = groupByLine(parsed)
  const spent = GRID_MONTHS.map(() => new D(0))
  const allocated = GRID_MONTHS.map(() => new D(0))
  const entered = GRID_MONTHS.map(() => 0)
  for (const line of lines) {
    const months = [...(byLine.get(line.id) ?? [])].sort((a, b) => a.month - b.month)
    for (const m of months) entered[m.month - 1] = (entered[m.month - 1] ?? 0) + 1
    let latest: MonthlyExecution | undefined
    let next = 0
    for (const month of GRID_MONTHS) {
      for (let m = months[next]; m && m.month <= month; m = months[++next]) latest = m
      if (!latest) continue
      const i = month - 1
      spent[i] = (spent[i] ?? new D(0)).plus(decimalOrZero(latest.spent))
      allocated[i] = (allocated[i] ?? new D(0)).plus(decimalOrZero(latest.allocated))
    }
  }
  return {
    adjustedBudget: lines.reduce((total, line) => total.plus(adjustedBudget(line)), new D(0)),
    months: GRID_MONTHS.map((month) => ({
      month,
      spent: spent[month - 1] ?? new D(0),
      allocated: allocated[month - 1] ?? new D(0),
      entered: entered[month - 1] ?? 0,
    })),
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
  return lines.map((line) =>
    line.split('\t').map((cell) =>
      cell
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .trim(),
    ),
  )
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
export function placePastedBlock(
  start: GridPosition,
  block: readonly (readonly string[])[],
  rowCount: number,
  colCount: number,
): PastePlacement {
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
 * 「到位资金按执行数填入」: for every month with a 执行数 but no 到位资金, copies the 执行数 (funds arrive as they are spent,
 * as in seed 001 where both are 383.74 at 6月; docs/domain-rules.md §4.4). Returns a new draft and how
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

// ── 当月数 / 累计数 ─────────────────────────────────────────────────────────────

/** What the month columns show: the cumulative figures (as stored) or each month's own amount. */
export type AmountView = 'cumulative' | 'monthly'
export const AMOUNT_VIEW_LABELS: Readonly<Record<AmountView, string>> = { cumulative: '累计数', monthly: '当月数' }

const BLANK_CELL: ExecutionCellText = { spent: '', allocated: '' }

/** A typed amount, or null for a blank or unreadable text. */
function amountOf(text: string | undefined): Dec | null {
  const parsed = parseTypedNumber(text ?? '')
  return parsed.ok && parsed.value !== null ? new D(parsed.value) : null
}

function placesOf(text: string): number {
  const plain = text.trim()
  const dot = plain.indexOf('.')
  return dot < 0 ? 0 : plain.length - dot - 1
}

/** Exact text of a computed amount, keeping at least the decimals its operands were typed with ('53.90' + '54.05' → '107.95'). */
function amountText(value: Dec, ...operands: readonly string[]): string {
  return value.toFixed(Math.max(value.decimalPlaces(), ...operands.map(placesOf)))
}

/** The cumulative a month's own amount adds to: the latest earlier month of the line with a readable figure (else 0). */
function baseOf(
  row: readonly ExecutionCellText[],
  month: MonthNumber,
  field: ExecutionField,
): { value: Dec; text: string } {
  for (let m = month - 1; m >= 1; m--) {
    const text = row[m - 1]?.[field] ?? ''
    const value = amountOf(text)
    if (value) return { value, text }
  }
  return { value: new D(0), text: '' }
}

/**
 * A month's own amount (当月数) from the line's cumulative texts: cum(month) − cum(latest earlier
 * month with a figure), or cum(month) for the line's first. A blank month is blank and unreadable text
 * shows as typed (its error stays in place). Seed 001 工资福利支出: 1月 53.90, 2月 107.95 → 54.05.
 */
export function monthlyText(row: readonly ExecutionCellText[], month: MonthNumber, field: ExecutionField): string {
  const text = row[month - 1]?.[field] ?? ''
  const cumulative = amountOf(text)
  if (!cumulative) return text
  const base = baseOf(row, month, field)
  return amountText(cumulative.minus(base.value), text, base.text)
}

/**
 * What a 当月数 cell shows: the text the user typed there while it still means the month's amount
 * ('54.0' stays '54.0' while typing, not '54.00'), else the amount computed from the draft.
 */
export function shownMonthlyText(
  row: readonly ExecutionCellText[],
  month: MonthNumber,
  field: ExecutionField,
  typed?: string,
): string {
  const computed = monthlyText(row, month, field)
  if (typed === undefined) return computed
  const typedAmount = amountOf(typed)
  const computedAmount = amountOf(computed)
  if (typedAmount && computedAmount) return typedAmount.eq(computedAmount) ? typed : computed
  return typed.trim() === computed.trim() ? typed : computed
}

/**
 * Types a month's own amount into a line's cumulative texts: cum(month) = cum(latest earlier month
 * with a figure) + amount. Every later month with a figure moves by the same difference, so its own
 * amount stays what it was (the 当月数 view changes only the cell typed). A blank clears the month;
 * text that is not a number is kept as typed (the check names it) and counts as no amount meanwhile,
 * so typing '54.05' key by key ('54.' is not a number) ends where typing it at once does.
 * Months 1 … `lockedThrough` (a 定稿 node's) are never changed; they all come before an editable one.
 */
export function setMonthlyAmount(
  row: readonly ExecutionCellText[],
  month: MonthNumber,
  field: ExecutionField,
  text: string,
  lockedThrough = 0,
): ExecutionCellText[] {
  const cells = GRID_MONTHS.map((m) => row[m - 1] ?? BLANK_CELL)
  if (month <= lockedThrough) return cells
  const base = baseOf(cells, month, field)
  const before = amountOf(cells[month - 1]?.[field] ?? '') ?? base.value
  const amount = amountOf(text)
  const after = amount ? base.value.plus(amount) : base.value
  const typed = amount ? amountText(after, base.text, text) : text.trim() === '' ? '' : text
  const shift = after.minus(before)
  return cells.map((cell, i) => {
    const m = i + 1
    if (m === month) return { ...cell, [field]: typed }
    if (m < month || m <= lockedThrough || shift.isZero()) return cell
    const later = amountOf(cell[field])
    return later ? { ...cell, [field]: amountText(later.plus(shift), cell[field]) } : cell
  })
}

/**
 * The totals row as each month's own amounts: the month's cumulative total less the month before's.
 * With the carry-forward rule this equals the sum of the lines' 当月数 (a line without the month adds 0).
 */
export function monthlyTotals(totals: GridTotals): GridTotals {
  return {
    adjustedBudget: totals.adjustedBudget,
    months: totals.months.map((t, i) => {
      const before = totals.months[i - 1]
      return before ? { ...t, spent: t.spent.minus(before.spent), allocated: t.allocated.minus(before.allocated) } : t
    }),
  }
}

/**
 * An issue as the 当月数 view words it. A negative cumulative figure is the only one a month's own
 * amount cannot show by itself, so its message says which cumulative the typed amount made.
 */
export function issueInMonthlyView(
  found: ValidationIssue,
  row: readonly ExecutionCellText[],
  month: MonthNumber,
  field: ExecutionField,
): ValidationIssue {
  if (found.code !== 'amount.negative') return found
  const text = row[month - 1]?.[field] ?? ''
  if (!amountOf(text)) return found
  const base = baseOf(row, month, field)
  const span = month === 1 ? '1月' : `1-${month}月`
  const earlier = base.text ? `，当月冲减不能超过此前累计的 ${amountText(base.value, base.text)} 万元` : ''
  return {
    ...found,
    message: `${found.message}：按当月数 ${monthlyText(row, month, field)} 计，${span}累计为 ${text.trim()} 万元${earlier}`,
  }
}

// ── 到位资金 as the unit keeps it ───────────────────────────────────────────────

/** Unit.allocatedMode with its default: how the unit keeps 到位资金. */
export type AllocatedMode = NonNullable<Unit['allocatedMode']>
export const ALLOCATED_MODES: readonly AllocatedMode[] = ['typed', 'equalsSpent', 'fullBudget']
export const ALLOCATED_MODE_LABELS: Readonly<Record<AllocatedMode, string>> = {
  typed: '逐月填写',
  equalsSpent: '与执行数相同',
  fullBudget: '全额到位（等于调整后预算）',
}

/**
 * A line's months with 到位资金 as the unit keeps it. 'typed' leaves the row as it is. Otherwise a
 * month whose 执行数 is new or changed (numerically) from what is stored gets its 到位资金 from the
 * setting — its 执行数 ('equalsSpent'), or the line's 调整后预算 as of that month ('fullBudget',
 * so a September 追加 counts from September); a month whose 执行数 is as stored keeps its stored
 * 到位资金 (the books as kept then, and a 定稿 month never changes); a month without 执行数 has none.
 * Returns `row` itself when nothing differs, so an unchanged line keeps its cached check.
 */
export function completeAllocatedLine(
  line: BudgetLine,
  row: ExecutionCellText[],
  stored: readonly MonthlyExecution[],
  mode: AllocatedMode = 'typed',
): ExecutionCellText[] {
  if (mode === 'typed') return row
  const storedByMonth = new Map(stored.filter((e) => e.budgetLineId === line.id).map((e) => [e.month, e]))
  let changed = false
  const months = GRID_MONTHS.map((month) => {
    const cell = row[month - 1] ?? BLANK_CELL
    const allocated = allocatedFor(line, month, cell.spent, storedByMonth.get(month), mode)
    if (allocated === cell.allocated) return cell
    changed = true
    return { ...cell, allocated }
  })
  return changed || row.length !== months.length ? months : row
}

function allocatedFor(
  line: BudgetLine,
  month: MonthNumber,
  spentText: string,
  stored: MonthlyExecution | undefined,
  mode: AllocatedMode,
): string {
  if (blank(spentText)) return ''
  const spent = amountOf(spentText)
  const storedSpent = stored ? amountOf(stored.spent) : null
  if (stored && spent && storedSpent && spent.eq(storedSpent)) return stored.allocated
  if (mode === 'equalsSpent') return spentText.trim()
  const budget = adjustedBudget(line, month)
  return budget.toFixed(Math.max(budget.decimalPlaces(), 2))
}

/** The whole draft completed line by line (see `completeAllocatedLine`). */
export function completeAllocated(
  lines: readonly BudgetLine[],
  draft: ExecutionDraft,
  stored: readonly MonthlyExecution[],
  mode: AllocatedMode = 'typed',
): ExecutionDraft {
  if (mode === 'typed') return draft
  const storedByLine = groupByLine(stored)
  const next: ExecutionDraft = { ...draft }
  for (const line of lines)
    next[line.id] = completeAllocatedLine(line, draft[line.id] ?? [], storedByLine.get(line.id) ?? [], mode)
  return next
}
