/**
 * `scoreScheme`: a scheme's 100-point table scored for one unit at one node (docs/domain-rules.md §11.8).
 * Each item reads its metric, its rule gives points, the points are held within [0, 分值] and rounded
 * per item (§11.6); the total is the sum of the rounded items and the grade is taken on it (§11.7).
 */
import { D, parseDecimal, sum } from '../decimal'
import type { Dec } from '../decimal'
import type { CompletionResult } from '../completion'
import type { Id, MonthNumber } from '../types'
import { scoringCompletion, scoresAsJudged } from './indicators'
import type { ScoringIndicator } from './indicators'
import { missing, readBudgetRatio, readEntered, readMonthlyExecution } from './metrics'
import type { MetricReading, SchemeContext } from './metrics'
import { DEFAULT_ROUNDING, roundMetricValue, roundPoints, withinWeight } from './rounding'
import { itemRuleText, ruleText } from './ruleText'
import { rulePoints } from './rules'
import { inputKey } from './scheme'
import type {
  GradeBound,
  Metric,
  RoundingPolicy,
  SchemeItem,
  SchemePart,
  ScoringSchemeDefinition,
  SimpleRule,
} from './scheme'

/** 按当前进度预计 before 1-12月; 年末得分 at 1-12月. */
export type ScoreMode = 'projected' | 'yearEnd'

export const SCORE_MODE_LABELS: Readonly<Record<ScoreMode, string>> = {
  projected: '按当前进度预计',
  yearEnd: '年末得分',
}

/** One indicator of an indicators item: its share of the item's weight and what it scores. */
export interface IndicatorPartScore {
  indicatorId: Id
  name: string
  /** its share of the item's 分值 */
  weight: Dec
  /** the completion scored (`scoringCompletion`: a cost ceiling as a ceiling) */
  completion: CompletionResult
  /** the rate the rule read, rounded by the scheme; null without one */
  rate: Dec | null
  /** exact: the item, not each indicator, is rounded */
  points: Dec
}

export interface PartScore {
  partId: string
  name: string
  weight: Dec
  reading: MetricReading
  /** rounded like an item, so the parts shown add up to the item */
  points: Dec
  ruleText: string
}

export interface ItemScore {
  itemId: string
  level1: string
  level2: string
  level3: string
  weight: Dec
  /** the metric's value, or why there is none; null for a parts item (see `parts`) */
  reading: MetricReading | null
  /** within [0, weight], rounded by the scheme */
  points: Dec
  /** weight − points */
  lost: Dec
  ruleText: string
  /** the monthly-average item: the months averaged and the months left out */
  months: { used: MonthNumber[]; skipped: MonthNumber[] } | null
  parts: PartScore[]
  /** an indicator item: each indicator scored */
  indicators: IndicatorPartScore[]
  /** an indicator item: indicators not yet due, left out until they can be measured */
  pendingIndicators: Id[]
  /** an indicators item where some indicators carry a 分值: those without one take no part */
  unweightedIndicators: Id[]
}

export interface SchemeScore {
  schemeId: string
  schemeName: string
  mode: ScoreMode
  month: MonthNumber
  items: ItemScore[]
  /** Σ of the rounded item points */
  total: Dec
  /** Σ 分值 */
  max: Dec
  /** the total on 100 points: the total itself when the weights add up to 100 */
  normalized: Dec
  /** taken on `normalized`; null when nothing carries a weight */
  grade: string | null
  /** items whose metric could not be read (未填报, 尚无数据, 填报有误): they score 0 */
  unread: number
}

const ZERO = new D(0)

/** a weight as a positive Decimal; anything else weighs 0 (schemeProblems names it) */
export function weightOf(text: string | undefined): Dec {
  const weight = parseDecimal(text)
  return weight !== null && weight.gt(0) ? weight : ZERO
}

interface Scored {
  reading: MetricReading
  points: Dec
  months: ItemScore['months']
  indicators: IndicatorPartScore[]
  pendingIndicators: Id[]
  unweightedIndicators: Id[]
}

const plain = (reading: MetricReading, points: Dec = ZERO): Scored => ({
  reading,
  points,
  months: null,
  indicators: [],
  pendingIndicators: [],
  unweightedIndicators: [],
})

/** A number, yes/no, category, finding or judgement metric through its rule. */
function throughRule(reading: MetricReading, rule: SimpleRule, weight: Dec, policy: RoundingPolicy): Scored {
  if (reading.status !== 'value') return plain(reading)
  const value =
    reading.value.kind === 'number'
      ? { ...reading.value, value: roundMetricValue(reading.value.value, reading.value.percent, policy) }
      : reading.value
  const outcome = rulePoints(rule, value, weight)
  if (!outcome.ok) return plain(missing('填报有误', outcome.message))
  return plain({ status: 'value', value }, roundPoints(withinWeight(outcome.points, weight), policy))
}

/** One metric and rule on `weight` (an item, or a part of one). */
function scoreMetric(
  metric: Metric | null,
  rule: SimpleRule,
  weight: Dec,
  key: string,
  label: string,
  context: SchemeContext,
  policy: RoundingPolicy,
): Scored {
  switch (metric?.kind) {
    case 'indicator':
    case 'indicators':
      return scoreIndicators(metric, rule, weight, context.indicators, policy)
    case 'monthlyExecution': {
      const average = context.monthlyAverage
      const scored = throughRule(readMonthlyExecution(average), rule, weight, policy)
      const used = average?.average ? average.months : []
      return { ...scored, months: average ? { used, skipped: average.skippedMonths } : null }
    }
    case 'budgetRatio':
      return throughRule(readBudgetRatio(metric, context), rule, weight, policy)
    case 'entered':
      return throughRule(readEntered(metric, key, metric.label?.trim() || label, context), rule, weight, policy)
    default:
      return plain(missing('填报有误', '此项没有设置评分指标'))
  }
}

/**
 * The indicator an 指标完成率 item reads: the one with its id; when none has it, the one with that name.
 * A scheme read from a file without the unit's indicators keeps the 指标名称 written in the file as the
 * id (io/scoring/schemeWorkbook), and would otherwise never find its indicator. A name two indicators
 * share picks neither (`ambiguous`): the item says so rather than scoring the wrong one.
 */
function indicatorOfItem(
  indicatorId: Id,
  rows: readonly ScoringIndicator[],
): { rows: ScoringIndicator[]; ambiguous: boolean } {
  const byId = rows.filter((row) => row.indicator.id === indicatorId)
  if (byId.length) return { rows: byId, ambiguous: false }
  const name = indicatorId.trim()
  const byName = name ? rows.filter((row) => row.indicator.name.trim() === name) : []
  return byName.length > 1 ? { rows: [], ambiguous: true } : { rows: byName, ambiguous: false }
}

/** the indicators an item reads, not-yet-due ones apart */
function selectIndicators(
  metric: Extract<Metric, { kind: 'indicator' | 'indicators' }>,
  rows: readonly ScoringIndicator[],
): ScoringIndicator[] {
  if (metric.kind === 'indicator') return indicatorOfItem(metric.indicatorId, rows).rows
  const level1 = metric.level1?.length ? new Set(metric.level1.map((name) => name.trim())) : null
  return rows.filter((row) => !level1 || level1.has(row.indicator.level1.trim()))
}

/**
 * Each indicator's share of the item's weight: by its own 分值 when any indicator has one (those
 * without take no part), else equal (seed 001 gives none; docs/domain-rules.md §11.5). One indicator
 * read by id takes the whole weight.
 */
function shares(
  rows: readonly ScoringIndicator[],
  weight: Dec,
  byId: boolean,
): { shared: { row: ScoringIndicator; share: Dec }[]; unweighted: Id[] } {
  if (byId) return { shared: rows.map((row) => ({ row, share: weight })), unweighted: [] }
  const own = rows.map((row) => ({ row, own: parseDecimal(row.indicator.weight) }))
  const weighted = own.flatMap((o) => (o.own !== null && !o.own.isNegative() ? [{ row: o.row, own: o.own }] : []))
  const total = sum(weighted.map((o) => o.own))
  if (total.gt(0)) {
    return {
      shared: weighted.map((o) => ({ row: o.row, share: o.own.times(weight).div(total) })),
      unweighted: own.filter((o) => o.own === null || o.own.isNegative()).map((o) => o.row.indicator.id),
    }
  }
  const equal = rows.length ? weight.div(rows.length) : ZERO
  return { shared: rows.map((row) => ({ row, share: equal })), unweighted: [] }
}

/**
 * An indicator's points on its share: 定性 at its graded percent (within its band); any other through
 * the item's rule, read at the item's weight and scaled to the share, so a rule's fixed points
 * (得2分) stay in proportion. A missing or invalid completion scores 0.
 */
function indicatorPart(
  row: ScoringIndicator,
  share: Dec,
  rule: SimpleRule,
  weight: Dec,
  policy: RoundingPolicy,
): IndicatorPartScore {
  const completion = scoringCompletion(row)
  const part = { indicatorId: row.indicator.id, name: row.indicator.name, weight: share, completion }
  if (completion.status !== 'rate' || !weight.gt(0)) return { ...part, rate: null, points: ZERO }
  const rate = roundMetricValue(completion.rate, true, policy)
  let fraction: Dec
  if (scoresAsJudged(row.indicator)) fraction = D.min(rate, 1)
  else {
    const outcome = rulePoints(rule, { kind: 'number', value: rate, percent: true, unit: '%' }, weight)
    fraction = outcome.ok ? withinWeight(outcome.points, weight).div(weight) : ZERO
  }
  return { ...part, rate, points: withinWeight(fraction.times(share), share) }
}

/** One indicator scored alone on `weight` under `rule`, rounded: the per-indicator preview (`scoreIndicator`). */
export function indicatorPoints(
  row: ScoringIndicator,
  rule: SimpleRule,
  weight: Dec,
  policy: RoundingPolicy = DEFAULT_ROUNDING,
): Dec {
  return roundPoints(indicatorPart(row, weight, rule, weight, policy).points, policy)
}

function indicatorReading(part: IndicatorPartScore, indicatorId: Id): MetricReading {
  const c = part.completion
  if (c.status === 'rate')
    return { status: 'value', value: { kind: 'number', value: part.rate ?? c.rate, percent: true, unit: '%' } }
  if (c.status === 'missing') return missing('未填报', `指标「${part.name}」未填报实际完成值`)
  if (c.status === 'invalid') return missing('填报有误', c.message)
  return missing('尚无数据', `指标「${part.name || indicatorId}」未到评价时点`)
}

function scoreIndicators(
  metric: Extract<Metric, { kind: 'indicator' | 'indicators' }>,
  rule: SimpleRule,
  weight: Dec,
  rows: readonly ScoringIndicator[],
  policy: RoundingPolicy,
): Scored {
  const selected = selectIndicators(metric, rows)
  const pending = selected.filter((row) => row.completion.status === 'notDue')
  const due = selected.filter((row) => row.completion.status !== 'notDue')
  const { shared, unweighted } = shares(due, weight, metric.kind === 'indicator')
  const parts = shared.map(({ row, share }) => indicatorPart(row, share, rule, weight, policy))
  const points = roundPoints(withinWeight(sum(parts.map((p) => p.points)), weight), policy)
  const base = {
    months: null,
    indicators: parts,
    pendingIndicators: pending.map((r) => r.indicator.id),
    unweightedIndicators: unweighted,
  }
  const first = parts[0]
  if (metric.kind === 'indicator') {
    if (first) return { ...base, reading: indicatorReading(first, metric.indicatorId), points }
    let reading: MetricReading
    if (pending.length) reading = missing('尚无数据', '指标未到评价时点')
    else if (indicatorOfItem(metric.indicatorId, rows).ambiguous)
      reading = missing('填报有误', `有多个名为「${metric.indicatorId.trim()}」的指标，无法确定评分所用的指标`)
    else reading = missing('尚无数据', `未找到指标（${metric.indicatorId}）`)
    return { ...base, reading, points }
  }
  if (!first) {
    const reading = pending.length
      ? missing('尚无数据', `${pending.length} 项指标均未到评价时点`)
      : missing('尚无数据', '没有可计分的绩效指标')
    return { ...base, reading, points }
  }
  return {
    ...base,
    reading: { status: 'value', value: { kind: 'indicators', scored: parts.length, pending: pending.length } },
    points,
  }
}

function scorePart(item: SchemeItem, part: SchemePart, context: SchemeContext, policy: RoundingPolicy): PartScore {
  const weight = weightOf(part.weight)
  const scored = scoreMetric(part.metric, part.rule, weight, inputKey(item.id, part.id), part.name, context, policy)
  return {
    partId: part.id,
    name: part.name,
    weight,
    reading: scored.reading,
    points: scored.points,
    ruleText: part.ruleText?.trim() || ruleText(part.rule, part.metric, part.name),
  }
}

/** One item of the table scored. */
export function scoreItem(
  item: SchemeItem,
  context: SchemeContext,
  policy: RoundingPolicy = DEFAULT_ROUNDING,
): ItemScore {
  const weight = weightOf(item.weight)
  const head = {
    itemId: item.id,
    level1: item.level1,
    level2: item.level2,
    level3: item.level3,
    weight,
    ruleText: itemRuleText(item),
  }
  if (item.rule.kind === 'parts') {
    const parts = item.rule.parts.map((part) => scorePart(item, part, context, policy))
    const points = roundPoints(withinWeight(sum(parts.map((p) => p.points)), weight), policy)
    return {
      ...head,
      reading: null,
      points,
      lost: weight.minus(points),
      months: null,
      parts,
      indicators: [],
      pendingIndicators: [],
      unweightedIndicators: [],
    }
  }
  const scored = scoreMetric(item.metric, item.rule, weight, inputKey(item.id), item.level3, context, policy)
  return {
    ...head,
    reading: scored.reading,
    points: scored.points,
    lost: weight.minus(scored.points),
    months: scored.months,
    parts: [],
    indicators: scored.indicators,
    pendingIndicators: scored.pendingIndicators,
    unweightedIndicators: scored.unweightedIndicators,
  }
}

/**
 * The grade of a normalized total: the first grade, best first, whose minimum it reaches (the bound
 * belongs to the upper grade: 90.00 is 优). Below every minimum, the lowest grade.
 */
export function gradeOf(normalized: Dec, grades: readonly GradeBound[]): string | null {
  const ordered = [...grades].sort((a, b) => weightOrZero(b.min).comparedTo(weightOrZero(a.min)))
  const reached = ordered.find((g) => normalized.gte(weightOrZero(g.min)))
  return (reached ?? ordered[ordered.length - 1])?.label ?? null
}

function weightOrZero(text: string): Dec {
  return parseDecimal(text) ?? ZERO
}

function unreadItem(item: ItemScore): boolean {
  if (item.reading) return item.reading.status !== 'value'
  return item.parts.some((p) => p.reading.status !== 'value')
}

/**
 * The scheme scored for one unit at one node: every item, the total (Σ of the rounded items), the grade.
 * At 1-12月 this is the year-end score; before, the score the year heads for (按当前进度预计): the
 * monthly average over the months so far, each indicator on its 全年预计 or its completion at the node,
 * entered inputs as entered. Pure; never NaN; each item within [0, 分值].
 */
export function scoreScheme(scheme: ScoringSchemeDefinition, context: SchemeContext): SchemeScore {
  const policy = scheme.rounding ?? DEFAULT_ROUNDING
  const items = scheme.items.map((item) => scoreItem(item, context, policy))
  const total = sum(items.map((i) => i.points))
  const max = sum(items.map((i) => i.weight))
  const normalized = !max.gt(0) ? ZERO : max.eq(100) ? total : roundPoints(total.div(max).times(100), policy)
  return {
    schemeId: scheme.id,
    schemeName: scheme.name,
    mode: context.month === 12 ? 'yearEnd' : 'projected',
    month: context.month,
    items,
    total,
    max,
    normalized,
    grade: max.gt(0) ? gradeOf(normalized, scheme.grades) : null,
    unread: items.filter(unreadItem).length,
  }
}
