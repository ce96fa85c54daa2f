/**
 * Per-row drafts of an editor that saves against what each row was when its draft started (its
 * basis): 指标填报 (per indicator) and 节点研判 (per budget line). When the stored rows are read again
 * (a save here or in another tab), untouched drafts follow them and edited ones keep the user's input
 * on their basis, so a save over another tab's change of those rows is refused (useCheckedSave).
 * Another node starts every draft over; a 定稿 in another tab sends unsaved drafts back to the stored
 * rows; leaving with unsaved drafts asks first.
 */
import {
  computed,
  ref,
  shallowRef,
  toRaw,
  watch,
  type ComputedRef,
  type Ref,
  type ShallowRef,
  type WatchSource,
} from 'vue'
import type { WriteConflict } from '@/domain/result'
import type { Id, MonitoringNode } from '@/domain/types'
import { useEntryLeaveGuard } from './useEntryLeaveGuard'
import { useRevertOnLock } from './useRevertOnLock'

export interface UseRowDraftsOptions<Row, Draft> {
  /** the node the rows belong to: another node starts every draft over; a 定稿 one is read-only */
  node: () => MonitoringNode
  /** the editor's rows, in order */
  ids: () => readonly Id[]
  /** the stored rows of the table, of every node (the node's own are the editor's) */
  stored: () => readonly Row[]
  /** a row's draft; an empty one for none */
  toDraft: (row: Row | null | undefined) => Draft
  /** which editor row a stored row is (its indicator, its budget line); conflicts come keyed so too */
  idOf: (row: Row) => Id
  /** what changes when the stored rows were read again */
  reloaded: WatchSource[]
  /** what is unsaved, for the question before leaving: '指标填报' */
  what: string
  /** the editor's save under way, if any: leaving waits for it */
  pending?: () => Promise<unknown> | null
}

export interface UseRowDraftsReturn<Row, Draft> {
  /** true while the node is 定稿 */
  locked: ComputedRef<boolean>
  /** the node's stored row of each id (absent: none stored) */
  stored: ComputedRef<ReadonlyMap<Id, Row>>
  drafts: Ref<Record<Id, Draft>>
  /**
   * A row's draft, for its inputs. A row the drafts do not hold yet (it came with data read again,
   * before they follow it) shows its basis, as an empty draft where it has none.
   */
  draftOf: (id: Id) => Draft
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

export function useRowDrafts<Row extends { nodeId: Id }, Draft>(
  options: UseRowDraftsOptions<Row, Draft>,
): UseRowDraftsReturn<Row, Draft> {
  const { ids, toDraft, idOf } = options
  const locked = computed(() => options.node().status === 'locked')
  const stored = computed(
    () =>
      new Map(
        options
          .stored()
          .filter((row) => row.nodeId === options.node().id)
          .map((row) => [idOf(row), row]),
      ),
  )
  // typed by hand: Vue cannot unwrap a type parameter, and a draft holds plain values only
  const drafts = ref({}) as Ref<Record<Id, Draft>>
  const basis = shallowRef<Record<Id, Row | null>>({})
  /** the user changed this row since its draft started */
  const edited = (id: Id) => !same(drafts.value[id], toDraft(basis.value[id]))

  function reset(): void {
    const nextBasis: Record<Id, Row | null> = {}
    const nextDrafts: Record<Id, Draft> = {}
    for (const id of ids()) {
      nextBasis[id] = copyOf(stored.value.get(id))
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
      const now = stored.value.get(id)
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

  watch(() => options.node().id, reset, { immediate: true })
  watch(options.reloaded, followStored)
  const dirty = computed(() => ids().some(edited))
  const revertedByLock = useRevertOnLock(
    () => locked.value,
    () => dirty.value,
    reset,
  )
  useEntryLeaveGuard({ dirty, what: options.what, pending: options.pending })

  return {
    locked,
    stored,
    drafts,
    basis,
    dirty,
    revertedByLock,
    reset,
    draftOf: (id) => drafts.value[id] ?? toDraft(basis.value[id]),
    accept: (saved) =>
      setRows(
        saved.map((row) => ({ id: idOf(row), row })),
        true,
      ),
    rebase: (conflicts, show) =>
      setRows(
        conflicts.map((c) => ({ id: c.key, row: c.theirs })),
        show,
      ),
  }
}
