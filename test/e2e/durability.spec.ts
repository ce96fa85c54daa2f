/**
 * Durability (docs/reliability.md §1): the tab crashes (its renderer is killed) in the middle of a large
 * import's commit, and the database it leaves behind is exactly the database from before the import.
 *
 * The workbook is the app's own 「下载导入模板」 filled in Node with 3,000 budget lines × 6 months
 * (21,000 rows to store), so the commit's one IndexedDB transaction runs for seconds. An init script
 * watches — without changing anything — every read-write transaction over `monthlyExecutions`: when it
 * starts, how many of its writes IndexedDB has acknowledged, and whether it completed or aborted. The
 * renderer is killed once thousands of writes are acknowledged and the transaction has not completed, which
 * proves the close came mid-write. The first test runs the same import uninterrupted and sees the
 * database change, so the second cannot pass by the import simply never writing.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { BrowserContext, CDPSession, Page } from '@playwright/test'
import { expect, screenshot, test, trackPageErrors } from './helpers'

const LINES = 3000
const MONTHS = 6
/** budget lines + their monthly rows; the commit also writes the unit, project-less rows, audit and meta */
const ROWS = LINES + LINES * MONTHS
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface WriteWatch {
  start: number
  end: number | null
  outcome: 'complete' | 'abort' | null
  stores: number
  issued: number
  acknowledged: number
}

/**
 * The acknowledged write at which the crash test's tab stops: it says so on the console and then runs
 * nothing more until it is killed (at most a minute). Thousands in, with thousands still to come.
 */
const HOLD_AT = 9000
const HOLD_MESSAGE = 'durability: holding at '

/**
 * Observes the app's big read-write transactions; passes every call through unchanged. Only when the
 * test sets `__holdAt` does it act: at that many acknowledged writes it posts the transaction's record
 * and holds the tab's main thread (a tab that hangs mid-import), so the test kills it at that moment.
 * Polling the record instead raced the writes: once IndexedDB wrote faster (schema version 6), a poll
 * held up 3 s on loaded cores found every write acknowledged.
 */
function watchWrites(): void {
  const w = window as unknown as { __writes: WriteWatch[]; __holdAt?: number }
  w.__writes = []
  const active = new Set<IDBTransaction>()
  const records = new WeakMap<IDBTransaction, WriteWatch>()
  const transaction = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = transaction.apply(this, args)
    const names = Array.from(tx.objectStoreNames)
    if (tx.mode === 'readwrite' && names.includes('monthlyExecutions')) {
      const record: WriteWatch = {
        start: performance.now(),
        end: null,
        outcome: null,
        stores: names.length,
        issued: 0,
        acknowledged: 0,
      }
      w.__writes.push(record)
      records.set(tx, record)
      active.add(tx)
      const finish = (outcome: 'complete' | 'abort') => () => {
        record.end = performance.now()
        record.outcome = outcome
        active.delete(tx)
      }
      tx.addEventListener('complete', finish('complete'))
      tx.addEventListener('abort', finish('abort'))
    }
    return tx
  } as IDBDatabase['transaction']
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method]
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = original.apply(this, args)
      const record = records.get(this.transaction)
      if (record) {
        record.issued += 1
        request.addEventListener('success', () => {
          record.acknowledged += 1
          if (record.acknowledged !== w.__holdAt) return
          console.log(`durability: holding at ${JSON.stringify(record)}`)
          const until = Date.now() + 60_000
          while (Date.now() < until) {
            // hung: nothing of the page runs, so the transaction cannot go on to commit
          }
        })
      }
      return request
    } as IDBObjectStore['put']
  }
}

async function writes(page: Page): Promise<WriteWatch[]> {
  return page.evaluate(() => (window as unknown as { __writes: WriteWatch[] }).__writes)
}

/** Every object store of the app's database: its keys and rows, read with raw IndexedDB. */
async function dump(page: Page): Promise<Record<string, { keys: unknown[]; rows: unknown[] }>> {
  // Once, in a full run on loaded cores, the crash test sat here (or in the navigation before it) until its
  // 5-minute timeout: a read that does not end within a minute now fails with what it was waiting for.
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('reading IndexedDB did not finish within 60 s')), 60_000)
  })
  return Promise.race([readAll(page), late]).finally(() => clearTimeout(timer))
}

async function readAll(page: Page): Promise<Record<string, { keys: unknown[]; rows: unknown[] }>> {
  return page.evaluate(async () => {
    const request = indexedDB.open('jixiao-jiankong')
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
      request.onblocked = () => reject(new Error('opening the database was blocked by another connection'))
    })
    const out: Record<string, { keys: unknown[]; rows: unknown[] }> = {}
    const names = Array.from(db.objectStoreNames)
    const tx = db.transaction(names, 'readonly')
    const read = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    for (const name of names) {
      const store = tx.objectStore(name)
      out[name] = { keys: await read(store.getAllKeys()), rows: await read(store.getAll()) }
    }
    db.close()
    return out
  })
}

const counts = (d: Record<string, { rows: unknown[] }>) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.rows.length]))

let workbook: Buffer | null = null

/** The app's template with LINES 公用经费 lines, cumulative 执行数 and 到位资金 for Jan–Jun. */
async function largeWorkbook(page: Page): Promise<Buffer> {
  if (workbook) return workbook
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()])
  const template = readFileSync(await download.path())
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(template as unknown as ArrayBuffer)
  const info = wb.getWorksheet('单位信息')
  const budget = wb.getWorksheet('预算执行')
  if (!info || !budget) throw new Error('template sheets missing')
  info.getCell('B2').value = '耐久测试县财政局'
  info.getCell('B3').value = 2024
  info.getCell('B5').value = '办公室'
  const cells = (i: number) => {
    const spent = Array.from({ length: 12 }, (_, m) => (m < MONTHS ? (m + 1) * (1 + (i % 7)) : null))
    const allocated = Array.from({ length: 12 }, (_, m) => (m < MONTHS ? (m + 1) * (2 + (i % 7)) : null))
    return [
      '基本支出',
      '公用经费',
      null,
      null,
      `办公费明细${String(i + 1).padStart(4, '0')}`,
      '财政拨款',
      100 + (i % 50),
      null,
      null,
      null,
      ...spent,
      ...allocated,
    ]
  }
  for (let i = 0; i < LINES; i++) budget.getRow(i + 2).values = cells(i)
  workbook = Buffer.from(await wb.xlsx.writeBuffer())
  console.log(`durability: workbook of ${LINES} lines × ${MONTHS} months, ${Math.round(workbook.length / 1024)} KB`)
  return workbook
}

/** Demo loaded, the large workbook previewed and ready to commit; returns the database as it is. */
async function readyToCommit(page: Page): Promise<Record<string, { keys: unknown[]; rows: unknown[] }>> {
  await page.addInitScript(watchWrites)
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')
  await page.goto('/#/data/import')
  const bytes = await largeWorkbook(page)
  await page.getByTestId('import-file').setInputFiles({ name: '大文件.xlsx', mimeType: XLSX_TYPE, buffer: bytes })
  await expect(page.getByTestId('import-counts').locator('tr', { hasText: '预算行' })).toContainText(String(LINES), {
    timeout: 60_000,
  })
  await expect(page.getByTestId('commit-import')).toBeEnabled()
  const before = await dump(page)
  expect(before.budgetLines.rows).toHaveLength(5) // seed 001
  expect(before.monthlyExecutions.rows).toHaveLength(30)
  // Forget the demo's own write: from here on only the commit's transaction is watched.
  await page.evaluate(() => {
    ;(window as unknown as { __writes: WriteWatch[] }).__writes = []
  })
  return before
}

// Generous: on 2 shared cores under load the 21,000-row commit alone has taken 40 s.
test.describe.configure({ timeout: 300_000 })

test('the large import, not interrupted, writes its 21,000 rows in one transaction (so the next test can fail)', async ({
  page,
}) => {
  const before = await readyToCommit(page)
  const started = Date.now()
  await page.getByTestId('commit-import').click()
  await expect(page.getByTestId('transfer-message')).toContainText('导入完成', { timeout: 240_000 })
  const clickToDone = Date.now() - started
  const [write, ...others] = (await writes(page)).filter((w) => w.issued > 0)
  expect(others).toEqual([])
  expect(write.outcome).toBe('complete')
  expect(write.acknowledged).toBeGreaterThanOrEqual(ROWS)
  const after = await dump(page)
  expect(after.budgetLines.rows).toHaveLength(5 + LINES)
  expect(after.monthlyExecutions.rows).toHaveLength(30 + LINES * MONTHS)
  expect(after.units.rows).toHaveLength(before.units.rows.length + 1)
  expect(after).not.toEqual(before)
  console.log(
    `durability: uninterrupted commit — one transaction over ${write.stores} stores, ${write.acknowledged} writes, ` +
      `${Math.round((write.end ?? 0) - write.start)} ms in IndexedDB, ${clickToDone} ms click → 导入完成`,
  )
  await screenshot(page, 'durability-uninterrupted')
})

/**
 * A new page in `context` after its renderers were killed. Twice in the full runs of 2026-12-04/05 the
 * first `newPage()` after the kill never resolved and the test ran into its 5-minute timeout (the trace
 * ends at “Create page”). The likely reason: Chromium keeps a spare renderer, which is among those
 * killed, and a page created before the browser has seen it die may be given it. So this waits until
 * none of the killed processes is listed any more, and asks again if a page still does not open in 20 s.
 */
async function newPageAfterCrash(context: BrowserContext, browser: CDPSession, killed: Set<number>): Promise<Page> {
  await expect
    .poll(
      async () => {
        const { processInfo } = await browser.send('SystemInfo.getProcessInfo')
        return processInfo.filter((p) => killed.has(p.id)).length
      },
      { timeout: 30_000, message: 'the browser still lists a killed renderer after 30 s' },
    )
    .toBe(0)
  for (let attempt = 1; attempt <= 3; attempt++) {
    const opening = context.newPage()
    const page = await Promise.race([opening, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))])
    if (page) return page
    // one that opens late is closed, not left behind
    opening.then((late) => late.close()).catch(() => undefined)
    console.log(`durability: a new page did not open within 20 s after the crash (attempt ${attempt})`)
  }
  throw new Error('after the crash, no new page opened in its browser context in 3 × 20 s')
}

test('a tab crash in the middle of the large import leaves the database as before, or whole, never in part', async ({
  page,
  context,
}) => {
  const before = await readyToCommit(page)
  // The renderers to kill, found before the commit starts: the kill must follow the check at once (on
  // loaded cores the commit once finished while the test was still asking the browser for them).
  const browserSession = await context.browser()!.newBrowserCDPSession()
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo')
  const renderers = processInfo.filter((p) => p.type === 'renderer')
  expect(renderers.length).toBeGreaterThan(0)
  const crashed = page.waitForEvent('crash')
  await page.evaluate((at) => {
    ;(window as unknown as { __holdAt: number }).__holdAt = at
  }, HOLD_AT)
  const holding = page.waitForEvent('console', {
    predicate: (message) => message.text().startsWith(HOLD_MESSAGE),
    timeout: 120_000,
  })
  await page.getByTestId('commit-import').click()

  // Once the commit's transaction has HOLD_AT writes acknowledged (the tab then hangs), kill the tab's
  // renderer as a crash or a power cut would (page.close() would wait for a busy renderer).
  const atClose = JSON.parse((await holding).text().slice(HOLD_MESSAGE.length)) as WriteWatch
  for (const renderer of renderers) process.kill(renderer.id, 'SIGKILL')
  await crashed
  await page.close()
  // As the page last reported it: still in flight (the database may yet hold all of it, see below).
  expect(atClose.outcome).toBeNull()
  expect(atClose.acknowledged).toBe(HOLD_AT)
  expect(atClose.issued).toBeGreaterThan(HOLD_AT)
  console.log(
    `durability: renderer killed at ${atClose.acknowledged} of ≥ ${ROWS} writes acknowledged, ` +
      'transaction not complete as the page last reported',
  )

  // Reopen in the same browser context: the same database, row for row.
  const reopened = await newPageAfterCrash(context, browserSession, new Set(renderers.map((r) => r.id)))
  const errors = await trackPageErrors(reopened)
  await reopened.goto('/#/data/import', { timeout: 60_000 })
  await expect(reopened.getByTestId('download-template')).toBeVisible()
  const after = await dump(reopened)
  // All or nothing. Chromium may still commit a transaction whose writes had all reached IndexedDB when
  // the tab died (seen on loaded cores, with thousands of acknowledgements not yet delivered to the
  // page): then the whole import is there, row for row as the uninterrupted test counts it. Never a part.
  const before_ = counts(before)
  const whole = {
    ...before_,
    units: Number(before_.units) + 1,
    frameworks: Number(before_.frameworks) + 1,
    budgetLines: Number(before_.budgetLines) + LINES,
    monthlyExecutions: Number(before_.monthlyExecutions) + LINES * MONTHS,
    auditLog: Number(before_.auditLog) + 1,
  }
  const committed = counts(after).budgetLines !== before_.budgetLines
  console.log(
    `durability: after the crash the database holds ${committed ? 'the whole import' : 'what it held before'}`,
  )
  if (committed) {
    expect(counts(after)).toEqual(whole)
  } else {
    expect(counts(after)).toEqual(before_)
    expect(after).toEqual(before)
  }
  // And the app reads it: the demo's figures and no trace of a half-written unit (or the whole one).
  await reopened.goto('/#/overview', { timeout: 60_000 })
  const kpi = reopened.getByTestId('kpi-execution-rate').locator('.kpi-value')
  if (committed) await expect(kpi).toHaveText(/\d+\.\d{2}%/)
  else {
    await expect(kpi).toHaveText('25.70%')
    await expect(reopened.getByText('耐久测试县财政局')).toHaveCount(0)
  }
  await screenshot(reopened, 'durability-reopened')
  errors.dispose()
  errors.expectNone()
})
