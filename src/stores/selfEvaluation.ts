/**
 * 导出自评表: the 部门整体支出绩效自评表 of the score shown (the scheme scored at the node, with the unit-year's
 * 管理指标填报 and their remarks), as an .xlsx download. The score is the domain's (`scoreScheme`), the
 * layout io's (io/scoring/selfEvaluationWorkbook, loaded with ExcelJS on first use); this store names
 * the unit, the year and the node, and hands the file to the browser.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SchemeScore, ScoringSchemeDefinition } from '@/domain/scoring'
import type { ManagementInputs } from '@/domain/types'
import { ok, refused, type Result } from '@/domain/result'
import { saveFile, XLSX_TYPE } from '@/io/download'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'

export const useSelfEvaluationStore = defineStore('selfEvaluation', () => {
  const busy = ref(false)

  /**
   * Downloads the 自评表 of `score` (the scheme scored at the workspace's node, labelled `nodeLabel`, with
   * `inputs`' remarks). The 概览 holds no dataset (its figures are the overview worker's), so the unit is
   * named from the workspace's header.
   */
  async function exportTable(
    score: SchemeScore,
    scheme: ScoringSchemeDefinition,
    inputs: ManagementInputs | null,
    nodeLabel: string,
  ): Promise<Result> {
    const { unitName, year } = useWorkspaceStore()
    if (!unitName || year === null) return refused(['请先在页面顶部选择单位、年度和监控节点'])
    busy.value = true
    try {
      const { selfEvaluationBytes, selfEvaluationFileName } = await import('@/io/scoring/selfEvaluationWorkbook')
      const request = {
        score,
        scheme,
        remarks: inputs?.remarks ?? null,
        unitName,
        year,
        nodeLabel,
        precision: useSettingsStore().settings.ratePrecision,
      }
      saveFile(await selfEvaluationBytes(request), selfEvaluationFileName(request), XLSX_TYPE)
      return ok()
    } catch (error) {
      return refused([`导出自评表失败：${error instanceof Error ? error.message : String(error)}`])
    } finally {
      busy.value = false
    }
  }

  return { busy, exportTable }
})
