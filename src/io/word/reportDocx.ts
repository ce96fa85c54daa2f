/**
 * The 绩效监控报告 as a .docx in the 公文 layout of GB/T 9704-2012: A4; margins top 37 mm, bottom
 * 35 mm, left 28 mm, right 26 mm; 22 lines × 28 characters; title 2号 方正小标宋简体, body 3号
 * 仿宋_GB2312, 一级标题 黑体, 二级标题 楷体_GB2312; page numbers “— 1 —” in 4号宋体 at the bottom, right on
 * odd pages and left on even ones; tables in 小四/五号 with the header row repeated on each page. Fonts a
 * machine lacks fall back through `w:altName` in the font table (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋,
 * 楷体_GB2312 → 楷体).
 *
 * How 22 × 28 is reached, so that Word, WPS and LibreOffice lay the page out alike:
 * - Lines: a line-only document grid (`w:docGrid w:type="lines"`, pitch 225 mm ÷ 22) and, on every text
 *   paragraph, exact line spacing of that same pitch. Word and WPS let exact spacing override the grid,
 *   LibreOffice snaps the lines to its grid; with both at one pitch, all three set 22 lines, and Word and
 *   WPS show 每页 22 行 in 页面设置.
 * - Characters: no character grid. 28 characters of 16 pt are 448 pt, wider than the 156 mm (442 pt) text
 *   width, so each body character carries −0.25 pt character spacing (w:spacing in its run properties),
 *   a plain run property all three apply as written. The “linesAndChars” grid that Word documents usually
 *   carry is read by LibreOffice in its own way: rendered there, body lines held about 18 characters with
 *   wide gaps, and table text was spread over the 3号 grid so that numbers broke ("1493.2/5").
 * - Tables: their paragraphs are taken off the grid (`w:snapToGrid w:val="0"`) and set at an exact line
 *   height of their own, so a 五号 row is one 五号 line high, not one 28.95 pt grid line, whatever the
 *   font; column widths fit every number, percent and date whole (./columnWidths.ts).
 * Rendering the demo report with LibreOffice checks all of this (test/io/wordRendering.test.ts).
 *
 * 草稿 / 定稿 (docs/domain-rules.md §13.7): every page carries a header above the 版心 saying which — “草稿”
 * in red until the node is 定稿, then “定稿 第N版 · <time>（北京时间）” in grey — and the file name says it too.
 *
 * Layout only: every word and figure comes from the ReportModel. Loaded with `import()` (docx is heavy).
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  TextRun,
} from 'docx'
import type { ISectionOptions } from 'docx'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { DRAFT_RELEASE, releaseFileName, releaseMark, visibleColumns } from '@/domain/report'
import type { ReportModel, ReportRelease, ReportTable, TableCell as ModelCell } from '@/domain/report'
import { LIGHTS } from '@/domain/lightPresentation'
import { balancedLines, columnWidths, splitFourCharWord } from './columnWidths'

/** 1 mm in twips (1/1440 inch). */
const MM = 1440 / 25.4
const mm = (value: number): number => Math.round(value * MM)

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const

/** Font sizes in half-points (docx units): 2号 22pt, 3号 16pt, 4号 14pt, 小四 12pt, 五号 10.5pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  /** digits and Latin letters in tables (see tableFont) */
  tableLatin: 'Times New Roman',
} as const

/** What Word uses when the 公文 font is not installed (written as w:altName in word/fontTable.xml). */
export const FONT_FALLBACKS: Readonly<Record<string, string>> = {
  方正小标宋简体: '宋体',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  黑体: 'SimHei',
  宋体: 'SimSun',
}

const TEXT_WIDTH_MM = 210 - 28 - 26
const TEXT_HEIGHT_MM = 297 - 37 - 35
/** 22 lines on the page: 225 mm ÷ 22 = 10.23 mm = 579 twips, fixed (“固定值 28.95 磅”). */
export const LINE_PITCH = Math.floor((TEXT_HEIGHT_MM * MM) / 22)
/** 28 characters a line: 156 mm ÷ 28 = 315 twips (15.75 pt) a character. */
export const CHAR_PITCH = Math.floor(mm(TEXT_WIDTH_MM) / 28)
/**
 * The character spacing (twips; “字符间距 紧缩 0.25 磅”, −5) that sets a 3号 character (16 pt = 320
 * twips) at CHAR_PITCH: 28 of them fit the line, 29 do not.
 */
export const CHAR_SPACING = CHAR_PITCH - SIZE.san * 10

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, hint: 'eastAsia' as const })
/**
 * Table text: Chinese in 仿宋, digits in Times New Roman, as 公文 tables commonly set them. The columns are
 * sized to fit each number whole (./columnWidths.ts), which needs digits of a known width: Times New Roman
 * is on every Windows machine, and LibreOffice sets it in the metric-compatible Liberation Serif, where
 * 仿宋_GB2312 is often missing and its Latin fallback (DejaVu Sans) is a third wider.
 */
const tableFont = { ...font(FONTS.body), ascii: FONTS.tableLatin, hAnsi: FONTS.tableLatin }
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
/**
 * Table text: an exact line 1.2 times the font size (五号 12.6 pt, 小四 14.4 pt), the same whatever font
 * stands in for 仿宋; tight enough that the landscape 监控表 holds 8 or more rows a page.
 */
const cellLine = (halfPoints: number) => ({
  line: Math.round(halfPoints * 10 * 1.2),
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
})
/** 首行缩进两字, two characters of the 28 */
const INDENT = { firstLine: 2 * CHAR_PITCH }
/** A 3号 run on the 28-character line. */
const bodyRun = (name: string) => ({ font: font(name), size: SIZE.san, characterSpacing: CHAR_SPACING })

/**
 * Paragraph styles carry the fonts, sizes and spacing, so each paragraph and table cell is only a
 * style id and its text: a 1,000-indicator report stays fast to build (see docs/benchmarks.md).
 */
export const STYLE = {
  title: 'ReportTitle',
  meta: 'ReportMeta',
  body: 'ReportBody',
  h1: 'ReportHeading1',
  h2: 'ReportHeading2',
  h3: 'ReportHeading3',
  h4: 'ReportHeading4',
  tableTitle: 'ReportTableTitle',
  cell12: 'ReportCell12',
  cell105: 'ReportCell105',
  head12: 'ReportHead12',
  head105: 'ReportHead105',
} as const

const paragraphStyles = [
  {
    id: STYLE.title,
    name: '报告标题',
    run: { font: font(FONTS.title), size: SIZE.er },
    paragraph: { alignment: AlignmentType.CENTER, spacing: exact },
  },
  {
    id: STYLE.meta,
    name: '报告填报信息',
    run: bodyRun(FONTS.body),
    paragraph: { spacing: exact },
  },
  {
    id: STYLE.body,
    name: '报告正文',
    run: bodyRun(FONTS.body),
    paragraph: { spacing: exact, indent: INDENT, alignment: AlignmentType.JUSTIFIED },
  },
  {
    id: STYLE.h1,
    name: '一级标题',
    run: bodyRun(FONTS.heading1),
    paragraph: { spacing: exact, indent: INDENT, keepNext: true },
  },
  {
    id: STYLE.h2,
    name: '二级标题',
    run: bodyRun(FONTS.heading2),
    paragraph: { spacing: exact, indent: INDENT, keepNext: true },
  },
  {
    id: STYLE.h3,
    name: '三级标题',
    run: { ...bodyRun(FONTS.body), bold: true },
    paragraph: { spacing: exact, indent: INDENT, keepNext: true },
  },
  {
    id: STYLE.h4,
    name: '四级标题',
    run: bodyRun(FONTS.body),
    paragraph: { spacing: exact, indent: INDENT, keepNext: true },
  },
  {
    id: STYLE.tableTitle,
    name: '表格标题',
    run: { font: font(FONTS.heading1), size: SIZE.xiaosi },
    paragraph: { alignment: AlignmentType.CENTER, spacing: exact, keepNext: true },
  },
  {
    id: STYLE.cell12,
    name: '表格文字小四',
    run: { font: tableFont, size: SIZE.xiaosi },
    paragraph: { spacing: cellLine(SIZE.xiaosi) },
  },
  {
    id: STYLE.cell105,
    name: '表格文字五号',
    run: { font: tableFont, size: SIZE.wu },
    paragraph: { spacing: cellLine(SIZE.wu) },
  },
  {
    id: STYLE.head12,
    name: '表头小四',
    run: { font: tableFont, size: SIZE.xiaosi, bold: true },
    paragraph: { spacing: cellLine(SIZE.xiaosi), alignment: AlignmentType.CENTER },
  },
  {
    id: STYLE.head105,
    name: '表头五号',
    run: { font: tableFont, size: SIZE.wu, bold: true },
    paragraph: { spacing: cellLine(SIZE.wu), alignment: AlignmentType.CENTER },
  },
]

const lines = (style: string, text: string): Paragraph[] =>
  text.split('\n').map((line) => new Paragraph({ style, children: [new TextRun(line)] }))

const HEADING_STYLE = { 1: STYLE.h1, 2: STYLE.h2, 3: STYLE.h3, 4: STYLE.h4 } as const

function pageFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const run = (children: string[]) => new TextRun({ children, font: font(FONTS.pageNumber), size: SIZE.si })
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [run(['— ']), run([PageNumber.CURRENT]), run([' —'])],
      }),
    ],
  })
}

const FOOTERS = { default: pageFooter(AlignmentType.RIGHT), even: pageFooter(AlignmentType.LEFT) }

/**
 * The 草稿 / 定稿 line in the top margin, right-aligned on every page (odd and even): off the line grid
 * and in 五号, so it takes none of the 22 lines.
 */
function releaseHeaders(release: ReportRelease): { default: Header; even: Header } {
  const draft = release.kind === 'draft'
  const header = () =>
    new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: cellLine(SIZE.wu),
          children: [
            new TextRun({
              text: releaseMark(release),
              font: font(FONTS.heading1),
              size: draft ? SIZE.xiaosi : SIZE.wu,
              color: draft ? 'C00000' : '595959',
            }),
          ],
        }),
      ],
    })
  return { default: header(), even: header() }
}
/**
 * Tables are written as WordprocessingML text by `tableXml` and spliced into word/document.xml in
 * place of a placeholder paragraph, instead of as docx Table/TableRow/TableCell/Paragraph/TextRun
 * objects: a 1,000-indicator annex has ~13,000 cells, and building and serialising them through docx's
 * object model was most of the export's time (see docs/benchmarks.md, 监控报告 与 Word 导出). The XML
 * is what those objects write; test/io/word.test.ts reads it back.
 */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const escapeXml = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in XML text
  text.replace(/[&<>"]|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => XML_ESCAPES[c] ?? '')

function cellXml(
  text: string,
  style: string,
  o: { width: number; fill?: string; align?: 'center' | 'right'; bold?: boolean; color?: string },
): string {
  const shading = o.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${o.fill}"/>` : ''
  // off the document grid: a table line is as high as its own font, not a 28.95 pt grid line
  const pPr = `<w:pPr><w:pStyle w:val="${style}"/><w:snapToGrid w:val="0"/>${o.align ? `<w:jc w:val="${o.align}"/>` : ''}</w:pPr>`
  const rPr =
    o.bold || o.color
      ? `<w:rPr>${o.bold ? '<w:b/><w:bCs/>' : ''}${o.color ? `<w:color w:val="${o.color}"/>` : ''}</w:rPr>`
      : ''
  const paragraphs = text
    .split('\n')
    .map((line) => `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('')
  return `<w:tc><w:tcPr><w:tcW w:w="${o.width}" w:type="dxa"/>${shading}</w:tcPr>${paragraphs}</w:tc>`
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'

/** Cell margins left and right (twips): 3 pt each side. */
const CELL_MARGIN = 60

/**
 * A table of the model as a <w:tbl>: fixed column widths that fit every number whole, headers broken
 * into even lines, the header row repeated on each page (tblHeader), no row split across pages.
 */
export function tableXml(model: ReportTable, small: boolean, widthTwips: number): string {
  const columns = visibleColumns(model)
  const fontPt = (small ? SIZE.wu : SIZE.xiaosi) / 2
  const widths = columnWidths(
    columns.map((i) => ({
      header: model.header[i] ?? '',
      cells: model.rows.map((row) => row.cells[i]?.text ?? ''),
      weight: model.widths[i] ?? 10,
    })),
    fontPt,
    widthTwips,
    2 * CELL_MARGIN,
  )
  // one width per shown column, built from the same list
  const widthOf = (c: number): number => widths[c] ?? 0
  /** the text width of a column in em */
  const emOf = (c: number): number => (widthOf(c) - 2 * CELL_MARGIN) / (fontPt * 20)
  const header = (text: string, c: number): string => balancedLines(text, emOf(c)).join('\n')
  const cellStyle = small ? STYLE.cell105 : STYLE.cell12
  const headStyle = small ? STYLE.head105 : STYLE.head12
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:w="${widthTwips}" w:type="dxa"/><w:tblBorders>`,
    ...['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} ${BORDER}/>`),
    '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="20" w:type="dxa"/>',
    `<w:left w:w="${CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="20" w:type="dxa"/><w:right w:w="${CELL_MARGIN}" w:type="dxa"/>`,
    '</w:tblCellMar></w:tblPr><w:tblGrid>',
    ...widths.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>',
    ...columns.map((i, c) =>
      cellXml(header(model.header[i] ?? '', c), headStyle, { width: widthOf(c), fill: 'E7ECF3', align: 'center' }),
    ),
    '</w:tr>',
  ]
  for (const row of model.rows) {
    out.push('<w:tr><w:trPr><w:cantSplit/></w:trPr>')
    columns.forEach((i, c) => {
      const cell: ModelCell = row.cells[i] ?? { text: '' }
      const light = cell.light ? LIGHTS[cell.light] : null
      out.push(
        light
          ? cellXml(cell.text, cellStyle, {
              width: widthOf(c),
              fill: light.color.replace('#', '').toUpperCase(),
              align: 'center',
              bold: true,
              color: 'FFFFFF',
            })
          : cellXml(splitFourCharWord(cell.text, emOf(c)), cellStyle, {
              width: widthOf(c),
              align: cell.format !== undefined ? 'right' : undefined,
              bold: row.emphasis === true,
            }),
      )
    })
    out.push('</w:tr>')
  }
  out.push('</w:tbl>')
  return out.join('')
}

/** The paragraph docx writes for a table's placeholder, replaced by the table's XML after packing. */
const placeholderText = (n: number): string => `REPORT-TABLE-PLACEHOLDER-${n}`
const placeholderXml = (n: number): string =>
  `<w:p><w:r><w:t xml:space="preserve">${placeholderText(n)}</w:t></w:r></w:p>`

/** A line-only grid (see the file header for why there is no character grid). */
const grid = { type: DocumentGridType.LINES, linePitch: LINE_PITCH }

export interface ReportDocx {
  document: Document
  /** table XML by placeholder number, spliced in by reportDocxBytes */
  tables: string[]
}

/**
 * The report as a docx Document (two sections: the report in portrait, the 监控表 annex in landscape),
 * marked 草稿 unless `release` says 定稿.
 */
export function reportDocument(model: ReportModel, release: ReportRelease = DRAFT_RELEASE): ReportDocx {
  const tables: string[] = []
  const placeTable = (xml: string): Paragraph => {
    tables.push(xml)
    return new Paragraph({ children: [new TextRun(placeholderText(tables.length - 1))] })
  }
  const main: Paragraph[] = [
    ...lines(STYLE.title, model.title),
    new Paragraph({ style: STYLE.meta }),
    ...lines(STYLE.meta, `部门单位名称（公章）：${model.unitName}`),
    ...lines(STYLE.meta, `监控节点：${model.nodeLabel}`),
    ...lines(STYLE.meta, `填报时间：${model.reportDate}`),
  ]
  const annex: Paragraph[] = []
  let target = main
  const landscapeWidth = mm(297 - 37 - 35)
  model.blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      // the annex (the indicator table) gets its own landscape section
      const next = model.blocks[index + 1]
      if (block.level === 1 && next?.kind === 'table' && next.table === 'indicators') target = annex
      target.push(...lines(HEADING_STYLE[block.level], block.text))
    } else if (block.kind === 'paragraph') target.push(...lines(STYLE.body, block.text))
    else if (block.table === 'budget') {
      target.push(
        ...lines(STYLE.tableTitle, model.budgetTable.title),
        placeTable(tableXml(model.budgetTable, false, mm(TEXT_WIDTH_MM))),
      )
    } else {
      target.push(
        ...lines(STYLE.tableTitle, model.indicatorTable.title),
        placeTable(tableXml(model.indicatorTable, true, landscapeWidth)),
      )
    }
  })
  const page = { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin }
  const headers = releaseHeaders(release)
  const sections: ISectionOptions[] = [{ properties: { page, grid }, headers, footers: FOOTERS, children: main }]
  if (annex.length > 0) {
    sections.push({
      properties: {
        // landscape: the same paper turned, the 版心 margins kept on the same edges of the text
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
          margin: { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35) },
        },
        grid,
      },
      headers,
      footers: FOOTERS,
      children: annex,
    })
  }
  const document = new Document({
    creator: model.unitName,
    title: model.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZE.san } } }, paragraphStyles },
    sections,
  })
  return { document, tables }
}

/** word/fontTable.xml with each 公文 font's fallback, replacing the package's own font table. */
export function fontTableXml(): string {
  const fonts = Object.entries(FONT_FALLBACKS).map(
    ([name, alt]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
  )
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fonts.join('')}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`
  )
}

const OVERRIDES = (): { path: string; data: string }[] => [{ path: 'word/fontTable.xml', data: fontTableXml() }]

/** The .docx as bytes: docx packs the document, then the tables' XML replaces their placeholders. */
export async function reportDocxBytes(model: ReportModel, release: ReportRelease = DRAFT_RELEASE): Promise<Uint8Array> {
  const { document, tables } = reportDocument(model, release)
  const packed = await Packer.pack(document, 'uint8array', false, OVERRIDES())
  const files = unzipSync(packed)
  const documentXml = files['word/document.xml']
  // docx always writes this part; without it there is no report to patch
  if (!documentXml) throw new Error('docx package without word/document.xml')
  let xml = strFromU8(documentXml)
  tables.forEach((table, n) => {
    const at = xml.indexOf(placeholderXml(n))
    if (at < 0) throw new Error(`Word 导出失败：找不到第${n + 1}个表格的位置`)
    xml = xml.slice(0, at) + table + xml.slice(at + placeholderXml(n).length)
  })
  files['word/document.xml'] = strToU8(xml)
  return zipSync(files)
}

/** The .docx as a Blob (browser). */
export async function reportDocxBlob(model: ReportModel, release: ReportRelease): Promise<Blob> {
  return new Blob([(await reportDocxBytes(model, release)) as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  })
}

/** '且末县自然资源局2021年1-6月绩效监控报告（草稿）.docx', '…（定稿第1版，2021年7月5日14时30分）.docx' */
export function reportFileName(model: ReportModel, release: ReportRelease): string {
  return releaseFileName(`${model.unitName}${model.nodeLabel}绩效监控报告`, 'docx', release)
}
