import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  cellKey,
  checkExecutionDraft,
  checkExecutionLine,
  completeAllocated,
  completeAllocatedLine,
  draftFromExecutions,
  GRID_MONTHS,
  gridTotals,
  issueInMonthlyView,
  monthlyText,
  monthlyTotals,
  setMonthlyAmount,
  shownMonthlyText,
} from '../../src/domain/entryExecutionGrid'
import type { ExecutionCellText } from '../../src/domain/entryExecutionGrid'
import type { MonthNumber } from '../../src/domain/types'
import { budgetLine, dec, execution } from './factories'

// seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83; cumulative 执行数 1月 53.90, 2月 107.95, 5月 270.60,
// 6月 324.88; 车辆运行维护费 40.00, 5月 12.90, 6月 15.95
const salary = budgetLine({ id: 'gzfl', name: '工资福利支出', initialBudget: '1129.83', sortOrder: 1 })
const vehicles = budgetLine({
  id: 'clyx',
  name: '车辆运行维护费',
  subCategory: 'public',
  initialBudget: '40.00',
  sortOrder: 2,
})

/** A line's twelve months with the given cumulative 执行数 (到位资金 the same unless given). */
function rowOf(
  spent: Partial<Record<MonthNumber, string>>,
  allocated: Partial<Record<MonthNumber, string>> = spent,
): ExecutionCellText[] {
  return GRID_MONTHS.map((m) => ({ spent: spent[m] ?? '', allocated: allocated[m] ?? '' }))
}
const spentOf = (row: readonly ExecutionCellText[]) =>
  Object.fromEntries(row.flatMap((c, i) => (c.spent ? [[i + 1, c.spent]] : [])))
const monthlySpent = (row: readonly ExecutionCellText[]) => GRID_MONTHS.map((m) => monthlyText(row, m, 'spent'))

describe('monthlyText (当月数 from the cumulative draft)', () => {
  const seed = rowOf({ 1: '53.90', 2: '107.95', 5: '270.60', 6: '324.88' })

  it.each([
    [1, '53.90', 'the first entry is its cumulative'],
    [2, '54.05', '107.95 − 53.90'],
    [5, '162.65', '270.60 − 107.95: since the latest earlier month entered 3-4月 not entered'],
    [6, '54.28', '324.88 − 270.60'],
    [7, '', 'a month not entered is blank, not 0'],
  ] as const)('工资福利支出 %i月 shows %s (%s)', (month, expected, _why) => {
    expect(monthlyText(seed, month, 'spent')).toBe(expected)
  })

  it('shows unreadable text as typed and skips it as a base', () => {
    const row = rowOf({ 1: '53.90', 2: '1,2a', 3: '162.20' })
    expect(monthlyText(row, 2, 'spent')).toBe('1,2a')
    expect(monthlyText(row, 3, 'spent')).toBe('108.30')
  })

  it('reads each figure on its own: 到位资金 from the 到位资金 of earlier months', () => {
    const row = rowOf({ 1: '53.90', 2: '107.95' }, { 1: '60.00', 2: '110.00' })
    expect(monthlyText(row, 2, 'allocated')).toBe('50.00')
  })

  it('keeps the text typed while it means the same amount, else shows the computed one', () => {
    const row = rowOf({ 1: '53.90', 2: '107.90' })
    expect(shownMonthlyText(row, 2, 'spent', '54.0')).toBe('54.0')
    expect(shownMonthlyText(row, 2, 'spent', '55')).toBe('54.00')
    expect(shownMonthlyText(row, 2, 'spent')).toBe('54.00')
  })
})

describe('setMonthlyAmount (typing 当月数)', () => {
  it('stores 2月 = 1月 53.90 + 当月 54.05 = 107.95 (seed 001)', () => {
    const row = setMonthlyAmount(rowOf({ 1: '53.90' }), 2, 'spent', '54.05')
    expect(row[1].spent).toBe('107.95')
    expect(row[1].allocated).toBe('')
  })

  it('stores the first entry as typed, separators removed', () => {
    expect(setMonthlyAmount(rowOf({}), 1, 'spent', '53.90')[0].spent).toBe('53.90')
    expect(setMonthlyAmount(rowOf({}), 1, 'spent', '1,234.50')[0].spent).toBe('1234.50')
  })

  it('moves every later entered month by the change, so their 当月数 stay (seed 001 5-6月)', () => {
    const seed = rowOf({ 1: '53.90', 2: '107.95', 5: '270.60', 6: '324.88' })
    const row = setMonthlyAmount(seed, 2, 'spent', '55.00')
    expect(spentOf(row)).toEqual({ 1: '53.90', 2: '108.90', 5: '271.55', 6: '325.83' })
    expect(monthlySpent(row).slice(2)).toEqual(monthlySpent(seed).slice(2))
    expect(row.map((c) => c.allocated)).toEqual(seed.map((c) => c.allocated))
  })

  it('a month typed into a gap keeps the later months’ 当月数 too', () => {
    const seed = rowOf({ 1: '53.90', 6: '324.88' })
    const row = setMonthlyAmount(seed, 2, 'spent', '54.05')
    expect(spentOf(row)).toEqual({ 1: '53.90', 2: '107.95', 6: '378.93' })
    expect(monthlyText(row, 6, 'spent')).toBe(monthlyText(seed, 6, 'spent'))
  })

  it('clearing a month clears it and keeps the later 当月数', () => {
    const seed = rowOf({ 1: '53.90', 2: '107.95', 6: '324.88' })
    const row = setMonthlyAmount(seed, 2, 'spent', '')
    expect(spentOf(row)).toEqual({ 1: '53.90', 6: '270.83' })
    expect(monthlyText(row, 6, 'spent')).toBe('216.93')
  })

  it('keeps text that is not a number as typed, for the check to name in place', () => {
    const row = setMonthlyAmount(rowOf({ 1: '53.90' }), 2, 'spent', '54,0a')
    expect(row[1].spent).toBe('54,0a')
    row[1] = { ...row[1], allocated: '107.95' }
    const check = checkExecutionLine(salary, row, [])
    expect(check.issues.map((i) => [i.month, i.field, i.issue.code])).toEqual([[2, 'spent', 'amount.notDecimal']])
  })

  it('typing 54.05 key by key (54. is not a number) ends where typing it at once does', () => {
    const seed = rowOf({ 1: '53.90', 2: '107.95', 5: '270.60', 6: '324.88' })
    let row = seed
    for (const text of ['', '5', '54', '54.', '54.0', '54.05']) row = setMonthlyAmount(row, 2, 'spent', text)
    expect(row).toEqual(seed)
  })

  it('never changes a month of a 定稿 node (1-6月 locked)', () => {
    const seed = rowOf({ 1: '53.90', 6: '324.88' })
    expect(setMonthlyAmount(seed, 3, 'spent', '10', 6)).toEqual(seed)
    const july = setMonthlyAmount(seed, 7, 'spent', '58.86', 6)
    expect(spentOf(july)).toEqual({ 1: '53.90', 6: '324.88', 7: '383.74' })
  })

  it('for any row: the month reads back the amount typed and every other month its own amount as before', () => {
    const amount = fc.integer({ min: -50000, max: 99999 }).map((n) => (n / 100).toFixed(2))
    fc.assert(
      fc.property(
        fc.array(fc.option(amount, { nil: undefined }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        amount,
        (months, month, typed) => {
          const seed = GRID_MONTHS.map((_, i) => ({ spent: months[i] ?? '', allocated: '' }))
          const row = setMonthlyAmount(seed, month as MonthNumber, 'spent', typed)
          expect(Number(monthlyText(row, month as MonthNumber, 'spent'))).toBe(Number(typed))
          for (const m of GRID_MONTHS)
            if (m !== month) expect(monthlyText(row, m, 'spent')).toBe(monthlyText(seed, m, 'spent'))
        },
      ),
    )
  })
})

describe('a 当月数 that makes a cumulative negative', () => {
  it('is refused by validateExecution in place, and the 当月数 view says which cumulative it made', () => {
    const row = setMonthlyAmount(rowOf({ 1: '53.90' }), 2, 'spent', '-60')
    expect(row[1].spent).toBe('-6.10')
    row[1] = { ...row[1], allocated: '107.95' }
    const check = checkExecutionLine(salary, row, [])
    const found = check.issues.filter((i) => i.field === 'spent').map((i) => i.issue)
    expect(found.map((i) => [i.code, i.severity, i.message])).toEqual([
      ['amount.negative', 'error', '2月执行数不能为负数'],
    ])
    expect(issueInMonthlyView(found[0], row, 2, 'spent').message).toBe(
      '2月执行数不能为负数：按当月数 -60.00 计，1-2月累计为 -6.10 万元，当月冲减不能超过此前累计的 53.90 万元',
    )
    expect(check.issues.filter((i) => i.issue.severity === 'error')).toHaveLength(1)
  })

  it('a negative 当月数 within the earlier cumulative (a refund) is a warning only', () => {
    const row = setMonthlyAmount(rowOf({ 1: '53.90' }), 2, 'spent', '-3.90')
    row[1] = { ...row[1], allocated: '53.90' }
    const check = checkExecutionLine(salary, row, [])
    expect(check.issues.map((i) => [i.issue.code, i.issue.severity])).toEqual([['spent.decreasing', 'warning']])
  })
})

describe('monthlyTotals', () => {
  it('gives each month’s own amounts: seed 001 6月 = 54.28 + 3.05', () => {
    const parsed = [
      execution('gzfl', 5, '270.60'),
      execution('gzfl', 6, '324.88'),
      execution('clyx', 5, '12.90'),
      execution('clyx', 6, '15.95'),
    ]
    const months = monthlyTotals(gridTotals([salary, vehicles], parsed)).months
    expect(months[4].spent.toFixed(2)).toBe('283.50')
    expect(months[5].spent.toFixed(2)).toBe('57.33')
    expect(months[6].spent.toFixed(2)).toBe('0.00')
  })

  it('a line without the month adds 0 (its next month counts from its last)', () => {
    const parsed = [execution('gzfl', 5, '270.60'), execution('gzfl', 6, '324.88'), execution('clyx', 5, '12.90')]
    expect(monthlyTotals(gridTotals([salary, vehicles], parsed)).months[5].spent.toFixed(2)).toBe('54.28')
  })

  it('sums the lines’ 当月数 for random lines and months', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            line: fc.integer({ min: 0, max: 2 }),
            month: fc.integer({ min: 1, max: 12 }),
            spent: fc.integer({ min: 0, max: 99999 }),
          }),
          { maxLength: 24 },
        ),
        (entries) => {
          const lines = [0, 1, 2].map((i) => budgetLine({ id: `p${i}`, sortOrder: i }))
          const seen = new Set<string>()
          const rows = entries
            .filter((e) => !seen.has(`${e.line}|${e.month}`) && seen.add(`${e.line}|${e.month}`))
            .map((e) => execution(`p${e.line}`, e.month, dec((e.spent / 100).toFixed(2))))
          const draft = draftFromExecutions(lines, rows)
          const totals = monthlyTotals(gridTotals(lines, rows))
          for (const m of GRID_MONTHS) {
            const expected = lines.reduce(
              (total, line) => total + Math.round(Number(monthlyText(draft[line.id], m, 'spent') || '0') * 100),
              0,
            )
            expect(Math.round(totals.months[m - 1].spent.toNumber() * 100)).toBe(expected)
          }
        },
      ),
    )
  })
})

describe('completeAllocated (到位资金 as the unit keeps it)', () => {
  // seed 001 1月 as stored, 到位资金 typed apart from 执行数
  const stored = [execution('gzfl', 1, '53.90', '60.00')]
  const july = rowOf({ 1: '53.90', 7: '383.74' }, { 1: '60.00' })

  it("'typed' (the default) leaves the draft as it is and still asks for 到位资金", () => {
    expect(completeAllocatedLine(salary, july, stored, 'typed')).toBe(july)
    const check = checkExecutionLine(salary, completeAllocatedLine(salary, july, stored), stored)
    expect(check.issues.map((i) => i.issue.message)).toEqual(['请填写7月到位资金'])
  })

  it("'equalsSpent' gives each changed month its 执行数 and keeps stored months as kept", () => {
    const row = completeAllocatedLine(salary, july, stored, 'equalsSpent')
    expect(row[6]).toEqual({ spent: '383.74', allocated: '383.74' })
    expect(row[0]).toEqual({ spent: '53.90', allocated: '60.00' })
    const check = checkExecutionLine(salary, row, stored)
    expect(check.issues).toEqual([])
    expect(check.parsed.map((e) => [e.month, e.spent, e.allocated])).toEqual([
      [1, '53.90', '60.00'],
      [7, '383.74', '383.74'],
    ])
  })

  it("'equalsSpent' follows a changed stored month and ignores a 到位资金 left in the draft", () => {
    const row = completeAllocatedLine(salary, rowOf({ 1: '54.00' }, { 1: '60.00' }), stored, 'equalsSpent')
    expect(row[0]).toEqual({ spent: '54.00', allocated: '54.00' })
    expect(completeAllocatedLine(salary, rowOf({ 1: '53.900' }, { 1: '' }), stored, 'equalsSpent')[0].allocated).toBe(
      '60.00',
    )
  })

  it("'fullBudget' gives the line’s 调整后预算 as of the month: a September 追加 of 100 counts from September", () => {
    const line = { ...salary, additions: '100' as const, adjustmentMonth: 9 as const }
    const row = completeAllocatedLine(line, rowOf({ 7: '383.74', 9: '500.00' }, {}), [], 'fullBudget')
    expect([row[6].allocated, row[8].allocated]).toEqual(['1129.83', '1229.83'])
    expect(checkExecutionLine(line, row, []).issues).toEqual([])
  })

  it('never asks for 到位资金 in either mode: an unreadable 执行数 is one error, a cleared month the usual one', () => {
    for (const mode of ['equalsSpent', 'fullBudget'] as const) {
      const draft = draftFromExecutions([salary], [])
      draft.gzfl[6] = { spent: '38a', allocated: '' }
      const check = checkExecutionDraft([salary], completeAllocated([salary], draft, stored, mode), stored)
      expect(check.issues.map((i) => [i.month, i.field, i.issue.code])).toEqual([
        [1, 'spent', 'execution.cleared'],
        [7, 'spent', 'amount.notDecimal'],
      ])
      expect(check.byCell.get(cellKey('gzfl', 7, 'allocated'))).toBeUndefined()
    }
  })

  it('keeps an unchanged line’s row itself (its check stays cached)', () => {
    const row = rowOf({ 1: '53.90' }, { 1: '60.00' })
    expect(completeAllocatedLine(salary, row, stored, 'equalsSpent')).toBe(row)
  })
})
