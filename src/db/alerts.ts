/**
 * 预警 of a node. Alerts are computed elsewhere (src/domain) and stored here with the rule,
 * thresholds and inputs that raised them. `replaceNodeAlerts` stores a fresh computation while keeping
 * what people did with the previous one: the id, status and closing reason of an alert raised again
 * by the same rule for the same subject, and any alert a 纠偏措施 still refers to.
 */
import type { Alert, Id } from '@/domain/types'
import { recordAudit } from './audit'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import { deleteAudited, putAudited, runWrite } from './write'

/** Why an alert that no longer fires but is referenced by a measure is kept, closed. */
export const NO_LONGER_RAISED = '重新计算后不再触发'

const alertOrder = [(a: Alert) => a.subjectType, (a: Alert) => a.subjectId, (a: Alert) => a.ruleId] as const

export async function listAlerts(nodeId: Id, database: MonitoringDb = db): Promise<Alert[]> {
  const rows = await database.alerts.where('nodeId').equals(nodeId).toArray()
  return sorted(rows, ...alertOrder)
}

export async function getAlert(id: Id, database: MonitoringDb = db): Promise<Alert | undefined> {
  return database.alerts.get(id)
}

export async function putAlerts(alerts: readonly Alert[], database: MonitoringDb = db): Promise<WriteResult<Alert[]>> {
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
  database: MonitoringDb = db,
): Promise<WriteResult<Alert[]>> {
  return runWrite(database, [database.nodes, database.alerts, database.measures], async () => {
    if (!(await database.nodes.get(nodeId))) throw new DbWriteError('找不到预警所属的监控节点。')
    const previous = await database.alerts.where('nodeId').equals(nodeId).toArray()
    const previousByKey = new Map(previous.map((a) => [naturalKey(a), a]))
    const next = toPlain([...computed]).map((alert): Alert => {
      if (alert.nodeId !== nodeId) throw new DbWriteError('预警与监控节点不一致，本次保存未写入任何数据。')
      const old = previousByKey.get(naturalKey(alert))
      if (!old) return alert
      const kept: Alert = { ...alert, id: old.id, status: old.status }
      if (old.closedReason !== undefined) kept.closedReason = old.closedReason
      else delete kept.closedReason
      return kept
    })
    const nextKeys = new Set(next.map(naturalKey))
    const gone = previous.filter((a) => !nextKeys.has(naturalKey(a)))
    const measures = await database.measures.where('alertId').anyOf(gone.map((a) => a.id)).toArray()
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
  closedReason?: string,
  database: MonitoringDb = db,
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
export async function deleteAlert(id: Id, database: MonitoringDb = db): Promise<WriteResult<Alert>> {
  return runWrite(database, [database.alerts, database.measures], async () => {
    if ((await database.measures.where('alertId').equals(id).count()) > 0) {
      throw new DbWriteError('该预警已关联纠偏措施，不能删除，可将其关闭。')
    }
    const before = await deleteAudited(database, database.alerts, id)
    if (!before) throw new DbWriteError('找不到要删除的预警。')
    return before
  })
}
