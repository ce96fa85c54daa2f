import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { saveUnitYear, loadUnitYear } from '@/db/datasets'
import { commitWorkbook, exportBytes, previewWorkbook, templateBytes } from '@/io/excel/importWorkbook'
import { expectOk, freshDb, snapshot } from '../db/helpers'

describe('import pipeline on a database', () => {
  it('export of the demo re-imports as a no-op and writes nothing', async () => {
    const database = freshDb()
    const demo = qiemo2021Dataset()
    expectOk(await saveUnitYear(demo, database))
    const before = await snapshot(database)
    const bytes = await exportBytes(demo.unit.id, demo.year, database)
    expect(bytes).not.toBeNull()
    const preview = await previewWorkbook(bytes as ArrayBuffer, database)
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.plan.unchanged).toBe(true)
    const committed = await commitWorkbook(preview.grids, database)
    expect(committed).toMatchObject({ ok: true, written: false })
    expect(await snapshot(database)).toEqual(before)
  })

  it('imports the export into an empty database, and a second import changes nothing', async () => {
    const source = freshDb()
    const demo = qiemo2021Dataset()
    expectOk(await saveUnitYear(demo, source))
    const bytes = (await exportBytes(demo.unit.id, demo.year, source)) as ArrayBuffer
    const database = freshDb()
    const preview = await previewWorkbook(bytes, database)
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.plan.counts.budgetLines.new).toBe(5)
    expect(preview.plan.counts.monthlyExecutions.new).toBe(30)
    expect(preview.plan.counts.indicators.new).toBe(demo.indicators.length)
    expect(preview.plan.counts.nodes.new).toBe(1)
    const first = await commitWorkbook(preview.grids, database)
    expect(first).toMatchObject({ ok: true, written: true })
    // The reminder counts every imported row: 8 group members, 1 project, 5 lines, 30 months, 1 target,
    // 22 indicators, 1 node, 22 readings, 2 measures.
    const { backupStatus } = await import('@/db/meta')
    expect((await backupStatus(database)).changesSinceBackup).toBe(92)
    const after = await snapshot(database)
    const again = await previewWorkbook(bytes, database)
    if (!again.ok) expect.fail('second preview failed')
    expect(again.plan.unchanged).toBe(true)
    expect(await commitWorkbook(again.grids, database)).toMatchObject({ ok: true, written: false })
    expect(await snapshot(database)).toEqual(after)
    const units = await database.units.toArray()
    const loaded = await loadUnitYear(units[0].id, 2021, database)
    // 1493.25 万元 budget, June 执行数 383.74 (seed 001)
    const total = loaded?.budgetLines.reduce((s, l) => s + Number(l.initialBudget), 0)
    expect(total?.toFixed(2)).toBe('1493.25')
    const june = loaded?.monthlyExecutions.filter((e) => e.month === 6).reduce((s, e) => s + Number(e.spent), 0)
    expect(june?.toFixed(2)).toBe('383.74')
  })

  it('the empty template previews as "no data" with a message', async () => {
    const database = freshDb()
    const preview = await previewWorkbook(await templateBytes('某单位', 2024), database)
    expect(preview.ok).toBe(false)
    if (!preview.ok) expect(preview.problems[0].message).toContain('没有可导入的数据')
  })
})

describe('commitImport', () => {
  it('is all or nothing: a dataset the store refuses leaves every table as it was', async () => {
    const { commitImport } = await import('@/db/importCommit')
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), database))
    const before = await snapshot(database)
    const demo = qiemo2021Dataset()
    const broken = { ...demo, unit: { ...demo.unit, name: '改名后的单位' }, readings: [...demo.readings, { ...demo.readings[0], id: 'orphan', indicatorId: 'missing' }] }
    const result = await commitImport(broken, 50, database)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain('有指标填报指向不存在的监控节点或指标')
    expect(await snapshot(database)).toEqual(before)
  })
})
