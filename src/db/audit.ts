/**
 * The audit trail: who-changed-what is one row per change (time, table, key, before, after), written
 * inside the caller's transaction so an aborted write leaves no audit row either. Each recorded change
 * also advances `meta.changeCounter`, which drives the "you have unsaved-to-backup changes" reminder.
 * Bulk writes (a whole unit-year) record one summary row, not one per row, to stay cheap.
 */
import { Dexie } from 'dexie'
import { db, type AuditEntry, type MonitoringDb } from './schema'
import type { DbOptions } from './options'

export type AuditInput = Omit<AuditEntry, 'seq' | 'time'>

/** Records `entries` in the current read-write transaction; throws when called outside one. */
export async function recordAudit(database: MonitoringDb, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return
  const tx = Dexie.currentTransaction
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes('auditLog') || !tx.storeNames.includes('meta')) {
    throw new Error('recordAudit must run inside a read-write transaction over auditLog and meta')
  }
  const time = database.now().toISOString()
  await database.auditLog.bulkAdd(entries.map((entry) => ({ ...entry, time })))
  const counter = await database.meta.get('changeCounter')
  const previous = counter?.key === 'changeCounter' ? counter.value : 0
  await database.meta.put({ key: 'changeCounter', value: previous + entries.length })
}

/** The most recent audit rows, newest first. */
export async function listAudit({ limit = 100, database = db }: DbOptions & { limit?: number } = {}): Promise<
  AuditEntry[]
> {
  return database.auditLog.orderBy('seq').reverse().limit(limit).toArray()
}
