/**
 * The overview service's reads from IndexedDB: the worker's, and the main thread's where there is no
 * Worker (the unit tests' jsdom). The scope is what a node's view reads; the views are kept per data
 * version (or a later one whose changes cannot touch them), settings and app build (db/viewCache.ts, docs/benchmarks.md (round 4)).
 */
import { loadNodeReadingsInPages, loadUnitYear, ONE_REQUEST, READ_PAGE } from '@/db/datasets'
import { loadBudgetPart } from '@/db/unitYearParts'
import { dataStamp, keepView, validViews, viewKey } from '@/db/viewCache'
import type { Wire } from '@/domain/wire'
import type { OverviewReads } from './overviewService'

export const databaseReads: OverviewReads = {
  budgetPart: (unitId, year) => loadBudgetPart(unitId, year),
  // in the background in pages, so that a reload's first reads never wait for a whole table (READ_PAGE)
  unitYear: (unitId, year, nodeId, background) =>
    loadUnitYear(unitId, year, {
      scope: { nodeIds: [nodeId], unitIndicators: true },
      pageSize: background ? READ_PAGE : ONE_REQUEST,
    }),
  nodeReadings: (nodeId, background) =>
    loadNodeReadingsInPages(nodeId, { pageSize: background ? READ_PAGE : ONE_REQUEST }),
  dataStamp: () => dataStamp(),
  keptViews: async (unitId, year, stamp, nodeId) => {
    const rows = await validViews(unitId, year, { stamp, build: __APP_BUILD__ }, { nodeId })
    return new Map(
      rows.map((row) => [
        row.nodeId,
        { view: row.view as Wire, settingsKey: row.settingsKey, ...(row.pack ? { pack: row.pack } : {}) },
      ]),
    )
  },
  keepView: (unitId, year, nodeId, stamp, settingsKey, view, reach, pack) =>
    keepView({
      key: viewKey(unitId, year, nodeId),
      unitId,
      year,
      nodeId,
      stamp,
      settingsKey,
      build: __APP_BUILD__,
      view,
      ...reach,
      pack,
    }),
}
