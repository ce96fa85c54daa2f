/**
 * 审核 of one unit's node by the 主管部门 (docs/domain-rules.md §17.5):
 * - 未报送 → 待审核 when a package arrives (报送);
 * - 待审核 → 已通过 (通过) or 已退回 (退回, with a 审核意见);
 * - 已退回 → 待审核 when the corrected package arrives;
 * - 待审核 and 已通过 → 待审核 when a newer package arrives: new content is reviewed anew.
 *
 * A record is the state now; the caller keeps each record it replaces, so the history of a node's
 * 审核 is the list of records. Every record names the package it is about, and an 审核 must name the
 * package the reviewer looked at: a verdict never lands on a submission nobody read.
 */
import { fail, issue, ok } from '../result'
import type { Checked } from '../result'
import type { IsoDateTime } from '../types'

export type ReviewState = 'notSubmitted' | 'pending' | 'approved' | 'returned'

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  notSubmitted: '未报送',
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
}

export interface ReviewRecord {
  state: ReviewState
  /** 审核意见: required for 退回, optional for 通过, '' otherwise */
  opinion: string
  /** who decided (通过 / 退回), as typed; '' for 未报送 and 待审核 */
  reviewer: string
  /** when the state was entered (the import for 待审核, the decision for 通过 / 退回); null for 未报送 */
  at: IsoDateTime | null
  /** SHA-256 of the package this state is about; null for 未报送 */
  packageSha256: string | null
}

/**
 * - submit: a package was imported for the node (new or update, supersession.classifySubmission);
 * - approve (通过) and return (退回): the reviewer's decision on the package `packageSha256`.
 * Times come from the caller: the domain never reads the clock.
 */
export type ReviewAction =
  | { kind: 'submit'; packageSha256: string; at: IsoDateTime }
  | { kind: 'approve'; packageSha256: string; reviewer: string; at: IsoDateTime; opinion?: string }
  | { kind: 'return'; packageSha256: string; reviewer: string; at: IsoDateTime; opinion: string }

export const REVIEW_ACTION_LABELS: Readonly<Record<ReviewAction['kind'], string>> = {
  submit: '报送',
  approve: '通过',
  return: '退回',
}

/** The state of a node nothing was submitted for. */
export function notSubmittedRecord(): ReviewRecord {
  return { state: 'notSubmitted', opinion: '', reviewer: '', at: null, packageSha256: null }
}

/**
 * The record after `action`, or why it is refused (nothing changes then):
 * - submit: from 未报送, 已退回 (the corrected package), 待审核 (a newer package replaces the one waiting)
 *   and 已通过 (a correction after 通过 is new content: it is reviewed again) → 待审核. Refused when it is
 *   the package the record is already about: a returned package sent back unchanged corrects nothing.
 * - approve: only from 待审核. Not twice (the 通过 stands, a second would only add a record), and not
 *   after 退回 (the unit must first send the corrected package).
 * - return: only from 待审核, with a 审核意见 (the unit must know what to correct). An 已通过 cannot be
 *   returned: the 通过 may already have gone to the unit in a 回执; a correction comes as a new 报送.
 * - approve and return must name the package of the record and a reviewer.
 */
export function reviewTransition(record: ReviewRecord, action: ReviewAction): Checked<ReviewRecord> {
  if (action.kind === 'submit') {
    if (action.packageSha256 === record.packageSha256)
      return refuse(
        'packageSha256',
        'review.samePackage',
        record.state === 'returned' ? '该报送包已被退回，请更正后重新报送' : '该报送包已导入，无需重复报送',
      )
    return ok({ state: 'pending', opinion: '', reviewer: '', at: action.at, packageSha256: action.packageSha256 })
  }

  const verb = REVIEW_ACTION_LABELS[action.kind]
  switch (record.state) {
    case 'notSubmitted':
      return refuse('state', 'review.notSubmitted', `该单位本节点尚未报送，无可${verb}`)
    case 'approved':
      return refuse(
        'state',
        'review.alreadyApproved',
        action.kind === 'approve'
          ? '该报送已审核通过，无需再次通过'
          : '该报送已审核通过，不能再退回；如需更正，须由单位重新报送后再审核',
      )
    case 'returned':
      return refuse('state', 'review.alreadyReturned', `该报送已退回，须待单位更正后重新报送，才能${verb}`)
    case 'pending':
      break
  }
  if (action.packageSha256 !== record.packageSha256)
    return refuse('packageSha256', 'review.notCurrent', `所审核的报送包已被更新的报送取代，请审核最新报送后再${verb}`)
  // both fields at once, so the form shows everything that is missing
  const reviewer = action.reviewer.trim()
  const opinion = (action.opinion ?? '').trim()
  const missing = [
    ...(reviewer === '' ? [issue('reviewer', 'review.reviewerRequired', `${verb}须填写审核人`)] : []),
    ...(action.kind === 'return' && opinion === ''
      ? [issue('opinion', 'review.opinionRequired', '退回须填写审核意见，说明需要更正的内容')]
      : []),
  ]
  if (missing.length > 0) return fail(missing)
  return ok({
    state: action.kind === 'approve' ? 'approved' : 'returned',
    opinion,
    reviewer,
    at: action.at,
    packageSha256: record.packageSha256,
  })
}

function refuse(field: string, code: string, message: string): Checked<ReviewRecord> {
  return fail([issue(field, code, message)])
}
