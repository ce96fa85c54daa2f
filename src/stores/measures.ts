/**
 * 纠偏措施 and the template library: edits go through db/measures, then the workspace reloads so
 * every page sees them. Status 逾期 and "did the light improve" come from the domain.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, toRaw } from 'vue'
import { deleteMeasure, getMeasureTemplates, putMeasure, resetMeasureTemplates, saveMeasureTemplates } from '@/db/measures'
import { defaultMeasureTemplates, type MeasureTemplate } from '@/domain/measureTemplates'
import type { CorrectiveMeasure, Id } from '@/domain/types'
import { useWorkspaceStore } from './workspace'
import type { ActionResult } from './alerts'

export const useMeasuresStore = defineStore('measures', () => {
  const workspace = useWorkspaceStore()
  const { dataset } = storeToRefs(workspace)
  const templates = ref<MeasureTemplate[]>(defaultMeasureTemplates())
  const templatesLoaded = ref(false)
  const measures = computed(() => dataset.value?.measures ?? [])

  async function loadTemplates(): Promise<void> {
    templates.value = await getMeasureTemplates()
    templatesLoaded.value = true
  }

  async function saveTemplates(next: MeasureTemplate[]): Promise<ActionResult> {
    const result = await saveMeasureTemplates(next.map((t) => ({ ...toRaw(t) })))
    if (!result.ok) return { ok: false, message: result.message }
    templates.value = result.value
    return { ok: true }
  }

  async function resetTemplates(): Promise<ActionResult> {
    const result = await resetMeasureTemplates()
    if (!result.ok) return { ok: false, message: result.message }
    templates.value = result.value
    return { ok: true }
  }

  async function save(measure: CorrectiveMeasure): Promise<ActionResult> {
    if (!measure.content.trim()) return { ok: false, message: '请填写措施内容。' }
    const result = await putMeasure({ ...toRaw(measure) })
    if (!result.ok) return { ok: false, message: result.message }
    await workspace.reload()
    return { ok: true }
  }

  async function remove(id: Id): Promise<ActionResult> {
    const result = await deleteMeasure(id)
    if (!result.ok) return { ok: false, message: result.message }
    await workspace.reload()
    return { ok: true }
  }

  return { templates, templatesLoaded, measures, loadTemplates, saveTemplates, resetTemplates, save, remove }
})
