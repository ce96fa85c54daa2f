/**
 * The Excel import and export as the UI uses them: read a file into a dry-run plan, commit a plan in
 * one transaction, export a unit-year or the empty template. Everything goes through ExcelJS loaded
 * lazily (`workbook.ts`) and `planImport` (pure).
 */
import { loadImportBase, commitImport } from '@/db/importCommit'
import { loadUnitYear } from '@/db/datasets'
import { db, type MonitoringDb } from '@/db/schema'
import { ofUnit } from '@/db/unitScope'
import type { Id } from '@/domain/types'
import { planImport, readUnitYear, type ImportPlan, type ImportProblem, type SheetGrid } from '../importPlan'
import { MAX_FILE_BYTES, SHEET_INFO } from './layout'
import { WorkbookReadError, readGrids, writeWorkbook } from './workbook'

export type PreviewResult =
  | { ok: true; plan: ImportPlan; grids: SheetGrid[] }
  | { ok: false; problems: ImportProblem[]; plan?: ImportPlan }

function fileProblem(message: string): PreviewResult {
  return { ok: false, problems: [{ sheet: '', row: 0, column: '', message }] }
}

/**
 * Plans `grids` against what is stored now: the unit-year, and every node of the unit (a locked node
 * of any year refuses a change of its 执行率口径).
 */
export async function planGrids(grids: readonly SheetGrid[], database: MonitoringDb = db): Promise<ImportPlan> {
  const target = readUnitYear(grids)
  const base = target ? await loadImportBase(target.unitName, target.year, database) : { existing: null, existingUnit: null, existingFramework: null }
  const unitNodes = base.existingUnit ? await ofUnit(database.nodes, base.existingUnit.id).toArray() : []
  return planImport({ grids, ...base, unitNodes })
}

/** Reads an .xlsx file and plans its import (the dry run). Writes nothing. */
export async function previewWorkbook(data: ArrayBuffer | Uint8Array, database: MonitoringDb = db): Promise<PreviewResult> {
  if (data.byteLength === 0) return fileProblem('文件是空的')
  if (data.byteLength > MAX_FILE_BYTES) return fileProblem(`文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB），请拆分后分别导入`)
  let grids: SheetGrid[]
  try {
    grids = await readGrids(data)
  } catch (error) {
    return fileProblem(error instanceof WorkbookReadError ? error.message : '无法读取该文件：它不是有效的 Excel（.xlsx）文件，或文件已损坏。')
  }
  if (!grids.some((g) => g.name === SHEET_INFO) && grids.length === 0) return fileProblem('文件中没有任何工作表')
  const plan = await planGrids(grids, database)
  return plan.problems.length > 0 ? { ok: false, problems: plan.problems, plan } : { ok: true, plan, grids }
}

export type CommitResult = { ok: true; plan: ImportPlan; written: boolean } | { ok: false; message: string }

/**
 * Commits the import of `grids`: plans again against the data as stored now (another tab may have
 * written since the preview), refuses on any problem, writes nothing when nothing changed, and
 * otherwise stores the merged unit-year in one transaction.
 */
export async function commitWorkbook(grids: readonly SheetGrid[], database: MonitoringDb = db): Promise<CommitResult> {
  const plan = await planGrids(grids, database)
  if (plan.problems.length > 0 || !plan.dataset) {
    return { ok: false, message: `文件有 ${plan.problems.length} 处问题，未写入任何数据：${plan.problems[0]?.message ?? ''}` }
  }
  if (plan.unchanged) return { ok: true, plan, written: false }
  const changedRows = Object.values(plan.counts).reduce((n, c) => n + c.new + c.changed, 0)
  const result = await commitImport(plan.dataset, changedRows, database)
  return result.ok ? { ok: true, plan, written: true } : { ok: false, message: result.message }
}

/** The empty template, optionally with 单位名称 and 年度 filled in. */
export async function templateBytes(unitName?: string, year?: number): Promise<ArrayBuffer> {
  return writeWorkbook({ dataset: null, ...(unitName ? { unitName } : {}), ...(year ? { year } : {}) })
}

/** A unit-year in the template's layout; null when the unit does not exist. */
export async function exportBytes(unitId: Id, year: number, database: MonitoringDb = db): Promise<ArrayBuffer | null> {
  const dataset = await loadUnitYear(unitId, year, database)
  return dataset ? writeWorkbook({ dataset }) : null
}
