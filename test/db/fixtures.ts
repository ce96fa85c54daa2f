/**
 * Small factories for db tests, after seed 001 (且末县自然资源局, node 2021-06-30): a unit with one
 * 基本支出 line and one project line, a unit target with two indicators, one node with readings.
 */
import type {
  Alert,
  BudgetLine,
  BudgetLineJudgement,
  CorrectiveMeasure,
  Indicator,
  IndicatorReading,
  MonitoringNode,
  MonthlyExecution,
  PerformanceTarget,
  Project,
  StoredReport,
  Unit,
  UnitYearDataset,
} from '@/domain/types'
import { DEFAULT_GRADES, DEFAULT_ROUNDING, type ScoringSchemeDefinition } from '@/domain/scoring'

export const YEAR = 2021

export function aUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: 'unit-qiemo',
    name: '且末县自然资源局',
    departments: ['财务室', '国土空间规划股'],
    monitoringGroup: [{ name: '张三', title: '党组书记、局长', role: '组长' }],
    financeOfficer: '李四',
    ...overrides,
  }
}

export function aProject(overrides: Partial<Project> = {}): Project {
  return {
    id: 'proj-land',
    unitId: 'unit-qiemo',
    year: YEAR,
    name: '国有土地出让金评估项目',
    department: '土地利用股',
    ...overrides,
  }
}

export function aBudgetLine(overrides: Partial<BudgetLine> = {}): BudgetLine {
  return {
    id: 'line-salary',
    unitId: 'unit-qiemo',
    year: YEAR,
    category: 'basic',
    subCategory: 'personnel',
    name: '工资福利支出',
    fundSource: '财政拨款',
    initialBudget: '1343.25',
    additions: '0',
    reductions: '0',
    carryOver: '0',
    sortOrder: 1,
    ...overrides,
  }
}

export function aProjectLine(overrides: Partial<BudgetLine> = {}): BudgetLine {
  const line: BudgetLine = {
    ...aBudgetLine(),
    id: 'line-land',
    category: 'project',
    projectId: 'proj-land',
    name: '国有土地出让金评估项目',
    initialBudget: '150',
    sortOrder: 2,
    ...overrides,
  }
  delete line.subCategory
  return line
}

export function anExecution(overrides: Partial<MonthlyExecution> = {}): MonthlyExecution {
  return {
    id: 'exec-salary-6',
    budgetLineId: 'line-salary',
    year: YEAR,
    month: 6,
    allocated: '700.00',
    spent: '383.74',
    ...overrides,
  }
}

export function aTarget(overrides: Partial<PerformanceTarget> = {}): PerformanceTarget {
  return {
    id: 'target-unit',
    unitId: 'unit-qiemo',
    year: YEAR,
    scope: 'unit',
    description: '保障自然资源管理工作正常运转',
    ...overrides,
  }
}

export function anIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: 'ind-review',
    targetId: 'target-unit',
    level1: '产出指标',
    level2: '数量指标',
    name: '用地初审',
    operator: '≥',
    targetValue: '15',
    measureUnit: '个',
    accrual: 'cumulative',
    sortOrder: 1,
    ...overrides,
  }
}

export function aNode(overrides: Partial<MonitoringNode> = {}): MonitoringNode {
  return {
    id: 'node-h1',
    unitId: 'unit-qiemo',
    year: YEAR,
    asOfDate: '2021-06-30',
    label: '2021年1-6月',
    status: 'draft',
    ...overrides,
  }
}

export function aReading(overrides: Partial<IndicatorReading> = {}): IndicatorReading {
  return {
    id: 'reading-review',
    nodeId: 'node-h1',
    indicatorId: 'ind-review',
    actualValue: '7',
    yearEndForecast: '15',
    likelihood: '确定能',
    deviationCauses: [],
    deviationText: '',
    ...overrides,
  }
}

export function aJudgement(overrides: Partial<BudgetLineJudgement> = {}): BudgetLineJudgement {
  return {
    id: 'judge-salary',
    nodeId: 'node-h1',
    budgetLineId: 'line-salary',
    yearEndForecast: '1343.25',
    likelihood: '有可能',
    deviationCauses: ['经费保障'],
    deviationText: '追加资金下半年到位',
    ...overrides,
  }
}

export function anAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-budget',
    nodeId: 'node-h1',
    ruleId: 'budget.executionProgress',
    light: 'red',
    subjectType: 'unit',
    subjectId: 'unit-qiemo',
    thresholds: { red: '60', yellow: '80' },
    inputs: { executionRate: '0.2570', timeProgress: '0.5' },
    message: '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警',
    status: 'open',
    ...overrides,
  }
}

export function aMeasure(overrides: Partial<CorrectiveMeasure> = {}): CorrectiveMeasure {
  return {
    id: 'measure-pay',
    unitId: 'unit-qiemo',
    nodeId: 'node-h1',
    alertId: 'alert-budget',
    kind: 'planned',
    content: '加快项目支出进度，按月调度',
    effect: '三季度末执行率达到75%',
    department: '财务室',
    deadline: '2021-09-30',
    status: '计划',
    ...overrides,
  }
}

/** The whole seed-001-like unit-year, consistent across tables. */
export function aDataset(overrides: Partial<UnitYearDataset> = {}): UnitYearDataset {
  return {
    unit: aUnit(),
    year: YEAR,
    framework: {
      year: YEAR,
      level1: [
        { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
        { name: '满意度指标', level2: ['服务对象满意度指标'] },
      ],
    },
    projects: [aProject()],
    budgetLines: [aBudgetLine(), aProjectLine()],
    monthlyExecutions: [
      anExecution(),
      anExecution({ id: 'exec-salary-5', month: 5, allocated: '600.00', spent: '320.10' }),
      anExecution({ id: 'exec-land-6', budgetLineId: 'line-land', allocated: '0', spent: '0' }),
    ],
    targets: [aTarget()],
    indicators: [
      anIndicator(),
      anIndicator({
        id: 'ind-quality',
        level2: '质量指标',
        name: '项目工程验收合格率',
        targetValue: '98',
        measureUnit: '%',
        accrual: 'level',
        sortOrder: 2,
      }),
    ],
    nodes: [aNode()],
    readings: [
      aReading(),
      aReading({ id: 'reading-quality', indicatorId: 'ind-quality', actualValue: '60', likelihood: '有可能' }),
    ],
    budgetJudgements: [aJudgement()],
    alerts: [anAlert()],
    measures: [aMeasure()],
    reports: [aReport()],
    ...overrides,
  }
}

/** The node's report with one edited paragraph and one unlock after 定稿. */
export function aReport(overrides: Partial<StoredReport> = {}): StoredReport {
  return {
    nodeId: 'node-h1',
    edits: { 'advice.1': '加大培训指导力度。建议财政部门加强对单位具体负责人的培训和指导。' },
    unlocks: [{ at: '2021-07-03T02:00:00.000Z', reason: '财政局退回，补充偏差原因' }],
    updatedAt: '2021-07-02T08:00:00.000Z',
    ...overrides,
  }
}

/** A small county table: a category item, a per-finding item and a budget ratio (100 分). */
export function aScheme(overrides: Partial<ScoringSchemeDefinition> = {}): ScoringSchemeDefinition {
  return {
    id: 'file-mini',
    name: '县级自评表（测试）',
    items: [
      {
        id: 'quality',
        level1: '管理效率',
        level2: '资产管理',
        level3: '数据质量',
        weight: '40',
        metric: { kind: 'entered', input: 'category' },
        rule: {
          kind: 'category',
          categories: [
            { name: '优秀', points: '40' },
            { name: '合格', points: '20' },
            { name: '不合格', points: '0' },
          ],
        },
      },
      {
        id: 'audit',
        level1: '管理效率',
        level2: '预算执行',
        level3: '财务合规性',
        weight: '30',
        metric: { kind: 'entered', input: 'findings' },
        rule: { kind: 'perFinding', kinds: [{ name: '审计发现问题', deduction: '10' }] },
      },
      {
        id: 'carry',
        level1: '管理效率',
        level2: '预算执行',
        level3: '结转结余率',
        weight: '30',
        metric: { kind: 'budgetRatio', numerator: 'yearEndCarryOver', denominator: 'availableBudget', basis: 'ratio' },
        rule: {
          kind: 'tiers',
          direction: 'atMost',
          tiers: [{ threshold: '0.1', inclusive: true, points: '30' }],
          otherwise: '0',
        },
      },
    ],
    grades: [...DEFAULT_GRADES],
    rounding: { ...DEFAULT_ROUNDING },
    ...overrides,
  }
}
