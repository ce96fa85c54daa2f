/**
 * The 绩效监控报告 as a .docx in the 公文 layout of GB/T 9704-2012: A4; margins top 37 mm, bottom
 * 35 mm, left 28 mm, right 26 mm; 22 lines × 28 characters (fixed line pitch, character grid); title
 * 2号 方正小标宋简体, body 3号 仿宋_GB2312, 一级标题 黑体, 二级标题 楷体_GB2312; page numbers “— 1 —” in
 * 4号宋体 at the bottom, right on odd pages and left on even ones; tables in 小四/五号 with the header
 * row repeated on each page. Fonts a machine lacks fall back through `w:altName` in the font table
 * (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
 *
 * Layout only: every word and figure comes from the ReportModel. Loaded with `import()` (docx is heavy).
 */
import {
  AlignmentType, Document, Footer, LineRuleType, PageNumber, PageOrientation, Packer, Paragraph, ShadingType, Table,
  TableCell, TableRow, TextRun, WidthType, DocumentGridType,
} from 'docx'
import type { ISectionOptions } from 'docx'
import { visibleColumns } from '@/domain/report'
import type { ReportModel, ReportTable, TableCell as ModelCell } from '@/domain/report'
import { LIGHTS } from '@/components/lights/lightPresentation'

/** 1 mm in twips (1/1440 inch). */
const MM = 1440 / 25.4
const mm = (value: number): number => Math.round(value * MM)

export const PAGE = {
  width: mm(210), height: mm(297),
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
/** 28 characters a line: the grid adds (pitch − 16 pt) × 4096 to each 3号 character. */
const CHAR_SPACE = Math.round(((TEXT_WIDTH_MM / 25.4) * 72 / 28 - 16) * 4096)

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, hint: 'eastAsia' as const })
const body = (text: string, extra: { bold?: boolean; fontName?: string; size?: number; color?: string } = {}): TextRun =>
  new TextRun({ text, font: font(extra.fontName ?? FONTS.body), size: extra.size ?? SIZE.san, bold: extra.bold, color: extra.color })
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
/** 首行缩进两字 */
const INDENT = { firstLine: 640 }

function bodyParagraphs(text: string): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ children: [body(line)], spacing: exact, indent: INDENT, alignment: AlignmentType.JUSTIFIED }))
}

function heading(level: 1 | 2 | 3 | 4, text: string, pageBreakBefore = false): Paragraph {
  const run = level === 1 ? body(text, { fontName: FONTS.heading1 })
    : level === 2 ? body(text, { fontName: FONTS.heading2 })
      : body(text, { bold: level === 3 })
  return new Paragraph({ children: [run], spacing: exact, indent: INDENT, keepNext: true, pageBreakBefore })
}

function pageFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const run = (children: (string)[]) => new TextRun({ children, font: font(FONTS.pageNumber), size: SIZE.si })
  return new Footer({
    children: [new Paragraph({
      alignment,
      indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
      children: [run(['— ']), run([PageNumber.CURRENT]), run([' —'])],
    })],
  })
}

const FOOTERS = { default: pageFooter(AlignmentType.RIGHT), even: pageFooter(AlignmentType.LEFT) }

function cell(content: ModelCell | string, size: number, options: { bold?: boolean; header?: boolean } = {}): TableCell {
  const model: ModelCell = typeof content === 'string' ? { text: content } : content
  const light = model.light ? LIGHTS[model.light] : null
  const numeric = model.format !== undefined
  return new TableCell({
    shading: light ? { type: ShadingType.CLEAR, fill: light.color.replace('#', ''), color: 'auto' } : options.header ? { type: ShadingType.CLEAR, fill: 'E7ECF3', color: 'auto' } : undefined,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: model.text.split('\n').map((line) => new Paragraph({
      alignment: options.header || light ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      children: [body(line, { size, bold: options.bold || options.header, color: light ? 'FFFFFF' : undefined })],
    })),
  })
}

function table(model: ReportTable, size: number, widthTwips: number): Table {
  const columns = visibleColumns(model)
  const weights = columns.map((i) => model.widths[i] ?? 10)
  const total = weights.reduce((a, b) => a + b, 0)
  const columnWidths = weights.map((w) => Math.floor((w / total) * widthTwips))
  return new Table({
    width: { size: widthTwips, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((i) => cell(model.header[i], size, { header: true })) }),
      ...model.rows.map((row) => new TableRow({
        cantSplit: true,
        children: columns.map((i) => cell(row.cells[i] ?? '', size, { bold: row.emphasis })),
      })),
    ],
  })
}

function tableTitle(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, keepNext: true, children: [body(text, { fontName: FONTS.heading1, size: SIZE.xiaosi })] })
}

const grid = { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE }

/** The report as a docx Document (two sections: the report in portrait, the 监控表 annex in landscape). */
export function reportDocument(model: ReportModel): Document {
  const main: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [body(model.title, { fontName: FONTS.title, size: SIZE.er })] }),
    new Paragraph({ spacing: exact, children: [] }),
    new Paragraph({ spacing: exact, children: [body(`部门单位名称（公章）：${model.unitName}`)] }),
    new Paragraph({ spacing: exact, children: [body(`监控节点：${model.nodeLabel}`)] }),
    new Paragraph({ spacing: exact, children: [body(`填报时间：${model.reportDate}`)] }),
  ]
  const annex: (Paragraph | Table)[] = []
  let target = main
  const landscapeWidth = mm(297 - 28 - 26)
  model.blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      // the annex (the indicator table) gets its own landscape section
      const next = model.blocks[index + 1]
      if (block.level === 1 && next?.kind === 'table' && next.table === 'indicators') {
        target = annex
        target.push(heading(1, block.text))
      } else target.push(heading(block.level, block.text))
    } else if (block.kind === 'paragraph') target.push(...bodyParagraphs(block.text))
    else if (block.table === 'budget') {
      target.push(tableTitle(model.budgetTable.title), table(model.budgetTable, SIZE.xiaosi, mm(TEXT_WIDTH_MM)))
    } else {
      target.push(tableTitle(model.indicatorTable.title), table(model.indicatorTable, SIZE.wu, landscapeWidth))
    }
  })
  const page = { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin }
  const sections: ISectionOptions[] = [{ properties: { page, grid }, footers: FOOTERS, children: main }]
  if (annex.length > 0) {
    sections.push({
      properties: { page: { ...page, size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE }, margin: { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35) } }, grid },
      footers: FOOTERS, children: annex,
    })
  }
  return new Document({
    creator: model.unitName,
    title: model.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZE.san } } } },
    sections,
  })
}

/** word/fontTable.xml with each 公文 font's fallback, replacing the package's own font table. */
export function fontTableXml(): string {
  const fonts = Object.entries(FONT_FALLBACKS).map(([name, alt]) =>
    `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fonts.join('')}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`
}

const OVERRIDES = (): { path: string; data: string }[] => [{ path: 'word/fontTable.xml', data: fontTableXml() }]

/** The .docx as a Blob (browser). */
export function reportDocxBlob(model: ReportModel): Promise<Blob> {
  return Packer.toBlob(reportDocument(model), false, OVERRIDES())
}

/** The .docx as bytes (tests, Node). */
export async function reportDocxBytes(model: ReportModel): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(reportDocument(model), false, OVERRIDES()))
}

/** '且末县自然资源局2021年1-6月绩效监控报告.docx' */
export function reportFileName(model: ReportModel): string {
  return `${model.unitName}${model.nodeLabel}绩效监控报告.docx`.replace(/[\\/:*?"<>|]/g, '_')
}
