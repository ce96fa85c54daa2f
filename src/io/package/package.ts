/**
 * Writing and reading a signed package (docs/package-format.md): a 报送包 or a 回执 as one zip file of
 * manifest.json, manifest.sig and the kind's parts.
 *
 * Reading is all or nothing. The checks run in the order of the doc (§6) and the first failure refuses
 * the whole file with one Chinese sentence; nothing is returned partially, and no input makes it throw.
 * Whether the signing key is the one registered for the unit is the caller's decision
 * (`checkKnownKey`): on first contact there is nothing to compare with but the fingerprint a person
 * confirms.
 */
import { ok, refused, type Result } from '@/domain/result'
import { base64ToBytes, exportPublicKey, importPublicKey, sha256Hex, signDetached, verifyDetached } from './keys'
import {
  manifestBytes,
  parseManifest,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_KIND_LABELS,
  SIGNATURE_NAME,
  type PackageKind,
  type PackageManifest,
} from './manifest'
import {
  displayName,
  dosDateTime,
  formatBytes,
  MANIFEST_NAME,
  readStoredZip,
  writeStoredZip,
  type ZipLimits,
} from './zip'

/**
 * The default limits. A 报送包 of a large unit (50 projects × 20 indicators, 12 nodes of readings,
 * alerts and measures) is a few MB of JSON; 64 MB leaves room and still keeps a hostile file from
 * taking the tab's memory.
 */
export const DEFAULT_PACKAGE_LIMITS: ZipLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxEntries: 16,
  maxUncompressedBytes: 64 * 1024 * 1024,
}

export interface WritePackageInput {
  kind: PackageKind
  /** the unit that makes and signs the package */
  unit: { id: string; name: string }
  year: number
  node: { id: string; label: string }
  /** ISO 8601 UTC as `Date.prototype.toISOString` writes it */
  createdAt: string
  /**
   * Exactly the kind's parts (`PACKAGE_PARTS`). A Uint8Array is written as is; anything else as JSON
   * (`JSON.stringify`, so plain data: what the domain keeps at rest).
   */
  parts: Record<string, unknown>
  /** the unit's key pair; only the private key signs, the public key goes into the manifest */
  keyPair: CryptoKeyPair
}

/**
 * The package file, or a refusal when the input would make a package no reader takes (a missing part,
 * an empty name, a file over the default size limit): nothing is written that cannot be read back.
 * Throws only on a part JSON cannot hold (a cycle, a BigInt): a caller's bug, not a user's problem.
 */
export async function writePackage(input: WritePackageInput): Promise<Result<Uint8Array>> {
  const encoder = new TextEncoder()
  const parts = Object.entries(input.parts)
    .map(([path, content]) => ({
      path,
      data: content instanceof Uint8Array ? content : encoder.encode(JSON.stringify(content) ?? 'null'),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const label = PACKAGE_KIND_LABELS[input.kind]
  const { maxBytes } = DEFAULT_PACKAGE_LIMITS
  const tooLarge = (size: number) =>
    refused([`${label}过大（${formatBytes(size)}），超过了接收方能读取的 ${formatBytes(maxBytes)}`])
  // the parts alone, before hashing them: the zip only adds headers
  const partBytes = parts.reduce((sum, p) => sum + p.data.length, 0)
  if (partBytes > maxBytes) return tooLarge(partBytes)
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    kind: input.kind,
    unit: { id: input.unit.id, name: input.unit.name },
    year: input.year,
    node: { id: input.node.id, label: input.node.label },
    createdAt: input.createdAt,
    publicKey: await exportPublicKey(input.keyPair.publicKey),
    parts: await Promise.all(
      parts.map(async (p) => ({ path: p.path, sha256: await sha256Hex(p.data), size: p.data.length })),
    ),
  }
  const bytes = manifestBytes(manifest)
  // the reader's own check of the manifest: what it would refuse is not written
  const checked = parseManifest(bytes, label, input.kind)
  if (!checked.ok) return checked
  const signature = encoder.encode(await signDetached(bytes, input.keyPair.privateKey))
  const zip = writeStoredZip(
    [
      { name: MANIFEST_NAME, data: bytes },
      { name: SIGNATURE_NAME, data: signature },
      ...parts.map((p) => ({ name: p.path, data: p.data })),
    ],
    dosDateTime(input.createdAt),
  )
  if (zip.length > maxBytes) return tooLarge(zip.length)
  return ok(zip)
}

export interface ReadPackageOptions extends Partial<ZipLimits> {
  /** refuse a package of another kind (a 回执 picked in 「导入报送包」) */
  expectedKind?: PackageKind
}

export interface VerifiedPackage {
  manifest: PackageManifest
  /** every part's bytes, by path: exactly the kind's parts */
  parts: Record<string, Uint8Array>
  /** the parts whose path ends in .json, parsed (their content is for the caller to check) */
  json: Record<string, unknown>
  /** base64 SPKI of the key that signed, as in the manifest */
  publicKey: string
  /** its fingerprint, for first contact and `checkKnownKey` */
  fingerprint: string
  /** SHA-256 (hex) of the whole file */
  sha256: string
  /**
   * SHA-256 (hex) of the signed manifest bytes: the identity of what was signed. Two files with the
   * same manifestSha256 carry the same parts (the manifest lists their hashes), even when their zip
   * bytes differ; use it to recognise a package imported twice.
   */
  manifestSha256: string
}

/** Whole-file SHA-256 (lowercase hex). */
export async function packageSha256(bytes: Uint8Array): Promise<string> {
  return sha256Hex(bytes)
}

/**
 * The verified package, or ONE refusal saying why. Checks, in order (docs/package-format.md §6):
 * file size; the zip's directory; entry count and declared sizes; manifest.json present; names safe
 * and unique; every entry against the zip profile and its CRC; the manifest (JSON, ours, format
 * version, fields, kind, the kind's parts); no unlisted file and every listed part present with its
 * size and SHA-256; the public key; the signature over the manifest bytes; the .json parts parse.
 * A caller holding a File compares `file.size` with the same `maxBytes` before reading it into memory.
 */
export async function readPackage(
  bytes: Uint8Array,
  options: ReadPackageOptions = {},
): Promise<Result<VerifiedPackage>> {
  try {
    return await readChecked(bytes, options)
  } catch (cause) {
    // every check above returns a refusal; this only keeps a surprise (a browser without WebCrypto)
    // from escaping as an exception
    return { ...refused(['无法读取文件：本程序的校验出错，请重试或换用新版浏览器']), cause }
  }
}

async function readChecked(bytes: Uint8Array, options: ReadPackageOptions): Promise<Result<VerifiedPackage>> {
  const limits: ZipLimits = {
    maxBytes: options.maxBytes ?? DEFAULT_PACKAGE_LIMITS.maxBytes,
    maxEntries: options.maxEntries ?? DEFAULT_PACKAGE_LIMITS.maxEntries,
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_PACKAGE_LIMITS.maxUncompressedBytes,
  }
  let label: string = options.expectedKind ? PACKAGE_KIND_LABELS[options.expectedKind] : '数据包'
  const zip = readStoredZip(bytes, limits, label)
  if (!zip.ok) return zip
  const entries = new Map(zip.value.map((e) => [e.name, e.data]))

  const manifestData = entries.get(MANIFEST_NAME)
  if (manifestData === undefined) return refused([`这不是${label}：缺少清单 ${MANIFEST_NAME}`])
  const parsed = parseManifest(manifestData, label, options.expectedKind)
  if (!parsed.ok) return parsed
  const manifest = parsed.value
  label = PACKAGE_KIND_LABELS[manifest.kind]

  for (const name of entries.keys()) {
    if (name !== MANIFEST_NAME && name !== SIGNATURE_NAME && !manifest.parts.some((p) => p.path === name))
      return refused([`${label}含有清单之外的文件：${displayName(name)}`])
  }
  const parts: Record<string, Uint8Array> = {}
  for (const part of manifest.parts) {
    const data = entries.get(part.path)
    if (data === undefined) return refused([`${label}已损坏：缺少 ${part.path}`])
    if (data.length !== part.size) return refused([`${label}已损坏：${part.path} 的大小不符`])
    if ((await sha256Hex(data)) !== part.sha256) return refused([`${label}已损坏：${part.path} 的校验值不符`])
    parts[part.path] = data
  }

  const key = await importPublicKey(manifest.publicKey)
  if (!key.ok) return refused([`${label}中的公钥无效，无法核对签名`])
  const signatureData = entries.get(SIGNATURE_NAME)
  if (signatureData === undefined) return refused([`${label}没有签名（缺少 ${SIGNATURE_NAME}）`])
  const signatureText = decodeAscii(signatureData)
  if (signatureText === null || base64ToBytes(signatureText) === null)
    return refused(['签名无效：签名不是本程序使用的格式'])
  const verified = await verifyDetached(manifestData, signatureText, manifest.publicKey)
  if (!verified.ok) return verified

  const json: Record<string, unknown> = {}
  for (const part of manifest.parts) {
    if (!part.path.endsWith('.json')) continue
    const data = parts[part.path]
    try {
      json[part.path] = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data))
    } catch {
      return refused([`${label}中的 ${part.path} 不是有效的 JSON`])
    }
  }

  return ok({
    manifest,
    parts,
    json,
    publicKey: manifest.publicKey,
    fingerprint: verified.value.fingerprint,
    sha256: await sha256Hex(bytes),
    manifestSha256: await sha256Hex(manifestData),
  })
}

/** The text of a short ASCII file (the signature), or null. */
function decodeAscii(data: Uint8Array): string | null {
  if (data.length > 200 || data.some((b) => b < 0x20 || b > 0x7e)) return null
  return String.fromCharCode(...data)
}
