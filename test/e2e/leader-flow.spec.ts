/**
 * The leader's flow on 预警 (issue 13 item 5), demo data (seed 001, 2021年1-6月, 9 open alerts), at
 * 1280×720: the 当前操作人 is set once in the header and signs every 批示 without being typed again,
 * also after a reload; an alert with a 批示 reads 处理中; three alerts are 批示 in one go and three
 * closed in one go; an empty batch 批示 or one without an 操作人 is refused with a message and the
 * stored alerts are unchanged; 导出预警清单 downloads an .xlsx holding the alerts, 批示 and measures;
 * the 领导批示单 lists the node's alerts with their 批示. Screenshots: leader-01-batch-selection.png,
 * leader-02-sheet.png.
 */
import type { Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { chooseOption as chooseInSelect, expect, screenshot, test } from './helpers'

const BUDGET_SENTENCE = '执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警'
const rows = (page: Page) => page.getByTestId('alert-table').locator('.el-table__body-wrapper tr.el-table__row')
const alertRow = (page: Page, text: string) => rows(page).filter({ hasText: text })
/** The 批示, 关闭 and batch dialogs each keep their (hidden) field once opened: the open one's. */
const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`)

/** The stored alerts, read from IndexedDB (every field, sorted by id). */
async function storedAlerts(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('jixiao-jiankong')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('alerts').objectStore('alerts').getAll()
          request.onsuccess = () => {
            const all = (request.result as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id))
            open.result.close()
            resolve(JSON.stringify(all))
          }
          request.onerror = () => reject(request.error)
        }
      }),
  )
}

async function selectRows(page: Page, indexes: number[]) {
  for (const i of indexes) await rows(page).nth(i).locator('.el-checkbox').click()
  await expect(page.getByTestId('selected-count')).toHaveText(String(indexes.length))
}

/** Chooses `option` in the select `testId` (chosen again if a click on the moving dropdown selected nothing). */
async function chooseOption(page: Page, testId: string, option: string) {
  await chooseInSelect(page, page.getByTestId(testId), option)
}

test('当前操作人 set once; 批示 and 关闭 in batches; refusals write nothing; 预警清单 and 领导批示单', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()

  // the 操作人, once, in the header
  await expect(page.getByTestId('header-operator-name')).toHaveText('设置操作人')
  await page.getByTestId('header-operator').click()
  await page.getByTestId('operator-input').fill('才茨柯')
  await page.getByTestId('operator-save').click()
  await expect(page.getByTestId('header-operator-name')).toHaveText('才茨柯')

  // a 批示 without typing a name; the alert then reads 处理中
  await page.getByRole('link', { name: '预警', exact: true }).click()
  await expect(rows(page)).toHaveCount(9)
  await expect(page.getByTestId('reviewer-name')).toHaveValue('才茨柯')
  const budget = alertRow(page, BUDGET_SENTENCE)
  await expect(budget.getByTestId('alert-status')).toHaveText('未处理')
  await budget.getByTestId('alert-comment').click()
  await shown(page, 'alert-text').fill('三季度前执行率须赶上序时进度')
  await shown(page, 'alert-text-submit').click()
  await expect(budget).toContainText('最近：才茨柯 三季度前执行率须赶上序时进度')
  await expect(budget.getByTestId('alert-status')).toHaveText('处理中')
  // and a measure for it, with who is responsible
  await budget.getByTestId('alert-assign').click()
  const dialog = page.getByTestId('measure-dialog')
  await dialog.getByTestId('measure-content').fill('按月调度项目支付进度')
  await chooseOption(page, 'measure-department', '自然资源利用和用途管制科')
  await dialog.getByTestId('measure-effect').fill('9月底执行率达到序时进度')
  await page.getByTestId('measure-submit').click()
  await expect(dialog).toBeHidden()
  await expect(budget).toContainText('措施 1 项')

  // the 操作人 survives a reload
  await page.reload()
  await expect(page.getByTestId('header-operator-name')).toHaveText('才茨柯')
  await expect(budget.getByTestId('alert-status')).toHaveText('处理中')

  // batch 批示 of the next three alerts (rows 2-4: the budget alert sorts first)
  await expect(rows(page).first()).toContainText(BUDGET_SENTENCE)
  const batchMessages = await Promise.all(
    [1, 2, 3].map((i) => rows(page).nth(i).getByTestId('alert-message').innerText()),
  )
  await selectRows(page, [1, 2, 3])
  await screenshot(page, 'leader-01-batch-selection')
  await page.getByTestId('batch-comment').click()
  await expect(shown(page, 'alert-text-note')).toHaveText('已选 3 条预警，将以“才茨柯”的名义一并处理。')
  await shown(page, 'alert-text').fill('请相关科室本月内提交整改说明')
  await shown(page, 'alert-text-submit').click()
  await expect(page.locator('.el-message', { hasText: '已对 3 条预警批示' })).toBeVisible()
  for (const message of batchMessages) {
    const row = alertRow(page, message)
    await expect(row).toContainText('最近：才茨柯 请相关科室本月内提交整改说明')
    await expect(row.getByTestId('alert-status')).toHaveText('处理中')
  }
  await expect(rows(page).filter({ hasText: '请相关科室本月内提交整改说明' })).toHaveCount(3)
  await expect(page.getByTestId('in-progress-count')).toHaveText('4')
  await expect(page.getByTestId('selected-count')).toHaveText('0')

  // an empty batch 批示 is refused; nothing stored changes
  const before = await storedAlerts(page)
  await selectRows(page, [4, 5])
  await page.getByTestId('batch-comment').click()
  await shown(page, 'alert-text-submit').click()
  await expect(page.locator('.el-message', { hasText: '批示内容不能为空。' })).toBeVisible()
  await expect(shown(page, 'alert-text')).toBeVisible()
  await shown(page, 'alert-text-dialog').getByRole('button', { name: '取消' }).click()
  expect(await storedAlerts(page)).toBe(before)

  // without an 操作人 (the field cleared) a batch is refused; nothing stored changes
  await page.getByTestId('reviewer-name').fill('')
  await expect(page.getByTestId('header-operator-name')).toHaveText('设置操作人')
  await page.getByTestId('batch-comment').click()
  await expect(page.locator('.el-message', { hasText: '请先在页面顶部设置当前操作人。' })).toBeVisible()
  await expect(shown(page, 'alert-text')).toHaveCount(0)
  expect(await storedAlerts(page)).toBe(before)
  await page.getByTestId('header-operator').click()
  await page.getByTestId('operator-input').fill('才茨柯')
  await page.getByTestId('operator-save').click()

  // batch 关闭 of three (rows 4, 5 still selected, and 6)
  const closeMessages = await Promise.all(
    [4, 5, 6].map((i) => rows(page).nth(i).getByTestId('alert-message').innerText()),
  )
  await rows(page).nth(6).locator('.el-checkbox').click()
  await expect(page.getByTestId('selected-count')).toHaveText('3')
  await page.getByTestId('batch-close').click()
  await shown(page, 'alert-text').fill('已核实，属季节性因素')
  await shown(page, 'alert-text-submit').click()
  await expect(page.locator('.el-message', { hasText: '已关闭 3 条预警' })).toBeVisible()
  await expect(page.getByTestId('open-alert-count')).toHaveText('6')
  for (const message of closeMessages)
    await expect(alertRow(page, message).getByTestId('alert-status')).toHaveText('已关闭')

  // 导出预警清单
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-alert-list').click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('且末县自然资源局2021年1-6月预警清单.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const sheet = workbook.getWorksheet('预警清单')!
  const table = sheet.getRows(4, sheet.rowCount - 3)!.map((r) => (r.values as unknown[]).slice(1).map(String))
  expect(table).toHaveLength(9)
  const budgetLine = table.find((r) => r[4] === BUDGET_SENTENCE)!
  expect(budgetLine[5]).toBe('处理中')
  expect(budgetLine[6]).toMatch(
    /^才茨柯 2\d{3}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间）：三季度前执行率须赶上序时进度$/,
  )
  expect(budgetLine[7]).toContain('按月调度项目支付进度（责任科室：自然资源利用和用途管制科')
  expect(budgetLine[8]).toBe('自然资源利用和用途管制科')
  for (const message of batchMessages) {
    expect(table.find((r) => r[4] === message)?.[6]).toContain('请相关科室本月内提交整改说明')
  }
  for (const message of closeMessages)
    expect(table.find((r) => r[4] === message)?.[5]).toBe('已关闭（已核实，属季节性因素）')

  // 打印领导批示单
  await page.getByTestId('open-leader-sheet').click()
  await expect(page).toHaveURL(/#\/alerts\/sheet$/)
  const leaderSheet = page.getByTestId('leader-sheet')
  await expect(leaderSheet.locator('h1')).toHaveText('领导批示单')
  await expect(leaderSheet).toContainText('监控节点：2021年1-6月（截至2021-06-30）')
  await expect(leaderSheet.getByTestId('sheet-row')).toHaveCount(9)
  const budgetSheetRow = leaderSheet.getByTestId('sheet-row').filter({ hasText: BUDGET_SENTENCE })
  await expect(budgetSheetRow).toContainText('才茨柯')
  await expect(budgetSheetRow).toContainText('三季度前执行率须赶上序时进度')
  await expect(budgetSheetRow).toContainText('按月调度项目支付进度（责任科室：自然资源利用和用途管制科')
  await screenshot(page, 'leader-02-sheet')
  // on paper: no header, navigation or buttons; the sheet and its signature box
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.layout-header')).toBeHidden()
  await expect(page.getByTestId('sheet-print')).toBeHidden()
  await expect(leaderSheet.locator('.sign')).toBeVisible()
  await screenshot(page, 'leader-03-sheet-print')
})
