/**
 * 预算 and 月度执行 of one unit-year: budget lines, and the cumulative monthly figures per line.
 * Executions are upserted by (budget line, month); a line's deletion takes its executions and its
 * judgements at every node with it. A line's name is stored normalised, and no two lines of a
 * unit-year share an identity (`budgetLineIdentity`: 支出类别, 经费类型, 项目, name, 资金来源).
 */
import { budgetLineIdentity, invisibleNote, newLookAlikes, normalizeBudgetLineNames } from '@/domain/names'
import { CATEGORY_LABELS, SUB_CATEGORY_LABELS } from '@/domain/rates'
import type { BudgetLine, Id, MonthlyExecution, Project } from '@/domain/types'
import { executionKey, type ExecutionsBasis } from '@/domain/executionBasis'
import { recordAudit } from './audit'
import { adoptExistingIds } from './naturalKey'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { assertExecutionsOpen, assertLineOpen } from './lock'
import { ofUnit, startingWith, startingWithAny } from './unitScope'
import { assertRowsUnchanged, assertUnchanged, putAudited, runWrite } from './write'

/** Budget lines of a unit-year in their display order (sortOrder, then id). */
export async function listBudgetLines(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<BudgetLine[]> {
  const lines = await ofUnit(database.budgetLines, unitId, year).toArray()
  return sorted(
    lines,
    (l) => l.sortOrder,
    (l) => l.id,
  )
}

/** Monthly executions of all budget lines of a unit-year, by line then month. */
export async function listMonthlyExecutions(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<MonthlyExecution[]> {
  return database.transaction('r', [database.budgetLines, database.monthlyExecutions], async () => {
    const lineIds = await ofUnit(database.budgetLines, unitId, year).primaryKeys()
    const rows = await startingWithAny(database.monthlyExecutions, '[budgetLineId+month]', lineIds).toArray()
    return sorted(
      rows,
      (r) => r.budgetLineId,
      (r) => r.month,
    )
  })
}

/** '基本支出 / 人员经费 / 财政拨款' or '项目支出 / 国有土地出让金评估项目 / 财政拨款': what sets a line apart. */
function lineKindLabel(line: BudgetLine, projects: readonly Project[]): string {
  const middle =
    line.category === 'basic'
      ? line.subCategory
        ? SUB_CATEGORY_LABELS[line.subCategory]
        : ''
      : (projects.find((p) => p.id === line.projectId)?.name ?? '')
  return [CATEGORY_LABELS[line.category], middle, line.fundSource].filter((part) => part).join(' / ')
}

/**
 * Refuses (DbWriteError) budget lines (names normalised) that would share an identity with another
 * line of their unit-year: `lines` are the rows to store, `stored` the unit-year's lines now, `typed`
 * the names as given by id. Look-alikes already stored before names were normalised pass
 * (`newLookAlikes`). Call inside the write's transaction.
 */
export function assertNoLookAlikeLines(
  lines: readonly BudgetLine[],
  stored: readonly BudgetLine[],
  projects: readonly Project[],
  typed: ReadonlyMap<Id, string> = new Map(),
): void {
  // the last newcomer is the row that joins the others (the one being saved, or a later duplicate)
  const line = newLookAlikes(lines, stored, budgetLineIdentity)[0]?.newcomers.at(-1)
  if (!line) return
  throw new DbWriteError(
    `${line.year} 年度已有预算行“${line.name}”（${lineKindLabel(line, projects)}），同一支出类别、经费类型、项目和资金来源下预算项目名称不能相同` +
      `${invisibleNote(typed.get(line.id) ?? '')}，本次保存未写入任何数据。`,
  )
}

/**
 * Creates or replaces a budget line, its name normalised; a line that would look like another line
 * of its unit-year (same `budgetLineIdentity`) is refused. With `basis` (the line as the
 * editor loaded it, null for a new line), the save is refused with `conflicts` when the stored line
 * changed meanwhile.
 */
export async function putBudgetLine(
  line: BudgetLine,
  { basis, database = db }: CheckedWriteOptions<BudgetLine | null> = {},
): Promise<WriteResult<BudgetLine, BudgetLine>> {
  return runWrite(database, [database.nodes, database.projects, database.budgetLines], async (check) => {
    const row = normalizeBudgetLineNames(toPlain(line))
    if (basis !== undefined) await assertUnchanged(check, database.budgetLines, row.id, basis)
    const before = await database.budgetLines.get(row.id)
    await assertLineOpen(database, before, row, before ? `修改预算行“${before.name}”` : `新增预算行“${row.name}”`)
    const siblings = await ofUnit(database.budgetLines, row.unitId, row.year).toArray()
    const projects = await ofUnit(database.projects, row.unitId, row.year).toArray()
    assertNoLookAlikeLines(
      [...siblings.filter((l) => l.id !== row.id), row],
      siblings,
      projects,
      new Map([[row.id, line.name]]),
    )
    await putAudited(database, database.budgetLines, [row])
    return row
  })
}

/** Deletes a budget line with its monthly executions and its judgements at every node. */
export async function deleteBudgetLine(
  id: Id,
  { database = db }: DbOptions = {},
): Promise<WriteResult<{ monthlyExecutions: number; budgetJudgements: number }>> {
  const tables = [database.nodes, database.budgetLines, database.monthlyExecutions, database.budgetJudgements]
  return runWrite(database, tables, async () => {
    const before = await database.budgetLines.get(id)
    if (!before) throw new DbWriteError('找不到要删除的预算行。')
    await assertLineOpen(database, before, null, `删除预算行“${before.name}”`)
    const removed = {
      monthlyExecutions: await startingWith(database.monthlyExecutions, '[budgetLineId+month]', id).delete(),
      budgetJudgements: await database.budgetJudgements.where('budgetLineId').equals(id).delete(),
    }
    await database.budgetLines.delete(id)
    await recordAudit(database, [{ table: 'budgetLines', key: id, before: { line: before, removed }, after: null }])
    return removed
  })
}

function isMonth(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 12
}

/**
 * Saves many monthly figures at once (a month column, a pasted block) in one transaction: all rows
 * or none. A row for a (line, month) that already exists updates it, whatever id the caller gave.
 * Returns the rows as stored. With `basis`, the save is refused with `conflicts` — one per
 * line and month whose stored figures are no longer those the editor started from, keyed by
 * `executionKey` — and nothing is written.
 */
export async function putExecutions(
  rows: readonly MonthlyExecution[],
  { basis, database = db }: CheckedWriteOptions<ExecutionsBasis> = {},
): Promise<WriteResult<MonthlyExecution[], MonthlyExecution>> {
  return runWrite(database, [database.nodes, database.budgetLines, database.monthlyExecutions], async (check) => {
    const plain = toPlain([...rows])
    if (basis !== undefined) {
      const keys = plain.map((r) => executionKey(r.budgetLineId, r.month))
      const current = await database.monthlyExecutions
        .where('[budgetLineId+month]')
        .anyOf(plain.map((r) => [r.budgetLineId, r.month]))
        .toArray()
      const currentOf = new Map(current.map((r) => [executionKey(r.budgetLineId, r.month), r]))
      assertRowsUnchanged(
        check,
        database.monthlyExecutions.name,
        keys.map((key) => ({ key, current: currentOf.get(key) ?? null, basis: basis[key] ?? null })),
      )
    }
    const lineIds = [...new Set(plain.map((r) => r.budgetLineId))]
    const lines = await database.budgetLines.bulkGet(lineIds)
    const lineById = new Map(lines.flatMap((l) => (l ? [[l.id, l] as const] : [])))
    for (const row of plain) {
      const line = lineById.get(row.budgetLineId)
      if (!line) throw new DbWriteError('月度执行数所属的预算行不存在，本次保存未写入任何数据。')
      if (!isMonth(row.month)) throw new DbWriteError(`月份 ${row.month} 无效，应为 1 至 12，本次保存未写入任何数据。`)
      if (row.year !== line.year) {
        throw new DbWriteError(`“${line.name}”属于 ${line.year} 年度，不能录入 ${row.year} 年的执行数。`)
      }
    }
    // 定稿 freezes the months a locked node covers, whichever screen or file the figures come from
    await assertExecutionsOpen(database, plain, (r) => lineById.get(r.budgetLineId) as BudgetLine)
    const stored = await adoptExistingIds(
      database.monthlyExecutions,
      '[budgetLineId+month]',
      (r) => [r.budgetLineId, r.month],
      plain,
      (r) => `“${lineById.get(r.budgetLineId)?.name ?? ''}”${r.month}月的执行数重复录入，本次保存未写入任何数据。`,
    )
    await putAudited(database, database.monthlyExecutions, stored)
    return stored
  })
}
