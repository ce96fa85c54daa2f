/**
 * Data in and out: the Excel import (dry run, then commit), the export, the template, and the
 * whole-database backup and restore. Orchestrates io/* and db/*; the workspace reloads after a write.
 * ExcelJS and the import planner are reached only through dynamic import() of the io modules.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'
import type { ImportPlan, ImportProblem } from '@/domain/importPlan'
import type { Id } from '@/domain/types'
import { ok, refused, type Ok, type Refusal, type Result } from '@/domain/result'
import type { SheetGrid } from '@/io/import'
import {
  commitAgainstStored,
  loadImportBase,
  NO_IMPORT_BASE,
  type ImportDecision,
  type StoredImportBase,
} from '@/db/importCommit'
import { db } from '@/db/schema'
import type { DbOptions } from '@/db/options'
import type { BackupFile, BackupSigner } from '@/db/backup'
import type { BackupSignatureCheck, BackupSummary } from '@/domain/backup'
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
  /** what the plan was made against (with `grids`: the commit plans again only if it has changed since) */
  basis: StoredImportBase | null
}

export interface RestorePreview {
  fileName: string
  backup: BackupFile | null
  summary: BackupSummary | null
  current: BackupSummary | null
  messages: string[]
  /** the 定稿 reports stored now that the restore would remove or replace, one sentence each */
  frozenAtRisk: string[]
  /** whose signature the backup carries (null when the file cannot be used) */
  signature: BackupSignatureCheck | null
}

const excel = () => import('@/io/excel/importWorkbook')
const planner = () => import('@/io/import')
const backupModule = () => import('@/db/backup')
// the signing key and WebCrypto signatures are loaded with the backup, not with the first screen
const signingModule = () => import('./signing')
const packageModule = () => import('@/io/package')

/**
 * The signer of a backup: the unit's key (made on first use, docs/package-format.md §9). The unit is
 * the one shown; with none (an empty database) the backup carries no signature.
 */
export async function backupSigner(unitId: Id | null): Promise<BackupSigner | undefined> {
  if (!unitId) return undefined
  const [{ ensureSigningKey }, { signDetached }] = await Promise.all([signingModule(), packageModule()])
  const key = await ensureSigningKey(unitId)
  return async (bytes) => ({
    algorithm: 'ECDSA-P256-SHA256',
    publicKey: key.publicKey,
    value: await signDetached(bytes, key.keyPair.privateKey),
  })
}

/**
 * Whose signature a checked backup carries: a unit key this browser holds ('ours', naming the unit),
 * another key, a signature that does not match the file, or none. Only 'ours' proves the file is as
 * it was backed up here; a checksum alone does not (anyone editing the file can recompute it).
 */
export async function backupSignatureCheck(
  backup: BackupFile,
  { database = db }: DbOptions = {},
): Promise<BackupSignatureCheck> {
  const signature = backup.signature
  if (!signature) return { kind: 'none' }
  const [{ backupSignedBytes }, { verifyDetached }, { listSigningKeys }] = await Promise.all([
    backupModule(),
    packageModule(),
    import('@/db/signing'),
  ])
  const verified = await verifyDetached(backupSignedBytes(backup), signature.value, signature.publicKey)
  if (!verified.ok) return { kind: 'invalid' }
  const key = (await listSigningKeys({ database })).find((k) => k.publicKey === signature.publicKey)
  if (!key) return { kind: 'otherKey', fingerprint: verified.value.fingerprint }
  const named = [...backup.tables.units, ...(await database.units.toArray())].find(
    (u): u is { id: string; name: string } =>
      typeof u === 'object' && u !== null && 'id' in u && u.id === key.unitId && 'name' in u,
  )
  return { kind: 'ours', fingerprint: key.fingerprint, unitName: named?.name ?? key.unitId }
}

// The import and export between the database and a file: io reads and writes the workbook and plans
// the import from plain data; these read what it merges with and commit the plan. Exported (with a
// database to use) for the tests and the import benchmark; the store below uses the app's database.

/** A file the dry run found nothing wrong with: its plan, the sheets to commit, and what it was planned against. */
export interface ImportReady {
  plan: ImportPlan
  grids: SheetGrid[]
  /** the stored data the plan merges with, as read for it (the commit plans again if it has changed since) */
  basis: StoredImportBase
}

/**
 * A file the dry run refused: each problem placed on its sheet, row and column for the preview's table
 * (`messages` are theirs, one sentence each), and the plan as far as it got (its counts) when the
 * file could be read. As a domain check's `Invalid` carries its `issues`.
 */
export interface ImportRefusal extends Refusal {
  problems: ImportProblem[]
  plan?: ImportPlan
}

export type PreviewResult = Ok<ImportReady> | ImportRefusal

/** An import committed: its plan, and whether anything was written (false: the file holds what is stored). */
export interface ImportCommitted {
  plan: ImportPlan
  written: boolean
}

function importRefused(problems: ImportProblem[], plan?: ImportPlan): ImportRefusal {
  return { ok: false, messages: problems.map((p) => p.message), problems, ...(plan ? { plan } : {}) }
}

/**
 * Plans `grids` against what is stored now: the unit-year, every node of the unit (a locked node of any
 * year refuses a change of its 执行率口径) and the unit-year's 管理指标填报.
 */
export async function planGrids(grids: readonly SheetGrid[], { database = db }: DbOptions = {}): Promise<ImportPlan> {
  return (await planWithBasis(grids, { database })).plan
}

/** `planGrids`, with the stored data the plan was made against (what the commit checks is still stored). */
async function planWithBasis(
  grids: readonly SheetGrid[],
  { database = db }: DbOptions,
): Promise<{ plan: ImportPlan; basis: StoredImportBase }> {
  const { planImport, readUnitYear } = await planner()
  const target = readUnitYear(grids)
  const basis = target ? await loadImportBase(target.unitName, target.year, { database }) : NO_IMPORT_BASE
  return { plan: planImport({ grids, ...basis }), basis }
}

/** Reads an .xlsx file and plans its import (the dry run). Writes nothing. */
export async function previewWorkbook(
  data: ArrayBuffer | Uint8Array,
  { database = db }: DbOptions = {},
): Promise<PreviewResult> {
  const { readWorkbookGrids } = await excel()
  const read = await readWorkbookGrids(data)
  if (!read.ok) return importRefused(read.problems)
  const { plan, basis } = await planWithBasis(read.grids, { database })
  return plan.problems.length > 0 ? importRefused(plan.problems, plan) : ok({ plan, grids: read.grids, basis })
}

/**
 * Commits the import of `grids` against the data as stored at the moment of writing (another tab may
 * have written since the preview): in one read-write transaction it reads what the import merges with,
 * plans again unless `preview` (the dry run of these very grids) was planned against exactly that data,
 * refuses on any problem, writes nothing when nothing changed, and otherwise stores the merged unit-year.
 */
export async function commitWorkbook(
  grids: readonly SheetGrid[],
  { database = db, preview }: DbOptions & { preview?: ImportReady } = {},
): Promise<Result<ImportCommitted>> {
  const { planImport, readUnitYear, samePlainData, SHEET_MANAGEMENT } = await planner()
  const planned = preview?.grids === grids ? preview : undefined
  const committed = await commitAgainstStored(
    readUnitYear(grids),
    (base): ImportDecision<Result<ImportCommitted>> => {
      // the preview's plan is this file planned against this very data: planning again would give it again
      const plan = planned && samePlainData(planned.basis, base) ? planned.plan : planImport({ grids, ...base })
      if (plan.problems.length > 0 || !plan.dataset) {
        return {
          result: refused([
            `文件有 ${plan.problems.length} 处问题，未写入任何数据：${plan.problems[0]?.message ?? ''}`,
          ]),
        }
      }
      if (plan.unchanged) return { result: ok({ plan, written: false }) }
      const changedRows =
        Object.values(plan.counts).reduce((n, c) => n + c.new + c.changed, 0) +
        plan.rows.filter((r) => r.sheet === SHEET_MANAGEMENT && r.status !== 'unchanged').length
      return { result: ok({ plan, written: true }), write: { dataset: plan.dataset, changedRows } }
    },
    { database },
  )
  return committed.ok ? committed.value : committed
}

/** A unit-year in the template's layout, with its 管理指标填报's amounts; null when the unit does not exist. */
export async function exportBytes(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<ArrayBuffer | null> {
  const [{ datasetBytes }, { getManagementInputs }] = await Promise.all([excel(), import('@/db/scoring')])
  const dataset = await loadUnitYear(unitId, year, { database })
  return dataset ? datasetBytes(dataset, await getManagementInputs(unitId, year, { database })) : null
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Each action returns its `Result` and also shows it: `message` says what was done, `errorMessage` why
 * not (its `messages`, joined). A preview (of an import or a backup) is a value even when it finds the
 * file unusable: it shows the file's problems itself.
 */
export const useDataTransferStore = defineStore('dataTransfer', () => {
  const busy = ref(false)
  const message = ref('')
  const errorMessage = ref('')
  const preview = shallowRef<ImportPreview | null>(null)
  const restorePreview = shallowRef<RestorePreview | null>(null)
  const status = ref<BackupStatus & { hasData: boolean }>({ changesSinceBackup: 0, hasData: false })

  async function run<T>(body: () => Promise<Result<T>>): Promise<Result<T>> {
    busy.value = true
    errorMessage.value = ''
    message.value = ''
    try {
      const result = await body()
      if (!result.ok) errorMessage.value = result.messages.join('；')
      return result
    } catch (error) {
      errorMessage.value = `操作失败：${describe(error)}`
      return { ok: false, messages: [errorMessage.value], cause: error }
    } finally {
      busy.value = false
    }
  }

  async function downloadTemplate(): Promise<Result> {
    const workspace = useWorkspaceStore()
    return run(async () => {
      const { templateBytes } = await excel()
      const unitName = workspace.dataset?.unit.name
      const bytes = await templateBytes(unitName, workspace.year ?? undefined)
      saveFile(bytes, '绩效监控导入模板.xlsx', XLSX_TYPE)
      return ok()
    })
  }

  async function exportCurrent(): Promise<Result> {
    const workspace = useWorkspaceStore()
    if (!workspace.unitId || !workspace.year) {
      errorMessage.value = '请先在页面顶部选择单位和年度'
      return refused([errorMessage.value])
    }
    const { unitId, year } = workspace
    return run(async () => {
      const bytes = await exportBytes(unitId, year)
      if (!bytes) return refused(['操作失败：找不到所选单位的数据'])
      saveFile(bytes, `${workspace.dataset?.unit.name ?? '单位'}-${year}年-绩效监控数据.xlsx`, XLSX_TYPE)
      return ok()
    })
  }

  /** The dry run of an import, shown as `preview` (with the file's problems, if any). */
  async function previewFile(file: File): Promise<Result<ImportPreview>> {
    preview.value = null
    return run(async () => {
      const result = await previewWorkbook(await file.arrayBuffer())
      const shown: ImportPreview = result.ok
        ? {
            fileName: file.name,
            plan: result.value.plan,
            problems: [],
            grids: result.value.grids,
            basis: result.value.basis,
          }
        : { fileName: file.name, plan: result.plan ?? null, problems: result.problems, grids: null, basis: null }
      preview.value = shown
      return ok(shown)
    })
  }

  function clearPreview(): void {
    preview.value = null
  }

  /** Commits the previewed import (refused, and nothing shown, when no importable file is previewed). */
  async function commitImport(): Promise<Result<ImportCommitted>> {
    const { grids, plan: previewed, basis } = preview.value ?? {}
    if (!grids) return refused(['请先选择要导入的 Excel 文件，检查通过后再确认导入。'])
    const workspace = useWorkspaceStore()
    const done = await run(async () => {
      const result = await commitWorkbook(
        grids,
        previewed && basis ? { preview: { plan: previewed, grids, basis } } : {},
      )
      if (!result.ok) return result
      const { plan, written } = result.value
      message.value = written
        ? `导入完成：“${plan.unitName}” ${plan.year}年的数据已写入。`
        : '文件内容与已有数据完全相同，没有需要写入的变化。'
      preview.value = null
      if (written && plan.dataset) {
        await workspace.refreshUnitYears()
        await workspace.select(plan.dataset.unit.id, plan.year)
      }
      return result
    })
    await refreshStatus()
    return done
  }

  async function refreshStatus(): Promise<void> {
    try {
      const [s, hasData] = await Promise.all([backupStatus(), hasAnyData()])
      status.value = { ...s, hasData }
    } catch {
      // the reminder is advisory; a failed read leaves the previous status
    }
  }

  async function backupAll(): Promise<Result> {
    const done = await run(async () => {
      const { createBackup, backupFileName } = await backupModule()
      const now = new Date()
      const { text } = await createBackup({ now, sign: await backupSigner(useWorkspaceStore().unitId) })
      saveFile(text, backupFileName(now), 'application/json')
      const marked = await markBackedUp({ at: now })
      if (!marked.ok) return { ok: false, messages: [`操作失败：${marked.messages.join('；')}`], cause: marked.cause }
      message.value = '已生成备份文件。请把它保存到 U 盘或单位的共享盘等其他位置。'
      return ok()
    })
    await refreshStatus()
    return done
  }

  /** Checks a backup file before a restore, shown as `restorePreview` (with why it cannot be used, if so). */
  async function checkBackupFile(file: File): Promise<Result<RestorePreview>> {
    restorePreview.value = null
    return run(async () => {
      const { checkBackupText, summarizeBackup, summarizeDatabase, MAX_BACKUP_BYTES } = await backupModule()
      const unusable = (messages: string[]): RestorePreview => ({
        fileName: file.name,
        backup: null,
        summary: null,
        current: null,
        messages,
        frozenAtRisk: [],
        signature: null,
      })
      let shown: RestorePreview
      if (file.size > MAX_BACKUP_BYTES) shown = unusable(['备份文件过大，不是本程序生成的备份'])
      else {
        const checked = await checkBackupText(await file.text())
        shown = checked.ok
          ? {
              fileName: file.name,
              backup: checked.value,
              summary: summarizeBackup(checked.value),
              current: await summarizeDatabase(),
              messages: [],
              frozenAtRisk: frozenReportsAtRiskText(await frozenReportsAtRiskOf(checked.value)),
              signature: await backupSignatureCheck(checked.value),
            }
          : unusable(checked.messages)
      }
      restorePreview.value = shown
      return ok(shown)
    })
  }

  function clearRestore(): void {
    restorePreview.value = null
  }

  /** Restores the checked backup (refused, and nothing shown, when no usable backup is checked). */
  async function restore(): Promise<Result> {
    const backup = restorePreview.value?.backup
    if (!backup) return refused(['请先选择备份文件，检查通过后再恢复。'])
    const workspace = useWorkspaceStore()
    const settingsStore = useSettingsStore()
    const done = await run(async () => {
      const { restoreBackup } = await backupModule()
      const result = await restoreBackup(backup)
      if (!result.ok)
        return {
          ok: false,
          messages: [`恢复失败，本机数据保持原样：${result.messages.join('；')}`],
          cause: result.cause,
        }
      message.value = `已从备份（${backup.createdAt.slice(0, 16).replace('T', ' ')} UTC）恢复全部数据。`
      restorePreview.value = null
      await settingsStore.load()
      await workspace.reload()
      return ok()
    })
    await refreshStatus()
    return done
  }

  return {
    busy,
    message,
    errorMessage,
    preview,
    restorePreview,
    status,
    downloadTemplate,
    exportCurrent,
    previewFile,
    clearPreview,
    commitImport,
    refreshStatus,
    backupAll,
    checkBackupFile,
    clearRestore,
    restore,
  }
})
