import { describe, expect, it } from 'vitest'
import { D, formatAmount, formatPercent } from '../../src/domain/decimal'
import type { Dec } from '../../src/domain/decimal'
import {
  adjustedBudget,
  adjustedBudgets,
  averageMonthlyExecutionRate,
  budgetFigures,
  executionAtMonth,
  executionBaseOf,
  expectsMonthlyEntry,
  lineAmountsAt,
  lineFigures,
  monthEntries,
  monthlyExecutionRates,
  rollUpBudget,
  unreportedLinesAt,
} from '../../src/domain/rates'
import type { MonthlyRate } from '../../src/domain/rates'
import type { BudgetLine, MonthlyExecution, MonthNumber } from '../../src/domain/types'
import { validateBudgetLine } from '../../src/domain/validation'
import { budgetLine, dec, execution, projectLine, seed001Budget, unchecked } from './factories'
import { monthEndTimeProgress } from '../../src/domain/periods'

const pct = (rate: Dec | null): string | null => (rate === null ? null : formatPercent(rate))

describe('adjustedBudget (调整后预算)', () => {
  it('is 年初预算 + 追加 − 追减', () => {
    expect(
      adjustedBudget(budgetLine({ initialBudget: '1000', additions: '250.5', reductions: '100.25' })).toFixed(),
    ).toBe('1150.25')
  })

  it('leaves 上年结转 out of the adjusted budget', () => {
    expect(adjustedBudget(budgetLine({ initialBudget: '100', carryOver: '40' })).toFixed()).toBe('100')
  })

  it('treats empty adjustment fields as zero', () => {
    expect(
      adjustedBudget(unchecked(budgetLine({ initialBudget: '100' }), { additions: '', reductions: '' })).toFixed(),
    ).toBe('100')
  })

  it('adds 0.1 and 0.2 exactly (no binary float drift)', () => {
    expect(adjustedBudget(budgetLine({ initialBudget: '0.1', additions: '0.2' })).toFixed()).toBe('0.3')
  })
})

describe('executionAtMonth', () => {
  const executions = [execution('a', 2, '10', '20'), execution('a', 5, '30', '40'), execution('b', 6, '99')]

  it('returns the cumulative figure of the month itself, from that month', () => {
    const figures = executionAtMonth(executions, 'a', 5)
    expect([figures.spent.toFixed(), figures.allocated.toFixed(), figures.latestMonth]).toEqual(['30', '40', 5])
  })

  it('carries the latest earlier month forward when a month has no entry, and says which month (4月 → 2月’s 10, 12月 → 5月’s 30)', () => {
    expect([
      executionAtMonth(executions, 'a', 4).spent.toFixed(),
      executionAtMonth(executions, 'a', 4).latestMonth,
    ]).toEqual(['10', 2])
    expect([
      executionAtMonth(executions, 'a', 12).spent.toFixed(),
      executionAtMonth(executions, 'a', 12).latestMonth,
    ]).toEqual(['30', 5])
  })

  it('has no figure before the first entry: 0 with no month (未填报, nothing recorded)', () => {
    const figures = executionAtMonth(executions, 'a', 1)
    expect([figures.spent.toFixed(), figures.allocated.toFixed(), figures.latestMonth]).toEqual(['0', '0', null])
  })

  it('ignores other lines', () => {
    expect(executionAtMonth(executions, 'c', 12).spent.toFixed()).toBe('0')
  })
})

describe('budgetFigures (seed 001, 2021年1-6月)', () => {
  const { lines, executions } = seed001Budget()

  it('reports 1493.25 budget, 383.74 spent and 执行率 25.70% for the whole unit (seed 001, 26% in the report)', () => {
    const unit = budgetFigures(lines, executions, 6)
    expect(formatAmount(unit.adjustedBudget)).toBe('1493.25')
    expect(formatAmount(unit.spent)).toBe('383.74')
    expect(pct(unit.executionRate)).toBe('25.70%')
    expect(formatPercent(unit.executionRate ?? new D(0), 0)).toBe('26%')
  })

  it('reports 到位率 25.70% with 到位资金 383.74 (seed 001 到位率 26%)', () => {
    const unit = budgetFigures(lines, executions, 6)
    expect(formatAmount(unit.allocated)).toBe('383.74')
    expect(formatPercent(unit.allocationRate ?? new D(0), 0)).toBe('26%')
  })

  it('measures 执行率 against the adjusted budget, not the initial one', () => {
    const adjusted = [budgetLine({ id: 'x', initialBudget: '100', additions: '100' })]
    expect(pct(budgetFigures(adjusted, [execution('x', 6, '50')], 6).executionRate)).toBe('25.00%')
  })

  it('has no rate (null, not Infinity) for a zero budget', () => {
    const figures = budgetFigures([budgetLine({ id: 'z', initialBudget: '0' })], [execution('z', 6, '0')], 6)
    expect(figures.executionRate).toBeNull()
    expect(figures.allocationRate).toBeNull()
  })

  it('lists each line with its own figures in sortOrder', () => {
    const rows = lineFigures([...lines].reverse(), executions, 6)
    expect(rows.map((r) => r.line.name)).toEqual([
      '工资福利支出',
      '车辆运行维护费',
      '基本公用经费',
      '国有土地出让金评估项目',
    ])
    expect(pct(rows[0].figures.executionRate)).toBe('28.75%')
  })
})

describe('rollUpBudget (seed 001)', () => {
  const { lines, executions, projects } = seed001Budget()

  it('reports 基本支出 1343.25 / 383.74 → 28.57% and 项目支出 150 / 0 → 0% (seed 001: 29% and 0%)', () => {
    const groups = rollUpBudget(lines, executions, 6, 'category')
    expect(
      groups.map((g) => [
        g.key,
        g.label,
        formatAmount(g.figures.adjustedBudget),
        formatAmount(g.figures.spent),
        pct(g.figures.executionRate),
      ]),
    ).toEqual([
      ['basic', '基本支出', '1343.25', '383.74', '28.57%'],
      ['project', '项目支出', '150.00', '0.00', '0.00%'],
    ])
  })

  it('splits 基本支出 into 人员经费 1129.83 and 公用经费 213.42 (seed 001 成本指标 targets), with 项目支出 as its own group', () => {
    const groups = rollUpBudget(lines, executions, 6, 'subCategory')
    expect(groups.map((g) => [g.label, formatAmount(g.figures.adjustedBudget), formatAmount(g.figures.spent)])).toEqual(
      [
        ['人员经费', '1129.83', '324.88'],
        ['公用经费', '213.42', '58.86'],
        ['项目支出', '150.00', '0.00'],
      ],
    )
  })

  it('groups by 资金来源 in the standard order', () => {
    const mixed = [
      budgetLine({ id: 'p', fundSource: '上级专项', initialBudget: '10' }),
      budgetLine({ id: 'q', fundSource: '财政拨款', initialBudget: '20' }),
      budgetLine({ id: 'r', fundSource: '上级专项', initialBudget: '5' }),
    ]
    const groups = rollUpBudget(mixed, [], 6, 'fundSource')
    expect(groups.map((g) => [g.key, g.figures.adjustedBudget.toFixed()])).toEqual([
      ['财政拨款', '20'],
      ['上级专项', '15'],
    ])
  })

  it('keys projects by id and labels them by the project name, or the first line name without a project list', () => {
    expect(rollUpBudget(lines, executions, 6, 'project', projects)).toMatchObject([
      { key: 'pgxm', label: '国有土地出让金评估项目' },
    ])
    const twoLines = [
      projectLine('p1', { id: 'l2', name: '第二笔', sortOrder: 2 }),
      projectLine('p1', { id: 'l1', name: '评估费', sortOrder: 1 }),
    ]
    const [group] = rollUpBudget(twoLines, [], 6, 'project')
    expect([group.key, group.label, group.figures.adjustedBudget.toFixed()]).toEqual(['p1', '评估费', '200'])
  })

  it('leaves 基本支出 out of the project roll-up', () => {
    expect(rollUpBudget(lines, executions, 6, 'project').map((g) => g.key)).toEqual(['pgxm'])
  })

  it('puts a basic line without a sub-category under 未分类基本支出', () => {
    const { subCategory: _drop, ...noSub } = budgetLine({ id: 'n' })
    expect(rollUpBudget([noSub], [], 6, 'subCategory').map((g) => g.label)).toEqual(['未分类基本支出'])
  })
})

describe('unreported lines at a month (domain-rules §4.5: unreported is not zero)', () => {
  const { lines, executions } = seed001Budget()
  const amountsAt = (month: MonthNumber, extra = executions) =>
    lineAmountsAt(lines, extra, month, adjustedBudgets(lines))

  it('a 1-7月 look at seed 001 with no July entries keeps June’s 383.74 and names all 4 lines as from 6月', () => {
    const july = amountsAt(7)
    expect(formatAmount(budgetFigures(lines, executions, 7).spent)).toBe('383.74')
    expect(unreportedLinesAt(july, 7)).toEqual([
      { budgetLineId: 'gzfl', name: '工资福利支出', latestMonth: 6 },
      { budgetLineId: 'clyx', name: '车辆运行维护费', latestMonth: 6 },
      { budgetLineId: 'jbgy', name: '基本公用经费', latestMonth: 6 },
      { budgetLineId: 'pgxm-line', name: '国有土地出让金评估项目', latestMonth: 6 },
    ])
    expect(monthEntries(july, 7)).toBe('none')
  })

  it('at 6月 every line reported: no unreported line, entries all', () => {
    expect(unreportedLinesAt(amountsAt(6), 6)).toEqual([])
    expect(monthEntries(amountsAt(6), 6)).toBe('all')
  })

  it('a July entry for 工资福利 only (330.00) leaves 3 lines unreported and makes July partly reported, 388.86 in all', () => {
    const withJuly = [...executions, execution('gzfl', 7, '330.00')]
    const july = amountsAt(7, withJuly)
    expect(unreportedLinesAt(july, 7).map((l) => [l.name, l.latestMonth])).toEqual([
      ['车辆运行维护费', 6],
      ['基本公用经费', 6],
      ['国有土地出让金评估项目', 6],
    ])
    expect(monthEntries(july, 7)).toBe('some')
    // 330.00 + 15.95 + 42.91 + 0
    expect(formatAmount(budgetFigures(lines, withJuly, 7).spent)).toBe('388.86')
  })

  it('names a line never reported with no month (latestMonth null) and counts nothing for it', () => {
    const july = amountsAt(
      7,
      executions.filter((e) => e.budgetLineId !== 'clyx'),
    )
    expect(unreportedLinesAt(july, 7).find((l) => l.budgetLineId === 'clyx')).toEqual({
      budgetLineId: 'clyx',
      name: '车辆运行维护费',
      latestMonth: null,
    })
    expect(july.find((a) => a.line.id === 'clyx')?.spent.toFixed()).toBe('0')
  })

  it('never lists a line with neither 调整后预算 nor 上年结转 (nothing to spend), but lists one funded only by 上年结转 (20)', () => {
    const placeholder = budgetLine({ id: 'ph', name: '备用', initialBudget: '0' })
    const carried = budgetLine({ id: 'jz', name: '上年结转项目', initialBudget: '0', carryOver: '20' })
    const amounts = lineAmountsAt([placeholder, carried], [], 3)
    expect(amounts.map(expectsMonthlyEntry)).toEqual([false, true])
    expect(unreportedLinesAt(amounts, 3).map((l) => l.budgetLineId)).toEqual(['jz'])
  })
})

describe('monthly 通报 rates and their average (domain-rules §4.8, seed 003 部门预算资金支出率)', () => {
  const line = budgetLine({ id: 'm', initialBudget: '100' })
  // a budget of 1200 spent on schedule is 100 × m at the end of month m
  const year = budgetLine({ id: 'y', initialBudget: '1200' })
  /** literal 通报 rates, as if on a schedule of 100% (the average reads only `rate`) */
  const rates = (pairs: [number, string][]): MonthlyRate[] =>
    pairs.map(([month, rate]) => ({
      month: month as MonthNumber,
      rate: new D(rate),
      executionRate: new D(rate),
      timeProgress: new D(1),
    }))
  const shown = (list: MonthlyRate[]) => list.map((r) => [r.month, pct(r.rate), pct(r.executionRate)])
  const spending = (lineId: string, amounts: [number, string][]): MonthlyExecution[] =>
    amounts.map(([month, spent]) => execution(lineId, month, dec(spent)))

  it('gives reported months 1 and 3 their 执行率 ÷ 序时进度 (5% ÷ 8.33% = 60%, 20% ÷ 25% = 80%) and leaves 2 and 4 out, not carried forward', () => {
    expect(
      shown(
        monthlyExecutionRates(
          [line],
          spending('m', [
            [1, '5'],
            [3, '20'],
          ]),
          4,
        ),
      ),
    ).toEqual([
      [1, '60.00%', '5.00%'],
      [3, '80.00%', '20.00%'],
    ])
  })

  it('counts a month only when every line with a budget reported it: 3月 with one of two lines is left out', () => {
    const other = budgetLine({ id: 'n', initialBudget: '100' })
    const executions = [execution('m', 3, '40'), execution('m', 6, '60'), execution('n', 6, '20')]
    // 6月: (60 + 20) ÷ 200 = 40% against 序时进度 50% → 80%
    expect(shown(monthlyExecutionRates([line, other], executions, 6))).toEqual([[6, '80.00%', '40.00%']])
  })

  it('does not wait for a line with nothing to spend (budget 0, no 上年结转); a month ahead of schedule is not capped yet (25% ÷ 16.67% = 150%)', () => {
    const placeholder = budgetLine({ id: 'ph', initialBudget: '0' })
    expect(shown(monthlyExecutionRates([line, placeholder], [execution('m', 2, '25')], 2))).toEqual([
      [2, '150.00%', '25.00%'],
    ])
  })

  it('is empty for a zero budget', () => {
    expect(monthlyExecutionRates([budgetLine({ id: 'z', initialBudget: '0' })], [], 6)).toEqual([])
  })

  it('a unit exactly on schedule all year averages 100% (the bare 执行率 would average 54.17%)', () => {
    const onSchedule = spending(
      'y',
      Array.from({ length: 12 }, (_, i): [number, string] => [i + 1, String(100 * (i + 1))]),
    )
    const result = averageMonthlyExecutionRate(monthlyExecutionRates([year], onSchedule, 12), 12)
    expect([pct(result.average), result.months.length, result.gap]).toEqual(['100.00%', 12, null])
  })

  it('entries only in months 3 and 6, exactly on schedule (300, 600 of 1200): 100%, not 20.83%, and says which months it used', () => {
    const result = averageMonthlyExecutionRate(
      monthlyExecutionRates(
        [year],
        spending('y', [
          [3, '300'],
          [6, '600'],
        ]),
        6,
      ),
      6,
    )
    expect([pct(result.average), result.months, result.skippedMonths, result.gap]).toEqual([
      '100.00%',
      [3, 6],
      [1, 2, 4, 5],
      null,
    ])
  })

  it('averages to 95.6% over twelve months with April’s 105% counted as 100% (the average behind seed 003’s 9.56 of 10)', () => {
    // 通报 rates 80, 90, 95, 105→100, 100, 100, 100, 98, 96, 95, 93.2, 100 (%): Σ 1147.2 ÷ 12 = 95.6
    const cumulative: [number, string][] = [
      [1, '80'],
      [2, '180'],
      [3, '285'],
      [4, '420'],
      [5, '500'],
      [6, '600'],
      [7, '700'],
      [8, '784'],
      [9, '864'],
      [10, '950'],
      [11, '1025.2'],
      [12, '1200'],
    ]
    const monthly = monthlyExecutionRates([year], spending('y', cumulative), 12)
    expect(pct(monthly[3]?.rate ?? null)).toBe('105.00%')
    const result = averageMonthlyExecutionRate(monthly, 12)
    expect([pct(result.average), result.months.length, result.skippedMonths]).toEqual(['95.60%', 12, []])
  })

  it('caps each month at 100% before averaging: 150% and 50% → 75%', () => {
    expect(
      averageMonthlyExecutionRate(
        rates([
          [1, '1.5'],
          [2, '0.5'],
        ]),
        2,
      ).average?.toFixed(),
    ).toBe('0.75')
  })

  it('has no average for no reported month', () => {
    expect(averageMonthlyExecutionRate([], 6)).toEqual({
      average: null,
      months: [],
      skippedMonths: [1, 2, 3, 4, 5, 6],
      gap: 'noMonths',
      rates: [],
    })
  })

  it('a year with only December (95% at 12月) has no monthly average', () => {
    const result = averageMonthlyExecutionRate(monthlyExecutionRates([line], [execution('m', 12, '95')], 12), 12)
    expect([result.average, result.months, result.gap]).toEqual([null, [12], 'onlyDecember'])
    expect(result.skippedMonths).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('a year with November (80% ÷ 11/12 = 87.27%) and December (95%) averages the two to 91.14%', () => {
    const result = averageMonthlyExecutionRate(
      monthlyExecutionRates([line], [execution('m', 11, '80'), execution('m', 12, '95')], 12),
      12,
    )
    expect([pct(result.rates[0]?.rate ?? null), pct(result.average), result.months, result.gap]).toEqual([
      '87.27%',
      '91.14%',
      [11, 12],
      null,
    ])
  })

  it('takes 序时进度 by days when given: 50 of 100 at 6月30日 is 50% ÷ (181 ÷ 365) = 100.83%', () => {
    const byDays = (m: MonthNumber) => monthEndTimeProgress(2021, m, 'day')
    const [june] = monthlyExecutionRates([line], [execution('m', 6, '50')], 6, {}, byDays)
    expect([june?.month, pct(june?.timeProgress ?? null), pct(june?.rate ?? null)]).toEqual([6, '49.59%', '100.83%'])
  })
})

describe('dated adjustments and the carry-over base (domain-rules §4.2, §4.3)', () => {
  // seed 001: 工资福利支出 年初预算 1129.83; a 追加 of 100 taking effect in September
  const gzfl: BudgetLine = {
    id: 'gzfl',
    unitId: 'u',
    year: 2021,
    category: 'basic',
    subCategory: 'personnel',
    name: '工资福利支出',
    fundSource: '财政拨款',
    initialBudget: '1129.83',
    additions: '100',
    reductions: '0',
    carryOver: '20',
    sortOrder: 1,
    adjustmentMonth: 9,
  }

  it('a September 追加 of 100 leaves 1-6月 at 1129.83 and makes 1-9月 1229.83', () => {
    expect(adjustedBudget(gzfl, 6).toFixed(2)).toBe('1129.83')
    expect(adjustedBudget(gzfl, 8).toFixed(2)).toBe('1129.83')
    expect(adjustedBudget(gzfl, 9).toFixed(2)).toBe('1229.83')
    expect(adjustedBudget(gzfl).toFixed(2)).toBe('1229.83')
  })

  it('an adjustment without a month counts from January', () => {
    const { adjustmentMonth: _month, ...undated } = gzfl
    expect(adjustedBudget(undated, 1).toFixed(2)).toBe('1229.83')
  })

  it('执行率 at 1-6月 with 324.88 spent: 28.75% of 1129.83; with 上年结转 20 counted, 28.25% of 1149.83', () => {
    const june: MonthlyExecution = {
      id: 'e',
      budgetLineId: 'gzfl',
      year: 2021,
      month: 6,
      allocated: '324.88',
      spent: '324.88',
    }
    expect(budgetFigures([gzfl], [june], 6).executionRate?.times(100).toFixed(2)).toBe('28.75')
    const base = executionBaseOf(gzfl, 6, { includeCarryOver: true })
    expect(base.toFixed(2)).toBe('1149.83')
    expect(new D('324.88').div(base).times(100).toFixed(2)).toBe('28.25')
  })

  it('refuses an adjustment month outside the year with a Chinese message', () => {
    expect(validateBudgetLine({ ...gzfl, adjustmentMonth: 13 as MonthNumber }).map((i) => i.message)).toContain(
      '调整生效月份“13”无效，应为 2021 年内的 1 至 12 月',
    )
  })
})
