/**
 * The 部门汇总报告's .docx (io/word/reportDocx, the unit report's 公文 layout, unchanged) as LibreOffice
 * lays it out, checked as test/io/wordRendering.test.ts checks the unit report: converted to PDF with
 * headless soffice, read back with `pdftotext -bbox-layout`. The title is there; body lines sit on the
 * 225 mm ÷ 22 pitch, at most 22 a page, 28 ± 2 characters on a full line; every number, percent and date
 * of the .docx is whole in the PDF, among them the sums 13523.81 / 12216.27 → 90.33% (docs/domain-rules.md
 * §17.2); the 汇总表 annex is a landscape page with every unit, 未报送 included.
 *
 * The conversion, the page geometry and the shared measures are in ../pdfLayout.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { reportDocxBytes } from '../../../src/io/word/reportDocx'
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
} from '../pdfLayout'
import type { Page, Row } from '../pdfLayout'
import { departmentModel } from './departmentModel'

describe('the 部门汇总报告 rendered by LibreOffice (GB/T 9704)', () => {
  let pages: Page[] = []
  let docxParagraphs: string[] = []

  beforeAll(async () => {
    const rendering = renderDocx(await reportDocxBytes(departmentModel()), 'department')
    pages = rendering.pages
    docxParagraphs = rendering.docxParagraphs
  }, 20 * 60_000)

  const portrait = (): Page[] => portraitPages(pages)
  const landscape = (): Page[] => landscapePages(pages)
  /** a 3号 line: its words as high as the commonest on portrait pages */
  const isBody = (row: Row): boolean => isBodyRow(row, bodyHeight(pages))

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
    const bodyPages = portrait().map((p) => textRows(p).filter(isBody))
    // steps between neighbouring 3号 lines (a table between two lines is not a step of the grid)
    const gaps = portrait().flatMap((p) => {
      const rows = textRows(p)
      return rows.slice(1).flatMap((r, i) => {
        const above = rows[i]
        return above && isBody(above) && isBody(r) ? [r.yMin - above.yMin] : []
      })
    })
    expect(gaps.length).toBeGreaterThan(20)
    expectOnLineGrid(gaps)
    const counts = bodyPages.map((rows) => rows.length)
    expect(Math.max(...counts)).toBeLessThanOrEqual(22)
    // the first page is full (title, 填报信息, then running text): its lines span 22 grid positions
    const first = textRows(portrait()[0] ?? { number: 0, width: 0, height: 0, rows: [] })
    const span = ((first.at(-1)?.yMin ?? 0) - (first[0]?.yMin ?? 0)) / LINE + 1
    expect(Math.round(span)).toBe(22)
    expect(first.at(-1)?.yMax ?? Infinity).toBeLessThanOrEqual(TEXT.bottom)
  })

  it('holds 28 ± 2 characters on every full line of Chinese running text', () => {
    const lengths = fullLineLengths(portrait().flatMap(textRows), bodyHeight(pages))
    expect(lengths.length).toBeGreaterThanOrEqual(5)
    expect28CharacterLines(lengths)
  })

  it('prints every number, percent and date whole, the sums 13523.81 / 12216.27 → 90.33% among them', () => {
    const expected = figureCounts(docxParagraphs)
    const rendered = renderedFigureCounts(pages)
    // the text, the budget table's 部门合计 row and the annex's 合计 row
    expect(expected.get('13523.81')).toBeGreaterThanOrEqual(3)
    expect(expected.get('12216.27')).toBeGreaterThanOrEqual(3)
    expect(expected.get('90.33%')).toBeGreaterThanOrEqual(3)
    expectFiguresWhole(expected, rendered)
  })
})
