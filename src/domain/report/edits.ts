/**
 * User edits over the drafted report (StoredReport.edits: paragraph key → text) and 重新生成.
 * An edit equal to the draft is dropped (nothing to keep), except for a user paragraph (待填写),
 * where saving the suggested text unchanged is how the user confirms it.
 */
import type { ReportModel, ReportParagraph } from './model'

export function paragraphsOf(model: ReportModel): ReportParagraph[] {
  return model.blocks.filter((b): b is ReportParagraph => b.kind === 'paragraph')
}

/** Paragraphs still marked 待填写 (user paragraphs nobody has written or confirmed). */
export function pendingInputs(model: ReportModel): ReportParagraph[] {
  return paragraphsOf(model).filter((p) => p.needsInput)
}

/** The edits after the user sets `paragraph`'s text to `text` (trailing blanks ignored). */
export function withEdit(
  edits: Readonly<Record<string, string>>,
  paragraph: Pick<ReportParagraph, 'key' | 'drafted' | 'userParagraph'>,
  text: string,
): Record<string, string> {
  const next = { ...edits }
  const clean = text.replace(/\s+$/u, '')
  if (clean === paragraph.drafted && !paragraph.userParagraph) delete next[paragraph.key]
  else next[paragraph.key] = clean
  return next
}

/** The edits after 恢复为自动起草 of one paragraph. */
export function withoutEdit(edits: Readonly<Record<string, string>>, key: string): Record<string, string> {
  const next = { ...edits }
  delete next[key]
  return next
}

/**
 * 重新生成: the draft is always recomputed from the current data; user edits survive unless the user
 * chose to discard them. Edits whose paragraph no longer exists (a deleted indicator) are dropped;
 * settings such as the chosen 填报时间 ('meta.*') are kept.
 */
export function regenerateEdits(
  edits: Readonly<Record<string, string>>,
  model: ReportModel,
  discard: boolean,
): Record<string, string> {
  if (discard) return {}
  const keys = new Set(paragraphsOf(model).map((p) => p.key))
  return Object.fromEntries(Object.entries(edits).filter(([key]) => keys.has(key) || key.startsWith('meta.')))
}

/**
 * The frozen model of a StoredReport (stored as `unknown`), or null when it is absent or not a report
 * model this version can show (checked by shape, since it comes from IndexedDB or a backup).
 */
export function frozenModelOf(frozen: { model: unknown } | undefined): ReportModel | null {
  const model = frozen?.model
  if (typeof model !== 'object' || model === null) return null
  const candidate = model as Partial<ReportModel>
  if (candidate.version !== 1 || !Array.isArray(candidate.blocks) || typeof candidate.title !== 'string') return null
  if (!candidate.budgetTable || !candidate.indicatorTable) return null
  return model as ReportModel
}
