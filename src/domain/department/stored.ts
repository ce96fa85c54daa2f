/**
 * What the 主管部门 and a 下属单位 keep of 报送 in IndexedDB (schema versions 4 and 5, src/db/schema.ts):
 * plain data, so rows survive IndexedDB and a backup as they are.
 */
import type { Id, IsoDate, IsoDateTime } from '../types'
import type { ReviewRecord } from './review'
import type { SubmissionRef, UnitNodeFigures } from './types'

/**
 * A 报送包 the 主管部门 accepted: what it states and its summary (the `submissions` row). History keeps
 * all. The file itself is kept apart, in `submissionFiles` under the same id (SubmissionFile), so the
 * views that read every summary never read the files (schema version 5; docs/benchmarks.md (round 5)).
 */
export interface StoredSubmission extends SubmissionRef {
  /** SHA-256 of the package's manifest (lower-case hex): one row per package, also when re-imported */
  id: Id
  /** the 主管部门 (a unit of this database) that received it */
  departmentUnitId: Id
  receivedAt: IsoDateTime
  /** the signing key's fingerprint, as registered for the unit */
  fingerprint: string
  figures: UnitNodeFigures
}

/** The file of a received 报送包 as received, so it can be verified again or forwarded unchanged. */
export interface SubmissionFile {
  /** the submission's id (SHA-256 of the manifest) */
  id: Id
  bytes: Uint8Array
}

/** A package as the import hands it to be stored: the row and its file, written together. */
export interface ReceivedSubmission extends StoredSubmission {
  bytes: Uint8Array
}

/** A 下属单位's signing key as the 主管部门 registered it (trust on first contact, re-registered on purpose). */
export interface RegisteredUnitKey {
  unitId: Id
  unitName: string
  /** SPKI, base64 */
  publicKey: string
  fingerprint: string
  registeredAt: IsoDateTime
  /** 当前操作人 who confirmed it */
  registeredBy: string
}

/** A 下属单位 on the 主管部门's list; `unitId` is bound by the first package from it (ids are the unit's own). */
export interface SubordinateRow {
  id: Id
  departmentUnitId: Id
  name: string
  unitId: Id | null
  sortOrder: number
}

/** The 审核 state of one unit at one monitoring date, with every earlier state. */
export interface StoredReview {
  /** `${departmentUnitId}|${unitId}|${asOfDate}` */
  id: Id
  departmentUnitId: Id
  unitId: Id
  asOfDate: IsoDate
  record: ReviewRecord
  history: ReviewRecord[]
}

/** A 报送 the unit made, and the 回执 it imported for it (the unit's side). */
export interface SentSubmission {
  /** SHA-256 of the package's manifest */
  id: Id
  unitId: Id
  nodeId: Id
  createdAt: IsoDateTime
  packageSha256: string
  /** the 主管部门's decision from its 回执; null until one is imported */
  receipt: {
    record: ReviewRecord
    importedAt: IsoDateTime
    /** the 主管部门 that signed the 回执 (its manifest's unit) and its key's fingerprint (trust on first 回执) */
    departmentId?: Id
    departmentName?: string
    fingerprint?: string
  } | null
}
