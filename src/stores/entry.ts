/**
 * The entry screens' writes: each action checks its input with the domain (Chinese messages, nothing
 * written while any error stands), writes through one db/* call (one transaction each), then has the
 * workspace re-read the unit-year so every page shows the new figures. Computes nothing itself.
 */
import { defineStore, storeToRefs } from 'pinia'
import { ref, toRaw } from 'vue'
import type {
  BudgetLine,
  BudgetLineJudgement,
  Id,
  Indicator,
  IndicatorFramework,
  IndicatorReading,
  IsoDate,
  MonitoringNode,
  MonthlyExecution,
  PerformanceTarget,
  Project,
  Unit,
} from '@/domain/types'
import { hasErrors, validateBudgetLine, validateIndicator } from '@/domain/validation'
import { ok, refused, type Result, type ValidationIssue } from '@/domain/result'
import type { DataLoss } from '@/domain/dataLoss'
import { frameworkProblems, newUnitYearDataset } from '@/domain/entryDefaults'
import { nodeLabel, parseNodeDate } from '@/domain/periods'
import { saveUnitYear } from '@/db/datasets'
import { deleteUnit as dbDeleteUnit, putUnit, getUnit } from '@/db/units'
import { unitLoss as readUnitLoss } from '@/db/dataLoss'
import { deleteBudgetLine as dbDeleteBudgetLine, putBudgetLine, putExecutions } from '@/db/budget'
import type { ExecutionsBasis } from '@/domain/executionBasis'
import { deleteProject as dbDeleteProject, putProject } from '@/db/projects'
import { deleteIndicator as dbDeleteIndicator, getFramework, putFramework, putIndicator, putTarget } from '@/db/targets'
import {
  copyForward,
  deleteNode as dbDeleteNode,
  putBudgetJudgements,
  putNode,
  putReadings,
  type JudgementsBasis,
  type ReadingsBasis,
} from '@/db/nodes'
import type { RowCounts } from '@/db/unitScope'
import { newId } from '@/domain/ids'
import { useWorkspaceStore } from './workspace'

const errorsOf = (issues: readonly ValidationIssue[]) =>
  issues.filter((i) => i.severity === 'error').map((i) => i.message)

export const useEntryStore = defineStore('entry', () => {
  const workspace = useWorkspaceStore()
  const { unitYears } = storeToRefs(workspace)
  const saving = ref(false)

  /** Runs a write, then reloads the workspace; a refusal (with its conflicts, if any) comes back as it is. */
  async function write<T, Row>(run: () => Promise<Result<T, Row>>): Promise<Result<T, Row>> {
    saving.value = true
    try {
      const result = await run()
      if (!result.ok) return result
      await workspace.reload()
      return ok(result.value)
    } finally {
      saving.value = false
    }
  }

  /**
   * 新建单位 (or a new year of an existing unit): the unit, the year's framework (the stored one, or
   * the default) and the unit's 整体 target, in one transaction; then selects it.
   */
  async function createUnitYear(input: { name: string; year: number; unitId?: Id }): Promise<Result<Id>> {
    const name = input.name.trim()
    const problems: string[] = []
    if (!input.unitId && !name) problems.push('请填写单位名称')
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      problems.push('年度应为 2000 至 2100 之间的整数')
    if (input.unitId && unitYears.value.some((uy) => uy.unitId === input.unitId && uy.year === input.year)) {
      problems.push(`该单位已有 ${input.year} 年度的数据`)
    }
    if (!input.unitId && unitYears.value.some((uy) => uy.unitName === name)) {
      problems.push(`已有名为“${name}”的单位；如需为它新建年度，请选择“为当前单位新建年度”`)
    }
    if (problems.length > 0) return refused(problems)
    saving.value = true
    try {
      const existing = input.unitId ? await getUnit(input.unitId) : undefined
      if (input.unitId && !existing) return refused(['找不到该单位'])
      const unitId = existing?.id ?? newId()
      const dataset = newUnitYearDataset({
        unitId,
        targetId: newId(),
        name: existing?.name ?? name,
        year: input.year,
        framework: await getFramework(input.year),
      })
      if (existing) dataset.unit = existing
      const result = await saveUnitYear(dataset)
      if (!result.ok) return refused(result.messages)
      await workspace.refreshUnitYears()
      await workspace.select(unitId, input.year)
      return ok(unitId)
    } finally {
      saving.value = false
    }
  }

  /**
   * 单位信息, trimmed. With `options.basis` (the unit as the form loaded it) the save is refused with
   * `conflicts` when another tab changed the unit meanwhile.
   */
  async function saveUnit(unit: Unit, options: { basis?: Unit | null } = {}): Promise<Result<Unit, Unit>> {
    const clean: Unit = {
      ...toRaw(unit),
      name: unit.name.trim(),
      departments: [...new Set(unit.departments.map((d) => d.trim()).filter(Boolean))],
      monitoringGroup: unit.monitoringGroup
        .map((m) => ({ ...toRaw(m), name: m.name.trim(), title: m.title.trim() }))
        .filter((m) => m.name),
      financeOfficer: unit.financeOfficer.trim(),
    }
    if (!clean.name) return refused(['请填写单位名称'])
    const basis = options.basis === undefined ? {} : { basis: options.basis && toRaw(options.basis) }
    return write(() => putUnit(clean, basis))
  }

  /** What 删除单位 would remove (its years and the counts), or null when the unit is gone. */
  function unitLoss(unitId: Id): Promise<DataLoss | null> {
    return readUnitLoss(unitId)
  }

  /** 删除单位: the unit and all its years of data, in one transaction. */
  async function deleteUnit(id: Id): Promise<Result<RowCounts>> {
    return write(() => dbDeleteUnit(id))
  }

  /**
   * 项目. With `options.basis` (the project as the dialog opened it) the save is refused with
   * `conflicts` when another tab changed the project meanwhile.
   */
  async function saveProject(
    project: Project,
    options: { basis?: Project | null } = {},
  ): Promise<Result<Project, Project>> {
    const basis = options.basis === undefined ? {} : { basis: options.basis && toRaw(options.basis) }
    return write(() => putProject(toRaw(project), basis))
  }

  async function deleteProject(id: Id): Promise<Result<Project>> {
    return write(() => dbDeleteProject(id))
  }

  /**
   * Saves a budget line after `validateBudgetLine`; a new project named alongside it is created
   * first (its own transaction; a project without lines is harmless and can be deleted). With
   * `options.basis` (the line as the dialog opened it) the save is refused with `conflicts` when
   * another tab changed the line meanwhile.
   */
  async function saveBudgetLine(
    line: BudgetLine,
    newProject?: Project,
    options: { basis?: BudgetLine | null } = {},
  ): Promise<Result<BudgetLine, BudgetLine>> {
    const candidate = newProject ? { ...line, projectId: newProject.id } : line
    const errors = errorsOf(validateBudgetLine(candidate).filter((i) => !(newProject && i.field === 'projectId')))
    if (newProject && !newProject.name.trim()) errors.push('请填写新项目的名称')
    if (errors.length > 0) return refused(errors)
    if (newProject) {
      const created = await saveProject(newProject)
      if (!created.ok) return refused(created.messages)
    }
    const basis = options.basis === undefined ? {} : { basis: options.basis && toRaw(options.basis) }
    return write(() => putBudgetLine(toRaw(candidate), basis))
  }

  async function deleteBudgetLine(id: Id): Promise<Result<{ monthlyExecutions: number; budgetJudgements: number }>> {
    return write(() => dbDeleteBudgetLine(id))
  }

  /**
   * All changed cells of the grid in one transaction (the caller has checked the grid). With
   * `options.basis` (per line and month, the figures the grid started from) the save is refused with
   * `conflicts` naming each month another tab changed meanwhile, and nothing is written.
   */
  async function saveExecutions(
    rows: readonly MonthlyExecution[],
    options: { basis?: ExecutionsBasis } = {},
  ): Promise<Result<MonthlyExecution[], MonthlyExecution>> {
    if (rows.length === 0) return refused(['没有需要保存的修改'])
    return write(() =>
      putExecutions(
        rows.map((r) => toRaw(r)),
        options,
      ),
    )
  }

  /**
   * 指标框架. With `options.basis` (the framework as the dialog opened it) the save is refused with
   * `conflicts` when another tab changed the year's framework meanwhile.
   */
  async function saveFramework(
    framework: IndicatorFramework,
    options: { basis?: IndicatorFramework } = {},
  ): Promise<Result<IndicatorFramework, IndicatorFramework>> {
    const clean: IndicatorFramework = {
      year: framework.year,
      level1: framework.level1.map((l1) => ({ name: l1.name.trim(), level2: l1.level2.map((n) => n.trim()) })),
    }
    const problems = frameworkProblems(clean)
    if (problems.length > 0) return refused(problems)
    return write(() => putFramework(clean, options.basis === undefined ? {} : { basis: toRaw(options.basis) }))
  }

  /**
   * 年度总体目标. With `options.basis` (the target as the editor loaded it, null for a new one) the
   * save is refused with `conflicts` when another tab changed the target meanwhile.
   */
  async function saveTarget(
    target: PerformanceTarget,
    options: { basis?: PerformanceTarget | null } = {},
  ): Promise<Result<PerformanceTarget, PerformanceTarget>> {
    const basis = options.basis === undefined ? {} : { basis: options.basis && toRaw(options.basis) }
    return write(() => putTarget(toRaw(target), basis))
  }

  /**
   * Saves a 三级指标 after `validateIndicator`. With `options.basis` (the indicator as the dialog
   * opened it, null for a new one) the save is refused with `conflicts` when another tab changed it.
   */
  async function saveIndicator(
    indicator: Indicator,
    options: { basis?: Indicator | null } = {},
  ): Promise<Result<Indicator, Indicator>> {
    const errors = errorsOf(validateIndicator(indicator))
    if (!indicator.level1 || !indicator.level2) errors.unshift('请选择一级指标和二级指标')
    if (errors.length > 0) return refused(errors)
    const basis = options.basis === undefined ? {} : { basis: options.basis && toRaw(options.basis) }
    return write(() => putIndicator(toRaw(indicator), basis))
  }

  async function deleteIndicator(id: Id): Promise<Result<{ readings: number }>> {
    return write(() => dbDeleteIndicator(id))
  }

  /**
   * 新建监控节点 as of a date of the selected year, labelled by `nodeLabel` ('2021年1-6月'). With
   * `copyPrevious`, the latest earlier node's readings and judgements are copied in (db copyForward).
   */
  async function createNode(asOfDate: IsoDate, copyPrevious: boolean): Promise<Result<MonitoringNode>> {
    const unitId = workspace.unitId
    const year = workspace.year
    if (!unitId || year === null) return refused(['请先选择或新建单位和年度'])
    const parsed = parseNodeDate(asOfDate)
    if (!parsed.ok) return refused(parsed.messages)
    if (parsed.value.year !== year) return refused([`监控节点日期须在 ${year} 年内`])
    const nodes = workspace.nodes
    if (nodes.some((n) => n.asOfDate === asOfDate)) return refused([`${asOfDate} 的监控节点已存在`])
    const previous = [...nodes].filter((n) => n.asOfDate < asOfDate).pop()
    const label = nodeLabel(asOfDate)
    if (copyPrevious && !previous) return refused(['没有更早的监控节点可复制；请取消“复制上一节点”'])
    const result = await write(() =>
      copyPrevious && previous
        ? copyForward(previous.id, asOfDate, label)
        : putNode({ id: newId(), unitId, year, asOfDate, label, status: 'draft' }),
    )
    if (result.ok) await workspace.selectNode(result.value.id)
    return result
  }

  async function setNodeLocked(node: MonitoringNode, locked: boolean): Promise<Result<MonitoringNode>> {
    return write(() => putNode({ ...toRaw(node), status: locked ? 'locked' : 'draft' }))
  }

  async function deleteNode(id: Id): Promise<Result<unknown>> {
    return write(() => dbDeleteNode(id))
  }

  /**
   * The node's readings in one transaction; refused when any has errors (the caller shows them).
   * With `options.basis` (per indicator, the reading the editor started from) the save is refused
   * with `conflicts` naming each indicator another tab changed meanwhile, and nothing is written.
   */
  async function saveReadings(
    readings: readonly IndicatorReading[],
    issues: readonly ValidationIssue[],
    options: { basis?: ReadingsBasis } = {},
  ): Promise<Result<IndicatorReading[], IndicatorReading>> {
    if (hasErrors(issues)) return refused(errorsOf(issues))
    if (readings.length === 0) return refused(['没有需要保存的填报'])
    return write(() =>
      putReadings(
        readings.map((r) => toRaw(r)),
        options,
      ),
    )
  }

  /**
   * The node's budget-line judgements (预算研判) in one transaction; refused while any has errors.
   * With `options.basis` (per budget line, the judgement the editor started from) the save is refused
   * with `conflicts` naming each line another tab changed meanwhile, and nothing is written.
   */
  async function saveBudgetJudgements(
    judgements: readonly BudgetLineJudgement[],
    issues: readonly ValidationIssue[],
    options: { basis?: JudgementsBasis } = {},
  ): Promise<Result<BudgetLineJudgement[], BudgetLineJudgement>> {
    if (hasErrors(issues)) return refused(errorsOf(issues))
    if (judgements.length === 0) return refused(['没有需要保存的研判'])
    return write(() =>
      putBudgetJudgements(
        judgements.map((j) => toRaw(j)),
        options,
      ),
    )
  }

  return {
    saving,
    saveBudgetJudgements,
    createUnitYear,
    saveUnit,
    unitLoss,
    deleteUnit,
    saveProject,
    deleteProject,
    saveBudgetLine,
    deleteBudgetLine,
    saveExecutions,
    saveFramework,
    saveTarget,
    saveIndicator,
    deleteIndicator,
    createNode,
    setNodeLocked,
    deleteNode,
    saveReadings,
  }
})
