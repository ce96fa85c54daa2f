/**
 * Exact decimal arithmetic for money and rates. All domain arithmetic goes through `Decimal`
 * (decimal.js), never JS floats; values rest as strings. Rounding happens once, for display,
 * in `roundForDisplay` — every formatter below calls it, nothing else rounds.
 */
import Decimal from 'decimal.js'
import type { DecimalString } from './types'

/** A private Decimal constructor so a global config change elsewhere cannot alter our precision. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Dec = InstanceType<typeof D>

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/

/** True for a plain decimal string such as '1493.25', '-3', '0.5' (no separators, no exponent). */
export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value.trim())
}

/** Parses a stored decimal string; returns null for anything that is not one (never NaN). */
export function parseDecimal(value: string | undefined | null): Dec | null {
  if (value === undefined || value === null) return null
  const known = parsedDecimals.get(value)
  if (known !== undefined) return known
  const trimmed = value.trim()
  const parsed = isDecimalString(trimmed) ? new D(trimmed) : null
  if (parsedDecimals.size >= PARSED_DECIMALS_KEPT) parsedDecimals.clear()
  parsedDecimals.set(value, parsed)
  return parsed
}
/**
 * A node snapshot parses each indicator's target and actual value several times (completion, light,
 * expected value), 20,000 indicators at 主管部门 size, and most targets repeat. A Decimal never changes,
 * so one parse can be shared. Bounded: cleared when full.
 */
const parsedDecimals = new Map<string, Dec | null>()
const PARSED_DECIMALS_KEPT = 100_000

/** Like parseDecimal but treats empty/missing as zero: for optional amounts such as 追加. */
export function decimalOrZero(value: string | undefined | null): Dec {
  return parseDecimal(value) ?? new D(0)
}

export function sum(values: Iterable<Dec>): Dec {
  let total = new D(0)
  for (const v of values) total = total.plus(v)
  return total
}

/**
 * Exact string form for storage: no exponent, no rounding. With `places`, at least that many fraction
 * digits, padded with zeros (`toDecimalString(new D('1.5'), 2)` → '1.50'); never fewer than the value
 * has, so nothing is rounded here (`roundForDisplay` is the one rounding). For a finite value: this is
 * one of the constructors of `DecimalString` (`types.ts`), with `parseDecimalString`.
 */
export function toDecimalString(value: Dec, places?: number): DecimalString {
  const text = places === undefined ? value.toFixed() : value.toFixed(Math.max(places, value.decimalPlaces()))
  return text as DecimalString
}

/**
 * A text as a stored `DecimalString`: the trimmed text when it is a plain decimal ('1493.25', '-3',
 * '0.50' — spelling kept, see `isDecimalString`), null otherwise ('', '1,234', '1e5', '12万').
 * The runtime check behind the type: text from a file, a cell or a form becomes a `DecimalString` only here
 * or through `toDecimalString`.
 */
export function parseDecimalString(text: string): DecimalString | null {
  const trimmed = text.trim()
  return isDecimalString(trimmed) ? (trimmed as DecimalString) : null
}

/** THE rounding function: half-up to `places` decimals. Used only for display and reports. */
export function roundForDisplay(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, D.ROUND_HALF_UP)
}

/** 万元 amount for display: '1,493.25' style grouping off by default because reports print '1493.25'. */
export function formatAmount(value: Dec, places = 2, grouping = false): string {
  const fixed = roundForDisplay(value, places).toFixed(places)
  if (!grouping) return fixed
  const [int = '', frac] = fixed.split('.')
  const sign = int.startsWith('-') ? '-' : ''
  const digits = sign ? int.slice(1) : int
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return sign + grouped + (frac !== undefined ? '.' + frac : '')
}

/** A rate kept as a fraction (0.2570) shown as a percent: formatPercent(0.257, 2) → '25.70%'. */
export function formatPercent(rate: Dec, places = 2): string {
  return roundForDisplay(rate.times(100), places).toFixed(places) + '%'
}

/** A plain number for display with `places` decimals, e.g. an execution ratio 51.4. */
export function formatNumber(value: Dec, places: number): string {
  return roundForDisplay(value, places).toFixed(places)
}
