/**
 * 修改记录 in words: each audit row (db/audit: time, table, key, before, after) as a user reads it —
 * when (Beijing time), what (the table's Chinese name and the record's own name) and what was done,
 * e.g. '监控节点 2021年1-6月：定稿'. Table names, ids and field names never reach the screen.
 */
import { TABLE_LABELS } from './backup'
import { beijingDateTime } from './dates'
import type { UnitYearDataset } from './types'

/** An audit row as stored (db/schema AuditEntry), read loosely: old rows may hold other shapes. */
export interface AuditRowInput {
  time: string
  table: string
  key: string | number
  before: unknown
  after: unknown
}

/** Names of the records an audit row may point at by id (nodes' labels, indicators', lines' names …). */
export type AuditNames = ReadonlyMap<string, string>

/** One 修改记录 row on screen. */
export interface AuditLine {
  /** '2021年7月5日 14:30' (Beijing time) */
  time: string
  /** '监控节点 2021年1-6月：定稿' */
  description: string
}

/** Tables the audit names that are not stored tables of their own. */
const EXTRA_LABELS: Readonly<Record<string, string>> = {
  datasets: '单位年度数据',
}

/** The settings rows, by key. */
const SETTINGS_LABELS: Readonly<Record<string, string>> = {
  monitoring: '预警阈值与序时进度',
  measureTemplates: '纠偏措施模板',
}

const EVENT_WORDS: Readonly<Record<string, string>> = {
  comment: '批示',
  assign: '指派纠偏措施',
  close: '关闭',
  reopen: '重新打开',
}

type Row = Record<string, unknown>

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined)

/** The stored table's Chinese name; '其他数据' for a name the app does not know. */
export function tableLabel(table: string): string {
  return (TABLE_LABELS as Readonly<Record<string, string>>)[table] ?? EXTRA_LABELS[table] ?? '其他数据'
}

/** A deleted row is audited as `{ unit: row, removed }`, `{ node: row, removed }` …: the row itself. */
function recordOf(value: unknown): Row | undefined {
  if (!isRow(value)) return undefined
  if ('removed' in value) return Object.values(value).find((v): v is Row => isRow(v) && 'id' in v)
  return value
}

/** At most 20 characters of a long text (a measure's content), with '…'. */
const short = (value: string): string => (value.length > 20 ? `${value.slice(0, 20)}…` : value)

/** The record's own name, or the names of what it points at ('工资福利支出 6月', '培训次数（2021年1-6月）'). */
function recordName(table: string, key: string, row: Row | undefined, names: AuditNames): string {
  const name = (id: unknown): string | undefined => (typeof id === 'string' ? names.get(id) : undefined)
  if (table === 'settings') return SETTINGS_LABELS[key] ?? ''
  if (table === 'frameworks') return `${key}年`
  if (table === 'datasets') {
    const [, year] = key.split('/')
    const unit = text(isRow(row) ? row.unit : undefined) ?? name(key.split('/')[0]) ?? ''
    return `${unit}${year ? ` ${year}年` : ''}`.trim()
  }
  if (table === 'reports' || table === 'alerts' || table === 'managementInputs') {
    if (!row || !('id' in row || 'nodeId' in row)) return name(key) ?? ''
  }
  if (!row) return name(key) ?? ''
  const own = text(row.name) ?? text(row.label) ?? text(row.description)
  if (own) return short(own)
  if (table === 'measures') return short(text(row.content) ?? '')
  if (table === 'monthlyExecutions') {
    const line = name(row.budgetLineId) ?? ''
    return `${line}${typeof row.month === 'number' ? ` ${row.month}月` : ''}`.trim()
  }
  const node = name(row.nodeId)
  const subject = name(row.indicatorId) ?? name(row.budgetLineId) ?? name(row.subjectId) ?? name(row.schemeId)
  if (subject && node) return `${subject}（${node}）`
  const unitYear = name(row.unitId) && typeof row.year === 'number' ? `${name(row.unitId)} ${row.year}年` : undefined
  return subject ?? node ?? unitYear ?? name(key) ?? ''
}

/** What was done, in words: 新增, 修改, 删除, or the step it was (定稿, 解锁, 批示 …). */
function action(table: string, before: unknown, after: unknown, names: AuditNames): string {
  const b = isRow(before) ? before : undefined
  const a = isRow(after) ? after : undefined
  if (table === 'datasets') {
    if (!a) return '删除全部数据'
    const total = ['budgetLines', 'indicators', 'nodes']
      .map((t) => (count(a[t]) === undefined ? '' : `${tableLabel(t)} ${count(a[t])} 条`))
      .filter(Boolean)
    return `整体保存（载入示例、导入或恢复）${total.length > 0 ? `，含${total.join('、')}` : ''}`
  }
  if (table === 'reports' && a && typeof a.frozen === 'boolean') {
    if (a.frozen) return '定稿'
    const reason = text(a.unlockReason)
    return reason ? `解锁（原因：${reason}）` : '解锁'
  }
  if (table === 'reports' && a && 'edits' in a) return '修改报告文字'
  if (table === 'nodes' && a && b && typeof a.status === 'string' && a.status !== b.status) {
    return a.status === 'locked' ? '定稿' : '解锁'
  }
  if (table === 'alerts' && a && count(a.alerts) !== undefined) return `重新生成预警，现有 ${count(a.alerts)} 条`
  if (table === 'readings' && a && text(a.copiedFromNode)) {
    const from = names.get(String(a.copiedFromNode)) ?? '上一节点'
    return `从${from}复制指标填报 ${count(a.readings) ?? 0} 条、预算研判 ${count(a.budgetJudgements) ?? 0} 条`
  }
  if (table === 'alerts' && a && b) {
    const events = Array.isArray(a.history) ? (a.history as unknown[]) : []
    const earlier = Array.isArray(b.history) ? b.history.length : 0
    const last = events.length > earlier ? events.at(-1) : undefined
    if (isRow(last) && typeof last.kind === 'string') return EVENT_WORDS[last.kind] ?? '修改'
    if (a.status !== b.status) return a.status === 'closed' ? '关闭' : '重新打开'
  }
  if (before === null || before === undefined) return '新增'
  if (after === null || after === undefined) return table === 'settings' ? '恢复默认' : '删除'
  return '修改'
}

/** '监控节点 2021年1-6月：定稿' for the audit row of a 定稿; the record's name looked up in `names` when the row holds only an id. */
export function auditDescription(row: AuditRowInput, names: AuditNames = new Map()): string {
  const key = String(row.key)
  const record = recordOf(row.after) ?? recordOf(row.before)
  const name = recordName(
    row.table,
    key,
    row.table === 'datasets' ? (isRow(row.after) ? row.after : undefined) : record,
    names,
  )
  return `${tableLabel(row.table)}${name ? ` ${name}` : ''}：${action(row.table, row.before, row.after, names)}`
}

/** The 修改记录 rows on screen: Beijing time and the description. */
export function auditLines(rows: readonly AuditRowInput[], names: AuditNames = new Map()): AuditLine[] {
  return rows.map((row) => ({ time: beijingDateTime(row.time) ?? row.time, description: auditDescription(row, names) }))
}

/** The names an audit row may point at by id, from the unit-year on screen: its unit, projects, lines, targets, indicators and nodes. */
export function auditNames(
  dataset: Pick<UnitYearDataset, 'unit' | 'projects' | 'budgetLines' | 'indicators' | 'nodes'> | null,
): AuditNames {
  const names = new Map<string, string>()
  if (!dataset) return names
  names.set(dataset.unit.id, dataset.unit.name)
  for (const row of [...dataset.projects, ...dataset.budgetLines, ...dataset.indicators]) names.set(row.id, row.name)
  for (const node of dataset.nodes) names.set(node.id, node.label)
  return names
}
