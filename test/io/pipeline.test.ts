import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { saveUnitYear, loadUnitYear } from '@/db/datasets'
import { templateBytes } from '@/io/excel/importWorkbook'
import { commitWorkbook, exportBytes, previewWorkbook } from '@/stores/dataTransfer'
import type { UnitYearDataset } from '@/domain/types'
import { readGrids } from '@/io/excel/workbook'
import { expectOk, freshDb, snapshot } from '../db/helpers'

/** The demo with a 预算研判 of every line and a 分月计划, so every sheet of the workbook has rows. */
function fullDemo(): UnitYearDataset {
  const demo = qiemo2021Dataset()
  return {
    ...demo,
    budgetJudgements: demo.budgetLines.map((l, i) => ({
      id: `demo-bj-${l.id}`,
      nodeId: demo.nodes[0].id,
      budgetLineId: l.id,
      yearEndForecast: l.initialBudget,
      likelihood: i === 4 ? ('有可能' as const) : ('确定能' as const),
      deviationCauses: i === 4 ? ['其他' as const] : [],
      deviationText: i === 4 ? '下半年支付。' : '',
    })),
    indicators: demo.indicators.map((ind) =>
      ind.name === '办理建设项目用地初审'
        ? { ...ind, monthlyPlan: ['1', '2', '3', '5', '6', '8', '9', '10', '11', '12', '14', '15'] }
        : ind,
    ),
  }
}

describe('import pipeline on a database', () => {
  it('export of the demo re-imports as a no-op and writes nothing', async () => {
    const database = freshDb()
    const demo = qiemo2021Dataset()
    expectOk(await saveUnitYear(demo, { database }))
    const before = await snapshot(database)
    const bytes = await exportBytes(demo.unit.id, demo.year, { database })
    expect(bytes).not.toBeNull()
    const preview = await previewWorkbook(bytes as ArrayBuffer, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.value.plan.unchanged).toBe(true)
    const committed = await commitWorkbook(preview.value.grids, { database })
    expect(committed).toMatchObject({ ok: true, value: { written: false } })
    expect(await snapshot(database)).toEqual(before)
  })

  it('imports the export into an empty database, and a second import changes nothing', async () => {
    const source = freshDb()
    const demo = qiemo2021Dataset()
    expectOk(await saveUnitYear(demo, { database: source }))
    const bytes = (await exportBytes(demo.unit.id, demo.year, { database: source })) as ArrayBuffer
    const database = freshDb()
    const preview = await previewWorkbook(bytes, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.value.plan.counts.budgetLines.new).toBe(5)
    expect(preview.value.plan.counts.monthlyExecutions.new).toBe(30)
    expect(preview.value.plan.counts.indicators.new).toBe(demo.indicators.length)
    expect(preview.value.plan.counts.nodes.new).toBe(1)
    const first = await commitWorkbook(preview.value.grids, { database })
    expect(first).toMatchObject({ ok: true, value: { written: true } })
    // The reminder counts every imported row: 8 group members, 1 project, 5 lines, 30 months, 1 target,
    // 22 indicators, 1 node, 22 readings, 2 measures, and the 13 amounts of 管理指标.
    const { backupStatus } = await import('@/db/meta')
    expect((await backupStatus({ database })).changesSinceBackup).toBe(105)
    const after = await snapshot(database)
    const again = await previewWorkbook(bytes, { database })
    if (!again.ok) expect.fail('second preview failed')
    expect(again.value.plan.unchanged).toBe(true)
    expect(await commitWorkbook(again.value.grids, { database })).toMatchObject({ ok: true, value: { written: false } })
    expect(await snapshot(database)).toEqual(after)
    const units = await database.units.toArray()
    const loaded = await loadUnitYear(units[0].id, 2021, { database })
    // 1493.25 万元 budget, June 执行数 383.74 (seed 001)
    const total = loaded?.budgetLines.reduce((s, l) => s + Number(l.initialBudget), 0)
    expect(total?.toFixed(2)).toBe('1493.25')
    const june = loaded?.monthlyExecutions.filter((e) => e.month === 6).reduce((s, e) => s + Number(e.spent), 0)
    expect(june?.toFixed(2)).toBe('383.74')
  })

  it('the demo with every sheet filled exports, re-imports with zero changes, and imports whole into an empty database', async () => {
    const source = freshDb()
    const demo = fullDemo()
    expectOk(await saveUnitYear(demo, { database: source }))
    const before = await snapshot(source)
    const bytes = (await exportBytes(demo.unit.id, demo.year, { database: source })) as ArrayBuffer
    const same = await previewWorkbook(bytes, { database: source })
    if (!same.ok) expect.fail(same.problems.map((p) => p.message).join('\n'))
    expect(same.value.plan.unchanged).toBe(true)
    expect(same.value.plan.counts.budgetJudgements.unchanged).toBe(5)
    expect(await commitWorkbook(same.value.grids, { database: source })).toMatchObject({
      ok: true,
      value: { written: false },
    })
    expect(await snapshot(source)).toEqual(before)

    const database = freshDb()
    const preview = await previewWorkbook(bytes, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(await commitWorkbook(preview.value.grids, { database })).toMatchObject({
      ok: true,
      value: { written: true },
    })
    const units = await database.units.toArray()
    const loaded = await loadUnitYear(units[0].id, 2021, { database })
    expect(loaded?.unit.monitoringGroup).toEqual(demo.unit.monitoringGroup)
    expect(loaded?.unit.financeOfficer).toBe('郝永婕')
    expect(loaded?.unit.departments).toEqual(demo.unit.departments)
    expect(loaded?.targets.map((t) => t.description)).toEqual(demo.targets.map((t) => t.description))
    expect(loaded?.indicators.find((i) => i.name === '办理建设项目用地初审')?.monthlyPlan).toEqual([
      '1',
      '2',
      '3',
      '5',
      '6',
      '8',
      '9',
      '10',
      '11',
      '12',
      '14',
      '15',
    ])
    // New rows get ids from their natural keys and the file's spelling of numbers ('150' for '150.00').
    const judged = (d: UnitYearDataset) =>
      d.budgetJudgements
        .map((j) =>
          [
            d.budgetLines.find((l) => l.id === j.budgetLineId)?.name,
            Number(j.yearEndForecast),
            j.likelihood,
            j.deviationCauses.join('、'),
            j.deviationText,
          ].join('|'),
        )
        .sort()
    expect(loaded && judged(loaded)).toEqual(judged(demo))
    const strip = <T extends { id: string; nodeId: string }>(rows: readonly T[]) =>
      rows.map(({ id: _i, nodeId: _n, ...rest }) => rest)
    expect(strip(loaded?.measures ?? []).map(({ unitId: _u, ...rest }) => rest)).toEqual(
      strip(demo.measures).map(({ unitId: _u, ...rest }) => rest),
    )
  })

  it('commits one changed monitoring-group member and nothing else', async () => {
    const database = freshDb()
    const demo = fullDemo()
    expectOk(await saveUnitYear(demo, { database }))
    const grids = await readGrids((await exportBytes(demo.unit.id, demo.year, { database })) as ArrayBuffer)
    const group = grids.find((g) => g.name === '监控小组')
    if (!group) throw new Error('no 监控小组 sheet')
    group.rows[8][2] = '成员'
    const before = await snapshot(database)
    const committed = await commitWorkbook(grids, { database })
    expect(committed).toMatchObject({ ok: true, value: { written: true } })
    if (committed.ok)
      expect(committed.value.plan.rows.filter((r) => r.status !== 'unchanged')).toEqual([
        { sheet: '监控小组', row: 9, label: '黄俊凯（成员）', status: 'changed', detail: '小组分工 副组长 → 成员' },
      ])
    const after = await snapshot(database)
    expect((after.units[0] as { monitoringGroup: unknown[] }).monitoringGroup[7]).toEqual({
      name: '黄俊凯',
      title: '自然资源局挂职副局长',
      role: '成员',
    })
    for (const table of [
      'projects',
      'budgetLines',
      'monthlyExecutions',
      'targets',
      'indicators',
      'nodes',
      'readings',
      'budgetJudgements',
      'measures',
    ]) {
      expect(after[table], table).toEqual(before[table])
    }
  })

  it('the empty template previews as "no data" with a message', async () => {
    const database = freshDb()
    const preview = await previewWorkbook(await templateBytes('某单位', 2024), { database })
    expect(preview.ok).toBe(false)
    if (!preview.ok) expect(preview.problems[0].message).toContain('没有可导入的数据')
  })
})

describe('commitImport', () => {
  it('is all or nothing: a dataset the store refuses leaves every table as it was', async () => {
    const { commitImport } = await import('@/db/importCommit')
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    const before = await snapshot(database)
    const demo = qiemo2021Dataset()
    const broken = {
      ...demo,
      unit: { ...demo.unit, name: '改名后的单位' },
      readings: [...demo.readings, { ...demo.readings[0], id: 'orphan', indicatorId: 'missing' }],
    }
    const result = await commitImport(broken, { changedRows: 50, database })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.messages[0]).toContain('有指标填报指向不存在的监控节点或指标')
    expect(await snapshot(database)).toEqual(before)
  })
})
