import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import { unitLoss, unitYearLoss } from '@/db/dataLoss'
import { deleteUnit, putUnit } from '@/db/units'
import { aDataset, aNode, aReport, aTarget, aUnit, aBudgetLine, anExecution, aProject } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

/** The fixture unit with 2021 (seed-001-like, its report 定稿) and a small 2022, plus another unit. */
async function twoYears() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset({ reports: [aReport({ frozen: { at: '2021-07-02T08:00:00.000Z', model: { version: 1 } } })] }), database))
  expectOk(await saveUnitYear(aDataset({
    year: 2022,
    framework: { year: 2022, level1: [] },
    projects: [aProject({ id: 'proj-2022', year: 2022 })],
    budgetLines: [aBudgetLine({ id: 'line-2022', year: 2022 })],
    monthlyExecutions: [anExecution({ id: 'exec-2022-1', budgetLineId: 'line-2022', year: 2022, month: 1 })],
    targets: [aTarget({ id: 'target-2022', year: 2022 })],
    indicators: [],
    nodes: [aNode({ id: 'node-2022', year: 2022, asOfDate: '2022-06-30', label: '2022年1-6月' })],
    readings: [], budgetJudgements: [], alerts: [], measures: [], reports: [],
  }), database))
  expectOk(await saveUnitYear(aDataset({
    unit: aUnit({ id: 'unit-other', name: '另一单位' }),
    projects: [], budgetLines: [], monthlyExecutions: [], indicators: [], readings: [], budgetJudgements: [], alerts: [], measures: [], reports: [],
    targets: [aTarget({ id: 'target-other', unitId: 'unit-other' })],
    nodes: [aNode({ id: 'node-other', unitId: 'unit-other' })],
  }), database))
  return database
}

describe('the warning before 删除单位', () => {
  it('names the unit, its years and counts exactly what deleteUnit then removes', async () => {
    const database = await twoYears()
    const loss = await unitLoss('unit-qiemo', database)
    expect(loss?.unit.name).toBe('且末县自然资源局')
    expect(loss?.years).toStrictEqual([2021, 2022])
    expect(loss?.frozenReports).toBe(1)
    expect(loss?.counts).toStrictEqual({
      projects: 2, budgetLines: 3, monthlyExecutions: 4, targets: 2, indicators: 2,
      nodes: 2, readings: 2, budgetJudgements: 1, alerts: 1, measures: 1, reports: 1,
    })
    const removed = expectOk(await deleteUnit('unit-qiemo', database))
    expect(removed).toStrictEqual(loss?.counts)
    expect(await unitLoss('unit-qiemo', database)).toBeNull()
    // the other unit is untouched
    expect((await unitLoss('unit-other', database))?.counts).toMatchObject({ targets: 1, nodes: 1 })
  })

  it('counts one unit-year for 重新载入 (the other years are not replaced)', async () => {
    const database = await twoYears()
    const loss = await unitYearLoss('unit-qiemo', 2022, database)
    expect(loss?.years).toStrictEqual([2022])
    expect(loss?.counts).toStrictEqual({
      projects: 1, budgetLines: 1, monthlyExecutions: 1, targets: 1, indicators: 0,
      nodes: 1, readings: 0, budgetJudgements: 0, alerts: 0, measures: 0, reports: 0,
    })
  })

  it('deletes in one transaction: a failure at the last step leaves every table as it was', async () => {
    const database = await twoYears()
    const before = await snapshot(database)
    // the unit row itself is deleted last, after all its children: fail exactly there
    const spy = vi.spyOn(database.units, 'delete').mockRejectedValue(new Error('QuotaExceededError'))
    expectFailure(await deleteUnit('unit-qiemo', database))
    spy.mockRestore()
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('counts nothing beyond the unit for a unit with no data yet', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit({ id: 'unit-empty', name: '空单位' }), database))
    const loss = await unitLoss('unit-empty', database)
    expect(loss?.years).toStrictEqual([])
    expect(Object.values(loss?.counts ?? {}).every((n) => n === 0)).toBe(true)
  })
})
