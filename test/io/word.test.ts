// @vitest-environment jsdom
/**
 * The Word export of the demo report (seed 001): unzip the .docx and check the 公文 layout
 * (GB/T 9704: A4, margins 37/35/28/26 mm, fonts, 22 lines × 28 characters, page numbers) and the figures.
 * How the layout comes out in LibreOffice is test/io/wordRendering.test.ts.
 * Runs in jsdom for its DOMParser (the well-formedness check).
 */
import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { defaultSettings } from '../../src/domain/settings'
import { draftReport, PARAGRAPH_KEYS } from '../../src/domain/report'
import type { ReportModel } from '../../src/domain/report'
import { LIGHTS } from '../../src/domain/lightPresentation'
import { DRAFT_RELEASE, LIGHT_WORDS } from '../../src/domain/report'
import { PAGE, reportDocxBytes, reportFileName } from '../../src/io/word/reportDocx'

function demoReport(precision = 2, edits: Record<string, string> = {}): ReportModel {
  const dataset = qiemo2021Dataset()
  const settings = { ...defaultSettings(), ratePrecision: precision }
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error('snapshot')
  return draftReport({ dataset, snapshot: snapshot.value, settings, reportDate: '2021-07-02', edits })
}

async function unzip(
  model: ReportModel,
): Promise<{ document: string; fontTable: string; footers: string[]; text: string; settings: string; styles: string }> {
  const zip = await JSZip.loadAsync(await reportDocxBytes(model))
  const document = await zip.file('word/document.xml')!.async('string')
  const fontTable = await zip.file('word/fontTable.xml')!.async('string')
  const settings = await zip.file('word/settings.xml')!.async('string')
  const styles = await zip.file('word/styles.xml')!.async('string')
  const footerFiles = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f))
  const footers = await Promise.all(footerFiles.map((f) => zip.file(f)!.async('string')))
  const text = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
  return { document, fontTable, footers, text, settings, styles }
}

describe('reportDocx (公文 layout, GB/T 9704)', async () => {
  const { document, fontTable, footers, text, settings, styles } = await unzip(demoReport())
  /** a paragraph style's XML by its id */
  const style = (id: string): string =>
    styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`))?.[0] ?? ''
  const paragraphWith = (text: string): string =>
    document.match(new RegExp(`<w:p>(?:(?!<w:p>)[\\s\\S])*?${text}`))?.[0] ?? ''

  it('is A4 portrait with margins top 37, bottom 35, left 28, right 26 mm (in twips)', () => {
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(document).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"')
  })

  it('sets 22 lines a page on a line-only grid and exact spacing of 225 mm ÷ 22 = 579 twips', () => {
    // a line grid in both sections (portrait report, landscape annex), and no character grid: LibreOffice
    // reads a "linesAndChars" grid its own way (18 characters a line), see src/io/word/reportDocx.ts
    expect(document.match(/<w:docGrid [^>]*\/>/g)).toEqual([
      '<w:docGrid w:type="lines" w:linePitch="579"/>',
      '<w:docGrid w:type="lines" w:linePitch="579"/>',
    ])
    expect(style('ReportBody')).toContain('<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/>')
    expect(22 * 579).toBeLessThanOrEqual(PAGE.height - PAGE.margin.top - PAGE.margin.bottom)
    expect(23 * 579).toBeGreaterThan(PAGE.height - PAGE.margin.top - PAGE.margin.bottom)
  })

  it('fits 28 characters of 3号 in the 156 mm line by −0.25 pt character spacing, indenting two of them', () => {
    const textWidth = PAGE.width - PAGE.margin.left - PAGE.margin.right
    // 16 pt = 320 twips a character, less 5 twips (0.25 pt): 28 fit the line, 29 do not
    expect(28 * (320 - 5)).toBeLessThanOrEqual(textWidth)
    expect(29 * (320 - 5)).toBeGreaterThan(textWidth)
    for (const id of [
      'ReportBody',
      'ReportMeta',
      'ReportHeading1',
      'ReportHeading2',
      'ReportHeading3',
      'ReportHeading4',
    ])
      expect(style(id)).toContain('<w:spacing w:val="-5"/>')
    expect(style('ReportBody')).toContain('<w:ind w:firstLine="630"/>')
  })

  it('uses 方正小标宋简体 2号 for the title, 仿宋_GB2312 3号 for the body, 黑体 and 楷体 for headings', () => {
    expect(style('ReportTitle')).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/)
    expect(style('ReportBody')).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/)
    expect(style('ReportHeading1')).toMatch(/w:eastAsia="黑体"[^>]*\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/)
    expect(style('ReportHeading2')).toMatch(
      /w:eastAsia="楷体_GB2312"[^>]*\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/,
    )
    expect(paragraphWith('且末县自然资源局整体支出绩效监控报告')).toContain('<w:pStyle w:val="ReportTitle"/>')
    expect(paragraphWith('一、绩效监控工作组织实施情况')).toContain('<w:pStyle w:val="ReportHeading1"/>')
    expect(paragraphWith('（一）基本情况')).toContain('<w:pStyle w:val="ReportHeading2"/>')
    expect(paragraphWith('我单位2021年预算1493.25万元')).toContain('<w:pStyle w:val="ReportBody"/>')
  })

  it('declares the fallbacks 宋体 and 仿宋 for machines without the 公文 fonts', () => {
    expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>')
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>')
    expect(fontTable).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>')
  })

  it('numbers pages “— 1 —” at the bottom, right on odd and left on even pages', () => {
    expect(settings).toContain('<w:evenAndOddHeaders')
    expect(footers.length).toBeGreaterThanOrEqual(2)
    for (const footer of footers) {
      expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/)
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true)
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true)
  })

  it('has the key figures of seed 001 and every indicator line', () => {
    expect(text).toContain('预算执行率25.70%')
    expect(text).toContain('共设置一级指标3个，二级指标8个，三级指标22个。')
    expect(text).toContain('指标1：办理建设项目用地初审，预期指标值：≥15个，实际完成值：7个，指标完成率：46.67%。')
    expect(text).toContain('指标4：项目工程验收合格率，预期指标值：≥98%，实际完成值：60%，指标完成率：61.22%。')
    expect(text).toContain('五、其他需要说明的问题')
  })

  it('has the budget table in 小四 and the indicator table in 五号, both with repeated header rows', () => {
    expect((document.match(/<w:tblHeader\/>/g) ?? []).length).toBe(2)
    expect(style('ReportCell12')).toContain('<w:sz w:val="24"/>')
    expect(style('ReportCell105')).toContain('<w:sz w:val="21"/>')
    // headers too long for their column are broken into even lines, one paragraph each
    expect(document).toMatch(
      /<w:pStyle w:val="ReportHead12"\/>[\s\S]*?<w:t xml:space="preserve">1-6月<\/w:t><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="ReportHead12"\/><w:snapToGrid w:val="0"\/><w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">执行数</,
    )
    expect(document).toMatch(/<w:pStyle w:val="ReportHead105"\/>[\s\S]*?>完成可<\/w:t>[\s\S]*?>能性<\/w:t>/)
    expect(document).toMatch(
      /<w:pStyle w:val="ReportCell12"\/><w:snapToGrid w:val="0"\/><w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">1493.25</,
    )
    expect(document).not.toContain('REPORT-TABLE-PLACEHOLDER')
    // the annex is a landscape section
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/)
  })

  it('keeps table text off the line grid, at an exact line of its own, digits in Times New Roman', () => {
    const tables = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []
    expect(tables).toHaveLength(2)
    for (const table of tables) {
      const paragraphs = table.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []
      expect(paragraphs.length).toBeGreaterThan(50)
      for (const p of paragraphs) expect(p).toContain('<w:snapToGrid w:val="0"/>')
    }
    // 1.2 × the font size: 小四 12 pt → 14.4 pt = 288 twips, 五号 10.5 pt → 12.6 pt = 252 twips
    expect(style('ReportCell12')).toContain('<w:spacing w:after="0" w:before="0" w:line="288" w:lineRule="exact"/>')
    expect(style('ReportCell105')).toContain('<w:spacing w:after="0" w:before="0" w:line="252" w:lineRule="exact"/>')
    for (const id of ['ReportCell12', 'ReportCell105', 'ReportHead12', 'ReportHead105'])
      expect(style(id)).toContain(
        '<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"',
      )
    // body paragraphs stay on the grid
    expect(paragraphWith('我单位2021年预算1493.25万元')).not.toContain('snapToGrid')
  })

  it('gives each table columns that add up to its width: 156 mm portrait, 225 mm landscape', () => {
    const grids = [...document.matchAll(/<w:tblW w:w="(\d+)"[\s\S]*?<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)]
    const mm = (value: number): number => Math.round((value * 1440) / 25.4)
    expect(grids.map((g) => Number(g[1]))).toEqual([mm(210 - 28 - 26), mm(297 - 37 - 35)])
    for (const [, width, columns] of grids) {
      const widths = [...(columns ?? '').matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]))
      expect(widths.reduce((a, b) => a + b, 0)).toBe(Number(width))
    }
  })

  it('shows the light as a filled cell with its word, in the UI’s colours', () => {
    expect(document).toMatch(
      new RegExp(
        `<w:shd w:val="clear" w:color="auto" w:fill="${LIGHTS.red.color.slice(1).toUpperCase()}"/>[\\s\\S]*?<w:t xml:space="preserve">红灯<`,
      ),
    )
    for (const light of Object.keys(LIGHTS) as (keyof typeof LIGHTS)[])
      expect(LIGHT_WORDS[light]).toBe(LIGHTS[light].label)
  })

  it('escapes text in table cells', async () => {
    const model = demoReport()
    model.indicatorTable.rows[0].cells[3] = { text: '<b>A&B</b>' }
    const { document: xml } = await unzip(model)
    expect(xml).toContain('&lt;b&gt;A&amp;B&lt;/b&gt;')
  })

  it('writes whole percents at precision 0 and the user’s edits, with no 待填写 mark', async () => {
    const { text: whole } = await unzip(demoReport(0, { [PARAGRAPH_KEYS.suggestions]: '建议财政部门加强培训指导。' }))
    expect(whole).toContain('预算执行率26%')
    expect(whole).toContain('建议财政部门加强培训指导。')
    expect(whole).not.toContain('待填写')
  })

  it('is well-formed XML with both tables directly in the body (the placeholders replaced whole)', () => {
    for (const xml of [document, styles, fontTable, ...footers]) {
      const parsed = new DOMParser().parseFromString(xml, 'application/xml')
      expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0)
    }
    const parsed = new DOMParser().parseFromString(document, 'application/xml')
    const tables = [...parsed.getElementsByTagName('w:tbl')]
    expect(tables.map((t) => t.parentNode?.nodeName)).toEqual(['w:body', 'w:body'])
    expect(tables[1].getElementsByTagName('w:tr')).toHaveLength(1 + 22)
  })

  it('names the file after the unit and node, marked 草稿 until 定稿 (docs/domain-rules.md §13.7)', () => {
    expect(reportFileName(demoReport(), DRAFT_RELEASE)).toBe('且末县自然资源局2021年1-6月绩效监控报告（草稿）.docx')
    expect(reportFileName(demoReport(), FINAL)).toBe(
      '且末县自然资源局2021年1-6月绩效监控报告（定稿第2版，2021年7月5日14时30分）.docx',
    )
  })
})

/** 定稿 at 14:30 Beijing time on 5 July 2021 (06:30 UTC, as stored), after one 解锁 */
const FINAL = { kind: 'final', version: 2, frozenAt: '2021-07-05T06:30:00.000Z' } as const

/** The page headers of the .docx: each header part's XML and its text. */
async function headersOf(bytes: Uint8Array): Promise<{ xml: string[]; text: string[]; document: string }> {
  const zip = await JSZip.loadAsync(bytes)
  const files = Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f))
  const xml = await Promise.all(files.map((f) => zip.file(f)!.async('string')))
  const text = xml.map((x) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
  return { xml, text, document: await zip.file('word/document.xml')!.async('string') }
}

describe('reportDocx 草稿 / 定稿 header', async () => {
  const draft = await headersOf(await reportDocxBytes(demoReport()))
  const final = await headersOf(await reportDocxBytes(demoReport(), FINAL))

  it('heads every page of a draft, odd and even, in both sections, with 草稿 in red', () => {
    // two sections (report, annex) × default and even headers
    expect(draft.text).toEqual(['草稿', '草稿', '草稿', '草稿'])
    for (const xml of draft.xml) expect(xml).toContain('<w:color w:val="C00000"/>')
    expect(draft.document.match(/<w:headerReference w:type="(default|even)"/g)).toHaveLength(4)
  })

  it('heads a 定稿 with its version and Beijing time, and no 草稿', () => {
    expect(new Set(final.text)).toEqual(new Set(['定稿 第2版 · 2021年7月5日 14:30（北京时间）']))
    expect(final.text.join('')).not.toContain('草稿')
  })

  it('keeps the header off the 22-line body: its own exact line, above the 版心', () => {
    for (const xml of draft.xml) expect(xml).toMatch(/<w:spacing [^>]*w:lineRule="exact"/)
    for (const xml of [...draft.xml, ...final.xml]) {
      const parsed = new DOMParser().parseFromString(xml, 'application/xml')
      expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0)
    }
  })
})
