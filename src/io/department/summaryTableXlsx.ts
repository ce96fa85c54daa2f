/**
 * The 主管部门's 汇总表 as an .xlsx (ExcelJS, loaded with `import()`), and the file names of the
 * 部门汇总报告 (docs/domain-rules.md §17.6). One sheet: units × 调整后预算, 到位资金, 执行数, 执行率, 序时进度,
 * 执行进度比, 预算执行预警, 红色/黄色预警, 审核状态, with the 合计 row first (the sums; its rates formed from
 * the sums) and the 未报送 units marked; then the department's budget block (部门合计, 基本支出, 项目支出)
 * below it. Numbers are stored as numbers with formats (万元 0.00, percents at the report's precision,
 * 执行进度比 0.0), lights as filled cells with their word; text starting with = + - @ stays text.
 *
 * 草稿 / 定稿 (§13.7): the line under the title and the printed header say which, as does the file name.
 *
 * Layout only: every value comes from the report model's tables (departmentSummaryTable,
 * departmentBudgetTable), the same rows the Word 汇总报告 prints.
 */
import ExcelJS from 'exceljs'
import { DRAFT_RELEASE, releaseMark } from '@/domain/report'
import type { ReportModel, ReportRelease } from '@/domain/report'
import { setPrinting, workbookBytes, writeTable, writeTitle, xlsxBlob } from '@/io/excel/reportSheet'

export { departmentReportFileName, summaryTableFileName } from './fileNames'

export const SUMMARY_SHEET_NAME = '各单位预算执行汇总表'

/** The row the summary table's header is on (title, 填报 line, header): data rows start below it. */
export const SUMMARY_HEADER_ROW = 3

export function summaryTableWorkbook(model: ReportModel, release: ReportRelease = DRAFT_RELEASE): ExcelJS.Workbook {
  const table = model.indicatorTable
  const workbook = new ExcelJS.Workbook()
  workbook.creator = model.unitName
  workbook.title = `${model.unitName}${model.nodeLabel}绩效监控汇总表`
  const sheet = workbook.addWorksheet(SUMMARY_SHEET_NAME)
  const columns = table.header.length
  writeTitle(
    sheet,
    `${model.unitName}${table.title}`,
    `主管部门：${model.unitName}\u3000\u3000监控节点：${model.nodeLabel}（截至${model.asOfDate}）\u3000\u3000` +
      `填报时间：${model.reportDate}\u3000\u3000${releaseMark(release)}`,
    columns,
  )
  const after = writeTable(sheet, table, SUMMARY_HEADER_ROW)

  // the department's budget block below, under its own title
  const blockTitle = after + 1
  sheet.mergeCells(blockTitle, 1, blockTitle, columns)
  const budgetTitle = sheet.getCell(blockTitle, 1)
  budgetTitle.value = model.budgetTable.title
  budgetTitle.font = { bold: true }
  writeTable(sheet, model.budgetTable, blockTitle + 1)

  table.widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = Math.max(8, w * 1.2)
  })
  sheet.views = [
    {
      state: 'frozen',
      xSplit: 2,
      ySplit: SUMMARY_HEADER_ROW,
      topLeftCell: `C${SUMMARY_HEADER_ROW + 1}`,
      activeCell: `C${SUMMARY_HEADER_ROW + 1}`,
    },
  ]
  setPrinting(sheet, model, table, release, SUMMARY_HEADER_ROW)
  return workbook
}

export async function summaryTableBytes(
  model: ReportModel,
  release: ReportRelease = DRAFT_RELEASE,
): Promise<Uint8Array> {
  return workbookBytes(summaryTableWorkbook(model, release))
}

export async function summaryTableBlob(model: ReportModel, release: ReportRelease): Promise<Blob> {
  return xlsxBlob(await summaryTableBytes(model, release))
}
