/**
 * On an empty profile, 「载入示例数据」 fills IndexedDB with seed 001
 * (且末县自然资源局 2021, node 6月30日) and the 概览 shows its figures — again after a reload,
 * so they came from IndexedDB and not from memory.
 */
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './helpers'

async function readOverviewFigures(page: Page) {
  return {
    adjustedBudget: (await page.getByTestId('kpi-adjusted-budget').locator('.kpi-value').innerText()).trim(),
    spent: (await page.getByTestId('kpi-spent').locator('.kpi-value').innerText()).trim(),
    executionRate: (await page.getByTestId('kpi-execution-rate').locator('.kpi-value').innerText()).trim(),
    timeProgress: (await page.getByTestId('kpi-time-progress').locator('.kpi-value').innerText()).trim(),
    budgetLight: await page.getByTestId('budget-light').locator('[data-light]').getAttribute('data-light'),
  }
}

const SEED_001_FIGURES = {
  adjustedBudget: '1,493.25 万元',
  spent: '383.74 万元',
  executionRate: '25.70%',
  timeProgress: '50.00%',
  budgetLight: 'red',
}

test('载入示例数据 shows the seed 001 figures on the 概览, and they survive a reload', async ({ page }) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto('/')
  await expect(page.getByTestId('empty-state')).toBeVisible()
  const loadButton = page.getByRole('button', { name: '载入示例数据' })
  await expect(loadButton).toBeVisible()
  await screenshot(page, '00-empty')

  await loadButton.click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
  expect(await readOverviewFigures(page)).toEqual(SEED_001_FIGURES)
  await expect(page.getByTestId('budget-light')).toContainText('红灯')
  await screenshot(page, '01-overview')

  await page.reload()
  await expect(page.getByTestId('kpi-adjusted-budget')).toBeVisible()
  expect(await readOverviewFigures(page)).toEqual(SEED_001_FIGURES)

  // The figures come from IndexedDB: the database holds the demo unit's budget lines.
  const storedLines = await page.evaluate(async () => {
    const request = indexedDB.open('jixiao-jiankong')
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const tx = db.transaction('budgetLines', 'readonly')
    const countRequest = tx.objectStore('budgetLines').count()
    const count: number = await new Promise((resolve) => {
      countRequest.onsuccess = () => resolve(countRequest.result)
    })
    db.close()
    return count
  })
  expect(storedLines).toBe(5)
  expect(pageErrors).toEqual([])
})
