/** 纠偏措施: measures taken and planned at a node, listed per node or across a unit's nodes. */
import type { CorrectiveMeasure, Id } from '@/domain/types'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import { deleteAudited, putAudited, runWrite } from './write'

const measureOrder = [
  (m: CorrectiveMeasure) => (m.kind === 'taken' ? 0 : 1),
  (m: CorrectiveMeasure) => m.deadline ?? '9999-12-31',
  (m: CorrectiveMeasure) => m.id,
] as const

/** Measures of one node: taken first, then planned, each by deadline. */
export async function listMeasures(nodeId: Id, database: MonitoringDb = db): Promise<CorrectiveMeasure[]> {
  const rows = await database.measures.where('nodeId').equals(nodeId).toArray()
  return sorted(rows, ...measureOrder)
}

/** All measures of a unit across nodes and years (for checking at the next node whether they worked). */
export async function listUnitMeasures(unitId: Id, database: MonitoringDb = db): Promise<CorrectiveMeasure[]> {
  const rows = await database.measures.where('unitId').equals(unitId).toArray()
  return sorted(rows, (m) => m.nodeId, ...measureOrder)
}

export async function getMeasure(id: Id, database: MonitoringDb = db): Promise<CorrectiveMeasure | undefined> {
  return database.measures.get(id)
}

/** Creates or replaces a measure; its node must exist and belong to the same unit. */
export async function putMeasure(
  measure: CorrectiveMeasure,
  database: MonitoringDb = db,
): Promise<WriteResult<CorrectiveMeasure>> {
  return runWrite(database, [database.nodes, database.measures], async () => {
    const row = toPlain(measure)
    const node = await database.nodes.get(row.nodeId)
    if (!node || node.unitId !== row.unitId) throw new DbWriteError('纠偏措施所属的监控节点不存在，本次保存未写入任何数据。')
    await putAudited(database, database.measures, [row])
    return row
  })
}

export async function deleteMeasure(id: Id, database: MonitoringDb = db): Promise<WriteResult<CorrectiveMeasure>> {
  return runWrite(database, [database.measures], async () => {
    const before = await deleteAudited(database, database.measures, id)
    if (!before) throw new DbWriteError('找不到要删除的纠偏措施。')
    return before
  })
}
