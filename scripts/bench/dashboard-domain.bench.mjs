// The 概览's domain work at 主管部门 size, in Node (issue 6): the same generated unit-year as
// dashboard.bench.mjs (1,000 projects × 20 indicators, 12 nodes, 240,240 readings), then for one node
// the node snapshot, its alerts and the dashboard figures, each timed separately over warm runs.
// It shows where the browser's time goes without the browser. Measures; never fails on time.
//
//   npm run bench -- dashboard-domain        (BENCH_PROJECTS, BENCH_RUNS to change the size)
import { createServer } from 'vite'
import { buildDashboardRows } from './dashboardData.mjs'
import { median } from './lib.mjs'

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 1000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const vite = await createServer({ server: { middlewareMode: true, hmr: false }, appType: 'custom', logLevel: 'error' })
try {
  const load = (path) => vite.ssrLoadModule(path)
  const { computeNodeSnapshot } = await load('/src/domain/snapshot.ts')
  const { computeNodeAlerts } = await load('/src/domain/alerts.ts')
  const dashboard = await load('/src/domain/dashboard.ts')
  const { forecastExecution, forecastIndicators } = await load('/src/domain/forecast.ts')
  const { defaultSettings } = await load('/src/domain/settings.ts')

  const rows = buildDashboardRows({ projects: PROJECTS, perProject: 20 })
  const dataset = {
    unit: rows.units[0],
    year: 2025,
    framework: rows.frameworks[0],
    projects: rows.projects,
    budgetLines: rows.budgetLines,
    monthlyExecutions: rows.monthlyExecutions,
    targets: rows.targets,
    indicators: rows.indicators,
    nodes: rows.nodes,
    readings: rows.readings,
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  }
  const settings = defaultSettings()
  const nodeId = 'n6'

  // CPU time of this process (user + system), not wall time: on a machine shared with other work the
  // wall clock mostly measures the others. It includes V8's GC threads.
  const timings = {}
  const time = (name, fn) => {
    const start = process.cpuUsage()
    const value = fn()
    const used = process.cpuUsage(start)
    ;(timings[name] ??= []).push((used.user + used.system) / 1000)
    return value
  }
  for (let run = 0; run < RUNS + 1; run++) {
    const result = time('computeNodeSnapshot', () => computeNodeSnapshot({ dataset, nodeId, settings }))
    if (!result.ok) throw new Error(JSON.stringify(result.issues))
    const snapshot = result.value
    time('computeNodeAlerts', () => computeNodeAlerts({ dataset, snapshot, settings }))
    time('indicatorLightMatrix', () => dashboard.indicatorLightMatrix(dataset, settings))
    time('dualMonitoring', () => dashboard.dualMonitoring(snapshot))
    time('completionByLevel', () => dashboard.completionByLevel(snapshot))
    time('scoreOutlook', () => dashboard.scoreOutlook(snapshot, settings))
    time('forecastExecution', () => forecastExecution(snapshot, dataset))
    time('forecastIndicators', () => forecastIndicators(snapshot, dataset))
  }
  console.log(
    `数据：${PROJECTS} 个项目，${dataset.indicators.length} 个三级指标，${dataset.readings.length} 条指标填报；节点 ${nodeId}；${RUNS} 次（不计第一次）`,
  )
  for (const [name, list] of Object.entries(timings)) {
    const warm = list.slice(1)
    console.log(
      `${name.padEnd(22)} CPU 中位数 ${median(warm).toFixed(0).padStart(5)} ms（各次 ${warm.map((t) => t.toFixed(0)).join(', ')}；首次 ${list[0].toFixed(0)}）`,
    )
  }
} finally {
  await vite.close()
}
