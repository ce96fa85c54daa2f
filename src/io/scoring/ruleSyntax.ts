/**
 * The 规则参数 cell of the scheme workbook (docs/scoring-workbook.md): a rule's parameters as text a
 * finance officer can read and edit, and that text read back into the rule. One syntax per rule kind
 * (`RULE_SYNTAX` in schemeLayout.ts), e.g. 分段计分 「<60%:不得分；≤100%:按比例；≤150%:满分；>150%:满分×50%」.
 *
 * Numbers stay decimal strings: a percent is turned into its fraction by moving the decimal point
 * (60% ↔ 0.6), never through floating point.
 */
import { toHalfWidth } from '@/domain/importParsing'
import { isPercentMetric } from '@/domain/scoring'
import type { BandScore, Category, FindingKind, Metric, PiecewiseBand, SimpleRule, Tier } from '@/domain/scoring'
import type { DecimalString } from '@/domain/types'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }
const good = <T>(value: T): Parsed<T> => ({ ok: true, value })
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason })

// ── Decimal strings ─────────────────────────────────────────────────────────

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * A plain decimal string with its point moved `by` places (2: ×100, −2: ÷100), in its shortest form:
 * shift('0.6', 2) → '60', shift('5', -2) → '0.05'. null for anything but a plain decimal.
 */
export function shiftDecimal(text: string, by: number): DecimalString | null {
  const match = DECIMAL.exec(text.trim())
  if (!match) return null
  const [, sign = '', whole = '', fraction = ''] = match
  let digits = whole + fraction
  let point = whole.length + by
  if (point < 0) {
    digits = '0'.repeat(-point) + digits
    point = 0
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length)
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0'
  const fracPart = digits.slice(point).replace(/0+$/, '')
  const body = fracPart ? `${intPart}.${fracPart}` : intPart
  return (/^0(\.0*)?$/.test(body) ? '0' : sign + body) as DecimalString
}

/** The shortest spelling of a decimal string ('0.50' → '0.5', '-0' → '0'); the text itself when not a decimal. */
export function canonicalDecimal(text: string): string {
  return shiftDecimal(text, 0) ?? text
}

const NUMBER_TEXT = /^[+-]?\d+(\.\d+)?$/

/** A number token ('60%', '-5%', '0.5', '1,000' is refused): a decimal string, the percent as its fraction. */
function numberToken(raw: string, percent: boolean, unit: string): Parsed<DecimalString> {
  let text = toHalfWidth(raw).replace(/\s+/g, '')
  if (!percent && unit && unit !== '%' && text.endsWith(unit)) text = text.slice(0, -unit.length)
  const hasPercent = text.endsWith('%')
  if (hasPercent) text = text.slice(0, -1)
  if (!NUMBER_TEXT.test(text)) return bad(`「${raw.trim()}」不是有效数字`)
  const plain = text.replace(/^\+/, '')
  if (percent && !hasPercent) return bad(`「${raw.trim()}」应写成百分数，如 60%`)
  if (!percent && hasPercent) return bad(`「${raw.trim()}」不是比率，不应带百分号`)
  const value = shiftDecimal(plain, percent ? -2 : 0)
  return value === null ? bad(`「${raw.trim()}」不是有效数字`) : good(value)
}

/** A number of points: '2分', '2', '得2分', '0.5'. */
function pointsToken(raw: string): Parsed<DecimalString> {
  const text = toHalfWidth(raw).replace(/\s+/g, '').replace(/^得/, '').replace(/分$/, '')
  if (!NUMBER_TEXT.test(text)) return bad(`得分「${raw.trim()}」不是有效数字`)
  const value = shiftDecimal(text.replace(/^\+/, ''), 0)
  return value === null ? bad(`得分「${raw.trim()}」不是有效数字`) : good(value)
}

// ── Writing ─────────────────────────────────────────────────────────────────

/** A threshold as the cell writes it: a rate as a percent ('0.6' → '60%'), a number as it is. */
function amount(text: DecimalString, percent: boolean): string {
  if (!percent) return canonicalDecimal(text)
  const shifted = shiftDecimal(text, 2)
  return shifted === null ? text : `${shifted}%`
}

const pointsText = (text: DecimalString): string => `${canonicalDecimal(text)}分`

function bandScoreText(score: BandScore): string {
  switch (score.kind) {
    case 'share': {
      const share = canonicalDecimal(score.share)
      if (share === '1') return '满分'
      if (share === '0') return '不得分'
      return `满分×${amount(score.share, true)}`
    }
    case 'points':
      return pointsText(score.points)
    case 'proportional':
      return '按比例'
    case 'linear':
      return `线性${pointsText(score.fromPoints)}至${pointsText(score.toPoints)}`
  }
}

function piecewiseText(bands: readonly PiecewiseBand[], percent: boolean): string {
  return bands
    .map((band, i) => {
      const previous = i > 0 ? bands[i - 1]?.upTo : null
      let bound: string
      if (band.upTo) bound = `${band.upTo.inclusive ? '≤' : '<'}${amount(band.upTo.value, percent)}`
      else if (previous) bound = `${previous.inclusive ? '>' : '≥'}${amount(previous.value, percent)}`
      else bound = '其余'
      return `${bound}:${bandScoreText(band.score)}`
    })
    .join('；')
}

/**
 * The 规则参数 text of a rule read on `metric` (its thresholds are percents when the metric is a rate).
 * `weight` is unused for writing; a finding that zeroes the item is written without its deduction.
 */
export function ruleParamsText(rule: SimpleRule | { kind: 'parts' }, metric: Metric | null): string {
  const percent = isPercentMetric(metric)
  switch (rule.kind) {
    case 'piecewise':
      return piecewiseText(rule.bands, percent)
    case 'tiers': {
      const symbol = (t: Tier) => (rule.direction === 'atMost' ? (t.inclusive ? '≤' : '<') : t.inclusive ? '≥' : '>')
      const tiers = rule.tiers.map((t) => `${symbol(t)}${amount(t.threshold, percent)}:${pointsText(t.points)}`)
      return [...tiers, `其余:${pointsText(rule.otherwise)}`].join('；')
    }
    case 'passFail':
      return rule.condition ? `${rule.condition.operator}${amount(rule.condition.value, percent)}` : ''
    case 'stepDeduction': {
      const from = rule.direction === 'above' ? '高于' : '低于'
      const partial = rule.partialStep === 'counts' ? '也扣' : '不扣'
      return `${from}${amount(rule.start, percent)}起，每${amount(rule.step, percent)}扣${pointsText(rule.deduction)}，不足一档${partial}`
    }
    case 'perFinding':
      return rule.kinds
        .map((k) => `${k.name}:${k.zeroesItem ? '此项不得分' : `扣${pointsText(k.deduction)}`}`)
        .join('；\n')
    case 'category':
      return rule.categories.map((c) => `${c.name}:${pointsText(c.points)}`).join('；\n')
    case 'judged':
    case 'parts':
      return ''
  }
}

// ── Reading ─────────────────────────────────────────────────────────────────

/** The entries of a cell: split at ； ; and line breaks, blanks dropped. */
function entries(text: string): string[] {
  return text
    .split(/[;；\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** 'name:score' split at the last colon (a name may hold one, a score never does). */
function pair(entry: string): { head: string; tail: string } | null {
  const at = Math.max(entry.lastIndexOf(':'), entry.lastIndexOf('：'))
  if (at < 0) return null
  return { head: entry.slice(0, at).trim(), tail: entry.slice(at + 1).trim() }
}

/** '<=' '≦' '＜＝' … as ≤ and ≥; full-width < > = as half-width. */
function symbols(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/<=|≦|=</g, '≤')
    .replace(/>=|≧|=>/g, '≥')
}

interface Reading {
  percent: boolean
  unit: string
  /** the weight of the item (or part) as written: a finding that zeroes it takes it as its deduction */
  weight: string
}

function readingOf(metric: Metric | null, weight: string): Reading {
  const unit = metric?.kind === 'entered' ? (metric.unit ?? '') : ''
  return { percent: isPercentMetric(metric), unit, weight }
}

const LINEAR = /^线性(.+?)(?:至|到|~)(.+)$/
const SHARE = /^满分[×*xX](.+)$/

function bandScore(raw: string): Parsed<BandScore> {
  const text = toHalfWidth(raw)
    .replace(/\s+/g, '')
    .replace(/^得(?=满分|一半|按比例|线性)/, '')
  if (text === '满分') return good({ kind: 'share', share: '1' as DecimalString })
  if (text === '不得分' || text === '不得') return good({ kind: 'share', share: '0' as DecimalString })
  if (text === '一半' || text === '一半分' || text === '半分')
    return good({ kind: 'share', share: '0.5' as DecimalString })
  if (text === '按比例') return good({ kind: 'proportional' })
  const share = SHARE.exec(text)
  if (share) {
    const factor = share[1] ?? ''
    const value = factor.endsWith('%') ? numberToken(factor, true, '') : numberToken(factor, false, '')
    return value.ok ? good({ kind: 'share', share: value.value }) : bad(`得分「${raw.trim()}」中的比例不是有效数字`)
  }
  const linear = LINEAR.exec(text)
  if (linear) {
    const from = pointsToken(linear[1] ?? '')
    const to = pointsToken(linear[2] ?? '')
    if (!from.ok) return from
    if (!to.ok) return to
    return good({ kind: 'linear', fromPoints: from.value, toPoints: to.value })
  }
  const points = pointsToken(text)
  return points.ok
    ? good({ kind: 'points', points: points.value })
    : bad(`得分「${raw.trim()}」应为 满分、不得分、满分×50%、2分、按比例 或 线性0分至2分`)
}

function parsePiecewise(text: string, r: Reading): Parsed<SimpleRule> {
  const list = entries(text)
  if (list.length === 0) return bad('请按「上限:得分」逐段填写，如 <60%:不得分；≤100%:按比例；>100%:满分')
  const bands: PiecewiseBand[] = []
  for (const [i, entry] of list.entries()) {
    const p = pair(entry)
    if (!p) return bad(`第${i + 1}段「${entry}」应写成「上限:得分」，如 <60%:不得分`)
    const score = bandScore(p.tail)
    if (!score.ok) return bad(`第${i + 1}段：${score.reason}`)
    const bound = symbols(p.head)
    const last = i === list.length - 1
    if (bound === '其余') {
      if (!last) return bad(`第${i + 1}段：「其余」只能写在最后一段`)
      bands.push({ upTo: null, score: score.value })
      continue
    }
    const symbol = bound.charAt(0)
    const value = numberToken(bound.slice(1), r.percent, r.unit)
    if (!value.ok) return bad(`第${i + 1}段：${value.reason}`)
    if (symbol === '<' || symbol === '≤') {
      bands.push({ upTo: { value: value.value, inclusive: symbol === '≤' }, score: score.value })
      continue
    }
    if (symbol !== '>' && symbol !== '≥')
      return bad(`第${i + 1}段「${p.head}」应以 <、≤ 开头（最后一段也可以是 >、≥ 或「其余」）`)
    const previous = bands[bands.length - 1]?.upTo
    const expected = previous ? `${previous.inclusive ? '>' : '≥'}${amount(previous.value, r.percent)}` : null
    if (!last || !previous || expected !== `${symbol}${amount(value.value, r.percent)}`) {
      const hint = expected ? `，这里应写「${expected}」或「其余」` : ''
      return bad(`第${i + 1}段「${p.head}」：只有最后一段可以写 > 或 ≥，且应接着上一段的上限${hint}`)
    }
    bands.push({ upTo: null, score: score.value })
  }
  return good({ kind: 'piecewise', bands })
}

function parseTiers(text: string, r: Reading): Parsed<SimpleRule> {
  const list = entries(text)
  const tiers: Tier[] = []
  let direction: 'atLeast' | 'atMost' | null = null
  let otherwise: DecimalString = '0' as DecimalString
  for (const [i, entry] of list.entries()) {
    const p = pair(entry)
    if (!p) return bad(`第${i + 1}档「${entry}」应写成「符号界限:得分」，如 ≥90%:2分`)
    const points = pointsToken(p.tail)
    if (!points.ok) return bad(`第${i + 1}档：${points.reason}`)
    const bound = symbols(p.head)
    if (bound === '其余') {
      if (i !== list.length - 1) return bad(`第${i + 1}档：「其余」只能写在最后`)
      otherwise = points.value
      continue
    }
    const symbol = bound.charAt(0)
    const own = symbol === '≥' || symbol === '>' ? 'atLeast' : symbol === '≤' || symbol === '<' ? 'atMost' : null
    if (own === null) return bad(`第${i + 1}档「${p.head}」应以 ≥、>、≤ 或 < 开头`)
    if (direction !== null && own !== direction)
      return bad(`第${i + 1}档「${p.head}」：各档的符号应同为 ≥、>（越高越好）或同为 ≤、<（越低越好）`)
    direction = own
    const value = numberToken(bound.slice(1), r.percent, r.unit)
    if (!value.ok) return bad(`第${i + 1}档：${value.reason}`)
    tiers.push({ threshold: value.value, inclusive: symbol === '≥' || symbol === '≤', points: points.value })
  }
  if (tiers.length === 0) return bad('请逐档填写「符号界限:得分」，如 ≥100%:3分；≥90%:2分；其余:0分')
  return good({ kind: 'tiers', direction: direction ?? 'atLeast', tiers, otherwise })
}

const OPERATORS = ['≥', '>', '=', '≤', '<'] as const

function parsePassFail(text: string, r: Reading): Parsed<SimpleRule> {
  const condition = symbols(text)
  if (condition === '') return good({ kind: 'passFail' })
  const operator = OPERATORS.find((op) => condition.startsWith(op))
  if (!operator) return bad(`达标条件「${text.trim()}」应写成「符号数」，如 ≤100%（符号为 ≥ > = ≤ <）`)
  const value = numberToken(condition.slice(operator.length), r.percent, r.unit)
  if (!value.ok) return value
  return good({ kind: 'passFail', condition: { operator, value: value.value } })
}

const STEP_EXAMPLE = '高于0%起，每5%扣0.5分，不足一档也扣'

function parseStepDeduction(text: string, r: Reading): Parsed<SimpleRule> {
  const clauses = toHalfWidth(text)
    .replace(/\s+/g, '')
    .split(/[,，、]/)
    .filter((c) => c !== '')
  const start = /^(高于|超过|低于)(.+?)起?$/.exec(clauses[0] ?? '')
  const step = /^每(?:高出|超过|增加|低于|减少)?(.+?)扣(.+)$/.exec(clauses[1] ?? '')
  const partial = /^不足一档(也扣|扣分|不扣|不扣分)$/.exec(clauses[2] ?? '')
  if (!start || !step || !partial || clauses.length !== 3)
    return bad(`逐档扣分应写成「${STEP_EXAMPLE}」（或「低于…起，…，不足一档不扣」）`)
  const from = numberToken(start[2] ?? '', r.percent, r.unit)
  if (!from.ok) return bad(`起扣点：${from.reason}`)
  const size = numberToken(step[1] ?? '', r.percent, r.unit)
  if (!size.ok) return bad(`每档幅度：${size.reason}`)
  const deduction = pointsToken(step[2] ?? '')
  if (!deduction.ok) return bad(`每档扣分：${deduction.reason}`)
  return good({
    kind: 'stepDeduction',
    direction: start[1] === '低于' ? 'below' : 'above',
    start: from.value,
    step: size.value,
    deduction: deduction.value,
    partialStep: partial[1]?.startsWith('不') ? 'ignored' : 'counts',
  })
}

function parsePerFinding(text: string, r: Reading): Parsed<SimpleRule> {
  const kinds: FindingKind[] = []
  for (const [i, entry] of entries(text).entries()) {
    const p = pair(entry)
    if (!p || !p.head) return bad(`第${i + 1}条「${entry}」应写成「问题类别:扣0.5分」或「问题类别:此项不得分」`)
    const outcome = toHalfWidth(p.tail).replace(/\s+/g, '')
    if (outcome === '此项不得分' || outcome === '本项不得分') {
      kinds.push({ name: p.head, deduction: r.weight as DecimalString, zeroesItem: true })
      continue
    }
    const deduction = pointsToken(outcome.replace(/^(每项|每次|每个)?扣/, ''))
    if (!deduction.ok) return bad(`第${i + 1}条「${p.head}」：${deduction.reason}`)
    kinds.push({ name: p.head, deduction: deduction.value })
  }
  if (kinds.length === 0) return bad('请每类问题写一条「问题类别:扣0.5分」')
  return good({ kind: 'perFinding', kinds })
}

function parseCategory(text: string): Parsed<SimpleRule> {
  const categories: Category[] = []
  for (const [i, entry] of entries(text).entries()) {
    const p = pair(entry)
    if (!p || !p.head) return bad(`第${i + 1}条「${entry}」应写成「类别:得分」，如 良好:4分`)
    const points = pointsToken(p.tail)
    if (!points.ok) return bad(`第${i + 1}条「${p.head}」：${points.reason}`)
    categories.push({ name: p.head, points: points.value })
  }
  if (categories.length === 0) return bad('请每个类别写一条「类别:得分」，如 优秀:6分；良好:4分')
  return good({ kind: 'category', categories })
}

/**
 * The rule of `kind` from its 规则参数 text, read on `metric` (percent thresholds for a rate) for an item
 * or part of `weight` (the text of its 分值 cell). 分段评判 and 分项合计 take no parameters.
 */
export function parseRuleParams(
  kind: SimpleRule['kind'],
  text: string,
  metric: Metric | null,
  weight: string,
): Parsed<SimpleRule> {
  const r = readingOf(metric, weight)
  switch (kind) {
    case 'piecewise':
      return parsePiecewise(text, r)
    case 'tiers':
      return parseTiers(text, r)
    case 'passFail':
      return parsePassFail(text, r)
    case 'stepDeduction':
      return parseStepDeduction(text, r)
    case 'perFinding':
      return parsePerFinding(text, r)
    case 'category':
      return parseCategory(text)
    case 'judged':
      return text.trim() ? bad('分档评判不填规则参数，请留空') : good({ kind: 'judged' })
  }
}
