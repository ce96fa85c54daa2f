/**
 * Reading one spreadsheet row of a sheet: each cell parsed loosely by its column's key, every bad cell
 * recorded as a problem naming sheet, row, column letter and header, and the domain's own checks on a
 * built row placed on the cell of the field they are about.
 */
import {
  cellProblem,
  columnLetter as colLetter,
  isBlank,
  parseText,
  type CellValue,
  type Parsed,
} from '@/domain/importParsing'
import type { ImportProblem } from '@/domain/importPlan'
import { normalizeName } from '@/domain/names'
import type { ValidationIssue } from '@/domain/result'
import type { ColumnSpec } from '../excel/layout'
import type { SheetGrid } from './sheetGrid'

/** A cell that becomes a name or a key, its text normalised (`normalizeName`) before it is parsed. */
export function keyCell(cell: CellValue): CellValue {
  return typeof cell === 'string' ? normalizeName(cell) : cell
}

/** `parseText` of a name or key cell: normalised, so a look-alike of a stored name matches it. */
export function parseName(maxLength: number): (cell: CellValue) => Parsed<string | null> {
  return (cell) => parseText(keyCell(cell), maxLength)
}

/** A label table turned round, to find the code of a label written in the file. */
export function invert<K extends string, V extends string>(record: Record<K, V>): Record<string, K> {
  const out: Record<string, K> = {}
  for (const [k, v] of Object.entries(record) as [K, V][]) out[v] = k
  return out
}

export interface SheetRow {
  /** the cell of column `key` parsed; null (and the row marked bad) when it does not parse or is required and blank */
  get<T>(key: string, parse: (c: CellValue) => Parsed<T | null>, requiredField?: boolean): T | null
  /** records a problem on the cell of column `key` and marks the row bad */
  fail(key: string, message: string): void
  filled(key: string): boolean
  /** the raw cell of column `key` */
  value(key: string): CellValue
  /** spreadsheet row number (1-based) */
  rowNo: number
  /** true when every cell is blank, invisible characters included */
  blank: boolean
  /** false once any cell of the row was refused */
  ok(): boolean
}

/** Each layout's column positions by key (the first column of a key), made once per layout. */
const columnPositions = new WeakMap<readonly ColumnSpec[], Map<string, number>>()

function columnIndex(columns: readonly ColumnSpec[], k: string): number {
  let positions = columnPositions.get(columns)
  if (!positions) {
    positions = new Map()
    for (const [i, c] of columns.entries()) if (!positions.has(c.key)) positions.set(c.key, i)
    columnPositions.set(columns, positions)
  }
  return positions.get(k) ?? -1
}

/** Row `r` of `grid` (0-based, 0 is the header row), its problems added to `problems`. */
export function readRow(
  problems: ImportProblem[],
  grid: SheetGrid,
  columns: readonly ColumnSpec[],
  r: number,
): SheetRow {
  const cells = grid.rows[r] ?? []
  const rowNo = r + 1
  let rowOk = true
  const at = (k: string) => {
    const index = columnIndex(columns, k)
    return { index, cell: cells[index] ?? null, header: columns[index]?.header ?? k }
  }
  function get<T>(k: string, parse: (c: CellValue) => Parsed<T | null>, requiredField = false): T | null {
    const { index, cell, header } = at(k)
    const parsed = parse(cell)
    if (!parsed.ok) {
      rowOk = false
      problems.push({
        sheet: grid.name,
        row: rowNo,
        column: colLetter(index + 1),
        message: cellProblem(grid.name, rowNo, index + 1, header, parsed.reason, cell),
      })
      return null
    }
    if (parsed.value === null && requiredField) {
      rowOk = false
      problems.push({
        sheet: grid.name,
        row: rowNo,
        column: colLetter(index + 1),
        message: `${grid.name} 第${rowNo}行 ${colLetter(index + 1)}列「${header}」必须填写`,
      })
    }
    return parsed.value
  }
  const fail = (k: string, message: string) => {
    const { index, header } = at(k)
    rowOk = false
    problems.push({
      sheet: grid.name,
      row: rowNo,
      column: colLetter(index + 1),
      message: `${grid.name} 第${rowNo}行 ${colLetter(index + 1)}列「${header}」${message}`,
    })
  }
  const value = (k: string) => cells[columnIndex(columns, k)] ?? null
  const filled = (k: string) => !isBlank(value(k))
  // a row of nothing but invisible characters looks empty, and is
  return { get, fail, filled, value, rowNo, blank: cells.every((c) => isBlank(keyCell(c ?? null))), ok: () => rowOk }
}

/**
 * The domain's own checks (validation.ts) on a built row, placed on the cell of the field: errors go to
 * `problems`, the rest to `warnings`. True when any of them blocks the import.
 */
export function reportIssues(
  out: { problems: ImportProblem[]; warnings: ImportProblem[] },
  grid: SheetGrid,
  columns: readonly ColumnSpec[],
  rowNo: number,
  issues: readonly ValidationIssue[],
  keyOf: (field: string) => string,
): boolean {
  let blocking = false
  for (const found of issues) {
    const index = columns.findIndex((c) => c.key === keyOf(found.field))
    const column = columns[index]
    const where = column ? `${colLetter(index + 1)}列「${column.header}」` : ''
    const entry = {
      sheet: grid.name,
      row: rowNo,
      column: index >= 0 ? colLetter(index + 1) : '',
      message: `${grid.name} 第${rowNo}行 ${where}${found.message}`,
    }
    if (found.severity === 'error') {
      out.problems.push(entry)
      blocking = true
    } else out.warnings.push(entry)
  }
  return blocking
}
