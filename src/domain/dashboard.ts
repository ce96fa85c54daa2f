/**
 * 概览 figures that are not in the node snapshot: indicator completion against expected grouped by
 * 一级/二级, the indicator × node light matrix (heatmap), the 双监控 rows per project (money progress
 * and target progress against the expected line) and the score the year is heading for.
 */
import { D, sum, toDecimalString } from './decimal'
import type { Dec } from './decimal'
import { isCostCeiling } from './completion'
import { withLinkedActual } from './costLink'
import { indicatorLight } from './lights'
import { builtInScheme, schemeContextOf, scorePreview, scoreScheme } from './scoring'
import type { SchemeScore, ScorePreview } from './scoring'
import type { MonthlyExecutionAverage } from './rates'
import type { MonitoringSettings } from './settings'
import type { NodeSnapshot, SnapshotIndicator } from './snapshot'
import type { Id, Light, ManagementInputs, MonitoringNode, UnitYearDataset } from './types'

/**
 * Progress of an indicator toward its expectation at the node, as a fraction (1 = on schedule):
 * cumulative → actual ÷ expected; other quantitative or 定性 → completion rate (capped view left to charts).
 * A cost ceiling has no expectation to progress toward (docs/domain-rules.md §10.3: spending slowly under it is not a
 * shortfall), so it is left out (null) rather than drawn as 18% "progress"; its light still counts.
 */
export function progressAgainstExpected(row: SnapshotIndicator): Dec | null {
  if (isCostCeiling(row.indicator)) return null
  if (row.assessment.ratioToExpected) return row.assessment.ratioToExpected
  return row.assessment.completion.status === 'rate' ? row.assessment.completion.rate : null
}

export interface LevelGroup {
  level1: string
  level2: string
  /** mean of the group's progress against expected (indicators with a value) */
  progress: Dec | null
  /** worst light of the group */
  light: Light
  measured: number
  total: number
}

const BADNESS: Readonly<Record<Light, number>> = { red: 4, yellow: 3, blue: 2, green: 1, grey: 0 }

/** Unit-scope indicators grouped by (一级, 二级) in framework order of first appearance. */
export function completionByLevel(snapshot: NodeSnapshot): LevelGroup[] {
  const groups = new Map<string, { level1: string; level2: string; rows: SnapshotIndicator[] }>()
  for (const row of snapshot.indicators) {
    if (row.scope !== 'unit') continue
    const key = `${row.level1}\u0000${row.level2}`
    const group = groups.get(key) ?? { level1: row.level1, level2: row.level2, rows: [] }
    group.rows.push(row)
    groups.set(key, group)
  }
  return [...groups.values()].map((g) => {
    const values = g.rows.map(progressAgainstExpected).filter((v): v is Dec => v !== null)
    const light = g.rows.reduce<Light>(
      (worst, r) => (BADNESS[r.assessment.light] > BADNESS[worst] ? r.assessment.light : worst),
      'grey',
    )
    return {
      level1: g.level1,
      level2: g.level2,
      light,
      measured: values.length,
      total: g.rows.length,
      progress: values.length ? sum(values).div(values.length) : null,
    }
  })
}

/** Indicators × nodes as drawn: lights[i][n] is indicator i at node n. */
export interface LightMatrix {
  nodes: MonitoringNode[]
  indicators: { id: Id; name: string }[]
  /** lights[i][n]: indicator i at node n */
  lights: Light[][]
}

/**
 * The unit's heatmap: every unit-scope indicator ranked worst first, and the first `limit` of them
 * as the drawn matrix. Nothing is dropped silently: `total` says how many there are and `all*` holds
 * every row in the same order, for a view that shows the rest on request.
 */
export interface IndicatorLightMatrix extends LightMatrix {
  /** unit-scope indicators in all; more than `indicators.length` when the limit left some out */
  total: number
  /** every row in rank order; `indicators` / `lights` are its first rows */
  allIndicators: LightMatrix['indicators']
  allLights: Light[][]
}

/** 40 rows keep the heatmap readable on one screen; the rest are shown on request. */
export const HEATMAP_ROWS = 40

/**
 * The unit-scope indicators' lights at every node of the year, nodes in date order. Rows are ranked
 * worst first by the light at the latest node (红 > 黄 > 蓝 > 绿 > 灰: a leader looks at what is behind,
 * then at over-runs that need explaining), ties by the light at the node before, then in the
 * framework's order (sortOrder). `limit: null` draws every row.
 */
export function indicatorLightMatrix(
  dataset: UnitYearDataset,
  settings: MonitoringSettings,
  limit: number | null = HEATMAP_ROWS,
): IndicatorLightMatrix {
  const nodes = [...dataset.nodes].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate))
  const unitTargets = new Set(dataset.targets.filter((t) => t.scope === 'unit').map((t) => t.id))
  const indicators = dataset.indicators
    .filter((i) => unitTargets.has(i.targetId))
    .sort((a, b) => a.sortOrder - b.sortOrder)
  const wanted = new Set(indicators.map((i) => i.id))
  const readings = new Map<string, UnitYearDataset['readings'][number]>()
  for (const r of dataset.readings) if (wanted.has(r.indicatorId)) readings.set(`${r.nodeId}\u0000${r.indicatorId}`, r)
  return rankedLightMatrix(
    nodes,
    indicators,
    (i, n) =>
      indicatorLight(
        i,
        withLinkedActual(i, readings.get(`${n.id}\u0000${i.id}`), dataset.monthlyExecutions, n.asOfDate, n.id),
        n.asOfDate,
        settings,
      ).light,
    limit,
  )
}

/**
 * The heatmap from each indicator's light at each node: `nodes` in date order, `indicators` in the
 * framework's order (sortOrder), ranked as indicatorLightMatrix says. Also used to draw it again from
 * the nodes' views under new thresholds (domain/relight).
 */
export function rankedLightMatrix<I extends { id: Id; name: string }>(
  nodes: MonitoringNode[],
  indicators: readonly I[],
  lightAt: (indicator: I, node: MonitoringNode) => Light,
  limit: number | null = HEATMAP_ROWS,
): IndicatorLightMatrix {
  const rows = indicators.map((i, index) => ({
    id: i.id,
    name: i.name,
    index,
    lights: nodes.map((n) => lightAt(i, n)),
  }))
  rows.sort((a, b) => worseFirst(a.lights, b.lights) || a.index - b.index)
  const allIndicators = rows.map((r) => ({ id: r.id, name: r.name }))
  const allLights = rows.map((r) => r.lights)
  const shown = limit === null ? rows.length : Math.max(0, Math.min(limit, rows.length))
  return {
    nodes,
    indicators: allIndicators.slice(0, shown),
    lights: allLights.slice(0, shown),
    total: rows.length,
    allIndicators,
    allLights,
  }
}

/** Compares two rows of lights from the latest node backwards: the worse light first. */
function worseFirst(a: readonly Light[], b: readonly Light[]): number {
  for (let n = a.length - 1; n >= 0; n--) {
    // A node with no light for the row (not monitored then) counts as grey.
    const diff = BADNESS[b[n] ?? 'grey'] - BADNESS[a[n] ?? 'grey']
    if (diff !== 0) return diff
  }
  return 0
}

export interface DualMonitoringRow {
  projectId: Id
  name: string
  /** 执行率 (money progress) */
  moneyProgress: Dec | null
  /** mean progress of the project's indicators against their expectation at the node, × 序时进度 so both bars share the axis */
  targetProgress: Dec | null
  /** the expected line: 序时进度 */
  expected: Dec
  budgetLight: Light
  indicatorLight: Light
}

/**
 * 双监控 per project: 执行率 beside target progress (the mean of its indicators' progress against
 * expected, expressed on the same scale as 执行率 by multiplying with 序时进度) and the 序时进度 line.
 */
export function dualMonitoring(snapshot: NodeSnapshot): DualMonitoringRow[] {
  const byProject = new Map<Id, SnapshotIndicator[]>()
  for (const row of snapshot.indicators) {
    if (!row.projectId) continue
    const list = byProject.get(row.projectId) ?? []
    list.push(row)
    byProject.set(row.projectId, list)
  }
  const expected = snapshot.timeProgress
  return snapshot.projectLights.map((p) => {
    const values = (byProject.get(p.projectId) ?? []).map(progressAgainstExpected).filter((v): v is Dec => v !== null)
    const rate = p.budget?.executionRate ?? null
    return {
      projectId: p.projectId,
      name: p.name,
      moneyProgress: rate,
      targetProgress: values.length ? sum(values).div(values.length).times(expected) : null,
      expected,
      budgetLight: p.budgetLight.light,
      indicatorLight: p.light,
    }
  })
}

export interface ScoreOutlook extends ScorePreview {
  /** true when no unit indicator carries a 分值 and each was weighted equally (100 ÷ n) [ours] */
  equalWeights: boolean
  /**
   * The scheme's 部门预算资金支出率 item (docs/domain-rules.md §4.8, §11.10): the average monthly 通报 rate over the
   * months fully reported so far (`monthly.months`; unreported months are left out, not 0) and its points
   * under the scheme's rule, rounded. Shown beside the per-indicator preview, which does not add it; the
   * 100-point table (`scheme`) does. null when the scheme has no such item (the common scheme).
   */
  budgetExecution: { monthly: MonthlyExecutionAverage; score: Dec; weight: Dec } | null
  /** the whole 100-point table of the setting's scheme: every item, its points, the total and grade */
  scheme: SchemeScore
}

/**
 * The year-end self-evaluation score the unit is heading for: the per-indicator preview (unit-scope
 * indicators, each on its 全年预计完成值 when given, else on its completion at the node; a cost ceiling as a
 * ceiling), and the setting's whole scheme scored (`scheme`, docs/domain-rules.md §11.8) with the
 * unit-year's 管理指标填报 when given. When no indicator has a 分值 (seed 001 gives none;
 * docs/domain-rules.md §11.5), every indicator weighs the same, 100 ÷ n, so the preview still shows where
 * the year is heading [ours].
 */
export function scoreOutlook(
  snapshot: NodeSnapshot,
  settings: MonitoringSettings,
  inputs: ManagementInputs | null = null,
): ScoreOutlook {
  const context = schemeContextOf(snapshot, inputs)
  const rows = context.indicators
  const equalWeights = rows.length > 0 && rows.every((row) => !row.indicator.weight?.trim())
  const equalWeight = equalWeights ? toDecimalString(new D(100).div(rows.length)) : null
  const items = rows.map((row) =>
    equalWeight ? { ...row, indicator: { ...row.indicator, weight: equalWeight } } : row,
  )
  const scheme = scoreScheme(builtInScheme(settings.scoringScheme), context)
  const monthlyItem = scheme.items.find((item) => item.months !== null)
  const budgetExecution = monthlyItem
    ? { monthly: snapshot.monthlyAverage, score: monthlyItem.points, weight: monthlyItem.weight }
    : null
  return { ...scorePreview(settings.scoringScheme, items), equalWeights, budgetExecution, scheme }
}

/** Projects sorted worst budget progress first (for the per-project bars). */
export function projectsByExecution(snapshot: NodeSnapshot): NodeSnapshot['projectLights'] {
  const rateOf = (p: NodeSnapshot['projectLights'][number]): Dec => p.budget?.executionRate ?? new D(-1)
  return [...snapshot.projectLights].sort((a, b) => rateOf(a).comparedTo(rateOf(b)))
}

/** The `limit` projects furthest behind on money progress (no rate last), for charts that cannot show 1,000 bars. */
export function slowestProjects(rows: readonly DualMonitoringRow[], limit: number): DualMonitoringRow[] {
  const key = (r: DualMonitoringRow): Dec => r.moneyProgress ?? new D(Number.MAX_SAFE_INTEGER)
  return [...rows].sort((a, b) => key(a).comparedTo(key(b))).slice(0, limit)
}
