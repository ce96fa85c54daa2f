/**
 * 报送 and 回执 on the unit's side (docs/package-format.md, docs/domain-rules.md §17), on the app
 * database (fake-indexeddb): a node is 报送 only once 定稿; the 报送包 reads back with the reader the
 * 主管部门 uses and holds seed 001's 1-6月 figures (调整后预算 1,493.25, 执行数 383.74); a 退回 回执 unlocks
 * the node with the 意见 as the recorded reason; a 回执 failing any check changes nothing.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { freezeReport, getReport } from '@/db/reports'
import { listSentSubmissions } from '@/db/submissions'
import { DEMO_NODE_ID, DEMO_UNIT_ID } from '@/domain/demo/ids'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import type { ReviewRecord } from '@/domain/department'
import { receiptContentOf, type SubmissionNodePart } from '@/domain/submission'
import type { StoredReport, UnitYearDataset } from '@/domain/types'
import { generateSigningKeyPair, readPackage, writePackage } from '@/io/package'
import { checkReceipt, importReceipt, submitNode, type SubmitDone } from '@/stores/submission'
import { expectOk, snapshot } from '../db/helpers'
import { isoDate } from '../domain/factories'

const FROZEN_MODEL = { title: '且末县自然资源局2021年1-6月绩效监控报告', executionRate: '25.70%' }
const AT = new Date('2021-07-05T08:30:00.000Z')

async function demoLocked(): Promise<void> {
  expectOk(await saveUnitYear(qiemo2021Dataset()))
  expectOk(await freezeReport(DEMO_NODE_ID, FROZEN_MODEL))
}

async function submitted(): Promise<SubmitDone & { saved: string[] }> {
  const saved: string[] = []
  const done = await submitNode(DEMO_NODE_ID, { now: () => AT, save: (_bytes, name) => saved.push(name) })
  if (!done.ok) expect.fail(done.messages.join('；'))
  return { ...done.value, saved }
}

let department: CryptoKeyPair
async function receiptFile(
  record: Partial<ReviewRecord> & Pick<ReviewRecord, 'state'>,
  packageSha256: string,
  { keyPair = department, nodeId = DEMO_NODE_ID } = {},
): Promise<Uint8Array> {
  const full: ReviewRecord = {
    opinion: '',
    reviewer: '王科长',
    at: '2021-07-08T02:00:00.000Z',
    packageSha256,
    ...record,
  }
  const written = await writePackage({
    kind: 'receipt',
    unit: { id: 'dept-zrzyj', name: '且末县自然资源局（主管部门）' },
    year: 2021,
    node: { id: nodeId, label: '2021年1-6月' },
    createdAt: '2021-07-08T02:00:00.000Z',
    parts: {
      'receipt.json': receiptContentOf(
        { unitId: DEMO_UNIT_ID, unitName: '且末县自然资源局', asOfDate: isoDate('2021-06-30'), nodeId, packageSha256 },
        full,
      ),
    },
    keyPair,
  })
  if (!written.ok) expect.fail(written.messages.join('；'))
  return written.value
}

const asFile = (bytes: Uint8Array, name = '回执.zip') => new File([new Uint8Array(bytes)], name)

describe('报送 a 定稿 node', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
    department = await generateSigningKeyPair()
  })

  it('refuses a node that is not 定稿, and writes nothing', async () => {
    expectOk(await saveUnitYear(qiemo2021Dataset()))
    const before = await snapshot(db)
    const done = await submitNode(DEMO_NODE_ID, { save: () => expect.fail('nothing is saved') })
    expect(done).toEqual({
      ok: false,
      messages: ['监控节点“2021年1-6月”尚未定稿：请先在本页定稿，定稿后才能报送主管部门。'],
    })
    expect(await snapshot(db)).toStrictEqual(before)
  })

  it('writes a signed 报送包 that reads back with seed 001’s figures, the frozen report and the unit-year', async () => {
    await demoLocked()
    const { bytes, fileName, sent, saved } = await submitted()
    expect(fileName).toMatch(/^报送包_且末县自然资源局_2021年1-6月_2021070\d{5}\.zip$/)
    expect(saved).toEqual([fileName])

    const read = await readPackage(bytes, { expectedKind: 'submission' })
    if (!read.ok) expect.fail(read.messages.join('；'))
    const { manifest, json } = read.value
    expect(manifest.unit).toEqual({ id: DEMO_UNIT_ID, name: '且末县自然资源局' })
    expect(manifest.node).toEqual({ id: DEMO_NODE_ID, label: '2021年1-6月' })
    expect(manifest.createdAt).toBe('2021-07-05T08:30:00.000Z')

    const node = json['node.json'] as SubmissionNodePart
    expect(node.figures.budget.adjustedBudget).toBe('1493.25')
    expect(node.figures.budget.spent).toBe('383.74')
    expect(node.figures.timeProgress).toBe('0.5')
    expect(node.figures.asOfDate).toBe('2021-06-30')
    expect(node.figures.unitLight).toBe('red')
    expect(node.alerts.every((a) => a.nodeId === DEMO_NODE_ID)).toBe(true)
    expect(node.figures.alerts).toEqual({ red: 8, yellow: 1 })
    expect(node.alerts.map((a) => a.light)).toEqual(['red', 'red', 'red', 'yellow', 'red', 'red', 'red', 'red', 'red'])
    expect(node.alerts.find((a) => a.ruleId === 'budget.light')?.message).toContain('25.70%')

    const report = json['report.json'] as StoredReport
    expect(report.frozen?.model).toEqual(FROZEN_MODEL)
    const unitYear = json['unit-year.json'] as UnitYearDataset
    expect(unitYear.unit.name).toBe('且末县自然资源局')
    expect(unitYear.budgetLines).toHaveLength(5)
    expect(unitYear.indicators).toHaveLength(22)

    // recorded as sent: keyed by what was signed, naming the file
    expect(sent).toEqual({
      id: read.value.manifestSha256,
      unitId: DEMO_UNIT_ID,
      nodeId: DEMO_NODE_ID,
      createdAt: '2021-07-05T08:30:00.000Z',
      packageSha256: read.value.sha256,
      receipt: null,
    })
    expect(await listSentSubmissions(DEMO_UNIT_ID)).toEqual([sent])
  })
})

describe('导入回执', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
    department = await generateSigningKeyPair()
  })

  it('a 退回 unlocks the node with the 意见 as the recorded reason, and keeps the 回执 on the 报送', async () => {
    await demoLocked()
    const { sent } = await submitted()
    const file = await receiptFile({ state: 'returned', opinion: '6月执行数与国库数据不符' }, sent.packageSha256)
    const imported = await importReceipt(asFile(file), { now: () => new Date('2021-07-09T01:00:00.000Z') })
    if (!imported.ok) expect.fail(imported.messages.join('；'))
    expect(imported.value.firstContact).toBe(true)
    expect(imported.value.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/)
    expect(imported.value.decision).toBe('已退回（意见：6月执行数与国库数据不符）')

    expect((await db.nodes.get(DEMO_NODE_ID))?.status).toBe('draft')
    const report = await getReport(DEMO_NODE_ID)
    expect(report?.unlocks.map((u) => u.reason)).toEqual(['主管部门退回：6月执行数与国库数据不符'])
    expect(report?.frozen).toBeUndefined()
    const [row] = await listSentSubmissions(DEMO_UNIT_ID)
    expect(row.receipt?.record.state).toBe('returned')
    expect(row.receipt?.record.opinion).toBe('6月执行数与国库数据不符')
    expect(row.receipt?.departmentName).toBe('且末县自然资源局（主管部门）')
    expect(row.receipt?.fingerprint).toBe(imported.value.fingerprint)
    // the 解锁 is audited as any other, with the frozen report kept
    const audit = await db.auditLog.where('table').equals('reports').toArray()
    expect(audit.at(-1)?.after).toEqual({ frozen: false, unlockReason: '主管部门退回：6月执行数与国库数据不符' })

    // the same 回执 again changes nothing
    const before = await snapshot(db)
    const again = await importReceipt(asFile(file))
    expect(again.ok ? [] : again.messages).toEqual(['这份回执已于 2021年7月9日 09:00 导入过。本机数据未做任何改动。'])
    expect(await snapshot(db)).toStrictEqual(before)
  })

  it('a 通过 is recorded and the node stays 定稿', async () => {
    await demoLocked()
    const { sent } = await submitted()
    const imported = await importReceipt(asFile(await receiptFile({ state: 'approved' }, sent.packageSha256)))
    expect(imported.ok && imported.value.plan.effect).toBe('记录审核结果：已通过。')
    expect((await db.nodes.get(DEMO_NODE_ID))?.status).toBe('locked')
    expect((await listSentSubmissions(DEMO_UNIT_ID))[0].receipt?.record.state).toBe('approved')
  })

  it('a tampered 回执, one for a package not sent from here, and one signed by another key change nothing', async () => {
    await demoLocked()
    const { sent } = await submitted()
    const good = await receiptFile({ state: 'returned', opinion: '请补充偏差原因' }, sent.packageSha256)
    const before = await snapshot(db)

    // a 退回 turned into 通过 inside the zip: the part no longer matches the signed manifest
    const tampered = new Uint8Array(good)
    const text = new TextDecoder('latin1').decode(tampered)
    const at = text.indexOf('"returned"')
    expect(at).toBeGreaterThan(0)
    tampered[at + 1] = 'R'.charCodeAt(0)
    const refusedTampered = await importReceipt(asFile(tampered))
    expect(refusedTampered.ok ? [] : refusedTampered.messages).toEqual([
      '回执已损坏：receipt.json 的内容与压缩包记录的校验码不符。本机数据未做任何改动。',
    ])

    const other = await importReceipt(
      asFile(await receiptFile({ state: 'returned', opinion: '退回' }, 'ab'.repeat(32))),
    )
    expect(other.ok ? [] : other.messages).toEqual([
      '这份回执答复的报送包不是从本机报送的（“2021年1-6月”没有校验值相同的报送记录）。本机数据未做任何改动。',
    ])
    expect(await snapshot(db)).toStrictEqual(before)

    // first contact registers the 主管部门's key; a later 回执 by another key is refused
    expectOk(await importReceipt(asFile(await receiptFile({ state: 'approved' }, sent.packageSha256))))
    const after = await snapshot(db)
    const forged = await receiptFile(
      { state: 'returned', opinion: '伪造', at: '2021-07-10T02:00:00.000Z' },
      sent.packageSha256,
      { keyPair: await generateSigningKeyPair() },
    )
    const refusedForged = await checkReceipt(forged, '回执.zip')
    expect(refusedForged.ok ? [] : refusedForged.messages[0]).toMatch(/^该单位的签名密钥与登记的不一致/)
    expect(await snapshot(db)).toStrictEqual(after)
    expect((await db.nodes.get(DEMO_NODE_ID))?.status).toBe('locked')
  })
})
