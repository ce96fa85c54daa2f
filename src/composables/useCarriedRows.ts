import { computed, type ComputedRef, type Ref } from 'vue'
import type { Id, MonitoringNode } from '@/domain/types'

/**
 * The 「沿用上一节点」 marks of an editor's rows (指标填报 by indicator, 节点研判 by budget line): which
 * rows are still carried from an earlier node (neither confirmed nor edited, see `settleCarried`),
 * how many, from which node, and 确认沿用 for one or all — a confirmation clears the draft's mark and is
 * stored with the editor's next save.
 */
export function useCarriedRows(options: {
  ids: () => readonly Id[]
  /** the row's settled carriedFrom ('' or undefined: this node's own) */
  carriedFrom: (id: Id) => string | undefined
  drafts: Ref<Record<Id, { carriedFrom: string }>>
  nodes: () => readonly MonitoringNode[]
}): {
  isCarried: (id: Id) => boolean
  carriedCount: ComputedRef<number>
  carriedFromLabel: ComputedRef<string>
  confirmCarried: (id: Id) => void
  confirmAllCarried: () => void
} {
  const isCarried = (id: Id) => Boolean(options.carriedFrom(id))
  const carriedCount = computed(() => options.ids().filter(isCarried).length)
  const carriedFromLabel = computed(() => {
    const from = options.ids().map(options.carriedFrom).find(Boolean)
    return options.nodes().find((n) => n.id === from)?.label ?? '上一节点'
  })
  function confirmCarried(id: Id): void {
    const draft = options.drafts.value[id]
    if (draft) options.drafts.value = { ...options.drafts.value, [id]: { ...draft, carriedFrom: '' } }
  }
  function confirmAllCarried(): void {
    for (const id of options.ids()) if (isCarried(id)) confirmCarried(id)
  }
  return { isCarried, carriedCount, carriedFromLabel, confirmCarried, confirmAllCarried }
}
