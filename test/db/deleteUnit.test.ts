/**
 * 删除单位 removes what the unit holds beyond its years too (schema versions 4 and 5): its 报送记录 and
 * signing key, the overview worker's kept views, and for a 主管部门 its 下属单位 list, the 报送包 it
 * received, their 审核结果, its 部门汇总报告 and the registered 下属单位签名密钥 no other 主管部门 here
 * relies on. Table by table before and after, another unit's rows untouched, and the warning's counts
 * equal to what deleteUnit removed (the cache and the signing key deleted but not counted).
 */
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { ReceivedSubmission, UnitNodeFigures } from '@/domain/department'
import { lossItems, noDataCounts, type DataCounts } from '@/domain/dataLoss'
import { checkKnownKey, readPackage } from '@/io/package'
import { recordReview, saveSubordinates, storeSubmission } from '@/db/department'
import { freezeDepartmentReport, saveDepartmentReportEdits } from '@/db/departmentReports'
import { unitLoss, unitYearLoss } from '@/db/dataLoss'
import { saveUnitYear } from '@/db/datasets'
import type { MonitoringDb, OverviewViewRow } from '@/db/schema'
import { keepSigningKey } from '@/db/signing'
import { recordSentSubmission } from '@/db/submissions'
import { deleteUnit, putUnit } from '@/db/units'
import { keepView } from '@/db/viewCache'
import { aDataset, aUnit } from './fixtures'
import {
  FIGURES_A,
  FIGURES_B,
  fixtureUnit,
  nodeFigures,
  submissionPackage,
  type FixtureUnit,
} from './departmentFixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

/** the 主管部门 deleted in most tests */
const DEPT = 'dept-caizheng'
/** another 主管部门 of the same database: it accepted a package from unit B too */
const OTHER_DEPT = 'dept-jiaoyu'
/** the fixture unit (seed 001's 2021), with a 报送 and a signing key */
const UNIT = 'unit-qiemo'
const JUNE = '2021-06-30'

async function submission(
  database: MonitoringDb,
  departmentUnitId: string,
  unit: FixtureUnit,
  figures: UnitNodeFigures,
  createdAt = '2021-07-05T08:30:00.000Z',
): Promise<void> {
  const bytes = await submissionPackage(unit, figures, { createdAt })
  const read = await readPackage(bytes, { expectedKind: 'submission' })
  if (!read.ok) throw new Error(read.messages.join())
  const row: ReceivedSubmission = {
    id: read.value.manifestSha256,
    departmentUnitId,
    receivedAt: '2021-07-06T01:00:00.000Z',
    fingerprint: read.value.fingerprint,
    bytes,
    figures,
    unitId: unit.id,
    unitName: unit.name,
    year: 2021,
    nodeId: figures.nodeId,
    nodeLabel: figures.nodeLabel,
    asOfDate: figures.asOfDate,
    createdAt: read.value.manifest.createdAt,
    packageSha256: read.value.sha256,
  }
  expectOk(
    await storeSubmission(
      {
        submission: row,
        publicKey: unit.publicKey,
        confirmedFingerprint: unit.fingerprint,
        registeredBy: '王科长',
        checkKey: checkKnownKey,
      },
      { database },
    ),
  )
}

function aView(unitId: string, year: number, nodeId: string): OverviewViewRow {
  return {
    key: `${unitId}|${year}|${nodeId}`,
    unitId,
    year,
    nodeId,
    stamp: '1:1',
    settingsKey: 's',
    build: 'b',
    view: {},
  }
}

/**
 * DEPT lists 3 下属单位 (A and B bound by their first packages, 林草局 not yet), accepted A's and B's
 * 1-6月 packages (both keys registered), 通过 A's, and froze its 1-6月 部门汇总报告. OTHER_DEPT accepted
 * a later package from B. UNIT holds seed 001's 2021 and 2022's view, one 报送 and its signing key.
 * Every unit has a signing key and a kept view.
 */
async function world() {
  const database = freshDb()
  const [a, b, keys] = await Promise.all([
    fixtureUnit('unit-a', '且末县自然资源局'),
    fixtureUnit('unit-b', '且末县水利局'),
    fixtureUnit('local', '本机'),
  ])
  expectOk(await putUnit(aUnit({ id: DEPT, name: '且末县财政局' }), { database }))
  expectOk(await putUnit(aUnit({ id: OTHER_DEPT, name: '且末县教育局' }), { database }))
  expectOk(await saveUnitYear(aDataset(), { database }))

  expectOk(await saveSubordinates(DEPT, [{ name: a.name }, { name: b.name }, { name: '且末县林草局' }], { database }))
  await submission(database, DEPT, a, nodeFigures(a, FIGURES_A))
  await submission(database, DEPT, b, nodeFigures(b, FIGURES_B))
  const packageA = (await database.submissions.where('unitId').equals('unit-a').first())?.packageSha256 ?? ''
  expectOk(
    await recordReview(
      DEPT,
      'unit-a',
      JUNE,
      { kind: 'approve', packageSha256: packageA, reviewer: '王科长', at: '2021-07-07T01:00:00.000Z' },
      { database },
    ),
  )
  expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.other': '无。' }, { database }))
  expectOk(await freezeDepartmentReport(DEPT, JUNE, { version: 1 }, { database }))

  expectOk(await saveSubordinates(OTHER_DEPT, [{ name: b.name }], { database }))
  await submission(database, OTHER_DEPT, b, nodeFigures(b, FIGURES_B), '2021-07-08T08:30:00.000Z')

  expectOk(
    await recordSentSubmission(
      {
        id: 'manifest-qiemo-06',
        unitId: UNIT,
        nodeId: 'node-h1',
        createdAt: '2021-07-05T08:30:00.000Z',
        packageSha256: 'package-qiemo-06',
        receipt: null,
      },
      { database },
    ),
  )
  for (const unitId of [DEPT, OTHER_DEPT, UNIT]) {
    await keepSigningKey(
      {
        unitId,
        keyPair: keys.keyPair,
        publicKey: keys.publicKey,
        fingerprint: `${unitId}-fingerprint`,
        createdAt: '2021-07-01T00:00:00.000Z',
      },
      { database },
    )
    await keepView(aView(unitId, 2021, `${unitId}-node-06`), { database })
  }
  await keepView(aView(UNIT, 2022, 'node-2022'), { database })
  return database
}

type Rows = Record<string, unknown[]>
type Row = Record<string, unknown>

/** The rows of `table` that are not `unitId`'s by the field `by`. */
const othersOf = (rows: Rows, table: string, by: string, unitId: string) =>
  rows[table].filter((row) => (row as Row)[by] !== unitId)

/** Every table but the audit log and the change counter, the rows it lost (negative: gained). */
function lost(before: Rows, after: Rows): Record<string, number> {
  const out: Record<string, number> = {}
  for (const table of Object.keys(before))
    if (table !== 'auditLog' && table !== 'meta') out[table] = before[table].length - after[table].length
  return out
}

const none = (tables: readonly string[], except: Record<string, number>) =>
  Object.fromEntries(tables.filter((t) => t !== 'auditLog' && t !== 'meta').map((t) => [t, except[t] ?? 0]))

describe('删除单位 of a 主管部门', () => {
  it('removes its 下属单位 list, received packages, 审核结果, 部门汇总报告, the key only it relied on, its signing key and views', async () => {
    const database = await world()
    const loss = await unitLoss(DEPT, { database })
    const expected: DataCounts = {
      ...noDataCounts(),
      subordinates: 3,
      // A's; B's key stays: OTHER_DEPT holds a package from B
      unitKeys: 1,
      submissions: 2,
      reviews: 2,
      departmentReports: 1,
    }
    expect(loss?.counts).toStrictEqual(expected)
    expect(lossItems(expected).map((i) => i.text)).toStrictEqual([
      '下属单位名单 3 条',
      '下属单位签名密钥 1 个',
      '收到的报送包 2 份',
      '审核结果 2 条',
      '部门汇总报告 1 份',
    ])

    const before = await snapshot(database)
    const removed = expectOk(await deleteUnit(DEPT, { database }))
    const after = await snapshot(database)
    expect(removed).toStrictEqual(loss?.counts)
    // table by table: what the warning counted with the packages' files, and the unit, its signing key and its kept view
    expect(lost(before, after)).toStrictEqual(
      none(Object.keys(before), {
        units: 1,
        subordinates: 3,
        unitKeys: 1,
        submissions: 2,
        // their files, kept apart by the same ids (counted with 收到的报送包)
        submissionFiles: 2,
        reviews: 2,
        departmentReports: 1,
        signingKeys: 1,
        overviewViews: 1,
      }),
    )
    // exactly DEPT's rows: the other units' are untouched
    for (const [table, by] of [
      ['units', 'id'],
      ['subordinates', 'departmentUnitId'],
      ['submissions', 'departmentUnitId'],
      ['reviews', 'departmentUnitId'],
      ['departmentReports', 'departmentUnitId'],
      ['signingKeys', 'unitId'],
      ['overviewViews', 'unitId'],
    ] as const)
      expect(after[table], table).toStrictEqual(othersOf(before, table, by, DEPT))
    expect(after.unitKeys.map((k) => (k as Row).unitId)).toStrictEqual(['unit-b'])
    expect(after.submissions.map((s) => (s as Row).departmentUnitId)).toStrictEqual([OTHER_DEPT])
    // the received packages' files go with their rows: only the other 主管部门's is left
    expect(await database.submissionFiles.toCollection().primaryKeys()).toStrictEqual(
      after.submissions.map((s) => (s as Row).id),
    )

    // one audit row: the unit, the counts and the signing key's fingerprint; no package's bytes
    const audit = await database.auditLog.orderBy('seq').last()
    expect(audit).toMatchObject({ table: 'units', key: DEPT, after: null })
    expect(audit?.before).toStrictEqual({
      unit: aUnit({ id: DEPT, name: '且末县财政局' }),
      removed,
      signingKeyFingerprint: `${DEPT}-fingerprint`,
    })
    expect(await database.auditLog.count()).toBe(before.auditLog.length + 1)
  })

  it('removes a registered key only when no other 主管部门 here lists the unit or holds a package from it', async () => {
    const database = await world()
    // OTHER_DEPT lists A too (bound): A's key stays
    await database.subordinates.put({
      id: `${OTHER_DEPT}|sub|a`,
      departmentUnitId: OTHER_DEPT,
      name: '且末县自然资源局',
      unitId: 'unit-a',
      sortOrder: 1,
    })
    expect((await unitLoss(DEPT, { database }))?.counts.unitKeys).toBe(0)
    await database.subordinates.delete(`${OTHER_DEPT}|sub|a`)
    // a list left behind by a 主管部门 deleted before its rows went with it does not keep a key
    await database.subordinates.put({
      id: 'dept-gone|sub|a',
      departmentUnitId: 'dept-gone',
      name: '且末县自然资源局',
      unitId: 'unit-a',
      sortOrder: 0,
    })
    expect((await unitLoss(DEPT, { database }))?.counts.unitKeys).toBe(1)
    expect(expectOk(await deleteUnit(DEPT, { database })).unitKeys).toBe(1)
    expect(await database.unitKeys.toCollection().primaryKeys()).toStrictEqual(['unit-b'])
    // once OTHER_DEPT goes too, nobody relies on B's key
    expect((await unitLoss(OTHER_DEPT, { database }))?.counts).toStrictEqual({
      ...noDataCounts(),
      subordinates: 1,
      unitKeys: 1,
      submissions: 1,
      reviews: 1,
    })
    expectOk(await deleteUnit(OTHER_DEPT, { database }))
    expect(await database.unitKeys.count()).toBe(0)
    expect(await database.submissions.count()).toBe(0)
    expect(await database.submissionFiles.count()).toBe(0)
  })

  it('refused (a unit names it as its 主管部门) or failing at the last step, changes nothing', async () => {
    const database = await world()
    expectOk(await putUnit(aUnit({ id: 'unit-child', name: '下属所', parentUnitId: DEPT }), { database }))
    const before = await snapshot(database)
    expect(expectFailure(await deleteUnit(DEPT, { database }))).toBe(
      '该单位下还有 1 个下属单位，请先删除或移出下属单位。',
    )
    expect(await snapshot(database)).toStrictEqual(before)

    await database.units.delete('unit-child')
    const ready = await snapshot(database)
    const spy = vi.spyOn(database.units, 'delete').mockRejectedValue(new Error('QuotaExceededError'))
    expectFailure(await deleteUnit(DEPT, { database }))
    spy.mockRestore()
    expect(await snapshot(database)).toStrictEqual(ready)
  })
})

describe('删除单位 of a unit that 报送', () => {
  it('removes its years, its 报送记录, its signing key and every year’s views; counts what the warning showed', async () => {
    const database = await world()
    const loss = await unitLoss(UNIT, { database })
    expect(loss?.counts).toMatchObject({ nodes: 1, reports: 1, sentSubmissions: 1, unitKeys: 0, submissions: 0 })
    expect(lossItems(loss?.counts ?? noDataCounts()).at(-1)?.text).toBe('报送记录 1 条')

    const before = await snapshot(database)
    const removed = expectOk(await deleteUnit(UNIT, { database }))
    const after = await snapshot(database)
    expect(removed).toStrictEqual(loss?.counts)
    const counted = Object.fromEntries(Object.entries(removed).filter(([, n]) => n > 0))
    expect(lost(before, after)).toStrictEqual(
      none(Object.keys(before), { ...counted, units: 1, signingKeys: 1, overviewViews: 2 }),
    )
    for (const [table, by] of [
      ['sentSubmissions', 'unitId'],
      ['signingKeys', 'unitId'],
      ['overviewViews', 'unitId'],
    ] as const)
      expect(after[table], table).toStrictEqual(othersOf(before, table, by, UNIT))
    // the 主管部门s' rows are theirs
    for (const table of ['subordinates', 'unitKeys', 'submissions', 'reviews', 'departmentReports'])
      expect(after[table], table).toStrictEqual(before[table])
    expect(await database.auditLog.orderBy('seq').last()).toMatchObject({
      before: { removed, signingKeyFingerprint: `${UNIT}-fingerprint` },
    })
  })

  it('replacing one unit-year drops only that year’s kept views; its 报送记录 and signing key stay', async () => {
    const database = await world()
    const loss = await unitYearLoss(UNIT, 2021, { database })
    expect(loss?.counts).toMatchObject({ sentSubmissions: 0, subordinates: 0, unitKeys: 0, submissions: 0 })
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect((await database.overviewViews.toArray()).filter((v) => v.unitId === UNIT).map((v) => v.key)).toStrictEqual([
      `${UNIT}|2022|node-2022`,
    ])
    expect(await database.overviewViews.count()).toBe(3)
    expect(await database.sentSubmissions.where('unitId').equals(UNIT).count()).toBe(1)
    expect(await database.signingKeys.get(UNIT)).toBeDefined()
  })
})
