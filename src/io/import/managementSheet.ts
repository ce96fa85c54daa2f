/**
 * 管理指标 (template version 4, optional): the amounts of the unit-year's 管理指标填报
 * (docs/domain-rules.md §11.3), one a row by its name. A blank 数值 keeps the stored amount; a name that
 * is not one of them, a name given twice, a negative or unreadable amount or a head count that is not
 * whole is named on its cell and blocks the import. The values entered item by item for the scheme
 * (是/否, findings, judgements) and the remarks are not in the template: they stay as stored.
 */
import { parseAmount, sameDecimal, type CellValue, type Parsed } from '@/domain/importParsing'
import { emptyManagementInputs, isHeadCount } from '@/domain/managementInputsCheck'
import { normalizeName } from '@/domain/names'
import { MANAGEMENT_AMOUNT_LABELS, MANAGEMENT_AMOUNTS } from '@/domain/scoring'
import { D } from '@/domain/decimal'
import type { DecimalString, Id, ManagementAmount, ManagementInputs } from '@/domain/types'
import type { PlanOutput } from './context'
import { MANAGEMENT_COLUMNS, SHEET_MANAGEMENT } from '../excel/layout'
import { parseName, readRow } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/** A name as matched: normalised, without quotes (“三公”经费预算 = "三公"经费预算 = 三公经费预算). */
const nameKey = (name: string): string => normalizeName(name).replace(/[“”"'‘’「」]/g, '')

const AMOUNT_BY_NAME = new Map<string, ManagementAmount>(
  MANAGEMENT_AMOUNTS.map((a) => [nameKey(MANAGEMENT_AMOUNT_LABELS[a]), a]),
)

/** A head count: a whole number of people, not negative. */
function parseHeadCount(cell: CellValue): Parsed<DecimalString | null> {
  const parsed = parseAmount(typeof cell === 'string' ? cell.replace(/\s*人$/, '') : cell)
  if (!parsed.ok) return { ok: false, reason: '不是有效人数' }
  if (parsed.value === null) return parsed
  const value = new D(parsed.value)
  return value.isInteger() && !value.isNegative() ? parsed : { ok: false, reason: '应为不小于0的整数（人）' }
}

function parseMoney(cell: CellValue): Parsed<DecimalString | null> {
  const parsed = parseAmount(cell)
  if (!parsed.ok || parsed.value === null) return parsed
  return new D(parsed.value).isNegative() ? { ok: false, reason: '不能为负数' } : parsed
}

export interface ManagementSheetRead {
  /** the unit-year's 管理指标填报 with the file's amounts laid over the stored ones */
  inputs: ManagementInputs
  /** whether any amount differs from what is stored */
  changed: boolean
  /** rows that give an amount */
  rowCount: number
}

/**
 * Reads the sheet into the unit-year's 管理指标填报 (`stored`, or a new row for `unitId`/`year`),
 * recording a preview row for each amount given and a problem for each bad cell. Null when the sheet
 * gives no amount (the template as downloaded).
 */
export function readManagementSheet(
  out: PlanOutput,
  grid: SheetGrid,
  stored: ManagementInputs | null,
  unitId: Id,
  year: number,
): ManagementSheetRead | null {
  const base = stored ?? emptyManagementInputs(unitId, year)
  const amounts = { ...base.amounts }
  const seen = new Map<ManagementAmount, number>()
  let changed = false
  let rowCount = 0
  for (let r = 1; r < grid.rows.length; r++) {
    const row = readRow(out.problems, grid, MANAGEMENT_COLUMNS, r)
    if (row.blank) continue
    const name = row.get('name', parseName(100), true)
    if (name === null) continue
    const amount = AMOUNT_BY_NAME.get(nameKey(name))
    if (!amount) {
      row.fail(
        'name',
        `「${name}」不是管理指标，可填：${MANAGEMENT_AMOUNTS.map((a) => MANAGEMENT_AMOUNT_LABELS[a]).join('、')}`,
      )
      continue
    }
    const dup = seen.get(amount)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（同一名称只能填写一行）`)
      continue
    }
    seen.set(amount, row.rowNo)
    const value = row.get('value', isHeadCount(amount) ? parseHeadCount : parseMoney)
    if (!row.ok() || value === null) continue
    rowCount += 1
    const before = amounts[amount]
    const status = before === undefined ? 'new' : sameDecimal(before, value) ? 'unchanged' : 'changed'
    // equal amounts written differently keep the stored spelling
    if (status !== 'unchanged') {
      amounts[amount] = value
      changed = true
    }
    out.rows.push({
      sheet: SHEET_MANAGEMENT,
      row: row.rowNo,
      label: MANAGEMENT_AMOUNT_LABELS[amount],
      status,
      ...(status === 'changed' ? { detail: `${MANAGEMENT_AMOUNT_LABELS[amount]} ${before} → ${value}` } : {}),
    })
  }
  if (rowCount === 0) return null
  return { inputs: { ...base, amounts }, changed, rowCount }
}
