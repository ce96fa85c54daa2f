/**
 * A report's .docx as LibreOffice lays it out, for the rendering tests (test/io/wordRendering.test.ts,
 * test/io/department/departmentWordRendering.test.ts): converted to PDF with headless soffice and read
 * back with poppler's `pdftotext -bbox-layout` (every word with its box, in points), then measured
 * against the GB/T 9704 page: 22 lines of 28 characters in the 版心, every figure whole.
 *
 * LibreOffice Writer and poppler-utils are system packages: scripts/ensure-libreoffice.mjs installs
 * them with apt-get when run as root (CI) and otherwise stops with the command to run. Each conversion
 * has its own LibreOffice profile, which lets several runs convert at once.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'

const ENSURE = fileURLToPath(new URL('../../scripts/ensure-libreoffice.mjs', import.meta.url))

/** Millimetres in PDF points. */
export const pt = (mm: number): number => (mm / 25.4) * 72
/** The 版心 of GB/T 9704 on a portrait A4 page, in points from the top left corner. */
export const TEXT = { left: pt(28), right: pt(210 - 26), top: pt(37), bottom: pt(297 - 35) }
/** One 3号 character on the 28-character line: 156 mm ÷ 28. */
export const CHAR = (TEXT.right - TEXT.left) / 28
/** 225 mm ÷ 22 lines. */
export const LINE = (TEXT.bottom - TEXT.top) / 22

export interface Box {
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}
export interface Word extends Box {
  text: string
}
/** One printed line: the words of a page whose boxes share a top edge. */
export interface Row extends Box {
  words: Word[]
  /** the words joined without the spaces between them */
  text: string
}
export interface Page {
  number: number
  width: number
  height: number
  rows: Row[]
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
export const decode = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] ?? e)
const box = (attributes: string): Box => {
  const n = (name: string): number => Number(attributes.match(new RegExp(`${name}="([\\d.]+)"`))?.[1] ?? NaN)
  return { xMin: n('xMin'), yMin: n('yMin'), xMax: n('xMax'), yMax: n('yMax') }
}

/** The pages of `pdftotext -bbox-layout` output, each word placed on the printed line it sits on. */
export function parsePages(xhtml: string): Page[] {
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

function run(command: string, args: string[], timeout: number): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}):\n${r.stderr}`)
  }
  return r.stdout
}

/** A .docx as written and as LibreOffice prints it. */
export interface Rendering {
  /** the text of each `<w:p>` of word/document.xml, runs joined */
  docxParagraphs: string[]
  pages: Page[]
}

/**
 * Converts the .docx to PDF with headless soffice (in its own profile) and reads it back with
 * `pdftotext -bbox-layout`, in a temporary directory named after `name` that is removed afterwards.
 * Installs LibreOffice and poppler-utils when missing (as root), else fails with the command to run.
 * Slow (LibreOffice starts cold): call it once, in beforeAll.
 */
export function renderDocx(bytes: Uint8Array, name: string): Rendering {
  const ensure = spawnSync(process.execPath, [ENSURE], { stdio: 'inherit' })
  if (ensure.status !== 0) throw new Error('LibreOffice 或 poppler-utils 未安装，见上方 [ensure-libreoffice] 的说明')

  const dir = mkdtempSync(join(tmpdir(), `${name}-`))
  try {
    const docx = join(dir, `${name}.docx`)
    writeFileSync(docx, bytes)
    const documentXml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array())
    const docxParagraphs = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join(''),
    )
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`
    run('soffice', [profile, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], 5 * 60_000)
    const pdf = join(dir, `${name}.pdf`)
    if (!existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}`)
    const html = join(dir, `${name}.html`)
    run('pdftotext', ['-bbox-layout', pdf, html], 60_000)
    return { docxParagraphs, pages: parsePages(readFileSync(html, 'utf8')) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const portraitPages = (pages: Page[]): Page[] => pages.filter((p) => p.height > p.width)
export const landscapePages = (pages: Page[]): Page[] => pages.filter((p) => p.width > p.height)
/** the printed lines inside the 版心 (not the page number below it) */
export const textRows = (page: Page): Row[] =>
  page.rows.filter((r) => r.yMin >= TEXT.top - 1 && r.yMax <= TEXT.bottom + 1)
/** The height of a 3号 body line's words, the commonest height on portrait pages. */
export const bodyHeight = (pages: Page[]): number => {
  const heights = portraitPages(pages).flatMap((p) => textRows(p).map((r) => Math.round(r.yMax - r.yMin)))
  const counts = new Map<number, number>()
  for (const h of heights) counts.set(h, (counts.get(h) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? NaN
}
export const isBodyRow = (row: Row, height: number): boolean => Math.abs(row.yMax - row.yMin - height) < 1

/** Every step between lines is one line (or two, after an empty paragraph) of the 22-line pitch. */
export function expectOnLineGrid(gaps: number[]): void {
  for (const gap of gaps) expect(gap / LINE - Math.round(gap / LINE)).toBeCloseTo(0, 1)
}

/**
 * The characters on each full line of Chinese running text among `rows`. Full lines: body lines up to the
 * right margin (not a paragraph's last line), from the left margin or from the two-character indent of a
 * first line (counted in); in Chinese only, as Latin digits' widths come from the fallback font, not from
 * the layout.
 */
export function fullLineLengths(rows: Row[], height: number): number[] {
  const indent = (r: Row): number | null =>
    Math.abs(r.xMin - TEXT.left) < CHAR / 2 ? 0 : Math.abs(r.xMin - TEXT.left - 2 * CHAR) < CHAR / 2 ? 2 : null
  return rows
    .filter((r) => isBodyRow(r, height) && r.xMax > TEXT.right - CHAR && !/[\x21-\x7e]/.test(r.text))
    .flatMap((r) => {
      const chars = indent(r)
      return chars === null ? [] : [chars + [...r.text].length]
    })
}

/** 28 ± 2 characters on every full line. */
export function expect28CharacterLines(lengths: number[]): void {
  for (const length of lengths) expect(length).toBeGreaterThanOrEqual(26)
  for (const length of lengths) expect(length).toBeLessThanOrEqual(30)
}

/** Numbers, percents and dates as written in the report: 1493.25, 25.70%, 46%, 2021-10-01, 5200. */
const FIGURES = /\d{4}-\d{1,2}-\d{1,2}|\d+(?:\.\d+)+%?|\d+%|\d{3,}/g
/** How often each figure occurs in the given texts. */
export function figureCounts(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const text of texts)
    for (const [figure] of text.matchAll(FIGURES)) counts.set(figure, (counts.get(figure) ?? 0) + 1)
  return counts
}
/** How often each figure occurs in the words of the PDF. */
export const renderedFigureCounts = (pages: Page[]): Map<string, number> =>
  figureCounts(pages.flatMap((p) => p.rows.flatMap((r) => r.words.map((w) => w.text))))

/**
 * Every figure of the .docx is printed whole: a figure cut at a cell's edge ("1493.2" / "5") is missing
 * whole and turns up in pieces, so the counts of the .docx and the PDF differ.
 */
export function expectFiguresWhole(expected: Map<string, number>, rendered: Map<string, number>): void {
  const differences = [...new Set([...expected.keys(), ...rendered.keys()])]
    .filter((figure) => expected.get(figure) !== rendered.get(figure))
    .map((figure) => `${figure}: ${expected.get(figure) ?? 0} in the .docx, ${rendered.get(figure) ?? 0} in the PDF`)
  expect(differences).toEqual([])
}
