/**
 * 存储与示例: how safely the browser keeps the data (persistent storage, space used), the recent
 * changes, and what reloading a unit-year would overwrite. Holds no state: each answer is read
 * afresh when a panel asks, because the browser may grant or revoke persistence at any time.
 */
import { defineStore } from 'pinia'
import type { DataLoss } from '@/domain/dataLoss'
import type { PersistenceStatus, StorageEstimate } from '@/domain/storage'
import type { Id } from '@/domain/types'
import { listAudit } from '@/db/audit'
import type { AuditEntry } from '@/db/schema'
import { unitYearLoss as readUnitYearLoss } from '@/db/dataLoss'
import { persistenceStatus, requestPersistentStorage, storageEstimate } from '@/db/storage'

export interface StorageReading {
  persistence: PersistenceStatus
  /** null when the browser does not tell */
  estimate: StorageEstimate | null
}

export const useStorageStore = defineStore('storage', () => {
  /** Whether storage is persistent now (not what it was at start-up) and how much is used. */
  async function readStorage(): Promise<StorageReading> {
    const [persistence, estimate] = await Promise.all([persistenceStatus(), storageEstimate()])
    return { persistence, estimate }
  }

  /** Asks the browser for persistent storage; it may grant it silently, ask the user, or refuse. */
  async function requestPersistence(): Promise<PersistenceStatus> {
    return requestPersistentStorage()
  }

  /** The most recent changes, newest first. */
  async function recentChanges(limit: number): Promise<AuditEntry[]> {
    return listAudit({ limit })
  }

  /** What replacing one unit-year would remove, or null when the unit does not exist. */
  async function unitYearLoss(unitId: Id, year: number): Promise<DataLoss | null> {
    return readUnitYearLoss(unitId, year)
  }

  return { readStorage, requestPersistence, recentChanges, unitYearLoss }
})
