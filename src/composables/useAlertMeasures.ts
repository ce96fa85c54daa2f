/**
 * The 纠偏措施 answering some alerts (a project's, an indicator's), each with its status at the shown
 * node (逾期 derived) and its kind as the pages say it.
 */
import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import { measureStatusAt } from '@/domain/dashboardMeasures'
import type { Alert, CorrectiveMeasure, MeasureStatus } from '@/domain/types'
import { useWorkspaceStore } from '@/stores/workspace'

export interface ShownMeasure extends CorrectiveMeasure {
  shownStatus: MeasureStatus
  /** 已采取 or 下一步计划 */
  kindLabel: string
}

export function useAlertMeasures(alerts: () => readonly Alert[]): ComputedRef<ShownMeasure[]> {
  const { dataset, snapshot } = storeToRefs(useWorkspaceStore())
  return computed(() => {
    const ids = new Set(alerts().map((a) => a.id))
    const asOf = snapshot.value?.asOf ?? null
    return (dataset.value?.measures ?? [])
      .filter((m) => m.alertId && ids.has(m.alertId))
      .map((m) => ({
        ...m,
        shownStatus: measureStatusAt(m, asOf),
        kindLabel: m.kind === 'taken' ? '已采取' : '下一步计划',
      }))
  })
}
