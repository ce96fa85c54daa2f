/**
 * 纠偏措施 and the template library: edits go through db/measures, then the workspace reloads so
 * every page sees them. Status 逾期 and "did the light improve" come from the domain.
 *
 * Two tabs (docs/reliability.md §3): `save` and `saveTemplates` / `resetTemplates` take the basis their editor
 * started from; a write refused because another tab changed it meanwhile returns `conflicts`.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, toRaw } from 'vue'
import {
  deleteMeasure,
  getMeasureTemplatesRow,
  measureTemplatesOf,
  putMeasure,
  resetMeasureTemplates,
  saveMeasureTemplates,
} from '@/db/measures'
import type { SettingsRow } from '@/domain/types'
import { defaultMeasureTemplates, type MeasureTemplate } from '@/domain/measureTemplates'
import { ok, refused, type Result } from '@/domain/result'
import type { CorrectiveMeasure, Id } from '@/domain/types'
import { useWorkspaceStore } from './workspace'

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

  const basisOption = <T>(options: { basis?: T | null }) =>
    options.basis === undefined ? {} : { basis: options.basis && (toRaw(options.basis) as T) }

  async function saveTemplates(
    next: MeasureTemplate[],
    options: { basis?: SettingsRow | null } = {},
  ): Promise<Result<undefined, SettingsRow>> {
    const result = await saveMeasureTemplates(
      next.map((t) => ({ ...toRaw(t) })),
      basisOption(options),
    )
    if (!result.ok) return result
    templates.value = result.value
    return ok()
  }

  async function resetTemplates(options: { basis?: SettingsRow | null } = {}): Promise<Result<undefined, SettingsRow>> {
    const result = await resetMeasureTemplates(basisOption(options))
    if (!result.ok) return result
    templates.value = result.value
    return ok()
  }

  /** With `options.basis` (the measure as the editor opened it) see `putMeasure`. */
  async function save(
    measure: CorrectiveMeasure,
    options: { basis?: CorrectiveMeasure | null } = {},
  ): Promise<Result<undefined, CorrectiveMeasure>> {
    if (!measure.content.trim()) return refused(['请填写措施内容。'])
    const result = await putMeasure({ ...toRaw(measure) }, basisOption(options))
    if (!result.ok) return result
    await workspace.reload()
    return ok()
  }

  async function remove(id: Id): Promise<Result> {
    const result = await deleteMeasure(id)
    if (!result.ok) return result
    await workspace.reload()
    return ok()
  }

  return {
    templates,
    templatesLoaded,
    measures,
    loadTemplates,
    showTemplatesOf,
    saveTemplates,
    resetTemplates,
    save,
    remove,
  }
})
