/**
 * The 月度执行录入 grid's state and keyboard: a draft of cell texts over the stored figures, checked
 * live by the domain (`checkExecutionDraft`), with Tab/Enter/arrow movement and Excel block paste.
 * The draft holds cumulative texts; the 当月数 view reads and types each month's own amount through
 * the domain (`monthlyText`, `setMonthlyAmount`), and the unit's 到位资金 setting completes the draft
 * (`completeAllocatedLine`) before it is checked and saved.
 * The component renders inputs and forwards their key and paste events here, so this logic is tested
 * without a browser.
 *
 * Two tabs: each cell remembers the stored figures it started from (its basis). When the stored
 * figures change (a save here or in another tab), untouched cells follow them; cells the user changed
 * keep their input and their basis, so a save over another tab's change of them is refused.
 */
import {
  computed,
  ref,
  shallowRef,
  toRaw,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import type { BudgetLine, MonthlyExecution, MonthNumber } from '@/domain/types'
import { executionKey, type ExecutionsBasis } from '@/domain/executionBasis'
import {
  cellKey,
  changedExecutions,
  checkExecutionLine,
  combineLineChecks,
  completeAllocatedLine,
  draftFromExecutions,
  fillAllocatedFromSpent,
  gridTotals,
  GRID_MONTHS,
  groupByLine,
  issueInMonthlyView,
  monthlyTotals,
  parsePastedBlock,
  placePastedBlock,
  setMonthlyAmount,
  shownMonthlyText,
  type AllocatedMode,
  type AmountView,
  type CellIssue,
  type ExecutionCellText,
  type ExecutionDraft,
  type ExecutionField,
  type ExecutionGridCheck,
  type GridPosition,
  type GridTotals,
  type LineCheck,
} from '@/domain/entryExecutionGrid'
import type { ValidationIssue } from '@/domain/result'

export interface UseExecutionEntryGridOptions {
  /** budget lines = rows, in display order */
  lines: MaybeRefOrGetter<readonly BudgetLine[]>
  /** the stored monthly figures of those lines */
  stored: MaybeRefOrGetter<readonly MonthlyExecution[]>
  /** moves the browser focus to a cell (the component knows its inputs) */
  focus?: (position: GridPosition) => void
  /** months 1 … this one belong to a 定稿 node and are read-only (0 or absent: none) */
  lockedMonth?: MaybeRefOrGetter<number>
  /**
   * how the unit keeps 到位资金 (Unit.allocatedMode); other than 'typed' it is filled in, not typed
   * @default 'typed'
   */
  allocatedMode?: MaybeRefOrGetter<AllocatedMode | undefined>
}

export interface UseExecutionEntryGridReturn {
  /** which figure the 12 month columns show: 执行数 (default) or 到位资金 */
  field: Ref<ExecutionField>
  /** whether the cells show and take 累计数 (default, as stored) or 当月数 */
  view: Ref<AmountView>
  /** the cumulative texts as typed (what `reset`, `rebase` and two tabs work on) */
  draft: Ref<ExecutionDraft>
  /** the draft with 到位资金 completed per the unit's setting: what is shown, checked and saved */
  completed: ComputedRef<ExecutionDraft>
  allocatedMode: ComputedRef<AllocatedMode>
  check: ComputedRef<ExecutionGridCheck>
  /** the cumulative totals (carry-forward rule) */
  totals: ComputedRef<GridTotals>
  /** the totals as the view shows them: cumulative, or each month's own amounts in 当月数 */
  viewTotals: ComputedRef<GridTotals>
  /** rows a save would write (ids still to be assigned: '' for new rows) */
  changes: ComputedRef<MonthlyExecution[]>
  focused: Ref<GridPosition | null>
  /** a cell's text in `shownAs` (default: the current view) */
  textAt: (position: GridPosition, field?: ExecutionField, shownAs?: AmountView) => string
  /** types into a cell in the current view (当月数: the month's own amount) */
  setText: (position: GridPosition, text: string, field?: ExecutionField) => void
  /** a cell's issues, worded for the current view */
  issuesAt: (position: GridPosition, field?: ExecutionField) => ValidationIssue[]
  /** one issue of the check, worded for the current view */
  viewIssue: (found: CellIssue) => ValidationIssue
  /** handles Tab, Shift+Tab, Enter, Shift+Enter, ArrowUp, ArrowDown; returns true when it moved */
  onKeydown: (event: KeyboardEvent, position: GridPosition) => boolean
  /**
   * pastes a tab/line separated block from the cell; returns what happened (`locked`: cells of 定稿
   * months left as they were), or null for a plain one-cell paste
   */
  onPaste: (event: ClipboardEvent, position: GridPosition) => PasteOutcome | null
  pasteText: (text: string, position: GridPosition) => PasteOutcome
  /** whether a cell lies in a 定稿 month (read-only) */
  isLockedCell: (position: GridPosition) => boolean
  /** whether a cell is read-only: a 定稿 month, or 到位资金 filled in from the unit's setting */
  isReadOnlyCell: (position: GridPosition, field?: ExecutionField) => boolean
  /**
   * Unsaved input that a 定稿 (here or in another tab) made read-only: those cells went back to the
   * stored figures; the count of months reverted, for the grid to say so. Reset by the next input.
   */
  revertedByLock: Ref<number>
  /** copies 执行数 into every blank 到位资金 (typed 到位资金 only); returns how many cells it filled */
  fillAllocated: () => number
  /** back to the stored figures */
  reset: () => void
  /** per `executionKey`, the stored figures each cell started from: a save's basis */
  basis: ComputedRef<ExecutionsBasis>
  /**
   * Takes `rows` (the stored figures of their line and month, null: none) as those cells' basis; with
   * `show`, the cells show them too (放弃我的修改), else they keep the user's input (覆盖).
   */
  rebase: (
    rows: readonly { budgetLineId: string; month: number; theirs: MonthlyExecution | null }[],
    options: { show: boolean },
  ) => void
  /** after a save: the saved rows are their cells' basis and what they show */
  accept: (saved: readonly MonthlyExecution[]) => void
}

export type GridMove = 'next' | 'previous' | 'down' | 'up'

export interface PasteOutcome {
  pasted: number
  clipped: number
  locked: number
  /** cells of 到位资金 the unit's setting fills in (not typed), left as they were */
  derived: number
}

/**
 * Where focus goes: Tab → next cell (wrapping to the next row), Shift+Tab → previous, Enter/↓ → the
 * cell below, Shift+Enter/↑ → above. At the grid's edge focus stays put.
 */
export function moveFocus(position: GridPosition, move: GridMove, rowCount: number, colCount: number): GridPosition {
  const { row, col } = position
  switch (move) {
    case 'next':
      if (col + 1 < colCount) return { row, col: col + 1 }
      return row + 1 < rowCount ? { row: row + 1, col: 0 } : position
    case 'previous':
      if (col > 0) return { row, col: col - 1 }
      return row > 0 ? { row: row - 1, col: colCount - 1 } : position
    case 'down':
      return row + 1 < rowCount ? { row: row + 1, col } : position
    case 'up':
      return row > 0 ? { row: row - 1, col } : position
  }
}

function moveOf(event: KeyboardEvent): GridMove | null {
  if (event.key === 'Tab') return event.shiftKey ? 'previous' : 'next'
  if (event.key === 'Enter') return event.shiftKey ? 'up' : 'down'
  if (event.key === 'ArrowDown') return 'down'
  if (event.key === 'ArrowUp') return 'up'
  return null
}

export function useExecutionEntryGrid(options: UseExecutionEntryGridOptions): UseExecutionEntryGridReturn {
  const lines = computed(() => toValue(options.lines))
  const stored = computed(() => toValue(options.stored))
  const field = ref<ExecutionField>('spent')
  const view = ref<AmountView>('cumulative')
  const allocatedMode = computed<AllocatedMode>(() => toValue(options.allocatedMode) ?? 'typed')
  const draft = shallowRef<ExecutionDraft>(draftFromExecutions(lines.value, stored.value))
  const basis = shallowRef<ExecutionsBasis>(basisOf(stored.value))
  const focused = ref<GridPosition | null>(null)
  const lockedMonth = computed(() => toValue(options.lockedMonth) ?? 0)
  const isLockedCell = (position: GridPosition) => (GRID_MONTHS[position.col] ?? 13) <= lockedMonth.value
  const isReadOnlyCell = (position: GridPosition, which: ExecutionField = field.value) =>
    isLockedCell(position) || (which === 'allocated' && allocatedMode.value !== 'typed')
  const revertedByLock = ref(0)
  /**
   * The text last typed into each 当月数 cell (`cellKey`), shown while it still means the month's
   * amount, so '54.0' typed key by key is not rewritten to '54.00' under the caret.
   */
  const typedMonthly = new Map<string, string>()

  const reset = () => {
    draft.value = draftFromExecutions(lines.value, stored.value)
    basis.value = basisOf(stored.value)
    typedMonthly.clear()
  }

  /**
   * The stored figures changed (a save here or in another tab): untouched cells, and cells that now
   * show what is stored, start over from it; cells the user changed stay as typed, on their basis.
   */
  function follow(): void {
    const now = new Map(stored.value.map((e) => [executionKey(e.budgetLineId, e.month), e]))
    const nextDraft: ExecutionDraft = {}
    const nextBasis: Record<string, MonthlyExecution | null> = {}
    for (const line of lines.value) {
      const row = draft.value[line.id]
      nextDraft[line.id] = GRID_MONTHS.map((month, i) => {
        const key = executionKey(line.id, month)
        const cell = row?.[i]
        const current = now.get(key) ?? null
        if (!cell || sameText(cell, textOf(basis.value[key])) || sameText(cell, textOf(current))) {
          nextBasis[key] = copyOf(current)
          return textOf(current)
        }
        nextBasis[key] = basis.value[key] ?? null
        return cell
      })
    }
    basis.value = nextBasis
    draft.value = nextDraft
  }
  watch([lines, stored], follow)

  /**
   * A node was 定稿 while this grid held input for months it covers: the stored figure is the one its
   * report shows, so those cells show it again and count as untouched (their input was never saved).
   */
  watch(lockedMonth, (month, before) => {
    if (month <= before) return
    const now = new Map(stored.value.map((e) => [executionKey(e.budgetLineId, e.month), e]))
    const nextDraft: ExecutionDraft = { ...draft.value }
    let reverted = 0
    for (const line of lines.value) {
      const row = nextDraft[line.id]
      if (!row) continue
      nextDraft[line.id] = row.map((cell, i) => {
        const m = GRID_MONTHS[i] ?? 13
        const current = textOf(now.get(executionKey(line.id, m)))
        if (m > month || sameText(cell, current)) return cell
        reverted += 1
        return current
      })
    }
    if (reverted === 0) return
    draft.value = nextDraft
    revertedByLock.value = reverted
  })

  /** Sets some cells' basis, and with `show` their text, leaving every other cell as it is. */
  function setCellBases(
    rows: readonly { budgetLineId: string; month: number; row: MonthlyExecution | null }[],
    show: boolean,
  ): void {
    const nextBasis: Record<string, MonthlyExecution | null> = { ...basis.value }
    const nextDraft: ExecutionDraft = { ...draft.value }
    for (const { budgetLineId, month, row } of rows) {
      nextBasis[executionKey(budgetLineId, month)] = copyOf(row)
      const months = nextDraft[budgetLineId]
      if (!show || !months || month < 1 || month > GRID_MONTHS.length) continue
      nextDraft[budgetLineId] = months.map((cell, i) => (i === month - 1 ? textOf(row) : cell))
    }
    basis.value = nextBasis
    draft.value = nextDraft
  }
  const rebase: UseExecutionEntryGridReturn['rebase'] = (rows, { show }) =>
    setCellBases(
      rows.map((r) => ({ budgetLineId: r.budgetLineId, month: r.month, row: r.theirs })),
      show,
    )
  const accept = (saved: readonly MonthlyExecution[]) =>
    setCellBases(
      saved.map((row) => ({ budgetLineId: row.budgetLineId, month: row.month, row })),
      true,
    )

  // Each keystroke replaces one line's row only, so unchanged lines reuse their last completion and check.
  const storedByLine = computed(() => groupByLine(stored.value))
  const completions = new WeakMap<
    ExecutionCellText[],
    { line: BudgetLine; stored: readonly MonthlyExecution[]; mode: AllocatedMode; result: ExecutionCellText[] }
  >()
  const completed = computed<ExecutionDraft>(() => {
    const next: ExecutionDraft = {}
    for (const line of lines.value) {
      const row = draft.value[line.id] ?? []
      const lineStored = storedByLine.value.get(line.id) ?? []
      const cached = completions.get(row)
      if (cached && cached.line === line && cached.stored === lineStored && cached.mode === allocatedMode.value) {
        next[line.id] = cached.result
        continue
      }
      const result = completeAllocatedLine(line, row, lineStored, allocatedMode.value)
      completions.set(row, { line, stored: lineStored, mode: allocatedMode.value, result })
      next[line.id] = result
    }
    return next
  })
  const lineChecks = new WeakMap<
    readonly ExecutionCellText[],
    { line: BudgetLine; stored: readonly MonthlyExecution[]; result: LineCheck }
  >()
  const check = computed(() =>
    combineLineChecks(
      lines.value.map((line) => {
        const row = completed.value[line.id] ?? []
        const lineStored = storedByLine.value.get(line.id) ?? []
        const cached = lineChecks.get(row)
        if (cached && cached.line === line && cached.stored === lineStored) return cached.result
        const result = checkExecutionLine(line, row, lineStored)
        lineChecks.set(row, { line, stored: lineStored, result })
        return result
      }),
    ),
  )
  const totals = computed(() => gridTotals(lines.value, check.value.parsed))
  const viewTotals = computed(() => (view.value === 'monthly' ? monthlyTotals(totals.value) : totals.value))
  const changes = computed(() => changedExecutions(check.value.parsed, stored.value, () => ''))

  // the grid's columns are the months 1–12 in order
  const monthOf = (col: number): MonthNumber => (col + 1) as MonthNumber
  const lineAt = (row: number) => lines.value[row]

  function textAt(
    position: GridPosition,
    which: ExecutionField = field.value,
    shownAs: AmountView = view.value,
  ): string {
    const line = lineAt(position.row)
    const row = line ? completed.value[line.id] : undefined
    if (!line || !row) return ''
    if (shownAs === 'cumulative') return row[position.col]?.[which] ?? ''
    const month = monthOf(position.col)
    return shownMonthlyText(row, month, which, typedMonthly.get(cellKey(line.id, month, which)))
  }

  /**
   * Replaces the draft with some cells changed, in order (the draft is immutable so `check` recomputes
   * once). In 当月数 each text is a month's own amount, so a block's cells build on the one before.
   */
  function setCells(cells: readonly { row: number; col: number; text: string }[], which: ExecutionField): void {
    const next: ExecutionDraft = { ...draft.value }
    for (const { row, col, text } of cells) {
      const line = lineAt(row)
      if (!line || col < 0 || col >= GRID_MONTHS.length || isReadOnlyCell({ row, col }, which)) continue
      const months = [...(next[line.id] ?? GRID_MONTHS.map(() => ({ spent: '', allocated: '' })))]
      const month = monthOf(col)
      if (view.value === 'monthly') {
        next[line.id] = setMonthlyAmount(months, month, which, text, lockedMonth.value)
        typedMonthly.set(cellKey(line.id, month, which), text)
        continue
      }
      months[col] = { ...(months[col] ?? { spent: '', allocated: '' }), [which]: text }
      next[line.id] = months
    }
    draft.value = next
  }

  function setText(position: GridPosition, text: string, which: ExecutionField = field.value): void {
    setCells([{ ...position, text }], which)
  }

  function issuesAt(position: GridPosition, which: ExecutionField = field.value): ValidationIssue[] {
    const line = lineAt(position.row)
    if (!line) return []
    const month = monthOf(position.col)
    return (check.value.byCell.get(cellKey(line.id, month, which)) ?? []).map((found) =>
      viewIssue({ lineId: line.id, lineName: line.name, month, field: which, issue: found }),
    )
  }

  function viewIssue(found: CellIssue): ValidationIssue {
    if (view.value === 'cumulative') return found.issue
    return issueInMonthlyView(found.issue, completed.value[found.lineId] ?? [], found.month, found.field)
  }

  function onKeydown(event: KeyboardEvent, position: GridPosition): boolean {
    const move = moveOf(event)
    if (!move) return false
    const next = moveFocus(position, move, lines.value.length, GRID_MONTHS.length)
    event.preventDefault()
    focused.value = next
    options.focus?.(next)
    return true
  }

  function pasteText(text: string, position: GridPosition): PasteOutcome {
    const placed = placePastedBlock(position, parsePastedBlock(text), lines.value.length, GRID_MONTHS.length)
    const open = placed.cells.filter((c) => !isReadOnlyCell(c))
    const locked = placed.cells.filter((c) => isLockedCell(c)).length
    setCells(open, field.value)
    return { pasted: open.length, clipped: placed.clipped, locked, derived: placed.cells.length - open.length - locked }
  }

  function onPaste(event: ClipboardEvent, position: GridPosition): PasteOutcome | null {
    const text = event.clipboardData?.getData('text/plain') ?? ''
    // one plain value: let the input paste it where the caret is
    if (!/[\t\n\r]/.test(text.replace(/(\r?\n)+$/, ''))) return null
    event.preventDefault()
    return pasteText(text, position)
  }

  function fillAllocated(): number {
    if (allocatedMode.value !== 'typed') return 0
    const result = fillAllocatedFromSpent(draft.value)
    draft.value = result.draft
    return result.filled
  }

  return {
    field,
    view,
    draft,
    completed,
    allocatedMode,
    check,
    totals,
    viewTotals,
    changes,
    focused,
    textAt,
    setText,
    issuesAt,
    viewIssue,
    onKeydown,
    onPaste,
    pasteText,
    fillAllocated,
    reset,
    basis: computed(() => basis.value),
    rebase,
    accept,
    isLockedCell,
    isReadOnlyCell,
    revertedByLock,
  }
}

const textOf = (row: MonthlyExecution | null | undefined): ExecutionCellText => ({
  spent: row?.spent ?? '',
  allocated: row?.allocated ?? '',
})
const sameText = (a: ExecutionCellText, b: ExecutionCellText) => a.spent === b.spent && a.allocated === b.allocated
const copyOf = (row: MonthlyExecution | null | undefined): MonthlyExecution | null =>
  row ? structuredClone(toRaw(row)) : null

function basisOf(rows: readonly MonthlyExecution[]): ExecutionsBasis {
  return Object.fromEntries(rows.map((e) => [executionKey(e.budgetLineId, e.month), copyOf(e)]))
}
