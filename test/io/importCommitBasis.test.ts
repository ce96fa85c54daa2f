/**
 * The commit of a previewed import writes against the data as stored when it commits: it reuses the
 * preview's plan only when the stored data it merges with is still exactly what the preview read, and
 * otherwise plans again, so a row another tab added or changed since the preview is kept (not lost
 * to the whole-unit-year write). Workbooks are the app's own export of seed 001, edited with ExcelJS.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { commitWorkbook, exportBytes, previewWorkbook, type ImportReady } from '@/stores/dataTransfer'
import type { MonitoringDb } from '@/db/schema'
import type { UnitYearDataset } from '@/domain/types'
import { expectOk, freshDb } from '../db/helpers'

/** Seed 001 stored, and the preview of its export with 年初预算 of the first line raised by 10. */
async function previewedChange(): Promise<{ database: MonitoringDb; demo: UnitYearDataset; ready: ImportReady }> {
  const database = freshDb()
  const demo = qiemo2021Dataset()
  expectOk(await saveUnitYear(demo, { database }))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await exportBytes(demo.unit.id, demo.year, { database })) as ArrayBuffer)
  const budget = wb.getWorksheet('预算执行')
  if (!budget) throw new Error('no 预算执行')
  budget.getCell('G2').value = Number(budget.getCell('G2').value) + 10
  const preview = await previewWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), { database })
  if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
  expect(preview.value.plan.counts.budgetLines).toMatchObject({ changed: 1 })
  return { database, demo, ready: preview.value }
}

describe('committing a previewed import', () => {
  it('writes the preview’s plan when nothing was stored since the preview', async () => {
    const { database, demo, ready } = await previewedChange()
    const committed = await commitWorkbook(ready.grids, { database, preview: ready })
    expect(committed.ok && committed.value.written).toBe(true)
    // the very plan the preview showed, not a new one
    expect(committed.ok && committed.value.plan).toBe(ready.plan)
    const stored = await loadUnitYear(demo.unit.id, demo.year, { database })
    const first = demo.budgetLines[0]
    expect(stored?.budgetLines.find((l) => l.id === first?.id)?.initialBudget).not.toBe(first?.initialBudget)
  })

  it('plans again when another tab wrote since the preview, and keeps what that tab added', async () => {
    const { database, demo, ready } = await previewedChange()
    // another tab adds a budget line the file does not mention, after the preview
    const template = demo.budgetLines[0]
    if (!template) throw new Error('no line')
    const added = { ...template, id: 'other-tab-line', name: '另一标签页新增的预算行', sortOrder: 99 }
    await database.budgetLines.put(added)
    const committed = await commitWorkbook(ready.grids, { database, preview: ready })
    expect(committed.ok && committed.value.written).toBe(true)
    expect(committed.ok && committed.value.plan).not.toBe(ready.plan)
    const stored = await loadUnitYear(demo.unit.id, demo.year, { database })
    expect(stored?.budgetLines.find((l) => l.id === added.id)).toEqual(added)
    expect(stored?.budgetLines).toHaveLength(demo.budgetLines.length + 1)
  })

  it('plans again when given another file’s preview', async () => {
    const { database, ready } = await previewedChange()
    const grids = ready.grids.map((g) => ({ ...g }))
    const committed = await commitWorkbook(grids, { database, preview: ready })
    expect(committed.ok && committed.value.plan).not.toBe(ready.plan)
    expect(committed.ok && committed.value.written).toBe(true)
  })
})
