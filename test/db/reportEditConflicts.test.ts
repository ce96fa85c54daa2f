/**
 * 监控报告 paragraph edits from two tabs (docs/reliability.md §3): a save writes only the paragraphs it
 * changed, on top of what is stored, so another tab's edit of another paragraph stays; an edit of the
 * same paragraph made meanwhile refuses the save with the stored text and writes nothing.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import { getReport, saveReportEdits } from '@/db/reports'
import { aDataset } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

const PROBLEMS = 'problems.summary'
const ADVICE = 'advice'

async function withReport(edits: Record<string, string>) {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset({ reports: [] }), { database }))
  expectOk(await saveReportEdits('node-h1', edits, { database }))
  return database
}

describe('saveReportEdits with the edits the page started from', () => {
  it("keeps the other tab's edit of another paragraph", async () => {
    const database = await withReport({ [PROBLEMS]: '预算执行进度偏慢。' })
    const tabA = { ...(await getReport('node-h1', { database }))!.edits }
    // tab B writes 意见及建议
    expectOk(await saveReportEdits('node-h1', { ...tabA, [ADVICE]: '加快项目支出。' }, { basis: tabA, database }))
    // tab A, still holding its old copy, changes 存在问题
    expectOk(await saveReportEdits('node-h1', { ...tabA, [PROBLEMS]: '项目支出尚未支付。' }, { basis: tabA, database }))
    expect((await getReport('node-h1', { database }))?.edits).toEqual({
      [PROBLEMS]: '项目支出尚未支付。',
      [ADVICE]: '加快项目支出。',
    })
  })

  it('refuses an edit of a paragraph the other tab changed meanwhile, with its text, and writes nothing', async () => {
    const database = await withReport({ [PROBLEMS]: '预算执行进度偏慢。' })
    const tabA = { ...(await getReport('node-h1', { database }))!.edits }
    expectOk(
      await saveReportEdits('node-h1', { ...tabA, [PROBLEMS]: '乙：人员经费执行偏慢。' }, { basis: tabA, database }),
    )
    const before = await snapshot(database)
    const refused = await saveReportEdits(
      'node-h1',
      { ...tabA, [PROBLEMS]: '甲：项目支出尚未支付。' },
      { basis: tabA, database },
    )
    expect(expectFailure(refused)).toContain('已在其他窗口被修改并保存')
    expect(!refused.ok && refused.conflicts).toEqual([
      { table: 'reports', key: PROBLEMS, theirs: '乙：人员经费执行偏慢。' },
    ])
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('treats removing an edit (恢复起草) like any other change of that paragraph', async () => {
    const database = await withReport({ [PROBLEMS]: '预算执行进度偏慢。', [ADVICE]: '加快项目支出。' })
    const tabA = { ...(await getReport('node-h1', { database }))!.edits }
    const { [ADVICE]: _removed, ...withoutAdvice } = tabA
    expectOk(await saveReportEdits('node-h1', withoutAdvice, { basis: tabA, database }))
    expect((await getReport('node-h1', { database }))?.edits).toEqual({ [PROBLEMS]: '预算执行进度偏慢。' })
    // the other tab still believes 意见及建议 holds its edit: changing it now is a conflict (theirs: removed)
    const refused = await saveReportEdits('node-h1', { ...tabA, [ADVICE]: '另拟建议。' }, { basis: tabA, database })
    expect(!refused.ok && refused.conflicts).toEqual([{ table: 'reports', key: ADVICE, theirs: null }])
  })
})
