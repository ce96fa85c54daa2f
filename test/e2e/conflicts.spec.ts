/**
 * Two tabs editing the same record (docs/reliability.md §3): two pages of one browser context share the
 * IndexedDB. Both open the same editor; A saves; B, still on what it loaded, saves a different
 * value and is told, in Chinese, that the record changed meanwhile; B's choice is what is stored.
 * Covered: 设置 (覆盖 and 放弃我的修改), 指标填报 at a node (覆盖 and 放弃我的修改), 修改预算行 (覆盖) and
 * 修改三级指标 (覆盖), and a 监控报告 paragraph (覆盖).
 * Figures from seed 001: 办理建设项目用地初审 ≥15 个, 7 at 2021年1-6月 (all values used stay green).
 */
import type { Locator, Page } from '@playwright/test'
import { expect, screenshot, test } from './helpers'

const INDICATOR = '办理建设项目用地初审'
/** 开展及红枣培训会议次数 ≥12 次, 4 at 1-6月 (yellow); 5 turns it green */
const TRAINING = '开展及红枣培训会议次数'

async function openSettings(page: Page): Promise<Locator> {
  await page.goto('/#/settings')
  const precision = page.locator('.el-form-item', { hasText: '百分比小数位数' }).locator('input')
  await expect(precision).toBeVisible()
  return precision
}

async function setPrecision(precision: Locator, value: string): Promise<void> {
  await precision.fill(value)
  await precision.blur()
}

/** Opens 绩效指标 → 指标填报 and returns the input of 用地初审's actual value. */
async function openReadings(page: Page): Promise<Locator> {
  await page.goto('/#/indicators?mode=entry')
  const input = actualInput(page)
  await expect(input).toHaveValue('7')
  return input
}

/** Element Plus puts the test id on the input itself or on its wrapper. */
function actualInput(page: Page, indicator = INDICATOR): Locator {
  const row = page
    .getByTestId('readings-table')
    .locator('.el-table__body tr', { has: page.locator(`[data-indicator="${indicator}"]`) })
  return row.locator('input[data-testid="reading-actual"], [data-testid="reading-actual"] input')
}

async function twoTabs(page: Page, second: Page, withDemo: boolean): Promise<void> {
  await page.goto('/')
  if (withDemo) {
    await page.getByRole('button', { name: '载入示例数据' }).click()
    await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
  }
  await second.goto('/')
  if (withDemo) await expect(second.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
}

const conflictBox = (page: Page) => page.locator('.el-message-box')
// A save re-reads the unit-year (22 readings, every snapshot) in both tabs; on a loaded CI machine that took 6 s.
const SAVE = { timeout: 30_000 }

/**
 * The 百分比小数位数 a tab's settings store holds (its Pinia state, read through the mounted Vue app;
 * the `settings` store, or the workspace where that held the settings). A 设置 page without data shows
 * no sign of another tab's save (its inputs rightly keep what the user typed), so this is how a test
 * knows the tab has taken that save in (Dexie's liveQuery → settings re-read) before it checks that
 * the input was left alone.
 */
function storedPrecisionIn(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    type State = Record<string, { settings?: { ratePrecision?: unknown } } | undefined>
    const mounted = document.querySelector('#app') as
      (Element & { __vue_app__?: { config: { globalProperties: { $pinia?: { state: { value: State } } } } } }) | null
    const state = mounted?.__vue_app__?.config.globalProperties.$pinia?.state.value
    const precision = (state?.settings ?? state?.workspace)?.settings?.ratePrecision
    return typeof precision === 'number' ? precision : null
  })
}

test.describe('concurrent edits in two tabs', () => {
  test('设置: the second writer is told and 覆盖 stores its value', async ({ page, context }) => {
    const second = await context.newPage()
    await twoTabs(page, second, false)
    const precisionA = await openSettings(page)
    const precisionB = await openSettings(second)

    await setPrecision(precisionB, '3') // B starts editing …
    await setPrecision(precisionA, '0') // … A saves first
    await page.getByTestId('settings-save').click()
    await expect(page.getByText('设置已保存')).toBeVisible()
    // B's unsaved input is not reset by the reload A's save triggers there: once B's settings store
    // holds A's 0 (it started from the default 2), B has had its chance to reset the input
    await expect.poll(() => storedPrecisionIn(second), SAVE).toBe(0)
    await expect(precisionB).toHaveValue('3')

    await second.getByTestId('settings-save').click()
    const box = conflictBox(second)
    await expect(box).toContainText('您编辑期间，设置已在其他窗口被修改并保存，本次保存未写入任何数据。')
    await screenshot(second, 'conflict-settings')
    await box.getByRole('button', { name: '覆盖' }).click()
    await expect(second.getByText('设置已保存')).toBeVisible()

    // A had no unsaved changes: it follows to what B chose; and it is what is stored
    await expect(precisionA).toHaveValue('3', SAVE)
    await second.reload()
    await expect(second.locator('.el-form-item', { hasText: '百分比小数位数' }).locator('input')).toHaveValue('3')
    await second.close()
  })

  test('设置: 放弃我的修改 keeps the other tab’s value', async ({ page, context }) => {
    const second = await context.newPage()
    await twoTabs(page, second, false)
    const precisionA = await openSettings(page)
    const precisionB = await openSettings(second)

    await setPrecision(precisionB, '3')
    await setPrecision(precisionA, '0')
    await page.getByTestId('settings-save').click()
    await expect(page.getByText('设置已保存')).toBeVisible()

    await second.getByTestId('settings-save').click()
    const box = conflictBox(second)
    await expect(box).toContainText('设置已在其他窗口被修改并保存')
    await box.getByRole('button', { name: '放弃我的修改' }).click()
    await expect(precisionB).toHaveValue('0')
    await expect(precisionA).toHaveValue('0')
    await second.reload()
    await expect(second.locator('.el-form-item', { hasText: '百分比小数位数' }).locator('input')).toHaveValue('0')
    await second.close()
  })

  test('指标填报: the second writer is told which indicator changed, and 覆盖 stores its value', async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000)
    const second = await context.newPage()
    await twoTabs(page, second, true)
    const actualA = await openReadings(page)
    const actualB = await openReadings(second)

    await actualB.fill('6')
    await actualA.fill('8')
    await actualInput(page, TRAINING).fill('5')
    await page.getByTestId('readings-save').click()
    await expect(page.getByText(/已保存 \d+ 个指标的填报/)).toBeVisible(SAVE)
    // A's save reaches B: the row B did not touch follows, the row B is editing keeps B's input
    await expect(actualInput(second, TRAINING)).toHaveValue('5', SAVE)
    await expect(actualB).toHaveValue('6')

    await second.getByTestId('readings-save').click()
    const box = conflictBox(second)
    await expect(box).toContainText('您编辑期间，以下 1 个指标的填报已在其他窗口被修改并保存，本次保存未写入任何数据')
    await expect(box).toContainText(`${INDICATOR}：其他窗口保存为“8个，确定能”，您填写的是“6个，确定能”`)
    await screenshot(second, 'conflict-readings')
    await box.getByRole('button', { name: '覆盖' }).click()
    await expect(second.getByText(/已保存 \d+ 个指标的填报/)).toBeVisible(SAVE)

    await expect(actualA).toHaveValue('6', SAVE)
    await second.reload()
    await expect(actualInput(second)).toHaveValue('6')
    await second.close()
  })

  test('指标填报: 放弃我的修改 shows and keeps the other tab’s value', async ({ page, context }) => {
    test.setTimeout(180_000)
    const second = await context.newPage()
    await twoTabs(page, second, true)
    const actualA = await openReadings(page)
    const actualB = await openReadings(second)

    await actualB.fill('6')
    await actualA.fill('8')
    await page.getByTestId('readings-save').click()
    await expect(page.getByText(/已保存 \d+ 个指标的填报/)).toBeVisible(SAVE)

    await second.getByTestId('readings-save').click()
    const box = conflictBox(second)
    await expect(box).toContainText(`${INDICATOR}：其他窗口保存为“8个，确定能”`)
    await box.getByRole('button', { name: '放弃我的修改' }).click()
    await expect(actualB).toHaveValue('8')
    await expect(second.getByText('已改为其他窗口保存的内容')).toBeVisible()
    await second.reload()
    await expect(actualInput(second)).toHaveValue('8')
    await expect(actualA).toHaveValue('8')
    await second.close()
  })

  test('修改预算行: the second writer sees both amounts, and 覆盖 stores its amount', async ({ page, context }) => {
    test.setTimeout(180_000)
    const second = await context.newPage()
    await twoTabs(page, second, true)
    const salaryRow = (p: Page) => p.locator('.el-table__body tr', { hasText: '工资福利支出' }).first()
    const initial = (p: Page) => p.locator('input[data-testid="budget-initial"], [data-testid="budget-initial"] input')
    for (const p of [second, page]) {
      await p.goto('/#/data/budget')
      await salaryRow(p).getByRole('button', { name: '修改' }).click()
      await expect(initial(p)).toHaveValue('1129.83')
    }
    await initial(second).fill('1200')
    await initial(page).fill('1300')
    await page.getByTestId('budget-save').click()
    await expect(page.getByTestId('budget-line-dialog')).toBeHidden(SAVE)
    await expect(salaryRow(page)).toContainText('1,300.00')

    await second.getByTestId('budget-save').click()
    const box = conflictBox(second)
    await expect(box).toContainText('您编辑期间，预算行“工资福利支出”已在其他窗口被修改并保存，本次保存未写入任何数据')
    await expect(box).toContainText('年初预算：其他窗口为“1300 万元”，您填写的是“1200 万元”')
    await screenshot(second, 'conflict-budget-line')
    await box.getByRole('button', { name: '覆盖' }).click()
    await expect(second.getByTestId('budget-line-dialog')).toBeHidden(SAVE)
    await expect(salaryRow(second)).toContainText('1,200.00', SAVE)
    await expect(salaryRow(page)).toContainText('1,200.00', SAVE)
    await second.close()
  })

  test('修改三级指标: the second writer sees both 年度指标值, and 覆盖 stores its value', async ({ page, context }) => {
    test.setTimeout(180_000)
    const second = await context.newPage()
    await twoTabs(page, second, true)
    const reviewRow = (p: Page) =>
      p.getByTestId('targets-table').locator('.el-table__body tr', { hasText: INDICATOR }).first()
    const target = (p: Page) =>
      p.locator('input[data-testid="indicator-target"], [data-testid="indicator-target"] input')
    for (const p of [second, page]) {
      await p.goto('/#/data/targets')
      await reviewRow(p).getByRole('button', { name: '修改' }).click()
      await expect(target(p)).toHaveValue('15')
    }
    await target(second).fill('16')
    await target(page).fill('18')
    await page.getByTestId('indicator-save').click()
    await expect(page.getByTestId('indicator-dialog')).toBeHidden(SAVE)
    await expect(reviewRow(page)).toContainText('≥18个')
    // A's save reaches B: the open dialog keeps B's input
    await expect(reviewRow(second)).toContainText('≥18个', SAVE)
    await expect(target(second)).toHaveValue('16')

    await second.getByTestId('indicator-save').click()
    const box = conflictBox(second)
    await expect(box).toContainText(
      `您编辑期间，三级指标“${INDICATOR}”已在其他窗口被修改并保存，本次保存未写入任何数据`,
    )
    await expect(box).toContainText('年度指标值：其他窗口为“≥18个”，您填写的是“≥16个”')
    await screenshot(second, 'conflict-indicator')
    await box.getByRole('button', { name: '覆盖' }).click()
    await expect(second.getByTestId('indicator-dialog')).toBeHidden(SAVE)
    await expect(reviewRow(second)).toContainText('≥16个', SAVE)
    await expect(reviewRow(page)).toContainText('≥16个', SAVE)
    await second.close()
  })
  test("监控报告: a paragraph the other tab changed meanwhile is named with both texts, and 覆盖 stores the second writer's", async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000)
    const second = await context.newPage()
    await twoTabs(page, second, true)
    const problems = (p: Page) => p.locator('[data-testid="report-paragraph"][data-key="org.problems"]')
    for (const p of [second, page]) {
      await p.goto('/#/report')
      await expect(problems(p)).toBeVisible()
    }
    // B starts editing first; A edits and saves the same paragraph
    await problems(second).getByTestId('paragraph-edit').click()
    await problems(page).getByTestId('paragraph-edit').click()
    await problems(page).getByTestId('paragraph-input').fill('甲：预算执行进度偏慢。')
    await problems(page).getByTestId('paragraph-save').click()
    await expect(problems(page)).toContainText('甲：预算执行进度偏慢。', SAVE)

    await problems(second).getByTestId('paragraph-input').fill('乙：项目支出尚未支付。')
    await problems(second).getByTestId('paragraph-save').click()
    const box = conflictBox(second)
    await expect(box.getByTestId('report-conflict')).toContainText(
      '其他窗口为“甲：预算执行进度偏慢。”，您填写的是“乙：项目支出尚未支付。”',
      SAVE,
    )
    await screenshot(second, 'conflict-report')
    await box.getByRole('button', { name: '覆盖' }).click()
    await expect(problems(second)).toContainText('乙：项目支出尚未支付。', SAVE)
    await expect(problems(page)).toContainText('乙：项目支出尚未支付。', SAVE)
    await second.close()
  })
})
