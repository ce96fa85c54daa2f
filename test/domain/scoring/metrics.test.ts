/**
 * What an item reads (docs/domain-rules.md §11.2): indicators spread by their 分值, the average monthly
 * 通报 rate, budget ratios over the monitoring data and the 管理指标填报 (§11.3), and what is missing
 * said as 未填报 / 尚无数据, never taken as 0.
 */
import { describe, expect, it } from 'vitest'
import { D, formatPercent } from '../../../src/domain/decimal'
import { averageMonthlyExecutionRate } from '../../../src/domain/rates'
import type { MonthlyRate } from '../../../src/domain/rates'
import {
  PROPORTIONAL_TO_FULL_RULE,
  SEED003_COMPLETION_RULE,
  readingText,
  scoreScheme,
} from '../../../src/domain/scoring'
import type { Metric, SimpleRule } from '../../../src/domain/scoring'
import type { MonthNumber } from '../../../src/domain/types'
import { readSchemeWorkbook, schemeWorkbookBytes } from '../../../src/io/scoring/schemeWorkbook'
import { budget, context, inputs, item, row, scheme, scored } from './helpers'

const pass100: SimpleRule = { kind: 'passFail', condition: { operator: '≤', value: '1' } }
const ratio = (numerator: string, denominator: string, basis: 'ratio' | 'change' = 'ratio'): Metric =>
  ({ kind: 'budgetRatio', numerator, denominator, basis }) as Metric

describe('indicators: the item’s 分值 spread over the indicators (domain-rules §11.5, seed 003 各产出指标单项得分合计)', () => {
  const output: Metric = { kind: 'indicators', level1: ['产出指标'] }

  it('spreads 20 分 by the indicators’ own 分值 10 / 5 / 5: 100% → 10, 50% → 0 (below 60%), 80% → 4; 14 in all', () => {
    const rows = [row({ weight: '10' }, '1'), row({ weight: '5' }, '0.5'), row({ weight: '5' }, '0.8')]
    const result = scored(
      item({ weight: '20', metric: output, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: rows }),
    )
    expect(result.indicators.map((p) => [p.weight.toFixed(), p.points.toFixed()])).toEqual([
      ['10', '10'],
      ['5', '0'],
      ['5', '4'],
    ])
    expect(result.points.toFixed()).toBe('14')
  })

  it('weighs indicators equally when none carries a 分值 (seed 001): three met indicators on 20 分 → 20', () => {
    const rows = [row({}, '1'), row({}, '1.2'), row({}, '1')]
    expect(
      scored(
        item({ weight: '20', metric: output, rule: SEED003_COMPLETION_RULE }),
        context({ indicators: rows }),
      ).points.toFixed(),
    ).toBe('20')
  })

  it('reads only the 一级 it names: a 效益指标 at 0% does not touch the 产出 item', () => {
    const rows = [row({ weight: '5' }, '1'), row({ level1: '效益指标', weight: '5' }, '0')]
    expect(
      scored(
        item({ weight: '20', metric: output, rule: SEED003_COMPLETION_RULE }),
        context({ indicators: rows }),
      ).points.toFixed(),
    ).toBe('20')
  })

  it('scores a 定性 indicator within its band whatever the rule: 未达成 30% of 10 → 3, not 0 under seed 003’s 60% threshold', () => {
    const qualitative = row(
      { operator: '定性', targetValue: '效果明显', measureUnit: '', accrual: 'level', weight: '10' },
      '0.3',
    )
    expect(
      scored(
        item({ metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE }),
        context({ indicators: [qualitative] }),
      ).points.toFixed(),
    ).toBe('3')
  })

  it('leaves an indicator not yet due out until it can be measured, and names it', () => {
    const due = row({ id: 'due', weight: '10' }, '1')
    const later = row({ id: 'later', weight: '10', accrual: 'dueLater', dueDate: '2021-12-01' }, { status: 'notDue' })
    const result = scored(
      item({ weight: '20', metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: [due, later] }),
    )
    expect([result.points.toFixed(), result.pendingIndicators, readingText(result.reading!, 2)]).toEqual([
      '20',
      ['later'],
      '1 项指标计分，1 项未到评价时点',
    ])
  })

  it('scores 0 with 尚无数据 when there is no indicator at all (seed 003: 如未报整体绩效目标，此项自评不得分)', () => {
    const result = scored(item({ weight: '20', metric: output, rule: SEED003_COMPLETION_RULE }), context())
    expect([result.points.toFixed(), result.reading]).toEqual([
      '0',
      { status: 'missing', reason: '尚无数据', message: '没有可计分的绩效指标' },
    ])
  })

  it('reads one indicator by id on the whole 分值, whatever its own: 85% → 8.5 of 10', () => {
    const rows = [row({ id: 'a', weight: '3' }, '0.85'), row({ id: 'b' }, '0')]
    const result = scored(
      item({ metric: { kind: 'indicator', indicatorId: 'a' }, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: rows }),
    )
    expect([result.points.toFixed(), result.reading && readingText(result.reading, 2)]).toEqual(['8.5', '85.00%'])
  })

  it('an indicator without a reading is 未填报 and scores 0', () => {
    const result = scored(
      item({ metric: { kind: 'indicator', indicatorId: 'a' }, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: [row({ id: 'a', name: '用地初审' }, { status: 'missing' })] }),
    )
    expect([result.points.toFixed(), result.reading]).toEqual([
      '0',
      { status: 'missing', reason: '未填报', message: '指标「用地初审」未填报实际完成值' },
    ])
  })
})

describe('指标完成率: the indicator found by name when its id matches none (a scheme read from a file)', () => {
  const byName: Metric = { kind: 'indicator', indicatorId: '不动产登记办结率' }
  const registry = row({ id: 'i-1', name: '不动产登记办结率', weight: '3' }, '0.85')
  const farmland = row({ id: 'i-2', name: '耕地保护任务' }, '0')

  it('reads the indicator named like the stored id: 85% → 8.5 of 10', () => {
    const result = scored(
      item({ metric: byName, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: [farmland, registry] }),
    )
    expect([
      result.points.toFixed(),
      result.reading && readingText(result.reading, 2),
      result.indicators.map((i) => i.indicatorId),
    ]).toEqual(['8.5', '85.00%', ['i-1']])
  })

  it('an id that matches wins over a name that matches another indicator', () => {
    const namedA = row({ id: 'x', name: 'a' }, '0.5')
    const idA = row({ id: 'a', name: '用地初审' }, '0.85')
    const result = scored(
      item({ metric: { kind: 'indicator', indicatorId: 'a' }, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: [namedA, idA] }),
    )
    expect([result.points.toFixed(), result.indicators.map((i) => i.indicatorId)]).toEqual(['8.5', ['a']])
  })

  it('a name two indicators share scores neither, and says so', () => {
    const twin = row({ id: 'i-3', name: ' 不动产登记办结率 ' }, '1')
    const result = scored(
      item({ metric: byName, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: [registry, twin] }),
    )
    expect([result.points.toFixed(), result.reading]).toEqual([
      '0',
      {
        status: 'missing',
        reason: '填报有误',
        message: '有多个名为「不动产登记办结率」的指标，无法确定评分所用的指标',
      },
    ])
  })

  it('a name no indicator has is still 未找到指标', () => {
    const result = scored(
      item({ metric: { kind: 'indicator', indicatorId: '营商环境' }, rule: SEED003_COMPLETION_RULE }),
      context({ indicators: [registry, farmland] }),
    )
    expect([result.points.toFixed(), result.reading]).toEqual([
      '0',
      { status: 'missing', reason: '尚无数据', message: '未找到指标（营商环境）' },
    ])
  })

  it('a scheme file read without the indicator list scores its 指标完成率 item against the unit’s indicator', async () => {
    const written = scheme([
      item({
        id: 'registry',
        level3: '不动产登记办结率',
        weight: '10',
        metric: { kind: 'indicator', indicatorId: 'i-1' },
        rule: SEED003_COMPLETION_RULE,
      }),
    ])
    const bytes = await schemeWorkbookBytes(written, { indicators: [{ id: 'i-1', name: '不动产登记办结率' }] })
    const read = await readSchemeWorkbook(bytes)
    if (!read.ok) throw new Error(read.messages.join('；'))
    expect(read.value.items[0].metric).toEqual(byName)
    const result = scoreScheme(read.value, context({ indicators: [farmland, registry] }))
    expect([result.items[0].points.toFixed(), result.total.toFixed()]).toEqual(['8.5', '8.5'])
  })
})

describe('the average monthly 通报 rate (domain-rules §4.8)', () => {
  const monthly = (pairs: [number, string][]): MonthlyRate[] =>
    pairs.map(([m, rate]) => ({
      month: m as MonthNumber,
      rate: new D(rate),
      executionRate: new D(rate),
      timeProgress: new D(1),
    }))
  const expenditure = item({
    id: 'budgetExecution',
    metric: { kind: 'monthlyExecution' },
    rule: PROPORTIONAL_TO_FULL_RULE,
  })

  it('a unit exactly on schedule all year averages 100% → 10 of 10', () => {
    const onSchedule = monthly(Array.from({ length: 12 }, (_, i): [number, string] => [i + 1, '1']))
    const result = scored(expenditure, context({ monthlyAverage: averageMonthlyExecutionRate(onSchedule, 12) }))
    expect([result.points.toFixed(), result.months?.used.length]).toEqual(['10', 12])
  })

  it('entries only in months 3 and 6, on schedule: 100% → 10, and names the months used and left out', () => {
    const result = scored(
      expenditure,
      context({
        month: 6,
        monthlyAverage: averageMonthlyExecutionRate(
          monthly([
            [3, '1'],
            [6, '1'],
          ]),
          6,
        ),
      }),
    )
    expect([result.points.toFixed(), result.months]).toEqual(['10', { used: [3, 6], skipped: [1, 2, 4, 5] }])
  })

  it('only December: no average, 尚无数据, 0 of 10', () => {
    const result = scored(
      expenditure,
      context({ monthlyAverage: averageMonthlyExecutionRate(monthly([[12, '0.95']]), 12) }),
    )
    expect([result.points.toFixed(), result.reading]).toEqual([
      '0',
      { status: 'missing', reason: '尚无数据', message: '只有12月的执行数据，无法计算年度平均执行率' },
    ])
    expect(result.months?.used).toEqual([])
  })
})

describe('budget ratios over the monitoring data and the 管理指标填报 (domain-rules §11.2, §11.3)', () => {
  it('结转结余率 = 年末结转结余 ÷ (调整后预算 + 上年结转): 150 of 1000 + 500 → 10% → 2 (≤10%)', () => {
    const rule: SimpleRule = {
      kind: 'tiers',
      direction: 'atMost',
      tiers: [
        { threshold: '0.1', inclusive: true, points: '2' },
        { threshold: '0.2', inclusive: true, points: '1' },
      ],
      otherwise: '0',
    }
    const result = scored(
      item({ weight: '2', metric: ratio('yearEndCarryOver', 'availableBudget'), rule }),
      context({ budget: budget('1000', '500'), inputs: inputs({ yearEndCarryOver: '150' }) }),
    )
    expect([result.points.toFixed(), result.reading && readingText(result.reading, 2)]).toEqual(['2', '10.00%'])
  })

  it('人员控制率 = 在职人数 ÷ 编制数: 48 of 50 = 96% ≤ 100% → full; 52 → 104% → 0', () => {
    const staff = item({ weight: '2', metric: ratio('staffCount', 'staffingQuota'), rule: pass100 })
    expect(scored(staff, context({ inputs: inputs({ staffCount: '48', staffingQuota: '50' }) })).points.toFixed()).toBe(
      '2',
    )
    expect(scored(staff, context({ inputs: inputs({ staffCount: '52', staffingQuota: '50' }) })).points.toFixed()).toBe(
      '0',
    )
  })

  it('“三公”经费 change against last year: (95 − 100) ÷ 100 = −5% ≤ 0 → full; 105 → +5% → 0', () => {
    const rule: SimpleRule = { kind: 'passFail', condition: { operator: '≤', value: '0' } }
    const threePublic = item({ weight: '2', metric: ratio('threePublicActual', 'threePublicLastYear', 'change'), rule })
    const lower = scored(
      threePublic,
      context({ inputs: inputs({ threePublicActual: '95', threePublicLastYear: '100' }) }),
    )
    expect([lower.points.toFixed(), lower.reading && readingText(lower.reading, 2)]).toEqual(['2', '-5.00%'])
    expect(
      scored(
        threePublic,
        context({ inputs: inputs({ threePublicActual: '105', threePublicLastYear: '100' }) }),
      ).points.toFixed(),
    ).toBe('0')
  })

  it('非税收入 and 政府采购 execution: 180 of 200 = 90% → 1.8 of 2; 95 of 100 = 95% → 1.9 of 2', () => {
    const nonTax = item({
      weight: '2',
      metric: ratio('nonTaxRevenueActual', 'nonTaxRevenueBudget'),
      rule: PROPORTIONAL_TO_FULL_RULE,
    })
    const procurement = item({
      weight: '2',
      metric: ratio('procurementActual', 'procurementBudget'),
      rule: PROPORTIONAL_TO_FULL_RULE,
    })
    const ctx = context({
      inputs: inputs({
        nonTaxRevenueActual: '180',
        nonTaxRevenueBudget: '200',
        procurementActual: '95',
        procurementBudget: '100',
      }),
    })
    expect([scored(nonTax, ctx).points.toFixed(), scored(procurement, ctx).points.toFixed()]).toEqual(['1.8', '1.9'])
  })

  it('an amount not entered is 未填报 and names it; a zero denominator and missing budget data are 尚无数据', () => {
    const publicExpense = item({
      weight: '2',
      metric: ratio('publicExpenseActual', 'publicExpenseInitialBudget'),
      rule: pass100,
    })
    expect(scored(publicExpense, context({ inputs: inputs({ publicExpenseInitialBudget: '100' }) })).reading).toEqual({
      status: 'missing',
      reason: '未填报',
      message: '公用经费实际支出未填报',
    })
    expect(
      scored(publicExpense, context({ inputs: inputs({ publicExpenseActual: '5', publicExpenseInitialBudget: '0' }) }))
        .reading,
    ).toEqual({ status: 'missing', reason: '尚无数据', message: '公用经费年初预算为0，无法计算比率' })
    expect(scored(item({ metric: ratio('spent', 'adjustedBudget'), rule: pass100 }), context()).reading).toEqual({
      status: 'missing',
      reason: '尚无数据',
      message: '尚无执行数数据',
    })
  })
})

describe('the score at a node: 按当前进度预计 before 1-12月, the year-end score at 1-12月 (domain-rules §11.8)', () => {
  const table = scheme([item({ weight: '100', metric: { kind: 'monthlyExecution' }, rule: PROPORTIONAL_TO_FULL_RULE })])
  const average = averageMonthlyExecutionRate(
    [6, 9].map((m) => ({
      month: m as MonthNumber,
      rate: new D('0.8'),
      executionRate: new D('0.4'),
      timeProgress: new D('0.5'),
    })),
    9,
  )

  it('at 1-9月 the score is projected on the months so far (6, 9 → 80 分, 良)', () => {
    const result = scoreScheme(table, context({ month: 9, monthlyAverage: average }))
    expect([result.mode, result.total.toFixed(), result.grade, result.items[0]?.months?.used]).toEqual([
      'projected',
      '80',
      '良',
      [6, 9],
    ])
  })

  it('at 1-12月 it is the year-end score', () => {
    expect(scoreScheme(table, context({ month: 12, monthlyAverage: average })).mode).toBe('yearEnd')
  })

  it('shows a rate with the chosen precision: 95.6% at 0 places reads 96%', () => {
    expect(formatPercent(new D('0.956'), 0)).toBe('96%')
  })
})
