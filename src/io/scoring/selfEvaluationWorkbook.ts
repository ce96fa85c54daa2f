/**
 * The 部门整体支出绩效自评表 as an .xlsx, laid out like seed 003's table: 一级指标 | 分值 | 二级指标 | 分值 |
 * 三级指标 | 分值 | 指标解释 | 评分标准 | 指标值/完成情况 | 得分 | 备注, the 一级 and 二级 groups merged with
 * their weights, the 总分 row and the 评价等级 with the grade reached ticked (√优 □良 …). The title names
 * the unit, the year and the node: 年度自评 at 1-12月, 按当前进度预计 before.
 *
 * Layout only: every figure is the scheme score's (`scoreScheme`), put into words by the domain's
 * formatters. ExcelJS is loaded lazily; no formula cells; text is written as text.
 */
import type { Alignment, Borders, Cell, Font, Worksheet } from 'exceljs'
import { formatNumber, formatPercent, sum, toDecimalString } from '@/domain/decimal'
import type { Dec } from '@/domain/decimal'
import { monthListText } from '@/domain/executionText'
import { metricValueText, SCORE_MODE_LABELS } from '@/domain/scoring'
import type { GradeBound, ItemScore, MetricReading, SchemeScore, ScoringSchemeDefinition } from '@/domain/scoring'
import { loadExcel } from '../excel/workbook'
import { LANDSCAPE_PAGE, heightFor, setText } from './cells'

export const SELF_EVALUATION_SHEET = '绩效自评表'

export interface SelfEvaluationRequest {
  /** the scheme scored at the node (`scoreScheme`) */
  score: SchemeScore
  /** the scheme scored: its 指标解释, grades and rounding */
  scheme: ScoringSchemeDefinition
  /** 评分依据、未达标原因、改进措施 by item id (`ManagementInputs.remarks`) */
  remarks?: Readonly<Record<string, string>> | null
  unitName: string
  year: number
  /** the node's label, '2021年1-6月' */
  nodeLabel: string
  /** decimals of a rate shown (the settings' 比率精度) */
  precision: number
}

const COLUMNS = [
  { header: '一级指标', width: 10 },
  { header: '分值', width: 6 },
  { header: '二级指标', width: 10 },
  { header: '分值', width: 6 },
  { header: '三级指标', width: 18 },
  { header: '分值', width: 6 },
  { header: '指标解释', width: 24 },
  { header: '评分标准', width: 42 },
  { header: '指标值/完成情况', width: 30 },
  { header: '得分', width: 9 },
  { header: '备注（评分依据、未达标原因、改进措施）', width: 26 },
] as const
const LAST_COLUMN = COLUMNS.length
/** The rows above the table: title, 年度 and node, 部门名称; the header is row 4. */
const HEADER_ROW = 4

const FONTS = {
  title: { name: '方正小标宋简体', size: 18 },
  subtitle: { name: '楷体_GB2312', size: 14 },
  header: { name: '黑体', size: 11 },
  body: { name: '仿宋_GB2312', size: 11 },
  number: { name: 'Times New Roman', size: 11 },
} as const satisfies Record<string, Partial<Font>>

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } }
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const CENTER: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true }
const LEFT: Partial<Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true }

function setNumber(cell: Cell, value: Dec, places: number): void {
  cell.value = Number(toDecimalString(value))
  cell.numFmt = places > 0 ? `0.${'0'.repeat(places)}` : '0'
  cell.font = FONTS.number
  cell.alignment = CENTER
}

/** '2021年度 · 年度自评' or '2021年度 · 按当前进度预计（截至2021年1-6月）'. */
export function selfEvaluationPeriod(request: Pick<SelfEvaluationRequest, 'score' | 'year' | 'nodeLabel'>): string {
  const { score, year, nodeLabel } = request
  return score.mode === 'yearEnd'
    ? `${year}年度 · 年度自评`
    : `${year}年度 · ${SCORE_MODE_LABELS.projected}（截至${nodeLabel}）`
}

/** '且末县自然资源局2021年度部门整体支出绩效自评表.xlsx'; mid-year with the node: '…（按当前进度预计，2021年1-6月）.xlsx'. */
export function selfEvaluationFileName(
  request: Pick<SelfEvaluationRequest, 'score' | 'year' | 'nodeLabel' | 'unitName'>,
): string {
  const { score, year, nodeLabel, unitName } = request
  const tail = score.mode === 'yearEnd' ? '' : `（${SCORE_MODE_LABELS.projected}，${nodeLabel}）`
  return `${unitName}${year}年度部门整体支出绩效自评表${tail}.xlsx`.replace(/[\\/:*?"<>|]/g, '_')
}

/** What a reading shows in 指标值/完成情况: its value, or why there is none. */
function valueText(reading: MetricReading, precision: number): string {
  return reading.status === 'value' ? metricValueText(reading.value, precision) : reading.reason
}

/** 指标值/完成情况 of an item: its value; each indicator of an indicators item; each part of a 分项合计 item. */
function itemValueText(item: ItemScore, precision: number, places: number): string {
  if (item.parts.length) {
    return item.parts
      .map((p, i) => `${i + 1}.${p.name}：${valueText(p.reading, precision)}，得${formatNumber(p.points, places)}分`)
      .join('\n')
  }
  if (item.indicators.length || item.pendingIndicators.length) {
    const lines = item.indicators.map((part) => {
      const rate = part.rate ? formatPercent(part.rate, precision) : '未填报'
      return `${part.name}：${rate}，得${formatNumber(part.points, places)}分`
    })
    const pending = item.pendingIndicators.length ? [`另有 ${item.pendingIndicators.length} 项指标未到评价时点`] : []
    return [...lines, ...pending].join('\n')
  }
  if (item.reading === null) return ''
  const text = valueText(item.reading, precision)
  return item.months && item.reading.status === 'value' && item.months.used.length
    ? `${text}（${monthListText(item.months.used)}平均）`
    : text
}

/** 备注: the unit's remark; without one, why the item (or a part) could not be scored. */
function remarkText(item: ItemScore, remarks: Readonly<Record<string, string>> | null | undefined): string {
  const own = remarks?.[item.itemId]?.trim()
  if (own) return own
  const missing = [item.reading, ...item.parts.map((p) => p.reading)]
    .filter((r): r is Extract<MetricReading, { status: 'missing' }> => r !== null && r.status === 'missing')
    .map((r) => r.message)
  return missing.length ? `${missing.join('；')}，暂计 0 分。` : ''
}

/** Runs of consecutive items with the same key: [first, last] indexes. */
function runs(items: readonly ItemScore[], key: (item: ItemScore) => string): [number, number][] {
  const out: [number, number][] = []
  items.forEach((item, i) => {
    const last = out[out.length - 1]
    if (last && i > 0 && key(items[i - 1] as ItemScore) === key(item)) last[1] = i
    else out.push([i, i])
  })
  return out
}

/** Each grade with its range, best first, the one reached ticked: '√优  90分≤得分≤100分；  □良  80分≤得分＜90分 …'. */
export function gradeLine(grades: readonly GradeBound[], reached: string | null): string {
  return grades
    .map((grade, i) => {
      const above = grades[i - 1]?.min
      const min = grade.min
      const range =
        i === 0
          ? `${min}分≤得分≤100分`
          : /^0*(\.0*)?$/.test(min.trim())
            ? `得分＜${above}分`
            : `${min}分≤得分＜${above}分`
      return `${grade.label === reached ? '√' : '□'}${grade.label}  ${range}`
    })
    .join('；  ')
}

function mergeRow(
  sheet: Worksheet,
  row: number,
  text: string,
  font: Partial<Font>,
  alignment: Partial<Alignment>,
): void {
  sheet.mergeCells(row, 1, row, LAST_COLUMN)
  const cell = sheet.getCell(row, 1)
  setText(cell, text)
  cell.font = font
  cell.alignment = alignment
}

function writeHeader(sheet: Worksheet, request: SelfEvaluationRequest): void {
  mergeRow(sheet, 1, '部门整体支出绩效自评表', FONTS.title, CENTER)
  sheet.getRow(1).height = 32
  mergeRow(sheet, 2, `（${selfEvaluationPeriod(request)}）`, FONTS.subtitle, CENTER)
  sheet.getRow(2).height = 22
  mergeRow(sheet, 3, `部门名称：${request.unitName}\u3000\u3000评分方案：${request.score.schemeName}`, FONTS.body, LEFT)
  sheet.getRow(3).height = 20
  const header = sheet.getRow(HEADER_ROW)
  COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1)
    const projected = request.score.mode === 'projected' && column.header === '得分'
    setText(cell, projected ? '预计得分' : column.header)
    cell.font = FONTS.header
    cell.alignment = CENTER
    cell.border = BORDER
  })
  header.height = 32
}

function writeItems(sheet: Worksheet, request: SelfEvaluationRequest, places: number): number {
  const { score, scheme, precision } = request
  const explanations = new Map(scheme.items.map((item) => [item.id, item.explanation ?? '']))
  const first = HEADER_ROW + 1
  score.items.forEach((item, i) => {
    const row = sheet.getRow(first + i)
    const texts: [number, string][] = [
      [1, item.level1],
      [3, item.level2],
      [5, item.level3],
      [7, explanations.get(item.itemId) ?? ''],
      [8, item.ruleText],
      [9, itemValueText(item, precision, places)],
      [11, remarkText(item, request.remarks)],
    ]
    for (const [column, text] of texts) {
      const cell = row.getCell(column)
      setText(cell, text)
      cell.font = FONTS.body
      cell.alignment = column <= 5 ? CENTER : LEFT
    }
    setNumber(row.getCell(6), item.weight, places)
    setNumber(row.getCell(10), item.points, places)
    for (let c = 1; c <= LAST_COLUMN; c++) row.getCell(c).border = BORDER
    row.height = heightFor(
      texts.map(([column, text]) => ({ text, width: COLUMNS[column - 1]?.width ?? 10 })),
      FONTS.body.size,
    )
  })
  // the groups: 一级 (A, B) and 二级 within it (C, D), each with the Σ of its items' weights
  const groups: [(item: ItemScore) => string, number][] = [
    [(item) => item.level1, 1],
    [(item) => `${item.level1}\u0001${item.level2}`, 3],
  ]
  for (const [key, column] of groups) {
    for (const [from, to] of runs(score.items, key)) {
      const weight = sum(score.items.slice(from, to + 1).map((item) => item.weight))
      setNumber(sheet.getCell(first + from, column + 1), weight, places)
      if (to > from) {
        sheet.mergeCells(first + from, column, first + to, column)
        sheet.mergeCells(first + from, column + 1, first + to, column + 1)
      }
    }
  }
  return first + score.items.length
}

function notes(request: SelfEvaluationRequest): string {
  const { score } = request
  const lines: string[] = []
  if (score.mode === 'projected') {
    const months = score.items.find((item) => item.months !== null)?.months
    const average = months?.used.length ? `年度平均执行率按已填报的${monthListText(months.used)}计算；` : ''
    lines.push(
      `${SCORE_MODE_LABELS.projected}（截至${request.nodeLabel}）：${average}绩效指标按全年预计完成值（未填的按截至本节点的完成情况）计分；管理指标按已填报的数计分。`,
    )
  }
  if (score.unread) lines.push(`${score.unread} 项尚未填报或尚无数据，暂计 0 分，见备注。`)
  lines.push('本表金额单位为万元；得分按评分方案逐项四舍五入后合计。')
  return `注：${lines.join('')}`
}

function writeTotals(sheet: Worksheet, request: SelfEvaluationRequest, row: number, places: number): void {
  const { score, scheme } = request
  sheet.mergeCells(row, 1, row, 5)
  sheet.mergeCells(row, 7, row, 9)
  const total = sheet.getRow(row)
  setText(total.getCell(1), '总分')
  total.getCell(1).font = FONTS.header
  total.getCell(1).alignment = CENTER
  setNumber(total.getCell(6), score.max, places)
  setNumber(total.getCell(10), score.total, places)
  const normalized =
    toDecimalString(score.max) === '100' ? '' : `折算为百分制 ${formatNumber(score.normalized, places)} 分`
  setText(total.getCell(7), normalized)
  total.getCell(7).font = FONTS.body
  total.getCell(7).alignment = CENTER
  for (let c = 1; c <= LAST_COLUMN; c++) total.getCell(c).border = BORDER
  total.height = 24

  sheet.mergeCells(row + 1, 1, row + 1, 5)
  sheet.mergeCells(row + 1, 6, row + 1, LAST_COLUMN)
  const grade = sheet.getRow(row + 1)
  setText(grade.getCell(1), '评价等级')
  grade.getCell(1).font = FONTS.header
  grade.getCell(1).alignment = CENTER
  setText(grade.getCell(6), gradeLine(scheme.grades, score.grade))
  grade.getCell(6).font = FONTS.body
  grade.getCell(6).alignment = LEFT
  for (let c = 1; c <= LAST_COLUMN; c++) grade.getCell(c).border = BORDER
  grade.height = 24

  mergeRow(sheet, row + 2, notes(request), FONTS.body, LEFT)
  sheet.getRow(row + 2).height = 36
}

/** The 自评表 as .xlsx bytes. */
export async function selfEvaluationBytes(request: SelfEvaluationRequest): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = request.unitName
  workbook.title = `${request.unitName}部门整体支出绩效自评表`
  const sheet = workbook.addWorksheet(SELF_EVALUATION_SHEET)
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }))
  const places = request.scheme.rounding.places
  writeHeader(sheet, request)
  const totalRow = writeItems(sheet, request, places)
  writeTotals(sheet, request, totalRow, places)
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }]
  sheet.pageSetup = {
    ...LANDSCAPE_PAGE,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer
}
