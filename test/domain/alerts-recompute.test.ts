/**
 * Recomputing a node's alerts is idempotent and keeps the review (批示, 指派, 关闭) of alerts that
 * still apply — on the seed 001 demo, stored through db/alerts on fake-indexeddb.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { addAlertComment, closeAlert, listAlerts, replaceNodeAlerts, reopenAlert } from '@/db/alerts'
import { saveUnitYear } from '@/db/datasets'
import {
  assignMeasure,
  getMeasureTemplates,
  listMeasures,
  resetMeasureTemplates,
  saveMeasureTemplates,
} from '@/db/measures'
import { computeNodeAlerts } from '@/domain/alerts'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID, DEMO_UNIT_ID } from '@/domain/demo/ids'
import { DEFAULT_MEASURE_TEMPLATES } from '@/domain/measureTemplates'
import type { Alert, UnitYearDataset } from '@/domain/types'
import { expectFailure, expectOk, freshDb } from '../db/helpers'

function alertsOf(dataset: UnitYearDataset): Alert[] {
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings: defaultSettings() })
  if (!snapshot.ok) throw new Error('snapshot failed')
  return computeNodeAlerts({ dataset, snapshot: snapshot.value, settings: defaultSettings() })
}

const budgetId = `alert:${DEMO_NODE_ID}:budget.light:${DEMO_UNIT_ID}`

describe('recomputing the demo node', () => {
  it('stores the same alerts however often it runs', async () => {
    const database = freshDb()
    const dataset = qiemo2021Dataset()
    expectOk(await saveUnitYear(dataset, { database }))
    const first = expectOk(await replaceNodeAlerts(DEMO_NODE_ID, alertsOf(dataset), { database }))
    const second = expectOk(await replaceNodeAlerts(DEMO_NODE_ID, alertsOf(dataset), { database }))
    expect(second).toStrictEqual(first)
    expect(await listAlerts(DEMO_NODE_ID, { database })).toHaveLength(9)
  })

  it('keeps 批示, 指派 and 关闭 with name and time through a recompute', async () => {
    const database = freshDb()
    const dataset = qiemo2021Dataset()
    expectOk(await saveUnitYear(dataset, { database }))
    expectOk(await replaceNodeAlerts(DEMO_NODE_ID, alertsOf(dataset), { database }))

    expectOk(await addAlertComment(budgetId, '才茨柯', '三季度前执行率须达到序时进度', { database }))
    const assigned = expectOk(
      await assignMeasure(
        budgetId,
        {
          id: 'measure-new',
          unitId: DEMO_UNIT_ID,
          nodeId: DEMO_NODE_ID,
          kind: 'planned',
          status: '计划',
          content: '加快国有土地出让金评估项目支付',
          effect: '9月底执行率达到75%',
          department: '自然资源利用和用途管制科',
          deadline: '2021-09-30',
        },
        '才茨柯',
        { database },
      ),
    )
    expect(assigned.measure.alertId).toBe(budgetId)
    const projectAlert = `alert:${DEMO_NODE_ID}:budget.projectLight:demo-qiemo-2021-project-pgxm`
    const all = await listAlerts(DEMO_NODE_ID, { database })
    const project = all.find((a) => a.ruleId === 'budget.projectLight')
    if (!project) throw new Error('no project alert')
    expect(project.id === projectAlert || project.id.startsWith(`alert:${DEMO_NODE_ID}:budget.projectLight:`)).toBe(
      true,
    )
    expectOk(await closeAlert(project.id, '姜西军', '评估业务集中在下半年，已说明', { database }))

    // recompute twice: nothing of the review is lost
    expectOk(await replaceNodeAlerts(DEMO_NODE_ID, alertsOf(dataset), { database }))
    const after = await listAlerts(DEMO_NODE_ID, { database })
    const budget = after.find((a) => a.id === budgetId)
    expect(budget?.history).toStrictEqual([
      { at: '2021-07-05T08:30:00.000Z', by: '才茨柯', kind: 'comment', text: '三季度前执行率须达到序时进度' },
      {
        at: '2021-07-05T08:30:00.000Z',
        by: '才茨柯',
        kind: 'assign',
        measureId: 'measure-new',
        text: '指派自然资源利用和用途管制科：加快国有土地出让金评估项目支付（期限2021-09-30）',
      },
    ])
    expect(budget?.message).toBe('执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警')
    const closed = after.find((a) => a.id === project.id)
    expect(closed).toMatchObject({ status: 'closed', closedReason: '评估业务集中在下半年，已说明' })
    expect(closed?.history?.map((e) => `${e.kind} ${e.by}`)).toStrictEqual(['close 姜西军'])
    expect((await listMeasures(DEMO_NODE_ID, { database })).map((m) => m.id)).toContain('measure-new')

    const reopened = expectOk(await reopenAlert(project.id, '姜西军', '', { database }))
    expect(reopened.status).toBe('open')
    expect(reopened.closedReason).toBeUndefined()
    expect(reopened.history).toHaveLength(2)
  })

  it('refuses a review without a name, a comment without text and a close without reason', async () => {
    const database = freshDb()
    const dataset = qiemo2021Dataset()
    expectOk(await saveUnitYear(dataset, { database }))
    expectOk(await replaceNodeAlerts(DEMO_NODE_ID, alertsOf(dataset), { database }))
    expect(expectFailure(await addAlertComment(budgetId, ' ', '加快', { database }))).toBe(
      '请填写批示人（或操作人）姓名。',
    )
    expect(expectFailure(await addAlertComment(budgetId, '才茨柯', '', { database }))).toBe('批示内容不能为空。')
    expect(expectFailure(await closeAlert(budgetId, '才茨柯', ' ', { database }))).toBe('关闭预警须填写原因。')
    expect(
      expectFailure(
        await assignMeasure(
          budgetId,
          {
            id: 'm',
            unitId: DEMO_UNIT_ID,
            nodeId: DEMO_NODE_ID,
            kind: 'planned',
            status: '计划',
            content: '加快',
            effect: '',
            department: '',
          },
          '才茨柯',
          { database },
        ),
      ),
    ).toBe('请选择责任科室。')
    expect((await listAlerts(DEMO_NODE_ID, { database })).find((a) => a.id === budgetId)?.history).toBeUndefined()
  })
})

describe('measure templates', () => {
  it('defaults until saved, keeps what the user adds, and resets', async () => {
    const database = freshDb()
    expect(await getMeasureTemplates({ database })).toStrictEqual(DEFAULT_MEASURE_TEMPLATES)
    const extended = [
      ...DEFAULT_MEASURE_TEMPLATES,
      { id: 'mine', cause: '经费保障' as const, content: ' 申请追加预算 ', effect: '保障资金' },
    ]
    expectOk(await saveMeasureTemplates(extended, { database }))
    expect((await getMeasureTemplates({ database })).at(-1)).toStrictEqual({
      id: 'mine',
      cause: '经费保障',
      content: '申请追加预算',
      effect: '保障资金',
    })
    expect(
      expectFailure(
        await saveMeasureTemplates([{ id: 'x', cause: '经费保障', content: '', effect: '' }], { database }),
      ),
    ).toBe('第1条模板的措施内容不能为空')
    expectOk(await resetMeasureTemplates({ database }))
    expect(await getMeasureTemplates({ database })).toStrictEqual(DEFAULT_MEASURE_TEMPLATES)
  })
})
