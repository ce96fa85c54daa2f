/**
 * The 主管部门 bench's generated unit-year (scripts/bench/dashboardData.mjs) as a dataset: `projects`
 * projects × 20 indicators, 12 monthly nodes of 2025, every reading filled; no indicator linked to budget
 * lines. Shared by the tests that compare the 概览 computed different ways at that shape.
 */
import type { UnitYearDataset } from '@/domain/types'
import { buildDashboardRows } from '../scripts/bench/dashboardData.mjs'

export function generatedYear(projects: number): UnitYearDataset {
  const rows = buildDashboardRows({ projects, perProject: 20 })
  const [unit] = rows.units
  const [framework] = rows.frameworks
  if (!unit || !framework) throw new Error('the generator made no unit')
  return {
    unit,
    year: 2025,
    framework,
    projects: rows.projects,
    budgetLines: rows.budgetLines,
    monthlyExecutions: rows.monthlyExecutions,
    targets: rows.targets,
    indicators: rows.indicators,
    nodes: rows.nodes,
    readings: rows.readings,
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  }
}
