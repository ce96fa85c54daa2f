/**
 * 评分方案 and 管理指标填报 (docs/domain-rules.md §11, docs/reliability.md §9): the scoring schemes the
 * user brought in (the built-in ones are code, `scoring.BUILT_IN_SCHEMES`, and never stored), one
 * 管理指标填报 row per unit-year, and the scheme a unit-year scores by (`schemeChoices`; a unit-year
 * without one follows the setting 评分方案). Every write is one `runWrite` with its audit row; a
 * scheme with an error (`schemeProblems`) or inputs that do not check are refused in Chinese with
 * nothing written, and the editors' saves carry what they started from (`basis`).
 */
import { BUILT_IN_SCHEMES, schemeProblems, type ScoringSchemeDefinition } from '@/domain/scoring'
import {
  managementInputsId,
  managementInputsProblems,
  schemeChoiceId,
  type SchemeChoice,
} from '@/domain/managementInputsCheck'
import { normalizeName } from '@/domain/names'
import type { Id, ManagementInputs } from '@/domain/types'
import { recordAudit } from './audit'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { ofUnit } from './unitScope'
import { assertRowsUnchanged, assertUnchanged, runWrite } from './write'

const NOTHING_WRITTEN = '本次保存未写入任何数据。'
const MAX_MESSAGES = 10

const builtInIds = new Set(BUILT_IN_SCHEMES.map((s) => s.id))

/** The schemes the user stored, by name (拼音 order). */
export async function listSchemes({ database = db }: DbOptions = {}): Promise<ScoringSchemeDefinition[]> {
  const schemes = await database.scoringSchemes.toArray()
  return schemes.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1))
}

export async function getScheme(
  id: string,
  { database = db }: DbOptions = {},
): Promise<ScoringSchemeDefinition | undefined> {
  return database.scoringSchemes.get(id)
}

/** 「…」有 3 处错误：…；… (at most ten named) */
function problemsText(what: string, messages: readonly string[]): string {
  const shown = messages.slice(0, MAX_MESSAGES).join('；')
  const more = messages.length > MAX_MESSAGES ? `；等共 ${messages.length} 处` : ''
  return `${what}有 ${messages.length} 处错误：${shown}${more}。${NOTHING_WRITTEN}`
}

/**
 * Stores a user scheme (new, or replacing the stored one of its id). Refused: an id of a built-in
 * scheme, a scheme with any error (`schemeProblems`; warnings such as weights not adding up to 100 do
 * not stop it), a name another scheme already has. With `basis` (the stored scheme as the editor
 * loaded it, null: none), refused with `conflicts` when it changed meanwhile.
 */
export async function putScheme(
  scheme: ScoringSchemeDefinition,
  { basis, database = db }: CheckedWriteOptions<ScoringSchemeDefinition | null> = {},
): Promise<WriteResult<ScoringSchemeDefinition, ScoringSchemeDefinition>> {
  return runWrite(database, [database.scoringSchemes], async (check) => {
    const row = toPlain(scheme)
    const name = typeof row.name === 'string' ? row.name.trim() : ''
    const errors = schemeProblems(row)
      .filter((p) => p.severity === 'error')
      .map((p) => p.message)
    if (errors.length > 0) throw new DbWriteError(problemsText(`评分方案「${name}」`, errors))
    if (builtInIds.has(row.id))
      throw new DbWriteError(`「${name}」的方案编号与内置评分方案相同，内置方案不能被替换。${NOTHING_WRITTEN}`)
    if (basis !== undefined) await assertUnchanged(check, database.scoringSchemes, row.id, basis)
    const others = [...BUILT_IN_SCHEMES, ...(await database.scoringSchemes.toArray())].filter((s) => s.id !== row.id)
    if (others.some((s) => normalizeName(s.name) === normalizeName(name)))
      throw new DbWriteError(`已有名为「${name}」的评分方案，请换一个名称。${NOTHING_WRITTEN}`)
    const stored = { ...row, name }
    const before = await database.scoringSchemes.get(row.id)
    await database.scoringSchemes.put(stored)
    await recordAudit(database, [{ table: 'scoringSchemes', key: row.id, before: before ?? null, after: stored }])
    return stored
  })
}

export interface SchemeDeleted {
  scheme: ScoringSchemeDefinition
  /** the unit-years that had chosen it: they follow the setting 评分方案 from now on */
  released: SchemeChoice[]
}

/** Deletes a user scheme and every unit-year's choice of it (those unit-years fall back to the default). */
export async function deleteScheme(id: string, { database = db }: DbOptions = {}): Promise<WriteResult<SchemeDeleted>> {
  return runWrite(database, [database.scoringSchemes, database.schemeChoices], async () => {
    if (builtInIds.has(id)) throw new DbWriteError('内置评分方案不能删除。')
    const scheme = await database.scoringSchemes.get(id)
    if (!scheme) throw new DbWriteError('找不到要删除的评分方案（可能已在其他窗口删除）。')
    const released = await database.schemeChoices.where('schemeId').equals(id).toArray()
    await database.schemeChoices.bulkDelete(released.map((c) => c.id))
    await database.scoringSchemes.delete(id)
    await recordAudit(database, [
      { table: 'scoringSchemes', key: id, before: scheme, after: null },
      ...released.map((c) => ({ table: 'schemeChoices', key: c.id, before: c, after: null })),
    ])
    return { scheme, released }
  })
}

/** The unit-year's 管理指标填报, or null when nothing was entered. */
export async function getManagementInputs(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<ManagementInputs | null> {
  return (await ofUnit(database.managementInputs, unitId, year).first()) ?? null
}

/**
 * Saves a unit-year's 管理指标填报 (the whole row). Refused when a value does not check
 * (`managementInputsProblems`, against `scheme` when given: the kind each item asks for, its
 * categories) or the unit does not exist. With `basis` (the row as the editor loaded it, null: none),
 * refused with `conflicts` when another tab saved it meanwhile. Not held by 定稿: these are the year's
 * inputs, not a node's figures (docs/domain-rules.md §11.3).
 */
export async function putManagementInputs(
  inputs: ManagementInputs,
  {
    basis,
    scheme = null,
    database = db,
  }: CheckedWriteOptions<ManagementInputs | null> & { scheme?: ScoringSchemeDefinition | null } = {},
): Promise<WriteResult<ManagementInputs, ManagementInputs>> {
  return runWrite(database, [database.units, database.managementInputs], async (check) => {
    const row = toPlain(inputs)
    const problems = managementInputsProblems(row, scheme).map((i) => i.message)
    if (problems.length > 0) throw new DbWriteError(problemsText('管理指标填报', problems))
    if (!(await database.units.get(row.unitId))) throw new DbWriteError(`找不到该单位，${NOTHING_WRITTEN}`)
    const before = (await ofUnit(database.managementInputs, row.unitId, row.year).first()) ?? null
    if (basis !== undefined) {
      const key = managementInputsId(row.unitId, row.year)
      assertRowsUnchanged(check, 'managementInputs', [{ key, current: before, basis }])
    }
    // one row per unit-year: a row stored under another id (a restored backup) keeps it
    const stored = { ...row, id: before?.id ?? row.id }
    await database.managementInputs.put(stored)
    await recordAudit(database, [{ table: 'managementInputs', key: stored.id, before, after: stored }])
    return stored
  })
}

/** The scheme the unit-year chose, or null when it follows the setting 评分方案. */
export async function getSchemeChoice(
  unitId: Id,
  year: number,
  { database = db }: DbOptions = {},
): Promise<SchemeChoice | null> {
  return (await ofUnit(database.schemeChoices, unitId, year).first()) ?? null
}

async function assertSchemeExists(database: MonitoringDb, schemeId: string): Promise<void> {
  if (builtInIds.has(schemeId) || (await database.scoringSchemes.get(schemeId))) return
  throw new DbWriteError(`找不到所选的评分方案（可能已在其他窗口删除），${NOTHING_WRITTEN}`)
}

/**
 * The scheme a unit-year scores by: a built-in or stored scheme's id, or null to follow the setting
 * 评分方案. With `basis` (the choice as the editor loaded it, null: none), refused with `conflicts`
 * when another tab chose meanwhile.
 */
export async function chooseScheme(
  unitId: Id,
  year: number,
  schemeId: string | null,
  { basis, database = db }: CheckedWriteOptions<SchemeChoice | null> = {},
): Promise<WriteResult<SchemeChoice | null, SchemeChoice>> {
  const tables = [database.units, database.scoringSchemes, database.schemeChoices]
  return runWrite(database, tables, async (check) => {
    if (!(await database.units.get(unitId))) throw new DbWriteError(`找不到该单位，${NOTHING_WRITTEN}`)
    const before = (await ofUnit(database.schemeChoices, unitId, year).first()) ?? null
    if (basis !== undefined)
      assertRowsUnchanged(check, 'schemeChoices', [{ key: schemeChoiceId(unitId, year), current: before, basis }])
    if (schemeId === null) {
      if (before) {
        await database.schemeChoices.delete(before.id)
        await recordAudit(database, [{ table: 'schemeChoices', key: before.id, before, after: null }])
      }
      return null
    }
    await assertSchemeExists(database, schemeId)
    const choice: SchemeChoice = { id: before?.id ?? schemeChoiceId(unitId, year), unitId, year, schemeId }
    await database.schemeChoices.put(choice)
    await recordAudit(database, [{ table: 'schemeChoices', key: choice.id, before, after: choice }])
    return choice
  })
}
