import { describe, expect, it } from 'vitest'
import { computeNodeAlerts } from '../../../src/domain/alerts'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../../src/domain/demo/qiemo2021'
import { unitNodeFiguresOf, unitNodeFiguresProblems } from '../../../src/domain/department'
import type { UnitNodeFigures } from '../../../src/domain/department'
import { defaultSettings } from '../../../src/domain/settings'
import { computeNodeSnapshot } from '../../../src/domain/snapshot'
import { amounts, unitFigures } from './factories'

function seed001Figures(): UnitNodeFigures {
  const dataset = qiemo2021Dataset()
  const settings = defaultSettings()
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error(snapshot.messages.join('；'))
  const alerts = computeNodeAlerts({ dataset, snapshot: snapshot.value, settings })
  return unitNodeFiguresOf({ unitId: dataset.unit.id, unitName: dataset.unit.name }, snapshot.value, alerts)
}

describe('unitNodeFiguresOf: a unit’s node as the 主管部门 reads it', () => {
  it('carries seed 001’s 1-6月 amounts, not its rates: 1493.25 / 383.74, 基本 1343.25, 项目 150 (docs/domain-rules.md §4.9)', () => {
    const figures = seed001Figures()
    expect(figures).toMatchObject({
      unitName: '且末县自然资源局',
      year: 2021,
      nodeLabel: '2021年1-6月',
      asOfDate: '2021-06-30',
      budget: { adjustedBudget: '1493.25', allocated: '383.74', spent: '383.74' },
      byCategory: {
        basic: { adjustedBudget: '1343.25', allocated: '383.74', spent: '383.74' },
        project: { adjustedBudget: '150.00', allocated: '0.00', spent: '0.00' },
      },
      timeProgress: '0.5',
    })
  })

  it('counts all 22 indicators’ lights and the node’s red and yellow 预警; the unit light is its worst, red', () => {
    const figures = seed001Figures()
    expect(figures.indicatorLights).toEqual({ red: 6, yellow: 1, green: 10, blue: 0, grey: 5 })
    expect(Object.values(figures.indicatorLights).reduce((a, b) => a + b, 0)).toBe(22)
    // budget 51.4 → red, the 项目支出 at 0% → red, six red indicators and one yellow
    expect(figures.alerts).toEqual({ red: 8, yellow: 1 })
    expect(figures.unitLight).toBe('red')
  })

  it('survives a JSON round trip unchanged and passes its own check', () => {
    const figures = seed001Figures()
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures)
    expect(unitNodeFiguresProblems(figures)).toEqual([])
  })
})

describe('unitNodeFiguresProblems: a summary read from a package', () => {
  const good = unitFigures('u', amounts('100.00', '40.00'), {
    byCategory: { basic: amounts('60.00', '40.00'), project: amounts('40.00', '0.00') },
  })

  it('accepts a summary whose 基本 and 项目 add up to its total', () => {
    expect(unitNodeFiguresProblems(good)).toEqual([])
  })

  it('names an amount that is not a plain non-negative decimal', () => {
    // the type admits '1e3' (DecimalString is `${number}`); the check, like parseDecimalString, does not
    const bad: UnitNodeFigures = { ...good, budget: { ...good.budget, spent: '1e3', allocated: '-1' } }
    expect(unitNodeFiguresProblems(bad).map((i) => i.message)).toEqual([
      '到位资金「-1」不是有效的非负金额',
      '执行数「1e3」不是有效的非负金额',
    ])
  })

  it('names a 基本/项目 split that does not add up to the total', () => {
    const bad = { ...good, byCategory: { basic: amounts('60.00', '40.00'), project: amounts('39.99', '0.00') } }
    expect(unitNodeFiguresProblems(bad).map((i) => i.code)).toEqual(['summary.categorySum'])
  })

  it('names a 序时进度 outside 0–100%, a count that is not a whole number ≥ 0, and an unknown light', () => {
    const bad: UnitNodeFigures = {
      ...good,
      timeProgress: '1.5',
      indicatorLights: { ...good.indicatorLights, red: -1, grey: 1.5 },
      alerts: { red: 0, yellow: Number.NaN },
      // a package is untrusted: what its JSON holds need not be a Light
      unitLight: JSON.parse('"purple"') as UnitNodeFigures['unitLight'],
    }
    expect(unitNodeFiguresProblems(bad).map((i) => `${i.field}: ${i.message}`)).toEqual([
      'timeProgress: 序时进度「1.5」不在 0 至 100% 之间',
      'indicatorLights.red: 计数「-1」不是非负整数',
      'indicatorLights.grey: 计数「1.5」不是非负整数',
      'alerts.yellow: 计数「NaN」不是非负整数',
      'unitLight: 单位预警灯「purple」无法识别',
    ])
  })
})
