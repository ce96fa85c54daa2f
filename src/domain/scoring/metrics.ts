/**
 * Reading an item's metric (docs/domain-rules.md §11.2) from the context: the average monthly 通报 rate,
 * a budget ratio, or an entered input. Something absent is said, never taken as 0: 未填报 (the unit has
 * not entered it), 尚无数据 (the data cannot give it yet), 填报有误 (what was entered cannot be read).
 */
import { D, parseDecimal } from '../decimal'
import type { Dec } from '../decimal'
import { DEFAULT_QUALITATIVE_PERCENT, QUALITATIVE_BANDS } from '../completion'
import type { MonthlyExecutionAverage } from '../rates'
import type { EnteredValue, ManagementInputs, MonthNumber, QualitativeGrade, ScoringFinding } from '../types'
import type { ScoringIndicator } from './indicators'
import { BUDGET_QUANTITY_LABELS, isDataQuantity } from './scheme'
import type { BudgetQuantity, DataQuantity, Metric } from './scheme'

/** Everything a scheme reads for one unit at one node. */
export interface SchemeContext {
  /** the node's month: 12 scores the year (年末), earlier months project it (按当前进度预计) */
  month: MonthNumber
  /** the unit's 整体 indicators */
  indicators: readonly ScoringIndicator[]
  /** the average monthly 通报 rate (rates.averageMonthlyExecutionRate); null: no execution data */
  monthlyAverage: MonthlyExecutionAverage | null
  /** the unit's budget at the node; null: no budget data */
  budget: Readonly<Record<DataQuantity, Dec>> | null
  /** the unit-year's 管理指标填报; null: none entered */
  inputs: ManagementInputs | null
}

export type MissingReason = '未填报' | '尚无数据' | '填报有误'

/** A metric's value as read (numbers already rounded by the scheme's policy before any rule sees them). */
export type MetricValue =
  /** `percent`: a rate kept as a fraction (0.956 = 95.6%) */
  | { kind: 'number'; value: Dec; percent: boolean; unit: string }
  | { kind: 'yesNo'; value: boolean }
  | { kind: 'category'; value: string }
  | { kind: 'findings'; findings: readonly ScoringFinding[] }
  /** `percent` in percent points (85 = 85%), the given one or the grade's default */
  | { kind: 'judgement'; grade: QualitativeGrade; percent: Dec }
  /** an indicators item: how many indicators scored, and how many wait for their due date */
  | { kind: 'indicators'; scored: number; pending: number }

export type MetricReading =
  { status: 'value'; value: MetricValue } | { status: 'missing'; reason: MissingReason; message: string }

export const missing = (reason: MissingReason, message: string): MetricReading => ({
  status: 'missing',
  reason,
  message,
})
const value = (v: MetricValue): MetricReading => ({ status: 'value', value: v })
const percentValue = (v: Dec): MetricReading => value({ kind: 'number', value: v, percent: true, unit: '%' })

/** The average monthly 通报 rate, or why there is none (no reported month, or only December). */
export function readMonthlyExecution(average: MonthlyExecutionAverage | null): MetricReading {
  if (average === null) return missing('尚无数据', '尚无月度执行数据')
  if (average.average !== null) return percentValue(average.average)
  return average.gap === 'onlyDecember'
    ? missing('尚无数据', '只有12月的执行数据，无法计算年度平均执行率')
    : missing('尚无数据', '尚无完整填报的月份，无法计算年度平均执行率')
}

function quantityOf(quantity: BudgetQuantity, context: SchemeContext): { ok: true; value: Dec } | MetricReading {
  const label = BUDGET_QUANTITY_LABELS[quantity] ?? String(quantity)
  if (isDataQuantity(quantity)) {
    const figure = context.budget?.[quantity]
    return figure ? { ok: true, value: figure } : missing('尚无数据', `尚无${label}数据`)
  }
  const text = context.inputs?.amounts[quantity]
  if (text === undefined || !String(text).trim()) return missing('未填报', `${label}未填报`)
  const parsed = parseDecimal(text)
  return parsed === null ? missing('填报有误', `${label}「${text}」不是有效数字`) : { ok: true, value: parsed }
}

/** numerator ÷ denominator, or (numerator − denominator) ÷ denominator; a zero denominator has no ratio. */
export function readBudgetRatio(
  metric: Extract<Metric, { kind: 'budgetRatio' }>,
  context: SchemeContext,
): MetricReading {
  const numerator = quantityOf(metric.numerator, context)
  if (!('ok' in numerator)) return numerator
  const denominator = quantityOf(metric.denominator, context)
  if (!('ok' in denominator)) return denominator
  if (denominator.value.isZero()) {
    return missing('尚无数据', `${BUDGET_QUANTITY_LABELS[metric.denominator] ?? metric.denominator}为0，无法计算比率`)
  }
  const top = metric.basis === 'change' ? numerator.value.minus(denominator.value) : numerator.value
  return percentValue(top.div(denominator.value))
}

/** An entered input under `key`, of the kind the metric asks for. */
export function readEntered(
  metric: Extract<Metric, { kind: 'entered' }>,
  key: string,
  label: string,
  context: SchemeContext,
): MetricReading {
  const entered: EnteredValue | undefined = context.inputs?.entries[key]
  if (entered === undefined) return missing('未填报', `${label}未填报`)
  if (entered.kind !== metric.input) return missing('填报有误', `${label}的填报方式与评分方案不符`)
  switch (entered.kind) {
    case 'number': {
      const parsed = parseDecimal(entered.value)
      if (parsed === null) return missing('填报有误', `${label}「${entered.value}」不是有效数字`)
      const unit = metric.unit ?? ''
      return value({ kind: 'number', value: parsed, percent: unit === '%', unit })
    }
    case 'yesNo':
      return value({ kind: 'yesNo', value: entered.value })
    case 'category':
      return value({ kind: 'category', value: entered.value })
    case 'findings':
      return value({ kind: 'findings', findings: entered.findings })
    case 'judgement':
      return readJudgement(entered, label)
  }
}

function readJudgement(entered: Extract<EnteredValue, { kind: 'judgement' }>, label: string): MetricReading {
  const { grade } = entered
  if (!Object.hasOwn(QUALITATIVE_BANDS, grade)) return missing('填报有误', `${label}的评判等级「${grade}」无效`)
  const text = entered.percent?.trim()
  // without a percent, the same defaults as an indicator's 定性 grade (docs/domain-rules.md §5.4): 100, 70, 30
  if (!text) return value({ kind: 'judgement', grade, percent: new D(DEFAULT_QUALITATIVE_PERCENT[grade]) })
  const percent = parseDecimal(text)
  if (percent === null) return missing('填报有误', `${label}的百分比「${text}」不是有效数字`)
  return value({ kind: 'judgement', grade, percent })
}
