/**
 * Per-row drafts of an editor that saves against what each row was when its draft started (its
 * basis): 指标填报 (per indicator) and 节点研判 (per budget line). When the stored rows are read again
 * (a save here or in another tab), untouched drafts follow them and edited ones keep the user's input
 * on their basis, so a save over another tab's change of those rows is refused (useCheckedSave).
 * Another node starts every draft over; a 定稿 in another tab sends unsaved drafts back to the stored
 * rows; leaving with unsaved drafts asks first.
 */
import { computed, ref, shallowRef, toRaw, watch, type ComputedRef, type Ref, type ShallowRef, type WatchSource } from 'vue'
import type { WriteConflict } from '@/domain/result'
import type { Id } from '@/domain/types'
import { useEntryLeaveGuard } from './useEntryLeaveGuard'
import { useRevertOnLock } from './useRevertOnLock'

export interface UseRowDraftsOptions<Row, Draft> {
  /** the editor's rows, in order */
  ids: () => readonly Id[]
  /** the stored row of each id (absent: none stored) */
  stored: () => ReadonlyMap<Id, Row>
  /** a row's draft; an empty one for none */
  toDraft: (row: Row | null | undefined) => Draft
  /** which editor row a stored row is (its indicator, its budget line); conflicts come keyed so too */
  idOf: (row: Row) => Id
  /** the node the rows belong to: another node starts every draft over */
  nodeId: () => Id
  /** true while that node is 定稿 */
  locked: () => boolean
  /** what changes when the stored rows were read again */
  reloaded: WatchSource[]
  /** what is unsaved, for the question before leaving: '指标填报' */
  what: string
}

export interface UseRowDraftsReturn<Row, Draft> {
  drafts: Ref<Record<Id, Draft>>
  /** per id, the stored row its draft started from (null: none): the save's basis */
  basis: ShallowRef<Record<Id, Row | null>>
  /** true while any row has unsaved changes */
  dirty: ComputedRef<boolean>
  /** true once a 定稿 sent unsaved drafts back to the stored rows (useRevertOnLock) */
  revertedByLock: Ref<boolean>
  /** every draft starts over from the stored rows (another node, or 撤销未保存的修改) */
  reset: () => void
  /** after a save: the saved rows are their rows' basis and draft (the rows read again may come later) */
  accept: (saved: readonly Row[]) => void
  /**
   * after a conflict: those rows' stored versions become their basis (so a save now goes over them:
   * 覆盖), and with `show` (放弃我的修改) their drafts show them too; other rows stay as they are
   */
  rebase: (conflicts: readonly WriteConflict<Row>[], show: boolean) => void
}

/** A stored row as a plain copy of its own, for a basis (null: none). */
const copyOf = <Row>(row: Row | undefined | null): Row | null => (row ? structuredClone(toRaw(row)) : null)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function useRowDrafts<Row, Draft>(options: UseRowDraftsOptions<Row, Draft>): UseRowDraftsReturn<Row, Draft> {
  const { ids, stored, toDraft, idOf } = options
  // typed by hand: Vue cannot unwrap a type parameter, and a draft holds plain values only
  const drafts = ref({}) as Ref<Record<Id, Draft>>
  const basis = shallowRef<Record<Id, Row | null>>({})
  /** the user changed this row since its draft started */
  const edited = (id: Id) => !same(drafts.value[id], toDraft(basis.value[id]))

  function reset(): void {
    const nextBasis: Record<Id, Row | null> = {}
    const nextDrafts: Record<Id, Draft> = {}
    for (const id of ids()) {
      nextBasis[id] = copyOf(stored().get(id))
      nextDrafts[id] = toDraft(nextBasis[id])
    }
    basis.value = nextBasis
    drafts.value = nextDrafts
  }

  /** Untouched drafts, and drafts that now match what is stored, start over from the stored row. */
  function followStored(): void {
    const nextBasis: Record<Id, Row | null> = {}
    const nextDrafts: Record<Id, Draft> = {}
    for (const id of ids()) {
      const now = stored().get(id)
      const draft = drafts.value[id]
      if (draft === undefined || !edited(id) || same(draft, toDraft(now))) {
        nextBasis[id] = copyOf(now)
        nextDrafts[id] = toDraft(now)
      } else {
        nextBasis[id] = basis.value[id] ?? null
        nextDrafts[id] = draft
      }
    }
    basis.value = nextBasis
    drafts.value = nextDrafts
  }

  /** Sets these rows' basis, and with `show` their drafts, leaving every other row as it is. */
  function setRows(rows: readonly { id: Id; row: Row | null }[], show: boolean): void {
    const nextBasis = { ...basis.value }
    const nextDrafts = { ...drafts.value }
    for (const { id, row } of rows) {
      nextBasis[id] = copyOf(row)
      if (show) nextDrafts[id] = toDraft(row)
    }
    basis.value = nextBasis
    if (show) drafts.value = nextDrafts
  }

  watch(options.nodeId, reset, { immediate: true })
  watch(options.reloaded, followStored)
  const dirty = computed(() => ids().some(edited))
  const revertedByLock = useRevertOnLock(options.locked, () => dirty.value, reset)
  useEntryLeaveGuard({ dirty, what: options.what })

  return {
    drafts, basis, dirty, revertedByLock, reset,
    accept: (saved) => setRows(saved.map((row) => ({ id: idOf(row), row })), true),
    rebase: (conflicts, show) => setRows(conflicts.map((c) => ({ id: c.key, row: c.theirs })), show),
  }
}
