/**
 * What the two per-row editors at a node (指标填报 by indicator, 节点研判 by budget line) share, so each
 * holds only its own rows and checks: the rows' drafts on their bases (useRowDrafts), the
 * 「沿用上一节点」 marks (useCarriedRows), the save with its messages (useRowEditorSave), 撤销未保存的修改,
 * and what EntryRowsHeader shows above the rows (`header`, bound with v-bind).
 */
import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { Id, MonitoringNode } from '@/domain/types'
import { useEntryStore } from '@/stores/entry'
import { useRowDrafts, type UseRowDraftsOptions, type UseRowDraftsReturn } from '@/composables/useRowDrafts'
import { useCarriedRows } from '@/composables/useCarriedRows'
import { useRowEditorSave, type UseRowEditorSaveOptions } from './rowEditorSave'

export interface UseNodeRowEditorOptions<Row, Draft> {
  drafts: UseRowDraftsOptions<Row, Draft>
  /** the nodes of the year, to name the node a row was carried from */
  nodes: () => readonly MonitoringNode[]
  /** a row's settled carriedFrom ('' or undefined: this node's own, see settleCarried) */
  carriedFrom: (id: Id) => string | undefined
  save: Omit<UseRowEditorSaveOptions<Row, Draft>, 'rowDrafts' | 'messages'>
}

/** EntryRowsHeader's props that follow the editor's state */
export interface RowsHeaderState {
  node: MonitoringNode
  locked: boolean
  revertedByLock: boolean
  saving: boolean
  messages: readonly string[]
  carriedCount: number
  carriedFrom: string
}

export type UseNodeRowEditorReturn<Row, Draft> = UseRowDraftsReturn<Row, Draft> &
  ReturnType<typeof useCarriedRows> & {
    /** why the last save did not go through */
    messages: Ref<string[]>
    save: () => Promise<void>
    /** 撤销未保存的修改: the stored rows again, and no messages about the discarded edits */
    undoEdits: () => void
    header: ComputedRef<RowsHeaderState>
  }

export function useNodeRowEditor<Row extends { id: Id; nodeId: Id }, Draft extends { carriedFrom: string }>(
  options: UseNodeRowEditorOptions<Row, Draft>,
): UseNodeRowEditorReturn<Row, Draft> {
  const entry = useEntryStore()
  // leaving waits for a save under way (the save is built on the drafts, below)
  const rowDrafts = useRowDrafts<Row, Draft>({
    ...options.drafts,
    pending: (): Promise<void> | null => checked.pending(),
  })
  const messages = ref<string[]>([])
  const carried = useCarriedRows({
    ids: options.drafts.ids,
    carriedFrom: options.carriedFrom,
    drafts: rowDrafts.drafts,
    nodes: options.nodes,
  })
  const checked = useRowEditorSave({ ...options.save, rowDrafts, messages })
  function undoEdits(): void {
    rowDrafts.reset()
    messages.value = []
  }
  const header = computed<RowsHeaderState>(() => ({
    node: options.drafts.node(),
    locked: rowDrafts.locked.value,
    revertedByLock: rowDrafts.revertedByLock.value,
    saving: entry.saving,
    messages: messages.value,
    carriedCount: carried.carriedCount.value,
    carriedFrom: carried.carriedFromLabel.value,
  }))
  return { ...rowDrafts, ...carried, messages, save: checked.save, undoEdits, header }
}
