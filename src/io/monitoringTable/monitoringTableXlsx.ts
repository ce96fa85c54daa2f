/**
 * The 监控表 as an .xlsx (ExcelJS, loaded with `import()`): a sheet for the budget block (年初预算,
 * 调整后预算, 到位资金, 1-N月执行数, 执行率, 全年预计执行数, by line and 资金来源) and one for the indicator
 * table. Each has its title, a frozen header row, numbers stored as numbers with formats (万元 0.00,
 * percents at the report's precision), the light as a filled cell with its word, and text that starts
 * with = + - @ kept as text (string cells in the Text format), so no cell ever becomes a formula.
 *
 * 草稿 / 定稿 (docs/domain-rules.md §13.7): the 填报 line under each title ends with the release
 * (“草稿”, or “定稿 第N版 · <time>（北京时间）”), the printed page's header repeats it, and the file name
 * says it too.
 *
 * Layout only: every value comes from the ReportModel's tables, the same rows the Word report prints.
 */
import ExcelJS from 'exceljs'
import type { Worksheet } from 'exceljs'
import { DRAFT_RELEASE, releaseFileName, releaseMark } from '@/domain/report'
import type { ReportModel, ReportRelease, ReportTable } from '@/domain/report'
import { setPrinting, workbookBytes, writeTable, writeTitle, xlsxBlob } from '@/io/excel/reportSheet'

export const SHEET_NAMES = { budget: '预算执行监控表', indicators: '绩效目标监控表' } as const

function writeSheet(sheet: Worksheet, model: ReportModel, table: ReportTable, release: ReportRelease): void {
  writeTitle(
    sheet,
    `${model.unitName}${table.title}`,
    `填报单位：${model.unitName}\u3000\u3000监控节点：${model.nodeLabel}（截至${model.asOfDate}）\u3000\u3000填报时间：${model.reportDate}` +
      `\u3000\u3000${releaseMark(release)}`,
    table.header.length,
  )
  writeTable(sheet, table, 3)
  table.widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = Math.max(6, w * 1.2)
  })
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }]
  setPrinting(sheet, model, table, release, 3)
}

export function monitoringTableWorkbook(model: ReportModel, release: ReportRelease = DRAFT_RELEASE): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = model.unitName
  workbook.title = `${model.unitName}${model.nodeLabel}绩效监控表`
  writeSheet(workbook.addWorksheet(SHEET_NAMES.budget), model, model.budgetTable, release)
  writeSheet(workbook.addWorksheet(SHEET_NAMES.indicators), model, model.indicatorTable, release)
  return workbook
}

export async function monitoringTableBytes(
  model: ReportModel,
  release: ReportRelease = DRAFT_RELEASE,
): Promise<Uint8Array> {
  return workbookBytes(monitoringTableWorkbook(model, release))
}

export async function monitoringTableBlob(model: ReportModel, release: ReportRelease): Promise<Blob> {
  return xlsxBlob(await monitoringTableBytes(model, release))
}

/** '且末县自然资源局2021年1-6月绩效监控表（草稿）.xlsx', '…（定稿第1版，2021年7月5日14时30分）.xlsx' */
export function monitoringTableFileName(model: ReportModel, release: ReportRelease): string {
  return releaseFileName(`${model.unitName}${model.nodeLabel}绩效监控表`, 'xlsx', release)
}
