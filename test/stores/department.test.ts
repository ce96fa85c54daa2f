/**
 * The 主管部门 store on the app database (fake-indexeddb): 「导入报送包」 previews each file on its own
 * (refusals per file, first contact, another key, 新/更新/旧/重复), writes only the confirmed good ones,
 * and the 汇总 sums two units as docs/domain-rules.md §17.2 says (1,493.25 / 383.74 and 12,030.56 /
 * 11,832.53 → 13,523.81 / 12,216.27 → 90.33%); 审核 and the signed 回执 read back.
 */
import 'fake-indexeddb/auto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { formatAmount, formatPercent } from '@/domain/decimal'
import { db } from '@/db/schema'
import { readPackage } from '@/io/package'
import { parseReceiptContent } from '@/domain/submission'
import { snapshotOfContent, useDepartmentStore } from '@/stores/department'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import { unitNodeFiguresOf } from '@/domain/department'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { writePackage } from '@/io/package'
import {
  alertOf,
  FIGURES_A,
  FIGURES_B,
  fixtureUnit,
  nodeFigures,
  submissionPackage,
  type FixtureUnit,
} from '../db/departmentFixtures'

const DEPT = 'dept-caizheng'
let a: FixtureUnit
let b: FixtureUnit
const file = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name, { type: 'application/zip' })
const operator = { operator: '王科长', now: () => new Date('2021-07-06T01:00:00.000Z') }

beforeAll(async () => {
  a = await fixtureUnit('unit-a', '且末县自然资源局')
  b = await fixtureUnit('unit-b', '且末县水利局')
})

beforeEach(async () => {
  setActivePinia(createPinia())
  await Promise.all(db.tables.map((t) => t.clear()))
  await db.units.put({ id: DEPT, name: '且末县财政局', departments: [], monitoringGroup: [], financeOfficer: '' })
})

async function department() {
  const store = useDepartmentStore()
  await store.open(DEPT, '且末县财政局', 2021)
  expect(
    await store.saveList([{ name: '且末县自然资源局' }, { name: '且末县水利局' }, { name: '且末县林草局' }]),
  ).toEqual({ ok: true })
  return store
}

describe('导入报送包', () => {
  it('previews each file: unit, node, 新, first contact with the fingerprint, on the list by name; a broken file is refused alone', async () => {
    const store = await department()
    const figA = nodeFigures(a, FIGURES_A, { red: 1 })
    const good = await submissionPackage(a, figA)
    const broken = good.slice(0, good.length - 10)
    const previews = await store.previewPackages([file(good, 'A.zip'), file(broken, '坏文件.zip')])
    expect(
      previews.map((p) => [p.fileName, p.refused, p.unitName, p.nodeLabel, p.submissionClass, p.keyStatus, p.listed]),
    ).toEqual([
      ['A.zip', false, '且末县自然资源局', '2021年1-6月', 'new', 'firstContact', 'byName'],
      ['坏文件.zip', true, '', '', null, null, null],
    ])
    expect(previews[0].fingerprint).toBe(a.fingerprint)
    expect(previews[1].messages).toEqual(['无法读取：文件不是报送包，或已损坏、不完整'])
    expect(await db.submissions.count()).toBe(0)
  })

  it('writes only the confirmed first contacts, then sums the two units (90.33%, not the mean 62.03%) and ranks the slower first', async () => {
    const store = await department()
    const previews = await store.previewPackages([
      file(await submissionPackage(a, nodeFigures(a, FIGURES_A, { red: 1 })), 'A.zip'),
      file(await submissionPackage(b, nodeFigures(b, FIGURES_B, { yellow: 2 })), 'B.zip'),
    ])
    // only A's fingerprint confirmed: B is not written
    const first = await store.acceptPackages(previews, [a.fingerprint], operator)
    expect(first.map((o) => [o.ok, o.message])).toEqual([
      [true, '且末县自然资源局 2021年1-6月：已导入（新）'],
      [false, '且末县水利局 2021年1-6月：未确认密钥指纹，未导入'],
    ])
    const again = await store.previewPackages([
      file(await submissionPackage(b, nodeFigures(b, FIGURES_B, { yellow: 2 })), 'B.zip'),
    ])
    expect((await store.acceptPackages(again, [b.fingerprint], operator))[0].ok).toBe(true)

    const t = store.totals
    expect([
      formatAmount(t.budget.adjustedBudget),
      formatAmount(t.budget.spent),
      formatPercent(t.budget.executionRate!),
    ]).toEqual(['13523.81', '12216.27', '90.33%'])
    expect(
      t.byCategory.map((c) => [c.label, formatAmount(c.figures.adjustedBudget), formatAmount(c.figures.spent)]),
    ).toEqual([
      ['基本支出', '2830.56', '2300.00'],
      ['项目支出', '10693.25', '9916.27'],
    ])
    expect(
      store.ranking.map((r) => [
        r.unitName,
        r.status,
        r.status === 'submitted' ? [r.rank, r.alerts.red, r.alerts.yellow] : null,
      ]),
    ).toEqual([
      ['且末县自然资源局', 'submitted', [1, 1, 0]],
      ['且末县水利局', 'submitted', [2, 0, 2]],
      ['且末县林草局', 'notSubmitted', null],
    ])
    expect(store.reviewOf('unit-a').state).toBe('pending')
    expect(store.heatmap.rows.map((r) => r.cells.map((c) => (c.status === 'submitted' ? c.light : c.status)))).toEqual([
      ['red'],
      ['green'],
      ['notSubmitted'],
    ])
  })

  it('refuses a package signed by another key, with the fingerprints, and marks a duplicate and an older one', async () => {
    const store = await department()
    const figB = nodeFigures(b, FIGURES_B)
    const held = await submissionPackage(b, figB, { createdAt: '2021-07-05T08:00:00.000Z' })
    await store.acceptPackages(await store.previewPackages([file(held, 'B.zip')]), [b.fingerprint], operator)
    const forged = await submissionPackage(b, figB, { createdAt: '2021-07-09T08:00:00.000Z', signer: a })
    const older = await submissionPackage(b, figB, { createdAt: '2021-07-01T08:00:00.000Z' })
    const newer = await submissionPackage(b, figB, { createdAt: '2021-07-09T08:00:00.000Z' })
    const previews = await store.previewPackages([
      file(forged, '冒名.zip'),
      file(held, '重复.zip'),
      file(older, '旧.zip'),
      file(newer, '新.zip'),
    ])
    expect(previews.map((p) => [p.fileName, p.refused, p.submissionClass, p.keyStatus])).toEqual([
      ['冒名.zip', true, 'update', 'different'],
      ['重复.zip', true, 'duplicate', 'known'],
      ['旧.zip', false, 'older', 'known'],
      ['新.zip', false, 'update', 'known'],
    ])
    expect(previews[0].messages[0]).toMatch(/^该单位的签名密钥与登记的不一致：文件的密钥指纹为 /)
    expect(previews[1].messages).toEqual(['该报送包已导入过，不再重复保存'])
    const outcomes = await store.acceptPackages(previews, [], operator)
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true, true])
    expect(await db.submissions.count()).toBe(3)
    expect(store.currentOf('unit-b')?.createdAt).toBe('2021-07-09T08:00:00.000Z')
  })
})

describe('a batch of files', () => {
  it('reads the 汇总 again for a preview only when something was written since it was read', async () => {
    const store = await department()
    const read = store.data
    const figA = nodeFigures(a, FIGURES_A)
    const previews = await store.previewPackages([file(await submissionPackage(a, figA), 'A.zip')])
    // nothing written since the list was saved: the data the store holds is current
    expect(store.data).toBe(read)
    // another tab stores the same package meanwhile: the next preview reads again, and sees it
    await store.acceptPackages(previews, [a.fingerprint], operator)
    await db.reviews.clear()
    await db.submissions.clear()
    await db.submissionFiles.clear()
    await db.auditLog.add({
      time: '2021-07-06T02:00:00.000Z',
      table: 'submissions',
      key: 'x',
      before: null,
      after: null,
    })
    const [again] = await store.previewPackages([file(await submissionPackage(a, figA), 'A.zip')])
    expect(store.data?.submissions).toEqual([])
    expect([again.submissionClass, again.keyStatus]).toEqual(['new', 'known'])
  })

  it('stores the good files of a batch when one was stored meanwhile, listing each outcome in order', async () => {
    const store = await department()
    const figA = nodeFigures(a, FIGURES_A)
    const figB = nodeFigures(b, FIGURES_B)
    const aFile = file(await submissionPackage(a, figA), 'A.zip')
    const bFile = file(await submissionPackage(b, figB), 'B.zip')
    const previews = await store.previewPackages([aFile, bFile])
    // another tab (its own store) accepts B first
    setActivePinia(createPinia())
    const other = useDepartmentStore()
    await other.open(DEPT, '且末县财政局', 2021)
    await other.acceptPackages(await other.previewPackages([bFile]), [b.fingerprint], operator)
    const outcomes = await store.acceptPackages(previews, [a.fingerprint, b.fingerprint], operator)
    expect(outcomes.map((o) => [o.fileName, o.ok, o.message])).toEqual([
      ['A.zip', true, '且末县自然资源局 2021年1-6月：已导入（新）'],
      [
        'B.zip',
        false,
        '且末县水利局 2021年1-6月：该报送包（且末县水利局 2021年1-6月）已导入过，不再重复保存，本次未写入任何数据。',
      ],
    ])
    expect(store.ranking.filter((r) => r.status === 'submitted').map((r) => r.unitName)).toEqual([
      '且末县自然资源局',
      '且末县水利局',
    ])
  })
})

describe('bad figures and a new key', () => {
  it('refuses a package whose 基本 and 项目 do not add up to the unit total, storing nothing', async () => {
    const store = await department()
    const wrong = nodeFigures(b, { ...FIGURES_B, total: ['12030.56', '12030.56', '11832.54'] })
    const [preview] = await store.previewPackages([file(await submissionPackage(b, wrong), 'B.zip')])
    expect(preview.refused).toBe(true)
    expect(preview.messages).toEqual(['报送包中的数字有误：基本支出与项目支出之和与单位合计不一致'])
    expect((await store.acceptPackages([preview], [b.fingerprint], operator))[0].ok).toBe(false)
    expect(await db.submissions.count()).toBe(0)
  })

  it('takes a unit’s new key only by a deliberate re-registration, audited, after which its package is accepted', async () => {
    const store = await department()
    const figB = nodeFigures(b, FIGURES_B)
    await store.acceptPackages(
      await store.previewPackages([file(await submissionPackage(b, figB), 'B.zip')]),
      [b.fingerprint],
      operator,
    )
    const newPc = await fixtureUnit('unit-b', '且末县水利局')
    const fromNewPc = await submissionPackage(newPc, figB, { createdAt: '2021-07-09T08:00:00.000Z' })
    const [refusedPreview] = await store.previewPackages([file(fromNewPc, '新电脑.zip')])
    expect(refusedPreview.keyStatus).toBe('different')
    expect(await store.reregisterKey(refusedPreview, '王科长')).toEqual({ ok: true })
    const audit = (await db.auditLog.toArray()).filter((e) => e.table === 'unitKeys')
    expect(
      audit.map((e) => [
        (e.before as { fingerprint: string } | null)?.fingerprint ?? null,
        (e.after as { fingerprint: string }).fingerprint,
      ]),
    ).toEqual([
      [null, b.fingerprint],
      [b.fingerprint, newPc.fingerprint],
    ])
    const [again] = await store.previewPackages([file(fromNewPc, '新电脑.zip')])
    expect([again.refused, again.keyStatus, again.submissionClass]).toEqual([false, 'known', 'update'])
  })
})

describe('the drill-down', () => {
  it('recomputes the demo unit’s 1-6月 from its submitted unit-year: 383.74 of 1,493.25 and its 22 indicators', async () => {
    const store = await department()
    const { managementInputs: _apart, ...dataset } = qiemo2021Dataset()
    const demo = await fixtureUnit(dataset.unit.id, dataset.unit.name)
    const snap = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings: DEFAULT_SETTINGS })
    if (!snap.ok) throw new Error(snap.messages.join())
    const figures = unitNodeFiguresOf({ unitId: demo.id, unitName: demo.name }, snap.value, dataset.alerts)
    const written = await writePackage({
      kind: 'submission',
      unit: { id: demo.id, name: demo.name },
      year: 2021,
      node: { id: DEMO_NODE_ID, label: figures.nodeLabel },
      createdAt: '2021-07-05T08:30:00.000Z',
      parts: {
        'node.json': { figures, alerts: dataset.alerts, measures: [], budgetJudgements: [] },
        'report.json': { nodeId: DEMO_NODE_ID, edits: {}, unlocks: [], updatedAt: '2021-07-05T08:30:00.000Z' },
        'unit-year.json': dataset,
      },
      keyPair: demo.keyPair,
    })
    if (!written.ok) throw new Error(written.messages.join())
    const previews = await store.previewPackages([file(written.value, 'demo.zip')])
    expect(previews[0].messages).toEqual([])
    await store.acceptPackages(previews, [demo.fingerprint], operator)
    const current = store.currentOf(demo.id)
    if (!current) throw new Error('not stored')
    const content = await store.contentOf(current)
    if (!content.ok) throw new Error(content.messages.join())
    const again = snapshotOfContent(content.value)
    if (!again.ok) throw new Error(again.messages.join())
    expect([formatAmount(again.value.budget.unit.adjustedBudget), formatAmount(again.value.budget.unit.spent)]).toEqual(
      ['1493.25', '383.74'],
    )
    expect(again.value.indicatorCounts.level3).toBe(22)
    expect(formatAmount(store.totals.budget.spent)).toBe('383.74')
  })
})

describe('审核 and 回执', () => {
  it('退回 B with its 意见 and exports a 回执 signed by the 主管部门 that reads back 已退回 with the 意见', async () => {
    const store = await department()
    const figB = nodeFigures(b, FIGURES_B)
    await store.acceptPackages(
      await store.previewPackages([
        file(await submissionPackage(b, figB, { alerts: [alertOf(figB, 'yellow', '项目支出进度偏慢')] }), 'B.zip'),
      ]),
      [b.fingerprint],
      operator,
    )
    expect(
      await store.review('unit-b', '2021-06-30', { kind: 'return', opinion: '', reviewer: '王科长' }),
    ).toMatchObject({ ok: false })
    expect(await store.receiptBytes('unit-b', '2021-06-30')).toEqual({
      ok: false,
      messages: ['审核通过或退回后才能导出回执'],
    })
    expect(
      await store.review('unit-b', '2021-06-30', { kind: 'return', opinion: '请补充项目支出说明', reviewer: '王科长' }),
    ).toEqual({ ok: true })
    expect(store.reviewOf('unit-b').state).toBe('returned')

    const made = await store.receiptBytes('unit-b', '2021-06-30', () => new Date('2021-07-07T03:00:00.000Z'))
    if (!made.ok) throw new Error(made.messages.join())
    expect(made.value.fileName).toBe('回执_且末县水利局_2021年1-6月.zip')
    const read = await readPackage(made.value.bytes, { expectedKind: 'receipt' })
    if (!read.ok) throw new Error(read.messages.join())
    expect(read.value.manifest.unit).toEqual({ id: DEPT, name: '且末县财政局' })
    expect(read.value.fingerprint).toBe((await db.signingKeys.get(DEPT))?.fingerprint)
    // the unit's app reads it (docs/package-format.md §5.1)
    expect(parseReceiptContent(read.value.json['receipt.json']).ok).toBe(true)
    expect(read.value.json['receipt.json']).toMatchObject({
      unitId: 'unit-b',
      unitName: '且末县水利局',
      asOfDate: '2021-06-30',
      nodeId: 'unit-b-node-06',
      packageSha256: store.currentOf('unit-b')?.packageSha256,
      record: { state: 'returned', opinion: '请补充项目支出说明', reviewer: '王科长' },
    })
    expect((await store.loadAlerts()).map((r) => [r.unitName, r.alert.light, r.alert.message])).toEqual([
      ['且末县水利局', 'yellow', '项目支出进度偏慢'],
    ])
  })
})
