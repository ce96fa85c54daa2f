/**
 * Bookkeeping kept beside the data: how many changes were made and when the last backup was taken.
 * The backup reminder compares the two; the backup itself will record `markBackedUp`.
 */
import { liveQuery } from 'dexie'
import type { IsoDateTime } from '@/domain/types'
import type { WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import type { DbOptions } from './options'
import { runWrite } from './write'

export interface BackupStatus {
  lastBackupAt?: IsoDateTime
  /** audited row changes since the last backup (all changes when there was none) */
  changesSinceBackup: number
}

async function numberMeta(database: MonitoringDb, key: 'changeCounter' | 'changeCounterAtBackup'): Promise<number> {
  const row = await database.meta.get(key)
  return row && row.key === key ? row.value : 0
}

export async function backupStatus({ database = db }: DbOptions = {}): Promise<BackupStatus> {
  return database.transaction('r', database.meta, async () => {
    const changes = await numberMeta(database, 'changeCounter')
    const atBackup = await numberMeta(database, 'changeCounterAtBackup')
    const last = await database.meta.get('lastBackupAt')
    const status: BackupStatus = { changesSinceBackup: Math.max(0, changes - atBackup) }
    if (last?.key === 'lastBackupAt') status.lastBackupAt = last.value
    return status
  })
}

/** Marks "a backup was taken now": resets the change count the reminder looks at. */
export async function markBackedUp({ at = new Date(), database = db }: DbOptions & { at?: Date } = {}): Promise<
  WriteResult<undefined>
> {
  return runWrite(database, [database.meta], async () => {
    const changes = await numberMeta(database, 'changeCounter')
    await database.meta.bulkPut([
      { key: 'changeCounterAtBackup', value: changes },
      { key: 'lastBackupAt', value: at.toISOString() },
    ])
    return undefined
  })
}

/**
 * Calls `onChange(counter)` whenever any audited write lands — in this tab or another tab of the
 * app (Dexie's liveQuery propagates across tabs). Returns the unsubscribe function.
 */
export function watchChanges(onChange: (changeCounter: number) => void, { database = db }: DbOptions = {}): () => void {
  const subscription = liveQuery(() => numberMeta(database, 'changeCounter')).subscribe({
    next: onChange,
    // A failed read only means no live refresh; the page still works and reloads on navigation.
    error: (error: unknown) => console.warn('无法监听数据变化', error),
  })
  return () => subscription.unsubscribe()
}
