import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { listAudit } from '@/db/audit'
import { putExecutions } from '@/db/budget'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { putProject } from '@/db/projects'
import { getSettings, saveSettings } from '@/db/settings'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR } from '@/domain/demo/ids'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { draftReport } from '@/domain/report'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { getNode, putReadings } from '@/db/nodes'
import { freezeReport, getReport, saveReportEdits, submittedVersions, unlockReport } from '@/db/reports'
import { aDataset, aReading } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'
import { dec } from '../domain/factories'

const AT = '2021-07-05T08:30:00.000Z'
const MODEL = {
  version: 1,
  title: '且末县自然资源局整体支出绩效监控报告',
  blocks: [{ kind: 'paragraph', key: 'budget.overall', text: '预算执行率25.70%' }],
}

async function seeded() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset({ reports: [] }), { database }))
  return database
}

describe('report edits', () => {
  it('creates the report row on the first edit and replaces the edits afterwards', async () => {
    const database = await seeded()
    expect(await getReport('node-h1', { database })).toBeUndefined()
    expectOk(await saveReportEdits('node-h1', { suggestions: '建议一' }, { database }))
    const stored = expectOk(await saveReportEdits('node-h1', { suggestions: '建议二', other: '无。' }, { database }))
    expect(stored).toStrictEqual({
      nodeId: 'node-h1',
      edits: { suggestions: '建议二', other: '无。' },
      unlocks: [],
      updatedAt: AT,
    })
    expect(await getReport('node-h1', { database })).toStrictEqual(stored)
  })

  it('refuses edits for a node that does not exist', async () => {
    const database = await seeded()
    expect(expectFailure(await saveReportEdits('nope', {}, { database }))).toContain('找不到报告所属的监控节点')
  })
})

describe('定稿 and 解锁', () => {
  it('locks the node and stores the frozen model in one write', async () => {
    const database = await seeded()
    expectOk(await saveReportEdits('node-h1', { suggestions: '建议一' }, { database }))
    const { node, report } = expectOk(await freezeReport('node-h1', MODEL, { database }))
    expect(node.status).toBe('locked')
    expect((await getNode('node-h1', { database }))?.status).toBe('locked')
    expect(report).toStrictEqual({
      nodeId: 'node-h1',
      edits: { suggestions: '建议一' },
      unlocks: [],
      updatedAt: AT,
      frozen: { at: AT, model: MODEL },
    })
    expect(await getReport('node-h1', { database })).toStrictEqual(report)
  })

  it('makes the figures read-only: readings and report edits are refused after 定稿', async () => {
    const database = await seeded()
    expectOk(await freezeReport('node-h1', MODEL, { database }))
    const before = await snapshot(database)
    expect(expectFailure(await putReadings([aReading({ actualValue: '9' })], { database }))).toContain('已锁定')
    expect(expectFailure(await saveReportEdits('node-h1', { x: 'y' }, { database }))).toContain('已定稿')
    expect(expectFailure(await freezeReport('node-h1', MODEL, { database }))).toContain('不能重复定稿')
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('writes nothing when the model cannot be stored (the lock is not applied alone)', async () => {
    const database = await seeded()
    const before = await snapshot(database)
    expect(expectFailure(await freezeReport('node-h1', { when: new Date() }, { database }))).toContain('无法保存')
    expect(await snapshot(database)).toStrictEqual(before)
    expect((await getNode('node-h1', { database }))?.status).toBe('draft')
  })

  it('unlocks only with a reason, kept in the report and in the audit log', async () => {
    const database = await seeded()
    expectOk(await freezeReport('node-h1', MODEL, { database }))
    expect(expectFailure(await unlockReport('node-h1', '  ', { database }))).toContain('请填写解锁原因')
    const { node, report } = expectOk(await unlockReport('node-h1', '财政局退回，需更正执行数', { database }))
    expect(node.status).toBe('draft')
    expect(report.frozen).toBeUndefined()
    expect(report.unlocks).toStrictEqual([{ at: AT, reason: '财政局退回，需更正执行数' }])
    const audit = await listAudit({ limit: 10, database })
    const unlockAudit = audit.find((a) => a.table === 'reports')
    expect(unlockAudit?.after).toStrictEqual({ frozen: false, unlockReason: '财政局退回，需更正执行数' })
    // what was submitted is not thrown away: the unlock's audit row keeps the frozen model whole
    expect(unlockAudit?.before).toStrictEqual({ frozen: true, at: AT, model: MODEL })
    expect(expectFailure(await unlockReport('node-h1', '再次解锁的原因', { database }))).toContain('未定稿')
    expectOk(await saveReportEdits('node-h1', { other: '无。' }, { database }))
  })
})

describe('submitted versions after 解锁', () => {
  it('keeps every submitted model, oldest first, with when it was frozen and why it was unlocked', async () => {
    const database = await seeded()
    const second = { ...MODEL, blocks: [{ kind: 'paragraph', key: 'budget.overall', text: '预算执行率26.10%' }] }
    expect(await submittedVersions('node-h1', { database })).toStrictEqual([])
    expectOk(await freezeReport('node-h1', MODEL, { database }))
    expectOk(await unlockReport('node-h1', '财政局退回，需更正执行数', { database }))
    expectOk(await freezeReport('node-h1', second, { database }))
    expectOk(await unlockReport('node-h1', '补充偏差原因说明', { database }))
    expect(await submittedVersions('node-h1', { database })).toStrictEqual([
      { frozenAt: AT, unlockedAt: AT, reason: '财政局退回，需更正执行数', model: MODEL },
      { frozenAt: AT, unlockedAt: AT, reason: '补充偏差原因说明', model: second },
    ])
    expect(await submittedVersions('node-other', { database })).toStrictEqual([])
  })
})

describe('a submitted report cannot be changed by later edits elsewhere', () => {
  /** The report of the demo node (seed 001) drafted from what is stored now, as the report store drafts it. */
  async function draftFromStore(database: ReturnType<typeof freshDb>) {
    const dataset = await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database })
    if (!dataset) throw new Error('demo dataset missing')
    const settings = await getSettings({ database })
    const snap = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
    if (!snap.ok) throw new Error(snap.issues.map((i) => i.message).join('；'))
    const report = await getReport(DEMO_NODE_ID, { database })
    return {
      dataset,
      settings,
      model: draftReport({
        dataset,
        snapshot: snap.value,
        settings,
        reportDate: '2021-07-02',
        edits: report?.edits ?? {},
      }),
    }
  }

  it('keeps the frozen model byte-identical: a 执行数 and a project name are refused (domain-rules §12.3), a precision change does not reach it', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    const { dataset, model } = await draftFromStore(database)
    const overall = (m: typeof model) => m.blocks.find((b) => b.kind === 'paragraph' && b.key === 'budget.overall')
    expect(JSON.stringify(overall(model))).toContain('预算执行率25.70%')
    // stored the way the report store freezes it: the plain JSON of the model as shown
    expectOk(await freezeReport(DEMO_NODE_ID, JSON.parse(JSON.stringify(model)), { database }))
    const frozenBytes = JSON.stringify((await getReport(DEMO_NODE_ID, { database }))?.frozen)

    // 执行数 of the first budget line with spending in June: more spent
    const june = dataset.monthlyExecutions.find((e) => e.month === 6 && Number(e.spent) > 0)
    if (!june) throw new Error('demo has no June execution')
    expect(
      expectFailure(
        await putExecutions([{ ...june, spent: dec((Number(june.spent) + 100).toFixed(2)) }], { database }),
      ),
    ).toContain('已定稿')
    // the project renamed
    const project = dataset.projects[0]
    expect(
      expectFailure(await putProject({ ...project, name: '国有土地出让金评估项目（更名）' }, { database })),
    ).toContain('已定稿')
    // whole percents, like seed 001
    expectOk(await saveSettings({ ...(await getSettings({ database })), ratePrecision: 0 }, { database }))

    // the figures behind the report did not move: a draft made now still says 25.70% of the same project
    const redrafted = (await draftFromStore(database)).model
    expect(JSON.stringify(redrafted)).not.toContain('国有土地出让金评估项目（更名）')
    // … but the submitted report is exactly as frozen, and the node is still locked
    expect(JSON.stringify((await getReport(DEMO_NODE_ID, { database }))?.frozen)).toBe(frozenBytes)
    expect(JSON.stringify((await getReport(DEMO_NODE_ID, { database }))?.frozen?.model)).toBe(JSON.stringify(model))
    expect((await getNode(DEMO_NODE_ID, { database }))?.status).toBe('locked')
  })
})
