/**
 * The one question every editor asks when its save ran into another tab's change (docs/reliability.md §3:
 * the second writer is told and chooses): 覆盖 (save mine over theirs), 放弃我的修改 (show theirs), or closing the
 * box (keep editing, nothing decided). Each editor says what changed in `message`.
 */
import { h, type VNode } from 'vue'
import { ElMessageBox } from 'element-plus'
import type { ConflictChoice } from '@/composables/useCheckedSave'

export function askConflictChoice(message: string | VNode, title: string, wide = true): Promise<ConflictChoice> {
  return ElMessageBox.confirm(message, title, {
    type: 'warning',
    confirmButtonText: '覆盖',
    cancelButtonText: '放弃我的修改',
    distinguishCancelAndClose: true,
    ...(wide ? { customStyle: { width: '560px', maxWidth: '92vw' } } : {}),
  }).then(
    () => 'overwrite' as const,
    (action: unknown) => (action === 'cancel' ? ('discard' as const) : ('keep' as const)),
  )
}

/**
 * The question of a per-row editor (指标填报, 节点研判): which rows another tab changed, each with both
 * versions in `items`, then the same choice.
 */
export function askRowConflicts({
  testId,
  title,
  what,
  rows,
  items,
}: {
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
    h(
      'ul',
      { style: 'margin: 8px 0; padding-left: 18px' },
      items.map((item) => h('li', item.attrs, item.text)),
    ),
    h('p', `选择“覆盖”保存您填写的内容，替换其他窗口的修改；选择“放弃我的修改”，${rows}改为显示其他窗口保存的内容。`),
  ])
  return askConflictChoice(message, title)
}

/** How a one-record editor's question names the record and what can differ. */
export interface RecordQuestion<T> {
  testId: string
  title: string
  /** what the record is: '三级指标' */
  kind: string
  nameOf: (row: T) => string
  /** what of the record was changed, after its name: '的信息' (单位“…”的信息已…); nothing by default */
  part?: string
  fields: readonly (readonly [string, (row: T) => string])[]
  ifDeleted: { overwrite: string; discard: string }
}

/**
 * The question of a one-record editor (预算行, 三级指标, 项目, 纠偏措施, 单位信息) whose save met another
 * tab's version (`theirs`), or found the record deleted there (`theirs` null): the fields that differ,
 * with both values, then the same choice. `ifDeleted` says what 覆盖 and 放弃我的修改 then do.
 */
export function askRecordConflict<T>({
  testId,
  title,
  kind,
  nameOf,
  part = '',
  theirs,
  mine,
  fields,
  ifDeleted,
}: RecordQuestion<T> & {
  theirs: T | null
  mine: T
}): Promise<ConflictChoice> {
  const differences = theirs
    ? fields
        .filter(([, text]) => text(theirs) !== text(mine))
        .map(([label, text]) => h('li', `${label}：其他窗口为“${text(theirs)}”，您填写的是“${text(mine)}”`))
    : []
  const message = h('div', { 'data-testid': testId }, [
    h(
      'p',
      theirs
        ? `您编辑期间，${kind}“${nameOf(theirs)}”${part}已在其他窗口被修改并保存，本次保存未写入任何数据：`
        : `您编辑期间，${kind}“${nameOf(mine)}”已在其他窗口被删除，本次保存未写入任何数据。`,
    ),
    differences.length ? h('ul', { style: 'margin: 8px 0; padding-left: 18px' }, differences) : null,
    h(
      'p',
      theirs
        ? '选择“覆盖”保存您填写的内容，替换其他窗口的修改；选择“放弃我的修改”，改为显示其他窗口保存的内容。'
        : `选择“覆盖”${ifDeleted.overwrite}；选择“放弃我的修改”，${ifDeleted.discard}。`,
    ),
  ])
  return askConflictChoice(message, title)
}
