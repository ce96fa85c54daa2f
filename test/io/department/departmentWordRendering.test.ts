/**
 * The 部门汇总报告's .docx (io/word/reportDocx, the unit report's 公文 layout, unchanged) as LibreOffice
 * lays it out, checked as test/io/wordRendering.test.ts checks the unit report: converted to PDF with
 * headless soffice, read back with `pdftotext -bbox-layout`. The title is there; body lines sit on the
 * 225 mm ÷ 22 pitch, at most 22 a page, 28 ± 2 characters on a full line; every number, percent and date
 * of the .docx is whole in the PDF, among them the sums 13523.81 / 12216.27 → 90.33% (docs/domain-rules.md
 * §17.2); the 汇总表 annex is a landscape page with every unit, 未报送 included.
 *
 * LibreOffice and poppler-utils: scripts/ensure-libreoffice.mjs installs them as root, else says how.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { reportDocxBytes } from '../../../src/io/word/reportDocx'
import { departmentModel } from './departmentModel'

const ENSURE = fileURLToPath(new URL('../../../scripts/ensure-libreoffice.mjs', import.meta.url))
const pt = (mm: number): number => (mm / 25.4) * 72
const TEXT = { left: pt(28), right: pt(210 - 26), top: pt(37), bottom: pt(297 - 35) }
const CHAR = (TEXT.right - TEXT.left) / 28
const LINE = (TEXT.bottom - TEXT.top) / 22

interface Word {
  xMin: number
  yMin: number
  xMax: number
  yMax: number
  text: string
}
interface Row extends Word {
  words: Word[]
}
interface Page {
  width: number
  height: number
  rows: Row[]
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
const decode = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] ?? e)
const attr = (attributes: string, name: string): number =>
  Number(attributes.match(new RegExp(`${name}="([\\d.]+)"`))?.[1] ?? NaN)

/** Pages of `pdftotext -bbox-layout` output, words grouped into printed lines (tops within 2 pt). */
function parsePages(xhtml: string): Page[] {
  return [...xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => {
    const words = [...(m[3] ?? '').matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w): Word => ({
      xMin: attr(w[1] ?? '', 'xMin'),
      yMin: attr(w[1] ?? '', 'yMin'),
      xMax: attr(w[1] ?? '', 'xMax'),
      yMax: attr(w[1] ?? '', 'yMax'),
      text: decode(w[2] ?? ''),
    }))
    const rows: Row[] = []
    for (const word of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
      const row = rows.find((r) => Math.abs(r.yMin - word.yMin) < 2)
      if (row) row.words.push(word)
      else rows.push({ ...word, words: [word] })
    }
    for (const row of rows) {
      row.words.sort((a, b) => a.xMin - b.xMin)
      row.text = row.words.map((w) => w.text).join('')
      row.xMin = Math.min(...row.words.map((w) => w.xMin))
      row.xMax = Math.max(...row.words.map((w) => w.xMax))
      row.yMax = Math.max(...row.words.map((w) => w.yMax))
    }
    return { width: Number(m[1]), height: Number(m[2]), rows }
  })
}

const FIGURES = /\d{4}-\d{1,2}-\d{1,2}|\d+(?:\.\d+)+%?|\d+%|\d{3,}/g
function figureCounts(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const text of texts)
    for (const [figure] of text.matchAll(FIGURES)) counts.set(figure, (counts.get(figure) ?? 0) + 1)
  return counts
}

function run(command: string, args: string[], timeout: number): void {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}):\n${r.stderr}`)
}

describe('the 部门汇总报告 rendered by LibreOffice (GB/T 9704)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'department-word-'))
  let pages: Page[] = []
  let docxParagraphs: string[] = []

  beforeAll(async () => {
    const ensure = spawnSync(process.execPath, [ENSURE], { stdio: 'inherit' })
    if (ensure.status !== 0) throw new Error('LibreOffice 或 poppler-utils 未安装，见上方 [ensure-libreoffice] 的说明')
    const bytes = await reportDocxBytes(departmentModel())
    const docx = join(dir, 'department.docx')
    writeFileSync(docx, bytes)
    const documentXml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array())
    docxParagraphs = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join(''),
    )
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`
    run('soffice', [profile, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], 5 * 60_000)
    const pdf = join(dir, 'department.pdf')
    if (!existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}`)
    run('pdftotext', ['-bbox-layout', pdf, join(dir, 'department.html')], 60_000)
    pages = parsePages(readFileSync(join(dir, 'department.html'), 'utf8'))
  }, 20 * 60_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const portrait = (): Page[] => pages.filter((p) => p.height > p.width)
  const landscape = (): Page[] => pages.filter((p) => p.width > p.height)
  const textRows = (page: Page): Row[] => page.rows.filter((r) => r.yMin >= TEXT.top - 1 && r.yMax <= TEXT.bottom + 1)
  /** the height of a 3号 line's words: the commonest on portrait pages */
  const bodyHeight = (): number => {
    const counts = new Map<number, number>()
    for (const h of portrait().flatMap((p) => textRows(p).map((r) => Math.round(r.yMax - r.yMin))))
      counts.set(h, (counts.get(h) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? NaN
  }
  const isBodyRow = (row: Row): boolean => Math.abs(row.yMax - row.yMin - bodyHeight()) < 1

  it('has the title on the first page, portrait report pages and the landscape 汇总表 annex last', () => {
    const first = pages[0]?.rows.map((r) => r.text).join('') ?? ''
    expect(first).toContain('且末县财政局整体支出绩效监控汇总报告')
    expect(first).toContain('部门单位名称（公章）：且末县财政局')
    expect(portrait().length).toBeGreaterThanOrEqual(2)
    expect(landscape().length).toBe(1)
    expect(pages.findIndex((p) => p.width > p.height)).toBe(portrait().length)
    const annex = landscape()[0]?.rows.map((r) => r.text) ?? []
    expect(annex.some((t) => t.startsWith('合计'))).toBe(true)
    expect(annex.some((t) => t.includes('且末县林草局') && t.includes('未报送'))).toBe(true)
  })

  it('sets body lines 225 mm ÷ 22 apart and never more than 22 on a page', () => {
    const bodyPages = portrait().map((p) => textRows(p).filter(isBodyRow))
    // steps between neighbouring 3号 lines (a table between two lines is not a step of the grid)
    const gaps = portrait().flatMap((p) => {
      const rows = textRows(p)
      return rows.slice(1).flatMap((r, i) => {
        const above = rows[i]
        return above && isBodyRow(above) && isBodyRow(r) ? [r.yMin - above.yMin] : []
      })
    })
    expect(gaps.length).toBeGreaterThan(20)
    for (const gap of gaps) expect(gap / LINE - Math.round(gap / LINE)).toBeCloseTo(0, 1)
    const counts = bodyPages.map((rows) => rows.length)
    expect(Math.max(...counts)).toBeLessThanOrEqual(22)
    // the first page is full (title, 填报信息, then running text): its lines span 22 grid positions
    const first = textRows(portrait()[0] ?? { width: 0, height: 0, rows: [] })
    const span = ((first.at(-1)?.yMin ?? 0) - (first[0]?.yMin ?? 0)) / LINE + 1
    expect(Math.round(span)).toBe(22)
    expect(first.at(-1)?.yMax ?? Infinity).toBeLessThanOrEqual(TEXT.bottom)
  })

  it('holds 28 ± 2 characters on every full line of Chinese running text', () => {
    const indent = (r: Row): number | null =>
      Math.abs(r.xMin - TEXT.left) < CHAR / 2 ? 0 : Math.abs(r.xMin - TEXT.left - 2 * CHAR) < CHAR / 2 ? 2 : null
    const lengths = portrait()
      .flatMap((p) => textRows(p))
      .filter((r) => isBodyRow(r) && r.xMax > TEXT.right - CHAR && !/[\x21-\x7e]/.test(r.text))
      .flatMap((r) => {
        const chars = indent(r)
        return chars === null ? [] : [chars + [...r.text].length]
      })
    expect(lengths.length).toBeGreaterThanOrEqual(5)
    for (const length of lengths) expect(length).toBeGreaterThanOrEqual(26)
    for (const length of lengths) expect(length).toBeLessThanOrEqual(30)
  })

  it('prints every number, percent and date whole, the sums 13523.81 / 12216.27 → 90.33% among them', () => {
    const expected = figureCounts(docxParagraphs)
    const rendered = figureCounts(pages.flatMap((p) => p.rows.flatMap((r) => r.words.map((w) => w.text))))
    // the text, the budget table's 部门合计 row and the annex's 合计 row
    expect(expected.get('13523.81')).toBeGreaterThanOrEqual(3)
    expect(expected.get('12216.27')).toBeGreaterThanOrEqual(3)
    expect(expected.get('90.33%')).toBeGreaterThanOrEqual(3)
    const differences = [...new Set([...expected.keys(), ...rendered.keys()])]
      .filter((figure) => expected.get(figure) !== rendered.get(figure))
      .map((figure) => `${figure}: ${expected.get(figure) ?? 0} in the .docx, ${rendered.get(figure) ?? 0} in the PDF`)
    expect(differences).toEqual([])
  })
})
