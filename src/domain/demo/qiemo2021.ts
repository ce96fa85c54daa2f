/**
 * Demo data, the embedded default: 且末县自然资源局 2021, node 2021-06-30, from seed 001
 * (docs/domain-rules.md §1, a real 整体支出绩效监控报告; its figures in §4.9 and §5.6).
 *
 * Taken from the seed: the unit, its seven 科室 and monitoring group; the budget 1493.25 万元
 * (基本支出 1343.25 = 人员经费 1129.83 + 公用经费 213.42; 项目支出 150); June cumulative 执行数
 * 324.88 (工资福利) + 15.95 (车辆运行) + 42.91 (基本公用) = 383.74 and 到位资金 383.74; the 22 三级指标
 * with their targets and 6月30日 values; the measures of 三(三).
 * Chosen by us (the seed does not give them): the split of 公用经费 between its three lines, the
 * January–May path (steady monthly spending, funds arriving one month ahead of spending and equal to
 * it in June), the due dates of not-yet-due indicators, and the 完成可能性 / 偏差原因 of each reading.
 * The seed's 追加资金 block (2649.45 万元 上级专项) is reported outside the 1493.25 budget there and is
 * left out here.
 */
import type {
  BudgetLine,
  CorrectiveMeasure,
  DecimalString,
  DeviationCause,
  Indicator,
  IndicatorReading,
  IsoDate,
  Likelihood,
  MonthNumber,
  MonthlyExecution,
  Operator,
  Accrual,
  QualitativeGrade,
} from '../types'

import type { UnitYearWithInputs } from '../managementInputsCheck'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR } from './ids'
import { qiemo2021ManagementInputs } from './qiemo2021Management'

export { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR }
const TARGET_ID = 'demo-qiemo-2021-target'
const PROJECT_ID = 'demo-qiemo-2021-pgxm'

/** Cumulative 执行数 January..June per line; June values are the seed's. */
const SPENT_PATH: Record<string, DecimalString[]> = {
  'demo-bl-gzfl': ['53.90', '107.95', '162.20', '216.45', '270.60', '324.88'],
  'demo-bl-clyx': ['2.10', '4.85', '7.20', '10.05', '12.90', '15.95'],
  'demo-bl-jbgy': ['5.30', '11.60', '19.45', '26.80', '34.70', '42.91'],
  'demo-bl-zcgs': ['0', '0', '0', '0', '0', '0'],
  'demo-bl-pgxm': ['0', '0', '0', '0', '0', '0'],
}

const budgetLines: BudgetLine[] = [
  line('demo-bl-gzfl', 'basic', 'personnel', '工资福利支出', '1129.83', 1),
  line('demo-bl-clyx', 'basic', 'public', '车辆运行维护费', '40.00', 2),
  line('demo-bl-jbgy', 'basic', 'public', '基本公用经费', '143.42', 3),
  line('demo-bl-zcgs', 'basic', 'public', '驻村、管寺生活补助', '30.00', 4),
  { ...line('demo-bl-pgxm', 'project', undefined, '国有土地出让金评估项目', '150.00', 5), projectId: PROJECT_ID },
]

function line(
  id: string,
  category: 'basic' | 'project',
  subCategory: 'personnel' | 'public' | undefined,
  name: string,
  initialBudget: DecimalString,
  sortOrder: number,
): BudgetLine {
  return {
    id,
    unitId: DEMO_UNIT_ID,
    year: DEMO_YEAR,
    category,
    ...(subCategory ? { subCategory } : {}),
    name,
    fundSource: '财政拨款',
    initialBudget,
    additions: '0',
    reductions: '0',
    carryOver: '0',
    sortOrder,
  }
}

function monthlyExecutions(): MonthlyExecution[] {
  const rows: MonthlyExecution[] = []
  for (const [budgetLineId, path] of Object.entries(SPENT_PATH)) {
    path.forEach((spent, index) => {
      // Funds arrive a month ahead of spending; by June 到位资金 equals 执行数 as in the seed.
      const allocated = path[Math.min(index + 1, path.length - 1)] ?? spent
      rows.push({
        id: `${budgetLineId}-m${index + 1}`,
        budgetLineId,
        year: DEMO_YEAR,
        month: (index + 1) as MonthNumber,
        allocated,
        spent,
      })
    })
  }
  return rows
}

interface IndicatorSeed {
  level1: string
  level2: string
  name: string
  operator: Operator
  targetValue: string
  measureUnit: string
  accrual: Accrual
  targetLabel?: string
  dueDate?: IsoDate
  /** a cost ceiling's mirrored budget lines (seed 001: 人员保障成本经费 = 工资福利支出; docs/domain-rules.md §5.5) */
  budgetLineIds?: string[]
  reading?: {
    actual?: string
    actualLabel?: string
    grade?: QualitativeGrade
    percent?: string
    forecast: string
    likelihood: Likelihood
    causes?: DeviationCause[]
    text?: string
  }
}

const QUANTITY = ['产出指标', '数量指标'] as const
const QUALITY = ['产出指标', '质量指标'] as const
const TIMELINESS = ['产出指标', '时效指标'] as const
const COST = ['产出指标', '成本指标'] as const

const INDICATORS: IndicatorSeed[] = [
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '办理建设项目用地初审',
    operator: '≥',
    targetValue: '15',
    measureUnit: '个',
    accrual: 'cumulative',
    reading: { actual: '7', forecast: '15', likelihood: '确定能' },
  },
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '新增建设用地报批',
    operator: '≥',
    targetValue: '450',
    measureUnit: '亩',
    accrual: 'cumulative',
    reading: {
      actual: '30',
      forecast: '450',
      likelihood: '有可能',
      causes: ['其他'],
      text: '建设项目前期手续办理周期长，报批集中在下半年，上半年仅完成30亩。',
    },
  },
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '开展及红枣培训会议次数',
    operator: '≥',
    targetValue: '12',
    measureUnit: '次',
    accrual: 'cumulative',
    reading: {
      actual: '4',
      forecast: '12',
      likelihood: '有可能',
      causes: ['人员保障'],
      text: '上半年业务人员集中开展用地报批工作，培训会议安排偏少。',
    },
  },
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '挂牌出让土地',
    operator: '≥',
    targetValue: '20',
    measureUnit: '公顷',
    accrual: 'dueLater',
    dueDate: '2021-10-01',
    reading: { forecast: '20', likelihood: '确定能' },
  },
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '闲置土地清理',
    operator: '≥',
    targetValue: '28.88',
    measureUnit: '公顷',
    accrual: 'dueLater',
    dueDate: '2021-10-01',
    reading: { forecast: '28.88', likelihood: '确定能' },
  },
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '审批国有土地使用权转让',
    operator: '≥',
    targetValue: '2',
    measureUnit: '万亩',
    accrual: 'dueLater',
    dueDate: '2021-10-01',
    reading: { forecast: '2', likelihood: '确定能' },
  },
  {
    level1: QUANTITY[0],
    level2: QUANTITY[1],
    name: '完成土地出让成交价款',
    operator: '≥',
    targetValue: '5200',
    measureUnit: '万元',
    accrual: 'dueLater',
    dueDate: '2021-10-01',
    reading: {
      forecast: '5200',
      likelihood: '有可能',
      causes: ['其他'],
      text: '土地出让受市场行情影响，成交价款存在不确定性。',
    },
  },
  {
    level1: QUALITY[0],
    level2: QUALITY[1],
    name: '国有建设用地和国有农用地评估率',
    operator: '≥',
    targetValue: '100',
    measureUnit: '%',
    accrual: 'cumulative',
    reading: { actual: '50', forecast: '100', likelihood: '确定能' },
  },
  {
    level1: QUALITY[0],
    level2: QUALITY[1],
    name: '土地报批程序合规通过率',
    operator: '≥',
    targetValue: '100',
    measureUnit: '%',
    accrual: 'cumulative',
    reading: { actual: '50', forecast: '100', likelihood: '确定能' },
  },
  {
    level1: QUALITY[0],
    level2: QUALITY[1],
    name: '社保费、工资发放及时率',
    operator: '≥',
    targetValue: '100',
    measureUnit: '%',
    accrual: 'level',
    reading: { actual: '100', forecast: '100', likelihood: '确定能' },
  },
  {
    level1: QUALITY[0],
    level2: QUALITY[1],
    name: '项目工程验收合格率',
    operator: '≥',
    targetValue: '98',
    measureUnit: '%',
    accrual: 'level',
    reading: {
      actual: '60',
      forecast: '98',
      likelihood: '有可能',
      causes: ['硬件条件保障', '人员保障'],
      text: '部分工程尚在整改中，专业验收人员不足，上半年验收合格率仅60%。',
    },
  },
  {
    level1: TIMELINESS[0],
    level2: TIMELINESS[1],
    name: '资金拨付及时率',
    operator: '≥',
    targetValue: '100',
    measureUnit: '%',
    accrual: 'level',
    reading: { actual: '100', forecast: '100', likelihood: '确定能' },
  },
  {
    level1: TIMELINESS[0],
    level2: TIMELINESS[1],
    name: '资金发放及时性',
    operator: '≥',
    targetValue: '100',
    measureUnit: '%',
    accrual: 'level',
    reading: { actual: '100', forecast: '100', likelihood: '确定能' },
  },
  {
    level1: TIMELINESS[0],
    level2: TIMELINESS[1],
    name: '日常工作运转完成时间',
    operator: '≤',
    targetValue: '12',
    measureUnit: '个月',
    targetLabel: '12月31日前完成',
    accrual: 'cumulative',
    reading: { actual: '6', forecast: '12', likelihood: '确定能' },
  },
  {
    level1: COST[0],
    level2: COST[1],
    name: '项目保障成本经费',
    operator: '≤',
    targetValue: '150',
    measureUnit: '万元',
    accrual: 'cumulative',
    budgetLineIds: ['demo-bl-pgxm'],
    reading: {
      actual: '0',
      forecast: '150',
      likelihood: '有可能',
      causes: ['制度保障'],
      text: '国有土地出让金评估项目尚在采购程序中，资金未支付。',
    },
  },
  {
    level1: COST[0],
    level2: COST[1],
    name: '人员保障成本经费',
    operator: '≤',
    targetValue: '1129.83',
    measureUnit: '万元',
    accrual: 'cumulative',
    budgetLineIds: ['demo-bl-gzfl'],
    reading: {
      actual: '324.88',
      forecast: '1129.83',
      likelihood: '确定能',
      causes: ['其他'],
      text: '绩效工资及年终奖励集中在下半年发放。',
    },
  },
  {
    level1: COST[0],
    level2: COST[1],
    name: '运转保障成本经费',
    operator: '≤',
    targetValue: '213.42',
    measureUnit: '万元',
    accrual: 'cumulative',
    budgetLineIds: ['demo-bl-clyx', 'demo-bl-jbgy', 'demo-bl-zcgs'],
    reading: {
      actual: '58.86',
      forecast: '213.42',
      likelihood: '确定能',
      causes: ['其他'],
      text: '公用经费按实际需要支出，下半年车辆维护及办公支出增加。',
    },
  },
  {
    level1: '效益指标',
    level2: '经济效益指标',
    name: '自然资源损毁和浪费造成的经济损失',
    operator: '定性',
    targetValue: '效果明显',
    measureUnit: '',
    accrual: 'level',
    reading: {
      actualLabel: '有所效果',
      grade: '未达成',
      percent: '30',
      forecast: '效果明显',
      likelihood: '有可能',
      causes: ['人员保障'],
      text: '执法巡查力量不足，监管效果尚未充分显现。',
    },
  },
  {
    level1: '效益指标',
    level2: '经济效益指标',
    name: '便民服务水平提升',
    operator: '定性',
    targetValue: '明显提升',
    measureUnit: '',
    accrual: 'level',
    reading: {
      actualLabel: '有所提升',
      grade: '未达成',
      percent: '40',
      forecast: '明显提升',
      likelihood: '有可能',
      causes: ['硬件条件保障'],
      text: '不动产服务大厅窗口改造尚未完成。',
    },
  },
  {
    level1: '效益指标',
    level2: '生态效益指标',
    name: '改善资源生态环境和人居环境',
    operator: '定性',
    targetValue: '有效改善',
    measureUnit: '',
    accrual: 'level',
    reading: {
      actualLabel: '有所改善',
      grade: '未达成',
      percent: '30',
      forecast: '有效改善',
      likelihood: '有可能',
      causes: ['经费保障'],
      text: '生态修复项目资金尚未到位，工程未全面开工。',
    },
  },
  {
    level1: '效益指标',
    level2: '可持续影响指标',
    name: '自然资源节约集约利用',
    operator: '定性',
    targetValue: '逐步提升',
    measureUnit: '',
    accrual: 'level',
    reading: {
      actualLabel: '有所提升',
      grade: '未达成',
      percent: '40',
      forecast: '逐步提升',
      likelihood: '有可能',
      causes: ['制度保障'],
      text: '节约集约用地评价制度尚在完善。',
    },
  },
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    name: '办事群众满意率',
    operator: '≥',
    targetValue: '98',
    measureUnit: '%',
    accrual: 'dueLater',
    dueDate: '2021-12-31',
    reading: { forecast: '98', likelihood: '确定能' },
  },
]

function indicatorsAndReadings(): { indicators: Indicator[]; readings: IndicatorReading[] } {
  const indicators: Indicator[] = []
  const readings: IndicatorReading[] = []
  INDICATORS.forEach((seed, index) => {
    const id = `demo-ind-${String(index + 1).padStart(2, '0')}`
    indicators.push({
      id,
      targetId: TARGET_ID,
      level1: seed.level1,
      level2: seed.level2,
      name: seed.name,
      operator: seed.operator,
      targetValue: seed.targetValue,
      measureUnit: seed.measureUnit,
      accrual: seed.accrual,
      sortOrder: index + 1,
      ...(seed.targetLabel ? { targetLabel: seed.targetLabel } : {}),
      ...(seed.dueDate ? { dueDate: seed.dueDate } : {}),
      ...(seed.budgetLineIds ? { budgetLineIds: seed.budgetLineIds } : {}),
    })
    const r = seed.reading
    if (!r) return
    readings.push({
      id: `${id}-r-2021-06`,
      nodeId: DEMO_NODE_ID,
      indicatorId: id,
      ...(r.actual !== undefined ? { actualValue: r.actual } : {}),
      ...(r.actualLabel ? { actualLabel: r.actualLabel } : {}),
      ...(r.grade ? { qualitativeGrade: r.grade } : {}),
      ...(r.percent ? { qualitativePercent: r.percent } : {}),
      yearEndForecast: r.forecast,
      likelihood: r.likelihood,
      deviationCauses: r.causes ?? [],
      deviationText: r.text ?? '',
    })
  })
  return { indicators, readings }
}

const MEASURES: CorrectiveMeasure[] = [
  {
    id: 'demo-measure-1',
    unitId: DEMO_UNIT_ID,
    nodeId: DEMO_NODE_ID,
    kind: 'taken',
    department: '行政办公室',
    status: '已完成',
    content:
      '加强学习。进一步明确如何参照考核体系，科学合理设定绩效目标；从源头上强化对专项资金预算管理，按轻重缓急统筹安排编制预算。',
    effect: '提高了预算编制科学性和合理性，优化了资金结构。',
  },
  {
    id: 'demo-measure-2',
    unitId: DEMO_UNIT_ID,
    nodeId: DEMO_NODE_ID,
    kind: 'planned',
    department: '行政办公室',
    status: '计划',
    deadline: '2021-09-30',
    content:
      '完善管理制度，加强新行政单位会计制度和新预算法学习培训，继续加大资金管理力度，严格资金管理，明确责任抓好落实。',
    effect: '保障我单位业务经费按时按进度实施。',
  },
]

/**
 * The whole demo dataset, fresh objects on every call (callers may mutate), with its 管理指标填报
 * (illustrative, see qiemo2021Management.ts) so 载入示例数据 stores them with it.
 */
export function qiemo2021Dataset(): UnitYearWithInputs {
  const { indicators, readings } = indicatorsAndReadings()
  return {
    unit: {
      id: DEMO_UNIT_ID,
      name: '且末县自然资源局',
      departments: [
        '行政办公室',
        '生态修复科',
        '地质勘察与矿业权管理科',
        '不动产服务大厅',
        '林草和草原服务中心',
        '自然资源利用和用途管制科',
        '国土空间规划与地理信息测绘',
      ],
      monitoringGroup: [
        { name: '才茨柯', title: '党组书记、副局长', role: '组长' },
        { name: '姜西军', title: '局长、党组副书记', role: '组长' },
        { name: '吴联军', title: '自然资源局副局长', role: '副组长' },
        { name: '吐尔孙·艾拜', title: '自然资源局党组成员', role: '副组长' },
        { name: '赵小平', title: '自然资源局副局长', role: '副组长' },
        { name: '艾散江·热合曼', title: '苏塘分局局长', role: '副组长' },
        { name: '安东', title: '自然资源局党组成员', role: '副组长' },
        { name: '黄俊凯', title: '自然资源局挂职副局长', role: '副组长' },
      ],
      financeOfficer: '郝永婕',
    },
    year: DEMO_YEAR,
    framework: {
      year: DEMO_YEAR,
      level1: [
        { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
        { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
        { name: '满意度指标', level2: ['服务对象满意度指标'] },
      ],
    },
    projects: [
      {
        id: PROJECT_ID,
        unitId: DEMO_UNIT_ID,
        year: DEMO_YEAR,
        name: '国有土地出让金评估项目',
        department: '自然资源利用和用途管制科',
      },
    ],
    budgetLines: budgetLines.map((l) => ({ ...l })),
    monthlyExecutions: monthlyExecutions(),
    targets: [
      {
        id: TARGET_ID,
        unitId: DEMO_UNIT_ID,
        year: DEMO_YEAR,
        scope: 'unit',
        description: '保障机构正常运转，做好建设用地审批、土地出让与闲置土地处置、自然资源保护和生态修复等工作。',
      },
    ],
    indicators,
    nodes: [
      {
        id: DEMO_NODE_ID,
        unitId: DEMO_UNIT_ID,
        year: DEMO_YEAR,
        asOfDate: '2021-06-30',
        label: '2021年1-6月',
        status: 'draft',
      },
    ],
    readings,
    budgetJudgements: [],
    alerts: [],
    measures: MEASURES.map((m) => ({ ...m })),
    reports: [],
    managementInputs: qiemo2021ManagementInputs(),
  }
}
