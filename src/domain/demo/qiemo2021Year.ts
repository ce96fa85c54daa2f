/**
 * 示例 — the whole year: 且末县自然资源局 2021 with a monitoring node at every month-end (2021-01-31 …
 * 2021-12-31), for 「载入全年示例（12个月）」. The one-node demo (`qiemo2021Dataset`, 「载入示例数据」) is
 * left as it is: the e2e suite asserts it.
 *
 * From `qiemo2021Dataset()` unchanged (seed 001, docs/domain-rules.md §1; see its header): the unit,
 * budget lines, projects, targets and 22 indicators; January–June 执行数 and 到位资金; the 1-6月 node (id
 * DEMO_NODE_ID) with its 22 readings and the two measures of 三(三) — 执行数 383.74 of 1493.25 = 25.70%.
 * 1-6月 is 定稿 (and no other node): `status: 'locked'`, `frozenSettings: defaultSettings()`, and its
 * report frozen on 2021-07-05 as `draftReport` drafts it from this dataset (填报时间 2021年7月5日).
 *
 * 示例 — chosen here, in no seed; plausible, not real:
 * - cumulative 执行数 July–December (万元, at each month-end; what the months add in brackets):
 *     工资福利支出      379.08 433.28 487.48 541.68 595.88 921.08  (54.20 a month; December 54.20 + 第十三个月工资
 *                                                              54.20 + 年终绩效奖励 216.80)
 *     车辆运行维护费     18.90  21.95  25.10  28.20  31.15  35.80  (about 3 a month; winter upkeep in December)
 *     基本公用经费       50.60  58.35  66.20 101.90 109.75 124.40  (about 7.8 a month; 取暖费 28.00 in October,
 *                                                              year-end 水电物业 settled in December)
 *     驻村、管寺生活补助   0      0    15.00  15.00  15.00  30.00  (paid half-yearly, September and December)
 *     国有土地出让金评估项目 0     0    45.00  90.00 150.00 150.00  (the 150 paid September–November)
 *   unit total 448.58 513.58 638.78 776.78 901.78 1261.28 → 执行率 30.04% … 84.47% (1-12月); the budget light
 *   stays red to September, yellow in October–November, green in December. 到位资金 arrives a month ahead
 *   of spending as in January–May (each month's 到位资金 = next month's 执行数; December equal).
 * - readings at the other 11 nodes, every indicator at every node, none 沿用 (`carriedFrom`): cumulative
 *   indicators grow month by month toward their targets (用地报批 catches up in the fourth quarter); the
 *   level ones stay as in June (100%), except 验收合格率, which rises from 60% to 98.5% after rectification;
 *   定性 grades go 未达成 → 部分达成 → 达成; the four due 10月1日 are grey until 1-10月 (挂牌出让 and 成交价款
 *   behind at first), 满意率 (due 12月31日) is 97.6% at 1-12月, below its ≥98% (完全不可能). Likelihood is
 *   有可能 while a light is red or yellow (完全不可能 at year end), else 确定能, with the seed's exceptions
 *   (项目保障成本经费 有可能 until its contract is signed, 成交价款 有可能 until due); every red or yellow
 *   light and every likelihood short of 确定能 has 偏差原因 and its text (January–May in
 *   the words of the seed's June reading).
 *   全年预计 is the target until 1-12月, then the year's actual. Cost indicators store their lines' 执行数.
 * - every node's 预警 stored as the rules raise them (open), so 上一节点的处理情况 has something to show; the
 *   1-6月 budget alert carries one 批示 (姜西军, 2021-07-02). 1-6月's frozen report is drafted with them.
 * - no 预算研判 (the seed's 1-6月 has none), no measures beyond June's. June's planned measure (deadline
 *   2021-09-30, status 计划) is part of the 定稿 1-6月, so from 1-10月 on it shows as 逾期.
 */
import { alertId, computeNodeAlerts } from '../alerts'
import { linkedActual } from '../costLink'
import { monthEnd } from '../dates'
import { indicatorLight } from '../lights'
import { settingsForNode } from '../lock'
import { nodeLabel } from '../periods'
import { draftReport } from '../report'
import { defaultSettings } from '../settings'
import { computeNodeSnapshot } from '../snapshot'
import type { NodeSnapshot } from '../snapshot'
import type {
  AlertEvent,
  DecimalString,
  DeviationCause,
  Indicator,
  IndicatorReading,
  Likelihood,
  MonitoringNode,
  MonthNumber,
  MonthlyExecution,
  QualitativeGrade,
  StoredReport,
  UnitYearDataset,
} from '../types'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR, qiemo2021Dataset } from './qiemo2021'
import type { UnitYearWithInputs } from '../managementInputsCheck'

/** When 1-6月 was 定稿 (the seed's report is dated early July), and its 填报时间. */
export const DEMO_FROZEN_AT = '2021-07-05T08:00:00.000Z'
const FROZEN_REPORT_DATE = '2021-07-05'

/** The node of month m: 'demo-qiemo-2021-01' … '-12'; June's is DEMO_NODE_ID. */
export function demoNodeId(month: number): string {
  return `demo-qiemo-2021-${String(month).padStart(2, '0')}`
}

/** 示例: cumulative 执行数 July..December per line (see the header). */
const SPENT_JULY_TO_DECEMBER: Readonly<Record<string, readonly DecimalString[]>> = {
  'demo-bl-gzfl': ['379.08', '433.28', '487.48', '541.68', '595.88', '921.08'],
  'demo-bl-clyx': ['18.90', '21.95', '25.10', '28.20', '31.15', '35.80'],
  'demo-bl-jbgy': ['50.60', '58.35', '66.20', '101.90', '109.75', '124.40'],
  'demo-bl-zcgs': ['0', '0', '15.00', '15.00', '15.00', '30.00'],
  'demo-bl-pgxm': ['0', '0', '45.00', '90.00', '150.00', '150.00'],
}

/** Why an indicator lags: the causes, in January–June's words and July–December's. */
interface Why {
  causes: DeviationCause[]
  early: string
  late: string
}

/**
 * 示例 readings of one indicator at months 1..12 (index 0 = 1月; June, index 5, comes from the seed
 * and is not read here but written as the seed has it, for the reader).
 */
interface Plan {
  /** 实际完成值; null: none (not yet due) */
  actual?: readonly (string | null)[]
  /** 定性: grade and percent */
  grades?: readonly (readonly [QualitativeGrade, string])[]
  /** 定性: the result text for each grade */
  labels?: Readonly<Record<QualitativeGrade, string>>
  why?: Why
  /** likelihood when it is not read from the light (the seed's own choices) */
  likelihood?: (month: number) => Likelihood | undefined
  /** the last month whose reading carries `why` although its light is green (the seed explains these in June) */
  explainedThrough?: number
}

const none9 = [null, null, null, null, null, null, null, null, null] as const
const level100 = Array.from({ length: 12 }, () => '100')
const rising = ['8', '16', '25', '33', '42', '50', '58', '67', '75', '83', '92', '100']

const PLANS: Readonly<Record<string, Plan>> = {
  办理建设项目用地初审: { actual: ['1', '2', '3', '5', '6', '7', '8', '10', '11', '12', '14', '15'] },
  新增建设用地报批: {
    actual: ['0', '0', '10', '10', '20', '30', '60', '120', '210', '300', '380', '460'],
    why: {
      causes: ['其他'],
      early: '建设项目前期手续办理周期长，报批集中在下半年。',
      late: '下半年报批加快，但前期积压较多，累计报批面积仍低于序时进度。',
    },
  },
  开展及红枣培训会议次数: {
    actual: ['1', '1', '2', '3', '3', '4', '5', '7', '8', '9', '11', '12'],
    why: {
      causes: ['人员保障'],
      early: '业务人员集中开展用地报批工作，培训会议安排偏少。',
      late: '7月起每月安排培训，前期欠下的场次尚未补齐。',
    },
  },
  挂牌出让土地: {
    actual: [...none9, '16', '20.5', '23.6'],
    why: { causes: ['其他'], early: '', late: '部分地块挂牌公告期未满，成交集中在11月。' },
  },
  闲置土地清理: { actual: [...none9, '28.88', '30.2', '31.46'] },
  审批国有土地使用权转让: { actual: [...none9, '2.1', '2.3', '2.4'] },
  完成土地出让成交价款: {
    actual: [...none9, '3860', '4920', '5386'],
    why: {
      causes: ['其他'],
      early: '土地出让受市场行情影响，成交价款存在不确定性。',
      late: '第四季度集中出让，部分地块尚未成交，成交价款低于年度目标。',
    },
    likelihood: (m) => (m <= 9 ? '有可能' : undefined),
  },
  国有建设用地和国有农用地评估率: { actual: rising },
  土地报批程序合规通过率: { actual: rising },
  '社保费、工资发放及时率': { actual: level100 },
  项目工程验收合格率: {
    actual: ['60', '60', '60', '60', '60', '60', '60', '80', '90', '95', '98', '98.5'],
    why: {
      causes: ['硬件条件保障', '人员保障'],
      early: '部分工程尚在整改中，专业验收人员不足，验收合格率仅60%。',
      late: '整改工程陆续复验，合格率逐月提高，尚未达到98%。',
    },
  },
  资金拨付及时率: { actual: level100 },
  资金发放及时性: { actual: level100 },
  日常工作运转完成时间: { actual: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] },
  // the three cost indicators store their budget lines' 执行数 (costLink), whatever `actual` would say
  项目保障成本经费: {
    why: {
      causes: ['制度保障'],
      early: '国有土地出让金评估项目尚在采购程序中，资金未支付。',
      late: '评估项目采购程序尚未完成，合同签订后按进度支付。',
    },
    likelihood: (m) => (m <= 8 ? '有可能' : undefined),
  },
  人员保障成本经费: {
    why: {
      causes: ['其他'],
      early: '绩效工资及年终奖励集中在下半年发放。',
      late: '第十三个月工资及年终绩效奖励于12月发放。',
    },
    explainedThrough: 11,
  },
  运转保障成本经费: {
    why: {
      causes: ['其他'],
      early: '公用经费按实际需要支出，下半年车辆维护及办公支出增加。',
      late: '取暖费于10月支付，其余公用经费按月均衡支出。',
    },
    explainedThrough: 11,
  },
  自然资源损毁和浪费造成的经济损失: {
    grades: [
      ['未达成', '10'],
      ['未达成', '15'],
      ['未达成', '20'],
      ['未达成', '25'],
      ['未达成', '30'],
      ['未达成', '30'],
      ['未达成', '45'],
      ['部分达成', '60'],
      ['部分达成', '65'],
      ['部分达成', '70'],
      ['部分达成', '75'],
      ['达成', '90'],
    ],
    labels: { 未达成: '有所效果', 部分达成: '效果逐步显现', 达成: '效果明显' },
    why: {
      causes: ['人员保障'],
      early: '执法巡查力量不足，监管效果尚未充分显现。',
      late: '执法巡查力量逐步充实，监管效果正在显现，尚未达到年度目标。',
    },
  },
  便民服务水平提升: {
    grades: [
      ['未达成', '20'],
      ['未达成', '25'],
      ['未达成', '30'],
      ['未达成', '35'],
      ['未达成', '40'],
      ['未达成', '40'],
      ['未达成', '50'],
      ['部分达成', '60'],
      ['部分达成', '70'],
      ['达成', '80'],
      ['达成', '85'],
      ['达成', '90'],
    ],
    labels: { 未达成: '有所提升', 部分达成: '逐步提升', 达成: '明显提升' },
    why: {
      causes: ['硬件条件保障'],
      early: '不动产服务大厅窗口改造尚未完成。',
      late: '不动产服务大厅窗口改造正在推进，服务水平逐步提升。',
    },
  },
  改善资源生态环境和人居环境: {
    grades: [
      ['未达成', '10'],
      ['未达成', '15'],
      ['未达成', '20'],
      ['未达成', '25'],
      ['未达成', '30'],
      ['未达成', '30'],
      ['未达成', '40'],
      ['未达成', '50'],
      ['部分达成', '60'],
      ['部分达成', '70'],
      ['部分达成', '75'],
      ['达成', '85'],
    ],
    labels: { 未达成: '有所改善', 部分达成: '逐步改善', 达成: '有效改善' },
    why: {
      causes: ['经费保障'],
      early: '生态修复项目资金尚未到位，工程未全面开工。',
      late: '生态修复项目资金下半年陆续到位，工程正在推进。',
    },
  },
  自然资源节约集约利用: {
    grades: [
      ['未达成', '20'],
      ['未达成', '25'],
      ['未达成', '30'],
      ['未达成', '35'],
      ['未达成', '40'],
      ['未达成', '40'],
      ['部分达成', '60'],
      ['部分达成', '65'],
      ['部分达成', '70'],
      ['达成', '80'],
      ['达成', '85'],
      ['达成', '90'],
    ],
    labels: { 未达成: '有所提升', 部分达成: '稳步提升', 达成: '逐步提升' },
    why: {
      causes: ['制度保障'],
      early: '节约集约用地评价制度尚在完善。',
      late: '节约集约用地评价制度已印发，正在落实。',
    },
  },
  办事群众满意率: {
    actual: [...none9, null, null, '97.6'],
    why: {
      causes: ['硬件条件保障'],
      early: '',
      late: '年末问卷调查满意率97.6%，不动产登记窗口高峰期排队等候时间较长，群众意见较集中。',
    },
  },
}

/** 执行数 and 到位资金 for July..December: 到位资金 a month ahead of spending, December equal. */
function julyToDecember(): MonthlyExecution[] {
  const rows: MonthlyExecution[] = []
  for (const [budgetLineId, path] of Object.entries(SPENT_JULY_TO_DECEMBER)) {
    path.forEach((spent, index) => {
      const month = (index + 7) as MonthNumber
      rows.push({
        id: `${budgetLineId}-m${month}`,
        budgetLineId,
        year: DEMO_YEAR,
        month,
        allocated: path[Math.min(index + 1, path.length - 1)] ?? spent,
        spent,
      })
    })
  }
  return rows
}

/** The reading of `indicator` at month m's node (m ≠ 6), following its plan. */
function readingAt(
  indicator: Indicator,
  seedReading: IndicatorReading,
  plan: Plan,
  month: number,
  executions: readonly MonthlyExecution[],
): IndicatorReading {
  const asOf = monthEnd(DEMO_YEAR, month as MonthNumber)
  const nodeId = demoNodeId(month)
  const linked = linkedActual(indicator, executions, asOf)
  const actual = linked !== null ? linked.toFixed(2) : (plan.actual?.[month - 1] ?? null)
  const grade = plan.grades?.[month - 1]
  const reading: IndicatorReading = {
    id: `${indicator.id}-r-2021-${String(month).padStart(2, '0')}`,
    nodeId,
    indicatorId: indicator.id,
    ...(actual !== null ? { actualValue: actual } : {}),
    ...(grade && plan.labels
      ? { actualLabel: plan.labels[grade[0]], qualitativeGrade: grade[0], qualitativePercent: grade[1] }
      : {}),
    yearEndForecast:
      month < 12
        ? (seedReading.yearEndForecast ?? indicator.targetValue)
        : grade && plan.labels
          ? plan.labels[grade[0]]
          : (actual ?? indicator.targetValue),
    deviationCauses: [],
    deviationText: '',
  }
  const { light } = indicatorLight(indicator, reading, asOf, defaultSettings())
  const lagging = light === 'red' || light === 'yellow'
  // not yet due: as the seed judged it in June
  const notDue = reading.actualValue === undefined && !grade
  const likelihood: Likelihood =
    plan.likelihood?.(month) ??
    (notDue ? (seedReading.likelihood ?? '确定能') : lagging ? (month === 12 ? '完全不可能' : '有可能') : '确定能')
  reading.likelihood = likelihood
  const explained = lagging || likelihood !== '确定能' || month <= (plan.explainedThrough ?? 0)
  if (explained && plan.why) {
    const text = month <= 6 ? plan.why.early : plan.why.late
    reading.deviationCauses = [...plan.why.causes]
    reading.deviationText = text || seedReading.deviationText
  }
  return reading
}

/** 示例: the whole year of 且末县自然资源局 2021, fresh objects on every call (see the header). */
export function qiemo2021YearDataset(): UnitYearWithInputs {
  const base = qiemo2021Dataset()
  const monthlyExecutions = [...base.monthlyExecutions, ...julyToDecember()]
  const settings = defaultSettings()
  const nodes: MonitoringNode[] = Array.from({ length: 12 }, (_, index): MonitoringNode => {
    const month = index + 1
    const asOfDate = monthEnd(DEMO_YEAR, month as MonthNumber)
    const node: MonitoringNode = {
      id: demoNodeId(month),
      unitId: DEMO_UNIT_ID,
      year: DEMO_YEAR,
      asOfDate,
      label: nodeLabel(asOfDate),
      status: 'draft',
    }
    return month === 6 ? { ...node, id: DEMO_NODE_ID, status: 'locked', frozenSettings: settings } : node
  })
  const seedReadings = new Map(base.readings.map((r) => [r.indicatorId, r]))
  const readings: IndicatorReading[] = []
  for (let month = 1; month <= 12; month++) {
    for (const indicator of base.indicators) {
      const seed = seedReadings.get(indicator.id)
      const plan = PLANS[indicator.name]
      if (!seed || !plan) continue
      readings.push(month === 6 ? seed : readingAt(indicator, seed, plan, month, monthlyExecutions))
    }
  }
  const data: UnitYearDataset = {
    ...base,
    monthlyExecutions,
    nodes,
    readings,
    budgetJudgements: [],
    alerts: [],
    reports: [],
  }
  // every node's alerts as the alerts store stores them, so 上一节点的处理情况 has earlier alerts to show
  const alerts = nodes
    .flatMap((node) =>
      computeNodeAlerts({ dataset: data, snapshot: snapshotAt(data, node), settings: settingsForNode(node, settings) }),
    )
    .map((alert) =>
      alert.id === JUNE_INSTRUCTION.alertId ? { ...alert, history: [{ ...JUNE_INSTRUCTION.event }] } : alert,
    )
  const dataset: UnitYearDataset = { ...data, alerts }
  // the year's 管理指标填报 are the one-node demo's (qiemo2021Management.ts)
  return { ...dataset, reports: [frozenJuneReport(dataset)], managementInputs: base.managementInputs ?? null }
}

/** 示例: the leader's 批示 on 1-6月's budget alert (before 定稿), carried over to the later nodes' alerts. */
const JUNE_INSTRUCTION = {
  alertId: alertId(DEMO_NODE_ID, 'budget.light', DEMO_UNIT_ID),
  event: {
    at: '2021-07-02T03:00:00.000Z',
    by: '姜西军',
    kind: 'comment',
    text: '各科室对照序时进度梳理下半年支出计划，评估项目9月底前启动支付。',
  } satisfies AlertEvent,
} as const

function snapshotAt(dataset: UnitYearDataset, node: MonitoringNode): NodeSnapshot {
  const result = computeNodeSnapshot({ dataset, nodeId: node.id, settings: settingsForNode(node, defaultSettings()) })
  // the dataset is fixed: a failure here is a mistake in this file, caught by its tests
  if (!result.ok) throw new Error(`示例数据有误：${result.issues.map((i) => i.message).join('；')}`)
  return result.value
}

/** 1-6月's report as 定稿 stores it (report store `freeze`): the drafted model, plain JSON. */
function frozenJuneReport(dataset: UnitYearDataset): StoredReport {
  const june = dataset.nodes.find((n) => n.id === DEMO_NODE_ID)
  if (!june) throw new Error('示例数据有误：没有1-6月节点')
  const settings = settingsForNode(june, defaultSettings())
  const draft = draftReport({ dataset, snapshot: snapshotAt(dataset, june), settings, reportDate: FROZEN_REPORT_DATE })
  const model: unknown = JSON.parse(JSON.stringify(draft))
  return {
    nodeId: DEMO_NODE_ID,
    edits: {},
    frozen: { at: DEMO_FROZEN_AT, model },
    unlocks: [],
    updatedAt: DEMO_FROZEN_AT,
  }
}
