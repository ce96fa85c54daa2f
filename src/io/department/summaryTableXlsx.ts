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
import type { Cell, Worksheet } from 'exceljs'
import { DRAFT_RELEASE, releaseMark } from '@/domain/report'
import type { ReportModel, ReportRelease, ReportTable, TableCell } from '@/domain/report'
import { LIGHTS } from '@/domain/lightPresentation'
import { numberFormat } from '@/io/monitoringTable/monitoringTableXlsx'

export { departmentReportFileName, summaryTableFileName } from './fileNames'

export const SUMMARY_SHEET_NAME = '各单位预算执行汇总表'

/** The row the summary table's header is on (title, 填报 line, header): data rows start below it. */
export const SUMMARY_HEADER_ROW = 3

const FORMULA_LIKE = /^[=+\-@]/
const THIN = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE7ECF3' } }

/** The Excel format of a cell: a plain number with `places` (执行进度比 0.0), else as the 监控表 formats it. */
function formatOf(cell: TableCell): string {
  if (cell.format === 'number' && cell.places !== undefined && cell.places > 0) return `0.${'0'.repeat(cell.places)}`
  return numberFormat(cell) ?? 'General'
}

function putCell(target: Cell, cell: TableCell, bold: boolean): void {
  if (cell.value !== undefined && cell.format) {
    target.value = Number(cell.value)
    target.numFmt = formatOf(cell)
    target.alignment = { horizontal: 'right', vertical: 'middle' }
  } else {
    target.value = cell.text
    if (FORMULA_LIKE.test(cell.text)) target.numFmt = '@'
    target.alignment = { horizontal: cell.light ? 'center' : 'left', vertical: 'middle', wrapText: true }
  }
  if (cell.light) {
    const fill = LIGHTS[cell.light].color.replace('#', '').toUpperCase()
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill}` } }
    target.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  } else if (bold) target.font = { bold: true }
  target.border = BORDER
}

/** Writes `table` from row `top` (its header row); returns the row after it. */
function putTable(sheet: Worksheet, table: ReportTable, top: number): number {
  const header = sheet.getRow(top)
  table.header.forEach((text, i) => {
    const cell = header.getCell(i + 1)
    cell.value = text
    cell.font = { bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.fill = HEADER_FILL
    cell.border = BORDER
  })
  header.height = 30
  table.rows.forEach((row, r) => {
    const sheetRow = sheet.getRow(top + 1 + r)
    row.cells.forEach((cell, c) => putCell(sheetRow.getCell(c + 1), cell, row.emphasis === true))
  })
  return top + 1 + table.rows.length
}

const headerText = (text: string): string => text.replace(/&/g, '&&')

export function summaryTableWorkbook(model: ReportModel, release: ReportRelease = DRAFT_RELEASE): ExcelJS.Workbook {
  const table = model.indicatorTable
  const workbook = new ExcelJS.Workbook()
  workbook.creator = model.unitName
  workbook.title = `${model.unitName}${model.nodeLabel}绩效监控汇总表`
  const sheet = workbook.addWorksheet(SUMMARY_SHEET_NAME)
  const columns = table.header.length
  sheet.mergeCells(1, 1, 1, columns)
  const title = sheet.getCell(1, 1)
  title.value = `${model.unitName}${table.title}`
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(1).height = 26
  sheet.mergeCells(2, 1, 2, columns)
  sheet.getCell(2, 1).value =
    `主管部门：${model.unitName}\u3000\u3000监控节点：${model.nodeLabel}（截至${model.asOfDate}）\u3000\u3000` +
    `填报时间：${model.reportDate}\u3000\u3000${releaseMark(release)}`
  const after = putTable(sheet, table, SUMMARY_HEADER_ROW)

  // the department's budget block below, under its own title
  const blockTitle = after + 1
  sheet.mergeCells(blockTitle, 1, blockTitle, columns)
  const budgetTitle = sheet.getCell(blockTitle, 1)
  budgetTitle.value = model.budgetTable.title
  budgetTitle.font = { bold: true }
  putTable(sheet, model.budgetTable, blockTitle + 1)

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
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}`,
  }
  const mark = headerText(releaseMark(release))
  sheet.headerFooter = {
    oddHeader: `&L${headerText(model.unitName + table.title)}&R${release.kind === 'draft' ? `&KC00000${mark}` : mark}`,
    oddFooter: '&C第 &P 页，共 &N 页',
  }
  return workbook
}

export async function summaryTableBytes(
  model: ReportModel,
  release: ReportRelease = DRAFT_RELEASE,
): Promise<Uint8Array> {
  const buffer = await summaryTableWorkbook(model, release).xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

export async function summaryTableBlob(model: ReportModel, release: ReportRelease): Promise<Blob> {
  return new Blob([(await summaryTableBytes(model, release)) as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
}
