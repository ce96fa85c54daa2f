import { describe, expect, it } from 'vitest'
import { D, formatNumber, formatPercent } from '../../src/domain/decimal'
import {
  budgetLight,
  countLights,
  indicatorLight,
  isOverspent,
  spendsUnallocatedFunds,
  worstLight,
} from '../../src/domain/lights'
import type { IndicatorAssessment } from '../../src/domain/lights'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import type { DecimalString, Indicator, IndicatorReading, IsoDate } from '../../src/domain/types'
import { SEED001_AS_OF, indicator, reading, settings } from './factories'

const thresholds = DEFAULT_SETTINGS.budgetLight

function assess(
  ind: Indicator,
  r: Partial<IndicatorReading> | undefined,
  asOf: IsoDate = SEED001_AS_OF,
): IndicatorAssessment {
  return indicatorLight(ind, r ? reading(ind.id, r) : undefined, asOf, settings())
}

describe('budgetLight (执行率 ÷ 序时进度 × 100)', () => {
  it('gives ratio 51.4 and red for 25.70% at 序时进度 50% (seed 001 whole budget)', () => {
    const rate = new D('383.74').div('1493.25')
    const result = budgetLight(rate, new D('0.5'), thresholds)
    expect(result.light).toBe('red')
    expect(result.ratio && formatNumber(result.ratio, 1)).toBe('51.4')
  })

  it('is yellow from 60 to below 80 and green from 80', () => {
    expect(budgetLight(new D('0.3'), new D('0.5'), thresholds).light).toBe('yellow') // 60
    expect(budgetLight(new D('0.3999'), new D('0.5'), thresholds).light).toBe('yellow') // 79.98
    expect(budgetLight(new D('0.4'), new D('0.5'), thresholds).light).toBe('green') // 80
    expect(budgetLight(new D('0.2999'), new D('0.5'), thresholds).light).toBe('red') // 59.98
  })

  it('reads its thresholds from the settings', () => {
    expect(budgetLight(new D('0.3'), new D('0.5'), { red: 70, yellow: 90 }).light).toBe('red')
  })

  it('is grey without a rate (zero budget) or without elapsed time', () => {
    expect(budgetLight(null, new D('0.5'), thresholds)).toEqual({ light: 'grey', ratio: null })
    expect(budgetLight(new D('0.1'), new D(0), thresholds)).toEqual({ light: 'grey', ratio: null })
  })

  it('flags 执行率 above 100% as over-spent, and 100% itself not', () => {
    expect(isOverspent(new D('1.0001'))).toBe(true)
    expect(isOverspent(new D(1))).toBe(false)
    expect(isOverspent(null)).toBe(false)
  })

  it('flags spending more than the allocated funds as a data error', () => {
    expect(spendsUnallocatedFunds({ allocated: new D(100), spent: new D(120) })).toBe(true)
    expect(spendsUnallocatedFunds({ allocated: new D(100), spent: new D(100) })).toBe(false)
  })
})

describe('indicatorLight: seed 001 at 2021-06-30', () => {
  it('is green for 用地初审 7 of 15: expected 7.5, 93% of expected', () => {
    const a = assess(indicator({ targetValue: '15' }), { actualValue: '7' })
    expect(a.light).toBe('green')
    expect(a.expected?.toFixed()).toBe('7.5')
    expect(a.ratioToExpected && formatPercent(a.ratioToExpected, 0)).toBe('93%')
    expect(a.completion.status === 'rate' && formatPercent(a.completion.rate)).toBe('46.67%')
  })

  it('is red for 新增建设用地报批 30 of 450 亩 (6.67%, 13% of the expected 225)', () => {
    const a = assess(indicator({ name: '新增建设用地报批', targetValue: '450', measureUnit: '亩' }), {
      actualValue: '30',
    })
    expect(a.light).toBe('red')
    expect(a.ratioToExpected && formatPercent(a.ratioToExpected)).toBe('13.33%')
  })

  it('is yellow for 培训会议 4 of 12 次 (67% of the expected 6)', () => {
    expect(assess(indicator({ targetValue: '12' }), { actualValue: '4' }).light).toBe('yellow')
  })

  it('is red for 项目工程验收合格率 60 against ≥98% as a level (61.22%)', () => {
    const a = assess(indicator({ targetValue: '98', accrual: 'level', measureUnit: '%' }), { actualValue: '60' })
    expect(a.light).toBe('red')
    expect(a.expected).toBeNull()
    expect(a.ratioToExpected).toBeNull()
  })

  it('is green for 工资发放及时率 100 against ≥100%', () => {
    expect(assess(indicator({ targetValue: '100', accrual: 'level' }), { actualValue: '100' }).light).toBe('green')
  })

  it('is grey for 挂牌出让土地 before its due date (未达监控节点)', () => {
    const a = assess(indicator({ targetValue: '20', accrual: 'dueLater', dueDate: '2021-10-01' }), {
      likelihood: '确定能',
    })
    expect(a.light).toBe('grey')
    expect(a.completion.status).toBe('notDue')
  })

  it('人员保障成本经费 ≤1129.83 万元 with 324.88 spent at 1-6月 is green, not red (seed 001)', () => {
    // a cost ceiling: 324.88 ≤ 1129.83 and the 全年预计 1129.83 ≤ 1129.83; slow spending is the budget light's job
    const a = assess(indicator({ operator: '≤', targetValue: '1129.83', measureUnit: '万元' }), {
      actualValue: '324.88',
      yearEndForecast: '1129.83',
    })
    expect(a.light).toBe('green')
    expect(a.completion.status === 'rate' && formatPercent(a.completion.rate)).toBe('28.75%')
    expect(a.expected).toBeNull()
    expect(a.ratioToExpected).toBeNull()
    expect(a.ceilingForecast?.source).toBe('entered')
    expect(a.ceilingForecast?.value.toFixed()).toBe('1129.83')
  })

  it('is red for 定性 未达成 with 30% (seed 001 经济效益)', () => {
    const ind = indicator({ operator: '定性', targetValue: '效果明显', accrual: 'level' })
    expect(assess(ind, { qualitativeGrade: '未达成', qualitativePercent: '30' }).light).toBe('red')
  })
})

describe('indicatorLight: the rules', () => {
  it('is blue at 120% of expected or more (over-run), green just below', () => {
    expect(assess(indicator({ targetValue: '10' }), { actualValue: '6' }).light).toBe('blue') // 6 ÷ 5 = 120%
    expect(assess(indicator({ targetValue: '10' }), { actualValue: '5.99' }).light).toBe('green')
  })

  it('is green from 80% of expected, yellow from 60%, red below', () => {
    expect(assess(indicator({ targetValue: '10' }), { actualValue: '4' }).light).toBe('green')
    expect(assess(indicator({ targetValue: '10' }), { actualValue: '3.99' }).light).toBe('yellow')
    expect(assess(indicator({ targetValue: '10' }), { actualValue: '3' }).light).toBe('yellow')
    expect(assess(indicator({ targetValue: '10' }), { actualValue: '2.99' }).light).toBe('red')
  })

  it('reads the indicator thresholds from the settings', () => {
    const ind = indicator({ targetValue: '10' })
    const strict = settings({ indicatorLight: { red: 90, yellow: 95, blue: 150 } })
    expect(indicatorLight(ind, reading(ind.id, { actualValue: '4' }), SEED001_AS_OF, strict).light).toBe('red')
  })

  it('is green when nothing is expected yet by the monthly plan', () => {
    const plan: DecimalString[] = ['0', '0', '0', '0', '0', '0', '2', '4', '6', '8', '9', '10']
    expect(assess(indicator({ targetValue: '10', monthlyPlan: plan }), { actualValue: '0' }).light).toBe('green')
  })

  it('colours 定性 grades: 达成 green, 部分达成 yellow, 未达成 red', () => {
    const ind = indicator({ operator: '定性', targetValue: '明显提升', accrual: 'level' })
    expect(assess(ind, { qualitativeGrade: '达成' }).light).toBe('green')
    expect(assess(ind, { qualitativeGrade: '部分达成' }).light).toBe('yellow')
    expect(assess(ind, { qualitativeGrade: '未达成' }).light).toBe('red')
  })

  it('is green for a reverse level within its cap and red above it', () => {
    const cap = indicator({ operator: '≤', targetValue: '10', accrual: 'level', measureUnit: '%' })
    expect(assess(cap, { actualValue: '10' }).light).toBe('green')
    expect(assess(cap, { actualValue: '10.5' }).light).toBe('red')
    const strict = indicator({ operator: '<', targetValue: '10', accrual: 'level' })
    expect(assess(strict, { actualValue: '10' }).light).toBe('red')
  })

  it('is grey with no reading, and grey for input that gives no rate', () => {
    expect(assess(indicator(), undefined).light).toBe('grey')
    expect(assess(indicator({ targetValue: '0' }), { actualValue: '3' }).light).toBe('grey')
  })

  it('judges a due-later indicator as a level once due', () => {
    const ind = indicator({ targetValue: '98', accrual: 'dueLater', dueDate: '2021-12-31' })
    expect(assess(ind, { actualValue: '99' }, '2021-12-31').light).toBe('green')
    expect(assess(ind, { actualValue: '97' }, '2021-12-31').light).toBe('red')
  })
})

describe('indicatorLight: cost ceilings (≤ / < in 万元, 元, 千元; domain-rules §5.5)', () => {
  const ceiling150 = (overrides: Partial<Indicator> = {}): Indicator =>
    indicator({
      level1: '成本指标',
      level2: '经济成本指标',
      name: '项目保障成本经费',
      operator: '≤',
      targetValue: '150',
      measureUnit: '万元',
      ...overrides,
    })

  it('项目保障成本经费 ≤150 万元 with 0 spent is green (seed 001), its 完成率 still 0%', () => {
    const a = assess(ceiling150(), { actualValue: '0', yearEndForecast: '150' })
    expect(a.light).toBe('green')
    expect(a.completion.status === 'rate' && formatPercent(a.completion.rate)).toBe('0.00%')
    expect(a.ratioToExpected).toBeNull()
  })

  it('人员保障成本经费 324.88 at 1-6月 without a forecast is green on the trend 649.76 ≤ 1129.83 (seed 001)', () => {
    const a = assess(indicator({ operator: '≤', targetValue: '1129.83', measureUnit: '万元' }), {
      actualValue: '324.88',
    })
    expect(a.light).toBe('green')
    expect(a.ceilingForecast).toMatchObject({ source: 'trend' })
    expect(a.ceilingForecast?.value.toFixed()).toBe('649.76')
  })

  it('forecast 160 over a ceiling of 150 is yellow', () => {
    const a = assess(ceiling150(), { actualValue: '60', yearEndForecast: '160' })
    expect(a.light).toBe('yellow')
    expect(a.ceilingForecast?.source).toBe('entered')
    expect(a.ceilingForecast?.value.toFixed()).toBe('160')
    expect(a.completion.status === 'rate' && formatPercent(a.completion.rate)).toBe('40.00%')
  })

  it('actual 151 over 150 is red, whatever the forecast says', () => {
    expect(assess(ceiling150(), { actualValue: '151', yearEndForecast: '151' }).light).toBe('red')
    expect(assess(ceiling150(), { actualValue: '151', yearEndForecast: '140' }).light).toBe('red')
    const a = assess(ceiling150(), { actualValue: '151' })
    expect(a.light).toBe('red')
    expect(a.completion.status === 'rate' && formatPercent(a.completion.rate)).toBe('100.67%')
  })

  it('no forecast: trend 80 at 1-6月 → 160 > 150 is yellow', () => {
    const a = assess(ceiling150(), { actualValue: '80' })
    expect(a.light).toBe('yellow')
    expect(a.ceilingForecast).toMatchObject({ source: 'trend' })
    expect(a.ceilingForecast?.value.toFixed()).toBe('160')
    expect(a.ceilingForecast?.source === 'trend' && a.ceilingForecast.timeProgress.toFixed()).toBe('0.5')
    // 75 at 1-6月 heads for exactly 150: within a ≤ ceiling
    expect(assess(ceiling150(), { actualValue: '75' }).light).toBe('green')
  })

  it('takes the trend when 全年预计 is not a number, and trusts an entered forecast over the trend', () => {
    expect(assess(ceiling150(), { actualValue: '80', yearEndForecast: '约150' }).light).toBe('yellow') // trend 160
    expect(assess(ceiling150(), { actualValue: '80', yearEndForecast: ' ' }).light).toBe('yellow')
    expect(assess(ceiling150(), { actualValue: '80', yearEndForecast: '150' }).light).toBe('green')
    expect(assess(ceiling150(), { actualValue: '10', yearEndForecast: '150.01' }).light).toBe('yellow')
  })

  it('trends on the day-based 序时进度 when set: 80 ÷ (181 ÷ 365) = 161.33 at 6月30日', () => {
    const ind = ceiling150()
    const a = indicatorLight(
      ind,
      reading(ind.id, { actualValue: '80' }),
      SEED001_AS_OF,
      settings({ timeProgressMode: 'day' }),
    )
    expect(a.light).toBe('yellow')
    expect(a.ceilingForecast && formatNumber(a.ceilingForecast.value, 2)).toBe('161.33')
    // 74.5 ÷ (181 ÷ 365) = 150.24 > 150 on days, 149 on months
    expect(
      indicatorLight(
        ind,
        reading(ind.id, { actualValue: '74.5' }),
        SEED001_AS_OF,
        settings({ timeProgressMode: 'day' }),
      ).light,
    ).toBe('yellow')
    expect(assess(ind, { actualValue: '74.5' }).light).toBe('green')
  })

  it("is strict under '<': reaching the ceiling is red, a forecast at the ceiling is yellow", () => {
    const strict = ceiling150({ operator: '<' })
    expect(assess(strict, { actualValue: '150', yearEndForecast: '150' }).light).toBe('red')
    expect(assess(strict, { actualValue: '100', yearEndForecast: '150' }).light).toBe('yellow')
    expect(assess(strict, { actualValue: '100', yearEndForecast: '149.99' }).light).toBe('green')
  })

  it('applies to 元 and 千元 too, and never turns blue', () => {
    expect(assess(ceiling150({ measureUnit: '元', targetValue: '1500000' }), { actualValue: '800000' }).light).toBe(
      'yellow',
    ) // 1600000
    expect(assess(ceiling150({ measureUnit: '千元', targetValue: '1500' }), { actualValue: '700' }).light).toBe('green') // 1400
    // far ahead of a straight line but under the ceiling: no over-run for a ceiling
    expect(assess(ceiling150(), { actualValue: '140', yearEndForecast: '150' }).light).toBe('green')
  })

  it('a level money cap has no trend: green within it unless the entered forecast breaks it', () => {
    const level = ceiling150({ accrual: 'level' })
    const a = assess(level, { actualValue: '140' })
    expect(a.light).toBe('green')
    expect(a.ceilingForecast).toBeUndefined()
    expect(assess(level, { actualValue: '140', yearEndForecast: '155' }).light).toBe('yellow')
    expect(assess(level, { actualValue: '155' }).light).toBe('red')
  })

  it('keeps the count rule for caps that are not money (日常工作运转完成时间 ≤12 个月, 6 at 1-6月)', () => {
    const a = assess(indicator({ operator: '≤', targetValue: '12', measureUnit: '个月' }), { actualValue: '6' })
    expect(a.light).toBe('green')
    expect(a.expected?.toFixed()).toBe('6')
    expect(a.ratioToExpected?.toFixed()).toBe('1')
    expect(
      assess(indicator({ operator: '≤', targetValue: '12', measureUnit: '个月' }), { actualValue: '3' }).light,
    ).toBe('red')
  })

  it('is grey with no reading, as before', () => {
    const a = assess(ceiling150(), undefined)
    expect(a.light).toBe('grey')
    expect(a.completion.status).toBe('missing')
  })
})

describe('worstLight and countLights', () => {
  it('orders red over yellow over blue over green', () => {
    expect(worstLight(['green', 'blue', 'yellow', 'red'])).toBe('red')
    expect(worstLight(['green', 'blue', 'yellow'])).toBe('yellow')
    expect(worstLight(['green', 'blue'])).toBe('blue')
    expect(worstLight(['green'])).toBe('green')
  })

  it('ignores grey, and is grey for nothing or only grey', () => {
    expect(worstLight(['grey', 'green'])).toBe('green')
    expect(worstLight(['grey'])).toBe('grey')
    expect(worstLight([])).toBe('grey')
  })

  it('counts each light', () => {
    expect(countLights(['red', 'red', 'grey'])).toEqual({ red: 2, yellow: 0, green: 0, blue: 0, grey: 1 })
  })
})

describe('expected at node is exact (multiplied before divided)', () => {
  it('办理建设项目用地初审 ≥15 个 at 1-2月 expects exactly 2.5, so 2 done is 80% and green (seed 001 indicator)', () => {
    const initial = indicator({
      name: '办理建设项目用地初审',
      operator: '≥',
      targetValue: '15',
      measureUnit: '个',
      accrual: 'cumulative',
    })
    const assessed = indicatorLight(initial, reading(initial.id, { actualValue: '2' }), '2021-02-28', settings())
    expect(assessed.expected?.toFixed()).toBe('2.5')
    expect(assessed.ratioToExpected?.toFixed()).toBe('0.8')
    expect(assessed.light).toBe('green')
  })
})
