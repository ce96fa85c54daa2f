/**
 * Natural keys and stable ids. Rows are matched by what they are (a budget line by 支出类别, 经费类型,
 * 项目名称, 预算项目名称 and 资金来源 …), never by position, and a new row's id is derived from its natural
 * key, so importing the same file twice gives the same rows.
 */
import type { Id } from '@/domain/types'
import { UNIT_SCOPE } from '../excel/layout'

const NATURAL_SEP = '\u0001'
/** Prefix of the key a stored look-alike row is kept under: no file row's natural key starts with it. */
export const UNMATCHED = '\u0002'

/** One natural key from its parts (an absent part counts as blank). */
export function key(...parts: readonly (string | number | undefined)[]): string {
  // what parts.map((p) => p ?? '').join(NATURAL_SEP) gives, without the two arrays (a plan makes ~10 a cell)
  let text = ''
  for (let i = 0; i < parts.length; i++) text += (i > 0 ? NATURAL_SEP : '') + (parts[i] ?? '')
  return text
}

export function indicatorKey(scope: string, level1: string, level2: string, name: string): string {
  return key(scope, level1, level2, name)
}

/** A target by its 目标范围: 整体 (the unit) or a project's name. */
export function targetKey(scope: string): string {
  return scope === UNIT_SCOPE ? UNIT_SCOPE : `项目:${scope}`
}

/** A short stable id from text (two FNV-1a hashes), so new rows get the same id on every import. */
export function stableId(prefix: string, ...parts: readonly (string | number)[]): Id {
  const text = parts.map(String).join('\u0001')
  let h1 = 0x811c9dc5
  let h2 = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
    h2 ^= h2 >>> 15
  }
  return `${prefix}-${h1.toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`
}
