import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { listAudit } from '@/db/audit'
import { putBudgetLine } from '@/db/budget'
import { deleteProject, listProjects, putProject } from '@/db/projects'
import { putTarget } from '@/db/targets'
import { putUnit } from '@/db/units'
import { aProject, aProjectLine, aUnit, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

describe('projects', () => {
  it('creates, lists and updates a project of a unit-year, auditing each write', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putProject(aProject(), { database }))
    expectOk(await putProject(aProject({ id: 'proj-road', name: '村道修缮项目' }), { database }))
    expectOk(await putProject(aProject({ id: 'proj-2020', year: 2020 }), { database }))
    expect((await listProjects('unit-qiemo', YEAR, { database })).map((p) => p.name)).toEqual([
      '村道修缮项目',
      '国有土地出让金评估项目',
    ])
    expectOk(await putProject(aProject({ department: '财务室' }), { database }))
    const audit = await listAudit({ limit: 1, database })
    expect(audit[0]).toMatchObject({
      table: 'projects',
      key: 'proj-land',
      before: aProject(),
      after: aProject({ department: '财务室' }),
    })
  })

  it('refuses a blank name, a duplicate name in the same year and a missing unit, writing nothing', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putProject(aProject(), { database }))
    const before = await snapshot(database)
    expect(expectFailure(await putProject(aProject({ id: 'p2', name: '  ' }), { database }))).toBe(
      '请填写项目名称，本次保存未写入任何数据。',
    )
    expect(expectFailure(await putProject(aProject({ id: 'p2' }), { database }))).toBe(
      '2021 年度已有名为“国有土地出让金评估项目”的项目，本次保存未写入任何数据。',
    )
    expect(expectFailure(await putProject(aProject({ id: 'p3', unitId: 'ghost', name: '新项目' }), { database }))).toBe(
      '项目所属的单位不存在，本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('deletes a project only once no budget line or target refers to it', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putProject(aProject(), { database }))
    expectOk(await putBudgetLine(aProjectLine(), { database }))
    expect(expectFailure(await deleteProject('proj-land', { database }))).toBe(
      '项目“国有土地出让金评估项目”还有 1 条预算行，请先删除这些预算行。',
    )
    await database.budgetLines.clear()
    expectOk(
      await putTarget(
        { id: 't1', unitId: 'unit-qiemo', year: YEAR, scope: 'project', projectId: 'proj-land', description: '' },
        { database },
      ),
    )
    expect(expectFailure(await deleteProject('proj-land', { database }))).toBe(
      '项目“国有土地出让金评估项目”还有绩效目标和指标，请先删除该项目的绩效目标。',
    )
    await database.targets.clear()
    expect(expectOk(await deleteProject('proj-land', { database }))).toEqual(aProject())
    expect(await database.projects.count()).toBe(0)
    expect((await listAudit({ limit: 1, database }))[0]).toMatchObject({
      table: 'projects',
      key: 'proj-land',
      after: null,
    })
  })
})
