/**
 * Measurements for scripts/bench/import.bench.mjs, run in headless Chromium on a page of their own
 * (index.html here, built by vite.config.ts here into dist-bench-import/), never part of the app.
 *
 * - `appImport`: what the user's 导入 does — read the workbook, plan the dry run, commit it with the
 *   preview (the same functions, called as the 导入导出 page's store calls them, on the app's database).
 * - `baselineImport`: the floor — read the same workbook with ExcelJS, turn the budget sheet's rows
 *   into the same budget lines and monthly executions with no checks, and Dexie `bulkPut` them.
 * - `template`: the bytes of 「下载导入模板」, for the script to fill in.
 */
import { createDb } from '@/db/schema'
import type { BudgetLine, DecimalString, MonthNumber, MonthlyExecution } from '@/domain/types'
import { loadExcel } from '@/io/excel/workbook'
import { commitWorkbook, previewWorkbook } from '@/stores/dataTransfer'

export interface AppTiming {
  readMs: number
  commitMs: number
  totalMs: number
  /** the commit planned again (the stored data changed since the preview: never, on a fresh database) */
  replanned: boolean
  rows: number
  problems: number
}

export async function appImport(bytes: Uint8Array): Promise<AppTiming> {
  const t0 = performance.now()
  const preview = await previewWorkbook(bytes)
  const t1 = performance.now()
  if (!preview.ok)
    return {
      readMs: t1 - t0,
      commitMs: 0,
      totalMs: t1 - t0,
      replanned: false,
      rows: 0,
      problems: preview.problems.length,
    }
  const committed = await commitWorkbook(preview.value.grids, { preview: preview.value })
  const t2 = performance.now()
  if (!committed.ok) throw new Error(committed.messages.join('；'))
  return {
    readMs: t1 - t0,
    commitMs: t2 - t1,
    totalMs: t2 - t0,
    replanned: committed.value.plan !== preview.value.plan,
    rows: preview.value.plan.counts.budgetLines.new + preview.value.plan.counts.monthlyExecutions.new,
    problems: 0,
  }
}

export async function baselineImport(
  bytes: Uint8Array,
  dbName: string,
): Promise<{ totalMs: number; readMs: number; writeMs: number; rows: number }> {
  const t0 = performance.now()
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('预算执行')
  const lines: BudgetLine[] = []
  const executions: MonthlyExecution[] = []
  sheet?.eachRow((row, n) => {
    if (n === 1) return
    const cell = (c: number) => row.getCell(c).value
    // the floor takes the cells unchecked, on purpose (no parseDecimalString): hence the casts
    const amount = (c: number) => String(cell(c)) as DecimalString
    const id = `b${n}`
    lines.push({
      id,
      unitId: 'u',
      year: 2024,
      category: 'basic',
      subCategory: 'public',
      name: String(cell(5)),
      fundSource: '财政拨款',
      initialBudget: amount(7),
      additions: '0',
      reductions: '0',
      carryOver: '0',
      sortOrder: n,
    })
    for (let m = 1; m <= 12; m++) {
      const spent = cell(10 + m)
      if (spent === null || spent === undefined) continue
      executions.push({
        id: `${id}-${m}`,
        budgetLineId: id,
        year: 2024,
        month: m as MonthNumber,
        spent: String(spent) as DecimalString,
        allocated: amount(22 + m),
      })
    }
  })
  const t1 = performance.now()
  const database = createDb(dbName)
  await database.transaction('rw', [database.budgetLines, database.monthlyExecutions], async () => {
    await database.budgetLines.bulkPut(lines)
    await database.monthlyExecutions.bulkPut(executions)
  })
  database.close()
  const t2 = performance.now()
  return { totalMs: t2 - t0, readMs: t1 - t0, writeMs: t2 - t1, rows: lines.length + executions.length }
}

/** The empty template as plain numbers (what page.evaluate can hand back to Node). */
export async function template(): Promise<number[]> {
  const { templateBytes } = await import('@/io/excel/importWorkbook')
  return [...new Uint8Array(await templateBytes())]
}

Object.assign(window, { __importBench: { appImport, baselineImport, template } })
