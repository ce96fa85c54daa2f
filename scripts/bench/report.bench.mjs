// Benchmark: the 监控报告 and its .docx for 1,000 三级指标 (issue 4; target ≤ 1 s).
// Loads the demo (seed 001, 22 indicators), grows its unit target to 1,000 indicators with readings
// straight in IndexedDB (copies of the 22 seed patterns), then in headless Chromium measures:
//   - report:draft — draftReport (the report model and both tables) over the node snapshot, User Timing
//   - open → rendered — from navigating to 监控报告 until all 1,000 indicator lines are on screen
//     (IndexedDB read + snapshot + draft + render)
//   - report:docx — building the .docx Blob (docx layout + zip), User Timing
//   - click → download — 「导出 Word」 until the browser receives the file
// Run: BENCH_PORT=4241 npm run bench -- report
/* global indexedDB -- used inside page.evaluate, which runs in the browser */
import { withBuiltApp, median } from './lib.mjs'

const INDICATORS = 1000
const RUNS = 5

const lastMeasure = (page, name) =>
  page.evaluate((n) => {
    const entries = performance.getEntriesByName(n, 'measure')
    return entries.length ? entries[entries.length - 1].duration : null
  }, name)

await withBuiltApp(async ({ page, baseUrl }) => {
  await page.goto(`${baseUrl}/#/report`)
  await page.getByTestId('load-demo').click()
  await page.getByTestId('report-document').waitFor()

  const added = await page.evaluate(async (total) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('jixiao-jiankong')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const all = (store) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
    const indicators = await all('indicators')
    const readings = await all('readings')
    const tx = db.transaction(['indicators', 'readings'], 'readwrite')
    let count = 0
    for (let i = indicators.length; i < total; i++) {
      const base = indicators[i % indicators.length]
      const id = `bench-ind-${i}`
      tx.objectStore('indicators').put({ ...base, id, name: `${base.name}（${i + 1}）`, sortOrder: i + 1 })
      const reading = readings.find((r) => r.indicatorId === base.id)
      if (reading) tx.objectStore('readings').put({ ...reading, id: `${id}-r`, indicatorId: id })
      count++
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    db.close()
    return count
  }, INDICATORS)
  console.log(`added ${added} indicators (total ${INDICATORS})`)

  const drafts = []
  const renders = []
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${baseUrl}/#/overview`)
    await page.reload()
    await page.getByTestId('kpi-adjusted-budget').waitFor()
    const start = Date.now()
    await page.goto(`${baseUrl}/#/report`)
    await page
      .locator('[data-testid="report-paragraph"][data-key^="indicator."]')
      .nth(INDICATORS - 1)
      .waitFor()
    renders.push(Date.now() - start)
    drafts.push(await lastMeasure(page, 'report:draft'))
  }

  const docx = []
  const downloads = []
  for (let run = 0; run < RUNS; run++) {
    const start = Date.now()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-word').click()])
    await download.path()
    downloads.push(Date.now() - start)
    docx.push(await lastMeasure(page, 'report:docx'))
  }

  const ms = (values) => `median ${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`
  console.log(`report:draft (model, ${INDICATORS} indicators): ${ms(drafts)}`)
  console.log(`open 监控报告 → all ${INDICATORS} lines rendered: ${ms(renders)}`)
  console.log(`report:docx (.docx Blob): ${ms(docx)}`)
  console.log(`「导出 Word」 click → download received: ${ms(downloads)}`)
  console.log(`draft + docx (target ≤ 1000 ms): ${(median(drafts) + median(docx)).toFixed(0)} ms`)
})
