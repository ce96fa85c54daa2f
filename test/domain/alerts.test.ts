import { describe, expect, it } from 'vitest'
import { alertId, alertsNeedingMeasure, computeNodeAlerts, withReviewState } from '../../src/domain/alerts'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { defaultSettings } from '../../src/domain/settings'
import { qiemo2021Dataset } from '../../src/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '../../src/domain/demo/ids'
import type { Alert, UnitYearDataset } from '../../src/domain/types'
import { demoWithJuly, JULY_NODE_ID } from './report/julyNode'

function demoAlerts(dataset: UnitYearDataset = qiemo2021Dataset(), settings = defaultSettings()): Alert[] {
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error('snapshot failed')
  return computeNodeAlerts({ dataset, snapshot: snapshot.value, settings })
}

describe('computeNodeAlerts on seed 001 (且末县自然资源局 2021年1-6月)', () => {
  it('raises the red budget alert with the seed sentence, its thresholds and inputs', () => {
    const budget = demoAlerts().find((a) => a.ruleId === 'budget.light')
    expect(budget).toMatchObject({
      light: 'red',
      subjectType: 'unit',
      status: 'open',
      thresholds: { red: '60', yellow: '80' },
      message: '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警',
    })
    // 383.74 ÷ 1493.25 = 25.70%; 6 ÷ 12 = 50%
    expect(budget?.inputs.spent).toBe('383.74')
    expect(budget?.inputs.adjustedBudget).toBe('1493.25')
    expect(budget?.inputs.timeProgress).toBe('0.5')
  })

  it('flags the project with nothing spent and the slow indicators, each with its sentence', () => {
    const messages = demoAlerts().map((a) => `${a.ruleId} ${a.light} ${a.message}`)
    expect(messages).toContain(
      'budget.projectLight red 项目“国有土地出让金评估项目”执行率0.00%，序时进度50.00%，执行进度比0.0，低于60，红色预警',
    )
    // seed 001: 新增建设用地报批 450亩, 30亩 by June → 30 ÷ 225 = 13.33%
    expect(messages).toContain(
      'indicator.light red “新增建设用地报批”实际完成30亩，节点应完成225亩，完成进度比13.33%，低于60%，红色预警',
    )
    // seed 001's three cost ceilings (项目 0 ≤150, 人员 324.88 ≤1129.83, 运转 58.86 ≤213.42 万元) spend
    // slowly under their ceilings: the budget light already says so, the indicators raise nothing
    // (docs/domain-rules.md §6.3)
    expect(messages.filter((m) => m.includes('成本经费'))).toEqual([])
    expect(messages).toContain(
      'indicator.light yellow “开展及红枣培训会议次数”实际完成4次，节点应完成6次，完成进度比66.67%，低于80%，黄色预警',
    )
    expect(messages).toContain('indicator.light red “项目工程验收合格率”实际完成60%，未达到年度指标值≥98%，红色预警')
    expect(messages).toHaveLength(9)
  })

  it('is deterministic: the same input gives the same alerts with the same ids', () => {
    const first = demoAlerts()
    expect(demoAlerts()).toEqual(first)
    expect(first[0].id).toBe(alertId(DEMO_NODE_ID, 'budget.light', 'demo-qiemo-zrzyj'))
    expect(new Set(first.map((a) => a.id)).size).toBe(first.length)
  })

  it('follows the thresholds in settings: at red 50 the budget alert turns yellow', () => {
    const settings = { ...defaultSettings(), budgetLight: { red: 50, yellow: 80 } }
    expect(demoAlerts(qiemo2021Dataset(), settings).find((a) => a.ruleId === 'budget.light')?.message).toBe(
      '执行率25.70%，序时进度50.00%，执行进度比51.4，低于80，黄色预警',
    )
  })

  it('reports data errors, missing readings, 完全不可能 and overdue measures', () => {
    const dataset = qiemo2021Dataset()
    // 执行数 > 到位资金 on the first line in June
    const june = dataset.monthlyExecutions.find((e) => e.month === 6 && e.budgetLineId === dataset.budgetLines[0].id)
    if (!june) throw new Error('no June execution')
    june.allocated = '0'
    const [first, second] = dataset.readings
    first.likelihood = '完全不可能'
    dataset.readings = dataset.readings.filter((r) => r !== second)
    dataset.measures[1].deadline = '2021-05-31'
    const alerts = demoAlerts(dataset)
    const rules = (rule: string) => alerts.filter((a) => a.ruleId === rule)
    expect(rules('data.unallocatedSpend')).toHaveLength(1)
    expect(rules('data.unallocatedSpend')[0].message).toMatch(
      /^“.+”执行数[\d.]+万元，高于到位资金0\.00万元，数据有误，请核对$/,
    )
    expect(rules('indicator.impossible')[0]).toMatchObject({ subjectId: first.indicatorId, light: 'red' })
    expect(rules('indicator.missing')[0]).toMatchObject({ subjectId: second.indicatorId, light: 'grey' })
    expect(rules('measure.overdue')[0]).toMatchObject({
      subjectType: 'measure',
      subjectId: 'demo-measure-2',
      light: 'yellow',
    })
    expect(rules('measure.overdue')[0].message).toContain('期限2021-05-31已过，尚未完成')
  })
})

describe('the remaining rules, each with its sentence', () => {
  const reviewIndicator = (dataset: UnitYearDataset) => {
    const indicator = dataset.indicators.find((i) => i.name === '办理建设项目用地初审')
    const reading = dataset.readings.find((r) => r.indicatorId === indicator?.id)
    if (!indicator || !reading) throw new Error('seed 001 indicator missing')
    return { indicator, reading }
  }

  it('raises a blue over-run when 用地初审 is at 12 of the 7.5 expected by June (160% ≥ 120%)', () => {
    const dataset = qiemo2021Dataset()
    reviewIndicator(dataset).reading.actualValue = '12'
    const overrun = demoAlerts(dataset).filter((a) => a.ruleId === 'indicator.overrun')
    expect(overrun.map((a) => [a.light, a.message])).toEqual([
      [
        'blue',
        '“办理建设项目用地初审”实际完成12个，节点应完成7.5个，完成进度比160.00%，达到120%及以上，蓝色预警（超进度，需说明原因）',
      ],
    ])
    expect(overrun[0].thresholds.blue).toBe('120')
    expect(overrun[0].inputs).toMatchObject({ actual: '12', expected: '7.5', ratioToExpected: '1.6' })
  })

  it('raises 超预算支出 when 工资福利支出 reaches 2000 by June (2058.86 of 1493.25 万元)', () => {
    const dataset = qiemo2021Dataset()
    const june = dataset.monthlyExecutions.find((e) => e.budgetLineId === 'demo-bl-gzfl' && e.month === 6)
    if (!june) throw new Error('no June execution')
    june.spent = '2000.00'
    june.allocated = '2000.00'
    const overspent = demoAlerts(dataset).filter((a) => a.ruleId === 'budget.overspent')
    // 383.74 − 324.88 + 2000 = 2058.86; 2058.86 ÷ 1493.25 = 137.88%
    expect(overspent.map((a) => a.message)).toEqual([
      '执行数2058.86万元超过调整后预算1493.25万元，执行率137.88%，高于100%，红色预警',
    ])
    expect(overspent[0].inputs).toMatchObject({ spent: '2058.86', adjustedBudget: '1493.25' })
  })

  it("raises 指标填报无效 for a value that is not a number, with the completion rule's message", () => {
    const dataset = qiemo2021Dataset()
    const { indicator, reading } = reviewIndicator(dataset)
    reading.actualValue = '七个'
    const invalid = demoAlerts(dataset).filter((a) => a.ruleId === 'indicator.invalid')
    expect(invalid.map((a) => [a.subjectId, a.light, a.message])).toEqual([
      [indicator.id, 'yellow', '“办理建设项目用地初审”填报有误：实际完成值「七个」不是有效数字'],
    ])
  })

  it('raises 预算完全不可能执行完毕 for a budget line judged 完全不可能 at the node', () => {
    const dataset = qiemo2021Dataset()
    dataset.budgetJudgements.push({
      id: 'j-gzfl',
      nodeId: DEMO_NODE_ID,
      budgetLineId: 'demo-bl-gzfl',
      yearEndForecast: '900',
      likelihood: '完全不可能',
      deviationCauses: ['其他'],
      deviationText: '编制空缺未补齐',
    })
    const impossible = demoAlerts(dataset).filter((a) => a.ruleId === 'budget.impossible')
    expect(impossible.map((a) => [a.subjectId, a.light, a.message])).toEqual([
      ['demo-bl-gzfl', 'red', '“工资福利支出”全年执行的可能性为“完全不可能”，红色预警'],
    ])
  })
})

describe('cost ceilings (domain-rules §5.5): no alert under the ceiling, a sentence saying why above it', () => {
  const ceilingOf = (dataset: UnitYearDataset, name: string) => {
    const indicator = dataset.indicators.find((i) => i.name === name)
    const reading = dataset.readings.find((r) => r.indicatorId === indicator?.id)
    if (!indicator || !reading) throw new Error(`seed 001 indicator ${name} missing`)
    // these tests type the actual themselves: the demo's link to the budget lines (costLink) is taken off
    delete indicator.budgetLineIds
    return { indicator, reading }
  }
  const indicatorAlertsOf = (dataset: UnitYearDataset, id: string) =>
    demoAlerts(dataset).filter((a) => a.subjectId === id && a.ruleId === 'indicator.light')

  it('项目保障成本经费 ≤150 万元 with 0 spent is green and raises no alert (seed 001)', () => {
    const dataset = qiemo2021Dataset()
    const { indicator } = ceilingOf(dataset, '项目保障成本经费')
    const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings: defaultSettings() })
    if (!snapshot.ok) throw new Error('snapshot failed')
    const row = snapshot.value.indicators.find((r) => r.indicator.id === indicator.id)
    expect(row?.assessment.light).toBe('green')
    expect(indicatorAlertsOf(dataset, indicator.id)).toEqual([])
  })

  it('raises none for 人员保障成本经费 324.88 and 运转保障成本经费 58.86 either, the three red alerts of before gone (seed 001)', () => {
    const dataset = qiemo2021Dataset()
    const ids = ['项目保障成本经费', '人员保障成本经费', '运转保障成本经费'].map(
      (name) => ceilingOf(dataset, name).indicator.id,
    )
    expect(demoAlerts(dataset).filter((a) => ids.includes(a.subjectId))).toEqual([])
    // the project's slow spending is still flagged, once, by its budget light
    expect(
      demoAlerts(dataset)
        .filter((a) => a.ruleId === 'budget.projectLight')
        .map((a) => a.light),
    ).toEqual(['red'])
  })

  it('forecast 160 over a ceiling of 150 is yellow: 全年预计160.00万元，超过上限150万元', () => {
    const dataset = qiemo2021Dataset()
    const { indicator, reading } = ceilingOf(dataset, '项目保障成本经费')
    reading.actualValue = '60'
    reading.yearEndForecast = '160'
    const alerts = indicatorAlertsOf(dataset, indicator.id)
    expect(alerts.map((a) => [a.light, a.message])).toEqual([
      ['yellow', '“项目保障成本经费”全年预计160.00万元，超过上限150万元，黄色预警'],
    ])
    expect(alerts[0].thresholds).toEqual({ ceiling: '150', operator: '≤' })
    expect(alerts[0].inputs).toMatchObject({
      actual: '60',
      target: '150',
      forecast: '160',
      forecastSource: 'entered',
      completionRate: '0.4',
    })
    expect(alerts[0].inputs.ratioToExpected).toBeUndefined()
    expect(alerts[0].message).not.toContain('<')
  })

  it('actual 151 over 150 is red: 实际151.00万元，已超过上限150万元', () => {
    const dataset = qiemo2021Dataset()
    const { indicator, reading } = ceilingOf(dataset, '项目保障成本经费')
    reading.actualValue = '151'
    reading.yearEndForecast = '151'
    const alerts = indicatorAlertsOf(dataset, indicator.id)
    expect(alerts.map((a) => [a.light, a.message])).toEqual([
      ['red', '“项目保障成本经费”实际151.00万元，已超过上限150万元，红色预警'],
    ])
    expect(alerts[0].message).not.toContain('<')
  })

  it('no forecast: trend 80 at 1-6月 → 160 > 150 is yellow, and the sentence says the 160 is 推算 from 序时进度', () => {
    const dataset = qiemo2021Dataset()
    const { indicator, reading } = ceilingOf(dataset, '项目保障成本经费')
    reading.actualValue = '80'
    delete reading.yearEndForecast
    const alerts = indicatorAlertsOf(dataset, indicator.id)
    expect(alerts.map((a) => [a.light, a.message])).toEqual([
      ['yellow', '“项目保障成本经费”实际80.00万元，按序时进度50.00%推算全年160.00万元，超过上限150万元，黄色预警'],
    ])
    expect(alerts[0].inputs).toMatchObject({ forecast: '160', forecastSource: 'trend', timeProgress: '0.5' })
    expect(alerts[0].message).not.toContain('<')
  })

  it("says 达到上限 under '<' when the value equals the ceiling", () => {
    const dataset = qiemo2021Dataset()
    const { indicator, reading } = ceilingOf(dataset, '项目保障成本经费')
    indicator.operator = '<'
    reading.actualValue = '150'
    expect(indicatorAlertsOf(dataset, indicator.id).map((a) => a.message)).toEqual([
      '“项目保障成本经费”实际150.00万元，已达到上限150万元，红色预警',
    ])
  })
})

describe('review state and prompts', () => {
  it('carries id, status, reason and history of a stored alert onto a fresh computation', () => {
    const computed = demoAlerts()
    const stored: Alert = {
      ...computed[0],
      id: 'old-id',
      status: 'closed',
      closedReason: '已专题研究',
      history: [{ at: '2021-07-05T02:00:00.000Z', by: '才茨柯', kind: 'comment', text: '加快支付进度' }],
    }
    const merged = withReviewState(computed, [stored])
    expect(merged[0]).toMatchObject({
      id: 'old-id',
      status: 'closed',
      closedReason: '已专题研究',
      history: stored.history,
    })
    expect(merged[0].message).toBe(computed[0].message)
    expect(merged.slice(1)).toEqual(computed.slice(1))
  })

  it('prompts a measure for open red and yellow alerts that have none', () => {
    const alerts = demoAlerts()
    const budget = alerts[0]
    const needing = alertsNeedingMeasure(alerts, [
      {
        id: 'm',
        unitId: 'u',
        nodeId: DEMO_NODE_ID,
        alertId: budget.id,
        kind: 'planned',
        content: '加快支付',
        effect: '',
        department: '行政办公室',
        status: '计划',
      },
    ])
    expect(needing).toHaveLength(alerts.length - 1)
    expect(needing.map((a) => a.id)).not.toContain(budget.id)
  })
})

describe('reading.carried: readings a new node copied from the last one and nobody confirmed (domain-rules §7.4)', () => {
  const julyAlerts = (dataset: UnitYearDataset): Alert[] => {
    const snapshot = computeNodeSnapshot({ dataset, nodeId: JULY_NODE_ID, settings: defaultSettings() })
    if (!snapshot.ok) throw new Error('snapshot failed')
    return computeNodeAlerts({ dataset, snapshot: snapshot.value, settings: defaultSettings() })
  }

  it('raises one yellow alert per carried reading at 1-7月, on the indicator, saying where the value comes from', () => {
    const carried = julyAlerts(demoWithJuly()).filter((a) => a.ruleId === 'reading.carried')
    // seed 001's 22 readings of 1-6月, all copied forward
    expect(carried).toHaveLength(22)
    expect(carried[0]).toMatchObject({
      id: alertId(JULY_NODE_ID, 'reading.carried', 'demo-ind-01'),
      light: 'yellow',
      subjectType: 'indicator',
      subjectId: 'demo-ind-01',
      status: 'open',
      thresholds: {},
      inputs: { carriedFrom: DEMO_NODE_ID, carriedFromLabel: '2021年1-6月', actual: '7' },
      // 办理建设项目用地初审 ≥15 个: 7 at 1-6月, still June's 7
      message: '“办理建设项目用地初审”的实际值沿用自“2021年1-6月”，尚未确认',
    })
    // 挂牌出让土地 is not due (2021-10-01): only its 全年预计 and 完成可能性 were carried
    expect(carried.find((a) => a.subjectId === 'demo-ind-04')?.message).toBe(
      '“挂牌出让土地”的填报沿用自“2021年1-6月”，尚未确认',
    )
    // a 定性 reading's value is its grade
    expect(carried.find((a) => a.subjectId === 'demo-ind-19')?.message).toBe(
      '“便民服务水平提升”的实际值沿用自“2021年1-6月”，尚未确认',
    )
  })

  it('leaves the demo’s 1-6月 at its 9 alerts (nothing carried there) and clears once a reading is confirmed', () => {
    expect(demoAlerts(demoWithJuly()).filter((a) => a.ruleId === 'reading.carried')).toEqual([])
    expect(demoAlerts(demoWithJuly())).toHaveLength(9)
    const dataset = demoWithJuly()
    for (const r of dataset.readings) if (r.indicatorId !== 'demo-ind-02') delete r.carriedFrom
    expect(
      julyAlerts(dataset)
        .filter((a) => a.ruleId === 'reading.carried')
        .map((a) => a.message),
    ).toEqual(['“新增建设用地报批”的实际值沿用自“2021年1-6月”，尚未确认'])
  })

  it('asks no 纠偏措施 for a carried reading: confirming it in 指标填报 settles it', () => {
    const alerts = julyAlerts(demoWithJuly())
    expect(alertsNeedingMeasure(alerts, []).filter((a) => a.ruleId === 'reading.carried')).toEqual([])
    expect(alertsNeedingMeasure(alerts, []).length).toBe(
      alerts.filter((a) => a.light === 'red' || a.light === 'yellow').length - 22,
    )
  })
})
