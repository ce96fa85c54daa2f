/**
 * Hostile 报送包 (issue 15 §6): 400 files, each a valid package of unit A damaged or forged in one way —
 * a flipped byte anywhere, a truncated or padded file, a part edited with the manifest kept, re-hashed
 * but not re-signed, or re-signed by another key, a wrong or malformed signature, another unit's key,
 * a zip bomb (a real one: 200 MB of zeros in 1.3 MB; and directory sizes faked), a path-traversal
 * name, a duplicate entry, a future format version, a file over the size limit.
 * Each must end in ONE refusal in Chinese, never an exception, and never a package; where the
 * cause is certain the exact sentence is checked. A package signed by another unit's key is valid as
 * a file, and `checkKnownKey` refuses it against the key registered for unit A.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonicalJson } from '@/domain/canonicalJson'
import { bytesToBase64, checkKnownKey, signDetached } from '@/io/package/keys'
import { readPackage, type ReadPackageOptions } from '@/io/package/package'
import { formatBytes } from '@/io/package/zip'
import {
  buildFixture,
  centralRecordOffsets,
  manifestFor,
  partEntries,
  replaceEntry,
  rezip,
  signedPackage,
  zipBomb,
  type Fixture,
} from './helpers'

const RUNS = 400
const PART_NAMES = ['node.json', 'report.json', 'unit-year.json'] as const

let f: Fixture
let bomb: Uint8Array

beforeAll(async () => {
  f = await buildFixture()
  bomb = zipBomb(f.entries[0]).bytes
})

/** One way of spoiling the package, as plain data (fast-check shrinks and prints it). */
type Damage =
  | { kind: 'flip'; region: 'anywhere' | 'head' | 'directory'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; extra: number[] }
  | { kind: 'editPart'; part: number; at: number; xor: number; then: 'keepManifest' | 'rehash' | 'resignOtherKey' }
  | { kind: 'otherUnitKey' }
  | { kind: 'signature'; how: 'random' | 'otherBytes' | 'garbage' | 'flipChar'; seed: number[] }
  | { kind: 'bomb' }
  | { kind: 'fakeSize'; record: number; size: number; where: 'central' | 'both' }
  | { kind: 'traversal'; prefix: string; stem: string; how: 'add' | 'rename' }
  | { kind: 'duplicate'; entry: number }
  | { kind: 'futureVersion'; version: number }
  | { kind: 'oversize'; maxBytes: number }

const byte = fc.integer({ min: 1, max: 255 })
const position = fc.nat({ max: 1_000_000 })
const part = fc.nat({ max: PART_NAMES.length - 1 })

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    region: fc.constantFrom('anywhere' as const, 'head' as const, 'directory' as const),
    at: position,
    xor: byte,
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('append' as const),
    extra: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('editPart' as const),
    part,
    at: position,
    xor: byte,
    then: fc.constantFrom('keepManifest' as const, 'rehash' as const, 'resignOtherKey' as const),
  }),
  fc.constant({ kind: 'otherUnitKey' as const }),
  fc.record({
    kind: fc.constant('signature' as const),
    how: fc.constantFrom('random' as const, 'otherBytes' as const, 'garbage' as const, 'flipChar' as const),
    seed: fc.array(fc.nat({ max: 255 }), { minLength: 64, maxLength: 64 }),
  }),
  fc.constant({ kind: 'bomb' as const }),
  fc.record({
    kind: fc.constant('fakeSize' as const),
    record: fc.nat({ max: 4 }),
    size: fc.integer({ min: 64 * 1024 * 1024 + 1, max: 0xffffffff }),
    where: fc.constantFrom('central' as const, 'both' as const),
  }),
  fc.record({
    kind: fc.constant('traversal' as const),
    prefix: fc.constantFrom('../', '..\\', '/', '\\', 'C:\\', 'C:', './', 'a/../../', '\\\\server\\share\\', '..', '.'),
    stem: fc.constantFrom('x', 'report.json', 'etc/passwd', 'Windows\\System32\\x.dll', '', '..'),
    how: fc.constantFrom('add' as const, 'rename' as const),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), entry: fc.nat({ max: 4 }) }),
  fc.record({ kind: fc.constant('futureVersion' as const), version: fc.integer({ min: 2, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('oversize' as const), maxBytes: fc.nat({ max: 1_000_000 }) }),
)

interface Spoiled {
  bytes: Uint8Array
  options?: ReadPackageOptions
  /** the exact sentence, where the damage determines it */
  expected?: string
  /** valid as a file, but signed by unit B's key: checkKnownKey must refuse it */
  otherKey?: true
}

function flipped(bytes: Uint8Array, at: number, xor: number): Uint8Array {
  const copy = bytes.slice()
  copy[at] ^= xor
  return copy
}

/** unit A's parts with one byte of one part changed */
function editedParts(partIndex: number, at: number, xor: number) {
  const name = PART_NAMES[partIndex]
  return partEntries(f).map((p) => (p.name === name ? { name, data: flipped(p.data, at % p.data.length, xor) } : p))
}

async function spoil(d: Damage): Promise<Spoiled> {
  const { bytes, entries, manifest } = f
  const directoryStart = centralRecordOffsets(bytes)[0]
  switch (d.kind) {
    case 'flip': {
      const at =
        d.region === 'anywhere'
          ? d.at % bytes.length
          : d.region === 'head'
            ? d.at % 200
            : directoryStart + (d.at % (bytes.length - directoryStart))
      return { bytes: flipped(bytes, at, d.xor) }
    }
    case 'truncate':
      return { bytes: bytes.slice(0, d.at % bytes.length), expected: '无法读取：文件不是报送包，或已损坏、不完整' }
    case 'append':
      return {
        bytes: new Uint8Array([...bytes, ...d.extra]),
        expected: '无法读取：文件不是报送包，或已损坏、不完整',
      }
    case 'editPart': {
      const parts = editedParts(d.part, d.at, d.xor)
      const name = PART_NAMES[d.part]
      if (d.then === 'keepManifest')
        return {
          bytes: rezip([entries[0], entries[1], ...parts]),
          expected: `报送包已损坏：${name} 的校验值不符`,
        }
      const rehashed = await manifestFor(manifest, parts)
      if (d.then === 'rehash') {
        const manifestBytes = new TextEncoder().encode(canonicalJson(rehashed))
        return {
          bytes: rezip([{ name: 'manifest.json', data: manifestBytes }, entries[1], ...parts]),
          expected: '签名无效：文件在签名之后被改动过',
        }
      }
      // re-signed by unit B, still under unit A's public key
      return {
        bytes: await signedPackage(rehashed, parts, f.keyB.privateKey),
        expected: '签名无效：文件在签名之后被改动过',
      }
    }
    case 'otherUnitKey':
      // unit A's content, signed by unit B under its own key: another office submitting in A's name
      return {
        bytes: await signedPackage({ ...manifest, publicKey: f.spkiB }, partEntries(f), f.keyB.privateKey),
        otherKey: true,
      }
    case 'signature': {
      const seed = new Uint8Array(d.seed)
      const signature =
        d.how === 'random'
          ? bytesToBase64(seed)
          : d.how === 'otherBytes'
            ? await signDetached(seed, f.keyA.privateKey)
            : d.how === 'garbage'
              ? String.fromCharCode(...d.seed.slice(0, 20).map((b) => 0x21 + (b % 90)))
              : flipChar(new TextDecoder().decode(entries[1].data), d.seed[0] ?? 0, d.seed[1] ?? 0)
      const expected =
        d.how === 'garbage' ? undefined : d.how === 'flipChar' ? undefined : '签名无效：文件在签名之后被改动过'
      return { bytes: rezip(replaceEntry(entries, 'manifest.sig', new TextEncoder().encode(signature))), expected }
    }
    case 'bomb':
      return { bytes: bomb, expected: '报送包解压后过大（200.0 MB），不能超过 64.0 MB，可能是恶意构造的压缩包' }
    case 'fakeSize': {
      const copy = bytes.slice()
      const view = new DataView(copy.buffer)
      const record = centralRecordOffsets(copy)[d.record]
      view.setUint32(record + 24, d.size, true)
      if (d.where === 'both') view.setUint32(view.getUint32(record + 42, true) + 22, d.size, true)
      return { bytes: copy, expected: undefined }
    }
    case 'traversal': {
      const name = d.prefix + d.stem
      const data = new TextEncoder().encode('{}')
      const spoiled =
        d.how === 'add'
          ? [...entries, { name, data }]
          : entries.map((e) => (e.name === 'report.json' ? { name, data: e.data } : e))
      return { bytes: rezip(spoiled), expected: `文件名不安全：${name}` }
    }
    case 'duplicate': {
      const entry = entries[d.entry]
      return { bytes: rezip([...entries, entry]), expected: `报送包中有重复的文件名：${entry.name}` }
    }
    case 'futureVersion':
      return {
        bytes: await signedPackage({ ...manifest, formatVersion: d.version }, partEntries(f), f.keyA.privateKey),
        expected: `报送包格式版本 ${d.version} 高于本程序支持的 1，请升级程序`,
      }
    case 'oversize': {
      const maxBytes = d.maxBytes % bytes.length
      return {
        bytes,
        options: { maxBytes },
        expected: `文件过大（${formatBytes(bytes.length)}），报送包不能超过 ${formatBytes(maxBytes)}`,
      }
    }
  }
}

/** the base64 signature with one character replaced by another base64 character */
function flipChar(signature: string, at: number, by: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const i = at % (signature.length - 2) // not the '=' padding
  const old = signature[i]
  let c = alphabet[by % 64]
  if (c === old) c = alphabet[(by + 1) % 64]
  return signature.slice(0, i) + c + signature.slice(i + 1)
}

const CHINESE = /[\u4e00-\u9fff]/

describe('hostile packages', () => {
  it('the undamaged package reads, so every refusal below is the damage’s', async () => {
    expect((await readPackage(f.bytes, { expectedKind: 'submission' })).ok).toBe(true)
  })

  it('refuses the package with any one byte changed: every byte of the file is checked', async () => {
    // each position once, with a single bit flipped (a different bit from one byte to the next)
    const accepted: number[] = []
    for (let at = 0; at < f.bytes.length; at++) {
      const result = await readPackage(flipped(f.bytes, at, 1 << (at % 8)), { expectedKind: 'submission' })
      if (result.ok || result.messages.length !== 1 || !CHINESE.test(result.messages[0])) accepted.push(at)
    }
    expect(accepted).toEqual([])
  })

  it(`refuses ${RUNS} damaged or forged packages whole, each with one Chinese sentence`, async () => {
    const seen = new Map<Damage['kind'], number>()
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        seen.set(d.kind, (seen.get(d.kind) ?? 0) + 1)
        const spoiled = await spoil(d)
        const result = await readPackage(spoiled.bytes, { expectedKind: 'submission', ...spoiled.options })
        if (spoiled.otherKey) {
          // a valid file from another key: the trust check is what refuses it
          expect(result.ok).toBe(true)
          if (!result.ok) return
          const trusted = checkKnownKey(result.value.fingerprint, f.fingerprintA)
          expect(trusted.ok).toBe(false)
          if (!trusted.ok) expect(trusted.messages[0]).toMatch(/^该单位的签名密钥与登记的不一致/)
          return
        }
        expect(result.ok).toBe(false)
        if (result.ok) return
        expect(Object.keys(result)).toEqual(['ok', 'messages'])
        expect(result.messages).toHaveLength(1)
        expect(result.messages[0]).toMatch(CHINESE)
        if (spoiled.expected !== undefined) expect(result.messages[0]).toBe(spoiled.expected)
      }),
      { numRuns: RUNS },
    )
    // every kind of damage was tried, several times
    expect(seen.size).toBe(12)
    for (const count of seen.values()) expect(count).toBeGreaterThanOrEqual(10)
  })
})
