/**
 * What a destructive action would remove, counted from the rows it removes, so the warning before
 * 删除单位, 删除监控节点, 重新载入示例数据, deleting a 预算行, a 三级指标 or a 项目 can name the loss in
 * figures (docs/reliability.md §6). The keys
 * are the tables a cascading delete touches (db/unitScope `RowCounts` has the same shape), so a test
 * can hold the warning to what the delete actually removed. Not counted, because they are not the
 * user's data: the overview worker's kept views (a cache) and the unit's own signing key, which
 * 删除单位 deletes all the same.
 */
import type { UnitYearWithInputs } from './managementInputsCheck'
import type { Alert, Id, Unit, UnitYearDataset } from './types'

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
  /** 管理指标填报: one per unit-year */
  managementInputs: number
  // Held by the unit, not by one of its years: only 删除单位 removes them (db/unitScope `deleteUnitRecords`).
  /** 报送记录: the 报送包 the unit wrote, with the 回执 imported for them */
  sentSubmissions: number
  /** 下属单位名单: the 主管部门's list of its 下属单位 */
  subordinates: number
  /** 下属单位签名密钥 the 主管部门 registered, those no other 主管部门 here still relies on */
  unitKeys: number
  /** 收到的报送包, kept whole (the file's bytes) */
  submissions: number
  /** 审核结果: one per 下属单位 and monitoring date */
  reviews: number
  /** 部门汇总报告: one per monitoring date */
  departmentReports: number
}

export type DataCountKey = keyof DataCounts

/** What removing a unit's years would lose: the warning before 删除单位 or 重新载入示例数据. */
export interface DataLoss {
  unit: Unit
  /** the years that hold data, ascending */
  years: number[]
  counts: DataCounts
  /** how many of the reports were 定稿 (submitted) */
  frozenReports: number
}

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
  managementInputs: { label: '管理指标填报', measureWord: '份' },
  sentSubmissions: { label: '报送记录', measureWord: '条' },
  subordinates: { label: '下属单位名单', measureWord: '条' },
  unitKeys: { label: '下属单位签名密钥', measureWord: '个' },
  submissions: { label: '收到的报送包', measureWord: '份' },
  reviews: { label: '审核结果', measureWord: '条' },
  departmentReports: { label: '部门汇总报告', measureWord: '份' },
}

/** every kind of row a unit holds, in the order a warning lists them */
export const DATA_COUNT_KEYS = Object.keys(DATA_COUNT_LABELS) as DataCountKey[]

/**
 * The kinds held by the unit rather than by one of its years (报送, and a 主管部门's 汇总): 删除单位 removes
 * them, replacing or deleting one unit-year never does, so a unit-year's counts hold 0 for each.
 */
export const UNIT_RECORD_COUNT_KEYS = [
  'sentSubmissions',
  'subordinates',
  'unitKeys',
  'submissions',
  'reviews',
  'departmentReports',
] as const satisfies readonly DataCountKey[]

export type UnitRecordCountKey = (typeof UNIT_RECORD_COUNT_KEYS)[number]

/** The kinds a unit-year holds: its tables, in the order a warning lists them. */
export const UNIT_YEAR_COUNT_KEYS = DATA_COUNT_KEYS.filter(
  (key): key is Exclude<DataCountKey, UnitRecordCountKey> =>
    !(UNIT_RECORD_COUNT_KEYS as readonly string[]).includes(key),
)

export function noDataCounts(): DataCounts {
  const counts = {} as DataCounts
  for (const key of DATA_COUNT_KEYS) counts[key] = 0
  return counts
}

/**
 * Everything one unit-year holds (what 删除单位 removes for that year, or 重新载入示例数据 replaces); its
 * 管理指标填报 when the dataset carries it (the workspace's dataset does not: db/dataLoss reads it).
 */
export function countUnitYear(dataset: UnitYearWithInputs): DataCounts {
  return {
    ...noDataCounts(),
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
    managementInputs: dataset.managementInputs ? 1 : 0,
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
  for (const key of DATA_COUNT_KEYS) sum[key] = a[key] + b[key]
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
  return DATA_COUNT_KEYS.filter((key) => counts[key] > 0).map((key) => {
    const { label, measureWord } = DATA_COUNT_LABELS[key]
    return { key, label, count: counts[key], text: `${label} ${counts[key]} ${measureWord}` }
  })
}

/** One line naming the loss: '项目 2 个、预算行 5 条…', or '（没有其他数据）' when nothing hangs off it. */
export function lossSummary(counts: DataCounts): string {
  const items = lossItems(counts)
  return items.length > 0 ? items.map((i) => i.text).join('、') : '（没有其他数据）'
}

/**
 * What deleting one budget line removes (db/budget `deleteBudgetLine`): the line, its 月度执行数 and
 * its 预算研判 at every node. Alerts about it are not deleted with it; see `alertsAbout`.
 */
export function countBudgetLine(dataset: UnitYearDataset, lineId: Id): DataCounts {
  return {
    ...noDataCounts(),
    budgetLines: dataset.budgetLines.filter((l) => l.id === lineId).length,
    monthlyExecutions: dataset.monthlyExecutions.filter((e) => e.budgetLineId === lineId).length,
    budgetJudgements: dataset.budgetJudgements.filter((j) => j.budgetLineId === lineId).length,
  }
}

/**
 * What deleting one 三级指标 removes (db/targets `deleteIndicator`): the indicator and its 指标填报 at
 * every node. The dataset must hold the indicator's readings at every node (workspace
 * `ensureReadings({ indicatorIds })`). Alerts about it are not deleted with it; see `alertsAbout`.
 */
export function countIndicator(dataset: UnitYearDataset, indicatorId: Id): DataCounts {
  return {
    ...noDataCounts(),
    indicators: dataset.indicators.filter((i) => i.id === indicatorId).length,
    readings: dataset.readings.filter((r) => r.indicatorId === indicatorId).length,
  }
}

/** What deleting an (empty) project removes: db/projects `deleteProject` refuses while lines or a target refer to it. */
export function countProject(dataset: UnitYearDataset, projectId: Id): DataCounts {
  return { ...noDataCounts(), projects: dataset.projects.filter((p) => p.id === projectId).length }
}

export interface AlertsAbout {
  /** 预警 about the subject: stored at any node, or raised now at the shown node (each counted once) */
  alerts: number
  /** stored ones with a review history (批示、指派、关闭) and no 纠偏措施: deleted with their history */
  reviewed: number
  /** stored ones a 纠偏措施 refers to: kept, closed, when their node's alerts are stored again */
  keptForMeasures: number
  /** 纠偏措施 referring to them: never deleted with the subject */
  measures: number
}

/**
 * The 预警 about a budget line or an indicator, for the warning before deleting it. Deleting the
 * subject does not delete them at once: the rules stop raising them, and the next time their node's
 * alerts are stored (db/alerts `replaceNodeAlerts`) each is deleted, or kept closed when a 纠偏措施
 * refers to it. `raisedNow` are the alerts the rules raise at the shown node (not yet stored).
 */
export function alertsAbout(
  dataset: UnitYearDataset,
  subject: { type: Alert['subjectType']; id: Id },
  raisedNow: readonly Alert[] = [],
): AlertsAbout {
  const about = (a: Alert) => a.subjectType === subject.type && a.subjectId === subject.id
  const stored = dataset.alerts.filter(about)
  const key = (a: Alert) => `${a.nodeId}\u0000${a.ruleId}\u0000${a.subjectId}`
  const storedKeys = new Set(stored.map(key))
  const storedIds = new Set(stored.map((a) => a.id))
  const onlyRaised = raisedNow.filter((a) => about(a) && !storedKeys.has(key(a)) && !storedIds.has(a.id))
  const measures = dataset.measures.filter((m) => m.alertId !== undefined && storedIds.has(m.alertId))
  const referenced = new Set(measures.map((m) => m.alertId))
  return {
    alerts: stored.length + onlyRaised.length,
    reviewed: stored.filter((a) => (a.history?.length ?? 0) > 0 && !referenced.has(a.id)).length,
    keptForMeasures: stored.filter((a) => referenced.has(a.id)).length,
    measures: measures.length,
  }
}

/** One sentence on what happens to those alerts, or '' when there are none. */
export function alertsAboutNote(about: AlertsAbout): string {
  if (about.alerts === 0) return ''
  const parts = [`关于它的预警 ${about.alerts} 条将不再出现`]
  if (about.reviewed > 0) parts.push(`其中 ${about.reviewed} 条已有的批示、关闭记录随之删除`)
  if (about.keptForMeasures > 0) {
    parts.push(`已关联纠偏措施的 ${about.keptForMeasures} 条预警保留为已关闭，${about.measures} 条纠偏措施不删除`)
  }
  return `${parts.join('；')}。`
}
