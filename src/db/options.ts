/**
 * The options object every db/* function takes as its last argument. Its domain inputs (the row, the
 * ids, the year) come first, positionally; everything a caller may leave out is named here, so a call
 * says what it passes (`putBudgetLine(line, { basis })`, `getSettings({ database })`) instead of
 * holding a place with `undefined`.
 */
import type { MonitoringDb } from './schema'

export interface DbOptions {
  /** the database to read or write; the app's `db` when absent (tests pass a fresh one) */
  database?: MonitoringDb
}

/**
 * A save made from an editor (docs/reliability.md §3). With `basis` (what the editor loaded: the row,
 * null when it did not exist yet, or per key for several rows) the save is refused with `conflicts`,
 * nothing written, when the stored rows changed meanwhile; without it the save writes as is.
 */
export interface CheckedWriteOptions<Basis> extends DbOptions {
  basis?: Basis
}
