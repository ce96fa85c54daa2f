/**
 * 项目 of a unit-year (项目支出 is budgeted per project, and a project may have its own 绩效目标).
 * A project is deleted only once nothing points at it: its budget lines and its target go first, so
 * no figure is ever removed as a side effect of tidying the project list.
 */
import { invisibleNote, newLookAlikes, normalizeName, normalizeProjectNames } from '@/domain/names'
import type { Id, Project } from '@/domain/types'
import { sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { assertUnitYearOpen } from './lock'
import { ofUnit } from './unitScope'
import { assertUnchanged, deleteAudited, putAudited, runWrite } from './write'

/** Projects of a unit-year by name in Chinese collation (拼音 order), then id. */
export async function listProjects(unitId: Id, year: number, { database = db }: DbOptions = {}): Promise<Project[]> {
  const rows = await ofUnit(database.projects, unitId, year).toArray()
  return sorted(rows, (p) => p.id).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

/**
 * Refuses (DbWriteError) projects (names normalised) whose name another project of their unit-year
 * has once normalised, unless they were stored alike before names were normalised
 * (`newLookAlikes`). `stored` is the unit-year's projects now, `typed` the names as given by id.
 */
export function assertNoLookAlikeProjects(
  projects: readonly Project[],
  stored: readonly Project[],
  typed: ReadonlyMap<Id, string> = new Map(),
): void {
  // the last newcomer is the row that joins the others (the one being saved, or a later duplicate)
  const project = newLookAlikes(projects, stored, (p) => normalizeName(p.name))[0]?.newcomers.at(-1)
  if (!project) return
  throw new DbWriteError(
    `${project.year} 年度已有名为“${project.name}”的项目${invisibleNote(typed.get(project.id) ?? '')}，本次保存未写入任何数据。`,
  )
}

/**
 * Creates or replaces a project, its name and 责任科室 normalised; the name must be filled in and
 * unique within the unit-year once normalised. With
 * `basis` (the project as the editor loaded it, null for a new one) the save is refused with
 * `conflicts` when another tab changed it meanwhile.
 */
export async function putProject(
  project: Project,
  { basis, database = db }: CheckedWriteOptions<Project | null> = {},
): Promise<WriteResult<Project, Project>> {
  return runWrite(database, [database.nodes, database.units, database.projects], async (check) => {
    const row = normalizeProjectNames(toPlain(project))
    if (basis !== undefined) await assertUnchanged(check, database.projects, row.id, basis)
    await assertUnitYearOpen(database, row.unitId, row.year, `修改项目“${row.name}”`)
    if (!row.name) throw new DbWriteError('请填写项目名称，本次保存未写入任何数据。')
    if (!(await database.units.get(row.unitId)))
      throw new DbWriteError('项目所属的单位不存在，本次保存未写入任何数据。')
    const siblings = await ofUnit(database.projects, row.unitId, row.year).toArray()
    assertNoLookAlikeProjects(
      [...siblings.filter((p) => p.id !== row.id), row],
      siblings,
      new Map([[row.id, project.name]]),
    )
    await putAudited(database, database.projects, [row])
    return row
  })
}

/** Deletes a project that no budget line and no 绩效目标 refers to any more. */
export async function deleteProject(id: Id, { database = db }: DbOptions = {}): Promise<WriteResult<Project>> {
  return runWrite(database, [database.nodes, database.projects, database.budgetLines, database.targets], async () => {
    const project = await database.projects.get(id)
    if (!project) throw new DbWriteError('找不到要删除的项目。')
    await assertUnitYearOpen(database, project.unitId, project.year, `删除项目“${project.name}”`)
    const lines = await database.budgetLines.where('projectId').equals(id).count()
    if (lines > 0) throw new DbWriteError(`项目“${project.name}”还有 ${lines} 条预算行，请先删除这些预算行。`)
    const targets = await database.targets.where('projectId').equals(id).count()
    if (targets > 0) throw new DbWriteError(`项目“${project.name}”还有绩效目标和指标，请先删除该项目的绩效目标。`)
    await deleteAudited(database, database.projects, id)
    return project
  })
}
