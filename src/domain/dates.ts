/**
 * Every date-fns call lives here. Dates travel as 'yyyy-MM-dd' strings; the "as of" date is
 * always a parameter, never `new Date()`.
 */
import { format, getDayOfYear, getDaysInYear, getMonth, getYear, lastDayOfMonth } from 'date-fns'
import type { IsoDate, MonthNumber } from './types'

const ISO = 'yyyy-MM-dd'

/**
 * Parses 'yyyy-MM-dd' strictly; null when it is not a real calendar date (2021-02-30, 2021-13-01).
 * Built by hand rather than with date-fns `parse` + `format`: a 主管部门 snapshot checks dates tens of
 * thousands of times, and this is much faster (see docs/benchmarks.md (round 2)) with the same answers
 * (test/domain/dates.test.ts).
 */
export function parseIsoDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(year, month - 1, day)
  // years 0–99 would be read as 1900–1999 by the constructor
  date.setFullYear(year)
  const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day
  return real ? date : null
}

/** The calendar day of `date` (local time) as 'yyyy-MM-dd': a constructor of `IsoDate` (`types.ts`). */
export function toIsoDate(date: Date): IsoDate {
  return format(date, ISO) as IsoDate
}

/**
 * A text as a stored `IsoDate`: the text itself when `parseIsoDate` reads it as a real calendar date
 * ('2021-06-30'), null otherwise ('2021-02-30', '2021-6-30', ' 2021-06-30', ''). The runtime check
 * behind the type: text from a file, a cell or a form becomes an `IsoDate` only here or through `toIsoDate`.
 */
export function parseIsoDateString(value: string): IsoDate | null {
  return parseIsoDate(value) ? (value as IsoDate) : null
}

export function yearOf(date: Date): number {
  return getYear(date)
}

export function monthOf(date: Date): MonthNumber {
  return (getMonth(date) + 1) as MonthNumber
}

export function dayOfYear(date: Date): number {
  return getDayOfYear(date)
}

export function daysInYear(date: Date): number {
  return getDaysInYear(date)
}

/** The last calendar day of a month: monthEnd(2021, 6) → '2021-06-30'. */
export function monthEnd(year: number, month: MonthNumber): IsoDate {
  return toIsoDate(lastDayOfMonth(new Date(year, month - 1, 1)))
}
