/** The 预警清单 .xlsx of a node, read back with ExcelJS. */
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { alertList } from '../../src/domain/alertStatus'
import {
  ALERT_LIST_HEADER,
  ALERT_LIST_SHEET,
  alertListBlob,
  alertListFileName,
} from '../../src/io/alertList/alertListXlsx'
import { aDataset, aMeasure, anAlert } from '../db/fixtures'

function twoAlerts() {
  const dataset = aDataset({ measures: [aMeasure()] })
  const alerts = [
    anAlert({
      ruleId: 'budget.light',
      history: [{ at: '2021-07-05T06:30:00.000Z', by: '才茨柯', kind: 'comment', text: '三季度前赶上序时进度' }],
    }),
    anAlert({ id: 'alert-2', light: 'yellow', subjectType: 'unit', message: '=1+1 不是公式' }),
  ]
  return alertList(alerts, dataset, { label: '2021年1-6月', asOfDate: '2021-06-30' })
}

async function readBack(): Promise<ExcelJS.Worksheet> {
  const blob = await alertListBlob(twoAlerts(), new Date('2021-07-06T01:00:00.000Z'))
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await blob.arrayBuffer())
  const sheet = workbook.getWorksheet(ALERT_LIST_SHEET)
  if (!sheet) throw new Error('no sheet')
  return sheet
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number): unknown[] => (sheet.getRow(row).values as unknown[]).slice(1)

describe('预警清单 .xlsx', () => {
  it('names the file after the unit and node', () => {
    const list = twoAlerts()
    expect(alertListFileName(list)).toBe(`${list.unitName}2021年1-6月预警清单.xlsx`)
  })

  it('holds a title, the node line in 北京时间, the header and one row per alert with 批示 and measures', async () => {
    const sheet = await readBack()
    expect(String(sheet.getCell(1, 1).value)).toMatch(/2021年1-6月预警清单$/)
    expect(String(sheet.getCell(2, 1).value)).toContain('监控节点：2021年1-6月（截至2021-06-30）')
    expect(String(sheet.getCell(2, 1).value)).toContain('导出时间：2021年7月6日 09:00（北京时间）')
    expect(rowValues(sheet, 3)).toEqual([...ALERT_LIST_HEADER])
    expect(rowValues(sheet, 4)).toEqual([
      1,
      '红灯',
      '预算执行（全部预算）',
      '预算执行进度偏慢',
      '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警',
      '处理中',
      '才茨柯 2021年7月5日 14:30（北京时间）：三季度前赶上序时进度',
      '加快项目支出进度，按月调度（责任科室：财务室，期限2021-09-30，计划）',
      '财务室',
    ])
    const second = rowValues(sheet, 5)
    expect(second.slice(0, 2)).toEqual([2, '黄灯'])
    expect(second.slice(5)).toEqual(['未处理', '—', '未制定', '—'])
    // text starting with = stays text
    expect(sheet.getCell(5, 5).value).toBe('=1+1 不是公式')
    expect(sheet.getCell(5, 5).numFmt).toBe('@')
    expect(sheet.rowCount).toBe(5)
  })
})
