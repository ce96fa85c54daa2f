/**
 * A scoring scheme as data (docs/domain-rules.md §11.1): the items of a 100-point self-evaluation table,
 * each with its weight, the metric it reads and the rule that turns the metric into points, plus the
 * scheme's grades and rounding. Plain data (decimal strings, no Decimal), so a scheme can be stored,
 * backed up and written to an .xlsx as it is.
 */
import type { EnteredValue, Id, DecimalString, ManagementAmount, Operator } from '../types'

/** The numbers the monitoring data gives a budget ratio (docs/domain-rules.md §11.2). */
export type DataQuantity =
  /** 调整后预算 (the unit total at the node) */
  | 'adjustedBudget'
  /** 上年结转 (Σ of the lines) */
  | 'carryOver'
  /** 调整后预算 + 上年结转: what the year had to spend (seed 003's 结转结余率 denominator) */
  | 'availableBudget'
  /** 执行数 at the node */
  | 'spent'

/** A budget ratio's numerator or denominator: a figure of the monitoring data or an entered amount. */
export type BudgetQuantity = DataQuantity | ManagementAmount

/** ratio: a ÷ b (公用经费 actual ÷ 年初预算 = 290.88%); change: (a − b) ÷ b (seed 003 公用经费控制率, 三公经费 vs last year). */
export type RatioBasis = 'ratio' | 'change'

/** What an entered metric asks the unit for. */
export type EnteredKind = EnteredValue['kind']

/**
 * What an item reads (docs/domain-rules.md §11.2):
 * - indicator: one performance indicator's completion, by id;
 * - indicators: every 整体 indicator (or those under the given 一级), the item's weight spread over
 *   them by their own 分值 (equally when none has one), each scored by the rule: seed 003's
 *   「各产出指标单项得分合计」;
 * - monthlyExecution: the average monthly 通报 rate (docs/domain-rules.md §4.8);
 * - budgetRatio: numerator ÷ denominator (or the change of one against the other);
 * - entered: an input the unit enters per year (a number, yes/no, a category, findings, a judgement).
 */
export type Metric =
  | { kind: 'indicator'; indicatorId: Id }
  | { kind: 'indicators'; level1?: string[] }
  | { kind: 'monthlyExecution' }
  | { kind: 'budgetRatio'; numerator: BudgetQuantity; denominator: BudgetQuantity; basis: RatioBasis; label?: string }
  /** unit '%': the number is a rate kept as a fraction; label: what is entered (default: the item's name) */
  | { kind: 'entered'; input: EnteredKind; unit?: string; label?: string }

/** A comparison in a rule: the indicators' 计算符号 without 定性. */
export type Comparison = Exclude<Operator, '定性'>

/** A band's upper end; `inclusive` → the band holds the bound itself (≤), else not (<). */
export interface Bound {
  value: DecimalString
  inclusive: boolean
}

/** What a value inside a band scores. */
export type BandScore =
  /** a fixed fraction of the weight: 1 full, 0.5 half, 0 nothing */
  | { kind: 'share'; share: DecimalString }
  /** fixed points */
  | { kind: 'points'; points: DecimalString }
  /** value × weight (seed 003: 得分 = 完成率 × 本指标分值) */
  | { kind: 'proportional' }
  /** points rising (or falling) linearly from the band's lower end to its upper end */
  | { kind: 'linear'; fromPoints: DecimalString; toPoints: DecimalString }

/** One band of a piecewise rule: from the previous band's end (or −∞) up to `upTo` (null: +∞). */
export interface PiecewiseBand {
  upTo: Bound | null
  score: BandScore
}

/** One tier: values at least (or at most) `threshold` score `points`, the first tier that holds wins. */
export interface Tier {
  threshold: DecimalString
  inclusive: boolean
  points: DecimalString
}

/** A kind of finding and what one of it costs; `zeroesItem`: one such finding zeroes the item. */
export interface FindingKind {
  name: string
  deduction: DecimalString
  zeroesItem?: boolean
}

export interface Category {
  name: string
  points: DecimalString
}

/** A part of a 'parts' item: its own weight, metric and rule (no parts inside parts). */
export interface SchemePart {
  id: string
  name: string
  weight: DecimalString
  metric: Metric
  rule: SimpleRule
  ruleText?: string
}

/**
 * How a metric becomes points (docs/domain-rules.md §11.4), every rule type of a real table:
 * - piecewise: bands in ascending order, each scoring a share, points, value × weight or a line;
 * - tiers: a tier table on any metric, best tier first, `otherwise` below the last;
 * - passFail: full when the condition holds (a yes/no input without one), else 0;
 * - stepDeduction: from full, `deduction` for every `step` beyond `start` (扣完为止); `partialStep`
 *   'counts': a started step counts (每增加5%（含）), 'ignored': only whole steps;
 * - perFinding: each finding takes its kind's deduction (扣完为止); some kinds zero the item;
 * - category: a category's points;
 * - judged: a grade within its band of the weight (达成 80–100%, 部分达成 60–80%, 未达成 0–60%);
 * - parts: a sum of weighted parts, each with its own metric and rule.
 */
export type SimpleRule =
  | { kind: 'piecewise'; bands: PiecewiseBand[] }
  | { kind: 'tiers'; direction: 'atLeast' | 'atMost'; tiers: Tier[]; otherwise: DecimalString }
  | { kind: 'passFail'; condition?: { operator: Comparison; value: DecimalString } }
  | {
      kind: 'stepDeduction'
      direction: 'above' | 'below'
      start: DecimalString
      step: DecimalString
      deduction: DecimalString
      partialStep: 'counts' | 'ignored'
    }
  | { kind: 'perFinding'; kinds: FindingKind[] }
  | { kind: 'category'; categories: Category[] }
  | { kind: 'judged' }

export type Rule = SimpleRule | { kind: 'parts'; parts: SchemePart[] }

export type RuleKind = Rule['kind']

/** One row of the table: 一级/二级/三级指标, 分值, what it reads and how it scores. */
export interface SchemeItem {
  id: string
  level1: string
  level2: string
  level3: string
  weight: DecimalString
  /** null only for a 'parts' item: its parts read their own metrics */
  metric: Metric | null
  rule: Rule
  /** the rule in the table's words; generated from the rule when absent (`ruleText`) */
  ruleText?: string
  /** 指标解释 */
  explanation?: string
}

/** A grade and the lowest normalized total (of 100) that earns it. */
export interface GradeBound {
  label: string
  min: DecimalString
}

/**
 * Rounding (docs/domain-rules.md §11.6): half-up to `places` decimals, per item, before tiers and grades:
 * a rate read by a rule is rounded to `places` decimals of a percent (59.996% → 60.00%), a number to
 * `places` decimals, an item's points to `places` decimals; the total is the sum of the rounded items.
 */
export interface RoundingPolicy {
  mode: 'halfUp'
  places: number
}

export interface ScoringSchemeDefinition {
  id: string
  name: string
  items: SchemeItem[]
  /** best grade first (优 90, 良 80, 中 60, 差 0) */
  grades: GradeBound[]
  rounding: RoundingPolicy
}

export const RULE_KIND_LABELS: Readonly<Record<RuleKind, string>> = {
  piecewise: '分段计分',
  tiers: '档次计分',
  passFail: '达标得分',
  stepDeduction: '逐档扣分',
  perFinding: '按问题扣分',
  category: '按类别计分',
  judged: '分档评判',
  parts: '分项合计',
}

export const METRIC_KIND_LABELS: Readonly<Record<Metric['kind'], string>> = {
  indicator: '指标完成率',
  indicators: '绩效指标完成情况',
  monthlyExecution: '年度平均执行率',
  budgetRatio: '预算比率',
  entered: '填报值',
}

export const ENTERED_KIND_LABELS: Readonly<Record<EnteredKind, string>> = {
  number: '数值',
  yesNo: '是否',
  category: '类别',
  findings: '发现问题',
  judgement: '评判等级',
}

export const DATA_QUANTITY_LABELS: Readonly<Record<DataQuantity, string>> = {
  adjustedBudget: '调整后预算',
  carryOver: '上年结转',
  availableBudget: '预算总额（调整后预算+上年结转）',
  spent: '执行数',
}

export const MANAGEMENT_AMOUNT_LABELS: Readonly<Record<ManagementAmount, string>> = {
  staffingQuota: '编制数',
  staffCount: '在职人数',
  threePublicBudget: '“三公”经费预算',
  threePublicActual: '“三公”经费实际支出',
  threePublicLastYear: '上年“三公”经费支出',
  publicExpenseInitialBudget: '公用经费年初预算',
  publicExpenseActual: '公用经费实际支出',
  yearEndCarryOver: '年末结转结余',
  nonTaxRevenueBudget: '非税收入预算',
  nonTaxRevenueActual: '非税收入实际',
  procurementBudget: '政府采购预算',
  procurementActual: '政府采购实际',
  keyExpenditure: '重点支出',
}

/** The entered amounts in the order an input screen or template lists them. */
export const MANAGEMENT_AMOUNTS: readonly ManagementAmount[] = [
  'staffingQuota',
  'staffCount',
  'threePublicBudget',
  'threePublicActual',
  'threePublicLastYear',
  'publicExpenseInitialBudget',
  'publicExpenseActual',
  'yearEndCarryOver',
  'nonTaxRevenueBudget',
  'nonTaxRevenueActual',
  'procurementBudget',
  'procurementActual',
  'keyExpenditure',
]

export const BUDGET_QUANTITY_LABELS: Readonly<Record<BudgetQuantity, string>> = {
  ...DATA_QUANTITY_LABELS,
  ...MANAGEMENT_AMOUNT_LABELS,
}

export function isDataQuantity(quantity: BudgetQuantity): quantity is DataQuantity {
  return quantity in DATA_QUANTITY_LABELS
}

/** The key of an item's (or a part's) entered value in `ManagementInputs.entries`. */
export function inputKey(itemId: string, partId?: string): string {
  return partId === undefined ? itemId : `${itemId}/${partId}`
}
