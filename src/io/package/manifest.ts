/**
 * The manifest of a package (docs/package-format.md §3): what the package is, who made it, and the
 * SHA-256 and size of every part. It is the one signed thing: the signature covers its exact bytes,
 * and through the hashes every part. Written as canonical JSON (keys sorted); read from any JSON
 * spelling, since the bytes, not their re-encoding, are what was signed.
 */
import { canonicalJson } from '@/domain/canonicalJson'
import { ok, refused, type Result } from '@/domain/result'
import { displayName, isSafeName, MANIFEST_NAME } from './zip'

/** Tells our packages from any other zip holding a manifest.json. */
export const PACKAGE_FORMAT = 'jixiao-jiankong-package'
/** The format this program writes and the newest it reads. */
export const PACKAGE_FORMAT_VERSION = 1
export const SIGNATURE_NAME = 'manifest.sig'

/** 报送包: one unit's 定稿 node, to its 主管部门; 回执: the 主管部门's 审核 result, back to the unit. */
export type PackageKind = 'submission' | 'receipt'

export const PACKAGE_KIND_LABELS = {
  submission: '报送包',
  receipt: '回执',
} as const satisfies Record<PackageKind, string>

/**
 * The parts each kind holds, exactly (a reader of format version 1 refuses any other name; a new part
 * is a new format version). What each part holds is its writer's and reader's, not this module's.
 */
export const PACKAGE_PARTS = {
  /** the frozen report as finalised; the node's figures, alerts with 批示, measures; the unit-year data */
  submission: ['node.json', 'report.json', 'unit-year.json'],
  /** the 审核 result: unit, node, 通过 / 退回 and its 意见 */
  receipt: ['receipt.json'],
} as const satisfies Record<PackageKind, readonly string[]>

export interface ManifestPart {
  path: string
  /** lowercase hex SHA-256 of the part's bytes */
  sha256: string
  /** bytes */
  size: number
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT
  formatVersion: number
  kind: PackageKind
  /** the unit that made and signed the package (for a 回执, the 主管部门) */
  unit: { id: string; name: string }
  year: number
  /** the monitoring node the package is about (for a 回执, the node it answers) */
  node: { id: string; label: string }
  /** ISO 8601 UTC, 'YYYY-MM-DDTHH:mm:ss.sssZ': string order is time order, for supersession */
  createdAt: string
  /** base64 SPKI of the signing key */
  publicKey: string
  /** sorted by path */
  parts: ManifestPart[]
}

/** The manifest's bytes as written and signed. */
export function manifestBytes(manifest: PackageManifest): Uint8Array {
  return new TextEncoder().encode(canonicalJson(manifest))
}

/** A manifest larger than this is not ours (a real one is well under 2 KB). */
export const MAX_MANIFEST_BYTES = 64 * 1024

const MAX_TEXT = 200
const FIELDS = ['format', 'formatVersion', 'kind', 'unit', 'year', 'node', 'createdAt', 'publicKey', 'parts']
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hasExactly(record: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(record)
  return own.length === keys.length && keys.every((k) => Object.hasOwn(record, k))
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT
}

function isIsoUtc(value: unknown): value is string {
  return typeof value === 'string' && ISO_UTC.test(value) && new Date(value).toISOString() === value
}

/**
 * The manifest from its bytes, or ONE refusal: not JSON or not ours; a newer format version (checked
 * before the other fields, since a newer version may have others); the first field that is missing
 * or wrong; the kind the caller did not expect; parts other than the kind's.
 * `label` names the file while its kind is not yet known.
 */
export function parseManifest(bytes: Uint8Array, label: string, expectedKind?: PackageKind): Result<PackageManifest> {
  if (bytes.length > MAX_MANIFEST_BYTES) return refused([`${label}的清单 ${MANIFEST_NAME} 过大，不是本程序生成的`])
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return refused([`${label}的清单 ${MANIFEST_NAME} 无法读取：不是有效的 JSON`])
  }
  if (!isRecord(value) || value.format !== PACKAGE_FORMAT) return refused([`这不是本程序生成的${label}：清单格式不符`])
  const version = value.formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return wrongField(label, 'formatVersion')
  if (version > PACKAGE_FORMAT_VERSION)
    return refused([`${label}格式版本 ${version} 高于本程序支持的 ${PACKAGE_FORMAT_VERSION}，请升级程序`])

  const kind = value.kind
  if (kind !== 'submission' && kind !== 'receipt') return wrongField(label, 'kind')
  if (expectedKind !== undefined && kind !== expectedKind)
    return refused([`这是${PACKAGE_KIND_LABELS[kind]}，不是${PACKAGE_KIND_LABELS[expectedKind]}`])
  const kindLabel = PACKAGE_KIND_LABELS[kind]
  const unknownField = Object.keys(value).find((k) => !FIELDS.includes(k))
  if (unknownField !== undefined)
    return refused([`${kindLabel}的清单 ${MANIFEST_NAME} 含有本程序不认识的字段“${displayName(unknownField)}”`])
  const { unit, node } = value
  if (!isRecord(unit) || !hasExactly(unit, ['id', 'name']) || !isText(unit.id) || !isText(unit.name))
    return wrongField(kindLabel, 'unit')
  if (typeof value.year !== 'number' || !Number.isInteger(value.year) || value.year < 1900 || value.year > 2999)
    return wrongField(kindLabel, 'year')
  if (!isRecord(node) || !hasExactly(node, ['id', 'label']) || !isText(node.id) || !isText(node.label))
    return wrongField(kindLabel, 'node')
  if (!isIsoUtc(value.createdAt)) return wrongField(kindLabel, 'createdAt')
  if (typeof value.publicKey !== 'string' || value.publicKey.length > 200) return wrongField(kindLabel, 'publicKey')
  const parts = checkParts(value.parts, kind, kindLabel)
  if (!parts.ok) return parts
  return ok({
    format: PACKAGE_FORMAT,
    formatVersion: version,
    kind,
    unit: { id: unit.id, name: unit.name },
    year: value.year,
    node: { id: node.id, label: node.label },
    createdAt: value.createdAt,
    publicKey: value.publicKey,
    parts: parts.value,
  })
}

function wrongField(label: string, field: string): Result<never> {
  return refused([`${label}的清单 ${MANIFEST_NAME} 有误：字段“${field}”缺失或格式不对`])
}

/** The listed parts: well formed, sorted by path, and exactly the kind's names. */
function checkParts(value: unknown, kind: PackageKind, label: string): Result<ManifestPart[]> {
  const expected: readonly string[] = PACKAGE_PARTS[kind]
  if (!Array.isArray(value) || value.length > 100) return wrongField(label, 'parts')
  const parts: ManifestPart[] = []
  for (const item of value) {
    if (
      !isRecord(item) ||
      !hasExactly(item, ['path', 'sha256', 'size']) ||
      typeof item.path !== 'string' ||
      typeof item.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(item.sha256) ||
      typeof item.size !== 'number' ||
      !Number.isSafeInteger(item.size) ||
      item.size < 0
    )
      return wrongField(label, 'parts')
    if (!isSafeName(item.path)) return refused([`文件名不安全：${displayName(item.path)}`])
    if (!expected.includes(item.path))
      return refused([`${label}的清单列出了本程序不认识的文件：${displayName(item.path)}`])
    if (parts.some((p) => p.path === item.path)) return refused([`${label}的清单重复列出了 ${item.path}`])
    parts.push({ path: item.path, sha256: item.sha256, size: item.size })
  }
  const missing = expected.find((name) => !parts.some((p) => p.path === name))
  if (missing !== undefined) return refused([`${label}不完整：缺少 ${missing}`])
  return ok([...parts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))
}
