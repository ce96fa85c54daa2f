import { describe, expect, it } from 'vitest'
import { alertCarryOvers, carryOverVerdict, noLongerRaised } from '@/domain/alertCarryOver'
import { alertId, computeNodeAlerts } from '@/domain/alerts'
import { computeNodeSnapshot } from '@/domain/snapshot'
import type { Alert, CorrectiveMeasure, Light, MonitoringNode } from '@/domain/types'
import { dataset, indicator, node, reading, settings } from './factories'

const JUNE = node({ id: 'node-h1', asOfDate: '2021-06-30', label: '2021年1-6月' })
const JULY = node({ id: 'node-m7', asOfDate: '2021-07-31', label: '2021年1-7月' })
const SEPT = node({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })

/** 新增建设用地报批 (seed 001: 30 of 450 亩 by June → red) raised by indicator.light at `at`. */
function anAlert(at: MonitoringNode, light: Light, overrides: Partial<Alert> = {}): Alert {
  const ruleId = overrides.ruleId ?? 'indicator.light'
  const subjectId = overrides.subjectId ?? 'ind-approval'
  return {
    id: alertId(at.id, ruleId, subjectId),
    nodeId: at.id,
    ruleId,
    light,
    subjectType: 'indicator',
    subjectId,
    thresholds: { red: '60', yellow: '80' },
    inputs: {},
    message: `${at.label}新增建设用地报批`,
    status: 'open',
    ...overrides,
  }
}

function aMeasure(alert: Alert, overrides: Partial<CorrectiveMeasure> = {}): CorrectiveMeasure {
  return {
    id: `measure-${alert.id}`,
    unitId: 'unit-1',
    nodeId: alert.nodeId,
    alertId: alert.id,
    kind: 'planned',
    content: '加快报批材料组卷，每周调度',
    effect: '三季度末报批300亩',
    department: '耕保股',
    deadline: '2021-09-15',
    status: '已完成',
    ...overrides,
  }
}

const nodes = [SEPT, JUNE, JULY]

describe('alertCarryOvers', () => {
  it('shows June’s red, its 批示 and measure on September’s yellow alert, verdict 改善', () => {
    const june = anAlert(JUNE, 'red', {
      history: [
        { at: '2021-07-02T02:00:00.000Z', by: '张三', kind: 'comment', text: '请耕保股加快报批' },
        { at: '2021-07-02T03:00:00.000Z', by: '张三', kind: 'assign', text: '指派耕保股', measureId: 'm' },
      ],
    })
    const sept = anAlert(SEPT, 'yellow')
    const result = alertCarryOvers({
      current: [sept],
      earlier: [june],
      nodes: [JUNE, SEPT],
      measures: [aMeasure(june)],
    })
    expect(result.get(sept.id)).toEqual({
      alertId: sept.id,
      currentLight: 'yellow',
      nodeId: 'node-h1',
      nodeLabel: '2021年1-6月',
      asOfDate: '2021-06-30',
      earlierAlertId: june.id,
      light: 'red',
      status: 'open',
      comments: [{ by: '张三', at: '2021-07-02T02:00:00.000Z', text: '请耕保股加快报批' }],
      measures: [
        {
          id: `measure-${june.id}`,
          kind: 'planned',
          content: '加快报批材料组卷，每周调度',
          effect: '三季度末报批300亩',
          department: '耕保股',
          deadline: '2021-09-15',
          status: '已完成',
        },
      ],
      verdict: 'improved',
    })
  })

  it('says 恶化 for June yellow → September red, and 未改善 for red → red', () => {
    const worse = alertCarryOvers({
      current: [anAlert(SEPT, 'red')],
      earlier: [anAlert(JUNE, 'yellow')],
      nodes,
      measures: [],
    })
    expect([...worse.values()].map((c) => [c.light, c.currentLight, c.verdict])).toEqual([['yellow', 'red', 'worse']])
    const same = alertCarryOvers({
      current: [anAlert(SEPT, 'red')],
      earlier: [anAlert(JUNE, 'red')],
      nodes,
      measures: [],
    })
    expect([...same.values()].map((c) => c.verdict)).toEqual(['unchanged'])
  })

  it('does not match an earlier alert of another rule or another subject', () => {
    const sept = anAlert(SEPT, 'yellow')
    const result = alertCarryOvers({
      current: [sept],
      earlier: [
        anAlert(JUNE, 'red', { ruleId: 'indicator.impossible' }),
        anAlert(JUNE, 'red', { subjectId: 'ind-review' }),
        anAlert(JUNE, 'red', { subjectType: 'project' }),
      ],
      nodes,
      measures: [],
    })
    expect(result.size).toBe(0)
  })

  it('takes the closest earlier node when June and July both raised it, with July’s closing reason', () => {
    const june = anAlert(JUNE, 'red', {
      history: [{ at: '2021-07-02T02:00:00.000Z', by: '张三', kind: 'comment', text: '六月批示' }],
    })
    const july = anAlert(JULY, 'yellow', {
      status: 'closed',
      closedReason: '已约谈耕保股',
      history: [{ at: '2021-08-03T02:00:00.000Z', by: '李四', kind: 'comment', text: '七月批示' }],
    })
    const sept = anAlert(SEPT, 'yellow')
    // the order given does not matter: July is nearer to September than June
    const carried = alertCarryOvers({ current: [sept], earlier: [july, june], nodes, measures: [aMeasure(june)] }).get(
      sept.id,
    )
    expect(carried?.nodeLabel).toBe('2021年1-7月')
    expect(carried?.status).toBe('closed')
    expect(carried?.closedReason).toBe('已约谈耕保股')
    expect(carried?.comments.map((c) => `${c.by}：${c.text}`)).toEqual(['李四：七月批示'])
    expect(carried?.measures).toEqual([]) // June's measure belongs to June's alert
    expect(carried?.verdict).toBe('unchanged')
  })

  it('gives no carry-over when no earlier node raised it, and ignores alerts of later nodes', () => {
    const july = anAlert(JULY, 'red')
    const result = alertCarryOvers({ current: [july], earlier: [anAlert(SEPT, 'green'), july], nodes, measures: [] })
    expect(result.get(july.id)).toBeUndefined()
    expect(alertCarryOvers({ current: [anAlert(JUNE, 'red')], earlier: [], nodes, measures: [] }).size).toBe(0)
  })

  it('shows a measure still open past its deadline at the current node as 逾期', () => {
    const june = anAlert(JUNE, 'red')
    const sept = anAlert(SEPT, 'red')
    const late = aMeasure(june, { status: '进行中', deadline: '2021-08-31' })
    expect(
      alertCarryOvers({ current: [sept], earlier: [june], nodes, measures: [late] }).get(sept.id)?.measures[0]?.status,
    ).toBe('逾期')
  })
})

describe('noLongerRaised', () => {
  // 新增建设用地报批 450 亩: 30 by June (30 ÷ 225 expected = 13%, red), 300 by September (300 ÷ 337.5 = 89%, green)
  const approval = indicator({ id: 'ind-approval', name: '新增建设用地报批', targetValue: '450', measureUnit: '亩' })
  function septemberOf(earlier: Alert[], measures: CorrectiveMeasure[] = []) {
    const data = dataset({
      indicators: [approval],
      nodes: [JUNE, JULY, SEPT],
      readings: [
        reading('ind-approval', { nodeId: 'node-h1', actualValue: '30' }),
        reading('ind-approval', { nodeId: 'node-q3', actualValue: '300' }),
      ],
      alerts: earlier,
      measures,
    })
    const snap = computeNodeSnapshot({ dataset: data, nodeId: 'node-q3', settings: settings() })
    if (!snap.ok) throw new Error('snapshot failed')
    const current = computeNodeAlerts({ dataset: data, snapshot: snap.value, settings: settings() })
    return { snapshot: snap.value, current, nodes: data.nodes }
  }

  it('lists July’s red alert that September no longer raises, now 绿灯 and 改善, with its measure', () => {
    const july = anAlert(JULY, 'red')
    const { snapshot, current, nodes: all } = septemberOf([july])
    expect(current.filter((a) => a.subjectId === 'ind-approval')).toEqual([])
    const gone = noLongerRaised({ current, earlier: [july], nodes: all, measures: [aMeasure(july)], snapshot })
    expect(
      gone.map((g) => [g.nodeLabel, g.alert.id, g.light, g.currentLight, g.verdict, g.measures.map((m) => m.status)]),
    ).toEqual([['2021年1-7月', july.id, 'red', 'green', 'improved', ['已完成']]])
  })

  it('looks only at the node just before: a June alert already gone by July is not listed in September', () => {
    const { snapshot, current, nodes: all } = septemberOf([anAlert(JUNE, 'red')])
    expect(noLongerRaised({ current, earlier: [anAlert(JUNE, 'red')], nodes: all, measures: [], snapshot })).toEqual([])
  })

  it('leaves out what September raises again, and gives no verdict where the subject has no light', () => {
    const julyStillRaised = anAlert(JULY, 'red', { ruleId: 'indicator.light', subjectId: 'ind-approval' })
    const overdue = anAlert(JULY, 'yellow', {
      ruleId: 'measure.overdue',
      subjectType: 'measure',
      subjectId: 'measure-x',
    })
    const { snapshot, nodes: all } = septemberOf([julyStillRaised, overdue])
    const current = [anAlert(SEPT, 'yellow')] // as if September still raised indicator.light on it
    const gone = noLongerRaised({ current, earlier: [julyStillRaised, overdue], nodes: all, measures: [], snapshot })
    expect(gone.map((g) => [g.alert.ruleId, g.currentLight, g.verdict])).toEqual([['measure.overdue', null, null]])
  })
})

describe('carryOverVerdict', () => {
  it.each([
    ['red', 'yellow', 'improved'],
    ['red', 'green', 'improved'],
    ['yellow', 'green', 'improved'],
    ['yellow', 'yellow', 'unchanged'],
    ['green', 'red', 'worse'],
    ['yellow', 'red', 'worse'],
    ['red', 'blue', 'incomparable'],
    ['blue', 'blue', 'incomparable'],
    ['grey', 'red', 'incomparable'],
    ['red', 'grey', 'incomparable'],
  ] as const)('%s → %s is %s', (before, now, verdict) => {
    expect(carryOverVerdict(before, now)).toBe(verdict)
  })
})
