/**
 * 打印 and the 草稿 / 定稿 marks (docs/domain-rules.md §13.7), on the demo data (seed 001): pages printed to
 * PDF by Chromium (`page.pdf`, which fires `beforeprint` like the browser's 打印) and read back with
 * poppler's `pdftotext -bbox` (every word with its box, in points). The PDFs stay in
 * test-results/print/ to look at.
 *
 * The report used to print 17 pages, each chapter on a new one (page 13 held only “五、其他需要说明的问题
 * 无。”); 概览 and 预警 printed with the header and the navigation and lost the 处理 column.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Download, Page } from '@playwright/test'
import JSZip from 'jszip'
import ExcelJS from 'exceljs'
import { expect, expectPageComplete, OVERVIEW_CHARTS, test } from './helpers'

const PDF_DIR = join(process.env.E2E_RESULTS ?? 'test-results', 'print')

/** Millimetres in PDF points. */
const pt = (mm: number): number => (mm / 25.4) * 72

/**
 * The report's page bound, from seed 001 (the real report the demo is drafted from): its running text set
 * as a 公文 (28 characters, 22 lines a page) fills 217 lines, 10 pages, and the Word export of the demo
 * report renders in 10 portrait pages and 3 landscape ones (test/io/wordRendering.test.ts). Print sets
 * the same 3号 on the same 22 lines, so its portrait part is held to 10 ± 30 % and the 22-indicator 附表
 * to at most 3 landscape pages.
 */
const SEED_001_PAGES = Math.ceil(217 / 22)
const PORTRAIT_PAGES = { min: Math.floor(SEED_001_PAGES * 0.7), max: Math.ceil(SEED_001_PAGES * 1.3) }
const MAX_APPENDIX_PAGES = 3

interface Word {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}
interface PdfPage {
  number: number
  width: number
  height: number
  words: Word[]
  /** the words in reading order, without spaces */
  text: string
}

function readPdf(path: string): PdfPage[] {
  const xhtml = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return [...xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m, index) => {
    const words = [
      ...(m[3] ?? '').matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((w): Word => ({ xMin: +w[1]!, yMin: +w[2]!, xMax: +w[3]!, yMax: +w[4]!, text: w[5]! }))
    return { number: index + 1, width: +m[1]!, height: +m[2]!, words, text: words.map((w) => w.text).join('') }
  })
}

/** Prints the page as the browser would (A4 unless the stylesheet names another size) and reads it back. */
async function printed(page: Page, name: string): Promise<PdfPage[]> {
  mkdirSync(PDF_DIR, { recursive: true })
  const path = join(PDF_DIR, `${name}.pdf`)
  await page.pdf({ path, format: 'A4', preferCSSPageSize: true })
  return readPdf(path)
}

async function loadDemo(page: Page, path: string): Promise<void> {
  await page.goto(`/#${path}`)
  await page.getByTestId('load-demo').click()
}

async function openReport(page: Page): Promise<void> {
  await loadDemo(page, '/report')
  await expect(page.getByTestId('report-indicator-table').locator('tbody tr')).toHaveCount(22)
  await expectPageComplete(page)
}

const bytesOf = async (download: Download): Promise<Buffer> => readFileSync(await download.path())

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  return { name: file.suggestedFilename(), bytes: await bytesOf(file) }
}

/** The text of a .docx's page headers. */
async function docxHeaders(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const files = Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f))
  const xml = await Promise.all(files.map((f) => zip.file(f)!.async('string')))
  return xml.map((x) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n')
}

/** The 监控表's printed page headers, one per sheet. */
async function xlsxHeaders(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  return workbook.worksheets.map((sheet) => sheet.headerFooter.oddHeader ?? '')
}

test('the report prints as a 公文: chapters run on, one page break before the landscape 附表, 草稿 on every page', async ({
  page,
}) => {
  await openReport(page)
  const pages = await printed(page, 'report-draft')
  const portrait = pages.filter((p) => p.height > p.width)
  const landscape = pages.filter((p) => p.width > p.height)

  expect(portrait.length).toBeGreaterThanOrEqual(PORTRAIT_PAGES.min)
  expect(portrait.length).toBeLessThanOrEqual(PORTRAIT_PAGES.max)
  expect(landscape.length).toBeGreaterThanOrEqual(1)
  expect(landscape.length).toBeLessThanOrEqual(MAX_APPENDIX_PAGES)
  // the report, then the 附表: the paper turns once
  expect(pages.map((p) => (p.height > p.width ? 'P' : 'L')).join('')).toMatch(/^P+L+$/)

  // the 版心 of a portrait page (GB/T 9704: top 37 mm, bottom 35 mm), in points
  const top = pt(37)
  const bottom = pt(297 - 35)
  const body = (p: PdfPage) => p.words.filter((w) => w.yMin >= top - 2 && w.yMax <= bottom + 2)
  // chapters run on: every portrait page but the last is filled (a chapter forced onto a new page
  // leaves the page before it partly empty); the 版心 holds 22 lines, the last may fall a line short
  for (const p of portrait.slice(0, -1)) {
    const lowest = Math.max(...body(p).map((w) => w.yMax))
    expect(lowest, `page ${p.number} ends early: a page break before a chapter`).toBeGreaterThan(bottom - pt(25))
  }
  // the one break: the 附表 starts the first landscape page
  const appendix = landscape[0]!
  const firstLine = [...appendix.words].filter((w) => !w.text.includes('草稿')).sort((a, b) => a.yMin - b.yMin)[0]
  expect(firstLine?.text).toMatch(/^附表/)
  expect(portrait.some((p) => p.text.includes('附表'))).toBe(false)
  // the 附表's header row is repeated on each of its pages
  for (const p of landscape) expect(p.text, `page ${p.number}`).toContain('三级指标')
  // every page says 草稿 in its header, above the text
  for (const p of pages) {
    const mark = p.words.find((w) => w.text === '草稿')
    expect(mark, `page ${p.number} has no 草稿 header`).toBeDefined()
    expect(mark!.yMax).toBeLessThan(p.height > p.width ? top : pt(28))
  }
  // nothing of the app around it
  for (const p of pages) {
    expect(p.text).not.toContain('数据管理')
    expect(p.text).not.toContain('导出Word')
    expect(p.text).not.toContain('待填写')
  }
})

test('概览, 预警 and 纠偏措施 print without the header and navigation, at the paper’s width, headers repeated', async ({
  page,
}) => {
  await loadDemo(page, '/overview')
  const screens = [
    { path: '/overview', title: /概览/, charts: OVERVIEW_CHARTS, name: 'overview', last: '预警' },
    { path: '/alerts', title: /^预警 ·/, charts: [], name: 'alerts', last: '状态' },
    { path: '/measures', title: /^纠偏措施 ·/, charts: [], name: 'measures', last: '预警灯变化' },
  ] as const
  for (const screen of screens) {
    await page.goto(`/#${screen.path}`)
    await expect(page.locator('.page-title').first()).toHaveText(screen.title)
    await expectPageComplete(page, screen.charts)

    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden()
    await expect(page.locator('.layout-header')).toBeHidden()
    // back to no emulation: page.pdf() prints with the print stylesheet unless told 'screen'
    await page.emulateMedia({ media: null })

    const pages = await printed(page, screen.name)
    const margin = pt(14)
    for (const p of pages) {
      expect.soft(p.text, `${screen.name} page ${p.number}: navigation printed`).not.toContain('数据管理')
      expect.soft(p.text, `${screen.name} page ${p.number}: header printed`).not.toContain('单位/年度')
      expect
        .soft(
          p.words.find((w) => w.text === '草稿'),
          `${screen.name} page ${p.number}: no 草稿`,
        )
        .toBeDefined()
      // nothing runs past the right margin (Chromium would cut it off)
      const widest = Math.max(...p.words.map((w) => w.xMax))
      expect
        .soft(widest, `${screen.name} page ${p.number} is wider than the paper`)
        .toBeLessThanOrEqual(p.width - margin + 2)
    }
    const all = pages.map((p) => p.text).join('')
    // the table's last printed column is there
    expect.soft(all).toContain(screen.last)
    if (screen.name === 'alerts') {
      // 9 open alerts, each with its 状态, and the summary line; no buttons
      expect.soft(all.match(/未处理/g)).toHaveLength(10)
      expect.soft(all).not.toContain('指派纠偏措施')
    }
    if (screen.name === 'measures') {
      expect.soft(all).toContain('2021-09-30')
      expect.soft(all).not.toContain('编辑')
    }
  }

  // the header row repeats on every printed page of a table: 预警 on A6 paper (a printer set so), so
  // its 9 rows need several pages
  await page.goto('/#/alerts')
  await expect(page.getByTestId('alert-table').locator('.el-table__body tr')).toHaveCount(9)
  await page.addStyleTag({ content: '@page { size: 148mm 105mm; }' })
  const small = await printed(page, 'alerts-a6')
  expect(small[0]?.width).toBeCloseTo(pt(148), 0)
  const withRows = small.filter((p) => /[✖▲]/.test(p.text))
  expect(withRows.length).toBeGreaterThanOrEqual(2)
  for (const p of withRows) expect.soft(p.text, `page ${p.number} has no header row`).toContain('预警原因')
})

test('draft exports say 草稿; 定稿 ones carry 第N版 and the 定稿 time in Beijing time', async ({ page }) => {
  await openReport(page)

  const draftWord = await download(page, 'export-word')
  expect(draftWord.name).toBe('且末县自然资源局2021年1-6月绩效监控报告（草稿）.docx')
  expect(await docxHeaders(draftWord.bytes)).toContain('草稿')
  const draftTable = await download(page, 'export-xlsx')
  expect(draftTable.name).toBe('且末县自然资源局2021年1-6月绩效监控表（草稿）.xlsx')
  for (const header of await xlsxHeaders(draftTable.bytes)) expect(header).toMatch(/&R&KC00000草稿$/)

  /** 定稿 now; returns the time the page shows for it (the browser runs in Asia/Shanghai: Beijing time) */
  async function freeze(): Promise<{ day: string; hour: string; minute: string }> {
    await page.getByTestId('report-freeze').click()
    await page.getByRole('button', { name: '定稿', exact: true }).last().click()
    await expect(page.getByTestId('report-status')).toHaveText('已定稿')
    const notice = (await page.getByText(/本报告已于 .* 定稿/).textContent()) ?? ''
    const [, y, mo, d, h, mi] = notice.match(/(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})/) ?? []
    expect(y, notice).toBeDefined()
    return { day: `${y}年${Number(mo)}月${Number(d)}日`, hour: h!.padStart(2, '0'), minute: mi! }
  }

  const first = await freeze()
  const word = await download(page, 'export-word')
  expect(word.name).toBe(
    `且末县自然资源局2021年1-6月绩效监控报告（定稿第1版，${first.day}${first.hour}时${first.minute}分）.docx`,
  )
  const stamp = `定稿 第1版 · ${first.day} ${first.hour}:${first.minute}（北京时间）`
  expect(await docxHeaders(word.bytes)).toContain(stamp)
  expect(await docxHeaders(word.bytes)).not.toContain('草稿')
  const table = await download(page, 'export-xlsx')
  expect(table.name).toBe(
    `且末县自然资源局2021年1-6月绩效监控表（定稿第1版，${first.day}${first.hour}时${first.minute}分）.xlsx`,
  )
  for (const header of await xlsxHeaders(table.bytes)) expect(header).toContain(stamp)
  const pages = await printed(page, 'report-final')
  for (const p of pages) expect(p.text, `page ${p.number}`).toContain(stamp.replace(/ /g, ''))

  // 解锁, then 定稿 again: the second version
  await page.getByTestId('report-unlock').click()
  await page.getByTestId('unlock-reason').fill('财政局退回，需更正6月执行数')
  await page.getByTestId('unlock-confirm').click()
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
  expect((await download(page, 'export-word')).name).toContain('（草稿）')
  const second = await freeze()
  expect((await download(page, 'export-word')).name).toBe(
    `且末县自然资源局2021年1-6月绩效监控报告（定稿第2版，${second.day}${second.hour}时${second.minute}分）.docx`,
  )
})
