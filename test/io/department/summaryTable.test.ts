/**
 * The 汇总表 .xlsx read back with ExcelJS: the 合计 row holds the sums as numbers with number formats
 * (13,523.81 / 12,216.27 → 90.33%, 到位资金 600.00 + 12,030.56 = 12,630.56; docs/domain-rules.md §17.2), units follow worst 执行进度比 first, the
 * 未报送 unit is marked, and 草稿 / 定稿 are said in the sheet and the file name (§13.7).
 */
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import type { ReportModel, ReportRelease } from '../../../src/domain/report'
import {
  departmentReportFileName,
  SUMMARY_HEADER_ROW,
  SUMMARY_SHEET_NAME,
  summaryTableBytes,
  summaryTableFileName,
} from '../../../src/io/department/summaryTableXlsx'
import { departmentModel } from './departmentModel'

async function readBack(model: ReportModel, release?: ReportRelease): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await summaryTableBytes(model, release)).buffer as ArrayBuffer)
  const sheet = workbook.getWorksheet(SUMMARY_SHEET_NAME)
  if (!sheet) throw new Error('no sheet')
  return sheet
}

const values = (sheet: ExcelJS.Worksheet, row: number): unknown[] =>
  Array.from({ length: 12 }, (_, i) => sheet.getCell(row, i + 1).value)

describe('汇总表 .xlsx', () => {
  it('has the title, the 填报 line with 草稿, and the header row', async () => {
    const sheet = await readBack(departmentModel())
    expect(sheet.getCell(1, 1).value).toBe('且末县财政局2021年1-6月各单位预算执行汇总表（单位：万元）')
    expect(String(sheet.getCell(2, 1).value)).toMatch(
      /^主管部门：且末县财政局.*监控节点：2021年1-6月（截至2021-06-30）.*草稿$/,
    )
    expect(values(sheet, SUMMARY_HEADER_ROW)).toEqual([
      '排名',
      '单位',
      '调整后预算',
      '到位资金',
      '执行数',
      '执行率',
      '序时进度',
      '执行进度比',
      '预算执行预警',
      '红色预警',
      '黄色预警',
      '审核状态',
    ])
  })

  it('writes the 合计 row as the sums: 13523.81, 12216.27, 90.33% as numbers with formats', async () => {
    const sheet = await readBack(departmentModel())
    const total = SUMMARY_HEADER_ROW + 1
    expect(values(sheet, total)).toEqual([
      '合计',
      '2个单位',
      13523.81,
      12630.56,
      12216.27,
      0.9033,
      0.5,
      180.7,
      '绿灯',
      1,
      2,
      '已通过1个、待审核1个、未报送1个',
    ])
    expect(sheet.getCell(total, 3).numFmt).toBe('0.00')
    expect(sheet.getCell(total, 6).numFmt).toBe('0.00%')
    expect(sheet.getCell(total, 8).numFmt).toBe('0.0')
    expect(sheet.getCell(total, 1).font?.bold).toBe(true)
    // the sums are the units' figures added: Σ 调整后预算 and Σ 执行数 of the rows below
    const units = [total + 1, total + 2].map((r) => [sheet.getCell(r, 3).value, sheet.getCell(r, 5).value] as number[])
    expect(units).toEqual([
      [1493.25, 383.74],
      [12030.56, 11832.53],
    ])
    expect(Math.round((1493.25 + 12030.56) * 100) / 100).toBe(sheet.getCell(total, 3).value)
  })

  it('lists units worst first with their light filled, then the 未报送 unit marked', async () => {
    const sheet = await readBack(departmentModel())
    const first = SUMMARY_HEADER_ROW + 2
    expect(values(sheet, first)).toEqual([
      '1',
      '且末县自然资源局',
      1493.25,
      600,
      383.74,
      0.257,
      0.5,
      51.4,
      '红灯',
      1,
      0,
      '已通过',
    ])
    expect(sheet.getCell(first, 9).fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
    expect(values(sheet, first + 1).slice(0, 2)).toEqual(['2', '且末县水利局'])
    expect(values(sheet, first + 2)).toEqual([
      '—',
      '且末县林草局',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      '未报送',
    ])
    // the department's budget block below: 部门合计, 基本支出, 项目支出
    const blockTitle = first + 4
    expect(sheet.getCell(blockTitle, 1).value).toBe('2021年1-6月部门预算执行情况表（单位：万元）')
    expect(values(sheet, blockTitle + 2).slice(0, 6)).toEqual([
      '部门合计',
      13523.81,
      12630.56,
      0.9339,
      12216.27,
      0.9033,
    ])
  })

  it('says 定稿 第N版 once 定稿, in the sheet and the file names', async () => {
    const release: ReportRelease = { kind: 'final', version: 2, frozenAt: '2021-07-10T06:30:00.000Z' }
    const model = departmentModel()
    const sheet = await readBack(model, release)
    expect(String(sheet.getCell(2, 1).value)).toMatch(/定稿 第2版 · 2021年7月10日 14:30（北京时间）$/)
    expect(summaryTableFileName(model, { kind: 'draft' })).toBe('且末县财政局2021年1-6月绩效监控汇总表（草稿）.xlsx')
    expect(departmentReportFileName(model, release)).toBe(
      '且末县财政局2021年1-6月绩效监控汇总报告（定稿第2版，2021年7月10日14时30分）.docx',
    )
  })
})
