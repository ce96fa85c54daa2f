/**
 * The 部门汇总报告 of the 主管部门 at the chosen monitoring date (docs/domain-rules.md §17.6): the stored
 * edits, the model drafted from the department store's sums and ranking and from each current
 * submission's own 偏离情况 and 预警 (or, once 定稿, the frozen model as issued), and the actions 保存段落,
 * 恢复, 定稿, 解除定稿 and the Word / 汇总表 exports. Drafting and figures are the domain's
 * (draftDepartmentReport); this store orchestrates db/departmentReports and the lazily loaded io/*.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, shallowRef, toRaw, watch } from 'vue'
import {
  departmentReportRelease,
  draftDepartmentReport,
  frozenDepartmentModel,
  unitDeviationText,
  type DepartmentReportUnit,
  type StoredDepartmentReport,
} from '@/domain/department'
import { toIsoDate } from '@/domain/dates'
import { pendingInputs } from '@/domain/report'
import type { ReportModel, ReportRelease } from '@/domain/report'
import { ok, refused, type Result } from '@/domain/result'
import type { IsoDate } from '@/domain/types'
import {
  freezeDepartmentReport,
  getDepartmentReport,
  saveDepartmentReportEdits,
  unlockDepartmentReport,
} from '@/db/departmentReports'
import { departmentReportFileName, summaryTableFileName } from '@/io/department/fileNames'
import { downloadBlob } from '@/io/download'
import { useDepartmentStore, type SubmissionContent } from './department'
import { useSettingsStore } from './settings'
import { paragraphEdits } from './paragraphEdits'

/** A submitted unit as the 汇总报告 reads it from its package: 审核 state, its own 偏离情况, its red/yellow 预警. */
export function reportUnitOf(
  content: SubmissionContent | null,
  unitId: string,
  review: DepartmentReportUnit['review'],
): DepartmentReportUnit {
  const nodeId = content?.figures.nodeId
  return {
    unitId,
    review,
    deviationText: unitDeviationText(content?.report),
    alerts: (content?.alerts ?? [])
      .filter((a) => a.nodeId === nodeId && (a.light === 'red' || a.light === 'yellow'))
      .map((a) => ({ light: a.light, message: a.message })),
  }
}

export const useDepartmentReportStore = defineStore('departmentReport', () => {
  const department = useDepartmentStore()
  const { departmentUnitId, departmentName, year, data, asOfDate, nodes, totals, ranking, currentAtDate } =
    storeToRefs(department)
  const { settings } = storeToRefs(useSettingsStore())

  const stored = shallowRef<StoredDepartmentReport | null>(null)
  /** `${departmentUnitId}|${asOfDate}` the stored row and units were read for */
  const loadedFor = ref<string | null>(null)
  const units = shallowRef<DepartmentReportUnit[]>([])
  /** units whose package could not be read again (their 偏离情况 is drafted as missing) */
  const unreadable = ref<string[]>([])
  const loading = ref(false)
  const busy = ref<'' | 'save' | 'freeze' | 'unlock' | 'word' | 'xlsx'>('')
  /** 填报时间 of a live draft: today */
  const reportDate = ref(toIsoDate(new Date()))

  const node = computed(() => nodes.value.find((n) => n.asOfDate === asOfDate.value) ?? null)
  const edits = computed<Record<string, string>>(() => stored.value?.edits ?? {})
  const frozenModel = computed(() => frozenDepartmentModel(stored.value))
  const locked = computed(() => stored.value?.frozen !== undefined)
  const release = computed<ReportRelease>(() => departmentReportRelease(stored.value))
  const unlocks = computed(() => stored.value?.unlocks ?? [])

  const key = computed(() =>
    departmentUnitId.value && asOfDate.value ? `${departmentUnitId.value}|${asOfDate.value}` : null,
  )

  const liveModel = computed<ReportModel | null>(() => {
    if (!node.value || year.value === null || loadedFor.value !== key.value) return null
    return draftDepartmentReport({
      departmentName: departmentName.value,
      year: year.value,
      node: node.value,
      totals: totals.value,
      ranking: ranking.value,
      units: units.value,
      ratePrecision: settings.value.ratePrecision,
      reportDate: reportDate.value,
      edits: edits.value,
    })
  })
  /** what the tab shows and exports: the frozen model after 定稿, else the live draft */
  const model = computed<ReportModel | null>(() => frozenModel.value ?? liveModel.value)
  const pending = computed(() => (model.value && !locked.value ? pendingInputs(model.value) : []))

  let loads = 0
  async function load(): Promise<void> {
    const request = ++loads
    const id = departmentUnitId.value
    const date = asOfDate.value
    if (!id || !date) {
      stored.value = null
      units.value = []
      loadedFor.value = null
      return
    }
    loading.value = true
    try {
      const row = await getDepartmentReport(id, date)
      const read: DepartmentReportUnit[] = []
      const failed: string[] = []
      for (const submission of currentAtDate.value) {
        const content = await department.contentOf(submission)
        if (!content.ok) failed.push(submission.unitName)
        const review = department.reviewOf(submission.unitId, date).state
        read.push(reportUnitOf(content.ok ? content.value : null, submission.unitId, review))
      }
      // a later load (another date, a reload) wins over one still in flight
      if (request !== loads) return
      stored.value = row ?? null
      units.value = read
      unreadable.value = failed
      loadedFor.value = `${id}|${date}`
    } finally {
      if (request === loads) loading.value = false
    }
  }

  // the department store reloads its data after every import and 审核: read again then
  watch([key, data], () => void load(), { immediate: true })

  async function writeEdits(
    next: Record<string, string>,
    basis: Record<string, string> = edits.value,
  ): Promise<Result<undefined, string>> {
    const id = departmentUnitId.value
    const date = asOfDate.value as IsoDate | null
    if (!id || !date || loadedFor.value !== key.value) return refused(['请先选择监控节点。'])
    const result = await saveDepartmentReportEdits(id, date, next, { basis })
    if (!result.ok) return result
    stored.value = result.value
    return ok()
  }

  const { saveParagraph, resetParagraph } = paragraphEdits({ edits, busy, writeEdits })

  /** 定稿: the report exactly as shown is stored; edits are refused until 解除定稿. */
  async function freeze(): Promise<Result> {
    const current = liveModel.value
    const id = departmentUnitId.value
    const date = asOfDate.value
    if (!current || !id || !date) return refused(['无法定稿：汇总报告尚未生成。'])
    if (unreadable.value.length > 0)
      return refused([`无法定稿：${unreadable.value.join('、')}的报送包读取失败，请重新导入后再定稿。`])
    busy.value = 'freeze'
    try {
      const result = await freezeDepartmentReport(id, date, JSON.parse(JSON.stringify(toRaw(current))) as unknown)
      if (!result.ok) return result
      stored.value = result.value
      return ok()
    } finally {
      busy.value = ''
    }
  }

  async function unlock(reason: string): Promise<Result> {
    const id = departmentUnitId.value
    const date = asOfDate.value
    if (!id || !date) return refused(['请先选择监控节点。'])
    busy.value = 'unlock'
    try {
      const result = await unlockDepartmentReport(id, date, reason)
      if (!result.ok) return result
      stored.value = result.value
      return ok()
    } finally {
      busy.value = ''
    }
  }

  async function exportWord(): Promise<Result> {
    const current = model.value
    if (!current) return refused(['汇总报告尚未生成。'])
    busy.value = 'word'
    try {
      const { reportDocxBlob } = await import('@/io/word/reportDocx')
      downloadBlob(await reportDocxBlob(current, release.value), departmentReportFileName(current, release.value))
      return ok()
    } catch (error) {
      return refused([`导出 Word 失败：${error instanceof Error ? error.message : String(error)}`])
    } finally {
      busy.value = ''
    }
  }

  async function exportSummaryTable(): Promise<Result> {
    const current = model.value
    if (!current) return refused(['汇总报告尚未生成。'])
    busy.value = 'xlsx'
    try {
      const { summaryTableBlob } = await import('@/io/department/summaryTableXlsx')
      downloadBlob(await summaryTableBlob(current, release.value), summaryTableFileName(current, release.value))
      return ok()
    } catch (error) {
      return refused([`导出汇总表失败：${error instanceof Error ? error.message : String(error)}`])
    } finally {
      busy.value = ''
    }
  }

  return {
    stored,
    loadedFor,
    units,
    unreadable,
    loading,
    busy,
    reportDate,
    node,
    edits,
    locked,
    frozenModel,
    release,
    unlocks,
    liveModel,
    model,
    pending,
    load,
    saveParagraph,
    resetParagraph,
    freeze,
    unlock,
    exportWord,
    exportSummaryTable,
  }
})
