/**
 * Two tabs editing the same 纠偏措施 or the 纠偏措施模板库 (docs/reliability.md §3): a save that carries what
 * its editor loaded is refused, with the other tab's version and nothing written, when it changed
 * meanwhile; taking the other version as the basis (覆盖) then overwrites, the replaced version kept
 * in the audit log.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import {
  deleteMeasure,
  getMeasureTemplates,
  getMeasureTemplatesRow,
  putMeasure,
  resetMeasureTemplates,
  saveMeasureTemplates,
} from '@/db/measures'
import { defaultMeasureTemplates, type MeasureTemplate } from '@/domain/measureTemplates'
import { aDataset, aMeasure } from './fixtures'
import { expectOk, freshDb, snapshot } from './helpers'

async function seeded() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset(), { database }))
  return database
}

describe('putMeasure with a basis', () => {
  it('refuses a measure whose status another tab changed, with the other version, and writes nothing', async () => {
    const database = await seeded()
    const basis = aMeasure()
    expectOk(await putMeasure(aMeasure({ status: '已完成' }), { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await putMeasure(aMeasure({ status: '进行中', effect: '执行率达到70%' }), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([{ table: 'measures', key: 'measure-pay', theirs: aMeasure({ status: '已完成' }) }])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a measure deleted in another tab (theirs is null) and does not bring it back', async () => {
    const database = await seeded()
    expectOk(await deleteMeasure('measure-pay', { database }))
    const tabB = await putMeasure(aMeasure({ status: '进行中' }), { basis: aMeasure(), database })
    expect(tabB.ok ? [] : tabB.conflicts).toEqual([{ table: 'measures', key: 'measure-pay', theirs: null }])
    expect(await database.measures.get('measure-pay')).toBeUndefined()
  })

  it('overwrites once the other version is the basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    expectOk(await putMeasure(aMeasure({ status: '已完成' }), { database }))
    const refused = await putMeasure(aMeasure({ status: '进行中' }), { basis: aMeasure(), database })
    const theirs = refused.ok ? null : (refused.conflicts?.[0].theirs ?? null)
    expect(theirs?.status).toBe('已完成')
    expectOk(await putMeasure(aMeasure({ status: '进行中' }), { basis: theirs, database }))
    expect((await database.measures.get('measure-pay'))?.status).toBe('进行中')
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({
      table: 'measures',
      key: 'measure-pay',
      before: { status: '已完成' },
      after: { status: '进行中' },
    })
  })

  it('accepts an unchanged measure, and one without a basis as before', async () => {
    const database = await seeded()
    expectOk(await putMeasure(aMeasure({ status: '进行中' }), { basis: aMeasure(), database }))
    expectOk(await putMeasure(aMeasure({ status: '已完成' }), { database }))
    expect((await database.measures.get('measure-pay'))?.status).toBe('已完成')
  })
})

describe('saveMeasureTemplates with a basis', () => {
  const library = (content: string): MeasureTemplate[] => [
    { id: 'tpl-a', cause: '经费保障', content, effect: '按期支付' },
  ]

  it('refuses a library another tab saved since it was loaded, with the other library, and writes nothing', async () => {
    const database = freshDb()
    const basis = await getMeasureTemplatesRow({ database }) // never saved: the defaults
    expect(basis).toBeNull()
    expectOk(await saveMeasureTemplates(library('其他窗口的模板'), { basis, database })) // tab A
    const before = await snapshot(database)
    const tabB = await saveMeasureTemplates(library('我的模板'), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([
      {
        table: 'settings',
        key: 'measureTemplates',
        theirs: { key: 'measureTemplates', value: library('其他窗口的模板') },
      },
    ])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a save over a library another tab reset to the defaults (theirs is null)', async () => {
    const database = freshDb()
    expectOk(await saveMeasureTemplates(library('原模板'), { database }))
    const basis = await getMeasureTemplatesRow({ database })
    expectOk(await resetMeasureTemplates({ basis, database })) // tab A
    const tabB = await saveMeasureTemplates(library('我的模板'), { basis, database })
    expect(tabB.ok ? [] : tabB.conflicts).toEqual([{ table: 'settings', key: 'measureTemplates', theirs: null }])
    expect(await getMeasureTemplates({ database })).toEqual(defaultMeasureTemplates())
    // and 恢复默认模板 over another tab's save is refused the same way
    expectOk(await saveMeasureTemplates(library('其他窗口的模板'), { database }))
    const reset = await resetMeasureTemplates({ basis: null, database })
    expect(reset.ok).toBe(false)
    expect(await getMeasureTemplates({ database })).toEqual(library('其他窗口的模板'))
  })

  it('overwrites once the other library is the basis (覆盖), keeping it in the audit log', async () => {
    const database = freshDb()
    expectOk(await saveMeasureTemplates(library('其他窗口的模板'), { database }))
    const refused = await saveMeasureTemplates(library('我的模板'), { basis: null, database })
    const theirs = refused.ok ? undefined : (refused.conflicts?.[0].theirs ?? null)
    expect(theirs).toEqual({ key: 'measureTemplates', value: library('其他窗口的模板') })
    expectOk(await saveMeasureTemplates(library('我的模板'), { basis: theirs, database }))
    expect(await getMeasureTemplates({ database })).toEqual(library('我的模板'))
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({
      table: 'settings',
      key: 'measureTemplates',
      before: library('其他窗口的模板'),
      after: library('我的模板'),
    })
  })
})
