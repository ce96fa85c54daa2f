/**
 * Data in and out: the Excel import (dry run, then commit), the export, the template, and the
 * whole-database backup and restore. Orchestrates io/* and db/*; the workspace reloads after a write.
 * ExcelJS is reached only through dynamic import() of the io modules.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { useWorkspaceStore } from './workspace'
import type { ImportPlan, ImportProblem, SheetGrid } from '@/io/importPlan'
import type { BackupFile, BackupSummary } from '@/db/backup'
import { backupStatus, markBackedUp, type BackupStatus } from '@/db/meta'
import { hasAnyData } from '@/db/datasets'
import { getSettings } from '@/db/settings'
import { frozenReportsAtRiskOf } from '@/db/restoreCheck'
import { frozenReportsAtRiskText } from '@/domain/lock'
import { saveFile, XLSX_TYPE } from '@/io/download'

export interface ImportPreview {
  fileName: string
  plan: ImportPlan | null
  problems: ImportProblem[]
  grids: SheetGrid[] | null
}

export interface RestorePreview {
  fileName: string
  backup: BackupFile | null
  summary: BackupSummary | null
  current: BackupSummary | null
  messages: string[]
  /** the 定稿 reports stored now that the restore would remove or replace, one sentence each */
  frozenAtRisk: string[]
}

const excel = () => import('@/io/excel/importWorkbook')
const backupModule = () => import('@/db/backup')

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export const useDataTransferStore = defineStore('dataTransfer', () => {
  const busy = ref(false)
  const message = ref('')
  const errorMessage = ref('')
  const preview = shallowRef<ImportPreview | null>(null)
  const restorePreview = shallowRef<RestorePreview | null>(null)
  const status = ref<BackupStatus & { hasData: boolean }>({ changesSinceBackup: 0, hasData: false })

  async function run<T>(body: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    errorMessage.value = ''
    message.value = ''
    try {
      return await body()
    } catch (error) {
      errorMessage.value = `操作失败：${describe(error)}`
      return undefined
    } finally {
      busy.value = false
    }
  }

  async function downloadTemplate(): Promise<void> {
    const workspace = useWorkspaceStore()
    await run(async () => {
      const { templateBytes } = await excel()
      const unitName = workspace.dataset?.unit.name
      const bytes = await templateBytes(unitName, workspace.year ?? undefined)
      saveFile(bytes, '绩效监控导入模板.xlsx', XLSX_TYPE)
    })
  }

  async function exportCurrent(): Promise<void> {
    const workspace = useWorkspaceStore()
    if (!workspace.unitId || !workspace.year) {
      errorMessage.value = '请先在页面顶部选择单位和年度'
      return
    }
    const { unitId, year } = workspace
    await run(async () => {
      const { exportBytes } = await excel()
      const bytes = await exportBytes(unitId, year)
      if (!bytes) throw new Error('找不到所选单位的数据')
      saveFile(bytes, `${workspace.dataset?.unit.name ?? '单位'}-${year}年-绩效监控数据.xlsx`, XLSX_TYPE)
    })
  }

  async function previewFile(file: File): Promise<void> {
    preview.value = null
    await run(async () => {
      const { previewWorkbook } = await excel()
      const result = await previewWorkbook(await file.arrayBuffer())
      preview.value = result.ok
        ? { fileName: file.name, plan: result.plan, problems: [], grids: result.grids }
        : { fileName: file.name, plan: result.plan ?? null, problems: result.problems, grids: null }
    })
  }

  function clearPreview(): void {
    preview.value = null
  }

  async function commitImport(): Promise<boolean> {
    const current = preview.value
    if (!current?.grids) return false
    const workspace = useWorkspaceStore()
    const done = await run(async () => {
      const { commitWorkbook } = await excel()
      const result = await commitWorkbook(current.grids as SheetGrid[])
      if (!result.ok) {
        errorMessage.value = result.message
        return false
      }
      message.value = result.written
        ? `导入完成：“${result.plan.unitName}” ${result.plan.year}年的数据已写入。`
        : '文件内容与已有数据完全相同，没有需要写入的变化。'
      preview.value = null
      if (result.written && result.plan.dataset) {
        await workspace.refreshUnitYears()
        await workspace.select(result.plan.dataset.unit.id, result.plan.year)
      }
      return true
    })
    await refreshStatus()
    return done ?? false
  }

  async function refreshStatus(): Promise<void> {
    try {
      const [s, hasData] = await Promise.all([backupStatus(), hasAnyData()])
      status.value = { ...s, hasData }
    } catch {
      // the reminder is advisory; a failed read leaves the previous status
    }
  }

  async function backupAll(): Promise<boolean> {
    const done = await run(async () => {
      const { createBackup, backupFileName } = await backupModule()
      const now = new Date()
      const { text } = await createBackup(now)
      saveFile(text, backupFileName(now), 'application/json')
      const marked = await markBackedUp(now)
      if (!marked.ok) throw new Error(marked.message)
      message.value = '已生成备份文件。请把它保存到 U 盘或单位的共享盘等其他位置。'
      return true
    })
    await refreshStatus()
    return done ?? false
  }

  async function checkBackupFile(file: File): Promise<void> {
    restorePreview.value = null
    await run(async () => {
      const { checkBackupText, summarizeBackup, summarizeDatabase, MAX_BACKUP_BYTES } = await backupModule()
      if (file.size > MAX_BACKUP_BYTES) {
        restorePreview.value = { fileName: file.name, backup: null, summary: null, current: null, messages: ['备份文件过大，不是本程序生成的备份'], frozenAtRisk: [] }
        return
      }
      const checked = await checkBackupText(await file.text())
      restorePreview.value = checked.ok
        ? {
            fileName: file.name, backup: checked.backup, summary: summarizeBackup(checked.backup), current: await summarizeDatabase(), messages: [],
            frozenAtRisk: frozenReportsAtRiskText(await frozenReportsAtRiskOf(checked.backup)),
          }
        : { fileName: file.name, backup: null, summary: null, current: null, messages: checked.messages, frozenAtRisk: [] }
    })
  }

  function clearRestore(): void {
    restorePreview.value = null
  }

  async function restore(): Promise<boolean> {
    const backup = restorePreview.value?.backup
    if (!backup) return false
    const workspace = useWorkspaceStore()
    const done = await run(async () => {
      const { restoreBackup } = await backupModule()
      const result = await restoreBackup(backup)
      if (!result.ok) {
        errorMessage.value = `恢复失败，本机数据保持原样：${result.message}`
        return false
      }
      message.value = `已从备份（${backup.createdAt.slice(0, 16).replace('T', ' ')} UTC）恢复全部数据。`
      restorePreview.value = null
      workspace.settings = await getSettings()
      await workspace.reload()
      return true
    })
    await refreshStatus()
    return done ?? false
  }

  return {
    busy, message, errorMessage, preview, restorePreview, status,
    downloadTemplate, exportCurrent, previewFile, clearPreview, commitImport,
    refreshStatus, backupAll, checkBackupFile, clearRestore, restore,
  }
})
