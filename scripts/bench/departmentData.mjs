// The 报送包 of department.bench.mjs: UNITS 下属单位, each with its own ECDSA P-256 key and a year of
// `projects` projects × `perProject` indicators and 12 monthly nodes (the unit-year of dashboardData.mjs at
// a smaller size, its execution paced per unit so that the units rank apart), and for each unit and each
// node asked for, the real 报送包 its app would write (src/stores/submission.ts `submitNode`):
//   report.json     the node's StoredReport (定稿 at the package's time; its frozen model left empty)
//   node.json       submissionNodePart(dataset, nodeId, settings) of src/domain/submission.ts: the
//                   node's figures, its 预警 and 研判, computed by the domain as the unit's app does
//   unit-year.json  the unit-year: every node, the readings of the nodes up to this one
// signed with writePackage of src/io/package, loaded from the TypeScript source with vite's
// ssrLoadModule (as dashboard-domain.bench.mjs loads the domain). Written to a cache folder under the
// system's tmp (reused when complete: generating 1,200 packages takes minutes).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'vite'
import { buildDashboardRows } from './dashboardData.mjs'

export const YEAR = 2025
const GENERATOR_VERSION = 1

export const nodeLabel = (m) => (m === 1 ? `${YEAR}年1月` : `${YEAR}年1-${m}月`)
export const unitName = (u) => `基准下属单位${String(u + 1).padStart(3, '0')}`
export const packageName = (u, m) => `u${String(u + 1).padStart(3, '0')}-n${String(m).padStart(2, '0')}.zip`

/**
 * The cache folder holding every package asked for, generated if missing: `{ dir, units, nodes, files }`
 * with `files[m]` the paths of node m's packages in unit order, `units` `{ id, name, fingerprint }`.
 */
export async function departmentPackages({ units, projects, perProject, nodes, log = console.log }) {
  const key = createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, units, projects, perProject, nodes }))
    .digest('hex')
    .slice(0, 12)
  const dir = join(tmpdir(), `bench-dept-packages-${key}`)
  const done = join(dir, 'units.json')
  const files = Object.fromEntries(
    nodes.map((m) => [m, [...Array(units).keys()].map((u) => join(dir, packageName(u, m)))]),
  )
  if (existsSync(done)) {
    log(`报送包：使用缓存 ${dir}`)
    return { dir, units: JSON.parse(readFileSync(done, 'utf8')), nodes, files }
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const vite = await createServer({
    server: { middlewareMode: true, hmr: false },
    appType: 'custom',
    logLevel: 'error',
  })
  const started = Date.now()
  try {
    const load = (path) => vite.ssrLoadModule(path)
    const { submissionNodePart } = await load('/src/domain/submission.ts')
    const { defaultSettings } = await load('/src/domain/settings.ts')
    const { exportPublicKey, generateSigningKeyPair, keyFingerprint, writePackage } =
      await load('/src/io/package/index.ts')
    const settings = defaultSettings()
    const template = JSON.stringify(buildDashboardRows({ projects, perProject }))
    const list = []
    let bytes = 0
    for (let u = 0; u < units; u++) {
      const id = `bench-sub-${String(u + 1).padStart(3, '0')}`
      const name = unitName(u)
      const keyPair = await generateSigningKeyPair()
      const fingerprint = await keyFingerprint(await exportPublicKey(keyPair.publicKey))
      list.push({ id, name, fingerprint })
      const year = unitYear(JSON.parse(template), id, name, u)
      for (const m of nodes) {
        const nodeId = `${id}-n${m}`
        const createdAt = new Date(Date.UTC(YEAR, m, 3, 1, 0, 0) + u * 60_000).toISOString()
        const node = year.nodes.find((n) => n.id === nodeId)
        const dataset = {
          ...year,
          nodes: year.nodes.map((n) => (n.id === nodeId ? { ...n, status: 'locked', frozenSettings: settings } : n)),
          // what the unit held at that node: the readings of the nodes up to it
          readings: year.readings.filter((r) => Number(r.nodeId.slice(r.nodeId.lastIndexOf('-n') + 2)) <= m),
        }
        const part = submissionNodePart(dataset, nodeId, settings)
        if (!part.ok) throw new Error(`${name} ${node.label}: ${JSON.stringify(part.issues ?? part.messages)}`)
        const report = { nodeId, edits: {}, frozen: { at: createdAt, model: {} }, unlocks: [], updatedAt: createdAt }
        const written = await writePackage({
          kind: 'submission',
          unit: { id, name },
          year: YEAR,
          node: { id: nodeId, label: node.label },
          createdAt,
          parts: {
            'report.json': report,
            'node.json': part.value,
            'unit-year.json': { ...dataset, reports: [report] },
          },
          keyPair,
        })
        if (!written.ok) throw new Error(written.messages.join('；'))
        writeFileSync(join(dir, packageName(u, m)), written.value)
        bytes += written.value.length
      }
      if ((u + 1) % 10 === 0)
        log(
          `报送包：已生成 ${u + 1}/${units} 个单位（${((Date.now() - started) / 1000).toFixed(0)} s，共 ${(bytes / 2 ** 20).toFixed(0)} MB）`,
        )
    }
    writeFileSync(done, JSON.stringify(list))
    return { dir, units: list, nodes, files }
  } finally {
    await vite.close()
  }
}

/**
 * One unit's year from the dashboard generator's rows: its own ids, name and node ids, and its
 * execution paced by a factor of its own (0.55 … 1.15 of the generator's), so the units rank apart.
 */
function unitYear(rows, id, name, u) {
  const pace = 0.55 + (((u * 53) % 100) / 100) * 0.6
  const nodeId = (old) => `${id}-${old}`
  const money = (v) => v.toFixed(2)
  const budgets = new Map(rows.budgetLines.map((l) => [l.id, Number(l.initialBudget)]))
  return {
    unit: { ...rows.units[0], id, name },
    year: YEAR,
    framework: rows.frameworks[0],
    projects: rows.projects.map((p) => ({ ...p, unitId: id })),
    budgetLines: rows.budgetLines.map((l) => ({ ...l, unitId: id })),
    monthlyExecutions: rows.monthlyExecutions.map((e) => {
      const spent = Math.min(budgets.get(e.budgetLineId), Number(e.spent) * pace)
      return { ...e, spent: money(spent), allocated: money(Math.min(budgets.get(e.budgetLineId), spent * 1.05)) }
    }),
    targets: rows.targets.map((t) => ({ ...t, unitId: id })),
    indicators: rows.indicators,
    nodes: rows.nodes.map((n) => ({ ...n, id: nodeId(n.id), unitId: id, label: n.label })),
    readings: rows.readings.map((r) => ({ ...r, nodeId: nodeId(r.nodeId) })),
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  }
}
