import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { deleteBudgetLine, listBudgetLines, listMonthlyExecutions, putBudgetLine, putExecutions } from '@/db/budget'
import { saveUnitYear } from '@/db/datasets'
import { listAudit } from '@/db/audit'
import type { MonthNumber } from '@/domain/types'
import { aBudgetLine, aDataset, anExecution, aProjectLine, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

describe('budget lines', () => {
  it('round-trips budget lines of a unit-year in sortOrder', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aProjectLine(), { database }))
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expectOk(await putBudgetLine(aBudgetLine({ id: 'line-2020', year: 2020 }), { database }))
    expect(await listBudgetLines('unit-qiemo', YEAR, { database })).toStrictEqual([aBudgetLine(), aProjectLine()])
  })

  it('deletes a line with its monthly executions and judgements', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(expectOk(await deleteBudgetLine('line-salary', { database }))).toEqual({
      monthlyExecutions: 2,
      budgetJudgements: 1,
    })
    expect((await listBudgetLines('unit-qiemo', YEAR, { database })).map((l) => l.id)).toEqual(['line-land'])
    expect((await listMonthlyExecutions('unit-qiemo', YEAR, { database })).map((e) => e.id)).toEqual(['exec-land-6'])
    expect(await database.budgetJudgements.count()).toBe(0)
  })
})

describe('putExecutions', () => {
  it('writes a whole month column at once and audits each row', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expectOk(await putBudgetLine(aProjectLine(), { database }))
    const rows = [
      anExecution(),
      anExecution({ id: 'exec-land-6', budgetLineId: 'line-land', allocated: '50.00', spent: '12.50' }),
    ]
    expectOk(await putExecutions(rows, { database }))
    expect(await listMonthlyExecutions('unit-qiemo', YEAR, { database })).toStrictEqual([rows[1], rows[0]])
    const audit = await listAudit({ limit: 2, database })
    expect(audit.map((a) => [a.table, a.key, a.before])).toEqual([
      ['monthlyExecutions', 'exec-land-6', null],
      ['monthlyExecutions', 'exec-salary-6', null],
    ])
  })

  it('updates the stored row for the same line and month even when given a new id', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expectOk(await putExecutions([anExecution()], { database }))
    const stored = expectOk(await putExecutions([anExecution({ id: 'fresh-id', spent: '390.00' })], { database }))
    expect(stored).toEqual([anExecution({ spent: '390.00' })])
    expect(await listMonthlyExecutions('unit-qiemo', YEAR, { database })).toEqual([anExecution({ spent: '390.00' })])
    expect((await listAudit({ limit: 1, database }))[0]).toMatchObject({
      before: anExecution(),
      after: anExecution({ spent: '390.00' }),
    })
  })

  it('writes no row at all when one row of the batch is invalid', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    const before = await snapshot(database)
    const rows = [anExecution({ id: 'e5', month: 5 }), anExecution({ id: 'e13', month: 13 as MonthNumber })]
    expect(expectFailure(await putExecutions(rows, { database }))).toBe(
      '月份 13 无效，应为 1 至 12，本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses the same line and month twice in one batch', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    const rows = [anExecution({ id: 'a' }), anExecution({ id: 'b' })]
    expect(expectFailure(await putExecutions(rows, { database }))).toBe(
      '“工资福利支出”6月的执行数重复录入，本次保存未写入任何数据。',
    )
    expect(await database.monthlyExecutions.count()).toBe(0)
  })

  it('refuses executions of a missing line or of another year', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expect(expectFailure(await putExecutions([anExecution({ budgetLineId: 'ghost' })], { database }))).toBe(
      '月度执行数所属的预算行不存在，本次保存未写入任何数据。',
    )
    expect(expectFailure(await putExecutions([anExecution({ year: 2022 })], { database }))).toBe(
      '“工资福利支出”属于 2021 年度，不能录入 2022 年的执行数。',
    )
  })

  it('rejects a duplicate (line, month) that bypasses the upsert through the unique index', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expectOk(await putExecutions([anExecution()], { database }))
    const result = await database.monthlyExecutions.add(anExecution({ id: 'other' })).then(
      () => 'added',
      (error: unknown) => (error instanceof Error ? error.name : 'unknown'),
    )
    expect(result).toBe('ConstraintError')
  })
})
