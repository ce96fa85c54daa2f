/**
 * The overview worker's views at rest (`overviewViews`): a reload whose data has not changed since the
 * views were computed shows them at once instead of reading and computing the year again
 * (docs/benchmarks.md (round 4)). A cache, never the truth: a row counts only for the settings and the
 * app build it was computed with, and for the data version (`dataStamp`) it was computed at or a later one
 * whose changes cannot touch it (`viewChanges`); anything else is computed again. Its writes are not
 * audited and do not change the data version.
 */
import type { Id } from '@/domain/types'
import type { DbOptions } from './options'
import { db, type AuditEntry, type OverviewViewRow } from './schema'

/**
 * The data version now: the last audit entry's number and the change counter. Every audited write
 * (entry, import, restore, review) adds an audit entry, and IndexedDB never hands out an entry number
 * twice, not even after the log is cleared by a restore; so equal stamps mean unchanged data.
 */
export async function dataStamp({ database = db }: DbOptions = {}): Promise<string> {
  return database.transaction('r', [database.auditLog, database.meta], async () => {
    const [lastSeq, counter] = await Promise.all([
      database.auditLog.orderBy('seq').lastKey(),
      database.meta.get('changeCounter'),
    ])
    return `${String(lastSeq ?? 0)}:${String(counter?.value ?? 0)}`
  })
}

/** A stamp's two parts, null when it is not one `dataStamp` writes. */
function parseStamp(stamp: string): { seq: number; counter: number } | null {
  const match = /^(\d+):(\d+)$/.exec(stamp)
  return match ? { seq: Number(match[1]), counter: Number(match[2]) } : null
}

/** The key of a node's kept view. */
export function viewKey(unitId: Id, year: number, nodeId: Id): string {
  return `${unitId}|${year}|${nodeId}`
}

/**
 * What a run of audit entries changed, as far as the 概览's views are concerned. A node's view reads the
 * unit-year's budget lines, projects, targets, indicators, nodes and measures (all of them: any change
 * there touches every view), the 执行数 of the months up to its node's, the node's own readings, budget
 * judgements and stored alerts, and the unit's own (整体) indicators' readings at every node (the heatmap
 * and the forecasts; `viewReach` in domain/overview). So a reading saved at 1-6月
 * of a project indicator touches the 1-6月 view alone: at 主管部门 size the other eleven nodes need not be
 * computed again (≈ 0.45 s each, docs/benchmarks.md (round 8)).
 */
export interface ViewChanges {
  /** something every view may read changed (or an entry this does not know): no kept view counts */
  all: boolean
  /** nodes whose own readings, budget judgements or stored alerts changed */
  nodes: Set<Id>
  /** indicators with a reading changed, at any node */
  indicators: Set<Id>
  /** unit-years replaced or removed as a whole, `${unitId}|${year}` */
  unitYears: Set<string>
  /** units whose own row changed */
  units: Set<Id>
  /** the earliest month of a 执行数 changed, null when none was: a node's view reads its months up to its own */
  executionsFrom: number | null
}

/**
 * Tables no view reads: the settings are in a view's settings key, reports, scoring schemes and the
 * management inputs are not shown by the 概览 (its score preview takes them on the page), and the rest
 * is the 主管部门's and the 报送's bookkeeping.
 */
const NOT_READ_BY_VIEWS: ReadonlySet<string> = new Set([
  'settings',
  'reports',
  'scoringSchemes',
  'schemeChoices',
  'managementInputs',
  'sentSubmissions',
  'unitKeys',
  'submissions',
  'reviews',
  'subordinates',
  'departmentReports',
])

/** The tables whose rows belong to one node: a change touches that node's view. */
const NODE_ROWS: ReadonlySet<string> = new Set(['readings', 'budgetJudgements', 'alerts'])

export function viewChanges(entries: readonly Pick<AuditEntry, 'table' | 'key' | 'before' | 'after'>[]): ViewChanges {
  const changes: ViewChanges = {
    all: false,
    nodes: new Set(),
    indicators: new Set(),
    unitYears: new Set(),
    units: new Set(),
    executionsFrom: null,
  }
  for (const entry of entries) {
    if (NOT_READ_BY_VIEWS.has(entry.table)) continue
    if (entry.table === 'monthlyExecutions') {
      const months = [entry.before, entry.after].filter((row) => row !== null && row !== undefined).map(monthOf)
      if (months.length > 0 && months.every((m) => m !== null)) {
        changes.executionsFrom = Math.min(changes.executionsFrom ?? 12, ...(months as number[]))
        continue
      }
    }
    if (entry.table === 'units') {
      changes.units.add(entry.key)
      continue
    }
    if (entry.table === 'datasets' && /^.+\/\d+$/.test(entry.key)) {
      // a whole unit-year written (an import, a 主管部门's copy of a 下属单位): key `${unitId}/${year}`
      const at = entry.key.lastIndexOf('/')
      changes.unitYears.add(`${entry.key.slice(0, at)}|${entry.key.slice(at + 1)}`)
      continue
    }
    if (NODE_ROWS.has(entry.table)) {
      const rows = [entry.before, entry.after].filter((row) => row !== null && row !== undefined)
      const nodeIds = rows.map((row) => stringField(row, 'nodeId'))
      if (rows.length > 0 && nodeIds.every((id) => id !== null)) {
        for (const id of nodeIds) if (id !== null) changes.nodes.add(id)
        if (entry.table === 'readings')
          for (const row of rows) {
            const indicatorId = stringField(row, 'indicatorId')
            // a reading without its indicator: which indicators' heatmap rows it changes is not known
            if (indicatorId === null) changes.all = true
            else changes.indicators.add(indicatorId)
          }
        continue
      }
      if (entry.table === 'alerts' && isAlertsSummary(entry.after)) {
        // db/alerts.replaceNodeAlerts: one summary row for a node's alerts, keyed by the node
        changes.nodes.add(entry.key)
        continue
      }
    }
    changes.all = true
  }
  return changes
}

/** Whether `changes` can change the view kept in `row`. */
export function touchesView(
  changes: ViewChanges,
  row: Pick<OverviewViewRow, 'unitId' | 'year' | 'nodeId' | 'readsIndicators' | 'budgetThrough'>,
): boolean {
  if (changes.all || changes.units.has(row.unitId) || changes.unitYears.has(`${row.unitId}|${row.year}`)) return true
  if (changes.nodes.has(row.nodeId)) return true
  // 执行数 of a later month than the view's node: not read, unless the view reads every month (null)
  // or was kept before it said (undefined)
  if (changes.executionsFrom !== null && (row.budgetThrough == null || changes.executionsFrom <= row.budgetThrough))
    return true
  if (changes.indicators.size === 0) return false
  // a row kept before views said which indicators they read at every node: any reading may touch it
  if (row.readsIndicators === undefined) return true
  return row.readsIndicators.some((id) => changes.indicators.has(id))
}

/**
 * At most this many audit entries are read to carry kept views to a later data version (≈ 2 MB at the
 * size of a reading row): beyond it, the views are computed again. Saving a grid of readings writes one
 * entry a row; an import writes one for the whole unit-year.
 */
export const CARRY_ENTRIES = 5_000

/**
 * The views kept for a unit-year (or only its node `nodeId`) that are valid now: same settings (when
 * `settingsKey` is given) and build,
 * and computed at this data version or an earlier one that the audit entries since then cannot touch
 * (`touchesView`). Entries are trusted only when they are all there: as many since the view's stamp as
 * the change counter grew by (a restore replaces the log and clears the kept views; an import counts
 * more changes than entries and is a whole unit-year anyway).
 */
export async function validViews(
  unitId: Id,
  year: number,
  wanted: Pick<OverviewViewRow, 'stamp' | 'build'> & { settingsKey?: string },
  { database = db, nodeId }: DbOptions & { nodeId?: Id } = {},
): Promise<OverviewViewRow[]> {
  const rows =
    nodeId === undefined
      ? await database.overviewViews.where('[unitId+year]').equals([unitId, year]).toArray()
      : [await database.overviewViews.get(viewKey(unitId, year, nodeId))].filter((row) => row !== undefined)
  // without settingsKey: the views of any settings (domain/relight lights them again under new thresholds)
  const candidates = rows.filter(
    (row) => (wanted.settingsKey === undefined || row.settingsKey === wanted.settingsKey) && row.build === wanted.build,
  )
  const now = parseStamp(wanted.stamp)
  const older = candidates
    .filter((row) => row.stamp !== wanted.stamp)
    .map((row) => ({ row, at: parseStamp(row.stamp) }))
    .filter(
      (c): c is { row: OverviewViewRow; at: { seq: number; counter: number } } =>
        now !== null && c.at !== null && c.at.seq < now.seq && c.at.counter < now.counter,
    )
    .filter(({ at }) => now !== null && now.seq - at.seq <= CARRY_ENTRIES)
  const valid = candidates.filter((row) => row.stamp === wanted.stamp)
  if (older.length === 0 || now === null) return valid
  const from = Math.min(...older.map(({ at }) => at.seq))
  const entries = await database.auditLog.where('seq').between(from, now.seq, false, true).toArray()
  for (const { row, at } of older) {
    const since = entries.filter((entry) => entry.seq > at.seq)
    if (since.length !== now.counter - at.counter) continue
    if (!touchesView(viewChanges(since), row)) valid.push(row)
  }
  return valid
}

/** Keeps a view (replacing the node's earlier one). */
export async function keepView(row: OverviewViewRow, { database = db }: DbOptions = {}): Promise<void> {
  await database.overviewViews.put(row)
}

function stringField(row: unknown, field: string): string | null {
  if (typeof row !== 'object' || row === null) return null
  const value = (row as Record<string, unknown>)[field]
  return typeof value === 'string' ? value : null
}

function monthOf(row: unknown): number | null {
  if (typeof row !== 'object' || row === null) return null
  const month = (row as Record<string, unknown>).month
  return typeof month === 'number' && Number.isInteger(month) && month >= 1 && month <= 12 ? month : null
}

function isAlertsSummary(after: unknown): boolean {
  return typeof after === 'object' && after !== null && typeof (after as Record<string, unknown>).alerts === 'number'
}
