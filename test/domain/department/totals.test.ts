import { describe, expect, it } from 'vitest'
import { D, formatAmount, formatNumber, formatPercent, toDecimalString } from '../../../src/domain/decimal'
import { budgetFiguresOf, departmentTotals } from '../../../src/domain/department'
import { amounts, unitFigures } from './factories'

/** seed 001 (且末县自然资源局, 1-6月): 1,493.25 of which 基本支出 1,343.25 (执行 383.74), 项目支出 150 (执行 0) */
const seed001 = unitFigures('qiemo', amounts('1493.25', '383.74'), {
  unitName: '且末县自然资源局',
  byCategory: { basic: amounts('1343.25', '383.74'), project: amounts('150.00', '0.00') },
  indicatorLights: { red: 6, yellow: 1, green: 10, blue: 0, grey: 5 },
  alerts: { red: 8, yellow: 1 },
  unitLight: 'red',
})
/** the second unit of the rules document's example (monitoring-rules §9): 12,030.56 / 11,832.53, all 基本支出 */
const large = unitFigures('second', amounts('12030.56', '11832.53'), {
  unitName: '第二单位',
  indicatorLights: { red: 0, yellow: 2, green: 5, blue: 1, grey: 0 },
  alerts: { red: 0, yellow: 2 },
  unitLight: 'yellow',
})

describe('departmentTotals: sums, never averages of rates (monitoring-rules §9, docs/domain-rules.md §17.2)', () => {
  it('§9 example: 1,493.25 / 383.74 and 12,030.56 / 11,832.53 give 13,523.81 / 12,216.27 → 90.33%, not the mean 62.03%', () => {
    const totals = departmentTotals([seed001, large])
    expect(formatAmount(totals.budget.adjustedBudget, 2, true)).toBe('13,523.81')
    expect(formatAmount(totals.budget.spent, 2, true)).toBe('12,216.27')
    expect(totals.budget.executionRate?.eq(new D('12216.27').div('13523.81'))).toBe(true)
    expect(formatPercent(totals.budget.executionRate!)).toBe('90.33%')

    // the average of the two rates is what the department figure must not be
    const mean = budgetFiguresOf(seed001.budget)
      .executionRate!.plus(budgetFiguresOf(large.budget).executionRate!)
      .div(2)
    expect(formatPercent(mean)).toBe('62.03%')
    expect(totals.budget.executionRate?.eq(mean)).toBe(false)
  })

  it('weighs a small unit at 100% and a large one at 20% by budget: 2,100 of 10,100 = 20.79%, red, not 60%', () => {
    const small = unitFigures('small', amounts('100.00', '100.00'))
    const big = unitFigures('big', amounts('10000.00', '2000.00'))
    expect(formatPercent(budgetFiguresOf(small.budget).executionRate!)).toBe('100.00%')
    expect(formatPercent(budgetFiguresOf(big.budget).executionRate!)).toBe('20.00%')

    const totals = departmentTotals([small, big])
    expect(totals.budget.adjustedBudget.toFixed(2)).toBe('10100.00')
    expect(totals.budget.spent.toFixed(2)).toBe('2100.00')
    // exactly 21/101, not (100% + 20%) ÷ 2 = 60%
    expect(totals.budget.executionRate?.eq(new D(21).div(101))).toBe(true)
    expect(formatPercent(totals.budget.executionRate!)).toBe('20.79%')
    // 20.79% against 序时进度 50%: 执行进度比 41.58, red; the mean (60% → 120) would have shown green
    expect(formatNumber(totals.budgetLight.ratio!, 2)).toBe('41.58')
    expect(totals.budgetLight.light).toBe('red')
  })

  it('sums 基本支出 and 项目支出 separately, and the two add up to the department total', () => {
    const totals = departmentTotals([seed001, large])
    const [basic, project] = totals.byCategory
    expect(basic?.label).toBe('基本支出')
    expect(basic?.figures.adjustedBudget.toFixed(2)).toBe('13373.81')
    expect(basic?.figures.spent.toFixed(2)).toBe('12216.27')
    expect(formatPercent(basic!.figures.executionRate!)).toBe('91.34%')
    expect(project?.label).toBe('项目支出')
    expect(project?.figures.adjustedBudget.toFixed(2)).toBe('150.00')
    expect(formatPercent(project!.figures.executionRate!)).toBe('0.00%')
    expect(basic!.figures.adjustedBudget.plus(project!.figures.adjustedBudget).eq(totals.budget.adjustedBudget)).toBe(
      true,
    )
  })

  it('sums the light and alert counts and takes the worst unit light', () => {
    const totals = departmentTotals([seed001, large])
    expect(totals.unitCount).toBe(2)
    expect(totals.indicatorLights).toEqual({ red: 6, yellow: 3, green: 15, blue: 1, grey: 5 })
    expect(totals.alerts).toEqual({ red: 8, yellow: 3 })
    expect(totals.light).toBe('red')
  })

  it('forms the department 执行进度比 against the units’ common 序时进度: 90.33% ÷ 50% → 180.66, green', () => {
    const totals = departmentTotals([seed001, large])
    expect(totals.timeProgress?.toString()).toBe('0.5')
    expect(formatNumber(totals.budgetLight.ratio!, 2)).toBe('180.66')
    expect(totals.budgetLight.light).toBe('green')
  })

  it('has no 执行进度比 when the units’ 序时进度 differ (one counts by days: 181 ÷ 365)', () => {
    const byDays = { ...large, timeProgress: toDecimalString(new D(181).div(365)) }
    const totals = departmentTotals([seed001, byDays])
    expect(totals.timeProgress).toBeNull()
    expect(totals.budgetLight).toEqual({ light: 'grey', ratio: null })
    // the sums do not depend on it
    expect(formatPercent(totals.budget.executionRate!)).toBe('90.33%')
  })

  it('gives nothing, not zero rates, for no unit', () => {
    const totals = departmentTotals([])
    expect(totals.unitCount).toBe(0)
    expect(totals.budget.adjustedBudget.isZero()).toBe(true)
    expect(totals.budget.executionRate).toBeNull()
    expect(totals.byCategory.map((c) => c.figures.executionRate)).toEqual([null, null])
    expect(totals.timeProgress).toBeNull()
    expect(totals.light).toBe('grey')
  })
})
