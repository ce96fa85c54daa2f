/**
 * 单位信息: a two-column form (A 项目, B 内容) rather than a table. It names the unit and the year the
 * whole file is merged into, so it is read first; its optional rows (财务负责人, 科室, and template
 * version 3's 到位资金口径 and 执行率口径) left out or blank keep what is stored.
 */
import type { AllocatedMode } from '@/domain/entryExecutionGrid'
import {
  cellProblem,
  parseChoice,
  parseDateList,
  parseText,
  parseYear,
  type CellValue,
  type Parsed,
} from '@/domain/importParsing'
import type { ImportBase, ImportProblem, RowChange } from '@/domain/importPlan'
import { firstLockedNode } from '@/domain/lock'
import { normalizeName } from '@/domain/names'
import type { Id, IsoDate, Unit } from '@/domain/types'
import {
  ALLOCATED_MODE_ALIASES,
  ALLOCATED_MODE_CHOICES,
  EXECUTION_BASE_ALIASES,
  EXECUTION_BASE_CHOICES,
  INFO_FIELDS,
  SHEET_INFO,
} from '../excel/layout'
import { stableId } from './keys'
import { invert, parseName } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/** The row of 单位信息 whose A column reads `label`, and its B cell; null when there is none. */
export function infoValue(grid: SheetGrid, label: string): { row: number; cell: CellValue } | null {
  for (let i = 1; i < grid.rows.length && i < 100; i++) {
    const first = grid.rows[i]?.[0]
    if (typeof first === 'string' && first.trim() === label) return { row: i + 1, cell: grid.rows[i]?.[1] ?? null }
  }
  return null
}

/** Peeks 单位名称 and 年度 (to find the stored unit-year to merge with); null when unreadable. */
export function readUnitYear(grids: readonly SheetGrid[]): { unitName: string; year: number } | null {
  const info = grids.find((g) => g.name === SHEET_INFO)
  if (!info) return null
  const name = infoValue(info, '单位名称')
  const year = infoValue(info, '年度')
  const parsedName = name ? parseName(100)(name.cell) : null
  const parsedYear = year ? parseYear(year.cell) : null
  if (!parsedName?.ok || !parsedName.value || !parsedYear?.ok || parsedYear.value === null) return null
  return { unitName: parsedName.value, year: parsedYear.value }
}

export interface UnitInfo {
  unitName: string
  year: number
  /** the unit as stored, or null when the file names a new unit */
  storedUnit: Unit | null
  /** the unit as the file leaves it (the 监控小组 sheet may still change its members) */
  unit: Unit
  unitId: Id
  /** the dates of the 监控节点（截至日期） row */
  nodeDates: IsoDate[]
}

/**
 * Reads 单位信息 against the stored base. A changed setting of a stored unit is listed in the preview
 * (`out.rows`); null when 单位名称 or 年度 cannot be read (the problems say why).
 */
export function readInfoSheet(
  info: SheetGrid,
  base: ImportBase,
  out: { problems: ImportProblem[]; rows: RowChange[] },
): UnitInfo | null {
  const { problems, rows } = out
  const infoCell = (label: string) => infoValue(info, label)
  const need = <T>(label: string, parse: (c: CellValue) => Parsed<T | null>, requiredField: boolean): T | null => {
    const found = infoCell(label)
    if (!found) {
      if (requiredField)
        problems.push({ sheet: SHEET_INFO, row: 0, column: 'A', message: `${SHEET_INFO} 缺少「${label}」一行` })
      return null
    }
    const parsed = parse(found.cell)
    if (!parsed.ok) {
      problems.push({
        sheet: SHEET_INFO,
        row: found.row,
        column: 'B',
        message: cellProblem(SHEET_INFO, found.row, 2, label, parsed.reason, found.cell),
      })
      return null
    }
    if (parsed.value === null && requiredField) {
      problems.push({
        sheet: SHEET_INFO,
        row: found.row,
        column: 'B',
        message: `${SHEET_INFO} 第${found.row}行 B列「${label}」必须填写`,
      })
    }
    return parsed.value
  }
  const unitName = need(INFO_FIELDS[0].label, parseName(100), true)
  const year = need(INFO_FIELDS[1].label, parseYear, true)
  const financeOfficer = need(INFO_FIELDS[2].label, parseName(100), false)
  const departmentsText = need(INFO_FIELDS[3].label, (c) => parseText(c), false)
  const nodeDates = need(INFO_FIELDS[4].label, parseDateList, false) ?? []
  const modeByLabel = invert(ALLOCATED_MODE_CHOICES)
  const allocatedLabel = need(
    INFO_FIELDS[5].label,
    (c) => parseChoice(c, Object.keys(modeByLabel), ALLOCATED_MODE_ALIASES),
    false,
  )
  const baseLabel = need(
    INFO_FIELDS[6].label,
    (c) => parseChoice<string>(c, Object.values(EXECUTION_BASE_CHOICES), EXECUTION_BASE_ALIASES),
    false,
  )
  if (unitName === null || year === null) return null

  const existing = base.existing
  const storedUnit = existing?.unit ?? base.existingUnit
  const unitId = storedUnit?.id ?? stableId('unit', unitName)
  const departments = departmentsText
    ? [
        ...new Set(
          departmentsText
            .split(/[、,，;；]+/)
            .map(normalizeName)
            .filter((d) => d),
        ),
      ]
    : null
  const unit: Unit = {
    ...(storedUnit ?? { id: unitId, name: unitName, departments: [], monitoringGroup: [], financeOfficer: '' }),
    name: unitName,
    ...(departments ? { departments } : {}),
    ...(financeOfficer !== null ? { financeOfficer } : {}),
  }
  // The unit's two settings (optional rows): a row left out or blank keeps the stored setting, and a
  // setting equal to the stored one in meaning (逐月填写 = absent) keeps its stored form.
  const settingChange = (label: string, from: string, to: string) => {
    const found = infoCell(label)
    if (storedUnit)
      rows.push({
        sheet: SHEET_INFO,
        row: found?.row ?? 0,
        label,
        status: 'changed',
        detail: `${label} ${from} → ${to}`,
      })
  }
  const allocatedMode: AllocatedMode | null = (allocatedLabel ? modeByLabel[allocatedLabel] : undefined) ?? null
  if (allocatedMode !== null && allocatedMode !== (unit.allocatedMode ?? 'typed')) {
    settingChange(INFO_FIELDS[5].label, ALLOCATED_MODE_CHOICES[unit.allocatedMode ?? 'typed'], allocatedLabel ?? '')
    if (allocatedMode === 'typed') delete unit.allocatedMode
    else unit.allocatedMode = allocatedMode
  }
  const withCarryOver = baseLabel ? baseLabel === EXECUTION_BASE_CHOICES.withCarryOver : null
  if (withCarryOver !== null && withCarryOver !== (unit.carryOverInExecutionBase === true)) {
    const label = INFO_FIELDS[6].label
    // it changes every figure of a 定稿 report, of any year (docs/domain-rules.md §12.2; putUnit refuses it too)
    const locked = storedUnit ? firstLockedNode([...(base.unitNodes ?? []), ...(existing?.nodes ?? [])]) : undefined
    if (locked) {
      const found = infoCell(label)
      problems.push({
        sheet: SHEET_INFO,
        row: found?.row ?? 0,
        column: 'B',
        message:
          `${SHEET_INFO} 第${found?.row ?? 0}行 B列「${label}」不能改为“${baseLabel ?? ''}”：监控节点“${locked.label}”已定稿（已锁定），` +
          '修改执行率口径会改变其已定稿报告中的数字。如确需修改，请先在「数据管理 › 监控节点」中解锁（须填写原因）',
      })
    }
    settingChange(
      label,
      unit.carryOverInExecutionBase ? EXECUTION_BASE_CHOICES.withCarryOver : EXECUTION_BASE_CHOICES.budget,
      baseLabel ?? '',
    )
    if (withCarryOver) unit.carryOverInExecutionBase = true
    else delete unit.carryOverInExecutionBase
  }
  return { unitName, year, storedUnit, unit, unitId, nodeDates }
}
