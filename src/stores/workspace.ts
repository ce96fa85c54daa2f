/**
 * The workspace: which unit, year and monitoring node the user is looking at, the data loaded for
 * them, and the node snapshot computed from it by the domain (once per change, never per render).
 * Orchestrates db/* and domain/*; computes no rate itself.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Id, IndicatorReading, UnitYearDataset } from '@/domain/types'
import type { MonitoringSettings } from '@/domain/settings'
import { defaultSettings } from '@/domain/settings'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { settingsForNode } from '@/domain/lock'
import type { NodeSnapshot } from '@/domain/snapshot'
import type { Result } from '@/domain/result'
import { listUnitYears, loadReadings, loadUnitYear, mergeReadings, saveUnitYear } from '@/db/datasets'
import { getSettings, getSettingsRow, saveSettings as storeSettings } from '@/db/settings'
import type { SettingsRow } from '@/db/schema'
import { validateSettings } from '@/domain/settingsValidation'
import { requestPersistentStorage } from '@/db/storage'
import { watchChanges } from '@/db/meta'

export interface UnitYearRef {
  unitId: Id
  unitName: string
  year: number
}

export type PersistenceStatus = 'unknown' | 'persisted' | 'not-persisted' | 'unsupported'

export const useWorkspaceStore = defineStore('workspace', () => {
  const ready = ref(false)
  const busy = ref(false)
  const errorMessage = ref('')
  const persistence = ref<PersistenceStatus>('unknown')
  const unitYears = ref<UnitYearRef[]>([])
  const unitId = ref<Id | null>(null)
  const year = ref<number | null>(null)
  const nodeId = ref<Id | null>(null)
  // shallowRef: the dataset is replaced whole after each write, never mutated in place.
  // Its readings are those of the nodes in `readingScope` plus every node's readings of the unit's
  // own (整体) indicators, not the whole year's: at 主管部门 size (1,000 projects × 20 indicators × 12
  // nodes) those are 240,000 rows and reading them all took seconds. Opening another node loads its
  // readings first (selectNode); pages that look across nodes ask with ensureReadings.
  const dataset = shallowRef<UnitYearDataset | null>(null)
  const settings = ref<MonitoringSettings>(defaultSettings())
  let readingScope = { nodeIds: new Set<Id>(), indicatorIds: new Set<Id>() }
  /**
   * Nodes whose readings the dataset holds only because prepareOtherNodes read them ahead. A reload
   * after a write does not read them again at once (at 主管部门 size every node is 20,000 rows, and a
   * save would cost seconds); the preparation reads them again in idle time.
   */
  let readAheadNodes = new Set<Id>()
  /** Bumped whenever the dataset is read again from IndexedDB (not when more readings are merged in). */
  let datasetVersion = 0

  const isEmpty = computed(() => ready.value && unitYears.value.length === 0)
  const nodes = computed(() =>
    [...(dataset.value?.nodes ?? [])].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate)),
  )
  const node = computed(() => nodes.value.find((n) => n.id === nodeId.value) ?? null)
  /** The settings the shown node's figures follow: those frozen with it once 定稿, else the current ones. */
  const nodeSettings = computed(() => (node.value ? settingsForNode(node.value, settings.value) : settings.value))

  const snapshotResult = computed(() => {
    if (!dataset.value || !nodeId.value) return null
    return snapshotOf(nodeId.value)
  })
  const snapshot = computed(() => {
    const result = snapshotResult.value
    return result && result.ok ? result.value : null
  })

  /**
   * The node snapshots computed for this dataset version and these settings, so switching back to a
   * node costs nothing (≈ 0.3 s of decimal arithmetic per node at 主管部门 size). A node's snapshot
   * depends only on the dataset's rows and that node's readings, which merging in other nodes'
   * readings does not change. A year's month-end nodes all fit (prepareOtherNodes fills them in, ≈ 6 MB
   * each at 主管部门 size); beyond that the least recently used goes.
   */
  const SNAPSHOTS_KEPT = 13
  let snapshotCache = { version: -1, settings: '', byNode: new Map<Id, Result<NodeSnapshot>>() }
  function snapshotOf(id: Id, data: UnitYearDataset | null = dataset.value): Result<NodeSnapshot> | null {
    if (!data) return null
    const settingsNow = settings.value
    // stringified through the reactive proxy, so the computed follows every setting
    const settingsKey = JSON.stringify(settingsNow)
    if (snapshotCache.version !== datasetVersion || snapshotCache.settings !== settingsKey) {
      snapshotCache = { version: datasetVersion, settings: settingsKey, byNode: new Map() }
    }
    const known = snapshotCache.byNode.get(id)
    if (known) {
      // most recently used last
      snapshotCache.byNode.delete(id)
      snapshotCache.byNode.set(id, known)
      return known
    }
    const shown = data.nodes.find((n) => n.id === id)
    const computed = computeNodeSnapshot({ dataset: data, nodeId: id, settings: shown ? settingsForNode(shown, settingsNow) : settingsNow })
    snapshotCache.byNode.set(id, computed)
    if (snapshotCache.byNode.size > SNAPSHOTS_KEPT) {
      const oldest = snapshotCache.byNode.keys().next().value
      if (oldest !== undefined) snapshotCache.byNode.delete(oldest)
    }
    return computed
  }

  async function init(): Promise<void> {
    try {
      // asked side by side: each is a round trip to IndexedDB or the browser, and the 概览 waits for all
      const [persisted, stored] = await Promise.all([requestPersistentStorage(), getSettings(), refreshUnitYears()])
      persistence.value = persisted
      settings.value = stored
      const first = unitYears.value[0]
      if (first) await select(first.unitId, first.year)
      followChanges()
    } catch (error) {
      errorMessage.value = `读取本地数据失败：${describe(error)}`
    } finally {
      ready.value = true
    }
  }

  async function refreshUnitYears(): Promise<void> {
    unitYears.value = await listUnitYears()
  }

  /**
   * Loads one unit and year; keeps the chosen node if it still exists, else the latest node. The
   * readings already loaded stay loaded when the unit-year is the same (a reload after a write).
   */
  let loadCount = 0
  async function select(nextUnitId: Id, nextYear: number): Promise<void> {
    const load = ++loadCount
    const same = nextUnitId === unitId.value && nextYear === year.value
    const scope = same
      ? { nodeIds: new Set([...readingScope.nodeIds].filter((id) => !readAheadNodes.has(id))), indicatorIds: readingScope.indicatorIds }
      : { nodeIds: new Set<Id>(), indicatorIds: new Set<Id>() }
    // Which node to show is known once the nodes are read: keep the current one, else the latest.
    let shownNode: Id | null = null
    let nodeIds = new Set<Id>()
    const loaded = await loadUnitYear(nextUnitId, nextYear, undefined, {
      nodeIds: (byDate) => {
        shownNode = (byDate.find((n) => n.id === nodeId.value) ?? byDate[byDate.length - 1])?.id ?? null
        nodeIds = new Set([...scope.nodeIds].filter((id) => byDate.some((n) => n.id === id)))
        if (shownNode) nodeIds.add(shownNode)
        return [...nodeIds]
      },
      indicatorIds: [...scope.indicatorIds],
      unitIndicators: true,
    })
    if (load !== loadCount) return // a later select or reload won
    // The user may have opened another node while this read was under way (selectNode): keep it, with
    // its readings, rather than going back to the node chosen when the read began.
    let data = loaded
    const chosenMeanwhile = same ? nodeId.value : null
    if (chosenMeanwhile && chosenMeanwhile !== shownNode && data?.nodes.some((n) => n.id === chosenMeanwhile)) {
      shownNode = chosenMeanwhile
      if (!nodeIds.has(chosenMeanwhile)) {
        const more = await loadReadings({ nodeIds: [chosenMeanwhile] })
        if (load !== loadCount) return
        data = { ...data, readings: mergeReadings(data.readings, more) }
        nodeIds.add(chosenMeanwhile)
      }
    }
    readingScope = { nodeIds, indicatorIds: scope.indicatorIds }
    readAheadNodes = new Set()
    datasetVersion += 1
    unitId.value = nextUnitId
    year.value = nextYear
    dataset.value = data
    nodeId.value = shownNode
    prepareOtherNodes()
  }

  /**
   * Makes sure the dataset holds the readings of these nodes (at every indicator) and of these
   * indicators (at every node), reading only what is missing. `ahead`: asked by the preparation, not
   * by the user or a page, so not kept through a reload.
   */
  async function ensureReadings(
    wanted: { nodeIds?: readonly Id[]; indicatorIds?: readonly Id[] }, { ahead = false }: { ahead?: boolean } = {},
  ): Promise<void> {
    const data = dataset.value
    if (!data) return
    if (!ahead) for (const id of wanted.nodeIds ?? []) readAheadNodes.delete(id)
    const nodeIds = (wanted.nodeIds ?? []).filter((id) => !readingScope.nodeIds.has(id) && data.nodes.some((n) => n.id === id))
    const indicatorIds = (wanted.indicatorIds ?? []).filter((id) => !readingScope.indicatorIds.has(id))
    if (nodeIds.length === 0 && indicatorIds.length === 0) return
    const load = loadCount
    const version = datasetVersion
    const aside = readAhead.version === version ? nodeIds.map((id) => readAhead.byNode.get(id)) : []
    const more = aside.length === nodeIds.length && indicatorIds.length === 0 && aside.every((rows) => rows !== undefined)
      ? aside.flat()
      : await loadReadings({ nodeIds, indicatorIds })
    // a reload meanwhile read everything again (with its own scope): merge into nothing stale
    if (load !== loadCount || dataset.value !== data) return ensureReadings(wanted, { ahead })
    const ofYear = new Set(data.nodes.map((n) => n.id))
    readingScope = {
      nodeIds: new Set([...readingScope.nodeIds, ...nodeIds]),
      indicatorIds: new Set([...readingScope.indicatorIds, ...indicatorIds]),
    }
    if (ahead) for (const id of nodeIds) readAheadNodes.add(id)
    dataset.value = { ...data, readings: mergeReadings(data.readings, more.filter((r) => ofYear.has(r.nodeId))) }
  }

  /**
   * Keeps this tab current when data changes in another tab (or anywhere in this one): every
   * audited write bumps a counter that Dexie's liveQuery watches across tabs.
   */
  let seenChangeCounter: number | null = null
  let stopFollowing: (() => void) | null = null
  function followChanges(): void {
    stopFollowing?.()
    stopFollowing = watchChanges((counter) => {
      const first = seenChangeCounter === null
      if (counter === seenChangeCounter) return
      seenChangeCounter = counter
      if (first) return
      void (async () => {
        settings.value = await getSettings()
        await reload()
      })()
    })
  }

  /** Re-reads the selected unit-year after a write elsewhere (entry screens, import, restore, review). */
  async function reload(): Promise<void> {
    await refreshUnitYears()
    const stillThere = unitYears.value.find((uy) => uy.unitId === unitId.value && uy.year === year.value)
    const next = stillThere ?? unitYears.value[0]
    if (next) await select(next.unitId, next.year)
    else {
      unitId.value = null
      year.value = null
      nodeId.value = null
      dataset.value = null
    }
  }

  /** Shows another node once its readings are loaded (never a snapshot computed without them). */
  let nodeRequest = 0
  async function selectNode(id: Id): Promise<void> {
    const request = ++nodeRequest
    await ensureReadings({ nodeIds: [id] })
    if (request !== nodeRequest) return
    nodeId.value = id
    prepareOtherNodes()
  }

  /**
   * Readings read ahead for nodes the dataset does not hold yet, for the dataset version they were
   * read for. Kept aside rather than merged, so reading ahead does not make every view of the shown
   * node compute again.
   */
  let readAhead = { version: -1, byNode: new Map<Id, IndicatorReading[]>() }

  /**
   * Work other stores want done ahead of time for each prepared node snapshot (the alerts store raises
   * its alerts), so opening a node finds them done too.
   */
  const preparers = new Set<(snapshot: NodeSnapshot, data: UnitYearDataset) => void>()
  function prepareWith(preparer: (snapshot: NodeSnapshot, data: UnitYearDataset) => void): void {
    preparers.add(preparer)
  }

  /**
   * Prepares every other node of the year, nearest first (a user steps through the year): reads its
   * readings aside, computes its snapshot and runs the preparers, one step per quiet moment (the
   * browser idle and no input for a second). When all are read, their readings join the dataset in one
   * merge. At 主管部门 size a node costs ≈ 0.3 s of reading and 0.2 s of arithmetic; prepared, opening it
   * costs drawing only (docs/benchmarks.md). A later select or selectNode starts it over.
   */
  let preparing = 0
  function prepareOtherNodes(): void {
    const run = ++preparing
    const list = nodes.value
    const at = list.findIndex((n) => n.id === nodeId.value)
    if (at < 0) return
    const others = list.map((n, index) => ({ id: n.id, distance: Math.abs(index - at), later: index > at }))
      .filter((n) => n.distance > 0)
      .sort((a, b) => a.distance - b.distance || (a.later === b.later ? 0 : a.later ? -1 : 1))
      .map((n) => n.id)
    const current = () => run === preparing
    const version = datasetVersion
    // Readings of a node not held yet, read aside; the next node's read runs while this one computes.
    const reads = new Map<Id, Promise<IndicatorReading[]>>()
    const readAside = (id: Id): Promise<IndicatorReading[] | undefined> => {
      if (readingScope.nodeIds.has(id)) return Promise.resolve(undefined)
      const known = readAhead.version === version ? readAhead.byNode.get(id) : undefined
      if (known) return Promise.resolve(known)
      let read = reads.get(id)
      if (!read) {
        read = loadReadings({ nodeIds: [id] }).then((rows) => {
          if (version === datasetVersion) {
            if (readAhead.version !== version) readAhead = { version, byNode: new Map() }
            readAhead.byNode.set(id, rows)
          }
          return rows
        })
        reads.set(id, read)
      }
      return read
    }
    const order = [nodeId.value, ...others].filter((id): id is Id => id !== null)
    void (async () => {
      for (const [index, id] of order.entries()) {
        await whenQuiet()
        if (!current() || version !== datasetVersion || !dataset.value) return
        const reading = readAside(id)
        const next = order[index + 1]
        if (next) readAside(next).catch(() => { reads.delete(next) /* read again when its turn comes */ })
        const readings = await reading
        // not in the task that just took the rows in: each step stays one task of its own
        await whenQuiet()
        if (!current() || version !== datasetVersion || !dataset.value) return
        // a node's snapshot reads only that node's readings
        const data = dataset.value
        const prepared = snapshotOf(id, readings ? { ...data, readings } : data)
        if (!prepared?.ok) continue
        for (const preparer of preparers) {
          await whenQuiet()
          if (!current() || version !== datasetVersion) return
          preparer(prepared.value, data)
        }
      }
      await whenQuiet()
      if (current()) await ensureReadings({ nodeIds: list.map((n) => n.id) }, { ahead: true })
    })().catch(() => { /* only a head start: the node is read when it is opened */ })
  }

  /**
   * 载入示例数据: 且末县自然资源局 2021 (seed 001), its one node 1-6月. `wholeYear`: 「载入全年示例（12个月）」,
   * the same unit with a node at every month-end (1-6月 定稿), shown at its latest node (1-12月). Each demo
   * module is loaded only when asked for.
   */
  async function loadDemo({ wholeYear = false }: { wholeYear?: boolean } = {}): Promise<boolean> {
    busy.value = true
    errorMessage.value = ''
    try {
      const demo = wholeYear
        ? (await import('@/domain/demo/qiemo2021Year')).qiemo2021YearDataset()
        : (await import('@/domain/demo/qiemo2021')).qiemo2021Dataset()
      const result = await saveUnitYear(demo)
      if (!result.ok) {
        errorMessage.value = result.message
        return false
      }
      await refreshUnitYears()
      await select(demo.unit.id, demo.year)
      // select keeps the node shown before (say 1-6月 of the one-node demo); the year opens at its end
      const latest = wholeYear ? nodes.value[nodes.value.length - 1] : undefined
      if (latest && latest.id !== nodeId.value) await selectNode(latest.id)
      return true
    } catch (error) {
      errorMessage.value = `${wholeYear ? '载入全年示例' : '载入示例数据'}失败：${describe(error)}`
      return false
    } finally {
      busy.value = false
    }
  }

  /**
   * Validates, stores and applies settings; nothing is stored when any check fails. An editor that
   * passes `basis` (from `settingsBasis()` when editing began) is told `conflict: true` instead of
   * overwriting settings another tab saved meanwhile; it can then save again without a basis.
   */
  async function saveSettings(
    next: MonitoringSettings,
    options: { basis?: SettingsRow | null } = {},
  ): Promise<{ ok: true } | { ok: false; messages: string[]; conflict?: boolean }> {
    const checked = validateSettings(next)
    if (!checked.ok) return { ok: false, messages: checked.issues.map((i) => i.message) }
    const written = await storeSettings(next, undefined, options)
    if (!written.ok) return { ok: false, messages: [written.message], ...(written.conflicts ? { conflict: true } : {}) }
    settings.value = next
    return { ok: true }
  }

  /** The stored settings as they are now: what an editor starts from. */
  function settingsBasis(): Promise<SettingsRow | null> {
    return getSettingsRow()
  }

  return {
    ready, busy, errorMessage, persistence, unitYears, unitId, year, nodeId, dataset, settings, nodeSettings,
    isEmpty, nodes, node, snapshotResult, snapshot,
    init, refreshUnitYears, select, reload, selectNode, ensureReadings, snapshotOf, prepareWith, loadDemo, saveSettings, settingsBasis,
  }
})

/**
 * The last keyboard, pointer or wheel input. The preparation of other nodes keeps out of the way while
 * the user types or clicks: at 主管部门 size each of its steps is one task of up to ≈ 0.2 s.
 */
let lastInputAt = -Infinity
const QUIET_MS = 1000
if (typeof window !== 'undefined') {
  for (const type of ['keydown', 'pointerdown', 'wheel'] as const) {
    window.addEventListener(type, () => { lastInputAt = performance.now() }, { capture: true, passive: true })
  }
}

/** Resolves when the browser is idle and the user has not typed or clicked for a second. */
async function whenQuiet(): Promise<void> {
  await whenIdle()
  for (let since = performance.now() - lastInputAt; since < QUIET_MS; since = performance.now() - lastInputAt) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS - since))
    await whenIdle()
  }
}

/** Resolves when the browser has a moment (requestIdleCallback, at most 2 s later; a timer where there is none). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof globalThis.requestIdleCallback === 'function') globalThis.requestIdleCallback(() => resolve(), { timeout: 2000 })
    else setTimeout(resolve, 0)
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
