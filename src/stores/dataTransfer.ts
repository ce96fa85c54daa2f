/**
 * Data in and out: the Excel import (dry run, then commit), the export, the template, and the
 * whole-database backup and restore. Orchestrates io/* and db/*; the workspace reloads after a write.
 * ExcelJS and the import planner are reached only through dynamic import() of the io modules.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'
import type { ImportBase, ImportPlan, ImportProblem } from '@/domain/importPlan'
import type { Id } from '@/domain/types'
import type { SheetGrid } from '@/io/import'
import { commitImport as writeImport, loadImportBase } from '@/db/importCommit'
import { db, type MonitoringDb } from '@/db/schema'
import type { BackupFile } from '@/db/backup'
import type { BackupSummary } from '@/domain/backup'
import { backupStatus, markBackedUp, type BackupStatus } from '@/db/meta'
import { hasAnyData, loadUnitYear } from '@/db/datasets'
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
const planner = () => import('@/io/import')
const backupModule = () => import('@/db/backup')

// The import and export between the database and a file: io reads and writes the workbook and plans
// the import from plain data; these read what it merges with and commit the plan. Exported (with a
// database to use) for the tests and the import benchmark; the store below uses the app's database.

export type PreviewResult =
  | { ok: true; plan: ImportPlan; grids: SheetGrid[] }
  | { ok: false; problems: ImportProblem[]; plan?: ImportPlan }

export type CommitResult = { ok: true; plan: ImportPlan; written: boolean } | { ok: false; message: string }

const NO_BASE: ImportBase = { existing: null, existingUnit: null, existingFramework: null, unitNodes: [] }

/**
 * Plans `grids` against what is stored now: the unit-year, and every node of the unit (a locked node
 * of any year refuses a change of its 执行率口径).
 */
export async function planGrids(grids: readonly SheetGrid[], database: MonitoringDb = db): Promise<ImportPlan> {
  const { planImport, readUnitYear } = await planner()
  const target = readUnitYear(grids)
  const base = target ? await loadImportBase(target.unitName, target.year, database) : NO_BASE
  return planImport({ grids, ...base })
}

/** Reads an .xlsx file and plans its import (the dry run). Writes nothing. */
export async function previewWorkbook(data: ArrayBuffer | Uint8Array, database: MonitoringDb = db): Promise<PreviewResult> {
  const { readWorkbookGrids } = await excel()
  const read = await readWorkbookGrids(data)
  if (!read.ok) return read
  const plan = await planGrids(read.grids, database)
  return plan.problems.length > 0 ? { ok: false, problems: plan.problems, plan } : { ok: true, plan, grids: read.grids }
}

/**
 * Commits the import of `grids`: plans again against the data as stored now (another tab may have
 * written since the preview), refuses on any problem, writes nothing when nothing changed, and
 * otherwise stores the merged unit-year in one transaction.
 */
export async function commitWorkbook(grids: readonly SheetGrid[], database: MonitoringDb = db): Promise<CommitResult> {
  const plan = await planGrids(grids, database)
  if (plan.problems.length > 0 || !plan.dataset) {
    return { ok: false, message: `文件有 ${plan.problems.length} 处问题，未写入任何数据：${plan.problems[0]?.message ?? ''}` }
  }
  if (plan.unchanged) return { ok: true, plan, written: false }
  const changedRows = Object.values(plan.counts).reduce((n, c) => n + c.new + c.changed, 0)
  const result = await writeImport(plan.dataset, changedRows, database)
  return result.ok ? { ok: true, plan, written: true } : { ok: false, message: result.messages.join('；') }
}

/** A unit-year in the template's layout; null when the unit does not exist. */
export async function exportBytes(unitId: Id, year: number, database: MonitoringDb = db): Promise<ArrayBuffer | null> {
  const { datasetBytes } = await excel()
  const dataset = await loadUnitYear(unitId, year, database)
  return dataset ? datasetBytes(dataset) : null
}

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
      const bytes = await exportBytes(unitId, year)
      if (!bytes) throw new Error('找不到所选单位的数据')
      saveFile(bytes, `${workspace.dataset?.unit.name ?? '单位'}-${year}年-绩效监控数据.xlsx`, XLSX_TYPE)
    })
  }

  async function previewFile(file: File): Promise<void> {
    preview.value = null
    await run(async () => {
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
      if (!marked.ok) throw new Error(marked.messages.join('；'))
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
            fileName: file.name, backup: checked.value, summary: summarizeBackup(checked.value), current: await summarizeDatabase(), messages: [],
            frozenAtRisk: frozenReportsAtRiskText(await frozenReportsAtRiskOf(checked.value)),
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
    const settingsStore = useSettingsStore()
    const done = await run(async () => {
      const { restoreBackup } = await backupModule()
      const result = await restoreBackup(backup)
      if (!result.ok) {
        errorMessage.value = `恢复失败，本机数据保持原样：${result.messages.join('；')}`
        return false
      }
      message.value = `已从备份（${backup.createdAt.slice(0, 16).replace('T', ' ')} UTC）恢复全部数据。`
      restorePreview.value = null
      await settingsStore.load()
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
