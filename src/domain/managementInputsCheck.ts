/**
 * 管理指标填报's rows and their checks (docs/domain-rules.md §11.3): the row ids, the unit of each amount,
 * the items of a scheme the unit enters a value for, and what is wrong with a row. Small on purpose:
 * saving a unit-year (the first screen's demo load) checks its inputs with it; the form, its wording and
 * the scheme's rules in words are `managementInputs.ts`.
 *
 * Which scheme a unit-year scores by is a `SchemeChoice` row of its own: without one the unit-year
 * follows the setting 评分方案 (docs/reliability.md §9).
 */
import { QUALITATIVE_BANDS } from './completion'
import { D, parseDecimal } from './decimal'
import { issue, type ValidationIssue } from './result'
// the scheme's shape and labels only, not the engine
import { ENTERED_KIND_LABELS, MANAGEMENT_AMOUNT_LABELS, MANAGEMENT_AMOUNTS, inputKey } from './scoring/scheme'
import type { EnteredKind, Metric, ScoringSchemeDefinition, SimpleRule } from './scoring/scheme'
import type {
  DecimalString,
  EnteredValue,
  Id,
  ManagementAmount,
  ManagementInputs,
  QualitativeGrade,
  UnitYearDataset,
} from './types'

/** The unit-year's choice of scoring scheme (a built-in id or a stored scheme's id); one row per unit-year. */
export interface SchemeChoice {
  id: Id
  unitId: Id
  year: number
  schemeId: string
}

/**
 * A unit-year as a whole-year write stores it (the demo, an Excel import): the dataset and, when the
 * write brings them, its 管理指标填报. `null`: the unit-year has none (stored ones are removed);
 * absent: the stored ones are kept as they are.
 */
export type UnitYearWithInputs = UnitYearDataset & { managementInputs?: ManagementInputs | null }

/** One row per unit-year: the ids are the unit-year's, so two tabs creating it meet as a conflict. */
export const managementInputsId = (unitId: Id, year: number): Id => `mi-${unitId}-${year}`
export const schemeChoiceId = (unitId: Id, year: number): Id => `sc-${unitId}-${year}`

export function emptyManagementInputs(unitId: Id, year: number): ManagementInputs {
  return { id: managementInputsId(unitId, year), unitId, year, amounts: {}, entries: {} }
}

/** 编制数 and 在职人数 are head counts; the rest are 万元. */
const HEAD_COUNTS: ReadonlySet<ManagementAmount> = new Set(['staffingQuota', 'staffCount'])

export const MANAGEMENT_AMOUNT_UNITS: Readonly<Record<ManagementAmount, '人' | '万元'>> = Object.fromEntries(
  MANAGEMENT_AMOUNTS.map((a) => [a, HEAD_COUNTS.has(a) ? '人' : '万元']),
) as Record<ManagementAmount, '人' | '万元'>

export const isHeadCount = (amount: ManagementAmount): boolean => HEAD_COUNTS.has(amount)

/** Larger than any 万元 amount or head count a unit has: a typing error. */
const MAX_AMOUNT = new D('1e12')
const MAX_REMARK = 2000
/** more findings than any item has: a typing error */
export const MAX_FINDINGS = 999
const GRADES = Object.keys(QUALITATIVE_BANDS) as QualitativeGrade[]

/** An item (or a part of one) of the scheme whose metric the unit enters. */
export interface EnteredSlot {
  /** where its value is kept in `ManagementInputs.entries` (`scoring.inputKey`) */
  key: string
  itemId: string
  partId?: string
  level1: string
  level2: string
  /** the 三级指标 */
  itemName: string
  /** the part's name, for a part of a 分项合计 item */
  partName?: string
  /** what is entered, in the scheme's words (the metric's label, else the item's or part's name) */
  label: string
  /** the item's or the part's 分值 */
  weight: DecimalString
  input: EnteredKind
  /** '%': typed in percent points, kept as a fraction; '次', '个' …: shown after the number */
  unit: string
  metric: Extract<Metric, { kind: 'entered' }>
  rule: SimpleRule
  /** the item's (or part's) own rule text, if the scheme gives one */
  ownRuleText?: string
}

function slotOf(
  base: Pick<EnteredSlot, 'key' | 'itemId' | 'partId' | 'level1' | 'level2' | 'itemName' | 'partName' | 'weight'>,
  name: string,
  metric: Metric | null,
  rule: SimpleRule,
  ownRuleText: string | undefined,
): EnteredSlot[] {
  if (metric?.kind !== 'entered') return []
  const slot: EnteredSlot = {
    ...base,
    label: metric.label?.trim() || name,
    input: metric.input,
    unit: metric.unit ?? '',
    metric,
    rule,
  }
  return [ownRuleText?.trim() ? { ...slot, ownRuleText: ownRuleText.trim() } : slot]
}

/** Every item and part of the scheme whose metric is entered, in the scheme's order. */
export function enteredSlots(scheme: ScoringSchemeDefinition): EnteredSlot[] {
  return scheme.items.flatMap((item) => {
    const place = { itemId: item.id, level1: item.level1, level2: item.level2, itemName: item.level3 }
    if (item.rule.kind !== 'parts')
      return slotOf(
        { ...place, key: inputKey(item.id), weight: item.weight },
        item.level3,
        item.metric,
        item.rule,
        item.ruleText,
      )
    return item.rule.parts.flatMap((part) =>
      slotOf(
        { ...place, key: inputKey(item.id, part.id), partId: part.id, partName: part.name, weight: part.weight },
        part.name,
        part.metric,
        part.rule,
        part.ruleText,
      ),
    )
  })
}

// ── Checks on a stored row ──────────────────────────────────────────────────────────────────────

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The problem with an amount as stored, or null. */
function amountProblem(amount: ManagementAmount, value: unknown): string | null {
  const label = MANAGEMENT_AMOUNT_LABELS[amount]
  const number = typeof value === 'string' ? parseDecimal(value) : null
  if (number === null) return `${label}「${String(value)}」不是有效数字`
  if (number.isNegative() && !number.isZero()) return `${label}不能为负数`
  if (number.gte(MAX_AMOUNT)) return `${label}过大`
  if (isHeadCount(amount) && !number.isInteger()) return `${label}应为整数（人）`
  return null
}

/** The problem with an entered value's shape (whatever the scheme), or null. */
function entryShapeProblem(label: string, entry: unknown): string | null {
  if (!isRecord(entry) || typeof entry.kind !== 'string' || !Object.hasOwn(ENTERED_KIND_LABELS, entry.kind))
    return `${label}的填报方式无效`
  switch (entry.kind) {
    case 'number':
      return typeof entry.value === 'string' && parseDecimal(entry.value) !== null
        ? null
        : `${label}「${String(entry.value)}」不是有效数字`
    case 'yesNo':
      return typeof entry.value === 'boolean' ? null : `${label}应为“是”或“否”`
    case 'category':
      return typeof entry.value === 'string' && entry.value.trim() ? null : `${label}未选择类别`
    case 'findings': {
      const findings = entry.findings
      if (!Array.isArray(findings)) return `${label}的问题清单无效`
      if (findings.length > MAX_FINDINGS) return `${label}的问题超过${MAX_FINDINGS}个`
      const bad = findings.some(
        (f) => !isRecord(f) || typeof f.text !== 'string' || (f.kind !== undefined && typeof f.kind !== 'string'),
      )
      return bad ? `${label}的问题清单无效` : null
    }
    case 'judgement':
      return judgementProblem(label, entry.grade, entry.percent)
    default:
      return `${label}的填报方式无效`
  }
}

function judgementProblem(label: string, grade: unknown, percent: unknown): string | null {
  if (typeof grade !== 'string' || !Object.hasOwn(QUALITATIVE_BANDS, grade))
    return `${label}的评判等级应为${GRADES.join('、')}之一`
  if (percent === undefined || percent === '') return null
  const value = typeof percent === 'string' ? parseDecimal(percent) : null
  if (value === null) return `${label}的百分比「${String(percent)}」不是有效数字`
  const band = QUALITATIVE_BANDS[grade as QualitativeGrade]
  const belowMax = band.maxInclusive ? value.lte(band.max) : value.lt(band.max)
  if (value.lt(band.min) || !belowMax) {
    const upper = band.maxInclusive ? `${band.max}%（含）` : `${band.max}%（不含）`
    return `${label}评为“${grade}”时，百分比应在${band.min}%（含）至${upper}之间，当前为${value.toFixed()}%`
  }
  return null
}

/** The problem with an entered value under the scheme's field (the kind it asks for, its choices), or null. */
function entryFieldProblem(field: EnteredSlot, entry: EnteredValue): string | null {
  const label = fieldName(field)
  if (entry.kind !== field.input)
    return `${label}应填写${ENTERED_KIND_LABELS[field.input]}，而保存的是${ENTERED_KIND_LABELS[entry.kind]}`
  if (entry.kind === 'category' && field.rule.kind === 'category') {
    const names = field.rule.categories.map((c) => c.name)
    if (!names.includes(entry.value))
      return `${label}的类别「${entry.value}」不在评分方案的类别中（${names.join('、')}）`
  }
  if (entry.kind === 'findings' && field.rule.kind === 'perFinding') {
    const names = new Set(field.rule.kinds.map((k) => k.name))
    const unknown = entry.findings.find((f) => f.kind !== undefined && !names.has(f.kind))
    if (unknown) return `${label}的问题类别「${unknown.kind}」不在评分方案的问题类别中`
  }
  return null
}

/** 「绩效管理制度执行 · 绩效目标管理」: how a message names an entered field. */
export function fieldName(field: EnteredSlot): string {
  return field.partName ? `「${field.itemName}」的「${field.partName}」` : `「${field.itemName}」`
}

/**
 * What is wrong with a 管理指标填报 row, field by field ([] when nothing): amounts that are not
 * non-negative decimals (head counts whole), entered values of an unknown shape, a judgement's percent
 * outside its grade's band, remarks that are not text; and, given the unit-year's scheme, values of
 * another kind than its item asks for, categories and finding kinds the item does not have. Values
 * for items the scheme does not have are kept unchecked beyond their shape (another scheme may read them).
 */
export function managementInputsProblems(
  inputs: ManagementInputs,
  scheme: ScoringSchemeDefinition | null = null,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const add = (field: string, code: string, message: string) => issues.push(issue(field, code, message))
  if (!isRecord(inputs)) return [issue('', 'inputs.invalid', '管理指标填报无效')]
  if (typeof inputs.unitId !== 'string' || !inputs.unitId) add('unitId', 'inputs.unit', '管理指标填报缺少单位')
  if (!Number.isInteger(inputs.year) || inputs.year < 1900 || inputs.year > 2200)
    add('year', 'inputs.year', `管理指标填报的年度「${String(inputs.year)}」无效`)
  const amounts: unknown = inputs.amounts
  if (!isRecord(amounts)) add('amounts', 'inputs.amounts', '管理指标填报的金额无效')
  else
    for (const [key, value] of Object.entries(amounts)) {
      if (!Object.hasOwn(MANAGEMENT_AMOUNT_LABELS, key)) {
        add(`amounts.${key}`, 'amount.unknown', `“${key.slice(0, 40)}”不是管理指标`)
        continue
      }
      const problem = amountProblem(key as ManagementAmount, value)
      if (problem) add(`amounts.${key}`, 'amount.invalid', problem)
    }
  const entries: unknown = inputs.entries
  const fields = new Map((scheme ? enteredSlots(scheme) : []).map((f) => [f.key, f]))
  if (!isRecord(entries)) add('entries', 'inputs.entries', '管理指标填报的评分项填报无效')
  else
    for (const [key, entry] of Object.entries(entries)) {
      const field = fields.get(key)
      const shape = entryShapeProblem(field ? fieldName(field) : `评分项“${key.slice(0, 40)}”`, entry)
      const problem = shape ?? (field ? entryFieldProblem(field, entry as EnteredValue) : null)
      if (problem) add(`entries.${key}`, 'entry.invalid', problem)
    }
  const remarks: unknown = inputs.remarks
  if (remarks !== undefined) {
    if (!isRecord(remarks)) add('remarks', 'inputs.remarks', '管理指标填报的说明无效')
    else
      for (const [key, text] of Object.entries(remarks)) {
        if (typeof text !== 'string') add(`remarks.${key}`, 'remark.invalid', '说明应为文字')
        else if (text.length > MAX_REMARK) add(`remarks.${key}`, 'remark.long', `说明过长（超过${MAX_REMARK}字）`)
      }
  }
  return issues
}
