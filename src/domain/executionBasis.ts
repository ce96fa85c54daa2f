/**
 * What a save of monthly figures started from, so a save over another tab's change can be refused:
 * the 月度执行录入 grid records it as the user edits, and the database checks it when it writes.
 */
import type { Id, MonthlyExecution } from './types'

/** How a (budget line, month) is named in an `ExecutionsBasis` and in its conflicts. */
export function executionKey(budgetLineId: Id, month: number): string {
  return `${budgetLineId}|${month}`
}

/**
 * What a conflict-checked `putExecutions` started from: per `executionKey`, the stored figures of
 * that line and month as the editor loaded them (null: none were stored). A key missing counts as null.
 */
export type ExecutionsBasis = Readonly<Record<string, MonthlyExecution | null>>
