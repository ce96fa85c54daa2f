import { describe, expect, it } from 'vitest'
import {
  addCounts,
  alertsAbout,
  alertsAboutNote,
  countBudgetLine,
  countFrozenReports,
  countIndicator,
  countNode,
  countProject,
  countUnitYear,
  lossItems,
  lossSummary,
  noDataCounts,
} from '@/domain/dataLoss'
import { aDataset, aJudgement, aMeasure, aNode, anAlert, anExecution, aReading, aReport } from '../db/fixtures'

// the seed-001-like unit-year of the db fixtures, with a second node (2021年1-9月) holding one reading
const twoNodes = () =>
  aDataset({
    nodes: [aNode(), aNode({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })],
    readings: [
      aReading(),
      aReading({ id: 'reading-quality', indicatorId: 'ind-quality' }),
      aReading({ id: 'reading-q3', nodeId: 'node-q3' }),
    ],
    measures: [aMeasure(), aMeasure({ id: 'measure-q3', nodeId: 'node-q3' })],
    reports: [aReport({ frozen: { at: '2021-07-02T08:00:00.000Z', model: {} } }), aReport({ nodeId: 'node-q3' })],
  })

describe('what a destructive action would remove', () => {
  it('counts every row of a unit-year, kind by kind', () => {
    expect(countUnitYear(twoNodes())).toStrictEqual({
      projects: 1,
      budgetLines: 2,
      monthlyExecutions: 3,
      targets: 1,
      indicators: 2,
      nodes: 2,
      readings: 3,
      budgetJudgements: 1,
      alerts: 1,
      measures: 2,
      reports: 2,
      managementInputs: 0,
      // held by the unit, not by a year: a unit-year never holds them
      sentSubmissions: 0,
      subordinates: 0,
      unitKeys: 0,
      submissions: 0,
      reviews: 0,
      departmentReports: 0,
    })
  })

  it('counts only what hangs off the node being deleted', () => {
    expect(countNode(twoNodes(), 'node-h1')).toStrictEqual({
      ...noDataCounts(),
      nodes: 1,
      readings: 2,
      budgetJudgements: 1,
      alerts: 1,
      measures: 1,
      reports: 1,
    })
    expect(countNode(twoNodes(), 'node-q3')).toStrictEqual({
      ...noDataCounts(),
      nodes: 1,
      readings: 1,
      measures: 1,
      reports: 1,
    })
    expect(countNode(twoNodes(), 'nope')).toStrictEqual(noDataCounts())
  })

  it('counts 定稿 reports apart, for the whole unit-year or one node', () => {
    expect(countFrozenReports(twoNodes())).toBe(1)
    expect(countFrozenReports(twoNodes(), 'node-h1')).toBe(1)
    expect(countFrozenReports(twoNodes(), 'node-q3')).toBe(0)
  })

  it('adds the years of a unit kind by kind', () => {
    const year = countUnitYear(twoNodes())
    const sum = addCounts(year, year)
    expect(sum.monthlyExecutions).toBe(6)
    expect(sum.reports).toBe(4)
    expect(addCounts(noDataCounts(), year)).toStrictEqual(year)
  })

  it('names the loss in Chinese with measure words, leaving out kinds with no rows', () => {
    const counts = countNode(twoNodes(), 'node-q3')
    expect(lossItems(counts).map((i) => i.text)).toStrictEqual([
      '监控节点 1 个',
      '指标填报 1 条',
      '纠偏措施 1 条',
      '监控报告 1 份',
    ])
    expect(lossSummary(countUnitYear(twoNodes()))).toBe(
      '项目 1 个、预算行 2 条、月度执行数 3 条、绩效目标 1 个、三级指标 2 个、监控节点 2 个、指标填报 3 条、预算研判 1 条、预警 1 条、纠偏措施 2 条、监控报告 2 份',
    )
    expect(lossSummary(noDataCounts())).toBe('（没有其他数据）')
  })
})

/** twoNodes plus alerts about 工资福利支出 and 用地初审 at both nodes, one reviewed, one with a measure. */
const withAlerts = () => {
  const base = twoNodes()
  return {
    ...base,
    monthlyExecutions: [...base.monthlyExecutions, anExecution({ id: 'exec-salary-9', month: 9 })],
    budgetJudgements: [...base.budgetJudgements, aJudgement({ id: 'judge-salary-q3', nodeId: 'node-q3' })],
    alerts: [
      ...base.alerts,
      anAlert({
        id: 'alert-line-h1',
        ruleId: 'budget.impossible',
        subjectType: 'budgetLine',
        subjectId: 'line-salary',
      }),
      anAlert({
        id: 'alert-line-q3',
        nodeId: 'node-q3',
        ruleId: 'budget.impossible',
        subjectType: 'budgetLine',
        subjectId: 'line-salary',
        history: [{ at: '2021-10-01T08:00:00.000Z', by: '张三', kind: 'comment', text: '请说明原因' }],
      }),
      anAlert({ id: 'alert-ind-h1', ruleId: 'indicator.light', subjectType: 'indicator', subjectId: 'ind-review' }),
    ],
    measures: [
      ...base.measures,
      aMeasure({ id: 'measure-ind', alertId: 'alert-ind-h1' }),
      aMeasure({ id: 'measure-ind-2', alertId: 'alert-ind-h1' }),
    ],
  }
}

describe('what deleting a budget line, an indicator or a project would remove', () => {
  it('counts a budget line with its 月度执行数 and 预算研判 at every node, nothing else', () => {
    expect(countBudgetLine(withAlerts(), 'line-salary')).toStrictEqual({
      ...noDataCounts(),
      budgetLines: 1,
      monthlyExecutions: 3,
      budgetJudgements: 2,
    })
    expect(countBudgetLine(withAlerts(), 'line-land')).toStrictEqual({
      ...noDataCounts(),
      budgetLines: 1,
      monthlyExecutions: 1,
    })
    expect(countBudgetLine(withAlerts(), 'nope')).toStrictEqual(noDataCounts())
  })

  it('counts an indicator with its 指标填报 at every node, nothing else', () => {
    expect(countIndicator(withAlerts(), 'ind-review')).toStrictEqual({ ...noDataCounts(), indicators: 1, readings: 2 })
    expect(countIndicator(withAlerts(), 'ind-quality')).toStrictEqual({ ...noDataCounts(), indicators: 1, readings: 1 })
    expect(countIndicator(withAlerts(), 'nope')).toStrictEqual(noDataCounts())
  })

  it('counts an (empty) project as the project row alone', () => {
    expect(countProject(withAlerts(), 'proj-land')).toStrictEqual({ ...noDataCounts(), projects: 1 })
    expect(countProject(withAlerts(), 'nope')).toStrictEqual(noDataCounts())
  })

  it('counts the alerts about the subject at every node, their review history and the measures that keep them', () => {
    expect(alertsAbout(withAlerts(), { type: 'budgetLine', id: 'line-salary' })).toStrictEqual({
      alerts: 2,
      reviewed: 1,
      keptForMeasures: 0,
      measures: 0,
    })
    expect(alertsAbout(withAlerts(), { type: 'indicator', id: 'ind-review' })).toStrictEqual({
      alerts: 1,
      reviewed: 0,
      keptForMeasures: 1,
      measures: 2,
    })
    expect(alertsAbout(withAlerts(), { type: 'indicator', id: 'ind-quality' })).toStrictEqual({
      alerts: 0,
      reviewed: 0,
      keptForMeasures: 0,
      measures: 0,
    })
  })

  it('adds the alerts raised now at the shown node that are not stored yet, each once', () => {
    const raisedNow = [
      // stored already (same node, rule and subject; the stored id wins)
      anAlert({
        id: 'alert:node-h1:budget.impossible:line-salary',
        ruleId: 'budget.impossible',
        subjectType: 'budgetLine',
        subjectId: 'line-salary',
      }),
      // not stored yet
      anAlert({
        id: 'alert:node-h1:data.unallocatedSpend:line-salary',
        ruleId: 'data.unallocatedSpend',
        subjectType: 'budgetLine',
        subjectId: 'line-salary',
      }),
      // about something else
      anAlert({
        id: 'alert:node-h1:indicator.light:ind-quality',
        ruleId: 'indicator.light',
        subjectType: 'indicator',
        subjectId: 'ind-quality',
      }),
    ]
    expect(alertsAbout(withAlerts(), { type: 'budgetLine', id: 'line-salary' }, raisedNow).alerts).toBe(3)
    expect(alertsAbout(withAlerts(), { type: 'indicator', id: 'ind-quality' }, raisedNow).alerts).toBe(1)
  })

  it('says in one sentence what happens to those alerts', () => {
    expect(alertsAboutNote(alertsAbout(withAlerts(), { type: 'budgetLine', id: 'line-salary' }))).toBe(
      '关于它的预警 2 条将不再出现；其中 1 条已有的批示、关闭记录随之删除。',
    )
    expect(alertsAboutNote(alertsAbout(withAlerts(), { type: 'indicator', id: 'ind-review' }))).toBe(
      '关于它的预警 1 条将不再出现；已关联纠偏措施的 1 条预警保留为已关闭，2 条纠偏措施不删除。',
    )
    expect(alertsAboutNote(alertsAbout(withAlerts(), { type: 'indicator', id: 'ind-quality' }))).toBe('')
  })
})
