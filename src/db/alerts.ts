/**
 * 预警 of a node. Alerts are computed elsewhere (src/domain) and stored here with the rule,
 * thresholds and inputs that raised them. `replaceNodeAlerts` stores a fresh computation while keeping
 * what people did with the previous one: the id, status and closing reason of an alert raised again
 * by the same rule for the same subject, its review history (批示, 指派, 关闭), and any alert a
 * 纠偏措施 still refers to. Review actions append to `Alert.history` with the database clock.
 */
import type { Alert, AlertEvent, Id } from '@/domain/types'
import { isLocked, lockedMessage } from '@/domain/lock'
import { recordAudit } from './audit'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import type { DbOptions } from './options'
import { deleteAudited, putAudited, runWrite } from './write'

/** Why an alert that no longer fires but is referenced by a measure is kept, closed. */
export const NO_LONGER_RAISED = '重新计算后不再触发'

const alertOrder = [(a: Alert) => a.subjectType, (a: Alert) => a.subjectId, (a: Alert) => a.ruleId] as const

export async function listAlerts(nodeId: Id, { database = db }: DbOptions = {}): Promise<Alert[]> {
  const rows = await database.alerts.where('nodeId').equals(nodeId).toArray()
  return sorted(rows, ...alertOrder)
}

export async function getAlert(id: Id, { database = db }: DbOptions = {}): Promise<Alert | undefined> {
  return database.alerts.get(id)
}

export async function putAlerts(
  alerts: readonly Alert[],
  { database = db }: DbOptions = {},
): Promise<WriteResult<Alert[]>> {
  return runWrite(database, [database.alerts], async () => {
    const rows = toPlain([...alerts])
    await putAudited(database, database.alerts, rows)
    return rows
  })
}

function naturalKey(alert: Pick<Alert, 'ruleId' | 'subjectId'>): string {
  return JSON.stringify([alert.ruleId, alert.subjectId])
}

/** Replaces the alerts of `nodeId` with `computed` (see the header for what is kept). */
export async function replaceNodeAlerts(
  nodeId: Id,
  computed: readonly Alert[],
  { database = db }: DbOptions = {},
): Promise<WriteResult<Alert[]>> {
  return runWrite(database, [database.nodes, database.alerts, database.measures], async () => {
    const node = await database.nodes.get(nodeId)
    if (!node) throw new DbWriteError('找不到预警所属的监控节点。')
    // a locked node's alerts are part of its record: later data or 设置 changes never recompute them
    if (isLocked(node)) throw new DbWriteError(lockedMessage(node, '重新计算预警'))
    const previous = await database.alerts.where('nodeId').equals(nodeId).toArray()
    const previousByKey = new Map(previous.map((a) => [naturalKey(a), a]))
    const next = toPlain([...computed]).map((alert): Alert => {
      if (alert.nodeId !== nodeId) throw new DbWriteError('预警与监控节点不一致，本次保存未写入任何数据。')
      const old = previousByKey.get(naturalKey(alert))
      if (!old) return alert
      const kept: Alert = { ...alert, id: old.id, status: old.status }
      if (old.closedReason !== undefined) kept.closedReason = old.closedReason
      else delete kept.closedReason
      // the review history (批示, 指派, 关闭) belongs to the alert, not to one computation
      if (old.history?.length) kept.history = old.history
      else delete kept.history
      return kept
    })
    const nextKeys = new Set(next.map(naturalKey))
    const gone = previous.filter((a) => !nextKeys.has(naturalKey(a)))
    const measures = await database.measures
      .where('alertId')
      .anyOf(gone.map((a) => a.id))
      .toArray()
    const referenced = new Set(measures.map((m) => m.alertId))
    const closed = gone
      .filter((a) => referenced.has(a.id))
      .map((a): Alert => {
        const reason = a.status === 'closed' && a.closedReason ? a.closedReason : NO_LONGER_RAISED
        return { ...a, status: 'closed', closedReason: reason }
      })
    await database.alerts.bulkDelete(gone.filter((a) => !referenced.has(a.id)).map((a) => a.id))
    await database.alerts.bulkPut([...next, ...closed])
    await recordAudit(database, [
      {
        table: 'alerts',
        key: nodeId,
        before: { alerts: previous.length },
        after: { alerts: next.length, keptClosed: closed.length, deleted: gone.length - closed.length },
      },
    ])
    return sorted([...next, ...closed], ...alertOrder)
  })
}

/** Closes (with a reason) or reopens an alert. */
export async function setAlertStatus(
  id: Id,
  status: Alert['status'],
  { closedReason, database = db }: DbOptions & { closedReason?: string } = {},
): Promise<WriteResult<Alert>> {
  return runWrite(database, [database.alerts], async () => {
    const alert = await database.alerts.get(id)
    if (!alert) throw new DbWriteError('找不到该预警。')
    const row: Alert = { ...alert, status }
    if (status === 'closed' && closedReason) row.closedReason = closedReason
    else delete row.closedReason
    await putAudited(database, database.alerts, [row])
    return row
  })
}

/** Deletes an alert; refused while a 纠偏措施 refers to it (close it instead). */
export async function deleteAlert(id: Id, { database = db }: DbOptions = {}): Promise<WriteResult<Alert>> {
  return runWrite(database, [database.alerts, database.measures], async () => {
    if ((await database.measures.where('alertId').equals(id).count()) > 0) {
      throw new DbWriteError('该预警已关联纠偏措施，不能删除，可将其关闭。')
    }
    const before = await deleteAudited(database, database.alerts, id)
    if (!before) throw new DbWriteError('找不到要删除的预警。')
    return before
  })
}

/** Appends one event to an alert's review history, stamped with the database clock. */
async function appendEvent(
  database: MonitoringDb,
  id: Id,
  event: Omit<AlertEvent, 'at'>,
  change: (alert: Alert) => Alert = (a) => a,
  at: string = database.now().toISOString(),
): Promise<Alert> {
  const alert = await database.alerts.get(id)
  if (!alert) throw new DbWriteError('找不到该预警，请先刷新预警列表。')
  const by = event.by.trim()
  if (!by) throw new DbWriteError('请填写批示人（或操作人）姓名。')
  const entry: AlertEvent = { ...event, by, text: event.text.trim(), at }
  const row = toPlain(change({ ...alert, history: [...(alert.history ?? []), entry] }))
  await putAudited(database, database.alerts, [row])
  return row
}

/** 批示: a leader's comment on an alert, with name and time, kept in its history. */
export async function addAlertComment(
  id: Id,
  by: string,
  text: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<Alert>> {
  return runWrite(database, [database.alerts], async () => {
    if (!text.trim()) throw new DbWriteError('批示内容不能为空。')
    return appendEvent(database, id, { by, kind: 'comment', text })
  })
}

/** 关闭 with a reason (required), recorded in the history. */
export async function closeAlert(
  id: Id,
  by: string,
  reason: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<Alert>> {
  return runWrite(database, [database.alerts], async () => {
    if (!reason.trim()) throw new DbWriteError('关闭预警须填写原因。')
    return appendEvent(database, id, { by, kind: 'close', text: reason }, (a) => ({
      ...a,
      status: 'closed',
      closedReason: reason.trim(),
    }))
  })
}

/** 重新打开 a closed alert, recorded in the history. */
export async function reopenAlert(
  id: Id,
  by: string,
  text: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<Alert>> {
  return runWrite(database, [database.alerts], async () =>
    appendEvent(database, id, { by, kind: 'reopen', text: text || '重新打开' }, (a) => {
      const row: Alert = { ...a, status: 'open' }
      delete row.closedReason
      return row
    }),
  )
}

/**
 * 批示 or 关闭 several alerts at once (the leader's batch on 预警): one transaction, so every selected
 * alert gets its history event (and, for 关闭, its status and reason) with the same text, name and
 * time, each with its audit row — or, on any refusal (no alert chosen, empty text or name, an alert
 * gone meanwhile), none does.
 */
export async function reviewAlerts(
  ids: readonly Id[],
  by: string,
  kind: 'comment' | 'close',
  text: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<Alert[]>> {
  return runWrite(database, [database.alerts], async () => {
    const unique = [...new Set(ids)]
    if (unique.length === 0) throw new DbWriteError('请先勾选要处理的预警。')
    if (!text.trim()) throw new DbWriteError(kind === 'comment' ? '批示内容不能为空。' : '关闭预警须填写原因。')
    // one batch, one time: every event of it carries the same instant
    const at = database.now().toISOString()
    const rows: Alert[] = []
    for (const id of unique) {
      const change = (a: Alert): Alert => (kind === 'close' ? { ...a, status: 'closed', closedReason: text.trim() } : a)
      rows.push(await appendEvent(database, id, { by, kind, text }, change, at))
    }
    return rows
  })
}

/** Used by db/measures.assignMeasure inside its own transaction. */
export { appendEvent as appendAlertEventInTransaction }
