/**
 * What the preview used to get wrong, now scored as the evaluator will: cost ceilings as ceilings
 * (docs/domain-rules.md §11.5), weights and rules from the table (§11.1, §11.4), rounding before tiers
 * and grades (§11.6), and every item in the total (§11.8).
 */
import { describe, expect, it } from 'vitest'
import { D } from '../../../src/domain/decimal'
import { averageMonthlyExecutionRate } from '../../../src/domain/rates'
import {
  PROPORTIONAL_TO_FULL_RULE,
  SEED003_COMPLETION_RULE,
  SEED003_SCHEME,
  readingText,
  schemeProblems,
  scorePreview,
  scoreScheme,
} from '../../../src/domain/scoring'
import type { Metric, SchemeItem, SimpleRule } from '../../../src/domain/scoring'
import type { MonthNumber } from '../../../src/domain/types'
import { context, entered, inputs, item, row, scheme, scored } from './helpers'

// seed 001's 人员保障成本经费: ≤ 1,129.83 万元 (工资福利支出)
const ceiling = {
  name: '人员保障成本经费',
  operator: '≤',
  targetValue: '1129.83',
  measureUnit: '万元',
  weight: '10',
} as const
const ceilingItem = item({ metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE })

describe('cost ceilings score as ceilings (domain-rules §11.5)', () => {
  it('324.88 spent under a ceiling of 1,129.83 is met: full marks (it scored 0 as 28.75% completion)', () => {
    const kept = row(
      ceiling,
      '0.2875',
      { actualValue: '324.88' },
      { source: 'trend', value: new D('649.76'), timeProgress: new D('0.5') },
    )
    expect(scored(ceilingItem, context({ indicators: [kept] })).points.toFixed()).toBe('10')
  })

  it('a forecast of 1,300 over the ceiling is a shortfall: 1 − 170.17 ÷ 1129.83 = 84.94% → 8.49 (it scored full as 115%)', () => {
    const over = row(
      ceiling,
      '1.1506',
      { actualValue: '324.88', yearEndForecast: '1300' },
      { source: 'entered', value: new D('1300') },
    )
    const result = scored(ceilingItem, context({ indicators: [over] }))
    expect([result.points.toFixed(), result.indicators[0]?.rate?.toFixed()]).toEqual(['8.49', '0.8494'])
  })

  it('mid-year, spending on a trend over the ceiling (600 at 1-6月 → 1,200) is a shortfall too: 93.79% → 9.38', () => {
    const trend = row(
      ceiling,
      '0.531',
      { actualValue: '600' },
      { source: 'trend', value: new D('1200'), timeProgress: new D('0.5') },
    )
    expect(scored(ceilingItem, context({ month: 6, indicators: [trend] })).points.toFixed()).toBe('9.38')
  })

  it('an actual already over the ceiling counts even with a lower forecast typed: 1,200 → 9.38', () => {
    const broken = row(
      ceiling,
      '1.0621',
      { actualValue: '1200', yearEndForecast: '1000' },
      { source: 'entered', value: new D('1000') },
    )
    expect(scored(ceilingItem, context({ indicators: [broken] })).points.toFixed()).toBe('9.38')
  })
})

describe('weights and rules come from the table (domain-rules §11.1, §11.4)', () => {
  it('another table gives 支出率 5 分: an average of 99.14% scores 4.96 of 5', () => {
    // 11月 and 12月 both at 99.14% of schedule
    const months = [11, 12].map((month) => ({
      month: month as MonthNumber,
      rate: new D('0.9914'),
      executionRate: new D('0.9914').times(month).div(12),
      timeProgress: new D(month).div(12),
    }))
    const average = averageMonthlyExecutionRate(months, 12)
    const expenditure = item({ weight: '5', metric: { kind: 'monthlyExecution' }, rule: PROPORTIONAL_TO_FULL_RULE })
    expect(scored(expenditure, context({ monthlyAverage: average })).points.toFixed()).toBe('4.96')
  })

  it('结转结余 never scores above its 分值: seed 003’s 2-point tiers on a 1-分 item score 1, and the scheme check says so', () => {
    const copied: SchemeItem = item({
      id: 'carryOverRate',
      level3: '结转结余率',
      weight: '1',
      metric: { kind: 'budgetRatio', numerator: 'yearEndCarryOver', denominator: 'availableBudget', basis: 'ratio' },
      rule: {
        kind: 'tiers',
        direction: 'atMost',
        tiers: [
          { threshold: '0.1', inclusive: true, points: '2' },
          { threshold: '0.2', inclusive: true, points: '1' },
        ],
        otherwise: '0',
      },
    })
    const ctx = context({
      budget: { adjustedBudget: new D(1000), carryOver: new D(0), availableBudget: new D(1000), spent: new D(0) },
      inputs: inputs({ yearEndCarryOver: '0' }),
    })
    expect(scored(copied, ctx).points.toFixed()).toBe('1')
    expect(schemeProblems(scheme([copied])).filter((p) => p.severity === 'error')).toEqual([
      {
        itemIndex: 0,
        field: 'rule.tiers[0].points',
        severity: 'error',
        message: '第1项「结转结余率」：第1档的得分2超过本项分值1',
      },
    ])
  })

  it('公用经费控制率 as actual ÷ budget: 290.88 of 100 shows 290.88% (not 190.88%) and scores 0; 103% scores 0 where the table passes only ≤ 100%', () => {
    const metric: Metric = {
      kind: 'budgetRatio',
      numerator: 'publicExpenseActual',
      denominator: 'publicExpenseInitialBudget',
      basis: 'ratio',
      label: '公用经费控制率',
    }
    const rule: SimpleRule = { kind: 'passFail', condition: { operator: '≤', value: '1' } }
    const control = item({ weight: '2', metric, rule })
    const at = (actual: `${number}`) =>
      scored(control, context({ inputs: inputs({ publicExpenseActual: actual, publicExpenseInitialBudget: '100' }) }))
    const over = at('290.88')
    expect([over.reading && readingText(over.reading, 2), over.points.toFixed()]).toEqual(['290.88%', '0'])
    expect([at('103').points.toFixed(), at('100').points.toFixed()]).toEqual(['0', '2'])
  })

  it('under seed 003’s own table 103% is a 控制率 of 3%, one started 5% step: 1.5 of 2', () => {
    const seed = SEED003_SCHEME.items.find((i) => i.id === 'publicExpenseControl')
    const result =
      seed &&
      scored(seed, context({ inputs: inputs({ publicExpenseActual: '103', publicExpenseInitialBudget: '100' }) }))
    expect([result?.reading && readingText(result.reading, 2), result?.points.toFixed()]).toEqual(['3.00%', '1.5'])
  })

  it('人员控制率 is a ratio of head counts with its own rule, not a plain ≤ indicator: 49 of 50 → 98% → 2', () => {
    const staff = item({
      weight: '2',
      metric: {
        kind: 'budgetRatio',
        numerator: 'staffCount',
        denominator: 'staffingQuota',
        basis: 'ratio',
        label: '人员控制率',
      },
      rule: { kind: 'passFail', condition: { operator: '≤', value: '1' } },
    })
    expect(scored(staff, context({ inputs: inputs({ staffCount: '49', staffingQuota: '50' }) })).points.toFixed()).toBe(
      '2',
    )
  })
})

describe('rounding follows the scheme: half-up, 2 decimals, per item, before tiers and grades (domain-rules §11.6)', () => {
  it('an item of 89.996 is 90.00, and the total 90.00 grades 优, not 良', () => {
    // 90 分 over two indicators weighted 4 and 5: 99.99% × 40 + 100% × 50 = 39.996 + 50 = 89.996
    const indicators = [row({ weight: '4' }, '0.9999'), row({ weight: '5' }, '1')]
    const table = scheme([
      item({ id: 'a', weight: '90', metric: { kind: 'indicators' }, rule: PROPORTIONAL_TO_FULL_RULE }),
      item({ id: 'b', weight: '10', metric: { kind: 'entered', input: 'yesNo' }, rule: { kind: 'passFail' } }),
    ])
    const result = scoreScheme(table, context({ indicators, inputs: inputs({}, { b: entered.no }) }))
    expect(result.items[0]?.indicators.map((p) => p.points.toFixed())).toEqual(['39.996', '50'])
    expect([result.items[0]?.points.toFixed(2), result.total.toFixed(2), result.grade]).toEqual([
      '90.00',
      '90.00',
      '优',
    ])
  })

  it('a rate of 59.996% is the 60.00% shown and scores as 60%: 6 of 10 under seed 003, 1 in a ≥60% tier', () => {
    expect(scored(ceilingItem, context({ indicators: [row({ weight: '10' }, '0.59996')] })).points.toFixed()).toBe('6')
    const tier = item({
      weight: '2',
      metric: { kind: 'entered', input: 'number', unit: '%' },
      rule: {
        kind: 'tiers',
        direction: 'atLeast',
        tiers: [{ threshold: '0.6', inclusive: true, points: '1' }],
        otherwise: '0',
      },
    })
    const result = scored(tier, context({ inputs: inputs({}, { x: entered.number('0.59996') }) }))
    expect([result.reading && readingText(result.reading, 2), result.points.toFixed()]).toEqual(['60.00%', '1'])
  })

  it('the total is the sum of the rounded items: three items of 10 ÷ 3 each (3.33) total 9.99, not 10', () => {
    const third = (id: string) =>
      item({
        id,
        weight: '10',
        metric: { kind: 'entered', input: 'number', unit: '%' },
        rule: PROPORTIONAL_TO_FULL_RULE,
      })
    const table = scheme([third('a'), third('b'), third('c')])
    const value = entered.number('0.3333333')
    const result = scoreScheme(table, context({ inputs: inputs({}, { a: value, b: value, c: value }) }))
    expect([result.items.map((i) => i.points.toFixed()), result.total.toFixed()]).toEqual([
      ['3.33', '3.33', '3.33'],
      '9.99',
    ])
  })
})

describe('every item enters the total (domain-rules §11.8)', () => {
  it('indicators all met but 15 分 lost on management items: the table says 85 → 良, where the indicator-only preview said 优', () => {
    const indicators = [row({ weight: '10' }, '1'), row({ weight: '10' }, '1')]
    const table = scheme([
      item({ id: 'indicators', weight: '70', metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE }),
      item({
        id: 'audit',
        weight: '15',
        metric: { kind: 'entered', input: 'findings' },
        rule: { kind: 'perFinding', kinds: [{ name: '审计发现问题', deduction: '5' }] },
      }),
      item({ id: 'monitoring', weight: '15', metric: { kind: 'entered', input: 'yesNo' }, rule: { kind: 'passFail' } }),
    ])
    const ctx = context({
      indicators,
      inputs: inputs({}, { audit: entered.findings(undefined, undefined, undefined), monitoring: entered.yes }),
    })
    const result = scoreScheme(table, ctx)
    expect([result.total.toFixed(), result.grade]).toEqual(['85', '良'])
    expect(scorePreview('seed003', indicators).grade).toBe('优')
  })
})
