/**
 * What users type into entry screens, turned into the plain values the domain stores. Parsing is
 * strict: a typed amount is a number, optionally with thousands separators in the right places
 * (`1,234.50`) and a leading minus; anything else (`1,2a`, `1.2.3`, `1e3`) is refused with a Chinese
 * message naming the text, so nothing is guessed. (Excel import parses loosely elsewhere; a keyboard
 * entry that looks odd is more likely a typo than a format.)
 */
import { D, toDecimalString } from './decimal'
import type { Ok } from './result'
import type { DecimalString } from './types'

/**
 * One typed field read: its value (`Ok`, as a `Result`'s), or the one sentence saying why not. Kept
 * apart from `Result` on purpose: it is not an outcome shown as is but one finding of a check still
 * under way; the check places the sentence on its own field with its own code (a `ValidationIssue`),
 * so it is exactly one `message`, not a `Refusal`'s list.
 */
export type ParsedNumber = Ok<DecimalString | null> | { ok: false; message: string }

/** Digits with optional 3-digit groups separated by commas, an optional fraction, an optional minus. */
const TYPED_NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/

/**
 * A typed number as a decimal string without separators ('1,234.50' → '1234.50'), null for a blank
 * entry, or a refusal. Trailing zeros are kept as typed (the amount reads as entered).
 */
export function parseTypedNumber(text: string, label = '金额'): ParsedNumber {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: null }
  if (!TYPED_NUMBER.test(trimmed)) {
    return { ok: false, message: `${label}「${trimmed}」不是有效数字，请填写如 1234.50 或 1,234.50 的数字` }
  }
  const plain = trimmed.replace(/,/g, '')
  // '-0' and '007' read the same as '0' and '7'; keep the typed fraction digits
  const normalized = new D(plain)
  const places = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0
  return { ok: true, value: toDecimalString(normalized, places) }
}

/**
 * For fields that the domain validates itself (budget amounts, indicator values): the normalized
 * decimal string when the text parses, otherwise the text as typed, so the domain's validation
 * names it in its message. Blank stays ''.
 */
export function typedNumberOrText(text: string): string {
  const parsed = parseTypedNumber(text)
  if (!parsed.ok) return text.trim()
  return parsed.value ?? ''
}
