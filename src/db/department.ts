/**
 * The 主管部门's side of 报送 (docs/domain-rules.md §17, docs/package-format.md §7–8): its 下属单位 list,
 * the registered signing keys of its units, the 报送包 it accepted and the 审核 state of each unit and
 * date. Every write is one audited transaction (runWrite) that re-checks, against what is stored at
 * that moment, what the preview showed: a key registered meanwhile, a package imported in another tab.
 * A refusal writes nothing.
 *
 * A unit is a 主管部门 when it has a 下属单位 list (one row or more in `subordinates`).
 */
import {
  classifySubmission,
  latestSubmissions,
  notSubmittedRecord,
  reviewTransition,
  type ReceivedSubmission,
  type RegisteredUnitKey,
  type ReviewAction,
  type StoredReview,
  type StoredSubmission,
  type SubmissionClass,
  type SubmissionFile,
  type SubordinateRow,
} from '@/domain/department'
import { normalizeName } from '@/domain/names'
import type { Result } from '@/domain/result'
import type { Id, IsoDate } from '@/domain/types'
import { recordAudit, type AuditInput } from './audit'
import type { DbOptions } from './options'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import { deleteAudited, putAudited, runWrite } from './write'

const NOTHING = '本次未写入任何数据。'
export const MAX_SUBORDINATE_NAME = 100

/**
 * A stored submission: what the package states, without its file. The 主管部门's views read only these;
 * the file (a few MB for a large unit) is kept in `submissionFiles` and read by id when its parts are
 * wanted (getSubmissionFile), so the views never read, nor hold in memory, every file.
 */
export type SubmissionSummary = StoredSubmission

/** Everything the 主管部门 holds for one year. */
export interface DepartmentData {
  /** the 下属单位 list, in its order; empty when the unit is not a 主管部门 */
  subordinates: SubordinateRow[]
  /** registered keys of the units that submitted (or were registered) */
  keys: RegisteredUnitKey[]
  /** every submission of the year, in the order received (history included) */
  submissions: SubmissionSummary[]
  /** the current one per unit and date (supersession), in date then unit order */
  current: SubmissionSummary[]
  /** 审核 states of the year's dates */
  reviews: StoredReview[]
}

export function reviewId(departmentUnitId: Id, unitId: Id, asOfDate: IsoDate): Id {
  return `${departmentUnitId}|${unitId}|${asOfDate}`
}

function byReceipt(a: SubmissionSummary, b: SubmissionSummary): number {
  return a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The current submission per unit and date among `history` (kept in the order received). */
export function currentSubmissions<T extends SubmissionSummary>(history: readonly T[]): T[] {
  const ordered = [...history].sort(byReceipt)
  const bySha = new Map(ordered.map((s) => [s.packageSha256, s]))
  return latestSubmissions(ordered).flatMap((ref) => bySha.get(ref.packageSha256) ?? [])
}

export async function loadDepartment(
  departmentUnitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<DepartmentData> {
  return database.transaction(
    'r',
    [database.subordinates, database.unitKeys, database.submissions, database.reviews],
    async () => {
      const all: SubmissionSummary[] = []
      const [subordinates, keys, reviews] = await Promise.all([
        database.subordinates.where('departmentUnitId').equals(departmentUnitId).toArray(),
        database.unitKeys.toArray(),
        database.reviews.where('departmentUnitId').equals(departmentUnitId).toArray(),
        database.submissions
          .where('departmentUnitId')
          .equals(departmentUnitId)
          .each((summary) => {
            if (summary.year === year) all.push(summary)
          }),
      ])
      const submissions = all.sort(byReceipt)
      return {
        subordinates: subordinates.sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : 1)),
        keys: keys.sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
        submissions,
        current: currentSubmissions(submissions),
        reviews: reviews.filter((r) => r.asOfDate.startsWith(`${year}-`)),
      }
    },
  )
}

/** One row of the list as the editor has it: an existing row keeps its id (and the unit bound to it). */
export interface SubordinateEntry {
  id?: Id
  name: string
}

/**
 * Replaces the 主管部门's 下属单位 list with `entries`, in their order. Names are trimmed; a blank name,
 * a name over 100 characters or two alike names refuse the whole list. A kept row keeps the unit its
 * first package bound to it. An empty list unsets the 主管部门 (its submissions stay).
 */
export async function saveSubordinates(
  departmentUnitId: Id,
  entries: readonly SubordinateEntry[],
  { database = db, newId = () => crypto.randomUUID() }: DbOptions & { newId?: () => string } = {},
): Promise<WriteResult<SubordinateRow[]>> {
  return runWrite(database, [database.units, database.subordinates], async () => {
    if (!(await database.units.get(departmentUnitId))) throw new DbWriteError(`找不到该单位，${NOTHING}`)
    const problems: string[] = []
    const seen = new Map<string, number>()
    entries.forEach((entry, index) => {
      const name = normalizeName(entry.name)
      if (name === '') problems.push(`第 ${index + 1} 个下属单位没有填写名称`)
      else if (name.length > MAX_SUBORDINATE_NAME)
        problems.push(`第 ${index + 1} 个下属单位的名称超过 ${MAX_SUBORDINATE_NAME} 个字`)
      else if (seen.has(name))
        problems.push(`下属单位“${name}”重复填写了两次（第 ${seen.get(name)} 个和第 ${index + 1} 个）`)
      else seen.set(name, index + 1)
    })
    if (problems.length > 0) throw new DbWriteError(`${problems.join('；')}，${NOTHING}`)

    const existing = await database.subordinates.where('departmentUnitId').equals(departmentUnitId).toArray()
    const byId = new Map(existing.map((row) => [row.id, row]))
    const rows = entries.map((entry, index): SubordinateRow => {
      const kept = entry.id === undefined ? undefined : byId.get(entry.id)
      return {
        id: kept?.id ?? `${departmentUnitId}|sub|${newId()}`,
        departmentUnitId,
        name: normalizeName(entry.name),
        unitId: kept?.unitId ?? null,
        sortOrder: index,
      }
    })
    const keptIds = new Set(rows.map((r) => r.id))
    for (const row of existing) if (!keptIds.has(row.id)) await deleteAudited(database, database.subordinates, row.id)
    const changed = rows.filter((row) => JSON.stringify(byId.get(row.id)) !== JSON.stringify(row))
    await putAudited(database, database.subordinates, changed)
    return rows
  })
}

/**
 * Registers `key` for its unit: on first contact (no key yet), or, with `reregister`, in place of the
 * registered one (a new PC: the private key cannot move). Without `reregister` a unit that has a key
 * keeps it. Audited with the key before and after.
 */
export async function registerUnitKey(
  key: RegisteredUnitKey,
  { database = db, reregister = false }: DbOptions & { reregister?: boolean } = {},
): Promise<WriteResult<RegisteredUnitKey>> {
  return runWrite(database, [database.unitKeys], async () => {
    const row = toPlain(key) as RegisteredUnitKey
    if (row.registeredBy.trim() === '') throw new DbWriteError(`请先在页面右上角填写当前操作人，${NOTHING}`)
    const before = await database.unitKeys.get(row.unitId)
    if (before && !reregister)
      throw new DbWriteError(`“${before.unitName}”已登记签名密钥；如确需更换，请使用“重新登记”，${NOTHING}`)
    await database.unitKeys.put(row)
    await recordAudit(database, [{ table: 'unitKeys', key: row.unitId, before: before ?? null, after: row }])
    return row
  })
}

/** A verified 报送包 the 主管部门 chose to accept. */
export interface AcceptedSubmission {
  /** the row to keep (`id` = manifest SHA-256) with the file as received (`bytes`, kept in `submissionFiles`) */
  submission: ReceivedSubmission
  /** the signing key of the package (base64 SPKI) */
  publicKey: string
  /**
   * On first contact, the fingerprint the 主管部门 confirmed with the unit (the key is registered with
   * the submission); null when the unit's key is expected to be registered already.
   */
  confirmedFingerprint: string | null
  /** 当前操作人: who confirmed the key */
  registeredBy: string
  /** whether the package's key is the registered one (io/package checkKnownKey: its refusal is the message) */
  checkKey: (fingerprint: string, registeredFingerprint: string) => Result
}

export interface AcceptedResult {
  class: SubmissionClass
  /** whether the unit's key was registered with this package (first contact) */
  registeredKey: boolean
  /** the review state after the package: unchanged for an older package */
  review: StoredReview | null
}

/** How many packages share one transaction in storeSubmissions (a failure of the disk loses no more than these). */
export const SUBMISSIONS_PER_TRANSACTION = 25

/**
 * Stores one accepted 报送包, all or nothing: the key registration on first contact, the submission
 * row (new, update and older alike: an older one is kept in the history but is never current) and its
 * file, the 审核 state to 待审核 for a new or an update (reviewTransition), and the 下属单位 row of the
 * same name bound to the unit on first contact. Refused whole: a duplicate, a key other than the
 * registered one, a first contact whose fingerprint was not confirmed.
 */
export async function storeSubmission(
  input: AcceptedSubmission,
  { database = db }: DbOptions = {},
): Promise<WriteResult<AcceptedResult>> {
  const [outcome] = await storeSubmissions([input], { database })
  return outcome ?? { ok: false, messages: [NOTHING] }
}

/**
 * Stores accepted 报送包 as storeSubmission does, each checked on its own against what is stored and
 * what the packages before it in `inputs` stored: a refused one is skipped (its outcome says why) and
 * the others are still stored. They are written a few to a transaction (SUBMISSIONS_PER_TRANSACTION),
 * reading the registered keys, the 下属单位 lists and the histories once per transaction rather than
 * once per file (docs/benchmarks.md (round 5)); a failure of the transaction itself (a full disk)
 * writes none of its packages, and each of them says so. Outcomes are in the order of `inputs`.
 */
export async function storeSubmissions(
  inputs: readonly AcceptedSubmission[],
  { database = db }: DbOptions = {},
): Promise<WriteResult<AcceptedResult>[]> {
  const outcomes: WriteResult<AcceptedResult>[] = []
  for (let i = 0; i < inputs.length; i += SUBMISSIONS_PER_TRANSACTION) {
    const chunk = inputs.slice(i, i + SUBMISSIONS_PER_TRANSACTION)
    const written = await runWrite(
      database,
      [database.unitKeys, database.submissions, database.submissionFiles, database.reviews, database.subordinates],
      async () => {
        const batch = await readBatch(
          database,
          chunk.map((input) => input.submission),
        )
        const results: WriteResult<AcceptedResult>[] = []
        const audit: AuditInput[] = []
        for (const input of chunk) {
          try {
            results.push({ ok: true, value: await storeOne(database, batch, input, audit) })
          } catch (error) {
            if (!(error instanceof DbWriteError)) throw error
            results.push({ ok: false, messages: [error.message], cause: error })
          }
        }
        // the packages that passed, written together (a row written twice in the batch: its last state)
        const { writes } = batch
        await database.unitKeys.bulkPut([...writes.keys.values()])
        await database.subordinates.bulkPut([...writes.subordinates.values()])
        await database.submissions.bulkAdd(writes.submissions)
        await database.submissionFiles.bulkPut(writes.files)
        await database.reviews.bulkPut([...writes.reviews.values()])
        await recordAudit(database, audit)
        return results
      },
    )
    if (written.ok) outcomes.push(...written.value)
    else outcomes.push(...chunk.map(() => ({ ok: false as const, messages: written.messages, cause: written.cause })))
  }
  return outcomes
}

/** What one transaction of storeSubmissions reads once and keeps up to date as it writes. */
interface Batch {
  keys: Map<Id, RegisteredUnitKey>
  /** ids of the packages stored (before and in this batch), in any 主管部门 */
  stored: Set<Id>
  /** 下属单位 lists by 主管部门, read when first wanted */
  subordinates: Map<Id, SubordinateRow[]>
  /** a unit's history at a 主管部门 (`${departmentUnitId}|${unitId}`), summaries only, read when first wanted */
  history: Map<string, StoredSubmission[]>
  reviews: Map<Id, StoredReview>
  /** what the packages that passed write, at the end of the transaction */
  writes: {
    keys: Map<Id, RegisteredUnitKey>
    subordinates: Map<Id, SubordinateRow>
    submissions: StoredSubmission[]
    files: SubmissionFile[]
    reviews: Map<Id, StoredReview>
  }
}

async function readBatch(database: MonitoringDb, rows: readonly StoredSubmission[]): Promise<Batch> {
  const reviewIds = rows.map((row) => reviewId(row.departmentUnitId, row.unitId, row.asOfDate))
  const [keys, stored, reviews] = await Promise.all([
    database.unitKeys.bulkGet(rows.map((row) => row.unitId)),
    database.submissions.bulkGet(rows.map((row) => row.id)),
    database.reviews.bulkGet(reviewIds),
  ])
  return {
    keys: new Map(keys.flatMap((key) => (key ? [[key.unitId, key] as const] : []))),
    stored: new Set(stored.flatMap((row) => (row ? [row.id] : []))),
    subordinates: new Map(),
    history: new Map(),
    reviews: new Map(reviews.flatMap((review) => (review ? [[review.id, review] as const] : []))),
    writes: { keys: new Map(), subordinates: new Map(), submissions: [], files: [], reviews: new Map() },
  }
}

/**
 * Checks one package against the batch, then queues its writes (row, file, key, 下属单位 binding, 审核)
 * and audit rows. Every refusal is thrown before anything of this package is queued, so a refused
 * package leaves the batch as it was.
 */
async function storeOne(
  database: MonitoringDb,
  batch: Batch,
  input: AcceptedSubmission,
  audit: AuditInput[],
): Promise<AcceptedResult> {
  const { row, file } = toPlainSubmission(input.submission)
  const { departmentUnitId, unitId } = row
  const duplicate = `该报送包（${row.unitName} ${row.nodeLabel}）已导入过，不再重复保存，${NOTHING}`

  // trust: the registered key, or the one confirmed now
  const registered = batch.keys.get(unitId)
  let key: RegisteredUnitKey | null = null
  if (registered) {
    const known = input.checkKey(row.fingerprint, registered.fingerprint)
    if (!known.ok) throw new DbWriteError(`${known.messages.join('；')}。${NOTHING}`)
  } else {
    if (input.confirmedFingerprint === null || !sameFingerprint(input.confirmedFingerprint, row.fingerprint))
      throw new DbWriteError(`“${row.unitName}”首次报送，须先与该单位电话核对并确认密钥指纹，${NOTHING}`)
    if (input.registeredBy.trim() === '') throw new DbWriteError(`请先在页面右上角填写当前操作人，${NOTHING}`)
    key = {
      unitId,
      unitName: row.unitName,
      publicKey: input.publicKey,
      fingerprint: row.fingerprint,
      registeredAt: row.receivedAt,
      registeredBy: input.registeredBy.trim(),
    }
  }

  // supersession, against the unit's summaries (never its files)
  if (batch.stored.has(row.id)) throw new DbWriteError(duplicate)
  const historyKey = `${departmentUnitId}|${unitId}`
  let history = batch.history.get(historyKey)
  if (!history) {
    history = (await database.submissions.where('unitId').equals(unitId).toArray())
      .filter((s) => s.departmentUnitId === departmentUnitId)
      .sort(byReceipt)
    batch.history.set(historyKey, history)
  }
  const kind = classifySubmission(history, row)
  if (kind === 'duplicate') throw new DbWriteError(duplicate)

  // 审核: a new or later package waits for 审核; an older one changes nothing
  let review: StoredReview | null = null
  const id = reviewId(departmentUnitId, unitId, row.asOfDate)
  const reviewBefore = batch.reviews.get(id)
  if (kind === 'new' || kind === 'update') {
    const next = reviewTransition(reviewBefore?.record ?? notSubmittedRecord(), {
      kind: 'submit',
      packageSha256: row.packageSha256,
      at: row.receivedAt,
    })
    if (!next.ok) throw new DbWriteError(`${next.messages.join('；')}，${NOTHING}`)
    review = {
      id,
      departmentUnitId,
      unitId,
      asOfDate: row.asOfDate,
      record: next.value,
      history: reviewBefore ? [...reviewBefore.history, reviewBefore.record] : [],
    }
  }

  // checked: queue it all
  if (key) {
    batch.writes.keys.set(unitId, key)
    audit.push({ table: 'unitKeys', key: unitId, before: null, after: key })
    batch.keys.set(unitId, key)
    await bindByName(database, batch, audit, departmentUnitId, unitId, row.unitName)
  }
  batch.writes.submissions.push(row)
  batch.writes.files.push(file)
  audit.push({ table: 'submissions', key: row.id, before: null, after: row })
  batch.stored.add(row.id)
  history.push(row)
  if (review) {
    batch.writes.reviews.set(id, review)
    audit.push({ table: 'reviews', key: id, before: reviewBefore ?? null, after: review })
    batch.reviews.set(id, review)
  }
  return { class: kind, registeredKey: key !== null, review }
}

/** On first contact, the unbound 下属单位 of the unit's name is the unit from now on. */
async function bindByName(
  database: MonitoringDb,
  batch: Batch,
  audit: AuditInput[],
  departmentUnitId: Id,
  unitId: Id,
  unitName: string,
): Promise<void> {
  let rows = batch.subordinates.get(departmentUnitId)
  if (!rows) {
    rows = await database.subordinates.where('departmentUnitId').equals(departmentUnitId).toArray()
    batch.subordinates.set(departmentUnitId, rows)
  }
  if (rows.some((r) => r.unitId === unitId)) return
  const before = rows.find((r) => r.unitId === null && r.name === normalizeName(unitName))
  if (!before) return
  const bound: SubordinateRow = { ...before, unitId }
  batch.writes.subordinates.set(bound.id, bound)
  audit.push({ table: 'subordinates', key: bound.id, before, after: bound })
  rows.splice(rows.indexOf(before), 1, bound)
}

function toPlainSubmission(submission: ReceivedSubmission): { row: StoredSubmission; file: SubmissionFile } {
  const { bytes, ...rest } = submission
  const row = toPlain(rest) as StoredSubmission
  // toPlain refuses typed arrays. IndexedDB stores a view's whole buffer: a view of part of one is copied;
  // a file's own bytes (the import reads each file into a buffer of its own) are stored as they are
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  return { row, file: { id: row.id, bytes: whole ? bytes : bytes.slice() } }
}

function sameFingerprint(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase()
  return norm(a) === norm(b)
}

/**
 * Records a 审核 decision (通过, or 退回 with its 意见) on the unit's current package at `asOfDate`,
 * refused as reviewTransition says (not submitted, already decided, not the current package, no
 * reviewer, no 意见 for 退回). The record replaced goes into the history.
 */
export async function recordReview(
  departmentUnitId: Id,
  unitId: Id,
  asOfDate: IsoDate,
  action: Exclude<ReviewAction, { kind: 'submit' }>,
  { database = db }: DbOptions = {},
): Promise<WriteResult<StoredReview>> {
  return runWrite(database, [database.reviews], async () => {
    const id = reviewId(departmentUnitId, unitId, asOfDate)
    const before = await database.reviews.get(id)
    const next = reviewTransition(before?.record ?? notSubmittedRecord(), action)
    if (!next.ok) throw new DbWriteError(`${next.messages.join('；')}，${NOTHING}`)
    if (!before) throw new DbWriteError(`该单位本节点尚未报送，${NOTHING}`)
    const review: StoredReview = { ...before, record: next.value, history: [...before.history, before.record] }
    const row = toPlain(review) as StoredReview
    await database.reviews.put(row)
    await recordAudit(database, [{ table: 'reviews', key: id, before, after: row }])
    return row
  })
}

/** One stored submission with its file (both read by id, in one transaction). */
export async function getSubmission(id: Id, { database = db }: DbOptions = {}): Promise<ReceivedSubmission | null> {
  return database.transaction('r', [database.submissions, database.submissionFiles], async () => {
    const [row, file] = await Promise.all([database.submissions.get(id), database.submissionFiles.get(id)])
    return row && file ? { ...row, bytes: file.bytes } : null
  })
}

/** The file of one stored submission, for the drill-down, the 汇总预警 and the 汇总报告 (its parts read again). */
export async function getSubmissionFile(id: Id, { database = db }: DbOptions = {}): Promise<Uint8Array | null> {
  return (await database.submissionFiles.get(id))?.bytes ?? null
}
