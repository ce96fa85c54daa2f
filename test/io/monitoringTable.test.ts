/** The 监控表 .xlsx of the demo data (seed 001), read back with ExcelJS. */
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { defaultSettings } from '../../src/domain/settings'
import { DRAFT_RELEASE, draftReport, paragraphsOf, PARAGRAPH_KEYS } from '../../src/domain/report'
import type { ReportModel } from '../../src/domain/report'
import type { UnitYearDataset } from '../../src/domain/types'
import {
  monitoringTableBytes,
  monitoringTableFileName,
  SHEET_NAMES,
} from '../../src/io/monitoringTable/monitoringTableXlsx'

function demoReport(precision = 2, data: UnitYearDataset = qiemo2021Dataset()): ReportModel {
  const settings = { ...defaultSettings(), ratePrecision: precision }
  const snapshot = computeNodeSnapshot({ dataset: data, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error('snapshot')
  return draftReport({ dataset: data, snapshot: snapshot.value, settings, reportDate: '2021-07-02' })
}

async function readBack(model: ReportModel): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await monitoringTableBytes(model)).buffer as ArrayBuffer)
  return workbook
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number): unknown[] => (sheet.getRow(row).values as unknown[]).slice(1)

describe('monitoringTableXlsx', async () => {
  const model = demoReport()
  const workbook = await readBack(model)
  const budget = workbook.getWorksheet(SHEET_NAMES.budget)!
  const indicators = workbook.getWorksheet(SHEET_NAMES.indicators)!

  it('has the budget block with numbers as numbers (1493.25, 383.74, 25.70%) and formats', () => {
    expect(rowValues(budget, 3)).toEqual([
      '预算项目',
      '资金来源',
      '年初预算',
      '调整后预算',
      '到位资金',
      '1-6月执行数',
      '执行率',
      '全年预计执行数',
    ])
    expect(rowValues(budget, 4).slice(0, 7)).toEqual(['合计', '', 1493.25, 1493.25, 383.74, 383.74, 0.257])
    expect(budget.getCell('C4').numFmt).toBe('0.00')
    expect(budget.getCell('G4').numFmt).toBe('0.00%')
    expect(budget.getCell('A1').value).toBe('且末县自然资源局2021年1-6月预算执行情况表（单位：万元）')
    const basic = rowValues(budget, 5)
    expect(basic[0]).toBe('基本支出')
    expect(basic[6]).toBe(0.2857)
    const bySource = rowValues(budget, budget.rowCount)
    expect(bySource.slice(0, 7)).toEqual(['资金来源小计', '财政拨款', 1493.25, 1493.25, 383.74, 383.74, 0.257])
  })

  it('matches the report’s budget paragraph figure for figure', () => {
    const overall = paragraphsOf(model).find((p) => p.key === PARAGRAPH_KEYS.budgetOverall)!.text
    expect(overall).toContain(`预算${budget.getCell('D4').value as number}万元`)
    expect(overall).toContain(`预算执行率${((budget.getCell('G4').value as number) * 100).toFixed(2)}%`)
  })

  it('has every indicator column of the 监控表 and one row per 三级指标', () => {
    expect(rowValues(indicators, 3)).toEqual([
      '绩效目标',
      '一级指标',
      '二级指标',
      '三级指标',
      '计算符号',
      '计量单位',
      '年度指标值',
      '当前完成值',
      '完成率',
      '预警',
      '全年预计',
      '完成可能性',
      '偏差原因',
      '纠偏措施',
      '备注',
    ])
    expect(indicators.rowCount).toBe(3 + 22)
    expect(rowValues(indicators, 4).slice(0, 12)).toEqual([
      '整体',
      '产出指标',
      '数量指标',
      '办理建设项目用地初审',
      '≥',
      '个',
      15,
      7,
      0.4667,
      '绿灯',
      15,
      '确定能',
    ])
    expect(indicators.getCell('I4').numFmt).toBe('0.00%')
    // 未达监控节点 rows keep the words; 定性 rows keep their text
    expect(rowValues(indicators, 7).slice(6, 10)).toEqual([20, '未达监控节点', '未达监控节点', '灰灯'])
    expect(rowValues(indicators, 21).slice(6, 9)).toEqual(['效果明显', '有所效果', 0.3])
  })

  it('shows the light as a cell fill in the UI colour plus its word', () => {
    const red = indicators.getCell('J5')
    expect(red.value).toBe('红灯')
    expect(red.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD0312D' } })
    expect(indicators.getCell('J4').fill).toMatchObject({ fgColor: { argb: 'FF2E8B57' } })
  })

  it('freezes the header rows of both sheets', () => {
    for (const sheet of [budget, indicators]) expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
  })

  it('writes whole-percent formats at precision 0 with the rounded values', async () => {
    const whole = await readBack(demoReport(0))
    const sheet = whole.getWorksheet(SHEET_NAMES.budget)!
    expect(sheet.getCell('G4').value).toBe(0.26)
    expect(sheet.getCell('G4').numFmt).toBe('0%')
  })

  it('keeps text starting with = + - @ as text, never a formula', async () => {
    const data = qiemo2021Dataset()
    const reading = data.readings.find((r) => r.indicatorId === 'demo-ind-02')!
    reading.deviationText = '=HYPERLINK("http://x","点我")'
    reading.deviationCauses = []
    data.indicators[0].name = '+1 办理初审'
    data.indicators[1].name = '@SUM(A1)'
    const sheet = (await readBack(demoReport(2, data))).getWorksheet(SHEET_NAMES.indicators)!
    for (const address of ['M5', 'D4', 'D5']) {
      const cell = sheet.getCell(address)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.formula).toBeUndefined()
      expect(cell.numFmt).toBe('@')
    }
    expect(sheet.getCell('M5').value).toBe('=HYPERLINK("http://x","点我")')
  })

  it('names the file after the unit and node, marked 草稿 until 定稿 (docs/domain-rules.md §13.7)', () => {
    expect(monitoringTableFileName(model, DRAFT_RELEASE)).toBe('且末县自然资源局2021年1-6月绩效监控表（草稿）.xlsx')
    expect(monitoringTableFileName(model, FINAL)).toBe(
      '且末县自然资源局2021年1-6月绩效监控表（定稿第1版，2021年7月5日14时30分）.xlsx',
    )
  })

  it('says 草稿 under each title and in red in each printed page header, with the page number below', () => {
    for (const sheet of [budget, indicators]) {
      expect(String(sheet.getCell('A2').value)).toMatch(/填报时间：2021年7月2日\u3000\u3000草稿$/)
      expect(sheet.headerFooter.oddHeader).toMatch(/&R&KC00000草稿$/)
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页')
    }
    expect(budget.headerFooter.oddHeader).toBe(
      '&L且末县自然资源局2021年1-6月预算执行情况表（单位：万元）&R&KC00000草稿',
    )
  })
})

/** 定稿 at 14:30 Beijing time on 5 July 2021 (06:30 UTC, as stored), the first version */
const FINAL = { kind: 'final', version: 1, frozenAt: '2021-07-05T06:30:00.000Z' } as const

describe('monitoringTableXlsx of a 定稿', async () => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await monitoringTableBytes(demoReport(), FINAL)).buffer as ArrayBuffer)

  it('carries the version and the 定稿 time under each title and in each page header, and no 草稿', () => {
    for (const sheet of workbook.worksheets) {
      const mark = '定稿 第1版 · 2021年7月5日 14:30（北京时间）'
      expect(String(sheet.getCell('A2').value)).toMatch(new RegExp(`${mark.replace(/[()（）·]/g, '.')}$`))
      expect(sheet.headerFooter.oddHeader).toMatch(new RegExp(`&R${mark.replace(/[()（）·]/g, '.')}$`))
      expect(sheet.headerFooter.oddHeader).not.toContain('草稿')
    }
  })

  it('doubles an & in the unit name, which Excel would read as a header code', async () => {
    const model = { ...demoReport(), unitName: 'A&B局' }
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await monitoringTableBytes(model)).buffer as ArrayBuffer)
    expect(book.worksheets[0]!.headerFooter.oddHeader).toMatch(/^&LA&&B局/)
  })
})
