import { describe, expect, it } from 'vitest'
import { parseTypedNumber, typedNumberOrText } from '../../src/domain/entryInput'

describe('parseTypedNumber (strict entry parsing)', () => {
  it.each([
    ['324.88', '324.88'], // seed 001: 工资福利支出 执行数 at 6月30日
    ['1,129.83', '1129.83'], // seed 001: 工资福利支出 budget, typed with a separator
    ['1,234.50', '1234.50'],
    [' 15.95 ', '15.95'],
    ['1493', '1493'],
    ['0', '0'],
    ['007', '7'],
    ['-5', '-5'],
    ['12,345,678.9', '12345678.9'],
  ])('reads %j as %j', (text, value) => {
    expect(parseTypedNumber(text)).toEqual({ ok: true, value })
  })

  it('reads a blank cell as no value', () => {
    expect(parseTypedNumber('')).toEqual({ ok: true, value: null })
    expect(parseTypedNumber('   ')).toEqual({ ok: true, value: null })
  })

  it.each([
    '1,2a',
    'abc',
    '1.2.3',
    '1e3',
    '1,23',
    '12,34.5',
    '.5',
    '5.',
    '１２',
    '12万元',
    '(120)',
    '1 234',
    '--1',
    '+1',
  ])('refuses %j with a Chinese message naming the text', (text) => {
    const parsed = parseTypedNumber(text, '6月执行数')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(parsed.message).toBe(`6月执行数「${text.trim()}」不是有效数字，请填写如 1234.50 或 1,234.50 的数字`)
  })
})

describe('typedNumberOrText', () => {
  it('normalizes numbers and keeps anything else as typed for the domain validation to name', () => {
    expect(typedNumberOrText('1,343.25')).toBe('1343.25')
    expect(typedNumberOrText(' 1,2a ')).toBe('1,2a')
    expect(typedNumberOrText('')).toBe('')
  })
})
