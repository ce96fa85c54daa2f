/**
 * Persistent storage: asks the browser not to evict our IndexedDB data under storage pressure.
 * Everything here tolerates browsers (and test environments) without `navigator.storage`.
 */
import type { PersistenceStatus, StorageEstimate } from '@/domain/storage'

function storageManager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : undefined
}

/** Asks for persistent storage; browsers may grant it silently, ask the user, or refuse. */
export async function requestPersistentStorage(): Promise<PersistenceStatus> {
  const storage = storageManager()
  if (!storage || typeof storage.persist !== 'function') return 'unsupported'
  try {
    return (await storage.persist()) ? 'persisted' : 'not-persisted'
  } catch {
    return 'not-persisted'
  }
}

/** Whether storage is already persistent, without asking. */
export async function persistenceStatus(): Promise<PersistenceStatus> {
  const storage = storageManager()
  if (!storage || typeof storage.persisted !== 'function') return 'unsupported'
  try {
    return (await storage.persisted()) ? 'persisted' : 'not-persisted'
  } catch {
    return 'not-persisted'
  }
}

/** Bytes used and available to this origin, when the browser tells. */
export async function storageEstimate(): Promise<StorageEstimate | null> {
  const storage = storageManager()
  if (!storage || typeof storage.estimate !== 'function') return null
  try {
    const { usage, quota } = await storage.estimate()
    return usage === undefined || quota === undefined ? null : { usage, quota }
  } catch {
    return null
  }
}
