/**
 * Upsert by natural key. A monthly execution is identified by (budget line, month), a reading by
 * (node, indicator), a judgement by (node, budget line); each has a unique compound index. When a
 * caller saves such a row with a fresh id while one already exists for the same natural key, we keep
 * the stored id so the write updates that row instead of tripping the unique index.
 */
import type { Table } from 'dexie'
import type { Id } from '@/domain/types'
import { DbWriteError } from './result'

export type NaturalKey = [string, string | number]

export async function adoptExistingIds<T extends { id: Id }>(
  table: Table<T, Id>,
  index: string,
  keyOf: (row: T) => NaturalKey,
  rows: readonly T[],
  duplicateMessage: (row: T) => string,
): Promise<T[]> {
  const seen = new Set<string>()
  for (const row of rows) {
    const flat = JSON.stringify(keyOf(row))
    if (seen.has(flat)) throw new DbWriteError(duplicateMessage(row))
    seen.add(flat)
  }
  const existing = await table.where(index).anyOf(rows.map(keyOf)).toArray()
  const storedId = new Map(existing.map((row) => [JSON.stringify(keyOf(row)), row.id]))
  return rows.map((row) => {
    const id = storedId.get(JSON.stringify(keyOf(row)))
    return id === undefined || id === row.id ? row : { ...row, id }
  })
}
