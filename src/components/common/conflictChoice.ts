/**
 * The one question every editor asks when its save ran into another tab's change (issue 5: the second
 * writer is told and chooses): 覆盖 (save mine over theirs), 放弃我的修改 (show theirs), or closing the
 * box (keep editing, nothing decided). Each editor says what changed in `message`.
 */
import type { VNode } from 'vue'
import { ElMessageBox } from 'element-plus'

export type ConflictChoice = 'overwrite' | 'discard' | 'keep'

export function askConflictChoice(message: string | VNode, title: string, wide = true): Promise<ConflictChoice> {
  return ElMessageBox.confirm(message, title, {
    type: 'warning', confirmButtonText: '覆盖', cancelButtonText: '放弃我的修改', distinguishCancelAndClose: true,
    ...(wide ? { customStyle: { width: '560px', maxWidth: '92vw' } } : {}),
  }).then(() => 'overwrite' as const, (action: unknown) => (action === 'cancel' ? ('discard' as const) : ('keep' as const)))
}
