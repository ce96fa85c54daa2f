/**
 * Fixtures for the package tests: two units' key pairs, a 报送包 of unit A with small but real-looking
 * parts, and builders of hostile files — a zip rebuilt from edited entries, a manifest signed by any
 * key, a zip whose headers say anything, a 200 MB zip bomb made without compressing 200 MB.
 */
import zlib from 'node:zlib'
import { canonicalJson } from '@/domain/canonicalJson'
import { generateSigningKeyPair, exportPublicKey, keyFingerprint, signDetached } from '@/io/package/keys'
import { SIGNATURE_NAME, type PackageManifest } from '@/io/package/manifest'
import { writePackage, type WritePackageInput } from '@/io/package/package'
import { crc32, dosDateTime, MANIFEST_NAME, readStoredZip, writeStoredZip, type ZipEntry } from '@/io/package/zip'

export const CREATED_AT = '2021-07-05T08:30:00.000Z'
export const UNIT_A = { id: 'unit-a', name: '且末县自然资源局' }

export interface Fixture {
  keyA: CryptoKeyPair
  keyB: CryptoKeyPair
  spkiA: string
  spkiB: string
  fingerprintA: string
  fingerprintB: string
  input: WritePackageInput
  /** unit A's valid 报送包 */
  bytes: Uint8Array
  entries: ZipEntry[]
  manifest: PackageManifest
}

export function sampleParts(): Record<string, unknown> {
  return {
    'report.json': {
      title: '且末县自然资源局2021年1-6月绩效运行监控报告',
      paragraphs: ['一、预算执行情况', '截至6月30日，调整后预算1,493.25万元，执行383.74万元，执行率25.70%。'],
    },
    'node.json': {
      node: { id: 'node-1-6', label: '1-6月', asOfDate: '2021-06-30' },
      alerts: [{ id: 'a1', light: 'red', message: '执行进度滞后', instruction: '请于7月底前整改' }],
      measures: [{ id: 'm1', content: '加快支付进度', kind: 'planned' }],
    },
    'unit-year.json': {
      unit: UNIT_A,
      year: 2021,
      budgetLines: Array.from({ length: 20 }, (_, i) => ({
        id: `bl-${i}`,
        name: `项目${i}`,
        initialBudget: `${i}00.00`,
      })),
    },
  }
}

export function expectOkValue<T>(result: { ok: true; value: T } | { ok: false; messages: string[] }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.messages.join(' / ')}`)
  return result.value
}

export async function buildFixture(): Promise<Fixture> {
  const keyA = await generateSigningKeyPair()
  const keyB = await generateSigningKeyPair()
  const spkiA = await exportPublicKey(keyA.publicKey)
  const spkiB = await exportPublicKey(keyB.publicKey)
  const input: WritePackageInput = {
    kind: 'submission',
    unit: UNIT_A,
    year: 2021,
    node: { id: 'node-1-6', label: '1-6月' },
    createdAt: CREATED_AT,
    parts: sampleParts(),
    keyPair: keyA,
  }
  const bytes = expectOkValue(await writePackage(input))
  const entries = entriesOf(bytes)
  const manifestEntry = entries.find((e) => e.name === MANIFEST_NAME)
  if (!manifestEntry) throw new Error('no manifest')
  return {
    keyA,
    keyB,
    spkiA,
    spkiB,
    fingerprintA: await keyFingerprint(spkiA),
    fingerprintB: await keyFingerprint(spkiB),
    input,
    bytes,
    entries,
    manifest: JSON.parse(new TextDecoder().decode(manifestEntry.data)) as PackageManifest,
  }
}

/** The entries of a package this module wrote. */
export function entriesOf(bytes: Uint8Array): ZipEntry[] {
  return expectOkValue(readStoredZip(bytes, { maxBytes: 1e9, maxEntries: 1000, maxUncompressedBytes: 1e9 }, '测试'))
}

/** A zip of the profile from entries, as the writer would lay them out. */
export function rezip(entries: readonly ZipEntry[]): Uint8Array {
  return writeStoredZip(entries, dosDateTime(CREATED_AT))
}

export function replaceEntry(entries: readonly ZipEntry[], name: string, data: Uint8Array): ZipEntry[] {
  return entries.map((e) => (e.name === name ? { name, data } : e))
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * A package whose manifest is `manifest` (any value, as canonical JSON) signed by `signer`, with the
 * given parts: for manifests the writer would never make, each correctly signed.
 */
export async function signedPackage(
  manifest: unknown,
  parts: readonly ZipEntry[],
  signer: CryptoKey,
): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(canonicalJson(manifest))
  const signature = new TextEncoder().encode(await signDetached(bytes, signer))
  return rezip([{ name: MANIFEST_NAME, data: bytes }, { name: SIGNATURE_NAME, data: signature }, ...parts])
}

/** The parts of a fixture (its entries without manifest and signature). */
export function partEntries(fixture: Fixture): ZipEntry[] {
  return fixture.entries.filter((e) => e.name !== MANIFEST_NAME && e.name !== SIGNATURE_NAME)
}

/** The manifest listing these parts with their real hashes and sizes. */
export async function manifestFor(base: PackageManifest, parts: readonly ZipEntry[]): Promise<PackageManifest> {
  return {
    ...base,
    parts: await Promise.all(
      parts.map(async (p) => ({ path: p.name, sha256: await sha256Hex(p.data), size: p.data.length })),
    ),
  }
}

/** Byte offsets of each central-directory record of a zip (from its end record). */
export function centralRecordOffsets(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = bytes.length - 22
  const count = view.getUint16(end + 10, true)
  let p = view.getUint32(end + 16, true)
  const offsets: number[] = []
  for (let i = 0; i < count; i++) {
    offsets.push(p)
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return offsets
}

export interface RawZipEntry {
  name: string
  /** the bytes as stored (compressed when method is 8) */
  data: Uint8Array
  method: number
  /** the uncompressed size the headers declare */
  size: number
  crc: number
}

/**
 * A zip whose headers say whatever the entries say (compression method, sizes, CRC); the other fields
 * are the profile's, so a test changes only what it names.
 */
export function writeRawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const encoder = new TextEncoder()
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const e of entries) {
    const name = encoder.encode(e.name)
    const local = new Uint8Array(30 + name.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 10, true) // version needed, as the profile's
    lv.setUint16(8, e.method, true)
    lv.setUint32(14, e.crc, true)
    lv.setUint32(18, e.data.length, true)
    lv.setUint32(22, e.size, true)
    lv.setUint16(26, name.length, true)
    local.set(name, 30)
    const record = new Uint8Array(46 + name.length)
    const cv = new DataView(record.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 10, true)
    cv.setUint16(10, e.method, true)
    cv.setUint32(16, e.crc, true)
    cv.setUint32(20, e.data.length, true)
    cv.setUint32(24, e.size, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    record.set(name, 46)
    chunks.push(local, e.data)
    central.push(record)
    offset += local.length + e.data.length
  }
  const centralSize = central.reduce((s, c) => s + c.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, entries.length, true)
  ev.setUint16(10, entries.length, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)
  const out = new Uint8Array(offset + centralSize + 22)
  let p = 0
  for (const c of [...chunks, ...central, end]) {
    out.set(c, p)
    p += c.length
  }
  return out
}

/**
 * A raw DEFLATE stream of one zero byte followed by `matches` copies of 258 zeros (length 258,
 * distance 1, in one fixed-Huffman block): 13 bits per 258 bytes, so 200 MB of zeros is 1.3 MB of
 * stream and is built in milliseconds, where compressing 200 MB would take a second.
 */
export function deflatedZeros(matches: number): { data: Uint8Array; size: number } {
  const out = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1)
  let bit = 0
  const put = (value: number, count: number) => {
    for (let i = 0; i < count; i++, bit++) if ((value >> i) & 1) out[bit >> 3] = (out[bit >> 3] ?? 0) | (1 << (bit & 7))
  }
  // Huffman codes are packed most significant bit first
  const code = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i--) put((value >> i) & 1, 1)
  }
  put(1, 1) // BFINAL
  put(1, 2) // BTYPE 01: fixed Huffman
  code(0x30, 8) // literal 0
  for (let i = 0; i < matches; i++) {
    code(0xc5, 8) // length code 285: 258
    code(0, 5) // distance code 0: 1
  }
  code(0, 7) // end of block
  return { data: out.subarray(0, Math.ceil(bit / 8)), size: 1 + matches * 258 }
}

/** CRC-32 of `size` zero bytes, 1 MB at a time (node:zlib, no 200 MB buffer). */
export function crc32OfZeros(size: number): number {
  const chunk = new Uint8Array(1 << 20)
  let crc = 0
  for (let left = size; left > 0; left -= chunk.length)
    crc = zlib.crc32(chunk.subarray(0, Math.min(left, chunk.length)), crc)
  return crc
}

/** A zip whose report.json is 200 MB of zeros, DEFLATE-compressed to about 1.3 MB: a zip bomb. */
export function zipBomb(manifest: ZipEntry): { bytes: Uint8Array; size: number } {
  const zeros = deflatedZeros(812_850)
  return {
    bytes: writeRawZip([
      { name: manifest.name, data: manifest.data, method: 0, size: manifest.data.length, crc: crc32(manifest.data) },
      { name: 'report.json', data: zeros.data, method: 8, size: zeros.size, crc: crc32OfZeros(zeros.size) },
    ]),
    size: zeros.size,
  }
}
