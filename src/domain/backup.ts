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
  sentSubmissions: '报送记录',
  subordinates: '下属单位',
  unitKeys: '下属单位签名密钥',
  submissions: '收到的报送包',
  submissionFiles: '收到的报送包文件',
  reviews: '审核结果',
  departmentReports: '部门汇总报告',
  settings: '设置',
  auditLog: '修改记录',
  meta: '备份记录',
} as const satisfies Record<string, string>

export type TableName = keyof typeof TABLE_LABELS

/** A backup's signature (docs/package-format.md §9): ECDSA P-256 over the checksummed text, with its key. */
export interface BackupSignature {
  algorithm: 'ECDSA-P256-SHA256'
  /** base64 SPKI */
  publicKey: string
  /** base64 of the 64-byte r‖s */
  value: string
}

/**
 * What a restore check proves of who wrote the backup:
 * - ours: a valid signature by a key this browser holds for a unit (`unitName`): unchanged since backed up here;
 * - otherKey: a valid signature by a key this browser does not hold (another PC, or anyone's);
 * - invalid: a signature that does not match the file: changed after it was signed;
 * - none: no signature (format version 1, or a backup made before any unit had a key).
 */
export type BackupSignatureCheck =
  | { kind: 'ours'; fingerprint: string; unitName: string }
  | { kind: 'otherKey'; fingerprint: string }
  | { kind: 'invalid' }
  | { kind: 'none' }

/** The screen's sentence for a check: it promises only what the check proved. */
export function backupSignatureText(check: BackupSignatureCheck): {
  type: 'success' | 'warning' | 'error'
  text: string
} {
  switch (check.kind) {
    case 'ours':
      return {
        type: 'success',
        text: `文件完整，并带有本机本单位（${check.unitName}）的签名：备份生成后未被改动。`,
      }
    case 'otherKey':
      return {
        type: 'warning',
        text: `文件完整，但签名不是本机的密钥（指纹 ${check.fingerprint}）：无法证明文件未被改动。如果备份来自本单位的另一台电脑，请与那台电脑上显示的密钥指纹核对；否则请确认来源。`,
      }
    case 'invalid':
      return {
        type: 'error',
        text: '文件自身的校验码一致，但签名对不上：文件在备份之后被改动过。除非确认改动来源可靠，否则不要用它恢复。',
      }
    case 'none':
      return {
        type: 'warning',
        text: '文件完整，但没有本机的签名：无法证明文件未被改动，请确认来源。',
      }
  }
}

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
