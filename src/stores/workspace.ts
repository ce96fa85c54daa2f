/**
 * The workspace: which unit, year and monitoring node the user is looking at, the data loaded for
 * them, and the node snapshot computed from it by the domain (once per change, never per render).
 * Orchestrates db/* and domain/*; computes no rate itself.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Id, UnitYearDataset } from '@/domain/types'
import type { MonitoringSettings } from '@/domain/settings'
import { defaultSettings } from '@/domain/settings'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { listUnitYears, loadUnitYear, saveUnitYear } from '@/db/datasets'
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
  const dataset = shallowRef<UnitYearDataset | null>(null)
  const settings = ref<MonitoringSettings>(defaultSettings())

  const isEmpty = computed(() => ready.value && unitYears.value.length === 0)
  const nodes = computed(() =>
    [...(dataset.value?.nodes ?? [])].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate)),
  )
  const node = computed(() => nodes.value.find((n) => n.id === nodeId.value) ?? null)

  const snapshotResult = computed(() => {
    if (!dataset.value || !nodeId.value) return null
    return computeNodeSnapshot({ dataset: dataset.value, nodeId: nodeId.value, settings: settings.value })
  })
  const snapshot = computed(() => {
    const result = snapshotResult.value
    return result && result.ok ? result.value : null
  })

  async function init(): Promise<void> {
    try {
      persistence.value = await requestPersistentStorage()
      settings.value = await getSettings()
      await refreshUnitYears()
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

  /** Loads one unit and year; keeps the chosen node if it still exists, else the latest node. */
  async function select(nextUnitId: Id, nextYear: number): Promise<void> {
    const loaded = await loadUnitYear(nextUnitId, nextYear)
    unitId.value = nextUnitId
    year.value = nextYear
    dataset.value = loaded
    const sorted = [...(loaded?.nodes ?? [])].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate))
    const keep = sorted.find((n) => n.id === nodeId.value)
    nodeId.value = keep?.id ?? sorted[sorted.length - 1]?.id ?? null
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

  function selectNode(id: Id): void {
    nodeId.value = id
  }

  /** 载入示例数据: 且末县自然资源局 2021 (seed 001). The demo module is loaded only when asked for. */
  async function loadDemo(): Promise<boolean> {
    busy.value = true
    errorMessage.value = ''
    try {
      const { qiemo2021Dataset } = await import('@/domain/demo/qiemo2021')
      const demo = qiemo2021Dataset()
      const result = await saveUnitYear(demo)
      if (!result.ok) {
        errorMessage.value = result.message
        return false
      }
      await refreshUnitYears()
      await select(demo.unit.id, demo.year)
      return true
    } catch (error) {
      errorMessage.value = `载入示例数据失败：${describe(error)}`
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
    ready, busy, errorMessage, persistence, unitYears, unitId, year, nodeId, dataset, settings,
    isEmpty, nodes, node, snapshotResult, snapshot,
    init, refreshUnitYears, select, reload, selectNode, loadDemo, saveSettings, settingsBasis,
  }
})

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
