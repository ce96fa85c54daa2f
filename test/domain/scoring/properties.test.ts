/**
 * Properties of `scoreScheme` over arbitrary schemes and contexts, including schemes `schemeProblems`
 * would refuse (docs/domain-rules.md §11.6–§11.8): never NaN; each item and part within [0, 分值] and
 * rounded to 2 decimals; the total is exactly the sum of the rounded items; the grade follows the total.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { D, parseDecimal, sum } from '../../../src/domain/decimal'
import type { Dec } from '../../../src/domain/decimal'
import type { CompletionResult } from '../../../src/domain/completion'
import { averageMonthlyExecutionRate } from '../../../src/domain/rates'
import type { MonthlyRate } from '../../../src/domain/rates'
import { MANAGEMENT_AMOUNTS, readingText, scoreScheme } from '../../../src/domain/scoring'
import type {
  BandScore,
  BudgetQuantity,
  Metric,
  MetricReading,
  Rule,
  SchemeContext,
  SchemeItem,
  ScoringIndicator,
  SimpleRule,
} from '../../../src/domain/scoring'
import type { DecimalString, EnteredValue, MonthNumber, Operator } from '../../../src/domain/types'
import { indicator, reading } from '../factories'
import { scheme } from './helpers'

/** a plain decimal string from −500 to 5000 with up to 4 decimals: '12.5', '-0.0301', '0' */
const amount: fc.Arbitrary<DecimalString> = fc
  .tuple(fc.integer({ min: -5_000_000, max: 50_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, places]) => new D(n).div(10 ** places).toFixed() as DecimalString)
const rateText: fc.Arbitrary<DecimalString> = fc
  .integer({ min: 0, max: 30_000 })
  .map((n) => new D(n).div(10_000).toFixed() as DecimalString)
/** mostly a positive weight; sometimes one a scheme check would refuse (as read from a file: not a decimal) */
const weight: fc.Arbitrary<DecimalString> = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 4000 }).map((n) => new D(n).div(100).toFixed() as DecimalString) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', 'x', '').map((text) => text as DecimalString) },
)
const name = fc.constantFrom('甲', '乙', '丙')
const comparison = fc.constantFrom<Exclude<Operator, '定性'>>('≥', '>', '=', '≤', '<')

const bandScore: fc.Arbitrary<BandScore> = fc.oneof(
  rateText.map((share): BandScore => ({ kind: 'share', share })),
  amount.map((points): BandScore => ({ kind: 'points', points })),
  fc.constant<BandScore>({ kind: 'proportional' }),
  fc.tuple(amount, amount).map(([fromPoints, toPoints]): BandScore => ({ kind: 'linear', fromPoints, toPoints })),
)
const simpleRule: fc.Arbitrary<SimpleRule> = fc.oneof(
  fc
    .array(
      fc.record({
        upTo: fc.option(fc.record({ value: amount, inclusive: fc.boolean() }), { nil: null }),
        score: bandScore,
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((bands): SimpleRule => ({ kind: 'piecewise', bands })),
  fc
    .record({
      direction: fc.constantFrom<'atLeast' | 'atMost'>('atLeast', 'atMost'),
      tiers: fc.array(fc.record({ threshold: amount, inclusive: fc.boolean(), points: amount }), { maxLength: 4 }),
      otherwise: amount,
    })
    .map((r): SimpleRule => ({ kind: 'tiers', ...r })),
  fc
    .option(fc.record({ operator: comparison, value: amount }), { nil: undefined })
    .map((condition): SimpleRule => (condition ? { kind: 'passFail', condition } : { kind: 'passFail' })),
  fc
    .record({
      direction: fc.constantFrom<'above' | 'below'>('above', 'below'),
      start: amount,
      step: amount,
      deduction: amount,
      partialStep: fc.constantFrom<'counts' | 'ignored'>('counts', 'ignored'),
    })
    .map((r): SimpleRule => ({ kind: 'stepDeduction', ...r })),
  fc
    .array(fc.record({ name, deduction: amount, zeroesItem: fc.boolean() }), { maxLength: 3 })
    .map((kinds): SimpleRule => ({ kind: 'perFinding', kinds })),
  fc
    .array(fc.record({ name, points: amount }), { maxLength: 3 })
    .map((categories): SimpleRule => ({ kind: 'category', categories })),
  fc.constant<SimpleRule>({ kind: 'judged' }),
)

const quantity = fc.constantFrom<BudgetQuantity>(
  'adjustedBudget',
  'carryOver',
  'availableBudget',
  'spent',
  ...MANAGEMENT_AMOUNTS,
)
const metric: fc.Arbitrary<Metric> = fc.oneof(
  fc.constant<Metric>({ kind: 'indicators' }),
  fc.constant<Metric>({ kind: 'indicators', level1: ['产出指标'] }),
  fc.constantFrom('i0', 'i1', 'nope').map((indicatorId): Metric => ({ kind: 'indicator', indicatorId })),
  fc.constant<Metric>({ kind: 'monthlyExecution' }),
  fc
    .record({
      numerator: quantity,
      denominator: quantity,
      basis: fc.constantFrom<'ratio' | 'change'>('ratio', 'change'),
    })
    .map((r): Metric => ({ kind: 'budgetRatio', ...r })),
  fc
    .record({
      input: fc.constantFrom<EnteredValue['kind']>('number', 'yesNo', 'category', 'findings', 'judgement'),
      unit: fc.constantFrom('%', '', '人'),
    })
    .map((r): Metric => ({ kind: 'entered', ...r })),
)

const rule: fc.Arbitrary<Rule> = fc.oneof(
  { weight: 4, arbitrary: simpleRule },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.record({ weight, metric, rule: simpleRule }), { minLength: 1, maxLength: 3 })
      .map((parts): Rule => ({ kind: 'parts', parts: parts.map((p, j) => ({ id: `p${j}`, name: `分项${j}`, ...p })) })),
  },
)

const items: fc.Arbitrary<SchemeItem[]> = fc
  .array(fc.record({ weight, metric, rule }), { minLength: 1, maxLength: 6 })
  .map((rows) =>
    rows.map((r, i): SchemeItem => ({
      id: `i${i}`,
      level1: '管理效率',
      level2: '测试',
      level3: `测试项${i}`,
      weight: r.weight,
      metric: r.rule.kind === 'parts' ? null : r.metric,
      rule: r.rule,
    })),
  )

const enteredValue: fc.Arbitrary<EnteredValue> = fc.oneof(
  amount.map((value): EnteredValue => ({ kind: 'number', value })),
  fc.boolean().map((value): EnteredValue => ({ kind: 'yesNo', value })),
  name.map((value): EnteredValue => ({ kind: 'category', value })),
  fc.array(fc.option(name, { nil: undefined }), { maxLength: 4 }).map((kinds): EnteredValue => ({
    kind: 'findings',
    findings: kinds.map((kind) => ({ ...(kind ? { kind } : {}), text: '问题' })),
  })),
  fc
    .tuple(
      fc.constantFrom<'达成' | '部分达成' | '未达成'>('达成', '部分达成', '未达成'),
      fc.option(amount, { nil: undefined }),
    )
    .map(([grade, percent]): EnteredValue => ({ kind: 'judgement', grade, ...(percent ? { percent } : {}) })),
)
const entryKeys = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i0/p0', 'i1/p1', 'i2/p0', 'i3/p2']

const completion: fc.Arbitrary<CompletionResult> = fc.oneof(
  { weight: 4, arbitrary: rateText.map((r): CompletionResult => ({ status: 'rate', rate: new D(r) })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CompletionResult>(
      { status: 'missing' },
      { status: 'notDue' },
      { status: 'invalid', message: '无效' },
    ),
  },
)
const scoringIndicator: fc.Arbitrary<ScoringIndicator> = fc
  .record({
    weight: fc.option(fc.constantFrom<DecimalString>('0', '5', '10', '2.5'), { nil: undefined }),
    kind: fc.constantFrom('count', 'ceiling', 'qualitative', 'zero'),
    completion,
    actual: fc.option(amount, { nil: undefined }),
    forecast: fc.option(amount, { nil: undefined }),
    level1: fc.constantFrom('产出指标', '效益指标'),
  })
  .map((r): ScoringIndicator => {
    const shape =
      r.kind === 'ceiling'
        ? { operator: '≤' as const, targetValue: '1129.83', measureUnit: '万元' }
        : r.kind === 'qualitative'
          ? { operator: '定性' as const, targetValue: '效果明显', measureUnit: '' }
          : r.kind === 'zero'
            ? { operator: '=' as const, targetValue: '0', measureUnit: '起' }
            : {}
    const ind = indicator({ level1: r.level1, ...shape, ...(r.weight ? { weight: r.weight } : {}) })
    return {
      indicator: ind,
      reading: reading(ind.id, { ...(r.actual ? { actualValue: r.actual } : {}) }),
      completion: r.completion,
      ceilingForecast: r.forecast ? { source: 'entered', value: new D(r.forecast) } : null,
    }
  })

const monthlyRates: fc.Arbitrary<MonthlyRate[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 })
  .chain((months) =>
    fc.array(rateText, { minLength: months.length, maxLength: months.length }).map((rates) =>
      [...months]
        .sort((a, b) => a - b)
        .map((m, i) => ({
          month: m as MonthNumber,
          rate: new D(rates[i] ?? '0'),
          executionRate: new D(0),
          timeProgress: new D(1),
        })),
    ),
  )

const schemeContext: fc.Arbitrary<SchemeContext> = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }),
    indicators: fc
      .array(scoringIndicator, { maxLength: 4 })
      .map((rows) => rows.map((r, i) => ({ ...r, indicator: { ...r.indicator, id: `i${i}` } }))),
    rates: monthlyRates,
    budget: fc.option(fc.tuple(amount, amount, amount), { nil: null }),
    amounts: fc.dictionary(fc.constantFrom(...MANAGEMENT_AMOUNTS), amount),
    entries: fc.dictionary(fc.constantFrom(...entryKeys), enteredValue),
  })
  .map((r): SchemeContext => ({
    month: r.month as MonthNumber,
    indicators: r.indicators,
    monthlyAverage: averageMonthlyExecutionRate(r.rates, 12),
    budget: r.budget
      ? {
          adjustedBudget: new D(r.budget[0]),
          carryOver: new D(r.budget[1]),
          availableBudget: new D(r.budget[0]).plus(r.budget[1]),
          spent: new D(r.budget[2]),
        }
      : null,
    inputs: { id: 'mi', unitId: 'u', year: 2023, amounts: r.amounts, entries: r.entries },
  }))

const within = (points: Dec, weight: Dec): boolean =>
  points.isFinite() && !points.isNegative() && points.lte(weight) && points.decimalPlaces() <= 2
const readingFinite = (reading: MetricReading | null): boolean =>
  reading === null || reading.status === 'missing' || reading.value.kind !== 'number' || reading.value.value.isFinite()

function expectedGrade(normalized: Dec): string {
  if (normalized.gte(90)) return '优'
  if (normalized.gte(80)) return '良'
  if (normalized.gte(60)) return '中'
  return '差'
}

describe('scoreScheme over arbitrary schemes and contexts (domain-rules §11.6–§11.8)', () => {
  it('never gives NaN; each item and part lies within 0 and its 分值, rounded to 2 decimals', () => {
    fc.assert(
      fc.property(items, schemeContext, (rows, ctx) => {
        const result = scoreScheme(scheme(rows), ctx)
        return result.items.every(
          (i) =>
            within(i.points, i.weight) &&
            i.lost.isFinite() &&
            readingFinite(i.reading) &&
            i.parts.every((p) => within(p.points, p.weight) && readingFinite(p.reading)) &&
            i.indicators.every((p) => p.points.isFinite() && !p.points.isNegative() && p.points.lte(p.weight)) &&
            typeof i.ruleText === 'string' &&
            (i.reading === null || typeof readingText(i.reading, 2) === 'string'),
        )
      }),
    )
  })

  it('makes the total exactly the sum of the rounded items, and the maximum the sum of the weights', () => {
    fc.assert(
      fc.property(items, schemeContext, (rows, ctx) => {
        const result = scoreScheme(scheme(rows), ctx)
        return (
          result.total.eq(sum(result.items.map((i) => i.points))) &&
          result.max.eq(sum(result.items.map((i) => i.weight))) &&
          result.total.lte(result.max) &&
          result.normalized.isFinite()
        )
      }),
    )
  })

  it('grades the total: on 100 points the total itself, 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差; no grade without weights', () => {
    fc.assert(
      fc.property(items, schemeContext, (rows, ctx) => {
        const result = scoreScheme(scheme(rows), ctx)
        if (!result.max.gt(0)) return result.grade === null && result.normalized.isZero()
        const onHundred = !result.max.eq(100) || result.normalized.eq(result.total)
        return onHundred && result.grade === expectedGrade(result.normalized) && result.normalized.lte(100)
      }),
    )
  })

  it('grades a 100-point table on its total: the same items scaled to weigh 100 in all', () => {
    fc.assert(
      fc.property(items, schemeContext, (rows, ctx) => {
        const valid = rows.filter((r) => parseDecimal(r.weight)?.gt(0))
        if (valid.length === 0) return true
        // one more item takes up what the others leave of 100
        const used = sum(valid.map((r) => new D(r.weight)))
        if (used.gte(100)) return true
        const filler: SchemeItem = {
          id: 'filler',
          level1: '管理效率',
          level2: '测试',
          level3: '补足',
          weight: used.negated().plus(100).toFixed() as DecimalString,
          metric: { kind: 'monthlyExecution' },
          rule: { kind: 'passFail', condition: { operator: '≥', value: '1' } },
        }
        const result = scoreScheme(scheme([...valid, filler]), ctx)
        expect(result.max.toFixed()).toBe('100')
        return result.normalized.eq(result.total) && result.grade === expectedGrade(result.total)
      }),
    )
  })
})
