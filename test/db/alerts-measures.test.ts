import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { deleteAlert, listAlerts, NO_LONGER_RAISED, putAlerts, replaceNodeAlerts, setAlertStatus } from '@/db/alerts'
import { saveUnitYear } from '@/db/datasets'
import { deleteMeasure, getMeasure, listMeasures, listUnitMeasures, putMeasure } from '@/db/measures'
import { aDataset, anAlert, aMeasure } from './fixtures'
import { expectFailure, expectOk, freshDb } from './helpers'

const lineAlert = anAlert({
  id: 'alert-line',
  ruleId: 'budget.executionProgress',
  subjectType: 'budgetLine',
  subjectId: 'line-land',
  light: 'yellow',
})

describe('alerts', () => {
  it('round-trips alerts with their thresholds and inputs', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ alerts: [], measures: [] }), { database }))
    expectOk(await putAlerts([anAlert(), lineAlert], { database }))
    expect(await listAlerts('node-h1', { database })).toStrictEqual([lineAlert, anAlert()])
  })

  it('closes with a reason and reopens without one', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(
      expectOk(await setAlertStatus('alert-budget', 'closed', { closedReason: '已调减预算', database })),
    ).toStrictEqual(anAlert({ status: 'closed', closedReason: '已调减预算' }))
    expect(expectOk(await setAlertStatus('alert-budget', 'open', { database }))).toStrictEqual(anAlert())
  })

  it('keeps id and status of an alert raised again, drops ones no longer raised', async () => {
    const database = freshDb()
    expectOk(
      await saveUnitYear(
        aDataset({ alerts: [anAlert({ status: 'closed', closedReason: '已说明' }), lineAlert], measures: [] }),
        { database },
      ),
    )
    const recomputed = anAlert({ id: 'fresh', message: '执行率26.00%，红色预警' })
    const stored = expectOk(await replaceNodeAlerts('node-h1', [recomputed], { database }))
    expect(stored).toStrictEqual([
      anAlert({ message: '执行率26.00%，红色预警', status: 'closed', closedReason: '已说明' }),
    ])
    expect(await listAlerts('node-h1', { database })).toStrictEqual(stored)
  })

  it('keeps, closed, an alert no longer raised that a measure refers to', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const stored = expectOk(await replaceNodeAlerts('node-h1', [lineAlert], { database }))
    expect(stored).toStrictEqual([lineAlert, anAlert({ status: 'closed', closedReason: NO_LONGER_RAISED })])
  })

  it('refuses to delete an alert a measure refers to', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(expectFailure(await deleteAlert('alert-budget', { database }))).toBe(
      '该预警已关联纠偏措施，不能删除，可将其关闭。',
    )
    expectOk(await deleteMeasure('measure-pay', { database }))
    expect(expectOk(await deleteAlert('alert-budget', { database }))).toStrictEqual(anAlert())
    expect(await listAlerts('node-h1', { database })).toEqual([])
  })
})

describe('corrective measures', () => {
  it('round-trips measures, taken before planned', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ measures: [] }), { database }))
    const taken = aMeasure({
      id: 'm-taken',
      kind: 'taken',
      content: '召开专题会议',
      effect: '明确责任分工',
      status: '已完成',
    })
    expectOk(await putMeasure(aMeasure(), { database }))
    expectOk(await putMeasure(taken, { database }))
    expect(await listMeasures('node-h1', { database })).toStrictEqual([taken, aMeasure()])
    expect((await listUnitMeasures('unit-qiemo', { database })).map((m) => m.id)).toEqual(['m-taken', 'measure-pay'])
    expect(await getMeasure('m-taken', { database })).toStrictEqual(taken)
  })

  it('refuses a measure of a node of another unit', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ measures: [] }), { database }))
    expect(expectFailure(await putMeasure(aMeasure({ unitId: 'unit-other' }), { database }))).toBe(
      '纠偏措施所属的监控节点不存在，本次保存未写入任何数据。',
    )
  })
})
