import { describe, expect, it } from 'vitest'
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
