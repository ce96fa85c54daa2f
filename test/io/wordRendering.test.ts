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
 * The conversion, the page geometry and the shared measures are in ./pdfLayout; the conversion runs
 * once, in beforeAll.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { defaultSettings } from '../../src/domain/settings'
import { draftReport, LIGHT_WORDS } from '../../src/domain/report'
import type { ReportModel } from '../../src/domain/report'
import { reportDocxBytes } from '../../src/io/word/reportDocx'
import {
  bodyHeight,
  expect28CharacterLines,
  expectFiguresWhole,
  expectOnLineGrid,
  figureCounts,
  fullLineLengths,
  isBodyRow,
  landscapePages,
  LINE,
  portraitPages,
  renderDocx,
  renderedFigureCounts,
  TEXT,
  textRows,
} from './pdfLayout'
import type { Page } from './pdfLayout'

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

function demoReport(): ReportModel {
  const dataset = qiemo2021Dataset()
  const settings = defaultSettings()
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error('snapshot')
  return draftReport({ dataset, snapshot: snapshot.value, settings, reportDate: '2021-07-02', edits: {} })
}

describe('the demo report rendered by LibreOffice (GB/T 9704)', () => {
  let pages: Page[] = []
  let docxParagraphs: string[] = []

  beforeAll(async () => {
    const rendering = renderDocx(await reportDocxBytes(demoReport()), 'report')
    pages = rendering.pages
    docxParagraphs = rendering.docxParagraphs
  }, 20 * 60_000)

  const portrait = (): Page[] => portraitPages(pages)
  const landscape = (): Page[] => landscapePages(pages)
  /** portrait pages after the first (title) holding nothing but 3号 lines: no table */
  const runningTextPages = (): Page[] => {
    const height = bodyHeight(pages)
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
    expectOnLineGrid(gaps)
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
    // full lines of Chinese, from the margin or the first line's indent up to the right margin (fullLineLengths)
    const lengths = fullLineLengths(portrait().flatMap(textRows), bodyHeight(pages))
    expect(lengths.length).toBeGreaterThanOrEqual(20)
    expect28CharacterLines(lengths)
    expect(lengths.filter((n) => n === 28).length).toBeGreaterThan(lengths.length / 2)
  })

  it('breaks no number, percent or date, in the tables or the text', () => {
    // a figure cut at a cell's edge ("1493.2" / "5") is missing whole and turns up in pieces
    const expected = figureCounts(docxParagraphs)
    const rendered = renderedFigureCounts(pages)
    // the budget total in the text and four table cells, and many more figures besides
    expect(expected.get('1493.25')).toBeGreaterThanOrEqual(5)
    expect(expected.size).toBeGreaterThan(30)
    expectFiguresWhole(expected, rendered)
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
