/**
 * The 监控报告 of the selected node: the stored edits, the model drafted from the workspace snapshot
 * (or, once 定稿, the frozen model exactly as submitted), and the actions 保存段落, 重新生成, 定稿, 解锁
 * and the Word / 监控表 exports. Drafting and figures are the domain's (draftReport); this store only
 * orchestrates db/* and the lazily loaded io/* exporters.
 *
 * 定稿 first needs every `checks` item settled (domain reportChecks: unreported lines, readings and
 * 研判 carried from the last node); `freeze` refuses while any is open, whichever screen calls it.
 * 「确认本月无新增支出」 is an entry, written through the entry store like the monthly grid's.
 *
 * `release` says whether what is shown and exported is a 草稿 or the 定稿 (which version, when): the
 * exports put it in the file name and the page header (domain reportRelease, docs/domain-rules.md §13.7).
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, shallowRef, toRaw, watch } from 'vue'
import type { Id, StoredReport } from '@/domain/types'
import type { MonitoringSettings } from '@/domain/settings'
import { toIsoDate } from '@/domain/dates'
import {
  checksRefusal,
  draftReport,
  frozenModelOf,
  META_KEYS,
  noNewSpendingEntries,
  pendingInputs,
  regenerateEdits,
  reportChecks,
  reportRelease,
  withoutEdit,
} from '@/domain/report'
import type { ReportCheck, ReportModel, ReportRelease } from '@/domain/report'
import { freezeReport, getReport, saveReportEdits, submittedVersions, unlockReport } from '@/db/reports'
import type { SubmittedVersion } from '@/domain/types'
import { newId } from '@/domain/ids'
import { ok, refused, type Result } from '@/domain/result'
import { useEntryStore } from './entry'
import { useWorkspaceStore } from './workspace'
import { paragraphEdits } from './paragraphEdits'
import { downloadBlob } from '@/io/download'

export const useReportStore = defineStore('report', () => {
  const workspace = useWorkspaceStore()
  const { dataset, snapshot, nodeSettings, node, nodeId } = storeToRefs(workspace)

  /** the stored row of the node in `loadedFor` (null: nothing stored yet) */
  const stored = shallowRef<StoredReport | null>(null)
  /** the node's earlier submitted versions (定稿, then 解锁), kept in the audit log */
  const submitted = shallowRef<SubmittedVersion[]>([])
  const loadedFor = ref<Id | null>(null)
  const loading = ref(false)
  const busy = ref<'' | 'save' | 'regenerate' | 'freeze' | 'unlock' | 'word' | 'xlsx' | 'confirm'>('')
  /** 填报时间 of a live draft: today */
  const reportDate = ref(toIsoDate(new Date()))

  const edits = computed<Record<string, string>>(() => stored.value?.edits ?? {})
  const locked = computed(() => node.value?.status === 'locked')
  const frozenModel = computed(() => (locked.value ? frozenModelOf(stored.value?.frozen) : null))
  const frozenAt = computed(() => (locked.value ? (stored.value?.frozen?.at ?? null) : null))
  /** 草稿, or 定稿 第N版 with its time: what the exports and prints say they are */
  const release = computed<ReportRelease>(() => reportRelease(node.value ?? { status: 'draft' }, stored.value))

  const liveModel = computed<ReportModel | null>(() => {
    if (!dataset.value || !snapshot.value || loadedFor.value !== snapshot.value.node.id) return null
    const start = performance.now()
    const drafted = draftReport({
      dataset: dataset.value,
      snapshot: snapshot.value,
      settings: nodeSettings.value,
      reportDate: reportDate.value,
      edits: edits.value,
    })
    // User Timing entries, read by scripts/bench/report.bench.mjs
    performance.measure('report:draft', { start })
    return drafted
  })
  /** what the page shows and exports: the frozen model after 定稿, else the live draft */
  const model = computed<ReportModel | null>(() => frozenModel.value ?? liveModel.value)
  const pending = computed(() => (model.value && !locked.value ? pendingInputs(model.value) : []))
  /** what must be settled before 定稿 ([] once locked: the frozen report is the record) */
  const checks = computed<ReportCheck[]>(() =>
    dataset.value && snapshot.value && !locked.value
      ? reportChecks({ dataset: dataset.value, snapshot: snapshot.value })
      : [],
  )
  const unlocks = computed(() => stored.value?.unlocks ?? [])
  /** the 填报时间 the user chose, '' for today */
  const chosenReportDate = computed(() => edits.value[META_KEYS.reportDate] ?? '')
  /** how many paragraphs the user has edited */
  const editedCount = computed(() => Object.keys(edits.value).filter((key) => !key.startsWith('meta.')).length)

  let loads = 0
  async function load(id: Id | null): Promise<void> {
    if (!id) {
      loads++
      stored.value = null
      submitted.value = []
      loadedFor.value = null
      return
    }
    loading.value = true
    const request = ++loads
    try {
      const [row, versions] = await Promise.all([getReport(id), submittedVersions(id)])
      // a later load (another node, a reload) wins over one still in flight
      if (request !== loads) return
      stored.value = row ?? null
      submitted.value = versions
      loadedFor.value = id
    } finally {
      if (request === loads) loading.value = false
    }
  }

  // re-read on another node and whenever the workspace reloads its data (import, restore, demo reload
  // replace the stored reports too), so stale edits are never written back
  watch(
    [nodeId, dataset],
    ([id]) => {
      void load(id)
    },
    { immediate: true },
  )

  /**
   * Writes the paragraphs that differ from the edits this page started from (another tab's edits of
   * other paragraphs stay). A paragraph another tab changed meanwhile is refused and comes back in
   * `conflicts` (keyed by paragraph) with the stored text; `overwriteEdits` then saves over it, or
   * `load` shows theirs.
   */
  async function writeEdits(
    next: Record<string, string>,
    basis: Record<string, string> = edits.value,
  ): Promise<Result<undefined, string>> {
    const id = loadedFor.value
    if (!id) return refused(['请先选择监控节点。'])
    const result = await saveReportEdits(id, next, { basis })
    if (!result.ok) return result
    stored.value = result.value
    return ok()
  }

  /**
   * 覆盖 after a conflict: the paragraphs' texts this page saved (key → text; undefined: back to the
   * drafted text), now on top of the stored edits.
   */
  async function overwriteEdits(
    mine: Readonly<Record<string, string | undefined>>,
  ): Promise<Result<undefined, string>> {
    const id = loadedFor.value
    if (!id) return refused(['请先选择监控节点。'])
    const storedNow = (await getReport(id))?.edits ?? {}
    const next = { ...storedNow }
    for (const [key, text] of Object.entries(mine)) {
      if (text === undefined) delete next[key]
      else next[key] = text
    }
    const result = await saveReportEdits(id, next, { basis: storedNow })
    if (!result.ok) return result
    stored.value = result.value
    return ok()
  }

  const { saving, saveParagraph, resetParagraph } = paragraphEdits({ edits, busy, writeEdits })

  /** 填报时间 chosen by the user ('yyyy-MM-dd'), kept with the edits; empty clears it (today). */
  function setReportDate(date: string): Promise<Result<undefined, string>> {
    return saving(() =>
      writeEdits(
        date ? { ...edits.value, [META_KEYS.reportDate]: date } : withoutEdit(edits.value, META_KEYS.reportDate),
      ),
    )
  }

  /** 重新生成: re-reads the data, drafts again, keeps the user's edits unless `discard`. */
  async function regenerate(discard: boolean): Promise<Result<undefined, string>> {
    busy.value = 'regenerate'
    try {
      await workspace.reload()
      reportDate.value = toIsoDate(new Date())
      await load(nodeId.value)
      if (!liveModel.value) return refused(['无法起草报告：本节点的数据不完整。'])
      const next = regenerateEdits(edits.value, liveModel.value, discard)
      if (JSON.stringify(next) === JSON.stringify(edits.value)) return ok()
      return await writeEdits(next)
    } finally {
      busy.value = ''
    }
  }

  async function freeze(): Promise<Result> {
    const current = liveModel.value
    const id = loadedFor.value
    if (!current || !id) return refused(['无法定稿：报告尚未生成。'])
    if (checks.value.length > 0) return refused([checksRefusal(checks.value)])
    busy.value = 'freeze'
    try {
      const frozenWith = JSON.parse(JSON.stringify(toRaw(nodeSettings.value))) as MonitoringSettings
      const result = await freezeReport(id, JSON.parse(JSON.stringify(toRaw(current))) as ReportModel, {
        settings: frozenWith,
      })
      if (!result.ok) return result
      stored.value = result.value.report
      await workspace.reload()
      return ok()
    } finally {
      busy.value = ''
    }
  }

  /**
   * 「确认本月无新增支出」 for the lines unreported at the node's month: stores each one's latest
   * cumulative figures as that month's entry (noNewSpendingEntries), refused if another tab entered
   * one of those months meanwhile. The workspace reloads and the check clears.
   */
  async function confirmNoNewSpending(): Promise<Result> {
    if (!dataset.value || !snapshot.value) return refused(['请先选择监控节点。'])
    if (locked.value) return refused(['本节点已定稿，须先解锁才能修改执行数。'])
    const rows = noNewSpendingEntries({ dataset: dataset.value, snapshot: snapshot.value }).map((row) => ({
      ...row,
      id: newId(),
    }))
    if (rows.length === 0) return ok()
    busy.value = 'confirm'
    try {
      // basis {}: none of these months was stored when the check was shown
      const result = await useEntryStore().saveExecutions(rows, { basis: {} })
      return result.ok ? ok() : refused(result.messages)
    } finally {
      busy.value = ''
    }
  }

  /**
   * 解锁 with a reason: the shown node's report, or `id` (the 监控节点 list unlocks any node through
   * here, so every unlock is recorded the same way).
   */
  async function unlock(reason: string, id: Id | null = loadedFor.value): Promise<Result> {
    if (!id) return refused(['请先选择监控节点。'])
    busy.value = 'unlock'
    try {
      const result = await unlockReport(id, reason)
      if (!result.ok) return result
      if (id === loadedFor.value) stored.value = result.value.report
      await workspace.reload()
      await load(nodeId.value)
      return ok()
    } finally {
      busy.value = ''
    }
  }

  async function exportWord(): Promise<Result> {
    const current = model.value
    if (!current) return refused(['报告尚未生成。'])
    busy.value = 'word'
    try {
      const { reportDocxBlob, reportFileName } = await import('@/io/word/reportDocx')
      const start = performance.now()
      const blob = await reportDocxBlob(current, release.value)
      performance.measure('report:docx', { start })
      downloadBlob(blob, reportFileName(current, release.value))
      return ok()
    } catch (error) {
      return refused([`导出 Word 失败：${error instanceof Error ? error.message : String(error)}`])
    } finally {
      busy.value = ''
    }
  }

  async function exportMonitoringTable(): Promise<Result> {
    const current = model.value
    if (!current) return refused(['报告尚未生成。'])
    busy.value = 'xlsx'
    try {
      const { monitoringTableBlob, monitoringTableFileName } = await import('@/io/monitoringTable/monitoringTableXlsx')
      downloadBlob(await monitoringTableBlob(current, release.value), monitoringTableFileName(current, release.value))
      return ok()
    } catch (error) {
      return refused([`导出监控表失败：${error instanceof Error ? error.message : String(error)}`])
    } finally {
      busy.value = ''
    }
  }

  return {
    stored,
    submitted,
    loadedFor,
    loading,
    busy,
    reportDate,
    edits,
    locked,
    frozenModel,
    frozenAt,
    release,
    liveModel,
    model,
    pending,
    checks,
    unlocks,
    chosenReportDate,
    editedCount,
    load,
    saveParagraph,
    resetParagraph,
    setReportDate,
    overwriteEdits,
    regenerate,
    freeze,
    confirmNoNewSpending,
    unlock,
    exportWord,
    exportMonitoringTable,
  }
})
