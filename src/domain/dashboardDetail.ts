/**
 * Drill-down figures: one project (its budget lines, monthly path, indicators) and one indicator
 * across every node of the year.
 */
import type { Dec } from './decimal'
import { withLinkedActual } from './costLink'
import { indicatorLight } from './lights'
import type { IndicatorAssessment } from './lights'
import { monthsThrough, monthEndTimeProgress } from './periods'
import { budgetFigures } from './rates'
import type { BudgetFigures } from './rates'
import type { MonitoringSettings } from './settings'
import type { NodeSnapshot, SnapshotIndicator } from './snapshot'
import type {
  Alert,
  BudgetLine,
  Id,
  Indicator,
  IndicatorReading,
  MonitoringNode,
  MonthNumber,
  Project,
  UnitYearDataset,
} from './types'

export interface PathPoint {
  month: MonthNumber
  spent: Dec
  executionRate: Dec | null
  timeProgress: Dec
}

export interface ProjectDetail {
  project: Project
  figures: BudgetFigures
  lines: { line: BudgetLine; figures: BudgetFigures }[]
  monthlyPath: PathPoint[]
  indicators: SnapshotIndicator[]
  /** alerts at the node about the project, its lines or its indicators */
  alerts: Alert[]
}

/**
 * `nodeAlerts`: the node's alerts as the rules raise them now, with their review state (the 预警 store's);
 * the stored ones by default, which are written only when someone opens 预警 or acts on an alert.
 */
export function projectDetail(
  dataset: UnitYearDataset,
  snapshot: NodeSnapshot,
  settings: MonitoringSettings,
  projectId: Id,
  nodeAlerts: readonly Alert[] = dataset.alerts,
): ProjectDetail | null {
  const project = dataset.projects.find((p) => p.id === projectId)
  if (!project) return null
  const lines = dataset.budgetLines.filter((l) => l.projectId === projectId)
  const lineIds = new Set(lines.map((l) => l.id))
  const executions = dataset.monthlyExecutions.filter((e) => lineIds.has(e.budgetLineId))
  const indicators = snapshot.indicators.filter((row) => row.projectId === projectId)
  const subjects = new Set<Id>([projectId, ...lineIds, ...indicators.map((row) => row.indicator.id)])
  return {
    project,
    figures: budgetFigures(lines, executions, snapshot.month),
    lines: snapshot.budget.byLine.filter((row) => lineIds.has(row.line.id)),
    monthlyPath: monthsThrough(snapshot.month).map((m) => {
      const f = budgetFigures(lines, executions, m)
      return {
        month: m,
        spent: f.spent,
        executionRate: f.executionRate,
        timeProgress: monthEndTimeProgress(dataset.year, m, settings.timeProgressMode),
      }
    }),
    indicators,
    alerts: nodeAlerts.filter((a) => a.nodeId === snapshot.node.id && subjects.has(a.subjectId)),
  }
}

export interface IndicatorAtNode {
  node: MonitoringNode
  reading: IndicatorReading | null
  assessment: IndicatorAssessment
}

/** The indicator's reading, completion and light at every node of the year, in date order. */
export function indicatorAcrossNodes(
  dataset: UnitYearDataset,
  settings: MonitoringSettings,
  indicator: Indicator,
): IndicatorAtNode[] {
  return [...dataset.nodes]
    .sort((a, b) => a.asOfDate.localeCompare(b.asOfDate))
    .map((node) => {
      const stored = dataset.readings.find((r) => r.nodeId === node.id && r.indicatorId === indicator.id)
      const reading = withLinkedActual(indicator, stored, dataset.monthlyExecutions, node.asOfDate, node.id) ?? null
      return { node, reading, assessment: indicatorLight(indicator, reading ?? undefined, node.asOfDate, settings) }
    })
}
