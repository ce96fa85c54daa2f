/**
 * 评分方案 and 管理指标填报 (docs/domain-rules.md §11): the schemes a unit can score by (the built-in ones
 * and those the user imported), the current unit-year's 管理指标填报 and its choice of scheme, and the
 * scheme it scores by (`scheme`: the unit-year's choice, else the setting 评分方案). Writes go through
 * db/scoring, one transaction each, checked by the domain first (Chinese messages, nothing written
 * while any error stands); the store then reads again. It follows the workspace: another unit-year, or
 * the workspace reading its data again after any write (here, in another tab, an import, a restore),
 * reads the unit-year's inputs and choice again. Computes no score itself.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { BUILT_IN_SCHEMES, builtInScheme, type ScoringSchemeDefinition } from '@/domain/scoring'
import { enteredFields, managementInputsProblems, type SchemeChoice } from '@/domain/managementInputs'
import type { Id, ManagementInputs } from '@/domain/types'
import { ok, refused, type Result } from '@/domain/result'
import {
  chooseScheme as dbChooseScheme,
  deleteScheme as dbDeleteScheme,
  getManagementInputs,
  getSchemeChoice,
  listSchemes,
  putManagementInputs,
  putScheme,
  type SchemeDeleted,
} from '@/db/scoring'
import { saveFile, XLSX_TYPE } from '@/io/download'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'

/** The io module that writes and reads a scheme's .xlsx (ExcelJS inside), loaded when first used. */
const schemeIo = () => import('@/io/scoring/schemeWorkbook')

/** A scheme file read for 从 Excel 导入: the scheme, and the stored scheme it would replace (same name). */
export interface SchemeFileRead {
  scheme: ScoringSchemeDefinition
  replaces: ScoringSchemeDefinition | null
}

export const useScoringStore = defineStore('scoring', () => {
  const workspace = useWorkspaceStore()
  const { settings } = storeToRefs(useSettingsStore())
  /** the schemes the user stored (built-in ones are not stored) */
  const userSchemes = shallowRef<ScoringSchemeDefinition[]>([])
  /** the current unit-year's 管理指标填报 as stored (null: nothing entered) */
  const inputs = shallowRef<ManagementInputs | null>(null)
  /** the current unit-year's choice of scheme as stored (null: it follows the setting) */
  const choice = shallowRef<SchemeChoice | null>(null)
  /** the unit-year `inputs` and `choice` belong to; null before the first read or without a unit-year */
  const loadedFor = shallowRef<{ unitId: Id; year: number } | null>(null)
  const saving = ref(false)

  const schemes = computed<ScoringSchemeDefinition[]>(() => [...BUILT_IN_SCHEMES, ...userSchemes.value])
  /** the setting 评分方案: what a unit-year without a choice scores by */
  const defaultScheme = computed(() => builtInScheme(settings.value.scoringScheme))
  /** the chosen scheme; null without a choice, or when the chosen one is gone (then the default applies) */
  const chosenScheme = computed(() => schemes.value.find((s) => s.id === choice.value?.schemeId) ?? null)
  /** the scheme the current unit-year scores by */
  const scheme = computed(() => chosenScheme.value ?? defaultScheme.value)
  /** its items (and parts) the unit enters on 管理指标填报 */
  const fields = computed(() => enteredFields(scheme.value))
  const isBuiltIn = (id: string): boolean => BUILT_IN_SCHEMES.some((s) => s.id === id)

  let loadCount = 0
  /** Reads the stored schemes and the current unit-year's inputs and choice. */
  async function load(): Promise<void> {
    const request = ++loadCount
    const { unitId, year } = workspace
    const unitYear = unitId && year ? { unitId, year } : null
    const [stored, unitInputs, unitChoice] = await Promise.all([
      listSchemes(),
      unitYear ? getManagementInputs(unitYear.unitId, unitYear.year) : null,
      unitYear ? getSchemeChoice(unitYear.unitId, unitYear.year) : null,
    ])
    if (request !== loadCount) return // a later read won
    userSchemes.value = stored
    inputs.value = unitInputs
    choice.value = unitChoice
    loadedFor.value = unitYear
  }
  // the data version changes whenever the workspace reads its data again (after every write anywhere);
  // on the 概览 there is no dataset, only the header
  watch(
    () => workspace.dataVersion,
    () => void load(),
    { immediate: true },
  )

  /** Runs a write, then reads again; a refusal (with its conflicts, if any) comes back as it is. */
  async function write<T, Row>(run: () => Promise<Result<T, Row>>): Promise<Result<T, Row>> {
    saving.value = true
    try {
      const result = await run()
      if (result.ok) await load()
      return result
    } finally {
      saving.value = false
    }
  }

  function currentUnitYear(): { unitId: Id; year: number } | null {
    const { unitId, year } = workspace
    return unitId && year ? { unitId, year } : null
  }

  /**
   * Saves the current unit-year's 管理指标填报, checked against its scheme. With `basis` (the row the
   * editor started from, null: none), refused with `conflicts` when another tab saved it meanwhile.
   */
  async function saveInputs(
    next: ManagementInputs,
    { basis }: { basis?: ManagementInputs | null } = {},
  ): Promise<Result<ManagementInputs, ManagementInputs>> {
    const issues = managementInputsProblems(next, scheme.value)
    if (issues.length > 0) return { ...refused(issues.map((i) => i.message)), issues }
    const used = scheme.value
    return write(() => putManagementInputs(next, { scheme: used, ...(basis === undefined ? {} : { basis }) }))
  }

  /**
   * The current unit-year scores by `schemeId` (a built-in or stored scheme), or by the setting 评分方案
   * (null). With `basis` (the choice as shown, null: none), refused with `conflicts` when another tab
   * chose meanwhile.
   */
  async function chooseScheme(
    schemeId: string | null,
    { basis }: { basis?: SchemeChoice | null } = {},
  ): Promise<Result<SchemeChoice | null, SchemeChoice>> {
    const unitYear = currentUnitYear()
    if (!unitYear) return refused(['请先在页面顶部选择单位和年度'])
    return write(() => dbChooseScheme(unitYear.unitId, unitYear.year, schemeId, basis === undefined ? {} : { basis }))
  }

  /** Stores a scheme read from a file (a new one, or replacing the stored one of its id: pass it as `basis`). */
  async function saveScheme(
    next: ScoringSchemeDefinition,
    { basis }: { basis?: ScoringSchemeDefinition | null } = {},
  ): Promise<Result<ScoringSchemeDefinition, ScoringSchemeDefinition>> {
    return write(() => putScheme(next, basis === undefined ? {} : { basis }))
  }

  /**
   * Deletes a stored scheme; every unit-year that had chosen it follows the setting 评分方案 from now on
   * (`released`, named in `message`).
   */
  async function deleteScheme(id: string): Promise<Result<SchemeDeleted & { message: string }>> {
    const result = await write(() => dbDeleteScheme(id))
    if (!result.ok) return result
    const { scheme: gone, released } = result.value
    const fallback = `改用默认方案「${defaultScheme.value.name}」`
    const message =
      released.length === 0
        ? `已删除评分方案「${gone.name}」`
        : `已删除评分方案「${gone.name}」，原来选用它的 ${released.length} 个单位年度${fallback}`
    return ok({ ...result.value, message })
  }

  /** The current unit-year's 整体 indicators, for a scheme file's 指标完成率 items (by name). */
  function unitIndicators(): { id: Id; name: string }[] {
    const dataset = workspace.dataset
    if (!dataset) return []
    const targets = new Set(dataset.targets.filter((t) => t.scope === 'unit').map((t) => t.id))
    return dataset.indicators.filter((i) => targets.has(i.targetId)).map((i) => ({ id: i.id, name: i.name }))
  }

  /** 导出为 Excel: the scheme as an .xlsx the user can read and edit, downloaded. */
  async function exportScheme(exported: ScoringSchemeDefinition): Promise<Result> {
    try {
      const { schemeWorkbookBytes, schemeWorkbookFileName } = await schemeIo()
      const bytes = await schemeWorkbookBytes(exported, { indicators: unitIndicators() })
      saveFile(bytes, schemeWorkbookFileName(exported), XLSX_TYPE)
      return ok()
    } catch (error) {
      return refused([`导出失败：${error instanceof Error ? error.message : String(error)}`])
    }
  }

  /**
   * 从 Excel 导入, the dry run: the scheme in the file, or every problem (each naming its sheet, row and
   * column). Writes nothing; also refused when the name is a built-in scheme's.
   */
  async function readSchemeFile(data: ArrayBuffer | Uint8Array): Promise<Result<SchemeFileRead>> {
    const { readSchemeWorkbook } = await schemeIo()
    const read = await readSchemeWorkbook(data, { indicators: unitIndicators() })
    if (!read.ok) return read
    const found = read.value
    if (isBuiltIn(found.id) || BUILT_IN_SCHEMES.some((s) => s.name.trim() === found.name.trim()))
      return refused([
        `「方案」工作表的方案名称「${found.name}」与内置评分方案相同，请改一个名称（如「${found.name}（本单位）」）后再导入`,
      ])
    await load()
    const replaces = userSchemes.value.find((s) => s.id === found.id) ?? null
    return ok({ scheme: found, replaces })
  }

  return {
    userSchemes,
    inputs,
    choice,
    loadedFor,
    saving,
    schemes,
    defaultScheme,
    chosenScheme,
    scheme,
    fields,
    isBuiltIn,
    load,
    saveInputs,
    chooseScheme,
    saveScheme,
    deleteScheme,
    exportScheme,
    readSchemeFile,
  }
})
