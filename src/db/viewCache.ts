/**
 * The overview worker's views at rest (`overviewViews`): a reload whose data has not changed since the
 * views were computed shows them at once instead of reading and computing the year again
 * (docs/benchmarks.md (round 4)). A cache, never the truth: a row counts only for the data version
 * (`dataStamp`), the settings and the app build it was computed with; anything else is computed again.
 * Its writes are not audited and do not change the data version.
 */
import type { Id } from '@/domain/types'
import type { DbOptions } from './options'
import { db, type OverviewViewRow } from './schema'

/**
 * The data version now: the last audit entry's number and the change counter. Every audited write
 * (entry, import, restore, review) adds an audit entry, and IndexedDB never hands out an entry number
 * twice, not even after the log is cleared by a restore; so equal stamps mean unchanged data.
 */
export async function dataStamp({ database = db }: DbOptions = {}): Promise<string> {
  return database.transaction('r', [database.auditLog, database.meta], async () => {
    const [lastSeq, counter] = await Promise.all([
      database.auditLog.orderBy('seq').lastKey(),
      database.meta.get('changeCounter'),
    ])
    return `${String(lastSeq ?? 0)}:${String(counter?.value ?? 0)}`
  })
}

/** The key of a node's kept view. */
export function viewKey(unitId: Id, year: number, nodeId: Id): string {
  return `${unitId}|${year}|${nodeId}`
}

/**
 * The views kept for a unit-year (or only its node `nodeId`) that are valid now: same data version,
 * settings and build.
 */
export async function validViews(
  unitId: Id,
  year: number,
  wanted: Pick<OverviewViewRow, 'stamp' | 'settingsKey' | 'build'>,
  { database = db, nodeId }: DbOptions & { nodeId?: Id } = {},
): Promise<OverviewViewRow[]> {
  const rows =
    nodeId === undefined
      ? await database.overviewViews.where('[unitId+year]').equals([unitId, year]).toArray()
      : [await database.overviewViews.get(viewKey(unitId, year, nodeId))].filter((row) => row !== undefined)
  return rows.filter(
    (row) => row.stamp === wanted.stamp && row.settingsKey === wanted.settingsKey && row.build === wanted.build,
  )
}

/** Keeps a view (replacing the node's earlier one). */
export async function keepView(row: OverviewViewRow, { database = db }: DbOptions = {}): Promise<void> {
  await database.overviewViews.put(row)
}
