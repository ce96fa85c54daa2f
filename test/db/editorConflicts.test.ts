/**
 * Two tabs editing the same 三级指标, 单位信息 or 月度执行 figures (docs/reliability.md §3): a save that
 * carries the rows its editor loaded is refused, with the other tab's version and nothing written,
 * when any of them changed meanwhile; taking the other version as the basis (覆盖) then overwrites.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import { listMonthlyExecutions, putExecutions } from '@/db/budget'
import { putFramework, putIndicator, putTarget } from '@/db/targets'
import { putProject } from '@/db/projects'
import { listBudgetJudgements, putBudgetJudgements } from '@/db/nodes'
import { putUnit } from '@/db/units'
import { anExecution, anIndicator, aDataset, aJudgement, aProject, aTarget, aUnit } from './fixtures'
import { expectOk, freshDb, snapshot } from './helpers'

async function seeded() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset(), { database }))
  return database
}

describe('putIndicator with a basis', () => {
  it('refuses an indicator changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = anIndicator()
    expectOk(await putIndicator(anIndicator({ targetValue: '18' }), { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await putIndicator(anIndicator({ targetValue: '16' }), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([
      { table: 'indicators', key: 'ind-review', theirs: anIndicator({ targetValue: '18' }) },
    ])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses an indicator deleted in another tab (theirs is null)', async () => {
    const database = await seeded()
    await database.indicators.delete('ind-review')
    const tabB = await putIndicator(anIndicator({ targetValue: '16' }), { basis: anIndicator(), database })
    expect(tabB.ok ? [] : tabB.conflicts).toEqual([{ table: 'indicators', key: 'ind-review', theirs: null }])
    expect(await database.indicators.get('ind-review')).toBeUndefined()
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putIndicator(anIndicator({ targetValue: '18' }), { database }))
    const refused = await putIndicator(anIndicator({ targetValue: '16' }), { basis: anIndicator(), database })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs ?? null)
    expectOk(await putIndicator(anIndicator({ targetValue: '16' }), { basis: theirs, database }))
    expect((await database.indicators.get('ind-review'))?.targetValue).toBe('16')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'indicators', before: { targetValue: '18' }, after: { targetValue: '16' } })
  })

  it('accepts a new indicator (basis null) and an unchanged one', async () => {
    const database = await seeded()
    expectOk(await putIndicator(anIndicator({ id: 'ind-new', name: '新增建设用地报批' }), { basis: null, database }))
    expectOk(await putIndicator(anIndicator({ targetValue: '20' }), { basis: anIndicator(), database }))
    expect((await database.indicators.get('ind-review'))?.targetValue).toBe('20')
  })
})

describe('putUnit with a basis', () => {
  it('refuses a unit changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = aUnit()
    expectOk(await putUnit(aUnit({ financeOfficer: '王五' }), { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await putUnit(aUnit({ departments: ['财务室'] }), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([{ table: 'units', key: 'unit-qiemo', theirs: aUnit({ financeOfficer: '王五' }) }])
    expect(await snapshot(database)).toEqual(before)
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putUnit(aUnit({ financeOfficer: '王五' }), { database }))
    const refused = await putUnit(aUnit({ financeOfficer: '赵六' }), { basis: aUnit(), database })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs ?? null)
    expectOk(await putUnit(aUnit({ financeOfficer: '赵六' }), { basis: theirs, database }))
    expect((await database.units.get('unit-qiemo'))?.financeOfficer).toBe('赵六')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({
      table: 'units',
      before: { financeOfficer: '王五' },
      after: { financeOfficer: '赵六' },
    })
  })
})

describe('putExecutions with a basis', () => {
  const basisOf = (rows: ReturnType<typeof anExecution>[]) =>
    Object.fromEntries(rows.map((r) => [`${r.budgetLineId}|${r.month}`, r]))

  it('refuses the second tab, names each changed month with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = basisOf(await listMonthlyExecutions('unit-qiemo', 2021, { database }))
    expectOk(await putExecutions([anExecution({ spent: '400.00' })], { basis, database })) // tab A: 工资福利支出 6月
    const before = await snapshot(database)
    // Tab B, on the figures it loaded: 6月 (changed by A), 5月 (untouched by A) and a new 7月
    const tabB = await putExecutions(
      [
        anExecution({ spent: '390.00' }),
        anExecution({ id: 'exec-salary-5', month: 5, allocated: '600.00', spent: '330.00' }),
        anExecution({ id: 'new-7', month: 7, allocated: '800.00', spent: '450.00' }),
      ],
      { basis, database },
    )
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([
      { table: 'monthlyExecutions', key: 'line-salary|6', theirs: anExecution({ spent: '400.00' }) },
    ])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a first figure when the other tab entered that month meanwhile', async () => {
    const database = await seeded()
    expectOk(
      await putExecutions([anExecution({ id: 'from-a', month: 7, allocated: '800.00', spent: '450.00' })], {
        database,
      }),
    )
    const tabB = await putExecutions([anExecution({ id: 'from-b', month: 7, allocated: '800.00', spent: '460.00' })], {
      basis: {},
      database,
    })
    expect(tabB.ok ? [] : tabB.conflicts).toEqual([
      {
        table: 'monthlyExecutions',
        key: 'line-salary|7',
        theirs: anExecution({ id: 'from-a', month: 7, allocated: '800.00', spent: '450.00' }),
      },
    ])
    expect((await database.monthlyExecutions.get('from-a'))?.spent).toBe('450.00')
    expect(await database.monthlyExecutions.get('from-b')).toBeUndefined()
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putExecutions([anExecution({ spent: '400.00' })], { database }))
    const refused = await putExecutions([anExecution({ spent: '390.00' })], {
      basis: basisOf([anExecution()]),
      database,
    })
    const [conflict] = refused.ok ? [] : (refused.conflicts ?? [])
    expectOk(
      await putExecutions([anExecution({ spent: '390.00' })], {
        basis: { 'line-salary|6': conflict.theirs },
        database,
      }),
    )
    expect((await database.monthlyExecutions.get('exec-salary-6'))?.spent).toBe('390.00')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'monthlyExecutions', before: { spent: '400.00' }, after: { spent: '390.00' } })
  })
})

describe('putBudgetJudgements with a basis', () => {
  const salary = async (database: ReturnType<typeof freshDb>) =>
    (await listBudgetJudgements('node-h1', { database })).find((j) => j.budgetLineId === 'line-salary')

  it('refuses the second tab, names each changed budget line with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = Object.fromEntries(
      (await listBudgetJudgements('node-h1', { database })).map((j) => [j.budgetLineId, j]),
    )
    expectOk(await putBudgetJudgements([aJudgement({ yearEndForecast: '1300.00' })], { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await putBudgetJudgements([aJudgement({ yearEndForecast: '1350.00', likelihood: '确定能' })], {
      basis,
      database,
    })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([
      { table: 'budgetJudgements', key: 'line-salary', theirs: aJudgement({ yearEndForecast: '1300.00' }) },
    ])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a first judgement when the other tab judged that line meanwhile', async () => {
    const database = await seeded()
    await database.budgetJudgements.clear()
    expectOk(await putBudgetJudgements([aJudgement({ id: 'from-a', yearEndForecast: '1200.00' })], { database }))
    const tabB = await putBudgetJudgements([aJudgement({ id: 'from-b' })], { basis: { 'line-salary': null }, database })
    expect(tabB.ok ? [] : tabB.conflicts).toEqual([
      {
        table: 'budgetJudgements',
        key: 'line-salary',
        theirs: aJudgement({ id: 'from-a', yearEndForecast: '1200.00' }),
      },
    ])
    expect((await salary(database))?.yearEndForecast).toBe('1200.00')
    expect(await database.budgetJudgements.get('from-b')).toBeUndefined()
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putBudgetJudgements([aJudgement({ yearEndForecast: '1300.00' })], { database }))
    const refused = await putBudgetJudgements([aJudgement({ yearEndForecast: '1350.00' })], {
      basis: { 'line-salary': aJudgement() },
      database,
    })
    const [conflict] = refused.ok ? [] : (refused.conflicts ?? [])
    expectOk(
      await putBudgetJudgements([aJudgement({ yearEndForecast: '1350.00' })], {
        basis: { 'line-salary': conflict.theirs },
        database,
      }),
    )
    expect((await salary(database))?.yearEndForecast).toBe('1350.00')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({
      table: 'budgetJudgements',
      before: { yearEndForecast: '1300.00' },
      after: { yearEndForecast: '1350.00' },
    })
  })
})

describe('putTarget with a basis', () => {
  it('refuses a 年度总体目标 changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = aTarget()
    expectOk(await putTarget(aTarget({ description: '保障机构正常运转' }), { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await putTarget(aTarget({ description: '做好建设用地审批' }), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([
      { table: 'targets', key: aTarget().id, theirs: aTarget({ description: '保障机构正常运转' }) },
    ])
    expect(await snapshot(database)).toEqual(before)
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putTarget(aTarget({ description: '保障机构正常运转' }), { database }))
    const refused = await putTarget(aTarget({ description: '做好建设用地审批' }), { basis: aTarget(), database })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs ?? null)
    expectOk(await putTarget(aTarget({ description: '做好建设用地审批' }), { basis: theirs, database }))
    expect((await database.targets.get(aTarget().id))?.description).toBe('做好建设用地审批')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({
      table: 'targets',
      before: { description: '保障机构正常运转' },
      after: { description: '做好建设用地审批' },
    })
  })
})

describe('putProject with a basis', () => {
  it('refuses a project changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = aProject()
    expectOk(await putProject(aProject({ department: '地籍股' }), { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await putProject(aProject({ name: '国有土地出让金评估' }), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([
      { table: 'projects', key: 'proj-land', theirs: aProject({ department: '地籍股' }) },
    ])
    expect(await snapshot(database)).toEqual(before)
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putProject(aProject({ department: '地籍股' }), { database }))
    const refused = await putProject(aProject({ department: '规划股' }), { basis: aProject(), database })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs ?? null)
    expectOk(await putProject(aProject({ department: '规划股' }), { basis: theirs, database }))
    expect((await database.projects.get('proj-land'))?.department).toBe('规划股')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'projects', before: { department: '地籍股' }, after: { department: '规划股' } })
  })
})

describe('putFramework with a basis', () => {
  const framework = (level1: { name: string; level2: string[] }[]) => ({ year: 2021, level1 })

  it('refuses a framework changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = aDataset().framework
    const tabA = framework([...basis.level1, { name: '效益指标', level2: ['社会效益指标'] }])
    expectOk(await putFramework(tabA, { basis, database }))
    const before = await snapshot(database)
    const tabB = await putFramework(framework([{ name: '产出指标', level2: ['数量指标'] }]), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([{ table: 'frameworks', key: '2021', theirs: tabA }])
    expect(await snapshot(database)).toEqual(before)
  })

  it('overwrites once the other version is the basis (覆盖), and takes a year without one as empty', async () => {
    const database = await seeded()
    const tabA = framework([{ name: '产出指标', level2: ['数量指标', '质量指标'] }])
    expectOk(await putFramework(tabA, { database }))
    const mine = framework([{ name: '产出指标', level2: ['数量指标'] }])
    const refused = await putFramework(mine, { basis: aDataset().framework, database })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs ?? null)
    expect(theirs).toEqual(tabA)
    expectOk(await putFramework(mine, { basis: tabA, database }))
    expect(await database.frameworks.get(2021)).toEqual(mine)
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'frameworks', before: tabA, after: mine })
    expectOk(await putFramework({ year: 2022, level1: mine.level1 }, { basis: { year: 2022, level1: [] }, database }))
  })
})
