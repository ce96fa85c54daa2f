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
import type { Cell, Worksheet } from 'exceljs'
import { DRAFT_RELEASE, releaseFileName, releaseMark } from '@/domain/report'
import type { ReportModel, ReportRelease, ReportTable, TableCell } from '@/domain/report'
import { LIGHTS } from '@/domain/lightPresentation'

export const SHEET_NAMES = { budget: '预算执行监控表', indicators: '绩效目标监控表' } as const

const FORMULA_LIKE = /^[=+\-@]/

/** Excel number format for a cell of the model. */
export function numberFormat(cell: TableCell): string | undefined {
  switch (cell.format) {
    case 'amount':
      return '0.00'
    case 'percent':
      return cell.places && cell.places > 0 ? `0.${'0'.repeat(cell.places)}%` : '0%'
    case 'number':
      return 'General'
    default:
      return undefined
  }
}

const THIN = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`

function writeCell(target: Cell, cell: TableCell, bold: boolean): void {
  if (cell.value !== undefined && cell.format) {
    target.value = Number(cell.value)
    target.numFmt = numberFormat(cell) ?? 'General'
    target.alignment = { horizontal: 'right', vertical: 'middle' }
  } else {
    // a string cell is never a formula in .xlsx; the Text format keeps Excel from re-reading it on edit
    target.value = cell.text
    if (FORMULA_LIKE.test(cell.text)) target.numFmt = '@'
    target.alignment = { horizontal: cell.light ? 'center' : 'left', vertical: 'middle', wrapText: true }
  }
  if (cell.light) {
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(LIGHTS[cell.light].color) } }
    target.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  } else if (bold) target.font = { bold: true }
  target.border = BORDER
}

/** Text for an Excel header or footer: '&' starts a code there, so a literal one is doubled. */
const headerText = (text: string): string => text.replace(/&/g, '&&')

function writeSheet(sheet: Worksheet, model: ReportModel, table: ReportTable, release: ReportRelease): void {
  const columns = table.header.length
  sheet.mergeCells(1, 1, 1, columns)
  const title = sheet.getCell(1, 1)
  title.value = `${model.unitName}${table.title}`
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(1).height = 26
  sheet.mergeCells(2, 1, 2, columns)
  sheet.getCell(2, 1).value =
    `填报单位：${model.unitName}\u3000\u3000监控节点：${model.nodeLabel}（截至${model.asOfDate}）\u3000\u3000填报时间：${model.reportDate}` +
    `\u3000\u3000${releaseMark(release)}`

  const header = sheet.getRow(3)
  table.header.forEach((text, i) => {
    const cell = header.getCell(i + 1)
    cell.value = text
    cell.font = { bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } }
    cell.border = BORDER
  })
  header.height = 30
  table.rows.forEach((row, r) => {
    const sheetRow = sheet.getRow(4 + r)
    row.cells.forEach((cell, c) => writeCell(sheetRow.getCell(c + 1), cell, row.emphasis === true))
  })
  table.widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = Math.max(6, w * 1.2)
  })
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }]
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '3:3',
  }
  // red for a 草稿 (&K: font colour), on every printed page with the page number below
  const mark = headerText(releaseMark(release))
  sheet.headerFooter = {
    oddHeader: `&L${headerText(model.unitName + table.title)}&R${release.kind === 'draft' ? `&KC00000${mark}` : mark}`,
    oddFooter: '&C第 &P 页，共 &N 页',
  }
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
  const buffer = await monitoringTableWorkbook(model, release).xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

export async function monitoringTableBlob(model: ReportModel, release: ReportRelease): Promise<Blob> {
  return new Blob([(await monitoringTableBytes(model, release)) as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
}

/** '且末县自然资源局2021年1-6月绩效监控表（草稿）.xlsx', '…（定稿第1版，2021年7月5日14时30分）.xlsx' */
export function monitoringTableFileName(model: ReportModel, release: ReportRelease): string {
  return releaseFileName(`${model.unitName}${model.nodeLabel}绩效监控表`, 'xlsx', release)
}
