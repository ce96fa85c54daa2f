/**
 * Node preparation: the node snapshots computed for the workspace's dataset, kept so that switching
 * back to a node costs nothing, and the other nodes of the year prepared ahead of time so that opening
 * one costs drawing only (docs/benchmarks.md).
 *
 * A node's snapshot depends only on the dataset's rows and that node's readings, which merging in other
 * nodes' readings does not change: the snapshots kept stay valid until the dataset is read again
 * (`invalidate`) or the settings change. Beyond `capacity` the least recently used snapshot goes, but
 * never the selected node's: the page shows it, and computes it again whenever the dataset changes.
 *
 * Plain TypeScript, no Vue and no Pinia: the workspace store owns one instance and passes in how to
 * read readings and when a step may run (a quiet moment); tests pass their own and drive it step by step.
 */
import type { Id, IndicatorReading, UnitYearDataset } from '@/domain/types'
import type { MonitoringSettings } from '@/domain/settings'
import type { Result } from '@/domain/result'
import { settingsForNode } from '@/domain/lock'
import { computeNodeSnapshot, type NodeSnapshot } from '@/domain/snapshot'

/** Work another store wants done for each prepared node (the alerts store raises its alerts). */
export type Preparer = (snapshot: NodeSnapshot, data: UnitYearDataset) => void

export interface NodePreparationOptions {
  /** Reads one node's readings, at every indicator. */
  load: (nodeId: Id) => Promise<IndicatorReading[]>
  /** The dataset as it is now (null: none loaded). */
  dataset: () => UnitYearDataset | null
  /** The current settings; a node 定稿 follows those frozen with it. */
  settings: () => MonitoringSettings
  /** Whether the dataset already holds this node's readings (then none are read aside). */
  holds: (nodeId: Id) => boolean
  /** Called once every node is prepared, with all of them: the readings read aside join the dataset. */
  mergeReadAhead: (nodeIds: readonly Id[]) => Promise<void>
  /** Resolves when the next step may run; each step of the preparation waits for it. */
  schedule: () => Promise<void>
  /**
   * How many node snapshots are kept: a year's month-end nodes all fit (for the memory per node at
   * 主管部门 size see docs/benchmarks.md (round 3), so not without bound).
   * @default 13
   */
  capacity?: number
}

export interface NodePreparation {
  /** The snapshot of a node over `data` (by default the dataset), computed once and kept. */
  snapshotOf: (nodeId: Id, data?: UnitYearDataset | null) => Result<NodeSnapshot> | null
  /** The readings read aside for these nodes when all of them have been read, else undefined. */
  readAhead: (nodeIds: readonly Id[]) => IndicatorReading[] | undefined
  /**
   * Prepares every node of `nodeIds` (the year's, in date order), the selected one first and then the
   * others nearest first (a user steps through the year), later before earlier at the same distance.
   * Stops the preparation under way, if any.
   */
  prepare: (nodeIds: readonly Id[], selected: Id | null) => void
  /** Adds work done for each prepared node, so opening the node finds it done too. */
  prepareWith: (preparer: Preparer) => void
  /** The dataset was read again: forgets every snapshot and every reading read aside, and stops preparing. */
  invalidate: () => void
}

export function createNodePreparation(options: NodePreparationOptions): NodePreparation {
  const { load, schedule, capacity = 13 } = options
  const preparers = new Set<Preparer>()
  /** Bumped by `invalidate`; work begun for an earlier dataset keeps nothing. */
  let generation = 0
  /** Bumped by each `prepare` and `invalidate`; the preparation under way stops when it changes. */
  let runs = 0
  let selected: Id | null = null
  // most recently used last
  let snapshots = { settings: '', byNode: new Map<Id, Result<NodeSnapshot>>() }
  /**
   * Readings read ahead for nodes the dataset does not hold yet. Kept aside rather than merged, so
   * reading ahead does not make every view of the selected node compute again.
   */
  let readAside = new Map<Id, IndicatorReading[]>()
  /** Reads under way: a node asked for again meanwhile shares the read rather than starting another. */
  let reading = new Map<Id, Promise<IndicatorReading[]>>()

  function snapshotOf(nodeId: Id, data: UnitYearDataset | null = options.dataset()): Result<NodeSnapshot> | null {
    if (!data) return null
    const settingsNow = options.settings()
    // Every setting is part of the key; a caller that tracks what it reads (a Vue computed) follows them all.
    const settingsKey = JSON.stringify(settingsNow)
    if (snapshots.settings !== settingsKey) snapshots = { settings: settingsKey, byNode: new Map() }
    const known = snapshots.byNode.get(nodeId)
    if (known) {
      snapshots.byNode.delete(nodeId)
      snapshots.byNode.set(nodeId, known)
      return known
    }
    const node = data.nodes.find((n) => n.id === nodeId)
    const computed = computeNodeSnapshot({
      dataset: data,
      nodeId,
      settings: node ? settingsForNode(node, settingsNow) : settingsNow,
    })
    snapshots.byNode.set(nodeId, computed)
    if (snapshots.byNode.size > capacity) {
      const oldest = [...snapshots.byNode.keys()].find((id) => id !== selected)
      if (oldest !== undefined) snapshots.byNode.delete(oldest)
    }
    return computed
  }

  function readAhead(nodeIds: readonly Id[]): IndicatorReading[] | undefined {
    const rows = nodeIds.map((id) => readAside.get(id))
    return rows.every((r) => r !== undefined) ? rows.flat() : undefined
  }

  /** The readings of a node the dataset does not hold (undefined when it holds them), read once. */
  function readingsAside(nodeId: Id): Promise<IndicatorReading[] | undefined> {
    if (options.holds(nodeId)) return Promise.resolve(undefined)
    const known = readAside.get(nodeId)
    if (known) return Promise.resolve(known)
    const under = reading.get(nodeId)
    if (under) return under
    const readFor = generation
    const read = load(nodeId).then(
      (rows) => {
        if (readFor === generation) {
          readAside.set(nodeId, rows)
          reading.delete(nodeId)
        }
        return rows
      },
      (error: unknown) => {
        // read again when asked again
        if (readFor === generation) reading.delete(nodeId)
        throw error
      },
    )
    reading.set(nodeId, read)
    return read
  }

  function prepare(nodeIds: readonly Id[], selectedNow: Id | null): void {
    const run = ++runs
    selected = selectedNow
    const at = selectedNow === null ? -1 : nodeIds.indexOf(selectedNow)
    if (selectedNow === null || at < 0) return
    const others = nodeIds
      .map((id, index) => ({ id, distance: Math.abs(index - at), later: index > at }))
      .filter((n) => n.distance > 0)
      .sort((a, b) => a.distance - b.distance || (a.later === b.later ? 0 : a.later ? -1 : 1))
      .map((n) => n.id)
    const order = [selectedNow, ...others]
    const current = () => run === runs
    void (async () => {
      for (const [index, id] of order.entries()) {
        await schedule()
        if (!current() || !options.dataset()) return
        const rows = readingsAside(id)
        // the next node's read runs while this one computes
        const next = order[index + 1]
        if (next)
          readingsAside(next).catch(() => {
            /* read again when its turn comes */
          })
        const readings = await rows
        // not in the task that just took the rows in: each step stays one task of its own
        await schedule()
        const data = options.dataset()
        if (!current() || !data) return
        // a node's snapshot reads only that node's readings
        const prepared = snapshotOf(id, readings ? { ...data, readings } : data)
        if (!prepared?.ok) continue
        for (const preparer of preparers) {
          await schedule()
          if (!current()) return
          preparer(prepared.value, data)
        }
      }
      await schedule()
      if (current()) await options.mergeReadAhead(nodeIds)
    })().catch(() => {
      /* only a head start: the node is read when it is opened */
    })
  }

  function prepareWith(preparer: Preparer): void {
    preparers.add(preparer)
  }

  function invalidate(): void {
    generation += 1
    runs += 1
    snapshots = { settings: '', byNode: new Map() }
    readAside = new Map()
    reading = new Map()
  }

  return { snapshotOf, readAhead, prepare, prepareWith, invalidate }
}
