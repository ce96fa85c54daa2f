/**
 * A sheet as the import sees it (its cells as plain values, no ExcelJS), and the checks made on a whole
 * sheet before any row is read: merged cells in the data rows, and the header row.
 */
import { columnLetter as colLetter, type CellValue } from '@/domain/importParsing'
import type { ImportProblem } from '@/domain/importPlan'
import type { ColumnSpec } from '../excel/layout'

/** A rectangle of cells, 1-based spreadsheet rows and columns (A3:A5 = top 3, left 1, bottom 5, right 1). */
export interface CellRange {
  top: number
  left: number
  bottom: number
  right: number
}

/** One sheet's cells; rows[0] is spreadsheet row 1 (the header row), cells[0] is column A. */
export interface SheetGrid {
  name: string
  rows: CellValue[][]
  /** merged ranges of the sheet, when it has any */
  merges?: CellRange[]
}

/** 'A3:A5' */
export function rangeText(range: CellRange): string {
  return `${colLetter(range.left)}${range.top}:${colLetter(range.right)}${range.bottom}`
}

/**
 * A merged range that reaches the data rows (row 2 on) of a sheet the import reads: ExcelJS reads each
 * of its cells as the top-left value, so it would quietly copy one value into every merged row.
 */
export function mergeProblems(grid: SheetGrid): ImportProblem[] {
  return (grid.merges ?? [])
    .filter((m) => m.bottom >= 2)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((m) => ({
      sheet: grid.name,
      row: m.top,
      column: colLetter(m.left),
      message: `「${grid.name}」的 ${rangeText(m)} 是合并单元格，请取消合并并在每一行填写完整后再导入`,
    }))
}

/**
 * Checks the header row against `columns` and returns how many of them the file has: all of them, or
 * only those before the optional ones (added in a later template version) when the file's header row
 * is blank from there on.
 */
export function checkHeaders(grid: SheetGrid, columns: readonly ColumnSpec[], problems: ImportProblem[]): number {
  const header = grid.rows[0] ?? []
  const textAt = (i: number) => {
    const cell = header[i] ?? null
    return typeof cell === 'string' ? cell.trim() : cell === null ? '' : String(cell)
  }
  const firstOptional = columns.findIndex((c) => c.optional)
  const present =
    firstOptional >= 0 && columns.slice(firstOptional).every((_, j) => textAt(firstOptional + j) === '')
      ? firstOptional
      : columns.length
  columns.slice(0, present).forEach((col, i) => {
    const text = textAt(i)
    if (text !== col.header) {
      problems.push({
        sheet: grid.name,
        row: 1,
        column: colLetter(i + 1),
        message: `${grid.name} 第1行 ${colLetter(i + 1)}列 表头应为「${col.header}」，实为“${text}”。请不要改动模板的表头和列顺序`,
      })
    }
  })
  return present
}
