/**
 * Everything a view shows for one monitoring node, computed once per (dataset, node, settings)
 * rather than per render. Plain data with Decimal figures: format with decimal.ts, never store it
 * in IndexedDB (structured clone drops Decimal's prototype).
 */
import type { Dec } from './decimal'
import { withLinkedActual } from './costLink'
import { countLights, budgetLight, indicatorLight, isOverspent, spendsUnallocatedFunds, worstLight } from './lights'
import type { BudgetLightResult, IndicatorAssessment } from './lights'
import { monthEndTimeProgress, monthsThrough, nodeLabel, parseNodeDate, timeProgressOf } from './periods'
import {
  adjustedBudgets,
  averageMonthlyExecutionRate,
  figuresOf,
  lineAmountsAt,
  monthEntries,
  reportedMonthlyRates,
  rollUpAmounts,
  sortLines,
  totalOf,
  unreportedLinesAt,
} from './rates'
import type { BudgetFigures, BudgetGroup, MonthEntries, MonthlyExecutionAverage, UnreportedLine } from './rates'
import { fail, issue, ok } from './result'
import type { Checked, ValidationIssue } from './result'
import type { MonitoringSettings, TimeProgressMode } from './settings'
import { validateReading } from './validation'
import { ROWS_PER_STEP, runSteps, type Steps } from './steps'
import type {
  BudgetLine,
  Id,
  Indicator,
  IndicatorReading,
  IsoDate,
  Light,
  MonitoringNode,
  MonthNumber,
  PerformanceTarget,
  UnitYearDataset,
} from './types'

export interface SnapshotIndicator {
  indicator: Indicator
  level1: string
  level2: string
  scope: 'unit' | 'project'
  /** the project of a project-scope target */
  projectId: Id | null
  reading: IndicatorReading | null
  assessment: IndicatorAssessment
  /** what the reading still lacks (validateReading) */
  issues: ValidationIssue[]
}

export interface MonthlyPathPoint {
  month: MonthNumber
  /**
   * Who entered this month: 'none' = no line has an entry for it (未填报: the figures below are carried
   * forward, or 0 before any entry, and must not be drawn as the month's own); 'some' = some lines
   * are carried forward (`unreportedLines` of them).
   */
  entries: MonthEntries
  /** lines expected to report with no entry for exactly this month */
  unreportedLines: number
  allocated: Dec
  spent: Dec
  executionRate: Dec | null
  /** 序时进度 at the month's last day */
  timeProgress: Dec
}

export interface ProjectLight {
  projectId: Id
  name: string
  /** worst light of the project's indicators (grey when none is measurable) */
  light: Light
  counts: Record<Light, number>
  /** the project's budget figures, null when it has no budget line */
  budget: BudgetFigures | null
  /** the project's own budget light (its 执行率 against 序时进度; grey without a budget) */
  budgetLight: BudgetLightResult
}

export interface NodeSnapshot {
  node: MonitoringNode
  asOf: IsoDate
  /** the node's own label, or '2021年1-6月' derived from its date */
  label: string
  /** the month whose cumulative execution applies */
  month: MonthNumber
  timeProgress: Dec
  /** how timeProgress was taken (settings.timeProgressMode): forecasts place earlier nodes the same way */
  timeProgressMode: TimeProgressMode
  /** the budget figures' denominator counts 上年结转 (Unit.carryOverInExecutionBase) */
  budgetIncludesCarryOver: boolean
  budget: {
    unit: BudgetFigures
    byCategory: BudgetGroup[]
    bySubCategory: BudgetGroup[]
    byFundSource: BudgetGroup[]
    byProject: BudgetGroup[]
    byLine: { line: BudgetLine; figures: BudgetFigures }[]
  }
  budgetLight: BudgetLightResult
  /** 执行率 > 100% */
  overspent: boolean
  /** 执行数 > 到位资金 somewhere: a data error */
  spendsUnallocatedFunds: boolean
  monthlyPath: MonthlyPathPoint[]
  /**
   * seed 003 (docs/domain-rules.md §4.8): mean of the fully reported months' 通报 rates (执行率 ÷ 序时进度
   * at each month's end, in the settings' mode) among 1..month, each capped at 100%, and the months it
   * used; unreported months are left out, never 0 (rates.averageMonthlyExecutionRate)
   */
  monthlyAverage: MonthlyExecutionAverage
  /**
   * Lines expected to report with no entry for the node's month, in sortOrder. The totals still use
   * each one's latest figure (from `latestMonth`, nothing when null): show it labelled (截至6月).
   */
  unreportedLines: UnreportedLine[]
  /** unit-scope indicators first, then each project's, each in sortOrder */
  indicators: SnapshotIndicator[]
  /** lights of the unit-scope (整体) indicators */
  lightCounts: Record<Light, number>
  /** counted from the unit-scope indicators: distinct 一级, distinct 一级/二级 pairs, 三级 rows */
  indicatorCounts: { level1: number; level2: number; level3: number }
  /** worst light of the unit-scope indicators */
  unitIndicatorLight: Light
  projectLights: ProjectLight[]
}

export interface NodeSnapshotInput {
  dataset: UnitYearDataset
  nodeId: Id
  settings: MonitoringSettings
}

export function computeNodeSnapshot(input: NodeSnapshotInput): Checked<NodeSnapshot> {
  return runSteps(nodeSnapshotSteps(input))
}

/** computeNodeSnapshot in steps (domain/steps.ts): a pause after every ROWS_PER_STEP indicators assessed. */
export function* nodeSnapshotSteps({ dataset, nodeId, settings }: NodeSnapshotInput): Steps<Checked<NodeSnapshot>> {
  const node = dataset.nodes.find((n) => n.id === nodeId)
  if (!node) return fail([issue('nodeId', 'node.notFound', `未找到监控节点（${nodeId}）`)])
  const parsed = parseNodeDate(node.asOfDate)
  if (!parsed.ok) return fail(parsed.issues)
  if (parsed.value.year !== dataset.year) {
    return fail([issue('asOfDate', 'node.wrongYear', `监控节点日期 ${node.asOfDate} 不在预算年度 ${dataset.year} 内`)])
  }
  const { month, year } = parsed.value
  const mode = settings.timeProgressMode
  const lines = dataset.budgetLines
  const executions = dataset.monthlyExecutions
  const progress = timeProgressOf(parsed.value, mode)

  // Each line's budget once, and every month's amounts once: the unit total, the roll-ups, the
  // monthly path and the seed 003 average (docs/domain-rules.md §4.8) all read from these (1,005 lines ×
  // 6 months at 主管部门 size).
  const sortedLines = sortLines(lines)
  // each month against its own budget: a dated 追加 counts from its month on (docs/domain-rules.md §4.2)
  const base = { includeCarryOver: dataset.unit.carryOverInExecutionBase === true }
  const amountsByMonth = monthsThrough(month).map((m) =>
    lineAmountsAt(sortedLines, executions, m, adjustedBudgets(sortedLines, m, base)),
  )
  const pathMonths = amountsByMonth.map((monthAmounts) => ({ monthAmounts, figures: totalOf(monthAmounts) }))
  // monthsThrough(month) is never empty, so the fallback is only for the type checker
  const latest = pathMonths[pathMonths.length - 1] ?? { monthAmounts: [], figures: totalOf([]) }
  const amounts = latest.monthAmounts
  const unit = latest.figures
  const byLine = amounts.map((a) => ({ line: a.line, figures: figuresOf(a.budget, a.allocated, a.spent) }))
  const byProject = rollUpAmounts(amounts, 'project', dataset.projects)

  const monthlyPath = pathMonths.map(({ monthAmounts, figures }, index): MonthlyPathPoint => {
    const m = (index + 1) as MonthNumber
    return {
      month: m,
      entries: monthEntries(monthAmounts, m),
      unreportedLines: unreportedLinesAt(monthAmounts, m).length,
      allocated: figures.allocated,
      spent: figures.spent,
      executionRate: figures.executionRate,
      timeProgress: monthEndTimeProgress(year, m, mode),
    }
  })

  const indicators = yield* assessIndicators(dataset, node, settings)
  const unitRows = indicators.filter((row) => row.scope === 'unit')
  const unitLights = unitRows.map((row) => row.assessment.light)

  return ok({
    node,
    asOf: node.asOfDate,
    label: node.label || nodeLabel(node.asOfDate),
    month,
    timeProgress: progress,
    timeProgressMode: mode,
    budgetIncludesCarryOver: base.includeCarryOver,
    budget: {
      unit,
      byCategory: rollUpAmounts(amounts, 'category'),
      bySubCategory: rollUpAmounts(amounts, 'subCategory'),
      byFundSource: rollUpAmounts(amounts, 'fundSource'),
      byProject,
      byLine,
    },
    budgetLight: budgetLight(unit.executionRate, progress, settings.budgetLight),
    overspent: isOverspent(unit.executionRate),
    spendsUnallocatedFunds: byLine.some((l) => spendsUnallocatedFunds(l.figures)),
    monthlyPath,
    monthlyAverage: averageMonthlyExecutionRate(
      reportedMonthlyRates(amountsByMonth, (m) => monthEndTimeProgress(year, m, mode)),
      month,
    ),
    unreportedLines: unreportedLinesAt(amounts, month),
    indicators,
    lightCounts: countLights(unitLights),
    indicatorCounts: indicatorCounts(unitRows.map((row) => row.indicator)),
    unitIndicatorLight: worstLight(unitLights),
    projectLights: projectLights(dataset, indicators, byProject, progress, settings),
  })
}

/** Each project's worst light and light counts, and its budget (grouped once: 1,000 projects × 20,000 indicators at 主管部门 size). */
function projectLights(
  dataset: UnitYearDataset,
  indicators: readonly SnapshotIndicator[],
  byProject: readonly BudgetGroup[],
  progress: Dec,
  settings: MonitoringSettings,
): ProjectLight[] {
  const lightsByProject = new Map<Id, Light[]>()
  for (const row of indicators) {
    if (row.projectId === null) continue
    const lights = lightsByProject.get(row.projectId)
    if (lights) lights.push(row.assessment.light)
    else lightsByProject.set(row.projectId, [row.assessment.light])
  }
  const budgets = new Map(byProject.map((g) => [g.key, g.figures]))
  return dataset.projects.map((project): ProjectLight => {
    const lights = lightsByProject.get(project.id) ?? []
    const budget = budgets.get(project.id) ?? null
    return {
      projectId: project.id,
      name: project.name,
      light: worstLight(lights),
      counts: countLights(lights),
      budget,
      budgetLight: budgetLight(budget?.executionRate ?? null, progress, settings.budgetLight),
    }
  })
}

function* assessIndicators(
  dataset: UnitYearDataset,
  node: MonitoringNode,
  settings: MonitoringSettings,
): Steps<SnapshotIndicator[]> {
  const readings = new Map(dataset.readings.filter((r) => r.nodeId === node.id).map((r) => [r.indicatorId, r]))
  const targets = new Map<Id, PerformanceTarget>(dataset.targets.map((t) => [t.id, t]))
  // unit targets first, then projects in the dataset's project order
  const projectOrder = new Map(dataset.projects.map((p, index) => [p.id, index]))
  const targetRank = (target: PerformanceTarget | undefined): number =>
    !target
      ? Number.MAX_SAFE_INTEGER
      : target.scope === 'unit'
        ? -1
        : (projectOrder.get(target.projectId ?? '') ?? dataset.projects.length)
  // each indicator's rank once, not once per comparison (20,000 indicators at 主管部门 size)
  const ranked = dataset.indicators.map((indicator) => ({
    indicator,
    rank: targetRank(targets.get(indicator.targetId)),
  }))
  ranked.sort((a, b) => a.rank - b.rank || a.indicator.sortOrder - b.indicator.sortOrder)
  const sorted = ranked.map((r) => r.indicator)

  const assessed: SnapshotIndicator[] = []
  for (const indicator of sorted) {
    if (assessed.length > 0 && assessed.length % ROWS_PER_STEP === 0) yield
    const target = targets.get(indicator.targetId)
    const reading = withLinkedActual(
      indicator,
      readings.get(indicator.id),
      dataset.monthlyExecutions,
      node.asOfDate,
      node.id,
    )
    const assessment = indicatorLight(indicator, reading, node.asOfDate, settings)
    const scope = target?.scope ?? 'unit'
    assessed.push({
      indicator,
      level1: indicator.level1,
      level2: indicator.level2,
      scope,
      projectId: scope === 'project' ? (target?.projectId ?? null) : null,
      reading: reading ?? null,
      assessment,
      issues: validateReading(indicator, reading, assessment),
    })
  }
  return assessed
}

/** Counts from the data itself (seed 001 announces 22 三级指标, then says 23; docs/domain-rules.md §5.1). */
export function indicatorCounts(indicators: readonly Indicator[]): { level1: number; level2: number; level3: number } {
  return {
    level1: new Set(indicators.map((i) => i.level1)).size,
    level2: new Set(indicators.map((i) => `${i.level1}\u0000${i.level2}`)).size,
    level3: indicators.length,
  }
}
