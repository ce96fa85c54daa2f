/**
 * What a destructive action would remove, counted from the rows it removes, so the warning before
 * 删除单位, 删除监控节点 or 重新载入示例数据 can name the loss in figures (issue 5, item 6). The keys
 * are the tables a cascading delete touches (db/unitScope `RowCounts` has the same shape), so a test
 * can hold the warning to what the delete actually removed.
 */
import type { Id, UnitYearDataset } from './types'

export interface DataCounts {
  projects: number
  budgetLines: number
  /** 月度执行数: one row per budget line and month */
  monthlyExecutions: number
  targets: number
  /** 三级指标 */
  indicators: number
  nodes: number
  /** 指标填报 */
  readings: number
  /** 预算研判 */
  budgetJudgements: number
  alerts: number
  measures: number
  reports: number
}

export type DataCountKey = keyof DataCounts

/** The Chinese name of each kind of row and its measure word, in the order a warning lists them. */
export const DATA_COUNT_LABELS: Readonly<Record<DataCountKey, { label: string; measureWord: string }>> = {
  projects: { label: '项目', measureWord: '个' },
  budgetLines: { label: '预算行', measureWord: '条' },
  monthlyExecutions: { label: '月度执行数', measureWord: '条' },
  targets: { label: '绩效目标', measureWord: '个' },
  indicators: { label: '三级指标', measureWord: '个' },
  nodes: { label: '监控节点', measureWord: '个' },
  readings: { label: '指标填报', measureWord: '条' },
  budgetJudgements: { label: '预算研判', measureWord: '条' },
  alerts: { label: '预警', measureWord: '条' },
  measures: { label: '纠偏措施', measureWord: '条' },
  reports: { label: '监控报告', measureWord: '份' },
}

const KEYS = Object.keys(DATA_COUNT_LABELS) as DataCountKey[]

export function noDataCounts(): DataCounts {
  return { projects: 0, budgetLines: 0, monthlyExecutions: 0, targets: 0, indicators: 0, nodes: 0, readings: 0, budgetJudgements: 0, alerts: 0, measures: 0, reports: 0 }
}

/** Everything one unit-year holds (what 删除单位 removes for that year, or 重新载入示例数据 replaces). */
export function countUnitYear(dataset: UnitYearDataset): DataCounts {
  return {
    projects: dataset.projects.length,
    budgetLines: dataset.budgetLines.length,
    monthlyExecutions: dataset.monthlyExecutions.length,
    targets: dataset.targets.length,
    indicators: dataset.indicators.length,
    nodes: dataset.nodes.length,
    readings: dataset.readings.length,
    budgetJudgements: dataset.budgetJudgements.length,
    alerts: dataset.alerts.length,
    measures: dataset.measures.length,
    reports: dataset.reports.length,
  }
}

/** What deleting one monitoring node removes: the node and what was entered or drafted at it. */
export function countNode(dataset: UnitYearDataset, nodeId: Id): DataCounts {
  const atNode = (rows: readonly { nodeId: Id }[]) => rows.filter((r) => r.nodeId === nodeId).length
  return {
    ...noDataCounts(),
    nodes: dataset.nodes.filter((n) => n.id === nodeId).length,
    readings: atNode(dataset.readings),
    budgetJudgements: atNode(dataset.budgetJudgements),
    alerts: atNode(dataset.alerts),
    measures: atNode(dataset.measures),
    reports: atNode(dataset.reports),
  }
}

export function addCounts(a: DataCounts, b: DataCounts): DataCounts {
  const sum = noDataCounts()
  for (const key of KEYS) sum[key] = a[key] + b[key]
  return sum
}

/** How many of these reports were 定稿 (submitted): the warning names them separately. */
export function countFrozenReports(dataset: UnitYearDataset, nodeId?: Id): number {
  return dataset.reports.filter((r) => r.frozen && (nodeId === undefined || r.nodeId === nodeId)).length
}

export interface LossItem {
  key: DataCountKey
  label: string
  count: number
  /** e.g. '项目 2 个' */
  text: string
}

/** The kinds of data that would be lost, in DATA_COUNT_LABELS order; kinds with no rows are left out. */
export function lossItems(counts: DataCounts): LossItem[] {
  return KEYS.filter((key) => counts[key] > 0).map((key) => {
    const { label, measureWord } = DATA_COUNT_LABELS[key]
    return { key, label, count: counts[key], text: `${label} ${counts[key]} ${measureWord}` }
  })
}

/** One line naming the loss: '项目 2 个、预算行 5 条…', or '（没有其他数据）' when nothing hangs off it. */
export function lossSummary(counts: DataCounts): string {
  const items = lossItems(counts)
  return items.length > 0 ? items.map((i) => i.text).join('、') : '（没有其他数据）'
}
