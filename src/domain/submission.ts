/**
 * 报送 from the unit's side (docs/domain-rules.md §17, docs/package-format.md §5): what a 定稿 node's
 * 报送包 holds besides the frozen report and the unit-year (`node.json`), the 回执's content
 * (`receipt.json`) as both sides write and read it, and what importing a 回执 does to the node.
 * Plain functions over plain data; the store signs, writes and downloads.
 */
import { computeNodeAlerts, withReviewState } from './alerts'
import { beijingDateTime } from './dates'
import { unitNodeFiguresOf } from './department/figures'
import type { ReviewRecord } from './department/review'
import { REVIEW_STATE_LABELS } from './department/review'
import type { SentSubmission } from './department/stored'
import type { UnitNodeFigures } from './department/types'
import { settingsForNode } from './lock'
import { fail, issue, ok, refused, type Checked, type Result } from './result'
import type { MonitoringSettings } from './settings'
import { computeNodeSnapshot } from './snapshot'
import type {
  Alert,
  BudgetLineJudgement,
  CorrectiveMeasure,
  Id,
  IsoDate,
  IsoDateTime,
  MonitoringNode,
  UnitYearDataset,
} from './types'

/** `node.json` of a 报送包: the node's summary for the sums, its 预警 with their 批示, its measures and 研判. */
export interface SubmissionNodePart {
  figures: UnitNodeFigures
  /** the node's 预警 as the unit sees them: raised from the frozen figures, with their review state and 批示 */
  alerts: Alert[]
  measures: CorrectiveMeasure[]
  budgetJudgements: BudgetLineJudgement[]
}

/**
 * `node.json` for `nodeId`: the node's figures by its own settings (those frozen with it once 定稿,
 * docs/domain-rules.md §12.4), its 预警 as the 预警 page shows them (computeNodeAlerts with the stored
 * review state, §8.2), and the counts of the open ones in the summary.
 */
export function submissionNodePart(
  dataset: UnitYearDataset,
  nodeId: Id,
  settings: MonitoringSettings,
): Checked<SubmissionNodePart> {
  const node = dataset.nodes.find((n) => n.id === nodeId)
  if (!node) return fail([issue('nodeId', 'node.notFound', '找不到要报送的监控节点')])
  const nodeSettings = settingsForNode(node, settings)
  const computed = computeNodeSnapshot({ dataset, nodeId, settings: nodeSettings })
  if (!computed.ok) return computed
  const snapshot = computed.value
  const stored = dataset.alerts.filter((a) => a.nodeId === nodeId)
  const alerts = withReviewState(computeNodeAlerts({ dataset, snapshot, settings: nodeSettings }), stored)
  const unit = { unitId: dataset.unit.id, unitName: dataset.unit.name }
  return ok({
    figures: unitNodeFiguresOf(
      unit,
      snapshot,
      alerts.filter((a) => a.status === 'open'),
    ),
    alerts,
    measures: dataset.measures.filter((m) => m.nodeId === nodeId),
    budgetJudgements: dataset.budgetJudgements.filter((j) => j.nodeId === nodeId),
  })
}

/** Characters a file name cannot hold on Windows (and the path separators), and whitespace. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\s]+/g

/** '报送包_且末县自然资源局_2021年1-6月_202107051630.zip' (`at` in local time, to the minute). */
export function submissionFileName(unitName: string, nodeLabel: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}${p(at.getHours())}${p(at.getMinutes())}`
  const safe = (text: string) => text.replace(UNSAFE_IN_FILE_NAME, '_')
  return `报送包_${safe(unitName)}_${safe(nodeLabel)}_${stamp}.zip`
}

/** Why a node cannot be 报送 now, or null: it must be 定稿 and hold its frozen report. */
export function submitRefusal(node: MonitoringNode | undefined, hasFrozenReport: boolean): string | null {
  if (!node) return '找不到要报送的监控节点，可能已被删除。'
  if (node.status !== 'locked') return `监控节点“${node.label}”尚未定稿：请先在本页定稿，定稿后才能报送主管部门。`
  if (!hasFrozenReport)
    return `监控节点“${node.label}”没有保存定稿报告，不能报送：请先解锁（填写原因）后重新定稿，再报送。`
  return null
}

// ── the 回执 ──────────────────────────────────────────────────────────────────

/**
 * `receipt.json` of a 回执 (docs/package-format.md §5.1): the 主管部门's decision on one 报送包. The
 * unit matches it to what it sent by `packageSha256`, the SHA-256 of the whole 报送包 file.
 */
export interface ReceiptContent {
  /** the unit the 回执 answers (its own id, as in the 报送包's manifest) */
  unitId: Id
  /** the unit's name as the 主管部门 knows it (for a person reading the file); '' when absent */
  unitName: string
  /** the node's date: the 主管部门's node */
  asOfDate: IsoDate
  /** the node's id in the unit's data */
  nodeId: Id
  /** SHA-256 of the 报送包 file decided on (lower-case hex) */
  packageSha256: string
  /** the decision: 已通过 or 已退回 (with its 意见), who decided and when; names the same package */
  record: ReviewRecord
}

const HEX64 = /^[0-9a-f]{64}$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const MAX_TEXT = 2000

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length <= max

/**
 * The 回执's content read from `receipt.json`, or why it cannot be used (one sentence). Fields beyond
 * these are ignored; each of these is checked, and the decision must name the package the 回执 does.
 */
export function parseReceiptContent(value: unknown): Result<ReceiptContent> {
  const bad = (what: string) => refused([`回执内容有误：${what}，未做任何改动。`])
  if (!isRecord(value)) return bad('不是本程序的回执格式')
  const { unitId, unitName = '', asOfDate, nodeId, packageSha256, record } = value
  if (!isText(unitId) || unitId.trim() === '') return bad('缺少单位')
  if (!isText(unitName)) return bad('单位名称无效')
  if (!isText(nodeId) || nodeId.trim() === '') return bad('缺少监控节点')
  if (typeof asOfDate !== 'string' || !ISO_DATE.test(asOfDate)) return bad('监控节点日期无效')
  if (typeof packageSha256 !== 'string' || !HEX64.test(packageSha256)) return bad('没有注明答复的是哪个报送包')
  if (!isRecord(record)) return bad('缺少审核结果')
  const { state, opinion, reviewer, at } = record
  if (state !== 'approved' && state !== 'returned') return bad('审核结果不是“已通过”或“已退回”')
  if (!isText(opinion, MAX_TEXT)) return bad('审核意见无效')
  if (state === 'returned' && opinion.trim() === '') return bad('退回的回执没有审核意见')
  if (!isText(reviewer)) return bad('审核人无效')
  if (typeof at !== 'string' || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at))) return bad('审核时间无效')
  if (record.packageSha256 !== packageSha256) return bad('审核结果与所答复的报送包不一致')
  return ok({
    unitId,
    unitName,
    asOfDate: asOfDate as IsoDate,
    nodeId,
    packageSha256,
    record: { state, opinion, reviewer, at: at as IsoDateTime, packageSha256 },
  })
}

/** The 回执 a 主管部门 writes for a decision: what `parseReceiptContent` reads. */
export function receiptContentOf(
  submission: { unitId: Id; unitName: string; asOfDate: IsoDate; nodeId: Id; packageSha256: string },
  record: ReviewRecord,
): ReceiptContent {
  return {
    unitId: submission.unitId,
    unitName: submission.unitName,
    asOfDate: submission.asOfDate,
    nodeId: submission.nodeId,
    packageSha256: submission.packageSha256,
    record,
  }
}

/** Who sent a 回执 and with which key: the manifest's signer. */
export interface ReceiptSender {
  departmentId: Id
  departmentName: string
  fingerprint: string
}

/** The receipt a SentSubmission keeps: the decision, when it was imported, and who signed it. */
export type StoredReceipt = NonNullable<SentSubmission['receipt']>

/** What importing a 回执 will do, before anything is written. */
export interface ReceiptPlan {
  /** the SentSubmission as it will be stored, with the receipt */
  sent: SentSubmission
  /** the row as stored now (the write refuses when it changed meanwhile) */
  before: SentSubmission
  /** 解锁 with this reason (退回 of the latest 报送 of a 定稿 node); null: nothing to unlock */
  unlockReason: string | null
  /** one sentence: what the import does */
  effect: string
}

export interface ReceiptContext {
  content: ReceiptContent
  sender: ReceiptSender
  /** the manifest's year and node id, which the content must agree with */
  manifest: { year: number; nodeId: Id }
  /** the unit and node as stored here (undefined: not in this database) */
  unit: { id: Id; name: string } | undefined
  node: MonitoringNode | undefined
  /** every 报送 this unit made (all nodes) */
  sent: readonly SentSubmission[]
  importedAt: IsoDateTime
}

/** The fingerprint of the 主管部门's key as an earlier 回执 to this unit showed it, or null (first contact). */
export function knownDepartmentKey(sent: readonly SentSubmission[], departmentId: Id): string | null {
  const earlier = sent
    .map((s) => s.receipt)
    .filter((r): r is StoredReceipt => r !== null && r.departmentId === departmentId && !!r.fingerprint)
    .sort((a, b) => (a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : 0))
  return earlier[0]?.fingerprint ?? null
}

/** The decision in words: '已通过' or '已退回（意见：…）'. */
export function receiptDecisionText(record: ReviewRecord): string {
  const label = REVIEW_STATE_LABELS[record.state]
  const opinion = record.opinion.trim()
  return opinion ? `${label}（意见：${opinion}）` : label
}

/** The reason recorded for a 退回's 解锁: the 审核意见, prefixed so the unlock list says where it came from. */
export function returnUnlockReason(record: ReviewRecord): string {
  return `主管部门退回：${record.opinion.trim()}`
}

/**
 * What importing a 回执 does, or why it is refused (nothing changes then). Refused: a unit or node
 * not held here, content that disagrees with its manifest, a package this unit did not send, the same
 * decision imported before, or an earlier decision than the one held. A 退回 of the latest 报送 of a
 * 定稿 node unlocks it with the 意见 as the reason; a 退回 of an older one (the node was 报送 again
 * since) or of a node already open is only recorded.
 */
export function planReceipt(context: ReceiptContext): Result<ReceiptPlan> {
  const { content, sender, manifest, unit, node, sent, importedAt } = context
  const no = (message: string) => refused([`${message}本机数据未做任何改动。`])
  if (!unit || unit.id !== content.unitId) return no('这份回执是发给其他单位的：本机没有该单位。')
  if (manifest.nodeId !== content.nodeId) return no('回执内容与其清单所写的监控节点不一致，可能被改动过。')
  if (!node || node.unitId !== unit.id || node.year !== manifest.year)
    return no(`这份回执答复的监控节点在本机“${unit.name}”中找不到（可能已被删除）。`)
  if (node.asOfDate !== content.asOfDate) return no(`回执所写的节点日期与本机的“${node.label}”不一致。`)
  const row = sent.find((s) => s.packageSha256 === content.packageSha256)
  if (!row || row.unitId !== unit.id || row.nodeId !== node.id)
    return no(`这份回执答复的报送包不是从本机报送的（“${node.label}”没有校验值相同的报送记录）。`)
  const held = row.receipt
  if (held) {
    const same =
      held.record.state === content.record.state &&
      held.record.opinion === content.record.opinion &&
      held.record.at === content.record.at
    if (same) return no(`这份回执已于 ${beijingDateTime(held.importedAt) ?? held.importedAt} 导入过。`)
    if (Date.parse(held.record.at ?? '') > Date.parse(content.record.at ?? ''))
      return no('本机已有这次报送更晚的审核结果，这份回执较早，不再采用。')
  }
  const receipt: StoredReceipt = {
    record: content.record,
    importedAt,
    departmentId: sender.departmentId,
    departmentName: sender.departmentName,
    fingerprint: sender.fingerprint,
  }
  const latest = sent
    .filter((s) => s.nodeId === node.id)
    .reduce<SentSubmission | null>((a, s) => (a === null || s.createdAt > a.createdAt ? s : a), null)
  const decision = receiptDecisionText(content.record)
  let unlockReason: string | null = null
  let effect: string
  if (content.record.state === 'approved') effect = `记录审核结果：${decision}。`
  else if (latest?.id !== row.id)
    effect = `记录审核结果：${decision}。该回执答复的是较早的一次报送，之后已重新报送，节点不解锁。`
  else if (node.status !== 'locked') effect = `记录审核结果：${decision}。节点已处于未定稿状态，可直接修改。`
  else {
    unlockReason = returnUnlockReason(content.record)
    effect = `记录审核结果：${decision}，并解锁监控节点“${node.label}”（解锁原因记为审核意见），修改后重新定稿、再次报送。`
  }
  return ok({ sent: { ...row, receipt }, before: row, unlockReason, effect })
}

/** One 报送 as the unit's history shows it: when, and what the 主管部门 answered. */
export interface SentHistoryRow {
  id: Id
  createdAt: IsoDateTime
  /** '待回执' until a 回执 is imported, then '已通过' / '已退回' */
  status: string
  /** the 审核意见 ('' when none) */
  opinion: string
  tone: 'info' | 'success' | 'danger'
}

/** The node's 报送, latest first, for the unit's 报送 history. */
export function sentHistory(sent: readonly SentSubmission[], nodeId: Id): SentHistoryRow[] {
  return sent
    .filter((s) => s.nodeId === nodeId)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((s) => {
      const record = s.receipt?.record
      const status = record ? REVIEW_STATE_LABELS[record.state] : '待回执'
      const tone = record?.state === 'approved' ? 'success' : record?.state === 'returned' ? 'danger' : 'info'
      return { id: s.id, createdAt: s.createdAt, status, opinion: record?.opinion.trim() ?? '', tone }
    })
}
