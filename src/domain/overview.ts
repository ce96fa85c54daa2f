/**
 * The 概览 of one node, as the overview worker (src/worker) computes it and posts it: what the page
 * shows and nothing more. At 主管部门 size a node snapshot holds 20,020 indicators with their readings
 * and assessments (≈ 19 MB once cloned, 160 ms to receive on the main thread, docs/benchmarks.md (round 4)),
 * while the 概览 lists only the unit's own (整体) indicators and a few figures over all of them. So the
 * view carries the snapshot with only the unit's indicators, and the figures that need every indicator
 * (双监控 rows, the open alerts) already computed.
 *
 * The budget part comes first: `budgetOverview` needs only the budget lines and their months (about
 * 13,000 rows at 主管部门 size, not 240,000 readings), so the KPIs can be painted before the indicators are
 * read and assessed.
 */
import { nodeAlertsSteps, withReviewState } from './alerts'
import {
  dualMonitoring,
  indicatorLightMatrix,
  slowestProjects,
  type DualMonitoringRow,
  type IndicatorLightMatrix,
} from './dashboard'
import { schemeContextOf, type SchemeContext } from './scoring'
import { forecastExecution, forecastIndicators, type ExecutionForecast, type IndicatorForecast } from './forecast'
import { settingsForNode } from './lock'
import type { Checked } from './result'
import { DEFAULT_SETTINGS, type MonitoringSettings } from './settings'
import { lightPackOf, type LightPack } from './relight'
import { computeNodeSnapshot, nodeSnapshotSteps, type NodeSnapshot } from './snapshot'
import { runSteps, type Steps } from './steps'
import type { Id, UnitYearDataset } from './types'
import type { Wire } from './wire'

/** The open alerts of a node: how many, and how many of them red. */
export interface OpenAlertCounts {
  total: number
  red: number
}

/** How many projects the 概览 charts: the slowest ones (双监控 and the projects' 执行率). */
export const OVERVIEW_PROJECTS = 20

/** What the 概览 shows that needs the node's indicators (all of them, not only the unit's). */
export interface OverviewIndicatorPart {
  /** the OVERVIEW_PROJECTS slowest projects' money progress against their target progress (双监控) */
  slowest: DualMonitoringRow[]
  /** how many projects the unit has (the charts name it: 「执行最慢的 20 个，共 1000 个」) */
  projectCount: number
  /** what the score preview scores (scoring.schemeContextOf of the whole snapshot, without the inputs) */
  schemeContext: SchemeContext
  /** the unit's indicators' lights at every node of the year */
  matrix: IndicatorLightMatrix
  executionForecast: ExecutionForecast
  /** year-end forecasts of the unit's cumulative indicators */
  indicatorForecasts: IndicatorForecast[]
  /** the node's alerts as the rules raise them now, with their stored review state */
  openAlerts: OpenAlertCounts
}

export interface OverviewView {
  nodeId: Id
  /**
   * The node snapshot as the 概览 shows it: only the unit's own (整体) indicators; the budget by line
   * and by project and the project lights only for the slowest projects charted (`overviewSnapshot`).
   * Before the indicator part is known (`indicators` null) it is the budget part alone: its indicator
   * figures are empty, not zero.
   */
  snapshot: NodeSnapshot
  indicators: OverviewIndicatorPart | null
}

/**
 * What a node's view reads beyond its own node's rows, so a kept view can tell whether a later change
 * touches it (db/viewCache `touchesView`): the indicators whose readings it reads at every node (the
 * unit's own: the heatmap and the forecasts), and the last month of 执行数 it reads (the node's month), or
 * null when it reads every month: a unit indicator linked to budget lines takes its actual from them at
 * every node of the heatmap (domain/costLink).
 */
export interface ViewReach {
  readsIndicators: Id[]
  budgetThrough: number | null
}

export function viewReach(view: OverviewView): ViewReach {
  const unitRows = view.snapshot.indicators
  const linked = unitRows.some((row) => (row.indicator.budgetLineIds ?? []).length > 0)
  return {
    readsIndicators: unitRows.map((row) => row.indicator.id),
    budgetThrough: linked ? null : view.snapshot.month,
  }
}

/** The dataset's budget part: what `budgetOverview` reads (no target, indicator or reading). */
export type BudgetPart = Omit<UnitYearDataset, 'targets' | 'indicators' | 'readings'>

/** The 概览's budget part at a node: the snapshot over the budget alone. */
export function budgetOverview(budget: BudgetPart, nodeId: Id, settings: MonitoringSettings): Checked<OverviewView> {
  const dataset: UnitYearDataset = { ...budget, targets: [], indicators: [], readings: [] }
  const snapshot = computeNodeSnapshot({ dataset, nodeId, settings: nodeSettings(dataset, nodeId, settings) })
  return snapshot.ok
    ? { ok: true, value: { nodeId, snapshot: overviewSnapshot(snapshot.value, []), indicators: null } }
    : snapshot
}

/**
 * What the 概览 reads of a snapshot. At 主管部门 size the budget by line (1,005 lines with their rows),
 * by project and the project lights (1,000 each) were most of a view's 1.2 MB and of the time to
 * receive it (docs/benchmarks.md (round 4)); the page lists none of them.
 */
export function overviewSnapshot(snapshot: NodeSnapshot, charted: readonly DualMonitoringRow[]): NodeSnapshot {
  const shown = new Set(charted.map((row) => row.projectId))
  return {
    ...snapshot,
    budget: { ...snapshot.budget, byLine: [], byProject: [] },
    projectLights: snapshot.projectLights.filter((p) => shown.has(p.projectId)),
    indicators: snapshot.indicators.filter((row) => row.scope === 'unit'),
  }
}

/**
 * The whole 概览 at a node over the unit-year (which holds the node's readings, and the unit's
 * indicators' readings at every node). The figures are the functions the page used to call itself.
 */
export function overviewOf(dataset: UnitYearDataset, nodeId: Id, settings: MonitoringSettings): Checked<OverviewView> {
  const computed = runSteps(overviewSteps(dataset, nodeId, settings))
  return computed.ok ? { ok: true, value: computed.value.view } : computed
}

/** A node's view, and what it keeps to be lit again under other thresholds (domain/relight). */
export interface ComputedOverview {
  view: OverviewView
  pack: LightPack
}

/**
 * overviewOf in steps (domain/steps.ts): the worker prepares other nodes this way, and takes a switch
 * in between instead of after the whole node.
 */
export function* overviewSteps(
  dataset: UnitYearDataset,
  nodeId: Id,
  settings: MonitoringSettings,
): Steps<Checked<ComputedOverview>> {
  const nodeSettingsNow = nodeSettings(dataset, nodeId, settings)
  const computed = yield* nodeSnapshotSteps({ dataset, nodeId, settings: nodeSettingsNow })
  if (!computed.ok) return computed
  const snapshot = computed.value
  yield
  const raised = yield* nodeAlertsSteps({ dataset, snapshot, settings: nodeSettingsNow })
  yield
  const stored = dataset.alerts.filter((a) => a.nodeId === nodeId)
  const reviewed = withReviewState(raised, stored)
  const open = reviewed.filter((a) => a.status === 'open')
  const dual = dualMonitoring(snapshot)
  const slowest = slowestProjects(dual, OVERVIEW_PROJECTS)
  const view: OverviewView = {
    nodeId,
    snapshot: overviewSnapshot(snapshot, slowest),
    indicators: {
      slowest,
      projectCount: dual.length,
      schemeContext: schemeContextOf(snapshot),
      // the page passes the current settings, not the node's: the heatmap spans every node of the year
      matrix: indicatorLightMatrix(dataset, settings),
      executionForecast: forecastExecution(snapshot, dataset),
      indicatorForecasts: forecastIndicators(snapshot, dataset),
      openAlerts: { total: open.length, red: open.filter((a) => a.light === 'red').length },
    },
  }
  return { ok: true, value: { view, pack: lightPackOf(snapshot, reviewed, stored, nodeSettingsNow) } }
}

/** A 定稿 node follows the settings frozen with it (domain/lock). */
function nodeSettings(dataset: Pick<UnitYearDataset, 'nodes'>, nodeId: Id, settings: MonitoringSettings) {
  const node = dataset.nodes.find((n) => n.id === nodeId)
  return node ? settingsForNode(node, settings) : settings
}

/**
 * The settings a view is computed with. The display precision of rates (ratePrecision) and the scoring
 * scheme are left at their defaults: the 概览's figures are Decimals, formatted by the page with the
 * current precision, the alerts' sentences use a fixed one, and the score preview is scored on the page
 * from the view's `schemeContext` under the scheme chosen now; so a view depends on neither
 * (test/worker/overviewService.test.ts checks it). Changing them therefore keeps every view, kept ones
 * included, instead of computing the year again (≈ 0.45 s a node at 主管部门 size).
 */
export function viewSettings(settings: MonitoringSettings): MonitoringSettings {
  return {
    ...settings,
    budgetLight: { ...settings.budgetLight },
    indicatorLight: { ...settings.indicatorLight },
    ratePrecision: DEFAULT_SETTINGS.ratePrecision,
    scoringScheme: DEFAULT_SETTINGS.scoringScheme,
  }
}

/** Asks the overview worker for a node's 概览 (the latest request wins; earlier ones get no answer). */
export interface OverviewRequest {
  type: 'show'
  /** increases with each request, so a reply can be matched to the request it answers */
  request: number
  unitId: Id
  year: number
  nodeId: Id
  /** the workspace's data version: a new one means the stored data changed and every view is stale */
  version: number
  settings: MonitoringSettings
}

/**
 * The worker's answers. `view` is an OverviewView through `toWire` (domain/wire); `stage` says whether
 * it is the budget part alone or complete. `prepared` tells how many nodes of the year are ready.
 */
export type OverviewReply =
  | { type: 'view'; request: number; stage: 'budget' | 'complete'; view: Wire }
  | { type: 'failed'; request: number; messages: string[] }
  | { type: 'prepared'; version: number; nodeId: Id; nodes: number; of: number }
  /**
   * Complete views ready in the worker (kept at rest, or just computed), for the data and settings of
   * request `request` and later ones: the page keeps them, so a switch to one is answered at once
   * even while the worker is busy with another node (its answer still follows).
   */
  | { type: 'views'; request: number; views: [Id, Wire][] }
