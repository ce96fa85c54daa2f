import { describe, expect, it } from 'vitest'
import { forecastExecution, forecastIndicators, trendAtYearEnd } from '../../src/domain/forecast'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { D } from '../../src/domain/decimal'
import { defaultSettings } from '../../src/domain/settings'
import type { TimeProgressMode } from '../../src/domain/settings'
import { qiemo2021Dataset } from '../../src/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '../../src/domain/demo/ids'
import type { UnitYearDataset } from '../../src/domain/types'

const PEIXUN = '开展及红枣培训会议次数'

function snap(dataset: UnitYearDataset, nodeId: string, mode: TimeProgressMode) {
  const result = computeNodeSnapshot({ dataset, nodeId, settings: { ...defaultSettings(), timeProgressMode: mode } })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join())
  return result.value
}

/** seed 001 (2021-06-30: 培训 4 of 12) plus a 2021-09-30 node where 培训 reached 9. */
function withSeptember(): UnitYearDataset {
  const dataset = qiemo2021Dataset()
  dataset.nodes.push({ ...dataset.nodes[0], id: 'sep', asOfDate: '2021-09-30', label: '2021年1-9月' })
  dataset.readings.push(
    ...dataset.readings
      .filter((r) => r.nodeId === DEMO_NODE_ID)
      .map((r) => ({
        ...r,
        id: `${r.id}-sep`,
        nodeId: 'sep',
        ...(r.actualValue === '4' ? { actualValue: '9' } : {}),
      })),
  )
  return dataset
}

function peixunTrend(dataset: UnitYearDataset, nodeId: string, mode: TimeProgressMode, explicit?: TimeProgressMode) {
  const snapshot = snap(dataset, nodeId, mode)
  const rows = explicit
    ? forecastIndicators(snapshot, dataset, 'unit', explicit)
    : forecastIndicators(snapshot, dataset)
  return rows.find((r) => r.name === PEIXUN)?.trendValue
}

describe('year-end indicator forecast in either 序时进度 mode', () => {
  it('puts every node at its day-based 序时进度 in 按天 mode: 4 at 181/365 and 9 at 273/365 project 10.82 of 12', () => {
    // Σxy ÷ Σx² = (181·4 + 273·9) · 365 ÷ (181² + 273²) = 1161065 ÷ 107290
    const expected = trendAtYearEnd([
      { x: new D(181).div(365), y: new D(4) },
      { x: new D(273).div(365), y: new D(9) },
    ])
    expect(expected?.toFixed(2)).toBe('10.82')
    const trend = peixunTrend(withSeptember(), 'sep', 'day')
    expect(trend?.toFixed(2)).toBe('10.82')
    expect(trend?.eq(expected!)).toBe(true)
  })

  it('puts every node at month ÷ 12 in 按月 mode: 4 at 6/12 and 9 at 9/12 project 10.77 of 12', () => {
    // (0.5·4 + 0.75·9) ÷ (0.25 + 0.5625) = 8.75 ÷ 0.8125
    expect(peixunTrend(withSeptember(), 'sep', 'month')?.toFixed(2)).toBe('10.77')
  })

  it('projects a single June node by its own pace in 按天 mode: 7 of 15 at 181/365 → 14.12', () => {
    const dataset = qiemo2021Dataset()
    const rows = forecastIndicators(snap(dataset, DEMO_NODE_ID, 'day'), dataset)
    expect(rows.find((r) => r.name === '办理建设项目用地初审')?.trendValue?.toFixed(2)).toBe('14.12')
  })

  it('takes the mode the snapshot was computed in, and an explicit mode wins for all points', () => {
    const dataset = withSeptember()
    expect(snap(dataset, 'sep', 'day').timeProgressMode).toBe('day')
    expect(snap(dataset, 'sep', 'month').timeProgressMode).toBe('month')
    expect(peixunTrend(dataset, 'sep', 'month', 'day')?.toFixed(2)).toBe('10.82')
  })
})

describe('year-end execution forecast', () => {
  it('uses month ÷ 12 for the month-end path in both modes (seed 001: 51.07% of 1493.25)', () => {
    const dataset = qiemo2021Dataset()
    const month = forecastExecution(snap(dataset, DEMO_NODE_ID, 'month'), dataset)
    const day = forecastExecution(snap(dataset, DEMO_NODE_ID, 'day'), dataset)
    expect(month.trendRate?.times(100).toFixed(2)).toBe('51.07')
    expect(day.trendSpent?.eq(month.trendSpent!)).toBe(true)
  })
})
