/**
 * Saving and resetting one paragraph of a drafted report, shared by the unit's 监控报告 (stores/report)
 * and the 主管部门's 汇总报告 (stores/departmentReport): each store writes the whole edits record its
 * own way (`writeEdits`, refused with conflicts when another tab changed a paragraph meanwhile).
 */
import type { Ref } from 'vue'
import { withEdit, withoutEdit } from '@/domain/report'
import type { ReportParagraph } from '@/domain/report'
import type { Result } from '@/domain/result'

type Edits = Record<string, string>

export function paragraphEdits<Busy extends string>({
  edits,
  busy,
  writeEdits,
}: {
  /** the stored edits now (key → text) */
  edits: Readonly<Ref<Edits>>
  /** set to 'save' while a save runs, '' after */
  busy: Ref<Busy | ''>
  writeEdits: (next: Edits, basis?: Edits) => Promise<Result<undefined, string>>
}) {
  async function saving<T>(work: () => Promise<T>): Promise<T> {
    busy.value = 'save' as Busy
    try {
      return await work()
    } finally {
      busy.value = ''
    }
  }

  /**
   * `startedFrom`: the paragraph's stored edit when the user began editing it (null: none). Another
   * tab's save meanwhile reloads `edits`; comparing with what the user started from still catches it.
   */
  function saveParagraph(
    paragraph: ReportParagraph,
    text: string,
    startedFrom?: string | null,
  ): Promise<Result<undefined, string>> {
    return saving(() => {
      const basis = { ...edits.value }
      if (startedFrom === null) delete basis[paragraph.key]
      else if (startedFrom !== undefined) basis[paragraph.key] = startedFrom
      return writeEdits(withEdit(basis, paragraph, text), basis)
    })
  }

  /** Back to the drafted text. */
  function resetParagraph(key: string): Promise<Result<undefined, string>> {
    return saving(() => writeEdits(withoutEdit(edits.value, key)))
  }

  return { saving, saveParagraph, resetParagraph }
}
