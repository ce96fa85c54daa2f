/**
 * The workspace loads one node's readings plus the unit indicators' readings at every node (主管部门
 * size: 240,000 readings in all); the rest comes on demand with loadReadings. Together they must give
 * exactly what a full load gives.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  loadNodeReadingsInPages,
  loadReadings,
  loadUnitYear,
  mergeReadings,
  saveUnitYear,
  sortReadings,
  ONE_REQUEST,
  tableInPages,
} from '@/db/datasets'
import type { UnitYearDataset } from '@/domain/types'
import { aDataset, aNode, anIndicator, aProject, aReading, aTarget, YEAR } from './fixtures'
import { expectOk, freshDb } from './helpers'

/** Two nodes; a unit indicator and a project indicator, each read at both nodes. */
function twoNodes(): UnitYearDataset {
  return aDataset({
    projects: [aProject()],
    targets: [
      aTarget(),
      aTarget({ id: 'target-land', scope: 'project', projectId: 'proj-land', description: '评估项目' }),
    ],
    indicators: [
      anIndicator(),
      anIndicator({ id: 'ind-land', targetId: 'target-land', name: '评估宗数', targetValue: '12' }),
    ],
    nodes: [aNode(), aNode({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })],
    readings: [
      aReading(),
      aReading({ id: 'r-review-q3', nodeId: 'node-q3', actualValue: '11' }),
      aReading({ id: 'r-land-h1', indicatorId: 'ind-land', actualValue: '4' }),
      aReading({ id: 'r-land-q3', nodeId: 'node-q3', indicatorId: 'ind-land', actualValue: '9' }),
    ],
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  })
}

describe('loadUnitYear with a reading scope', () => {
  it("brings the chosen node's readings and the unit indicators' readings at every node, not the others", async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(twoNodes(), { database }))
    const loaded = await loadUnitYear('unit-qiemo', YEAR, {
      scope: { nodeIds: ['node-h1'], unitIndicators: true },
      database,
    })
    expect(loaded?.readings.map((r) => r.id)).toEqual(['r-land-h1', 'reading-review', 'r-review-q3'])
    expect(loaded?.indicators).toHaveLength(2)
  })

  it('brings only the named nodes without unitIndicators, and ignores nodes of other unit-years', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(twoNodes(), { database }))
    const loaded = await loadUnitYear('unit-qiemo', YEAR, {
      scope: { nodeIds: ['node-q3', 'node-of-someone-else'] },
      database,
    })
    expect(loaded?.readings.map((r) => r.id)).toEqual(['r-land-q3', 'r-review-q3'])
  })

  it('together with loadReadings for the other node gives exactly the full load', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(twoNodes(), { database }))
    const full = await loadUnitYear('unit-qiemo', YEAR, { database })
    const partial = await loadUnitYear('unit-qiemo', YEAR, {
      scope: { nodeIds: ['node-h1'], unitIndicators: true },
      database,
    })
    const more = await loadReadings({ nodeIds: ['node-q3'] }, { database })
    expect(more.map((r) => r.id)).toEqual(['r-land-q3', 'r-review-q3'])
    const merged = sortReadings([...new Map([...(partial?.readings ?? []), ...more].map((r) => [r.id, r])).values()])
    expect(merged).toStrictEqual(full?.readings)
    expect(full?.readings).toHaveLength(4)
  })

  it("loads one indicator's readings across nodes (drill-down)", async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(twoNodes(), { database }))
    expect((await loadReadings({ indicatorIds: ['ind-land'] }, { database })).map((r) => r.actualValue)).toEqual([
      '4',
      '9',
    ])
  })
})

describe('reads in pages (issue 14: a reload never waits behind a whole table)', () => {
  /** One node of `count` indicators, each read at both nodes; ids in a different order than the indicators. */
  function manyIndicators(count: number): UnitYearDataset {
    const base = twoNodes()
    const indicators = Array.from({ length: count }, (_, i) =>
      anIndicator({ id: `ind-${String(i).padStart(3, '0')}`, name: `指标${i}`, sortOrder: i }),
    )
    const readings = base.nodes.flatMap((node) =>
      indicators.map((indicator, i) =>
        aReading({
          id: `r-${(i * 7) % count}-${node.id}`,
          nodeId: node.id,
          indicatorId: indicator.id,
          actualValue: String(i),
        }),
      ),
    )
    return { ...base, indicators, readings }
  }

  it.each([1, 3, 7, 10, 11, 2_000, ONE_REQUEST])('pages of %i give exactly what one read gives', async (pageSize) => {
    const database = freshDb()
    expectOk(await saveUnitYear(manyIndicators(10), { database }))
    for (const nodeId of ['node-h1', 'node-q3']) {
      const whole = await loadReadings({ nodeIds: [nodeId] }, { database })
      expect(whole).toHaveLength(10)
      expect(await loadNodeReadingsInPages(nodeId, { database, pageSize })).toStrictEqual(whole)
    }
  })

  it.each([1, 4, 20, 21, 2_000, ONE_REQUEST])(
    'tableInPages: pages of %i give the whole table in key order',
    async (pageSize) => {
      const database = freshDb()
      expectOk(await saveUnitYear(manyIndicators(20), { database }))
      const whole = await database.readings.toArray()
      expect(whole).toHaveLength(40)
      expect(await tableInPages(database.readings, pageSize)).toStrictEqual(whole)
      expect(await tableInPages(database.alerts, pageSize)).toEqual([])
    },
  )

  it('loadUnitYear of one node, in pages or not, equals the full load filtered to that node and the unit indicators', async () => {
    const database = freshDb()
    const dataset = manyIndicators(25)
    expectOk(await saveUnitYear(dataset, { database }))
    const full = await loadUnitYear('unit-qiemo', YEAR, { database })
    for (const pageSize of [4, 25, ONE_REQUEST]) {
      const scoped = await loadUnitYear('unit-qiemo', YEAR, { database, scope: { nodeIds: ['node-q3'] }, pageSize })
      expect(scoped?.indicators).toStrictEqual(full?.indicators)
      expect(scoped?.monthlyExecutions).toStrictEqual(full?.monthlyExecutions)
      expect(scoped?.readings).toStrictEqual(full?.readings.filter((r) => r.nodeId === 'node-q3'))
      expect(scoped?.readings).toHaveLength(25)
    }
  })

  it('a node without readings, or unknown, gives none', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(manyIndicators(3), { database }))
    expect(await loadNodeReadingsInPages('node-none', { database, pageSize: 2 })).toEqual([])
  })
})

describe('mergeReadings', () => {
  it('gives what one sort of both lists gives, a newer copy of a reading replacing the older', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ node: fc.constantFrom('n1', 'n2', 'n3'), indicator: fc.constantFrom('i1', 'i2', 'i3', 'i4') }),
          { selector: (r) => `${r.node}/${r.indicator}` },
        ),
        fc.func(fc.boolean()),
        fc.func(fc.boolean()),
        (pairs, inExisting, inMore) => {
          const reading = (p: { node: string; indicator: string }, value: string) =>
            aReading({ id: `${p.node}/${p.indicator}`, nodeId: p.node, indicatorId: p.indicator, actualValue: value })
          const existing = sortReadings(pairs.filter((p) => inExisting(p)).map((p) => reading(p, 'old')))
          const more = pairs.filter((p) => inMore(p)).map((p) => reading(p, 'new'))
          const expected = sortReadings([...new Map([...existing, ...more].map((r) => [r.id, r])).values()])
          expect(mergeReadings(existing, more)).toStrictEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })
})
