import { describe, expect, it } from 'vitest'
import { formatNumber, formatPercent } from '../../src/domain/decimal'
import {
  completionRate,
  expectedAtNode,
  forecastCompletion,
  isCostCeiling,
  quantitativeRate,
} from '../../src/domain/completion'
import type { CompletionResult } from '../../src/domain/completion'
import { D } from '../../src/domain/decimal'
import { SEED001_AS_OF, indicator, reading } from './factories'
import type { DecimalString } from '../../src/domain/types'

/** '46.67%' for a rate, the status otherwise */
function shown(result: CompletionResult, places = 2): string {
  return result.status === 'rate' ? formatPercent(result.rate, places) : result.status
}

function rateOf(target: string, actual: string, overrides: Parameters<typeof indicator>[0] = {}): CompletionResult {
  const ind = indicator({ targetValue: target, ...overrides })
  return completionRate(ind, reading(ind.id, { actualValue: actual }), SEED001_AS_OF)
}

describe('completionRate: positive indicators (actual ÷ target)', () => {
  it('reports 46.67% for 7 of 15 (seed 001 用地初审, 47% in the report)', () => {
    expect(shown(rateOf('15', '7'))).toBe('46.67%')
    expect(shown(rateOf('15', '7'), 0)).toBe('47%')
  })

  it('reports 6.67% for 30 of 450 亩 (seed 001 新增建设用地报批, 7%)', () => {
    expect(shown(rateOf('450', '30'))).toBe('6.67%')
    expect(shown(rateOf('450', '30'), 0)).toBe('7%')
  })

  it('reports 33% for 4 of 12 次 (seed 001 开展及红枣培训会议次数)', () => {
    expect(shown(rateOf('12', '4'), 0)).toBe('33%')
  })

  it('reports 61.22% for 60 against ≥98% as a level (seed 001 项目工程验收合格率, 61%)', () => {
    const result = rateOf('98', '60', { operator: '≥', accrual: 'level', measureUnit: '%' })
    expect(shown(result)).toBe('61.22%')
    expect(shown(result, 0)).toBe('61%')
  })

  it('reports 50% for 评估率 50 of 100% (seed 001 国有建设用地和国有农用地评估率)', () => {
    expect(shown(rateOf('100', '50', { measureUnit: '%' }), 0)).toBe('50%')
  })

  it('reports 100% for 工资发放及时率 100 against ≥100% (seed 001)', () => {
    expect(shown(rateOf('100', '100', { accrual: 'level', measureUnit: '%' }), 0)).toBe('100%')
  })

  it('reports 50% for 6 of 12 months of 日常工作运转 (seed 001 “12月31日前完成”)', () => {
    expect(shown(rateOf('12', '6', { operator: '≤', targetLabel: '12月31日前完成', measureUnit: '个月' }), 0)).toBe(
      '50%',
    )
  })

  it('goes above 100% when the target is exceeded', () => {
    expect(shown(rateOf('10', '13'))).toBe('130.00%')
  })

  it("rejects a zero target with '年度指标值为0，无法计算完成率' instead of Infinity", () => {
    expect(rateOf('0', '5')).toEqual({
      status: 'invalid',
      message: '年度指标值为0，无法计算完成率',
      field: 'targetValue',
    })
  })

  it('treats `= 0` as zero tolerance: 100% for 0, 0% for anything else', () => {
    expect(shown(rateOf('0', '0', { operator: '=' }))).toBe('100.00%')
    expect(shown(rateOf('0', '2', { operator: '=' }))).toBe('0.00%')
  })
})

describe('completionRate: reverse indicators', () => {
  const level = { operator: '≤', accrual: 'level' } as const

  it('is 100% at or below the target as a level (结余率 ≤10%)', () => {
    expect(shown(rateOf('10', '8', level))).toBe('100.00%')
    expect(shown(rateOf('10', '10', level))).toBe('100.00%')
  })

  it('falls linearly between the target and twice the target: 12 against ≤10 → 80%', () => {
    expect(shown(rateOf('10', '12', level))).toBe('80.00%')
  })

  it('is 0% at twice the target or more', () => {
    expect(shown(rateOf('10', '20', level))).toBe('0.00%')
    expect(shown(rateOf('10', '35', { operator: '<', accrual: 'level' }))).toBe('0.00%')
  })

  it('is 100% for 0 against a zero cap and 0% above it', () => {
    expect(shown(rateOf('0', '0', level))).toBe('100.00%')
    expect(shown(rateOf('0', '1', level))).toBe('0.00%')
  })

  it('reports 28.75% for 324.88 of ≤1129.83 万元 spent as cumulative spending progress (seed 001 人员保障成本经费, 29%)', () => {
    const result = rateOf('1129.83', '324.88', { operator: '≤', measureUnit: '万元' })
    expect(shown(result)).toBe('28.75%')
    expect(shown(result, 0)).toBe('29%')
  })

  it('reports 28% for 58.86 of 213.42 万元 (seed 001 运转保障成本经费)', () => {
    expect(shown(rateOf('213.42', '58.86', { operator: '≤', measureUnit: '万元' }), 0)).toBe('28%')
  })

  it('reports 0% for 0 of 150 万元 (seed 001 项目保障成本经费)', () => {
    expect(shown(rateOf('150', '0', { operator: '≤', measureUnit: '万元' }), 0)).toBe('0%')
  })

  it('rejects a zero cumulative cap instead of dividing by it', () => {
    expect(rateOf('0', '3', { operator: '≤' }).status).toBe('invalid')
  })
})

describe('isCostCeiling (domain-rules §5.5: a ≤ / < cap whose 计量单位 is money)', () => {
  it('is true for seed 001 项目保障成本经费 ≤150 万元 and 人员保障成本经费 ≤1129.83 万元, and for 元 / 千元 and <', () => {
    expect(isCostCeiling(indicator({ operator: '≤', targetValue: '150', measureUnit: '万元' }))).toBe(true)
    expect(isCostCeiling(indicator({ operator: '≤', targetValue: '1129.83', measureUnit: '万元' }))).toBe(true)
    expect(isCostCeiling({ operator: '<', measureUnit: '元' })).toBe(true)
    expect(isCostCeiling({ operator: '≤', measureUnit: '千元' })).toBe(true)
    expect(isCostCeiling({ operator: '≤', measureUnit: ' 万元 ' })).toBe(true)
  })

  it('is false for 日常工作运转完成时间 ≤12 个月, 结余率 ≤10%, 完成土地出让成交价款 ≥5200 万元 and 定性', () => {
    expect(isCostCeiling({ operator: '≤', measureUnit: '个月' })).toBe(false)
    expect(isCostCeiling({ operator: '≤', measureUnit: '%' })).toBe(false)
    expect(isCostCeiling({ operator: '≥', measureUnit: '万元' })).toBe(false)
    expect(isCostCeiling({ operator: '=', measureUnit: '万元' })).toBe(false)
    expect(isCostCeiling({ operator: '定性', measureUnit: '' })).toBe(false)
  })
})

describe('completionRate: 定性 indicators', () => {
  const qualitative = indicator({ operator: '定性', targetValue: '效果明显', measureUnit: '', accrual: 'level' })
  const graded = (overrides: Parameters<typeof reading>[1]): CompletionResult =>
    completionRate(qualitative, reading(qualitative.id, overrides), SEED001_AS_OF)

  it('reports 30% for 未达成 with 30% (seed 001 自然资源损毁和浪费造成的经济损失)', () => {
    expect(shown(graded({ qualitativeGrade: '未达成', qualitativePercent: '30' }), 0)).toBe('30%')
  })

  it('reports 40% for 未达成 with 40% (seed 001 便民服务水平提升)', () => {
    expect(shown(graded({ qualitativeGrade: '未达成', qualitativePercent: '40' }), 0)).toBe('40%')
  })

  it('uses 100% / 70% / 30% when the grade comes without a percent', () => {
    expect(shown(graded({ qualitativeGrade: '达成' }), 0)).toBe('100%')
    expect(shown(graded({ qualitativeGrade: '部分达成' }), 0)).toBe('70%')
    expect(shown(graded({ qualitativeGrade: '未达成' }), 0)).toBe('30%')
  })

  it('accepts the band edges 80 for 达成 and 60 for 部分达成 (seed 003 含80%, 含60%)', () => {
    expect(shown(graded({ qualitativeGrade: '达成', qualitativePercent: '80' }), 0)).toBe('80%')
    expect(shown(graded({ qualitativeGrade: '部分达成', qualitativePercent: '60' }), 0)).toBe('60%')
  })

  it('rejects a percent outside its grade band with a Chinese message', () => {
    const result = graded({ qualitativeGrade: '部分达成', qualitativePercent: '85' })
    expect(result).toEqual({
      status: 'invalid',
      field: 'qualitativePercent',
      message: '「部分达成」的完成百分比应在60%（含）至80%（不含）之间，当前为85%',
    })
    expect(graded({ qualitativeGrade: '未达成', qualitativePercent: '60' }).status).toBe('invalid')
    expect(graded({ qualitativeGrade: '达成', qualitativePercent: '100.5' }).status).toBe('invalid')
  })

  it('rejects a percent that is not a number', () => {
    expect(graded({ qualitativeGrade: '达成', qualitativePercent: '九十' }).status).toBe('invalid')
  })

  it('is missing without a grade', () => {
    expect(graded({}).status).toBe('missing')
  })
})

describe('completionRate: due dates, missing and bad input', () => {
  const dueLater = indicator({
    name: '挂牌出让土地',
    targetValue: '20',
    measureUnit: '公顷',
    accrual: 'dueLater',
    dueDate: '2021-10-01',
  })

  it('is not due before the due date (seed 001 挂牌出让土地: 未达监控节点), even with a value typed', () => {
    expect(completionRate(dueLater, reading(dueLater.id, { actualValue: '3' }), SEED001_AS_OF)).toEqual({
      status: 'notDue',
    })
  })

  it('has a rate from the due date on', () => {
    expect(shown(completionRate(dueLater, reading(dueLater.id, { actualValue: '10' }), '2021-10-01'))).toBe('50.00%')
  })

  it('is never due without a due date', () => {
    const { dueDate: _none, ...noDate } = dueLater
    expect(completionRate(noDate, undefined, '2021-12-31').status).toBe('notDue')
  })

  it('is missing without a reading or without an actual value', () => {
    const ind = indicator()
    expect(completionRate(ind, undefined, SEED001_AS_OF)).toEqual({ status: 'missing' })
    expect(completionRate(ind, reading(ind.id, { actualValue: '  ' }), SEED001_AS_OF)).toEqual({ status: 'missing' })
  })

  it('rejects a negative actual value', () => {
    expect(rateOf('15', '-1')).toEqual({ status: 'invalid', message: '实际完成值不能为负数', field: 'actualValue' })
  })

  it('rejects an actual value that is not a number', () => {
    expect(rateOf('15', '七')).toMatchObject({ status: 'invalid', field: 'actualValue' })
  })

  it('rejects a target that is not a number', () => {
    expect(rateOf('12月31日前完成', '6')).toMatchObject({ status: 'invalid', field: 'targetValue' })
  })

  it('rejects an invalid node date', () => {
    const ind = indicator()
    expect(completionRate(ind, reading(ind.id, { actualValue: '7' }), '2021-06-31').status).toBe('invalid')
  })
})

describe('quantitativeRate', () => {
  it('is the same formula the reading goes through', () => {
    const result = quantitativeRate('≥', 'cumulative', new D(7), new D(15))
    expect(shown(result)).toBe('46.67%')
  })
})

describe('forecastCompletion', () => {
  it('rates the 全年预计完成值 against the target', () => {
    const ind = indicator({ targetValue: '450' })
    expect(shown(forecastCompletion(ind, reading(ind.id, { actualValue: '30', yearEndForecast: '400' })))).toBe(
      '88.89%',
    )
  })
})

describe('expectedAtNode', () => {
  it('expects 7.5 of 15 个 at 6月30日 (seed 001 用地初审)', () => {
    expect(expectedAtNode(indicator({ targetValue: '15' }), SEED001_AS_OF, 'month')?.toFixed()).toBe('7.5')
  })

  it('expects 225 of 450 亩 at 6月30日 (seed 001 报批)', () => {
    expect(expectedAtNode(indicator({ targetValue: '450' }), SEED001_AS_OF, 'month')?.toFixed()).toBe('225')
  })

  it('follows the days elapsed in day mode: 15 × 181 ÷ 365 ≈ 7.44', () => {
    const expected = expectedAtNode(indicator({ targetValue: '15' }), SEED001_AS_OF, 'day')
    expect(expected && formatNumber(expected, 2)).toBe('7.44')
  })

  it("uses the monthly plan's value for the node's month when given", () => {
    const plan: DecimalString[] = ['0', '1', '2', '3', '4', '5', '9', '10', '11', '12', '14', '15']
    expect(expectedAtNode(indicator({ targetValue: '15', monthlyPlan: plan }), SEED001_AS_OF, 'month')?.toFixed()).toBe(
      '5',
    )
  })

  it('has no expectation for level, due-later and 定性 indicators', () => {
    expect(expectedAtNode(indicator({ accrual: 'level' }), SEED001_AS_OF, 'month')).toBeNull()
    expect(expectedAtNode(indicator({ accrual: 'dueLater', dueDate: '2021-10-01' }), SEED001_AS_OF, 'month')).toBeNull()
    expect(expectedAtNode(indicator({ operator: '定性', targetValue: '效果明显' }), SEED001_AS_OF, 'month')).toBeNull()
  })
})
