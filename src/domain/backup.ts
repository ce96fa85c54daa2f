/**
 * What a backup holds, as the restore preview shows it: rows per stored table, and the units with
 * their years. Reading and checking the file is db/backup's; this is the plain data both it and the
 * screen use.
 */

/** The Chinese name of each stored table, in the schema's order (db/backup checks they are the schema's tables). */
export const TABLE_LABELS = {
  units: '单位',
  frameworks: '指标框架',
  projects: '项目',
  budgetLines: '预算行',
  monthlyExecutions: '月度执行数',
  targets: '绩效目标',
  indicators: '三级指标',
  nodes: '监控节点',
  readings: '指标填报',
  budgetJudgements: '预算研判',
  alerts: '预警',
  measures: '纠偏措施',
  reports: '监控报告',
  managementInputs: '管理指标填报',
  scoringSchemes: '评分方案',
  schemeChoices: '评分方案选择',
  settings: '设置',
  auditLog: '修改记录',
  meta: '备份记录',
} as const satisfies Record<string, string>

export type TableName = keyof typeof TABLE_LABELS

export interface BackupSummary {
  createdAt: string
  counts: Record<TableName, number>
  /** unit names with the years they hold data for */
  unitYears: { unitName: string; years: number[] }[]
}

export interface RestoreCountRow {
  label: string
  /** rows of the table in the backup */
  backup: number
  /** rows of the table stored now, which the restore replaces */
  current: number
}

/** Rows per table, in the backup and now; the meta table is left out (it only records the last backup). */
export function restoreCounts(summary: BackupSummary, current: BackupSummary | null): RestoreCountRow[] {
  const names = Object.keys(TABLE_LABELS) as TableName[]
  return names
    .filter((name) => name !== 'meta')
    .map((name) => ({
      label: TABLE_LABELS[name],
      backup: summary.counts[name],
      current: current?.counts[name] ?? 0,
    }))
}
