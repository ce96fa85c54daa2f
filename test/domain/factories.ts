/** Small builders for domain tests: sensible defaults, override what the test is about. */
import type {
  BudgetLine,
  DecimalString,
  Indicator,
  IndicatorReading,
  IsoDate,
  MonitoringNode,
  MonthlyExecution,
  MonthNumber,
  PerformanceTarget,
  Project,
  Unchecked,
  UnitYearDataset,
} from '../../src/domain/types'
import { parseDecimalString } from '../../src/domain/decimal'
import { parseIsoDateString } from '../../src/domain/dates'
import { defaultSettings } from '../../src/domain/settings'
import type { MonitoringSettings } from '../../src/domain/settings'

export const UNIT_ID = 'unit-1'
export const YEAR = 2021
/** seed 001's node: 且末县自然资源局, 1-6月 */
export const SEED001_AS_OF = '2021-06-30'
export const NODE_ID = 'node-2021-06'
export const UNIT_TARGET_ID = 'target-unit'

let counter = 0

/**
 * A computed amount ('12.50' built by a test or a property) as a stored `DecimalString`, through the
 * domain's constructor; throws when it is not a plain decimal. Literals need no helper: '1493.25' is one.
 */
export function dec(text: string): DecimalString {
  const value = parseDecimalString(text)
  if (value === null) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`)
  return value
}

/** A computed date ('2021-12-31' built from a year) as a stored `IsoDate`; throws when it is not a real date. */
export function isoDate(text: string): IsoDate {
  const value = parseIsoDateString(text)
  if (value === null) throw new Error(`not a yyyy-MM-dd date: ${JSON.stringify(text)}`)
  return value
}

/**
 * A row as an entry form holds it before validation: `row` with some amounts or dates as any text
 * ('', '1,000', '二'), for the validators, which take `Unchecked` rows.
 */
export function unchecked<T>(row: T, typed: Partial<Unchecked<T>>): Unchecked<T> {
  return { ...(row as Unchecked<T>), ...typed }
}
const nextId = (prefix: string): string => `${prefix}-${++counter}`

export function budgetLine(overrides: Partial<BudgetLine> = {}): BudgetLine {
  return {
    id: nextId('line'),
    unitId: UNIT_ID,
    year: YEAR,
    category: 'basic',
    subCategory: 'personnel',
    name: '工资福利支出',
    fundSource: '财政拨款',
    initialBudget: '100',
    additions: '0',
    reductions: '0',
    carryOver: '0',
    sortOrder: 1,
    ...overrides,
  }
}

export function projectLine(projectId: string, overrides: Partial<BudgetLine> = {}): BudgetLine {
  const { subCategory: _omit, ...base } = budgetLine({ category: 'project', name: '项目经费' })
  return { ...base, projectId, ...overrides }
}

export function execution(
  budgetLineId: string,
  month: number,
  spent: DecimalString,
  allocated: DecimalString = spent,
): MonthlyExecution {
  return { id: nextId('exec'), budgetLineId, year: YEAR, month: month as MonthNumber, allocated, spent }
}

export function indicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: nextId('ind'),
    targetId: UNIT_TARGET_ID,
    level1: '产出指标',
    level2: '数量指标',
    name: '办理建设项目用地初审',
    operator: '≥',
    targetValue: '15',
    measureUnit: '个',
    accrual: 'cumulative',
    sortOrder: 1,
    ...overrides,
  }
}

export function reading(indicatorId: string, overrides: Partial<IndicatorReading> = {}): IndicatorReading {
  return {
    id: nextId('reading'),
    nodeId: NODE_ID,
    indicatorId,
    likelihood: '确定能',
    deviationCauses: [],
    deviationText: '',
    ...overrides,
  }
}

export function settings(overrides: Partial<MonitoringSettings> = {}): MonitoringSettings {
  return { ...defaultSettings(), ...overrides }
}

export function node(overrides: Partial<MonitoringNode> = {}): MonitoringNode {
  return {
    id: NODE_ID,
    unitId: UNIT_ID,
    year: YEAR,
    asOfDate: SEED001_AS_OF,
    label: '2021年1-6月',
    status: 'draft',
    ...overrides,
  }
}

export function unitTarget(): PerformanceTarget {
  return { id: UNIT_TARGET_ID, unitId: UNIT_ID, year: YEAR, scope: 'unit', description: '整体支出绩效目标' }
}

export function project(id: string, name: string): Project {
  return { id, unitId: UNIT_ID, year: YEAR, name, department: '行政办公室' }
}

export function dataset(overrides: Partial<UnitYearDataset> = {}): UnitYearDataset {
  return {
    unit: { id: UNIT_ID, name: '且末县自然资源局', departments: [], monitoringGroup: [], financeOfficer: '' },
    year: YEAR,
    framework: { year: YEAR, level1: [] },
    projects: [],
    budgetLines: [],
    monthlyExecutions: [],
    targets: [unitTarget()],
    indicators: [],
    nodes: [node()],
    readings: [],
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
    ...overrides,
  }
}

/**
 * Seed 001's budget at 2021-06-30: 基本支出 1343.25 (人员经费 1129.83 spent 324.88; 公用经费 213.42
 * spent 15.95 + 42.91) and 项目支出 150 spent 0; 到位资金 equals 执行数 as the seed reports.
 */
export function seed001Budget(): { lines: BudgetLine[]; executions: MonthlyExecution[]; projects: Project[] } {
  const personnel = budgetLine({ id: 'gzfl', name: '工资福利支出', initialBudget: '1129.83', sortOrder: 1 })
  const vehicles = budgetLine({
    id: 'clyx',
    subCategory: 'public',
    name: '车辆运行维护费',
    initialBudget: '40.00',
    sortOrder: 2,
  })
  const office = budgetLine({
    id: 'jbgy',
    subCategory: 'public',
    name: '基本公用经费',
    initialBudget: '173.42',
    sortOrder: 3,
  })
  const assessment = projectLine('pgxm', {
    id: 'pgxm-line',
    name: '国有土地出让金评估项目',
    initialBudget: '150',
    sortOrder: 4,
  })
  return {
    lines: [personnel, vehicles, office, assessment],
    executions: [
      execution('gzfl', 6, '324.88'),
      execution('clyx', 6, '15.95'),
      execution('jbgy', 6, '42.91'),
      execution('pgxm-line', 6, '0'),
    ],
    projects: [project('pgxm', '国有土地出让金评估项目')],
  }
}
