import { describe, expect, it } from 'vitest'
import { D, formatAmount, formatPercent } from '../../src/domain/decimal'
import type { Dec } from '../../src/domain/decimal'
import {
  adjustedBudget, averageMonthlyExecutionRate, budgetFigures, executionAtMonth, lineFigures, monthlyExecutionRates, rollUpBudget,
} from '../../src/domain/rates'
import { budgetLine, execution, projectLine, seed001Budget } from './factories'

const pct = (rate: Dec | null): string | null => (rate === null ? null : formatPercent(rate))

describe('adjustedBudget (调整后预算)', () => {
  it('is 年初预算 + 追加 − 追减', () => {
    expect(adjustedBudget(budgetLine({ initialBudget: '1000', additions: '250.5', reductions: '100.25' })).toFixed()).toBe('1150.25')
  })

  it('leaves 上年结转 out of the adjusted budget', () => {
    expect(adjustedBudget(budgetLine({ initialBudget: '100', carryOver: '40' })).toFixed()).toBe('100')
  })

  it('treats empty adjustment fields as zero', () => {
    expect(adjustedBudget(budgetLine({ initialBudget: '100', additions: '', reductions: '' })).toFixed()).toBe('100')
  })

  it('adds 0.1 and 0.2 exactly (no binary float drift)', () => {
    expect(adjustedBudget(budgetLine({ initialBudget: '0.1', additions: '0.2' })).toFixed()).toBe('0.3')
  })
})

describe('executionAtMonth', () => {
  const executions = [execution('a', 2, '10', '20'), execution('a', 5, '30', '40'), execution('b', 6, '99')]

  it('returns the cumulative figure of the month itself', () => {
    const figures = executionAtMonth(executions, 'a', 5)
    expect([figures.spent.toFixed(), figures.allocated.toFixed()]).toEqual(['30', '40'])
  })

  it('carries the latest earlier month forward when a month has no entry', () => {
    expect(executionAtMonth(executions, 'a', 4).spent.toFixed()).toBe('10')
    expect(executionAtMonth(executions, 'a', 12).spent.toFixed()).toBe('30')
  })

  it('is zero before the first entry', () => {
    const figures = executionAtMonth(executions, 'a', 1)
    expect([figures.spent.toFixed(), figures.allocated.toFixed()]).toEqual(['0', '0'])
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
    expect(rows.map((r) => r.line.name)).toEqual(['工资福利支出', '车辆运行维护费', '基本公用经费', '国有土地出让金评估项目'])
    expect(pct(rows[0].figures.executionRate)).toBe('28.75%')
  })
})

describe('rollUpBudget (seed 001)', () => {
  const { lines, executions, projects } = seed001Budget()

  it('reports 基本支出 1343.25 / 383.74 → 28.57% and 项目支出 150 / 0 → 0% (seed 001: 29% and 0%)', () => {
    const groups = rollUpBudget(lines, executions, 6, 'category')
    expect(groups.map((g) => [g.key, g.label, formatAmount(g.figures.adjustedBudget), formatAmount(g.figures.spent), pct(g.figures.executionRate)]))
      .toEqual([
        ['basic', '基本支出', '1343.25', '383.74', '28.57%'],
        ['project', '项目支出', '150.00', '0.00', '0.00%'],
      ])
  })

  it('splits 基本支出 into 人员经费 1129.83 and 公用经费 213.42 (seed 001 成本指标 targets), with 项目支出 as its own group', () => {
    const groups = rollUpBudget(lines, executions, 6, 'subCategory')
    expect(groups.map((g) => [g.label, formatAmount(g.figures.adjustedBudget), formatAmount(g.figures.spent)])).toEqual([
      ['人员经费', '1129.83', '324.88'],
      ['公用经费', '213.42', '58.86'],
      ['项目支出', '150.00', '0.00'],
    ])
  })

  it('groups by 资金来源 in the standard order', () => {
    const mixed = [
      budgetLine({ id: 'p', fundSource: '上级专项', initialBudget: '10' }),
      budgetLine({ id: 'q', fundSource: '财政拨款', initialBudget: '20' }),
      budgetLine({ id: 'r', fundSource: '上级专项', initialBudget: '5' }),
    ]
    const groups = rollUpBudget(mixed, [], 6, 'fundSource')
    expect(groups.map((g) => [g.key, g.figures.adjustedBudget.toFixed()])).toEqual([['财政拨款', '20'], ['上级专项', '15']])
  })

  it('keys projects by id and labels them by the project name, or the first line name without a project list', () => {
    expect(rollUpBudget(lines, executions, 6, 'project', projects)).toMatchObject([{ key: 'pgxm', label: '国有土地出让金评估项目' }])
    const twoLines = [projectLine('p1', { id: 'l2', name: '第二笔', sortOrder: 2 }), projectLine('p1', { id: 'l1', name: '评估费', sortOrder: 1 })]
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

describe('monthly execution rates and their average (seed 003 部门预算资金支出率)', () => {
  const line = budgetLine({ id: 'm', initialBudget: '100' })

  it('gives each month its cumulative 执行率, carrying months without entries forward', () => {
    const rates = monthlyExecutionRates([line], [execution('m', 1, '10'), execution('m', 3, '40')], 4)
    expect(rates.map((r) => r.toFixed())).toEqual(['0.1', '0.1', '0.4', '0.4'])
  })

  it('is empty for a zero budget', () => {
    expect(monthlyExecutionRates([budgetLine({ id: 'z', initialBudget: '0' })], [], 6)).toEqual([])
  })

  it('averages to 95.6% with a 130% month counted as 100% (the average behind seed 003 self score 9.56 of 10)', () => {
    const rates = ['1.3', '0.9', '0.95', '0.97', '0.96'].map((r) => new D(r))
    expect(averageMonthlyExecutionRate(rates)?.toFixed()).toBe('0.956')
  })

  it('caps each month at 100% before averaging', () => {
    expect(averageMonthlyExecutionRate([new D('1.5'), new D('0.5')])?.toFixed()).toBe('0.75')
  })

  it('has no average for no months', () => {
    expect(averageMonthlyExecutionRate([])).toBeNull()
  })
})
