/**
 * What 定稿 waits for (docs/domain-rules.md §12.1, §4.5), on seed 001's demo
 * (且末县自然资源局 2021: 1-6月 执行数 383.74 of 1493.25, every line entered January to June; 办理建设项目用地
 * 初审 ≥15 个, 7 at 1-6月) and a 1-7月 node copied forward from it.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_NODE_ID, qiemo2021Dataset } from '../../../src/domain/demo/qiemo2021'
import { checksRefusal, noNewSpendingEntries, reportChecks } from '../../../src/domain/report'
import type { UnitYearDataset } from '../../../src/domain/types'
import { demoWithJuly, JULY_NODE_ID, snapshotOf } from './julyNode'

const checksAt = (dataset: UnitYearDataset, nodeId: string) =>
  reportChecks({ dataset, snapshot: snapshotOf(dataset, nodeId) })

/** 「确认本月无新增支出」 as the store writes it: the entries, each with an id. */
function confirmNoNewSpending(dataset: UnitYearDataset, nodeId: string): void {
  const rows = noNewSpendingEntries({ dataset, snapshot: snapshotOf(dataset, nodeId) })
  dataset.monthlyExecutions.push(...rows.map((row, i) => ({ ...row, id: `no-new-${i}` })))
}

const JULY_UNREPORTED =
  '5 个预算行未填报7月：工资福利支出、车辆运行维护费、基本公用经费、驻村、管寺生活补助、国有土地出让金评估项目（按截至6月的数计）'

describe('reportChecks', () => {
  it('finds nothing to settle at the demo’s 1-6月: all 5 lines entered June (383.74 of 1493.25), no reading carried', () => {
    const dataset = qiemo2021Dataset()
    expect(snapshotOf(dataset, DEMO_NODE_ID).budget.unit.spent.toFixed(2)).toBe('383.74')
    expect(checksAt(dataset, DEMO_NODE_ID)).toEqual([])
  })

  it('at a copied 1-7月 names the 5 lines without July figures and the 22 readings carried from 1-6月', () => {
    const checks = checksAt(demoWithJuly(), JULY_NODE_ID)
    expect(checks.map((c) => c.kind)).toEqual(['unreportedLines', 'carriedReadings'])
    expect(checks[0].message).toBe(JULY_UNREPORTED)
    expect(checks[0].subjects).toHaveLength(5)
    expect(checks[0].action).toContain('确认本月无新增支出')
    expect(checks[1].message).toBe('22 个指标的填报沿用自“2021年1-6月”，尚未确认')
    expect(checks[1].detail).toBe(
      '办理建设项目用地初审、新增建设用地报批、开展及红枣培训会议次数、挂牌出让土地、闲置土地清理、审批国有土地使用权转让、' +
        '完成土地出让成交价款、国有建设用地和国有农用地评估率、土地报批程序合规通过率、社保费、工资发放及时率 等 22 个',
    )
    expect(checks[1].action).toContain('指标填报')
    expect(checksRefusal(checks)).toBe(
      `定稿前请先处理以下 2 项：1、${JULY_UNREPORTED}；2、22 个指标的填报沿用自“2021年1-6月”，尚未确认。`,
    )
  })

  it('「确认本月无新增支出」 stores June’s cumulative figures as July’s: 执行数 stays 383.74 and the check clears', () => {
    const dataset = demoWithJuly()
    const entries = noNewSpendingEntries({ dataset, snapshot: snapshotOf(dataset, JULY_NODE_ID) })
    expect(entries).toEqual([
      { budgetLineId: 'demo-bl-gzfl', year: 2021, month: 7, allocated: '324.88', spent: '324.88' },
      { budgetLineId: 'demo-bl-clyx', year: 2021, month: 7, allocated: '15.95', spent: '15.95' },
      { budgetLineId: 'demo-bl-jbgy', year: 2021, month: 7, allocated: '42.91', spent: '42.91' },
      { budgetLineId: 'demo-bl-zcgs', year: 2021, month: 7, allocated: '0', spent: '0' },
      { budgetLineId: 'demo-bl-pgxm', year: 2021, month: 7, allocated: '0', spent: '0' },
    ])
    confirmNoNewSpending(dataset, JULY_NODE_ID)
    const july = snapshotOf(dataset, JULY_NODE_ID)
    expect(july.unreportedLines).toEqual([])
    expect(july.budget.unit.spent.toFixed(2)).toBe('383.74')
    expect(july.budget.unit.adjustedBudget.toFixed(2)).toBe('1493.25')
    expect(checksAt(dataset, JULY_NODE_ID).map((c) => c.kind)).toEqual(['carriedReadings'])
  })

  it('names only the lines still missing July, and a line never entered confirms at 0', () => {
    const dataset = demoWithJuly()
    // 工资福利支出 and 车辆运行维护费 entered July; 驻村、管寺生活补助 has no entry at all this year
    dataset.monthlyExecutions.push(
      { id: 'gzfl-7', budgetLineId: 'demo-bl-gzfl', year: 2021, month: 7, allocated: '379.00', spent: '379.00' },
      { id: 'clyx-7', budgetLineId: 'demo-bl-clyx', year: 2021, month: 7, allocated: '18.60', spent: '18.60' },
    )
    dataset.monthlyExecutions = dataset.monthlyExecutions.filter((e) => e.budgetLineId !== 'demo-bl-zcgs')
    const [unreported] = checksAt(dataset, JULY_NODE_ID)
    expect(unreported.message).toBe(
      '3 个预算行未填报7月：基本公用经费、驻村、管寺生活补助、国有土地出让金评估项目（2 个按截至6月的数计，1 个尚无填报、未计入）',
    )
    expect(
      noNewSpendingEntries({ dataset, snapshot: snapshotOf(dataset, JULY_NODE_ID) }).find(
        (e) => e.budgetLineId === 'demo-bl-zcgs',
      ),
    ).toEqual({ budgetLineId: 'demo-bl-zcgs', year: 2021, month: 7, allocated: '0', spent: '0' })
  })

  it('clears the carried check once every reading is confirmed or edited at 1-7月', () => {
    const dataset = demoWithJuly()
    confirmNoNewSpending(dataset, JULY_NODE_ID)
    // 办理建设项目用地初审 edited to 9 at July, the other 21 confirmed (the mark dropped, as 指标填报 saves them)
    const july = dataset.readings.filter((r) => r.nodeId === JULY_NODE_ID)
    for (const r of july.slice(1)) delete r.carriedFrom
    expect(checksAt(dataset, JULY_NODE_ID).map((c) => [c.message, c.detail])).toEqual([
      ['1 个指标的填报沿用自“2021年1-6月”，尚未确认', '办理建设项目用地初审'],
    ])
    july[0].actualValue = '9'
    delete july[0].carriedFrom
    expect(checksAt(dataset, JULY_NODE_ID)).toEqual([])
  })

  it('lists 预算研判 carried from 1-6月 until they are saved at 1-7月', () => {
    const dataset = demoWithJuly()
    confirmNoNewSpending(dataset, JULY_NODE_ID)
    for (const r of dataset.readings) delete r.carriedFrom
    // the e2e's 工资福利支出 judgement at 1-6月 (全年预计 1129.83), copied forward
    dataset.budgetJudgements.push(
      {
        id: 'j6',
        nodeId: DEMO_NODE_ID,
        budgetLineId: 'demo-bl-gzfl',
        yearEndForecast: '1129.83',
        likelihood: '确定能',
        deviationCauses: ['其他'],
        deviationText: '绩效工资和年终奖励集中在下半年发放',
      },
      {
        id: 'j7',
        nodeId: JULY_NODE_ID,
        budgetLineId: 'demo-bl-gzfl',
        yearEndForecast: '1129.83',
        likelihood: '确定能',
        deviationCauses: ['其他'],
        deviationText: '绩效工资和年终奖励集中在下半年发放',
        carriedFrom: DEMO_NODE_ID,
      },
    )
    const checks = checksAt(dataset, JULY_NODE_ID)
    expect(checks.map((c) => [c.kind, c.message, c.detail])).toEqual([
      ['carriedJudgements', '1 个预算行的研判沿用自“2021年1-6月”，尚未确认', '工资福利支出'],
    ])
    expect(checksRefusal(checks)).toBe('定稿前请先处理：1 个预算行的研判沿用自“2021年1-6月”，尚未确认。')
    // the 1-6月 judgement is June's own: it never blocks June
    expect(checksAt(dataset, DEMO_NODE_ID)).toEqual([])
  })

  it('names each node readings were carried from when a node copies a copy', () => {
    const dataset = demoWithJuly()
    confirmNoNewSpending(dataset, JULY_NODE_ID)
    const july = dataset.readings.filter((r) => r.nodeId === JULY_NODE_ID)
    // 1-7月's own reading of 办理建设项目用地初审, the rest still June's, all copied to a 1-8月 node
    delete july[0].carriedFrom
    dataset.nodes.push({ ...dataset.nodes[0], id: 'node-08', asOfDate: '2021-08-31', label: '2021年1-8月' })
    dataset.readings.push(
      ...july.map((r) => ({ ...r, id: `${r.id}-08`, nodeId: 'node-08', carriedFrom: r.carriedFrom ?? JULY_NODE_ID })),
    )
    dataset.monthlyExecutions.push(
      ...dataset.monthlyExecutions
        .filter((e) => e.month === 7)
        .map((e) => ({ ...e, id: `${e.id}-8`, month: 8 as const })),
    )
    expect(checksAt(dataset, 'node-08').map((c) => c.message)).toEqual([
      '22 个指标的填报沿用自“2021年1-7月”“2021年1-6月”，尚未确认',
    ])
  })
})
