/**
 * The save of a per-row editor at a node (指标填报 by indicator, 节点研判 by budget line): nothing is
 * sent while a row has an error (the first ten named); the rows go with their bases (useRowDrafts),
 * and what was saved becomes their basis and draft. A save over another tab's change of some rows
 * names each with both versions and asks (askRowConflicts); either choice makes the other version
 * those rows' basis, and 放弃我的修改 shows it in them, other rows' edits staying unsaved.
 */
import type { Ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { Result } from '@/domain/result'
import type { Id } from '@/domain/types'
import { newId } from '@/domain/ids'
import { askRowConflicts } from '@/components/common/conflictChoice'
import { useCheckedSave, type UseCheckedSaveReturn } from '@/composables/useCheckedSave'
import type { UseRowDraftsReturn } from '@/composables/useRowDrafts'

export interface UseRowEditorSaveOptions<Row, Draft> {
  rowDrafts: Pick<UseRowDraftsReturn<Row, Draft>, 'basis' | 'dirty' | 'accept' | 'rebase'>
  /** why the last save did not go through, shown above the rows */
  messages: Ref<string[]>
  /** the rows' errors that stop the save, each naming its row: '用地初审：请填写实际完成值' */
  blocking: () => readonly string[]
  /** the rows the save covers (a new one without its id yet) */
  rows: () => readonly Row[]
  write: (rows: Row[], basis: Readonly<Record<Id, Row | null>>) => Promise<Result<Row[], Row>>
  /** the saved rows, after their count: '个指标的填报' */
  counted: string
  /** what a row is: '指标' */
  rowNoun: string
  /** the editor row a saved row belongs to (conflicts come keyed so) */
  idOf: (row: Row) => Id
  /** the question: its test id and title */
  testId: string
  title: string
  /** a conflicted row as the question names it (its data-* attribute, and its name; undefined once deleted) */
  nameAttr: string
  nameOf: (key: Id) => string | undefined
  /** how one version of that row reads: '15个，确定能' */
  textOf: (row: Row | null | undefined, key: Id) => string
}

export function useRowEditorSave<Row extends { id: Id }, Draft>(
  options: UseRowEditorSaveOptions<Row, Draft>,
): UseCheckedSaveReturn {
  const { rowDrafts, messages } = options
  return useCheckedSave({
    attempt: async () => {
      const blocking = options.blocking()
      if (blocking.length > 0) {
        messages.value = [`还有 ${blocking.length} 处必填或有误，改正后才能保存：`, ...blocking.slice(0, 10)]
        return undefined
      }
      const rows = options.rows().map((row) => ({ ...row, id: row.id || newId() }))
      return { mine: rows, result: await options.write(rows, rowDrafts.basis.value) }
    },
    saved: (saved, rows) => {
      // What was saved is now those rows' basis and draft (the reloaded dataset may reach this editor
      // later); the draft shows the stored form ('1,129.83' typed is stored as '1129.83'), else the row
      // would look edited forever and the page would ask before leaving.
      rowDrafts.accept(saved)
      messages.value = []
      ElMessage.success(`已保存 ${rows.length} ${options.counted}`)
    },
    refused: (reasons) => {
      messages.value = reasons
    },
    ask: (conflicts, rows) => {
      messages.value = []
      return askRowConflicts({
        testId: options.testId,
        title: options.title,
        what: `${conflicts.length} ${options.counted}`,
        rows: `这些${options.rowNoun}`,
        items: conflicts.map(({ key, theirs }) => {
          const name = options.nameOf(key)
          const mine = rows.find((row) => options.idOf(row) === key)
          const text = `${name ?? `（已删除的${options.rowNoun}）`}：其他窗口保存为“${options.textOf(theirs, key)}”，您填写的是“${options.textOf(mine, key)}”`
          return { attrs: { [options.nameAttr]: name }, text }
        }),
      })
    },
    takeTheirs: (conflicts, show) => {
      rowDrafts.rebase(conflicts, show)
      if (show)
        ElMessage.info(
          rowDrafts.dirty.value
            ? `已改为其他窗口保存的内容；您对其他${options.rowNoun}的修改尚未保存`
            : '已改为其他窗口保存的内容',
        )
    },
  })
}
