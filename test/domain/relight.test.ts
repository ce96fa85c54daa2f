/**
 * The 概览 lit again under new thresholds (domain/relight) is the 概览 computed under them, byte for
 * byte: every node of seed 001's year (1-6月 定稿 with its frozen settings) and of a generated 主管部门 year
 * (30 projects × 20 indicators), with alerts stored closed and open, under thresholds that move lights
 * both ways, and thresholds that fall exactly on a ratio the data gives.
 */
import { describe, expect, it } from 'vitest'
import { alertId } from '@/domain/alerts'
import { canonicalJson } from '@/domain/canonicalJson'
import { qiemo2021YearDataset } from '@/domain/demo/qiemo2021Year'
import { overviewOf, overviewSteps, type ComputedOverview } from '@/domain/overview'
import { relightYear } from '@/domain/relight'
import { defaultSettings, type MonitoringSettings } from '@/domain/settings'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { runSteps } from '@/domain/steps'
import type { Alert, UnitYearDataset } from '@/domain/types'
import { toWire } from '@/domain/wire'
import { generatedYear } from '../generatedYear'

/** An alert as the app stores it after a review (only rule, subject and status matter here). */
function stored(
  nodeId: string,
  ruleId: string,
  subjectType: Alert['subjectType'],
  subjectId: string,
  status: Alert['status'],
): Alert {
  return {
    id: alertId(nodeId, ruleId, subjectId),
    nodeId,
    ruleId,
    light: 'red',
    subjectType,
    subjectId,
    thresholds: {},
    inputs: {},
    message: '',
    status,
    ...(status === 'closed' ? { closedReason: '已整改' } : {}),
  }
}

function computedYear(dataset: UnitYearDataset, settings: MonitoringSettings): Map<string, ComputedOverview> {
  return new Map(
    dataset.nodes.map((n) => {
      const computed = runSteps(overviewSteps(dataset, n.id, settings))
      if (!computed.ok) throw new Error(computed.messages.join('；'))
      return [n.id, computed.value]
    }),
  )
}

const bytes = (value: unknown) => canonicalJson(toWire(value))

/** Lit again from the views under `from`, each node byte-identical to overviewOf under `to`. */
function expectRelit(dataset: UnitYearDataset, from: MonitoringSettings, to: MonitoringSettings): number {
  const relit = relightYear(computedYear(dataset, from), to)
  expect(relit).not.toBeNull()
  let changed = 0
  for (const node of dataset.nodes) {
    const direct = overviewOf(dataset, node.id, to)
    if (!direct.ok) throw new Error(direct.messages.join('；'))
    expect(bytes(relit?.get(node.id))).toBe(bytes(direct.value))
    const before = overviewOf(dataset, node.id, from)
    if (before.ok && bytes(before.value) !== bytes(direct.value)) changed += 1
  }
  return changed
}

const withLights = (
  indicatorLight: Partial<MonitoringSettings['indicatorLight']>,
  budgetLight: Partial<MonitoringSettings['budgetLight']> = {},
): MonitoringSettings => {
  const base = defaultSettings()
  return {
    ...base,
    indicatorLight: { ...base.indicatorLight, ...indicatorLight },
    budgetLight: { ...base.budgetLight, ...budgetLight },
  }
}

describe('relightYear', () => {
  const generated = generatedYear(30)
  // t-p1-i0 and t-p2-i0 (cumulative, ≥ 100 个) at 1-6月 (序时进度 50 %, expected 50): actuals 45 and 29
  // are exactly 90 % and 58 % of it; in doubles 0.58 × 100 is 57.99999999999999
  const exactly: Record<string, string> = { 't-p1-i0-n6': '45', 't-p2-i0-n6': '29' }
  generated.readings = generated.readings.map((r) => {
    const actual = exactly[r.id]
    return actual ? { ...r, actualValue: actual } : r
  })
  // reviewed alerts at 1-7月, on indicators lit by their ratio: one red closed, one green now (yellow under
  // a stricter threshold: still closed when raised), one over-run closed (blue under a lower threshold),
  // and a project's budget alert closed
  const july = computeNodeSnapshot({ dataset: generated, nodeId: 'n7', settings: defaultSettings() })
  if (!july.ok) throw new Error(july.messages.join('；'))
  const byRatio = july.value.indicators.filter((row) => row.assessment.ratioToExpected !== null)
  const percent = (row: (typeof byRatio)[number]) => row.assessment.ratioToExpected?.times(100).toNumber() ?? 0
  const red = byRatio.find((row) => row.assessment.light === 'red')
  const greenish = byRatio.find((row) => row.assessment.light === 'green' && percent(row) < 95)
  // the fastest one: blue under a lower over-run threshold (none is blue at the default 120 %)
  const blue = [...byRatio].sort((a, b) => percent(b) - percent(a))[0]
  if (!red || !greenish || !blue || percent(blue) < 110)
    throw new Error('the generated year has no red, near-green or fast ratio at 1-7月')
  generated.alerts = [
    stored('n7', 'indicator.light', 'indicator', red.indicator.id, 'closed'),
    stored('n7', 'indicator.light', 'indicator', greenish.indicator.id, 'closed'),
    stored('n7', 'indicator.overrun', 'indicator', blue.indicator.id, 'closed'),
    stored('n7', 'budget.projectLight', 'project', 'p3', 'closed'),
    stored('n7', 'indicator.light', 'indicator', 't-p4-i1', 'open'),
  ]

  it('a generated year: each node as computed, under thresholds that move lights both ways', () => {
    const settings = [
      withLights({ red: 70, yellow: 95, blue: 110 }),
      withLights({ red: 40, yellow: 60, blue: 150 }),
      withLights({}, { red: 30, yellow: 95 }),
      withLights({ red: 59.5, yellow: 80.25, blue: 119.75 }, { red: 61, yellow: 79 }),
    ]
    for (const to of settings) expect(expectRelit(generated, defaultSettings(), to)).toBeGreaterThan(0)
    // and back again from one of them
    expect(expectRelit(generated, settings[0] ?? defaultSettings(), defaultSettings())).toBeGreaterThan(0)
  })

  it('a threshold exactly on a ratio the data gives: the decimals decide, as the full computation does', () => {
    const june = computeNodeSnapshot({ dataset: generated, nodeId: 'n6', settings: defaultSettings() })
    const ratioOf = (id: string) =>
      june.ok
        ? june.value.indicators.find((row) => row.indicator.id === id)?.assessment.ratioToExpected?.toFixed()
        : null
    expect([ratioOf('t-p1-i0'), ratioOf('t-p2-i0')]).toEqual(['0.9', '0.58'])
    // 90 % against 90: not below the yellow threshold (green), at the blue one (blue); 58 % against 58:
    // not below the red one (yellow)
    expectRelit(generated, defaultSettings(), withLights({ red: 50, yellow: 90, blue: 130 }))
    expectRelit(generated, defaultSettings(), withLights({ red: 10, yellow: 20, blue: 90 }))
    expectRelit(generated, defaultSettings(), withLights({ red: 58, yellow: 90, blue: 130 }))
  })

  it('seed 001’s year (1-6月 定稿 keeps its frozen settings): each node as computed', () => {
    const demo = qiemo2021YearDataset()
    expect(demo.nodes.some((n) => n.status === 'locked')).toBe(true)
    expect(
      expectRelit(demo, defaultSettings(), withLights({ red: 70, yellow: 100, blue: 105 }, { red: 55, yellow: 99 })),
    ).toBeGreaterThan(0)
  })

  it('gives nothing when the 序时进度 mode changes: the ratios themselves move', () => {
    const day: MonitoringSettings = { ...defaultSettings(), timeProgressMode: 'day' }
    expect(relightYear(computedYear(generated, defaultSettings()), day)).toBeNull()
  })
})
