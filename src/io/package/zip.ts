/**
 * The zip container of a package (docs/package-format.md §2): a strict subset of ZIP that this module
 * writes and reads, in which every byte of the file has one meaning and is checked.
 *
 * - Every entry is STORED (method 0). DEFLATE is not used: an inflater ignores the padding bits after a
 *   stream's last code, so a bit changed there would change nothing a check could see, and a package
 *   must refuse any changed byte. Stored entries also make a zip bomb impossible: nothing is inflated.
 * - No extra fields, comments, data descriptors, encryption, ZIP64 or multi-disk; the unused header
 *   fields hold fixed values; each local header repeats its central-directory record exactly; entries
 *   follow each other with no gap, and the central directory and the end record close the file.
 *
 * Reading checks, in order: the end record is where it must be (a truncated file fails here); the
 * entry count and the declared sizes are within the limits, before any entry is read; manifest.json
 * is there (a wrong file picked by mistake is named as such); the names are safe and unique; then
 * every entry against the profile and its CRC-32. Which names a package may hold is package.ts's.
 */
import { ok, refused, type Result } from '@/domain/result'

export interface ZipEntry {
  name: string
  data: Uint8Array
}

export interface ZipLimits {
  /** the file itself */
  maxBytes: number
  maxEntries: number
  /** the sum of the entries' sizes as the central directory declares them */
  maxUncompressedBytes: number
}

const LOCAL_SIGNATURE = 0x04034b50
const CENTRAL_SIGNATURE = 0x02014b50
const END_SIGNATURE = 0x06054b50
const LOCAL_HEADER_SIZE = 30
const CENTRAL_HEADER_SIZE = 46
const END_RECORD_SIZE = 22
/** 2.0, MS-DOS attributes: what most zip tools write */
const VERSION_MADE_BY = 20
/** 1.0: enough for a stored entry */
const VERSION_NEEDED = 10
const STORED = 0

/** The one entry every package holds; its absence means the file is not a package at all. */
export const MANIFEST_NAME = 'manifest.json'

// ── CRC-32 (the zip polynomial; fflate does not export its own) ─────────────

/**
 * Eight 256-entry tables, so the loop below takes 8 bytes a step ("slicing-by-8"): a large unit's
 * 报送包 is a few MB, and the byte-at-a-time loop was as slow as SHA-256 itself.
 */
const CRC_TABLES = (() => {
  const t = new Uint32Array(8 * 256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const previous = t[(k - 1) * 256 + n] ?? 0
      t[k * 256 + n] = (previous >>> 8) ^ (t[previous & 0xff] ?? 0)
    }
  }
  return t
})()

export function crc32(data: Uint8Array): number {
  const t = CRC_TABLES
  const at = (i: number) => data[i] ?? 0
  const lookup = (table: number, byte: number) => t[table * 256 + byte] ?? 0
  let c = 0xffffffff
  let i = 0
  for (; i + 8 <= data.length; i += 8) {
    const low = (at(i) | (at(i + 1) << 8) | (at(i + 2) << 16) | (at(i + 3) << 24)) ^ c
    const high = at(i + 4) | (at(i + 5) << 8) | (at(i + 6) << 16) | (at(i + 7) << 24)
    c =
      lookup(7, low & 0xff) ^
      lookup(6, (low >>> 8) & 0xff) ^
      lookup(5, (low >>> 16) & 0xff) ^
      lookup(4, low >>> 24) ^
      lookup(3, high & 0xff) ^
      lookup(2, (high >>> 8) & 0xff) ^
      lookup(1, (high >>> 16) & 0xff) ^
      lookup(0, high >>> 24)
  }
  for (; i < data.length; i++) c = lookup(0, (c ^ at(i)) & 0xff) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

// ── Writing ─────────────────────────────────────────────────────────────────

/** An MS-DOS date and time, as zip headers hold them. */
export interface DosDateTime {
  date: number
  time: number
}

/**
 * The zip timestamp of an ISO time, in UTC so the same package is the same bytes in every time zone;
 * clamped to the range a DOS date can hold (1980–2107). Seconds are halved by the format.
 */
export function dosDateTime(iso: string): DosDateTime {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() < 1980) return { date: (1 << 5) | 1, time: 0 }
  const year = Math.min(t.getUTCFullYear(), 2107)
  return {
    date: ((year - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
  }
}

/**
 * The entries, in this order, as a stored zip of the profile above. The names are written as given
 * (UTF-8): the caller checks them, so that tests can also build hostile zips with this function.
 */
export function writeStoredZip(entries: readonly ZipEntry[], modified: DosDateTime): Uint8Array {
  const encoder = new TextEncoder()
  const names = entries.map((e) => encoder.encode(e.name))
  const localSize = entries.reduce((sum, e, i) => sum + LOCAL_HEADER_SIZE + (names[i]?.length ?? 0) + e.data.length, 0)
  const centralSize = names.reduce((sum, n) => sum + CENTRAL_HEADER_SIZE + n.length, 0)
  const out = new Uint8Array(localSize + centralSize + END_RECORD_SIZE)
  const view = new DataView(out.buffer)
  const offsets: number[] = []
  const crcs = entries.map((e) => crc32(e.data))
  let p = 0
  entries.forEach((entry, i) => {
    const name = names[i] ?? new Uint8Array()
    offsets.push(p)
    view.setUint32(p, LOCAL_SIGNATURE, true)
    view.setUint16(p + 4, VERSION_NEEDED, true)
    view.setUint16(p + 6, 0, true) // flags
    view.setUint16(p + 8, STORED, true)
    view.setUint16(p + 10, modified.time, true)
    view.setUint16(p + 12, modified.date, true)
    view.setUint32(p + 14, crcs[i] ?? 0, true)
    view.setUint32(p + 18, entry.data.length, true)
    view.setUint32(p + 22, entry.data.length, true)
    view.setUint16(p + 26, name.length, true)
    view.setUint16(p + 28, 0, true) // extra field length
    out.set(name, p + LOCAL_HEADER_SIZE)
    out.set(entry.data, p + LOCAL_HEADER_SIZE + name.length)
    p += LOCAL_HEADER_SIZE + name.length + entry.data.length
  })
  const centralOffset = p
  entries.forEach((entry, i) => {
    const name = names[i] ?? new Uint8Array()
    view.setUint32(p, CENTRAL_SIGNATURE, true)
    view.setUint16(p + 4, VERSION_MADE_BY, true)
    view.setUint16(p + 6, VERSION_NEEDED, true)
    view.setUint16(p + 8, 0, true) // flags
    view.setUint16(p + 10, STORED, true)
    view.setUint16(p + 12, modified.time, true)
    view.setUint16(p + 14, modified.date, true)
    view.setUint32(p + 16, crcs[i] ?? 0, true)
    view.setUint32(p + 20, entry.data.length, true)
    view.setUint32(p + 24, entry.data.length, true)
    view.setUint16(p + 28, name.length, true)
    // extra length, comment length, disk number, internal and external attributes: all 0
    view.setUint32(p + 42, offsets[i] ?? 0, true)
    out.set(name, p + CENTRAL_HEADER_SIZE)
    p += CENTRAL_HEADER_SIZE + name.length
  })
  view.setUint32(p, END_SIGNATURE, true)
  // disk numbers 0
  view.setUint16(p + 8, entries.length, true)
  view.setUint16(p + 10, entries.length, true)
  view.setUint32(p + 12, p - centralOffset, true)
  view.setUint32(p + 16, centralOffset, true)
  // comment length 0
  return out
}

// ── Reading ─────────────────────────────────────────────────────────────────

/** One central-directory record, every field kept so each can be checked. */
interface CentralRecord {
  nameBytes: Uint8Array
  name: string
  versionMadeBy: number
  versionNeeded: number
  flags: number
  method: number
  time: number
  date: number
  crc: number
  compressedSize: number
  size: number
  extraLength: number
  commentLength: number
  diskStart: number
  internalAttributes: number
  externalAttributes: number
  localOffset: number
}

/** '1.5 MB', '900 KB', '120 字节': sizes in messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${n} 字节`
}

/**
 * A name as a message may show it: control and text-direction characters as '?', at most 60
 * characters, so a hostile name cannot garble or reorder the message.
 */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?')
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown
}

/**
 * A name a package may hold: one plain file name of ASCII letters, digits, '.', '_' and '-', not
 * starting with '.', at most 100 characters. So no folder, no absolute path, no '..', no backslash,
 * no drive letter or ':' stream, nothing a file system could read as another place.
 */
export function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(name) && !name.includes('..')
}

/**
 * The entries of a stored zip of the profile, or ONE refusal. `label` names the file in messages
 * (报送包, 回执). Never throws on any input.
 */
export function readStoredZip(bytes: Uint8Array, limits: ZipLimits, label: string): Result<ZipEntry[]> {
  if (bytes.length > limits.maxBytes)
    return refused([`文件过大（${formatBytes(bytes.length)}），${label}不能超过 ${formatBytes(limits.maxBytes)}`])
  const unreadable = refused([`无法读取：文件不是${label}，或已损坏、不完整`])
  if (bytes.length < END_RECORD_SIZE) return unreadable
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = bytes.length - END_RECORD_SIZE
  // no comment is allowed, so the end record is the last 22 bytes; a truncated file has none there
  if (view.getUint32(end, true) !== END_SIGNATURE) return unreadable
  const count = view.getUint16(end + 10, true)
  const centralSize = view.getUint32(end + 12, true)
  const centralOffset = view.getUint32(end + 16, true)
  if (
    view.getUint16(end + 4, true) !== 0 ||
    view.getUint16(end + 6, true) !== 0 ||
    view.getUint16(end + 8, true) !== count ||
    view.getUint16(end + 20, true) !== 0 ||
    centralOffset + centralSize !== end
  )
    return unreadable
  if (count > limits.maxEntries)
    return refused([`${label}中的文件数过多（${count} 个），不能超过 ${limits.maxEntries} 个`])

  // walk the central directory; it must hold exactly `count` records and end at the end record
  const records: CentralRecord[] = []
  let p = centralOffset
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER_SIZE > end || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return unreadable
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const next = p + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength
    if (next > end) return unreadable
    const nameBytes = bytes.subarray(p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLength)
    records.push({
      nameBytes,
      name: new TextDecoder('utf-8', { fatal: false }).decode(nameBytes),
      versionMadeBy: view.getUint16(p + 4, true),
      versionNeeded: view.getUint16(p + 6, true),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      time: view.getUint16(p + 12, true),
      date: view.getUint16(p + 14, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      extraLength,
      commentLength,
      diskStart: view.getUint16(p + 34, true),
      internalAttributes: view.getUint16(p + 36, true),
      externalAttributes: view.getUint32(p + 38, true),
      localOffset: view.getUint32(p + 42, true),
    })
    p = next
  }
  if (p !== end) return unreadable

  // the declared sizes, before reading any entry: a zip bomb is refused on what it claims
  const declared = records.reduce((sum, r) => sum + r.size, 0)
  if (declared > limits.maxUncompressedBytes)
    return refused([
      `${label}解压后过大（${formatBytes(declared)}），不能超过 ${formatBytes(limits.maxUncompressedBytes)}，可能是恶意构造的压缩包`,
    ])

  if (!records.some((r) => r.name === MANIFEST_NAME)) return refused([`这不是${label}：缺少清单 ${MANIFEST_NAME}`])
  const seen = new Set<string>()
  for (const r of records) {
    // ASCII only: the decoded name is then exactly the bytes, with nothing for a decoder to reinterpret
    if (!isSafeName(r.name) || r.nameBytes.some((b) => b > 0x7e))
      return refused([`文件名不安全：${displayName(r.name)}`])
    // case-insensitive: Windows would write 'Report.json' and 'report.json' to one file
    const key = r.name.toLowerCase()
    if (seen.has(key)) return refused([`${label}中有重复的文件名：${r.name}`])
    seen.add(key)
  }

  const entries: ZipEntry[] = []
  let expectedOffset = 0
  for (const r of records) {
    const damaged = refused([`${label}已损坏：${r.name} 的压缩包记录不一致`])
    if (r.flags !== 0 || r.method !== STORED)
      return refused([`${label}中的 ${r.name} 使用了本程序不支持的压缩方式或加密`])
    if (
      r.versionMadeBy !== VERSION_MADE_BY ||
      r.versionNeeded !== VERSION_NEEDED ||
      r.compressedSize !== r.size ||
      r.extraLength !== 0 ||
      r.commentLength !== 0 ||
      r.diskStart !== 0 ||
      r.internalAttributes !== 0 ||
      r.externalAttributes !== 0 ||
      r.localOffset !== expectedOffset
    )
      return damaged
    const l = r.localOffset
    const dataStart = l + LOCAL_HEADER_SIZE + r.nameBytes.length
    const dataEnd = dataStart + r.size
    if (dataEnd > centralOffset) return damaged
    const localName = bytes.subarray(l + LOCAL_HEADER_SIZE, dataStart)
    if (
      view.getUint32(l, true) !== LOCAL_SIGNATURE ||
      view.getUint16(l + 4, true) !== r.versionNeeded ||
      view.getUint16(l + 6, true) !== r.flags ||
      view.getUint16(l + 8, true) !== r.method ||
      view.getUint16(l + 10, true) !== r.time ||
      view.getUint16(l + 12, true) !== r.date ||
      view.getUint32(l + 14, true) !== r.crc ||
      view.getUint32(l + 18, true) !== r.compressedSize ||
      view.getUint32(l + 22, true) !== r.size ||
      view.getUint16(l + 26, true) !== r.nameBytes.length ||
      view.getUint16(l + 28, true) !== 0 ||
      !localName.every((b, i) => b === r.nameBytes[i])
    )
      return damaged
    const data = bytes.slice(dataStart, dataEnd)
    if (crc32(data) !== r.crc) return refused([`${label}已损坏：${r.name} 的内容与压缩包记录的校验码不符`])
    entries.push({ name: r.name, data })
    expectedOffset = dataEnd
  }
  // nothing between the last entry and the central directory
  if (expectedOffset !== centralOffset) return refused([`${label}已损坏：压缩包中有无法识别的数据`])
  return ok(entries)
}
