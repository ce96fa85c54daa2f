/** Fixed wording of the report: light words (as `lightPresentation.ts` labels them), numerals. */
import type { Light } from '../types'

/** The word for each light, identical to the UI's LightBadge labels (components/lights/lightPresentation.ts). */
export const LIGHT_WORDS: Readonly<Record<Light, string>> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
  blue: '蓝灯',
  grey: '灰灯',
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 0..99 in Chinese numerals: 7 → 七, 10 → 十, 12 → 十二, 25 → 二十五; larger numbers stay Arabic. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  const digit = (d: number): string => DIGITS[d] ?? String(d)
  if (n < 10) return digit(n)
  return `${tens === 1 ? '' : digit(tens)}十${ones === 0 ? '' : digit(ones)}`
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

/** ①..⑳, then (21) … */
export function circled(n: number): string {
  return CIRCLED[n - 1] ?? `(${n})`
}

/** 2021-06-30 → '2021年6月底' (a month's last day) or '2021年6月15日'. */
export function asOfWords(asOf: string, lastDayOfMonth: boolean): string {
  const [y, m, d] = asOf.split('-').map(Number)
  return lastDayOfMonth ? `${y}年${m}月底` : `${y}年${m}月${d}日`
}

/** 2021-07-02 → '2021年7月2日' */
export function dateWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
