/**
 * The 月度执行录入 grid's state and keyboard: a draft of cell texts over the stored figures, checked
 * live by the domain (`checkExecutionDraft`), with Tab/Enter/arrow movement and Excel block paste.
 * The component renders inputs and forwards their key and paste events here, so this logic is tested
 * without a browser.
 *
 * Two tabs: each cell remembers the stored figures it started from (its basis). When the stored
 * figures change (a save here or in another tab), untouched cells follow them; cells the user changed
 * keep their input and their basis, so a save over another tab's change of them is refused.
 */
import {
  computed, ref, shallowRef, toRaw, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref,
} from 'vue'
import type { BudgetLine, MonthlyExecution, MonthNumber } from '@/domain/types'
import { executionKey, type ExecutionsBasis } from '@/db/budget'
import {
  cellKey, changedExecutions, checkExecutionLine, combineLineChecks, draftFromExecutions, fillAllocatedFromSpent, gridTotals, GRID_MONTHS,
  groupByLine,
  parsePastedBlock, placePastedBlock,
  type ExecutionCellText, type ExecutionDraft, type ExecutionField, type ExecutionGridCheck, type GridPosition, type GridTotals,
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
}

export interface UseExecutionEntryGridReturn {
  /** which figure the 12 month columns show: 执行数 (default) or 到位资金 */
  field: Ref<ExecutionField>
  draft: Ref<ExecutionDraft>
  check: ComputedRef<ExecutionGridCheck>
  totals: ComputedRef<GridTotals>
  /** rows a save would write (ids still to be assigned: '' for new rows) */
  changes: ComputedRef<MonthlyExecution[]>
  focused: Ref<GridPosition | null>
  textAt: (position: GridPosition, field?: ExecutionField) => string
  setText: (position: GridPosition, text: string, field?: ExecutionField) => void
  issuesAt: (position: GridPosition, field?: ExecutionField) => ValidationIssue[]
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
  /**
   * Unsaved input that a 定稿 (here or in another tab) made read-only: those cells went back to the
   * stored figures; the count of months reverted, for the grid to say so. Reset by the next input.
   */
  revertedByLock: Ref<number>
  /** copies 执行数 into every blank 到位资金; returns how many cells it filled */
  fillAllocated: () => number
  /** back to the stored figures */
  reset: () => void
  /** per `executionKey`, the stored figures each cell started from: a save's basis */
  basis: ComputedRef<ExecutionsBasis>
  /**
   * Takes `rows` (the stored figures of their line and month, null: none) as those cells' basis; with
   * `show`, the cells show them too (放弃我的修改), else they keep the user's input (覆盖).
   */
  rebase: (rows: readonly { budgetLineId: string; month: number; theirs: MonthlyExecution | null }[], options: { show: boolean }) => void
  /** after a save: the saved rows are their cells' basis and what they show */
  accept: (saved: readonly MonthlyExecution[]) => void
}

export type GridMove = 'next' | 'previous' | 'down' | 'up'

export interface PasteOutcome {
  pasted: number
  clipped: number
  locked: number
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
  const draft = shallowRef<ExecutionDraft>(draftFromExecutions(lines.value, stored.value))
  const basis = shallowRef<ExecutionsBasis>(basisOf(stored.value))
  const focused = ref<GridPosition | null>(null)
  const lockedMonth = computed(() => toValue(options.lockedMonth) ?? 0)
  const isLockedCell = (position: GridPosition) => (GRID_MONTHS[position.col] ?? 13) <= lockedMonth.value
  const revertedByLock = ref(0)

  const reset = () => {
    draft.value = draftFromExecutions(lines.value, stored.value)
    basis.value = basisOf(stored.value)
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
  function setCellBases(rows: readonly { budgetLineId: string; month: number; row: MonthlyExecution | null }[], show: boolean): void {
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
    setCellBases(rows.map((r) => ({ budgetLineId: r.budgetLineId, month: r.month, row: r.theirs })), show)
  const accept = (saved: readonly MonthlyExecution[]) =>
    setCellBases(saved.map((row) => ({ budgetLineId: row.budgetLineId, month: row.month, row })), true)

  // Each keystroke replaces one line's row only, so unchanged lines reuse their last check.
  const storedByLine = computed(() => groupByLine(stored.value))
  const lineChecks = new WeakMap<readonly ExecutionCellText[], { line: BudgetLine; stored: readonly MonthlyExecution[]; result: LineCheck }>()
  const check = computed(() => combineLineChecks(lines.value.map((line) => {
    const row = draft.value[line.id] ?? []
    const lineStored = storedByLine.value.get(line.id) ?? []
    const cached = lineChecks.get(row)
    if (cached && cached.line === line && cached.stored === lineStored) return cached.result
    const result = checkExecutionLine(line, row, lineStored)
    lineChecks.set(row, { line, stored: lineStored, result })
    return result
  })))
  const totals = computed(() => gridTotals(lines.value, check.value.parsed))
  const changes = computed(() => changedExecutions(check.value.parsed, stored.value, () => ''))

  const monthOf = (col: number): MonthNumber => GRID_MONTHS[col]
  const lineAt = (row: number) => lines.value[row]

  function textAt(position: GridPosition, which: ExecutionField = field.value): string {
    const line = lineAt(position.row)
    return line ? (draft.value[line.id]?.[position.col]?.[which] ?? '') : ''
  }

  /** Replaces the draft with one cell changed (the draft is immutable so `check` recomputes once). */
  function setCells(cells: readonly { row: number; col: number; text: string }[], which: ExecutionField): void {
    const next: ExecutionDraft = { ...draft.value }
    for (const { row, col, text } of cells) {
      const line = lineAt(row)
      if (!line || col < 0 || col >= GRID_MONTHS.length || isLockedCell({ row, col })) continue
      const months = [...(next[line.id] ?? GRID_MONTHS.map(() => ({ spent: '', allocated: '' })))]
      months[col] = { ...months[col], [which]: text }
      next[line.id] = months
    }
    draft.value = next
  }

  function setText(position: GridPosition, text: string, which: ExecutionField = field.value): void {
    setCells([{ ...position, text }], which)
  }

  function issuesAt(position: GridPosition, which: ExecutionField = field.value): ValidationIssue[] {
    const line = lineAt(position.row)
    return line ? (check.value.byCell.get(cellKey(line.id, monthOf(position.col), which)) ?? []) : []
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
    const open = placed.cells.filter((c) => !isLockedCell(c))
    setCells(open, field.value)
    return { pasted: open.length, clipped: placed.clipped, locked: placed.cells.length - open.length }
  }

  function onPaste(event: ClipboardEvent, position: GridPosition): PasteOutcome | null {
    const text = event.clipboardData?.getData('text/plain') ?? ''
    // one plain value: let the input paste it where the caret is
    if (!/[\t\n\r]/.test(text.replace(/(\r?\n)+$/, ''))) return null
    event.preventDefault()
    return pasteText(text, position)
  }

  function fillAllocated(): number {
    const result = fillAllocatedFromSpent(draft.value)
    draft.value = result.draft
    return result.filled
  }

  return {
    field, draft, check, totals, changes, focused, textAt, setText, issuesAt, onKeydown, onPaste, pasteText, fillAllocated, reset,
    basis: computed(() => basis.value), rebase, accept, isLockedCell, revertedByLock,
  }
}

const textOf = (row: MonthlyExecution | null | undefined): ExecutionCellText => ({ spent: row?.spent ?? '', allocated: row?.allocated ?? '' })
const sameText = (a: ExecutionCellText, b: ExecutionCellText) => a.spent === b.spent && a.allocated === b.allocated
const copyOf = (row: MonthlyExecution | null | undefined): MonthlyExecution | null => (row ? structuredClone(toRaw(row)) : null)

function basisOf(rows: readonly MonthlyExecution[]): ExecutionsBasis {
  return Object.fromEntries(rows.map((e) => [executionKey(e.budgetLineId, e.month), copyOf(e)]))
}
