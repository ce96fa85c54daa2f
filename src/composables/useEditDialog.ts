/** The state of a dialog that edits one record: open or not, and the record it edits (null: a new one). */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export function useEditDialog<T>(): {
  open: Ref<boolean>
  editing: ShallowRef<T | null>
  edit: (record: T | null) => void
} {
  const open = ref(false)
  const editing = shallowRef<T | null>(null)
  function edit(record: T | null): void {
    editing.value = record
    open.value = true
  }
  return { open, editing, edit }
}
