/**
 * After 定稿 of 1-6月, five paths once still changed the locked node's figures (docs/reliability.md
 * §7) — each one reproduced on seed 001's demo (且末县自然资源局 2021, 执行率 25.70% = 383.74 ÷ 1493.25) and shown
 * refused: the monthly grid, an import of a modified export, 年初预算 in 数据管理, deleting a budget line,
 * 设置 (序时进度 by days), and a restore of a backup taken before 定稿. At the end the 1-6月 概览 still
 * reads 25.70% at 序时进度 50.00%, and the frozen report is byte-identical to what was frozen.
 */
import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './helpers'

const LOCKED = '监控节点“2021年1-6月”已定稿（已锁定）'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  return readFileSync(await file.path())
}

/** The stored report of the demo's 1-6月 node, as IndexedDB holds it. */
async function frozenReport(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('jixiao-jiankong')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const get = open.result.transaction('reports', 'readonly').objectStore('reports').get('demo-qiemo-2021-06')
          get.onsuccess = () => {
            open.result.close()
            resolve(JSON.stringify((get.result as { frozen?: unknown } | undefined)?.frozen ?? null))
          }
        }
      }),
  )
}

/** The exported workbook with 工资福利支出's 6月执行数 changed from 324.88 to 300. */
async function withJuneChanged(exported: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(exported as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('预算执行')
  if (!sheet) throw new Error('the export has 预算执行')
  let juneColumn = 0
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.value === '6月执行数') juneColumn = col
  })
  let changed = 0
  sheet.eachRow((row) => {
    if (row.values && (row.values as unknown[]).includes('工资福利支出')) {
      row.getCell(juneColumn).value = 300
      changed += 1
    }
  })
  expect(changed).toBe(1)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

test('after 定稿 of 1-6月 every path that would change its figures refuses, and report and 概览 stay at 25.70%', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')

  // a backup and an export, both taken before 定稿
  await page.goto('/#/data/backup')
  const backup = await download(page, 'backup-all')
  await page.goto('/#/data/import')
  const exported = await download(page, 'export-excel')

  // 定稿 1-6月
  await page.goto('/#/report')
  // the report is shown (toHaveCount(0) alone would pass before the page renders), and nothing to settle
  await expect(page.getByTestId('report-document')).toBeVisible()
  await expect(page.getByTestId('report-checks')).toHaveCount(0)
  await page.getByTestId('report-freeze').click()
  await page.getByRole('button', { name: '定稿', exact: true }).last().click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')
  const frozen = await frozenReport(page)
  expect(frozen).toContain('25.70%')

  // 1. 月度录入: June is read-only before anyone types
  await page.goto('/#/execution?mode=entry')
  await expect(page.getByTestId('execution-locked')).toContainText(
    '“2021年1-6月”已定稿：1–6月的执行数和到位资金只能查看',
  )
  await expect(page.locator('[data-cell="0-5"]')).toHaveAttribute('readonly', '')
  await expect(page.locator('[data-cell="0-6"]')).not.toHaveAttribute('readonly', '')
  await screenshot(page, 'locked-1-grid')

  // 2. an import of the modified export: the preview names the locked node, nothing can be committed
  await page.goto('/#/data/import')
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: '改了6月.xlsx', mimeType: XLSX, buffer: await withJuneChanged(exported) })
  await expect(page.getByTestId('import-problems')).toContainText('监控节点“2021年1-6月”已定稿，导入会修改其月度执行数')
  await expect(page.getByTestId('commit-import')).toHaveCount(0)
  await screenshot(page, 'locked-2-import')

  // 3. 年初预算 in 数据管理 › 预算
  await page.goto('/#/data/budget')
  await page
    .getByTestId('budget-lines')
    .locator('tr', { hasText: '工资福利支出' })
    .getByRole('button', { name: '修改' })
    .click()
  const initial = page.getByTestId('budget-initial')
  await ((await initial.evaluate((node) => node.tagName)) === 'INPUT' ? initial : initial.locator('input')).fill('1200')
  await page.getByTestId('budget-save').click()
  await expect(page.getByTestId('budget-messages')).toContainText(
    `${LOCKED}，修改预算行“工资福利支出”会改变其已定稿报告中的数字`,
  )
  await screenshot(page, 'locked-3-budget')
  await page.keyboard.press('Escape')

  // 4. deleting a budget line
  await page
    .getByTestId('budget-lines')
    .locator('tr', { hasText: '车辆运行维护费' })
    .getByTestId('budget-line-delete')
    .click()
  await page.getByTestId('loss-confirm').click()
  await expect(page.locator('.el-message--error')).toContainText(`${LOCKED}，删除预算行“车辆运行维护费”`)
  await expect(page.getByTestId('budget-total')).toHaveText('1,493.25')

  // 5. 设置: 序时进度 by days applies to open nodes; the locked 1-6月 keeps months (50.00%)
  await page.goto('/#/settings')
  await page.getByTestId('setting-mode').getByText('按日', { exact: false }).first().click()
  await page.getByTestId('settings-save').click()
  await expect(page.locator('.el-message--success')).toBeVisible()

  // 6. a restore of the backup taken before 定稿 names the report it would delete
  await page.goto('/#/data/backup')
  await page
    .getByTestId('backup-file')
    .setInputFiles({ name: '定稿前的备份.json', mimeType: 'application/json', buffer: backup })
  await expect(page.getByTestId('restore-frozen')).toContainText(
    '且末县自然资源局 2021年1-6月：定稿报告将被删除，节点恢复为未定稿（备份早于定稿）',
  )
  await screenshot(page, 'locked-6-restore')

  // the record: 概览 of 1-6月 as frozen, the alert as frozen, the report byte-identical
  await page.goto('/')
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
  await expect(page.getByTestId('kpi-time-progress').locator('.kpi-value')).toHaveText('50.00%')
  await page.getByRole('link', { name: '预警', exact: true }).click()
  await expect(page.locator('main')).toContainText('执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警')
  expect(await frozenReport(page)).toBe(frozen)
})
