/**
 * A node's 概览 again under new light thresholds, without computing the node again. A threshold
 * (预警灯 red / yellow / blue, 执行进度比 red / yellow) changes only which light a ratio gets; the ratios
 * themselves (each indicator's actual ÷ expected, each budget's 执行率 ÷ 序时进度) do not move. At 主管部门
 * size computing a node is ≈ 0.5 s of reading and assessing 20,020 indicators (docs/benchmarks.md
 * (round 8)); this works over what the node's view and its `LightPack` keep: all twelve nodes of that
 * year in ≈ 30 ms of CPU in Node (65 ms the first time; measured 2026-12-05, generated year of
 * scripts/bench/dashboardData.mjs, 12,012 ratios a node).
 *
 * The pack is taken when the view is computed (`lightPackOf`): the ratios whose light depends on the
 * thresholds, with whether their alert was closed (批示 … 关闭), and everything else (lights and open
 * alerts the thresholds cannot change) counted. `relightYear` then gives, for every node of the year,
 * the view `overviewOf` would give under the new settings, byte for byte
 * (test/domain/relight.test.ts), or null when it cannot (another 序时进度 mode moves the ratios; a node
 * without a view leaves the heatmap without its column).
 */
import { reviewKey } from './alerts'
import { D } from './decimal'
import { rankedLightMatrix, type IndicatorLightMatrix } from './dashboard'
import {
  budgetLight,
  countLights,
  indicatorLight,
  lightForPercentOfExpected,
  lightForRatio,
  worstLight,
} from './lights'
import { settingsForNode } from './lock'
import type { OverviewView } from './overview'
import type { IndicatorLightThresholds, LightThresholds, MonitoringSettings, TimeProgressMode } from './settings'
import type { NodeSnapshot } from './snapshot'
import type { Alert, Id, Light } from './types'
import { validateReading } from './validation'

/** Lights in counting order (Record<Light, number> as countLights makes it). */
const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'blue', 'grey']

/** What a node's view keeps to be lit again under other thresholds: plain data, cloned as is. */
export interface LightPack {
  /** the 序时进度 mode the ratios were taken in: another mode moves them */
  timeProgressMode: TimeProgressMode
  /** open alerts whose raising no threshold decides */
  fixedOpen: { total: number; red: number }
  /** the unit's 执行进度比 (budgetLight ratio, decimal string), null when it has none */
  unitBudgetRatio: string | null
  /** its budget.light alert was closed */
  unitBudgetClosed: boolean
  /** every project, in the snapshot's project order */
  projectIds: Id[]
  /** each project's 执行进度比, null when it has none */
  projectBudgetRatios: (string | null)[]
  /** 1 when its budget.projectLight alert was closed */
  projectBudgetClosed: Uint8Array
  /** per project, 5 counts in LIGHTS order: its indicators' lights that no threshold decides */
  projectFixedLights: Int32Array
  /** the indicators lit by actual ÷ expected (assessment.ratioToExpected): the project's index, -1 for the unit */
  ratioProjects: Int32Array
  /** … that ratio as a decimal string */
  ratios: string[]
  /** … bit 1: its indicator.light alert closed, bit 2: its indicator.overrun alert closed */
  ratioClosed: Uint8Array
}

/**
 * The pack of a node's view, from its whole snapshot (every indicator), its alerts as raised now with
 * their review state (alerts.withReviewState) and the node's stored alerts, under `settings` (the node's
 * own). An alert stored closed stays closed when new thresholds raise it again (withReviewState matches
 * by rule and subject), so closedness is taken from the stored alerts, raised now or not.
 */
export function lightPackOf(
  snapshot: NodeSnapshot,
  alerts: readonly Alert[],
  stored: readonly Alert[],
  settings: MonitoringSettings,
): LightPack {
  const projectIndex = new Map(snapshot.projectLights.map((p, index) => [p.projectId, index]))
  const byKey = new Map(stored.map((a) => [reviewKey(a.ruleId, a.subjectId), a]))
  const isClosed = (ruleId: string, subjectId: Id) => {
    const old = byKey.get(reviewKey(ruleId, subjectId))
    return old !== undefined && old.status !== 'open'
  }

  const projectFixedLights = new Int32Array(snapshot.projectLights.length * LIGHTS.length)
  const ratioProjects: number[] = []
  const ratios: string[] = []
  const ratioClosed: number[] = []
  const byRatio = new Set<Id>()
  for (const row of snapshot.indicators) {
    const project = row.projectId === null ? -1 : (projectIndex.get(row.projectId) ?? -1)
    const ratio = row.assessment.ratioToExpected
    if (ratio === null) {
      const at = project * LIGHTS.length + LIGHTS.indexOf(row.assessment.light)
      if (project >= 0) projectFixedLights[at] = (projectFixedLights[at] ?? 0) + 1
      continue
    }
    byRatio.add(row.indicator.id)
    ratioProjects.push(project)
    ratios.push(ratio.toFixed())
    ratioClosed.push(
      (isClosed('indicator.light', row.indicator.id) ? 1 : 0) |
        (isClosed('indicator.overrun', row.indicator.id) ? 2 : 0),
    )
  }
  const byThresholds = (a: Alert) =>
    a.ruleId === 'budget.light' ||
    a.ruleId === 'budget.projectLight' ||
    ((a.ruleId === 'indicator.light' || a.ruleId === 'indicator.overrun') && byRatio.has(a.subjectId))
  const fixed = alerts.filter((a) => a.status === 'open' && !byThresholds(a))
  return {
    timeProgressMode: settings.timeProgressMode,
    fixedOpen: { total: fixed.length, red: fixed.filter((a) => a.light === 'red').length },
    unitBudgetRatio: snapshot.budgetLight.ratio?.toFixed() ?? null,
    unitBudgetClosed: isClosed('budget.light', snapshot.node.unitId),
    projectIds: snapshot.projectLights.map((p) => p.projectId),
    projectBudgetRatios: snapshot.projectLights.map((p) => p.budgetLight.ratio?.toFixed() ?? null),
    projectBudgetClosed: Uint8Array.from(
      snapshot.projectLights.map((p) => (isClosed('budget.projectLight', p.projectId) ? 1 : 0)),
    ),
    projectFixedLights,
    ratioProjects: Int32Array.from(ratioProjects),
    ratios,
    ratioClosed: Uint8Array.from(ratioClosed),
  }
}

/**
 * Every node's view of the year under `settings`, from the views and packs kept under other thresholds;
 * null when they cannot give it (see the header). `views` must hold every node of the year, all of one
 * data version.
 */
export function relightYear(
  views: ReadonlyMap<Id, { view: OverviewView; pack: LightPack }>,
  settings: MonitoringSettings,
): Map<Id, OverviewView> | null {
  const kept = [...views.values()]
  for (const { view, pack } of kept) {
    if (view.indicators === null) return null
    if (settingsForNode(view.snapshot.node, settings).timeProgressMode !== pack.timeProgressMode) return null
  }
  const matrix = relitMatrix(
    kept.map(({ view }) => view),
    settings,
  )
  if (matrix === null) return null
  return new Map(kept.map(({ view, pack }) => [view.nodeId, relightView(view, pack, settings, matrix)]))
}

/** The heatmap under `settings`, from the unit's indicators' rows of every node's view. */
function relitMatrix(views: readonly OverviewView[], settings: MonitoringSettings): IndicatorLightMatrix | null {
  const first = views[0]?.indicators?.matrix
  if (!first) return null
  const nodes = first.nodes
  const byNode = new Map(
    views.map((v) => [v.nodeId, new Map(v.snapshot.indicators.map((row) => [row.indicator.id, row]))]),
  )
  // the matrix's indicators, in the framework's order (the snapshot's unit rows), each in every node's view
  const order = views[0]?.snapshot.indicators ?? []
  const wanted = new Set(first.allIndicators.map((i) => i.id))
  const indicators = order.filter((row) => wanted.has(row.indicator.id)).map((row) => row.indicator)
  if (indicators.length !== wanted.size) return null
  if (nodes.some((n) => !byNode.has(n.id))) return null
  for (const n of nodes) for (const i of indicators) if (!byNode.get(n.id)?.has(i.id)) return null
  return rankedLightMatrix(nodes, indicators, (i, n) => {
    const row = byNode.get(n.id)?.get(i.id)
    return indicatorLight(i, row?.reading ?? undefined, n.asOfDate, settings).light
  })
}

/** One node's view under `settings` (the node's own: a 定稿 node keeps its frozen ones), with the year's heatmap. */
function relightView(
  view: OverviewView,
  pack: LightPack,
  current: MonitoringSettings,
  matrix: IndicatorLightMatrix,
): OverviewView {
  const { snapshot } = view
  const settings = settingsForNode(snapshot.node, current)
  const indicatorThresholds = settings.indicatorLight
  const budgetThresholds = settings.budgetLight

  // the unit's own indicators, as the snapshot assesses them
  const indicators = snapshot.indicators.map((row) => {
    const reading = row.reading ?? undefined
    const assessment = indicatorLight(row.indicator, reading, snapshot.asOf, settings)
    return { ...row, assessment, issues: validateReading(row.indicator, reading, assessment) }
  })
  const unitLights = indicators.filter((row) => row.scope === 'unit').map((row) => row.assessment.light)

  // every ratio's light: the projects' lights and the alerts they raise
  const projectCounts = Array.from(pack.projectIds, (_, p) =>
    Array.from(LIGHTS, (_, l) => pack.projectFixedLights[p * LIGHTS.length + l] ?? 0),
  )
  let open = pack.fixedOpen.total
  let red = pack.fixedOpen.red
  for (let k = 0; k < pack.ratios.length; k++) {
    const light = percentLight(pack.ratios[k] ?? '0', indicatorThresholds)
    const project = pack.ratioProjects[k] ?? -1
    const counts = project >= 0 ? projectCounts[project] : undefined
    if (counts) counts[LIGHTS.indexOf(light)] = (counts[LIGHTS.indexOf(light)] ?? 0) + 1
    const closedBits = pack.ratioClosed[k] ?? 0
    if ((light === 'red' || light === 'yellow') && !(closedBits & 1)) {
      open += 1
      if (light === 'red') red += 1
    } else if (light === 'blue' && !(closedBits & 2)) open += 1
  }
  const budgetRaises = (ratio: string | null, closed: boolean) => {
    if (ratio === null || closed) return
    const light = ratioLight(ratio, budgetThresholds)
    if (light === 'red' || light === 'yellow') {
      open += 1
      if (light === 'red') red += 1
    }
  }
  budgetRaises(pack.unitBudgetRatio, pack.unitBudgetClosed)
  pack.projectBudgetRatios.forEach((ratio, p) => budgetRaises(ratio, pack.projectBudgetClosed[p] === 1))

  // the charted projects (the view keeps only those)
  const projectIndex = new Map(pack.projectIds.map((id, index) => [id, index]))
  const projectLights = snapshot.projectLights.map((p) => {
    const counts = projectCounts[projectIndex.get(p.projectId) ?? -1] ?? LIGHTS.map(() => 0)
    const lights = LIGHTS.flatMap((light, l) => Array.from({ length: counts[l] ?? 0 }, () => light))
    return {
      ...p,
      light: worstLight(lights),
      counts: countLights(lights),
      budgetLight: budgetLight(p.budget?.executionRate ?? null, snapshot.timeProgress, budgetThresholds),
    }
  })
  const byProject = new Map(projectLights.map((p) => [p.projectId, p]))
  const part = view.indicators
  return {
    nodeId: view.nodeId,
    snapshot: {
      ...snapshot,
      budgetLight: budgetLight(snapshot.budget.unit.executionRate, snapshot.timeProgress, budgetThresholds),
      indicators,
      lightCounts: countLights(unitLights),
      unitIndicatorLight: worstLight(unitLights),
      projectLights,
    },
    indicators: part && {
      ...part,
      slowest: part.slowest.map((row) => {
        const p = byProject.get(row.projectId)
        return p ? { ...row, budgetLight: p.budgetLight.light, indicatorLight: p.light } : row
      }),
      matrix,
      openAlerts: { total: open, red },
    },
  }
}

/**
 * lightForPercentOfExpected of ratio × 100, in floating point when the percent is clear of every
 * threshold (a double's error is ≈ 1e-14 of it), else in decimals: the same light either way. In decimals
 * throughout, the year above took ≈ 350 ms instead of ≈ 30.
 */
function percentLight(ratio: string, t: IndicatorLightThresholds): Light {
  const approx = Number(ratio) * 100
  if (clearOf(approx, t.blue) && clearOf(approx, t.red) && clearOf(approx, t.yellow)) {
    if (approx >= t.blue) return 'blue'
    if (approx < t.red) return 'red'
    if (approx < t.yellow) return 'yellow'
    return 'green'
  }
  return lightForPercentOfExpected(new D(ratio).times(100), t)
}

/** lightForRatio of a 执行进度比, the same way. */
function ratioLight(ratio: string, t: LightThresholds): Light {
  const approx = Number(ratio)
  if (clearOf(approx, t.red) && clearOf(approx, t.yellow)) {
    if (approx < t.red) return 'red'
    if (approx < t.yellow) return 'yellow'
    return 'green'
  }
  return lightForRatio(new D(ratio), t)
}

function clearOf(value: number, threshold: number): boolean {
  return Number.isFinite(value) && Math.abs(value - threshold) > 1e-9 * Math.max(1, Math.abs(threshold))
}
