/**
 * The unit's 报送 (SentSubmission, keyed by the package's manifest SHA-256) and the 回执 imported for
 * them. A 回执 that 退回 a 定稿 node unlocks it through the ordinary 解锁 (db/reports.unlockReport: the
 * reason in the report's `unlocks` and the audit log) in the same transaction that stores the 回执, so
 * either both happen or neither.
 */
import type { SentSubmission } from '@/domain/department'
import type { Id } from '@/domain/types'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { unlockReport } from './reports'
import { db } from './schema'
import type { DbOptions } from './options'
import { recordAudit } from './audit'
import { runWrite, stableJson } from './write'

/** Every 报送 of the unit, oldest first. */
export async function listSentSubmissions(unitId: Id, { database = db }: DbOptions = {}): Promise<SentSubmission[]> {
  const rows = await database.sentSubmissions.where('unitId').equals(unitId).toArray()
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
}

/** Records a 报送 just written (refused if one with the same manifest is already recorded). */
export async function recordSentSubmission(
  row: SentSubmission,
  { database = db }: DbOptions = {},
): Promise<WriteResult<SentSubmission>> {
  return runWrite(database, [database.sentSubmissions], async () => {
    if (await database.sentSubmissions.get(row.id)) throw new DbWriteError('这份报送包已记录过。')
    const plain = toPlain(row)
    await database.sentSubmissions.add(plain)
    await recordAudit(database, [{ table: 'sentSubmissions', key: row.id, before: null, after: plain }])
    return plain
  })
}

/**
 * Stores the 回执 on its 报送 (`sent`, planned from `before`) and, with `unlockReason`, unlocks the node
 * (an ordinary audited 解锁). Refused, nothing written, when the 报送 row changed meanwhile (another tab
 * imported a 回执) or the node can no longer be unlocked.
 */
export async function applyReceipt(
  plan: { sent: SentSubmission; before: SentSubmission; unlockReason: string | null },
  { database = db }: DbOptions = {},
): Promise<WriteResult<SentSubmission>> {
  const { sent, before, unlockReason } = plan
  return runWrite(database, [database.sentSubmissions, database.nodes, database.reports], async () => {
    const stored = await database.sentSubmissions.get(sent.id)
    if (!stored || stableJson(stored) !== stableJson(before))
      throw new DbWriteError('这次报送的记录已在其他窗口改变（可能已导入过回执），请重新选择回执文件。')
    if (unlockReason !== null) {
      // the same transaction: a refusal here aborts the whole import
      const unlocked = await unlockReport(sent.nodeId, unlockReason, { database })
      if (!unlocked.ok) throw new DbWriteError(unlocked.messages.join('；'))
    }
    const plain = toPlain(sent)
    await database.sentSubmissions.put(plain)
    await recordAudit(database, [{ table: 'sentSubmissions', key: sent.id, before: stored, after: plain }])
    return plain
  })
}
