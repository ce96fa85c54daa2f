/**
 * The monitoring domain as plain data. Everything here survives IndexedDB's structured clone:
 * amounts and rates are decimal strings (万元, two decimals at entry), dates are 'yyyy-MM-dd' strings.
 * Inside domain functions strings become `Decimal`; they never leave the domain as `Decimal`.
 *
 * Glossary: 单位 Unit, 科室 department, 监控小组 monitoring group, 预算 budget line, 项目 project,
 * 绩效目标 PerformanceTarget, 三级指标 Indicator, 监控节点 MonitoringNode, 执行数 spent, 到位资金 allocated,
 * 指标填报 IndicatorReading, 预警 Alert, 纠偏措施 CorrectiveMeasure.
 */
import type { MonitoringSettings } from './settings'
import type { MeasureTemplate } from './measureTemplates'

/**
 * A decimal number kept as a string, e.g. '1493.25' (万元), '-0.5' or '0'. Never a JS float at rest.
 * A template-literal type: a literal such as '1493.25' is one, an arbitrary `string` is not, so a value
 * read from a file, a cell or a form must go through a constructor in `decimal.ts`: `toDecimalString`
 * (from a `Decimal`) or `parseDecimalString` (from text, null when it is not a plain decimal). The type
 * also admits '1e5', ' 1' or '0x10': the constructors, not the type, guarantee the plain form (no
 * exponent, no separators, no spaces). Test fixtures may write literals.
 */
export type DecimalString = `${number}`
/**
 * A calendar date 'yyyy-MM-dd', e.g. '2021-06-30'. As with `DecimalString`, a literal is one and a
 * `string` is not: build one with `toIsoDate` (from a `Date`), `monthEnd`, or `parseIsoDateString` (from
 * text, null when it is not a real calendar date), all in `dates.ts`. The type also admits '2021-6-1'
 * or '1-1-1': the constructors, not the type, guarantee a real date written 'yyyy-MM-dd'.
 */
export type IsoDate = `${number}-${number}-${number}`
/**
 * A row as an entry form holds it before its checks: its amounts and dates are text as typed ('',
 * '1,2a'), so the validator can name the text (`validateBudgetLine`, `validateIndicator`,
 * `validateExecution` take one). Only a checked row is stored: `stored.ts` turns one into the row.
 */
export type Unchecked<T> = { [K in keyof T]: AsTyped<T[K]> }
type AsTyped<V> = V extends DecimalString | IsoDate
  ? string
  : V extends readonly (DecimalString | IsoDate)[]
    ? string[]
    : V
/** An instant 'yyyy-MM-ddTHH:mm:ss.sssZ' (audit log, review history). */
export type IsoDateTime = string
export type Id = string
/** Month of the fiscal year (= calendar year), 1..12. */
export type MonthNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12

export type GroupRole = '组长' | '副组长' | '成员'

export interface GroupMember {
  name: string
  /** 职务, e.g. '党组书记、副局长' */
  title: string
  role: GroupRole
}

/** 单位 */
export interface Unit {
  id: Id
  name: string
  /** 科室 */
  departments: string[]
  /** 绩效监控小组 */
  monitoringGroup: GroupMember[]
  /** 财务负责人 */
  financeOfficer: string
  /** 主管部门's unit id when this unit is a 下属单位 */
  parentUnitId?: Id
  /**
   * Whether 执行率 and 到位率 count 上年结转 in their denominator (调整后预算 + 上年结转). Evaluators differ
   * (docs/domain-rules.md §4.3): absent or false → 调整后预算 only, the default.
   */
  carryOverInExecutionBase?: boolean
  /**
   * How the unit keeps 到位资金 in its books, so the monthly grid asks only for what it does not know:
   * 'typed' → typed month by month (absent means this, the default); 'equalsSpent' → funds arrive as
   * they are spent, each changed month's 到位资金 = its 执行数; 'fullBudget' → the whole budget is
   * allocated, each changed month's 到位资金 = the line's 调整后预算 as of that month.
   */
  allocatedMode?: 'typed' | 'equalsSpent' | 'fullBudget'
}

/** 基本支出 / 项目支出 */
export type ExpenseCategory = 'basic' | 'project'
/** 人员经费 / 公用经费, only for 基本支出 */
export type BasicSubCategory = 'personnel' | 'public'
/** 资金来源 */
export type FundSource = '财政拨款' | '上级专项' | '上年结转' | '其他资金'
export const FUND_SOURCES: readonly FundSource[] = ['财政拨款', '上级专项', '上年结转', '其他资金']

/** 项目 (项目支出 is budgeted per project) */
export interface Project {
  id: Id
  unitId: Id
  year: number
  name: string
  /** 责任科室 */
  department: string
}

/** One budget line of one unit and fiscal year (a 基本支出 sub-item or a 项目's funds from one source). */
export interface BudgetLine {
  id: Id
  unitId: Id
  year: number
  category: ExpenseCategory
  /** required when category = 'basic' */
  subCategory?: BasicSubCategory
  /** required when category = 'project' */
  projectId?: Id
  /** e.g. '工资福利支出', '车辆运行维护费', '国有土地出让金评估项目' */
  name: string
  fundSource: FundSource
  /** 年初预算 */
  initialBudget: DecimalString
  /** 追加 */
  additions: DecimalString
  /** 追减 */
  reductions: DecimalString
  /**
   * The month 追加 / 追减 take effect (docs/domain-rules.md §4.2): a node before it does not
   * count them, so a September 追加 never changes 1-6月's figures. Absent → January.
   */
  adjustmentMonth?: MonthNumber
  /** 上年结转 (shown beside the budget; not part of 调整后预算, docs/domain-rules.md §4.2) */
  carryOver: DecimalString
  sortOrder: number
}

/**
 * 月度执行: cumulative figures for one budget line to the end of one month (1月 → 1..1, 6月 → 1..6).
 * Cumulative, because that is how 国库集中支付 reports them and how the 监控表 asks for them.
 */
export interface MonthlyExecution {
  id: Id
  budgetLineId: Id
  year: number
  month: MonthNumber
  /** 到位资金 (cumulative) */
  allocated: DecimalString
  /** 执行数 (cumulative) */
  spent: DecimalString
}

/** 绩效目标: one per unit (整体) and per project, each with its indicator tree. */
export interface PerformanceTarget {
  id: Id
  unitId: Id
  year: number
  scope: 'unit' | 'project'
  /** required when scope = 'project' */
  projectId?: Id
  /** 年度总体目标 text */
  description: string
}

/** The year's 一级/二级 indicator framework, kept as data (it changed in 2021). */
export interface IndicatorFramework {
  year: number
  level1: { name: string; level2: string[] }[]
}

/** 计算符号. '定性' marks a qualitative indicator. */
export type Operator = '≥' | '>' | '=' | '≤' | '<' | '定性'

/**
 * How progress accrues over the year (docs/domain-rules.md §5.2):
 * - cumulative: the count grows (办理初审 15 个); expected at node = target × 序时进度 or a monthly plan.
 * - level: a rate or quality judged as is (合格率 ≥98%).
 * - dueLater: only measurable after `dueDate` (满意度 at year end); grey and excluded until then.
 */
export type Accrual = 'cumulative' | 'level' | 'dueLater'

/** 三级指标 */
export interface Indicator {
  id: Id
  targetId: Id
  level1: string
  level2: string
  name: string
  operator: Operator
  /** 年度指标值: a decimal string for quantitative indicators, the expected text for 定性 ('效果明显'). */
  targetValue: string
  /** Optional wording of the target when it is not 'value + unit', e.g. '12月31日前完成'. */
  targetLabel?: string
  /** 计量单位, e.g. '个', '亩', '%', '万元'; '' for 定性 */
  measureUnit: string
  /** 分值 (weight) for the score preview */
  weight?: DecimalString
  accrual: Accrual
  /** for accrual 'dueLater': the first date at which it can be measured */
  dueDate?: IsoDate
  /** optional cumulative plan per month (index 0 = 1月), overrides the linear expectation */
  monthlyPlan?: DecimalString[]
  /**
   * A cost indicator that mirrors budget lines (seed 001: 人员保障成本经费 = 工资福利支出): its 实际完成值
   * at a node is those lines' 执行数, never typed twice (docs/domain-rules.md §5.5).
   */
  budgetLineIds?: Id[]
  sortOrder: number
}

/** 监控节点, e.g. as of 2021-06-30, label '2021年1-6月' */
export interface MonitoringNode {
  id: Id
  unitId: Id
  year: number
  asOfDate: IsoDate
  label: string
  status: 'draft' | 'locked'
  /**
   * The settings (thresholds, 序时进度 mode) as they were at 定稿: a locked node's figures and alerts
   * keep them, so a later 设置 change applies to open nodes only (docs/domain-rules.md §12.4). Absent on open nodes.
   */
  frozenSettings?: MonitoringSettings
}

export type QualitativeGrade = '达成' | '部分达成' | '未达成'
/** 完成目标可能性 */
export type Likelihood = '确定能' | '有可能' | '完全不可能'
/** 偏差原因 categories */
export type DeviationCause = '经费保障' | '制度保障' | '人员保障' | '硬件条件保障' | '其他'
export const DEVIATION_CAUSES: readonly DeviationCause[] = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他']

/** 指标填报: one indicator's reading at one node. */
export interface IndicatorReading {
  id: Id
  nodeId: Id
  indicatorId: Id
  /**
   * 实际完成值 for quantitative indicators: a decimal string, except that the form keeps text that is not
   * a number as typed so the completion rate names it (`readingFromDraft`), and a reading of an indicator
   * not yet due is saved unchecked (`validateReading` skips it). Hence `string`, not `DecimalString`.
   */
  actualValue?: string
  /** how the actual value is worded in a report when not 'value + unit', e.g. '有所提升' */
  actualLabel?: string
  /** for 定性 indicators */
  qualitativeGrade?: QualitativeGrade
  /** optional percent inside the grade's band, e.g. '30' for 30%; `string` for the reason given at `actualValue` */
  qualitativePercent?: string
  /** 全年预计完成值 */
  yearEndForecast?: string
  likelihood?: Likelihood
  deviationCauses: DeviationCause[]
  deviationText: string
  /**
   * Set when 新建节点 copied this reading from an earlier node (that node's id): its value, reason and
   * forecast are last node's until the user confirms or edits them, and screens, alerts and the report
   * say 「沿用上一节点」 meanwhile (docs/domain-rules.md §7.4: a new node must not pass off last month's figures).
   */
  carriedFrom?: Id
}

/** The same judgement for a budget line at a node (全年预计执行数 and why it deviates). */
export interface BudgetLineJudgement {
  id: Id
  nodeId: Id
  budgetLineId: Id
  yearEndForecast?: DecimalString
  likelihood?: Likelihood
  deviationCauses: DeviationCause[]
  deviationText: string
  /** as for IndicatorReading: copied from this earlier node and not yet confirmed */
  carriedFrom?: Id
}

/** red / yellow / green / blue (over-run) / grey (not due, no data) */
export type Light = 'red' | 'yellow' | 'green' | 'blue' | 'grey'

/** 'measure': an overdue 纠偏措施 (rule measure.overdue) */
export type AlertSubject = 'unit' | 'budgetLine' | 'project' | 'indicator' | 'measure'

/** 预警. Stores the rule, thresholds and inputs that raised it so any view can say why. */
export interface Alert {
  id: Id
  nodeId: Id
  ruleId: string
  light: Light
  subjectType: AlertSubject
  subjectId: Id
  thresholds: Record<string, string>
  inputs: Record<string, string>
  /** one Chinese sentence, e.g. '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警' */
  message: string
  status: 'open' | 'closed'
  closedReason?: string
  /** review history (批示 etc.), oldest first; absent on alerts never reviewed */
  history?: AlertEvent[]
}

export type MeasureKind = 'taken' | 'planned'
export type MeasureStatus = '计划' | '进行中' | '已完成' | '逾期'

/** 纠偏措施: 已采取 (with 效果) or 下一步计划 (with 预期效果). */
export interface CorrectiveMeasure {
  id: Id
  unitId: Id
  nodeId: Id
  alertId?: Id
  kind: MeasureKind
  content: string
  /** 效果 for taken measures, 预期效果 for planned ones */
  effect: string
  /** 责任科室 */
  department: string
  deadline?: IsoDate
  status: MeasureStatus
}

/** One event in an alert's review history (批示, 指派, 关闭, 重新打开), kept for good. */
export interface AlertEvent {
  at: IsoDateTime
  /** who acted, as typed by the user (no accounts in an offline app) */
  by: string
  kind: 'comment' | 'assign' | 'close' | 'reopen'
  text: string
  /** for 'assign': the measure created */
  measureId?: Id
}

/**
 * The 绩效监控报告 of one node as stored: the user's edits over the drafted text, and once 定稿 a
 * frozen copy of the whole report so later edits elsewhere cannot change what was submitted.
 */
export interface StoredReport {
  /** one report per node: the key */
  nodeId: Id
  /** paragraph key → the user's text; paragraphs absent here are drafted from the data */
  edits: Record<string, string>
  /** set by 定稿: the report model exactly as it was frozen (plain data) */
  frozen?: { at: IsoDateTime; model: unknown }
  /** every unlock after 定稿, with its reason */
  unlocks: { at: IsoDateTime; reason: string }[]
  updatedAt: IsoDateTime
}

/** A report that was 定稿 and later unlocked: the model as submitted, when, and why it was unlocked. */
export interface SubmittedVersion {
  frozenAt: string | null
  unlockedAt: string
  reason: string
  model: unknown
}

/** Everything one unit holds for one fiscal year: what demo data, import, export and backup move. */
export interface UnitYearDataset {
  unit: Unit
  year: number
  framework: IndicatorFramework
  projects: Project[]
  budgetLines: BudgetLine[]
  monthlyExecutions: MonthlyExecution[]
  targets: PerformanceTarget[]
  indicators: Indicator[]
  nodes: MonitoringNode[]
  readings: IndicatorReading[]
  budgetJudgements: BudgetLineJudgement[]
  alerts: Alert[]
  measures: CorrectiveMeasure[]
  reports: StoredReport[]
}

/** One unit-year that holds data: what the context selector lists. */
export interface UnitYearRef {
  unitId: Id
  unitName: string
  year: number
}

/**
 * A row of the stored settings, by key. Stored settings may be partial (written by an older version);
 * readers merge them over defaults.
 */
export type SettingsRow =
  | { key: 'monitoring'; value: Partial<MonitoringSettings> }
  /** the 纠偏措施 template library; absent → the defaults */
  | { key: 'measureTemplates'; value: MeasureTemplate[] }

/**
 * The amounts and counts a scoring scheme's budget-management items read that the monitoring data
 * lacks (docs/domain-rules.md §11.3): entered by the unit once per year. 编制数 and 在职人数 are head
 * counts; the rest are 万元.
 */
export type ManagementAmount =
  /** 编制数 */
  | 'staffingQuota'
  /** 在职人数 */
  | 'staffCount'
  /** “三公”经费 预算安排 */
  | 'threePublicBudget'
  /** “三公”经费 实际支出 */
  | 'threePublicActual'
  /** 上年“三公”经费 实际支出 */
  | 'threePublicLastYear'
  /** 公用经费 年初预算 (as budgeted at the start of the year, before adjustments) */
  | 'publicExpenseInitialBudget'
  /** 公用经费 实际支出 */
  | 'publicExpenseActual'
  /** 年末结转结余 */
  | 'yearEndCarryOver'
  /** 非税收入 预算 */
  | 'nonTaxRevenueBudget'
  /** 非税收入 实际 */
  | 'nonTaxRevenueActual'
  /** 政府采购 预算 */
  | 'procurementBudget'
  /** 政府采购 实际 */
  | 'procurementActual'
  /** 重点支出 */
  | 'keyExpenditure'

/** One finding entered for a deduction-per-finding item (an 审计 or 检查 finding); `kind` names the rule's deduction. */
export interface ScoringFinding {
  /** one of the item rule's finding kinds; absent → the rule's first kind */
  kind?: string
  text: string
}

/** What the unit entered for one scheme item (or part) read as an entered input (docs/domain-rules.md §11.2). */
export type EnteredValue =
  /** a number; a rate as a fraction ('0.95' = 95%) when the metric's unit is '%' */
  | { kind: 'number'; value: DecimalString }
  | { kind: 'yesNo'; value: boolean }
  | { kind: 'category'; value: string }
  | { kind: 'findings'; findings: ScoringFinding[] }
  /** a judged item: the grade and, optionally, a percent inside its band ('85' = 85%) */
  | { kind: 'judgement'; grade: QualitativeGrade; percent?: DecimalString }

/**
 * 管理指标填报: one unit-year's inputs to the scoring scheme's management items (docs/domain-rules.md §11.3).
 * Plain data, stored as is (IndexedDB, backup): amounts are decimal strings, absent when not entered
 * (未填报, never 0).
 */
export interface ManagementInputs {
  id: Id
  unitId: Id
  year: number
  amounts: Partial<Record<ManagementAmount, DecimalString>>
  /** entered values keyed by scheme item id, or `itemId/partId` for a part (`scoring.inputKey`) */
  entries: Record<string, EnteredValue>
  /** 评分依据、未达标原因、改进措施 per scheme item id, for the 自评表 */
  remarks?: Record<string, string>
}
