/**
 * 定稿 enforced by the store, not by screens (domain `lock.ts`, docs/domain-rules.md §12.3): every write that would
 * change a figure shown in a locked node's report is refused *inside its own transaction*, so no path
 * — an entry screen, an import, a bulk operation, another tab — can change a frozen report's figures.
 * Callers include `database.nodes` in their `runWrite` tables and call these before writing.
 */
import {
  coveredMonth,
  firstLockedNode,
  frozenChangesMessage,
  frozenFigureChanges,
  isLocked,
  lineAsOf,
  lockedMessage,
  nodeLockingMonth,
} from '@/domain/lock'
import type { BudgetLine, Id, MonitoringNode, UnitYearDataset } from '@/domain/types'
import { DbWriteError } from './result'
import type { MonitoringDb } from './schema'
import { ofUnit } from './unitScope'

/**
 * Refuses monthly figures of months a locked node of their unit-year covers. `lineOf` gives each row's
 * budget line; the nodes are read once per unit-year (a 主管部门 grid saves a thousand lines at once).
 */
export async function assertExecutionsOpen(
  database: MonitoringDb,
  rows: readonly { budgetLineId: Id; month: number }[],
  lineOf: (row: { budgetLineId: Id }) => BudgetLine,
): Promise<void> {
  const nodesOf = new Map<string, MonitoringNode[]>()
  for (const row of [...rows].sort((a, b) => a.month - b.month)) {
    const line = lineOf(row)
    const key = `${line.unitId}|${line.year}`
    let nodes = nodesOf.get(key)
    if (!nodes) {
      nodes = await ofUnit(database.nodes, line.unitId, line.year).toArray()
      nodesOf.set(key, nodes)
    }
    const node = nodeLockingMonth(nodes, row.month)
    if (node) throw new DbWriteError(lockedMessage(node, `修改“${line.name}”${row.month}月的执行数或到位资金`))
  }
}

/**
 * Refuses when the unit-year has a locked node: its budget lines, projects, targets and indicators
 * are part of every report of the year (the budget totals, the indicator list and counts).
 */
export async function assertUnitYearOpen(
  database: MonitoringDb,
  unitId: Id,
  year: number,
  what: string,
): Promise<void> {
  const node = firstLockedNode(await ofUnit(database.nodes, unitId, year).toArray())
  if (node) throw new DbWriteError(lockedMessage(node, what))
}

/**
 * Refuses a budget line change (`after` null: its deletion) that a locked node of its unit-year would
 * see: the line as of that node's month (lineAsOf) differs, or a deletion would take monthly figures
 * the node covers. A 追加 dated after the latest locked month, or a new line for it, goes through.
 */
export async function assertLineOpen(
  database: MonitoringDb,
  before: BudgetLine | undefined,
  after: BudgetLine | null,
  what: string,
): Promise<void> {
  const unitYears = new Map<string, BudgetLine>()
  for (const line of [before, after]) if (line) unitYears.set(`${line.unitId}|${line.year}`, line)
  for (const line of unitYears.values()) {
    const nodes = (await ofUnit(database.nodes, line.unitId, line.year).toArray()).filter(isLocked)
    for (const node of nodes.sort((a, b) => (a.asOfDate < b.asOfDate ? -1 : 1))) {
      const month = coveredMonth(node)
      const figures =
        before && !after
          ? await database.monthlyExecutions
              .where('[budgetLineId+month]')
              .between([before.id, 1], [before.id, month], true, true)
              .count()
          : 0
      if (figures > 0 || lineAsOf(before, month) !== lineAsOf(after, month))
        throw new DbWriteError(lockedMessage(node, what))
    }
  }
}

/** Refuses when any of the nodes is locked (or missing: `missing` says what was not found). */
export async function assertNodesOpen(
  database: MonitoringDb,
  nodeIds: readonly Id[],
  what: string,
  missing: string,
): Promise<MonitoringNode[]> {
  const nodes = await database.nodes.bulkGet([...new Set(nodeIds)])
  const found: MonitoringNode[] = []
  for (const node of nodes) {
    if (!node) throw new DbWriteError(missing)
    if (isLocked(node)) throw new DbWriteError(lockedMessage(node, what))
    found.push(node)
  }
  return found
}

/** Refuses a whole unit-year replacement (import, demo load) that would change a locked node. */
export function assertFrozenUnchanged(before: UnitYearDataset | null, after: UnitYearDataset | null): void {
  if (!before) return
  const message = frozenChangesMessage(frozenFigureChanges(before, after))
  if (message) throw new DbWriteError(message)
}
