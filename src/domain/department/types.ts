/**
 * 主管部门 汇总 as plain data (docs/domain-rules.md §17): what a 主管部门 keeps of each 下属单位's 报送,
 * and the one-unit-one-node summary its roll-ups read. Amounts are `DecimalString` (万元), rates and
 * 序时进度 fractions as strings, so every type here survives IndexedDB and a JSON package as is.
 *
 * The department's node is a date. Node ids are each unit's own (unit A's 1-6月 and unit B's 1-6月 have
 * different ids), while 1-6月 as of 6月30日 means the same in every unit; so the 主管部门 matches
 * submissions, rows and heatmap columns by `asOfDate`, and keeps `nodeId` only to open the unit's node.
 */
import type { DecimalString, ExpenseCategory, Id, IsoDate, IsoDateTime, Light } from '../types'

/** One 报送 as the 主管部门 files it: whose, which node, when made, and the package's fingerprint. */
export interface SubmissionRef {
  unitId: Id
  unitName: string
  year: number
  /** the node's id in the unit's own data (for the drill-down); the department matches by `asOfDate` */
  nodeId: Id
  /** e.g. '2021年1-6月' */
  nodeLabel: string
  asOfDate: IsoDate
  /** when the unit made the package (its manifest), 'yyyy-MM-ddTHH:mm:ss.sssZ': decides which is newer */
  createdAt: IsoDateTime
  /** SHA-256 of the whole package, lower-case hex: the same bytes are the same submission */
  packageSha256: string
}

/** A 下属单位 as the 主管部门's list names it: a row of the ranking and of the heatmap. */
export interface SubordinateUnit {
  unitId: Id
  unitName: string
}

/** A column of the heatmap: a monitoring date and how it is labelled. */
export interface DepartmentNode {
  asOfDate: IsoDate
  /** e.g. '2021年1-6月' */
  label: string
}

/** 调整后预算, 到位资金 and 执行数 (cumulative) at rest: the figures a department sums. */
export interface BudgetAmounts {
  /** 调整后预算 (the unit's 执行率 denominator, docs/domain-rules.md §4.3) */
  adjustedBudget: DecimalString
  /** 到位资金 */
  allocated: DecimalString
  /** 执行数 */
  spent: DecimalString
}

/** Red and yellow 预警 of a unit at a node: what the ranking shows beside each unit. */
export interface AlertCounts {
  red: number
  yellow: number
}

/**
 * One unit at one node as its 报送 states it (unitNodeFiguresOf builds it from the node snapshot).
 * Amounts, not rates: a department rate is formed from sums (docs/domain-rules.md §17.2), so the parts
 * travel and every rate is derived.
 */
export interface UnitNodeFigures {
  unitId: Id
  unitName: string
  year: number
  nodeId: Id
  nodeLabel: string
  asOfDate: IsoDate
  /** the unit as a whole */
  budget: BudgetAmounts
  /**
   * 基本支出 / 项目支出 (keys as `ExpenseCategory`, labels `rates.CATEGORY_LABELS`); a category absent has
   * no budget line in the unit. Every line has a category, so the two add up to `budget`.
   */
  byCategory: Partial<Record<ExpenseCategory, BudgetAmounts>>
  /** 序时进度 at the node as a fraction ('0.5' = 50%), in the unit's own mode (docs/domain-rules.md §3.2) */
  timeProgress: DecimalString
  /** how many of the unit's indicators (整体 and 项目 alike) show each light at the node */
  indicatorLights: Record<Light, number>
  /** the node's red and yellow 预警 */
  alerts: AlertCounts
  /** the unit's worst light: its budget light and every indicator light (docs/domain-rules.md §6.4) */
  unitLight: Light
}
