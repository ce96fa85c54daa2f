/**
 * The overview worker's service in Node, with the reads injected and every reply passed through
 * structuredClone (the algorithm postMessage uses). The views it posts must be the figures the main
 * thread computed for the 概览 before the worker existed: byte for byte, for the demo year and for a
 * generated 主管部门 year (docs/benchmarks.md (round 4)).
 */
import { describe, expect, it } from 'vitest'
import { computeNodeAlerts, withReviewState } from '@/domain/alerts'
import { canonicalJson } from '@/domain/canonicalJson'
import { dualMonitoring, indicatorLightMatrix, slowestProjects } from '@/domain/dashboard'
import { schemeContextOf } from '@/domain/scoring'
import { forecastExecution, forecastIndicators } from '@/domain/forecast'
import { settingsForNode } from '@/domain/lock'
import {
  overviewSnapshot,
  viewSettings,
  type BudgetPart,
  type ViewReach,
  type OverviewReply,
  type OverviewRequest,
  type OverviewView,
} from '@/domain/overview'
import { defaultSettings, type MonitoringSettings } from '@/domain/settings'
import { computeNodeSnapshot } from '@/domain/snapshot'
import type { UnitYearDataset } from '@/domain/types'
import { fromWire, toWire, type Wire } from '@/domain/wire'
import { qiemo2021YearDataset } from '@/domain/demo/qiemo2021Year'
import type { LightPack } from '@/domain/relight'
import { createOverviewService, type OverviewServiceOptions } from '@/worker/overviewService'
import { sortReadings } from '@/db/datasets'
import { generatedYear } from '../generatedYear'

/**
 * The 概览's figures as the page computed them on the main thread before issue 14 (OverviewPage, the
 * alerts store, the score card): the node snapshot, the alerts with their review state, 双监控 (the
 * slowest 20 charted), heatmap, forecasts and what the score preview scored. The snapshot is compared
 * as the page reads it (overviewSnapshot: the unit's indicators, no budget by line or by project).
 */
function mainThreadView(dataset: UnitYearDataset, nodeId: string, settings: MonitoringSettings): OverviewView {
  const node = dataset.nodes.find((n) => n.id === nodeId)
  if (!node) throw new Error(nodeId)
  const forNode = settingsForNode(node, settings)
  const computed = computeNodeSnapshot({ dataset, nodeId, settings: forNode })
  if (!computed.ok) throw new Error(computed.messages.join())
  const snapshot = computed.value
  const open = withReviewState(
    computeNodeAlerts({ dataset, snapshot, settings: forNode }),
    dataset.alerts.filter((a) => a.nodeId === nodeId),
  ).filter((a) => a.status === 'open')
  const dual = dualMonitoring(snapshot)
  const slowest = slowestProjects(dual, 20)
  return {
    nodeId,
    snapshot: overviewSnapshot(snapshot, slowest),
    indicators: {
      slowest,
      projectCount: dual.length,
      schemeContext: schemeContextOf(snapshot),
      matrix: indicatorLightMatrix(dataset, settings),
      executionForecast: forecastExecution(snapshot, dataset),
      indicatorForecasts: forecastIndicators(snapshot, dataset),
      openAlerts: { total: open.length, red: open.filter((a) => a.light === 'red').length },
    },
  }
}

/** The dataset as the main thread read it from the database: readings in loadUnitYear's order. */
function asStored(dataset: UnitYearDataset): UnitYearDataset {
  return { ...dataset, readings: sortReadings(dataset.readings) }
}

function budgetPartOf(dataset: UnitYearDataset): BudgetPart {
  const { targets: _t, indicators: _i, readings: _r, ...part } = dataset
  return part
}

/**
 * A service over `dataset` (its readings in the database's order), its replies cloned as postMessage
 * would, and how often it read. The reads give what db/datasets gives for the same scopes.
 */
function serviceOver(
  dataset: UnitYearDataset,
  kept: KeptViews = { stamp: '1:1', rows: new Map() },
  timing: Pick<OverviewServiceOptions, 'pause' | 'sliceMs' | 'checkAfterMs'> = {},
) {
  const replies: OverviewReply[] = []
  const reads = { budget: 0, whole: 0, nodes: 0 }
  const unitTargets = new Set(dataset.targets.filter((t) => t.scope === 'unit').map((t) => t.id))
  const unitIndicators = new Set(dataset.indicators.filter((i) => unitTargets.has(i.targetId)).map((i) => i.id))
  const service = createOverviewService({
    reads: {
      budgetPart: async () => {
        reads.budget += 1
        return structuredClone(budgetPartOf(dataset))
      },
      unitYear: async (_unit, _year, nodeId) => {
        reads.whole += 1
        const readings = dataset.readings.filter((r) => r.nodeId === nodeId || unitIndicators.has(r.indicatorId))
        return structuredClone({ ...dataset, readings })
      },
      nodeReadings: async (nodeId) => {
        reads.nodes += 1
        return structuredClone(dataset.readings.filter((r) => r.nodeId === nodeId))
      },
      dataStamp: async () => kept.stamp,
      keptViews: async (_unit, _year, stamp, nodeId) =>
        new Map(
          [...kept.rows]
            .filter(([id]) => nodeId === undefined || id === nodeId)
            .filter(([, row]) => row.stamp === stamp)
            .map(([nodeId, row]) => [
              nodeId,
              structuredClone({
                view: row.view,
                settingsKey: row.settingsKey,
                ...(row.pack ? { pack: row.pack } : {}),
              }),
            ]),
        ),
      keepView: async (_unit, _year, nodeId, stamp, settingsKey, view, reach, pack) => {
        kept.rows.set(nodeId, { stamp, settingsKey, view: structuredClone(view), reach, pack: structuredClone(pack) })
      },
    },
    post: (reply) => replies.push(structuredClone(reply)),
    // kept views are checked at once here unless a test says otherwise
    checkAfterMs: 0,
    ...timing,
  })
  let request = 0
  const show = (nodeId: string, { version = 1, settings = defaultSettings() } = {}): OverviewRequest => {
    const asked: OverviewRequest = {
      type: 'show',
      request: ++request,
      unitId: dataset.unit.id,
      year: dataset.year,
      nodeId,
      version,
      settings,
    }
    service.show(asked)
    return asked
  }
  return { service, replies, reads, show }
}

/** Views kept at rest (db/viewCache in the app): the data version now, and the rows by node. */
interface KeptViews {
  stamp: string
  rows: Map<string, { stamp: string; settingsKey: string; view: Wire; reach?: ViewReach; pack?: LightPack }>
}

/** The complete view the service posted for a request. */
function completeView(replies: OverviewReply[], request: number): OverviewView {
  const reply = replies.find((r) => r.type === 'view' && r.request === request && r.stage === 'complete')
  if (!reply || reply.type !== 'view') throw new Error(`no complete view for request ${request}`)
  return fromWire<OverviewView>(reply.view)
}

/** The views given to the page to keep ('views' replies), in order, by node. */
const readyViews = (replies: OverviewReply[]): [string, Wire][] =>
  replies.flatMap((r) => (r.type === 'views' ? r.views : []))

const sameBytes = (a: unknown, b: unknown) => expect(canonicalJson(toWire(a))).toBe(canonicalJson(toWire(b)))

describe('overview worker: the same figures as the main thread', () => {
  it('the demo year (seed 001, 12 nodes): every node byte-identical, 1-6月 with seed 001 figures', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const { service, replies, show } = serviceOver(dataset)
    const requests = dataset.nodes.map((n) => show(n.id))
    // only the latest request is answered at once; the others are prepared, then asked again
    await service.idle()
    const views = requests.map((asked) => {
      const view = completeView(replies, show(asked.nodeId).request)
      sameBytes(view, mainThreadView(dataset, asked.nodeId, defaultSettings()))
      return view
    })
    const june = views[5]
    if (!june) throw new Error('demo year without 1-6月')
    expect(june.snapshot.label).toBe('2021年1-6月')
    // seed 001: 调整后预算 1,493.25 万元, 执行数 383.74 万元 at 1-6月 (docs/domain-rules.md §8)
    expect(june.snapshot.budget.unit.adjustedBudget.toFixed(2)).toBe('1493.25')
    expect(june.snapshot.budget.unit.spent.toFixed(2)).toBe('383.74')
  })

  it('a generated 主管部门 year (1,000 projects × 20 indicators, 12 nodes): every node byte-identical', async () => {
    const dataset = asStored(generatedYear(1000))
    const { service, replies, reads, show } = serviceOver(dataset)
    show('n6')
    await service.idle()
    // the unit-year read once with 1-6月's readings, each other node's readings once
    expect(reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    for (const node of dataset.nodes) {
      const asked = show(node.id)
      const view = completeView(replies, asked.request)
      // the view carries the unit's 20 indicators, not 20,020
      expect(view.snapshot.indicators).toHaveLength(20)
      expect(view.indicators?.slowest).toHaveLength(20)
      expect(view.indicators?.projectCount).toBe(1000)
      expect(view.snapshot.projectLights).toHaveLength(20)
      sameBytes(view, mainThreadView(dataset, node.id, defaultSettings()))
    }
    expect(reads).toEqual({ budget: 1, whole: 1, nodes: 11 }) // every view was kept, nothing read again
  }, 120_000)
})

describe('overview worker: views kept at rest', () => {
  it('a reload with unchanged data answers from the kept views at once, then checks them in the background', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '40:40', rows: new Map() }
    const first = serviceOver(dataset, kept)
    first.show(dataset.nodes[5]?.id ?? '')
    await first.service.idle()
    expect(kept.rows.size).toBe(12)
    // each kept with what it reads beyond its node: the unit's own indicators at every node (seed 001's 22
    // 整体 indicators, docs/domain-rules.md §5.1), and every month of 执行数, for 人员保障成本经费 is linked to
    // 工资福利支出 (docs/domain-rules.md §5.5) and the heatmap takes its actual at every node
    const unitTargets = new Set(dataset.targets.filter((t) => t.scope === 'unit').map((t) => t.id))
    const unitIndicators = dataset.indicators.filter((i) => unitTargets.has(i.targetId)).map((i) => i.id)
    expect(unitIndicators.length).toBe(22)
    for (const row of kept.rows.values()) {
      expect([...(row.reach?.readsIndicators ?? [])].sort()).toEqual(unitIndicators.sort())
      expect(row.reach?.budgetThrough).toBeNull()
    }
    // the reload: a new service (a new worker) over the same database
    const again = serviceOver(dataset, kept)
    let readsWhenAnswered: unknown = null
    const post = again.replies.push.bind(again.replies)
    again.replies.push = (...items) => {
      if (readsWhenAnswered === null && items.some((r) => r.type === 'view')) readsWhenAnswered = { ...again.reads }
      return post(...items)
    }
    const asked = again.show(dataset.nodes[5]?.id ?? '')
    await again.service.idle()
    // answered before any indicator was read; every node computed again afterwards, off the page's thread
    expect(readsWhenAnswered).toEqual({ budget: 0, whole: 0, nodes: 0 })
    expect(again.reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    // the data had not changed: the kept view stays the one answered, nothing more is posted
    const stages = again.replies.filter((r) => r.type === 'view').map((r) => (r.type === 'view' ? r.stage : ''))
    expect(stages).toEqual(['complete'])
    // the page is given every kept view once, as it was taken in (the shown node's first), to answer
    // switches itself while the worker checks; none again, as none changed
    const given = readyViews(again.replies)
    expect(given[0]?.[0]).toBe(dataset.nodes[5]?.id)
    expect(given.map(([id]) => id).sort()).toEqual(dataset.nodes.map((n) => n.id).sort())
    for (const [id, view] of given) sameBytes(fromWire(view), mainThreadView(dataset, id, defaultSettings()))
    sameBytes(
      completeView(again.replies, asked.request),
      mainThreadView(dataset, dataset.nodes[5]?.id ?? '', defaultSettings()),
    )
    for (const node of dataset.nodes) {
      const view = completeView(again.replies, again.show(node.id).request)
      sameBytes(view, mainThreadView(dataset, node.id, defaultSettings()))
    }
  })

  it('checks the kept views only once the page has asked for nothing for a while (CHECK_AFTER_MS)', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '40:40', rows: new Map() }
    const first = serviceOver(dataset, kept)
    first.show(dataset.nodes[5]?.id ?? '')
    await first.service.idle()
    const again = serviceOver(dataset, kept, { checkAfterMs: 300 })
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    again.show(dataset.nodes[5]?.id ?? '')
    await later(150)
    // answered from the kept view; no indicator read yet
    expect(again.reads.whole + again.reads.nodes).toBe(0)
    const switched = again.show(dataset.nodes[2]?.id ?? '')
    await later(200)
    // 350 ms after the reload but 200 ms after the switch: still waiting; the switch was answered at once
    expect(again.reads.whole + again.reads.nodes).toBe(0)
    sameBytes(
      completeView(again.replies, switched.request),
      mainThreadView(dataset, dataset.nodes[2]?.id ?? '', defaultSettings()),
    )
    await again.service.idle()
    expect(again.reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
  })

  it('prepares a node without a view (a change touched it) before checking the kept ones', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '40:40', rows: new Map() }
    const first = serviceOver(dataset, kept)
    first.show(dataset.nodes[0]?.id ?? '')
    await first.service.idle()
    const july = dataset.nodes[6]?.id ?? ''
    // a reading saved at 1-7月: its kept view no longer counts, the others' do (db/viewCache)
    kept.rows.delete(july)
    const again = serviceOver(dataset, kept, { checkAfterMs: 200 })
    again.show(dataset.nodes[0]?.id ?? '')
    await again.service.idle()
    // 1-7月 first, though 1-2月 … 1-6月 are nearer: their check waits for the page to be quiet
    const prepared = again.replies.flatMap((r) => (r.type === 'prepared' ? [r.nodeId] : []))
    expect(prepared[0]).toBe(july)
    expect(new Set(prepared)).toEqual(new Set(dataset.nodes.map((n) => n.id)))
    sameBytes(completeView(again.replies, again.show(july).request), mainThreadView(dataset, july, defaultSettings()))
  })

  it('replaces a kept view the data no longer gives (a change that bypassed the audited writes)', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '40:40', rows: new Map() }
    const june = dataset.nodes[5]?.id ?? ''
    const first = serviceOver(dataset, kept)
    first.show(june)
    await first.service.idle()
    // 工资福利支出 年初预算 1,129.83 → 9,129.83 written straight into the database: the version is the same
    const changed = {
      ...dataset,
      budgetLines: dataset.budgetLines.map((l, i) => (i === 0 ? { ...l, initialBudget: '9129.83' as const } : l)),
    }
    const again = serviceOver(changed, kept)
    const asked = again.show(june)
    await again.service.idle()
    const views = again.replies.flatMap((r) => (r.type === 'view' && r.request === asked.request ? [r] : []))
    expect(views).toHaveLength(2)
    const [stale, fresh] = views.map((r) => fromWire<OverviewView>(r.view))
    expect(stale?.snapshot.budget.unit.adjustedBudget.toFixed(2)).toBe('1493.25')
    expect(fresh?.snapshot.budget.unit.adjustedBudget.toFixed(2)).toBe('9493.25')
    sameBytes(fresh, mainThreadView(changed, june, defaultSettings()))
    // the page's own copy is replaced too: every node's view changed with the budget, so each is given
    // twice, kept then computed, and the last one given is the data's
    const given = readyViews(again.replies)
    expect(given).toHaveLength(24)
    const lastOfJune = given.filter(([id]) => id === june).at(-1)?.[1]
    sameBytes(fromWire(lastOfJune), mainThreadView(changed, june, defaultSettings()))
    expect(kept.rows.get(june)?.view).toEqual(views[1]?.view)
  })

  it('computes again when the data version or the settings differ from the kept views', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '40:40', rows: new Map() }
    const first = serviceOver(dataset, kept)
    first.show(dataset.nodes[5]?.id ?? '')
    await first.service.idle()
    // a write since: the audit log and the change counter moved on
    kept.stamp = '41:41'
    const afterWrite = serviceOver(dataset, kept)
    afterWrite.show(dataset.nodes[5]?.id ?? '')
    await afterWrite.service.idle()
    expect(afterWrite.reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    const settings = { ...defaultSettings(), budgetLight: { red: 50, yellow: 90 } }
    const otherSettings = serviceOver(dataset, kept)
    const asked = otherSettings.show(dataset.nodes[5]?.id ?? '', { settings })
    await otherSettings.service.idle()
    expect(otherSettings.reads.whole).toBe(1)
    sameBytes(
      completeView(otherSettings.replies, asked.request),
      mainThreadView(dataset, dataset.nodes[5]?.id ?? '', settings),
    )
  })
})

describe('overview worker: new light thresholds light the kept views again (domain/relight)', () => {
  /** The reads made when the first whole view was posted from now on. */
  function readsWhenAnswered(replies: OverviewReply[], reads: { budget: number; whole: number; nodes: number }) {
    const at: { reads: unknown } = { reads: null }
    const post = replies.push.bind(replies)
    replies.push = (...items) => {
      if (at.reads === null && items.some((r) => r.type === 'view' && r.stage === 'complete')) at.reads = { ...reads }
      return post(...items)
    }
    return at
  }
  const stricter = {
    ...defaultSettings(),
    indicatorLight: { red: 70, yellow: 95, blue: 110 },
    budgetLight: { red: 50, yellow: 90 },
  }

  it('in the session: every node answered at once under the new thresholds, as computed', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const { service, replies, reads, show } = serviceOver(dataset)
    show(dataset.nodes[5]?.id ?? '')
    await service.idle()
    const readsBefore = { ...reads }
    const at = readsWhenAnswered(replies, reads)
    const asked = show(dataset.nodes[5]?.id ?? '', { settings: stricter })
    // answered within the request itself: nothing read, nothing computed
    expect(at.reads).toEqual(readsBefore)
    sameBytes(completeView(replies, asked.request), mainThreadView(dataset, dataset.nodes[5]?.id ?? '', stricter))
    // and the page was given every node's view at once
    const given = readyViews(replies.filter((r) => r.type !== 'views' || r.request >= asked.request))
    expect(given.map(([id]) => id).sort()).toEqual(dataset.nodes.map((n) => n.id).sort())
    for (const [id, view] of given) sameBytes(fromWire(view), mainThreadView(dataset, id, stricter))
    await service.idle()
  })

  it('after a reload: the views kept under the old thresholds answer before anything is read', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '40:40', rows: new Map() }
    const first = serviceOver(dataset, kept)
    first.show(dataset.nodes[5]?.id ?? '')
    await first.service.idle()
    const again = serviceOver(dataset, kept)
    const at = readsWhenAnswered(again.replies, again.reads)
    const asked = again.show(dataset.nodes[2]?.id ?? '', { settings: stricter })
    await again.service.idle()
    expect(at.reads).toEqual({ budget: 0, whole: 0, nodes: 0 })
    sameBytes(completeView(again.replies, asked.request), mainThreadView(dataset, dataset.nodes[2]?.id ?? '', stricter))
    for (const node of dataset.nodes)
      sameBytes(
        completeView(again.replies, again.show(node.id, { settings: stricter }).request),
        mainThreadView(dataset, node.id, stricter),
      )
  })

  it('another 序时进度 mode is computed again: it moves the ratios themselves', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const { service, replies, reads, show } = serviceOver(dataset)
    show(dataset.nodes[5]?.id ?? '')
    await service.idle()
    const readsBefore = { ...reads }
    const byDay: MonitoringSettings = { ...defaultSettings(), timeProgressMode: 'day' }
    const at = readsWhenAnswered(replies, reads)
    const asked = show(dataset.nodes[8]?.id ?? '', { settings: byDay })
    await service.idle()
    expect(at.reads).not.toEqual(readsBefore)
    sameBytes(completeView(replies, asked.request), mainThreadView(dataset, dataset.nodes[8]?.id ?? '', byDay))
  })
})

describe('overview worker: order and staleness', () => {
  it('posts the budget part first, then the whole view, then prepares the others nearest first', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const { service, replies, show } = serviceOver(dataset)
    const june = dataset.nodes[5]
    if (!june) throw new Error('demo year without 1-6月')
    const asked = show(june.id)
    await service.idle()
    const stages = replies.filter((r) => r.type === 'view').map((r) => (r.type === 'view' ? r.stage : ''))
    expect(stages).toEqual(['budget', 'complete'])
    const budget = replies[0]
    if (budget?.type !== 'view') throw new Error('no budget view')
    const first = fromWire<OverviewView>(budget.view)
    expect(first.indicators).toBeNull()
    expect(first.snapshot.indicators).toEqual([])
    expect(first.snapshot.budget.unit.spent.toFixed(2)).toBe('383.74')
    const order = replies.flatMap((r) => (r.type === 'prepared' ? [r.nodeId] : []))
    const ids = dataset.nodes.map((n) => n.id)
    // 1-6月, then 7, 5, 8, 4, … (later before earlier at the same distance)
    expect(order).toEqual([5, 6, 4, 7, 3, 8, 2, 9, 1, 10, 0, 11].map((i) => ids[i]))
    expect(replies.filter((r) => r.type === 'view' && r.request !== asked.request)).toEqual([])
  })

  it('answers a prepared node at once, in the same turn', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const { service, replies, show } = serviceOver(dataset)
    show(dataset.nodes[0]?.id ?? '')
    await service.idle()
    const before = replies.length
    const asked = show(dataset.nodes[11]?.id ?? '')
    const answer = replies.slice(before)
    expect(answer).toHaveLength(1)
    expect(answer[0]).toMatchObject({ type: 'view', request: asked.request, stage: 'complete' })
  })

  it('answers only the latest request when the user switches before the first is answered', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const { service, replies, show } = serviceOver(dataset)
    const first = show(dataset.nodes[2]?.id ?? '')
    const second = show(dataset.nodes[9]?.id ?? '')
    await service.idle()
    const answered = new Set(replies.flatMap((r) => (r.type === 'view' ? [r.request] : [])))
    expect(answered).toEqual(new Set([second.request]))
    expect(first.request).toBeLessThan(second.request)
  })

  it('reads again for a new data version or new settings, and computes with them', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const kept: KeptViews = { stamp: '1:1', rows: new Map() }
    const { service, replies, reads, show } = serviceOver(dataset, kept)
    const june = dataset.nodes[5]?.id ?? ''
    show(june)
    await service.idle()
    expect(reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    kept.stamp = '2:2' // a write: the workspace read again (version 2) and the database's version moved on
    show(june, { version: 2 })
    await service.idle()
    expect(reads).toEqual({ budget: 2, whole: 2, nodes: 22 })
    const settings = { ...defaultSettings(), budgetLight: { red: 50, yellow: 90 } }
    const asked = show(june, { version: 2, settings })
    await service.idle()
    expect(reads.whole).toBe(3)
    sameBytes(completeView(replies, asked.request), mainThreadView(dataset, june, settings))
  })

  it('keeps every view when only the display precision or the scoring scheme changes: a view depends on neither', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    // the figures themselves: every node, at precision 0 and 4 and under the common scheme, byte-identical
    // to the defaults' (2, seed 003's scheme)
    const others: MonitoringSettings[] = [
      { ...defaultSettings(), ratePrecision: 0 },
      { ...defaultSettings(), ratePrecision: 4 },
      { ...defaultSettings(), scoringScheme: 'common' },
    ]
    for (const node of dataset.nodes)
      for (const settings of others)
        sameBytes(mainThreadView(dataset, node.id, settings), mainThreadView(dataset, node.id, defaultSettings()))
    expect(viewSettings({ ...defaultSettings(), scoringScheme: 'common', ratePrecision: 0 })).toEqual(defaultSettings())
    const { service, replies, reads, show } = serviceOver(dataset)
    const june = dataset.nodes[5]?.id ?? ''
    show(june)
    await service.idle()
    expect(reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    const asked = show(dataset.nodes[2]?.id ?? '', {
      settings: { ...defaultSettings(), ratePrecision: 0, scoringScheme: 'common' },
    })
    await service.idle()
    // answered from the views already made: nothing read or computed again
    expect(reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    sameBytes(
      completeView(replies, asked.request),
      mainThreadView(dataset, dataset.nodes[2]?.id ?? '', defaultSettings()),
    )
  })

  it('takes a switch while it prepares a node ahead, drops that node and prepares it later', async () => {
    // 150 projects: 3,020 indicators, so a node is assessed in two steps (ROWS_PER_STEP) and more
    const dataset = asStored(generatedYear(150))
    let pausesAfterShown = 0
    const made: { switched: OverviewRequest | null } = { switched: null }
    const pause = async () => {
      if (replies.some((r) => r.type === 'view' && r.request === 1 && r.stage === 'complete')) pausesAfterShown += 1
      // the first pause after 1-12月 is shown ends the loop's turn; the second is inside 1-11月, prepared ahead
      if (pausesAfterShown === 2 && !made.switched) made.switched = show('n1')
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const { service, replies, reads, show } = serviceOver(dataset, undefined, { pause, sliceMs: 0 })
    show('n12')
    await service.idle()
    const asked = made.switched
    if (!asked) throw new Error('no switch was made while a node was prepared')
    const order = replies.map((r) =>
      r.type === 'view' && r.request === asked.request && r.stage === 'complete'
        ? 'n1 shown'
        : r.type === 'prepared'
          ? `${r.nodeId} prepared`
          : null,
    )
    const shownAt = order.indexOf('n1 shown')
    // 1-12月 prepared (shown), then 1-1月 answered before 1-11月, whose preparation was dropped and came later
    expect(order.filter((x) => x !== null).slice(0, 3)).toEqual(['n12 prepared', 'n1 prepared', 'n1 shown'])
    expect(order.indexOf('n11 prepared')).toBeGreaterThan(shownAt)
    // every node prepared in the end, each node's readings read once (1-11月's kept when it was dropped)
    expect(new Set(readyViews(replies).map(([nodeId]) => nodeId)).size).toBe(12)
    expect(reads).toEqual({ budget: 1, whole: 1, nodes: 11 })
    const n11 = readyViews(replies).find(([nodeId]) => nodeId === 'n11')?.[1]
    sameBytes(fromWire(n11), mainThreadView(dataset, 'n11', defaultSettings()))
    sameBytes(completeView(replies, asked.request), mainThreadView(dataset, 'n1', defaultSettings()))
  })

  it('says in Chinese why a node has no view, and still prepares the others', async () => {
    const dataset = asStored(qiemo2021YearDataset())
    const broken = {
      ...dataset,
      nodes: dataset.nodes.map((n, i) => (i === 3 ? { ...n, asOfDate: '2020-04-30' as const } : n)),
    }
    const { service, replies, show } = serviceOver(broken)
    const asked = show(broken.nodes[3]?.id ?? '')
    await service.idle()
    expect(replies.find((r) => r.type === 'failed')).toEqual({
      type: 'failed',
      request: asked.request,
      messages: ['监控节点日期 2020-04-30 不在预算年度 2021 内'],
    })
    expect(replies.filter((r) => r.type === 'prepared')).toHaveLength(0)
    const other = show(broken.nodes[0]?.id ?? '')
    await service.idle()
    expect(replies.filter((r) => r.type === 'prepared')).toHaveLength(11)
    expect(completeView(replies, other.request).snapshot.label).toBe('2021年1月')
  })
})
