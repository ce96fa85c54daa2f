/**
 * Monitoring periods: the node date, 序时进度 (time-elapsed progress) and the node label.
 * The node date is always a parameter (docs/domain-rules.md §1.2: never hard-code June or July).
 */
import { D } from './decimal'
import type { Dec } from './decimal'
import { dayOfYear, daysInYear, monthEnd, monthOf, parseIsoDate, yearOf } from './dates'
import { fail, issue, ok } from './result'
import type { Checked } from './result'
import type { TimeProgressMode } from './settings'
import type { IsoDate, MonthNumber } from './types'

/** A node date already checked to be a real calendar date, with the parts the formulas need. */
export interface NodeDate {
  iso: IsoDate
  year: number
  month: MonthNumber
  dayOfYear: number
  daysInYear: number
}

/**
 * A snapshot asks for the same few node dates once per indicator (tens of thousands of times at
 * 主管部门 size), so parsed dates are remembered. The results are frozen: nobody can change a shared one.
 */
const parsedNodeDates = new Map<string, Checked<NodeDate>>()
const PARSED_NODE_DATES_KEPT = 500

export function parseNodeDate(asOf: IsoDate): Checked<NodeDate> {
  const known = parsedNodeDates.get(asOf)
  if (known) return known
  const parsed = readNodeDate(asOf)
  if (parsedNodeDates.size >= PARSED_NODE_DATES_KEPT) parsedNodeDates.clear()
  parsedNodeDates.set(asOf, parsed)
  return parsed
}

function readNodeDate(asOf: IsoDate): Checked<NodeDate> {
  const date = parseIsoDate(asOf)
  if (!date) {
    return deepFreeze(
      fail([issue('asOfDate', 'date.invalid', `监控节点日期「${asOf}」无效，应为“yyyy-MM-dd”格式的日历日期`)]),
    )
  }
  return deepFreeze(
    ok({
      iso: asOf,
      year: yearOf(date),
      month: monthOf(date),
      dayOfYear: dayOfYear(date),
      daysInYear: daysInYear(date),
    }),
  )
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** 1..12 as a MonthNumber, or null. */
export function toMonthNumber(value: number): MonthNumber | null {
  return Number.isInteger(value) && value >= 1 && value <= 12 ? (value as MonthNumber) : null
}

/** [1, 2, …, month]: the months whose cumulative figures make up a path to the node. */
export function monthsThrough(month: MonthNumber): MonthNumber[] {
  const months: MonthNumber[] = []
  for (let m = 1; m <= month; m++) months.push(m as MonthNumber)
  return months
}

/** 序时进度 of a checked node date: month(d) ÷ 12 (default) or dayOfYear(d) ÷ daysInYear (docs/domain-rules.md §3.2). */
export function timeProgressOf(node: NodeDate, mode: TimeProgressMode): Dec {
  // remembered per NodeDate object: parseNodeDate hands out one frozen object per date
  let known = timeProgresses.get(node)
  if (!known) {
    known = {}
    timeProgresses.set(node, known)
  }
  let progress = known[mode]
  if (!progress) {
    progress = mode === 'day' ? new D(node.dayOfYear).div(node.daysInYear) : new D(node.month).div(12)
    known[mode] = progress
  }
  return progress
}
/** Asked once per cumulative indicator; a Decimal never changes, so one can be shared. */
const timeProgresses = new WeakMap<NodeDate, Partial<Record<TimeProgressMode, Dec>>>()

/**
 * 序时进度 at `asOf`. Month-based uses the date's month even mid-month (docs/domain-rules.md §3.2).
 * Precondition: a valid date (check with parseNodeDate); an invalid one yields 0, never NaN,
 * which the budget light shows as grey.
 */
export function timeProgress(asOf: IsoDate, mode: TimeProgressMode): Dec {
  const node = parseNodeDate(asOf)
  return node.ok ? timeProgressOf(node.value, mode) : new D(0)
}

/** 序时进度 at the last day of a month (the monthly execution path's reference line). */
export function monthEndTimeProgress(year: number, month: MonthNumber, mode: TimeProgressMode): Dec {
  return timeProgress(monthEnd(year, month), mode)
}

/**
 * The month whose cumulative execution applies at the node: the node date's own month, so that
 * 执行率 and month-based 序时进度 always describe the same months.
 * Precondition: a valid date; an invalid one yields 1.
 */
export function reportedMonth(asOf: IsoDate): MonthNumber {
  const node = parseNodeDate(asOf)
  return node.ok ? node.value.month : 1
}

/** '2021年1-6月' as in seed 001 (docs/domain-rules.md §3.1); January alone reads '2021年1月'. '' for an invalid date. */
export function nodeLabel(asOf: IsoDate): string {
  const node = parseNodeDate(asOf)
  if (!node.ok) return ''
  const { year, month } = node.value
  return month === 1 ? `${year}年1月` : `${year}年1-${month}月`
}
