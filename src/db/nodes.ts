/**
 * 监控节点 and what is entered at one: indicator readings (指标填报) and budget-line judgements
 * (全年预计, 完成可能性, 偏差原因). Readings and judgements are upserted by natural key and refused
 * once the node is locked (submitted). `copyForward` starts the next node from the previous one.
 */
import type { BudgetLineJudgement, Id, IndicatorReading, IsoDate, MonitoringNode } from '@/domain/types'
import { isLocked, lockedMessage } from '@/domain/lock'
import { isDecimalString } from '@/domain/decimal'
import { recordAudit } from './audit'
import { assertNodesOpen } from './lock'
import { newId } from '@/domain/ids'
import { adoptExistingIds } from './naturalKey'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { deleteNodeChildren, nodeTables, ofUnit, startingWith, type RowCounts } from './unitScope'
import { viewKey } from './viewCache'
import { assertRowsUnchanged, putAudited, runWrite } from './write'

/** Nodes of a unit-year in date order. */
export async function listNodes(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<MonitoringNode[]> {
  const nodes = await ofUnit(database.nodes, unitId, year).toArray()
  return sorted(
    nodes,
    (n) => n.asOfDate,
    (n) => n.id,
  )
}

export async function getNode(id: Id, { database = db }: DbOptions = {}): Promise<MonitoringNode | undefined> {
  return database.nodes.get(id)
}

/** Creates or replaces a node (also how a node is locked or unlocked). */
export async function putNode(
  node: MonitoringNode,
  { database = db }: DbOptions = {},
): Promise<WriteResult<MonitoringNode>> {
  return runWrite(database, [database.nodes], async () => {
    const row = toPlain(node)
    await putAudited(database, database.nodes, [row])
    return row
  })
}

/** Deletes a node with its readings, judgements, alerts and measures. */
export async function deleteNode(id: Id, { database = db }: DbOptions = {}): Promise<WriteResult<RowCounts>> {
  return runWrite(database, [...nodeTables(database), database.overviewViews], async () => {
    const before = await database.nodes.get(id)
    if (!before) throw new DbWriteError('找不到要删除的监控节点。')
    if (isLocked(before)) throw new DbWriteError(lockedMessage(before, '删除该节点'))
    const removed = await deleteNodeChildren(database, [id])
    await database.nodes.delete(id)
    // its kept 概览 view (a cache, not counted)
    await database.overviewViews.delete(viewKey(before.unitId, before.year, id))
    await recordAudit(database, [{ table: 'nodes', key: id, before: { node: before, removed }, after: null }])
    return removed
  })
}

/** Throws unless every node exists and is still a draft. */
async function assertEditableNodes(database: MonitoringDb, nodeIds: readonly Id[], what: string): Promise<void> {
  await assertNodesOpen(database, nodeIds, what, '填报数据所属的监控节点不存在，本次保存未写入任何数据。')
}

export async function listReadings(nodeId: Id, { database = db }: DbOptions = {}): Promise<IndicatorReading[]> {
  const rows = await startingWith(database.readings, '[nodeId+indicatorId]', nodeId).toArray()
  return sorted(rows, (r) => r.indicatorId)
}

/**
 * What a conflict-checked `putReadings` started from: per indicator id, the node's stored reading as
 * the editor loaded it (null: none was stored). An indicator missing here counts as null.
 */
export type ReadingsBasis = Readonly<Record<Id, IndicatorReading | null>>

/**
 * Saves indicator readings (one per node and indicator) in one transaction. Returns them as stored.
 * With `basis` (readings of one node only), the save is refused with `conflicts` — one per
 * indicator whose stored reading is no longer the one the editor started from, keyed by indicator
 * id — and nothing is written.
 */
export async function putReadings(
  readings: readonly IndicatorReading[],
  { basis, database = db }: CheckedWriteOptions<ReadingsBasis> = {},
): Promise<WriteResult<IndicatorReading[], IndicatorReading>> {
  return runWrite(database, [database.nodes, database.indicators, database.readings], async (check) => {
    const rows = toPlain([...readings])
    await assertEditableNodes(
      database,
      rows.map((r) => r.nodeId),
      '修改指标填报',
    )
    if (basis !== undefined) {
      const nodeIds = new Set(rows.map((r) => r.nodeId))
      if (nodeIds.size > 1) throw new DbWriteError('一次只能核对一个监控节点的填报，本次保存未写入任何数据。')
      const current = await database.readings
        .where('[nodeId+indicatorId]')
        .anyOf(rows.map((r): [Id, Id] => [r.nodeId, r.indicatorId]))
        .toArray()
      const currentOf = new Map(current.map((r) => [r.indicatorId, r]))
      assertRowsUnchanged(
        check,
        'readings',
        rows.map((r) => ({
          key: r.indicatorId,
          current: currentOf.get(r.indicatorId) ?? null,
          basis: basis[r.indicatorId] ?? null,
        })),
      )
    }
    const indicators = await database.indicators.bulkGet([...new Set(rows.map((r) => r.indicatorId))])
    if (indicators.some((i) => i === undefined)) throw new DbWriteError('填报的指标不存在，本次保存未写入任何数据。')
    // a stored value is a number or absent, whatever the node's date: a backup holding text there is refused
    const names = new Map(indicators.map((i) => [i?.id, i?.name]))
    for (const row of rows)
      for (const [field, label] of [
        ['actualValue', '实际完成值'],
        ['qualitativePercent', '完成百分比'],
      ] as const) {
        const value = row[field]
        if (value !== undefined && !isDecimalString(value))
          throw new DbWriteError(
            `“${names.get(row.indicatorId) ?? '指标'}”的${label}「${value}」不是有效数字，本次保存未写入任何数据。`,
          )
      }
    const stored = await adoptExistingIds(
      database.readings,
      '[nodeId+indicatorId]',
      (r) => [r.nodeId, r.indicatorId],
      rows,
      () => '同一指标在同一监控节点填报了两次，本次保存未写入任何数据。',
    )
    await putAudited(database, database.readings, stored)
    return stored
  })
}

export async function listBudgetJudgements(
  nodeId: Id,
  { database = db }: DbOptions = {},
): Promise<BudgetLineJudgement[]> {
  const rows = await startingWith(database.budgetJudgements, '[nodeId+budgetLineId]', nodeId).toArray()
  return sorted(rows, (r) => r.budgetLineId)
}

/**
 * What a conflict-checked `putBudgetJudgements` started from: per budget line id, the node's stored
 * judgement as the editor loaded it (null: none was stored). A line missing here counts as null.
 */
export type JudgementsBasis = Readonly<Record<Id, BudgetLineJudgement | null>>

/**
 * Saves budget-line judgements (one per node and line) in one transaction. Returns them as stored.
 * With `basis` (judgements of one node only), the save is refused with `conflicts` — one per
 * budget line whose stored judgement is no longer the one the editor started from, keyed by budget
 * line id — and nothing is written.
 */
export async function putBudgetJudgements(
  judgements: readonly BudgetLineJudgement[],
  { basis, database = db }: CheckedWriteOptions<JudgementsBasis> = {},
): Promise<WriteResult<BudgetLineJudgement[], BudgetLineJudgement>> {
  return runWrite(database, [database.nodes, database.budgetLines, database.budgetJudgements], async (check) => {
    const rows = toPlain([...judgements])
    await assertEditableNodes(
      database,
      rows.map((r) => r.nodeId),
      '修改预算行研判',
    )
    if (basis !== undefined) {
      if (new Set(rows.map((r) => r.nodeId)).size > 1)
        throw new DbWriteError('一次只能核对一个监控节点的研判，本次保存未写入任何数据。')
      const current = await database.budgetJudgements
        .where('[nodeId+budgetLineId]')
        .anyOf(rows.map((r): [Id, Id] => [r.nodeId, r.budgetLineId]))
        .toArray()
      const currentOf = new Map(current.map((r) => [r.budgetLineId, r]))
      assertRowsUnchanged(
        check,
        'budgetJudgements',
        rows.map((r) => ({
          key: r.budgetLineId,
          current: currentOf.get(r.budgetLineId) ?? null,
          basis: basis[r.budgetLineId] ?? null,
        })),
      )
    }
    const lines = await database.budgetLines.bulkGet([...new Set(rows.map((r) => r.budgetLineId))])
    if (lines.some((l) => l === undefined)) throw new DbWriteError('研判的预算行不存在，本次保存未写入任何数据。')
    const stored = await adoptExistingIds(
      database.budgetJudgements,
      '[nodeId+budgetLineId]',
      (r) => [r.nodeId, r.budgetLineId],
      rows,
      () => '同一预算行在同一监控节点研判了两次，本次保存未写入任何数据。',
    )
    await putAudited(database, database.budgetJudgements, stored)
    return stored
  })
}

const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/**
 * Creates the next node of the same unit-year as of `asOfDate`, pre-filled with a copy of the
 * previous node's readings and budget judgements (new ids, each marked `carriedFrom` until the user
 * confirms or edits it; a row carried twice keeps the node it was first entered at), in one transaction. Measures and alerts
 * are not copied: alerts are recomputed for the new node, and measures stay with the node that set them.
 */
export async function copyForward(
  fromNodeId: Id,
  asOfDate: IsoDate,
  label: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<MonitoringNode>> {
  const tables = [database.nodes, database.readings, database.budgetJudgements]
  return runWrite(database, tables, async () => {
    const from = await database.nodes.get(fromNodeId)
    if (!from) throw new DbWriteError('找不到要复制的监控节点。')
    const date = ISO_DATE.exec(asOfDate)
    if (!date || Number(date[1]) !== from.year) {
      throw new DbWriteError(`新节点日期须为 ${from.year} 年内的日期（如 ${from.year}-07-31）。`)
    }
    if (asOfDate <= from.asOfDate) throw new DbWriteError(`新节点日期须晚于“${from.label}”的 ${from.asOfDate}。`)
    const siblings = await ofUnit(database.nodes, from.unitId, from.year).toArray()
    if (siblings.some((n) => n.asOfDate === asOfDate)) throw new DbWriteError(`${asOfDate} 的监控节点已存在。`)

    const node: MonitoringNode = toPlain({
      id: newId(),
      unitId: from.unitId,
      year: from.year,
      asOfDate,
      label,
      status: 'draft',
    })
    // marked as carried: nothing of last node passes for this one's until the user confirms or edits it
    const readings = (await startingWith(database.readings, '[nodeId+indicatorId]', from.id).toArray()).map((r) => ({
      ...r,
      id: newId(),
      nodeId: node.id,
      carriedFrom: r.carriedFrom ?? from.id,
    }))
    const judgements = (await startingWith(database.budgetJudgements, '[nodeId+budgetLineId]', from.id).toArray()).map(
      (j) => ({
        ...j,
        id: newId(),
        nodeId: node.id,
        carriedFrom: j.carriedFrom ?? from.id,
      }),
    )
    await database.nodes.add(node)
    await database.readings.bulkAdd(readings)
    await database.budgetJudgements.bulkAdd(judgements)
    await recordAudit(database, [
      { table: 'nodes', key: node.id, before: null, after: node },
      {
        table: 'readings',
        key: node.id,
        before: null,
        after: { copiedFromNode: from.id, readings: readings.length, budgetJudgements: judgements.length },
      },
    ])
    return node
  })
}
