/**
 * 定稿 freezes figures (docs/domain-rules.md §12): once a node's report is 定稿, every figure it shows is part of the
 * record — the months it covers (1 … the node's month), its readings, judgements and measures, and
 * the unit-year's budget lines, projects, targets and indicators as of that node. Changing any of
 * them needs 解锁 with a written reason first. These pure functions say what a locked node covers and
 * which locked nodes a change would alter; `src/db/lock.ts` applies them inside every write.
 */
import { canonicalJson } from './canonicalJson'
import { reportedMonth } from './periods'
import type { MonitoringSettings } from './settings'
import { adjustedBudget } from './rates'
import type { BudgetLine, Id, MonitoringNode, MonthNumber, StoredReport, Unit, UnitYearDataset } from './types'

/** The last month a node's report covers (1-6月 → 6). */
export function coveredMonth(node: Pick<MonitoringNode, 'asOfDate'>): number {
  return reportedMonth(node.asOfDate)
}

export function isLocked(node: Pick<MonitoringNode, 'status'>): boolean {
  return node.status === 'locked'
}

/**
 * The locked node whose report covers `month` (the earliest by date, so the message names the first
 * report that would disagree), or undefined when the month is open.
 */
export function nodeLockingMonth(nodes: readonly MonitoringNode[], month: number): MonitoringNode | undefined {
  return [...nodes]
    .filter((n) => isLocked(n) && coveredMonth(n) >= month)
    .sort((a, b) => (a.asOfDate < b.asOfDate ? -1 : a.asOfDate > b.asOfDate ? 1 : 0))[0]
}

/**
 * The months no entry may change any more: 1 … the latest month a locked node covers (0: none), with
 * that node, for the monthly grid's read-only cells and banner.
 */
export function lockedThrough(nodes: readonly MonitoringNode[]): { month: number; node: MonitoringNode } | null {
  let latest: MonitoringNode | undefined
  for (const node of nodes) if (isLocked(node) && (!latest || coveredMonth(node) > coveredMonth(latest))) latest = node
  return latest ? { month: coveredMonth(latest), node: latest } : null
}

/** The first locked node of a unit-year by date, if any. */
export function firstLockedNode(nodes: readonly MonitoringNode[]): MonitoringNode | undefined {
  return nodeLockingMonth(nodes, 1)
}

/**
 * The refusal, in the words a finance officer needs: which node, what would change, and the way out.
 * `what` names the change, e.g. '修改6月的执行数'.
 */
export function lockedMessage(node: Pick<MonitoringNode, 'label'>, what: string): string {
  return `监控节点“${node.label}”已定稿（已锁定），${what}会改变其已定稿报告中的数字。如确需修改，请先在「数据管理 › 监控节点」中解锁（须填写原因），本次保存未写入任何数据。`
}

/**
 * The settings a node's figures are computed with: a locked node keeps the settings it was frozen
 * with (docs/domain-rules.md §12.4: later 设置 changes apply to open nodes only); an open node follows the
 * current ones.
 */
export function settingsForNode(
  node: Pick<MonitoringNode, 'status' | 'frozenSettings'>,
  current: MonitoringSettings,
): MonitoringSettings {
  return isLocked(node) && node.frozenSettings ? node.frozenSettings : current
}

/**
 * What a locked node's report holds of a budget line: its name, kind and source, 上年结转 and its
 * 调整后预算 *as of the node's month* (a dated 追加 after it does not count, docs/domain-rules.md §12.2). Null when the
 * line holds nothing at that month (no budget, no 上年结转): a line created later for a September
 * 追加 does not change the 1-6月 report, so it may be added while 1-6月 is locked.
 */
export function lineAsOf(line: BudgetLine | null | undefined, month: number): string | null {
  if (!line) return null
  const budget = adjustedBudget(line, Math.min(Math.max(month, 1), 12) as MonthNumber)
  const carryOver = line.carryOver.trim() === '' ? '0' : line.carryOver
  if (budget.isZero() && Number(carryOver) === 0) return null
  const { name, category, subCategory, projectId, fundSource, unitId, year } = line
  return canonicalJson({
    name,
    category,
    subCategory,
    projectId,
    fundSource,
    unitId,
    year,
    carryOver,
    budget: budget.toFixed(),
  })
}

const byId = <T extends { id: Id }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

/**
 * Everything a locked node's report is computed from, as one canonical text per part. Two datasets
 * whose parts are equal show the node's report with the same figures.
 */
export function frozenFigures(dataset: UnitYearDataset, node: MonitoringNode): Record<string, string> {
  const month = coveredMonth(node)
  const lineIds = new Set(dataset.budgetLines.map((l) => l.id))
  return {
    预算行: canonicalJson(
      byId(dataset.budgetLines).flatMap((line) => {
        const asOf = lineAsOf(line, month)
        return asOf === null ? [] : [[line.id, asOf]]
      }),
    ),
    项目: canonicalJson(byId(dataset.projects)),
    月度执行数: canonicalJson(
      byId(dataset.monthlyExecutions.filter((e) => lineIds.has(e.budgetLineId) && e.month <= month)),
    ),
    绩效目标: canonicalJson(byId(dataset.targets)),
    三级指标: canonicalJson(byId(dataset.indicators).map(({ sortOrder: _order, ...indicator }) => indicator)),
    指标填报: canonicalJson(byId(dataset.readings.filter((r) => r.nodeId === node.id))),
    预算研判: canonicalJson(byId(dataset.budgetJudgements.filter((j) => j.nodeId === node.id))),
    纠偏措施: canonicalJson(byId(dataset.measures.filter((m) => m.nodeId === node.id))),
    监控报告: canonicalJson(dataset.reports.find((r) => r.nodeId === node.id)?.frozen ?? null),
    // whether 上年结转 is in the 执行率 denominator changes every budget figure of the report
    执行率口径: canonicalJson(Boolean(dataset.unit.carryOverInExecutionBase)),
  }
}

/** A locked node a change would alter: the node and the parts that differ ('预算行', '月度执行数' …). */
export interface FrozenChange {
  node: MonitoringNode
  parts: string[]
  /** the node is gone, or no longer locked, after the change */
  removed: boolean
}

/**
 * The locked nodes of `before` whose figures differ in `after` (null: the unit-year is gone). Used
 * where a whole unit-year is replaced at once: an import, a demo load, a restore.
 */
export function frozenFigureChanges(before: UnitYearDataset, after: UnitYearDataset | null): FrozenChange[] {
  const changes: FrozenChange[] = []
  for (const node of before.nodes.filter(isLocked)) {
    const later = after?.nodes.find((n) => n.id === node.id)
    if (!after || !later || !isLocked(later)) {
      changes.push({ node, parts: [], removed: true })
      continue
    }
    const was = frozenFigures(before, node)
    const now = frozenFigures(after, later)
    const parts = Object.keys(was).filter((part) => was[part] !== now[part])
    if (parts.length > 0) changes.push({ node, parts, removed: false })
  }
  return changes
}

/** One sentence naming every locked node a whole-unit-year change would alter, or '' when none. */
export function frozenChangesMessage(changes: readonly FrozenChange[]): string {
  const [first, ...others] = changes
  if (!first) return ''
  const what = first.removed ? '删除该节点或解除其锁定' : `修改其${first.parts.join('、')}`
  const more = others.length > 0 ? `（另有${others.map((c) => `“${c.node.label}”`).join('、')}也会被改变）` : ''
  return lockedMessage(first.node, `${what}${more}`)
}

/** A 定稿 report a whole-database restore would remove or replace (the restore preview names each). */
export interface FrozenReportAtRisk {
  unitName: string
  label: string
  /** removed: the backup has no such node; unlocked: it has the node as a draft; replaced: another frozen version */
  change: 'removed' | 'unlocked' | 'replaced'
}

interface ReportRows {
  nodes: readonly MonitoringNode[]
  reports: readonly StoredReport[]
}

/**
 * The locked nodes of `current` whose frozen report would not survive a restore of `restored` as it
 * is: a restore replaces every table, so a backup taken before 定稿 silently drops the submitted
 * report. Named so the user decides knowingly (docs/domain-rules.md §12.6).
 */
export function frozenReportsAtRisk(
  current: ReportRows & { units: readonly Unit[] },
  restored: ReportRows,
): FrozenReportAtRisk[] {
  const unitName = new Map(current.units.map((u) => [u.id, u.name]))
  const frozenOf = (rows: ReportRows, nodeId: Id) =>
    canonicalJson(rows.reports.find((r) => r.nodeId === nodeId)?.frozen ?? null)
  const out: FrozenReportAtRisk[] = []
  for (const node of current.nodes.filter(isLocked)) {
    const later = restored.nodes.find((n) => n.id === node.id)
    const change = !later
      ? 'removed'
      : !isLocked(later)
        ? 'unlocked'
        : frozenOf(restored, node.id) !== frozenOf(current, node.id)
          ? 'replaced'
          : null
    if (change) out.push({ unitName: unitName.get(node.unitId) ?? '', label: node.label, change })
  }
  return out.sort((a, b) => (a.unitName + a.label < b.unitName + b.label ? -1 : 1))
}

const AT_RISK_TEXT: Readonly<Record<FrozenReportAtRisk['change'], string>> = {
  removed: '定稿报告将被删除（备份中没有该节点）',
  unlocked: '定稿报告将被删除，节点恢复为未定稿（备份早于定稿）',
  replaced: '定稿报告将被替换为备份中的另一版本',
}

/** One line per report at risk, e.g. '且末县自然资源局 2021年1-6月：定稿报告将被删除，节点恢复为未定稿（备份早于定稿）'. */
export function frozenReportsAtRiskText(list: readonly FrozenReportAtRisk[]): string[] {
  return list.map((r) => `${r.unitName} ${r.label}：${AT_RISK_TEXT[r.change]}`)
}
