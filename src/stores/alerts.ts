/**
 * 预警 of the selected node: computed by the domain from the workspace snapshot (once per change),
 * shown with the review state stored for them, and written back — idempotently — before a leader
 * acts on one. Review actions (批示, 指派, 关闭, 重新打开) go through db/alerts and db/measures, one
 * alert at a time or — 批示 and 关闭 — several in one transaction; each is signed with the device's
 * 当前操作人 (stores/operator), never a name typed again. The node's 预警清单 (the same rows as the
 * printed 领导批示单) downloads as an .xlsx.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, toRaw } from 'vue'
import { alertsNeedingMeasure, computeNodeAlerts, sortAlerts, withReviewState } from '@/domain/alerts'
import type { Alert, CorrectiveMeasure, Id, UnitYearDataset } from '@/domain/types'
import type { NodeSnapshot } from '@/domain/snapshot'
import { isLocked, settingsForNode } from '@/domain/lock'
import { alertList, type AlertList } from '@/domain/alertStatus'
import { addAlertComment, closeAlert, replaceNodeAlerts, reopenAlert, reviewAlerts } from '@/db/alerts'
import { downloadBlob } from '@/io/download'
import { assignMeasure } from '@/db/measures'
import { newId } from '@/domain/ids'
import { ok, refused, type Result } from '@/domain/result'
import { useOperatorStore } from './operator'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'

export const useAlertsStore = defineStore('alerts', () => {
  const workspace = useWorkspaceStore()
  const { dataset, snapshot, nodeId } = storeToRefs(workspace)
  const { settings } = storeToRefs(useSettingsStore())
  const operator = useOperatorStore()
  /** 批示人 / 操作人: the device's 当前操作人; a field bound to it changes it for every page. */
  const reviewer = computed({
    get: () => operator.name,
    set: (name: string) => operator.type(name),
  })

  /**
   * The node's alerts as the rules raise them now (not yet merged with stored review state), once per
   * snapshot: the workspace keeps a snapshot per node until the data or the settings change, and the
   * rules read nothing else that changes without a new snapshot.
   */
  const alertsBySnapshot = new WeakMap<NodeSnapshot, Alert[]>()
  function raisedFor(snap: NodeSnapshot, data: UnitYearDataset): Alert[] {
    const known = alertsBySnapshot.get(snap)
    if (known) return known
    const raised = computeNodeAlerts({
      dataset: data,
      snapshot: snap,
      settings: settingsForNode(snap.node, settings.value),
    })
    alertsBySnapshot.set(snap, raised)
    return raised
  }
  // the workspace prepares other nodes' snapshots in idle time; their alerts are raised then too
  workspace.prepareWith((snap, data) => {
    raisedFor(snap, data)
  })
  const computedAlerts = computed<Alert[]>(() => {
    const snap = snapshot.value
    return dataset.value && snap ? raisedFor(snap, dataset.value) : []
  })
  const storedAlerts = computed(() => (dataset.value?.alerts ?? []).filter((a) => a.nodeId === nodeId.value))
  /** Current alerts with their review state, plus stored ones no longer raised but kept for a measure. */
  const alerts = computed<Alert[]>(() => {
    const current = withReviewState(computedAlerts.value, storedAlerts.value)
    const ids = new Set(current.map((a) => a.id))
    const keys = new Set(current.map((a) => `${a.ruleId}\u0000${a.subjectId}`))
    const kept = storedAlerts.value.filter(
      (a) => !ids.has(a.id) && !keys.has(`${a.ruleId}\u0000${a.subjectId}`) && a.status === 'closed',
    )
    return sortAlerts([...current, ...kept])
  })
  const openAlerts = computed(() => alerts.value.filter((a) => a.status === 'open'))
  const needingMeasure = computed(() => alertsNeedingMeasure(alerts.value, dataset.value?.measures ?? []))
  /** True when the stored alerts differ from what the rules raise now (a sync would write). */
  const inSync = computed(() => {
    const stored = new Map(storedAlerts.value.map((a) => [a.id, a]))
    return (
      withReviewState(computedAlerts.value, storedAlerts.value).every((a) => stored.get(a.id)?.message === a.message) &&
      storedAlerts.value.every(
        (a) =>
          a.status === 'closed' ||
          computedAlerts.value.some((c) => c.ruleId === a.ruleId && c.subjectId === a.subjectId),
      )
    )
  })
  const syncing = ref(false)

  /** Stores the node's current alerts (keeping id, status and history of those that still apply). */
  async function sync(): Promise<Result> {
    if (!nodeId.value || !snapshot.value) return refused(['请先选择监控节点。'])
    if (inSync.value) return ok()
    // a 定稿 node's stored alerts are its record: 批示 and 关闭 go on them as they are, never recomputed
    if (isLocked(snapshot.value.node)) return ok()
    syncing.value = true
    try {
      const written = await replaceNodeAlerts(
        nodeId.value,
        computedAlerts.value.map((a) => toRaw(a)),
      )
      if (!written.ok) return written
      await workspace.reload()
      return ok()
    } finally {
      syncing.value = false
    }
  }

  async function act(write: () => Promise<Result<unknown>>): Promise<Result> {
    if (!reviewer.value.trim()) return refused(['请先在页面顶部设置当前操作人。'])
    const synced = await sync()
    if (!synced.ok) return synced
    const result = await write()
    if (!result.ok) return result
    await workspace.reload()
    return ok()
  }

  const comment = (id: Id, text: string) => act(() => addAlertComment(id, reviewer.value, text))
  const close = (id: Id, reason: string) => act(() => closeAlert(id, reviewer.value, reason))

  /**
   * 批示 or 关闭 the selected alerts in one write (db/alerts.reviewAlerts). Refused before anything is
   * stored — not even the alerts' sync — when nothing is selected, the text is empty or no 操作人 is
   * set; 关闭 skips alerts already closed.
   */
  async function reviewMany(ids: readonly Id[], kind: 'comment' | 'close', text: string): Promise<Result> {
    const chosen =
      kind === 'close' ? ids.filter((id) => alerts.value.find((a) => a.id === id)?.status !== 'closed') : ids
    if (ids.length === 0) return refused(['请先勾选要处理的预警。'])
    if (chosen.length === 0) return refused(['所选预警均已关闭。'])
    if (!reviewer.value.trim()) return refused(['请先在页面顶部设置当前操作人。'])
    if (!text.trim()) return refused([kind === 'comment' ? '批示内容不能为空。' : '关闭预警须填写原因。'])
    return act(() => reviewAlerts(chosen, reviewer.value, kind, text))
  }
  const commentMany = (ids: readonly Id[], text: string) => reviewMany(ids, 'comment', text)
  const closeMany = (ids: readonly Id[], reason: string) => reviewMany(ids, 'close', reason)

  /** The node's 预警清单 / 领导批示单: every alert with its reason, 批示, measures and 责任科室. */
  const list = computed<AlertList | null>(() => {
    const ds = dataset.value
    const node = snapshot.value?.node
    return ds && node ? alertList(alerts.value, ds, node) : null
  })
  const exporting = ref(false)

  /** 导出预警清单: the list as an .xlsx download. */
  async function exportList(): Promise<Result> {
    const current = list.value
    if (!current) return refused(['请先选择监控节点。'])
    exporting.value = true
    try {
      const { alertListBlob, alertListFileName } = await import('@/io/alertList/alertListXlsx')
      downloadBlob(await alertListBlob(current, new Date()), alertListFileName(current))
      return ok()
    } catch (error) {
      return refused([`导出预警清单失败：${error instanceof Error ? error.message : String(error)}`])
    } finally {
      exporting.value = false
    }
  }
  const reopen = (id: Id) => act(() => reopenAlert(id, reviewer.value, '重新打开'))

  /** 指派纠偏措施: a planned measure for the alert, in the selected node. */
  function assign(
    alertId: Id,
    draft: Pick<CorrectiveMeasure, 'content' | 'effect' | 'department' | 'deadline' | 'kind'>,
  ): Promise<Result> {
    return act(() => {
      const unitId = dataset.value?.unit.id
      if (!unitId || !nodeId.value) return Promise.resolve(refused(['请先选择监控节点。']))
      const measure: CorrectiveMeasure = {
        id: newId(),
        unitId,
        nodeId: nodeId.value,
        alertId,
        kind: draft.kind,
        content: draft.content,
        effect: draft.effect,
        department: draft.department,
        status: draft.kind === 'taken' ? '已完成' : '计划',
        ...(draft.deadline ? { deadline: draft.deadline } : {}),
      }
      return assignMeasure(alertId, measure, reviewer.value)
    })
  }

  return {
    reviewer,
    alerts,
    openAlerts,
    needingMeasure,
    computedAlerts,
    inSync,
    syncing,
    sync,
    comment,
    close,
    commentMany,
    closeMany,
    reopen,
    assign,
    list,
    exporting,
    exportList,
  }
})
