import { describe, expect, it } from 'vitest'
import {
  cellProblem,
  columnLetter,
  parseAmount,
  parseChoice,
  parseChoices,
  parseDate,
  parseDateList,
  parsePercentNumber,
  parseText,
  parseYear,
  sameDecimal,
  toHalfWidth,
  type CellValue,
} from '@/domain/importParsing'
import { DEVIATION_CAUSES } from '@/domain/types'

describe('parseAmount (万元)', () => {
  const good: [CellValue, string | null][] = [
    [null, null],
    ['', null],
    ['   ', null],
    [1129.83, '1129.83'],
    [0.1, '0.1'],
    [0, '0'],
    ['1493.25', '1493.25'],
    ['1,234.50', '1234.5'],
    ['1,234,567.89', '1234567.89'],
    ['１２３４．５', '1234.5'],
    ['１，２３４', '1234'],
    ['（120）', '-120'],
    ['(120.5)', '-120.5'],
    ['-12', '-12'],
    ['+12', '12'],
    ['120万元', '120'],
    ['120 万元', '120'],
    ['120万', '120'],
    ['.5', '0.5'],
    [' 383.74 ', '383.74'],
  ]
  it.each(good)('%j → %j', (cell, expected) => {
    expect(parseAmount(cell)).toEqual({ ok: true, value: expected })
  })
  const bad: [CellValue, string][] = [
    ['1,2a', '不是有效金额'],
    ['1,23', '不是有效金额'],
    ['12,34.5', '不是有效金额'],
    ['abc', '不是有效金额'],
    ['1.2.3', '不是有效金额'],
    ['--5', '不是有效金额'],
    ['(-5)', '不是有效金额'],
    ['1e5', '不是有效金额'],
    ['120元', '金额单位应为万元'],
    ['一百', '不是有效金额'],
    ['💰12', '不是有效金额'],
    [true, '不是有效金额'],
    [new Date(Date.UTC(2021, 5, 30)), '不是有效金额'],
    [Number.NaN, '不是有效数字'],
    [Number.POSITIVE_INFINITY, '不是有效数字'],
    [1e15, '数值过大'],
    ['9999999999999', '金额过大'],
  ]
  it.each(bad)('%j is refused: %s', (cell, reason) => {
    expect(parseAmount(cell)).toEqual({ ok: false, reason })
  })
})

describe('parsePercentNumber', () => {
  it.each<[CellValue, boolean, string | null]>([
    ['98%', false, '98'],
    ['９８％', false, '98'],
    ['98', false, '98'],
    [98, false, '98'],
    [0.98, false, '0.98'],
    [0.98, true, '98'],
    ['0.3', true, '30'],
    ['30', true, '30'],
    ['30%', true, '30'],
    [1, true, '1'],
    [null, true, null],
  ])('%j (fraction %s) → %j', (cell, fraction, expected) => {
    expect(parsePercentNumber(cell, fraction)).toEqual({ ok: true, value: expected })
  })
  it.each<CellValue>(['98%%', '九十', '%', 'abc'])('%j is refused', (cell) => {
    expect(parsePercentNumber(cell).ok).toBe(false)
  })
})

describe('parseDate', () => {
  it.each<[CellValue, string]>([
    ['2021-06-30', '2021-06-30'],
    ['2021/6/30', '2021-06-30'],
    ['2021.6.30', '2021-06-30'],
    ['2021年6月30日', '2021-06-30'],
    ['２０２１－０６－３０', '2021-06-30'],
    [new Date(Date.UTC(2021, 5, 30)), '2021-06-30'],
    [44377, '2021-06-30'],
    ['2024-02-29', '2024-02-29'],
  ])('%j → %s', (cell, expected) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: expected })
  })
  it.each<CellValue>([
    '2021-02-30',
    '2021-13-01',
    '2023-02-29',
    '30/06/2021',
    '6月30日',
    'yesterday',
    44377.5,
    -1,
    true,
    new Date(Number.NaN),
  ])('%j is refused', (cell) => {
    expect(parseDate(cell).ok).toBe(false)
  })
  it('reads a list of node dates', () => {
    expect(parseDateList('2021-06-30、2021-09-30，2021/12/31')).toEqual({
      ok: true,
      value: ['2021-06-30', '2021-09-30', '2021-12-31'],
    })
    expect(parseDateList('2021-06-30、明天')).toEqual({ ok: false, reason: '含有无效日期“明天”（请写成 2021-06-30）' })
  })
})

describe('choices, text, year', () => {
  it('maps operators with aliases and full-width forms', () => {
    const ops = ['≥', '>', '=', '≤', '<', '定性'] as const
    expect(parseChoice('>=', ops, { '>=': '≥' })).toEqual({ ok: true, value: '≥' })
    expect(parseChoice('＞', ops)).toEqual({ ok: true, value: '>' })
    expect(parseChoice(' 定性 ', ops)).toEqual({ ok: true, value: '定性' })
    expect(parseChoice('大于', ops)).toEqual({ ok: false, reason: '不是可选值（可选：≥、>、=、≤、<、定性）' })
  })
  it('splits several deviation causes', () => {
    expect(parseChoices('经费保障、人员保障，经费保障', DEVIATION_CAUSES)).toEqual({
      ok: true,
      value: ['经费保障', '人员保障'],
    })
    expect(parseChoices('天气', DEVIATION_CAUSES).ok).toBe(false)
  })
  it('keeps Chinese and emoji text, refuses over-long text', () => {
    expect(parseText('  绩效🎯目标 ')).toEqual({ ok: true, value: '绩效🎯目标' })
    expect(parseText('字'.repeat(11), 10)).toEqual({ ok: false, reason: '文字过长（超过10字）' })
  })
  it('reads years', () => {
    expect(parseYear(2021)).toEqual({ ok: true, value: 2021 })
    expect(parseYear('2021年')).toEqual({ ok: true, value: 2021 })
    expect(parseYear('21').ok).toBe(false)
    expect(parseYear(1999).ok).toBe(false)
  })
})

describe('helpers', () => {
  it('names columns like Excel', () => {
    expect([1, 6, 26, 27, 34, 52, 53].map(columnLetter)).toEqual(['A', 'F', 'Z', 'AA', 'AH', 'AZ', 'BA'])
  })
  it('folds full-width characters', () => {
    expect(toHalfWidth('１２３，（４５）％')).toBe('123,(45)%')
  })
  it('compares decimals by value', () => {
    expect(sameDecimal('40.00', '40')).toBe(true)
    expect(sameDecimal('40.01', '40')).toBe(false)
    expect(sameDecimal('abc', 'abc')).toBe(true)
  })
  it('writes the problem sentence of the issue', () => {
    expect(cellProblem('预算执行', 12, 6, '6月执行数', '不是有效金额', '1,2a')).toBe(
      '预算执行 第12行 F列「6月执行数」不是有效金额：“1,2a”',
    )
  })
})
