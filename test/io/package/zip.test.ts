/**
 * The zip profile (docs/package-format.md §2): what the writer lays out is a standard zip any tool
 * opens, and the reader refuses anything outside the profile with one Chinese sentence.
 */
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { unzipSync, zipSync } from 'fflate'
import { crc32, dosDateTime, readStoredZip, writeStoredZip } from '@/io/package/zip'
import { deflatedZeros } from './helpers'

const LIMITS = { maxBytes: 1e6, maxEntries: 16, maxUncompressedBytes: 1e6 }
const text = (s: string) => new TextEncoder().encode(s)

describe('the stored zip', () => {
  it('computes the standard CRC-32 (0xCBF43926 for "123456789")', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })

  it('computes the same CRC-32 as zlib for every length and alignment (8 bytes a step, then the rest)', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 31 + (i >> 8)) & 0xff)
    expect(crc32(bytes)).toBe(zlib.crc32(bytes))
    for (let n = 0; n < 40; n++) {
      const slice = bytes.subarray(n * 7, n * 7 + n)
      expect(crc32(slice)).toBe(zlib.crc32(slice))
    }
  })

  it('dates entries in UTC, two-second resolution, and 1980-01-01 before the DOS epoch', () => {
    expect(dosDateTime('2021-07-05T08:30:17.000Z')).toEqual({
      date: (41 << 9) | (7 << 5) | 5,
      time: (8 << 11) | (30 << 5) | 8,
    })
    expect(dosDateTime('1970-01-01T00:00:00.000Z')).toEqual({ date: (1 << 5) | 1, time: 0 })
  })

  it('writes a standard zip that fflate opens, and reads it back', () => {
    const entries = [
      { name: 'manifest.json', data: text('{"a":1}') },
      { name: 'report.json', data: text('{"标题":"且末县"}') },
      { name: 'empty.json', data: new Uint8Array() },
    ]
    const bytes = writeStoredZip(entries, dosDateTime('2021-07-05T08:30:00.000Z'))
    const opened = unzipSync(bytes)
    expect(Object.keys(opened)).toEqual(['manifest.json', 'report.json', 'empty.json'])
    expect(new TextDecoder().decode(opened['report.json'])).toBe('{"标题":"且末县"}')
    const read = readStoredZip(bytes, LIMITS, '报送包')
    expect(read).toEqual({ ok: true, value: entries })
  })

  it('refuses a deflated zip (as fflate writes by default): v1 never inflates', () => {
    const bytes = zipSync({ 'manifest.json': text('{"a":1}'.repeat(50)) })
    expect(readStoredZip(bytes, LIMITS, '报送包')).toEqual({
      ok: false,
      messages: ['报送包中的 manifest.json 使用了本程序不支持的压缩方式或加密'],
    })
  })

  it('refuses an empty file, a file of junk and a zip with a comment as unreadable', () => {
    const unreadable = { ok: false, messages: ['无法读取：文件不是报送包，或已损坏、不完整'] }
    const good = writeStoredZip([{ name: 'manifest.json', data: text('{}') }], dosDateTime('2021-01-01T00:00:00.000Z'))
    const withComment = new Uint8Array([...good, 0x41, 0x42])
    new DataView(withComment.buffer).setUint16(good.length - 2, 2, true)
    expect(readStoredZip(new Uint8Array(), LIMITS, '报送包')).toEqual(unreadable)
    expect(readStoredZip(text('PK not really a zip, just text long enough'), LIMITS, '报送包')).toEqual(unreadable)
    expect(readStoredZip(withComment, LIMITS, '报送包')).toEqual(unreadable)
  })

  it('refuses a zip without manifest.json as not a package (a .docx picked by mistake)', () => {
    const docx = writeStoredZip(
      [{ name: 'word/document.xml', data: text('<w:document/>') }],
      dosDateTime('2021-01-01T00:00:00.000Z'),
    )
    expect(readStoredZip(docx, LIMITS, '报送包')).toEqual({
      ok: false,
      messages: ['这不是报送包：缺少清单 manifest.json'],
    })
  })

  it('refuses an entry whose content does not match its CRC', () => {
    const data = text('{}')
    const bytes = writeStoredZip([{ name: 'manifest.json', data }], { date: 0, time: 0 })
    const view = new DataView(bytes.buffer)
    // the CRC field of the local header and of the central-directory record, changed alike
    const central = bytes.length - 22 - (46 + 'manifest.json'.length)
    view.setUint32(14, crc32(data) ^ 1, true)
    view.setUint32(central + 16, crc32(data) ^ 1, true)
    expect(readStoredZip(bytes, LIMITS, '回执')).toEqual({
      ok: false,
      messages: ['回执已损坏：manifest.json 的内容与压缩包记录的校验码不符'],
    })
  })

  it('builds 200 MB of zeros as a 1.3 MB DEFLATE stream (checked on a small one)', () => {
    const small = deflatedZeros(100)
    const inflated = zlib.inflateRawSync(small.data)
    expect(inflated.length).toBe(25_801)
    expect(small.size).toBe(25_801)
    expect(inflated.every((b) => b === 0)).toBe(true)
    const big = deflatedZeros(812_850)
    expect(big.size).toBe(209_715_301)
    expect(big.data.length).toBeLessThan(1_400_000)
  })
})
