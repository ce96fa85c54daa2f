import { describe, expect, it } from 'vitest'
import { formatPercent } from '../../src/domain/decimal'
import {
  monthEndTimeProgress,
  monthsThrough,
  nodeLabel,
  parseNodeDate,
  reportedMonth,
  timeProgress,
  toMonthNumber,
} from '../../src/domain/periods'
import type { IsoDate } from '../../src/domain/types'

describe('timeProgress (序时进度)', () => {
  it('is 50% at 2021-06-30 by months (seed 001 序时进度 50%)', () => {
    expect(timeProgress('2021-06-30', 'month').toFixed()).toBe('0.5')
  })

  it('uses the month of the date even mid-month (month(d) ÷ 12)', () => {
    expect(timeProgress('2021-07-15', 'month').eq(timeProgress('2021-07-31', 'month'))).toBe(true)
    expect(formatPercent(timeProgress('2021-07-15', 'month'))).toBe('58.33%')
  })

  it('is 181 ÷ 365 at 2021-06-30 by days', () => {
    expect(formatPercent(timeProgress('2021-06-30', 'day'))).toBe('49.59%')
  })

  it('counts 366 days in a leap year by days', () => {
    expect(formatPercent(timeProgress('2024-06-30', 'day'), 4)).toBe('49.7268%')
  })

  it('is 100% at the year end in both modes', () => {
    expect(timeProgress('2021-12-31', 'month').toFixed()).toBe('1')
    expect(timeProgress('2021-12-31', 'day').toFixed()).toBe('1')
  })

  it('is 0 (never NaN) for an invalid date', () => {
    expect(timeProgress('2021-02-30', 'month').toFixed()).toBe('0')
    // the type rules this out; a stored row is still untrusted, and the function copes
    expect(timeProgress('not a date' as IsoDate, 'day').toFixed()).toBe('0')
  })

  it('gives month-end progress for the monthly path', () => {
    expect(formatPercent(monthEndTimeProgress(2021, 2, 'day'))).toBe('16.16%') // 59 ÷ 365
    expect(formatPercent(monthEndTimeProgress(2021, 3, 'month'))).toBe('25.00%')
  })
})

describe('parseNodeDate', () => {
  it('returns the parts of a valid node date', () => {
    const parsed = parseNodeDate('2021-06-30')
    expect(parsed).toEqual({
      ok: true,
      value: { iso: '2021-06-30', year: 2021, month: 6, dayOfYear: 181, daysInYear: 365 },
    })
  })

  it('returns a Chinese issue for an impossible date', () => {
    const parsed = parseNodeDate('2021-13-01')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(parsed.issues[0]).toMatchObject({ field: 'asOfDate', code: 'date.invalid', severity: 'error' })
    if (!parsed.ok) expect(parsed.issues[0].message).toContain('监控节点日期')
  })
})

describe('nodeLabel and reportedMonth', () => {
  it("labels 2021-06-30 '2021年1-6月' as seed 001 does", () => {
    expect(nodeLabel('2021-06-30')).toBe('2021年1-6月')
  })

  it("labels a January node '2021年1月'", () => {
    expect(nodeLabel('2021-01-31')).toBe('2021年1月')
  })

  it('labels an invalid date with an empty string', () => {
    expect(nodeLabel('2021-06-31')).toBe('')
  })

  it('reports June cumulative execution at 2021-06-30 and July at 2021-07-15', () => {
    expect(reportedMonth('2021-06-30')).toBe(6)
    expect(reportedMonth('2021-07-15')).toBe(7)
  })

  it('lists the months through the node and rejects month numbers out of range', () => {
    expect(monthsThrough(3)).toEqual([1, 2, 3])
    expect(toMonthNumber(12)).toBe(12)
    expect(toMonthNumber(13)).toBeNull()
    expect(toMonthNumber(1.5)).toBeNull()
  })
})
