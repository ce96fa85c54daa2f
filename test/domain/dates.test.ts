import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { format, isValid, parse } from 'date-fns'
import { beijingDateTime, beijingParts, chineseDate, parseIsoDate } from '@/domain/dates'
import { parseNodeDate } from '@/domain/periods'

/** The date-fns reading parseIsoDate replaced: parse strictly, then check it formats back the same. */
function dateFnsReading(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const date = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1))
  return isValid(date) && format(date, 'yyyy-MM-dd') === value ? format(date, 'yyyy-MM-dd') : null
}

const read = (value: string): string | null => {
  const date = parseIsoDate(value)
  return date ? format(date, 'yyyy-MM-dd') : null
}

describe('parseIsoDate', () => {
  it.each([
    ['2021-06-30', '2021-06-30'], // seed 001's node
    ['2024-02-29', '2024-02-29'],
    ['2021-02-29', null],
    ['2021-02-30', null],
    ['2021-13-01', null],
    ['2021-00-10', null],
    ['2021-06-31', null],
    ['2021-6-30', null],
    ['2021/06/30', null],
    [' 2021-06-30', null],
    ['', null],
    // fast-check found it after 2,355 cases: year 0 was read (and written back as 0001)
    ['0000-02-03', null],
    ['0001-02-03', '0001-02-03'],
  ])('reads %j as %j', (input, expected) => {
    expect(read(input)).toBe(expected)
  })

  it('agrees with date-fns parse + format on any yyyy-MM-dd shaped string', () => {
    const digits = (n: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''))
    fc.assert(
      fc.property(fc.tuple(digits(4), digits(2), digits(2)), ([y, m, d]) => {
        const value = `${y}-${m}-${d}`
        expect(read(value)).toBe(dateFnsReading(value))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('parseNodeDate', () => {
  it('gives the same parts for the same date every time (seed 001: 6月30日 is day 181 of 365)', () => {
    const first = parseNodeDate('2021-06-30')
    const second = parseNodeDate('2021-06-30')
    expect(first).toEqual({
      ok: true,
      value: { iso: '2021-06-30', year: 2021, month: 6, dayOfYear: 181, daysInYear: 365 },
    })
    expect(second).toEqual(first)
    expect(parseNodeDate('2021-02-30').ok).toBe(false)
  })
})

describe('beijingDateTime (the one Beijing-time formatter of screens and exports)', () => {
  it.each([
    ['2021-07-05T06:30:00.000Z', '2021年7月5日 14:30'],
    // 16:05 UTC on 30 June is already 1 July in Beijing, whatever the machine's zone
    ['2021-06-30T16:05:59.999Z', '2021年7月1日 00:05'],
    ['2021-12-31T16:00:00Z', '2022年1月1日 00:00'],
    ['2021-07-05T14:30:00+08:00', '2021年7月5日 14:30'],
  ])('reads %s as %s', (iso, beijing) => {
    expect(beijingDateTime(iso)).toBe(beijing)
  })

  it('gives parts in Beijing time and null for text that is not a time', () => {
    expect(beijingParts('2021-06-30T16:05:00Z')).toEqual({ y: 2021, mo: 7, d: 1, h: '00', mi: '05' })
    expect(beijingDateTime('不是时间')).toBeNull()
    expect(beijingParts('')).toBeNull()
  })
})

describe('chineseDate', () => {
  it.each([
    ['2021-10-01', '2021年10月1日'],
    ['2021-06-30', '2021年6月30日'],
    ['2021-6-30', '2021-6-30'],
    ['', ''],
  ])('writes %s as %s', (iso, words) => {
    expect(chineseDate(iso)).toBe(words)
  })
})
