/**
 * The 监控表 (docs/domain-rules.md §13.5): the budget block and the indicator table, built from the node snapshot. The
 * report's Word tables and the .xlsx export are both laid out from these rows, so a figure in the
 * report and the same figure in the 监控表 are one string formatted once.
 */
import {
  decimalOrZero,
  formatAmount,
  formatPercent,
  parseDecimal,
  roundForDisplay,
  sum,
  toDecimalString,
} from '../decimal'
import type { Dec } from '../decimal'
import { dateWords, LIGHT_WORDS } from './words'
import type { NodeSnapshot, SnapshotIndicator } from '../snapshot'
import { actualText, MISSING_TEXT, NOT_DUE_TEXT } from '../indicatorText'
import { CATEGORY_LABELS } from '../rates'
import type { BudgetFigures } from '../rates'
import type { BudgetLine, BudgetLineJudgement, CorrectiveMeasure, ExpenseCategory, Id, UnitYearDataset } from '../types'
import type { ReportTable, TableCell, TableRow } from './model'

const EMPTY: TableCell = { text: '' }

export function textCell(text: string): TableCell {
  return { text }
}

/** An amount in 万元 with two decimals; the value is the rounded amount, so Excel shows the same. */
export function amountCell(value: Dec | null): TableCell {
  if (value === null) return EMPTY
  const rounded = roundForDisplay(value, 2)
  return { text: formatAmount(rounded, 2), value: toDecimalString(rounded), format: 'amount' }
}

/** A rate (fraction) as a percent with `places` decimals; the value is the rounded fraction. */
export function percentCell(rate: Dec | null, places: number): TableCell {
  if (rate === null) return { text: '—' }
  const rounded = roundForDisplay(rate, places + 2)
  return { text: formatPercent(rounded, places), value: toDecimalString(rounded), format: 'percent', places }
}

/** A number as entered ('15', '28.88'); anything else stays text. */
export function numberCell(value: string | undefined): TableCell {
  const parsed = parseDecimal(value)
  if (parsed === null) return textCell(value ?? '')
  return { text: parsed.toFixed(), value: toDecimalString(parsed), format: 'number' }
}

/** 1-6月 style column title for the node's cumulative execution. */
export function executionColumnTitle(month: number): string {
  return month === 1 ? '1月执行数' : `1-${month}月执行数`
}

interface BudgetRowInput {
  label: string
  fundSource: string
  initial: Dec
  figures: BudgetFigures
  forecast: Dec | null
  emphasis?: boolean
}

function budgetRow(row: BudgetRowInput, places: number): TableRow {
  return {
    emphasis: row.emphasis,
    cells: [
      textCell(row.label),
      textCell(row.fundSource),
      amountCell(row.initial),
      amountCell(row.figures.adjustedBudget),
      amountCell(row.figures.allocated),
      amountCell(row.figures.spent),
      percentCell(row.figures.executionRate, places),
      amountCell(row.forecast),
    ],
  }
}

/** Σ of the lines' 全年预计执行数, or null unless every line has one (a partial sum would mislead). */
function forecastOf(lines: readonly BudgetLine[], judgements: ReadonlyMap<Id, BudgetLineJudgement>): Dec | null {
  const values = lines.map((l) => parseDecimal(judgements.get(l.id)?.yearEndForecast))
  if (values.length === 0 || values.some((v) => v === null)) return null
  return sum(values as Dec[])
}

function initialOf(lines: readonly BudgetLine[]): Dec {
  return sum(lines.map((l) => decimalOrZero(l.initialBudget)))
}

export function budgetTable(dataset: UnitYearDataset, snapshot: NodeSnapshot, places: number): ReportTable {
  const judgements = new Map(
    dataset.budgetJudgements.filter((j) => j.nodeId === snapshot.node.id).map((j) => [j.budgetLineId, j]),
  )
  const lines = snapshot.budget.byLine
  const all = lines.map((l) => l.line)
  const rows: TableRow[] = [
    budgetRow(
      {
        label: '合计',
        fundSource: '',
        initial: initialOf(all),
        figures: snapshot.budget.unit,
        forecast: forecastOf(all, judgements),
        emphasis: true,
      },
      places,
    ),
  ]
  for (const group of snapshot.budget.byCategory) {
    const category = group.key as ExpenseCategory
    const members = lines.filter((l) => l.line.category === category)
    rows.push(
      budgetRow(
        {
          label: CATEGORY_LABELS[category],
          fundSource: '',
          initial: initialOf(members.map((m) => m.line)),
          figures: group.figures,
          forecast: forecastOf(
            members.map((m) => m.line),
            judgements,
          ),
          emphasis: true,
        },
        places,
      ),
    )
    for (const { line, figures } of members) {
      rows.push(
        budgetRow(
          {
            label: `\u3000${line.name}`,
            fundSource: line.fundSource,
            initial: decimalOrZero(line.initialBudget),
            figures,
            forecast: parseDecimal(judgements.get(line.id)?.yearEndForecast),
            emphasis: false,
          },
          places,
        ),
      )
    }
  }
  for (const group of snapshot.budget.byFundSource) {
    const members = all.filter((l) => l.fundSource === group.key)
    rows.push(
      budgetRow(
        {
          label: '资金来源小计',
          fundSource: group.label,
          initial: initialOf(members),
          figures: group.figures,
          forecast: forecastOf(members, judgements),
          emphasis: false,
        },
        places,
      ),
    )
  }
  return {
    title: `${snapshot.label}预算执行情况表（单位：万元）`,
    header: [
      '预算项目',
      '资金来源',
      '年初预算',
      '调整后预算',
      '到位资金',
      executionColumnTitle(snapshot.month),
      '执行率',
      '全年预计执行数',
    ],
    rows,
    widths: [26, 11, 11, 11, 11, 11, 9, 11],
  }
}

/** Measures answering an indicator's alerts (measures point at alerts, alerts at their subject). */
function measuresByIndicator(dataset: UnitYearDataset, nodeId: Id): Map<Id, CorrectiveMeasure[]> {
  const alertSubject = new Map(
    dataset.alerts.filter((a) => a.nodeId === nodeId && a.subjectType === 'indicator').map((a) => [a.id, a.subjectId]),
  )
  const out = new Map<Id, CorrectiveMeasure[]>()
  for (const m of dataset.measures) {
    if (m.nodeId !== nodeId || !m.alertId) continue
    const subject = alertSubject.get(m.alertId)
    if (!subject) continue
    out.set(subject, [...(out.get(subject) ?? []), m])
  }
  return out
}

/** '其他：建设项目前期手续办理周期长…' */
export function deviationCauseText(row: SnapshotIndicator): string {
  const causes = row.reading?.deviationCauses ?? []
  const text = row.reading?.deviationText.trim() ?? ''
  if (causes.length === 0) return text
  return text ? `${causes.join('、')}：${text}` : causes.join('、')
}

function noteOf(row: SnapshotIndicator): string {
  const c = row.assessment.completion
  if (c.status === 'notDue') return row.indicator.dueDate ? `${dateWords(row.indicator.dueDate)}后可衡量` : NOT_DUE_TEXT
  if (c.status === 'missing') return MISSING_TEXT
  if (c.status === 'invalid') return c.message
  return ''
}

function completionCell(row: SnapshotIndicator, places: number): TableCell {
  const c = row.assessment.completion
  switch (c.status) {
    case 'rate':
      return percentCell(c.rate, places)
    case 'notDue':
      return textCell(NOT_DUE_TEXT)
    case 'missing':
      return textCell(MISSING_TEXT)
    case 'invalid':
      return textCell('—')
  }
}

function actualCell(row: SnapshotIndicator): TableCell {
  const text = actualText(row.indicator, row.reading, row.assessment.completion)
  const value = row.reading?.actualValue
  if (
    row.indicator.operator !== '定性' &&
    !row.reading?.actualLabel &&
    row.assessment.completion.status !== 'notDue' &&
    parseDecimal(value)
  ) {
    return numberCell(value)
  }
  return textCell(text)
}

/** The indicators of the report, in report order: 整体 first, then each project's. */
export function reportIndicators(snapshot: NodeSnapshot): SnapshotIndicator[] {
  return snapshot.indicators
}

export function indicatorTable(dataset: UnitYearDataset, snapshot: NodeSnapshot, places: number): ReportTable {
  const measures = measuresByIndicator(dataset, snapshot.node.id)
  const projectNames = new Map(dataset.projects.map((p) => [p.id, p.name]))
  const rows = reportIndicators(snapshot).map((row): TableRow => {
    const ind = row.indicator
    const target =
      ind.operator === '定性' || ind.targetLabel
        ? textCell(ind.targetLabel ?? ind.targetValue)
        : numberCell(ind.targetValue)
    const forecast = row.reading?.yearEndForecast
    const scope = row.projectId ? (projectNames.get(row.projectId) ?? '项目') : '整体'
    const light = row.assessment.light
    return {
      cells: [
        textCell(scope),
        textCell(row.level1),
        textCell(row.level2),
        textCell(ind.name),
        textCell(ind.operator),
        textCell(ind.measureUnit),
        target,
        actualCell(row),
        completionCell(row, places),
        { text: LIGHT_WORDS[light], light },
        ind.operator === '定性' ? textCell(forecast ?? '') : numberCell(forecast),
        textCell(row.reading?.likelihood ?? ''),
        textCell(deviationCauseText(row)),
        textCell((measures.get(ind.id) ?? []).map((m) => m.content).join('；')),
        textCell(noteOf(row)),
      ],
    }
  })
  return {
    title: `${snapshot.label}绩效目标监控表`,
    header: [
      '绩效目标',
      '一级指标',
      '二级指标',
      '三级指标',
      '计算符号',
      '计量单位',
      '年度指标值',
      '当前完成值',
      '完成率',
      '预警',
      '全年预计',
      '完成可能性',
      '偏差原因',
      '纠偏措施',
      '备注',
    ],
    rows,
    widths: [8, 8, 9, 18, 6, 6, 9, 9, 8, 6, 8, 8, 20, 16, 10],
  }
}

/**
 * The columns worth printing: drops a column empty in every row (纠偏措施 when no measure answers an
 * alert) and 绩效目标 when every row is 整体. The .xlsx keeps all columns (the 监控表's full layout).
 */
export function visibleColumns(table: ReportTable): number[] {
  return table.header
    .map((_, i) => i)
    .filter((i) => {
      const values = new Set(table.rows.map((r) => r.cells[i]?.text ?? ''))
      if (table.header[i] === '绩效目标') return !(values.size === 1 && values.has('整体'))
      return !(values.size === 1 && values.has(''))
    })
}
