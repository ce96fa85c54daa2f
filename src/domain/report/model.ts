/**
 * The 绩效监控报告 and 监控表 as plain data (strings and numbers only), so the same object can be
 * shown on screen, printed, exported to Word and Excel, and — at 定稿 — frozen into IndexedDB as is.
 * Every figure in it is formatted once from the node snapshot; Word, Excel and print only lay it out.
 */
import type { DecimalString, Id, IsoDate, Light } from '../types'

/** A drafted paragraph: what the data says, and the user's text over it. */
export interface ReportParagraph {
  kind: 'paragraph'
  /** stable key for edits, e.g. 'budget.overall', 'indicator.<id>' */
  key: string
  /** the text shown and exported: the user's edit, else the draft */
  text: string
  /** the text drafted from the data */
  drafted: string
  edited: boolean
  /** a paragraph the user must write or confirm (存在问题, 意见及建议 …); its draft is only a suggestion */
  userParagraph: boolean
  /**
   * a user paragraph (存在问题, 下一步措施, 意见及建议 …) still holding its suggested draft: the UI marks it
   * 待填写 until the user edits it; exports show the text without any mark
   */
  needsInput: boolean
}

export interface ReportHeading {
  kind: 'heading'
  /** 1 一、 (黑体), 2 （一） (楷体), 3 1、 , 4 ① */
  level: 1 | 2 | 3 | 4
  text: string
}

export interface ReportTableRef {
  kind: 'table'
  table: 'budget' | 'indicators'
}

export type ReportBlock = ReportParagraph | ReportHeading | ReportTableRef

/** Number format of a table cell: amounts in 万元 with 2 decimals, rates as percents, plain numbers as entered. */
export type CellFormat = 'amount' | 'percent' | 'number'

/** One cell: `text` as shown everywhere; numbers also carry their value for Excel. */
export interface TableCell {
  text: string
  /** the displayed number as a decimal string (rounded exactly as `text`): 万元, or a fraction for percents */
  value?: DecimalString
  format?: CellFormat
  /**
   * the decimals of a percent (settings.ratePrecision), for the Excel number format; on a 'number' cell, its
   * fixed decimals (执行进度比 in the 部门汇总表, docs/domain-rules.md §17.6)
   */
  places?: number
  light?: Light
}

export interface TableRow {
  cells: TableCell[]
  /** subtotal / total rows are bold */
  emphasis?: boolean
}

export interface ReportTable {
  title: string
  header: string[]
  rows: TableRow[]
  /** relative column widths */
  widths: number[]
}

export interface ReportModel {
  /** model version, so a frozen model can be recognised later */
  version: 1
  nodeId: Id
  unitName: string
  year: number
  /** '2021年1-6月' */
  nodeLabel: string
  asOfDate: IsoDate
  /** '且末县自然资源局整体支出绩效监控报告' */
  title: string
  /** '2021年7月2日' */
  reportDate: string
  ratePrecision: number
  blocks: ReportBlock[]
  /** the budget block in the text (the 部门汇总报告: 部门预算执行情况表) */
  budgetTable: ReportTable
  /** the landscape 附表 (the 部门汇总报告: 各单位预算执行汇总表, docs/domain-rules.md §17.6) */
  indicatorTable: ReportTable
  /** 一级 / 二级 / 三级 counts of the 整体 indicators */
  counts: { level1: number; level2: number; level3: number }
}
