/**
 * Durability under a full disk (docs/reliability.md §1): when the browser refuses a write for lack of
 * storage quota, the user is told in Chinese and the database is left exactly as it was.
 * The quota is forced down with the DevTools protocol, so IndexedDB itself raises the error.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './helpers'

async function tableCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const request = indexedDB.open('jixiao-jiankong')
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const counts: Record<string, number> = {}
    for (const name of Array.from(db.objectStoreNames)) {
      const countRequest = db.transaction(name, 'readonly').objectStore(name).count()
      counts[name] = await new Promise<number>((resolve) => {
        countRequest.onsuccess = () => resolve(countRequest.result)
      })
    }
    db.close()
    return counts
  })
}

test('a write refused for lack of storage says so in Chinese and changes nothing', async ({
  page,
  context,
  baseURL,
  pageErrors,
}) => {
  await page.goto('/')
  await expect(page.getByRole('button', { name: '载入示例数据' })).toBeVisible()
  const before = await tableCounts(page)
  expect(before.budgetLines).toBe(0)

  const cdp = await context.newCDPSession(page)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 1024 })
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByRole('alert')).toContainText('浏览器存储空间不足，本次保存未写入任何数据。')
  pageErrors.allow(/QuotaExceeded|quota/i)
  expect(await tableCounts(page)).toEqual(before)

  // With room again, the same action succeeds.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin })
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
})
