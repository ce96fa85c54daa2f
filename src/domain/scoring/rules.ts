/**
 * A rule applied to a metric value (docs/domain-rules.md §11.4): points for the item's weight, before
 * they are held within [0, weight] and rounded (the engine does both). Numbers in a rule that cannot be
 * read count as 0 (`schemeProblems` names them); a value the rule cannot take is said, not scored.
 */
import { D, decimalOrZero } from '../decimal'
import type { Dec } from '../decimal'
import { QUALITATIVE_BANDS, satisfiesOperator } from '../completion'
import type { ScoringFinding } from '../types'
import type { MetricValue } from './metrics'
import type { BandScore, PiecewiseBand, SimpleRule } from './scheme'

export type RuleOutcome = { ok: true; points: Dec } | { ok: false; message: string }

const ZERO = new D(0)
const points = (value: Dec): RuleOutcome => ({ ok: true, points: value })
const refused = (message: string): RuleOutcome => ({ ok: false, message })

const VALUE_WORDS: Readonly<Record<MetricValue['kind'], string>> = {
  number: '数值',
  yesNo: '是否',
  category: '类别',
  findings: '发现问题',
  judgement: '评判等级',
  indicators: '绩效指标',
}
const mismatch = (value: MetricValue): RuleOutcome => refused(`评分规则不能用于${VALUE_WORDS[value.kind]}`)

/** The points `rule` gives `value` on an item (or part) of `weight`. */
export function rulePoints(rule: SimpleRule, value: MetricValue, weight: Dec): RuleOutcome {
  switch (rule.kind) {
    case 'piecewise':
      return value.kind === 'number' ? points(piecewisePoints(rule.bands, value.value, weight)) : mismatch(value)
    case 'tiers':
      return value.kind === 'number' ? points(tierPoints(rule, value.value)) : mismatch(value)
    case 'passFail':
      return passFailPoints(rule, value, weight)
    case 'stepDeduction':
      return value.kind === 'number' ? points(stepDeductionPoints(rule, value.value, weight)) : mismatch(value)
    case 'perFinding':
      return value.kind === 'findings' ? perFindingPoints(rule.kinds, value.findings, weight) : mismatch(value)
    case 'category':
      return value.kind === 'category' ? categoryPoints(rule.categories, value.value) : mismatch(value)
    case 'judged':
      return value.kind === 'judgement' ? judgedPoints(value, weight) : mismatch(value)
    default:
      // a scheme read from a file may name a rule this version does not know (schemeProblems says so)
      return refused('评分规则无效')
  }
}

/** whether `value` lies at or below a band's upper end */
function withinUpper(band: PiecewiseBand, value: Dec): boolean {
  if (band.upTo === null) return true
  const bound = decimalOrZero(band.upTo.value)
  return band.upTo.inclusive ? value.lte(bound) : value.lt(bound)
}

/**
 * Bands are in ascending order and each starts where the one before ends, so the first band whose
 * upper end holds the value is its band. Above the last bounded band nothing is scored.
 */
function piecewisePoints(bands: readonly PiecewiseBand[], value: Dec, weight: Dec): Dec {
  const index = bands.findIndex((band) => withinUpper(band, value))
  const band = bands[index]
  if (!band) return ZERO
  const lower = index > 0 ? (bands[index - 1]?.upTo ?? null) : null
  return bandPoints(band.score, value, weight, lower ? decimalOrZero(lower.value) : null, band.upTo)
}

function bandPoints(score: BandScore, value: Dec, weight: Dec, lower: Dec | null, upper: PiecewiseBand['upTo']): Dec {
  switch (score.kind) {
    case 'share':
      return decimalOrZero(score.share).times(weight)
    case 'points':
      return decimalOrZero(score.points)
    case 'proportional':
      return value.times(weight)
    case 'linear': {
      const from = decimalOrZero(score.fromPoints)
      const to = decimalOrZero(score.toPoints)
      const top = upper ? decimalOrZero(upper.value) : null
      // a line needs both ends of its band; without them it stays at its starting points
      if (lower === null || top === null || !top.gt(lower)) return from
      return from.plus(to.minus(from).times(value.minus(lower)).div(top.minus(lower)))
    }
  }
}

function tierPoints(rule: Extract<SimpleRule, { kind: 'tiers' }>, value: Dec): Dec {
  for (const tier of rule.tiers) {
    const threshold = decimalOrZero(tier.threshold)
    const holds =
      rule.direction === 'atLeast'
        ? tier.inclusive
          ? value.gte(threshold)
          : value.gt(threshold)
        : tier.inclusive
          ? value.lte(threshold)
          : value.lt(threshold)
    if (holds) return decimalOrZero(tier.points)
  }
  return decimalOrZero(rule.otherwise)
}

function passFailPoints(rule: Extract<SimpleRule, { kind: 'passFail' }>, value: MetricValue, weight: Dec): RuleOutcome {
  if (!rule.condition) return value.kind === 'yesNo' ? points(value.value ? weight : ZERO) : mismatch(value)
  if (value.kind !== 'number') return mismatch(value)
  const { operator } = rule.condition
  return points(satisfiesOperator(value.value, operator, decimalOrZero(rule.condition.value)) ? weight : ZERO)
}

/** full up to `start`; beyond it `deduction` for every step (a started one too when it counts), 扣完为止 */
function stepDeductionPoints(rule: Extract<SimpleRule, { kind: 'stepDeduction' }>, value: Dec, weight: Dec): Dec {
  const start = decimalOrZero(rule.start)
  const beyond = rule.direction === 'above' ? value.minus(start) : start.minus(value)
  if (!beyond.gt(0)) return weight
  const step = decimalOrZero(rule.step)
  if (!step.gt(0)) return ZERO
  const ratio = beyond.div(step)
  const steps = rule.partialStep === 'counts' ? ratio.ceil() : ratio.floor()
  return weight.minus(steps.times(decimalOrZero(rule.deduction)))
}

/** each finding takes its kind's deduction; a finding without a kind is of the first kind */
function perFindingPoints(
  kinds: Extract<SimpleRule, { kind: 'perFinding' }>['kinds'],
  findings: readonly ScoringFinding[],
  weight: Dec,
): RuleOutcome {
  let deducted = ZERO
  for (const finding of findings) {
    const name = finding.kind?.trim()
    const kind = name ? kinds.find((k) => k.name === name) : kinds[0]
    if (!kind) return refused(name ? `发现问题的类别「${name}」不在此项的评分规则中` : '此项的评分规则没有问题类别')
    if (kind.zeroesItem) return points(ZERO)
    deducted = deducted.plus(decimalOrZero(kind.deduction))
  }
  return points(weight.minus(deducted))
}

function categoryPoints(
  categories: Extract<SimpleRule, { kind: 'category' }>['categories'],
  name: string,
): RuleOutcome {
  const category = categories.find((c) => c.name === name.trim())
  return category ? points(decimalOrZero(category.points)) : refused(`类别「${name}」不在此项的评分规则中`)
}

/** a grade's percent of the weight, inside its band (达成 80–100% 含80%, 部分达成 60–80% 含60%, 未达成 0–60%) */
function judgedPoints(value: Extract<MetricValue, { kind: 'judgement' }>, weight: Dec): RuleOutcome {
  const band = QUALITATIVE_BANDS[value.grade]
  const { percent } = value
  const belowMax = band.maxInclusive ? percent.lte(band.max) : percent.lt(band.max)
  if (percent.lt(band.min) || !belowMax) {
    const upper = band.maxInclusive ? `${band.max}%（含）` : `${band.max}%（不含）`
    return refused(`「${value.grade}」的百分比应在${band.min}%（含）至${upper}之间，当前为${percent.toFixed()}%`)
  }
  return points(percent.div(100).times(weight))
}
