/**
 * A scoring scheme as an .xlsx a finance officer can read and edit (docs/scoring-workbook.md): a 说明
 * sheet, a 方案 sheet (名称, 保留小数位数, 评价等级) and a 评分项目 sheet with one row per item and one row
 * per part of a 分项合计 item, dropdowns on the columns that take a fixed choice. Reading it back checks
 * every cell and the scheme as a whole (`schemeProblems`); each problem names the sheet, row and column
 * (「评分项目」第 7 行 E 列：分值「0」应为正数), and any problem refuses the whole file.
 *
 * Written and read with ExcelJS, loaded lazily (../excel/workbook.ts). No formula cells are written;
 * text is written as text ('@'), so nothing a user typed ever becomes a formula.
 */
import type { Cell, DataValidation, Workbook, Worksheet } from 'exceljs'
import { cellDisplay, columnLetter, isBlank, parseText, toHalfWidth } from '@/domain/importParsing'
import type { CellValue } from '@/domain/importParsing'
import { ok, refused } from '@/domain/result'
import type { Result } from '@/domain/result'
import {
  BUDGET_QUANTITY_LABELS,
  ENTERED_KIND_LABELS,
  METRIC_KIND_LABELS,
  RULE_KIND_LABELS,
  schemeProblems,
} from '@/domain/scoring'
import type {
  BudgetQuantity,
  EnteredKind,
  GradeBound,
  Metric,
  RatioBasis,
  Rule,
  RuleKind,
  SchemeItem,
  SchemePart,
  SchemeProblem,
  ScoringSchemeDefinition,
  SimpleRule,
} from '@/domain/scoring'
import type { DecimalString, Id } from '@/domain/types'
import { loadExcel } from '../excel/workbook'
import { LANDSCAPE_PAGE, heightFor, setText } from './cells'
import { readWorkbookGrids } from '../excel/importWorkbook'
import type { SheetGrid } from '../import'
import { parseRuleParams, ruleParamsText } from './ruleSyntax'
import { schemeIdOf, schemeIds } from './schemeIds'
import {
  BASIS_LABELS,
  GRADES_HEADER,
  GRADES_NOTE,
  ITEM_COLUMNS,
  NUMBER_SYNTAX,
  RULE_SYNTAX,
  SCHEME_FIELDS,
  SCHEME_SHEET_HELP,
  SCHEME_SHEET_ITEMS,
  SCHEME_SHEET_SCHEME,
  itemColumn,
} from './schemeLayout'
import type { ItemColumnKey } from './schemeLayout'

/** The scheme's indicator items name their indicator; these give the names (writing) and the ids (reading). */
export interface SchemeIndicator {
  id: Id
  name: string
}

export interface SchemeWorkbookOptions {
  /** the unit-year's 整体 indicators: an 指标完成率 item is written with its indicator's name */
  indicators?: readonly SchemeIndicator[]
}

// ── Layout constants ────────────────────────────────────────────────────────

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } } as const
const PART_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F6FA' } } as const
/** Dropdowns reach at least this row, so the file has room for items typed in. */
const VALIDATED_ROWS = 300
/** More rows than any real table: a file beyond it is refused rather than read for minutes. */
const MAX_ITEM_ROWS = 2000

/** 方案 rows: 方案名称 on row 2, 保留小数位数 on row 3, the grades' header on row 5, the grades from row 6. */
const SCHEME_ROWS = { name: 2, places: 3, gradesHeader: 5 } as const

// ── Writing ─────────────────────────────────────────────────────────────────

/** A decimal as a number when the number reads back as the same text, else as text ('2.50' stays '2.50'). */
function setDecimal(cell: Cell, text: string): void {
  const n = Number(text)
  if (text.trim() !== '' && Number.isFinite(n) && String(n) === text.trim()) cell.value = n
  else setText(cell, text)
}

/** ExcelJS keeps range validations in `worksheet.dataValidations`; its typings omit it. */
function addRangeValidation(sheet: Worksheet, range: string, validation: DataValidation): void {
  const holder = sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } }
  holder.dataValidations.add(range, validation)
}

function headerRow(sheet: Worksheet, headers: readonly string[]): void {
  const row = sheet.getRow(1)
  headers.forEach((text, i) => {
    const cell = row.getCell(i + 1)
    setText(cell, text)
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'middle', wrapText: true }
  })
}

function writeHelp(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(SCHEME_SHEET_HELP)
  const widths = [22, 70, 46, 46]
  sheet.columns = widths.map((width) => ({ width }))
  const lines: string[][] = [
    ['评分方案文件', '本文件是一套评分方案（如部门整体支出绩效自评表）：每个评分项目的分值、取数和评分规则。'],
    [
      '怎样使用',
      '可在 Excel 或 WPS 中修改后，在「设置 › 评分方案」中导入。导入时逐格检查，有任何问题都不会导入，并指出是哪个工作表、第几行、哪一列；修改后重新导入即可。',
    ],
    ['不要改动', '请不要改动各工作表的名称、「评分项目」第1行的表头和列的顺序；可以增加、删除、调整项目行。'],
    [
      SCHEME_SHEET_SCHEME,
      [
        `${SCHEME_FIELDS.name.label}：${SCHEME_FIELDS.name.note}`,
        `${SCHEME_FIELDS.places.label}：${SCHEME_FIELDS.places.note}`,
        `${GRADES_HEADER.label}：${GRADES_NOTE}`,
      ].join('\n'),
    ],
    [
      SCHEME_SHEET_ITEMS,
      '每个评分项目（三级指标）占一行。规则为「分项合计」的项目，其下方紧接着每个分项占一行：分项名称列写分项名称，一级至三级指标留空。',
    ],
    ...ITEM_COLUMNS.map((c) => [`${SCHEME_SHEET_ITEMS}：${c.header}`, c.note]),
    [
      '取数',
      `${METRIC_KIND_LABELS.indicator}：一个整体绩效指标的完成率；${METRIC_KIND_LABELS.indicators}：全部（或所填一级指标下的）整体指标，本项分值按各指标分值的比例分给各指标后合计（定性指标按评判等级计分）；${METRIC_KIND_LABELS.monthlyExecution}：各月执行率 ÷ 序时进度（超过100%按100%计）的平均数；${METRIC_KIND_LABELS.budgetRatio}：分子和分母之比或变动率；${METRIC_KIND_LABELS.entered}：单位每年在「管理指标」中填报的值。`,
    ],
    ['数值的写法', NUMBER_SYNTAX],
    [],
    ['规则', '规则参数的写法', '示例', '示例的含义'],
    ...(Object.keys(RULE_SYNTAX) as RuleKind[]).map((kind) => {
      const s = RULE_SYNTAX[kind]
      return [RULE_KIND_LABELS[kind], s.syntax, s.example || '（留空）', s.meaning]
    }),
  ]
  lines.forEach((cells, i) => {
    const row = sheet.getRow(i + 1)
    cells.forEach((text, c) => {
      const cell = row.getCell(c + 1)
      setText(cell, text)
      cell.alignment = { vertical: 'top', wrapText: true }
      if (c === 0 || cells[0] === '规则') cell.font = { bold: true }
    })
    row.height = heightFor(
      cells.map((text, c) => ({ text, width: widths[c] ?? 20 })),
      11,
    )
  })
  sheet.pageSetup = { ...LANDSCAPE_PAGE }
}

function writeSchemeSheet(workbook: Workbook, scheme: ScoringSchemeDefinition): void {
  const sheet = workbook.addWorksheet(SCHEME_SHEET_SCHEME)
  sheet.columns = [
    { key: 'a', width: 16 },
    { key: 'b', width: 30 },
    { key: 'c', width: 80 },
  ]
  headerRow(sheet, ['项目', '内容', '说明'])
  const name = sheet.getRow(SCHEME_ROWS.name)
  setText(name.getCell(1), SCHEME_FIELDS.name.label)
  setText(name.getCell(2), scheme.name)
  setText(name.getCell(3), SCHEME_FIELDS.name.note)
  const places = sheet.getRow(SCHEME_ROWS.places)
  setText(places.getCell(1), SCHEME_FIELDS.places.label)
  places.getCell(2).value = scheme.rounding.places
  setText(places.getCell(3), SCHEME_FIELDS.places.note)
  const gradesHeader = sheet.getRow(SCHEME_ROWS.gradesHeader)
  ;[GRADES_HEADER.label, GRADES_HEADER.min, GRADES_HEADER.note].forEach((text, i) => {
    const cell = gradesHeader.getCell(i + 1)
    setText(cell, text)
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
  })
  scheme.grades.forEach((grade, i) => {
    const row = sheet.getRow(SCHEME_ROWS.gradesHeader + 1 + i)
    setText(row.getCell(1), grade.label)
    setDecimal(row.getCell(2), grade.min)
    if (i === 0) setText(row.getCell(3), GRADES_NOTE)
  })
  for (const row of [SCHEME_ROWS.name, SCHEME_ROWS.places, SCHEME_ROWS.gradesHeader + 1]) {
    const note = sheet.getCell(row, 3)
    sheet.getCell(row, 1).alignment = { vertical: 'top' }
    sheet.getCell(row, 2).alignment = { vertical: 'top', horizontal: 'left' }
    note.alignment = { vertical: 'top', wrapText: true }
    sheet.getRow(row).height = heightFor([{ text: String(note.value ?? ''), width: 80 }], 11)
  }
  sheet.pageSetup = { ...LANDSCAPE_PAGE }
}

/** The cells of one item or part row, by column key. */
type RowCells = Partial<Record<ItemColumnKey, string>>

function metricCells(metric: Metric | null, indicatorNames: ReadonlyMap<Id, string>): RowCells {
  if (metric === null) return {}
  const cells: RowCells = { metric: METRIC_KIND_LABELS[metric.kind] }
  switch (metric.kind) {
    case 'indicator':
      return { ...cells, indicator: indicatorNames.get(metric.indicatorId) ?? metric.indicatorId }
    case 'indicators':
      return { ...cells, indicator: (metric.level1 ?? []).join('、') }
    case 'monthlyExecution':
      return cells
    case 'budgetRatio':
      return {
        ...cells,
        numerator: BUDGET_QUANTITY_LABELS[metric.numerator],
        denominator: BUDGET_QUANTITY_LABELS[metric.denominator],
        basis: BASIS_LABELS[metric.basis],
        label: metric.label ?? '',
      }
    case 'entered':
      return {
        ...cells,
        entered: ENTERED_KIND_LABELS[metric.input],
        unit: metric.unit ?? '',
        label: metric.label ?? '',
      }
  }
}

function scoringCells(metric: Metric | null, rule: Rule, ruleText: string | undefined, names: ReadonlyMap<Id, string>) {
  return {
    ...metricCells(metric, names),
    rule: RULE_KIND_LABELS[rule.kind],
    params: ruleParamsText(rule, metric),
    ruleText: ruleText ?? '',
  }
}

function itemRows(item: SchemeItem, names: ReadonlyMap<Id, string>): { cells: RowCells; part: boolean }[] {
  const head: RowCells = {
    level1: item.level1,
    level2: item.level2,
    level3: item.level3,
    weight: item.weight,
    explanation: item.explanation ?? '',
    ...scoringCells(item.metric, item.rule, item.ruleText, names),
  }
  const parts = item.rule.kind === 'parts' ? item.rule.parts : []
  return [
    { cells: head, part: false },
    ...parts.map((part) => ({
      cells: {
        part: part.name,
        weight: part.weight,
        ...scoringCells(part.metric, part.rule, part.ruleText, names),
      },
      part: true,
    })),
  ]
}

const WRAPPED = new Set<ItemColumnKey>(['level3', 'part', 'params', 'ruleText', 'explanation', 'label'])

function writeItemsSheet(workbook: Workbook, scheme: ScoringSchemeDefinition, names: ReadonlyMap<Id, string>): void {
  const sheet = workbook.addWorksheet(SCHEME_SHEET_ITEMS, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] })
  sheet.columns = ITEM_COLUMNS.map((c) => ({ key: c.key, width: c.width }))
  headerRow(
    sheet,
    ITEM_COLUMNS.map((c) => c.header),
  )
  ITEM_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.note
  })
  const rows = scheme.items.flatMap((item) => itemRows(item, names))
  rows.forEach(({ cells, part }, r) => {
    const row = sheet.getRow(r + 2)
    ITEM_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      const text = cells[c.key]
      if (c.key === 'weight' && text !== undefined) setDecimal(cell, text)
      else setText(cell, text)
      cell.alignment = { vertical: 'top', wrapText: WRAPPED.has(c.key) }
      if (part) cell.fill = PART_FILL
    })
    row.height = heightFor(
      ITEM_COLUMNS.filter((c) => WRAPPED.has(c.key)).map((c) => ({ text: cells[c.key] ?? '', width: c.width })),
      11,
    )
  })
  sheet.pageSetup = { ...LANDSCAPE_PAGE, printTitlesRow: '1:1' }
  const last = Math.max(rows.length + 1, VALIDATED_ROWS)
  ITEM_COLUMNS.forEach((c, i) => {
    if (!('choices' in c)) return
    const letter = columnLetter(i + 1)
    addRangeValidation(sheet, `${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请从下拉列表中选择',
      error: `可选：${c.choices.join('、')}`.slice(0, 250),
      showInputMessage: true,
      promptTitle: c.header,
      prompt: c.note.slice(0, 250),
    })
  })
}

/** The scheme as an .xlsx: 说明, 方案, 评分项目. */
export async function schemeWorkbookBytes(
  scheme: ScoringSchemeDefinition,
  options: SchemeWorkbookOptions = {},
): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '绩效监控'
  workbook.title = scheme.name
  const names = new Map((options.indicators ?? []).map((i) => [i.id, i.name]))
  writeHelp(workbook)
  writeSchemeSheet(workbook, scheme)
  writeItemsSheet(workbook, scheme, names)
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer
}

/** '广州2023自评表（评分方案）.xlsx' */
export function schemeWorkbookFileName(scheme: ScoringSchemeDefinition): string {
  return `${scheme.name}（评分方案）.xlsx`.replace(/[\\/:*?"<>|]/g, '_')
}

// ── Reading ─────────────────────────────────────────────────────────────────

interface CellProblem {
  sheet: string
  row: number
  /** 1-based; 0 when about the whole sheet */
  column: number
  message: string
}

/** Collects the problems of one read, one per cell at most from the checks on the scheme. */
class Problems {
  readonly list: CellProblem[] = []
  private readonly cells = new Set<string>()
  add(sheet: string, row: number, column: number, message: string): void {
    const cell = `${sheet}!${row}!${column}`
    // a cell read twice (its text, then its choice) says what is wrong with it once
    if (
      this.cells.has(cell) &&
      this.list.some((p) => `${p.sheet}!${p.row}!${p.column}` === cell && p.message === message)
    )
      return
    this.cells.add(cell)
    this.list.push({ sheet, row, column, message })
  }
  /** a problem found by `schemeProblems`: dropped when reading the cell already failed */
  addChecked(sheet: string, row: number, column: number, message: string): void {
    if (!this.cells.has(`${sheet}!${row}!${column}`)) this.add(sheet, row, column, message)
  }
  messages(order: readonly string[]): string[] {
    return [...this.list]
      .sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet) || a.row - b.row || a.column - b.column)
      .map((p) =>
        p.row === 0
          ? `「${p.sheet}」：${p.message}`
          : `「${p.sheet}」第 ${p.row} 行${p.column ? ` ${columnLetter(p.column)} 列` : ''}：${p.message}`,
      )
  }
}

/** A cell's text, trimmed ('' when blank); a number as written. */
function textAt(grid: SheetGrid, row: number, column: number, problems: Problems): string {
  const cell: CellValue = grid.rows[row - 1]?.[column - 1] ?? null
  const parsed = parseText(cell)
  if (!parsed.ok) {
    problems.add(grid.name, row, column, `「${cellDisplay(cell)}」${parsed.reason}`)
    return ''
  }
  return parsed.value ?? ''
}

/** A number cell as a decimal string for the scheme's checks to judge: 2 → '2', '２分' → '2', 'abc' → 'abc'. */
function decimalAt(grid: SheetGrid, row: number, column: number, problems: Problems): string {
  const cell: CellValue = grid.rows[row - 1]?.[column - 1] ?? null
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell)
  return toHalfWidth(textAt(grid, row, column, problems))
    .replace(/\s+/g, '')
    .replace(/分$/, '')
}

/** A choice of `labels` by its label; blank → null; anything else is a problem naming the choices. */
function choiceAt<K extends string>(
  grid: SheetGrid,
  row: number,
  column: number,
  labels: Readonly<Record<K, string>>,
  what: string,
  problems: Problems,
): K | null | undefined {
  const text = textAt(grid, row, column, problems)
  if (!text) return null
  const found = (Object.keys(labels) as K[]).find((key) => labels[key] === text)
  if (found !== undefined) return found
  problems.add(grid.name, row, column, `${what}「${text}」不是可选的项，可选：${Object.values(labels).join('、')}`)
  return undefined
}

function schemeSheetRows(grid: SheetGrid): Map<string, number> {
  const rows = new Map<string, number>()
  grid.rows.forEach((cells, i) => {
    const label = typeof cells[0] === 'string' ? cells[0].trim() : ''
    if (label && !rows.has(label)) rows.set(label, i + 1)
  })
  return rows
}

interface SchemeHead {
  name: string
  places: number
  grades: GradeBound[]
  /** where each grade was read, for the checks' problems */
  gradeRows: number[]
  rows: { name: number; places: number; grades: number }
}

function readSchemeSheet(grid: SheetGrid, problems: Problems): SchemeHead {
  const rows = schemeSheetRows(grid)
  const sheet = grid.name
  const nameRow = rows.get(SCHEME_FIELDS.name.label) ?? 0
  const placesRow = rows.get(SCHEME_FIELDS.places.label) ?? 0
  const gradesRow = rows.get(GRADES_HEADER.label) ?? 0
  for (const [row, label] of [
    [nameRow, SCHEME_FIELDS.name.label],
    [placesRow, SCHEME_FIELDS.places.label],
    [gradesRow, GRADES_HEADER.label],
  ] as const)
    if (!row) problems.add(sheet, 0, 0, `A 列找不到「${label}」一行，请不要改动 A 列的项目名称`)
  const name = nameRow ? textAt(grid, nameRow, 2, problems) : ''
  let places = 2
  if (placesRow) {
    const text = decimalAt(grid, placesRow, 2, problems)
    places = /^\d+$/.test(text) ? Number(text) : Number.NaN
    if (Number.isNaN(places)) problems.add(sheet, placesRow, 2, `保留小数位数「${text}」应为 0 至 6 的整数`)
  }
  const grades: GradeBound[] = []
  const gradeRows: number[] = []
  if (gradesRow) {
    for (let row = gradesRow + 1; row <= grid.rows.length; row++) {
      const cells = grid.rows[row - 1] ?? []
      if (isBlank(cells[0] ?? null) && isBlank(cells[1] ?? null)) break
      grades.push({ label: textAt(grid, row, 1, problems), min: decimalAt(grid, row, 2, problems) as DecimalString })
      gradeRows.push(row)
    }
  }
  return { name, places, grades, gradeRows, rows: { name: nameRow, places: placesRow, grades: gradesRow } }
}

/** A row of 评分项目 as read: an item, or a part of the item above it. */
interface ReadRow {
  row: number
  level1: string
  level2: string
  level3: string
  part: string
  weight: string
  metric: Metric | null
  rule: SimpleRule | { kind: 'parts' }
  ruleText: string
  explanation: string
}

interface ReadItem extends ReadRow {
  parts: ReadRow[]
}

/** The metric columns a metric kind uses; a value in any other is a problem (it would be ignored). */
const METRIC_COLUMNS: Readonly<Record<Metric['kind'], readonly ItemColumnKey[]>> = {
  indicator: ['indicator'],
  indicators: ['indicator'],
  monthlyExecution: [],
  budgetRatio: ['numerator', 'denominator', 'basis', 'label'],
  entered: ['entered', 'unit', 'label'],
}
const PARAMETER_COLUMNS: readonly ItemColumnKey[] = [
  'indicator',
  'numerator',
  'denominator',
  'basis',
  'entered',
  'unit',
  'label',
]

class RowReader {
  constructor(
    private readonly grid: SheetGrid,
    readonly row: number,
    private readonly problems: Problems,
    private readonly indicators: readonly SchemeIndicator[] | undefined,
  ) {}

  text(key: ItemColumnKey): string {
    return textAt(this.grid, this.row, itemColumn(key), this.problems)
  }

  decimal(key: ItemColumnKey): string {
    return decimalAt(this.grid, this.row, itemColumn(key), this.problems)
  }

  problem(key: ItemColumnKey, message: string): void {
    this.problems.add(this.grid.name, this.row, itemColumn(key), message)
  }

  choice<K extends string>(key: ItemColumnKey, labels: Readonly<Record<K, string>>, what: string) {
    return choiceAt(this.grid, this.row, itemColumn(key), labels, what, this.problems)
  }

  metric(): Metric | null | undefined {
    const kind = this.choice('metric', METRIC_KIND_LABELS, '取数')
    if (kind === undefined) return undefined
    const used = kind ? METRIC_COLUMNS[kind] : []
    for (const key of PARAMETER_COLUMNS) {
      if (used.includes(key) || !this.text(key)) continue
      const header = ITEM_COLUMNS[itemColumn(key) - 1]?.header ?? ''
      this.problem(
        key,
        kind
          ? `取数为「${METRIC_KIND_LABELS[kind]}」时不填「${header}」，请留空`
          : `没有选择取数，不填「${header}」，请先选择取数`,
      )
    }
    switch (kind) {
      case null:
        return null
      case 'indicator':
        return this.indicatorMetric()
      case 'indicators': {
        const level1 = this.text('indicator')
          .split(/[、,，;；\n]+/)
          .map((s) => s.trim())
          .filter((s) => s !== '')
        return level1.length ? { kind, level1 } : { kind }
      }
      case 'monthlyExecution':
        return { kind }
      case 'budgetRatio':
        return this.ratioMetric()
      case 'entered':
        return this.enteredMetric()
    }
  }

  private indicatorMetric(): Metric {
    const name = this.text('indicator')
    if (!name) {
      this.problem('indicator', '取数为「指标完成率」时请填写指标名称')
      return { kind: 'indicator', indicatorId: '' }
    }
    if (!this.indicators) return { kind: 'indicator', indicatorId: name }
    const matches = this.indicators.filter((i) => i.name.trim() === name)
    if (matches.length === 1) return { kind: 'indicator', indicatorId: matches[0]?.id ?? name }
    this.problem(
      'indicator',
      matches.length
        ? `有 ${matches.length} 个整体绩效指标名为「${name}」，无法确定是哪一个，请先在绩效目标中改为不同的名称`
        : `本单位本年度没有名为「${name}」的整体绩效指标`,
    )
    return { kind: 'indicator', indicatorId: name }
  }

  private ratioMetric(): Metric {
    const quantity = (key: 'numerator' | 'denominator', what: string): BudgetQuantity => {
      const chosen = this.choice(key, BUDGET_QUANTITY_LABELS, what)
      if (chosen === null) this.problem(key, `取数为「预算比率」时请选择${what}`)
      return (chosen ?? this.text(key)) as BudgetQuantity
    }
    const numerator = quantity('numerator', '分子')
    const denominator = quantity('denominator', '分母')
    const chosenBasis = this.choice('basis', BASIS_LABELS, '计算方式')
    if (chosenBasis === null) this.problem('basis', '取数为「预算比率」时请选择计算方式：比率 或 变动率')
    const basis: RatioBasis = chosenBasis ?? 'ratio'
    const label = this.text('label')
    return { kind: 'budgetRatio', numerator, denominator, basis, ...(label ? { label } : {}) }
  }

  private enteredMetric(): Metric {
    const input = this.choice('entered', ENTERED_KIND_LABELS, '填报类型')
    if (input === null)
      this.problem('entered', `取数为「填报值」时请选择填报类型：${Object.values(ENTERED_KIND_LABELS).join('、')}`)
    const unit = this.text('unit')
    if (unit && input && input !== 'number') this.problem('unit', '只有填报类型为「数值」时才填单位，请留空')
    const label = this.text('label')
    return {
      kind: 'entered',
      input: (input ?? 'number') as EnteredKind,
      ...(unit ? { unit } : {}),
      ...(label ? { label } : {}),
    }
  }

  /**
   * The rule, its kind checked and its 规则参数 read; a placeholder when it cannot be read. With the
   * 取数 unreadable (`metric` undefined) the parameters are not judged: whether they should be percents
   * depends on it, and the 取数 cell already says what is wrong.
   */
  rule(metric: Metric | null | undefined, weight: string, part: boolean): SimpleRule | { kind: 'parts' } {
    const kind = this.choice('rule', RULE_KIND_LABELS, '规则')
    const params = this.text('params')
    if (kind === null) {
      this.problem('rule', `请选择规则：${Object.values(RULE_KIND_LABELS).join('、')}`)
      return { kind: 'judged' }
    }
    if (kind === undefined) return { kind: 'judged' }
    if (kind === 'parts') {
      if (part) this.problem('rule', '分项中不能再分项')
      if (params) this.problem('params', '分项合计不填规则参数，请留空，分项写在下方各行')
      return { kind: 'parts' }
    }
    const parsed = parseRuleParams(kind, params, metric ?? null, weight)
    if (parsed.ok) return parsed.value
    if (metric !== undefined) this.problem('params', parsed.reason)
    return { kind, ...EMPTY_RULES[kind] } as SimpleRule
  }
}

/** A rule of each kind with nothing in it: what stands in for parameters that could not be read. */
const EMPTY_RULES: Readonly<Record<SimpleRule['kind'], object>> = {
  piecewise: { bands: [] },
  tiers: { direction: 'atLeast', tiers: [], otherwise: '0' },
  passFail: {},
  stepDeduction: { direction: 'above', start: '0', step: '1', deduction: '0', partialStep: 'counts' },
  perFinding: { kinds: [] },
  category: { categories: [] },
  judged: {},
}

function isBlankRow(cells: readonly CellValue[] | undefined): boolean {
  return (cells ?? []).slice(0, ITEM_COLUMNS.length).every((c) => isBlank(c))
}

function checkItemHeader(grid: SheetGrid, problems: Problems): boolean {
  const header = grid.rows[0] ?? []
  let good = true
  ITEM_COLUMNS.forEach((c, i) => {
    const cell = header[i] ?? null
    const text = typeof cell === 'string' ? cell.trim() : cellDisplay(cell)
    if (text !== c.header) {
      good = false
      problems.add(grid.name, 1, i + 1, `表头应为「${c.header}」，实为“${text}”。请不要改动表头和列的顺序`)
    }
  })
  return good
}

/** Merged cells beyond 一级/二级指标 would copy one value into every merged row: refused. */
function checkMerges(grid: SheetGrid, problems: Problems): void {
  for (const m of grid.merges ?? []) {
    if (m.bottom < 2 || m.right <= itemColumn('level2')) continue
    const range = `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`
    problems.add(grid.name, m.top, m.left, `${range} 是合并单元格，请取消合并并在每一行填写完整`)
  }
}

function readRow(reader: RowReader, part: boolean): ReadRow {
  const weight = reader.decimal('weight')
  const metric = reader.metric()
  const rule = reader.rule(metric, weight, part)
  if (rule.kind === 'parts' && metric) reader.problem('metric', '分项合计的项目不填取数，取数写在下方各分项行，请留空')
  return {
    row: reader.row,
    level1: reader.text('level1'),
    level2: reader.text('level2'),
    level3: reader.text('level3'),
    part: reader.text('part'),
    weight,
    metric: metric ?? null,
    rule,
    ruleText: reader.text('ruleText'),
    explanation: reader.text('explanation'),
  }
}

function readItems(
  grid: SheetGrid,
  problems: Problems,
  indicators: readonly SchemeIndicator[] | undefined,
): ReadItem[] {
  const items: ReadItem[] = []
  if (grid.rows.length > MAX_ITEM_ROWS) {
    problems.add(grid.name, 0, 0, `超过 ${MAX_ITEM_ROWS} 行，请检查是否多出了空白以外的行`)
    return items
  }
  for (let row = 2; row <= grid.rows.length; row++) {
    if (isBlankRow(grid.rows[row - 1])) continue
    const reader = new RowReader(grid, row, problems, indicators)
    const isPart = reader.text('part') !== ''
    const read = readRow(reader, isPart)
    if (!isPart) {
      items.push({ ...read, parts: [] })
      continue
    }
    const owner = items[items.length - 1]
    if (!owner || owner.rule.kind !== 'parts') {
      reader.problem('part', '分项行应紧接在规则为「分项合计」的项目之后；不是分项的行请不要填分项名称')
      continue
    }
    for (const key of ['level1', 'level2', 'level3'] as const)
      if (read[key] && read[key] !== owner[key])
        reader.problem(key, `分项行的一级至三级指标应留空（或与所属项目「${owner.level3}」相同）`)
    if (read.explanation) reader.problem('explanation', '分项行不填指标解释，请写在所属项目的行上')
    if (owner.parts.some((p) => p.part === read.part))
      reader.problem('part', `分项名称「${read.part}」在「${owner.level3}」中重复`)
    owner.parts.push(read)
  }
  return items
}

function toScheme(head: SchemeHead, items: readonly ReadItem[]): ScoringSchemeDefinition {
  const ids = schemeIds(items.map((i) => ({ ...i, parts: i.parts.map((p) => ({ name: p.part })) })))
  return {
    id: schemeIdOf(head.name),
    name: head.name,
    items: items.map((item, i) => {
      const { id, partIds } = ids[i] ?? { id: `item-${i + 1}`, partIds: [] }
      const rule: Rule =
        item.rule.kind === 'parts'
          ? {
              kind: 'parts',
              parts: item.parts.map((p, j): SchemePart => ({
                id: partIds[j] ?? `part-${j + 1}`,
                name: p.part,
                weight: p.weight as DecimalString,
                metric: p.metric as Metric,
                rule: p.rule as SimpleRule,
                ...(p.ruleText ? { ruleText: p.ruleText } : {}),
              })),
            }
          : item.rule
      return {
        id,
        level1: item.level1,
        level2: item.level2,
        level3: item.level3,
        weight: item.weight as DecimalString,
        metric: item.rule.kind === 'parts' ? null : item.metric,
        rule,
        ...(item.ruleText ? { ruleText: item.ruleText } : {}),
        ...(item.explanation ? { explanation: item.explanation } : {}),
      }
    }),
    grades: head.grades,
    rounding: { mode: 'halfUp', places: head.places },
  }
}

/** The column of a field of `schemeProblems` on an item or part row. */
function fieldColumn(field: string, message: string): number {
  const exact: Record<string, ItemColumnKey> = {
    level1: 'level1',
    level2: 'level2',
    level3: 'level3',
    name: 'part',
    weight: 'weight',
    rule: 'rule',
    'rule.kind': 'rule',
    metric: 'metric',
    'metric.kind': 'metric',
    'metric.indicatorId': 'indicator',
    'metric.level1': 'indicator',
    'metric.numerator': 'numerator',
    'metric.denominator': 'denominator',
    'metric.basis': 'basis',
    'metric.input': 'entered',
  }
  const key = exact[field]
  if (key) return itemColumn(key)
  // 「各分项分值合计为3，应等于本项分值2」 is about the 分值; 「至少要有一个分项」 about the rule
  if (field === 'rule.parts') return itemColumn(/分值/.test(message) ? 'weight' : 'rule')
  if (field.startsWith('rule.')) return itemColumn('params')
  return itemColumn('level3')
}

/** A message of `schemeProblems` without its 「第3项「…」分项「…」：」 opening: the cell says where. */
function withoutPlace(message: string): string {
  return message.replace(/^第\d+项「[^」]*」(?:分项「[^」]*」)?：/, '')
}

function placeChecked(
  problem: SchemeProblem,
  head: SchemeHead,
  items: readonly ReadItem[],
  problems: Problems,
  sheets: { scheme: string; items: string },
): void {
  if (problem.severity !== 'error') return
  const message = withoutPlace(problem.message)
  if (problem.itemIndex === null) {
    const grade = /^grades\[(\d+)\]\.(\w+)$/.exec(problem.field)
    if (grade) {
      const row = head.gradeRows[Number(grade[1])] ?? head.rows.grades
      return problems.addChecked(sheets.scheme, row, grade[2] === 'min' ? 2 : 1, message)
    }
    if (problem.field === 'name') return problems.addChecked(sheets.scheme, head.rows.name, 2, message)
    if (problem.field === 'rounding') return problems.addChecked(sheets.scheme, head.rows.places, 2, message)
    if (problem.field === 'grades') return problems.addChecked(sheets.scheme, head.rows.grades, 1, message)
    if (problem.field === 'items') return problems.addChecked(sheets.items, 2, 1, message)
    return problems.addChecked(sheets.scheme, 0, 0, message)
  }
  const item = items[problem.itemIndex]
  if (!item) return
  const part = problem.partIndex === undefined ? null : item.parts[problem.partIndex]
  problems.addChecked(sheets.items, (part ?? item).row, fieldColumn(problem.field, message), message)
}

export interface ReadSchemeOptions {
  /** the unit-year's 整体 indicators: an 指标完成率 item's 指标名称 is looked up among them */
  indicators?: readonly SchemeIndicator[]
}

/**
 * The scheme in a workbook written by `schemeWorkbookBytes` (and edited by hand), or every problem
 * found, each naming its sheet, row and column. Ids are made again (`schemeIds`); the 规则说明 and
 * 指标解释 are kept as written. Without `options.indicators`, an 指标完成率 item keeps the name it gives.
 */
export async function readSchemeWorkbook(
  data: ArrayBuffer | Uint8Array,
  options: ReadSchemeOptions = {},
): Promise<Result<ScoringSchemeDefinition>> {
  const read = await readWorkbookGrids(data)
  if (!read.ok) return refused(read.problems.map((p) => p.message))
  const schemeGrid = read.grids.find((g) => g.name === SCHEME_SHEET_SCHEME)
  const itemsGrid = read.grids.find((g) => g.name === SCHEME_SHEET_ITEMS)
  const missing = [SCHEME_SHEET_SCHEME, SCHEME_SHEET_ITEMS].filter((name) => !read.grids.some((g) => g.name === name))
  if (!schemeGrid || !itemsGrid)
    return refused([`文件中没有「${missing.join('」「')}」工作表：请用「导出评分方案」得到的文件修改后再导入`])

  const problems = new Problems()
  const head = readSchemeSheet(schemeGrid, problems)
  if (!checkItemHeader(itemsGrid, problems))
    return refused(problems.messages([SCHEME_SHEET_SCHEME, SCHEME_SHEET_ITEMS]))
  checkMerges(itemsGrid, problems)
  const items = readItems(itemsGrid, problems, options.indicators)
  const scheme = toScheme(head, items)
  const sheets = { scheme: SCHEME_SHEET_SCHEME, items: SCHEME_SHEET_ITEMS }
  for (const problem of schemeProblems(scheme)) placeChecked(problem, head, items, problems, sheets)
  if (problems.list.length) return refused(problems.messages([SCHEME_SHEET_SCHEME, SCHEME_SHEET_ITEMS]))
  return ok(scheme)
}
