/**
 * The action behind a dialog's 保存 (批示, 关闭预警, 指派 / 制定纠偏措施): busy while it runs; a refusal
 * is shown as an error and the dialog stays open; done, the dialog closes and says so.
 */
import { ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { Result } from '@/domain/result'

export function useDialogAction(): {
  busy: Ref<boolean>
  run: (action: () => Promise<Result<unknown>>, done: string, dialog: Ref<boolean>) => Promise<void>
} {
  const busy = ref(false)
  async function run(action: () => Promise<Result<unknown>>, done: string, dialog: Ref<boolean>): Promise<void> {
    busy.value = true
    try {
      const result = await action()
      if (!result.ok) {
        ElMessage.error(result.messages.join('；'))
        return
      }
      dialog.value = false
      ElMessage.success(done)
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
