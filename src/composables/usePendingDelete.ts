/**
 * A delete that first shows what goes with it (DataLossDialog): the item asked about, the dialog's
 * open state (closing the dialog forgets the item), and the delete once confirmed — a refusal shown as
 * an error with the dialog left open, a success named and the dialog closed.
 */
import { computed, shallowRef, type ShallowRef, type WritableComputedRef } from 'vue'
import { ElMessage } from 'element-plus'
import type { Result } from '@/domain/result'

export interface UsePendingDeleteReturn<T> {
  /** the item the open dialog asks about (null: none) */
  pending: ShallowRef<T | null>
  /** the dialog's v-model */
  open: WritableComputedRef<boolean>
  confirm: () => Promise<void>
}

export function usePendingDelete<T>(options: {
  remove: (item: T) => Promise<Result<unknown>>
  /** what the success message says: '已删除“工资福利支出”' */
  done: (item: T) => string
}): UsePendingDeleteReturn<T> {
  const pending = shallowRef<T | null>(null)
  const open = computed({
    get: () => pending.value !== null,
    set: (isOpen: boolean) => {
      if (!isOpen) pending.value = null
    },
  })
  async function confirm(): Promise<void> {
    const item = pending.value
    if (item === null) return
    const result = await options.remove(item)
    if (!result.ok) {
      ElMessage.error(result.messages.join('；'))
      return
    }
    pending.value = null
    ElMessage.success(options.done(item))
  }
  return { pending, open, confirm }
}
