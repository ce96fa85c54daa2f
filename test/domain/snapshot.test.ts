import { describe, expect, it } from 'vitest'
import { formatAmount, formatNumber, formatPercent } from '../../src/domain/decimal'
import type { Dec } from '../../src/domain/decimal'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import type { NodeSnapshot } from '../../src/domain/snapshot'
import type { UnitYearDataset } from '../../src/domain/types'
import { NODE_ID, dataset, execution, indicator, node, reading, seed001Budget, settings, unitTarget } from './factories'

const pct = (rate: Dec | null, places = 2): string | null => (rate === null ? null : formatPercent(rate, places))

function seed001Dataset(): UnitYearDataset {
  const { lines, executions, projects } = seed001Budget()
  const quantity = { level1: '产出指标', level2: '数量指标' }
  const chushen = indicator({
    id: 'chushen',
    ...quantity,
    name: '办理建设项目用地初审',
    targetValue: '15',
    sortOrder: 1,
  })
  const baopi = indicator({
    id: 'baopi',
    ...quantity,
    name: '新增建设用地报批',
    targetValue: '450',
    measureUnit: '亩',
    sortOrder: 2,
  })
  const guapai = indicator({
    id: 'guapai',
    ...quantity,
    name: '挂牌出让土地',
    targetValue: '20',
    measureUnit: '公顷',
    accrual: 'dueLater',
    dueDate: '2021-10-01',
    sortOrder: 4,
  })
  const hege = indicator({
    id: 'hege',
    level1: '产出指标',
    level2: '质量指标',
    name: '项目工程验收合格率',
    targetValue: '98',
    measureUnit: '%',
    accrual: 'level',
    sortOrder: 5,
  })
  const sunhui = indicator({
    id: 'sunhui',
    level1: '效益指标',
    level2: '经济效益指标',
    name: '自然资源损毁和浪费造成的经济损失',
    operator: '定性',
    targetValue: '效果明显',
    measureUnit: '',
    accrual: 'level',
    sortOrder: 6,
  })
  const pinggu = indicator({
    id: 'pinggu',
    targetId: 'target-pgxm',
    level1: '产出指标',
    level2: '数量指标',
    name: '完成评估宗地',
    targetValue: '10',
    measureUnit: '宗',
    sortOrder: 1,
  })
  return dataset({
    projects,
    budgetLines: lines,
    monthlyExecutions: [...executions, execution('gzfl', 3, '160', '170')],
    targets: [
      unitTarget(),
      { id: 'target-pgxm', unitId: 'unit-1', year: 2021, scope: 'project', projectId: 'pgxm', description: '评估项目' },
    ],
    // the project indicator first, to show the snapshot puts unit-scope rows first
    indicators: [pinggu, hege, chushen, baopi, guapai, sunhui],
    readings: [
      reading('chushen', { actualValue: '7' }),
      reading('baopi', {
        actualValue: '30',
        likelihood: '有可能',
        deviationCauses: ['其他'],
        deviationText: '报批集中在下半年',
      }),
      reading('hege', { actualValue: '60' }),
      reading('guapai', { likelihood: '确定能' }),
      reading('sunhui', { qualitativeGrade: '未达成', qualitativePercent: '30' }),
      reading('pinggu', { actualValue: '6' }),
      reading('chushen', { nodeId: 'another-node', actualValue: '1' }),
    ],
  })
}

function snapshotOf(data: UnitYearDataset, nodeId = NODE_ID): NodeSnapshot {
  const result = computeNodeSnapshot({ dataset: data, nodeId, settings: settings() })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('；'))
  return result.value
}

describe('computeNodeSnapshot (seed 001, 2021-06-30)', () => {
  const snap = snapshotOf(seed001Dataset())

  it('places the node in June at 序时进度 50%', () => {
    expect([snap.month, snap.timeProgress.toFixed(), snap.label, snap.asOf]).toEqual([
      6,
      '0.5',
      '2021年1-6月',
      '2021-06-30',
    ])
  })

  it('reports the whole budget 1493.25 / 383.74 → 25.70%, ratio 51.4, red (seed 001 §8)', () => {
    expect(formatAmount(snap.budget.unit.adjustedBudget)).toBe('1493.25')
    expect(formatAmount(snap.budget.unit.spent)).toBe('383.74')
    expect(pct(snap.budget.unit.executionRate)).toBe('25.70%')
    expect(snap.budgetLight.light).toBe('red')
    expect(snap.budgetLight.ratio && formatNumber(snap.budgetLight.ratio, 1)).toBe('51.4')
    expect(snap.overspent).toBe(false)
    expect(snap.spendsUnallocatedFunds).toBe(false)
  })

  it('reports 基本支出 28.57% and 项目支出 0% (seed 001 §8)', () => {
    expect(snap.budget.byCategory.map((g) => [g.label, pct(g.figures.executionRate)])).toEqual([
      ['基本支出', '28.57%'],
      ['项目支出', '0.00%'],
    ])
  })

  it('rolls up by sub-category, fund source, project and line', () => {
    expect(snap.budget.bySubCategory.map((g) => g.label)).toEqual(['人员经费', '公用经费', '项目支出'])
    expect(snap.budget.byFundSource.map((g) => [g.label, formatAmount(g.figures.adjustedBudget)])).toEqual([
      ['财政拨款', '1493.25'],
    ])
    expect(snap.budget.byProject.map((g) => [g.key, g.label])).toEqual([['pgxm', '国有土地出让金评估项目']])
    expect(snap.budget.byLine).toHaveLength(4)
  })

  it('draws the monthly path with cumulative figures carried forward and month-end 序时进度, saying which months were entered', () => {
    expect(snap.monthlyPath.map((p) => [p.month, formatAmount(p.spent), pct(p.timeProgress)])).toEqual([
      [1, '0.00', '8.33%'],
      [2, '0.00', '16.67%'],
      [3, '160.00', '25.00%'],
      [4, '160.00', '33.33%'],
      [5, '160.00', '41.67%'],
      [6, '383.74', '50.00%'],
    ])
    expect(pct(snap.monthlyPath[5].executionRate)).toBe('25.70%')
    // only 工资福利 has a 3月 entry (160.00); every line has 6月
    expect(snap.monthlyPath.map((p) => [p.month, p.entries, p.unreportedLines])).toEqual([
      [1, 'none', 4],
      [2, 'none', 4],
      [3, 'some', 3],
      [4, 'none', 4],
      [5, 'none', 4],
      [6, 'all', 0],
    ])
  })

  it('averages only the fully reported 6月 (domain-rules §4.8: 383.74 ÷ 1493.25 = 25.70% against 序时进度 50% → 51.40%): 1-5月 lack entries and are left out, not 0', () => {
    expect(pct(snap.monthlyAverage.average)).toBe('51.40%')
    expect([snap.monthlyAverage.months, snap.monthlyAverage.skippedMonths, snap.monthlyAverage.gap]).toEqual([
      [6],
      [1, 2, 3, 4, 5],
      null,
    ])
  })

  it('has no unreported line at 6月', () => {
    expect(snap.unreportedLines).toEqual([])
  })

  it('assesses every indicator with the seed 001 lights: 用地初审 green, 报批 red, 合格率 red, 挂牌出让 grey', () => {
    const lights = Object.fromEntries(snap.indicators.map((row) => [row.indicator.id, row.assessment.light]))
    expect(lights).toEqual({
      chushen: 'green',
      baopi: 'red',
      guapai: 'grey',
      hege: 'red',
      sunhui: 'red',
      pinggu: 'blue',
    })
  })

  it('lists unit-scope indicators first in sortOrder, then the project ones, with their level names and readings', () => {
    expect(snap.indicators.map((row) => row.indicator.id)).toEqual([
      'chushen',
      'baopi',
      'guapai',
      'hege',
      'sunhui',
      'pinggu',
    ])
    const chushen = snap.indicators[0]
    expect([chushen.level1, chushen.level2, chushen.scope, chushen.projectId, chushen.reading?.actualValue]).toEqual([
      '产出指标',
      '数量指标',
      'unit',
      null,
      '7',
    ])
    expect(snap.indicators[5]).toMatchObject({ scope: 'project', projectId: 'pgxm' })
  })

  it('reports 46.67% and 93% of expected for 用地初审 in the snapshot', () => {
    const { assessment } = snap.indicators[0]
    expect(assessment.completion.status === 'rate' && pct(assessment.completion.rate)).toBe('46.67%')
    expect(pct(assessment.ratioToExpected, 0)).toBe('93%')
  })

  it('counts 一级/二级/三级 indicators from the unit-scope data: 2 / 3 / 5', () => {
    expect(snap.indicatorCounts).toEqual({ level1: 2, level2: 3, level3: 5 })
  })

  it('counts the unit-scope lights and takes the worst as the unit light', () => {
    expect(snap.lightCounts).toEqual({ red: 3, yellow: 0, green: 1, blue: 0, grey: 1 })
    expect(snap.unitIndicatorLight).toBe('red')
  })

  it('gives each project its worst indicator light and its budget', () => {
    expect(
      snap.projectLights.map((p) => [p.projectId, p.name, p.light, p.budget && formatAmount(p.budget.adjustedBudget)]),
    ).toEqual([['pgxm', '国有土地出让金评估项目', 'blue', '150.00']])
  })

  it('carries each reading’s validation issues: the red 验收合格率 lacks its deviation cause', () => {
    const hege = snap.indicators.find((row) => row.indicator.id === 'hege')
    expect(hege?.issues.map((i) => i.code)).toEqual(['deviation.causeRequired', 'deviation.textRequired'])
    expect(snap.indicators.find((row) => row.indicator.id === 'baopi')?.issues).toEqual([])
  })
})

describe('computeNodeSnapshot: errors and settings', () => {
  it('returns a typed error for an unknown node instead of throwing', () => {
    const result = computeNodeSnapshot({ dataset: dataset(), nodeId: 'nope', settings: settings() })
    expect(result).toEqual({
      ok: false,
      messages: ['未找到监控节点（nope）'],
      issues: [{ field: 'nodeId', code: 'node.notFound', severity: 'error', message: '未找到监控节点（nope）' }],
    })
  })

  it('returns a typed error for a node with an invalid date or outside the year', () => {
    const bad = computeNodeSnapshot({
      dataset: dataset({ nodes: [node({ asOfDate: '2021-02-30' })] }),
      nodeId: NODE_ID,
      settings: settings(),
    })
    expect(!bad.ok && bad.issues[0].code).toBe('date.invalid')
    const other = computeNodeSnapshot({
      dataset: dataset({ nodes: [node({ asOfDate: '2022-06-30' })] }),
      nodeId: NODE_ID,
      settings: settings(),
    })
    expect(!other.ok && other.issues[0].code).toBe('node.wrongYear')
  })

  it('uses day-based 序时进度 when set: 181 ÷ 365 at 6月30日', () => {
    const result = computeNodeSnapshot({
      dataset: seed001Dataset(),
      nodeId: NODE_ID,
      settings: settings({ timeProgressMode: 'day' }),
    })
    expect(result.ok && pct(result.value.timeProgress)).toBe('49.59%')
  })

  it('derives the label from the date when the node has none', () => {
    expect(snapshotOf(dataset({ nodes: [node({ label: '' })] })).label).toBe('2021年1-6月')
  })

  it('is grey with no rate for an empty dataset', () => {
    const snap = snapshotOf(dataset())
    expect(snap.budgetLight).toEqual({ light: 'grey', ratio: null })
    expect(snap.unitIndicatorLight).toBe('grey')
    expect(snap.monthlyAverage).toEqual({
      average: null,
      months: [],
      skippedMonths: [1, 2, 3, 4, 5, 6],
      gap: 'noMonths',
      rates: [],
    })
    expect(snap.unreportedLines).toEqual([])
  })
})

describe('computeNodeSnapshot over the embedded demo (且末县自然资源局 2021)', () => {
  it('reproduces the seed 001 budget figures and counts 22 三级指标', () => {
    const snap = snapshotOf(qiemo2021Dataset(), DEMO_NODE_ID)
    expect(pct(snap.budget.unit.executionRate)).toBe('25.70%')
    expect(snap.budgetLight.ratio && formatNumber(snap.budgetLight.ratio, 1)).toBe('51.4')
    expect(snap.budget.byCategory.map((g) => pct(g.figures.executionRate))).toEqual(['28.57%', '0.00%'])
    expect(snap.indicatorCounts.level3).toBe(22)
    expect(snap.indicatorCounts.level1).toBe(3)
  })

  it('at 1-6月 every line reported: no unreported line, and the average of the 通报 rates over 1-6月 is 50.54% (domain-rules §4.8; the bare 执行率 averaged 14.84%)', () => {
    const snap = snapshotOf(qiemo2021Dataset(), DEMO_NODE_ID)
    expect(snap.unreportedLines).toEqual([])
    expect(snap.monthlyPath.map((p) => p.entries)).toEqual(['all', 'all', 'all', 'all', 'all', 'all'])
    // 通报 rate of month m = cumulative 执行数 ÷ 1493.25 ÷ (m ÷ 12): 61.30 → 49.26%, 124.40 → 49.98%,
    // 188.85 → 50.59%, 253.30 → 50.89%, 318.20 → 51.14%, 383.74 → 51.40%; their mean is 50.54%
    expect(snap.monthlyAverage.rates.map((r) => pct(r.rate))).toEqual([
      '49.26%',
      '49.98%',
      '50.59%',
      '50.89%',
      '51.14%',
      '51.40%',
    ])
    expect([pct(snap.monthlyAverage.average), snap.monthlyAverage.months]).toEqual(['50.54%', [1, 2, 3, 4, 5, 6]])
  })

  it('takes each month’s 序时进度 in the settings’ mode: by days, 6月 is 25.70% ÷ (181 ÷ 365) = 51.82%', () => {
    const result = computeNodeSnapshot({
      dataset: qiemo2021Dataset(),
      nodeId: DEMO_NODE_ID,
      settings: settings({ timeProgressMode: 'day' }),
    })
    expect(result.ok && pct(result.value.monthlyAverage.rates[5]?.rate ?? null)).toBe('51.82%')
  })

  it("a 1-7月 node with no July entries shows June's 383.74 and names 3 unreported lines", () => {
    const data = qiemo2021Dataset()
    data.nodes.push(node({ id: 'july', unitId: data.unit.id, asOfDate: '2021-07-31', label: '2021年1-7月' }))
    // July entered only for the two lines that spend nothing yet (驻村补助, 评估项目)
    data.monthlyExecutions.push(execution('demo-bl-zcgs', 7, '0'), execution('demo-bl-pgxm', 7, '0'))
    const snap = snapshotOf(data, 'july')
    expect([snap.month, formatAmount(snap.budget.unit.spent), pct(snap.budget.unit.executionRate)]).toEqual([
      7,
      '383.74',
      '25.70%',
    ])
    expect(snap.unreportedLines).toEqual([
      { budgetLineId: 'demo-bl-gzfl', name: '工资福利支出', latestMonth: 6 },
      { budgetLineId: 'demo-bl-clyx', name: '车辆运行维护费', latestMonth: 6 },
      { budgetLineId: 'demo-bl-jbgy', name: '基本公用经费', latestMonth: 6 },
    ])
    expect(snap.monthlyPath[6]).toMatchObject({ month: 7, entries: 'some', unreportedLines: 3 })
    // 7月 is not fully reported: the average stays on 1-6月 (50.54%), it does not count July as 0 or as June again
    expect([pct(snap.monthlyAverage.average), snap.monthlyAverage.months, snap.monthlyAverage.skippedMonths]).toEqual([
      '50.54%',
      [1, 2, 3, 4, 5, 6],
      [7],
    ])
  })

  it('a 1-7月 node with no July entry at all names all 5 demo lines and still shows 383.74', () => {
    const data = qiemo2021Dataset()
    data.nodes.push(node({ id: 'july', unitId: data.unit.id, asOfDate: '2021-07-31', label: '2021年1-7月' }))
    const snap = snapshotOf(data, 'july')
    expect(formatAmount(snap.budget.unit.spent)).toBe('383.74')
    expect(snap.unreportedLines.map((l) => [l.name, l.latestMonth])).toEqual([
      ['工资福利支出', 6],
      ['车辆运行维护费', 6],
      ['基本公用经费', 6],
      ['驻村、管寺生活补助', 6],
      ['国有土地出让金评估项目', 6],
    ])
    expect(snap.monthlyPath[6]).toMatchObject({ month: 7, entries: 'none', unreportedLines: 5 })
  })
})

describe('dated adjustments and the carry-over base at a node (domain-rules §4.2, §4.3)', () => {
  it('seed 001 1-6月: a 追加 of 100 from September leaves 1493.25 and 25.70%; from June it makes 1593.25 and 24.09%', () => {
    const data = qiemo2021Dataset()
    const first = data.budgetLines[0]
    if (!first) throw new Error('the demo has budget lines')
    const withAddition = (month: 6 | 9): UnitYearDataset => ({
      ...data,
      budgetLines: data.budgetLines.map((l) =>
        l.id === first.id ? { ...l, additions: '100', adjustmentMonth: month } : l,
      ),
    })
    const september = snapshotOf(withAddition(9), DEMO_NODE_ID)
    expect(formatAmount(september.budget.unit.adjustedBudget)).toBe('1493.25')
    expect(pct(september.budget.unit.executionRate)).toBe('25.70%')
    const june = snapshotOf(withAddition(6), DEMO_NODE_ID)
    expect(formatAmount(june.budget.unit.adjustedBudget)).toBe('1593.25')
    expect(pct(june.budget.unit.executionRate)).toBe('24.09%')
  })

  it('a unit that counts 上年结转: 383.74 of 1493.25 + 50 = 1543.25 → 24.87%', () => {
    const data = qiemo2021Dataset()
    const first = data.budgetLines[0]
    if (!first) throw new Error('the demo has budget lines')
    const counted: UnitYearDataset = {
      ...data,
      unit: { ...data.unit, carryOverInExecutionBase: true },
      budgetLines: data.budgetLines.map((l) => (l.id === first.id ? { ...l, carryOver: '50' } : l)),
    }
    const snap = snapshotOf(counted, DEMO_NODE_ID)
    expect(snap.budgetIncludesCarryOver).toBe(true)
    expect(formatAmount(snap.budget.unit.adjustedBudget)).toBe('1543.25')
    expect(pct(snap.budget.unit.executionRate)).toBe('24.87%')
  })
})
