/**
 * What a restore would do to the 定稿 reports stored now (`domain/lock.frozenReportsAtRisk`): read
 * beside the backup's own rows, for the restore preview. Reading only; the restore is `backup.ts`.
 */
import { frozenReportsAtRisk, type FrozenReportAtRisk } from '@/domain/lock'
import type { MonitoringNode, StoredReport } from '@/domain/types'
import type { BackupFile } from './backup'
import { db } from './schema'
import type { DbOptions } from './options'

export async function frozenReportsAtRiskOf(
  backup: BackupFile,
  { database = db }: DbOptions = {},
): Promise<FrozenReportAtRisk[]> {
  const current = await database.transaction('r', [database.units, database.nodes, database.reports], async () => ({
    units: await database.units.toArray(),
    nodes: await database.nodes.toArray(),
    reports: await database.reports.toArray(),
  }))
  // the backup's rows passed checkBackupText's field-by-field check of these tables
  const restored = { nodes: backup.tables.nodes as MonitoringNode[], reports: backup.tables.reports as StoredReport[] }
  return frozenReportsAtRisk(current, restored)
}
