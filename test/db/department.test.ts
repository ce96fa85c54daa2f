/**
 * db/department: the 主管部门's writes, each one audited transaction that stores all or nothing —
 * the 下属单位 list, first-contact key registration, supersession (a newer 报送 replaces, an older one
 * never does, a duplicate is refused), another key refused, and the 审核 states.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ReceivedSubmission, UnitNodeFigures } from '@/domain/department'
import { checkKnownKey, readPackage } from '@/io/package'
import {
  getSubmission,
  getSubmissionFile,
  loadDepartment,
  recordReview,
  registerUnitKey,
  saveSubordinates,
  storeSubmission,
  storeSubmissions,
  SUBMISSIONS_PER_TRANSACTION,
} from '@/db/department'
import type { MonitoringDb } from '@/db/schema'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'
import {
  FIGURES_A,
  FIGURES_B,
  fixtureUnit,
  nodeFigures,
  submissionPackage,
  type FixtureUnit,
} from './departmentFixtures'

const DEPT = 'dept-caizheng'
let database: MonitoringDb
let a: FixtureUnit
let b: FixtureUnit

async function submission(
  unit: FixtureUnit,
  figures: UnitNodeFigures,
  options: { createdAt?: string; signer?: FixtureUnit } = {},
): Promise<ReceivedSubmission> {
  const bytes = await submissionPackage(unit, figures, options)
  const read = await readPackage(bytes, { expectedKind: 'submission' })
  if (!read.ok) throw new Error(read.messages.join())
  return {
    id: read.value.manifestSha256,
    departmentUnitId: DEPT,
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
}

function accept(row: ReceivedSubmission, unit: FixtureUnit, confirmed: string | null = unit.fingerprint) {
  return storeSubmission(
    {
      submission: row,
      publicKey: unit.publicKey,
      confirmedFingerprint: confirmed,
      registeredBy: '王科长',
      checkKey: checkKnownKey,
    },
    { database },
  )
}

beforeEach(async () => {
  database = freshDb()
  await database.units.put({ id: DEPT, name: '且末县财政局', departments: [], monitoringGroup: [], financeOfficer: '' })
  a ??= await fixtureUnit('unit-a', '且末县自然资源局')
  b ??= await fixtureUnit('unit-b', '且末县水利局')
})

describe('the 下属单位 list', () => {
  it('makes the unit a 主管部门 with its list in order, and keeps a bound unit when the list is edited', async () => {
    const rows = expectOk(
      await saveSubordinates(DEPT, [{ name: ' 且末县自然资源局 ' }, { name: '且末县水利局' }], { database }),
    )
    expect(rows.map((r) => [r.name, r.unitId, r.sortOrder])).toEqual([
      ['且末县自然资源局', null, 0],
      ['且末县水利局', null, 1],
    ])
    // first contact binds the row of the same name
    expectOk(await accept(await submission(a, nodeFigures(a, FIGURES_A)), a))
    const bound = (await loadDepartment(DEPT, 2021, { database })).subordinates
    expect(bound.map((r) => r.unitId)).toEqual(['unit-a', null])
    // reorder: the bound row keeps its unit
    expectOk(
      await saveSubordinates(
        DEPT,
        [
          { id: bound[1].id, name: '且末县水利局' },
          { id: bound[0].id, name: '且末县自然资源局' },
        ],
        { database },
      ),
    )
    const after = (await loadDepartment(DEPT, 2021, { database })).subordinates
    expect(after.map((r) => [r.name, r.unitId])).toEqual([
      ['且末县水利局', null],
      ['且末县自然资源局', 'unit-a'],
    ])
  })

  it('refuses a blank or repeated name whole, writing nothing', async () => {
    expectOk(await saveSubordinates(DEPT, [{ name: '甲单位' }], { database }))
    const before = await snapshot(database)
    expect(
      expectFailure(
        await saveSubordinates(DEPT, [{ name: '乙单位' }, { name: '  ' }, { name: '乙单位' }], { database }),
      ),
    ).toBe('第 2 个下属单位没有填写名称；下属单位“乙单位”重复填写了两次（第 1 个和第 3 个），本次未写入任何数据。')
    expect(await snapshot(database)).toEqual(before)
  })
})

describe('accepting a 报送包', () => {
  it('registers the key on first contact, stores the package and puts the node to 待审核, all audited', async () => {
    const row = await submission(a, nodeFigures(a, FIGURES_A))
    const result = expectOk(await accept(row, a))
    expect(result.class).toBe('new')
    expect(result.registeredKey).toBe(true)
    expect(result.review?.record).toEqual({
      state: 'pending',
      opinion: '',
      reviewer: '',
      at: row.receivedAt,
      packageSha256: row.packageSha256,
    })
    const data = await loadDepartment(DEPT, 2021, { database })
    expect(data.keys.map((k) => [k.unitId, k.fingerprint, k.registeredBy])).toEqual([
      ['unit-a', a.fingerprint, '王科长'],
    ])
    expect(data.current.map((s) => s.figures.budget.spent)).toEqual(['383.74'])
    // the views read summaries; the file is read by id when wanted
    expect('bytes' in data.current[0]).toBe(false)
    expect((await getSubmission(row.id, { database }))?.bytes).toEqual(row.bytes)
    // the file is kept apart from the row the views read (schema version 5)
    expect('bytes' in ((await database.submissions.get(row.id)) ?? {})).toBe(false)
    expect(await getSubmissionFile(row.id, { database })).toEqual(row.bytes)
    const audited = (await database.auditLog.toArray()).map((e) => e.table)
    expect(audited).toEqual(['unitKeys', 'submissions', 'reviews'])
  })

  it('refuses a first contact whose fingerprint was not confirmed, storing nothing', async () => {
    const before = await snapshot(database)
    const message = expectFailure(await accept(await submission(a, nodeFigures(a, FIGURES_A)), a, null))
    expect(message).toBe('“且末县自然资源局”首次报送，须先与该单位电话核对并确认密钥指纹，本次未写入任何数据。')
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a package signed by another key than the registered one, storing nothing', async () => {
    expectOk(await accept(await submission(a, nodeFigures(a, FIGURES_A)), a))
    const before = await snapshot(database)
    const forged = await submission(a, nodeFigures(a, FIGURES_A), { createdAt: '2021-07-08T00:00:00.000Z', signer: b })
    const message = expectFailure(await accept(forged, a))
    expect(message).toContain(
      `该单位的签名密钥与登记的不一致：文件的密钥指纹为 ${b.fingerprint}，登记的为 ${a.fingerprint}。`,
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('lets a newer package replace the current one, keeps an older one in the history only, and refuses a duplicate', async () => {
    const first = await submission(b, nodeFigures(b, FIGURES_B), { createdAt: '2021-07-05T08:00:00.000Z' })
    expectOk(await accept(first, b))
    const newer = await submission(
      b,
      nodeFigures(b, {
        ...FIGURES_B,
        project: ['10000.00', '10000.00', '9900.00'],
        total: ['12030.56', '12030.56', '11900.00'],
      }),
      {
        createdAt: '2021-07-10T08:00:00.000Z',
      },
    )
    expect(expectOk(await accept(newer, b)).class).toBe('update')
    const older = await submission(b, nodeFigures(b, FIGURES_B), { createdAt: '2021-07-01T08:00:00.000Z' })
    const keptOld = expectOk(await accept(older, b))
    expect(keptOld.class).toBe('older')
    expect(keptOld.review).toBeNull()

    const data = await loadDepartment(DEPT, 2021, { database })
    expect(data.submissions).toHaveLength(3)
    expect(data.current.map((s) => [s.createdAt, s.figures.budget.spent])).toEqual([
      ['2021-07-10T08:00:00.000Z', '11900.00'],
    ])
    expect(data.reviews[0].record.packageSha256).toBe(newer.packageSha256)

    const before = await snapshot(database)
    expect(expectFailure(await accept(newer, b))).toBe(
      '该报送包（且末县水利局 2021年1-6月）已导入过，不再重复保存，本次未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })
})

describe('accepting several 报送包 at once', () => {
  it('checks each against the ones before it, skips a refused one and stores the others, in few transactions', async () => {
    expectOk(await saveSubordinates(DEPT, [{ name: '且末县自然资源局' }, { name: '且末县水利局' }], { database }))
    const firstA = await submission(a, nodeFigures(a, FIGURES_A), { createdAt: '2021-07-05T08:00:00.000Z' })
    const laterA = await submission(a, nodeFigures(a, FIGURES_A), { createdAt: '2021-07-09T08:00:00.000Z' })
    const olderA = await submission(a, nodeFigures(a, FIGURES_A), { createdAt: '2021-07-01T08:00:00.000Z' })
    const firstB = await submission(b, nodeFigures(b, FIGURES_B))
    const input = (row: ReceivedSubmission, unit: FixtureUnit, confirmed: string | null = unit.fingerprint) => ({
      submission: row,
      publicKey: unit.publicKey,
      confirmedFingerprint: confirmed,
      registeredBy: '王科长',
      checkKey: checkKnownKey,
    })
    const outcomes = await storeSubmissions(
      [
        input(firstA, a),
        input(firstA, a), // the same package twice in one batch
        input(firstB, b, null), // first contact not confirmed
        input(laterA, a, null), // A's key was registered by the first package of this batch
        input(olderA, a),
      ],
      { database },
    )
    expect(outcomes.map((o) => (o.ok ? [o.value.class, o.value.registeredKey] : o.messages))).toEqual([
      ['new', true],
      ['该报送包（且末县自然资源局 2021年1-6月）已导入过，不再重复保存，本次未写入任何数据。'],
      ['“且末县水利局”首次报送，须先与该单位电话核对并确认密钥指纹，本次未写入任何数据。'],
      ['update', false],
      ['older', false],
    ])
    const data = await loadDepartment(DEPT, 2021, { database })
    expect(data.submissions.map((s) => s.createdAt).sort()).toEqual([
      '2021-07-01T08:00:00.000Z',
      '2021-07-05T08:00:00.000Z',
      '2021-07-09T08:00:00.000Z',
    ])
    expect(data.current.map((s) => s.id)).toEqual([laterA.id])
    expect(data.subordinates.map((r) => r.unitId)).toEqual(['unit-a', null])
    expect(data.reviews.map((r) => [r.record.packageSha256, r.history.length])).toEqual([[laterA.packageSha256, 1]])
    expect(await database.submissionFiles.count()).toBe(3)
    // B stored nothing: no key, no row, no file
    expect(await database.unitKeys.get('unit-b')).toBeUndefined()
    // audited as one write each would have been, in order
    expect((await database.auditLog.toArray()).slice(-7).map((e) => e.table)).toEqual([
      'unitKeys',
      'subordinates',
      'submissions',
      'reviews',
      'submissions',
      'reviews',
      'submissions',
    ])
  })

  it('writes past one transaction’s worth of packages, and a package stored meanwhile is refused alone', async () => {
    const rows: ReceivedSubmission[] = []
    for (let i = 0; i < SUBMISSIONS_PER_TRANSACTION + 2; i++)
      rows.push(
        await submission(a, nodeFigures(a, FIGURES_A), {
          createdAt: `2021-07-05T08:${String(i).padStart(2, '0')}:00.000Z`,
        }),
      )
    // another tab stored one of them after the preview
    expectOk(await accept(rows[SUBMISSIONS_PER_TRANSACTION] as ReceivedSubmission, a))
    const outcomes = await storeSubmissions(
      rows.map((row) => ({
        submission: row,
        publicKey: a.publicKey,
        confirmedFingerprint: a.fingerprint,
        registeredBy: '王科长',
        checkKey: checkKnownKey,
      })),
      { database },
    )
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(1)
    expect(outcomes[SUBMISSIONS_PER_TRANSACTION]?.ok).toBe(false)
    expect(await database.submissions.count()).toBe(rows.length)
    expect(await database.submissionFiles.count()).toBe(rows.length)
  })
})

describe('审核', () => {
  it('goes 待审核 → 已退回 (意见 required) → 待审核 on a corrected package → 已通过, keeping every record', async () => {
    const first = await submission(b, nodeFigures(b, FIGURES_B), { createdAt: '2021-07-05T08:00:00.000Z' })
    expectOk(await accept(first, b))
    const at = '2021-07-07T02:00:00.000Z'
    expect(
      expectFailure(
        await recordReview(
          DEPT,
          'unit-b',
          '2021-06-30',
          { kind: 'return', packageSha256: first.packageSha256, reviewer: '王科长', at, opinion: ' ' },
          { database },
        ),
      ),
    ).toBe('退回须填写审核意见，说明需要更正的内容，本次未写入任何数据。')
    const returned = expectOk(
      await recordReview(
        DEPT,
        'unit-b',
        '2021-06-30',
        {
          kind: 'return',
          packageSha256: first.packageSha256,
          reviewer: '王科长',
          at,
          opinion: '项目支出执行数与账面不符，请核实',
        },
        { database },
      ),
    )
    expect(returned.record).toEqual({
      state: 'returned',
      opinion: '项目支出执行数与账面不符，请核实',
      reviewer: '王科长',
      at,
      packageSha256: first.packageSha256,
    })

    const corrected = await submission(b, nodeFigures(b, FIGURES_B), { createdAt: '2021-07-08T08:00:00.000Z' })
    expect(expectOk(await accept(corrected, b)).review?.record.state).toBe('pending')
    const approved = expectOk(
      await recordReview(
        DEPT,
        'unit-b',
        '2021-06-30',
        { kind: 'approve', packageSha256: corrected.packageSha256, reviewer: '王科长', at: '2021-07-09T02:00:00.000Z' },
        { database },
      ),
    )
    expect(approved.record.state).toBe('approved')
    expect(approved.history.map((r) => r.state)).toEqual(['pending', 'returned', 'pending'])
  })

  it('refuses a decision on a node nothing was submitted for', async () => {
    expect(
      expectFailure(
        await recordReview(
          DEPT,
          'unit-b',
          '2021-06-30',
          { kind: 'approve', packageSha256: 'x', reviewer: '王科长', at: '2021-07-09T02:00:00.000Z' },
          { database },
        ),
      ),
    ).toBe('该单位本节点尚未报送，无可通过，本次未写入任何数据。')
  })
})

describe('re-registering a key', () => {
  it('refuses to replace a registered key unless asked to, and audits a deliberate re-registration', async () => {
    expectOk(await accept(await submission(a, nodeFigures(a, FIGURES_A)), a))
    const key = {
      unitId: 'unit-a',
      unitName: a.name,
      publicKey: b.publicKey,
      fingerprint: b.fingerprint,
      registeredAt: '2021-08-01T00:00:00.000Z',
      registeredBy: '王科长',
    }
    expect(expectFailure(await registerUnitKey(key, { database }))).toBe(
      '“且末县自然资源局”已登记签名密钥；如确需更换，请使用“重新登记”，本次未写入任何数据。',
    )
    expectOk(await registerUnitKey(key, { database, reregister: true }))
    const last = (await database.auditLog.toArray()).at(-1)
    expect(last?.table).toBe('unitKeys')
    expect((last?.before as { fingerprint: string }).fingerprint).toBe(a.fingerprint)
    expect((last?.after as { fingerprint: string }).fingerprint).toBe(b.fingerprint)
  })
})
