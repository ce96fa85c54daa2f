/**
 * Column widths of the report's Word tables (src/io/word/columnWidths.ts): wide enough for every
 * number, percent and date whole, short words on one line, the rest of the width where it shortens
 * the rows most. How the widths come out in LibreOffice is test/io/wordRendering.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  balancedLines,
  columnWidths,
  splitFourCharWord,
  textEm,
  unbreakablePieces,
} from '../../src/io/word/columnWidths'

/** 五号 10.5 pt: one em is 210 twips; cells padded 60 twips a side. */
const FONT = 10.5
const EM = FONT * 20
const PADDING = 120
/** the text width (em) of a column `twips` wide */
const emIn = (twips: number): number => (twips - PADDING) / EM

describe('unbreakablePieces', () => {
  it('keeps numbers, percents and dates whole, each Chinese character its own piece', () => {
    expect(unbreakablePieces('预算1493.25万元')).toEqual(['预', '算', '1493.25', '万', '元'])
    expect(unbreakablePieces('2021-10-01后可衡量')).toEqual(['2021-10-01', '后', '可', '衡', '量'])
    expect(unbreakablePieces('100.00%')).toEqual(['100.00%'])
  })

  it('keeps closing punctuation with the character before it and opening punctuation with the one after', () => {
    expect(unbreakablePieces('仅完成30亩。')).toEqual(['仅', '完', '成', '30', '亩。'])
    expect(unbreakablePieces('保障：（一）')).toEqual(['保', '障：', '（一）'])
  })
})

describe('textEm', () => {
  it('counts a Chinese character as 1 em, Times New Roman digits as 0.55, and a quarter em between the two', () => {
    expect(textEm('产出指标')).toBe(4)
    expect(textEm('1493.25')).toBeCloseTo(6 * 0.55 + 0.28, 5)
    expect(textEm('30亩')).toBeCloseTo(2 * 0.55 + 0.25 + 1, 5)
  })
})

describe('balancedLines', () => {
  it('breaks a header into even lines rather than filling the first', () => {
    expect(balancedLines('一级指标', 3)).toEqual(['一级', '指标'])
    expect(balancedLines('全年预计执行数', 5)).toEqual(['全年预计', '执行数'])
    expect(balancedLines('预警', 3)).toEqual(['预警'])
  })
})

describe('splitFourCharWord', () => {
  it('sets a four-character word that does not fit as 2 + 2, and leaves anything else alone', () => {
    expect(splitFourCharWord('数量指标', 3.2)).toBe('数量\n指标')
    expect(splitFourCharWord('数量指标', 4.2)).toBe('数量指标')
    expect(splitFourCharWord('满意度指标', 3.2)).toBe('满意度指标')
    expect(splitFourCharWord('1129', 1)).toBe('1129')
  })
})

describe('columnWidths', () => {
  const column = (header: string, cells: string[], weight = 10) => ({ header, cells, weight })

  it('adds up to the table width', () => {
    const widths = columnWidths(
      [
        column('三级指标', ['办理建设项目用地初审']),
        column('完成率', ['46.67%']),
        column('备注', ['2021-10-01后可衡量']),
      ],
      FONT,
      6000,
      PADDING,
    )
    expect(widths.reduce((a, b) => a + b, 0)).toBe(6000)
  })

  it('gives number columns the width of their widest figure even when their weight is tiny (seed 001: 1129.83)', () => {
    const widths = columnWidths(
      [
        column('偏差原因', ['建设项目前期手续办理周期长，报批集中在下半年，上半年仅完成30亩。'], 50),
        column('值', ['1129.83'], 1),
        column('率', ['100.00%'], 1),
        column('备注', ['2021-10-01后可衡量'], 1),
      ],
      FONT,
      4000,
      PADDING,
    )
    // the figures as Times New Roman sets them: digits 0.5 em, '.' 0.25, '-' 0.333, '%' 0.833 (bold 1.0)
    expect(emIn(widths[1] ?? 0)).toBeGreaterThanOrEqual(6 * 0.5 + 0.25)
    expect(emIn(widths[2] ?? 0)).toBeGreaterThanOrEqual(5 * 0.5 + 0.25 + 1)
    expect(emIn(widths[3] ?? 0)).toBeGreaterThanOrEqual(8 * 0.5 + 2 * 0.333)
  })

  it('keeps a short word (红灯, 确定能) on one line', () => {
    const widths = columnWidths(
      [
        column('预警', ['红灯', '绿灯']),
        column('完成可能性', ['确定能']),
        column('偏差原因', ['很长的说明'.repeat(10)]),
      ],
      FONT,
      5000,
      PADDING,
    )
    expect(emIn(widths[0] ?? 0)).toBeGreaterThanOrEqual(2)
    expect(emIn(widths[1] ?? 0)).toBeGreaterThanOrEqual(3)
  })

  it('gives the spare width to the column whose text makes the rows tall, not by weight alone', () => {
    const names = ['国有建设用地和国有农用地评估率', '社保费、工资发放及时率', '自然资源损毁和浪费造成的经济损失']
    const widths = columnWidths(
      [column('三级指标', names, 10), column('备注', ['', '', ''], 30)],
      FONT,
      Math.round(20 * EM),
      PADDING,
    )
    // 备注 is empty: the names get the room, each on at most two lines
    expect(emIn(widths[0] ?? 0)).toBeGreaterThanOrEqual(16 / 2)
    expect(widths[0] ?? 0).toBeGreaterThan(widths[1] ?? 0)
  })

  it('shrinks every column alike when even the figures cannot fit side by side', () => {
    const figures = Array.from({ length: 10 }, (_, i) => column(`列${i}`, ['1493.25']))
    const widths = columnWidths(figures, FONT, 3000, PADDING)
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000)
    expect(new Set(widths).size).toBe(1)
  })
})
