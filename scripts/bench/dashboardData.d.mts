/** Types for the tests that build the benchmark's generated unit-year (test/worker). */
import type { UnitYearDataset } from '../../src/domain/types'

type Rows = Pick<
  UnitYearDataset,
  'projects' | 'budgetLines' | 'monthlyExecutions' | 'targets' | 'indicators' | 'nodes' | 'readings'
> & { units: UnitYearDataset['unit'][]; frameworks: UnitYearDataset['framework'][] }

export function buildDashboardRows(options: { projects: number; perProject: number }): Rows
