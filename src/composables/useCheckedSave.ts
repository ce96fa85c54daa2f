/**
 * The save of an editor that sends what it started from (its basis), so a save over another tab's
 * change is refused with nothing written (docs/reliability.md §3). One cycle for every such editor:
 * write; if refused for conflicts, show both versions and ask; then 覆盖 (the other version becomes
 * the basis and the same save runs again over it), 放弃我的修改 (the editor shows the other version),
 * or the question closed (keep editing, nothing decided).
 */
import type { Result, WriteConflict } from '@/domain/result'

/** 覆盖 (save mine over theirs), 放弃我的修改 (show theirs), or the question closed (keep editing). */
export type ConflictChoice = 'overwrite' | 'discard' | 'keep'

/**
 * The rows a refused save ran into: never empty (a refusal without conflicts goes to `refused`), so
 * a one-record editor's conflict is the first.
 */
export type Conflicts<Row> = readonly [WriteConflict<Row>, ...WriteConflict<Row>[]]

/** One save as sent: what the editor sent (for the question) and what came back. */
export interface CheckedAttempt<Mine, Value, Row> {
  mine: Mine
  result: Result<Value, Row>
}

export interface UseCheckedSaveOptions<Mine, Value, Row> {
  /**
   * Builds the save from the editor and writes it with the editor's basis; undefined when the
   * editor's own checks stopped it (they say why). Runs again for 覆盖, on the new basis.
   */
  attempt: () => Promise<CheckedAttempt<Mine, Value, Row> | undefined>
  /** The write went through. */
  saved: (value: Value, mine: Mine) => void
  /** Refused for another reason (a check, a locked node, a full disk …): the editor shows why. */
  refused: (messages: string[]) => void
  /** Names what changed, with both versions, and asks (askRecordConflict, askRowConflicts …). */
  ask: (conflicts: Conflicts<Row>, mine: Mine) => Promise<ConflictChoice>
  /**
   * After either choice the other version is the basis; with `show` (放弃我的修改) the editor also
   * shows it, and tells the user (or closes, when the record was deleted there).
   */
  takeTheirs: (conflicts: Conflicts<Row>, show: boolean, mine: Mine) => void
  /**
   * How 覆盖 writes again when not by running `attempt` anew: the same `mine`, sent on the new basis
   * (for an editor whose save cannot be built again once the record is gone).
   */
  resend?: (mine: Mine) => Promise<CheckedAttempt<Mine, Value, Row>>
}

export interface UseCheckedSaveReturn {
  /** Runs the whole cycle; resolves once it is settled (saved, refused, or the user's choice done). */
  save: () => Promise<void>
  /** The cycle under way, null when none: leaving the page waits for it (useEntryLeaveGuard's `pending`). */
  pending: () => Promise<void> | null
}

const isNonEmpty = <Row>(conflicts: readonly WriteConflict<Row>[]): conflicts is Conflicts<Row> => conflicts.length > 0

export function useCheckedSave<Mine, Value, Row>(
  options: UseCheckedSaveOptions<Mine, Value, Row>,
): UseCheckedSaveReturn {
  const { resend } = options
  async function run(attempt: () => Promise<CheckedAttempt<Mine, Value, Row> | undefined>): Promise<void> {
    const sent = await attempt()
    if (!sent) return
    const { mine, result } = sent
    if (result.ok) {
      options.saved(result.value, mine)
      return
    }
    const conflicts = result.conflicts ?? []
    if (!isNonEmpty(conflicts)) {
      options.refused(result.messages)
      return
    }
    const choice = await options.ask(conflicts, mine)
    if (choice === 'keep') return
    options.takeTheirs(conflicts, choice === 'discard', mine)
    if (choice === 'overwrite') await run(resend ? () => resend(mine) : options.attempt)
  }
  let running: Promise<void> | null = null
  return {
    save: () => {
      const current = run(options.attempt).finally(() => {
        if (running === current) running = null
      })
      running = current
      return current
    },
    pending: () => running,
  }
}
