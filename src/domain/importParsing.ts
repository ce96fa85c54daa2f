/**
 * Loose parsing of spreadsheet cells for the Excel import: amounts ('1,234.50', full-width digits,
 * '（120）' negatives, a trailing '万元'), percents ('98%', 0.98), dates ('2021-06-30', '2021/6/30',
 * '2021年6月30日', Excel serials and date cells), choices from a fixed list, and text. Pure: a cell
 * is a plain value (string, number, boolean, Date or null) and every failure is a short Chinese reason
 * ('不是有效金额') that the importer prefixes with sheet, row and column.
 */
import { parseIsoDateString } from './dates'
import { D, toDecimalString } from './decimal'
import type { DecimalString, IsoDate } from './types'

/** What a spreadsheet cell holds once formulas, rich text and hyperlinks are reduced to their value. */
export type CellValue = string | number | boolean | Date | null

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const good = <T>(value: T): Parsed<T> => ({ ok: true, value })
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason })

/** Amounts beyond this (万元) are certainly typing errors and would lose precision as floats. */
export const MAX_AMOUNT = 1e12
/** Longest text accepted in one cell. */
export const MAX_TEXT_LENGTH = 2000

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(column: number): string {
  let n = column
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ，．（）％ …) to half-width, ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

/** The cell as the user sees it, for messages: '' for empty, trimmed text otherwise. */
export function cellDisplay(cell: CellValue): string {
  if (cell === null) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '无效日期' : cell.toISOString().slice(0, 10)
  const text = String(cell)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

export function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '')
}

/** Text of a cell, trimmed; numbers as written. Null when blank. */
export function parseText(cell: CellValue, maxLength = MAX_TEXT_LENGTH): Parsed<string | null> {
  if (isBlank(cell)) return good(null)
  if (cell instanceof Date) return bad('应为文字，不能是日期')
  const text = String(cell).trim()
  if (text.length > maxLength) return bad(`文字过长（超过${maxLength}字）`)
  return good(text)
}

function numberToDecimal(value: number): Parsed<DecimalString> {
  if (!Number.isFinite(value)) return bad('不是有效数字')
  if (Math.abs(value) >= MAX_AMOUNT) return bad('数值过大')
  // A float from Excel: its shortest round-trip form is what the user typed (0.1 stays '0.1').
  return good(toDecimalString(new D(String(value))))
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/

/** Normalizes '1,234.50' / '（120）' / '-12' text to a plain decimal string, or null. */
function looseNumber(raw: string): string | null {
  let text = toHalfWidth(raw).replace(/\s+/g, '')
  let negative = false
  const paren = /^\((.*)\)$/.exec(text)
  if (paren) {
    negative = true
    text = paren[1] ?? ''
  }
  if (text.startsWith('+')) text = text.slice(1)
  if (text.startsWith('-')) {
    if (negative) return null
    negative = true
    text = text.slice(1)
  }
  if (GROUPED_NUMBER.test(text)) text = text.replace(/,/g, '')
  if (text.startsWith('.')) text = `0${text}`
  if (!PLAIN_NUMBER.test(text) || text.startsWith('-')) return null
  return negative ? `-${text}` : text
}

/**
 * An amount in 万元. Blank → null. Accepts numbers, '1,234.50', '１２３', '（120）' (= −120), '-120',
 * '120万元' / '120万'. Refuses '元' amounts (the template is in 万元), text and absurd sizes.
 */
export function parseAmount(cell: CellValue): Parsed<DecimalString | null> {
  if (isBlank(cell)) return good(null)
  if (typeof cell === 'number') return numberToDecimal(cell)
  if (typeof cell !== 'string') return bad('不是有效金额')
  let text = toHalfWidth(cell).trim()
  const wan = /^(.*?)\s*万(元)?$/.exec(text)
  if (wan) text = wan[1] ?? ''
  else if (/元$/.test(text)) return bad('金额单位应为万元')
  const normal = looseNumber(text)
  if (normal === null) return bad('不是有效金额')
  const value = new D(normal)
  if (value.abs().gte(MAX_AMOUNT)) return bad('金额过大')
  return good(toDecimalString(value))
}

/**
 * A number that may carry a percent sign: '98%' → '98', '１００％' → '100', 98 → '98'. For values in
 * percent units the template stores the number before '%'. With `fractionUpToOne`, a bare number
 * 0 < x ≤ 1 is read as a fraction (0.98 → '98'): used where only percents make sense (定性百分比).
 */
export function parsePercentNumber(cell: CellValue, fractionUpToOne = false): Parsed<DecimalString | null> {
  if (isBlank(cell)) return good(null)
  if (typeof cell === 'number') {
    const n = numberToDecimal(cell)
    if (!n.ok || !fractionUpToOne) return n
    const v = new D(n.value)
    return good(v.gt(0) && v.lt(1) ? toDecimalString(v.times(100)) : n.value)
  }
  if (typeof cell !== 'string') return bad('不是有效数值')
  const text = toHalfWidth(cell).trim()
  const percent = /^(.*?)\s*%$/.exec(text)
  const normal = looseNumber(percent ? (percent[1] ?? '') : text)
  if (normal === null) return bad('不是有效数值')
  const value = new D(normal)
  if (value.abs().gte(MAX_AMOUNT)) return bad('数值过大')
  if (!percent && fractionUpToOne && value.gt(0) && value.lt(1)) return good(toDecimalString(value.times(100)))
  return good(toDecimalString(value))
}

/** The day as an IsoDate when it is a real calendar day in 1900–2200 (`parseIsoDateString` checks the calendar). */
function validDate(year: number, month: number, day: number): IsoDate | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null
  return parseIsoDateString(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
}

/** Excel's day 1 is 1900-01-01 with its 1900 leap-year bug; serial 25569 is 1970-01-01. */
function fromExcelSerial(serial: number): IsoDate | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return null
  const date = new Date((serial - 25569) * 86400000)
  return validDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}

/** A date: a date cell, an Excel serial, '2021-06-30', '2021/6/30', '2021.6.30', '2021年6月30日'. */
export function parseDate(cell: CellValue): Parsed<IsoDate | null> {
  if (isBlank(cell)) return good(null)
  if (cell instanceof Date) {
    // Spreadsheet dates carry no zone: their UTC fields are the calendar day typed.
    const iso = Number.isNaN(cell.getTime())
      ? null
      : validDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate())
    return iso ? good(iso) : bad('不是有效日期')
  }
  if (typeof cell === 'number') {
    const iso = fromExcelSerial(cell)
    return iso ? good(iso) : bad('不是有效日期')
  }
  if (typeof cell !== 'string') return bad('不是有效日期')
  const text = toHalfWidth(cell).trim()
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text)
  const iso = match ? validDate(Number(match[1]), Number(match[2]), Number(match[3])) : null
  return iso ? good(iso) : bad('不是有效日期（请写成 2021-06-30）')
}

/**
 * A cell's text for a whole number written with its unit ('2021年', '９月'): half-width, trimmed, the
 * unit (`suffix`) removed; a number as written; anything else ''.
 */
export function cellTextWithout(cell: CellValue, suffix: RegExp): string {
  if (typeof cell === 'number') return String(cell)
  return typeof cell === 'string' ? toHalfWidth(cell).trim().replace(suffix, '') : ''
}

/** A whole year such as 2021 (number or '2021' / '2021年'). */
export function parseYear(cell: CellValue): Parsed<number | null> {
  if (isBlank(cell)) return good(null)
  const text = cellTextWithout(cell, /年(度)?$/)
  if (!/^\d{4}$/.test(text)) return bad('不是有效年度')
  const year = Number(text)
  return year >= 2000 && year <= 2100 ? good(year) : bad('不是有效年度')
}

/**
 * One of `options` (exact after trimming and full-width folding), or an alias mapping to one.
 * The reason lists the choices.
 */
export function parseChoice<T extends string>(
  cell: CellValue,
  options: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): Parsed<T | null> {
  if (isBlank(cell)) return good(null)
  const text = toHalfWidth(String(cell)).trim()
  const found = options.find((o) => o === text || toHalfWidth(o) === text) ?? aliases[text]
  return found !== undefined ? good(found) : bad(`不是可选值（可选：${options.join('、')}）`)
}

/** Several choices separated by 、 , ， ; ； / or spaces, each from `options`; duplicates dropped. */
export function parseChoices<T extends string>(cell: CellValue, options: readonly T[]): Parsed<T[]> {
  if (isBlank(cell)) return good([])
  const parts = String(cell)
    .split(/[、,，;；/\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const out: T[] = []
  for (const part of parts) {
    const one = parseChoice(part, options)
    if (!one.ok || one.value === null) return bad(`含有不可选的值“${part}”（可选：${options.join('、')}）`)
    if (!out.includes(one.value)) out.push(one.value)
  }
  return good(out)
}

/** A list of dates separated by 、 , ， ; ； or spaces (e.g. 监控节点 '2021-06-30、2021-09-30'). */
export function parseDateList(cell: CellValue): Parsed<IsoDate[]> {
  if (isBlank(cell)) return good([])
  if (!(typeof cell === 'string')) {
    const one = parseDate(cell)
    return one.ok ? good(one.value ? [one.value] : []) : bad(one.reason)
  }
  const out: IsoDate[] = []
  for (const part of cell.split(/[、,，;；\s]+/).filter((p) => p !== '')) {
    const one = parseDate(part)
    if (!one.ok || one.value === null) return bad(`含有无效日期“${part}”（请写成 2021-06-30）`)
    if (!out.includes(one.value)) out.push(one.value)
  }
  return good(out)
}

/** Two stored decimal strings denote the same number ('40.00' = '40'). */
export function sameDecimal(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  if (!PLAIN_NUMBER.test(a.trim()) || !PLAIN_NUMBER.test(b.trim())) return false
  return new D(a.trim()).eq(new D(b.trim()))
}

/** The standard problem sentence: `预算执行 第12行 F列「6月执行数」不是有效金额：“1,2a”`. */
export function cellProblem(
  sheet: string,
  row: number,
  column: number,
  header: string,
  reason: string,
  cell: CellValue,
): string {
  const shown = cellDisplay(cell)
  return `${sheet} 第${row}行 ${columnLetter(column)}列「${header}」${reason}${shown === '' ? '' : `：“${shown}”`}`
}
