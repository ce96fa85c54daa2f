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
  // there is no year 0 (1 BC comes before 1 AD): date-fns reads '0000' as no date, and so do we
  if (year < 1) return null
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

/** China has kept UTC+8 all year since 1991; the stored times are UTC (ISO 8601 with Z). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

/** An instant's calendar parts in Beijing time (minutes and hours two-digit). */
export interface BeijingParts {
  y: number
  mo: number
  d: number
  h: string
  mi: string
}

/** The parts of an instant in Beijing time, whatever the machine's zone; null when `iso` is not a time. */
export function beijingParts(iso: string): BeijingParts | null {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return null
  const t = new Date(ms + BEIJING_OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: two(t.getUTCHours()),
    mi: two(t.getUTCMinutes()),
  }
}

/** '2021年7月5日 14:30' for '2021-07-05T06:30:00.000Z' (Beijing time); null when `iso` is not a time. */
export function beijingDateTime(iso: string): string | null {
  const p = beijingParts(iso)
  return p && `${p.y}年${p.mo}月${p.d}日 ${p.h}:${p.mi}`
}

/** A calendar day in report prose: '2021年10月1日' for '2021-10-01'; the text itself when it is not a date. */
export function chineseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return match ? `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日` : date
}
