import { describe, expect, it } from 'vitest'
import { addCounts, countFrozenReports, countNode, countUnitYear, lossItems, lossSummary, noDataCounts } from '@/domain/dataLoss'
import { aDataset, aMeasure, aNode, aReading, aReport } from '../db/fixtures'

// the seed-001-like unit-year of the db fixtures, with a second node (2021年1-9月) holding one reading
const twoNodes = () => aDataset({
  nodes: [aNode(), aNode({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })],
  readings: [aReading(), aReading({ id: 'reading-quality', indicatorId: 'ind-quality' }), aReading({ id: 'reading-q3', nodeId: 'node-q3' })],
  measures: [aMeasure(), aMeasure({ id: 'measure-q3', nodeId: 'node-q3' })],
  reports: [aReport({ frozen: { at: '2021-07-02T08:00:00.000Z', model: {} } }), aReport({ nodeId: 'node-q3' })],
})

describe('what a destructive action would remove', () => {
  it('counts every row of a unit-year, kind by kind', () => {
    expect(countUnitYear(twoNodes())).toStrictEqual({
      projects: 1, budgetLines: 2, monthlyExecutions: 3, targets: 1, indicators: 2,
      nodes: 2, readings: 3, budgetJudgements: 1, alerts: 1, measures: 2, reports: 2,
    })
  })

  it('counts only what hangs off the node being deleted', () => {
    expect(countNode(twoNodes(), 'node-h1')).toStrictEqual({
      ...noDataCounts(), nodes: 1, readings: 2, budgetJudgements: 1, alerts: 1, measures: 1, reports: 1,
    })
    expect(countNode(twoNodes(), 'node-q3')).toStrictEqual({ ...noDataCounts(), nodes: 1, readings: 1, measures: 1, reports: 1 })
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
    expect(lossItems(counts).map((i) => i.text)).toStrictEqual(['监控节点 1 个', '指标填报 1 条', '纠偏措施 1 条', '监控报告 1 份'])
    expect(lossSummary(countUnitYear(twoNodes()))).toBe(
      '项目 1 个、预算行 2 条、月度执行数 3 条、绩效目标 1 个、三级指标 2 个、监控节点 2 个、指标填报 3 条、预算研判 1 条、预警 1 条、纠偏措施 2 条、监控报告 2 份',
    )
    expect(lossSummary(noDataCounts())).toBe('（没有其他数据）')
  })
})
