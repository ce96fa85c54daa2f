/**
 * A rule in words, generated when a scheme gives none (docs/domain-rules.md §11.4), worded like the tables
 * themselves (seed 003: 「完成率60%以下为不及格，不得分」), and a metric value as shown. Wording only.
 */
import { formatPercent, parseDecimal } from '../decimal'
import type { DecimalString } from '../types'
import type { MetricReading, MetricValue } from './metrics'
import { BUDGET_QUANTITY_LABELS } from './scheme'
import type { BandScore, Bound, Metric, PiecewiseBand, Rule, SchemeItem, SimpleRule } from './scheme'

/** What the rule's thresholds measure, in the table's word: 完成率, 年度平均执行率, 结转结余率 … */
export function metricName(metric: Metric | null, label: string): string {
  switch (metric?.kind) {
    case 'indicator':
    case 'indicators':
      return '完成率'
    case 'monthlyExecution':
      return '年度平均执行率'
    case 'budgetRatio': {
      if (metric.label?.trim()) return metric.label.trim()
      const top = BUDGET_QUANTITY_LABELS[metric.numerator] ?? metric.numerator
      const bottom = BUDGET_QUANTITY_LABELS[metric.denominator] ?? metric.denominator
      return metric.basis === 'change' ? `（${top}−${bottom}）÷${bottom}` : `${top}÷${bottom}`
    }
    case 'entered':
      return metric.label?.trim() || label
    default:
      return label
  }
}

/** Whether the metric is a rate (thresholds written as percents). */
export function isPercentMetric(metric: Metric | null): boolean {
  if (metric === null) return false
  return metric.kind === 'entered' ? metric.unit === '%' : true
}

/** A threshold as the tables write it: a rate 60%, 95.5%; a number 3, 0.5 (with its unit). */
function amount(text: DecimalString, metric: Metric | null): string {
  const value = parseDecimal(text)
  if (value === null) return String(text)
  if (isPercentMetric(metric)) return `${value.times(100).toFixed()}%`
  const unit = metric?.kind === 'entered' ? (metric.unit ?? '') : ''
  return value.toFixed() + unit
}

const pointsText = (text: DecimalString): string => {
  const value = parseDecimal(text)
  return value?.isZero() ? '不得分' : `得${value?.toFixed() ?? text}分`
}

function shareText(text: DecimalString): string {
  const share = parseDecimal(text)
  if (share === null) return `得分值的${text}`
  if (share.eq(1)) return '得满分'
  if (share.isZero()) return '不得分'
  if (share.eq('0.5')) return '得一半分'
  return `得分值的${share.times(100).toFixed()}%`
}

function bandRange(noun: string, lower: Bound | null, upper: Bound | null, metric: Metric | null): string {
  if (lower === null && upper === null) return `${noun}为任意值`
  if (lower === null && upper) return `${noun}${upper.inclusive ? '不高于' : '低于'}${amount(upper.value, metric)}`
  if (lower && upper === null) return `${noun}${lower.inclusive ? '高于' : '不低于'}${amount(lower.value, metric)}`
  if (lower === null || upper === null) return noun
  const from = amount(lower.value, metric) + (lower.inclusive ? '' : '（含）')
  const to = amount(upper.value, metric) + (upper.inclusive ? '（含）' : '')
  return `${noun}为${from}至${to}`
}

function bandScore(score: BandScore, noun: string): string {
  switch (score.kind) {
    case 'share':
      return shareText(score.share)
    case 'points':
      return pointsText(score.points)
    case 'proportional':
      return `得分=${noun}×分值`
    case 'linear':
      return `得分按${noun}在${score.fromPoints}分至${score.toPoints}分之间线性计算`
  }
}

function piecewiseText(bands: readonly PiecewiseBand[], noun: string, metric: Metric | null): string {
  return bands
    .map((band, i) => {
      const lower = i > 0 ? (bands[i - 1]?.upTo ?? null) : null
      return `${bandRange(noun, lower, band.upTo, metric)}的，${bandScore(band.score, noun)}`
    })
    .join('；')
}

function simpleRuleText(rule: SimpleRule, noun: string, metric: Metric | null): string {
  switch (rule.kind) {
    case 'piecewise':
      return piecewiseText(rule.bands, noun, metric)
    case 'tiers': {
      const op = (inclusive: boolean): string =>
        rule.direction === 'atLeast' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<'
      const tiers = rule.tiers.map(
        (t) => `${noun}${op(t.inclusive)}${amount(t.threshold, metric)}的，${pointsText(t.points)}`,
      )
      return [...tiers, `其余${pointsText(rule.otherwise)}`].join('；')
    }
    case 'passFail':
      return rule.condition
        ? `${noun}${rule.condition.operator}${amount(rule.condition.value, metric)}的，得满分，否则不得分`
        : `${noun}的，得满分，否则不得分`
    case 'stepDeduction': {
      const above = rule.direction === 'above'
      const start = amount(rule.start, metric)
      const step = amount(rule.step, metric)
      const partial = rule.partialStep === 'counts' ? `（不足${step}的按${step}计）` : ''
      return `${noun}${above ? '不高于' : '不低于'}${start}的，得满分；每${above ? '高出' : '低于'}${step}${partial}扣${rule.deduction}分，扣完为止`
    }
    case 'perFinding': {
      const kinds = rule.kinds.map((k) =>
        k.zeroesItem ? `${k.name}的，此项不得分` : `${k.name}，每项扣${k.deduction}分`,
      )
      return `按发现的问题扣分：${[...kinds, '扣完为止'].join('；')}`
    }
    case 'category':
      return `${noun}：${rule.categories.map((c) => `${c.name}${pointsText(c.points)}`).join('；')}`
    case 'judged':
      return `按${noun}评判：${JUDGED_BANDS_TEXT}`
    default:
      return '评分规则无效'
  }
}

const JUDGED_BANDS_TEXT =
  '达成的，得分值的80%-100%（含80%）；部分达成的，得分值的60%-80%（含60%）；未达成的，得分值的0-60%'

/** A sentence without the punctuation it ends on (。 ； ， and the like), so it can be joined to others. */
const withoutClosingMark = (text: string): string => text.replace(/[。．.；;，,、\s]+$/u, '')

/**
 * The rule of an item (or of a part: pass the part's metric and name) in words. An indicators item
 * adds how the weight is spread and how 定性 indicators score (seed 003 p.1).
 */
export function ruleText(rule: Rule, metric: Metric | null, label: string): string {
  if (rule.kind === 'parts') {
    return rule.parts
      .map((part, i) => {
        // the parts are joined with 。, so a part's own words lose their closing punctuation: 「…不得分。」
        const text = withoutClosingMark(part.ruleText?.trim() || ruleText(part.rule, part.metric, part.name))
        // a text that starts with the part's name says it once: 「1.绩效目标在规定时间公开的，得满分，否则不得分（1分）」
        return text.startsWith(part.name)
          ? `${i + 1}.${text}（${part.weight}分）`
          : `${i + 1}.${part.name}（${part.weight}分）：${text}`
      })
      .join('。')
  }
  const noun = metricName(metric, label)
  const text = simpleRuleText(rule, noun, metric)
  if (metric?.kind !== 'indicators') return text
  return `${text}。各项指标按其分值占本项分值的比例计分后合计；定性指标按评判等级计分：${JUDGED_BANDS_TEXT}`
}

/** The item's rule in words: the scheme's own text when it gives one, else generated. */
export function itemRuleText(item: SchemeItem): string {
  return item.ruleText?.trim() || ruleText(item.rule, item.metric, item.level3)
}

/** A metric value as shown: '95.60%', '45人', '是', '发现问题 1 项', '达成（100%）', '5 项指标计分'. */
export function metricValueText(value: MetricValue, precision: number): string {
  switch (value.kind) {
    case 'number':
      return value.percent ? formatPercent(value.value, precision) : `${value.value.toFixed()}${value.unit}`
    case 'yesNo':
      return value.value ? '是' : '否'
    case 'category':
      return value.value
    case 'findings':
      return value.findings.length ? `发现问题 ${value.findings.length} 项` : '未发现问题'
    case 'judgement':
      return `${value.grade}（${value.percent.toFixed()}%）`
    case 'indicators':
      return `${value.scored} 项指标计分` + (value.pending ? `，${value.pending} 项未到评价时点` : '')
  }
}

/** A reading as shown: its value, or the sentence saying why there is none ('公用经费实际支出未填报'). */
export function readingText(reading: MetricReading, precision: number): string {
  return reading.status === 'value' ? metricValueText(reading.value, precision) : reading.message
}
