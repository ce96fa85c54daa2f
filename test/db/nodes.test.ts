import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import {
  copyForward,
  deleteNode,
  getNode,
  listBudgetJudgements,
  listNodes,
  listReadings,
  putBudgetJudgements,
  putNode,
  putReadings,
} from '@/db/nodes'
import { listAudit } from '@/db/audit'
import { viewKey } from '@/db/viewCache'
import type { DecimalString } from '@/domain/types'
import { aDataset, aJudgement, aNode, aReading, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

describe('nodes', () => {
  it('lists nodes of a unit-year by date', async () => {
    const database = freshDb()
    expectOk(await putNode(aNode({ id: 'n7', asOfDate: '2021-07-31', label: '2021年1-7月' }), { database }))
    expectOk(await putNode(aNode(), { database }))
    expect((await listNodes('unit-qiemo', YEAR, { database })).map((n) => n.label)).toEqual([
      '2021年1-6月',
      '2021年1-7月',
    ])
  })

  it('deletes a node with its readings, judgements, alerts and measures', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    // the overview worker's kept views of this node and of another: only this node's goes
    const view = { stamp: '1:1', settingsKey: '{}', build: 'test', view: {} }
    await database.overviewViews.bulkPut([
      { ...view, key: viewKey('unit-qiemo', YEAR, 'node-h1'), unitId: 'unit-qiemo', year: YEAR, nodeId: 'node-h1' },
      { ...view, key: viewKey('unit-qiemo', YEAR, 'node-q3'), unitId: 'unit-qiemo', year: YEAR, nodeId: 'node-q3' },
    ])
    const removed = expectOk(await deleteNode('node-h1', { database }))
    expect(removed).toMatchObject({ readings: 2, budgetJudgements: 1, alerts: 1, measures: 1, reports: 1 })
    expect(await getNode('node-h1', { database })).toBeUndefined()
    expect(await database.readings.count()).toBe(0)
    expect(await database.overviewViews.toCollection().primaryKeys()).toEqual([viewKey('unit-qiemo', YEAR, 'node-q3')])
  })
})

describe('readings and judgements', () => {
  it('refuses a reading whose value is text, naming the indicator, and writes nothing', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ readings: [] }), { database }))
    const result = await putReadings(
      [aReading({ id: 'ok', actualValue: '8' }), aReading({ id: 'text', actualValue: '约十个' as DecimalString })],
      { database },
    )
    expect(result.ok ? [] : result.messages).toEqual([
      '“用地初审”的实际完成值「约十个」不是有效数字，本次保存未写入任何数据。',
    ])
    expect(await database.readings.count()).toBe(0)
  })

  it('round-trips readings and updates by (node, indicator) whatever the id', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ readings: [] }), { database }))
    expectOk(await putReadings([aReading()], { database }))
    const stored = expectOk(
      await putReadings(
        [aReading({ id: 'new-id', actualValue: '8', deviationCauses: ['人员保障'], deviationText: '人员不足' })],
        { database },
      ),
    )
    expect(stored[0].id).toBe('reading-review')
    expect(await listReadings('node-h1', { database })).toStrictEqual([
      aReading({ actualValue: '8', deviationCauses: ['人员保障'], deviationText: '人员不足' }),
    ])
  })

  it('round-trips budget judgements', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ budgetJudgements: [] }), { database }))
    expectOk(await putBudgetJudgements([aJudgement()], { database }))
    expect(await listBudgetJudgements('node-h1', { database })).toStrictEqual([aJudgement()])
  })

  it('refuses to change readings of a locked node and writes nothing', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ nodes: [aNode({ status: 'locked' })] }), { database }))
    const before = await snapshot(database)
    expect(expectFailure(await putReadings([aReading({ actualValue: '9' })], { database }))).toBe(
      '监控节点“2021年1-6月”已定稿（已锁定），修改指标填报会改变其已定稿报告中的数字。如确需修改，请先在「数据管理 › 监控节点」中解锁（须填写原因），本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })
})

describe('copyForward', () => {
  it('creates the next node pre-filled with the previous readings and judgements', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const node = expectOk(await copyForward('node-h1', '2021-07-31', '2021年1-7月', { database }))
    expect(node).toMatchObject({
      unitId: 'unit-qiemo',
      year: YEAR,
      asOfDate: '2021-07-31',
      label: '2021年1-7月',
      status: 'draft',
    })
    expect(node.id).not.toBe('node-h1')

    const copied = await listReadings(node.id, { database })
    const strip = <T extends { id: string; nodeId: string }>({ id: _id, nodeId: _node, ...rest }: T) => rest
    // copied, and marked 沿用 (carried from node-h1) until the user confirms or edits them
    expect(copied.map(strip)).toEqual(
      (await listReadings('node-h1', { database })).map((r) => ({ ...strip(r), carriedFrom: 'node-h1' })),
    )
    expect(copied.every((r) => r.nodeId === node.id && !r.id.startsWith('reading-'))).toBe(true)
    expect((await listBudgetJudgements(node.id, { database })).map(strip)).toEqual([
      { ...strip(aJudgement()), carriedFrom: 'node-h1' },
    ])
    expect(await database.measures.where('nodeId').equals(node.id).count()).toBe(0)
    expect((await listAudit({ limit: 2, database })).map((a) => a.table)).toEqual(['readings', 'nodes'])
  })

  it('refuses a date outside the node year or not after the previous node', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(expectFailure(await copyForward('node-h1', '2022-01-31', '2022年1月', { database }))).toBe(
      '新节点日期须为 2021 年内的日期（如 2021-07-31）。',
    )
    expect(expectFailure(await copyForward('node-h1', '2021-05-31', '2021年1-5月', { database }))).toBe(
      '新节点日期须晚于“2021年1-6月”的 2021-06-30。',
    )
    expect(await database.nodes.count()).toBe(1)
  })

  it('refuses a second node on the same date', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expectOk(await copyForward('node-h1', '2021-07-31', '2021年1-7月', { database }))
    expect(expectFailure(await copyForward('node-h1', '2021-07-31', '重复', { database }))).toBe(
      '2021-07-31 的监控节点已存在。',
    )
  })
})
