import { describe, expect, it } from 'vitest'
import { indicatorLight } from '../../src/domain/lights'
import type { DecimalString, Indicator, IndicatorReading } from '../../src/domain/types'
import {
  hasErrors,
  validateBudgetLine,
  validateExecution,
  validateIndicator,
  validateReading,
} from '../../src/domain/validation'
import type { ValidationIssue } from '../../src/domain/validation'
import { SEED001_AS_OF, budgetLine, execution, indicator, projectLine, reading, settings, unchecked } from './factories'

const codes = (issues: ValidationIssue[]): string[] => issues.map((i) => i.code)

function check(ind: Indicator, r: Partial<IndicatorReading> | undefined): ValidationIssue[] {
  const full = r ? reading(ind.id, r) : undefined
  return validateReading(ind, full, indicatorLight(ind, full, SEED001_AS_OF, settings()))
}

describe('validateReading', () => {
  it('accepts a green reading judged 确定能 without a deviation cause (seed 001 用地初审 7 of 15)', () => {
    expect(check(indicator({ targetValue: '15' }), { actualValue: '7', likelihood: '确定能' })).toEqual([])
  })

  it('requires a cause category and a text for a red light (seed 001 报批 30 of 450)', () => {
    const issues = check(indicator({ targetValue: '450' }), { actualValue: '30', likelihood: '确定能' })
    expect(codes(issues)).toEqual(['deviation.causeRequired', 'deviation.textRequired'])
    expect(issues[0].message).toBe('预警灯为红灯，请选择至少一项偏差原因')
  })

  it('requires a deviation cause when the likelihood is not 确定能, even when green', () => {
    const issues = check(indicator({ targetValue: '15' }), {
      actualValue: '7',
      likelihood: '有可能',
      deviationCauses: ['其他'],
    })
    expect(codes(issues)).toEqual(['deviation.textRequired'])
    expect(issues[0].message).toContain('完成目标可能性为“有可能”')
  })

  it('is satisfied by a category and a text for a yellow light', () => {
    const issues = check(indicator({ targetValue: '12' }), {
      actualValue: '4',
      likelihood: '有可能',
      deviationCauses: ['人员保障'],
      deviationText: '上半年培训安排偏少',
    })
    expect(issues).toEqual([])
  })

  it('requires the likelihood even for an indicator not yet due, but not its value', () => {
    const ind = indicator({ accrual: 'dueLater', dueDate: '2021-10-01' })
    const issues = check(ind, { likelihood: undefined })
    expect(codes(issues)).toEqual(['likelihood.required'])
    expect(issues[0].severity).toBe('error')
  })

  it('refuses a value typed before the due date that is not a number (it could not be backed up)', () => {
    const ind = indicator({ accrual: 'dueLater', dueDate: '2021-10-01' })
    const issues = check(ind, { actualValue: '约十个' as DecimalString })
    expect(codes(issues)).toEqual(['value.notNumber'])
    expect(issues[0]?.message).toBe('实际完成值「约十个」不是有效数字')
    expect(codes(check(ind, { actualValue: '7' as DecimalString }))).toEqual([])
  })

  it('requires the actual value once due', () => {
    expect(codes(check(indicator(), {}))).toEqual(['actual.required'])
  })

  it('requires a grade for a 定性 indicator', () => {
    const ind = indicator({ operator: '定性', targetValue: '效果明显', accrual: 'level' })
    expect(codes(check(ind, {}))).toEqual(['grade.required'])
  })

  it('reports everything missing when there is no reading at all', () => {
    expect(codes(check(indicator(), undefined))).toEqual(['likelihood.required', 'actual.required'])
  })

  it('passes the completion message through for invalid input', () => {
    const ind = indicator({ operator: '定性', targetValue: '效果明显', accrual: 'level' })
    const issues = check(ind, { qualitativeGrade: '达成', qualitativePercent: '50' })
    expect(issues).toEqual([
      {
        field: 'qualitativePercent',
        code: 'completion.invalid',
        severity: 'error',
        message: '「达成」的完成百分比应在80%（含）至100%（含）之间，当前为50%',
      },
    ])
  })

  it('asks for an explanation of a blue over-run', () => {
    const issues = check(indicator({ targetValue: '10' }), { actualValue: '9' })
    expect(codes(issues)).toEqual(['overrun.explanationRequired'])
    expect(check(indicator({ targetValue: '10' }), { actualValue: '9', deviationText: '上半年集中办理' })).toEqual([])
  })
})

describe('validateBudgetLine', () => {
  it('accepts a proper 人员经费 line and a proper project line', () => {
    expect(validateBudgetLine(budgetLine())).toEqual([])
    expect(validateBudgetLine(projectLine('p1'))).toEqual([])
  })

  it('rejects negative amounts and strings that are not decimals', () => {
    const issues = validateBudgetLine(
      unchecked(budgetLine(), { initialBudget: '-5', additions: '1,000', carryOver: '1e3' }),
    )
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['initialBudget', 'amount.negative'],
      ['additions', 'amount.notDecimal'],
      ['carryOver', 'amount.notDecimal'],
    ])
    expect(issues[1].message).toBe('追加「1,000」不是有效金额，请填写数字（万元）')
  })

  it('requires the 年初预算 but lets adjustments stay empty', () => {
    expect(codes(validateBudgetLine(unchecked(budgetLine(), { initialBudget: '' })))).toEqual(['amount.required'])
    expect(validateBudgetLine(unchecked(budgetLine(), { additions: '', reductions: '', carryOver: '' }))).toEqual([])
  })

  it('rejects a 追减 larger than 年初预算 + 追加', () => {
    const issues = validateBudgetLine(budgetLine({ initialBudget: '100', additions: '20', reductions: '120.01' }))
    expect(issues).toEqual([
      {
        field: 'reductions',
        code: 'reductions.exceedBudget',
        severity: 'error',
        message: '追减 120.01 万元大于年初预算与追加之和 120.00 万元',
      },
    ])
  })

  it('checks category, sub-category and project consistency', () => {
    const { subCategory: _none, ...basicWithoutSub } = budgetLine()
    expect(codes(validateBudgetLine({ ...basicWithoutSub, projectId: 'p1' }))).toEqual([
      'subCategory.required',
      'projectId.unexpected',
    ])
    const { projectId: _p, ...projectWithoutId } = projectLine('p1')
    expect(codes(validateBudgetLine({ ...projectWithoutId, subCategory: 'public' }))).toEqual([
      'projectId.required',
      'subCategory.unexpected',
    ])
  })
})

describe('validateExecution', () => {
  const line = budgetLine({ id: 'l', initialBudget: '200' })

  it('accepts spending within the allocated funds and the budget', () => {
    expect(validateExecution(line, execution('l', 6, '80', '100'), execution('l', 5, '60', '90'))).toEqual([])
  })

  it("rejects 执行数 above 到位资金 with '6月执行数 120.00 万元大于到位资金 100.00 万元'", () => {
    const issues = validateExecution(line, execution('l', 6, '120', '100'))
    expect(issues).toEqual([
      {
        field: 'spent',
        code: 'spent.exceedsAllocated',
        severity: 'error',
        message: '6月执行数 120.00 万元大于到位资金 100.00 万元',
      },
    ])
  })

  it('rejects 执行数 above the adjusted budget, and only warns when 上年结转 can cover it', () => {
    const over = validateExecution(line, execution('l', 6, '210', '210'))
    expect(over.filter((i) => i.code === 'spent.exceedsBudget')).toMatchObject([
      { severity: 'error', message: '6月执行数 210.00 万元大于调整后预算 200.00 万元' },
    ])
    const covered = validateExecution({ ...line, carryOver: '50' }, execution('l', 6, '210', '210'))
    expect(covered.map((i) => [i.code, i.severity])).toEqual([['spent.exceedsBudget', 'warning']])
    expect(hasErrors(covered)).toBe(false)
  })

  it('rejects negative and non-decimal figures', () => {
    expect(codes(validateExecution(line, unchecked(execution('l', 6, '-1'), { allocated: 'abc' })))).toEqual([
      'amount.notDecimal',
      'amount.negative',
    ])
  })

  it('warns when a cumulative figure falls below the previous month', () => {
    const issues = validateExecution(line, execution('l', 6, '50', '90'), execution('l', 5, '60', '100'))
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      ['spent.decreasing', 'warning'],
      ['allocated.decreasing', 'warning'],
    ])
    expect(issues[0].message).toBe('6月累计执行数 50.00 万元小于5月的 60.00 万元，累计数不应减少')
  })

  it('rejects an execution of another line or year', () => {
    expect(codes(validateExecution(line, { ...execution('other', 6, '1'), year: 2020 }))).toEqual([
      'execution.wrongLine',
      'execution.wrongYear',
    ])
  })
})

describe('validateIndicator', () => {
  it('accepts seed 001 用地初审 ≥ 15 个 (cumulative)', () => {
    expect(validateIndicator(indicator())).toEqual([])
  })

  it("rejects a zero target for a positive indicator with '年度指标值为0，无法计算完成率'", () => {
    expect(validateIndicator(indicator({ targetValue: '0' }))).toEqual([
      { field: 'targetValue', code: 'target.zero', severity: 'error', message: '年度指标值为0，无法计算完成率' },
    ])
    expect(validateIndicator(indicator({ operator: '=', targetValue: '0' }))).toEqual([])
  })

  it('rejects a non-numeric target for a quantitative indicator and points to the label', () => {
    const issues = validateIndicator(indicator({ targetValue: '12月31日前完成' }))
    expect(codes(issues)).toEqual(['target.notNumeric'])
    expect(validateIndicator(indicator({ operator: '定性', targetValue: '效果明显', accrual: 'level' }))).toEqual([])
  })

  it('requires a valid due date for a due-later indicator', () => {
    expect(codes(validateIndicator(indicator({ accrual: 'dueLater' })))).toEqual(['dueDate.required'])
    expect(codes(validateIndicator(indicator({ accrual: 'dueLater', dueDate: '2021-02-30' })))).toEqual([
      'dueDate.invalid',
    ])
  })

  it('requires a monthly plan of 12 non-decreasing values ending at the target (warning)', () => {
    expect(codes(validateIndicator(indicator({ monthlyPlan: ['1', '2'] })))).toEqual(['plan.length'])
    const dips: DecimalString[] = ['1', '2', '3', '2', '5', '6', '7', '8', '9', '10', '11', '15']
    expect(codes(validateIndicator(indicator({ monthlyPlan: dips })))).toEqual(['plan.decreasing'])
    const short: DecimalString[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']
    expect(validateIndicator(indicator({ monthlyPlan: short })).map((i) => [i.code, i.severity])).toEqual([
      ['plan.endMismatch', 'warning'],
    ])
  })

  it('rejects a weight that is not a number', () => {
    expect(codes(validateIndicator(unchecked(indicator(), { weight: '二' })))).toEqual(['weight.notDecimal'])
  })
})
