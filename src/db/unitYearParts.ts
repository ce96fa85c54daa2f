/**
 * Parts of a unit-year, for readers that must not wait for the whole (loadUnitYear in datasets.ts):
 * - the **header**: the unit, its nodes, their measures and reports. The main thread shows the 概览
 *   from the overview worker's figures and needs only these for the context bar, the print stamp and
 *   the overdue measures (docs/benchmarks.md (round 4));
 * - the **budget part**: the header with the budget lines, their months, the projects and the stored
 *   alerts, without targets, indicators or readings. The worker paints the KPIs from it first: about
 *   13,000 rows at 主管部门 size instead of 280,000.
 * Rows come in the same order as loadUnitYear gives them.
 */
import type { BudgetPart } from '@/domain/overview'
import type { Id, MonitoringNode, Unit } from '@/domain/types'
import { childRows, rowsWith } from './datasets'
import type { DbOptions } from './options'
import { sorted } from './order'
import { db } from './schema'
import { ofUnit } from './unitScope'

export type UnitYearHeader = Pick<BudgetPart, 'unit' | 'year' | 'nodes' | 'measures' | 'reports'>

export async function loadUnitYearHeader(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<UnitYearHeader | null> {
  const tables = [database.units, database.nodes, database.measures, database.reports]
  return database.transaction('r', tables, async () => {
    const [unit, nodes] = await Promise.all([
      database.units.get(unitId),
      ofUnit(database.nodes, unitId, year).toArray(),
    ])
    if (!unit) return null
    const nodeIds = nodes.map((n) => n.id)
    const [measures, reports] = await Promise.all([
      rowsWith(database.measures, 'nodeId', nodeIds),
      rowsWith(database.reports, 'nodeId', nodeIds),
    ])
    return headerOf(unit, year, nodes, measures, reports)
  })
}

export async function loadBudgetPart(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<BudgetPart | null> {
  const tables = [
    database.units,
    database.frameworks,
    database.projects,
    database.budgetLines,
    database.monthlyExecutions,
    database.nodes,
    database.budgetJudgements,
    database.alerts,
    database.measures,
    database.reports,
  ]
  return database.transaction('r', tables, async () => {
    const [unit, storedFramework, projects, budgetLines, nodes, allLines] = await Promise.all([
      database.units.get(unitId),
      database.frameworks.get(year),
      ofUnit(database.projects, unitId, year).toArray(),
      ofUnit(database.budgetLines, unitId, year).toArray(),
      ofUnit(database.nodes, unitId, year).toArray(),
      database.budgetLines.count(),
    ])
    if (!unit) return null
    const nodeIds = nodes.map((n) => n.id)
    const lineIds = budgetLines.map((l) => l.id)
    const [monthlyExecutions, budgetJudgements, alerts, measures, reports] = await Promise.all([
      childRows(database.monthlyExecutions, '[budgetLineId+month]', lineIds, (e) => e.budgetLineId, allLines),
      rowsWith(database.budgetJudgements, '[nodeId+budgetLineId]', nodeIds),
      rowsWith(database.alerts, 'nodeId', nodeIds),
      rowsWith(database.measures, 'nodeId', nodeIds),
      rowsWith(database.reports, 'nodeId', nodeIds),
    ])
    return {
      ...headerOf(unit, year, nodes, measures, reports),
      framework: storedFramework ?? { year, level1: [] },
      projects: sorted(projects, (p) => p.id),
      budgetLines: sorted(
        budgetLines,
        (l) => l.sortOrder,
        (l) => l.id,
      ),
      monthlyExecutions: sorted(
        monthlyExecutions,
        (e) => e.budgetLineId,
        (e) => e.month,
      ),
      budgetJudgements: sorted(
        budgetJudgements,
        (j) => j.nodeId,
        (j) => j.budgetLineId,
      ),
      alerts: sorted(
        alerts,
        (a) => a.nodeId,
        (a) => a.subjectType,
        (a) => a.subjectId,
        (a) => a.ruleId,
        (a) => a.id,
      ),
    }
  })
}

function headerOf(
  unit: Unit,
  year: number,
  nodes: MonitoringNode[],
  measures: UnitYearHeader['measures'],
  reports: UnitYearHeader['reports'],
): UnitYearHeader {
  return {
    unit,
    year,
    nodes: sorted(
      nodes,
      (n) => n.asOfDate,
      (n) => n.id,
    ),
    measures: sorted(
      measures,
      (m) => m.nodeId,
      (m) => m.id,
    ),
    reports: sorted(reports, (r) => r.nodeId),
  }
}
