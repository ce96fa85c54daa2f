/**
 * `runWrite`: the one way db/* modules write. It opens a single read-write transaction over the
 * given tables plus `auditLog` and `meta`, so a write and its audit rows commit or abort together,
 * and it turns any failure into `{ ok: false, messages }`. Dexie aborts the transaction when `body`
 * throws or rejects, so nothing is partially applied.
 *
 * `body` must only await Dexie calls (no fetch, no timers): a foreign await would let IndexedDB
 * auto-commit the transaction midway.
 *
 * A write that saves rows an editor started from checks them with `check` (`assertUnchanged`,
 * `assertRowsUnchanged`); a row changed meanwhile refuses the write and comes back in `conflicts`.
 */
import type { Table } from 'dexie'
import type { WriteConflict } from '@/domain/result'
import { describeWriteError, WriteConflictError, type WriteResult } from './result'
import { recordAudit } from './audit'
import type { MonitoringDb } from './schema'

/**
 * The rows of type `Row` a write found changed since its editor loaded them. `refuse` keeps them and
 * throws, so the transaction aborts with nothing written and `runWrite` returns them as they were found.
 */
export interface ConflictCheck<Row> {
  refuse: (conflicts: WriteConflict<Row>[]) => never
}

export async function runWrite<T, Row = never>(
  database: MonitoringDb,
  tables: readonly Table[],
  body: (check: ConflictCheck<Row>) => Promise<T>,
): Promise<WriteResult<T, Row>> {
  const scope = [...new Set<Table>([...tables, database.auditLog, database.meta])]
  let found: WriteConflict<Row>[] = []
  const check: ConflictCheck<Row> = {
    refuse: (conflicts) => {
      found = conflicts
      throw new WriteConflictError()
    },
  }
  try {
    // an async scope: Dexie keeps its transaction across native awaits only for async functions
    const value = await database.transaction('rw', scope, async () => body(check))
    return { ok: true, value }
  } catch (error) {
    const conflicts = error instanceof WriteConflictError ? found : []
    return {
      ok: false,
      messages: [describeWriteError(error)],
      cause: error,
      ...(conflicts.length > 0 ? { conflicts } : {}),
    }
  }
}

/**
 * Optimistic concurrency: call inside `runWrite` before writing a row the user edited. `basis` is the
 * row as the editor loaded it (null if it did not exist yet); if the stored row differs, the whole
 * write is refused with the stored row as its conflict instead of silently dropping the other edit.
 */
export async function assertUnchanged<T, K extends string | number>(
  check: ConflictCheck<T>,
  table: Table<T, K>,
  key: K,
  basis: T | null,
): Promise<void> {
  const current = (await table.get(key)) ?? null
  if (stableJson(current) !== stableJson(basis)) {
    check.refuse([{ table: table.name, key: String(key), theirs: current }])
  }
}

/**
 * `assertUnchanged` for several rows at once, reporting every one that changed (so the UI can name
 * them all). Each check gives the row as stored now and as the editor loaded it (null: absent then);
 * `key` is what the conflict is reported under. Call inside `runWrite`, before writing anything.
 */
export function assertRowsUnchanged<T>(
  check: ConflictCheck<T>,
  table: string,
  checks: readonly { key: string; current: T | null; basis: T | null }[],
): void {
  const changed = checks.filter((c) => stableJson(c.current) !== stableJson(c.basis))
  if (changed.length > 0) {
    check.refuse(changed.map((c) => ({ table, key: c.key, theirs: c.current })))
  }
}

/** JSON with object keys sorted, so two plain copies of one row compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  )
}

/**
 * Puts `rows` (already plain) into `table`, auditing each with its previous value. Call inside
 * `runWrite`. For many rows of a single bulk operation use one summary audit row instead.
 */
export async function putAudited<T extends { id: string }>(
  database: MonitoringDb,
  table: Table<T, string, T>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return
  const before = await table.bulkGet(rows.map((row) => row.id))
  await table.bulkPut(rows)
  await recordAudit(
    database,
    rows.map((row, i) => ({ table: table.name, key: row.id, before: before[i] ?? null, after: row })),
  )
}

/** Deletes one row by id, auditing its previous value; returns whether it existed. */
export async function deleteAudited<T extends { id: string }>(
  database: MonitoringDb,
  table: Table<T, string, T>,
  id: string,
): Promise<T | undefined> {
  const before = await table.get(id)
  if (before === undefined) return undefined
  await table.delete(id)
  await recordAudit(database, [{ table: table.name, key: id, before, after: null }])
  return before
}
