/**
 * The 监控报告 page (docs/domain-rules.md §13) on the demo data (seed 001, 且末县自然资源局 2021年1-6月): drafted
 * from the data, a paragraph edited and kept across a reload, 「导出 Word」 and 「导出监控表」 received
 * as downloads and read back, the print view, 定稿 (read-only) and 解锁 with a reason, 重新生成.
 */
import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import JSZip from 'jszip'
import ExcelJS from 'exceljs'
import { expect, screenshot, test } from './helpers'

const paragraph = (page: Page, key: string) => page.locator(`[data-testid="report-paragraph"][data-key="${key}"]`)

async function openDemoReport(page: Page): Promise<void> {
  await page.goto('/#/report')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('report-document')).toBeVisible()
}

async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path()
  return readFileSync(path)
}

test('drafts the report from the demo data, keeps an edit, exports Word and the 监控表, prints', async ({ page }) => {
  await openDemoReport(page)
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
  await expect(paragraph(page, 'budget.overall')).toContainText('预算执行率25.70%')
  await expect(paragraph(page, 'targets.counts')).toContainText('共设置一级指标3个，二级指标8个，三级指标22个。')
  await expect(page.locator('[data-testid="report-paragraph"][data-key^="indicator."]')).toHaveCount(22)
  await expect(paragraph(page, 'indicator.demo-ind-01')).toHaveText(
    /指标1：办理建设项目用地初审，预期指标值：≥15个，实际完成值：7个，指标完成率：46.67%。/,
  )
  await expect(page.getByTestId('needs-input')).toHaveCount(4)
  await expect(page.getByTestId('pending-alert')).toContainText('有 4 段标为“待填写”')
  await expect(page.getByTestId('report-indicator-table').locator('tbody tr')).toHaveCount(22)
  await screenshot(page, 'report-page')

  // edit 意见及建议: the 待填写 mark goes and the text survives a reload (saved with the node)
  const suggestions = paragraph(page, 'suggestions')
  await suggestions.getByTestId('paragraph-edit').click()
  await suggestions.getByTestId('paragraph-input').fill('建议财政部门加强对绩效监控工作的培训和指导。')
  await suggestions.getByTestId('paragraph-save').click()
  await expect(suggestions).toContainText('建议财政部门加强对绩效监控工作的培训和指导。')
  await expect(page.getByTestId('needs-input')).toHaveCount(3)
  await page.reload()
  await expect(paragraph(page, 'suggestions')).toContainText('建议财政部门加强对绩效监控工作的培训和指导。')
  await expect(paragraph(page, 'suggestions')).toContainText('已修改')

  // 填报时间 as in seed 001, kept with the report
  const dateInput = page.getByTestId('report-date').locator('input')
  await dateInput.fill('2021-07-02')
  await dateInput.press('Enter')
  await expect(page.getByTestId('report-document')).toContainText('填报时间：2021年7月2日')

  // 导出 Word
  const [word] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-word').click()])
  expect(word.suggestedFilename()).toBe('且末县自然资源局2021年1-6月绩效监控报告（草稿）.docx')
  const docx = await JSZip.loadAsync(await bytesOf(word))
  const documentXml = await docx.file('word/document.xml')!.async('string')
  expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838"')
  expect(documentXml).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"')
  expect(documentXml).toContain('预算执行率25.70%')
  expect(documentXml).toContain('指标完成率：46.67%')
  expect(documentXml).toContain('建议财政部门加强对绩效监控工作的培训和指导。')
  expect(documentXml).not.toContain('待填写')
  expect(documentXml).toContain('填报时间：2021年7月2日')

  // 导出监控表
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
  expect(xlsx.suggestedFilename()).toBe('且末县自然资源局2021年1-6月绩效监控表（草稿）.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await bytesOf(xlsx)) as unknown as ArrayBuffer)
  const budget = workbook.getWorksheet('预算执行监控表')!
  expect(budget.getCell('D4').value).toBe(1493.25)
  expect(budget.getCell('F4').value).toBe(383.74)
  expect(budget.getCell('G4').value).toBe(0.257)
  const indicators = workbook.getWorksheet('绩效目标监控表')!
  expect(indicators.rowCount).toBe(3 + 22)
  expect(indicators.getCell('D4').value).toBe('办理建设项目用地初审')
  expect(indicators.getCell('I4').value).toBe(0.4667)

  // 打印: print media hides the app's chrome and the marks
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.layout-aside')).toBeHidden()
  await expect(page.locator('.layout-header')).toBeHidden()
  await expect(page.getByTestId('export-word')).toBeHidden()
  await expect(page.getByTestId('needs-input').first()).toBeHidden()
  await expect(page.getByTestId('report-document')).toBeVisible()
  await screenshot(page, 'report-print')
  await page.emulateMedia({ media: 'screen' })
})

test('定稿 locks the node and freezes the report; 解锁 needs a reason; 重新生成 keeps edits', async ({ page }) => {
  await openDemoReport(page)
  const problems = paragraph(page, 'org.problems')
  await problems.getByTestId('paragraph-edit').click()
  await problems.getByTestId('paragraph-input').fill('预算执行进度偏慢，项目支出尚未支付。')
  await problems.getByTestId('paragraph-save').click()
  await expect(problems).toContainText('预算执行进度偏慢，项目支出尚未支付。')

  // 重新生成, keeping edits
  await page.getByTestId('report-regenerate').click()
  await page.getByTestId('regen-confirm').click()
  await expect(problems).toContainText('预算执行进度偏慢，项目支出尚未支付。')

  // 定稿: nothing to settle first — seed 001's 5 lines are entered through June (383.74 of 1493.25) and
  // no reading is carried from an earlier node
  await expect(page.getByTestId('report-checks')).toHaveCount(0)
  await expect(page.getByTestId('report-freeze')).toBeEnabled()
  await page.getByTestId('report-freeze').click()
  await page.getByRole('button', { name: '定稿', exact: true }).last().click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  await expect(page.getByTestId('paragraph-edit')).toHaveCount(0)
  // a submitted report shows no 待填写 marks, even where the suggested text was kept
  await expect(page.getByTestId('needs-input')).toHaveCount(0)
  await expect(page.getByTestId('report-regenerate')).toBeDisabled()
  await expect(paragraph(page, 'budget.overall')).toContainText('预算执行率25.70%')
  await screenshot(page, 'report-frozen')

  // the frozen report (with the edit made before 定稿) stays after a reload
  await page.reload()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  await expect(problems).toContainText('预算执行进度偏慢，项目支出尚未支付。')

  // 解锁 without a reason is refused, with one it works and is listed
  await page.getByTestId('report-unlock').click()
  await page.getByTestId('unlock-confirm').click()
  await expect(page.getByText('请填写解锁原因')).toBeVisible()
  await page.getByTestId('unlock-reason').fill('财政局退回，需更正6月执行数')
  await page.getByTestId('unlock-confirm').click()
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
  await expect(page.getByTestId('unlock-history')).toContainText('财政局退回，需更正6月执行数')

  // 重新生成, discarding edits: the draft comes back
  await page.getByTestId('report-regenerate').click()
  await page.getByTestId('regen-discard').click()
  await page.getByTestId('regen-confirm').click()
  await expect(problems).toContainText('1、预算执行进度偏慢。截至2021年6月底预算执行率25.70%')
  await expect(problems).toContainText('待填写')
})

test('a submitted report keeps its figures after later edits; unlocking from 监控节点 needs a reason and keeps the submitted version', async ({
  page,
}) => {
  await openDemoReport(page)
  await page.getByTestId('report-freeze').click()
  await page.getByRole('button', { name: '定稿', exact: true }).last().click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  const title = page.getByTestId('report-document').locator('.report-title')
  const submittedTitle = (await title.textContent()) ?? ''
  expect(submittedTitle).toContain('且末县自然资源局')

  // an edit elsewhere that feeds the report: the unit's name (in the title and the text)
  await page.goto('/#/data/unit')
  await page.getByTestId('unit-name').fill('且末县自然资源局（更名）')
  await page.getByTestId('unit-save').click()
  await expect(page.getByText('单位信息已保存')).toBeVisible()

  // the report page still shows the submitted report, exactly
  await page.goto('/#/report')
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  await expect(title).toHaveText(submittedTitle)
  await expect(page.getByTestId('report-document')).not.toContainText('（更名）')
  await expect(paragraph(page, 'budget.overall')).toContainText('预算执行率25.70%')
  await page.reload()
  await expect(title).toHaveText(submittedTitle)

  // 监控节点 list: no bare lock toggle; 解锁 asks for a reason like the report page
  await page.goto('/#/data/nodes')
  // the list is shown, with the locked node's 解锁 (toHaveCount(0) alone would pass before it renders)
  await expect(page.getByTestId('node-unlock')).toBeVisible()
  await expect(page.getByText('锁定（已上报）')).toHaveCount(0)
  await page.getByTestId('node-unlock').click()
  await page.getByTestId('node-unlock-confirm').click()
  await expect(page.getByTestId('node-unlock-error')).toContainText('请填写解锁原因')
  await page.getByTestId('node-unlock-reason').fill('财政局退回，需更正单位名称')
  await screenshot(page, 'nodes-unlock-dialog')
  await page.getByTestId('node-unlock-confirm').click()
  await expect(page.getByTestId('nodes-table')).toContainText('填报中')

  // the draft now follows the data; the submitted version is still there to read
  await page.goto('/#/report')
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
  await expect(title).toContainText('（更名）')
  await expect(page.getByTestId('unlock-history')).toContainText('财政局退回，需更正单位名称')
  await page.getByTestId('submitted-version').click()
  const dialog = page.getByTestId('submitted-dialog')
  await expect(dialog.locator('.report-title')).toHaveText(submittedTitle)
  await expect(dialog).toContainText('预算执行率25.70%')
  await screenshot(page, 'report-submitted-version')

  // 定稿 from the 监控节点 list goes through the report page
  await page.keyboard.press('Escape')
  await page.goto('/#/data/nodes')
  await page.getByTestId('node-freeze').click()
  await expect(page).toHaveURL(/#\/report$/)
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
})
