/**
 * The 预警清单 of a node as an .xlsx (ExcelJS, loaded with `import()` by the alerts store): a title, a
 * line naming the unit, the node and when it was exported (北京时间), then one row per alert — 等级,
 * 对象, 预警类型, 预警原因, 状态, 批示, 纠偏措施, 责任科室 — with a frozen header row that also repeats on
 * printed pages. Every value comes from domain/alertStatus.alertList, the rows of the printed
 * 领导批示单. Text that starts with = + - @ is kept as text, so no cell ever becomes a formula.
 */
import ExcelJS from 'exceljs'
import type { AlertList } from '@/domain/alertStatus'
import { beijingDateTime } from '@/domain/report/release'
import { LIGHTS } from '@/domain/lightPresentation'
import { XLSX_TYPE } from '../download'

export const ALERT_LIST_SHEET = '预警清单'
export const ALERT_LIST_HEADER = [
  '序号',
  '等级',
  '预警对象',
  '预警类型',
  '预警原因',
  '状态',
  '领导批示',
  '纠偏措施',
  '责任科室',
] as const
const WIDTHS = [6, 8, 24, 18, 48, 14, 40, 48, 18]

const FORMULA_LIKE = /^[=+\-@]/
const THIN = { style: 'thin' as const, color: { argb: 'FF9CA3AF' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`

/** 「且末县自然资源局2021年1-6月预警清单.xlsx」 */
export function alertListFileName(list: AlertList): string {
  return `${list.unitName}${list.nodeLabel}预警清单.xlsx`.replace(/[\\/:*?"<>|]/g, '_')
}

export async function alertListWorkbook(list: AlertList, exportedAt: Date): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(ALERT_LIST_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  })
  const columns = ALERT_LIST_HEADER.length
  sheet.columns = WIDTHS.map((width) => ({ width }))
  sheet.mergeCells(1, 1, 1, columns)
  const title = sheet.getCell(1, 1)
  title.value = `${list.unitName}${list.nodeLabel}预警清单`
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(1).height = 26
  sheet.mergeCells(2, 1, 2, columns)
  sheet.getCell(2, 1).value =
    `填报单位：${list.unitName}\u3000\u3000监控节点：${list.nodeLabel}（截至${list.asOfDate}）` +
    `\u3000\u3000预警 ${list.rows.length} 条\u3000\u3000导出时间：${beijingDateTime(exportedAt.toISOString()) ?? ''}（北京时间）`
  const header = sheet.getRow(3)
  ALERT_LIST_HEADER.forEach((text, i) => {
    const cell = header.getCell(i + 1)
    cell.value = text
    cell.font = { bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } }
    cell.border = BORDER
  })
  sheet.pageSetup.printTitlesRow = '3:3'

  list.rows.forEach((row, r) => {
    const values: (string | number)[] = [
      row.index,
      row.lightLabel,
      row.subject,
      row.rule,
      row.message,
      row.status,
      row.comments.join('\n') || '—',
      row.measures.join('\n') || '未制定',
      row.departments.join('、') || '—',
    ]
    const excelRow = sheet.getRow(4 + r)
    values.forEach((value, c) => {
      const cell = excelRow.getCell(c + 1)
      cell.value = value
      if (typeof value === 'string' && FORMULA_LIKE.test(value)) cell.numFmt = '@'
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: c < 2 ? 'center' : 'left' }
      cell.border = BORDER
    })
    const light = excelRow.getCell(2)
    light.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(LIGHTS[row.light].color) } }
    light.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  })
  return workbook
}

/** The workbook as a Blob, ready for io/download. */
export async function alertListBlob(list: AlertList, exportedAt: Date): Promise<Blob> {
  const workbook = await alertListWorkbook(list, exportedAt)
  const buffer = await workbook.xlsx.writeBuffer()
  return new Blob([buffer], { type: XLSX_TYPE })
}
