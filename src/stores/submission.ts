/**
 * 报送 to the 主管部门 and the 回执 that comes back, the unit's side (docs/package-format.md,
 * docs/domain-rules.md §17). A 定稿 node is written as a signed 报送包 (io/package) holding its frozen
 * report, its figures with 预警, 批示 and measures (domain/submission), and the unit-year, downloaded
 * and recorded (db/submissions). A 回执 is read and checked whole before anything is written: for this
 * unit, a node of its year, a package it sent, signed by the 主管部门 key seen before (trust on the
 * first 回执, whose fingerprint is shown); a 退回 unlocks the node with the 意见 as the recorded reason.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { SentSubmission } from '@/domain/department'
import {
  knownDepartmentKey,
  parseReceiptContent,
  planReceipt,
  receiptDecisionText,
  submissionFileName,
  submissionNodePart,
  submitRefusal,
  type ReceiptContent,
  type ReceiptPlan,
} from '@/domain/submission'
import type { Id, IsoDateTime } from '@/domain/types'
import { ok, refused, type Result } from '@/domain/result'
import { checkKnownKey, DEFAULT_PACKAGE_LIMITS, readPackage, writePackage } from '@/io/package'
import { downloadBlob } from '@/io/download'
import { loadUnitYear } from '@/db/datasets'
import { getNode } from '@/db/nodes'
import { getReport } from '@/db/reports'
import { getSigningKey } from '@/db/signing'
import { getSettings } from '@/db/settings'
import { getUnit } from '@/db/units'
import { applyReceipt, listSentSubmissions, recordSentSubmission } from '@/db/submissions'
import { ensureSigningKey } from './signing'
import { useWorkspaceStore } from './workspace'

const ZIP_TYPE = 'application/zip'

export interface SubmitDone {
  fileName: string
  bytes: Uint8Array
  sent: SentSubmission
}

export interface SubmitOptions {
  now?: () => Date
  /** hands the file to the user (the browser's download by default) */
  save?: (bytes: Uint8Array, fileName: string) => void
}

function download(bytes: Uint8Array, fileName: string): void {
  downloadBlob(new Blob([new Uint8Array(bytes)], { type: ZIP_TYPE }), fileName)
}

/**
 * 报送 of a 定稿 node: the signed 报送包, read back with the reader the 主管部门 uses (nothing is handed
 * over that it would refuse), recorded as sent, then saved. Refused with a sentence when the node is
 * not 定稿 or has no frozen report.
 */
export async function submitNode(
  nodeId: Id,
  { now = () => new Date(), save = download }: SubmitOptions = {},
): Promise<Result<SubmitDone>> {
  const node = await getNode(nodeId)
  const report = node ? await getReport(nodeId) : undefined
  const refusal = submitRefusal(node, report?.frozen !== undefined)
  if (refusal || !node || !report) return refused([refusal ?? '找不到要报送的监控节点。'])
  const [dataset, settings] = await Promise.all([loadUnitYear(node.unitId, node.year), getSettings()])
  if (!dataset) return refused(['找不到该节点所属单位的数据，不能报送。'])
  const nodePart = submissionNodePart(dataset, nodeId, settings)
  if (!nodePart.ok) return refused(nodePart.messages)
  const key = await ensureSigningKey(node.unitId, now)
  const at = now()
  const written = await writePackage({
    kind: 'submission',
    unit: { id: dataset.unit.id, name: dataset.unit.name },
    year: node.year,
    node: { id: node.id, label: node.label },
    createdAt: at.toISOString(),
    parts: { 'report.json': report, 'node.json': nodePart.value, 'unit-year.json': dataset },
    keyPair: key.keyPair,
  })
  if (!written.ok) return refused([`报送包生成失败：${written.messages.join('；')}`])
  const read = await readPackage(written.value, { expectedKind: 'submission' })
  if (!read.ok) return refused([`报送包生成后自检未通过，未报送：${read.messages.join('；')}`])
  const recorded = await recordSentSubmission({
    id: read.value.manifestSha256,
    unitId: node.unitId,
    nodeId: node.id,
    createdAt: read.value.manifest.createdAt as IsoDateTime,
    packageSha256: read.value.sha256,
    receipt: null,
  })
  if (!recorded.ok) return refused(recorded.messages)
  const fileName = submissionFileName(dataset.unit.name, node.label, at)
  save(written.value, fileName)
  return ok({ fileName, bytes: written.value, sent: recorded.value })
}

/** A 回执 that passed every check, with what importing it will do. */
export interface ReceiptPreview {
  fileName: string
  content: ReceiptContent
  plan: ReceiptPlan
  departmentName: string
  fingerprint: string
  /** no earlier 回执 from this 主管部门: the fingerprint is to be compared with the 主管部门 before importing */
  firstContact: boolean
  unitName: string
  nodeLabel: string
  /** '已通过' or '已退回（意见：…）' */
  decision: string
}

/** Reads and checks a 回执 file; writes nothing. */
export async function checkReceipt(
  bytes: Uint8Array,
  fileName: string,
  { now = () => new Date() }: { now?: () => Date } = {},
): Promise<Result<ReceiptPreview>> {
  const read = await readPackage(bytes, { expectedKind: 'receipt' })
  if (!read.ok) return refused([`${read.messages.join('；')}。本机数据未做任何改动。`])
  const { manifest, fingerprint } = read.value
  const content = parseReceiptContent(read.value.json['receipt.json'])
  if (!content.ok) return content
  const unit = await getUnit(content.value.unitId)
  const [node, sent] = await Promise.all([
    getNode(content.value.nodeId),
    unit ? listSentSubmissions(unit.id) : Promise.resolve([]),
  ])
  const known = knownDepartmentKey(sent, manifest.unit.id)
  if (known !== null) {
    const same = checkKnownKey(fingerprint, known)
    if (!same.ok) return refused([`${same.messages.join('；')}。本机数据未做任何改动。`])
  }
  const plan = planReceipt({
    content: content.value,
    sender: { departmentId: manifest.unit.id, departmentName: manifest.unit.name, fingerprint },
    manifest: { year: manifest.year, nodeId: manifest.node.id },
    unit: unit && { id: unit.id, name: unit.name },
    node,
    sent,
    importedAt: now().toISOString() as IsoDateTime,
  })
  if (!plan.ok) return plan
  return ok({
    fileName,
    content: content.value,
    plan: plan.value,
    departmentName: manifest.unit.name,
    fingerprint,
    firstContact: known === null,
    unitName: unit?.name ?? '',
    nodeLabel: node?.label ?? manifest.node.label,
    decision: receiptDecisionText(content.value.record),
  })
}

/** Imports a checked 回执: stores it on its 报送 and, for a 退回 of the latest 报送 of a 定稿 node, unlocks it. */
export async function importCheckedReceipt(preview: ReceiptPreview): Promise<Result<SentSubmission>> {
  const applied = await applyReceipt(preview.plan)
  return applied.ok ? ok(applied.value) : refused(applied.messages)
}

/** Checks and imports a 回执 in one step (what the screen does in two, with the preview between). */
export async function importReceipt(file: File, options: { now?: () => Date } = {}): Promise<Result<ReceiptPreview>> {
  if (file.size > DEFAULT_PACKAGE_LIMITS.maxBytes) return refused(['文件过大，不是回执。本机数据未做任何改动。'])
  const checked = await checkReceipt(new Uint8Array(await file.arrayBuffer()), file.name, options)
  if (!checked.ok) return checked
  const applied = await importCheckedReceipt(checked.value)
  return applied.ok ? checked : applied
}

export const useSubmissionStore = defineStore('submission', () => {
  const busy = ref<'' | 'submit' | 'receipt'>('')
  const message = ref('')
  const errorMessage = ref('')
  /** the 报送 of the unit shown, oldest first */
  const sent = shallowRef<SentSubmission[]>([])
  /** this unit's signing key fingerprint ('' until read) */
  const fingerprint = ref('')
  const receiptPreview = shallowRef<ReceiptPreview | null>(null)

  function clearMessages(): void {
    message.value = ''
    errorMessage.value = ''
  }

  /**
   * Reads the unit's 报送 history and its key's fingerprint; `makeKey` (a 定稿 node, about to be 报送)
   * makes the key now if the unit has none, so the fingerprint can be shown before the first 报送.
   */
  async function load(unitId: Id | null, { makeKey = false }: { makeKey?: boolean } = {}): Promise<void> {
    if (!unitId) {
      sent.value = []
      fingerprint.value = ''
      return
    }
    const [rows, key] = await Promise.all([
      listSentSubmissions(unitId),
      makeKey ? ensureSigningKey(unitId) : getSigningKey(unitId),
    ])
    sent.value = rows
    fingerprint.value = key?.fingerprint ?? ''
  }

  async function submit(nodeId: Id): Promise<Result<SubmitDone>> {
    clearMessages()
    busy.value = 'submit'
    try {
      const done = await submitNode(nodeId)
      if (!done.ok) errorMessage.value = done.messages.join('；')
      else {
        message.value = `已生成报送包“${done.value.fileName}”，请把它交给主管部门（U 盘、内网邮件等）。`
        await load(done.value.sent.unitId, { makeKey: true })
      }
      return done
    } catch (error) {
      errorMessage.value = `报送失败：${error instanceof Error ? error.message : String(error)}`
      return refused([errorMessage.value])
    } finally {
      busy.value = ''
    }
  }

  /** Checks a 回执 file and shows what importing it would do (`receiptPreview`); writes nothing. */
  async function chooseReceipt(file: File): Promise<Result<ReceiptPreview>> {
    clearMessages()
    receiptPreview.value = null
    busy.value = 'receipt'
    try {
      const checked =
        file.size > DEFAULT_PACKAGE_LIMITS.maxBytes
          ? refused(['文件过大，不是回执。本机数据未做任何改动。'])
          : await checkReceipt(new Uint8Array(await file.arrayBuffer()), file.name)
      if (checked.ok) receiptPreview.value = checked.value
      else errorMessage.value = checked.messages.join('；')
      return checked
    } finally {
      busy.value = ''
    }
  }

  function cancelReceipt(): void {
    receiptPreview.value = null
  }

  /** Imports the previewed 回执; the workspace reloads (a 退回 unlocked the node). */
  async function confirmReceipt(): Promise<Result<SentSubmission>> {
    const preview = receiptPreview.value
    if (!preview) return refused(['请先选择回执文件。'])
    clearMessages()
    busy.value = 'receipt'
    try {
      const applied = await importCheckedReceipt(preview)
      if (!applied.ok) {
        errorMessage.value = applied.messages.join('；')
        return applied
      }
      receiptPreview.value = null
      message.value = `已导入主管部门“${preview.departmentName}”的回执：${preview.nodeLabel} ${preview.decision}。${
        preview.plan.unlockReason ? '节点已解锁，请修改后重新定稿、再次报送。' : ''
      }`
      await useWorkspaceStore().reload()
      await load(applied.value.unitId)
      return applied
    } finally {
      busy.value = ''
    }
  }

  return {
    busy,
    message,
    errorMessage,
    sent,
    fingerprint,
    receiptPreview,
    load,
    submit,
    chooseReceipt,
    cancelReceipt,
    confirmReceipt,
  }
})
