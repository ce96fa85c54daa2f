/**
 * Which submission counts (docs/domain-rules.md §17.1). The 主管部门 keeps every 报送 it imports; per
 * unit and node the newest (by the package's own `createdAt`) is the current one. A later one
 * supersedes, an older one arriving late (a file found in a mail folder) never overwrites a newer one,
 * and the same package twice is a 重复, not a second submission.
 */
import type { Id, IsoDate } from '../types'
import type { SubmissionRef } from './types'

/** How an incoming package relates to what the 主管部门 already holds for its unit and node. */
export type SubmissionClass = 'new' | 'update' | 'older' | 'duplicate'

export const SUBMISSION_CLASS_LABELS: Readonly<Record<SubmissionClass, string>> = {
  new: '新',
  update: '更新',
  older: '旧',
  duplicate: '重复',
}

/** A unit's node for the 主管部门: the unit and the node's date (see types.ts on why not the node id). */
export function submissionKey(ref: Pick<SubmissionRef, 'unitId' | 'asOfDate'>): string {
  return `${ref.unitId}\u0000${ref.asOfDate}`
}

/**
 * The instant of a `createdAt`, for comparing. An unreadable time reads as the earliest possible, so
 * a package whose time cannot be read never supersedes anything (the import's checks name it).
 */
function instantOf(createdAt: string): number {
  const time = Date.parse(createdAt)
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time
}

/**
 * - duplicate: a package with the same SHA-256 is already held (whatever unit or node it names);
 * - new: nothing held for the unit and node yet;
 * - update: made later than the current one, so it becomes current;
 * - older: made earlier than the current one, or at the same instant with other content: it is kept
 *   in the history but does not become current. A tie is not "later", and only a later package may
 *   replace what the 主管部门 may already have reviewed.
 */
export function classifySubmission(history: readonly SubmissionRef[], incoming: SubmissionRef): SubmissionClass {
  if (history.some((s) => s.packageSha256 === incoming.packageSha256)) return 'duplicate'
  const current = currentOf(history.filter((s) => submissionKey(s) === submissionKey(incoming)))
  if (!current) return 'new'
  return instantOf(incoming.createdAt) > instantOf(current.createdAt) ? 'update' : 'older'
}

/**
 * The current submission of each unit and node: the latest `createdAt`; between equal times, the one
 * imported first (earlier in `history`), as classifySubmission would have decided. Ordered by date,
 * then unit id.
 */
export function latestSubmissions(history: readonly SubmissionRef[]): SubmissionRef[] {
  const groups = new Map<string, SubmissionRef[]>()
  for (const s of history) {
    const key = submissionKey(s)
    const group = groups.get(key)
    if (group) group.push(s)
    else groups.set(key, [s])
  }
  const current: SubmissionRef[] = []
  for (const group of groups.values()) {
    const latest = currentOf(group)
    if (latest) current.push(latest)
  }
  return current.sort((a, b) => compareDates(a.asOfDate, b.asOfDate) || compareIds(a.unitId, b.unitId))
}

/** The latest of one unit-node's submissions (the first among equal times); undefined when none. */
function currentOf(group: readonly SubmissionRef[]): SubmissionRef | undefined {
  let latest: SubmissionRef | undefined
  for (const s of group) if (!latest || instantOf(s.createdAt) > instantOf(latest.createdAt)) latest = s
  return latest
}

function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareIds(a: Id, b: Id): number {
  return a < b ? -1 : a > b ? 1 : 0
}
