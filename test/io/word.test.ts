// @vitest-environment jsdom
/**
 * The Word export of the demo report (seed 001): unzip the .docx and check the 公文 layout
 * (GB/T 9704: A4, margins 37/35/28/26 mm, fonts, fixed 22-line pitch, page numbers) and the figures.
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
import { LIGHT_WORDS } from '../../src/domain/report'
import { reportDocxBytes, reportFileName } from '../../src/io/word/reportDocx'

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

  it('sets 22 lines a page with a fixed line pitch (225 mm ÷ 22 = 579 twips) and a character grid', () => {
    expect(document).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-\d+"\/>/)
    expect(style('ReportBody')).toContain('<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/>')
    expect(style('ReportBody')).toContain('<w:ind w:firstLine="640"/>')
  })

  it('uses 方正小标宋简体 2号 for the title, 仿宋_GB2312 3号 for the body, 黑体 and 楷体 for headings', () => {
    expect(style('ReportTitle')).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/)
    expect(style('ReportBody')).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/)
    expect(style('ReportHeading1')).toMatch(/w:eastAsia="黑体"[^>]*\/><w:sz w:val="32"\/>/)
    expect(style('ReportHeading2')).toMatch(/w:eastAsia="楷体_GB2312"[^>]*\/><w:sz w:val="32"\/>/)
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
    expect(document).toMatch(/<w:pStyle w:val="ReportHead12"\/>[\s\S]*?<w:t xml:space="preserve">1-6月执行数</)
    expect(document).toMatch(/<w:pStyle w:val="ReportHead105"\/>[\s\S]*?<w:t xml:space="preserve">完成可能性</)
    expect(document).toMatch(
      /<w:pStyle w:val="ReportCell12"\/><w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">1493.25</,
    )
    expect(document).not.toContain('REPORT-TABLE-PLACEHOLDER')
    // the annex is a landscape section
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/)
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

  it('names the file after the unit and node', () => {
    expect(reportFileName(demoReport())).toBe('且末县自然资源局2021年1-6月绩效监控报告.docx')
  })
})
