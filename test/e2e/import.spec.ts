/**
 * Excel import and export end to end in Chromium (docs/import-template.md): download the template, fill it in (ExcelJS in
 * Node), import — first with a bad cell, which is named and blocks the commit — see the dry-run
 * preview, commit, see the figures on the 概览, then export and re-import with zero changes.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './helpers'

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  const path = await file.path()
  return readFileSync(path)
}

async function fillTemplate(template: Buffer, june: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(template as unknown as ArrayBuffer)
  const info = workbook.getWorksheet('单位信息')
  const budget = workbook.getWorksheet('预算执行')
  const indicators = workbook.getWorksheet('绩效指标')
  const readings = workbook.getWorksheet('指标填报')
  const group = workbook.getWorksheet('监控小组')
  const targets = workbook.getWorksheet('绩效目标')
  const judgements = workbook.getWorksheet('预算研判')
  const measures = workbook.getWorksheet('纠偏措施')
  if (!info || !budget || !indicators || !readings || !group || !targets || !judgements || !measures)
    throw new Error('template sheets missing')
  info.getCell('B2').value = '测试县自然资源局'
  info.getCell('B3').value = 2024
  info.getCell('B4').value = '王会计'
  info.getCell('B5').value = '办公室、财务股、调查股'
  info.getCell('B6').value = '2024-06-30'
  // 支出类别, 经费类型, 项目名称, 责任科室, 预算项目名称, 资金来源, 年初预算, 追加, 追减, 上年结转, 1..12月执行数, 1..12月到位资金
  const month = (spent: Record<number, string | number>, allocated: Record<number, string | number>) => [
    ...Array.from({ length: 12 }, (_, i) => spent[i + 1] ?? null),
    ...Array.from({ length: 12 }, (_, i) => allocated[i + 1] ?? null),
  ]
  budget.getRow(2).values = [
    '基本支出',
    '人员经费',
    null,
    null,
    '工资福利支出',
    '财政拨款',
    '1,000.00',
    null,
    null,
    null,
    ...month({ 6: june }, { 6: '５００' }),
  ]
  budget.getRow(3).values = [
    '基本支出',
    '公用经费',
    null,
    null,
    '办公费',
    '财政拨款',
    '200万元',
    null,
    null,
    null,
    ...month({ 6: 50 }, { 6: 60 }),
  ]
  budget.getRow(4).values = [
    '项目支出',
    null,
    '土地调查项目',
    '调查股',
    '土地调查经费',
    '上级专项',
    300,
    null,
    null,
    '20',
    ...month({ 6: 100 }, { 6: 100 }),
  ]
  // L–W: a 分月计划 reaching 100 宗 in December
  indicators.getRow(2).values = [
    '整体',
    '产出指标',
    '数量指标',
    '完成土地调查宗数',
    '≥',
    100,
    '宗',
    10,
    '累计型',
    null,
    null,
    5,
    10,
    20,
    30,
    40,
    50,
    60,
    70,
    80,
    90,
    95,
    100,
  ]
  indicators.getRow(3).values = [
    '整体',
    '满意度指标',
    '服务对象满意度指标',
    '群众满意度',
    '>=',
    '90%',
    '%',
    10,
    '到期考核',
    '2024-12-31',
    null,
  ]
  readings.getRow(2).values = [
    '2024-06-30',
    '整体',
    '产出指标',
    '数量指标',
    '完成土地调查宗数',
    40,
    null,
    null,
    null,
    90,
    '有可能',
    '人员保障',
    '外业人员不足',
  ]
  group.getRow(2).values = ['李局长', '局长', '组长']
  group.getRow(3).values = ['王会计', '财务股股长', '成员']
  targets.getRow(2).values = ['整体', '完成年度土地调查任务，保障机构正常运转。']
  judgements.getRow(2).values = [
    '2024-06-30',
    '项目支出',
    null,
    '土地调查项目',
    '土地调查经费',
    '上级专项',
    280,
    '有可能',
    '人员保障',
    '外业人员不足，下半年加快进度',
  ]
  measures.getRow(2).values = [
    '2024-06-30',
    '下一步计划',
    '抽调人员充实外业队伍',
    '9月底前完成外业调查',
    '调查股',
    '2024-09-30',
    '计划',
  ]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

test('导入: template → fill → preview (bad cell named) → commit → 概览 → export → re-import with zero changes', async ({
  page,
}) => {
  await page.goto('/#/data/import')
  await expect(page.getByTestId('download-template')).toBeVisible()
  const template = await download(page, 'download-template')

  // A bad amount is named with sheet, row, column and header, and nothing can be committed.
  await page.getByTestId('import-file').setInputFiles({
    name: '填好的模板.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await fillTemplate(template, '1,2a'),
  })
  await expect(page.getByTestId('import-problems')).toContainText('预算执行 第2行 P列「6月执行数」不是有效金额：“1,2a”')
  await expect(page.getByTestId('import-problems-title')).toContainText('发现 1 处问题')
  await expect(page.getByTestId('commit-import')).toHaveCount(0)
  await screenshot(page, 'import-problems')

  // The corrected file previews its rows as new.
  await page.getByTestId('import-file').setInputFiles({
    name: '填好的模板.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await fillTemplate(template, '450'),
  })
  const counts = page.getByTestId('import-counts')
  await expect(counts).toContainText('预算行')
  await expect(counts.locator('tr', { hasText: '预算行' })).toContainText('3')
  await expect(counts.locator('tr', { hasText: '三级指标' })).toContainText('2')
  await expect(counts.locator('tr', { hasText: '监控小组成员' })).toContainText('2')
  await expect(counts.locator('tr', { hasText: '预算研判' })).toContainText('1')
  await expect(counts.locator('tr', { hasText: '纠偏措施' })).toContainText('1')
  await expect(page.getByTestId('import-rows')).toContainText('土地调查项目 / 土地调查经费（上级专项）')
  await screenshot(page, 'import-preview')
  await page.getByTestId('commit-import').click()
  await expect(page.getByTestId('transfer-message')).toContainText('导入完成')

  // 概览: 1000 + 200 + 300 = 1500 万元 budget, June 450 + 50 + 100 = 600 spent, 40.00%.
  await page.getByRole('link', { name: '概览' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toContainText('1,500.00 万元')
  await expect(page.getByTestId('kpi-spent')).toContainText('600.00 万元')
  await expect(page.getByTestId('kpi-execution-rate')).toContainText('40.00%')
  await expect(page.getByTestId('kpi-time-progress')).toContainText('50.00%')
  await screenshot(page, 'import-overview')

  // Export → re-import: nothing changes.
  await page.goto('/#/data/import')
  const exported = await download(page, 'export-excel')
  await page.getByTestId('import-file').setInputFiles({
    name: '导出.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: exported,
  })
  await expect(page.getByTestId('import-unchanged')).toBeVisible()
  await expect(page.getByTestId('import-counts').locator('tr', { hasText: '预算行' })).toContainText('3')
  await expect(page.getByTestId('import-counts').locator('tr', { hasText: '监控小组成员' })).toContainText('2')
  await expect(page.getByTestId('import-counts').locator('tr', { hasText: '预算研判' })).toContainText('1')
  await expect(page.getByTestId('commit-import')).toHaveCount(0)
  await screenshot(page, 'import-reimport-unchanged')

  // The same template with one figure changed shows exactly that change before anything is written.
  await page.getByTestId('import-file').setInputFiles({
    name: '改了6月.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await fillTemplate(template, '480'),
  })
  await expect(page.getByTestId('import-rows')).toContainText('6月执行数 450 → 480')
  await expect(page.getByTestId('import-counts').locator('tr', { hasText: '月度执行数' })).toContainText('1')
  await screenshot(page, 'import-preview-changed')
  await page.getByTestId('cancel-import').click()
  await expect(page.getByTestId('import-preview')).toHaveCount(0)
})
