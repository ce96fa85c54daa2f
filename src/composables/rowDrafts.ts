/**
 * Per-row drafts of an editor that saves against what each row was when its draft started (its
 * basis), shared by 指标填报 (per indicator) and 节点研判 (per budget line). Pure functions over plain
 * maps; the components hold them in refs.
 */
import { toRaw } from 'vue'
import type { Id } from '@/domain/types'

export interface RowDrafts<Row, Draft> {
  drafts: Record<Id, Draft>
  /** the stored row each draft started from (null: none) */
  basis: Record<Id, Row | null>
}

export interface RowDraftOptions<Row, Draft> {
  ids: readonly Id[]
  stored: ReadonlyMap<Id, Row>
  toDraft: (row: Row | null | undefined) => Draft
}

/** A stored row as a plain copy of its own, for a basis (null: none). */
export const copyOfRow = <Row>(row: Row | undefined | null): Row | null => (row ? structuredClone(toRaw(row)) : null)
const copyOf = copyOfRow
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The user changed this row since its draft started. */
export function isEdited<Row, Draft>(current: RowDrafts<Row, Draft>, id: Id, toDraft: (row: Row | null | undefined) => Draft): boolean {
  return !same(current.drafts[id], toDraft(current.basis[id]))
}

/** Every draft starts over from the stored rows (another node, or 撤销未保存的修改). */
export function draftsFromStored<Row, Draft>({ ids, stored, toDraft }: RowDraftOptions<Row, Draft>): RowDrafts<Row, Draft> {
  const out: RowDrafts<Row, Draft> = { drafts: {}, basis: {} }
  for (const id of ids) {
    out.basis[id] = copyOf(stored.get(id))
    out.drafts[id] = toDraft(out.basis[id])
  }
  return out
}

/**
 * The data was reloaded (a save here or in another tab): untouched drafts, and drafts that now match
 * what is stored, start over from the stored row; edited ones stay as typed, on their basis.
 */
export function followStoredRows<Row, Draft>(current: RowDrafts<Row, Draft>, { ids, stored, toDraft }: RowDraftOptions<Row, Draft>): RowDrafts<Row, Draft> {
  const out: RowDrafts<Row, Draft> = { drafts: {}, basis: {} }
  for (const id of ids) {
    const now = stored.get(id)
    const draft = current.drafts[id]
    if (draft === undefined || !isEdited(current, id, toDraft) || same(draft, toDraft(now))) {
      out.basis[id] = copyOf(now)
      out.drafts[id] = toDraft(now)
    } else {
      out.basis[id] = current.basis[id] ?? null
      out.drafts[id] = draft
    }
  }
  return out
}

/**
 * After a save ran into rows another tab changed: those rows' stored versions become the basis (so a
 * save now goes over them: 覆盖), and with `showTheirs` (放弃我的修改) their drafts show them too. The
 * other rows keep their drafts and basis.
 */
export function takeTheirs<Row, Draft>(
  current: RowDrafts<Row, Draft>, conflicts: readonly { id: Id; theirs: Row | null }[],
  toDraft: (row: Row | null | undefined) => Draft, showTheirs: boolean,
): RowDrafts<Row, Draft> {
  const out: RowDrafts<Row, Draft> = { drafts: { ...current.drafts }, basis: { ...current.basis } }
  for (const { id, theirs } of conflicts) {
    out.basis[id] = copyOf(theirs)
    if (showTheirs) out.drafts[id] = toDraft(theirs)
  }
  return out
}
