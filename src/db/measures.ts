/**
 * 纠偏措施: measures taken and planned at a node, listed per node or across a unit's nodes; 指派 from
 * an alert (the measure and the alert's history entry in one transaction); and the library of
 * measure templates, kept in the settings table under 'measureTemplates'.
 */
import type { Alert, CorrectiveMeasure, Id } from '@/domain/types'
import { defaultMeasureTemplates, validateMeasureTemplates, type MeasureTemplate } from '@/domain/measureTemplates'
import { appendAlertEventInTransaction } from './alerts'
import { recordAudit } from './audit'
import { assertNodesOpen } from './lock'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import type { SettingsRow } from '@/domain/types'
import { db } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { assertUnchanged, deleteAudited, putAudited, runWrite } from './write'

const measureOrder = [
  (m: CorrectiveMeasure) => (m.kind === 'taken' ? 0 : 1),
  (m: CorrectiveMeasure) => m.deadline ?? '9999-12-31',
  (m: CorrectiveMeasure) => m.id,
] as const

/** Measures of one node: taken first, then planned, each by deadline. */
export async function listMeasures(nodeId: Id, { database = db }: DbOptions = {}): Promise<CorrectiveMeasure[]> {
  const rows = await database.measures.where('nodeId').equals(nodeId).toArray()
  return sorted(rows, ...measureOrder)
}

/** All measures of a unit across nodes and years (for checking at the next node whether they worked). */
export async function listUnitMeasures(unitId: Id, { database = db }: DbOptions = {}): Promise<CorrectiveMeasure[]> {
  const rows = await database.measures.where('unitId').equals(unitId).toArray()
  return sorted(rows, (m) => m.nodeId, ...measureOrder)
}

export async function getMeasure(id: Id, { database = db }: DbOptions = {}): Promise<CorrectiveMeasure | undefined> {
  return database.measures.get(id)
}

/**
 * Creates or replaces a measure; its node must exist and belong to the same unit. With
 * `basis` (the measure as the editor opened it, null for a new one) the save is refused with
 * `conflicts` (the stored measure, or null if deleted) when another tab changed it meanwhile.
 */
export async function putMeasure(
  measure: CorrectiveMeasure,
  { basis, database = db }: CheckedWriteOptions<CorrectiveMeasure | null> = {},
): Promise<WriteResult<CorrectiveMeasure, CorrectiveMeasure>> {
  return runWrite(database, [database.nodes, database.measures], async (check) => {
    const row = toPlain(measure)
    if (basis !== undefined) await assertUnchanged(check, database.measures, row.id, basis && toPlain(basis))
    const node = await database.nodes.get(row.nodeId)
    if (!node || node.unitId !== row.unitId)
      throw new DbWriteError('纠偏措施所属的监控节点不存在，本次保存未写入任何数据。')
    const before = await database.measures.get(row.id)
    const nodes = before && before.nodeId !== row.nodeId ? [before.nodeId, row.nodeId] : [row.nodeId]
    await assertNodesOpen(database, nodes, '修改纠偏措施', '纠偏措施所属的监控节点不存在，本次保存未写入任何数据。')
    await putAudited(database, database.measures, [row])
    return row
  })
}

export async function deleteMeasure(
  id: Id,
  { database = db }: DbOptions = {},
): Promise<WriteResult<CorrectiveMeasure>> {
  return runWrite(database, [database.nodes, database.measures], async () => {
    const stored = await database.measures.get(id)
    if (stored) await assertNodesOpen(database, [stored.nodeId], '删除纠偏措施', '纠偏措施所属的监控节点不存在。')
    const before = await deleteAudited(database, database.measures, id)
    if (!before) throw new DbWriteError('找不到要删除的纠偏措施。')
    return before
  })
}

export interface AssignedMeasure {
  measure: CorrectiveMeasure
  alert: Alert
}

/**
 * 指派纠偏措施: stores the measure (linked to the alert) and records the assignment in the alert's
 * history, together or not at all. 责任科室 and content are required.
 */
export async function assignMeasure(
  alertId: Id,
  measure: CorrectiveMeasure,
  by: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<AssignedMeasure>> {
  return runWrite(database, [database.nodes, database.alerts, database.measures], async () => {
    const row = toPlain({ ...measure, alertId })
    if (!row.content.trim()) throw new DbWriteError('请填写纠偏措施内容。')
    if (!row.department.trim()) throw new DbWriteError('请选择责任科室。')
    const node = await database.nodes.get(row.nodeId)
    if (!node || node.unitId !== row.unitId)
      throw new DbWriteError('纠偏措施所属的监控节点不存在，本次保存未写入任何数据。')
    await assertNodesOpen(
      database,
      [row.nodeId],
      '指派纠偏措施',
      '纠偏措施所属的监控节点不存在，本次保存未写入任何数据。',
    )
    await putAudited(database, database.measures, [row])
    const text = `指派${row.department}：${row.content}${row.deadline ? `（期限${row.deadline}）` : ''}`
    const alert = await appendAlertEventInTransaction(database, alertId, {
      by,
      kind: 'assign',
      text,
      measureId: row.id,
    })
    return { measure: row, alert }
  })
}

const TEMPLATES_KEY = 'measureTemplates'

/** The templates a stored library row holds: the defaults when there is none or it is unreadable. */
export function measureTemplatesOf(row: SettingsRow | null | undefined): MeasureTemplate[] {
  if (!row || row.key !== TEMPLATES_KEY || !Array.isArray(row.value)) return defaultMeasureTemplates()
  const checked = validateMeasureTemplates(row.value)
  return checked.ok ? checked.value : defaultMeasureTemplates()
}

/** The stored library row as is (null: never saved, the defaults apply): the basis for a checked save. */
export async function getMeasureTemplatesRow({ database = db }: DbOptions = {}): Promise<SettingsRow | null> {
  return (await database.settings.get(TEMPLATES_KEY)) ?? null
}

/** The measure template library: the stored one, or the defaults when none is stored or it is unreadable. */
export async function getMeasureTemplates({ database = db }: DbOptions = {}): Promise<MeasureTemplate[]> {
  return measureTemplatesOf(await getMeasureTemplatesRow({ database }))
}

/**
 * Saves the whole library. With `basis` (the stored row as the editor loaded it, null when
 * none was stored) the save is refused with `conflicts` when another tab saved or reset it meanwhile.
 */
export async function saveMeasureTemplates(
  templates: readonly MeasureTemplate[],
  { basis, database = db }: CheckedWriteOptions<SettingsRow | null> = {},
): Promise<WriteResult<MeasureTemplate[], SettingsRow>> {
  return runWrite(database, [database.settings], async (check) => {
    if (basis !== undefined) await assertUnchanged(check, database.settings, TEMPLATES_KEY, basis && toPlain(basis))
    const checked = validateMeasureTemplates(toPlain([...templates]))
    if (!checked.ok) throw new DbWriteError(checked.messages.join('；'))
    const before = await database.settings.get(TEMPLATES_KEY)
    await database.settings.put({ key: TEMPLATES_KEY, value: checked.value })
    await recordAudit(database, [
      { table: 'settings', key: TEMPLATES_KEY, before: before?.value ?? null, after: checked.value },
    ])
    return checked.value
  })
}

/** 恢复默认模板; `basis` as for `saveMeasureTemplates`. */
export async function resetMeasureTemplates({
  basis,
  database = db,
}: CheckedWriteOptions<SettingsRow | null> = {}): Promise<WriteResult<MeasureTemplate[], SettingsRow>> {
  return runWrite(database, [database.settings], async (check) => {
    if (basis !== undefined) await assertUnchanged(check, database.settings, TEMPLATES_KEY, basis && toPlain(basis))
    const before = await database.settings.get(TEMPLATES_KEY)
    await database.settings.delete(TEMPLATES_KEY)
    await recordAudit(database, [{ table: 'settings', key: TEMPLATES_KEY, before: before?.value ?? null, after: null }])
    return defaultMeasureTemplates()
  })
}
