/**
 * Node preparation on 「载入全年示例」 (seed 001's 2021, a node at every month-end): the snapshots it
 * keeps, the nodes it prepares ahead and in what order, the reads it shares, and what it forgets when
 * the data is read again. Its steps wait for a schedule the test releases one at a time, and its reads
 * come from the demo's own readings, so nothing here depends on time.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { formatPercent } from '@/domain/decimal'
import { demoNodeId, qiemo2021YearDataset } from '@/domain/demo/qiemo2021Year'
import { settingsForNode } from '@/domain/lock'
import { defaultSettings } from '@/domain/settings'
import { computeNodeSnapshot, type NodeSnapshot } from '@/domain/snapshot'
import type { Result } from '@/domain/result'
import type { Id, IndicatorReading } from '@/domain/types'
import { createNodePreparation } from '@/stores/nodePreparation'

const year = qiemo2021YearDataset()
const month = (m: number) => demoNodeId(m)
/** the year's nodes in date order, 1月 … 1-12月 */
const nodeIds = [...year.nodes].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate)).map((n) => n.id)
const readingsOf = (id: Id) => year.readings.filter((r) => r.nodeId === id)
const rateOf = (result: Result<NodeSnapshot> | null | undefined) => {
  const rate = result?.ok ? result.value.budget.unit.executionRate : null
  return rate ? formatPercent(rate) : null
}

/** Lets the test run the preparation one step at a time. */
function manualSchedule() {
  const waiting: (() => void)[] = []
  return {
    schedule: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve)
      }),
    /** Lets the longest-waiting step run, and whatever follows it until something waits again. */
    async step() {
      waiting.shift()?.()
      await settle()
    },
    /** Runs until nothing waits for a step any more. */
    async runAll() {
      while (waiting.length > 0) await this.step()
    },
  }
}
/** Lets the promise chains a step started run to their end (no timer: the queue is drained, not waited on). */
const settle = flushPromises

/**
 * A stand-in for the workspace: a dataset holding the readings of `held` only, reads that answer at
 * once (or when the test releases them, `deferLoads`), and a record of every read and merge.
 */
function setUp({
  held = [month(12)],
  capacity = 13,
  deferLoads = false,
}: { held?: Id[]; capacity?: number; deferLoads?: boolean } = {}) {
  const state = {
    data: { ...year, readings: year.readings.filter((r) => held.includes(r.nodeId)) },
    settings: defaultSettings(),
  }
  const loads: Id[] = []
  const release = new Map<Id, () => void>()
  const merges: (readonly Id[])[] = []
  const prepared: NodeSnapshot[] = []
  const steps = manualSchedule()
  const preparation = createNodePreparation({
    load: (id) => {
      loads.push(id)
      if (!deferLoads) return Promise.resolve(readingsOf(id))
      return new Promise<IndicatorReading[]>((resolve) => release.set(id, () => resolve(readingsOf(id))))
    },
    dataset: () => state.data,
    settings: () => state.settings,
    holds: (id) => held.includes(id),
    mergeReadAhead: async (ids) => {
      merges.push(ids)
    },
    schedule: steps.schedule,
    capacity,
  })
  preparation.prepareWith((snapshot) => {
    prepared.push(snapshot)
  })
  return { state, preparation, steps, loads, release, merges, prepared }
}

describe('createNodePreparation: the snapshots kept', () => {
  it("computes a node's snapshot once, with the figures the full data gives", () => {
    const { preparation } = setUp()
    const shown = preparation.snapshotOf(month(12))
    expect(rateOf(shown)).toBe('84.47%')
    expect(preparation.snapshotOf(month(12))).toBe(shown)
    const node = year.nodes.find((n) => n.id === month(12))!
    const full = computeNodeSnapshot({
      dataset: year,
      nodeId: month(12),
      settings: settingsForNode(node, defaultSettings()),
    })
    expect(shown?.ok && shown.value.indicators.map((r) => [r.indicator.id, r.assessment.light])).toEqual(
      full.ok && full.value.indicators.map((r) => [r.indicator.id, r.assessment.light]),
    )
  })

  it('keeps `capacity` snapshots, the least recently used going first', () => {
    const { preparation } = setUp({ held: nodeIds, capacity: 2 })
    const june = preparation.snapshotOf(month(6))
    const july = preparation.snapshotOf(month(7))
    expect(preparation.snapshotOf(month(6))).toBe(june) // June is now the most recently used
    const august = preparation.snapshotOf(month(8)) // July goes
    expect(preparation.snapshotOf(month(6))).toBe(june)
    expect(preparation.snapshotOf(month(8))).toBe(august)
    const julyAgain = preparation.snapshotOf(month(7))
    expect(julyAgain).not.toBe(july)
    expect(rateOf(julyAgain)).toBe(rateOf(july))
    expect(rateOf(june)).toBe('25.70%')
  })

  it('computes again when the settings change', () => {
    const { preparation, state } = setUp()
    const before = preparation.snapshotOf(month(12))
    expect(preparation.snapshotOf(month(12))).toBe(before)
    state.settings = { ...defaultSettings(), budgetLight: { red: 70, yellow: 90 } }
    const after = preparation.snapshotOf(month(12))
    expect(after).not.toBe(before)
    expect(rateOf(after)).toBe('84.47%')
  })
})

describe('createNodePreparation: preparing the other nodes', () => {
  it('prepares the shown node and then the others nearest first, later before earlier, and merges their readings once', async () => {
    const { preparation, steps, loads, merges, prepared } = setUp({ held: [month(6)] })
    preparation.prepare(nodeIds, month(6))
    await steps.runAll()
    const order = [6, 7, 5, 8, 4, 9, 3, 10, 2, 11, 1, 12].map(month)
    expect(prepared.map((s) => s.node.id)).toEqual(order)
    expect(rateOf({ ok: true, value: prepared[0] })).toBe('25.70%')
    expect(rateOf({ ok: true, value: prepared[11] })).toBe('84.47%')
    // each other node read once (the next one's read starts while this one computes), the shown one not at all
    expect(loads).toEqual(order.slice(1))
    expect(merges).toEqual([nodeIds])
    expect(preparation.readAhead([month(1), month(12)])).toEqual([...readingsOf(month(1)), ...readingsOf(month(12))])
    // a node prepared ahead opens with the very snapshot prepared for it
    const preparedDecember = prepared[11]
    const december = preparation.snapshotOf(month(12), { ...year, readings: readingsOf(month(12)) })
    expect(december?.ok && december.value).toBe(preparedDecember)
  })

  it('reads a node once though it is asked for again while its read is under way', async () => {
    const { preparation, steps, loads, release } = setUp({ deferLoads: true })
    preparation.prepare(nodeIds, month(12))
    await steps.step() // 1-12月 is held; the read of 1-11月 starts
    expect(loads).toEqual([month(11)])
    preparation.prepare(nodeIds, month(12)) // started over (the user opened 1-12月 again)
    await steps.step() // the first run, superseded, stops
    await steps.step() // the second run starts the read of 1-11月 again: it joins the one under way
    expect(loads).toEqual([month(11)])
    expect(preparation.readAhead([month(11)])).toBeUndefined()
    await steps.step() // 1-12月's snapshot computed
    await steps.step() // and handed to the preparer
    await steps.step() // 1-11月's turn: its read is the one under way; 1-10月's starts
    expect(loads).toEqual([month(11), month(10)])
    release.get(month(11))!()
    await settle()
    expect(preparation.readAhead([month(11)])).toEqual(readingsOf(month(11)))
    expect(loads).toEqual([month(11), month(10)])
  })

  it("does not evict the selected node's snapshot, whatever it prepares", async () => {
    const { preparation, steps, prepared } = setUp({ held: [month(6)], capacity: 3 })
    const shown = preparation.snapshotOf(month(6))
    preparation.prepare(nodeIds, month(6))
    await steps.runAll()
    expect(prepared).toHaveLength(12)
    expect(preparation.snapshotOf(month(6))).toBe(shown)
    // the two prepared last are kept beside it; the ones before them went
    const december = preparation.snapshotOf(month(12), { ...year, readings: readingsOf(month(12)) })
    expect(december?.ok && december.value).toBe(prepared[11])
    const july = preparation.snapshotOf(month(7), { ...year, readings: readingsOf(month(7)) })
    expect(july?.ok && july.value).not.toBe(prepared[1])
    expect(rateOf(july)).toBe(rateOf({ ok: true, value: prepared[1] }))
    expect(preparation.snapshotOf(month(6))).toBe(shown)
  })
})

describe('createNodePreparation: invalidate (the data was read again)', () => {
  it('forgets the snapshots and the readings read aside, stops preparing, and keeps nothing read for the old data', async () => {
    const { preparation, steps, loads, release, merges, prepared } = setUp({ deferLoads: true })
    const before = preparation.snapshotOf(month(12))
    preparation.prepare(nodeIds, month(12))
    await steps.step() // the read of 1-11月 starts
    await steps.step() // 1-12月's snapshot computed
    await steps.step() // and handed to the preparer
    await steps.step() // 1-11月's turn; the read of 1-10月 starts
    expect(prepared.map((s) => s.node.id)).toEqual([month(12)])
    expect(loads).toEqual([month(11), month(10)])
    release.get(month(11))!()
    await settle()
    expect(preparation.readAhead([month(11)])).toEqual(readingsOf(month(11)))

    preparation.invalidate()
    expect(preparation.readAhead([month(11)])).toBeUndefined()
    release.get(month(10))!()
    await steps.runAll()
    expect(preparation.readAhead([month(10)])).toBeUndefined()
    expect(prepared.map((s) => s.node.id)).toEqual([month(12)])
    expect(merges).toEqual([])
    const after = preparation.snapshotOf(month(12))
    expect(after).not.toBe(before)
    expect(rateOf(after)).toBe('84.47%')
  })
})
