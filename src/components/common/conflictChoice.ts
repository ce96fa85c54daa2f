/**
 * The one question every editor asks when its save ran into another tab's change (issue 5: the second
 * writer is told and chooses): 覆盖 (save mine over theirs), 放弃我的修改 (show theirs), or closing the
 * box (keep editing, nothing decided). Each editor says what changed in `message`.
 */
import { h, type VNode } from 'vue'
import { ElMessageBox } from 'element-plus'

export type ConflictChoice = 'overwrite' | 'discard' | 'keep'

export function askConflictChoice(message: string | VNode, title: string, wide = true): Promise<ConflictChoice> {
  return ElMessageBox.confirm(message, title, {
    type: 'warning', confirmButtonText: '覆盖', cancelButtonText: '放弃我的修改', distinguishCancelAndClose: true,
    ...(wide ? { customStyle: { width: '560px', maxWidth: '92vw' } } : {}),
  }).then(() => 'overwrite' as const, (action: unknown) => (action === 'cancel' ? ('discard' as const) : ('keep' as const)))
}

/**
 * The question of a per-row editor (指标填报, 节点研判): which rows another tab changed, each with both
 * versions in `items`, then the same choice.
 */
export function askRowConflicts({ testId, title, what, rows, items }: {
  testId: string
  title: string
  /** what changed, counted: '3 个指标的填报' */
  what: string
  /** the rows, for the choice: '这些指标' */
  rows: string
  items: readonly { attrs: Record<string, string | undefined>; text: string }[]
}): Promise<ConflictChoice> {
  const message = h('div', { 'data-testid': testId }, [
    h('p', `您编辑期间，以下 ${what}已在其他窗口被修改并保存，本次保存未写入任何数据：`),
    h('ul', { style: 'margin: 8px 0; padding-left: 18px' }, items.map((item) => h('li', item.attrs, item.text))),
    h('p', `选择“覆盖”保存您填写的内容，替换其他窗口的修改；选择“放弃我的修改”，${rows}改为显示其他窗口保存的内容。`),
  ])
  return askConflictChoice(message, title)
}
