/**
 * 管理指标填报 (docs/domain-rules.md §11.3): what a unit enters once a year for the management items of
 * its scoring scheme — the amounts the monitoring data lacks (编制数, 在职人数, 三公经费 …) and, item by
 * item, the values the chosen scheme asks for (a number, 是/否, a category, findings, a judgement),
 * with a remark per item for the 自评表. The form's text becomes a `ManagementInputs` row here, every
 * bad field named in Chinese; the rows' own checks (also those of the db and the backup) are
 * `managementInputsCheck.ts`, re-exported here.
 */
import { D, parseDecimal, parseDecimalString, toDecimalString } from './decimal'
import { parseTypedNumber } from './entryInput'
import { fail, issue, ok, type Checked, type ValidationIssue } from './result'
import { BUDGET_QUANTITY_LABELS, MANAGEMENT_AMOUNT_LABELS, MANAGEMENT_AMOUNTS, isDataQuantity } from './scoring/scheme'
import type { Metric, SchemeItem, ScoringSchemeDefinition } from './scoring/scheme'
import { itemRuleText, metricName, ruleText } from './scoring/ruleText'
import {
  MAX_FINDINGS,
  enteredSlots,
  fieldName,
  managementInputsProblems,
  type EnteredSlot,
} from './managementInputsCheck'
import type { EnteredValue, ManagementAmount, ManagementInputs, QualitativeGrade, ScoringFinding } from './types'

export * from './managementInputsCheck'

/** An entered item (or part) as the form shows it: with its rule in words. */
export type EnteredField = EnteredSlot & { ruleText: string }

/** Every item and part of the scheme whose metric is entered, in the scheme's order, with its rule in words. */
export function enteredFields(scheme: ScoringSchemeDefinition): EnteredField[] {
  return enteredSlots(scheme).map((slot) => ({
    ...slot,
    ruleText: slot.ownRuleText ?? ruleText(slot.rule, slot.metric, slot.partName ?? slot.itemName),
  }))
}

/** Where an item's score comes from when the unit enters nothing for it (null: it is entered). */
function metricSource(metric: Metric | null, name: string): string | null {
  switch (metric?.kind) {
    case 'indicator':
    case 'indicators':
      return '由绩效指标的完成情况计算'
    case 'monthlyExecution':
      return '由月度执行数计算（年度平均执行率）'
    case 'budgetRatio': {
      const entered = [metric.numerator, metric.denominator].filter((q) => !isDataQuantity(q))
      const needs = entered.length
        ? `，须在上方填写${entered.map((q) => `“${BUDGET_QUANTITY_LABELS[q]}”`).join('、')}`
        : ''
      return `由${metricName(metric, name)}计算${needs}`
    }
    default:
      return null
  }
}

/** One item of the scheme as 管理指标填报 shows it: what the unit enters for it, or where its score comes from. */
export interface InputsItem {
  item: SchemeItem
  /** its entered fields (the item's own, or its parts'); [] when nothing is entered for it */
  fields: EnteredField[]
  /** for the parts not entered, and for an item computed from the data: where the score comes from */
  sources: string[]
  ruleText: string
}

/** Every item of the scheme, in order, with the fields the unit enters for it. */
export function inputsItems(scheme: ScoringSchemeDefinition): InputsItem[] {
  const fields = enteredFields(scheme)
  return scheme.items.map((item) => {
    const parts = item.rule.kind === 'parts' ? item.rule.parts : []
    const sources =
      item.rule.kind === 'parts'
        ? parts.flatMap((p) => {
            const source = metricSource(p.metric, p.name)
            return source ? [`${p.name}：${source}`] : []
          })
        : [metricSource(item.metric, item.level3)].filter((s): s is string => s !== null)
    return { item, fields: fields.filter((f) => f.itemId === item.id), sources, ruleText: itemRuleText(item) }
  })
}

// ── The form ────────────────────────────────────────────────────────────────────────────────────

/** One entered value as the form holds it (blank: 未填报). */
export type EntryDraft =
  /** as typed; a '%' field in percent points ('95.5' for 95.5%) */
  | { kind: 'number'; text: string }
  | { kind: 'yesNo'; value: boolean | null }
  | { kind: 'category'; value: string }
  /** findings counted per kind (as typed; every count blank: 未填报, 0: none found) */
  | { kind: 'findings'; counts: Record<string, string> }
  | { kind: 'judgement'; grade: QualitativeGrade | ''; percent: string }

export interface ManagementInputsDraft {
  /** as typed, '' when not entered */
  amounts: Record<ManagementAmount, string>
  /** by `EnteredField.key`, for the scheme's entered fields */
  entries: Record<string, EntryDraft>
  /** by item id */
  remarks: Record<string, string>
}

const percentPoints = (fraction: string): string => {
  const value = parseDecimal(fraction)
  return value === null ? fraction : value.times(100).toFixed()
}

/** The kinds a findings field counts: the rule's (the first kind also takes findings stored without one). */
const findingKinds = (field: EnteredField): string[] =>
  field.rule.kind === 'perFinding' ? field.rule.kinds.map((k) => k.name) : []

function entryDraft(field: EnteredField, entry: EnteredValue | undefined): EntryDraft {
  const same = entry?.kind === field.input ? entry : undefined
  switch (field.input) {
    case 'number': {
      const text = same?.kind === 'number' ? same.value : ''
      return { kind: 'number', text: text && field.unit === '%' ? percentPoints(text) : text }
    }
    case 'yesNo':
      return { kind: 'yesNo', value: same?.kind === 'yesNo' ? same.value : null }
    case 'category':
      return { kind: 'category', value: same?.kind === 'category' ? same.value : '' }
    case 'findings': {
      const kinds = findingKinds(field)
      const counts = Object.fromEntries(kinds.map((k) => [k, '']))
      if (same?.kind === 'findings') {
        for (const k of kinds) counts[k] = '0'
        for (const f of same.findings) {
          const kind = f.kind ?? kinds[0] ?? ''
          counts[kind] = String(Number(counts[kind] ?? '0') + 1)
        }
      }
      return { kind: 'findings', counts }
    }
    case 'judgement':
      return same?.kind === 'judgement'
        ? { kind: 'judgement', grade: same.grade, percent: same.percent ?? '' }
        : { kind: 'judgement', grade: '', percent: '' }
  }
}

/** The form for `inputs` (null: nothing entered yet) under the scheme: its entered fields, a remark per item. */
export function managementInputsDraft(
  inputs: ManagementInputs | null,
  scheme: ScoringSchemeDefinition,
): ManagementInputsDraft {
  const amounts = Object.fromEntries(MANAGEMENT_AMOUNTS.map((a) => [a, inputs?.amounts[a] ?? ''])) as Record<
    ManagementAmount,
    string
  >
  const entries = Object.fromEntries(enteredFields(scheme).map((f) => [f.key, entryDraft(f, inputs?.entries[f.key])]))
  const remarks = Object.fromEntries(scheme.items.map((item) => [item.id, inputs?.remarks?.[item.id] ?? '']))
  return { amounts, entries, remarks }
}

/**
 * A findings list with `counts[kind]` findings of each kind, keeping the texts of the stored ones (the
 * first of each kind stay, new ones have no text). A stored finding without a kind is of the first kind.
 */
function findingsOf(
  counts: Readonly<Record<string, number>>,
  kinds: readonly string[],
  stored: readonly ScoringFinding[],
): ScoringFinding[] {
  return kinds.flatMap((kind) => {
    const previous = stored.filter((f) => (f.kind ?? kinds[0]) === kind)
    return Array.from({ length: counts[kind] ?? 0 }, (_, n): ScoringFinding => ({
      kind,
      text: previous[n]?.text ?? '',
    }))
  })
}

type EntryRead = { ok: true; value: EnteredValue | null } | { ok: false; message: string }

function readNumber(field: EnteredField, text: string): EntryRead {
  const label = fieldName(field)
  const parsed = parseTypedNumber(text, label)
  if (!parsed.ok) return { ok: false, message: parsed.message }
  if (parsed.value === null) return { ok: true, value: null }
  const value = field.unit === '%' ? toDecimalString(new D(parsed.value).div(100)) : parsed.value
  return { ok: true, value: { kind: 'number', value } }
}

function readFindings(
  field: EnteredField,
  counts: Record<string, string>,
  stored: EnteredValue | undefined,
): EntryRead {
  const kinds = findingKinds(field)
  if (kinds.every((k) => !(counts[k] ?? '').trim())) return { ok: true, value: null }
  const numbers: Record<string, number> = {}
  for (const kind of kinds) {
    const text = (counts[kind] ?? '').trim()
    if (text !== '' && !/^\d{1,3}$/.test(text))
      return { ok: false, message: `${fieldName(field)}「${kind}」的个数「${text}」应为0至${MAX_FINDINGS}的整数` }
    numbers[kind] = text === '' ? 0 : Number(text)
  }
  const previous = stored?.kind === 'findings' ? stored.findings : []
  return { ok: true, value: { kind: 'findings', findings: findingsOf(numbers, kinds, previous) } }
}

function readEntry(field: EnteredField, draft: EntryDraft, stored: EnteredValue | undefined): EntryRead {
  switch (draft.kind) {
    case 'number':
      return readNumber(field, draft.text)
    case 'yesNo':
      return { ok: true, value: draft.value === null ? null : { kind: 'yesNo', value: draft.value } }
    case 'category':
      return { ok: true, value: draft.value ? { kind: 'category', value: draft.value } : null }
    case 'findings':
      return readFindings(field, draft.counts, stored)
    case 'judgement': {
      const percent = draft.percent.trim().replace(/[%％]$/, '')
      if (!draft.grade)
        return percent
          ? { ok: false, message: `${fieldName(field)}填了百分比，请选择评判等级` }
          : { ok: true, value: null }
      if (!percent) return { ok: true, value: { kind: 'judgement', grade: draft.grade } }
      const checked = parseDecimalString(percent)
      if (checked === null) return { ok: false, message: `${fieldName(field)}的百分比「${percent}」不是有效数字` }
      return { ok: true, value: { kind: 'judgement', grade: draft.grade, percent: checked } }
    }
  }
}

/**
 * The row the form stands for, or every problem (Chinese, field by field: `amounts.<amount>`,
 * `entries.<key>`, `remarks.<itemId>`). A blank field is 未填报 (left out of the row, never 0).
 * Entries of items outside the scheme and their remarks stay as `stored` has them.
 */
export function managementInputsOfDraft(
  draft: ManagementInputsDraft,
  stored: ManagementInputs,
  scheme: ScoringSchemeDefinition,
): Checked<ManagementInputs> {
  const issues: ValidationIssue[] = []
  const amounts: ManagementInputs['amounts'] = {}
  for (const amount of MANAGEMENT_AMOUNTS) {
    const read = parseTypedNumber(draft.amounts[amount] ?? '', MANAGEMENT_AMOUNT_LABELS[amount])
    if (!read.ok) issues.push(issue(`amounts.${amount}`, 'amount.invalid', read.message))
    else if (read.value !== null) amounts[amount] = read.value
  }
  const fields = enteredFields(scheme)
  const keys = new Set(fields.map((f) => f.key))
  const entries: Record<string, EnteredValue> = Object.fromEntries(
    Object.entries(stored.entries).filter(([key]) => !keys.has(key)),
  )
  for (const field of fields) {
    const entryDraft = draft.entries[field.key]
    if (!entryDraft) continue
    const read = readEntry(field, entryDraft, stored.entries[field.key])
    if (!read.ok) issues.push(issue(`entries.${field.key}`, 'entry.invalid', read.message))
    else if (read.value !== null) entries[field.key] = read.value
  }
  const remarks: Record<string, string> = { ...stored.remarks }
  for (const [itemId, text] of Object.entries(draft.remarks)) {
    if (text.trim()) remarks[itemId] = text.trim()
    else delete remarks[itemId]
  }
  const inputs: ManagementInputs = {
    id: stored.id,
    unitId: stored.unitId,
    year: stored.year,
    amounts,
    entries,
    ...(Object.keys(remarks).length > 0 ? { remarks } : {}),
  }
  issues.push(...managementInputsProblems(inputs, scheme).filter((i) => !issues.some((j) => j.field === i.field)))
  return issues.length > 0 ? fail(issues) : ok(inputs)
}

// ── Two versions ────────────────────────────────────────────────────────────────────────────────

const entryText = (entry: EnteredValue | undefined, field: EnteredField): string => {
  if (!entry) return '未填报'
  switch (entry.kind) {
    case 'number':
      return field.unit === '%' ? `${percentPoints(entry.value)}%` : `${entry.value}${field.unit}`
    case 'yesNo':
      return entry.value ? '是' : '否'
    case 'category':
      return entry.value
    case 'findings':
      return entry.findings.length ? `发现问题 ${entry.findings.length} 个` : '未发现问题'
    case 'judgement':
      return entry.percent ? `${entry.grade}（${entry.percent}%）` : entry.grade
  }
}

/**
 * What differs between two versions of a unit-year's 管理指标填报 (another tab's and the user's), one
 * line each in the scheme's words: 「编制数：其他窗口为“45”，您填写的是“46”」.
 */
export function inputsDifferences(
  theirs: ManagementInputs | null,
  mine: ManagementInputs,
  scheme: ScoringSchemeDefinition,
): string[] {
  const line = (what: string, a: string, b: string) => `${what}：其他窗口为“${a}”，您填写的是“${b}”`
  const lines: string[] = []
  for (const amount of MANAGEMENT_AMOUNTS) {
    const a = theirs?.amounts[amount] ?? '未填报'
    const b = mine.amounts[amount] ?? '未填报'
    if (a !== b) lines.push(line(MANAGEMENT_AMOUNT_LABELS[amount], a, b))
  }
  for (const field of enteredFields(scheme)) {
    const a = entryText(theirs?.entries[field.key], field)
    const b = entryText(mine.entries[field.key], field)
    if (a !== b) lines.push(line(fieldName(field), a, b))
  }
  for (const item of scheme.items) {
    const a = theirs?.remarks?.[item.id] ?? ''
    const b = mine.remarks?.[item.id] ?? ''
    if (a !== b) lines.push(line(`「${item.level3}」的说明`, a || '（空）', b || '（空）'))
  }
  return lines
}

// ── A scheme as the settings list it ───────────────────────────────────────────────────────────

export interface SchemeSummary {
  items: number
  /** Σ 分值, as written ('100') */
  total: string
  /** how many items the unit enters something for on 管理指标填报 */
  entered: number
  /** 「优 90分及以上；良 80～90分（不含）…」 */
  grades: string
}

/** What the 评分方案 list says of a scheme: its size, total, entered items and grades. */
export function schemeSummary(scheme: ScoringSchemeDefinition): SchemeSummary {
  const total = scheme.items.reduce((s, item) => s.plus(parseDecimal(item.weight) ?? 0), new D(0))
  const grades = scheme.grades
    .map((g, i, all) => {
      const upper = all[i - 1]
      return upper ? `${g.label} ${g.min}～${upper.min}分（不含）` : `${g.label} ${g.min}分及以上`
    })
    .join('；')
  const entered = new Set(enteredFields(scheme).map((f) => f.itemId)).size
  return { items: scheme.items.length, total: total.toFixed(), entered, grades }
}
