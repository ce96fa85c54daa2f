/**
 * The save of a one-record editor (预算行, 三级指标, 项目, 纠偏措施, 单位信息): useCheckedSave with the
 * record's question (askRecordConflict) and the same ending for every such editor — after either
 * choice the other tab's version is the save's basis; with 放弃我的修改 the editor shows it and says
 * so, or, when the record was deleted there, does what `deleted` says (close, or tell the user).
 */
import type { Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useCheckedSave, type CheckedAttempt, type UseCheckedSaveReturn } from '@/composables/useCheckedSave'
import { askRecordConflict, type RecordQuestion } from './conflictChoice'

export interface UseRecordSaveOptions<T, Value> {
  /** as in useCheckedSave: the record as sent and what came back; undefined when the form's own checks stopped it */
  attempt: () => Promise<CheckedAttempt<T, Value, T> | undefined>
  saved: (value: Value, mine: T) => void
  refused: (messages: string[]) => void
  /** how the question names the record and its fields */
  question: RecordQuestion<T>
  /** the other tab's version (null: deleted there) becomes the save's basis */
  rebase: (theirs: T | null) => void
  /** 放弃我的修改: the form shows the other tab's version */
  show: (theirs: T) => void
  /** 放弃我的修改 of a record deleted in the other tab */
  deleted: () => void
}

export function useRecordSave<T, Value>(options: UseRecordSaveOptions<T, Value>): UseCheckedSaveReturn {
  return useCheckedSave<T, Value, T>({
    attempt: options.attempt,
    saved: options.saved,
    refused: options.refused,
    ask: ([{ theirs }], mine) => askRecordConflict({ ...options.question, theirs, mine }),
    takeTheirs: ([{ theirs }], show) => {
      options.rebase(theirs)
      if (!show) return
      if (!theirs) {
        options.deleted()
        return
      }
      options.show(theirs)
      ElMessage.info('已改为其他窗口保存的内容')
    },
  })
}

export interface UseDialogSaveOptions<T, Value> extends Pick<
  UseRecordSaveOptions<T, Value>,
  'attempt' | 'question' | 'rebase' | 'show'
> {
  /** the dialog: it closes once saved, and when 放弃我的修改 finds the record deleted in the other tab */
  open: Ref<boolean>
  /** why the last save did not go through, shown in the dialog; cleared when it shows their version */
  messages: Ref<string[]>
}

/** useRecordSave for a record edited in a dialog (预算行, 三级指标, 项目, 纠偏措施): the same endings for each. */
export function useDialogSave<T, Value>(options: UseDialogSaveOptions<T, Value>): UseCheckedSaveReturn {
  const close = () => {
    options.open.value = false
  }
  return useRecordSave<T, Value>({
    ...options,
    saved: close,
    refused: (reasons) => {
      options.messages.value = reasons
    },
    show: (theirs) => {
      options.show(theirs)
      options.messages.value = []
    },
    deleted: close,
  })
}
