/**
 * The dry run of an Excel import: from the sheets' cells (no ExcelJS here) and the unit-year as stored,
 * build the merged unit-year, say for every row whether it is new, changed or unchanged, and name every
 * bad cell (sheet, row, column letter, header, Chinese reason). Nothing is written here; the commit
 * stores `plan.dataset` with `saveUnitYear` in one transaction, and only when `plan.problems` is empty.
 *
 * Merge rules: rows are matched by natural key, never by position — a budget line by (支出类别, 经费类型,
 * 项目名称, 预算项目名称, 资金来源), an indicator by (目标范围, 一级, 二级, 三级), a month by (budget line,
 * month), a reading by (截至日期, indicator), a node by its date, a project by name, a 监控小组 member by
 * 姓名, a target's 年度总体目标 by 目标范围, a 预算研判 by (截至日期, budget line), a 纠偏措施 by (截至日期,
 * 措施类型, 措施内容). The sheets added in template version 2 (监控小组, 绩效目标, 预算研判, 纠偏措施, and the
 * 分月计划 columns) may be missing from a file: what they carry is then kept as stored. A matched row keeps
 * its id and every field the template does not carry; new rows get ids derived from the natural key, so
 * importing the same file twice gives the same rows and changes nothing the second time. Stored rows
 * that the file does not mention are kept (an import never deletes). Equal amounts written differently
 * ('40' vs '40.00') count as unchanged and keep the stored spelling.
 *
 * Names are what they look like: every cell that becomes a name or a key (单位名称, 科室, 姓名, 项目名称,
 * 责任科室, 预算项目名称, 一级/二级/三级, 计量单位, 目标范围, and the choices of a budget line's key) is
 * normalised (`normalizeName`: no zero-width or bidi characters, NFC, blanks collapsed, trimmed) before
 * it is matched, and stored names are normalised for matching too, so ‘且末县自然资源局\u200b’ finds the
 * stored unit and ‘工资福利支出\u200b’ the stored line. Stored rows that already look alike (written before
 * names were normalised) are all kept; the file's row matches the first, and a warning names them.
 * A sheet with merged cells in its data rows is refused, the range named (ExcelJS reads every cell of
 * a merge as the top-left value, which would copy one 项目名称 into every merged row).
 *
 * Template version 3: 预算执行's last column 调整月份 dates a line's 追加 / 追减 (blank → January; a file
 * without the column keeps the stored month), and 单位信息 may carry the unit's 到位资金口径 and 执行率口径
 * (a missing or blank row keeps the stored setting). Under 到位资金口径 与执行数相同 / 全额到位 a month with
 * 执行数 and no 到位资金 gets it as the monthly grid fills it (`completeAllocatedLine`). A line whose months
 * leave a gap, and a unit-year with nothing but December, are warned about: an unreported month is not 0.
 */
import { completeAllocatedLine, type AllocatedMode } from '@/domain/entryExecutionGrid'
import {
  cellDisplay, cellProblem, columnLetter as colLetter, isBlank, parseAmount, parseChoice, parseChoices, parseDate, parseDateList, parsePercentNumber,
  parseText, parseYear, sameDecimal, toHalfWidth, type CellValue, type Parsed,
} from '@/domain/importParsing'
import { firstLockedNode, frozenFigureChanges } from '@/domain/lock'
import { normalizeFrameworkNames, normalizeName } from '@/domain/names'
import { nodeLabel } from '@/domain/periods'
import { validateBudgetLine, validateExecution, validateIndicator } from '@/domain/validation'
import type { ValidationIssue } from '@/domain/result'
import { DEVIATION_CAUSES, FUND_SOURCES } from '@/domain/types'
import type {
  Accrual, BasicSubCategory, BudgetLine, BudgetLineJudgement, CorrectiveMeasure, DecimalString, ExpenseCategory, FundSource, GroupMember, Id,
  Indicator, IndicatorFramework, IndicatorReading, MeasureKind, MonitoringNode, MonthlyExecution, MonthNumber, PerformanceTarget, Project, Unit,
  UnitYearDataset,
} from '@/domain/types'
import {
  ACCRUAL_LABELS, ALLOCATED_MODE_ALIASES, ALLOCATED_MODE_CHOICES, BUDGET_COLUMNS, CATEGORY_LABELS, EXECUTION_BASE_ALIASES, EXECUTION_BASE_CHOICES,
  GRADES, GROUP_COLUMNS, GROUP_ROLES, INDICATOR_COLUMNS, INFO_FIELDS, JUDGEMENT_COLUMNS, LIKELIHOODS, MAX_ROWS_PER_SHEET, MEASURE_COLUMNS, MEASURE_KIND_LABELS, MEASURE_STATUSES, MONTHS, OPERATOR_ALIASES, OPERATORS,
  READING_COLUMNS, REQUIRED_SHEETS, SHEET_BUDGET, SHEET_GROUP, SHEET_INDICATORS, SHEET_INFO, SHEET_JUDGEMENTS, SHEET_MEASURES,
  SHEET_READINGS, SHEET_TARGETS, SUB_CATEGORY_LABELS, TARGET_COLUMNS, UNIT_SCOPE, type ColumnSpec,
} from './excel/layout'

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
function mergeProblems(grid: SheetGrid): ImportProblem[] {
  return (grid.merges ?? [])
    .filter((m) => m.bottom >= 2)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((m) => ({
      sheet: grid.name, row: m.top, column: colLetter(m.left),
      message: `「${grid.name}」的 ${rangeText(m)} 是合并单元格，请取消合并并在每一行填写完整后再导入`,
    }))
}

/** A cell that becomes a name or a key, its text normalised (`normalizeName`) before it is parsed. */
function keyCell(cell: CellValue): CellValue {
  return typeof cell === 'string' ? normalizeName(cell) : cell
}

/**
 * 调整月份: a whole month 1–12 (9, '9', '９', '9月'); blank → null. Anything else (0, 13, 2.5, '九月', a
 * date) is refused by the caller with the cell shown.
 */
export function parseAdjustmentMonth(cell: CellValue): Parsed<MonthNumber | null> {
  if (isBlank(cell)) return { ok: true, value: null }
  const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? toHalfWidth(cell).trim().replace(/\s*月$/, '') : ''
  const month = /^\d{1,2}$/.test(text) ? Number(text) : NaN
  return Number.isInteger(month) && month >= 1 && month <= 12 ? { ok: true, value: month as MonthNumber } : { ok: false, reason: '应为 1 至 12 的整数' }
}

/** Months as they are said: [4, 5] → '4、5月', [1 … 11] → '1-11月', [2, 4, 5, 6] → '2、4-6月'. */
export function monthsText(months: readonly number[]): string {
  const runs: string[] = []
  const sorted = [...months].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    if (j - i >= 2) runs.push(`${sorted[i]}-${sorted[j]}`)
    else for (let k = i; k <= j; k++) runs.push(String(sorted[k]))
    i = j + 1
  }
  return `${runs.join('、')}月`
}

/** `parseText` of a name or key cell: normalised, so a look-alike of a stored name matches it. */
function parseName(maxLength: number): (cell: CellValue) => Parsed<string | null> {
  return (cell) => parseText(keyCell(cell), maxLength)
}

export type RowStatus = 'new' | 'changed' | 'unchanged'

export interface ImportProblem {
  sheet: string
  /** spreadsheet row (1-based); 0 when the problem is about the whole file or sheet */
  row: number
  /** column letter, '' when about a whole row or sheet */
  column: string
  message: string
}

export type CountKey =
  | 'monitoringGroup' | 'projects' | 'budgetLines' | 'monthlyExecutions' | 'targets' | 'indicators' | 'nodes' | 'readings'
  | 'budgetJudgements' | 'measures'
export type StatusCounts = Record<RowStatus, number>

export const COUNT_LABELS: Record<CountKey, string> = {
  monitoringGroup: '监控小组成员',
  projects: '项目',
  budgetLines: '预算行',
  monthlyExecutions: '月度执行数',
  targets: '绩效目标',
  indicators: '三级指标',
  nodes: '监控节点',
  readings: '指标填报',
  budgetJudgements: '预算研判',
  measures: '纠偏措施',
}

export interface RowChange {
  sheet: string
  row: number
  label: string
  status: RowStatus
  /** for changed rows: what changes, e.g. '6月执行数 324.88 → 330' */
  detail?: string
}

const FIELD_LABELS: Record<string, string> = {
  initialBudget: '年初预算', additions: '追加', reductions: '追减', adjustmentMonth: '调整月份', carryOver: '上年结转', subCategory: '经费类型',
  projectId: '项目',
  operator: '计算符号', targetValue: '年度指标值', measureUnit: '计量单位', weight: '分值', accrual: '指标性质', dueDate: '考核日期',
  targetLabel: '指标值表述', actualValue: '实际完成值', actualLabel: '完成值表述', qualitativeGrade: '定性评级',
  qualitativePercent: '定性百分比', yearEndForecast: '全年预计完成值', likelihood: '完成可能性', deviationCauses: '偏差原因',
  deviationText: '偏差原因说明', spent: '执行数', allocated: '到位资金', monthlyPlan: '分月计划',
  title: '职务', role: '小组分工', description: '年度总体目标',
  kind: '措施类型', content: '措施内容', effect: '效果 / 预期效果', department: '责任科室', deadline: '完成时限', status: '状态',
}
/** 预算研判 says 全年预计执行数 where a reading says 全年预计完成值. */
const JUDGEMENT_LABELS: Record<string, string> = { ...FIELD_LABELS, yearEndForecast: '全年预计执行数' }

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）'
  if (Array.isArray(value)) return value.length ? value.join('、') : '（空）'
  const text = String(value)
  return text.length > 20 ? `${text.slice(0, 19)}…` : text
}

/** 'label old → new' for each field that differs (labelled fields only). */
function describeChanges(stored: object | undefined, next: object, prefix = '', labels: Record<string, string> = FIELD_LABELS): string[] {
  if (!stored) return []
  const a = stored as Record<string, unknown>
  const b = next as Record<string, unknown>
  return Object.keys(labels)
    .filter((k) => (k in a || k in b) && !same(a[k], b[k]))
    .map((k) => `${prefix}${labels[k]} ${shown(a[k])} → ${shown(b[k])}`)
}

export interface ImportPlan {
  /** errors: any one blocks the commit */
  problems: ImportProblem[]
  /** doubtful but allowed (e.g. a cumulative figure lower than the month before); shown in the preview */
  warnings: ImportProblem[]
  unitName: string
  year: number
  /** true when the unit is new (no unit of that name existed) */
  newUnit: boolean
  counts: Record<CountKey, StatusCounts>
  /** the spreadsheet rows and what importing them does */
  rows: RowChange[]
  /** true when committing would change nothing */
  unchanged: boolean
  /** the merged unit-year to store (meaningful only without problems) */
  dataset: UnitYearDataset | null
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

function infoValue(grid: SheetGrid, label: string): { row: number; cell: CellValue } | null {
  for (let i = 1; i < grid.rows.length && i < 100; i++) {
    const first = grid.rows[i]?.[0]
    if (typeof first === 'string' && first.trim() === label) return { row: i + 1, cell: grid.rows[i]?.[1] ?? null }
  }
  return null
}

/** A short stable id from text (two FNV-1a hashes), so new rows get the same id on every import. */
export function stableId(prefix: string, ...parts: readonly (string | number)[]): Id {
  const text = parts.map(String).join('\u0001')
  let h1 = 0x811c9dc5
  let h2 = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
    h2 ^= h2 >>> 15
  }
  return `${prefix}-${h1.toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`
}

function zero(): StatusCounts {
  return { new: 0, changed: 0, unchanged: 0 }
}

/** Deep equality of plain data (rows as stored). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** `next` with the stored spelling of decimals kept where the numbers are equal. */
function keepDecimalSpelling<T extends object>(stored: T | undefined, next: T, fields: readonly (keyof T)[]): T {
  if (!stored) return next
  const out = { ...next }
  for (const f of fields) {
    const a = stored[f]
    const b = next[f]
    if (typeof a === 'string' && typeof b === 'string' && a !== b && sameDecimal(a, b)) out[f] = a
  }
  return out
}

const NATURAL_SEP = '\u0001'
/** Prefix of the key a stored look-alike row is kept under: no file row's natural key starts with it. */
const UNMATCHED = '\u0002'

export interface PlanInput {
  grids: readonly SheetGrid[]
  /** the stored unit-year of the file's unit and year, or null */
  existing: UnitYearDataset | null
  /** the stored unit of the file's 单位名称 (when it has no data for that year yet), or null */
  existingUnit: Unit | null
  /** the stored framework of the file's year, or null */
  existingFramework: IndicatorFramework | null
  /**
   * every stored node of the stored unit, all years (its 执行率口径 changes every year's figures, so a
   * locked node of any year refuses the change, as `putUnit` does); absent → the unit-year's nodes
   */
  unitNodes?: readonly MonitoringNode[]
}

export function planImport(input: PlanInput): ImportPlan {
  const problems: ImportProblem[] = []
  const counts: Record<CountKey, StatusCounts> = {
    monitoringGroup: zero(), projects: zero(), budgetLines: zero(), monthlyExecutions: zero(), targets: zero(), indicators: zero(), nodes: zero(),
    readings: zero(), budgetJudgements: zero(), measures: zero(),
  }
  const rows: RowChange[] = []
  const warnings: ImportProblem[] = []
  const empty: ImportPlan = { problems, warnings, unitName: '', year: 0, newUnit: false, counts, rows, unchanged: true, dataset: null }

  const sheet = (name: string) => input.grids.find((g) => g.name === name)
  for (const name of REQUIRED_SHEETS) {
    if (!sheet(name)) problems.push({ sheet: name, row: 0, column: '', message: `文件缺少工作表「${name}」，请使用「下载导入模板」得到的文件填写` })
  }
  if (problems.length > 0) return empty
  const info = sheet(SHEET_INFO) as SheetGrid
  const budget = sheet(SHEET_BUDGET) as SheetGrid
  const indicatorSheet = sheet(SHEET_INDICATORS) as SheetGrid
  const readingSheet = sheet(SHEET_READINGS) as SheetGrid
  // Added in template version 2; a file without them leaves what they carry as stored.
  const groupSheet = sheet(SHEET_GROUP)
  const targetSheet = sheet(SHEET_TARGETS)
  const judgementSheet = sheet(SHEET_JUDGEMENTS)
  const measureSheet = sheet(SHEET_MEASURES)
  for (const grid of [budget, indicatorSheet, readingSheet, info, groupSheet, targetSheet, judgementSheet, measureSheet]) {
    if (grid && grid.rows.length > MAX_ROWS_PER_SHEET) {
      problems.push({ sheet: grid.name, row: 0, column: '', message: `${grid.name} 行数超过 ${MAX_ROWS_PER_SHEET} 行，无法导入` })
    }
    if (grid) problems.push(...mergeProblems(grid))
  }
  const budgetColumns = checkHeaders(budget, BUDGET_COLUMNS, problems)
  const indicatorColumns = checkHeaders(indicatorSheet, INDICATOR_COLUMNS, problems)
  checkHeaders(readingSheet, READING_COLUMNS, problems)
  if (groupSheet) checkHeaders(groupSheet, GROUP_COLUMNS, problems)
  if (targetSheet) checkHeaders(targetSheet, TARGET_COLUMNS, problems)
  if (judgementSheet) checkHeaders(judgementSheet, JUDGEMENT_COLUMNS, problems)
  if (measureSheet) checkHeaders(measureSheet, MEASURE_COLUMNS, problems)
  if (problems.length > 0) return empty
  const hasPlanColumns = indicatorColumns > INDICATOR_COLUMNS.findIndex((c) => c.key === 'plan1')
  // 调整月份 (template version 3): a file without the column keeps every line's stored month
  const hasAdjustmentColumn = budgetColumns > BUDGET_COLUMNS.findIndex((c) => c.key === 'adjustmentMonth')

  // ── 单位信息 ─────────────────────────────────────────────────────────────
  const infoCell = (label: string) => infoValue(info, label)
  const need = <T>(label: string, parse: (c: CellValue) => Parsed<T | null>, requiredField: boolean): T | null => {
    const found = infoCell(label)
    if (!found) {
      if (requiredField) problems.push({ sheet: SHEET_INFO, row: 0, column: 'A', message: `${SHEET_INFO} 缺少「${label}」一行` })
      return null
    }
    const parsed = parse(found.cell)
    if (!parsed.ok) {
      problems.push({ sheet: SHEET_INFO, row: found.row, column: 'B', message: cellProblem(SHEET_INFO, found.row, 2, label, parsed.reason, found.cell) })
      return null
    }
    if (parsed.value === null && requiredField) {
      problems.push({ sheet: SHEET_INFO, row: found.row, column: 'B', message: `${SHEET_INFO} 第${found.row}行 B列「${label}」必须填写` })
    }
    return parsed.value
  }
  const unitName = need(INFO_FIELDS[0].label, parseName(100), true)
  const year = need(INFO_FIELDS[1].label, parseYear, true)
  const financeOfficer = need(INFO_FIELDS[2].label, parseName(100), false)
  const departmentsText = need(INFO_FIELDS[3].label, (c) => parseText(c), false)
  const nodeDates = need(INFO_FIELDS[4].label, parseDateList, false) ?? []
  const modeByLabel = invert(ALLOCATED_MODE_CHOICES)
  const allocatedLabel = need(INFO_FIELDS[5].label, (c) => parseChoice(c, Object.keys(modeByLabel), ALLOCATED_MODE_ALIASES), false)
  const baseLabel = need(INFO_FIELDS[6].label, (c) => parseChoice<string>(c, Object.values(EXECUTION_BASE_CHOICES), EXECUTION_BASE_ALIASES), false)
  if (unitName === null || year === null) return empty

  const existing = input.existing
  const storedUnit = existing?.unit ?? input.existingUnit
  const unitId = storedUnit?.id ?? stableId('unit', unitName)
  const departments = departmentsText ? [...new Set(departmentsText.split(/[、,，;；]+/).map(normalizeName).filter((d) => d))] : null
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
    if (storedUnit) rows.push({ sheet: SHEET_INFO, row: found?.row ?? 0, label, status: 'changed', detail: `${label} ${from} → ${to}` })
  }
  const allocatedMode = allocatedLabel ? modeByLabel[allocatedLabel] : null
  if (allocatedMode !== null && allocatedMode !== (unit.allocatedMode ?? 'typed')) {
    settingChange(INFO_FIELDS[5].label, ALLOCATED_MODE_CHOICES[unit.allocatedMode ?? 'typed'], allocatedLabel ?? '')
    if (allocatedMode === 'typed') delete unit.allocatedMode
    else unit.allocatedMode = allocatedMode
  }
  const withCarryOver = baseLabel ? baseLabel === EXECUTION_BASE_CHOICES.withCarryOver : null
  if (withCarryOver !== null && withCarryOver !== (unit.carryOverInExecutionBase === true)) {
    const label = INFO_FIELDS[6].label
    // it changes every figure of a 定稿 report, of any year (rules §2; putUnit refuses it too)
    const locked = storedUnit ? firstLockedNode([...(input.unitNodes ?? []), ...(existing?.nodes ?? [])]) : undefined
    if (locked) {
      const found = infoCell(label)
      problems.push({
        sheet: SHEET_INFO, row: found?.row ?? 0, column: 'B',
        message: `${SHEET_INFO} 第${found?.row ?? 0}行 B列「${label}」不能改为“${baseLabel ?? ''}”：监控节点“${locked.label}”已定稿（已锁定），`
          + '修改执行率口径会改变其已定稿报告中的数字。如确需修改，请先在「数据管理 › 监控节点」中解锁（须填写原因）',
      })
    }
    settingChange(label, unit.carryOverInExecutionBase ? EXECUTION_BASE_CHOICES.withCarryOver : EXECUTION_BASE_CHOICES.budget, baseLabel ?? '')
    if (withCarryOver) unit.carryOverInExecutionBase = true
    else delete unit.carryOverInExecutionBase
  }
  const unitAllocatedMode: AllocatedMode = unit.allocatedMode ?? 'typed'
  const key = (...parts: readonly (string | number | undefined)[]) => parts.map((p) => p ?? '').join(NATURAL_SEP)

  /**
   * Stored rows by natural key, names normalised. Rows that look alike (stored before names were
   * normalised) all stay: the first takes the key, the others are kept under their id — written back
   * as they are, matched by no file row — and a warning names them.
   */
  const byKey = <T extends { id: Id }>(rows: readonly T[], keyOf: (row: T) => string, what: string, label: (row: T) => string) => {
    const out = new Map<string, T>()
    for (const row of rows) {
      const k = keyOf(row)
      if (!out.has(k)) {
        out.set(k, row)
        continue
      }
      out.set(`${UNMATCHED}${row.id}`, row)
      warnings.push({
        sheet: '', row: 0, column: '',
        message: `已有的${what}中有两条看起来相同（“${label(row)}”，名称只差看不见的字符或空白），导入只与其中第一条对应；请在录入页面删除或改名多余的一条`,
      })
    }
    return out
  }
  // Stored rows by natural key.
  const projects = byKey(existing?.projects ?? [], (p) => normalizeName(p.name), '项目', (p) => normalizeName(p.name))
  const projectName = new Map((existing?.projects ?? []).map((p) => [p.id, normalizeName(p.name)]))
  const lineKey = (l: Pick<BudgetLine, 'category' | 'subCategory' | 'name' | 'fundSource'>, project: string) =>
    key(l.category, l.subCategory, project, normalizeName(l.name), l.fundSource)
  const storedLines = byKey(existing?.budgetLines ?? [], (l) => lineKey(l, l.projectId ? projectName.get(l.projectId) ?? '' : ''), '预算行', (l) => normalizeName(l.name))
  const storedExec = new Map((existing?.monthlyExecutions ?? []).map((e) => [key(e.budgetLineId, e.month), e]))
  const storedTargets = byKey(
    existing?.targets ?? [], (t) => (t.scope === 'unit' ? UNIT_SCOPE : `项目:${projectName.get(t.projectId ?? '') ?? ''}`), '绩效目标',
    (t) => (t.scope === 'unit' ? UNIT_SCOPE : projectName.get(t.projectId ?? '') ?? ''),
  )
  const targetScope = new Map((existing?.targets ?? []).map((t) => [t.id, t.scope === 'unit' ? UNIT_SCOPE : projectName.get(t.projectId ?? '') ?? '']))
  const indicatorKey = (scope: string, l1: string, l2: string, name: string) => key(scope, l1, l2, name)
  const storedIndicators = byKey(
    existing?.indicators ?? [],
    (i) => indicatorKey(targetScope.get(i.targetId) ?? '', normalizeName(i.level1), normalizeName(i.level2), normalizeName(i.name)), '三级指标',
    (i) => normalizeName(i.name),
  )
  const storedNodes = new Map((existing?.nodes ?? []).map((n) => [n.asOfDate, n]))
  const storedReadings = new Map((existing?.readings ?? []).map((r) => [key(r.nodeId, r.indicatorId), r]))

  const outProjects = new Map<string, Project>(projects)
  const touchedProjects = new Set<string>()
  const outLines = new Map<string, BudgetLine>(storedLines)
  const outExec = new Map<string, MonthlyExecution>(storedExec)
  const outTargets = new Map<string, PerformanceTarget>(storedTargets)
  const outIndicators = new Map<string, Indicator>(storedIndicators)
  const outNodes = new Map<string, MonitoringNode>(storedNodes)
  const outReadings = new Map<string, IndicatorReading>(storedReadings)

  const tally = (kind: CountKey, stored: unknown, next: unknown): RowStatus => {
    const status: RowStatus = stored === undefined ? 'new' : same(stored, next) ? 'unchanged' : 'changed'
    counts[kind][status] += 1
    return status
  }

  const ensureProject = (name: string, department: string | null): Project => {
    const stored = outProjects.get(name)
    const next: Project = stored
      ? { ...stored, ...(department !== null ? { department } : {}) }
      : { id: stableId('prj', unitId, year, name), unitId, year, name, department: department ?? '' }
    outProjects.set(name, next)
    touchedProjects.add(name)
    return next
  }

  const ensureNode = (asOf: string, sheetName: string, row: number, column: number, header: string, cell: CellValue): MonitoringNode | null => {
    if (!asOf.startsWith(`${year}-`)) {
      problems.push({ sheet: sheetName, row, column: colLetter(column), message: cellProblem(sheetName, row, column, header, `不在${year}年度内`, cell) })
      return null
    }
    const stored = outNodes.get(asOf)
    if (stored) return stored
    const node: MonitoringNode = { id: stableId('node', unitId, asOf), unitId, year, asOfDate: asOf, label: nodeLabel(asOf), status: 'draft' }
    outNodes.set(asOf, node)
    return node
  }
  nodeDates.forEach((d) => {
    const found = infoCell(INFO_FIELDS[4].label)
    ensureNode(d, SHEET_INFO, found?.row ?? 0, 2, INFO_FIELDS[4].label, found?.cell ?? null)
  })

  // ── 预算执行 ─────────────────────────────────────────────────────────────
  const reader = (grid: SheetGrid, columns: readonly ColumnSpec[], r: number) => {
    const cells = grid.rows[r] ?? []
    const rowNo = r + 1
    let rowOk = true
    const at = (k: string) => {
      const index = columns.findIndex((c) => c.key === k)
      return { index, cell: cells[index] ?? null, header: columns[index].header }
    }
    function get<T>(k: string, parse: (c: CellValue) => Parsed<T | null>, requiredField = false): T | null {
      const { index, cell, header } = at(k)
      const parsed = parse(cell)
      if (!parsed.ok) {
        rowOk = false
        problems.push({ sheet: grid.name, row: rowNo, column: colLetter(index + 1), message: cellProblem(grid.name, rowNo, index + 1, header, parsed.reason, cell) })
        return null
      }
      if (parsed.value === null && requiredField) {
        rowOk = false
        problems.push({ sheet: grid.name, row: rowNo, column: colLetter(index + 1), message: `${grid.name} 第${rowNo}行 ${colLetter(index + 1)}列「${header}」必须填写` })
      }
      return parsed.value
    }
    const fail = (k: string, message: string) => {
      const { index } = at(k)
      rowOk = false
      problems.push({ sheet: grid.name, row: rowNo, column: colLetter(index + 1), message: `${grid.name} 第${rowNo}行 ${colLetter(index + 1)}列「${columns[index].header}」${message}` })
    }
    const filled = (k: string) => !isBlank(at(k).cell)
    const value = (k: string) => at(k).cell
    // a row of nothing but invisible characters looks empty, and is
    return { get, fail, filled, value, rowNo, blank: cells.every((c) => isBlank(keyCell(c ?? null))), ok: () => rowOk }
  }

  /** The domain's own checks (validation.ts) on a built row, placed on the cell of the field. */
  const report = (grid: SheetGrid, columns: readonly ColumnSpec[], rowNo: number, issues: readonly ValidationIssue[], keyOf: (field: string) => string): boolean => {
    let blocking = false
    for (const found of issues) {
      const index = columns.findIndex((c) => c.key === keyOf(found.field))
      const where = index >= 0 ? `${colLetter(index + 1)}列「${columns[index].header}」` : ''
      const entry = { sheet: grid.name, row: rowNo, column: index >= 0 ? colLetter(index + 1) : '', message: `${grid.name} 第${rowNo}行 ${where}${found.message}` }
      if (found.severity === 'error') {
        problems.push(entry)
        blocking = true
      } else warnings.push(entry)
    }
    return blocking
  }

  /** A locked node's rows may be re-imported unchanged but not changed (as in the 指标填报 sheet). */
  const lockedRefusal = (node: MonitoringNode, what: string) =>
    `的监控节点“${node.label}”已定稿锁定，不能通过导入修改其${what}（请先在监控节点页面解锁）`

  // ── 监控小组 ─────────────────────────────────────────────────────────────
  // Members are matched by 姓名; stored members the file does not list are kept, new ones appended.
  if (groupSheet) {
    const group: GroupMember[] = [...unit.monitoringGroup]
    const seenMembers = new Map<string, number>()
    for (let r = 1; r < groupSheet.rows.length; r++) {
      const row = reader(groupSheet, GROUP_COLUMNS, r)
      if (row.blank) continue
      const name = row.get('name', parseName(100), true)
      const title = row.get('title', (c) => parseText(c, 200)) ?? ''
      const role = row.get('role', (c) => parseChoice(c, GROUP_ROLES), true)
      if (!row.ok() || name === null || role === null) continue
      const dup = seenMembers.get(name)
      if (dup !== undefined) {
        row.fail('name', `与第${dup}行重复（同一姓名只能填写一行）`)
        continue
      }
      seenMembers.set(name, row.rowNo)
      const index = group.findIndex((m) => normalizeName(m.name) === name)
      const stored = index >= 0 ? group[index] : undefined
      const next: GroupMember = { name, title, role }
      if (index >= 0) group[index] = next
      else group.push(next)
      const status = tally('monitoringGroup', stored, next)
      rows.push({ sheet: SHEET_GROUP, row: row.rowNo, label: `${name}（${role}）`, status, ...(status === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}) })
    }
    unit.monitoringGroup = group
  }

  const categoryByLabel = invert(CATEGORY_LABELS)
  const subByLabel = invert(SUB_CATEGORY_LABELS)
  const seenLines = new Map<string, number>()
  const storedExecByLine = new Map<Id, MonthlyExecution[]>()
  for (const e of existing?.monthlyExecutions ?? []) storedExecByLine.set(e.budgetLineId, [...(storedExecByLine.get(e.budgetLineId) ?? []), e])
  /** the lines of the file's rows, for the warnings about unreported months */
  const fileLines: { rowNo: number; line: BudgetLine; label: string }[] = []
  let sortOrder = Math.max(0, ...(existing?.budgetLines ?? []).map((l) => l.sortOrder))
  for (let r = 1; r < budget.rows.length; r++) {
    const row = reader(budget, BUDGET_COLUMNS, r)
    if (row.blank) continue
    const category = row.get('category', (c) => parseChoice(keyCell(c), Object.keys(categoryByLabel)), true)
    const sub = row.get('subCategory', (c) => parseChoice(keyCell(c), Object.keys(subByLabel)))
    const project = row.get('project', parseName(200))
    const department = row.get('department', parseName(100))
    const name = row.get('name', parseName(200), true)
    const fund = row.get('fundSource', (c) => parseChoice<FundSource>(keyCell(c), FUND_SOURCES)) ?? '财政拨款'
    const initial = row.get('initialBudget', parseAmount, true)
    const additions = row.get('additions', parseAmount) ?? '0'
    const reductions = row.get('reductions', parseAmount) ?? '0'
    const carry = row.get('carryOver', parseAmount) ?? '0'
    const months = MONTHS.map((m) => ({ m, spent: row.get(`spent${m}`, parseAmount), allocated: row.get(`allocated${m}`, parseAmount) }))
    const monthCell = hasAdjustmentColumn ? row.value('adjustmentMonth') : null
    const adjustmentMonth = parseAdjustmentMonth(monthCell)
    if (!adjustmentMonth.ok) row.fail('adjustmentMonth', `${adjustmentMonth.reason}，实为“${cellDisplay(monthCell)}”`)
    const cat: ExpenseCategory | undefined = category ? categoryByLabel[category] : undefined
    const subCategory: BasicSubCategory | undefined = sub ? subByLabel[sub] : undefined
    if (cat === 'basic' && !subCategory) row.fail('subCategory', '基本支出须填写经费类型（人员经费或公用经费）')
    if (cat === 'basic' && project) row.fail('project', '基本支出不填项目名称')
    if (cat === 'project' && !project) row.fail('project', '项目支出须填写项目名称')
    if (cat === 'project' && subCategory) row.fail('subCategory', '项目支出不填经费类型')
    for (const { m } of months) {
      const spentFilled = row.filled(`spent${m}`)
      const allocatedFilled = row.filled(`allocated${m}`)
      // under 与执行数相同 / 全额到位 the unit does not keep 到位资金 by hand: it is filled in below
      if (spentFilled && !allocatedFilled && unitAllocatedMode === 'typed') row.fail(`allocated${m}`, `须填写（已填${m}月执行数）`)
      if (!spentFilled && allocatedFilled) row.fail(`spent${m}`, `须填写（已填${m}月到位资金）`)
    }
    if (!row.ok() || !cat || name === null || initial === null) continue
    const natural = key(cat, subCategory, project ?? '', name, fund)
    const dup = seenLines.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（支出类别、经费类型、项目名称、预算项目名称、资金来源都相同）`)
      continue
    }
    seenLines.set(natural, row.rowNo)
    const prj = cat === 'project' && project ? ensureProject(project, department) : undefined
    const stored = storedLines.get(natural)
    const base: BudgetLine = stored ?? {
      id: stableId('bl', unitId, year, natural), unitId, year, category: cat, name, fundSource: fund,
      initialBudget: '0', additions: '0', reductions: '0', carryOver: '0', sortOrder: ++sortOrder,
    }
    // 调整月份: blank is January; a month equal in meaning to the stored one (blank and 1) keeps the stored form
    const { adjustmentMonth: storedMonth, ...baseRest } = base
    const fileMonth = adjustmentMonth.ok ? adjustmentMonth.value ?? undefined : undefined
    const month = !hasAdjustmentColumn || (fileMonth ?? 1) === (storedMonth ?? 1) ? storedMonth : fileMonth
    const next = keepDecimalSpelling(stored, {
      ...baseRest, ...(subCategory ? { subCategory } : {}), ...(prj ? { projectId: prj.id } : {}),
      initialBudget: initial, additions, reductions, ...(month !== undefined ? { adjustmentMonth: month } : {}), carryOver: carry,
    }, ['initialBudget', 'additions', 'reductions', 'carryOver'])
    if (report(budget, BUDGET_COLUMNS, row.rowNo, validateBudgetLine(next), (f) => (f === 'projectId' ? 'project' : f))) continue
    outLines.set(natural, next)
    const label = `${prj ? `${prj.name} / ` : ''}${name}（${fund}）`
    fileLines.push({ rowNo: row.rowNo, line: next, label: `${prj ? `${prj.name} / ` : ''}${name}${fund === '财政拨款' ? '' : `（${fund}）`}` })
    const lineStatus = tally('budgetLines', stored, next)
    let execChanged = false
    const details = describeChanges(stored, next)
    // 到位资金 left blank beside a 执行数 under 与执行数相同 / 全额到位: as the monthly grid fills it (a month
    // whose 执行数 is as stored keeps its stored 到位资金); a 到位资金 in the file is taken as written
    const typedCells = months.map(({ spent, allocated }) => ({ spent: spent ?? '', allocated: allocated ?? '' }))
    const completed = unitAllocatedMode === 'typed' ? null : completeAllocatedLine(next, typedCells, storedExecByLine.get(next.id) ?? [], unitAllocatedMode)
    for (const { m, spent, allocated: typed } of months) {
      const allocated = typed ?? (completed?.[m - 1]?.allocated || null)
      if (spent === null || allocated === null) continue
      const storedE = storedExec.get(key(next.id, m))
      const e = keepDecimalSpelling(storedE, { id: storedE?.id ?? `${next.id}-m${m}`, budgetLineId: next.id, year, month: m, allocated, spent }, ['allocated', 'spent'])
      const previous = m > 1 ? outExec.get(key(next.id, m - 1)) : undefined
      report(budget, BUDGET_COLUMNS, row.rowNo, validateExecution(next, e, previous), (f) => (f === 'spent' || f === 'allocated' ? `${f}${m}` : f))
      outExec.set(key(next.id, m), e)
      if (tally('monthlyExecutions', storedE, e) !== 'unchanged') execChanged = true
      details.push(...(storedE ? describeChanges(storedE, e, `${m}月`) : stored ? [`新增${m}月执行数 ${e.spent}、到位资金 ${e.allocated}`] : []))
    }
    const status: RowStatus = lineStatus === 'new' ? 'new' : lineStatus === 'changed' || execChanged ? 'changed' : 'unchanged'
    rows.push({ sheet: SHEET_BUDGET, row: row.rowNo, label, status, ...(status === 'changed' ? { detail: details.join('；') } : {}) })
  }

  // Unreported is not zero (rules §2): a gap between a line's first and last entered month, and a
  // unit-year with nothing but December (no monthly average can be formed), are said in the preview.
  for (const { rowNo, line, label } of fileLines) {
    const entered = MONTHS.filter((m) => outExec.has(key(line.id, m)))
    const missing = entered.length < 2 ? [] : MONTHS.filter((m) => m > entered[0] && m < entered[entered.length - 1] && !entered.includes(m))
    if (missing.length > 0) {
      warnings.push({
        sheet: SHEET_BUDGET, row: rowNo, column: '',
        message: `${SHEET_BUDGET} 第${rowNo}行 “${label}”缺${monthsText(missing)}的执行数：这些月份按未填报处理，不计为0`,
      })
    }
  }
  const enteredMonths = new Set([...outExec.values()].map((e) => e.month))
  if (enteredMonths.size === 1 && enteredMonths.has(12)) {
    warnings.push({ sheet: SHEET_BUDGET, row: 0, column: '', message: `只有12月的执行数：${monthsText(MONTHS.slice(0, 11))}按未填报处理，无法计算月均执行率` })
  }

  // ── 绩效目标 ─────────────────────────────────────────────────────────────
  const targetKey = (scope: string) => (scope === UNIT_SCOPE ? UNIT_SCOPE : `项目:${scope}`)
  const ensureTarget = (scope: string): PerformanceTarget => {
    const tKey = targetKey(scope)
    const stored = outTargets.get(tKey)
    if (stored) return stored
    const prj = scope === UNIT_SCOPE ? undefined : ensureProject(scope, null)
    const target: PerformanceTarget = {
      id: stableId('tgt', unitId, year, tKey), unitId, year, scope: prj ? 'project' : 'unit', ...(prj ? { projectId: prj.id } : {}), description: '',
    }
    outTargets.set(tKey, target)
    return target
  }
  /** targets already counted by a 绩效目标 row (the others created along the way are counted at the end) */
  const talliedTargets = new Set<string>()
  if (targetSheet) {
    const seenTargets = new Map<string, number>()
    for (let r = 1; r < targetSheet.rows.length; r++) {
      const row = reader(targetSheet, TARGET_COLUMNS, r)
      if (row.blank) continue
      const scope = row.get('scope', parseName(200)) ?? UNIT_SCOPE
      const description = row.get('description', (c) => parseText(c)) ?? ''
      if (!row.ok()) continue
      const tKey = targetKey(scope)
      const dup = seenTargets.get(tKey)
      if (dup !== undefined) {
        row.fail('scope', `与第${dup}行重复（每个目标范围只能填写一行）`)
        continue
      }
      seenTargets.set(tKey, row.rowNo)
      const stored = storedTargets.get(tKey)
      const next: PerformanceTarget = { ...ensureTarget(scope), description }
      outTargets.set(tKey, next)
      talliedTargets.add(tKey)
      const status = tally('targets', stored, next)
      rows.push({ sheet: SHEET_TARGETS, row: row.rowNo, label: scope, status, ...(status === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}) })
    }
  }

  // ── 绩效指标 ─────────────────────────────────────────────────────────────
  const accrualByLabel = invert(ACCRUAL_LABELS)
  const seenIndicators = new Map<string, number>()
  const indicatorOrder = new Map<string, number>()
  for (const i of existing?.indicators ?? []) indicatorOrder.set(i.targetId, Math.max(indicatorOrder.get(i.targetId) ?? 0, i.sortOrder))
  for (let r = 1; r < indicatorSheet.rows.length; r++) {
    const row = reader(indicatorSheet, INDICATOR_COLUMNS, r)
    if (row.blank) continue
    const scope = row.get('scope', parseName(200)) ?? UNIT_SCOPE
    const level1 = row.get('level1', parseName(100), true)
    const level2 = row.get('level2', parseName(100), true)
    const name = row.get('name', parseName(300), true)
    const operator = row.get('operator', (c) => parseChoice(keyCell(c), OPERATORS, OPERATOR_ALIASES), true)
    const qualitative = operator === '定性'
    const targetValue = row.get('targetValue', qualitative ? (c) => parseText(c, 300) : (c) => parsePercentNumber(c), true)
    const measureUnit = row.get('measureUnit', parseName(20)) ?? ''
    const weight = row.get('weight', parseAmount)
    const accrualLabel = row.get('accrual', (c) => parseChoice(c, Object.keys(accrualByLabel)))
    const dueDate = row.get('dueDate', parseDate)
    const targetLabel = row.get('targetLabel', (c) => parseText(c, 300))
    const accrual: Accrual = accrualLabel ? accrualByLabel[accrualLabel] : 'level'
    if (accrual === 'dueLater' && !dueDate) row.fail('dueDate', '指标性质为到期考核时须填写考核日期')
    // 分月计划: all twelve months or none (none = no plan); a file without the columns keeps the stored plan.
    const plan = hasPlanColumns ? MONTHS.map((m) => row.get(`plan${m}`, (c) => parsePercentNumber(c))) : null
    const planFilled = plan ? plan.filter((v) => v !== null).length : 0
    if (plan && planFilled > 0 && planFilled < MONTHS.length) {
      const firstBlank = plan.findIndex((v) => v === null)
      row.fail(`plan${firstBlank + 1}`, '须填写（分月计划要么12个月都填，要么全部留空）')
    }
    if (!row.ok() || level1 === null || level2 === null || name === null || operator === null || targetValue === null) continue
    const natural = indicatorKey(scope, level1, level2, name)
    const dup = seenIndicators.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（目标范围、一级、二级、三级指标都相同）`)
      continue
    }
    seenIndicators.set(natural, row.rowNo)
    const target = ensureTarget(scope)
    const stored = storedIndicators.get(natural)
    const order = stored?.sortOrder ?? (indicatorOrder.get(target.id) ?? 0) + 1
    indicatorOrder.set(target.id, Math.max(order, indicatorOrder.get(target.id) ?? 0))
    const { weight: _w, dueDate: _d, targetLabel: _t, monthlyPlan: storedPlan, ...rest } = stored ?? ({} as Partial<Indicator>)
    const monthlyPlan = plan ? (planFilled === 0 ? undefined : keepPlanSpelling(storedPlan, plan as DecimalString[])) : storedPlan
    const next = keepDecimalSpelling(stored, {
      ...rest,
      id: stored?.id ?? stableId('ind', unitId, year, natural), targetId: target.id, level1, level2, name, operator,
      targetValue, measureUnit, accrual, sortOrder: order,
      ...(weight !== null ? { weight } : {}), ...(dueDate ? { dueDate } : {}), ...(targetLabel ? { targetLabel } : {}),
      ...(monthlyPlan ? { monthlyPlan } : {}),
    } as Indicator, qualitative ? ['weight'] : ['weight', 'targetValue'])
    if (report(indicatorSheet, INDICATOR_COLUMNS, row.rowNo, validateIndicator(next), (f) => (f === 'monthlyPlan' ? 'plan1' : f))) continue
    outIndicators.set(natural, next)
    const indicatorStatus = tally('indicators', stored, next)
    rows.push({ sheet: SHEET_INDICATORS, row: row.rowNo, label: `${scope} / ${name}`, status: indicatorStatus, ...(indicatorStatus === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}) })
  }

  // ── 指标填报 ─────────────────────────────────────────────────────────────
  const seenReadings = new Map<string, number>()
  for (let r = 1; r < readingSheet.rows.length; r++) {
    const row = reader(readingSheet, READING_COLUMNS, r)
    if (row.blank) continue
    const asOf = row.get('asOf', parseDate, true)
    const scope = row.get('scope', parseName(200)) ?? UNIT_SCOPE
    const level1 = row.get('level1', parseName(100), true)
    const level2 = row.get('level2', parseName(100), true)
    const name = row.get('name', parseName(300), true)
    const actual = row.get('actualValue', (c) => parsePercentNumber(c))
    const actualLabel = row.get('actualLabel', (c) => parseText(c, 300))
    const grade = row.get('grade', (c) => parseChoice(c, GRADES))
    const percent = row.get('percent', (c) => parsePercentNumber(c, true))
    const forecast = row.get('forecast', (c) => parseText(c, 300))
    const likelihood = row.get('likelihood', (c) => parseChoice(c, LIKELIHOODS))
    const causes = row.get('causes', (c) => parseChoices(c, DEVIATION_CAUSES)) ?? []
    const causeText = row.get('causeText', (c) => parseText(c)) ?? ''
    if (!row.ok() || asOf === null || level1 === null || level2 === null || name === null) continue
    const indicator = outIndicators.get(indicatorKey(scope, level1, level2, name))
    if (!indicator) {
      row.fail('name', `找不到指标“${scope} / ${level1} / ${level2} / ${name}”，请先在「${SHEET_INDICATORS}」表中填写该指标`)
      continue
    }
    const readingsCol = READING_COLUMNS.findIndex((c) => c.key === 'asOf') + 1
    const node = ensureNode(asOf, SHEET_READINGS, row.rowNo, readingsCol, '截至日期', asOf)
    if (!node) continue
    const natural = key(node.id, indicator.id)
    const dup = seenReadings.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（同一截至日期同一指标只能填报一次）`)
      continue
    }
    seenReadings.set(natural, row.rowNo)
    const stored = storedReadings.get(natural)
    const next = keepDecimalSpelling(stored, {
      id: stored?.id ?? stableId('rd', node.id, indicator.id), nodeId: node.id, indicatorId: indicator.id,
      ...(actual !== null ? { actualValue: actual } : {}), ...(actualLabel ? { actualLabel } : {}),
      ...(grade ? { qualitativeGrade: grade } : {}), ...(percent !== null ? { qualitativePercent: percent } : {}),
      ...(forecast ? { yearEndForecast: forecast } : {}), ...(likelihood ? { likelihood } : {}),
      deviationCauses: causes, deviationText: causeText,
    }, ['actualValue', 'qualitativePercent'])
    outReadings.set(natural, next)
    if (node.status === 'locked' && !same(stored, next)) {
      row.fail('asOf', `的监控节点“${node.label}”已定稿锁定，不能通过导入修改其指标填报（请先在监控节点页面解锁）`)
      continue
    }
    const readingStatus = tally('readings', stored, next)
    rows.push({ sheet: SHEET_READINGS, row: row.rowNo, label: `${asOf} ${name}`, status: readingStatus, ...(readingStatus === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}) })
  }

  // ── 预算研判 ─────────────────────────────────────────────────────────────
  // One row is the whole judgement of one budget line at one node, like a 指标填报 row.
  const storedJudgements = new Map((existing?.budgetJudgements ?? []).map((j) => [key(j.nodeId, j.budgetLineId), j]))
  const outJudgements = new Map<string, BudgetLineJudgement>(storedJudgements)
  if (judgementSheet) {
    const seenJudgements = new Map<string, number>()
    const asOfColumn = JUDGEMENT_COLUMNS.findIndex((c) => c.key === 'asOf') + 1
    for (let r = 1; r < judgementSheet.rows.length; r++) {
      const row = reader(judgementSheet, JUDGEMENT_COLUMNS, r)
      if (row.blank) continue
      const asOf = row.get('asOf', parseDate, true)
      const category = row.get('category', (c) => parseChoice(keyCell(c), Object.keys(categoryByLabel)), true)
      const sub = row.get('subCategory', (c) => parseChoice(keyCell(c), Object.keys(subByLabel)))
      const project = row.get('project', parseName(200))
      const name = row.get('name', parseName(200), true)
      const fund = row.get('fundSource', (c) => parseChoice<FundSource>(keyCell(c), FUND_SOURCES)) ?? '财政拨款'
      const forecast = row.get('forecast', parseAmount)
      const likelihood = row.get('likelihood', (c) => parseChoice(c, LIKELIHOODS))
      const causes = row.get('causes', (c) => parseChoices(c, DEVIATION_CAUSES)) ?? []
      const causeText = row.get('causeText', (c) => parseText(c)) ?? ''
      if (forecast !== null && forecast.startsWith('-')) row.fail('forecast', '不能为负数')
      if (!row.ok() || asOf === null || category === null || name === null) continue
      const cat = categoryByLabel[category]
      const subCategory = sub ? subByLabel[sub] : undefined
      const line = outLines.get(key(cat, subCategory, project ?? '', name, fund))
      if (!line) {
        row.fail('name', `找不到预算行“${[category, sub, project, name, fund].filter((p) => p).join(' / ')}”，请先在「${SHEET_BUDGET}」表中填写该预算行`)
        continue
      }
      const node = ensureNode(asOf, SHEET_JUDGEMENTS, row.rowNo, asOfColumn, '截至日期', asOf)
      if (!node) continue
      const natural = key(node.id, line.id)
      const dup = seenJudgements.get(natural)
      if (dup !== undefined) {
        row.fail('name', `与第${dup}行重复（同一截至日期同一预算行只能填写一次）`)
        continue
      }
      seenJudgements.set(natural, row.rowNo)
      const stored = storedJudgements.get(natural)
      const next = keepDecimalSpelling(stored, {
        id: stored?.id ?? stableId('bj', node.id, line.id), nodeId: node.id, budgetLineId: line.id,
        ...(forecast !== null ? { yearEndForecast: forecast } : {}), ...(likelihood ? { likelihood } : {}),
        deviationCauses: causes, deviationText: causeText,
      }, ['yearEndForecast'])
      if (node.status === 'locked' && !same(stored, next)) {
        row.fail('asOf', lockedRefusal(node, '预算研判'))
        continue
      }
      outJudgements.set(natural, next)
      const status = tally('budgetJudgements', stored, next)
      rows.push({
        sheet: SHEET_JUDGEMENTS, row: row.rowNo, label: `${asOf} ${project ? `${project} / ` : ''}${name}（${fund}）`, status,
        ...(status === 'changed' ? { detail: describeChanges(stored, next, '', JUDGEMENT_LABELS).join('；') } : {}),
      })
    }
  }

  // ── 纠偏措施 ─────────────────────────────────────────────────────────────
  // Matched by (截至日期, 措施类型, 措施内容); a matched measure keeps its id and its link to an alert.
  const measureKey = (nodeId: Id, kind: MeasureKind, content: string) => key(nodeId, kind, content)
  const storedMeasures = new Map<string, CorrectiveMeasure>()
  for (const m of existing?.measures ?? []) {
    const k = measureKey(m.nodeId, m.kind, m.content)
    if (!storedMeasures.has(k)) storedMeasures.set(k, m)
  }
  const changedMeasures = new Map<Id, CorrectiveMeasure>()
  const addedMeasures: CorrectiveMeasure[] = []
  if (measureSheet) {
    const kindByLabel = invert(MEASURE_KIND_LABELS)
    const seenMeasures = new Map<string, number>()
    const asOfColumn = MEASURE_COLUMNS.findIndex((c) => c.key === 'asOf') + 1
    for (let r = 1; r < measureSheet.rows.length; r++) {
      const row = reader(measureSheet, MEASURE_COLUMNS, r)
      if (row.blank) continue
      const asOf = row.get('asOf', parseDate, true)
      const kindLabel = row.get('kind', (c) => parseChoice(c, Object.keys(kindByLabel)), true)
      const content = row.get('content', (c) => parseText(c), true)
      const effect = row.get('effect', (c) => parseText(c)) ?? ''
      const department = row.get('department', (c) => parseText(c, 100)) ?? ''
      const deadline = row.get('deadline', parseDate)
      const status = row.get('status', (c) => parseChoice(c, MEASURE_STATUSES)) ?? '计划'
      if (!row.ok() || asOf === null || kindLabel === null || content === null) continue
      const kind = kindByLabel[kindLabel]
      const node = ensureNode(asOf, SHEET_MEASURES, row.rowNo, asOfColumn, '截至日期', asOf)
      if (!node) continue
      const natural = measureKey(node.id, kind, content)
      const dup = seenMeasures.get(natural)
      if (dup !== undefined) {
        row.fail('content', `与第${dup}行重复（同一截至日期、同一类型的措施内容相同）`)
        continue
      }
      seenMeasures.set(natural, row.rowNo)
      const stored = storedMeasures.get(natural)
      const { deadline: _d, ...rest } = stored ?? ({} as Partial<CorrectiveMeasure>)
      const next: CorrectiveMeasure = {
        ...rest, id: stored?.id ?? stableId('msr', node.id, kind, content), unitId, nodeId: node.id, kind, content, effect, department, status,
        ...(deadline ? { deadline } : {}),
      }
      if (node.status === 'locked' && !same(stored, next)) {
        row.fail('asOf', lockedRefusal(node, '纠偏措施'))
        continue
      }
      if (stored) changedMeasures.set(stored.id, next)
      else addedMeasures.push(next)
      const rowStatus = tally('measures', stored, next)
      rows.push({
        sheet: SHEET_MEASURES, row: row.rowNo, label: `${asOf} ${kindLabel}：${content.length > 30 ? `${content.slice(0, 29)}…` : content}`, status: rowStatus,
        ...(rowStatus === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}),
      })
    }
  }

  // Parents created or changed along the way.
  for (const [name, p] of outProjects) if (touchedProjects.has(name)) tally('projects', projects.get(name), p)
  for (const [k, t] of outTargets) if (!storedTargets.has(k) && !talliedTargets.has(k)) tally('targets', undefined, t)
  for (const [d, n] of outNodes) if (!storedNodes.has(d)) tally('nodes', undefined, n)

  if (problems.length > 0) return { ...empty, unitName, year }
  const total = Object.values(counts).reduce((s, c) => s + c.new + c.changed + c.unchanged, 0)
  if (total === 0 && nodeDates.length === 0) {
    problems.push({ sheet: '', row: 0, column: '', message: '文件中没有可导入的数据：请在「预算执行」「绩效指标」「指标填报」等表中至少填写一行' })
    return { ...empty, unitName, year }
  }

  const framework = mergeFramework(normalizeFrameworkNames(input.existingFramework ?? existing?.framework ?? { year, level1: [] }), [...outIndicators.values()])
  const dataset: UnitYearDataset = {
    unit, year, framework,
    projects: [...outProjects.values()],
    budgetLines: [...outLines.values()],
    monthlyExecutions: [...outExec.values()],
    targets: [...outTargets.values()],
    indicators: [...outIndicators.values()],
    nodes: [...outNodes.values()],
    readings: [...outReadings.values()],
    budgetJudgements: [...outJudgements.values()],
    alerts: existing?.alerts ?? [],
    measures: [...(existing?.measures ?? []).map((m) => changedMeasures.get(m.id) ?? m), ...addedMeasures],
    reports: existing?.reports ?? [],
  }
  // 定稿 freezes figures: an import that would change a locked node's figures is refused in the
  // preview (and again by the store's own check when committing)
  for (const change of existing ? frozenFigureChanges(existing, dataset) : []) {
    const what = change.removed ? '删除该节点或解除其锁定' : `修改其${change.parts.join('、')}`
    problems.push({
      sheet: '', row: 0, column: '',
      message: `监控节点“${change.node.label}”已定稿，导入会${what}，与已定稿的报告不一致。请只导入未定稿月份的数据，或先在「数据管理 › 监控节点」中解锁（须填写原因）`,
    })
  }
  if (problems.length > 0) return { ...empty, unitName, year }
  const changedRows = Object.values(counts).some((c) => c.new + c.changed > 0)
  const unitChanged = !same(storedUnit, unit)
  const frameworkChanged = !same(input.existingFramework ?? existing?.framework, framework)
  return {
    problems, warnings, unitName, year, newUnit: !storedUnit, counts, rows,
    unchanged: !changedRows && !unitChanged && !frameworkChanged, dataset,
  }
}

function invert<K extends string, V extends string>(record: Record<K, V>): Record<string, K> {
  const out: Record<string, K> = {}
  for (const [k, v] of Object.entries(record) as [K, V][]) out[v] = k
  return out
}

/**
 * Checks the header row against `columns` and returns how many of them the file has: all of them, or
 * only those before the optional ones (added in a later template version) when the file's header row
 * is blank from there on.
 */
function checkHeaders(grid: SheetGrid, columns: readonly ColumnSpec[], problems: ImportProblem[]): number {
  const header = grid.rows[0] ?? []
  const textAt = (i: number) => {
    const cell = header[i] ?? null
    return typeof cell === 'string' ? cell.trim() : cell === null ? '' : String(cell)
  }
  const firstOptional = columns.findIndex((c) => c.optional)
  const present = firstOptional >= 0 && columns.slice(firstOptional).every((_, j) => textAt(firstOptional + j) === '') ? firstOptional : columns.length
  columns.slice(0, present).forEach((col, i) => {
    const text = textAt(i)
    if (text !== col.header) {
      problems.push({
        sheet: grid.name, row: 1, column: colLetter(i + 1),
        message: `${grid.name} 第1行 ${colLetter(i + 1)}列 表头应为「${col.header}」，实为“${text}”。请不要改动模板的表头和列顺序`,
      })
    }
  })
  return present
}

/** The file's 分月计划 with the stored spelling kept month by month where the numbers are equal. */
function keepPlanSpelling(stored: readonly DecimalString[] | undefined, next: DecimalString[]): DecimalString[] {
  if (!stored || stored.length !== next.length) return next
  return next.map((v, i) => (sameDecimal(stored[i], v) ? stored[i] : v))
}

/** The year's framework with any 一级/二级 used by the indicators added (in order of first use). */
function mergeFramework(framework: IndicatorFramework, indicators: readonly Indicator[]): IndicatorFramework {
  const level1 = framework.level1.map((l) => ({ name: l.name, level2: [...l.level2] }))
  for (const i of indicators) {
    let l1 = level1.find((l) => l.name === i.level1)
    if (!l1) {
      l1 = { name: i.level1, level2: [] }
      level1.push(l1)
    }
    if (!l1.level2.includes(i.level2)) l1.level2.push(i.level2)
  }
  return { year: framework.year, level1 }
}
