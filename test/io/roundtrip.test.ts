import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { readGrids, writeWorkbook } from '@/io/excel/workbook'
import { planImport } from '@/io/importPlan'

describe('export → import', () => {
  it('the demo unit-year exports and re-imports with zero changes', async () => {
    const demo = qiemo2021Dataset()
    const bytes = await writeWorkbook({ dataset: demo })
    const grids = await readGrids(bytes)
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.problems).toEqual([])
    for (const c of Object.values(plan.counts)) expect(c.new + c.changed).toBe(0)
    expect(plan.counts.budgetLines.unchanged).toBe(demo.budgetLines.length)
    expect(plan.counts.indicators.unchanged).toBe(demo.indicators.length)
    expect(plan.counts.readings.unchanged).toBe(demo.readings.length)
    expect(plan.unchanged).toBe(true)
  })
})

describe('formula-looking text is written as text', () => {
  it('names beginning with = + - @ or a tab stay text cells and re-import unchanged', async () => {
    const demo = qiemo2021Dataset()
    const risky = ['=SUM(A1:A9)', '+86-1234', '-1+2', '@cmd', '\t=1+1']
    const dataset = {
      ...demo,
      budgetLines: demo.budgetLines.map((l, i) => (i < risky.length ? { ...l, name: risky[i] } : l)),
      readings: demo.readings.map((r, i) => (i === 0 ? { ...r, deviationText: '=HYPERLINK("http://example.com","点我")' } : r)),
    }
    const bytes = await writeWorkbook({ dataset })
    const zip = await JSZip.loadAsync(bytes)
    const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet')).map((n) => zip.file(n)?.async('string') ?? ''))
    expect(sheetXml.length).toBe(5)
    for (const xml of sheetXml) expect(xml).not.toContain('<f>')
    const grids = await readGrids(bytes)
    const budget = grids.find((g) => g.name === '预算执行')
    expect(budget?.rows.slice(1, 6).map((r) => r[4])).toEqual(risky)
    // Import trims surrounding whitespace (tabs included), so only the tab-led name reads back changed.
    const plan = planImport({ grids, existing: dataset, existingUnit: dataset.unit, existingFramework: dataset.framework })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines).toEqual({ new: 1, changed: 0, unchanged: 4 })
    const untabbed = { ...dataset, budgetLines: dataset.budgetLines.map((l, i) => (i === 4 ? { ...l, name: '=1+1' } : l)) }
    const again = planImport({ grids: await readGrids(await writeWorkbook({ dataset: untabbed })), existing: untabbed, existingUnit: untabbed.unit, existingFramework: untabbed.framework })
    expect(again.unchanged).toBe(true)
  })
})

describe('merge rules', () => {
  it('keeps stored rows the file does not mention, reports changes, and keeps ids', async () => {
    const demo = qiemo2021Dataset()
    const bytes = await writeWorkbook({ dataset: { ...demo, budgetLines: demo.budgetLines.slice(0, 2), readings: [] } })
    const grids = await readGrids(bytes)
    // Edit one amount in the file: 工资福利支出 6月执行数 324.88 → 330 (column P).
    const budget = grids.find((g) => g.name === '预算执行')
    if (!budget) throw new Error('no sheet')
    budget.rows[1][15] = '330'
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines).toEqual({ new: 0, changed: 0, unchanged: 2 })
    expect(plan.counts.monthlyExecutions).toEqual({ new: 0, changed: 1, unchanged: 11 })
    expect(plan.rows.find((r) => r.row === 2)).toMatchObject({ sheet: '预算执行', status: 'changed' })
    expect(plan.dataset?.budgetLines.map((l) => l.id)).toEqual(demo.budgetLines.map((l) => l.id))
    expect(plan.dataset?.readings).toHaveLength(demo.readings.length)
    const june = plan.dataset?.monthlyExecutions.find((e) => e.budgetLineId === 'demo-bl-gzfl' && e.month === 6)
    expect(june).toMatchObject({ id: 'demo-bl-gzfl-m6', spent: '330', allocated: '324.88' })
  })

  it('names a reading of an unknown indicator and a duplicate row', async () => {
    const demo = qiemo2021Dataset()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    const budget = grids.find((g) => g.name === '预算执行')
    if (!readingsSheet || !budget) throw new Error('no sheet')
    readingsSheet.rows[1][4] = '不存在的指标'
    budget.rows.push([...budget.rows[1]])
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    const messages = plan.problems.map((p) => p.message)
    expect(messages).toContain('预算执行 第7行 E列「预算项目名称」与第2行重复（支出类别、经费类型、项目名称、预算项目名称、资金来源都相同）')
    expect(messages.some((m) => m.startsWith('指标填报 第2行 E列「三级指标」找不到指标“整体 / 产出指标 / 数量指标 / 不存在的指标”'))).toBe(true)
    expect(plan.dataset).toBeNull()
  })
})
