/**
 * The IndexedDB schema of 绩效监控: one Dexie subclass, every version it has ever had, and the app's
 * `db` instance. Nothing else in the app opens IndexedDB.
 *
 * Rows are the domain types themselves (`src/domain/types.ts` is plain data by design: amounts are
 * decimal strings, dates 'yyyy-MM-dd', ids strings). The per-aggregate modules copy values through
 * `toPlain` on the way in and give rows a stable order on the way out; that is the whole mapping.
 * Key-value tables (`settings`, `meta`) and the audit log have their own row types below.
 *
 * Unique compound indexes (`&[…]`) enforce "one row per natural key": one execution per budget line
 * and month, one reading per node and indicator, one judgement per node and budget line.
 *
 * ── Adding a version (a migration) ──────────────────────────────────────────────────────────────
 * A released version's stores and upgrade are never edited again. To change the schema:
 *  1. Write `STORES_V2`: a copy of the latest stores with the change (a new index, a new table, or
 *     `null` to drop a table). Bump `SCHEMA_VERSION` to 2.
 *  2. In `declareVersions`, below the existing lines, add
 *       db.version(2).stores(STORES_V2).upgrade(async (tx) => {
 *         await tx.table('indicators').toCollection().modify((row) => { row.newField ??= 'default' })
 *       })
 *     The upgrade runs once, inside the version-change transaction, on databases older than 2; it
 *     uses `tx.table(name)` (not `db.name`), and must not call anything outside Dexie.
 *  3. Update the row types here and the modules that read them.
 *  4. Add a fixture to `test/db/migrations.test.ts`: open a database with the previous stores, write
 *     rows in the old shape, reopen with `createDb`, and assert the new shape (see test/db/README.md).
 */
import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie'
import type { LightPack } from '@/domain/relight'
import type {
  Alert,
  BudgetLine,
  BudgetLineJudgement,
  CorrectiveMeasure,
  Id,
  Indicator,
  IndicatorFramework,
  IndicatorReading,
  IsoDateTime,
  ManagementInputs,
  MonitoringNode,
  MonthlyExecution,
  PerformanceTarget,
  Project,
  SettingsRow,
  StoredReport,
  Unit,
} from '@/domain/types'
import type { ScoringSchemeDefinition } from '@/domain/scoring'
import type { SchemeChoice } from '@/domain/managementInputsCheck'
import type {
  RegisteredUnitKey,
  SentSubmission,
  StoredDepartmentReport,
  SubmissionFile,
  StoredReview,
  StoredSubmission,
  SubordinateRow,
} from '@/domain/department'

export const DEFAULT_DB_NAME = 'jixiao-jiankong'

/** One audited change. `before`/`after` are plain copies of the row (null when absent) or a summary. */
export interface AuditEntry {
  seq: number
  time: IsoDateTime
  table: string
  key: string
  before: unknown
  after: unknown
}

/** Bookkeeping values, keyed by name. */
export type MetaRow =
  /** number of audited row changes ever made; grows with every write */
  | { key: 'changeCounter'; value: number }
  /** changeCounter at the last backup, so "changes since backup" is a subtraction */
  | { key: 'changeCounterAtBackup'; value: number }
  | { key: 'lastBackupAt'; value: IsoDateTime }

export type MetaKey = MetaRow['key']

/** Version 1, the first released schema. Never edit; add STORES_V2 instead (see header). */
export const STORES_V1 = {
  units: 'id, name, parentUnitId',
  frameworks: 'year',
  projects: 'id, [unitId+year]',
  budgetLines: 'id, [unitId+year], projectId',
  monthlyExecutions: 'id, &[budgetLineId+month], budgetLineId, year',
  targets: 'id, [unitId+year], projectId',
  indicators: 'id, targetId',
  nodes: 'id, [unitId+year]',
  readings: 'id, &[nodeId+indicatorId], nodeId, indicatorId',
  budgetJudgements: 'id, &[nodeId+budgetLineId], nodeId, budgetLineId',
  alerts: 'id, nodeId, [nodeId+ruleId+subjectId]',
  measures: 'id, unitId, nodeId, alertId',
  reports: 'nodeId',
  settings: 'key',
  auditLog: '++seq, time, table',
  meta: 'key',
} as const satisfies Record<string, string>

/** Version 2: the same stores; budget lines gain `adjustmentMonth` (docs/domain-rules.md §4.2). */
export const STORES_V2 = STORES_V1

/**
 * Version 3: scoring schemes the user imported (`scoringSchemes`, built-in ones are code), one
 * 管理指标填报 per unit-year (`managementInputs`) and the scheme a unit-year scores by (`schemeChoices`;
 * docs/domain-rules.md §11, docs/reliability.md §9). New tables only: no upgrade.
 */
export const STORES_V3 = {
  ...STORES_V2,
  scoringSchemes: 'id',
  managementInputs: 'id, &[unitId+year]',
  schemeChoices: 'id, &[unitId+year], schemeId',
} as const satisfies Record<string, string>

/**
 * Version 4: 主管部门 汇总 (docs/domain-rules.md §17, docs/package-format.md). The unit's signing key
 * (`signingKeys`, a non-extractable CryptoKey, never in a backup) and the 报送 it made (`sentSubmissions`);
 * the 主管部门's 下属单位 list (`subordinates`), their registered keys (`unitKeys`), the packages received
 * (`submissions`, kept verbatim) and the 审核 states (`reviews`). And the overview worker's views
 * (`overviewViews`, a cache: never backed up, valid only for the data version it was computed at; see
 * db/viewCache.ts). New tables only: no upgrade.
 */
export const STORES_V4 = {
  ...STORES_V3,
  signingKeys: 'unitId',
  sentSubmissions: 'id, nodeId, unitId',
  subordinates: 'id, departmentUnitId, unitId',
  unitKeys: 'unitId',
  submissions: 'id, departmentUnitId, [unitId+asOfDate], unitId, packageSha256',
  reviews: 'id, departmentUnitId, [unitId+asOfDate]',
  overviewViews: 'key, [unitId+year]',
} as const satisfies Record<string, string>

/**
 * Version 5: the 主管部门's 部门汇总报告 (`departmentReports`, one row per 主管部门 and monitoring date:
 * the user's edits and, once 定稿, the frozen model; docs/domain-rules.md §17.6), and the received
 * packages' files apart from their rows (`submissionFiles`, keyed by the submission's id): the 汇总
 * views read every `submissions` row, and with the file in the row IndexedDB read and deserialised every
 * file for them (docs/benchmarks.md (round 5)). The upgrade moves each version-4 row's `bytes` there.
 */
export const STORES_V5 = {
  ...STORES_V4,
  departmentReports: 'id, departmentUnitId',
  submissionFiles: 'id',
} as const satisfies Record<string, string>

/**
 * Version 6: indexes that repeat the first part of a unique compound index go, and one never queried.
 * Monthly executions lose `budgetLineId` (the first part of `[budgetLineId+month]`) and `year`; readings
 * and budget judgements lose `nodeId` (the first part of `[nodeId+indicatorId]`, `[nodeId+budgetLineId]`).
 * A compound index serves a lookup by its first part as well (`startingWith`, db/unitScope.ts); each
 * dropped index was one more entry, with the row's key, for every row an import, a copy-forward or an
 * entry writes: an import of 10,000 lines × 6 months wrote ≈ 18 % faster without the two
 * (docs/benchmarks.md, import). Dexie drops the indexes on upgrade; no row changes.
 */
export const STORES_V6 = {
  ...STORES_V5,
  monthlyExecutions: 'id, &[budgetLineId+month]',
  readings: 'id, &[nodeId+indicatorId], indicatorId',
  budgetJudgements: 'id, &[nodeId+budgetLineId], budgetLineId',
} as const satisfies Record<string, string>

export const SCHEMA_VERSION = 6

/** Every version in order; Dexie upgrades an old database step by step. */
function declareVersions(db: Dexie): void {
  db.version(1).stores(STORES_V1)
  // Adjustments stored before they were dated took effect from January: say so on the row, so every
  // line with a 追加 or 追减 carries its month from now on (absent still reads as January).
  db.version(2)
    .stores(STORES_V2)
    .upgrade(async (tx) => {
      await tx
        .table('budgetLines')
        .toCollection()
        .modify((line: { additions?: string; reductions?: string; adjustmentMonth?: number }) => {
          const adjusted = Number(line.additions ?? 0) !== 0 || Number(line.reductions ?? 0) !== 0
          if (adjusted && line.adjustmentMonth === undefined) line.adjustmentMonth = 1
        })
    })
  db.version(3).stores(STORES_V3)
  db.version(4).stores(STORES_V4)
  // A received package's file leaves its row for `submissionFiles` (same id), a few rows at a time so a
  // 主管部门 holding gigabytes of packages is never read whole into memory.
  db.version(5)
    .stores(STORES_V5)
    .upgrade(async (tx) => {
      const submissions = tx.table('submissions')
      const files = tx.table('submissionFiles')
      const ids = (await submissions.toCollection().primaryKeys()) as string[]
      for (let i = 0; i < ids.length; i += 20) {
        const rows = (await submissions.bulkGet(ids.slice(i, i + 20))) as (
          { id: string; bytes?: unknown } | undefined
        )[]
        const moved = rows.filter((row) => row !== undefined && row.bytes !== undefined) as {
          id: string
          bytes?: unknown
        }[]
        if (moved.length === 0) continue
        await files.bulkPut(moved.map((row) => ({ id: row.id, bytes: row.bytes })))
        await submissions.bulkPut(moved.map(({ bytes: _file, ...row }) => row))
      }
    })
  db.version(6).stores(STORES_V6)
}

/**
 * A 概览 view the overview worker computed (src/worker), kept so that a reload with unchanged data shows
 * it at once (docs/benchmarks.md (round 4)). Valid only while `stamp`, `settingsKey` and `build` match.
 */
export interface OverviewViewRow {
  /** `${unitId}|${year}|${nodeId}`: one row per node, the latest computed */
  key: string
  unitId: Id
  year: number
  nodeId: Id
  /** the data version it was computed at (db/viewCache `dataStamp`) */
  stamp: string
  settingsKey: string
  /** the app build that computed it */
  build: string
  /** domain/wire's form of an OverviewView */
  view: unknown
  /**
   * The indicators whose readings the view reads at every node (the unit's own: the heatmap and the
   * forecasts), so a reading saved at another node of one of them touches it (db/viewCache `touchesView`).
   * Absent on rows kept before it was recorded: any reading saved since touches those.
   */
  readsIndicators?: Id[]
  /**
   * The last month of 执行数 the view reads (its node's), null when it reads every month (a unit
   * indicator linked to budget lines, domain/overview `viewReach`). Absent on rows kept before it was
   * recorded: any 执行数 saved since touches those.
   */
  budgetThrough?: number | null
  /** what the view keeps to be lit again under other light thresholds (domain/relight); absent on older rows */
  pack?: LightPack
}

/** The unit's own signing key (db/signing.ts): the private key cannot leave this browser. */
export interface SigningKeyRow {
  unitId: Id
  /** the private key is not extractable: IndexedDB keeps the CryptoKey itself */
  keyPair: CryptoKeyPair
  /** SPKI, base64 */
  publicKey: string
  fingerprint: string
  createdAt: IsoDateTime
}

/**
 * Tables keyed by a caller-supplied id are `Table<T, Id>` (the id is required on insert); only the
 * audit log, whose `seq` IndexedDB assigns, is an `EntityTable` with an optional key on insert.
 */
export class MonitoringDb extends Dexie {
  units!: Table<Unit, Id>
  frameworks!: Table<IndicatorFramework, number>
  projects!: Table<Project, Id>
  budgetLines!: Table<BudgetLine, Id>
  monthlyExecutions!: Table<MonthlyExecution, Id>
  targets!: Table<PerformanceTarget, Id>
  indicators!: Table<Indicator, Id>
  nodes!: Table<MonitoringNode, Id>
  readings!: Table<IndicatorReading, Id>
  budgetJudgements!: Table<BudgetLineJudgement, Id>
  alerts!: Table<Alert, Id>
  measures!: Table<CorrectiveMeasure, Id>
  reports!: Table<StoredReport, Id>
  scoringSchemes!: Table<ScoringSchemeDefinition, string>
  managementInputs!: Table<ManagementInputs, Id>
  schemeChoices!: Table<SchemeChoice, Id>
  settings!: Table<SettingsRow, SettingsRow['key']>
  auditLog!: EntityTable<AuditEntry, 'seq'>
  meta!: Table<MetaRow, MetaKey>
  signingKeys!: Table<SigningKeyRow, Id>
  sentSubmissions!: Table<SentSubmission, Id>
  subordinates!: Table<SubordinateRow, Id>
  unitKeys!: Table<RegisteredUnitKey, Id>
  submissions!: Table<StoredSubmission, Id>
  /** the file of each `submissions` row, by the same id (version 5) */
  submissionFiles!: Table<SubmissionFile, Id>
  reviews!: Table<StoredReview, Id>
  overviewViews!: Table<OverviewViewRow, string>
  departmentReports!: Table<StoredDepartmentReport, Id>

  /** The clock for audit timestamps; tests replace it to get fixed times. */
  now: () => Date = () => new Date()

  constructor(name: string, options?: DexieOptions) {
    super(name, options)
    declareVersions(this)
  }
}

/** Opens (lazily, on first query) the database `name`; tests pass a fresh name per test. */
export function createDb(name: string = DEFAULT_DB_NAME, options?: DexieOptions): MonitoringDb {
  return new MonitoringDb(name, options)
}

/** The app's database. Every db/* function takes `{ database }` in its last, optional argument to use another one. */
export const db: MonitoringDb = createDb()
