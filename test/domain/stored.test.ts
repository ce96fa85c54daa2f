/**
 * The constructors of the stored value types (`DecimalString`, `IsoDate` in src/domain/types.ts): the only
 * ways a computed or typed value becomes one, and the row constructors a form saves through.
 */
import { describe, expect, it } from 'vitest'
import { D, parseDecimalString, toDecimalString } from '../../src/domain/decimal'
import { parseIsoDateString, toIsoDate } from '../../src/domain/dates'
import { checkedBudgetLine, checkedIndicator } from '../../src/domain/stored'
import type { BudgetLine, DecimalString, Indicator, IsoDate, Unchecked } from '../../src/domain/types'
import { budgetLine, indicator, unchecked } from './factories'

describe('DecimalString and IsoDate are a check at compile time', () => {
  it('takes a literal but not an arbitrary string (vue-tsc fails if an expected error goes away)', () => {
    const text: string = '1493.25'
    // @ts-expect-error a string from a file, a cell or a form must go through parseDecimalString
    const amount: DecimalString = text
    // @ts-expect-error the same for a date: parseIsoDateString or toIsoDate
    const date: IsoDate = text
    // @ts-expect-error a blank is not an amount
    const blank: DecimalString = ''
    const literal: DecimalString = '1493.25' // seed 001's budget
    const day: IsoDate = '2021-06-30' // seed 001's node
    expect([amount, date, blank, literal, day]).toEqual(['1493.25', '1493.25', '', '1493.25', '2021-06-30'])
  })
})

describe('toDecimalString', () => {
  it.each([
    ['1493.25', undefined, '1493.25'], // seed 001's budget
    ['1.50', undefined, '1.5'],
    ['1e21', undefined, '1000000000000000000000'],
    ['1e-7', undefined, '0.0000001'],
    ['-0', undefined, '0'],
    ['-0.5', undefined, '-0.5'],
    ['1.5', 2, '1.50'],
    ['1129.83', 2, '1129.83'],
    ['7', 0, '7'],
    ['-0', 2, '0.00'],
    ['1.555', 2, '1.555'], // never fewer places than the value has: nothing is rounded here
  ] as const)('writes %s with places %s as %j', (value, places, expected) => {
    expect(toDecimalString(new D(value), places)).toBe(expected)
  })
})

describe('parseDecimalString', () => {
  it.each([
    ['1493.25', '1493.25'],
    ['-0.5', '-0.5'],
    ['0', '0'],
    ['-0', '-0'],
    ['0.50', '0.50'], // the spelling is kept
    ['007', '007'],
    [' 383.74 ', '383.74'], // trimmed
    ['', null],
    ['   ', null],
    ['1,234.50', null],
    ['1e5', null], // a `${number}` at type level, refused here
    ['0x10', null],
    ['+1', null],
    ['.5', null],
    ['5.', null],
    ['12万', null],
    ['NaN', null],
    ['Infinity', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseDecimalString(text)).toBe(expected)
  })
})

describe('parseIsoDateString', () => {
  it.each([
    ['2021-06-30', '2021-06-30'], // seed 001's node
    ['2021-12-31', '2021-12-31'],
    ['2024-02-29', '2024-02-29'],
    ['2021-02-29', null],
    ['2021-02-30', null],
    ['2021-13-01', null],
    ['2021-00-10', null],
    ['2021-6-30', null], // a `${number}-${number}-${number}` at type level, refused here
    ['2021/06/30', null],
    [' 2021-06-30', null],
    ['2021-06-30T00:00:00Z', null],
    ['', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseIsoDateString(text)).toBe(expected)
  })
})

describe('toIsoDate', () => {
  it.each([
    [new Date(2021, 5, 30), '2021-06-30'],
    [new Date(2024, 1, 29), '2024-02-29'],
    [new Date(2021, 11, 31, 23, 59, 59), '2021-12-31'], // the local calendar day
    [new Date(2021, 0, 1, 0, 0, 0), '2021-01-01'],
  ])('writes %s as %j', (date, expected) => {
    expect(toIsoDate(date)).toBe(expected)
  })
})

describe('checkedBudgetLine', () => {
  const line = budgetLine({ id: 'gzfl', name: '工资福利支出', initialBudget: '1129.83' })
  it.each<[string, Partial<Unchecked<BudgetLine>>, Partial<BudgetLine> | null]>([
    [
      'keeps a line whose amounts are decimals (seed 001 工资福利支出 1129.83)',
      {},
      { initialBudget: '1129.83', additions: '0', reductions: '0', carryOver: '0' },
    ],
    [
      'keeps the spelling of each amount',
      { additions: '10.50', carryOver: '0.00' },
      { additions: '10.50', carryOver: '0.00' },
    ],
    ['refuses a blank 年初预算', { initialBudget: '' }, null],
    ['refuses a blank adjustment (the form writes 0)', { additions: '' }, null],
    ['refuses separators', { reductions: '1,000' }, null],
    ['refuses an exponent', { carryOver: '1e3' }, null],
  ])('%s', (_name, typed, expected) => {
    const checked = checkedBudgetLine(unchecked(line, typed))
    if (expected === null) expect(checked).toBeNull()
    else expect(checked).toEqual({ ...line, ...expected })
  })
})

describe('checkedIndicator', () => {
  const base = indicator({ id: 'ysch', name: '办理建设项目用地初审', targetValue: '15' })
  const plan: DecimalString[] = ['1', '2', '3', '4', '5', '7', '8', '9', '10', '12', '14', '15']
  it.each<[string, Partial<Unchecked<Indicator>>, Partial<Indicator> | null]>([
    ['keeps an indicator without 分值, date or plan (seed 001 用地初审 ≥ 15 个)', {}, {}],
    [
      'keeps the 分值, due date and plan',
      { weight: '10', dueDate: '2021-12-31', monthlyPlan: plan },
      { weight: '10', dueDate: '2021-12-31', monthlyPlan: plan },
    ],
    [
      'keeps 年度指标值 as text (定性 targets are words)',
      { operator: '定性', targetValue: '效果明显' },
      { operator: '定性', targetValue: '效果明显' },
    ],
    ['refuses a 分值 that is not a number', { weight: '二' }, null],
    ['refuses a date that is not a calendar day', { dueDate: '2021-02-30' }, null],
    ['refuses a blank date', { dueDate: '' }, null],
    ['refuses a plan with a blank month', { monthlyPlan: [...plan.slice(0, 11), ''] }, null],
  ])('%s', (_name, typed, expected) => {
    const checked = checkedIndicator(unchecked(base, typed))
    if (expected === null) expect(checked).toBeNull()
    else expect(checked).toEqual({ ...base, ...expected })
  })
})
