/**
 * The 概览's store (stores/overview.ts) over the app database (fake-indexeddb) with the whole-year demo.
 * Without Web Workers (Node) the store runs the overview service in this thread, each reply copied by
 * structuredClone as a message would be, so what is tested here is the store's side of the protocol:
 * which answer it shows, when it shows none, and that a switch to a node whose view is ready needs no
 * new computation. The figures are those of seed 001 (1-6月, 执行率 25.70%) and of the demo year's
 * 1-12月 (84.47%), and every view shown must equal the domain's `overviewOf` over the stored data.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { loadUnitYear } from '@/db/datasets'
import { getSettings } from '@/db/settings'
import { formatPercent } from '@/domain/decimal'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import { demoNodeId } from '@/domain/demo/qiemo2021Year'
import { overviewOf, type OverviewView } from '@/domain/overview'
import { toWire } from '@/domain/wire'
import { useEntryStore } from '@/stores/entry'
import { useOverviewStore } from '@/stores/overview'
import { useWorkspaceStore } from '@/stores/workspace'

const DECEMBER = demoNodeId(12)
const JUNE = DEMO_NODE_ID

const rateOf = (view: OverviewView | null) => {
  const rate = view?.snapshot.budget.unit.executionRate
  return rate ? formatPercent(rate) : null
}

/** The view the domain computes for `nodeId` over everything stored, in wire form (what the worker posts). */
async function expectedView(nodeId: string): Promise<string> {
  const workspace = useWorkspaceStore()
  const data = await loadUnitYear(workspace.unitId ?? '', workspace.year ?? 0)
  if (!data) throw new Error('no unit-year')
  const computed = overviewOf(data, nodeId, await getSettings())
  if (!computed.ok) throw new Error(computed.messages.join('；'))
  return JSON.stringify(toWire(computed.value))
}

const shownWire = (view: OverviewView | null) => (view ? JSON.stringify(toWire(view)) : null)

/** Lets the timers and messages that are due run (the store draws a switch after the next frame: a timer here). */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the 概览 store', () => {
  let stop: (() => void) | null = null

  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
    const workspace = useWorkspaceStore()
    expect(await workspace.loadDemo({ wholeYear: true })).toBe(true)
    // as on the 概览: no dataset on the main thread, the figures come from the service
    await workspace.want(false)
  })

  afterEach(async () => {
    // the service goes on preparing the year's nodes: let it finish before the next test clears the tables
    const overview = useOverviewStore()
    await vi.waitFor(() => expect(overview.prepared.nodes).toBe(12), { timeout: 15_000 })
    stop?.()
    stop = null
  })

  it('shows the latest node (1-12月, 84.47%) as the domain computes it, then every node of the year is prepared', async () => {
    const overview = useOverviewStore()
    stop = overview.follow()
    await vi.waitFor(() => expect(overview.complete).toBe(true), { timeout: 15_000 })
    expect(overview.view?.nodeId).toBe(DECEMBER)
    expect(rateOf(overview.view)).toBe('84.47%')
    expect(shownWire(overview.view)).toBe(await expectedView(DECEMBER))
    expect(overview.messages).toEqual([])
    await vi.waitFor(() => expect(overview.prepared).toEqual({ nodes: 12, of: 12 }), { timeout: 15_000 })
  })

  it('switches to a prepared node within one turn, and shows the last node asked for after quick switches', async () => {
    const overview = useOverviewStore()
    const workspace = useWorkspaceStore()
    stop = overview.follow()
    await vi.waitFor(() => expect(overview.prepared.nodes).toBe(12), { timeout: 15_000 })

    await workspace.selectNode(JUNE)
    await turn()
    await turn()
    expect(overview.view?.nodeId).toBe(JUNE)
    expect(overview.complete).toBe(true)
    expect(overview.pendingNodeId).toBeNull()
    expect(rateOf(overview.view)).toBe('25.70%')
    expect(shownWire(overview.view)).toBe(await expectedView(JUNE))

    // three switches in a row: whatever answers arrive late, the last node asked for is the one shown
    await workspace.selectNode(demoNodeId(3))
    await workspace.selectNode(demoNodeId(9))
    await workspace.selectNode(demoNodeId(7))
    await vi.waitFor(() => expect(overview.view?.nodeId).toBe(demoNodeId(7)))
    for (let i = 0; i < 5; i++) await turn()
    expect(overview.view?.nodeId).toBe(demoNodeId(7))
    expect(shownWire(overview.view)).toBe(await expectedView(demoNodeId(7)))
  })

  it('shows nothing of the old data after a write, then the new figures', async () => {
    const overview = useOverviewStore()
    const workspace = useWorkspaceStore()
    stop = overview.follow()
    await vi.waitFor(() => expect(overview.prepared.nodes).toBe(12), { timeout: 15_000 })
    expect(rateOf(overview.view)).toBe('84.47%')

    // nothing spent in December on one budget line: its 累计执行数 stays at November's (an audited write,
    // as the 月度录入 grid saves it; the entry store reads the unit-year again after it)
    const executions = await db.monthlyExecutions.toArray()
    const december = executions.find(
      (e) =>
        e.month === 12 &&
        executions.some((n) => n.budgetLineId === e.budgetLineId && n.month === 11 && n.spent !== e.spent),
    )
    const november = executions.find((n) => n.budgetLineId === december?.budgetLineId && n.month === 11)
    if (!december || !november) throw new Error('the demo year spends in December')
    const version = workspace.dataVersion
    const saved = await useEntryStore().saveExecutions([{ ...december, spent: november.spent }])
    expect(saved.ok).toBe(true)
    expect(workspace.dataVersion).toBeGreaterThan(version)
    // the old view is of the old data: not shown while the new one is computed
    expect(overview.view).toBeNull()
    expect(overview.prepared).toEqual({ nodes: 0, of: 0 })

    await vi.waitFor(() => expect(overview.complete).toBe(true), { timeout: 15_000 })
    expect(overview.view?.nodeId).toBe(DECEMBER)
    expect(shownWire(overview.view)).toBe(await expectedView(DECEMBER))
    expect(rateOf(overview.view)).not.toBe('84.47%')
  })
})
