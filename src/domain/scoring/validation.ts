/**
 * Checking a scheme before it is used or stored (docs/domain-rules.md §11.9): every problem names the item
 * (and part) and the field at fault, in Chinese, so an import can point at the cell. The engine never
 * fails on a wrong scheme (a number it cannot read counts as 0); this says what is wrong.
 */
import { D, parseDecimal, sum } from '../decimal'
import type { Dec } from '../decimal'
import { BUDGET_QUANTITY_LABELS, ENTERED_KIND_LABELS, METRIC_KIND_LABELS, RULE_KIND_LABELS } from './scheme'
import type { Metric, PiecewiseBand, Rule, SchemeItem, ScoringSchemeDefinition, SimpleRule } from './scheme'

export interface SchemeProblem {
  /** the item's index in `scheme.items`; null: the scheme as a whole (name, grades, the total weight) */
  itemIndex: number | null
  /** the part's index in the item's parts, for a problem inside a part */
  partIndex?: number
  /** the field at fault, relative to the item or part: 'weight', 'metric.denominator', 'rule.tiers[1].threshold' … */
  field: string
  /** 'warning': the scheme still scores (a total weight other than 100) */
  severity: 'error' | 'warning'
  message: string
}

const COMPARISONS = new Set(['≥', '>', '=', '≤', '<'])
const NUMERIC_RULES = new Set<Rule['kind']>(['piecewise', 'tiers', 'passFail', 'stepDeduction'])

/** Where a problem sits, and how its messages start: 第3项「结转结余率」, 第10项「绩效结果应用」分项「…」. */
interface Place {
  itemIndex: number
  partIndex?: number
  prefix: string
}

type Report = (field: string, message: string) => void

const decimal = (text: unknown): Dec | null => (typeof text === 'string' ? parseDecimal(text) : null)
const shown = (text: unknown): string => (typeof text === 'string' ? text : String(text ?? ''))

/** A number of points, checked to lie within [0, weight]. */
function checkPoints(report: Report, field: string, text: unknown, weight: Dec | null, what: string): void {
  const value = decimal(text)
  if (value === null) report(field, `${what}「${shown(text)}」不是有效数字`)
  else if (value.isNegative() && !value.isZero()) report(field, `${what}不能为负数`)
  else if (weight && value.gt(weight)) report(field, `${what}${value.toFixed()}超过本项分值${weight.toFixed()}`)
}

function checkPiecewise(report: Report, bands: readonly PiecewiseBand[], weight: Dec | null): void {
  if (!Array.isArray(bands) || bands.length === 0) return report('rule.bands', '分段计分至少要有一段')
  let previous: Dec | null = null
  let previousInclusive = false
  bands.forEach((band, i) => {
    const at = `rule.bands[${i}]`
    const last = i === bands.length - 1
    if (band.upTo === null) {
      if (!last) report(`${at}.upTo`, `第${i + 1}段：只有最后一段可以不设上限`)
    } else {
      const upper = decimal(band.upTo.value)
      if (upper === null) report(`${at}.upTo`, `第${i + 1}段：上限「${shown(band.upTo.value)}」不是有效数字`)
      else if (
        previous !== null &&
        (upper.lt(previous) || (upper.eq(previous) && (previousInclusive || !band.upTo.inclusive)))
      )
        report(`${at}.upTo`, `第${i + 1}段：各段应从低到高排列且互不重叠`)
      if (last) report(`${at}.upTo`, '最后一段应不设上限，使每个数值都有得分')
      if (upper !== null) {
        previous = upper
        previousInclusive = band.upTo.inclusive
      }
    }
    checkBandScore(report, band, i, bands.length, weight)
  })
}

function checkBandScore(report: Report, band: PiecewiseBand, i: number, count: number, weight: Dec | null): void {
  const at = `rule.bands[${i}].score`
  const { score } = band
  switch (score?.kind) {
    case 'share': {
      const share = decimal(score.share)
      if (share === null || share.isNegative() || share.gt(1))
        report(`${at}.share`, `第${i + 1}段：得分比例「${shown(score.share)}」应在0到1之间`)
      return
    }
    case 'points':
      return checkPoints(report, `${at}.points`, score.points, weight, `第${i + 1}段的得分`)
    case 'proportional':
      return
    case 'linear':
      if (i === 0 || i === count - 1 || band.upTo === null) report(at, `第${i + 1}段：线性计分的一段要有下限和上限`)
      checkPoints(report, `${at}.fromPoints`, score.fromPoints, weight, `第${i + 1}段的起点得分`)
      checkPoints(report, `${at}.toPoints`, score.toPoints, weight, `第${i + 1}段的终点得分`)
      return
    default:
      report(at, `第${i + 1}段：得分方式无效`)
  }
}

function checkTiers(report: Report, rule: Extract<SimpleRule, { kind: 'tiers' }>, weight: Dec | null): void {
  if (rule.direction !== 'atLeast' && rule.direction !== 'atMost')
    report('rule.direction', '档次方向应为“不低于”或“不高于”')
  if (!Array.isArray(rule.tiers) || rule.tiers.length === 0) report('rule.tiers', '档次计分至少要有一档')
  let previous: Dec | null = null
  ;(rule.tiers ?? []).forEach((tier, i) => {
    const threshold = decimal(tier.threshold)
    if (threshold === null)
      report(`rule.tiers[${i}].threshold`, `第${i + 1}档：界限「${shown(tier.threshold)}」不是有效数字`)
    else {
      const ordered =
        rule.direction === 'atMost' ? threshold.gt(previous ?? -Infinity) : threshold.lt(previous ?? Infinity)
      if (!ordered) {
        const order = rule.direction === 'atMost' ? '从低到高' : '从高到低'
        report(`rule.tiers[${i}].threshold`, `第${i + 1}档：各档界限应${order}排列且互不重叠`)
      }
      previous = threshold
    }
    checkPoints(report, `rule.tiers[${i}].points`, tier.points, weight, `第${i + 1}档的得分`)
  })
  checkPoints(report, 'rule.otherwise', rule.otherwise, weight, '其余情况的得分')
}

function checkStepDeduction(report: Report, rule: Extract<SimpleRule, { kind: 'stepDeduction' }>): void {
  if (rule.direction !== 'above' && rule.direction !== 'below') report('rule.direction', '扣分方向应为“高于”或“低于”')
  if (decimal(rule.start) === null) report('rule.start', `起扣点「${shown(rule.start)}」不是有效数字`)
  if (!decimal(rule.step)?.gt(0)) report('rule.step', `每档幅度「${shown(rule.step)}」应为正数`)
  if (!decimal(rule.deduction)?.gt(0)) report('rule.deduction', `每档扣分「${shown(rule.deduction)}」应为正数`)
  if (rule.partialStep !== 'counts' && rule.partialStep !== 'ignored')
    report('rule.partialStep', '不足一档时应说明是否扣分')
}

function checkNames(report: Report, field: string, names: readonly unknown[], what: string): void {
  const seen = new Set<string>()
  names.forEach((name, i) => {
    const text = shown(name).trim()
    if (!text) report(`${field}[${i}].name`, `第${i + 1}个${what}的名称不能为空`)
    else if (seen.has(text)) report(`${field}[${i}].name`, `${what}「${text}」重复`)
    seen.add(text)
  })
}

function checkSimpleRule(report: Report, rule: SimpleRule, weight: Dec | null): void {
  switch (rule.kind) {
    case 'piecewise':
      return checkPiecewise(report, rule.bands, weight)
    case 'tiers':
      return checkTiers(report, rule, weight)
    case 'passFail':
      if (rule.condition) {
        if (!COMPARISONS.has(rule.condition.operator))
          report('rule.condition.operator', '达标条件的符号应为 ≥ > = ≤ < 之一')
        if (decimal(rule.condition.value) === null)
          report('rule.condition.value', `达标条件的数值「${shown(rule.condition.value)}」不是有效数字`)
      }
      return
    case 'stepDeduction':
      return checkStepDeduction(report, rule)
    case 'perFinding':
      if (!Array.isArray(rule.kinds) || rule.kinds.length === 0)
        return report('rule.kinds', '按问题扣分至少要有一类问题')
      checkNames(
        report,
        'rule.kinds',
        rule.kinds.map((k) => k.name),
        '问题类别',
      )
      rule.kinds.forEach((k, i) => {
        if (!k.zeroesItem)
          checkPoints(report, `rule.kinds[${i}].deduction`, k.deduction, null, `「${shown(k.name)}」的扣分`)
      })
      return
    case 'category':
      if (!Array.isArray(rule.categories) || rule.categories.length === 0)
        return report('rule.categories', '按类别计分至少要有一个类别')
      checkNames(
        report,
        'rule.categories',
        rule.categories.map((c) => c.name),
        '类别',
      )
      rule.categories.forEach((c, i) =>
        checkPoints(report, `rule.categories[${i}].points`, c.points, weight, `「${shown(c.name)}」的得分`),
      )
      return
    case 'judged':
      return
    default:
      report('rule.kind', '评分规则无效')
  }
}

function checkMetric(report: Report, metric: Metric): void {
  switch (metric.kind) {
    case 'indicator':
      if (!shown(metric.indicatorId).trim()) report('metric.indicatorId', '未指定绩效指标')
      return
    case 'indicators':
      if (metric.level1?.some((name) => !shown(name).trim())) report('metric.level1', '一级指标名称不能为空')
      return
    case 'monthlyExecution':
      return
    case 'budgetRatio': {
      const known = (q: unknown): boolean => typeof q === 'string' && Object.hasOwn(BUDGET_QUANTITY_LABELS, q)
      if (!known(metric.numerator)) report('metric.numerator', `分子「${shown(metric.numerator)}」不是可选的数据项`)
      if (!known(metric.denominator))
        report('metric.denominator', `分母「${shown(metric.denominator)}」不是可选的数据项`)
      if (metric.numerator === metric.denominator) report('metric.denominator', '分子和分母不能是同一数据项')
      if (metric.basis !== 'ratio' && metric.basis !== 'change') report('metric.basis', '比率口径应为“比值”或“增减率”')
      return
    }
    case 'entered':
      if (!Object.hasOwn(ENTERED_KIND_LABELS, metric.input))
        report('metric.input', `填报方式「${shown(metric.input)}」无效`)
      return
    default:
      report('metric.kind', '评分指标无效')
  }
}

/** The rule a metric can go with; null when they fit. */
function mismatch(metric: Metric, rule: SimpleRule): string | null {
  const input = metric.kind === 'entered' ? metric.input : 'number'
  const fits =
    input === 'number'
      ? NUMERIC_RULES.has(rule.kind) && !(rule.kind === 'passFail' && !rule.condition)
      : (input === 'yesNo' && rule.kind === 'passFail' && !rule.condition) ||
        (input === 'category' && rule.kind === 'category') ||
        (input === 'findings' && rule.kind === 'perFinding') ||
        (input === 'judgement' && rule.kind === 'judged')
  if (fits) return null
  const what =
    metric.kind === 'entered'
      ? `填报的${ENTERED_KIND_LABELS[metric.input] ?? '值'}`
      : (METRIC_KIND_LABELS[metric.kind] ?? '评分指标')
  return `评分规则「${RULE_KIND_LABELS[rule.kind] ?? rule.kind}」不能用于${what}`
}

function checkScoring(report: Report, metric: Metric | null, rule: Rule, weight: Dec | null): void {
  if (rule.kind === 'parts') return
  if (metric === null || typeof metric !== 'object') return report('metric', '未设置评分指标')
  checkMetric(report, metric)
  checkSimpleRule(report, rule, weight)
  const problem = Object.hasOwn(RULE_KIND_LABELS, rule.kind) ? mismatch(metric, rule) : null
  if (problem) report('rule.kind', problem)
}

function checkWeight(report: Report, text: unknown): Dec | null {
  const weight = decimal(text)
  if (weight === null || !weight.gt(0)) {
    report('weight', `分值「${shown(text)}」应为正数`)
    return null
  }
  return weight
}

function checkParts(problems: SchemeProblem[], place: Place, item: SchemeItem, weight: Dec | null): void {
  if (item.rule.kind !== 'parts') return
  const { parts } = item.rule
  const itemReport = reporter(problems, place)
  if (!Array.isArray(parts) || parts.length === 0) return itemReport('rule.parts', '分项合计至少要有一个分项')
  checkNames(
    itemReport,
    'rule.parts',
    parts.map((p) => p.id),
    '分项编号',
  )
  const weights: Dec[] = []
  parts.forEach((part, partIndex) => {
    const report = reporter(problems, { ...place, partIndex, prefix: `${place.prefix}分项「${shown(part.name)}」` })
    if (!shown(part.name).trim()) report('name', '分项名称不能为空')
    const partWeight = checkWeight(report, part.weight)
    if (partWeight) weights.push(partWeight)
    if ((part.rule as Rule)?.kind === 'parts') report('rule.kind', '分项中不能再分项')
    else checkScoring(report, part.metric, part.rule, partWeight)
  })
  if (weight && weights.length === parts.length && !sum(weights).eq(weight))
    itemReport('rule.parts', `各分项分值合计为${sum(weights).toFixed()}，应等于本项分值${weight.toFixed()}`)
}

function reporter(problems: SchemeProblem[], place: Place): Report {
  return (field, message) =>
    problems.push({
      itemIndex: place.itemIndex,
      ...(place.partIndex === undefined ? {} : { partIndex: place.partIndex }),
      field,
      severity: 'error',
      message: `${place.prefix}：${message}`,
    })
}

function checkItem(
  problems: SchemeProblem[],
  item: SchemeItem,
  itemIndex: number,
  ids: Map<string, number>,
): Dec | null {
  const place = { itemIndex, prefix: `第${itemIndex + 1}项「${shown(item.level3).trim() || shown(item.id)}」` }
  const report = reporter(problems, place)
  const id = shown(item.id).trim()
  if (!id) report('id', '编号不能为空')
  else if (ids.has(id)) report('id', `编号「${id}」与第${(ids.get(id) ?? 0) + 1}项重复`)
  else ids.set(id, itemIndex)
  if (!shown(item.level1).trim()) report('level1', '一级指标不能为空')
  if (!shown(item.level3).trim()) report('level3', '三级指标不能为空')
  const weight = checkWeight(report, item.weight)
  if (!item.rule || typeof item.rule !== 'object') report('rule', '未设置评分规则')
  else if (item.rule.kind === 'parts') checkParts(problems, place, item, weight)
  else checkScoring(report, item.metric, item.rule, weight)
  return weight
}

function checkGrades(problems: SchemeProblem[], scheme: ScoringSchemeDefinition): void {
  const report = (field: string, message: string): void => {
    problems.push({ itemIndex: null, field, severity: 'error', message })
  }
  const { grades } = scheme
  if (!Array.isArray(grades) || grades.length === 0) return report('grades', '评分方案没有评价等级')
  checkNames(
    report,
    'grades',
    grades.map((g) => g.label),
    '评价等级',
  )
  let previous: Dec | null = null
  grades.forEach((grade, i) => {
    const min = decimal(grade.min)
    if (min === null || min.isNegative())
      return report(`grades[${i}].min`, `评价等级「${shown(grade.label)}」的分数下限应为非负数`)
    if (previous !== null && !min.lt(previous)) report(`grades[${i}].min`, '评价等级应从高到低排列，分数下限逐级降低')
    previous = min
  })
  const lowest = decimal(grades[grades.length - 1]?.min)
  if (lowest !== null && !lowest.isZero()) report(`grades[${grades.length - 1}].min`, '最低的评价等级分数下限应为0')
}

/**
 * What is wrong with a scheme, item by item and field by field; [] when nothing. Errors: a missing name
 * or id, a weight that is not positive, a metric and rule that do not fit, a rule whose numbers cannot
 * be read, bands or tiers out of order or overlapping, points above the item's weight, parts that do
 * not add up to their item, grades out of order. A warning: the weights do not add up to 100.
 */
export function schemeProblems(scheme: ScoringSchemeDefinition): SchemeProblem[] {
  const problems: SchemeProblem[] = []
  const schemeReport = (field: string, message: string, severity: SchemeProblem['severity'] = 'error'): void => {
    problems.push({ itemIndex: null, field, severity, message })
  }
  if (!shown(scheme.id).trim()) schemeReport('id', '评分方案编号不能为空')
  if (!shown(scheme.name).trim()) schemeReport('name', '评分方案名称不能为空')
  const places = scheme.rounding?.places
  if (scheme.rounding?.mode !== 'halfUp' || !Number.isInteger(places) || places < 0 || places > 6)
    schemeReport('rounding', '舍入方式应为四舍五入，保留0到6位小数')
  if (!Array.isArray(scheme.items) || scheme.items.length === 0) {
    schemeReport('items', '评分方案没有评分项')
  } else {
    const ids = new Map<string, number>()
    const weights = scheme.items.map((item, i) => checkItem(problems, item, i, ids))
    const total = sum(weights.map((w) => w ?? new D(0)))
    if (weights.every((w) => w !== null) && !total.eq(100))
      schemeReport('weight', `各项分值合计为${total.toFixed()}，不是100分`, 'warning')
  }
  checkGrades(problems, scheme)
  return problems
}
