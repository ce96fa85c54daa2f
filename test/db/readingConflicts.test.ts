/**
 * Two tabs editing the same node's 指标填报, and the same budget line (docs/reliability.md §3): a save that
 * carries the rows its editor started from is refused, with the other tab's version and nothing
 * written, when any of those rows changed meanwhile.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import { listReadings, putReadings } from '@/db/nodes'
import { putBudgetLine } from '@/db/budget'
import { aBudgetLine, aDataset, aReading } from './fixtures'
import { expectOk, freshDb, snapshot } from './helpers'

async function seeded() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset(), { database }))
  return database
}

describe('putReadings with a basis', () => {
  it('refuses the second tab, names each changed indicator with the other version, and writes nothing', async () => {
    const database = await seeded()
    const loaded = await listReadings('node-h1', { database })
    const basis = Object.fromEntries(loaded.map((r) => [r.indicatorId, r]))

    // Tab A saves 用地初审 = 8 first.
    expectOk(await putReadings([aReading({ actualValue: '8' })], { basis, database }))
    const before = await snapshot(database)

    // Tab B, still on the rows it loaded, saves 用地初审 = 9 and an untouched 验收合格率.
    const tabB = await putReadings(
      [
        aReading({ actualValue: '9' }),
        aReading({ id: 'reading-quality', indicatorId: 'ind-quality', actualValue: '60', likelihood: '有可能' }),
      ],
      { basis, database },
    )
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabB.conflicts).toEqual([{ table: 'readings', key: 'ind-review', theirs: aReading({ actualValue: '8' }) }])
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a first reading when the other tab created one for the same indicator meanwhile', async () => {
    const database = await seeded()
    await database.readings.clear()
    expectOk(await putReadings([aReading({ id: 'from-tab-a', actualValue: '5' })], { database }))
    const tabB = await putReadings([aReading({ id: 'from-tab-b', actualValue: '6' })], {
      basis: { 'ind-review': null },
      database,
    })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.conflicts).toEqual([
      { table: 'readings', key: 'ind-review', theirs: aReading({ id: 'from-tab-a', actualValue: '5' }) },
    ])
    expect((await listReadings('node-h1', { database })).find((r) => r.indicatorId === 'ind-review')?.actualValue).toBe(
      '5',
    )
  })

  it('overwrites once the second tab takes the other version as its basis (覆盖), keeping it in the audit log', async () => {
    const database = await seeded()
    const basis = { 'ind-review': aReading() }
    expectOk(await putReadings([aReading({ actualValue: '8' })], { database }))
    const refused = await putReadings([aReading({ actualValue: '9' })], { basis, database })
    const [{ theirs }] = refused.ok ? [] : (refused.conflicts ?? [])
    expectOk(await putReadings([aReading({ actualValue: '9' })], { basis: { 'ind-review': theirs }, database }))
    expect((await listReadings('node-h1', { database })).find((r) => r.indicatorId === 'ind-review')?.actualValue).toBe(
      '9',
    )
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'readings', before: { actualValue: '8' }, after: { actualValue: '9' } })
  })

  it('accepts readings whose basis is still what is stored', async () => {
    const database = await seeded()
    const basis = Object.fromEntries((await listReadings('node-h1', { database })).map((r) => [r.indicatorId, r]))
    expectOk(await putReadings([aReading({ actualValue: '10' })], { basis, database }))
    expect((await listReadings('node-h1', { database })).find((r) => r.indicatorId === 'ind-review')?.actualValue).toBe(
      '10',
    )
  })
})

describe('putBudgetLine with a basis', () => {
  it('refuses a line changed in another tab with the other version, then overwrites when asked', async () => {
    const database = await seeded()
    const basis = aBudgetLine()
    expectOk(await putBudgetLine(aBudgetLine({ initialBudget: '1400' }), { basis, database }))
    const before = await snapshot(database)
    const tabB = await putBudgetLine(aBudgetLine({ initialBudget: '1500' }), { basis, database })
    expect(tabB.ok).toBe(false)
    if (tabB.ok) return
    expect(tabB.conflicts).toEqual([
      { table: 'budgetLines', key: 'line-salary', theirs: aBudgetLine({ initialBudget: '1400' }) },
    ])
    expect(await snapshot(database)).toEqual(before)
    expectOk(
      await putBudgetLine(aBudgetLine({ initialBudget: '1500' }), {
        basis: aBudgetLine({ initialBudget: '1400' }),
        database,
      }),
    )
    expect((await database.budgetLines.get('line-salary'))?.initialBudget).toBe('1500')
  })
})
