/**
 * ExcelJS at the edge: load it lazily, read a workbook's cells into plain grids, and write the
 * template / an export in the layout of `layout.ts`. ExcelJS (≈ 1 MB) is only ever reached through
 * `import('exceljs')`, so it never weighs on the first load.
 *
 * Safety of what we write: every text cell is a string value with the text number format '@', so a
 * name beginning with = + - @ (or a tab) is shown as typed and never becomes a formula; the writer
 * creates no formula cells at all.
 */
import type * as ExcelNamespace from 'exceljs'
import type { Cell, CellValue as ExcelCellValue, DataValidation, Workbook, Worksheet } from 'exceljs'
import type { CellValue } from '@/domain/importParsing'
import { D, parseDecimal } from '@/domain/decimal'
import type { BudgetLine, ManagementInputs, Project, UnitYearDataset } from '@/domain/types'
import { MANAGEMENT_AMOUNT_UNITS } from '@/domain/managementInputsCheck'
import { MANAGEMENT_AMOUNT_LABELS, MANAGEMENT_AMOUNTS } from '@/domain/scoring'
import {
  ACCRUAL_LABELS,
  ALLOCATED_MODE_CHOICES,
  BUDGET_COLUMNS,
  CATEGORY_LABELS,
  EXECUTION_BASE_CHOICES,
  GROUP_COLUMNS,
  INDICATOR_COLUMNS,
  INFO_FIELDS,
  JUDGEMENT_COLUMNS,
  MANAGEMENT_COLUMNS,
  MEASURE_COLUMNS,
  MEASURE_KIND_LABELS,
  MONTHS,
  READING_COLUMNS,
  SHEET_BUDGET,
  SHEET_GROUP,
  SHEET_HELP,
  SHEET_INDICATORS,
  SHEET_INFO,
  SHEET_JUDGEMENTS,
  SHEET_MANAGEMENT,
  SHEET_MEASURES,
  SHEET_READINGS,
  SHEET_TARGETS,
  SUB_CATEGORY_LABELS,
  TARGET_COLUMNS,
  TEMPLATE_VERSION,
  UNIT_SCOPE,
  type ColumnSpec,
} from './layout'
import type { CellRange, SheetGrid } from '../import'

type ExcelModule = typeof ExcelNamespace

/** ExcelJS, loaded on first use (its CommonJS build arrives as a default export in the browser). */
export async function loadExcel(): Promise<ExcelModule> {
  const mod: ExcelModule & { default?: ExcelModule } = await import('exceljs')
  return mod.default ?? mod
}

/** Thrown for a file that is not a readable .xlsx; the message is shown to the user. */
export class WorkbookReadError extends Error {
  override readonly name = 'WorkbookReadError'
}

/** Reduces an ExcelJS cell to a plain value: formulas to their result, rich text to its text. */
function plainValue(cell: Cell): CellValue {
  const value: ExcelCellValue = cell.value
  if (value === null || value === undefined) return null
  if (typeof value === 'number') {
    // A percent-formatted number (0.98 shown as 98%) means 98.
    const fmt = cell.numFmt ?? ''
    if (fmt.includes('%') && Number.isFinite(value)) return `${String(Math.round(value * 1e10) / 1e8)}%`
    return value
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('')
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date)))
        return null
      return result as CellValue
    }
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('error' in value) return null
  }
  return null
}

const MAX_COLUMNS = 60

/** Every sheet of the workbook as plain cells. */
export async function readGrids(data: ArrayBuffer | Uint8Array): Promise<SheetGrid[]> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  try {
    // A Uint8Array works with ExcelJS in the browser and in Node (where a bare ArrayBuffer does not).
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new WorkbookReadError(
      '无法读取该文件：它不是有效的 Excel（.xlsx）文件，或文件已损坏。请用 Excel 或 WPS 另存为 .xlsx 后重试。',
    )
  }
  return workbook.worksheets.map((sheet) => gridOf(sheet))
}

/**
 * The sheet's cells, and its merged ranges. ExcelJS gives every cell of a merged range the value of
 * its top-left cell, so a merge over A3:A5 would read as the same 项目名称 on three rows; the ranges
 * are kept (`SheetGrid.merges`) for the plan to refuse. Found from the cells read (only the first
 * `MAX_COLUMNS` columns of rows that hold something), which are the only ones a merge could copy into.
 */
function gridOf(sheet: Worksheet): SheetGrid {
  const rows: CellValue[][] = []
  const merges = new Map<string, CellRange>()
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = []
    const count = Math.min(row.cellCount, MAX_COLUMNS)
    for (let c = 1; c <= count; c++) {
      const cell = row.getCell(c)
      cells.push(plainValue(cell))
      if (cell.isMerged) addToMerge(merges, cell.master, rowNumber, c)
    }
    rows[rowNumber - 1] = cells
  })
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = []
  return { name: sheet.name.trim(), rows, ...(merges.size > 0 ? { merges: [...merges.values()] } : {}) }
}

/** Widens the range of `master`'s merge to hold the cell at (row, column). */
function addToMerge(merges: Map<string, CellRange>, master: Cell, row: number, column: number): void {
  // ExcelJS types a cell's row and col as strings; they are numbers at run time
  const top = Number(master.row)
  const left = Number(master.col)
  const range = merges.get(master.address) ?? { top, left, bottom: top, right: left }
  range.top = Math.min(range.top, row)
  range.left = Math.min(range.left, column)
  range.bottom = Math.max(range.bottom, row)
  range.right = Math.max(range.right, column)
  merges.set(master.address, range)
}

// ── Writing ─────────────────────────────────────────────────────────────────

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } } as const

/** A value for a cell: numbers stay numbers only when they round-trip exactly; everything else is text. */
function amountCell(value: string | undefined): string | number | null {
  if (value === undefined || value === '') return null
  const exact = parseDecimal(value)
  if (!exact) return value
  const n = Number(value)
  return Number.isFinite(n) && new D(String(n)).eq(exact) ? n : value
}

/**
 * 定性百分比 as text with its percent sign ('50' → '50%', '0.5' → '0.5%'): the importer reads a bare
 * 0 < x < 1 as a fraction (0.3 → 30), so a stored '0.5' written as the number 0.5 would come back as
 * 50. With the sign it is unambiguous and re-imports exactly.
 */
function percentText(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  return parseDecimal(value) ? `${value}%` : value
}

function setText(cell: Cell, text: string | undefined | null): void {
  if (text === undefined || text === null || text === '') return
  cell.numFmt = '@'
  cell.value = text
}

function setValue(cell: Cell, value: string | number | null): void {
  if (value === null) return
  if (typeof value === 'number') cell.value = value
  else setText(cell, value)
}

/** ExcelJS keeps range validations in `worksheet.dataValidations` (one entry per range); its typings omit it. */
function rangeValidations(sheet: Worksheet): { add(range: string, validation: DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } })
    .dataValidations
}

function addTable(workbook: Workbook, name: string, columns: readonly ColumnSpec[], rowCount: number): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL
  })
  // Dropdowns on the data rows (at least 500 so the template has room to type).
  const last = Math.max(rowCount + 1, 500)
  columns.forEach((c, i) => {
    if (!c.choices) return
    const letter = sheet.getColumn(i + 1).letter
    const formulae = [`"${c.choices.join(',')}"`]
    rangeValidations(sheet).add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae,
      showErrorMessage: !c.multi,
      errorStyle: 'stop',
      errorTitle: '请从下拉列表中选择',
      error: `可选：${c.choices.join('、')}`,
      showInputMessage: true,
      promptTitle: c.header,
      prompt: c.note.slice(0, 250),
    })
  })
  return sheet
}

export interface WorkbookRequest {
  /** the data to export; null for an empty template */
  dataset: UnitYearDataset | null
  /** for the template: prefill 单位名称 / 年度 */
  unitName?: string
  year?: number
  /** the unit-year's 管理指标填报 (the export writes its amounts; the template lists the names) */
  managementInputs?: ManagementInputs | null
}

/** Builds the template (dataset null) or an export of a unit-year, as .xlsx bytes. */
export async function writeWorkbook(request: WorkbookRequest): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '绩效监控'
  const d = request.dataset
  writeHelp(workbook)

  const info = workbook.addWorksheet(SHEET_INFO)
  info.columns = [
    { header: '项目', key: 'k', width: 22 },
    { header: '内容', key: 'v', width: 60 },
    { header: '说明', key: 'n', width: 60 },
  ]
  info.getRow(1).font = { bold: true }
  const infoValues: Record<string, string> = {
    name: d?.unit.name ?? request.unitName ?? '',
    year: String(d?.year ?? request.year ?? ''),
    financeOfficer: d?.unit.financeOfficer ?? '',
    departments: d?.unit.departments.join('、') ?? '',
    nodes: d
      ? [...d.nodes]
          .sort((a, b) => a.asOfDate.localeCompare(b.asOfDate))
          .map((n) => n.asOfDate)
          .join('、')
      : '',
    // the unit's settings, written out in full (the template leaves them blank: blank keeps what is stored)
    allocatedMode: d ? ALLOCATED_MODE_CHOICES[d.unit.allocatedMode ?? 'typed'] : '',
    executionBase: d
      ? d.unit.carryOverInExecutionBase
        ? EXECUTION_BASE_CHOICES.withCarryOver
        : EXECUTION_BASE_CHOICES.budget
      : '',
  }
  const infoChoices: Partial<Record<string, readonly string[]>> = {
    allocatedMode: Object.values(ALLOCATED_MODE_CHOICES),
    executionBase: Object.values(EXECUTION_BASE_CHOICES),
  }
  INFO_FIELDS.forEach((f, i) => {
    const row = info.getRow(i + 2)
    setText(row.getCell(1), f.label)
    if (f.key === 'year' && infoValues.year) row.getCell(2).value = Number(infoValues.year)
    else setText(row.getCell(2), infoValues[f.key])
    setText(row.getCell(3), f.note)
    const choices = infoChoices[f.key]
    if (choices) {
      row.getCell(2).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '请从下拉列表中选择',
        error: `可选：${choices.join('、')}`,
      }
    }
  })

  const col = (columns: readonly ColumnSpec[], key: string) => columns.findIndex((c) => c.key === key) + 1
  const members = d?.unit.monitoringGroup ?? []
  const groupSheet = addTable(workbook, SHEET_GROUP, GROUP_COLUMNS, members.length)
  members.forEach((m, i) => {
    const row = groupSheet.getRow(i + 2)
    setText(row.getCell(col(GROUP_COLUMNS, 'name')), m.name)
    setText(row.getCell(col(GROUP_COLUMNS, 'title')), m.title)
    setText(row.getCell(col(GROUP_COLUMNS, 'role')), m.role)
  })

  const lines = d?.budgetLines ?? []
  const budget = addTable(workbook, SHEET_BUDGET, BUDGET_COLUMNS, lines.length)
  const projectById = new Map((d?.projects ?? []).map((p) => [p.id, p]))
  const execByLine = new Map<string, Map<number, { spent: string; allocated: string }>>()
  for (const e of d?.monthlyExecutions ?? []) {
    const m = execByLine.get(e.budgetLineId) ?? new Map<number, { spent: string; allocated: string }>()
    m.set(e.month, e)
    execByLine.set(e.budgetLineId, m)
  }
  // 调整月份: a whole month 1–12 (or blank) on every data row
  const monthColumn = BUDGET_COLUMNS.find((c) => c.key === 'adjustmentMonth') ?? { header: '调整月份', note: '' }
  const monthLetter = budget.getColumn(col(BUDGET_COLUMNS, 'adjustmentMonth')).letter
  rangeValidations(budget).add(`${monthLetter}2:${monthLetter}${Math.max(lines.length + 1, 500)}`, {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [1, 12],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: monthColumn.header,
    error: '调整月份应为 1 至 12 的整数（空为 1月）',
    showInputMessage: true,
    promptTitle: monthColumn.header,
    prompt: monthColumn.note.slice(0, 250),
  })
  lines.forEach((l, i) => {
    const row = budget.getRow(i + 2)
    const project = l.projectId ? projectById.get(l.projectId) : undefined
    writeLineKey(row.getCell.bind(row), BUDGET_COLUMNS, l, projectById)
    setText(row.getCell(col(BUDGET_COLUMNS, 'department')), project?.department)
    setValue(row.getCell(col(BUDGET_COLUMNS, 'initialBudget')), amountCell(l.initialBudget))
    setValue(row.getCell(col(BUDGET_COLUMNS, 'additions')), amountCell(l.additions))
    setValue(row.getCell(col(BUDGET_COLUMNS, 'reductions')), amountCell(l.reductions))
    setValue(row.getCell(col(BUDGET_COLUMNS, 'carryOver')), amountCell(l.carryOver))
    setValue(row.getCell(col(BUDGET_COLUMNS, 'adjustmentMonth')), l.adjustmentMonth ?? null)
    const months = execByLine.get(l.id)
    for (const m of MONTHS) {
      const e = months?.get(m)
      if (!e) continue
      setValue(row.getCell(col(BUDGET_COLUMNS, `spent${m}`)), amountCell(e.spent))
      setValue(row.getCell(col(BUDGET_COLUMNS, `allocated${m}`)), amountCell(e.allocated))
    }
  })

  const targetScope = new Map(
    (d?.targets ?? []).map((t) => [
      t.id,
      t.scope === 'unit' ? UNIT_SCOPE : (projectById.get(t.projectId ?? '')?.name ?? ''),
    ]),
  )
  const targets = d?.targets ?? []
  const targetSheet = addTable(workbook, SHEET_TARGETS, TARGET_COLUMNS, targets.length)
  targets.forEach((t, i) => {
    const row = targetSheet.getRow(i + 2)
    setText(row.getCell(col(TARGET_COLUMNS, 'scope')), targetScope.get(t.id))
    setText(row.getCell(col(TARGET_COLUMNS, 'description')), t.description)
  })

  const indicators = d?.indicators ?? []
  const indSheet = addTable(workbook, SHEET_INDICATORS, INDICATOR_COLUMNS, indicators.length)
  indicators.forEach((ind, i) => {
    const row = indSheet.getRow(i + 2)
    const c = (key: string) => row.getCell(col(INDICATOR_COLUMNS, key))
    setText(c('scope'), targetScope.get(ind.targetId))
    setText(c('level1'), ind.level1)
    setText(c('level2'), ind.level2)
    setText(c('name'), ind.name)
    setText(c('operator'), ind.operator)
    setValue(c('targetValue'), ind.operator === '定性' ? ind.targetValue : amountCell(ind.targetValue))
    setText(c('measureUnit'), ind.measureUnit)
    setValue(c('weight'), amountCell(ind.weight))
    setText(c('accrual'), ACCRUAL_LABELS[ind.accrual])
    setText(c('dueDate'), ind.dueDate)
    setText(c('targetLabel'), ind.targetLabel)
    ind.monthlyPlan?.forEach((value, m) => {
      if (m < MONTHS.length) setValue(c(`plan${m + 1}`), amountCell(value))
    })
  })

  const indicatorById = new Map(indicators.map((i) => [i.id, i]))
  const nodeById = new Map((d?.nodes ?? []).map((n) => [n.id, n]))
  const readings = [...(d?.readings ?? [])]
    .filter((r) => indicatorById.has(r.indicatorId) && nodeById.has(r.nodeId))
    .sort(
      (a, b) =>
        (nodeById.get(a.nodeId)?.asOfDate ?? '').localeCompare(nodeById.get(b.nodeId)?.asOfDate ?? '') ||
        (indicatorById.get(a.indicatorId)?.sortOrder ?? 0) - (indicatorById.get(b.indicatorId)?.sortOrder ?? 0),
    )
  const readSheet = addTable(workbook, SHEET_READINGS, READING_COLUMNS, readings.length)
  readings.forEach((r, i) => {
    const row = readSheet.getRow(i + 2)
    const c = (key: string) => row.getCell(col(READING_COLUMNS, key))
    const ind = indicatorById.get(r.indicatorId)
    setText(c('asOf'), nodeById.get(r.nodeId)?.asOfDate)
    setText(c('scope'), ind ? targetScope.get(ind.targetId) : '')
    setText(c('level1'), ind?.level1)
    setText(c('level2'), ind?.level2)
    setText(c('name'), ind?.name)
    setValue(c('actualValue'), amountCell(r.actualValue))
    setText(c('actualLabel'), r.actualLabel)
    setText(c('grade'), r.qualitativeGrade)
    setText(c('percent'), percentText(r.qualitativePercent))
    setText(c('forecast'), r.yearEndForecast)
    setText(c('likelihood'), r.likelihood)
    setText(c('causes'), r.deviationCauses.join('、'))
    setText(c('causeText'), r.deviationText)
  })

  const lineById = new Map(lines.map((l) => [l.id, l]))
  const byNodeDate = (a: { nodeId: string }, b: { nodeId: string }) =>
    (nodeById.get(a.nodeId)?.asOfDate ?? '').localeCompare(nodeById.get(b.nodeId)?.asOfDate ?? '')
  const judgements = [...(d?.budgetJudgements ?? [])]
    .filter((j) => lineById.has(j.budgetLineId) && nodeById.has(j.nodeId))
    .sort(
      (a, b) =>
        byNodeDate(a, b) ||
        (lineById.get(a.budgetLineId)?.sortOrder ?? 0) - (lineById.get(b.budgetLineId)?.sortOrder ?? 0),
    )
  const judgementSheet = addTable(workbook, SHEET_JUDGEMENTS, JUDGEMENT_COLUMNS, judgements.length)
  judgements.forEach((j, i) => {
    const row = judgementSheet.getRow(i + 2)
    const c = (key: string) => row.getCell(col(JUDGEMENT_COLUMNS, key))
    setText(c('asOf'), nodeById.get(j.nodeId)?.asOfDate)
    const line = lineById.get(j.budgetLineId)
    if (line) writeLineKey(row.getCell.bind(row), JUDGEMENT_COLUMNS, line, projectById)
    setValue(c('forecast'), amountCell(j.yearEndForecast))
    setText(c('likelihood'), j.likelihood)
    setText(c('causes'), j.deviationCauses.join('、'))
    setText(c('causeText'), j.deviationText)
  })

  // Stable sort: measures keep their stored order within a node.
  const measures = [...(d?.measures ?? [])].filter((m) => nodeById.has(m.nodeId)).sort(byNodeDate)
  const measureSheet = addTable(workbook, SHEET_MEASURES, MEASURE_COLUMNS, measures.length)
  measures.forEach((m, i) => {
    const row = measureSheet.getRow(i + 2)
    const c = (key: string) => row.getCell(col(MEASURE_COLUMNS, key))
    setText(c('asOf'), nodeById.get(m.nodeId)?.asOfDate)
    setText(c('kind'), MEASURE_KIND_LABELS[m.kind])
    setText(c('content'), m.content)
    setText(c('effect'), m.effect)
    setText(c('department'), m.department)
    setText(c('deadline'), m.deadline)
    setText(c('status'), m.status)
  })

  writeManagementSheet(workbook, request.managementInputs ?? null)

  const bytes = await workbook.xlsx.writeBuffer()
  return bytes as ArrayBuffer
}

/** 管理指标: every amount of 管理指标填报 by name, its value when entered, and its unit. */
function writeManagementSheet(workbook: Workbook, inputs: ManagementInputs | null): void {
  const sheet = addTable(workbook, SHEET_MANAGEMENT, MANAGEMENT_COLUMNS, MANAGEMENT_AMOUNTS.length)
  const col = (key: string) => MANAGEMENT_COLUMNS.findIndex((c) => c.key === key) + 1
  MANAGEMENT_AMOUNTS.forEach((amount, i) => {
    const row = sheet.getRow(i + 2)
    setText(row.getCell(col('name')), MANAGEMENT_AMOUNT_LABELS[amount])
    setValue(row.getCell(col('value')), amountCell(inputs?.amounts[amount]))
    setText(row.getCell(col('unit')), MANAGEMENT_AMOUNT_UNITS[amount])
  })
}

/** The five cells that name a budget line (支出类别 … 资金来源), in `columns`' positions. */
function writeLineKey(
  cellAt: (column: number) => Cell,
  columns: readonly ColumnSpec[],
  line: BudgetLine,
  projectById: ReadonlyMap<string, Project>,
): void {
  const at = (key: string) => cellAt(columns.findIndex((c) => c.key === key) + 1)
  setText(at('category'), CATEGORY_LABELS[line.category])
  setText(at('subCategory'), line.subCategory ? SUB_CATEGORY_LABELS[line.subCategory] : '')
  setText(at('project'), line.projectId ? projectById.get(line.projectId)?.name : '')
  setText(at('name'), line.name)
  setText(at('fundSource'), line.fundSource)
}

function writeHelp(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(SHEET_HELP)
  sheet.columns = [
    { header: '工作表 / 列', key: 'a', width: 24 },
    { header: '填写要求', key: 'b', width: 100 },
  ]
  sheet.getRow(1).font = { bold: true }
  const lines: [string, string][] = [
    ['模板版本', String(TEMPLATE_VERSION)],
    ['金额', '单位为万元。可写 1,234.50、全角数字、（120）表示负数、末尾带“万元”。'],
    ['累计数', '执行数、到位资金均为截至当月底的累计数。'],
    [
      '导入方式',
      '导入前会先预览：列出新增、修改、不变的行和每个有问题的单元格；确认后一次性写入，有任何问题则不写入。重复导入同一文件不会产生变化。已有数据中文件未提及的行保持不变。',
    ],
    ['表头', '请不要改动各表第1行的表头和列顺序，可以增加数据行。'],
  ]
  for (const f of INFO_FIELDS) lines.push([`${SHEET_INFO}：${f.label}`, f.note])
  const tables = [
    [SHEET_GROUP, GROUP_COLUMNS],
    [SHEET_BUDGET, BUDGET_COLUMNS],
    [SHEET_TARGETS, TARGET_COLUMNS],
    [SHEET_INDICATORS, INDICATOR_COLUMNS],
    [SHEET_READINGS, READING_COLUMNS],
    [SHEET_JUDGEMENTS, JUDGEMENT_COLUMNS],
    [SHEET_MEASURES, MEASURE_COLUMNS],
    [SHEET_MANAGEMENT, MANAGEMENT_COLUMNS],
  ] as const
  const monthly: Record<string, string> = {
    spent: '1月…12月执行数',
    allocated: '1月…12月到位资金',
    plan: '1月…12月计划',
  }
  for (const [name, cols] of tables) {
    for (const c of cols) {
      const month = /^(spent|allocated|plan)(\d+)$/.exec(c.key)
      if (month && month[2] !== '1') continue
      lines.push([`${name}：${month ? (monthly[month[1] ?? ''] ?? c.header) : c.header}`, c.note])
    }
  }
  lines.push([
    '不在模板中的数据',
    '预警由程序按监控节点的数据计算，监控报告由程序生成，二者都不在模板中，导入也不会改动它们；管理指标填报中逐项填写的评分项（是否、发现问题、评判等级等）和说明也不在模板中，导入保持不变；要完整保存全部数据请用「备份恢复」。',
  ])
  lines.forEach(([a, b], i) => {
    const row = sheet.getRow(i + 2)
    setText(row.getCell(1), a)
    setText(row.getCell(2), b)
  })
}
