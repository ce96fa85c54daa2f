/**
 * The tables of the 部门汇总报告 (docs/domain-rules.md §17.6): the department's budget block (部门合计,
 * 基本支出, 项目支出, all sums) and the 汇总表 (one row per unit, worst 执行进度比 first, 未报送 units
 * marked, a 合计 row of sums). The report's Word tables and the 汇总表 .xlsx are both laid out from these
 * rows, so a figure in the report and in the workbook is one string formatted once.
 */
import { D, formatNumber, roundForDisplay, toDecimalString } from '../decimal'
import type { Dec } from '../decimal'
import type { BudgetFigures } from '../rates'
import type { ReportTable, TableCell, TableRow } from '../report/model'
import { amountCell, percentCell, textCell } from '../report/tables'
import { LIGHT_WORDS } from '../report/words'
import type { Id, Light } from '../types'
import { budgetFiguresOf } from './figures'
import { REVIEW_STATE_LABELS } from './review'
import type { ReviewState } from './review'
import type { UnitRanking } from './ranking'
import type { DepartmentTotals } from './totals'

/** 执行进度比 is shown with one decimal, as in the unit report (51.4 for seed 001). */
export const RATIO_PLACES = 1

/** 执行进度比 (× 100) with one decimal; the value is the rounded ratio, so Excel shows the same. */
export function ratioCell(ratio: Dec | null): TableCell {
  if (ratio === null) return { text: '—' }
  const rounded = roundForDisplay(ratio, RATIO_PLACES)
  return {
    text: formatNumber(rounded, RATIO_PLACES),
    value: toDecimalString(rounded),
    format: 'number',
    places: RATIO_PLACES,
  }
}

/** A whole count (预警 条数) as a number cell. */
function wholeCell(n: number): TableCell {
  return { text: String(n), value: toDecimalString(new D(n)), format: 'number' }
}

function lightCell(light: Light): TableCell {
  return { text: LIGHT_WORDS[light], light }
}

/** 部门预算执行情况表: 部门合计, then 基本支出 and 项目支出, every figure a sum over the units. */
export function departmentBudgetTable(totals: DepartmentTotals, nodeLabel: string, places: number): ReportTable {
  const row = (label: string, f: BudgetFigures, emphasis: boolean): TableRow => ({
    cells: [
      textCell(label),
      amountCell(f.adjustedBudget),
      amountCell(f.allocated),
      percentCell(f.allocationRate, places),
      amountCell(f.spent),
      percentCell(f.executionRate, places),
    ],
    emphasis,
  })
  return {
    title: `${nodeLabel}部门预算执行情况表（单位：万元）`,
    header: ['支出类别', '调整后预算', '到位资金', '到位率', '执行数', '执行率'],
    rows: [row('部门合计', totals.budget, true), ...totals.byCategory.map((c) => row(c.label, c.figures, false))],
    widths: [14, 14, 14, 10, 14, 10],
  }
}

/** The 汇总表's columns, in order (the .xlsx and the report's 附表 alike). */
export const SUMMARY_HEADER = [
  '排名',
  '单位',
  '调整后预算',
  '到位资金',
  '执行数',
  '执行率',
  '序时进度',
  '执行进度比',
  '预算执行预警',
  '红色预警',
  '黄色预警',
  '审核状态',
] as const

const DASH: TableCell = { text: '—' }

/** '已通过1个、待审核1个、未报送1个': the 审核 states of the rows, in the order of the labels. */
function reviewTally(states: readonly ReviewState[]): string {
  return (['approved', 'pending', 'returned', 'notSubmitted'] as const)
    .map((state) => [state, states.filter((s) => s === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${REVIEW_STATE_LABELS[state]}${n}个`)
    .join('、')
}

/**
 * 汇总表: a 合计 row (the sums, the rates of the sums, the department's 执行进度比 and light, the summed
 * 预警), then each unit as ranked (worst 执行进度比 first), then the 未报送 units with their name and
 * “未报送” only. `reviewOf` gives each unit's 审核 state at the node.
 */
export function departmentSummaryTable(
  totals: DepartmentTotals,
  ranking: readonly UnitRanking[],
  reviewOf: (unitId: Id) => ReviewState,
  nodeLabel: string,
  places: number,
): ReportTable {
  const states = ranking.map((u) => (u.status === 'notSubmitted' ? 'notSubmitted' : reviewOf(u.unitId)))
  const total: TableRow = {
    cells: [
      textCell('合计'),
      textCell(`${totals.unitCount}个单位`),
      amountCell(totals.budget.adjustedBudget),
      amountCell(totals.budget.allocated),
      amountCell(totals.budget.spent),
      percentCell(totals.budget.executionRate, places),
      totals.timeProgress === null ? DASH : percentCell(totals.timeProgress, places),
      ratioCell(totals.budgetLight.ratio),
      lightCell(totals.budgetLight.light),
      wholeCell(totals.alerts.red),
      wholeCell(totals.alerts.yellow),
      textCell(reviewTally(states)),
    ],
    emphasis: true,
  }
  const rows = ranking.map((u, i): TableRow => {
    if (u.status === 'notSubmitted')
      return {
        cells: [DASH, textCell(u.unitName), DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH, textCell('未报送')],
      }
    const f = budgetFiguresOf(u.figures.budget)
    return {
      cells: [
        u.rank === null ? DASH : textCell(String(u.rank)),
        textCell(u.unitName),
        amountCell(f.adjustedBudget),
        amountCell(f.allocated),
        amountCell(f.spent),
        percentCell(u.executionRate, places),
        percentCell(u.timeProgress, places),
        ratioCell(u.progressRatio),
        lightCell(u.budgetLight),
        wholeCell(u.alerts.red),
        wholeCell(u.alerts.yellow),
        textCell(REVIEW_STATE_LABELS[states[i] ?? 'pending']),
      ],
    }
  })
  return {
    title: `${nodeLabel}各单位预算执行汇总表（单位：万元）`,
    header: [...SUMMARY_HEADER],
    rows: [total, ...rows],
    widths: [5, 22, 12, 12, 12, 9, 9, 9, 9, 7, 7, 14],
  }
}
