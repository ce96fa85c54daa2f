import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  cellKey,
  changedExecutions,
  checkExecutionDraft,
  draftFromExecutions,
  fillAllocatedFromSpent,
  GRID_MONTHS,
  gridTotals,
  parsePastedBlock,
  placePastedBlock,
} from '../../src/domain/entryExecutionGrid'
import { budgetFigures } from '../../src/domain/rates'
import type { ExecutionDraft } from '../../src/domain/entryExecutionGrid'
import { budgetLine, dec, execution } from './factories'

// seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83, 6月 执行数 324.88 = 到位资金
const salary = budgetLine({ id: 'gzfl', name: '工资福利支出', initialBudget: '1129.83', sortOrder: 1 })
const vehicles = budgetLine({
  id: 'clyx',
  name: '车辆运行维护费',
  subCategory: 'public',
  initialBudget: '40.00',
  sortOrder: 2,
})

function draftWith(cells: Record<string, { spent: string; allocated: string }>): ExecutionDraft {
  const draft = draftFromExecutions([salary, vehicles], [])
  for (const [key, value] of Object.entries(cells)) {
    const [lineId, month] = key.split('|')
    draft[lineId][Number(month) - 1] = value
  }
  return draft
}

describe('checkExecutionDraft', () => {
  it('accepts seed 001 June figures typed with separators and keeps them as parsed rows', () => {
    const check = checkExecutionDraft(
      [salary, vehicles],
      draftWith({
        'gzfl|6': { spent: '324.88', allocated: '324.88' },
        'clyx|6': { spent: '15.95', allocated: '15.95' },
      }),
      [],
    )
    expect(check.errorCount).toBe(0)
    expect(check.parsed.map((e) => [e.budgetLineId, e.month, e.spent])).toEqual([
      ['gzfl', 6, '324.88'],
      ['clyx', 6, '15.95'],
    ])
  })

  it('marks a non-number in place with its reason and leaves it out of the rows', () => {
    const check = checkExecutionDraft([salary], draftWith({ 'gzfl|3': { spent: '1,2a', allocated: '200' } }), [])
    expect(check.byCell.get(cellKey('gzfl', 3, 'spent'))?.map((i) => i.message)).toEqual([
      '3月执行数「1,2a」不是有效数字，请填写如 1234.50 或 1,234.50 的数字',
    ])
    expect(check.errorCount).toBe(1)
    expect(check.parsed).toEqual([])
  })

  it('refuses 执行数 above 到位资金, above 调整后预算, and negatives', () => {
    const check = checkExecutionDraft(
      [vehicles],
      draftWith({
        'clyx|1': { spent: '10', allocated: '5' },
        'clyx|2': { spent: '50', allocated: '60' },
        'clyx|3': { spent: '-1', allocated: '60' },
      }),
      [],
    )
    const messages = (month: 1 | 2 | 3) => check.byCell.get(cellKey('clyx', month, 'spent'))?.map((i) => i.message)
    expect(messages(1)).toEqual(['1月执行数 10.00 万元大于到位资金 5.00 万元'])
    expect(messages(2)).toEqual(['2月执行数 50.00 万元大于调整后预算 40.00 万元'])
    expect(messages(3)).toEqual(['3月执行数不能为负数'])
    expect(check.byCell.get(cellKey('clyx', 2, 'allocated'))?.map((i) => i.severity)).toEqual(['warning'])
  })

  it('asks for the other figure of a month once one is typed', () => {
    const check = checkExecutionDraft([salary], draftWith({ 'gzfl|6': { spent: '324.88', allocated: '' } }), [])
    expect(check.byCell.get(cellKey('gzfl', 6, 'allocated'))?.map((i) => i.message)).toEqual(['请填写6月到位资金'])
  })

  it('warns when a cumulative figure falls below an earlier month', () => {
    const check = checkExecutionDraft(
      [salary],
      draftWith({ 'gzfl|1': { spent: '60', allocated: '60' }, 'gzfl|3': { spent: '50', allocated: '60' } }),
      [],
    )
    expect(check.errorCount).toBe(0)
    expect(check.byCell.get(cellKey('gzfl', 3, 'spent'))?.map((i) => i.code)).toEqual(['spent.decreasing'])
  })

  it('refuses clearing a month that is already stored', () => {
    const stored = [execution('gzfl', 6, '324.88')]
    const check = checkExecutionDraft([salary], draftWith({}), stored)
    expect(check.byCell.get(cellKey('gzfl', 6, 'spent'))?.map((i) => i.code)).toEqual(['execution.cleared'])
  })
})

describe('gridTotals', () => {
  it('sums seed 001 lines per month, carrying a line’s latest month forward', () => {
    const parsed = [execution('gzfl', 5, '270.60'), execution('gzfl', 6, '324.88'), execution('clyx', 5, '12.90')]
    const totals = gridTotals([salary, vehicles], parsed)
    expect(totals.adjustedBudget.toFixed(2)).toBe('1169.83')
    expect(totals.months[4].spent.toFixed(2)).toBe('283.50')
    expect(totals.months[5].spent.toFixed(2)).toBe('337.78') // 324.88 + 12.90 carried from 5月
    expect(totals.months[0].spent.toFixed(2)).toBe('0.00')
  })
})

describe('changedExecutions', () => {
  it('writes only months that differ numerically from what is stored, keeping stored ids', () => {
    const stored = [execution('gzfl', 5, '270.60'), execution('gzfl', 6, '324.88')]
    const check = checkExecutionDraft(
      [salary],
      draftWith({
        'gzfl|5': { spent: '270.600', allocated: '270.60' },
        'gzfl|6': { spent: '330', allocated: '330' },
        'gzfl|7': { spent: '380', allocated: '400' },
      }),
      stored,
    )
    let n = 0
    const rows = changedExecutions(check.parsed, stored, () => `new-${++n}`)
    expect(rows.map((r) => [r.id, r.month, r.spent, r.allocated])).toEqual([
      [stored[1].id, 6, '330', '330'],
      ['new-1', 7, '380', '400'],
    ])
  })
})

describe('pasting a block from Excel', () => {
  it('splits tab-separated lines and drops the trailing line break Excel adds', () => {
    expect(parsePastedBlock('53.90\t107.95\r\n2.10\t4.85\r\n')).toEqual([
      ['53.90', '107.95'],
      ['2.10', '4.85'],
    ])
    expect(parsePastedBlock('"1,234.50"')).toEqual([['1,234.50']])
  })

  it('places the block from the focused cell and counts what falls outside the grid', () => {
    const placed = placePastedBlock(
      { row: 1, col: 10 },
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
      2,
      12,
    )
    expect(placed.cells).toEqual([
      { row: 1, col: 10, text: 'a' },
      { row: 1, col: 11, text: 'b' },
    ])
    expect(placed.clipped).toBe(4)
  })
})

describe('gridTotals agrees with budgetFigures', () => {
  it('for random lines and months (the same carry-forward rule as 概览)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            line: fc.integer({ min: 0, max: 3 }),
            month: fc.integer({ min: 1, max: 12 }),
            spent: fc.integer({ min: 0, max: 99999 }),
          }),
          { maxLength: 30 },
        ),
        (entries) => {
          const lines = [0, 1, 2, 3].map((i) => budgetLine({ id: `p${i}`, sortOrder: i }))
          const seen = new Set<string>()
          const rows = entries
            .filter((e) => !seen.has(`${e.line}|${e.month}`) && seen.add(`${e.line}|${e.month}`))
            .map((e) => execution(`p${e.line}`, e.month, dec((e.spent / 100).toFixed(2))))
          const totals = gridTotals(lines, rows)
          for (const month of GRID_MONTHS) {
            const expected = budgetFigures(lines, rows, month)
            expect(totals.months[month - 1].spent.eq(expected.spent)).toBe(true)
            expect(totals.months[month - 1].allocated.eq(expected.allocated)).toBe(true)
          }
        },
      ),
    )
  })
})

describe('fillAllocatedFromSpent', () => {
  it('copies 执行数 into blank 到位资金 only, keeping typed ones and unchanged rows', () => {
    const draft = draftWith({
      'gzfl|6': { spent: '324.88', allocated: '' },
      'gzfl|5': { spent: '270.60', allocated: '300' },
    })
    const { draft: next, filled } = fillAllocatedFromSpent(draft)
    expect(filled).toBe(1)
    expect(next.gzfl[5]).toEqual({ spent: '324.88', allocated: '324.88' })
    expect(next.gzfl[4]).toEqual({ spent: '270.60', allocated: '300' })
    expect(next.clyx).toBe(draft.clyx)
  })
})
