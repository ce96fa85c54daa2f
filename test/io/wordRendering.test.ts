/**
 * The demo report's .docx as LibreOffice lays it out: converted to PDF with headless soffice and read
 * back with poppler's `pdftotext -bbox-layout` (every word with its box, in points). A .docx that only
 * Word sets right is no use to a unit whose office runs WPS or LibreOffice, and Word cannot run here; so
 * this test holds the document to GB/T 9704 in LibreOffice, the application that read the old grid
 * differently (26 pages, 18 characters a line, "1493.2/5" in the tables, 2–3 annex rows a page):
 *   - body pages: 22 lines of 28 characters;
 *   - no table cell breaks a number, percent or date;
 *   - the landscape 监控表 annex holds at least 8 rows a page;
 *   - the page count fits the length of the real report the demo is drafted from (seed 001).
 *
 * LibreOffice Writer and poppler-utils are system packages: scripts/ensure-libreoffice.mjs installs
 * them with apt-get when run as root (CI) and otherwise stops with the command to run. The conversion
 * runs once, in beforeAll; its own LibreOffice profile lets several runs convert at once.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { defaultSettings } from '../../src/domain/settings'
import { draftReport, LIGHT_WORDS } from '../../src/domain/report'
import type { ReportModel } from '../../src/domain/report'
import { reportDocxBytes } from '../../src/io/word/reportDocx'

const ENSURE = fileURLToPath(new URL('../../scripts/ensure-libreoffice.mjs', import.meta.url))

/** Millimetres in PDF points. */
const pt = (mm: number): number => (mm / 25.4) * 72
/** The 版心 of GB/T 9704 on a portrait A4 page, in points from the top left corner. */
const TEXT = { left: pt(28), right: pt(210 - 26), top: pt(37), bottom: pt(297 - 35) }
/** One 3号 character on the 28-character line: 156 mm ÷ 28. */
const CHAR = (TEXT.right - TEXT.left) / 28
/** 225 mm ÷ 22 lines. */
const LINE = (TEXT.bottom - TEXT.top) / 22

/**
 * The page bound, from seed 001 (且末县自然资源局 2021年1-6月, the real report the demo data comes from).
 * Its running text is 113 paragraphs, 4,684 characters; set 28 characters a line after the two-character
 * indent, they fill 217 lines, 217 ÷ 22 = 9.9 → 10 pages. The demo report is drafted from the same data to
 * the same outline (§7 of the monitoring rules), with the 预算执行情况表 in the text, so its portrait part
 * is allowed 10 pages ± 30 % (7 to 13; wording changes move it by a page or so). The 监控表 annex has the
 * demo's 22 indicators, at 8 or more rows a page at most 3 landscape pages. Before the layout was fixed,
 * LibreOffice made 26 pages of it.
 */
const SEED_001_PAGES = Math.ceil(217 / 22)
const PORTRAIT_PAGES = { min: Math.floor(SEED_001_PAGES * 0.7), max: Math.ceil(SEED_001_PAGES * 1.3) }
const INDICATORS = 22
const MIN_ANNEX_ROWS = 8
const MAX_ANNEX_PAGES = Math.ceil(INDICATORS / MIN_ANNEX_ROWS)

interface Box {
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}
interface Word extends Box {
  text: string
}
/** One printed line: the words of a page whose boxes share a top edge. */
interface Row extends Box {
  words: Word[]
  /** the words joined without the spaces between them */
  text: string
}
interface Page {
  number: number
  width: number
  height: number
  rows: Row[]
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
const decode = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] ?? e)
const box = (attributes: string): Box => {
  const n = (name: string): number => Number(attributes.match(new RegExp(`${name}="([\\d.]+)"`))?.[1] ?? NaN)
  return { xMin: n('xMin'), yMin: n('yMin'), xMax: n('xMax'), yMax: n('yMax') }
}

/** The pages of `pdftotext -bbox-layout` output, each word placed on the printed line it sits on. */
function parsePages(xhtml: string): Page[] {
  return [...xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m, index) => {
    const words = [...(m[3] ?? '').matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w): Word => ({
      ...box(w[1] ?? ''),
      text: decode(w[2] ?? ''),
    }))
    const rows: Row[] = []
    // a line of a justified paragraph or a table row comes as several pdftotext lines; one printed line
    // is every word whose top is within 2 pt of the first one's
    for (const word of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
      const row = rows.find((r) => Math.abs(r.yMin - word.yMin) < 2)
      if (row) row.words.push(word)
      else rows.push({ ...word, words: [word], text: '' })
    }
    for (const row of rows) {
      row.words.sort((a, b) => a.xMin - b.xMin)
      row.text = row.words.map((w) => w.text).join('')
      row.xMin = Math.min(...row.words.map((w) => w.xMin))
      row.xMax = Math.max(...row.words.map((w) => w.xMax))
      row.yMax = Math.max(...row.words.map((w) => w.yMax))
    }
    return { number: index + 1, width: Number(m[1]), height: Number(m[2]), rows }
  })
}

/** Numbers, percents and dates as written in the report: 1493.25, 25.70%, 46%, 2021-10-01, 5200. */
const FIGURES = /\d{4}-\d{1,2}-\d{1,2}|\d+(?:\.\d+)+%?|\d+%|\d{3,}/g
/** How often each figure occurs in the given texts. */
function figureCounts(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const text of texts)
    for (const [figure] of text.matchAll(FIGURES)) counts.set(figure, (counts.get(figure) ?? 0) + 1)
  return counts
}

function demoReport(): ReportModel {
  const dataset = qiemo2021Dataset()
  const settings = defaultSettings()
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error('snapshot')
  return draftReport({ dataset, snapshot: snapshot.value, settings, reportDate: '2021-07-02', edits: {} })
}

function run(command: string, args: string[], timeout: number): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}):\n${r.stderr}`)
  }
  return r.stdout
}

describe('the demo report rendered by LibreOffice (GB/T 9704)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'word-rendering-'))
  let pages: Page[] = []
  let docxParagraphs: string[] = []

  beforeAll(async () => {
    // installs LibreOffice and poppler-utils when missing (as root), else fails with the command to run
    const ensure = spawnSync(process.execPath, [ENSURE], { stdio: 'inherit' })
    if (ensure.status !== 0) throw new Error('LibreOffice 或 poppler-utils 未安装，见上方 [ensure-libreoffice] 的说明')

    const bytes = await reportDocxBytes(demoReport())
    const docx = join(dir, 'report.docx')
    writeFileSync(docx, bytes)
    const documentXml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array())
    docxParagraphs = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join(''),
    )
    run(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        docx,
      ],
      5 * 60_000,
    )
    const pdf = join(dir, 'report.pdf')
    if (!existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}`)
    run('pdftotext', ['-bbox-layout', pdf, join(dir, 'report.html')], 60_000)
    pages = parsePages(readFileSync(join(dir, 'report.html'), 'utf8'))
  }, 20 * 60_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const portrait = (): Page[] => pages.filter((p) => p.height > p.width)
  const landscape = (): Page[] => pages.filter((p) => p.width > p.height)
  /** the printed lines inside the 版心 (not the page number below it) */
  const textRows = (page: Page): Row[] => page.rows.filter((r) => r.yMin >= TEXT.top - 1 && r.yMax <= TEXT.bottom + 1)
  /** The height of a 3号 body line's words, the commonest height on portrait pages. */
  const bodyHeight = (): number => {
    const heights = portrait().flatMap((p) => textRows(p).map((r) => Math.round(r.yMax - r.yMin)))
    const counts = new Map<number, number>()
    for (const h of heights) counts.set(h, (counts.get(h) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? NaN
  }
  const isBodyRow = (row: Row, height: number): boolean => Math.abs(row.yMax - row.yMin - height) < 1
  /** portrait pages after the first (title) holding nothing but 3号 lines: no table */
  const runningTextPages = (): Page[] => {
    const height = bodyHeight()
    return portrait().filter((p) => p.number > 1 && textRows(p).every((r) => isBodyRow(r, height)))
  }

  it('has running-text pages, a portrait report and a landscape annex to measure', () => {
    expect(runningTextPages().length).toBeGreaterThanOrEqual(5)
    expect(landscape().length).toBeGreaterThanOrEqual(1)
    // landscape pages come last, as the annex section
    expect(pages.findIndex((p) => p.width > p.height)).toBe(portrait().length)
  })

  it('sets body lines 225 mm ÷ 22 apart, from the top of the 版心, and never more than 22 on a page', () => {
    const gaps = runningTextPages().flatMap((p) =>
      textRows(p)
        .slice(1)
        .map((r, i) => r.yMin - (textRows(p)[i]?.yMin ?? 0)),
    )
    expect(gaps.length).toBeGreaterThan(50)
    // every step is one line (or two, after an empty paragraph) of the 22-line pitch
    for (const gap of gaps) expect(gap / LINE - Math.round(gap / LINE)).toBeCloseTo(0, 1)
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? NaN
    expect(median).toBeCloseTo(LINE, 1)
    const counts = runningTextPages().map((p) => textRows(p).length)
    expect(Math.max(...counts)).toBe(22)
    // a page ends early only where a heading is kept with its next paragraph
    for (const count of counts.slice(0, -1)) expect(count).toBeGreaterThanOrEqual(19)
    for (const page of runningTextPages()) {
      const rows = textRows(page)
      expect(rows[0]?.yMin ?? 0).toBeLessThan(TEXT.top + LINE)
      expect(rows.at(-1)?.yMax ?? Infinity).toBeLessThanOrEqual(TEXT.bottom)
    }
  })

  it('holds 28 ± 2 characters on every full line of Chinese running text', () => {
    const height = bodyHeight()
    // full lines: up to the right margin (not a paragraph's last line), from the left margin or from the
    // two-character indent of a first line; in Chinese only, as Latin digits' widths come from the
    // fallback font, not from the layout
    const indent = (r: Row): number | null =>
      Math.abs(r.xMin - TEXT.left) < CHAR / 2 ? 0 : Math.abs(r.xMin - TEXT.left - 2 * CHAR) < CHAR / 2 ? 2 : null
    const lengths = portrait()
      .flatMap((p) => textRows(p))
      .filter((r) => isBodyRow(r, height) && r.xMax > TEXT.right - CHAR && !/[\x21-\x7e]/.test(r.text))
      .flatMap((r) => {
        const chars = indent(r)
        return chars === null ? [] : [chars + [...r.text].length]
      })
    expect(lengths.length).toBeGreaterThanOrEqual(20)
    for (const length of lengths) expect(length).toBeGreaterThanOrEqual(26)
    for (const length of lengths) expect(length).toBeLessThanOrEqual(30)
    expect(lengths.filter((n) => n === 28).length).toBeGreaterThan(lengths.length / 2)
  })

  it('breaks no number, percent or date, in the tables or the text', () => {
    // a figure cut at a cell's edge ("1493.2" / "5") is missing whole and turns up in pieces
    const expected = figureCounts(docxParagraphs)
    const rendered = figureCounts(pages.flatMap((p) => p.rows.flatMap((r) => r.words.map((w) => w.text))))
    // the budget total in the text and four table cells, and many more figures besides
    expect(expected.get('1493.25')).toBeGreaterThanOrEqual(5)
    expect(expected.size).toBeGreaterThan(30)
    const differences = [...new Set([...expected.keys(), ...rendered.keys()])]
      .filter((figure) => expected.get(figure) !== rendered.get(figure))
      .map((figure) => `${figure}: ${expected.get(figure) ?? 0} in the .docx, ${rendered.get(figure) ?? 0} in the PDF`)
    expect(differences).toEqual([])
  })

  it(`holds at least ${MIN_ANNEX_ROWS} rows of the 监控表 on each landscape page`, () => {
    // each indicator row has one light cell, whose word (红灯 …) stands alone in it
    const lights = new Set(Object.values(LIGHT_WORDS))
    const rowsPerPage = landscape().map((p) => p.rows.flatMap((r) => r.words).filter((w) => lights.has(w.text)).length)
    expect(rowsPerPage.reduce((a, b) => a + b, 0)).toBe(INDICATORS)
    expect(rowsPerPage.length).toBeLessThanOrEqual(MAX_ANNEX_PAGES)
    for (const rows of rowsPerPage.slice(0, -1)) expect(rows).toBeGreaterThanOrEqual(MIN_ANNEX_ROWS)
  })

  it(`is as long as seed 001 set as a 公文: ${PORTRAIT_PAGES.min}–${PORTRAIT_PAGES.max} portrait pages and at most ${MAX_ANNEX_PAGES} for the annex`, () => {
    expect(portrait().length).toBeGreaterThanOrEqual(PORTRAIT_PAGES.min)
    expect(portrait().length).toBeLessThanOrEqual(PORTRAIT_PAGES.max)
    expect(landscape().length).toBeGreaterThanOrEqual(1)
    expect(landscape().length).toBeLessThanOrEqual(MAX_ANNEX_PAGES)
  })
})
