/**
 * The Excel file side of the import and export as the UI uses them: read a file into sheet grids
 * (refusing what cannot be read, in Chinese), write a unit-year or the empty template. Everything goes
 * through ExcelJS loaded lazily (`workbook.ts`). Planning the import is `planImport` (../import, pure);
 * reading what it merges with and committing it belong to the store (stores/dataTransfer.ts).
 */
import type { ImportProblem } from '@/domain/importPlan'
import type { ManagementInputs, UnitYearDataset } from '@/domain/types'
import type { SheetGrid } from '../import'
import { MAX_FILE_BYTES, SHEET_INFO } from './layout'
import { WorkbookReadError, readGrids, writeWorkbook } from './workbook'

export type ReadResult = { ok: true; grids: SheetGrid[] } | { ok: false; problems: ImportProblem[] }

function fileProblem(message: string): ReadResult {
  return { ok: false, problems: [{ sheet: '', row: 0, column: '', message }] }
}

/** Reads an .xlsx file into its sheets' cells, or says why it cannot be imported at all. */
export async function readWorkbookGrids(data: ArrayBuffer | Uint8Array): Promise<ReadResult> {
  if (data.byteLength === 0) return fileProblem('文件是空的')
  if (data.byteLength > MAX_FILE_BYTES)
    return fileProblem(`文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB），请拆分后分别导入`)
  let grids: SheetGrid[]
  try {
    grids = await readGrids(data)
  } catch (error) {
    return fileProblem(
      error instanceof WorkbookReadError
        ? error.message
        : '无法读取该文件：它不是有效的 Excel（.xlsx）文件，或文件已损坏。',
    )
  }
  if (!grids.some((g) => g.name === SHEET_INFO) && grids.length === 0) return fileProblem('文件中没有任何工作表')
  return { ok: true, grids }
}

/** The empty template, optionally with 单位名称 and 年度 filled in. */
export async function templateBytes(unitName?: string, year?: number): Promise<ArrayBuffer> {
  return writeWorkbook({ dataset: null, ...(unitName ? { unitName } : {}), ...(year ? { year } : {}) })
}

/** A unit-year in the template's layout (the export), with its 管理指标填报's amounts when given. */
export async function datasetBytes(
  dataset: UnitYearDataset,
  managementInputs: ManagementInputs | null = null,
): Promise<ArrayBuffer> {
  return writeWorkbook({ dataset, managementInputs })
}
