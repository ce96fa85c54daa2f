/**
 * Names are what they look like (docs/domain-rules.md §1.4), on the Excel import: a name typed with a
 * zero-width or bidi character matches the stored row it looks like (“且末县自然资源局\u200b” is the stored unit,
 * not a second one; “工资福利支出\u200b” the stored line), and a data sheet with merged cells is refused with
 * the range named, since ExcelJS reads every cell of a merge as its top-left value. Workbooks are the
 * app's own export of seed 001, edited with ExcelJS in memory.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { commitWorkbook, exportBytes, previewWorkbook } from '@/stores/dataTransfer'
import { readGrids, writeWorkbook } from '@/io/excel/workbook'
import { planImport } from '@/io/import'
import type { MonitoringDb } from '@/db/schema'
import type { UnitYearDataset } from '@/domain/types'
import { expectOk, freshDb, snapshot } from '../db/helpers'

const UNIT = '且末县自然资源局'
const SALARY = '工资福利支出'

/** The database holding seed 001, and its export edited by `edit`. */
async function editedExport(
  edit: (wb: ExcelJS.Workbook) => void,
): Promise<{ database: MonitoringDb; bytes: Uint8Array; demo: UnitYearDataset }> {
  const database = freshDb()
  const demo = qiemo2021Dataset()
  expectOk(await saveUnitYear(demo, { database }))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await exportBytes(demo.unit.id, demo.year, { database })) as ArrayBuffer)
  edit(wb)
  return { database, bytes: new Uint8Array(await wb.xlsx.writeBuffer()), demo }
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}`)
  return ws
}

describe('names with invisible characters match what they look like', () => {
  it('imports “且末县自然资源局\\u200b” and “工资福利支出\\u200b” into the stored unit and line, not new ones', async () => {
    const { database, bytes, demo } = await editedExport((wb) => {
      sheet(wb, '单位信息').getCell('B2').value = `${UNIT}\u200b`
      const budget = sheet(wb, '预算执行')
      budget.getCell('E2').value = `${SALARY}\u200b`
      budget.getCell('H2').value = 10 // 追加 0 → 10, so the import has something to write
      budget.getCell('C6').value = '\u202a国有土地出让金评估项目\u202c'
      sheet(wb, '绩效指标').getCell('D2').value = '办理建设项目用地初审\u200f'
      sheet(wb, '指标填报').getCell('E2').value = '\u2066办理建设项目用地初审\u2069'
    })
    // the file really carries the invisible characters
    const grids = await readGrids(bytes)
    expect(grids.find((g) => g.name === '单位信息')?.rows[1][1]).toBe(`${UNIT}\u200b`)
    expect(grids.find((g) => g.name === '预算执行')?.rows[1][4]).toBe(`${SALARY}\u200b`)
    const preview = await previewWorkbook(bytes, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.value.plan.newUnit).toBe(false)
    expect(preview.value.plan.unitName).toBe(UNIT)
    expect(preview.value.plan.counts.budgetLines).toEqual({ new: 0, changed: 1, unchanged: 4 })
    expect(preview.value.plan.counts.projects).toEqual({ new: 0, changed: 0, unchanged: 1 })
    expect(preview.value.plan.counts.indicators).toEqual({ new: 0, changed: 0, unchanged: demo.indicators.length })
    expect(preview.value.plan.counts.readings.new).toBe(0)
    expect(preview.value.plan.rows.filter((r) => r.status !== 'unchanged')).toEqual([
      { sheet: '预算执行', row: 2, label: `${SALARY}（财政拨款）`, status: 'changed', detail: '追加 0 → 10' },
    ])
    expect(await commitWorkbook(preview.value.grids, { database })).toMatchObject({
      ok: true,
      value: { written: true },
    })
    expect((await database.units.toArray()).map((u) => u.name)).toEqual([UNIT])
    const loaded = await loadUnitYear(demo.unit.id, demo.year, { database })
    expect(loaded?.budgetLines.map((l) => l.name)).toEqual(demo.budgetLines.map((l) => l.name))
    expect(loaded?.budgetLines[0]).toMatchObject({ id: 'demo-bl-gzfl', name: SALARY, additions: '10' })
    expect(loaded?.projects.map((p) => p.name)).toEqual(['国有土地出让金评估项目'])
  })

  it('reads a row of nothing but invisible characters as an empty row', async () => {
    const { database, bytes } = await editedExport((wb) => {
      sheet(wb, '预算执行').getRow(10).values = ['\u200b', '\u200f', '\ufeff']
    })
    const preview = await previewWorkbook(bytes, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.value.plan.unchanged).toBe(true)
  })

  it('keeps look-alike lines stored before names were normalised, matches the first, and warns', async () => {
    const demo = qiemo2021Dataset()
    const legacy = { ...demo.budgetLines[0], id: 'legacy-gzfl', name: `${SALARY}\u200b`, sortOrder: 6 }
    const existing = { ...demo, budgetLines: [...demo.budgetLines, legacy] }
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const plan = planImport({ grids, existing, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines).toEqual({ new: 0, changed: 0, unchanged: 5 })
    expect(plan.warnings.map((w) => w.message)).toEqual([
      `已有的预算行中有两条看起来相同（“${SALARY}”，名称只差看不见的字符或空白），导入只与其中第一条对应；请在录入页面删除或改名多余的一条`,
    ])
    expect(plan.dataset?.budgetLines.map((l) => l.id)).toEqual([...demo.budgetLines.map((l) => l.id), 'legacy-gzfl'])
  })
})

describe('merged cells in a data sheet', () => {
  it('refuses 预算执行 with A3:A5 merged, naming the sheet and range, and writes nothing', async () => {
    const { database, bytes } = await editedExport((wb) => {
      sheet(wb, '预算执行').mergeCells('A3:A5')
    })
    const grids = await readGrids(bytes)
    // ExcelJS copies the top-left value into every merged cell: the rows would all read 基本支出
    expect(grids.find((g) => g.name === '预算执行')?.merges).toEqual([{ top: 3, left: 1, bottom: 5, right: 1 }])
    const before = await snapshot(database)
    const preview = await previewWorkbook(bytes, { database })
    expect(preview.ok).toBe(false)
    if (!preview.ok) {
      expect(preview.problems).toEqual([
        {
          sheet: '预算执行',
          row: 3,
          column: 'A',
          message: '「预算执行」的 A3:A5 是合并单元格，请取消合并并在每一行填写完整后再导入',
        },
      ])
    }
    const committed = await commitWorkbook(grids, { database })
    expect(committed).toEqual({
      ok: false,
      messages: [
        '文件有 1 处问题，未写入任何数据：「预算执行」的 A3:A5 是合并单元格，请取消合并并在每一行填写完整后再导入',
      ],
    })
    expect(await snapshot(database)).toEqual(before)
  })

  it('names every merged range of every sheet the import reads, 单位信息 included', async () => {
    const { database, bytes } = await editedExport((wb) => {
      sheet(wb, '单位信息').mergeCells('B4:B5')
      sheet(wb, '绩效指标').mergeCells('B2:C3')
      sheet(wb, '绩效指标').mergeCells('E6:E7')
    })
    const preview = await previewWorkbook(bytes, { database })
    expect(preview.ok ? [] : preview.problems.map((p) => p.message)).toEqual([
      '「绩效指标」的 B2:C3 是合并单元格，请取消合并并在每一行填写完整后再导入',
      '「绩效指标」的 E6:E7 是合并单元格，请取消合并并在每一行填写完整后再导入',
      '「单位信息」的 B4:B5 是合并单元格，请取消合并并在每一行填写完整后再导入',
    ])
  })

  it('ignores merges in 填写说明 (not imported) and in a header row', async () => {
    const { database, bytes } = await editedExport((wb) => {
      sheet(wb, '填写说明').mergeCells('A2:A4')
      sheet(wb, '纠偏措施').mergeCells('H1:I1')
    })
    const preview = await previewWorkbook(bytes, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.value.plan.unchanged).toBe(true)
  })
})
