import { describe, expect, it } from 'vitest'
import { D } from '../../src/domain/decimal'
import {
  budgetExecutionText,
  monthListText,
  monthlyAverageText,
  NO_MONTHLY_AVERAGE_TEXT,
  unreportedLinesText,
  unreportedLinesTitle,
} from '../../src/domain/executionText'
import type { MonthlyExecutionAverage, UnreportedLine } from '../../src/domain/rates'
import type { MonthNumber } from '../../src/domain/types'

const line = (name: string, latestMonth: MonthNumber | null): UnreportedLine => ({
  budgetLineId: name,
  name,
  latestMonth,
})

describe('monthListText', () => {
  it('writes runs of three or more as a range and the rest one by one', () => {
    expect(monthListText([1, 2, 3, 4, 5, 6])).toBe('1-6月')
    expect(monthListText([3, 6])).toBe('3、6月')
    expect(monthListText([1, 2, 12])).toBe('1、2、12月')
    expect(monthListText([12, 1, 2, 3, 5, 6])).toBe('1-3、5、6、12月')
    expect(monthListText([6, 6])).toBe('6月')
    expect(monthListText([])).toBe('')
  })
})

describe('unreportedLinesText (the 执行数 card at a node)', () => {
  it('says nothing when every line reported the node month', () => {
    expect(unreportedLinesText([], 6)).toBeNull()
  })

  it('2 lines without July, both last reported in June → “2 个预算行未填报7月（按截至6月的数计）”', () => {
    expect(unreportedLinesText([line('工资福利支出', 6), line('基本公用经费', 6)], 7)).toBe(
      '2 个预算行未填报7月（按截至6月的数计）',
    )
  })

  it('names each month when the lines were last reported in different months (5月 and 6月)', () => {
    expect(unreportedLinesText([line('a', 6), line('b', 5), line('c', 6)], 7)).toBe(
      '3 个预算行未填报7月（按各行最近填报的5、6月的数计）',
    )
  })

  it('says a line never reported counts nothing, beside those carried from June', () => {
    expect(unreportedLinesText([line('a', 6), line('b', null), line('c', 6)], 7)).toBe(
      '3 个预算行未填报7月（2 个按截至6月的数计，1 个尚无填报、未计入）',
    )
    expect(unreportedLinesText([line('a', null)], 1)).toBe('1 个预算行未填报1月（尚无填报，未计入执行数）')
  })

  it('names the lines on hover, the first 2 of 3 and how many in all', () => {
    const lines = [line('工资福利支出', 6), line('车辆运行维护费', null), line('基本公用经费', 5)]
    expect(unreportedLinesTitle(lines)).toBe(
      '工资福利支出（截至6月）、车辆运行维护费（尚无填报）、基本公用经费（截至5月）',
    )
    expect(unreportedLinesTitle(lines, 2)).toBe('工资福利支出（截至6月）、车辆运行维护费（尚无填报） 等 3 个')
  })
})

describe('monthlyAverageText and budgetExecutionText (domain-rules §4.8, seed 003 部门预算资金支出率)', () => {
  const average = (
    value: string | null,
    months: number[],
    skipped: number[] = [],
    gap: MonthlyExecutionAverage['gap'] = null,
  ): MonthlyExecutionAverage => ({
    average: value === null ? null : new D(value),
    months: months as MonthNumber[],
    skippedMonths: skipped as MonthNumber[],
    gap,
    rates: [],
  })

  it('seed 001 demo 1-6月: “已填报的 6 个月（1-6月）平均执行进度 50.54%” of schedule, 5.05 of 10 (the §4.8 通报 rate)', () => {
    const monthly = average('0.505443', [1, 2, 3, 4, 5, 6])
    expect(monthlyAverageText(monthly, 2)).toBe(
      '已填报的 6 个月（1-6月）平均执行进度 50.54%（各月执行率 ÷ 序时进度，超过100%按100%计）',
    )
    expect(budgetExecutionText({ monthly, score: new D('5.05'), weight: new D(10) }, 2)).toBe(
      '部门预算资金支出率（10 分）：已填报的 6 个月（1-6月）平均执行进度 50.54%（各月执行率 ÷ 序时进度，超过100%按100%计），按此得 5.05 分。',
    )
  })

  it('names a weight of 5 as 5 and of 0.5 as 0.5 (another table gives 支出率 5 分): 99.14% → 4.96', () => {
    const monthly = average('0.9914', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(budgetExecutionText({ monthly, score: new D('4.96'), weight: new D(5) }, 2)).toMatch(
      /^部门预算资金支出率（5 分）：已填报的 12 个月（1-12月）平均执行进度 99\.14%.*按此得 4\.96 分。$/,
    )
    expect(budgetExecutionText({ monthly, score: new D('0.5'), weight: new D('0.5') }, 2)).toMatch(
      /^部门预算资金支出率（0\.5 分）/,
    )
  })

  it('months 1, 2 and 12 only, at whole percents: names the used months and the left-out ones', () => {
    const monthly = average('0.4', [1, 2, 12], [3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(monthlyAverageText(monthly, 0)).toBe(
      '已填报的 3 个月（1、2、12月）平均执行进度 40%（各月执行率 ÷ 序时进度，超过100%按100%计）（3-11月有预算行未填报，不计入）',
    )
  })

  it('without an average says so plainly and scores 0', () => {
    const none = average(null, [], [1, 2, 3, 4, 5, 6], 'noMonths')
    expect(monthlyAverageText(none, 2)).toBe(NO_MONTHLY_AVERAGE_TEXT)
    expect(NO_MONTHLY_AVERAGE_TEXT).toBe('尚无足够的月度执行数据，无法计算月均执行率')
    expect(budgetExecutionText({ monthly: none, score: new D(0), weight: new D(10) }, 2)).toBe(
      '部门预算资金支出率（10 分）：尚无足够的月度执行数据，无法计算月均执行率，此项暂计 0 分。',
    )
  })

  it('a year with only December gives the reason', () => {
    expect(monthlyAverageText(average(null, [12], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'onlyDecember'), 2)).toBe(
      '尚无足够的月度执行数据，无法计算月均执行率（只有12月的数据，年末数不能代表各月的执行进度）',
    )
  })
})
