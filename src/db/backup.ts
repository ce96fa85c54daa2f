/**
 * 备份与恢复: the whole database as one versioned JSON file with a SHA-256 checksum over every table,
 * signed by the unit's key (docs/package-format.md §9).
 *
 * File shape (format version 2):
 *   { format: 'jixiao-jiankong-backup', formatVersion: 2, schemaVersion, createdAt, counts,
 *     tables: { units: [...], …, auditLog: [...], meta: [...] }, checksum: { algorithm: 'SHA-256', value },
 *     signature?: { algorithm: 'ECDSA-P256-SHA256', publicKey, value } }
 * The checksum is over the canonical JSON (keys sorted) of everything but `checksum` and `signature`,
 * so any accidental edit, truncation or bit flip is caught. A checksum proves only that the file agrees
 * with itself (whoever edits the figures can recompute it); the signature, over the UTF-8 bytes of the
 * same canonical JSON (`backupSignedBytes`), proves who wrote it. Signing and verifying need the key
 * (io/package, stores/dataTransfer): this module only carries the signature and checks its form.
 * Format version 1 (no signature) still restores. The 报送 tables of schema version 4 and the 部门汇总报告
 * of version 5 are backed up (a received 报送包's bytes as base64: in `submissionFiles` since schema
 * version 5, in its `submissions` row before, moved on restore); the signing key is not (it cannot
 * leave the browser).
 * A backup file is untrusted input: before any use it is size- and
 * depth-limited, refused if it carries `__proto__` / `constructor` / `prototype` keys, and every row
 * of every table is checked field by field; all problems come back as Chinese messages.
 *
 * Restore replaces the whole database in ONE read-write transaction (clear every table, then add
 * every row): if anything fails — a duplicate key, a full disk — IndexedDB rolls back and the data
 * is exactly as before. Restored tables are bit-for-bit the backed-up tables.
 *
 * Names are not normalised on restore (`domain/names.ts`), nor are look-alikes refused: a restore must
 * give back exactly what was backed up, and a backup written before names were normalised must stay
 * restorable. Look-alike names it brings back are harmless from then on: the import matches stored
 * names normalised, no write can add another look-alike, and each row's name is normalised when it is
 * next saved.
 */
import { canonicalJson } from '@/domain/canonicalJson'
import { TABLE_LABELS, type BackupSignature, type BackupSummary, type TableName } from '@/domain/backup'
import { unitNodeFiguresProblems, type UnitNodeFigures } from '@/domain/department'
import { schemeProblems, type ScoringSchemeDefinition } from '@/domain/scoring'
import { managementInputsProblems } from '@/domain/managementInputsCheck'
import type { ManagementInputs } from '@/domain/types'
import { SCHEMA_VERSION, STORES_V6, db } from './schema'
import type { DbOptions } from './options'
import { runWrite } from './write'
import type { WriteResult } from './result'
import { ok, refused, type Result } from '@/domain/result'

export const BACKUP_FORMAT = 'jixiao-jiankong-backup'
/** 2: the signature (docs/package-format.md §9); version 1 files have none and still restore */
export const BACKUP_FORMAT_VERSION = 2
/**
 * Backup files larger than this (UTF-8 bytes) are refused before being parsed. Why 200 MB: a 主管部门
 * year (240,240 readings, 20,020 indicators, their alerts) must still restore (the size estimate is in
 * docs/reliability.md §5); anything much larger cannot be
 * ours, and JSON.parse of it would take the tab's memory. Files below the limit that are not ours
 * (e.g. 100 MB of junk) are refused by the checks below, before any write.
 */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024
const MAX_DEPTH = 64
const MAX_ROWS = 2_000_000

/**
 * The unit's signing key stays out: its private key cannot be exported, and a backup must not carry it.
 * So do the overview worker's kept views: a cache, valid only for the data it was computed from.
 */
const { signingKeys: _notBackedUp, overviewViews: _cache, ...BACKED_UP_STORES } = STORES_V6

/**
 * Every table of the schema but the signing keys, in order. The domain names the same tables
 * (`TableName`, with their labels): the `satisfies` and the typed assignment fail to compile if the two
 * lists differ.
 */
export const TABLE_NAMES: TableName[] = Object.keys(
  BACKED_UP_STORES satisfies Record<TableName, string>,
) as (keyof typeof BACKED_UP_STORES)[]

/**
 * The schema version that added a table: a backup written before it has no such table, and restores
 * it empty (its file had nothing to put there).
 */
const TABLE_SINCE: Partial<Record<TableName, number>> = {
  scoringSchemes: 3,
  managementInputs: 3,
  schemeChoices: 3,
  sentSubmissions: 4,
  subordinates: 4,
  unitKeys: 4,
  submissions: 4,
  reviews: 4,
  departmentReports: 5,
  submissionFiles: 5,
}

/**
 * Tables whose rows hold bytes, by field: the file carries them as base64 (JSON has no bytes). Up to
 * schema version 4 a received package's file was the `bytes` of its `submissions` row; a restore moves
 * it to `submissionFiles` (restoredTables).
 */
const BYTE_FIELDS: Partial<Record<TableName, string>> = { submissionFiles: 'bytes' }

/** The schema version that took the received package's file out of its `submissions` row. */
const FILES_APART_SINCE = 5

export interface BackupFile {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  schemaVersion: number
  createdAt: string
  counts: Record<TableName, number>
  tables: Record<TableName, unknown[]>
  checksum: { algorithm: 'SHA-256'; value: string }
  /** absent in format version 1, and when no unit's key signed it */
  signature?: BackupSignature
}

/** Signs the bytes a backup's signature covers (stores/dataTransfer passes the unit's key). */
export type BackupSigner = (bytes: Uint8Array) => Promise<BackupSignature>

export { canonicalJson }

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The tables checkBackupText added, empty, to an older backup for the restore: not in the text its
 * checksum and signature cover. A symbol, so no file can claim it (JSON has no symbols), and still
 * read through a Vue proxy of the backup.
 */
const ADDED_ON_CHECK = Symbol('tables added on check')
type WithAdded = { [ADDED_ON_CHECK]?: readonly string[] }

function checksumInput(b: Omit<BackupFile, 'checksum' | 'signature'>): string {
  // an older backup is checked as it was written, without the tables added since
  const added = new Set((b as WithAdded)[ADDED_ON_CHECK] ?? [])
  const written = <T>(record: Record<string, T>): Record<string, T> =>
    added.size === 0 ? record : Object.fromEntries(Object.entries(record).filter(([name]) => !added.has(name)))
  return canonicalJson({
    format: b.format,
    formatVersion: b.formatVersion,
    schemaVersion: b.schemaVersion,
    createdAt: b.createdAt,
    counts: written(b.counts),
    tables: written(b.tables),
  })
}

/**
 * What the signature covers: the UTF-8 bytes of the canonical JSON the checksum is computed over
 * (everything but `checksum` and `signature`), so verifying needs no second serialisation.
 */
export function backupSignedBytes(backup: Omit<BackupFile, 'checksum' | 'signature'>): Uint8Array {
  return new TextEncoder().encode(checksumInput(backup))
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** A row as the file carries it (bytes as base64) and back. */
function rowToFile(name: TableName, row: unknown): unknown {
  const field = BYTE_FIELDS[name]
  if (!field || !isRecord(row) || !(row[field] instanceof Uint8Array)) return row
  return { ...row, [field]: bytesToBase64(row[field]) }
}

function rowFromFile(name: TableName, row: unknown): unknown {
  const field = BYTE_FIELDS[name]
  if (!field || !isRecord(row) || typeof row[field] !== 'string') return row
  return { ...row, [field]: base64ToBytes(row[field]) }
}

/**
 * Reads every table in one read transaction and returns the backup file's text, signed by `sign`
 * when given (the unit's key; without one the file carries no signature).
 */
export async function createBackup({
  now = new Date(),
  database = db,
  sign,
}: DbOptions & { now?: Date; sign?: BackupSigner } = {}): Promise<{
  text: string
  backup: BackupFile
}> {
  const tables = TABLE_NAMES.map((name) => database.table(name))
  const data = await database.transaction('r', tables, async () => {
    const out = {} as Record<TableName, unknown[]>
    for (const name of TABLE_NAMES) out[name] = (await database.table(name).toArray()).map((r) => rowToFile(name, r))
    return out
  })
  const counts = {} as Record<TableName, number>
  for (const name of TABLE_NAMES) counts[name] = data[name].length
  const body = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    createdAt: now.toISOString(),
    counts,
    tables: data,
  } as const
  const backup: BackupFile = {
    ...body,
    checksum: { algorithm: 'SHA-256', value: await sha256Hex(checksumInput(body)) },
    ...(sign ? { signature: await sign(backupSignedBytes(body)) } : {}),
  }
  return { text: JSON.stringify(backup), backup }
}

/** '绩效监控备份-20211231-0930.json' (local time of `now`). */
export function backupFileName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `绩效监控备份-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.json`
}

// ── Validation of an untrusted file ─────────────────────────────────────────

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

type Kind =
  | 's'
  | 'n'
  | 'int'
  | 'year'
  | 'month'
  | 'bool'
  | 'arr'
  | 'obj'
  | 'objOrArr'
  | 'dec'
  | 'b64'
  | 'sha'
  | 'sOrNull'
  | 'objOrNull'
  | 'any'
  | readonly string[]
type RowSpec = { required: Record<string, Kind>; optional?: Record<string, Kind> }

const DEC = /^-?\d+(\.\d+)?$/
const id = 's' as const
const ROW_SPECS: Record<TableName, RowSpec> = {
  units: {
    required: { id, name: 's', departments: 'arr', monitoringGroup: 'arr', financeOfficer: 's' },
    optional: {
      parentUnitId: 's',
      carryOverInExecutionBase: 'bool',
      allocatedMode: ['typed', 'equalsSpent', 'fullBudget'],
    },
  },
  frameworks: { required: { year: 'year', level1: 'arr' } },
  projects: { required: { id, unitId: id, year: 'year', name: 's', department: 's' } },
  budgetLines: {
    required: {
      id,
      unitId: id,
      year: 'year',
      category: ['basic', 'project'],
      name: 's',
      fundSource: 's',
      initialBudget: 'dec',
      additions: 'dec',
      reductions: 'dec',
      carryOver: 'dec',
      sortOrder: 'n',
    },
    optional: { subCategory: ['personnel', 'public'], projectId: 's', adjustmentMonth: 'month' },
  },
  monthlyExecutions: {
    required: { id, budgetLineId: id, year: 'year', month: 'month', allocated: 'dec', spent: 'dec' },
  },
  targets: {
    required: { id, unitId: id, year: 'year', scope: ['unit', 'project'], description: 's' },
    optional: { projectId: 's' },
  },
  indicators: {
    required: {
      id,
      targetId: id,
      level1: 's',
      level2: 's',
      name: 's',
      operator: ['≥', '>', '=', '≤', '<', '定性'],
      targetValue: 's',
      measureUnit: 's',
      accrual: ['cumulative', 'level', 'dueLater'],
      sortOrder: 'n',
    },
    optional: { targetLabel: 's', weight: 'dec', dueDate: 's', monthlyPlan: 'arr', budgetLineIds: 'arr' },
  },
  nodes: {
    required: { id, unitId: id, year: 'year', asOfDate: 's', label: 's', status: ['draft', 'locked'] },
    optional: { frozenSettings: 'obj' },
  },
  readings: {
    required: { id, nodeId: id, indicatorId: id, deviationCauses: 'arr', deviationText: 's' },
    optional: {
      actualValue: 'dec',
      actualLabel: 's',
      qualitativeGrade: ['达成', '部分达成', '未达成'],
      qualitativePercent: 'dec',
      yearEndForecast: 's',
      likelihood: 's',
      carriedFrom: 's',
    },
  },
  budgetJudgements: {
    required: { id, nodeId: id, budgetLineId: id, deviationCauses: 'arr', deviationText: 's' },
    optional: { yearEndForecast: 'dec', likelihood: 's', carriedFrom: 's' },
  },
  alerts: {
    required: {
      id,
      nodeId: id,
      ruleId: 's',
      light: ['red', 'yellow', 'green', 'blue', 'grey'],
      subjectType: 's',
      subjectId: 's',
      thresholds: 'obj',
      inputs: 'obj',
      message: 's',
      status: ['open', 'closed'],
    },
    optional: { closedReason: 's', history: 'arr' },
  },
  measures: {
    required: {
      id,
      unitId: id,
      nodeId: id,
      kind: ['taken', 'planned'],
      content: 's',
      effect: 's',
      department: 's',
      status: 's',
    },
    optional: { alertId: 's', deadline: 's' },
  },
  reports: { required: { nodeId: id, edits: 'obj', unlocks: 'arr', updatedAt: 's' }, optional: { frozen: 'obj' } },
  // monitoring settings are an object, the 纠偏措施 template library a list
  settings: { required: { key: 's', value: 'objOrArr' } },
  auditLog: { required: { seq: 'int', time: 's', table: 's', key: 's' }, optional: { before: 'any', after: 'any' } },
  meta: { required: { key: 's', value: 'any' } },
  // the rows' content is checked below (ROW_CHECKS) with the domain's own checks
  scoringSchemes: { required: { id, name: 's', items: 'arr', grades: 'arr', rounding: 'obj' } },
  managementInputs: {
    required: { id, unitId: id, year: 'year', amounts: 'obj', entries: 'obj' },
    optional: { remarks: 'obj' },
  },
  schemeChoices: { required: { id, unitId: id, year: 'year', schemeId: 's' } },
  // 报送 (schema version 4): the unit's side, then the 主管部门's
  sentSubmissions: {
    required: { id, unitId: id, nodeId: id, createdAt: 's', packageSha256: 'sha', receipt: 'objOrNull' },
  },
  subordinates: { required: { id, departmentUnitId: id, name: 's', unitId: 'sOrNull', sortOrder: 'n' } },
  unitKeys: {
    required: { unitId: id, unitName: 's', publicKey: 's', fingerprint: 's', registeredAt: 's', registeredBy: 's' },
  },
  submissions: {
    required: {
      id,
      departmentUnitId: id,
      unitId: id,
      unitName: 's',
      year: 'year',
      nodeId: id,
      nodeLabel: 's',
      asOfDate: 's',
      createdAt: 's',
      packageSha256: 'sha',
      receivedAt: 's',
      fingerprint: 's',
      figures: 'obj',
    },
  },
  // the received package's file (schema version 5; before, `bytes` of its `submissions` row: specFor)
  submissionFiles: { required: { id, bytes: 'b64' } },
  reviews: {
    required: { id, departmentUnitId: id, unitId: id, asOfDate: 's', record: 'obj', history: 'arr' },
  },
  // the 部门汇总报告 (schema version 5)
  departmentReports: {
    required: { id, departmentUnitId: id, asOfDate: 's', edits: 'obj', unlocks: 'arr', updatedAt: 's' },
    optional: { frozen: 'obj' },
  },
}

/**
 * What the domain finds wrong with a row whose fields have the right types: a scoring scheme with an
 * error (`schemeProblems`: it would never have been stored), 管理指标填报 that would be refused on save.
 * A check that throws on a malformed value counts as one problem.
 */
const ROW_CHECKS: Partial<Record<TableName, (row: Record<string, unknown>) => string[]>> = {
  scoringSchemes: (row) =>
    schemeProblems(row as unknown as ScoringSchemeDefinition)
      .filter((p) => p.severity === 'error')
      .map((p) => p.message),
  managementInputs: (row) => managementInputsProblems(row as unknown as ManagementInputs).map((i) => i.message),
  // a received 报送's summary is summed by the 主管部门 views: the import's own check
  submissions: (row) => unitNodeFiguresProblems(row.figures as UnitNodeFigures).map((i) => i.message),
}

/** The fields a row of `name` has in a backup of `schemaVersion`. */
function specFor(name: TableName, schemaVersion: number): RowSpec {
  const spec = ROW_SPECS[name]
  if (name !== 'submissions' || schemaVersion >= FILES_APART_SINCE) return spec
  return { ...spec, required: { ...spec.required, bytes: 'b64' } }
}

function rowCheckMessages(name: TableName, row: Record<string, unknown>): string[] {
  const check = ROW_CHECKS[name]
  if (!check) return []
  try {
    return check(row)
  } catch {
    return ['内容无效']
  }
}

function kindOk(value: unknown, kind: Kind): boolean {
  if (Array.isArray(kind)) return typeof value === 'string' && kind.includes(value)
  switch (kind) {
    case 's':
      return typeof value === 'string'
    case 'n':
      return typeof value === 'number' && Number.isFinite(value)
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value)
    case 'year':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2200
    case 'month':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 12
    case 'bool':
      return typeof value === 'boolean'
    case 'arr':
      return Array.isArray(value)
    case 'obj':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'objOrArr':
      return typeof value === 'object' && value !== null
    case 'dec':
      return typeof value === 'string' && DEC.test(value) && value.length <= 40
    case 'b64':
      return typeof value === 'string' && value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value)
    case 'sha':
      return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
    case 'sOrNull':
      return value === null || typeof value === 'string'
    case 'objOrNull':
      return value === null || (typeof value === 'object' && !Array.isArray(value))
    default:
      return true
  }
}

const KIND_LABEL: Record<string, string> = {
  s: '文字',
  n: '数字',
  int: '整数',
  year: '年度（1900–2200）',
  month: '月份（1–12）',
  bool: '是或否',
  arr: '列表',
  obj: '对象',
  objOrArr: '对象或列表',
  dec: '数值文字',
  b64: '文件内容（base64）',
  sha: '校验值（64位十六进制）',
  sOrNull: '文字或空',
  objOrNull: '对象或空',
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Depth and forbidden keys of parsed JSON, without recursion (a deep file cannot overflow the stack). */
function structureProblem(root: unknown): string | null {
  const stack: [unknown, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number]
    if (typeof value !== 'object' || value === null) continue
    if (depth > MAX_DEPTH) return `备份文件的嵌套层次过深（超过 ${MAX_DEPTH} 层），不是本程序生成的备份`
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1])
      continue
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `备份文件含有不允许的字段名“${key}”，可能被篡改，已拒绝`
      stack.push([(value as Record<string, unknown>)[key], depth + 1])
    }
  }
  return null
}

/**
 * Whether `text` is longer than `limit` bytes as UTF-8 (the size of the file on disk). `text.length`
 * counts UTF-16 units, so 70 M Chinese characters (210 MB on disk) would pass a length check; the
 * exact count is only walked for texts that could be over the limit, and stops once past it.
 */
function utf8ByteLengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true
  if (text.length * 3 <= limit) return false
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i++
    } // a surrogate pair is one 4-byte character
    else bytes += 3
    if (bytes > limit) return true
  }
  return false
}

/** Parses and checks a backup file's text: structure, version, every row, then the checksum. */
export async function checkBackupText(text: string): Promise<Result<BackupFile>> {
  const fail = (...messages: string[]) => refused(messages)
  if (text.length === 0) return fail('备份文件是空的')
  if (utf8ByteLengthExceeds(text, MAX_BACKUP_BYTES))
    return fail(`备份文件过大（超过 ${MAX_BACKUP_BYTES / 1024 / 1024} MB），不是本程序生成的备份`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return fail('备份文件不完整或已损坏（无法按 JSON 读取），可能下载未完成或被编辑过')
  }
  const structure = structureProblem(parsed)
  if (structure) return fail(structure)
  if (!isRecord(parsed) || parsed.format !== BACKUP_FORMAT) return fail('这不是本程序的备份文件（缺少备份标识）')
  if (typeof parsed.formatVersion !== 'number' || typeof parsed.schemaVersion !== 'number')
    return fail('备份文件缺少版本号')
  if (parsed.formatVersion > BACKUP_FORMAT_VERSION || parsed.schemaVersion > SCHEMA_VERSION) {
    return fail(
      `该备份由更新版本的本程序生成（备份格式 ${parsed.formatVersion}，数据版本 ${parsed.schemaVersion}），请先升级本程序再恢复`,
    )
  }
  if (
    parsed.formatVersion < 1 ||
    parsed.schemaVersion < 1 ||
    !Number.isInteger(parsed.formatVersion) ||
    !Number.isInteger(parsed.schemaVersion)
  ) {
    return fail('备份文件的版本号无效')
  }
  if (typeof parsed.createdAt !== 'string' || Number.isNaN(Date.parse(parsed.createdAt)))
    return fail('备份文件缺少有效的备份时间')
  const checksum = parsed.checksum
  if (
    !isRecord(checksum) ||
    checksum.algorithm !== 'SHA-256' ||
    typeof checksum.value !== 'string' ||
    !/^[0-9a-f]{64}$/.test(checksum.value)
  ) {
    return fail('备份文件缺少校验码')
  }
  const signature = parsed.signature
  if (signature !== undefined && (parsed.formatVersion < 2 || !signatureShapeOk(signature)))
    return fail('备份文件的签名格式不对，不是本程序生成的备份')
  const tables = parsed.tables
  const counts = parsed.counts
  if (!isRecord(tables) || !isRecord(counts)) return fail('备份文件缺少数据表')
  const messages: string[] = []
  for (const name of Object.keys(tables)) {
    if (!(name in ROW_SPECS)) messages.push(`备份文件含有未知的数据表“${name.slice(0, 40)}”`)
  }
  let total = 0
  const absent: TableName[] = []
  for (const name of TABLE_NAMES) {
    const rows = tables[name]
    const label = TABLE_LABELS[name]
    if (rows === undefined && parsed.schemaVersion < (TABLE_SINCE[name] ?? 1)) {
      absent.push(name)
      continue
    }
    if (!Array.isArray(rows)) {
      messages.push(`备份文件缺少数据表「${label}」`)
      continue
    }
    total += rows.length
    if (counts[name] !== rows.length) messages.push(`数据表「${label}」的行数与记录的行数不符，文件可能不完整`)
    const spec = specFor(name, parsed.schemaVersion)
    for (let i = 0; i < rows.length && messages.length < 20; i++) {
      const row: unknown = rows[i]
      if (!isRecord(row)) {
        messages.push(`数据表「${label}」第${i + 1}行不是一条记录`)
        continue
      }
      for (const [field, kind] of Object.entries(spec.required)) {
        if (!kindOk(row[field], kind)) {
          messages.push(
            `数据表「${label}」第${i + 1}行的“${field}”${row[field] === undefined ? '缺失' : `应为${Array.isArray(kind) ? `以下之一：${kind.join('、')}` : KIND_LABEL[kind as string]}`}`,
          )
        }
      }
      for (const [field, kind] of Object.entries(spec.optional ?? {})) {
        if (row[field] !== undefined && !kindOk(row[field], kind))
          messages.push(`数据表「${label}」第${i + 1}行的“${field}”类型不对`)
      }
      for (const field of Object.keys(row)) {
        if (!(field in spec.required) && !(field in (spec.optional ?? {})))
          messages.push(`数据表「${label}」第${i + 1}行含有未知字段“${field.slice(0, 40)}”`)
      }
      if (Object.entries(spec.required).every(([field, kind]) => kindOk(row[field], kind))) {
        for (const problem of rowCheckMessages(name, row).slice(0, 3))
          messages.push(`数据表「${label}」第${i + 1}行：${problem}`)
      }
    }
    if (messages.length >= 20) break
  }
  if (total > MAX_ROWS) messages.push('备份文件的数据行数过多，不是本程序生成的备份')
  if (messages.length > 0) return fail(...messages.slice(0, 20))
  const body = parsed as unknown as BackupFile
  const expected = await sha256Hex(checksumInput(body))
  if (expected !== checksum.value) return fail('备份文件校验失败：内容与校验码不符，文件已被修改或损坏，不能用于恢复')
  // decoding cannot fail on a 'b64' field; the bytes are kept as the file has them until the restore
  if (absent.length === 0) return ok(body)
  // an older backup: the tables added since restore empty
  const added = Object.fromEntries(absent.map((name) => [name, []]))
  const zero = Object.fromEntries(absent.map((name) => [name, 0]))
  const completed: BackupFile = { ...body, tables: { ...body.tables, ...added }, counts: { ...body.counts, ...zero } }
  Object.defineProperty(completed, ADDED_ON_CHECK, { value: absent, enumerable: false })
  return ok(completed)
}

function yearsByUnit(units: readonly unknown[], rows: readonly unknown[]): BackupSummary['unitYears'] {
  const years = new Map<string, Set<number>>()
  for (const r of rows) {
    if (isRecord(r) && typeof r.unitId === 'string' && typeof r.year === 'number') {
      const set = years.get(r.unitId) ?? new Set<number>()
      set.add(r.year)
      years.set(r.unitId, set)
    }
  }
  return units
    .filter(isRecord)
    .map((u) => ({
      unitName: String(u.name),
      years: [...(years.get(String(u.id)) ?? [])].sort((a, b) => a - b),
    }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'))
}

/** What a checked backup holds, for the preview. */
export function summarizeBackup(backup: BackupFile): BackupSummary {
  const t = backup.tables
  return {
    createdAt: backup.createdAt,
    counts: backup.counts,
    unitYears: yearsByUnit(t.units, [...t.projects, ...t.budgetLines, ...t.targets, ...t.nodes]),
  }
}

/** What the database holds now (what a restore would replace). */
export async function summarizeDatabase({ database = db }: DbOptions = {}): Promise<BackupSummary> {
  const tables = TABLE_NAMES.map((name) => database.table(name))
  return database.transaction('r', tables, async () => {
    const counts = {} as Record<TableName, number>
    for (const name of TABLE_NAMES) counts[name] = await database.table(name).count()
    const units = await database.units.toArray()
    const rows = [
      ...(await database.projects.toArray()),
      ...(await database.budgetLines.toArray()),
      ...(await database.targets.toArray()),
      ...(await database.nodes.toArray()),
    ]
    return { createdAt: '', counts, unitYears: yearsByUnit(units, rows) }
  })
}

function signatureShapeOk(value: unknown): value is BackupSignature {
  return (
    isRecord(value) &&
    value.algorithm === 'ECDSA-P256-SHA256' &&
    typeof value.publicKey === 'string' &&
    value.publicKey.length <= 200 &&
    typeof value.value === 'string' &&
    value.value.length <= 200 &&
    Object.keys(value).length === 3
  )
}

/**
 * The rows a restore writes, as the file has them (bytes still base64): the backup's tables, but a
 * `submissions` row that carries its file (schema version 4 and before) gives it to `submissionFiles`.
 */
function restoredTables(backup: BackupFile): Record<TableName, unknown[]> {
  const tables = { ...backup.tables }
  const moved: unknown[] = []
  tables.submissions = backup.tables.submissions.map((row) => {
    if (!isRecord(row) || row.bytes === undefined) return row
    const { bytes, ...rest } = row
    moved.push({ id: row.id, bytes })
    return rest
  })
  if (moved.length > 0) tables.submissionFiles = [...backup.tables.submissionFiles, ...moved]
  return tables
}

/** Replaces every table with the backup's rows in one transaction. Check the file first. */
export async function restoreBackup(
  backup: BackupFile,
  { database = db }: DbOptions = {},
): Promise<WriteResult<Record<TableName, number>>> {
  const tables = TABLE_NAMES.map((name) => database.table(name))
  const rows = restoredTables(backup)
  return runWrite(database, [...tables, database.overviewViews], async () => {
    for (const name of TABLE_NAMES) await database.table(name).clear()
    // the 概览's kept views are carried across audited changes (db/viewCache); a restore brings another
    // audit log, which says nothing of how the data got from here to there
    await database.overviewViews.clear()
    for (const name of TABLE_NAMES) await database.table(name).bulkAdd(rows[name].map((row) => rowFromFile(name, row)))
    return Object.fromEntries(TABLE_NAMES.map((name) => [name, rows[name].length])) as Record<TableName, number>
  })
}

/** Checks then restores: a file that fails any check writes nothing. */
export async function restoreFromText(
  text: string,
  { database = db }: DbOptions = {},
): Promise<Result<Record<TableName, number>>> {
  const checked = await checkBackupText(text)
  if (!checked.ok) return checked
  const restored = await restoreBackup(checked.value, { database })
  return restored.ok ? restored : refused(restored.messages)
}
