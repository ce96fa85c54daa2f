/**
 * 备份与恢复 end to end (docs/reliability.md §6, §8): the reminder banner, 「备份全部数据」, a tampered file refused,
 * and 「从备份恢复」 with its preview and warning, restoring the data after it was changed.
 */
import { readFileSync } from 'node:fs'
import { expect, screenshot, test } from './helpers'

test('备份恢复: reminder, backup, tampered file refused, restore brings the data back', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toContainText('1,493.25 万元')
  await expect(page.getByTestId('backup-reminder')).toContainText('从未备份')

  await page.goto('/#/data/backup')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-all').click()])
  expect(download.suggestedFilename()).toMatch(/^绩效监控备份-\d{8}-\d{4}\.json$/)
  const text = readFileSync(await download.path(), 'utf8')
  await expect(page.getByTestId('backup-message')).toContainText('已生成备份文件')
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0)
  await expect(page.getByTestId('backup-status')).toContainText('此后修改：0 处')

  // A tampered copy: one amount changed, checksum kept.
  const tampered = text.replace('"1129.83"', '"9129.83"')
  expect(tampered).not.toBe(text)
  await page
    .getByTestId('backup-file')
    .setInputFiles({ name: '被修改的备份.json', mimeType: 'application/json', buffer: Buffer.from(tampered) })
  await expect(page.getByTestId('restore-problems')).toContainText('校验失败')
  await screenshot(page, 'backup-tampered')

  // Change the data after the backup: 工资福利支出 年初预算 1129.83 → 9129.83, straight in IndexedDB.
  await page.evaluate(async () => {
    const open = indexedDB.open('jixiao-jiankong')
    const database: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const tx = database.transaction('budgetLines', 'readwrite')
    const store = tx.objectStore('budgetLines')
    const get = store.get('demo-bl-gzfl')
    await new Promise((resolve) => {
      get.onsuccess = resolve
    })
    store.put({ ...get.result, initialBudget: '9129.83' })
    await new Promise((resolve) => {
      tx.oncomplete = resolve
    })
    database.close()
  })
  await page.reload()
  await page.getByRole('link', { name: '概览' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toContainText('9,493.25 万元')
  await page.goto('/#/data/backup')

  await page
    .getByTestId('backup-file')
    .setInputFiles({ name: '备份.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByTestId('restore-preview')).toContainText('且末县自然资源局（2021年）')
  await expect(page.getByTestId('restore-counts').locator('tr', { hasText: '预算行' })).toContainText('5')
  await expect(page.getByTestId('restore-warning')).toContainText('删除本机现有的全部数据')
  await screenshot(page, 'backup-restore-preview')
  await page.getByTestId('confirm-restore').click()
  await page.getByRole('button', { name: '删除现有数据并恢复' }).click()
  await expect(page.getByTestId('backup-message')).toContainText('已从备份')
  await page.getByRole('link', { name: '概览' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toContainText('1,493.25 万元')
  await expect(page.getByTestId('kpi-spent')).toContainText('383.74 万元')
})
