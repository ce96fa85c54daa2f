/**
 * What the sheet readers share while an import is planned: where problems, warnings, preview rows and
 * counts go; the stored rows by natural key; the merged unit-year as it is built (the stored rows, each
 * sheet's rows laid over them); and the parents a row may create on the way (a project, a target, a
 * monitoring node). One object, made once per plan and handed to each sheet reader in turn.
 */
import { cellProblem, columnLetter as colLetter, type CellValue } from '@/domain/importParsing'
import type { CountKey, ImportProblem, RowChange, RowStatus, StatusCounts } from '@/domain/importPlan'
import { normalizeName } from '@/domain/names'
import { nodeLabel } from '@/domain/periods'
import type {
  BudgetLine,
  Id,
  Indicator,
  IndicatorReading,
  IsoDate,
  MonitoringNode,
  MonthlyExecution,
  PerformanceTarget,
  Project,
  Unit,
  UnitYearDataset,
} from '@/domain/types'
import { UNIT_SCOPE } from '../excel/layout'
import { rowStatus } from './diff'
import type { UnitInfo } from './infoSheet'
import { UNMATCHED, indicatorKey, key, stableId, targetKey } from './keys'

/** Where every step of a plan reports: problems block the commit, warnings do not. */
export interface PlanOutput {
  problems: ImportProblem[]
  warnings: ImportProblem[]
  /** the spreadsheet rows and what importing them does */
  rows: RowChange[]
  counts: Record<CountKey, StatusCounts>
}

/** Rows of one kind by natural key. */
type ByKey<T> = Map<string, T>

/** A unit-year's rows by natural key (names normalised), as stored and as the file merges into them. */
export interface RowsByKey {
  projects: ByKey<Project>
  lines: ByKey<BudgetLine>
  exec: ByKey<MonthlyExecution>
  targets: ByKey<PerformanceTarget>
  indicators: ByKey<Indicator>
  nodes: Map<IsoDate, MonitoringNode>
  readings: ByKey<IndicatorReading>
}

export interface ImportContext extends PlanOutput {
  year: number
  unitId: Id
  /** the unit as the file leaves it */
  unit: Unit
  /** the stored unit-year, or null */
  existing: UnitYearDataset | null
  /** stored rows by natural key, names normalised */
  stored: RowsByKey
  /** the merged unit-year as the sheets build it, by the same keys */
  merged: RowsByKey & {
    /** projects named by a row of the file (counted at the end) */
    touchedProjects: Set<string>
  }
  /** counts a row as new, changed or unchanged and says which */
  tally(kind: CountKey, stored: unknown, next: unknown): RowStatus
  /** the project called `name`, created when there is none; a `department` given replaces the stored one */
  ensureProject(name: string, department: string | null): Project
  /** the target of a 目标范围 (整体 or a project's name), created with its project when there is none */
  ensureTarget(scope: string): PerformanceTarget
  /** the node of `asOf`, created when there is none; null (and a problem on the cell) outside the year */
  ensureNode(
    asOf: IsoDate,
    sheetName: string,
    row: number,
    column: number,
    header: string,
    cell: CellValue,
  ): MonitoringNode | null
}

export function createImportContext(out: PlanOutput, info: UnitInfo, existing: UnitYearDataset | null): ImportContext {
  const { year, unitId } = info

  /**
   * Stored rows by natural key, names normalised. Rows that look alike (stored before names were
   * normalised) all stay: the first takes the key, the others are kept under their id — written back
   * as they are, matched by no file row — and a warning names them.
   */
  const byKey = <T extends { id: Id }>(
    rows: readonly T[],
    keyOf: (row: T) => string,
    what: string,
    label: (row: T) => string,
  ) => {
    const found = new Map<string, T>()
    for (const row of rows) {
      const k = keyOf(row)
      if (!found.has(k)) {
        found.set(k, row)
        continue
      }
      found.set(`${UNMATCHED}${row.id}`, row)
      out.warnings.push({
        sheet: '',
        row: 0,
        column: '',
        message: `已有的${what}中有两条看起来相同（“${label(row)}”，名称只差看不见的字符或空白），导入只与其中第一条对应；请在录入页面删除或改名多余的一条`,
      })
    }
    return found
  }
  const projects = byKey(
    existing?.projects ?? [],
    (p) => normalizeName(p.name),
    '项目',
    (p) => normalizeName(p.name),
  )
  const projectName = new Map((existing?.projects ?? []).map((p) => [p.id, normalizeName(p.name)]))
  const lineKey = (l: Pick<BudgetLine, 'category' | 'subCategory' | 'name' | 'fundSource'>, project: string) =>
    key(l.category, l.subCategory, project, normalizeName(l.name), l.fundSource)
  const lines = byKey(
    existing?.budgetLines ?? [],
    (l) => lineKey(l, l.projectId ? (projectName.get(l.projectId) ?? '') : ''),
    '预算行',
    (l) => normalizeName(l.name),
  )
  const exec = new Map((existing?.monthlyExecutions ?? []).map((e) => [key(e.budgetLineId, e.month), e]))
  const targets = byKey(
    existing?.targets ?? [],
    (t) => (t.scope === 'unit' ? UNIT_SCOPE : `项目:${projectName.get(t.projectId ?? '') ?? ''}`),
    '绩效目标',
    (t) => (t.scope === 'unit' ? UNIT_SCOPE : (projectName.get(t.projectId ?? '') ?? '')),
  )
  const targetScope = new Map(
    (existing?.targets ?? []).map((t) => [
      t.id,
      t.scope === 'unit' ? UNIT_SCOPE : (projectName.get(t.projectId ?? '') ?? ''),
    ]),
  )
  const indicators = byKey(
    existing?.indicators ?? [],
    (i) =>
      indicatorKey(
        targetScope.get(i.targetId) ?? '',
        normalizeName(i.level1),
        normalizeName(i.level2),
        normalizeName(i.name),
      ),
    '三级指标',
    (i) => normalizeName(i.name),
  )
  const nodes = new Map((existing?.nodes ?? []).map((n) => [n.asOfDate, n]))
  const readings = new Map((existing?.readings ?? []).map((r) => [key(r.nodeId, r.indicatorId), r]))

  const merged: ImportContext['merged'] = {
    projects: new Map(projects),
    touchedProjects: new Set(),
    lines: new Map(lines),
    exec: new Map(exec),
    targets: new Map(targets),
    indicators: new Map(indicators),
    nodes: new Map(nodes),
    readings: new Map(readings),
  }

  const tally = (kind: CountKey, stored: unknown, next: unknown): RowStatus => {
    const status = rowStatus(stored, next)
    out.counts[kind][status] += 1
    return status
  }

  const ensureProject = (name: string, department: string | null): Project => {
    const stored = merged.projects.get(name)
    const next: Project = stored
      ? { ...stored, ...(department !== null ? { department } : {}) }
      : { id: stableId('prj', unitId, year, name), unitId, year, name, department: department ?? '' }
    merged.projects.set(name, next)
    merged.touchedProjects.add(name)
    return next
  }

  const ensureTarget = (scope: string): PerformanceTarget => {
    const tKey = targetKey(scope)
    const stored = merged.targets.get(tKey)
    if (stored) return stored
    const prj = scope === UNIT_SCOPE ? undefined : ensureProject(scope, null)
    const target: PerformanceTarget = {
      id: stableId('tgt', unitId, year, tKey),
      unitId,
      year,
      scope: prj ? 'project' : 'unit',
      ...(prj ? { projectId: prj.id } : {}),
      description: '',
    }
    merged.targets.set(tKey, target)
    return target
  }

  const ensureNode: ImportContext['ensureNode'] = (asOf, sheetName, row, column, header, cell) => {
    if (!asOf.startsWith(`${year}-`)) {
      out.problems.push({
        sheet: sheetName,
        row,
        column: colLetter(column),
        message: cellProblem(sheetName, row, column, header, `不在${year}年度内`, cell),
      })
      return null
    }
    const stored = merged.nodes.get(asOf)
    if (stored) return stored
    const node: MonitoringNode = {
      id: stableId('node', unitId, asOf),
      unitId,
      year,
      asOfDate: asOf,
      label: nodeLabel(asOf),
      status: 'draft',
    }
    merged.nodes.set(asOf, node)
    return node
  }

  return {
    ...out,
    year,
    unitId,
    unit: info.unit,
    existing,
    stored: { projects, lines, exec, targets, indicators, nodes, readings },
    merged,
    tally,
    ensureProject,
    ensureTarget,
    ensureNode,
  }
}

/** A locked node's rows may be re-imported unchanged but not changed. */
export function lockedRefusal(node: MonitoringNode, what: string): string {
  return `的监控节点“${node.label}”已定稿锁定，不能通过导入修改其${what}（请先在监控节点页面解锁）`
}
