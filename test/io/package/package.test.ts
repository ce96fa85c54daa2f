/**
 * Writing and reading a signed package: a 报送包 round-trips with its fingerprint, and each way a file
 * can be wrong is refused whole with its one Chinese sentence (docs/package-format.md §6, in order).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '@/domain/canonicalJson'
import { checkKnownKey, keyFingerprint } from '@/io/package/keys'
import { PACKAGE_FORMAT_VERSION } from '@/io/package/manifest'
import { DEFAULT_PACKAGE_LIMITS, packageSha256, readPackage, writePackage } from '@/io/package/package'
import { crc32 } from '@/io/package/zip'
import {
  buildFixture,
  CREATED_AT,
  entriesOf,
  expectOkValue,
  manifestFor,
  partEntries,
  replaceEntry,
  rezip,
  sampleParts,
  signedPackage,
  writeRawZip,
  zipBomb,
  type Fixture,
} from './helpers'

let f: Fixture
const text = (s: string) => new TextEncoder().encode(s)
const refusal = (message: string) => ({ ok: false, messages: [message] })

beforeAll(async () => {
  f = await buildFixture()
})

async function read(bytes: Uint8Array, options = {}) {
  return readPackage(bytes, { expectedKind: 'submission', ...options })
}

describe('a 报送包 round trip', () => {
  it('reads back the manifest, every part and the signer’s fingerprint', async () => {
    const pkg = expectOkValue(await read(f.bytes))
    expect(pkg.manifest).toEqual({
      format: 'jixiao-jiankong-package',
      formatVersion: 1,
      kind: 'submission',
      unit: { id: 'unit-a', name: '且末县自然资源局' },
      year: 2021,
      node: { id: 'node-1-6', label: '1-6月' },
      createdAt: CREATED_AT,
      publicKey: f.spkiA,
      parts: pkg.manifest.parts,
    })
    expect(pkg.manifest.parts.map((p) => p.path)).toEqual(['node.json', 'report.json', 'unit-year.json'])
    expect(pkg.json).toEqual(sampleParts())
    expect(new TextDecoder().decode(pkg.parts['report.json'])).toBe(JSON.stringify(sampleParts()['report.json']))
    expect(pkg.publicKey).toBe(f.spkiA)
    expect(pkg.fingerprint).toBe(f.fingerprintA)
    expect(checkKnownKey(pkg.fingerprint, f.fingerprintA).ok).toBe(true)
    expect(pkg.sha256).toBe(await packageSha256(f.bytes))
    expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('lays the zip out as manifest.json, manifest.sig, then the parts by name', () => {
    expect(f.entries.map((e) => e.name)).toEqual([
      'manifest.json',
      'manifest.sig',
      'node.json',
      'report.json',
      'unit-year.json',
    ])
    // the manifest is canonical JSON: keys sorted at every level
    const manifestText = new TextDecoder().decode(f.entries[0].data)
    expect(manifestText).toBe(canonicalJson(JSON.parse(manifestText)))
  })

  it('keeps a part given as bytes exactly as it is', async () => {
    const bytes = text('{ "decision" : "通过" }\n')
    const written = expectOkValue(await writePackage({ ...f.input, kind: 'receipt', parts: { 'receipt.json': bytes } }))
    const pkg = expectOkValue(await readPackage(written, { expectedKind: 'receipt' }))
    expect(pkg.parts['receipt.json']).toEqual(bytes)
  })

  it('writes the same manifest for the same input, so a package imported twice is recognised', async () => {
    const again = expectOkValue(await writePackage(f.input))
    const first = expectOkValue(await read(f.bytes))
    const second = expectOkValue(await read(again))
    // ECDSA signatures are randomised: the files differ, the signed manifest does not
    expect(second.manifestSha256).toBe(first.manifestSha256)
    expect(second.sha256).not.toBe(first.sha256)
  })

  it('reads a 回执 and refuses it where a 报送包 is expected', async () => {
    const receipt = expectOkValue(
      await writePackage({
        ...f.input,
        kind: 'receipt',
        parts: { 'receipt.json': { decision: '退回', opinion: '请补充偏差原因' } },
      }),
    )
    const pkg = expectOkValue(await readPackage(receipt, { expectedKind: 'receipt' }))
    expect(pkg.json['receipt.json']).toEqual({ decision: '退回', opinion: '请补充偏差原因' })
    expect(await read(receipt)).toEqual(refusal('这是回执，不是报送包'))
  })
})

describe('the writer', () => {
  it('refuses a package no reader would take', async () => {
    const { 'node.json': _dropped, ...twoParts } = sampleParts()
    expect(await writePackage({ ...f.input, parts: twoParts })).toEqual(refusal('报送包不完整：缺少 node.json'))
    expect(await writePackage({ ...f.input, parts: { ...sampleParts(), 'extra.json': {} } })).toEqual(
      refusal('报送包的清单列出了本程序不认识的文件：extra.json'),
    )
    expect(await writePackage({ ...f.input, unit: { id: 'u', name: ' ' } })).toEqual(
      refusal('报送包的清单 manifest.json 有误：字段“unit”缺失或格式不对'),
    )
    const huge = { ...sampleParts(), 'unit-year.json': new Uint8Array(DEFAULT_PACKAGE_LIMITS.maxBytes + 1) }
    expect(await writePackage({ ...f.input, parts: huge })).toEqual(
      refusal('报送包过大（64.0 MB），超过了接收方能读取的 64.0 MB'),
    )
    expect(await writePackage({ ...f.input, createdAt: '2021-07-05 08:30' })).toEqual(
      refusal('报送包的清单 manifest.json 有误：字段“createdAt”缺失或格式不对'),
    )
  })
})

describe('a bad file is refused whole, with one sentence', () => {
  it('refuses a file over the size limit before reading it', async () => {
    expect(await read(f.bytes, { maxBytes: 1000 })).toEqual(
      refusal(`文件过大（${(f.bytes.length / 1024).toFixed(1)} KB），报送包不能超过 1000 字节`),
    )
    const huge = new Uint8Array(DEFAULT_PACKAGE_LIMITS.maxBytes + 1)
    expect(await read(huge)).toEqual(refusal('文件过大（64.0 MB），报送包不能超过 64.0 MB'))
  })

  it('refuses a truncated file', async () => {
    expect(await read(f.bytes.slice(0, f.bytes.length - 1))).toEqual(
      refusal('无法读取：文件不是报送包，或已损坏、不完整'),
    )
    expect(await readPackage(f.bytes.slice(0, 100))).toEqual(refusal('无法读取：文件不是数据包，或已损坏、不完整'))
  })

  it('refuses too many entries before reading them', async () => {
    const many = rezip([
      ...f.entries,
      ...Array.from({ length: 20 }, (_, i) => ({ name: `x${i}.json`, data: text('{}') })),
    ])
    expect(await read(many)).toEqual(refusal('报送包中的文件数过多（25 个），不能超过 16 个'))
  })

  it('refuses a zip bomb (200 MB of zeros in 1.3 MB) on its declared size, without inflating it', async () => {
    const bomb = zipBomb(f.entries[0])
    expect(bomb.bytes.length).toBeLessThan(1_400_000)
    expect(await read(bomb.bytes)).toEqual(
      refusal('报送包解压后过大（200.0 MB），不能超过 64.0 MB，可能是恶意构造的压缩包'),
    )
  })

  it('refuses a compressed entry that lies about its size, without inflating it', async () => {
    const lying = zipBomb(f.entries[0])
    const view = new DataView(lying.bytes.buffer)
    // the report.json record is the second of the central directory; declare 1 KB
    const central = view.getUint32(lying.bytes.length - 22 + 16, true)
    const second = central + 46 + 'manifest.json'.length
    view.setUint32(second + 24, 1024, true)
    expect(await read(lying.bytes)).toEqual(refusal('报送包中的 report.json 使用了本程序不支持的压缩方式或加密'))
  })

  it('refuses a deflated entry as an unsupported compression', async () => {
    const manifest = f.entries[0]
    const bytes = writeRawZip([
      { name: manifest.name, data: manifest.data, method: 8, size: manifest.data.length, crc: crc32(manifest.data) },
    ])
    expect(await read(bytes)).toEqual(refusal('报送包中的 manifest.json 使用了本程序不支持的压缩方式或加密'))
  })

  it('refuses a file that is not a package', async () => {
    expect(await read(rezip([{ name: 'word.xml', data: text('<w/>') }]))).toEqual(
      refusal('这不是报送包：缺少清单 manifest.json'),
    )
  })

  it('refuses unsafe names: traversal, absolute, backslash, drive, hidden, non-ASCII', async () => {
    for (const name of ['../x', '/etc/passwd', 'a/../../b', '..\\x', 'C:x', '.hidden', '..', 'a\u0000b', '报告.json']) {
      const bytes = rezip([...f.entries, { name, data: text('{}') }])
      expect(await read(bytes)).toEqual(refusal(`文件名不安全：${name.replace('\u0000', '?')}`))
    }
    const reordering = rezip([...f.entries, { name: 'x\u202Egnp.exe', data: text('{}') }])
    expect(await read(reordering)).toEqual(refusal('文件名不安全：x?gnp.exe'))
  })

  it('refuses duplicate names, also when they differ only in case', async () => {
    const report = f.entries.find((e) => e.name === 'report.json')!
    expect(await read(rezip([...f.entries, report]))).toEqual(refusal('报送包中有重复的文件名：report.json'))
    expect(await read(rezip([...f.entries, { name: 'Report.json', data: report.data }]))).toEqual(
      refusal('报送包中有重复的文件名：Report.json'),
    )
  })

  it('refuses a local header that differs from its directory record', async () => {
    const bytes = f.bytes.slice()
    bytes[10] ^= 1 // the first entry's time, in its local header only
    expect(await read(bytes)).toEqual(refusal('报送包已损坏：manifest.json 的压缩包记录不一致'))
  })

  it('refuses an entry whose content no longer matches its CRC', async () => {
    const bytes = f.bytes.slice()
    bytes[30 + 'manifest.json'.length + 5] ^= 1 // inside the manifest's bytes
    expect(await read(bytes)).toEqual(refusal('报送包已损坏：manifest.json 的内容与压缩包记录的校验码不符'))
  })

  it('refuses a manifest that is not JSON, or not ours', async () => {
    expect(await read(rezip(replaceEntry(f.entries, 'manifest.json', text('{not json'))))).toEqual(
      refusal('报送包的清单 manifest.json 无法读取：不是有效的 JSON'),
    )
    expect(await read(rezip(replaceEntry(f.entries, 'manifest.json', text('{"format":"other"}'))))).toEqual(
      refusal('这不是本程序生成的报送包：清单格式不符'),
    )
  })

  it('refuses a future format version and asks for an upgrade', async () => {
    const bytes = await signedPackage(
      { ...f.manifest, formatVersion: 3, newField: true },
      partEntries(f),
      f.keyA.privateKey,
    )
    expect(await read(bytes)).toEqual(
      refusal(`报送包格式版本 3 高于本程序支持的 ${PACKAGE_FORMAT_VERSION}，请升级程序`),
    )
  })

  it('refuses a manifest with a missing, wrong or unknown field', async () => {
    const parts = partEntries(f)
    const { year: _year, ...noYear } = f.manifest
    expect(await read(await signedPackage(noYear, parts, f.keyA.privateKey))).toEqual(
      refusal('报送包的清单 manifest.json 有误：字段“year”缺失或格式不对'),
    )
    expect(await read(await signedPackage({ ...f.manifest, createdAt: '昨天' }, parts, f.keyA.privateKey))).toEqual(
      refusal('报送包的清单 manifest.json 有误：字段“createdAt”缺失或格式不对'),
    )
    expect(await read(await signedPackage({ ...f.manifest, extra: 1 }, parts, f.keyA.privateKey))).toEqual(
      refusal('报送包的清单 manifest.json 含有本程序不认识的字段“extra”'),
    )
  })

  it('refuses a manifest that lists the wrong parts', async () => {
    const parts = partEntries(f)
    const listed = (await manifestFor(f.manifest, parts)).parts
    const twoListed = { ...f.manifest, parts: listed.filter((p) => p.path !== 'node.json') }
    expect(await read(await signedPackage(twoListed, parts, f.keyA.privateKey))).toEqual(
      refusal('报送包不完整：缺少 node.json'),
    )
    const traversal = { ...f.manifest, parts: [...listed, { ...listed[0], path: '../x' }] }
    expect(await read(await signedPackage(traversal, parts, f.keyA.privateKey))).toEqual(refusal('文件名不安全：../x'))
  })

  it('refuses a file in the zip that the manifest does not list, and a listed part that is missing', async () => {
    expect(await read(rezip([...f.entries, { name: 'notes.txt', data: text('hi') }]))).toEqual(
      refusal('报送包含有清单之外的文件：notes.txt'),
    )
    expect(await read(rezip(f.entries.filter((e) => e.name !== 'node.json')))).toEqual(
      refusal('报送包已损坏：缺少 node.json'),
    )
  })

  it('refuses a part whose size or SHA-256 does not match the manifest', async () => {
    const report = f.entries.find((e) => e.name === 'report.json')!
    const longer = new Uint8Array([...report.data, 0x20])
    expect(await read(rezip(replaceEntry(f.entries, 'report.json', longer)))).toEqual(
      refusal('报送包已损坏：report.json 的大小不符'),
    )
    const edited = report.data.slice()
    edited[20] ^= 1
    expect(await read(rezip(replaceEntry(f.entries, 'report.json', edited)))).toEqual(
      refusal('报送包已损坏：report.json 的校验值不符'),
    )
  })

  it('refuses a manifest edited after signing (the checksums recomputed, not re-signed)', async () => {
    const report = f.entries.find((e) => e.name === 'report.json')!
    const edited = new TextEncoder().encode(new TextDecoder().decode(report.data).replace('25.70%', '95.70%'))
    const parts = partEntries(f).map((p) => (p.name === 'report.json' ? { name: p.name, data: edited } : p))
    const manifest = new TextEncoder().encode(canonicalJson(await manifestFor(f.manifest, parts)))
    const signature = f.entries.find((e) => e.name === 'manifest.sig')!
    const bytes = rezip([{ name: 'manifest.json', data: manifest }, signature, ...parts])
    expect(await read(bytes)).toEqual(refusal('签名无效：文件在签名之后被改动过'))
  })

  it('refuses a manifest re-signed by another key under unit A’s public key', async () => {
    const bytes = await signedPackage(f.manifest, partEntries(f), f.keyB.privateKey)
    expect(await read(bytes)).toEqual(refusal('签名无效：文件在签名之后被改动过'))
  })

  it('reads a package signed by another unit’s key, which checkKnownKey then refuses', async () => {
    const bytes = await signedPackage({ ...f.manifest, publicKey: f.spkiB }, partEntries(f), f.keyB.privateKey)
    const pkg = expectOkValue(await read(bytes))
    expect(pkg.fingerprint).toBe(await keyFingerprint(f.spkiB))
    expect(checkKnownKey(pkg.fingerprint, f.fingerprintA)).toEqual(
      refusal(
        `该单位的签名密钥与登记的不一致：文件的密钥指纹为 ${f.fingerprintB}，登记的为 ${f.fingerprintA}。文件可能不是该单位制作的；若该单位确已更换密钥，请与其核对新指纹后重新登记`,
      ),
    )
  })

  it('refuses a missing or malformed signature, and an invalid public key', async () => {
    expect(await read(rezip(f.entries.filter((e) => e.name !== 'manifest.sig')))).toEqual(
      refusal('报送包没有签名（缺少 manifest.sig）'),
    )
    expect(await read(rezip(replaceEntry(f.entries, 'manifest.sig', text('not a signature'))))).toEqual(
      refusal('签名无效：签名不是本程序使用的格式'),
    )
    expect(await read(rezip(replaceEntry(f.entries, 'manifest.sig', text('AAAA'))))).toEqual(
      refusal('签名无效：签名不是本程序使用的格式'),
    )
    const badKey = await signedPackage({ ...f.manifest, publicKey: 'AAAA' }, partEntries(f), f.keyA.privateKey)
    expect(await read(badKey)).toEqual(refusal('报送包中的公钥无效，无法核对签名'))
  })

  it('refuses a signed package whose .json part is not JSON', async () => {
    const parts = partEntries(f).map((p) => (p.name === 'node.json' ? { name: p.name, data: text('{oops') } : p))
    const bytes = await signedPackage(await manifestFor(f.manifest, parts), parts, f.keyA.privateKey)
    expect(await read(bytes)).toEqual(refusal('报送包中的 node.json 不是有效的 JSON'))
  })

  it('never returns a part of a refused package', async () => {
    const result = await read(f.bytes.slice(0, -5))
    expect(Object.keys(result)).toEqual(['ok', 'messages'])
    expect(entriesOf(f.bytes)).toHaveLength(5)
  })
})
