/**
 * Two tabs editing the same 三级指标, 单位信息 or 月度执行 figures (issue 5, item 3): a save that
 * carries the rows its editor loaded is refused, with the other tab's version and nothing written,
 * when any of them changed meanwhile; taking the other version as the basis (覆盖) then overwrites.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import { putIndicator } from '@/db/targets'
import { putUnit } from '@/db/units'
import { anIndicator, aDataset, aUnit } from './fixtures'
import { expectOk, freshDb, snapshot } from './helpers'

async function seeded() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset(), database))
  return database
}

describe('putIndicator with a basis', () => {
  it('refuses an indicator changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = anIndicator()
    expectOk(await putIndicator(anIndicator({ targetValue: '18' }), database, { basis })) // tab A
    const before = await snapshot(database)
    const tabB = await putIndicator(anIndicator({ targetValue: '16' }), database, { basis })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.message).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([{ table: 'indicators', key: 'ind-review', theirs: anIndicator({ targetValue: '18' }) }])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses an indicator deleted in another tab (theirs is null)', async () => {
    const database = await seeded()
    await database.indicators.delete('ind-review')
    const tabB = await putIndicator(anIndicator({ targetValue: '16' }), database, { basis: anIndicator() })
    expect(tabB.ok ? [] : tabB.conflicts).toEqual([{ table: 'indicators', key: 'ind-review', theirs: null }])
    expect(await database.indicators.get('ind-review')).toBeUndefined()
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putIndicator(anIndicator({ targetValue: '18' }), database))
    const refused = await putIndicator(anIndicator({ targetValue: '16' }), database, { basis: anIndicator() })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs as ReturnType<typeof anIndicator>)
    expectOk(await putIndicator(anIndicator({ targetValue: '16' }), database, { basis: theirs }))
    expect((await database.indicators.get('ind-review'))?.targetValue).toBe('16')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'indicators', before: { targetValue: '18' }, after: { targetValue: '16' } })
  })

  it('accepts a new indicator (basis null) and an unchanged one', async () => {
    const database = await seeded()
    expectOk(await putIndicator(anIndicator({ id: 'ind-new', name: '新增建设用地报批' }), database, { basis: null }))
    expectOk(await putIndicator(anIndicator({ targetValue: '20' }), database, { basis: anIndicator() }))
    expect((await database.indicators.get('ind-review'))?.targetValue).toBe('20')
  })
})

describe('putUnit with a basis', () => {
  it('refuses a unit changed in another tab with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = aUnit()
    expectOk(await putUnit(aUnit({ financeOfficer: '王五' }), database, { basis })) // tab A
    const before = await snapshot(database)
    const tabB = await putUnit(aUnit({ departments: ['财务室'] }), database, { basis })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.message).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([{ table: 'units', key: 'unit-qiemo', theirs: aUnit({ financeOfficer: '王五' }) }])
    expect(await snapshot(database)).toEqual(before)
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putUnit(aUnit({ financeOfficer: '王五' }), database))
    const refused = await putUnit(aUnit({ financeOfficer: '赵六' }), database, { basis: aUnit() })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs as ReturnType<typeof aUnit>)
    expectOk(await putUnit(aUnit({ financeOfficer: '赵六' }), database, { basis: theirs }))
    expect((await database.units.get('unit-qiemo'))?.financeOfficer).toBe('赵六')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'units', before: { financeOfficer: '王五' }, after: { financeOfficer: '赵六' } })
  })
})
