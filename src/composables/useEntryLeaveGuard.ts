/**
 * Asks before typed but unsaved entries are lost: when the user navigates away (another page, or the
 * 查看/录入 switch, which changes the address) and when the tab is closed or reloaded. A save still
 * under way is waited for first: leaving right after 保存 asks only if the save left something unsaved
 * (refused, or an error found), not about the figures it is writing.
 */
import { onBeforeUnmount, onMounted, toValue, type MaybeRefOrGetter } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'
import { ElMessageBox } from 'element-plus'

export interface UseEntryLeaveGuardOptions {
  /** true while there are unsaved changes */
  dirty: MaybeRefOrGetter<boolean>
  /** what is unsaved, e.g. '月度执行数' */
  what: string
  /** the save under way, if any (settled once the user has seen how it ended) */
  pending?: () => Promise<unknown> | null
}

export function useEntryLeaveGuard(options: UseEntryLeaveGuardOptions): void {
  const confirmLeave = async (): Promise<boolean> => {
    const saving = options.pending?.()
    // the save reports its own failure; what it leaves unsaved is asked about below
    if (saving) await saving.catch(() => undefined)
    if (!toValue(options.dirty)) return true
    return ElMessageBox.confirm(`有尚未保存的${options.what}，离开后这些修改将丢失。是否仍要离开？`, '尚未保存', {
      confirmButtonText: '放弃修改并离开',
      cancelButtonText: '留在此处',
      type: 'warning',
    }).then(
      () => true,
      () => false,
    )
  }
  onBeforeRouteLeave(confirmLeave)
  onBeforeRouteUpdate(confirmLeave)

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (toValue(options.dirty)) event.preventDefault()
  }
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))
}
