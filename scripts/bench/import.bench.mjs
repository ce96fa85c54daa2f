/* global window, indexedDB */
// Import of a 10,000-row workbook in headless Chromium (issue 3, deliverable 6).
//
//   npm run bench -- import            (BENCH_PORT=4221 to avoid other runs; BENCH_ROWS to change size;
//                                       BENCH_ORDER=alternate puts the app first in every other run)
//
// Runs on a page of its own (scripts/bench/import/: index.html, importHarness.ts, vite.config.ts), built
// into dist-bench-import/ apart from the app. Builds a workbook from the app's own 「下载导入模板」 (so the
// layout is exactly the template's), with BENCH_ROWS budget lines (default 10,000) each holding six
// months of 执行数 and 到位资金. Then, in the same page and browser run, alternately and on fresh databases:
//   app      = the user's import: ExcelJS read → dry-run plan (parse, validate, diff) → commit in one transaction
//              (reads the stored data again; plans again only if it changed since the preview)
//   baseline = ExcelJS read of the same file + a raw Dexie bulkPut of the same budget lines and months
// and prints the median of each and their ratio (target ≤ 1.2×, issue 14). Measures only; never fails on time.
import ExcelJS from 'exceljs'
import { fileURLToPath } from 'node:url'
import { median, withBuiltApp } from './lib.mjs'

const HARNESS_CONFIG = fileURLToPath(new URL('./import/vite.config.ts', import.meta.url))

const ROWS = Number(process.env.BENCH_ROWS ?? 10000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
/** 'baseline-first' (every run, as measured since 2026-11-22) or 'alternate' */
const ORDER = process.env.BENCH_ORDER ?? 'baseline-first'

async function workbookFrom(template) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(template)
  wb.getWorksheet('单位信息').getCell('B2').value = '基准测试单位'
  wb.getWorksheet('单位信息').getCell('B3').value = 2024
  const sheet = wb.getWorksheet('预算执行')
  for (let i = 0; i < ROWS; i++) {
    const budget = 100 + (i % 900) + 0.25
    const months = [1, 2, 3, 4, 5, 6].map((m) => Math.round(budget * m * 6.5) / 100)
    sheet.getRow(i + 2).values = [
      '基本支出',
      '公用经费',
      null,
      null,
      `办公费用第${i + 1}项`,
      '财政拨款',
      budget,
      0,
      0,
      0,
      ...months,
      null,
      null,
      null,
      null,
      null,
      null,
      ...months,
      null,
      null,
      null,
      null,
      null,
      null,
    ]
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

await withBuiltApp(
  async ({ page, baseUrl }) => {
    await page.goto(`${baseUrl}/`)
    await page.waitForFunction(() => '__importBench' in window)
    const template = await page.evaluate(async () => window.__importBench.template())
    const file = await workbookFrom(Buffer.from(template))
    console.log(`workbook: ${ROWS} budget lines × 6 months, ${(file.length / 1024).toFixed(0)} KB`)
    const bytes = [...file]

    const app = []
    const base = []
    for (let run = 0; run < RUNS; run++) {
      // Fresh app database for each app run (the import then writes every row as new).
      await page.evaluate(async () => {
        await new Promise((resolve) => {
          const r = indexedDB.deleteDatabase('jixiao-jiankong')
          r.onsuccess = r.onerror = r.onblocked = resolve
        })
      })
      await page.reload()
      await page.waitForFunction(() => '__importBench' in window)
      const baseline = () =>
        page.evaluate(
          async ({ data, run }) => window.__importBench.baselineImport(new Uint8Array(data), `bench-baseline-${run}`),
          { data: bytes, run },
        )
      const appRun = () => page.evaluate(async (data) => window.__importBench.appImport(new Uint8Array(data)), bytes)
      // BENCH_ORDER=alternate: the app first in every other run. Chromium goes on writing the first
      // import's 70,000 rows to disk (compaction) while the second runs, so a fixed order weighs on one side.
      const appFirst = ORDER === 'alternate' && run % 2 === 1
      const a = appFirst ? await appRun() : null
      const b = await baseline()
      const measured = a ?? (await appRun())
      if (measured.problems) throw new Error(`import reported ${measured.problems} problems`)
      console.log(
        `run ${run + 1}${appFirst ? ' (app first)' : ''}: app ${measured.totalMs.toFixed(0)} ms (read+plan ${measured.readMs.toFixed(0)}, commit ${measured.commitMs.toFixed(0)}${measured.replanned ? ', planned again' : ''}; ${measured.rows} rows) · baseline ${b.totalMs.toFixed(0)} ms (read ${b.readMs.toFixed(0)}, write ${b.writeMs.toFixed(0)}; ${b.rows} rows)`,
      )
      app.push(measured.totalMs)
      base.push(b.totalMs)
    }
    const ratio = median(app) / median(base)
    console.log(
      `median app ${median(app).toFixed(0)} ms, baseline ${median(base).toFixed(0)} ms, ratio ${ratio.toFixed(2)}× (target ≤ 1.20×)`,
    )
  },
  { config: HARNESS_CONFIG },
)
