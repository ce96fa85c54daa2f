/**
 * The 概览's kept views across data versions (db/viewCache): a view stays valid after the app's audited
 * writes that cannot touch it (a reading saved at another node, say), and is computed again after any
 * that can. Driven through the app's own writes, so the audit entries are the ones the app records.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { setAlertStatus } from '@/db/alerts'
import { recordAudit, type AuditInput } from '@/db/audit'
import { createBackup, restoreBackup } from '@/db/backup'
import { putExecutions } from '@/db/budget'
import { saveUnitYear } from '@/db/datasets'
import { putMeasure } from '@/db/measures'
import { putBudgetJudgements, putReadings } from '@/db/nodes'
import type { MonitoringDb } from '@/db/schema'
import { saveSettings } from '@/db/settings'
import { dataStamp, keepView, validViews, viewChanges, viewKey, CARRY_ENTRIES } from '@/db/viewCache'
import { defaultSettings } from '@/domain/settings'
import {
  aDataset,
  aJudgement,
  aMeasure,
  anAlert,
  anExecution,
  anIndicator,
  aNode,
  aProject,
  aReading,
  aTarget,
  YEAR,
} from './fixtures'
import { expectOk, freshDb } from './helpers'

const UNIT = 'unit-qiemo'
const JUNE = 'node-h1'
const SEPTEMBER = 'node-q3'
/** the unit's own (整体) indicators: every node's view reads their readings at every node */
const UNIT_INDICATORS = ['ind-review', 'ind-quality']
const BUILD = 'test-build'
const SETTINGS_KEY = 'settings-a'

/** Seed 001's unit-year with a second node (1-9月) and one project indicator, read at both nodes. */
async function yearWithViews(): Promise<MonitoringDb> {
  const database = freshDb()
  const dataset = aDataset({
    targets: [aTarget(), aTarget({ id: 'target-land', scope: 'project', projectId: aProject().id })],
    indicators: [
      ...aDataset().indicators,
      anIndicator({ id: 'ind-land', targetId: 'target-land', name: '评估宗地数', targetValue: '40', sortOrder: 1 }),
    ],
    nodes: [aNode(), aNode({ id: SEPTEMBER, asOfDate: '2021-09-30', label: '2021年1-9月' })],
    readings: [
      ...aDataset().readings,
      aReading({ id: 'reading-land-h1', indicatorId: 'ind-land', actualValue: '12' }),
      aReading({ id: 'reading-land-q3', nodeId: SEPTEMBER, indicatorId: 'ind-land', actualValue: '25' }),
    ],
  })
  expectOk(await saveUnitYear(dataset, { database }))
  await keepBoth(database)
  return database
}

/** Keeps a view of both nodes at the data version now. */
async function keepBoth(database: MonitoringDb, readsIndicators: string[] | undefined = UNIT_INDICATORS) {
  const stamp = await dataStamp({ database })
  for (const nodeId of [JUNE, SEPTEMBER])
    await keepView(
      {
        key: viewKey(UNIT, YEAR, nodeId),
        unitId: UNIT,
        year: YEAR,
        nodeId,
        stamp,
        settingsKey: SETTINGS_KEY,
        build: BUILD,
        view: { nodeId },
        // what domain/overview viewReach gives for these nodes: the unit's indicators, 执行数 up to the node's month
        ...(readsIndicators ? { readsIndicators, budgetThrough: nodeId === JUNE ? 6 : 9 } : {}),
      },
      { database },
    )
}

/** The nodes whose kept view is valid now, for the whole unit-year and asked one node at a time. */
async function validNodes(database: MonitoringDb): Promise<string[]> {
  const wanted = { stamp: await dataStamp({ database }), settingsKey: SETTINGS_KEY, build: BUILD }
  const all = (await validViews(UNIT, YEAR, wanted, { database })).map((row) => row.nodeId).sort()
  const one = []
  for (const nodeId of [JUNE, SEPTEMBER])
    one.push(...(await validViews(UNIT, YEAR, wanted, { database, nodeId })).map((row) => row.nodeId))
  expect(one.sort()).toEqual(all)
  return all
}

/** Records audit entries as the app's writes do (db/audit recordAudit, in a read-write transaction). */
async function audited(database: MonitoringDb, entries: AuditInput[]): Promise<void> {
  await database.transaction('rw', database.auditLog, database.meta, () => recordAudit(database, entries))
}

describe('kept views across the app’s writes (db/viewCache)', () => {
  it('keeps both at the data version they were computed at, and only with the same settings and build', async () => {
    const database = await yearWithViews()
    expect(await validNodes(database)).toEqual([JUNE, SEPTEMBER])
    const stamp = await dataStamp({ database })
    expect(await validViews(UNIT, YEAR, { stamp, settingsKey: 'settings-b', build: BUILD }, { database })).toEqual([])
    expect(await validViews(UNIT, YEAR, { stamp, settingsKey: SETTINGS_KEY, build: 'other' }, { database })).toEqual([])
  })

  it('a project indicator’s reading saved at 1-6月 touches the 1-6月 view alone', async () => {
    const database = await yearWithViews()
    expectOk(
      await putReadings([aReading({ id: 'reading-land-h1', indicatorId: 'ind-land', actualValue: '13' })], {
        database,
      }),
    )
    expect(await validNodes(database)).toEqual([SEPTEMBER])
    // a second save, at 1-9月 now: neither is left
    expectOk(
      await putReadings(
        [aReading({ id: 'reading-land-q3', nodeId: SEPTEMBER, indicatorId: 'ind-land', actualValue: '26' })],
        { database },
      ),
    )
    expect(await validNodes(database)).toEqual([])
  })

  it('a unit indicator’s reading touches every view (each draws it at every node: heatmap, forecasts)', async () => {
    const database = await yearWithViews()
    expectOk(await putReadings([aReading({ actualValue: '8' })], { database }))
    expect(await validNodes(database)).toEqual([])
  })

  it('a row kept without the indicators it reads is touched by any reading', async () => {
    const database = freshDb()
    expectOk(
      await saveUnitYear(aDataset({ nodes: [aNode(), aNode({ id: SEPTEMBER, asOfDate: '2021-09-30' })] }), {
        database,
      }),
    )
    await keepBoth(database, undefined)
    expectOk(await putReadings([aReading({ id: 'reading-q3', nodeId: SEPTEMBER, actualValue: '9' })], { database }))
    expect(await validNodes(database)).toEqual([])
  })

  it('an alert reviewed or a budget judgement saved at 1-6月 touches the 1-6月 view alone', async () => {
    const database = await yearWithViews()
    expectOk(await setAlertStatus(anAlert().id, 'closed', { closedReason: '已整改', database }))
    expect(await validNodes(database)).toEqual([SEPTEMBER])
    const other = await yearWithViews()
    expectOk(await putBudgetJudgements([aJudgement({ likelihood: '完全不可能' })], { database: other }))
    expect(await validNodes(other)).toEqual([SEPTEMBER])
  })

  it('执行数 of 7月 touches the 1-9月 view, not 1-6月 (which reads 1-6月); of 6月 both', async () => {
    const database = await yearWithViews()
    expectOk(await putExecutions([anExecution({ id: 'exec-salary-7', month: 7, spent: '500.00' })], { database }))
    expect(await validNodes(database)).toEqual([JUNE])
    expectOk(await putExecutions([anExecution({ spent: '400.00' })], { database }))
    expect(await validNodes(database)).toEqual([])
  })

  it('the budget, a measure or another unit-year written as a whole touches every view; the settings none', async () => {
    const budget = await yearWithViews()
    expectOk(await putExecutions([anExecution({ spent: '400.00' })], { database: budget }))
    expect(await validNodes(budget)).toEqual([])

    const measure = await yearWithViews()
    expectOk(await putMeasure(aMeasure({ status: '已完成' }), { database: measure }))
    expect(await validNodes(measure)).toEqual([])

    // the settings are in the views' settings key, not in their data
    const settings = await yearWithViews()
    expectOk(await saveSettings({ ...defaultSettings(), ratePrecision: 0 }, { database: settings }))
    expect(await validNodes(settings)).toEqual([JUNE, SEPTEMBER])

    // another unit-year written whole (an import: its one summary entry, as saveUnitYear records it)
    // leaves these; this one written whole does not
    const imported = await yearWithViews()
    await audited(imported, [
      { table: 'datasets', key: `unit-other/${YEAR}`, before: null, after: { unit: '若羌县自然资源局' } },
    ])
    expect(await validNodes(imported)).toEqual([JUNE, SEPTEMBER])
    const again = aDataset({ nodes: [aNode(), aNode({ id: SEPTEMBER, asOfDate: '2021-09-30' })] })
    expectOk(await saveUnitYear(again, { database: imported }))
    expect(await validNodes(imported)).toEqual([])
  })

  it('trusts the entries only when all are there: a log with one gone carries nothing', async () => {
    const database = await yearWithViews()
    expectOk(
      await putReadings([aReading({ id: 'reading-land-h1', indicatorId: 'ind-land', actualValue: '13' })], {
        database,
      }),
    )
    const last = await database.auditLog.orderBy('seq').last()
    expectOk(
      await putReadings([aReading({ id: 'reading-land-h1', indicatorId: 'ind-land', actualValue: '14' })], {
        database,
      }),
    )
    // the first save's entry removed behind the app's back (a test, a tool): the 1-9月 view is not trusted
    if (last) await database.auditLog.delete(last.seq)
    expect(await validNodes(database)).toEqual([])
  })

  it('reads at most CARRY_ENTRIES entries since a view: beyond, it is computed again', async () => {
    const database = await yearWithViews()
    const edits = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ table: 'reports', key: JUNE, before: null, after: { edit: i } }))
    await audited(database, edits(CARRY_ENTRIES))
    expect(await validNodes(database)).toEqual([JUNE, SEPTEMBER])
    await audited(database, edits(1))
    expect(await validNodes(database)).toEqual([])
  })

  it('a restore clears the kept views: its audit log is another history', async () => {
    const database = await yearWithViews()
    const { backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database })
    expect(await database.overviewViews.count()).toBe(2)
    expectOk(await restoreBackup(backup, { database }))
    expect(await database.overviewViews.count()).toBe(0)
  })
})

describe('viewChanges', () => {
  it('reads each table the views read, and anything it does not know as touching every view', () => {
    const changes = viewChanges([
      { table: 'readings', key: 'r1', before: null, after: aReading({ nodeId: 'n6', indicatorId: 'i1' }) },
      { table: 'alerts', key: 'n7', before: { alerts: 3 }, after: { alerts: 2, keptClosed: 0, deleted: 1 } },
      { table: 'budgetJudgements', key: 'j1', before: aJudgement({ nodeId: 'n8' }), after: null },
      { table: 'datasets', key: 'unit-a/2025', before: null, after: { unit: '甲' } },
      { table: 'units', key: 'unit-b', before: null, after: { id: 'unit-b' } },
      { table: 'reports', key: 'n6', before: null, after: { edits: {} } },
      { table: 'settings', key: 'monitoring', before: null, after: defaultSettings() },
    ])
    expect(changes).toEqual({
      all: false,
      nodes: new Set(['n6', 'n7', 'n8']),
      indicators: new Set(['i1']),
      unitYears: new Set(['unit-a|2025']),
      units: new Set(['unit-b']),
      executionsFrom: null,
    })
    const executions = viewChanges([
      { table: 'monthlyExecutions', key: 'e1', before: null, after: anExecution({ month: 9 }) },
      { table: 'monthlyExecutions', key: 'e2', before: anExecution({ month: 8 }), after: anExecution({ month: 8 }) },
    ])
    expect(executions.executionsFrom).toBe(8)
    expect(executions.all).toBe(false)
    for (const table of ['monthlyExecutions', 'indicators', 'targets', 'nodes', 'measures', 'projects', 'budgetLines'])
      expect(viewChanges([{ table, key: 'x', before: null, after: { id: 'x' } }]).all).toBe(true)
    // a summary of readings copied to a new node names no reading's node: every view
    expect(
      viewChanges([{ table: 'readings', key: 'n9', before: null, after: { copiedFromNode: 'n8', readings: 3 } }]).all,
    ).toBe(true)
  })
})
