/**
 * 监控报告 of a node (StoredReport, keyed by nodeId): the user's paragraph edits, 定稿 and 解锁.
 * 定稿 locks the node and stores the report model as frozen plain data in one transaction, so the
 * submitted figures and text can no longer change; 解锁 needs a reason, kept in `unlocks` and in the
 * audit log, and the audit row of the unlock keeps the frozen model that had been submitted, so every
 * submitted version stays retrievable (`submittedVersions`). Edits are refused while the node is locked.
 * These are the only functions that should change a node's status after it was created.
 */
import type { Id, MonitoringNode, StoredReport, SubmittedVersion } from '@/domain/types'
import type { MonitoringSettings } from '@/domain/settings'
import { recordAudit } from './audit'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type AuditEntry, type MonitoringDb } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { assertRowsUnchanged, runWrite } from './write'

/** The shortest reason accepted for 解锁 (a word such as “更正” is not enough to explain it later). */
export const MIN_UNLOCK_REASON = 4

export async function getReport(nodeId: Id, { database = db }: DbOptions = {}): Promise<StoredReport | undefined> {
  return database.reports.get(nodeId)
}

function emptyReport(nodeId: Id, at: string): StoredReport {
  return { nodeId, edits: {}, unlocks: [], updatedAt: at }
}

async function nodeOf(database: MonitoringDb, nodeId: Id): Promise<MonitoringNode> {
  const node = await database.nodes.get(nodeId)
  if (!node) throw new DbWriteError('找不到报告所属的监控节点，本次保存未写入任何数据。')
  return node
}

/** The paragraph keys whose text differs between two edit maps (a key missing on one side counts). */
export function changedEditKeys(
  from: Readonly<Record<string, string>>,
  to: Readonly<Record<string, string>>,
): string[] {
  return [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((key) => from[key] !== to[key]).sort()
}

/**
 * Saves the report's paragraph edits (key → text); refused once the node is 定稿.
 * With `basis` (the edits the page started from), only the paragraphs that differ between `basis` and
 * `edits` are written, on top of what is stored now, so another tab's edits of other paragraphs stay;
 * and when one of those paragraphs was itself changed in storage since, the write is refused with
 * the stored texts (`conflicts`, nothing written) for the user to choose. Without `basis`
 * the edits replace the stored ones (import, restore and tests).
 */
export async function saveReportEdits(
  nodeId: Id,
  edits: Readonly<Record<string, string>>,
  { basis, database = db }: CheckedWriteOptions<Readonly<Record<string, string>>> = {},
): Promise<WriteResult<StoredReport, string>> {
  return runWrite(database, [database.nodes, database.reports], async (check) => {
    const node = await nodeOf(database, nodeId)
    if (node.status === 'locked')
      throw new DbWriteError(`监控节点“${node.label}”的报告已定稿，须先解锁才能修改，本次保存未写入任何数据。`)
    const at = database.now().toISOString()
    const before = await database.reports.get(nodeId)
    let next: Record<string, string> = { ...edits }
    if (basis) {
      const storedEdits = before?.edits ?? {}
      const changed = changedEditKeys(basis, edits)
      assertRowsUnchanged(
        check,
        'reports',
        changed.map((key) => ({ key, current: storedEdits[key] ?? null, basis: basis[key] ?? null })),
      )
      next = { ...storedEdits }
      for (const key of changed) {
        if (edits[key] === undefined) delete next[key]
        else next[key] = edits[key]
      }
    }
    const row: StoredReport = toPlain({ ...(before ?? emptyReport(nodeId, at)), edits: next, updatedAt: at })
    await database.reports.put(row)
    await recordAudit(database, [
      { table: 'reports', key: nodeId, before: before ? { edits: before.edits } : null, after: { edits: row.edits } },
    ])
    return row
  })
}

/**
 * 定稿: locks the node and stores `model` (the report exactly as shown, plain data) with the time,
 * in one transaction. Refused when the node is already locked.
 */
export async function freezeReport(
  nodeId: Id,
  model: unknown,
  { settings, database = db }: DbOptions & { settings?: MonitoringSettings } = {},
): Promise<WriteResult<{ node: MonitoringNode; report: StoredReport }>> {
  return runWrite(database, [database.nodes, database.reports], async () => {
    const node = await nodeOf(database, nodeId)
    if (node.status === 'locked') throw new DbWriteError(`监控节点“${node.label}”已定稿，不能重复定稿。`)
    const at = database.now().toISOString()
    const before = await database.reports.get(nodeId)
    const report: StoredReport = toPlain({
      ...(before ?? emptyReport(nodeId, at)),
      frozen: { at, model },
      updatedAt: at,
    })
    // the node keeps the settings its figures were computed with (docs/domain-rules.md §12.4: 设置 changes
    // apply to open nodes)
    const locked: MonitoringNode = toPlain({
      ...node,
      status: 'locked',
      ...(settings ? { frozenSettings: settings } : {}),
    })
    await database.reports.put(report)
    await database.nodes.put(locked)
    await recordAudit(database, [
      { table: 'nodes', key: nodeId, before: node, after: locked },
      // the frozen model itself is the report row; the audit notes the event, not a second copy
      { table: 'reports', key: nodeId, before: { frozen: false }, after: { frozen: true, at } },
    ])
    return { node: locked, report }
  })
}

/**
 * 解锁 after 定稿: requires a reason (at least MIN_UNLOCK_REASON characters), kept in the report's
 * `unlocks` and in the audit log; the node becomes editable and the frozen copy leaves the report row
 * (the next 定稿 stores a new one) but is kept whole in the unlock's audit row (`before.model`), so what
 * was submitted can still be read with `submittedVersions`.
 */
export async function unlockReport(
  nodeId: Id,
  reason: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<{ node: MonitoringNode; report: StoredReport }>> {
  const why = reason.trim()
  if (why.length < MIN_UNLOCK_REASON) {
    return {
      ok: false,
      messages: [`请填写解锁原因（至少${MIN_UNLOCK_REASON}个字），例如“财政局退回，需更正执行数”。`],
      cause: null,
    }
  }
  return runWrite(database, [database.nodes, database.reports], async () => {
    const node = await nodeOf(database, nodeId)
    if (node.status !== 'locked') throw new DbWriteError(`监控节点“${node.label}”未定稿，无需解锁。`)
    const at = database.now().toISOString()
    const before = await database.reports.get(nodeId)
    const { frozen, ...rest } = before ?? emptyReport(nodeId, at)
    const report: StoredReport = toPlain({ ...rest, unlocks: [...rest.unlocks, { at, reason: why }], updatedAt: at })
    const { frozenSettings: _frozen, ...open } = node
    const draft: MonitoringNode = { ...open, status: 'draft' }
    await database.reports.put(report)
    await database.nodes.put(draft)
    await recordAudit(database, [
      { table: 'nodes', key: nodeId, before: node, after: draft },
      {
        table: 'reports',
        key: nodeId,
        before: { frozen: true, at: frozen?.at ?? null, model: frozen?.model ?? null },
        after: { frozen: false, unlockReason: why },
      },
    ])
    return { node: draft, report }
  })
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** The submitted version an unlock's audit row keeps, or null for any other report audit row. */
function versionOf(row: AuditEntry): SubmittedVersion | null {
  const { before, after } = row
  if (!isRecord(before) || !isRecord(after) || typeof after.unlockReason !== 'string') return null
  if (before.model === undefined || before.model === null) return null
  return {
    frozenAt: typeof before.at === 'string' ? before.at : null,
    unlockedAt: row.time,
    reason: after.unlockReason,
    model: before.model,
  }
}

/** The versions of this node's report that were submitted and then unlocked, oldest first. */
export async function submittedVersions(nodeId: Id, { database = db }: DbOptions = {}): Promise<SubmittedVersion[]> {
  const rows = await database.auditLog
    .where('table')
    .equals('reports')
    .filter((row) => row.key === nodeId)
    .sortBy('seq')
  return rows.map(versionOf).filter((v): v is SubmittedVersion => v !== null)
}
