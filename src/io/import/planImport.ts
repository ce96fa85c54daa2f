/**
 * The dry run of an Excel import: from the sheets' cells (no ExcelJS here) and the unit-year as stored,
 * build the merged unit-year, say for every row whether it is new, changed or unchanged, and name every
 * bad cell (sheet, row, column letter, header, Chinese reason). Nothing is written here; the commit
 * stores `plan.dataset` with `saveUnitYear` in one transaction, and only when `plan.problems` is empty.
 *
 * Merge rules: rows are matched by natural key, never by position — a budget line by (支出类别, 经费类型,
 * 项目名称, 预算项目名称, 资金来源), an indicator by (目标范围, 一级, 二级, 三级), a month by (budget line,
 * month), a reading by (截至日期, indicator), a node by its date, a project by name, a 监控小组 member by
 * 姓名, a target's 年度总体目标 by 目标范围, a 预算研判 by (截至日期, budget line), a 纠偏措施 by (截至日期,
 * 措施类型, 措施内容). The sheets added in template version 2 (监控小组, 绩效目标, 预算研判, 纠偏措施, and the
 * 分月计划 columns) may be missing from a file: what they carry is then kept as stored. A matched row keeps
 * its id and every field the template does not carry; new rows get ids derived from the natural key, so
 * importing the same file twice gives the same rows and changes nothing the second time. Stored rows
 * that the file does not mention are kept (an import never deletes). Equal amounts written differently
 * ('40' vs '40.00') count as unchanged and keep the stored spelling.
 *
 * Names are what they look like: every cell that becomes a name or a key (单位名称, 科室, 姓名, 项目名称,
 * 责任科室, 预算项目名称, 一级/二级/三级, 计量单位, 目标范围, and the choices of a budget line's key) is
 * normalised (`normalizeName`: no zero-width or bidi characters, NFC, blanks collapsed, trimmed) before
 * it is matched, and stored names are normalised for matching too, so ‘且末县自然资源局\u200b’ finds the
 * stored unit and ‘工资福利支出\u200b’ the stored line. Stored rows that already look alike (written before
 * names were normalised) are all kept; the file's row matches the first, and a warning names them.
 * A sheet with merged cells in its data rows is refused, the range named (ExcelJS reads every cell of
 * a merge as the top-left value, which would copy one 项目名称 into every merged row).
 *
 * The sheets are read in an order that lets each find what it refers to: 单位信息 first (unit and year),
 * then 监控小组, 预算执行, 绩效目标, 绩效指标, 指标填报 (indicators), 预算研判 (budget lines), 纠偏措施,
 * 管理指标 (template version 4: the amounts of 管理指标填报, merged into the stored ones; a blank keeps one).
 */
import type { CountKey, ImportBase, ImportPlan, StatusCounts } from '@/domain/importPlan'
import { frozenFigureChanges } from '@/domain/lock'
import { normalizeFrameworkNames } from '@/domain/names'
import type { ManagementInputs } from '@/domain/types'
import type { UnitYearWithInputs } from '@/domain/managementInputsCheck'
import {
  BUDGET_COLUMNS,
  GROUP_COLUMNS,
  INDICATOR_COLUMNS,
  INFO_FIELDS,
  JUDGEMENT_COLUMNS,
  MANAGEMENT_COLUMNS,
  MAX_ROWS_PER_SHEET,
  MEASURE_COLUMNS,
  READING_COLUMNS,
  REQUIRED_SHEETS,
  SHEET_BUDGET,
  SHEET_GROUP,
  SHEET_INDICATORS,
  SHEET_INFO,
  SHEET_JUDGEMENTS,
  SHEET_MANAGEMENT,
  SHEET_MEASURES,
  SHEET_READINGS,
  SHEET_TARGETS,
  TARGET_COLUMNS,
} from '../excel/layout'
import { readBudgetSheet } from './budgetSheet'
import { createImportContext, type PlanOutput } from './context'
import { same, zeroCounts } from './diff'
import { readGroupSheet } from './groupSheet'
import { mergeFramework, readIndicatorSheet } from './indicatorSheet'
import { infoValue, readInfoSheet } from './infoSheet'
import { readJudgementSheet } from './judgementSheet'
import { readManagementSheet } from './managementSheet'
import { readMeasureSheet } from './measureSheet'
import { readReadingSheet } from './readingSheet'
import { checkHeaders, mergeProblems, type SheetGrid } from './sheetGrid'
import { readTargetSheet } from './targetSheet'

export interface PlanInput extends ImportBase {
  grids: readonly SheetGrid[]
  /** the stored 管理指标填报 of the file's unit-year (null: none), which the 管理指标 sheet merges into */
  managementInputs?: ManagementInputs | null
}

export function planImport(input: PlanInput): ImportPlan {
  const counts: Record<CountKey, StatusCounts> = {
    monitoringGroup: zeroCounts(),
    projects: zeroCounts(),
    budgetLines: zeroCounts(),
    monthlyExecutions: zeroCounts(),
    targets: zeroCounts(),
    indicators: zeroCounts(),
    nodes: zeroCounts(),
    readings: zeroCounts(),
    budgetJudgements: zeroCounts(),
    measures: zeroCounts(),
  }
  const out: PlanOutput = { problems: [], warnings: [], rows: [], counts }
  const { problems, warnings, rows } = out
  const empty: ImportPlan = {
    problems,
    warnings,
    unitName: '',
    year: 0,
    newUnit: false,
    counts,
    rows,
    unchanged: true,
    dataset: null,
  }

  const sheet = (name: string) => input.grids.find((g) => g.name === name)
  for (const name of REQUIRED_SHEETS) {
    if (!sheet(name))
      problems.push({
        sheet: name,
        row: 0,
        column: '',
        message: `文件缺少工作表「${name}」，请使用「下载导入模板」得到的文件填写`,
      })
  }
  if (problems.length > 0) return empty
  const info = sheet(SHEET_INFO) as SheetGrid
  const budget = sheet(SHEET_BUDGET) as SheetGrid
  const indicatorSheet = sheet(SHEET_INDICATORS) as SheetGrid
  const readingSheet = sheet(SHEET_READINGS) as SheetGrid
  // Added in template version 2; a file without them leaves what they carry as stored.
  const groupSheet = sheet(SHEET_GROUP)
  const targetSheet = sheet(SHEET_TARGETS)
  const judgementSheet = sheet(SHEET_JUDGEMENTS)
  const measureSheet = sheet(SHEET_MEASURES)
  // Added in template version 4; a file without it keeps the stored 管理指标填报.
  const managementSheet = sheet(SHEET_MANAGEMENT)
  for (const grid of [
    budget,
    indicatorSheet,
    readingSheet,
    info,
    groupSheet,
    targetSheet,
    judgementSheet,
    measureSheet,
    managementSheet,
  ]) {
    if (grid && grid.rows.length > MAX_ROWS_PER_SHEET) {
      problems.push({
        sheet: grid.name,
        row: 0,
        column: '',
        message: `${grid.name} 行数超过 ${MAX_ROWS_PER_SHEET} 行，无法导入`,
      })
    }
    if (grid) problems.push(...mergeProblems(grid))
  }
  const budgetColumns = checkHeaders(budget, BUDGET_COLUMNS, problems)
  const indicatorColumns = checkHeaders(indicatorSheet, INDICATOR_COLUMNS, problems)
  checkHeaders(readingSheet, READING_COLUMNS, problems)
  if (groupSheet) checkHeaders(groupSheet, GROUP_COLUMNS, problems)
  if (targetSheet) checkHeaders(targetSheet, TARGET_COLUMNS, problems)
  if (judgementSheet) checkHeaders(judgementSheet, JUDGEMENT_COLUMNS, problems)
  if (measureSheet) checkHeaders(measureSheet, MEASURE_COLUMNS, problems)
  if (managementSheet) checkHeaders(managementSheet, MANAGEMENT_COLUMNS, problems)
  if (problems.length > 0) return empty
  const hasPlanColumns = indicatorColumns > INDICATOR_COLUMNS.findIndex((c) => c.key === 'plan1')
  // 调整月份 (template version 3): a file without the column keeps every line's stored month
  const hasAdjustmentColumn = budgetColumns > BUDGET_COLUMNS.findIndex((c) => c.key === 'adjustmentMonth')

  const unitInfo = readInfoSheet(info, input, out)
  if (!unitInfo) return empty
  const { unitName, year, unit, storedUnit, nodeDates } = unitInfo
  const existing = input.existing
  const ctx = createImportContext(out, unitInfo, existing)
  nodeDates.forEach((d) => {
    const found = infoValue(info, INFO_FIELDS[4].label)
    ctx.ensureNode(d, SHEET_INFO, found?.row ?? 0, 2, INFO_FIELDS[4].label, found?.cell ?? null)
  })

  if (groupSheet) readGroupSheet(ctx, groupSheet)
  readBudgetSheet(ctx, budget, hasAdjustmentColumn)
  const talliedTargets = targetSheet ? readTargetSheet(ctx, targetSheet) : new Set<string>()
  readIndicatorSheet(ctx, indicatorSheet, hasPlanColumns)
  readReadingSheet(ctx, readingSheet)
  const judgements = readJudgementSheet(ctx, judgementSheet)
  const measures = readMeasureSheet(ctx, measureSheet)
  const management = managementSheet
    ? readManagementSheet(ctx, managementSheet, input.managementInputs ?? null, unit.id, year)
    : null

  // Parents created or changed along the way.
  const { stored, merged } = ctx
  for (const [name, p] of merged.projects)
    if (merged.touchedProjects.has(name)) ctx.tally('projects', stored.projects.get(name), p)
  for (const [k, t] of merged.targets)
    if (!stored.targets.has(k) && !talliedTargets.has(k)) ctx.tally('targets', undefined, t)
  for (const [d, n] of merged.nodes) if (!stored.nodes.has(d)) ctx.tally('nodes', undefined, n)

  if (problems.length > 0) return { ...empty, unitName, year }
  const total =
    Object.values(counts).reduce((s, c) => s + c.new + c.changed + c.unchanged, 0) + (management?.rowCount ?? 0)
  if (total === 0 && nodeDates.length === 0) {
    problems.push({
      sheet: '',
      row: 0,
      column: '',
      message: '文件中没有可导入的数据：请在「预算执行」「绩效指标」「指标填报」等表中至少填写一行',
    })
    return { ...empty, unitName, year }
  }

  const framework = mergeFramework(
    normalizeFrameworkNames(input.existingFramework ?? existing?.framework ?? { year, level1: [] }),
    [...merged.indicators.values()],
  )
  const dataset: UnitYearWithInputs = {
    unit,
    year,
    framework,
    projects: [...merged.projects.values()],
    budgetLines: [...merged.lines.values()],
    monthlyExecutions: [...merged.exec.values()],
    targets: [...merged.targets.values()],
    indicators: [...merged.indicators.values()],
    nodes: [...merged.nodes.values()],
    readings: [...merged.readings.values()],
    budgetJudgements: [...judgements.values()],
    alerts: existing?.alerts ?? [],
    measures: [...(existing?.measures ?? []).map((m) => measures.changed.get(m.id) ?? m), ...measures.added],
    reports: existing?.reports ?? [],
    // carried only when the file changes them: otherwise the commit keeps the stored ones
    ...(management?.changed ? { managementInputs: management.inputs } : {}),
  }
  // 定稿 freezes figures: an import that would change a locked node's figures is refused in the
  // preview (and again by the store's own check when committing)
  for (const change of existing ? frozenFigureChanges(existing, dataset) : []) {
    const what = change.removed ? '删除该节点或解除其锁定' : `修改其${change.parts.join('、')}`
    problems.push({
      sheet: '',
      row: 0,
      column: '',
      message: `监控节点“${change.node.label}”已定稿，导入会${what}，与已定稿的报告不一致。请只导入未定稿月份的数据，或先在「数据管理 › 监控节点」中解锁（须填写原因）`,
    })
  }
  if (problems.length > 0) return { ...empty, unitName, year }
  const changedRows = Object.values(counts).some((c) => c.new + c.changed > 0)
  const unitChanged = !same(storedUnit, unit)
  const frameworkChanged = !same(input.existingFramework ?? existing?.framework, framework)
  return {
    problems,
    warnings,
    unitName,
    year,
    newUnit: !storedUnit,
    counts,
    rows,
    unchanged: !changedRows && !unitChanged && !frameworkChanged && !management?.changed,
    dataset,
  }
}
