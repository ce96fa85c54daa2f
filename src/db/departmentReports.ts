/**
 * The 主管部门's 部门汇总报告 at one monitoring date (StoredDepartmentReport, keyed by 主管部门 and date;
 * docs/domain-rules.md §17.6): the user's paragraph edits, 定稿 and 解除定稿, as db/reports does for a
 * unit's report. 定稿 stores the model exactly as shown (plain data); edits are refused while it is
 * 定稿; 解除定稿 needs a reason, kept in `unlocks` and in the audit log, whose row keeps the frozen model
 * that had been issued. Every write is one audited transaction (runWrite).
 */
import { departmentReportId, type StoredDepartmentReport } from '@/domain/department'
import type { Id, IsoDate } from '@/domain/types'
import { recordAudit } from './audit'
import type { CheckedWriteOptions, DbOptions } from './options'
import { toPlain } from './plain'
import { changedEditKeys, MIN_UNLOCK_REASON } from './reports'
import { DbWriteError, type WriteResult } from './result'
import { db } from './schema'
import { assertRowsUnchanged, runWrite } from './write'

const TABLE = 'departmentReports'

export async function getDepartmentReport(
  departmentUnitId: Id,
  asOfDate: IsoDate,
  { database = db }: DbOptions = {},
): Promise<StoredDepartmentReport | undefined> {
  return database.departmentReports.get(departmentReportId(departmentUnitId, asOfDate))
}

function emptyReport(departmentUnitId: Id, asOfDate: IsoDate, at: string): StoredDepartmentReport {
  return {
    id: departmentReportId(departmentUnitId, asOfDate),
    departmentUnitId,
    asOfDate,
    edits: {},
    unlocks: [],
    updatedAt: at,
  }
}

/**
 * Saves the paragraph edits (key → text); refused once 定稿. With `basis` (the edits the page started
 * from) only the paragraphs changed since `basis` are written over what is stored, and a paragraph
 * another tab changed meanwhile refuses the write with the stored texts (`conflicts`).
 */
export async function saveDepartmentReportEdits(
  departmentUnitId: Id,
  asOfDate: IsoDate,
  edits: Readonly<Record<string, string>>,
  { basis, database = db }: CheckedWriteOptions<Readonly<Record<string, string>>> = {},
): Promise<WriteResult<StoredDepartmentReport, string>> {
  return runWrite(database, [database.departmentReports], async (check) => {
    const id = departmentReportId(departmentUnitId, asOfDate)
    const before = await database.departmentReports.get(id)
    if (before?.frozen) throw new DbWriteError('部门汇总报告已定稿，须先解除定稿才能修改，本次保存未写入任何数据。')
    const at = database.now().toISOString()
    let next: Record<string, string> = { ...edits }
    if (basis) {
      const stored = before?.edits ?? {}
      const changed = changedEditKeys(basis, edits)
      assertRowsUnchanged(
        check,
        TABLE,
        changed.map((key) => ({ key, current: stored[key] ?? null, basis: basis[key] ?? null })),
      )
      next = { ...stored }
      for (const key of changed) {
        if (edits[key] === undefined) delete next[key]
        else next[key] = edits[key]
      }
    }
    const row = toPlain({ ...(before ?? emptyReport(departmentUnitId, asOfDate, at)), edits: next, updatedAt: at })
    await database.departmentReports.put(row)
    await recordAudit(database, [
      { table: TABLE, key: id, before: before ? { edits: before.edits } : null, after: { edits: row.edits } },
    ])
    return row
  })
}

/** 定稿: stores `model` (the report as shown, plain data) with the time. Refused when already 定稿. */
export async function freezeDepartmentReport(
  departmentUnitId: Id,
  asOfDate: IsoDate,
  model: unknown,
  { database = db }: DbOptions = {},
): Promise<WriteResult<StoredDepartmentReport>> {
  return runWrite(database, [database.departmentReports], async () => {
    const id = departmentReportId(departmentUnitId, asOfDate)
    const before = await database.departmentReports.get(id)
    if (before?.frozen) throw new DbWriteError('部门汇总报告已定稿，不能重复定稿。')
    const at = database.now().toISOString()
    const row = toPlain({
      ...(before ?? emptyReport(departmentUnitId, asOfDate, at)),
      frozen: { at, model },
      updatedAt: at,
    })
    await database.departmentReports.put(row)
    await recordAudit(database, [{ table: TABLE, key: id, before: { frozen: false }, after: { frozen: true, at } }])
    return row
  })
}

/**
 * 解除定稿: needs a reason of at least MIN_UNLOCK_REASON characters, kept in `unlocks`; the frozen model
 * leaves the row (the next 定稿 stores a new one) and stays whole in the audit row (`before.model`).
 */
export async function unlockDepartmentReport(
  departmentUnitId: Id,
  asOfDate: IsoDate,
  reason: string,
  { database = db }: DbOptions = {},
): Promise<WriteResult<StoredDepartmentReport>> {
  const why = reason.trim()
  if (why.length < MIN_UNLOCK_REASON)
    return {
      ok: false,
      messages: [`请填写解除定稿的原因（至少${MIN_UNLOCK_REASON}个字），例如“下属单位重新报送，需更新汇总”。`],
      cause: null,
    }
  return runWrite(database, [database.departmentReports], async () => {
    const id = departmentReportId(departmentUnitId, asOfDate)
    const before = await database.departmentReports.get(id)
    if (!before?.frozen) throw new DbWriteError('部门汇总报告未定稿，无需解除定稿。')
    const at = database.now().toISOString()
    const { frozen, ...rest } = before
    const row: StoredDepartmentReport = toPlain({
      ...rest,
      unlocks: [...rest.unlocks, { at, reason: why }],
      updatedAt: at,
    })
    await database.departmentReports.put(row)
    await recordAudit(database, [
      {
        table: TABLE,
        key: id,
        before: { frozen: true, at: frozen.at, model: frozen.model },
        after: { frozen: false, unlockReason: why },
      },
    ])
    return row
  })
}
