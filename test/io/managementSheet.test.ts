/**
 * The 管理指标 sheet of the import template (template version 4; docs/domain-rules.md §11.3): the template
 * lists every amount of 管理指标填报 with its unit, the export writes the stored amounts, and importing
 * it back changes nothing; a changed amount is previewed and stored (the values entered item by item
 * and the remarks stay); a bad cell is named by sheet, row and column and nothing is written; a
 * workbook without the sheet (template version 3) still imports and keeps what was entered.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { saveUnitYear } from '@/db/datasets'
import { getManagementInputs } from '@/db/scoring'
import { templateBytes } from '@/io/excel/importWorkbook'
import { readGrids } from '@/io/excel/workbook'
import type { SheetGrid } from '@/io/import'
import { commitWorkbook, exportBytes, planGrids } from '@/stores/dataTransfer'
import type { CellValue } from '@/domain/importParsing'
import { expectOk, freshDb, snapshot } from '../db/helpers'

const DEMO_UNIT = 'demo-qiemo-zrzyj'

async function demoDatabase() {
  const database = freshDb()
  expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
  return database
}

async function exportedGrids(database: ReturnType<typeof freshDb>): Promise<SheetGrid[]> {
  return readGrids((await exportBytes(DEMO_UNIT, 2021, { database })) as ArrayBuffer)
}

/** The grids with the 管理指标 sheet's rows replaced (header kept). */
function withManagementRows(grids: SheetGrid[], rows: CellValue[][]): SheetGrid[] {
  return grids.map((g) => (g.name === '管理指标' ? { ...g, rows: [g.rows[0] ?? [], ...rows] } : g))
}

describe('管理指标 in the template and the export', () => {
  it('the template lists the 13 amounts by name with their units and no values', async () => {
    const grids = await readGrids(await templateBytes('某单位', 2021))
    expect(grids.find((g) => g.name === '管理指标')?.rows).toEqual([
      ['名称', '数值', '单位'],
      ['编制数', null, '人'],
      ['在职人数', null, '人'],
      ['“三公”经费预算', null, '万元'],
      ['“三公”经费实际支出', null, '万元'],
      ['上年“三公”经费支出', null, '万元'],
      ['公用经费年初预算', null, '万元'],
      ['公用经费实际支出', null, '万元'],
      ['年末结转结余', null, '万元'],
      ['非税收入预算', null, '万元'],
      ['非税收入实际', null, '万元'],
      ['政府采购预算', null, '万元'],
      ['政府采购实际', null, '万元'],
      ['重点支出', null, '万元'],
    ])
  })

  it('exports the demo’s amounts, and importing the export changes nothing', async () => {
    const database = await demoDatabase()
    const grids = await exportedGrids(database)
    const sheet = grids.find((g) => g.name === '管理指标')
    expect(sheet?.rows.slice(1, 4)).toEqual([
      ['编制数', 45, '人'],
      ['在职人数', 43, '人'],
      ['“三公”经费预算', 12, '万元'],
    ])
    expect(sheet?.rows[8]).toEqual(['年末结转结余', 231.97, '万元'])
    const before = await snapshot(database)
    const plan = await planGrids(grids, { database })
    expect(plan.problems).toEqual([])
    expect(plan.unchanged).toBe(true)
    expect(plan.rows.filter((r) => r.sheet === '管理指标').map((r) => r.status)).toEqual(Array(13).fill('unchanged'))
    expect(await commitWorkbook(grids, { database })).toMatchObject({ ok: true, value: { written: false } })
    expect(await snapshot(database)).toStrictEqual(before)
  })
})

describe('importing 管理指标', () => {
  it('previews a changed amount and stores it; a blank keeps the stored one; the items entered stay', async () => {
    const database = await demoDatabase()
    const grids = withManagementRows(await exportedGrids(database), [
      ['编制数', 46, '人'],
      ['在职人数', '', '人'],
      ['"三公"经费实际支出', '10.50万元', ''],
    ])
    const plan = await planGrids(grids, { database })
    expect(plan.problems).toEqual([])
    expect(plan.unchanged).toBe(false)
    expect(plan.rows.filter((r) => r.sheet === '管理指标')).toEqual([
      { sheet: '管理指标', row: 2, label: '编制数', status: 'changed', detail: '编制数 45 → 46' },
      {
        sheet: '管理指标',
        row: 4,
        label: '“三公”经费实际支出',
        status: 'changed',
        detail: '“三公”经费实际支出 9.86 → 10.5',
      },
    ])
    expect(await commitWorkbook(grids, { database })).toMatchObject({ ok: true, value: { written: true } })
    const stored = await getManagementInputs(DEMO_UNIT, 2021, { database })
    const demo = qiemo2021Dataset().managementInputs
    expect(stored).toStrictEqual({
      ...demo,
      amounts: { ...demo?.amounts, staffingQuota: '46', threePublicActual: '10.5' },
    })
  })

  it('names every bad cell by sheet, row and column, and writes nothing', async () => {
    const database = await demoDatabase()
    const before = await snapshot(database)
    const grids = withManagementRows(await exportedGrids(database), [
      ['编制数', 45.5, '人'],
      ['三公经费', 12, '万元'],
      ['年末结转结余', '-3', '万元'],
      ['重点支出', '一百', '万元'],
      ['编制数', 45, '人'],
    ])
    const plan = await planGrids(grids, { database })
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'B', '管理指标 第2行 B列「数值」应为不小于0的整数（人）：“45.5”'],
      [
        3,
        'A',
        '管理指标 第3行 A列「名称」「三公经费」不是管理指标，可填：编制数、在职人数、“三公”经费预算、“三公”经费实际支出、上年“三公”经费支出、公用经费年初预算、公用经费实际支出、年末结转结余、非税收入预算、非税收入实际、政府采购预算、政府采购实际、重点支出',
      ],
      [4, 'B', '管理指标 第4行 B列「数值」不能为负数：“-3”'],
      [5, 'B', '管理指标 第5行 B列「数值」不是有效金额：“一百”'],
      [6, 'A', '管理指标 第6行 A列「名称」与第2行重复（同一名称只能填写一行）'],
    ])
    expect((await commitWorkbook(grids, { database })).ok).toBe(false)
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('a workbook without the sheet (template version 3) still imports and keeps what was entered', async () => {
    const database = await demoDatabase()
    const grids = (await exportedGrids(database)).filter((g) => g.name !== '管理指标')
    // one changed figure elsewhere, so the import writes
    const budget = grids.find((g) => g.name === '预算执行')
    if (budget) budget.rows[1] = budget.rows[1].map((cell, i) => (i === 6 ? 1130 : cell))
    const plan = await planGrids(grids, { database })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines.changed).toBe(1)
    expect(await commitWorkbook(grids, { database })).toMatchObject({ ok: true, value: { written: true } })
    expect(await getManagementInputs(DEMO_UNIT, 2021, { database })).toStrictEqual(qiemo2021Dataset().managementInputs)
  })

  it('a new unit’s workbook creates its 管理指标填报 from the sheet', async () => {
    const source = await demoDatabase()
    const grids = await exportedGrids(source)
    const database = freshDb()
    expect(await commitWorkbook(grids, { database })).toMatchObject({ ok: true, value: { written: true } })
    const [unit] = await database.units.toArray()
    const stored = await getManagementInputs(unit.id, 2021, { database })
    // the amounts as the cells hold them (12.00 written as the number 12)
    expect(stored?.amounts).toMatchObject({ staffingQuota: '45', threePublicBudget: '12', yearEndCarryOver: '231.97' })
    expect(stored?.entries).toEqual({})
  })
})
