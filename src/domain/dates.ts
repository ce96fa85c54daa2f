/**
 * Every date-fns call lives here. Dates travel as 'yyyy-MM-dd' strings; the "as of" date is
 * always a parameter, never `new Date()`.
 */
import { format, getDayOfYear, getDaysInYear, isValid, parse, getMonth, getYear, lastDayOfMonth } from 'date-fns'
import type { IsoDate, MonthNumber } from './types'

const ISO = 'yyyy-MM-dd'

/** Parses 'yyyy-MM-dd' strictly; null when it is not a real calendar date. */
export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const date = parse(value, ISO, new Date(2000, 0, 1))
  return isValid(date) && format(date, ISO) === value ? date : null
}

export function toIsoDate(date: Date): IsoDate {
  return format(date, ISO)
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
