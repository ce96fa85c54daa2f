/**
 * New, changed or unchanged: a row built from the file against the same row as stored. Equal amounts
 * written differently ('40' vs '40.00') count as unchanged and keep the stored spelling, and a changed
 * row says what changes, field by field, in the preview's words.
 */
import { sameDecimal } from '@/domain/importParsing'
import type { RowStatus, StatusCounts } from '@/domain/importPlan'
import type { DecimalString } from '@/domain/types'

export const FIELD_LABELS: Record<string, string> = {
  initialBudget: '年初预算',
  additions: '追加',
  reductions: '追减',
  adjustmentMonth: '调整月份',
  carryOver: '上年结转',
  subCategory: '经费类型',
  projectId: '项目',
  operator: '计算符号',
  targetValue: '年度指标值',
  measureUnit: '计量单位',
  weight: '分值',
  accrual: '指标性质',
  dueDate: '考核日期',
  targetLabel: '指标值表述',
  actualValue: '实际完成值',
  actualLabel: '完成值表述',
  qualitativeGrade: '定性评级',
  qualitativePercent: '定性百分比',
  yearEndForecast: '全年预计完成值',
  likelihood: '完成可能性',
  deviationCauses: '偏差原因',
  deviationText: '偏差原因说明',
  spent: '执行数',
  allocated: '到位资金',
  monthlyPlan: '分月计划',
  title: '职务',
  role: '小组分工',
  description: '年度总体目标',
  kind: '措施类型',
  content: '措施内容',
  effect: '效果 / 预期效果',
  department: '责任科室',
  deadline: '完成时限',
  status: '状态',
}
/** 预算研判 says 全年预计执行数 where a reading says 全年预计完成值. */
export const JUDGEMENT_LABELS: Record<string, string> = { ...FIELD_LABELS, yearEndForecast: '全年预计执行数' }

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）'
  if (Array.isArray(value)) return value.length ? value.join('、') : '（空）'
  const text = String(value)
  return text.length > 20 ? `${text.slice(0, 19)}…` : text
}

/** 'label old → new' for each field that differs (labelled fields only). */
export function describeChanges(
  stored: object | undefined,
  next: object,
  prefix = '',
  labels: Record<string, string> = FIELD_LABELS,
): string[] {
  if (!stored) return []
  const a = stored as Record<string, unknown>
  const b = next as Record<string, unknown>
  return Object.keys(labels)
    .filter((k) => (k in a || k in b) && !same(a[k], b[k]))
    .map((k) => `${prefix}${labels[k]} ${shown(a[k])} → ${shown(b[k])}`)
}

/** Deep equality of plain data (rows as stored). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** What importing `next` does to the row stored as `stored` (undefined when there is none). */
export function rowStatus(stored: unknown, next: unknown): RowStatus {
  return stored === undefined ? 'new' : same(stored, next) ? 'unchanged' : 'changed'
}

export function zeroCounts(): StatusCounts {
  return { new: 0, changed: 0, unchanged: 0 }
}

/** `next` with the stored spelling of decimals kept where the numbers are equal. */
export function keepDecimalSpelling<T extends object>(stored: T | undefined, next: T, fields: readonly (keyof T)[]): T {
  if (!stored) return next
  const out = { ...next }
  for (const f of fields) {
    const a = stored[f]
    const b = next[f]
    if (typeof a === 'string' && typeof b === 'string' && a !== b && sameDecimal(a, b)) out[f] = a
  }
  return out
}

/** The file's 分月计划 with the stored spelling kept month by month where the numbers are equal. */
export function keepPlanSpelling(stored: readonly DecimalString[] | undefined, next: DecimalString[]): DecimalString[] {
  if (!stored || stored.length !== next.length) return next
  return next.map((v, i) => {
    const kept = stored[i]
    return kept !== undefined && sameDecimal(kept, v) ? kept : v
  })
}
