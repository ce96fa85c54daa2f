import { describe, expect, it } from 'vitest'
import { alertList, alertProgress, describeAlertRule } from '../../src/domain/alertStatus'
import { aDataset, aMeasure, anAlert } from '../db/fixtures'

describe('alertProgress: 未处理 → 处理中 → 已关闭', () => {
  it('reads 未处理 before anything is done', () => {
    expect(alertProgress(anAlert(), [])).toBe('open')
    // a measure on another alert does not count
    expect(alertProgress(anAlert(), [aMeasure({ alertId: 'alert-other' })])).toBe('open')
  })

  it('reads 处理中 once it has a 批示', () => {
    const commented = anAlert({
      history: [{ at: '2021-07-05T06:30:00.000Z', by: '才茨柯', kind: 'comment', text: '加快' }],
    })
    expect(alertProgress(commented, [])).toBe('inProgress')
  })

  it('reads 处理中 once a measure refers to it (or one was 指派)', () => {
    expect(alertProgress(anAlert(), [aMeasure()])).toBe('inProgress')
    const assigned = anAlert({
      history: [{ at: '2021-07-05T06:30:00.000Z', by: '才茨柯', kind: 'assign', text: '指派财务室', measureId: 'm' }],
    })
    expect(alertProgress(assigned, [])).toBe('inProgress')
  })

  it('a reopen alone is no action; closed wins over everything', () => {
    const reopened = anAlert({
      history: [{ at: '2021-07-05T06:30:00.000Z', by: '张三', kind: 'reopen', text: '重新打开' }],
    })
    expect(alertProgress(reopened, [])).toBe('open')
    expect(alertProgress(anAlert({ status: 'closed' }), [aMeasure()])).toBe('closed')
  })
})

describe('describeAlertRule: the rule in words', () => {
  it('describes the budget light with its thresholds', () => {
    expect(describeAlertRule('budget.light', { red: '60', yellow: '80' })).toBe(
      '执行进度比（执行率 ÷ 序时进度 × 100）低于 60 为红色，低于 80 为黄色',
    )
    expect(describeAlertRule('budget.projectLight', { red: '50', yellow: '70' })).toContain(
      '低于 50 为红色，低于 70 为黄色',
    )
  })

  it('describes indicator lights, cost ceilings and the blue over-run', () => {
    expect(describeAlertRule('indicator.light', { red: '60', yellow: '80', blue: '120' })).toBe(
      '完成进度比低于 60% 为红色，低于 80% 为黄色',
    )
    expect(describeAlertRule('indicator.light', { ceiling: '150', operator: '≤' })).toBe(
      '成本上限 150：实际已超过上限为红色，预计全年将超过上限为黄色',
    )
    expect(describeAlertRule('indicator.overrun', { red: '60', yellow: '80', blue: '120' })).toBe(
      '完成进度比达到 120% 及以上为蓝色，须说明原因',
    )
    expect(describeAlertRule('measure.overdue', { deadline: '2021-09-30' })).toBe(
      '纠偏措施过了期限（2021-09-30）仍未完成即为黄色',
    )
  })

  it('never shows a rule id or a key=value threshold', () => {
    const rules = [
      'budget.light',
      'budget.projectLight',
      'budget.overspent',
      'data.unallocatedSpend',
      'indicator.light',
      'indicator.overrun',
      'indicator.invalid',
      'indicator.missing',
      'indicator.impossible',
      'budget.impossible',
      'reading.carried',
      'measure.overdue',
      'some.future',
    ]
    for (const rule of rules) {
      const text = describeAlertRule(rule, { red: '60', yellow: '80', blue: '120', max: '100' })
      expect(text, rule).not.toMatch(/[a-z]+\.[a-z]+|[a-z]+=/i)
    }
  })
})

describe('alertList: the 预警清单 of a node', () => {
  it('lists each alert with its reason, 批示 in Beijing time, measures and departments', () => {
    const dataset = aDataset({
      alerts: [],
      measures: [aMeasure(), aMeasure({ id: 'm2', content: '按月通报', department: '规划科', deadline: undefined })],
    })
    const commented = anAlert({
      ruleId: 'budget.light',
      history: [
        { at: '2021-07-05T06:30:00.000Z', by: '才茨柯', kind: 'comment', text: '三季度前赶上序时进度' },
        { at: '2021-07-05T06:40:00.000Z', by: '才茨柯', kind: 'assign', text: '指派财务室', measureId: 'measure-pay' },
      ],
    })
    const closed = anAlert({ id: 'alert-2', light: 'yellow', status: 'closed', closedReason: '已核实' })
    const list = alertList([commented, closed], dataset, { label: '2021年1-6月', asOfDate: '2021-06-30' })
    expect(list.nodeLabel).toBe('2021年1-6月')
    expect(list.unitName).toBe(dataset.unit.name)
    expect(list.rows).toHaveLength(2)
    expect(list.rows[0]).toMatchObject({
      index: 1,
      lightLabel: '红灯',
      subject: '预算执行（全部预算）',
      rule: '预算执行进度偏慢',
      message: '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警',
      status: '处理中',
      comments: ['才茨柯 2021年7月5日 14:30（北京时间）：三季度前赶上序时进度'],
      measures: [
        '加快项目支出进度，按月调度（责任科室：财务室，期限2021-09-30，计划）',
        '按月通报（责任科室：规划科，计划）',
      ],
      departments: ['财务室', '规划科'],
    })
    expect(list.rows[1]).toMatchObject({ index: 2, lightLabel: '黄灯', status: '已关闭（已核实）', comments: [] })
  })
})
