import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { saveUnitYear } from '@/db/datasets'
import { deleteUnit, getUnit, listUnits, putUnit } from '@/db/units'
import { listAudit } from '@/db/audit'
import { aDataset, aUnit } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

describe('units', () => {
  it('round-trips a unit with its departments and monitoring group', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expect(await getUnit('unit-qiemo', { database })).toStrictEqual(aUnit())
  })

  it('lists units in pinyin order of their names', async () => {
    const database = freshDb()
    for (const [id, name] of [
      ['z', '资源局'],
      ['a', '阿克苏局'],
      ['b', '保障中心'],
    ])
      expectOk(await putUnit(aUnit({ id, name }), { database }))
    expect((await listUnits({ database })).map((u) => u.name)).toEqual(['阿克苏局', '保障中心', '资源局'])
  })

  it('stores a Vue reactive unit as plain data', async () => {
    const database = freshDb()
    const edited = reactive(aUnit())
    edited.departments.push('执法大队')
    const stored = expectOk(await putUnit(edited, { database }))
    expect(stored).toStrictEqual({ ...aUnit(), departments: ['财务室', '国土空间规划股', '执法大队'] })
    expect(await getUnit('unit-qiemo', { database })).toStrictEqual(stored)
  })

  it('audits a replacement with the row before and after', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putUnit(aUnit({ financeOfficer: '王五' }), { database }))
    const [latest, first] = await listAudit({ limit: 10, database })
    expect(first).toMatchObject({ table: 'units', key: 'unit-qiemo', before: null, after: aUnit() })
    expect(latest).toMatchObject({ before: aUnit(), after: aUnit({ financeOfficer: '王五' }) })
  })

  it('deletes a unit with all its years of data in one transaction', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expectOk(await putUnit(aUnit({ id: 'unit-keep', name: '另一单位' }), { database }))
    const removed = expectOk(await deleteUnit('unit-qiemo', { database }))
    expect(removed).toEqual({
      projects: 1,
      budgetLines: 2,
      monthlyExecutions: 3,
      targets: 1,
      indicators: 2,
      nodes: 1,
      readings: 2,
      budgetJudgements: 1,
      alerts: 1,
      measures: 1,
      reports: 1,
      managementInputs: 0,
      // what the unit holds beyond its years (报送, 主管部门 汇总): none here
      sentSubmissions: 0,
      subordinates: 0,
      unitKeys: 0,
      submissions: 0,
      reviews: 0,
      departmentReports: 0,
    })
    const left = await snapshot(database)
    expect(left.units).toEqual([aUnit({ id: 'unit-keep', name: '另一单位' })])
    for (const table of [
      'projects',
      'budgetLines',
      'monthlyExecutions',
      'targets',
      'indicators',
      'nodes',
      'readings',
      'budgetJudgements',
      'alerts',
      'measures',
      'reports',
    ]) {
      expect(left[table], table).toEqual([])
    }
  })

  it('refuses to delete a 主管部门 that still has 下属单位', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putUnit(aUnit({ id: 'unit-sub', name: '下属所', parentUnitId: 'unit-qiemo' }), { database }))
    expect(expectFailure(await deleteUnit('unit-qiemo', { database }))).toBe(
      '该单位下还有 1 个下属单位，请先删除或移出下属单位。',
    )
    expect(await getUnit('unit-qiemo', { database })).toStrictEqual(aUnit())
  })

  it('refuses a unit holding a Decimal-like object instead of a string', async () => {
    const database = freshDb()
    class Money {
      constructor(readonly value: string) {}
    }
    const bad = { ...aUnit(), financeOfficer: new Money('1') as unknown as string }
    expect(expectFailure(await putUnit(bad, { database }))).toBe(
      '数据中含有无法保存的值（financeOfficer：Money 对象，金额与日期须以字符串保存），本次保存未写入任何数据。',
    )
    expect(await listUnits({ database })).toEqual([])
  })
})
