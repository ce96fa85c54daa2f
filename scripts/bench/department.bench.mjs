/* global window, document, indexedDB, requestAnimationFrame, MutationObserver */
// 主管部门 汇总 with 100 下属单位 (issue 15): 100 units, each with its own ECDSA P-256 key and a year of 50
// projects × 20 indicators and 12 monthly nodes, and their real signed 报送包 (departmentData.mjs; cached
// under the system's tmp). In headless Chromium against the built app (real IndexedDB):
//   1. the 主管部门 is created through the screens, its 100 下属单位 saved with the store's saveList;
//   2. the earlier nodes' packages (BENCH_NODES but the last; 100 a node) are imported with the actions the
//      「导入报送包」 tab calls (store previewPackages + acceptPackages; the first batch is each unit's first
//      contact, every fingerprint confirmed), each batch timed;
//   3. the last node's 100 packages are imported through the screen: the file input with 100 files →
//      the preview table → 「确认导入（100 个）」 → the 100 outcomes (keys already registered, so no
//      confirmation to tick); timed in the page from the input's change event to the preview drawn, plus
//      from the click on the button to the outcomes drawn;
//   4. the raw baseline of the same files in the same page (departmentHarness.mjs: readPackage + one
//      bulkPut of the same rows into a scratch database), before and after the app's import;
//   5. reload → 汇总概览 figures (the totals and the 100-row ranking on screen), BENCH_RUNS times;
//   6. node switches on the 汇总概览 (click on the option → the next frame after the page shows that node);
//   7. diagnostics: raw reads of the stored rows, the store's loadDepartment on the app's database and on
//      scratch copies with the file as a Blob or out of the row (departmentHarness.mjs `diagnose`), a
//      timeline of each reload, and with BENCH_PROFILE=1 CPU profiles of a reload and of four switches.
// Prints each target with its figure and met/missed, and the load average at start and end. Measures only.
//
//   BENCH_PORT=4271 npm run bench -- department
//   (BENCH_UNITS, BENCH_PROJECTS, BENCH_NODES='3,6,9,12', BENCH_RUNS=5, BENCH_SKIP_BUILD=1, BENCH_PROFILE=1)
//
// Builds into dist-bench-dept/ (and the baseline into dist-bench-dept/bench-harness/), its own folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as viteBuild } from 'vite'
import { buildApp, launchChromium, median, startPreview } from './lib.mjs'
import { departmentPackages, nodeLabel, unitName, YEAR } from './departmentData.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 4271)
const UNITS = Number(process.env.BENCH_UNITS ?? 100)
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 50)
const PER_PROJECT = 20
const NODES = (process.env.BENCH_NODES ?? '3,6,9,12').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const OUT_DIR = 'dist-bench-dept'
const DEPARTMENT = '基准测试主管部门'
const OPERATOR = '王科长'
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')

const loadAtStart = load()
console.log(`机器负载（1 / 5 / 15 分钟）开始时：${loadAtStart}`)
const generated = await departmentPackages({ units: UNITS, projects: PROJECTS, perProject: PER_PROJECT, nodes: NODES })
buildApp(OUT_DIR)

const server = await startPreview(['--outDir', OUT_DIR], PORT)
const baseUrl = server.baseUrl
const profile = mkdtempSync(join(tmpdir(), 'bench-dept-'))
let context
let results
try {
  // the harness is served beside the app: fetched from the server, not from an earlier cache
  context = await launchChromium(profile, { serviceWorkers: 'block' })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (e) => console.error('页面错误:', e.message))
  page.on('console', (m) => m.type() === 'error' && console.error('页面控制台:', m.text()))
  page.on('crash', () => console.error('页面崩溃'))
  results = await measure(page, context)
} finally {
  await context?.close()
  server.stop()
  rmSync(profile, { recursive: true, force: true })
}
printTargets(results)

/** The baseline's bundle (departmentHarness.mjs and the app's io/package and db/schema it imports). */
async function buildHarness() {
  const path = (relative) => fileURLToPath(new URL(relative, import.meta.url))
  await viteBuild({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@': path('../../src') } },
    build: {
      target: 'es2022',
      outDir: join(OUT_DIR, 'bench-harness'),
      emptyOutDir: true,
      lib: { entry: path('./departmentHarness.mjs'), formats: ['es'], fileName: () => 'harness.js' },
    },
  })
}

async function measure(page, context) {
  await buildHarness()
  // the app's department store (Pinia's registry, reached through the mounted app) is looked up in the page

  // the 主管部门's own unit and who is at the keyboard, through the screens (as test/e2e/department.spec.ts)
  await page.goto(`${baseUrl}/`)
  await page.getByTestId('new-unit').click()
  await fill(page, 'new-unit-name', DEPARTMENT)
  await fill(page, 'new-unit-year', '2025')
  await page.getByTestId('new-unit-name').click()
  await page.getByTestId('new-unit-create').click()
  await page
    .getByTestId('select-unit-year')
    .filter({ hasText: `${DEPARTMENT} · 2025年` })
    .waitFor()
  await page.getByTestId('header-operator').click()
  await page.getByTestId('operator-input').fill(OPERATOR)
  await page.getByTestId('operator-save').click()
  await page.getByTestId('header-operator-name').filter({ hasText: OPERATOR }).waitFor()
  await page.getByRole('link', { name: '部门汇总' }).click()
  await page.getByTestId('subordinate-save').waitFor()
  const saved = await page.evaluate(
    async ({ names }) => {
      const department = document.querySelector('#app').__vue_app__.config.globalProperties.$pinia._s.get('department')
      return department.saveList(names.map((name) => ({ name })))
    },
    { names: [...Array(UNITS).keys()].map(unitName) },
  )
  if (!saved.ok) throw new Error(saved.messages.join('；'))
  await page.getByTestId('department-tabs').waitFor()
  console.log(`主管部门“${DEPARTMENT}”及 ${UNITS} 个下属单位已设置`)

  // a file input of the bench's own, for the store-action imports and the baseline
  await page.evaluate(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = true
    input.id = 'bench-files'
    input.style.display = 'none'
    document.body.append(input)
  })
  const choose = (files) => page.setInputFiles('#bench-files', files)
  const baseline = async (files, label) => {
    await choose(files)
    const b = await page.evaluate(async (label) => {
      const { baseline } = await import('/bench-harness/harness.js')
      return baseline(document.querySelector('#bench-files').files, {
        dbName: `bench-dept-baseline-${label}`,
        departmentUnitId: 'bench-department',
        receivedAt: new Date().toISOString(),
      })
    }, label)
    console.log(
      `  原生基线（${label}）：${b.totalMs.toFixed(0)} ms（读取+解压+验签 ${b.readMs.toFixed(0)}，bulkPut ${b.writeMs.toFixed(0)}；${b.rows} 行）`,
    )
    return b
  }

  const last = NODES.at(-1)
  const batches = []
  for (const m of NODES.slice(0, -1)) {
    await choose(generated.files[m])
    const timed = await page.evaluate(
      async ({ operator }) => {
        const department = document
          .querySelector('#app')
          .__vue_app__.config.globalProperties.$pinia._s.get('department')
        const files = [...document.querySelector('#bench-files').files]
        const t0 = performance.now()
        const previews = await department.previewPackages(files)
        const t1 = performance.now()
        const outcomes = await department.acceptPackages(
          previews,
          previews.map((p) => p.fingerprint),
          { operator },
        )
        const t2 = performance.now()
        return {
          previewMs: t1 - t0,
          acceptMs: t2 - t1,
          totalMs: t2 - t0,
          ok: outcomes.filter((o) => o.ok).length,
          failed: outcomes.filter((o) => !o.ok).map((o) => o.message),
        }
      },
      { operator: OPERATOR },
    )
    if (timed.failed.length) throw new Error(timed.failed.slice(0, 3).join('\n'))
    console.log(
      `导入 ${nodeLabel(m)} 的 ${timed.ok} 个报送包（store 的 previewPackages + acceptPackages${batches.length === 0 ? '，首次接收：登记密钥' : ''}）：${timed.totalMs.toFixed(0)} ms（预览 ${timed.previewMs.toFixed(0)}，保存 ${timed.acceptMs.toFixed(0)}）`,
    )
    const b = await baseline(generated.files[m], `n${m}`)
    batches.push({ node: m, ...timed, baseline: b.totalMs })
  }

  // the last node through the screen
  const before = await baseline(generated.files[last], `n${last}-before`)
  await page.getByRole('tab', { name: '导入报送包' }).click()
  await page.getByTestId('package-input').waitFor({ state: 'attached' })
  await page.evaluate((units) => {
    window.__import = {}
    const input = document.querySelector('[data-testid="package-input"]')
    input.addEventListener('change', () => (window.__import.chosen = performance.now()), { capture: true, once: true })
    const rows = () => document.querySelectorAll('[data-testid="package-preview"] .el-table__body tr').length
    window.__import.previewed = new Promise((resolve) => {
      const check = () => {
        if (rows() === units && window.__import.chosen)
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))
        else requestAnimationFrame(check)
      }
      check()
    })
  }, UNITS)
  await page.setInputFiles('[data-testid="package-input"]', generated.files[last])
  const previewedAt = await page.evaluate(() => window.__import.previewed)
  const acceptButton = page.getByTestId('package-accept')
  await acceptButton.filter({ hasText: `确认导入（${UNITS} 个）` }).waitFor()
  await page.evaluate((units) => {
    document.addEventListener('click', () => (window.__import.clicked = performance.now()), {
      capture: true,
      once: true,
    })
    const done = () => document.querySelectorAll('[data-testid="package-outcomes"] li').length
    window.__import.stored = new Promise((resolve) => {
      const check = () => {
        if (done() === units && window.__import.clicked)
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))
        else requestAnimationFrame(check)
      }
      check()
    })
  }, UNITS)
  await acceptButton.click()
  const ui = await page.evaluate(async () => {
    const storedAt = await window.__import.stored
    const outcomes = [...document.querySelectorAll('[data-testid="package-outcomes"] li')].map((li) => li.textContent)
    return { chosen: window.__import.chosen, clicked: window.__import.clicked, storedAt, outcomes }
  })
  const failed = ui.outcomes.filter((o) => !o.includes('已导入'))
  if (failed.length) throw new Error(failed.slice(0, 3).join('\n'))
  const appImport = {
    previewMs: previewedAt - ui.chosen,
    acceptMs: ui.storedAt - ui.clicked,
    botGapMs: ui.clicked - previewedAt,
  }
  appImport.totalMs = appImport.previewMs + appImport.acceptMs
  console.log(
    `导入 ${nodeLabel(last)} 的 ${UNITS} 个报送包（页面：选择文件 → 预览表 → 确认导入 → 结果列表）：${appImport.totalMs.toFixed(0)} ms（选择文件 → 预览 ${appImport.previewMs.toFixed(0)}，点击确认 → 已保存 ${appImport.acceptMs.toFixed(0)}；不计两者之间脚本的 ${appImport.botGapMs.toFixed(0)} ms）`,
  )
  const after = await baseline(generated.files[last], `n${last}-after`)

  // what the 主管部门 now holds, and a raw read of it (diagnostic: the 汇总概览 needs only the summaries)
  const raw = await page.evaluate(async () => {
    const db = await new Promise((resolve) => {
      const r = indexedDB.open('jixiao-jiankong')
      r.onsuccess = () => resolve(r.result)
    })
    // since schema version 5 the files are in `submissionFiles`, no longer in the rows
    const read = (withValues, table = 'submissions') =>
      new Promise((resolve) => {
        const start = performance.now()
        const store = db.transaction(table).objectStore(table)
        const r = withValues ? store.getAll() : store.getAllKeys()
        r.onsuccess = () => {
          const rows = r.result
          const bytes = withValues ? rows.reduce((sum, row) => sum + (row.bytes?.length ?? 0), 0) : 0
          resolve({ ms: performance.now() - start, count: rows.length, bytes })
        }
      })
    const keys = await read(false)
    const all = await read(true)
    if (all.bytes === 0 && db.objectStoreNames.contains('submissionFiles'))
      all.bytes = (await read(true, 'submissionFiles')).bytes
    db.close()
    return { keys, all }
  })
  console.log(
    `诊断：已存 ${raw.all.count} 个报送包（文件共 ${(raw.all.bytes / 2 ** 20).toFixed(0)} MB）；原生 getAll 读取全部记录 ${raw.all.ms.toFixed(0)} ms，只读主键 ${raw.keys.ms.toFixed(0)} ms`,
  )

  // reload → 汇总概览 figures; on each reload, when (page clock, by polling every frame) the department
  // store exists, starts reading (loading) and has read (the app's source has no User Timing marks here)
  await context.addInitScript(() => {
    const timeline = (window.__deptTimeline = {})
    const poll = () => {
      const store = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia?._s.get('department')
      if (store && timeline.store === undefined) timeline.store = performance.now()
      if (store?.loading && timeline.loading === undefined) timeline.loading = performance.now()
      if (timeline.loading !== undefined && store && !store.loading && timeline.loaded === undefined)
        timeline.loaded = performance.now()
      if (timeline.loaded === undefined && performance.now() < 120_000) requestAnimationFrame(poll)
    }
    requestAnimationFrame(poll)
  })
  const cdp = await context.newCDPSession(page)
  await page.goto(`${baseUrl}/#/department?tab=overview`)
  await page.waitForFunction(figuresShown, UNITS, { timeout: 300_000, polling: 'raf' })
  const reloads = []
  const timelines = []
  for (let i = 0; i < RUNS; i++) {
    await page.reload()
    const at = await page.waitForFunction(figuresShown, UNITS, { timeout: 300_000, polling: 'raf' })
    reloads.push(await at.jsonValue())
    timelines.push(await page.evaluate(() => window.__deptTimeline))
  }
  console.log(`重新加载 → 汇总概览合计与排名可见：各次 ${reloads.map((x) => x.toFixed(0)).join(', ')} ms`)
  const at = (key) => median(timelines.map((t) => t[key] ?? NaN)).toFixed(0)
  console.log(
    `重新加载的时间点（中位数，按帧轮询）：部门 store 建立 ${at('store')} ms，开始读取（loading）${at('loading')} ms，读取完毕 ${at('loaded')} ms，合计与排名可见 ${median(reloads).toFixed(0)} ms`,
  )
  if (process.env.BENCH_PROFILE === '1') {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
    await page.reload()
    const at = await (await page.waitForFunction(figuresShown, UNITS, { timeout: 300_000, polling: 'raf' })).jsonValue()
    const { profile } = await cdp.send('Profiler.stop')
    const file = join(tmpdir(), 'bench-dept-reload.cpuprofile')
    writeFileSync(file, JSON.stringify(profile))
    console.log(`CPU 采样（重新加载 → ${at.toFixed(0)} ms）：${file}`)
    printProfile(profile)
  }
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20

  // node switches on the 汇总概览
  await page.waitForTimeout(1000)
  const labels = NODES.map(nodeLabel)
  // the page shows the latest node after a reload: each switch goes to another node than the one shown
  const order =
    labels.length < 2 ? [] : [...Array(Math.max(8, labels.length * 2)).keys()].map((i) => labels[i % labels.length])
  const switches = []
  for (const label of order) switches.push(await switchTo(page, label))
  if (switches.length)
    console.log(
      `切换监控节点 → 汇总概览显示该节点：各次 ${switches.map((x) => x.toFixed(0)).join(', ')} ms（${order.join('、')}）`,
    )

  if (process.env.BENCH_PROFILE === '1' && order.length) {
    // four more switches (not counted above) under the CPU profiler
    await cdp.send('Profiler.start')
    for (const label of order.slice(0, 4)) await switchTo(page, label)
    const { profile } = await cdp.send('Profiler.stop')
    const file = join(tmpdir(), 'bench-dept-switch.cpuprofile')
    writeFileSync(file, JSON.stringify(profile))
    console.log(`CPU 采样（4 次切换节点，含每次之后 300 ms 空闲）：${file}`)
    printProfile(profile)
  }

  // where the time goes: the store's reads on the app's database, and on scratch copies
  const diagnosis = await page.evaluate(async (year) => {
    const department = document.querySelector('#app').__vue_app__.config.globalProperties.$pinia._s.get('department')
    const { diagnose } = await import('/bench-harness/harness.js')
    return diagnose(department.departmentUnitId, year)
  }, YEAR)
  console.log(
    `诊断：loadDepartment（汇总概览等待的读取，${diagnosis.summaries} 条）${diagnosis.loadDepartmentMs.toFixed(0)} ms；` +
      `同样的行、文件另存为 Blob ${diagnosis.blobLoadMs.toFixed(0)} ms，文件不在行内 ${diagnosis.apartLoadMs.toFixed(0)} ms；` +
      `storeSubmission 读一个单位的历史（含文件）${diagnosis.historyMsPerUnit.toFixed(0)} ms/个；只读主键 ${diagnosis.keysOnlyMs.toFixed(0)} ms`,
  )
  return {
    batches,
    appImport,
    baselines: [before.totalMs, after.totalMs],
    raw,
    reloads,
    timelines,
    switches,
    heap,
    diagnosis,
    packageBytes: raw.all.bytes,
  }
}

/** In the page: the totals and the whole ranking are on screen (when, in the page's clock). */
function figuresShown(units) {
  const value = document.querySelector('[data-testid="dept-budget"] .kpi-value')
  const rows = document.querySelectorAll('[data-testid="dept-ranking"] .el-table__body tr').length
  return value && value.textContent.trim() && rows >= units ? performance.now() : false
}

/** From the click on the node's option to the next frame after the 汇总概览 shows that node. */
async function switchTo(page, label) {
  await page.getByTestId('department-date').click()
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: label }).first()
  await option.waitFor()
  await page.evaluate((wanted) => {
    window.__switch = new Promise((resolve) => {
      let clickedAt = 0
      document.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true })
      const shown = () => {
        const header = [...document.querySelectorAll('[data-testid="department-overview"] .el-card__header')]
        return clickedAt && header.some((h) => h.textContent.includes(`（${wanted}，`))
      }
      const observer = new MutationObserver(() => {
        if (!shown()) return
        observer.disconnect()
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clickedAt), 0))
      })
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    })
  }, label)
  await option.click()
  const ms = await page.evaluate(() => window.__switch)
  await page.waitForTimeout(300)
  return ms
}

/** The functions that took most self time in a CPU profile, with their script. */
function printProfile(profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const dt = profile.timeDeltas
  profile.samples.forEach((id, i) => {
    const n = byNode.get(id)
    const f = n.callFrame
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000)
  })
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
  for (const [key, ms] of top) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`)
}

/** Element Plus puts a test id on the input itself or on its wrapper; fill whichever holds the input. */
async function fill(page, testId, value) {
  const el = page.getByTestId(testId)
  const tag = await el.evaluate((node) => node.tagName)
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()
  await input.fill(value)
}

function printTargets(r) {
  const ms = (v) => `${v.toFixed(0)} ms`
  const verdict = (ok) => (ok ? '达到' : '未达到')
  const base = median(r.baselines)
  const ratio = r.appImport.totalMs / base
  const reload = median(r.reloads)
  console.log(`\n==== 问题 15 的目标（${UNITS} 个下属单位，${PROJECTS} 个项目 × ${PER_PROJECT} 个指标，12 个节点）`)
  console.log(
    `1. 导入 ${UNITS} 个报送包（${nodeLabel(NODES.at(-1))}）≤ 1.3 × 原生基线：应用 ${ms(r.appImport.totalMs)}，基线 ${ms(base)}（${r.baselines.map(ms).join(' / ')}），${ratio.toFixed(2)}× — ${verdict(ratio <= 1.3)}`,
  )
  for (const b of r.batches)
    console.log(
      `   （附）${nodeLabel(b.node)} 经 store 导入 ${ms(b.totalMs)}，基线 ${ms(b.baseline)}，${(b.totalMs / b.baseline).toFixed(2)}×`,
    )
  console.log(
    `2. 重新加载 → 汇总概览数字 ≤ 1.5 s：中位数 ${ms(reload)}（${r.reloads.map(ms).join(' / ')}）— ${verdict(reload <= 1500)}`,
  )
  if (r.switches.length) {
    const m = median(r.switches)
    const worst = Math.max(...r.switches)
    console.log(
      `3. 切换节点 ≤ 200 ms：中位数 ${ms(m)}，最慢 ${ms(worst)}（${r.switches.map(ms).join(' / ')}）— 中位数${verdict(m <= 200)}，最慢${verdict(worst <= 200)}`,
    )
  } else console.log('3. 切换节点：只有一个节点，未测')
  console.log(`JS 堆（重新加载后，GC 后）：${r.heap.toFixed(0)} MB`)
  console.log(`机器负载（1 / 5 / 15 分钟）：开始 ${loadAtStart}，结束 ${load()}`)
}
