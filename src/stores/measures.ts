/**
 * 纠偏措施 and the template library: edits go through db/measures, then the workspace reloads so
 * every page sees them. Status 逾期 and "did the light improve" come from the domain.
 *
 * Two tabs (issue 5): `save` and `saveTemplates` / `resetTemplates` take the basis their editor
 * started from; a write refused because another tab changed it meanwhile returns `conflicts`.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, toRaw } from 'vue'
import {
  deleteMeasure, getMeasureTemplatesRow, measureTemplatesOf, putMeasure, resetMeasureTemplates, saveMeasureTemplates,
} from '@/db/measures'
import type { WriteConflict } from '@/db/result'
import type { SettingsRow } from '@/db/schema'
import { defaultMeasureTemplates, type MeasureTemplate } from '@/domain/measureTemplates'
import type { CorrectiveMeasure, Id } from '@/domain/types'
import { useWorkspaceStore } from './workspace'

/** `conflicts`: set when the write was refused because another tab changed the record first. */
export type MeasureActionResult = { ok: true } | { ok: false; message: string; conflicts?: WriteConflict[] }

export const useMeasuresStore = defineStore('measures', () => {
  const workspace = useWorkspaceStore()
  const { dataset } = storeToRefs(workspace)
  const templates = ref<MeasureTemplate[]>(defaultMeasureTemplates())
  const templatesLoaded = ref(false)
  const measures = computed(() => dataset.value?.measures ?? [])

  /** Reads the library; returns its stored row as read (null: none stored), an editor's basis. */
  async function loadTemplates(): Promise<SettingsRow | null> {
    const row = await getMeasureTemplatesRow()
    templates.value = measureTemplatesOf(row)
    templatesLoaded.value = true
    return row
  }

  /** The library a stored row (e.g. another tab's, from a conflict) holds, shown from now on. */
  function showTemplatesOf(row: SettingsRow | null): void {
    templates.value = measureTemplatesOf(row)
  }

  function failed(result: { message: string; conflicts?: WriteConflict[] }): MeasureActionResult {
    return { ok: false, message: result.message, ...(result.conflicts ? { conflicts: result.conflicts } : {}) }
  }
  const basisOption = <T>(options: { basis?: T | null }) =>
    options.basis === undefined ? {} : { basis: options.basis && (toRaw(options.basis) as T) }

  async function saveTemplates(next: MeasureTemplate[], options: { basis?: SettingsRow | null } = {}): Promise<MeasureActionResult> {
    const result = await saveMeasureTemplates(next.map((t) => ({ ...toRaw(t) })), undefined, basisOption(options))
    if (!result.ok) return failed(result)
    templates.value = result.value
    return { ok: true }
  }

  async function resetTemplates(options: { basis?: SettingsRow | null } = {}): Promise<MeasureActionResult> {
    const result = await resetMeasureTemplates(undefined, basisOption(options))
    if (!result.ok) return failed(result)
    templates.value = result.value
    return { ok: true }
  }

  /** With `options.basis` (the measure as the editor opened it) see `putMeasure`. */
  async function save(measure: CorrectiveMeasure, options: { basis?: CorrectiveMeasure | null } = {}): Promise<MeasureActionResult> {
    if (!measure.content.trim()) return { ok: false, message: '请填写措施内容。' }
    const result = await putMeasure({ ...toRaw(measure) }, undefined, basisOption(options))
    if (!result.ok) return failed(result)
    await workspace.reload()
    return { ok: true }
  }

  async function remove(id: Id): Promise<MeasureActionResult> {
    const result = await deleteMeasure(id)
    if (!result.ok) return failed(result)
    await workspace.reload()
    return { ok: true }
  }

  return { templates, templatesLoaded, measures, loadTemplates, showTemplatesOf, saveTemplates, resetTemplates, save, remove }
})
