/**
 * The overview service's reads from IndexedDB: the worker's, and the main thread's where there is no
 * Worker (the unit tests' jsdom). The scope is what a node's view reads (docs/benchmarks.md (round 4)).
 */
import { loadReadings, loadUnitYear } from '@/db/datasets'
import { loadBudgetPart } from '@/db/unitYearParts'
import type { OverviewReads } from './overviewService'

export const databaseReads: OverviewReads = {
  budgetPart: (unitId, year) => loadBudgetPart(unitId, year),
  unitYear: (unitId, year, nodeId) =>
    loadUnitYear(unitId, year, { scope: { nodeIds: [nodeId], unitIndicators: true } }),
  nodeReadings: (nodeId) => loadReadings({ nodeIds: [nodeId] }),
}
