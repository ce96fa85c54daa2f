import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { format, isValid, parse } from 'date-fns'
import { parseIsoDate } from '@/domain/dates'
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
