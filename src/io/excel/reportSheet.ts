/**
 * How a report table (domain/report ReportTable) is laid out in a worksheet, shared by the 监控表
 * (io/monitoringTable) and the 主管部门's 汇总表 (io/department): title and 填报 line, a header row,
 * numbers stored as numbers with formats (万元 0.00, percents at the report's precision, a plain number
 * with its own places), the light as a filled cell with its word, text that starts with = + - @ kept as
 * text (string cells in the Text format, so no cell ever becomes a formula), and the printed page's
 * header saying 草稿 or 定稿 (docs/domain-rules.md §13.7). Layout only: every value comes from the model.
 */
import type ExcelJS from 'exceljs'
import type { Cell, Worksheet } from 'exceljs'
import { releaseMark } from '@/domain/report'
import type { ReportModel, ReportRelease, ReportTable, TableCell } from '@/domain/report'
import { LIGHTS } from '@/domain/lightPresentation'

const FORMULA_LIKE = /^[=+\-@]/
const THIN = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE7ECF3' } }
const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`

/** Excel number format for a cell of the model; a plain number with `places` (执行进度比 0.0) keeps them. */
export function numberFormat(cell: TableCell): string | undefined {
  switch (cell.format) {
    case 'amount':
      return '0.00'
    case 'percent':
      return cell.places && cell.places > 0 ? `0.${'0'.repeat(cell.places)}%` : '0%'
    case 'number':
      return cell.places && cell.places > 0 ? `0.${'0'.repeat(cell.places)}` : 'General'
    default:
      return undefined
  }
}

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

/** The title (row 1, merged over `columns`) and the 填报 line under it (row 2). */
export function writeTitle(sheet: Worksheet, title: string, line: string, columns: number): void {
  sheet.mergeCells(1, 1, 1, columns)
  const cell = sheet.getCell(1, 1)
  cell.value = title
  cell.font = { bold: true, size: 14 }
  cell.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(1).height = 26
  sheet.mergeCells(2, 1, 2, columns)
  sheet.getCell(2, 1).value = line
}

/** Writes `table` from row `top` (its header row); returns the row after it. */
export function writeTable(sheet: Worksheet, table: ReportTable, top: number): number {
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
    row.cells.forEach((cell, c) => writeCell(sheetRow.getCell(c + 1), cell, row.emphasis === true))
  })
  return top + 1 + table.rows.length
}

/** Text for an Excel header or footer: '&' starts a code there, so a literal one is doubled. */
const headerText = (text: string): string => text.replace(/&/g, '&&')

/**
 * A4 landscape fitted to the width, the header row repeated on each printed page, and the page header
 * naming the table with the release: red for a 草稿 (&K: font colour), with the page number below.
 */
export function setPrinting(
  sheet: Worksheet,
  model: ReportModel,
  table: ReportTable,
  release: ReportRelease,
  headerRow: number,
): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
  }
  const mark = headerText(releaseMark(release))
  sheet.headerFooter = {
    oddHeader: `&L${headerText(model.unitName + table.title)}&R${release.kind === 'draft' ? `&KC00000${mark}` : mark}`,
    oddFooter: '&C第 &P 页，共 &N 页',
  }
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

export function xlsxBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}
