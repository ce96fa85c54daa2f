/**
 * Test helpers for db/*: a fresh database per test on fake-indexeddb, a snapshot of every table for
 * "exactly as before" assertions, and `expectOk` to unwrap a WriteResult.
 * Test files import 'fake-indexeddb/auto' first, so Dexie finds the fake `indexedDB` global.
 */
import { expect } from 'vitest'
import type { UnitYearDataset } from '@/domain/types'
import type { UnitYearWithInputs } from '@/domain/managementInputs'
import type { WriteResult } from '@/db/result'
import { createDb, type MonitoringDb } from '@/db/schema'

let counter = 0

/** A new, empty database with a unique name and a fixed audit clock. */
export function freshDb(): MonitoringDb {
  counter += 1
  const database = createDb(`test-${counter}-${crypto.randomUUID()}`)
  database.now = () => new Date('2021-07-05T08:30:00.000Z')
  return database
}

export function expectOk<T, Row>(result: WriteResult<T, Row>): T {
  if (!result.ok) expect.fail(`expected ok, got: ${result.messages.join('；')} (${String(result.cause)})`)
  return result.value
}

/** The refusal's message (a write refuses with one sentence). */
export function expectFailure<T, Row>(result: WriteResult<T, Row>): string {
  if (result.ok) expect.fail('expected the write to fail')
  return result.messages.join('；')
}

/** Every row of every table, in key order. */
export async function snapshot(database: MonitoringDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const table of database.tables) out[table.name] = await table.toArray()
  return out
}

/**
 * The dataset's rows as `loadUnitYear` gives them, every row array sorted by id: save→load keeps rows,
 * not the caller's order. A dataset's 管理指标填报 (the demo carries them) are read apart
 * (`getManagementInputs`), so they are left out here.
 */
export function rowsById(dataset: UnitYearWithInputs): UnitYearDataset {
  const byId = <T extends { id: string }>(rows: T[]) =>
    [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const { managementInputs: _readApart, ...rows } = dataset
  return {
    ...rows,
    projects: byId(dataset.projects),
    budgetLines: byId(dataset.budgetLines),
    monthlyExecutions: byId(dataset.monthlyExecutions),
    targets: byId(dataset.targets),
    indicators: byId(dataset.indicators),
    nodes: byId(dataset.nodes),
    readings: byId(dataset.readings),
    budgetJudgements: byId(dataset.budgetJudgements),
    alerts: byId(dataset.alerts),
    measures: byId(dataset.measures),
    reports: [...dataset.reports].sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0)),
  }
}
