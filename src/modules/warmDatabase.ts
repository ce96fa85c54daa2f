/**
 * Opens the app's IndexedDB database as the first thing the page does, before the rest of the app's
 * scripts run, and holds the connection a few seconds. Chromium opens a database's backing store on
 * its first use (≈ 0.2–0.4 s cold, docs/benchmarks.md (round 4)), and that began only when the
 * workspace's first read asked Dexie, after every script had been evaluated; now it overlaps them.
 *
 * It creates and changes nothing: a database that does not exist yet, or is at an older version, gets
 * an upgrade request here, which is aborted (a new database is then not created), and Dexie creates
 * or upgrades it as before. A newer version fails to open here and is left to Dexie's message.
 * main.ts imports this module first, so its body runs before the others'.
 */

/** db/schema's DEFAULT_DB_NAME (not imported: this runs before Dexie and the schema are evaluated) */
export const WARM_DB_NAME = 'jixiao-jiankong'
/** db/schema's SCHEMA_VERSION 6 as IndexedDB sees it: Dexie opens version v as v × 10 */
export const WARM_IDB_VERSION = 60
/** long enough for the workspace's and the overview worker's first reads */
const HOLD_MS = 10_000

export function warmDatabase(factory: IDBFactory | undefined, hold = HOLD_MS): void {
  if (!factory) return
  let request: IDBOpenDBRequest
  try {
    request = factory.open(WARM_DB_NAME, WARM_IDB_VERSION)
  } catch {
    return // a warm-up only
  }
  request.onupgradeneeded = () => request.transaction?.abort()
  request.onerror = (event) => {
    // the aborted upgrade, or a newer version: Dexie opens the database and reports what is wrong
    event.preventDefault()
  }
  request.onblocked = () => undefined
  request.onsuccess = () => {
    const connection = request.result
    // another tab or Dexie upgrading must not wait for this connection
    connection.onversionchange = () => connection.close()
    setTimeout(() => connection.close(), hold)
  }
}

if (typeof window !== 'undefined') warmDatabase(window.indexedDB)
