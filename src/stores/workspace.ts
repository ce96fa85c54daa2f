/**
 * The workspace: which unit, year and monitoring node the user is looking at, the data loaded for
 * them, and the node snapshot computed from it by the domain (once per change, never per render).
 * Orchestrates db/* and domain/*; computes no rate itself. The settings are the settings store's; the
 * snapshots kept and the other nodes prepared ahead are its node preparation's (nodePreparation.ts).
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Id, UnitYearDataset, UnitYearRef } from '@/domain/types'
import type { PersistenceStatus } from '@/domain/storage'
import { settingsForNode } from '@/domain/lock'
import type { Result } from '@/domain/result'
import type { NodeSnapshot } from '@/domain/snapshot'
import {
  listUnitYears,
  loadNodeReadingsInPages,
  loadReadings,
  loadUnitYear,
  mergeReadings,
  saveUnitYear,
} from '@/db/datasets'
import { loadUnitYearHeader, type UnitYearHeader } from '@/db/unitYearParts'
import { getSettings } from '@/db/settings'
import { requestPersistentStorage } from '@/db/storage'
import { watchChanges } from '@/db/meta'
import { createNodePreparation } from './nodePreparation'
import { whenQuiet } from './quietMoments'
import { useSettingsStore } from './settings'

/** Which readings the dataset holds: those of these nodes (at every indicator) and of these indicators (at every node). */
export interface ReadingsHeld {
  nodeIds: ReadonlySet<Id>
  indicatorIds: ReadonlySet<Id>
}

export const useWorkspaceStore = defineStore('workspace', () => {
  const settingsStore = useSettingsStore()
  const { settings } = storeToRefs(settingsStore)
  const ready = ref(false)
  const busy = ref(false)
  const errorMessage = ref('')
  const persistence = ref<PersistenceStatus | 'unknown'>('unknown')
  const unitYears = ref<UnitYearRef[]>([])
  const unitId = ref<Id | null>(null)
  const year = ref<number | null>(null)
  const nodeId = ref<Id | null>(null)
  // shallowRef: the dataset is replaced whole after each write, never mutated in place.
  // Its readings are those of the nodes in `readingScope` plus every node's readings of the unit's
  // own (整体) indicators, not the whole year's: at 主管部门 size (1,000 projects × 20 indicators × 12
  // nodes) those are 240,000 rows and reading them all took seconds (docs/benchmarks.md (round 1)).
  // Opening another node loads its readings first (selectNode); pages that look across nodes ask
  // with ensureReadings.
  const dataset = shallowRef<UnitYearDataset | null>(null)
  /** Which readings the dataset holds (replaced whole, like the dataset). */
  const readingScope = shallowRef<ReadingsHeld>({ nodeIds: new Set(), indicatorIds: new Set() })
  /**
   * Nodes whose readings the dataset holds only because the preparation read them ahead. A reload
   * after a write does not read them again at once (at 主管部门 size every node is 20,000 rows, and a
   * save would cost seconds, see docs/benchmarks.md (round 3)); the preparation reads them again in
   * idle time.
   */
  const readAheadNodes = shallowRef<ReadonlySet<Id>>(new Set())
  /**
   * Whether the page shown needs the dataset. The 概览 does not: its figures come from the overview
   * worker (stores/overview.ts), and the main thread holds only the header. At 主管部门 size the
   * dataset is 60,000 rows and more, and reading and preparing it on the main thread ran tasks of up to
   * 0.2 s (docs/benchmarks.md (round 4)). Set by the router from each route's meta (`want`).
   */
  const datasetWanted = ref(true)
  /** The unit-year's unit, nodes, measures and reports: all the 概览 reads besides the worker's figures. */
  const header = shallowRef<UnitYearHeader | null>(null)
  /** Increases with every read of the selected unit-year (after each write anywhere): the worker's views follow it. */
  const dataVersion = ref(0)

  const preparation = createNodePreparation({
    // in the background, in pages: a read the user is waiting for never waits behind a whole node
    load: (id) => loadNodeReadingsInPages(id),
    dataset: () => dataset.value,
    settings: () => settings.value,
    holds: (id) => readingScope.value.nodeIds.has(id),
    mergeReadAhead: (nodeIds) => ensureReadings({ nodeIds }, { ahead: true }),
    schedule: whenQuiet,
  })

  const isEmpty = computed(() => ready.value && unitYears.value.length === 0)
  const nodes = computed(() =>
    [...(dataset.value?.nodes ?? header.value?.nodes ?? [])].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate)),
  )
  /** The selected unit's name, from the dataset or, on the 概览, the header. */
  const unitName = computed(() => dataset.value?.unit.name ?? header.value?.unit.name ?? '')
  const node = computed(() => nodes.value.find((n) => n.id === nodeId.value) ?? null)
  /** The settings the shown node's figures follow: those frozen with it once 定稿, else the current ones. */
  const nodeSettings = computed(() => (node.value ? settingsForNode(node.value, settings.value) : settings.value))

  const snapshotResult = computed(() => {
    if (!dataset.value || !nodeId.value) return null
    return preparation.snapshotOf(nodeId.value)
  })
  const snapshot = computed(() => {
    const result = snapshotResult.value
    return result && result.ok ? result.value : null
  })

  /** A node's snapshot over the dataset, kept until the data or the settings change. */
  function snapshotOf(id: Id): Result<NodeSnapshot> | null {
    return preparation.snapshotOf(id)
  }

  async function init(): Promise<void> {
    // where a reload's time goes, for the benchmark (docs/benchmarks.md (round 4))
    performance.mark('workspace:init')
    try {
      // The browser's answer to persist() only fills the header's storage indicator; headless Chromium
      // took a quarter of a second to give it, so the figures do not wait for it.
      const persisted = requestPersistentStorage().then((status) => {
        persistence.value = status
      })
      // asked side by side: each is a round trip to IndexedDB, and the 概览 waits for both
      await Promise.all([
        settingsStore.load().then(() => performance.mark('workspace:settings')),
        refreshUnitYears().then(() => performance.mark('workspace:unit-years')),
      ])
      const first = unitYears.value[0]
      if (first) await select(first.unitId, first.year)
      await persisted
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
  /**
   * The latest select's promise. A select that a later one overtakes waits for that one instead of
   * returning early: a caller that awaits a reload after its write (entry saves) must see the written
   * figures on return, even when the change watcher's reload started meanwhile and won.
   */
  let latestLoad: Promise<void> = Promise.resolve()
  function select(nextUnitId: Id, nextYear: number): Promise<void> {
    const load = ++loadCount
    latestLoad = loadSelected(load, nextUnitId, nextYear)
    return latestLoad
  }
  async function loadSelected(load: number, nextUnitId: Id, nextYear: number): Promise<void> {
    const same = nextUnitId === unitId.value && nextYear === year.value
    if (!datasetWanted.value) return loadHeader(load, nextUnitId, nextYear, same)
    const scope = same
      ? {
          nodeIds: new Set([...readingScope.value.nodeIds].filter((id) => !readAheadNodes.value.has(id))),
          indicatorIds: readingScope.value.indicatorIds,
        }
      : { nodeIds: new Set<Id>(), indicatorIds: new Set<Id>() }
    // Which node to show is known once the nodes are read: keep the current one, else the latest.
    let shownNode: Id | null = null
    let nodeIds = new Set<Id>()
    const loaded = await loadUnitYear(nextUnitId, nextYear, {
      scope: {
        nodeIds: (byDate) => {
          shownNode = (byDate.find((n) => n.id === nodeId.value) ?? byDate[byDate.length - 1])?.id ?? null
          nodeIds = new Set([...scope.nodeIds].filter((id) => byDate.some((n) => n.id === id)))
          if (shownNode) nodeIds.add(shownNode)
          return [...nodeIds]
        },
        indicatorIds: [...scope.indicatorIds],
        unitIndicators: true,
      },
    })
    if (load !== loadCount) return latestLoad // a later select or reload won: its figures are the ones to show
    // The user may have opened another node while this read was under way (selectNode): keep it, with
    // its readings, rather than going back to the node chosen when the read began.
    let data = loaded
    const chosenMeanwhile = same ? nodeId.value : null
    if (chosenMeanwhile && chosenMeanwhile !== shownNode && data?.nodes.some((n) => n.id === chosenMeanwhile)) {
      shownNode = chosenMeanwhile
      if (!nodeIds.has(chosenMeanwhile)) {
        const more = await loadReadings({ nodeIds: [chosenMeanwhile] })
        if (load !== loadCount) return latestLoad
        data = { ...data, readings: mergeReadings(data.readings, more) }
        nodeIds.add(chosenMeanwhile)
      }
    }
    readingScope.value = { nodeIds, indicatorIds: scope.indicatorIds }
    readAheadNodes.value = new Set()
    preparation.invalidate()
    unitId.value = nextUnitId
    year.value = nextYear
    header.value = data
    dataset.value = data
    nodeId.value = shownNode
    dataVersion.value += 1
    prepareOtherNodes()
  }

  /** A select while no page needs the dataset: the header only, and no dataset (it would go stale unseen). */
  async function loadHeader(load: number, nextUnitId: Id, nextYear: number, same: boolean): Promise<void> {
    const loaded = await loadUnitYearHeader(nextUnitId, nextYear)
    performance.mark('workspace:header')
    if (load !== loadCount) return latestLoad
    const chosen = same ? nodeId.value : null
    const byDate = loaded?.nodes ?? []
    readingScope.value = { nodeIds: new Set(), indicatorIds: new Set() }
    readAheadNodes.value = new Set()
    preparation.invalidate()
    unitId.value = nextUnitId
    year.value = nextYear
    header.value = loaded
    dataset.value = null
    nodeId.value = (byDate.find((n) => n.id === chosen) ?? byDate[byDate.length - 1])?.id ?? null
    dataVersion.value += 1
    // a page that needs the dataset was opened while the header was read (want found no unit yet):
    // read it now, or that page would wait for a dataset nobody reads
    if (datasetWanted.value && loaded) return select(nextUnitId, nextYear)
  }

  /**
   * Whether the page now shown needs the dataset (the router calls it on every navigation). Wanted and
   * not loaded: it is read, with the shown node's readings. Not wanted: the preparation of other nodes
   * on the main thread stops.
   */
  function want(needed: boolean): Promise<void> {
    datasetWanted.value = needed
    if (!needed) {
      preparation.prepare([], null)
      return Promise.resolve()
    }
    if (!dataset.value && unitId.value !== null && year.value !== null) return select(unitId.value, year.value)
    prepareOtherNodes()
    return Promise.resolve()
  }

  /**
   * Makes sure the dataset holds the readings of these nodes (at every indicator) and of these
   * indicators (at every node), reading only what is missing. `ahead`: asked by the preparation, not
   * by the user or a page, so not kept through a reload.
   */
  async function ensureReadings(
    wanted: { nodeIds?: readonly Id[]; indicatorIds?: readonly Id[] },
    { ahead = false }: { ahead?: boolean } = {},
  ): Promise<void> {
    const data = dataset.value
    if (!data) return
    const asked = wanted.nodeIds ?? []
    if (!ahead && asked.some((id) => readAheadNodes.value.has(id))) {
      readAheadNodes.value = new Set([...readAheadNodes.value].filter((id) => !asked.includes(id)))
    }
    const held = readingScope.value
    const nodeIds = asked.filter((id) => !held.nodeIds.has(id) && data.nodes.some((n) => n.id === id))
    const indicatorIds = (wanted.indicatorIds ?? []).filter((id) => !held.indicatorIds.has(id))
    if (nodeIds.length === 0 && indicatorIds.length === 0) return
    const load = loadCount
    // the preparation may have read these nodes aside already
    const aside = indicatorIds.length === 0 ? preparation.readAhead(nodeIds) : undefined
    const more = aside ?? (await loadReadings({ nodeIds, indicatorIds }))
    // a reload meanwhile read everything again (with its own scope): merge into nothing stale
    if (load !== loadCount || dataset.value !== data) return ensureReadings(wanted, { ahead })
    const ofYear = new Set(data.nodes.map((n) => n.id))
    readingScope.value = {
      nodeIds: new Set([...readingScope.value.nodeIds, ...nodeIds]),
      indicatorIds: new Set([...readingScope.value.indicatorIds, ...indicatorIds]),
    }
    if (ahead) readAheadNodes.value = new Set([...readAheadNodes.value, ...nodeIds])
    dataset.value = {
      ...data,
      readings: mergeReadings(
        data.readings,
        more.filter((r) => ofYear.has(r.nodeId)),
      ),
    }
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
        // Read here, not through settingsStore.load(): calling a store's action makes its pinia the
        // active one, and this callback runs in the background, when another pinia may be active
        // (tests make one for each test).
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
      header.value = null
      dataset.value = null
      dataVersion.value += 1
    }
  }

  /** Shows another node once its readings are loaded (never a snapshot computed without them). */
  let nodeRequest = 0
  async function selectNode(id: Id): Promise<void> {
    const request = ++nodeRequest
    if (!datasetWanted.value) {
      // the 概览's figures come from the worker; a dataset kept from another page would lack this node's
      // readings, so it goes and is read again, with them, when a page needs it
      if (dataset.value) dataset.value = null
      nodeId.value = id
      return
    }
    await ensureReadings({ nodeIds: [id] })
    if (request !== nodeRequest) return
    nodeId.value = id
    prepareOtherNodes()
  }

  /**
   * Prepares every other node of the year in quiet moments (the browser idle and no input for a
   * second): reads its readings aside, computes its snapshot and runs the preparers (prepareWith), so
   * opening it costs drawing only. When all are read, their readings join the dataset in one merge. A
   * later select or selectNode starts it over.
   */
  function prepareOtherNodes(): void {
    if (!datasetWanted.value) return
    preparation.prepare(
      nodes.value.map((n) => n.id),
      nodeId.value,
    )
  }

  /**
   * 载入示例数据: 且末县自然资源局 2021 (seed 001, docs/domain-rules.md §1), its one node 1-6月.
   * `wholeYear`: 「载入全年示例（12个月）」, the same unit with a node at every month-end (1-6月 定稿), shown
   * at its latest node (1-12月). Each demo module is loaded only when asked for.
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
        errorMessage.value = result.messages.join('；')
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

  return {
    ready,
    busy,
    errorMessage,
    persistence,
    unitYears,
    unitId,
    year,
    nodeId,
    dataset,
    header,
    unitName,
    datasetWanted,
    dataVersion,
    readingScope,
    readAheadNodes,
    nodeSettings,
    isEmpty,
    nodes,
    node,
    snapshotResult,
    snapshot,
    init,
    refreshUnitYears,
    select,
    reload,
    selectNode,
    want,
    ensureReadings,
    snapshotOf,
    prepareWith: preparation.prepareWith,
    loadDemo,
  }
})

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
