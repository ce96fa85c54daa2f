/**
 * The overview worker's work, without the worker: reads the unit-year, computes each node's 概览
 * (domain/overview) and posts it through `toWire`. The shown node comes first: its budget part as soon
 * as the budget lines are read (the KPIs), then the whole view; then every other node of the year,
 * nearest first, so a switch finds its view ready. All of it runs off the main thread, which only
 * receives a view of the size the 概览 shows (docs/benchmarks.md (round 4)).
 *
 * The unit-year is read with the shown node's readings and the unit's own indicators' readings at every
 * node (what a node's view reads); each other node's readings are read when its turn comes (the next
 * one while the current one computes) and let go once its view is made: at 主管部门 size the year holds
 * 240,240 readings, one node 20,020. Views are kept as wire values, not as snapshots: a view is a few
 * hundred kilobytes, a snapshot 20,020 assessed indicators. Once every node has its view the unit-year
 * is let go too; a new data version or new settings read it again.
 *
 * Views are also kept at rest (`reads.keptViews` / `keepView`, db/viewCache.ts) with the data version
 * they were computed at: a reload with unchanged data answers from them at once, every node, and so does
 * a new data version for the nodes its changes cannot touch (a reading saved at one node leaves the
 * others' views valid, db/viewCache `touchesView`), after a reload or within the session; and new light
 * thresholds light them again (domain/relight: a threshold only decides which light a ratio gets). They
 * are then checked in the background, the shown node first, like nodes never computed: a kept view that
 * no longer matches the data (a change that bypassed the app's audited writes) is replaced, and the page
 * gets the new one.
 *
 * Plain TypeScript over injected reads, so the tests drive it in Node (test/worker) and the worker
 * entry (overview.worker.ts) only wires it to IndexedDB and postMessage.
 */
import {
  budgetOverview,
  overviewSteps,
  viewReach,
  viewSettings,
  type BudgetPart,
  type ComputedOverview,
  type OverviewReply,
  type OverviewRequest,
  type OverviewView,
  type ViewReach,
} from '@/domain/overview'
import { relightYear, type LightPack } from '@/domain/relight'
import type { Checked } from '@/domain/result'
import { runSteps } from '@/domain/steps'
import type { Id, IndicatorReading, UnitYearDataset } from '@/domain/types'
import { fromWire, toWire, type Wire } from '@/domain/wire'
import { mergeReadings } from '@/db/datasets'

export interface OverviewReads {
  /** The unit-year's budget part (db/unitYearParts), null when the unit does not exist. */
  budgetPart: (unitId: Id, year: number) => Promise<BudgetPart | null>
  /**
   * The unit-year with one node's readings and every node's readings of the unit's own (整体)
   * indicators (db/datasets loadUnitYear with that scope), null when the unit does not exist.
   */
  unitYear: (unitId: Id, year: number, nodeId: Id, background: boolean) => Promise<UnitYearDataset | null>
  /**
   * One node's readings, at every indicator, in loadUnitYear's order. `background`: nobody waits for this
   * read (a node prepared ahead), so it may take longer for not holding IndexedDB long (db READ_PAGE).
   */
  nodeReadings: (nodeId: Id, background: boolean) => Promise<IndicatorReading[]>
  /** The data version now (db/viewCache `dataStamp`). */
  dataStamp: () => Promise<string>
  /**
   * The views kept for the unit-year (or only for `nodeId`) that are valid at this data version, by node,
   * whatever settings they were computed with: computed at it, or at an earlier version whose changes
   * since cannot touch them.
   */
  keptViews: (unitId: Id, year: number, stamp: string, nodeId?: Id) => Promise<Map<Id, KeptView>>
  /**
   * Keeps a computed view at the data version it was computed at, with what it reads beyond its node's
   * own rows (`reach`; db/viewCache `touchesView`: a later change that touches none of what it reads
   * leaves it valid).
   */
  keepView: (
    unitId: Id,
    year: number,
    nodeId: Id,
    stamp: string,
    settingsKey: string,
    view: Wire,
    reach: ViewReach,
    pack: LightPack,
  ) => Promise<void>
}

/** A view kept at rest: the settings it was computed with (the request's, JSON) and what lights it again under others. */
export interface KeptView {
  view: Wire
  settingsKey: string
  pack?: LightPack
}

export interface OverviewServiceOptions {
  reads: OverviewReads
  post: (reply: OverviewReply) => void
  /** Lets waiting messages in between two nodes (a switch is answered before the next node is computed). */
  pause?: () => Promise<void>
  /** How long a node prepared ahead computes between two pauses (ms; SLICE_MS; 0 in tests: every step). */
  sliceMs?: number
  /** How long the page must not have asked for anything before kept views are checked (ms; CHECK_AFTER_MS). */
  checkAfterMs?: number
}

export interface OverviewService {
  show: (request: OverviewRequest) => void
  /** Resolves when the work begun so far is done (tests). */
  idle: () => Promise<void>
}

/**
 * How long a node prepared ahead of need computes before it lets waiting messages in: a switch to a
 * node without a view waits at most about this long for the worker (before, for the whole node, ≈ 0.45 s
 * at 主管部门 size; docs/benchmarks.md (round 7)).
 */
const SLICE_MS = 25

/**
 * Kept views are checked against the data (a change that bypassed the app's audited writes) only once the
 * page has asked for nothing for this long. The check computes the whole year again (≈ 6 s of a core at
 * 主管部门 size), and right after a reload, when the user looks and switches, it took the CPU the page's
 * drawing needed (the first switches of a two-core machine, docs/benchmarks.md (round 7)). Nodes with no view
 * at all are prepared at once: a switch may want them.
 */
const CHECK_AFTER_MS = 3_000

/** For this long after the page asked, a node prepared ahead rests between its slices as long as it works. */
const ACTIVE_MS = 2_000

const NOT_FOUND = '未找到该单位本年度的数据，可能已在其他窗口删除'

export function createOverviewService({
  reads,
  post,
  pause = () => new Promise((resolve) => setTimeout(resolve, 0)),
  sliceMs = SLICE_MS,
  checkAfterMs = CHECK_AFTER_MS,
}: OverviewServiceOptions): OverviewService {
  /** unit, year and data version the data and views below belong to */
  let dataKey = ''
  let settingsKey = ''
  let budget: Promise<BudgetPart | null> | null = null
  /** the unit-year, read with the readings of `baseNode` */
  let whole: Promise<UnitYearDataset | null> | null = null
  let baseNode: Id | null = null
  /** other nodes' readings being read ahead */
  let ahead = new Map<Id, Promise<IndicatorReading[]>>()
  /** the data version, read before any data: a view computed later is at least as new as it */
  let stamp: Promise<string> | null = null
  /** the kept views of the current data and settings have been taken in */
  let keptTaken: Promise<void> | null = null
  /** how many ready views the last 'prepared' message counted */
  let reportedReady = 0
  /** complete views of the current data and settings, by node */
  let views = new Map<Id, Wire>()
  /** what lights each of them again under other thresholds (domain/relight) */
  let packs = new Map<Id, LightPack>()
  /** nodes whose view cannot be computed (say, a date outside the year): not tried again in the background */
  let failed = new Set<Id>()
  /** nodes whose view came kept at rest and has not been computed again yet */
  let unverified = new Set<Id>()
  /** the latest request; earlier ones are not answered any more */
  let wanted: OverviewRequest | null = null
  /** the request whose budget part was posted */
  let budgetPosted: OverviewRequest | null = null
  let running: Promise<void> | null = null
  /** when the page last asked (performance.now()) */
  let askedAt = 0
  /** ends the wait before checking kept views (a new request: the loop looks again at what to do) */
  let wake: (() => void) | null = null

  /** Waits `ms`, or less when the page asks meanwhile. */
  function quietWait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = null
        resolve()
      }, ms)
      wake = () => {
        clearTimeout(timer)
        wake = null
        resolve()
      }
    })
  }

  function show(asked: OverviewRequest): void {
    askedAt = performance.now()
    wake?.()
    // the display precision does not change a view (viewSettings): views are computed and kept without it
    const request = { ...asked, settings: viewSettings(asked.settings) }
    const key = `${request.unitId}\u0000${request.year}\u0000${request.version}`
    const settings = JSON.stringify(request.settings)
    if (key !== dataKey) {
      dataKey = key
      budget = null
      whole = null
      ahead = new Map()
      stamp = null
      keptTaken = null
      reportedReady = 0
      views = new Map()
      packs = new Map()
      failed = new Set()
      unverified = new Set()
    }
    if (settings !== settingsKey) {
      const before = new Map(
        [...views].map(([id, view]): [Id, KeptView] => [id, { view, settingsKey, pack: packs.get(id) }]),
      )
      settingsKey = settings
      keptTaken = null
      reportedReady = 0
      views = new Map()
      packs = new Map()
      failed = new Set()
      unverified = new Set()
      // new thresholds over the same data: the year's views lit again at once, not computed again
      relight(before, request)
    }
    wanted = request
    const known = views.get(request.nodeId)
    if (known !== undefined) post({ type: 'view', request: request.request, stage: 'complete', view: known })
    running ??= run().finally(() => {
      running = null
    })
  }

  const budgetPart = (r: OverviewRequest) => (budget ??= reads.budgetPart(r.unitId, r.year))
  /** The unit-year, read once; `background` when no one waits for it (see OverviewReads). */
  function unitYear(r: OverviewRequest, background: boolean): Promise<UnitYearDataset | null> {
    if (!whole) {
      baseNode = r.nodeId
      whole = reads.unitYear(r.unitId, r.year, r.nodeId, background)
    }
    return whole
  }
  /** The readings of a node other than the base node, read once (ahead of need: `background`). */
  function readingsOf(nodeId: Id, background: boolean): Promise<IndicatorReading[]> {
    let read = ahead.get(nodeId)
    if (!read) {
      read = reads.nodeReadings(nodeId, background)
      ahead.set(nodeId, read)
    }
    return read
  }
  /**
   * The unit-year as a node's view reads it: the unit's indicators' readings at every node, and the
   * node's. `background`: the node is prepared ahead, the page is not waiting for it.
   */
  async function datasetFor(r: OverviewRequest, nodeId: Id, background: boolean): Promise<UnitYearDataset | null> {
    const data = await unitYear(r, background)
    if (!data || nodeId === baseNode) return data
    const readings = await readingsOf(nodeId, background)
    ahead.delete(nodeId)
    const unitTargets = new Set(data.targets.filter((t) => t.scope === 'unit').map((t) => t.id))
    const unitIndicators = new Set(data.indicators.filter((i) => unitTargets.has(i.targetId)).map((i) => i.id))
    // the base node's readings of project indicators are not this node's: left out, as a read for this node would
    const unitReadings = data.readings.filter((x) => unitIndicators.has(x.indicatorId))
    return { ...data, readings: mergeReadings(unitReadings, readings) }
  }
  /** Whether the data or settings changed since `r` was the latest (its views would be stale). */
  const sameData = (r: OverviewRequest) =>
    wanted !== null &&
    `${r.unitId}\u0000${r.year}\u0000${r.version}` === dataKey &&
    JSON.stringify(r.settings) === settingsKey

  /** Takes in the views kept at rest for this data version and settings (once per both). */
  function takeKeptViews(r: OverviewRequest): Promise<void> {
    keptTaken ??= (async () => {
      stamp ??= reads.dataStamp()
      const now = await stamp
      // the shown node's first (one row), then the others (a 主管部门 year's twelve are 0.6 MB)
      const first = await reads.keptViews(r.unitId, r.year, now, r.nodeId)
      if (!sameData(r)) return
      keep(first, r)
      postShown(r)
      const kept = await reads.keptViews(r.unitId, r.year, now)
      if (!sameData(r)) return
      keep(kept, r)
      // kept under other thresholds (a setting changed since): lit again, when they cover the year
      if ([...kept.values()].some((k) => k.settingsKey !== settingsKey)) {
        relight(kept, r)
        postShown(r)
      }
    })().catch(() => {
      /* a cache: without it, the views are computed */
    })
    return keptTaken
  }

  /** Answers the wanted request with its node's view, once, when the view is there. */
  function postShown(r: OverviewRequest): void {
    const shown = views.get(r.nodeId)
    if (shown !== undefined && wanted === r && budgetPosted !== r) {
      budgetPosted = r
      post({ type: 'view', request: r.request, stage: 'complete', view: shown })
    }
  }

  /** Takes in the kept views of the current settings. */
  function keep(kept: Map<Id, KeptView>, r: OverviewRequest): void {
    const taken: [Id, Wire][] = []
    for (const [nodeId, { view, settingsKey: computedWith, pack }] of kept) {
      if (views.has(nodeId) || computedWith !== settingsKey) continue
      views.set(nodeId, view)
      if (pack) packs.set(nodeId, pack)
      unverified.add(nodeId)
      taken.push([nodeId, view])
    }
    if (taken.length > 0) post({ type: 'views', request: r.request, views: taken })
  }

  /**
   * Lights the year's views again under the request's settings (domain/relight), from views of the same
   * data under other thresholds with their packs; nothing when they do not cover the year or another
   * 序时进度 mode moved the ratios. Like kept views, the results are checked in the background later.
   */
  function relight(kept: Map<Id, KeptView>, r: OverviewRequest): void {
    const year = new Map<Id, { view: OverviewView; pack: LightPack }>()
    for (const [nodeId, { view, pack }] of kept) {
      if (!pack) return
      year.set(nodeId, { view: fromWire<OverviewView>(view), pack })
    }
    if (year.size === 0) return
    const relit = relightYear(year, r.settings)
    if (!relit) return
    const taken: [Id, Wire][] = []
    for (const [nodeId, view] of relit) {
      if (views.has(nodeId)) continue
      const wire = toWire(view)
      views.set(nodeId, wire)
      const pack = year.get(nodeId)?.pack
      if (pack) packs.set(nodeId, pack)
      unverified.add(nodeId)
      taken.push([nodeId, wire])
    }
    if (taken.length > 0) post({ type: 'views', request: r.request, views: taken })
  }

  async function run(): Promise<void> {
    for (;;) {
      const request = wanted
      if (!request) return
      try {
        await takeKeptViews(request)
        if (!sameData(request)) continue
        if (!views.has(request.nodeId)) {
          await showWanted(request)
        } else {
          const [next, after] = await nextToPrepare(request)
          if (next === null) {
            // every node has its view: the unit-year (most of the memory) is read again only when needed
            whole = null
            baseNode = null
            const year = await budgetPart(request)
            // the year is ready: said once more when its views came kept at rest (no node was computed)
            if (year && sameData(request) && reportedReady !== views.size)
              post({
                type: 'prepared',
                version: request.version,
                nodeId: request.nodeId,
                nodes: views.size,
                of: year.nodes.length,
              })
            return
          }
          if (!sameData(request)) continue
          // a kept view is checked once the page has been quiet a while (CHECK_AFTER_MS)
          const quietFor = performance.now() - askedAt
          if (unverified.has(next) && quietFor < checkAfterMs) {
            await quietWait(checkAfterMs - quietFor)
            continue
          }
          // the node after this one is read while this one computes
          if (after !== null && after !== baseNode) readingsOf(after, true).catch(() => ahead.delete(after))
          // (the first node read with the unit-year is its base node: no readings of its own)
          const read = whole !== null && next !== baseNode ? readingsOf(next, true) : null
          const data = await datasetFor(request, next, true)
          if (!sameData(request)) continue
          // dropped for a node the page waits for: its readings stay read for when its turn comes again
          if (data && (await prepareAhead(data, next, request)) === 'dropped' && read) ahead.set(next, read)
        }
      } catch (error) {
        post({ type: 'failed', request: request.request, messages: [`计算概览失败：${describe(error)}`] })
        if (wanted === request) return
      }
      await pause()
    }
  }

  /** The wanted node: its budget part first (posted once per request), then its whole view. */
  async function showWanted(request: OverviewRequest): Promise<void> {
    if (budgetPosted !== request) {
      const part = await budgetPart(request)
      if (wanted !== request) return
      budgetPosted = request
      if (!part) {
        post({ type: 'failed', request: request.request, messages: [NOT_FOUND] })
        wanted = null
        return
      }
      const shown = budgetOverview(part, request.nodeId, request.settings)
      if (!shown.ok) {
        post({ type: 'failed', request: request.request, messages: shown.messages })
        wanted = null
        return
      }
      post({ type: 'view', request: request.request, stage: 'budget', view: toWire(shown.value) })
      // the budget part is one message; the whole view waits for the next turn, so a switch made
      // meanwhile is taken first
      await pause()
      if (wanted !== request) return
    }
    const data = await datasetFor(request, request.nodeId, false)
    if (wanted !== request || !sameData(request)) return
    if (!data) {
      post({ type: 'failed', request: request.request, messages: [NOT_FOUND] })
      wanted = null
      return
    }
    const view = prepare(data, request.nodeId, request)
    if (wanted !== request) return
    if (view.ok) post({ type: 'view', request: request.request, stage: 'complete', view: view.value })
    else {
      post({ type: 'failed', request: request.request, messages: view.messages })
      wanted = null
    }
  }

  /** Computes a node's view at once (the page waits for it) and keeps it (`record`). */
  function prepare(data: UnitYearDataset, nodeId: Id, request: OverviewRequest): Checked<Wire> {
    return record(runSteps(overviewSteps(data, nodeId, request.settings)), nodeId, request, data.nodes.length)
  }

  /**
   * Computes a node's view ahead of need, in slices of about `sliceMs` with a pause between them, so a
   * message (a switch) is taken in meanwhile; drops the node when the page now waits for another node
   * that has no view, or the data or settings changed. It is prepared again in its turn.
   */
  async function prepareAhead(
    data: UnitYearDataset,
    nodeId: Id,
    request: OverviewRequest,
  ): Promise<'done' | 'dropped'> {
    const steps = overviewSteps(data, nodeId, request.settings)
    let sliceStart = performance.now()
    for (;;) {
      const step = steps.next()
      if (step.done) {
        record(step.value, nodeId, request, data.nodes.length)
        return 'done'
      }
      if (performance.now() - sliceStart < sliceMs) continue
      await pause()
      // while the user is at work on the page, half a core: on two cores the page's drawing (charts are
      // rasterised on the CPU) shares the other with the browser, and a switch right after a save waited
      // for it (≈ 250 ms against ≈ 110, docs/benchmarks.md (round 8))
      if (sliceMs > 0 && performance.now() - askedAt < ACTIVE_MS) await new Promise((r) => setTimeout(r, sliceMs))
      const waiting = wanted
      if (!sameData(request) || (waiting && waiting.nodeId !== nodeId && !views.has(waiting.nodeId))) return 'dropped'
      sliceStart = performance.now()
    }
  }

  /** Keeps a computed view; says how many of the year's `nodes` are ready. */
  function record(
    computed: Checked<ComputedOverview>,
    nodeId: Id,
    request: OverviewRequest,
    nodes: number,
  ): Checked<Wire> {
    if (!computed.ok) {
      failed.add(nodeId)
      return computed
    }
    const view = toWire(computed.value.view)
    const reach = viewReach(computed.value.view)
    const { pack } = computed.value
    packs.set(nodeId, pack)
    const kept = unverified.has(nodeId) ? views.get(nodeId) : undefined
    unverified.delete(nodeId)
    views.set(nodeId, view)
    const isNew = kept === undefined || JSON.stringify(kept) !== JSON.stringify(view)
    // a kept view the data no longer gives: the page shows the new one
    const shown = wanted
    if (kept !== undefined && isNew && shown?.nodeId === nodeId)
      post({ type: 'view', request: shown.request, stage: 'complete', view })
    reportedReady = views.size
    const at = stamp
    if (at)
      void at
        .then((version) =>
          reads.keepView(request.unitId, request.year, nodeId, version, settingsKey, view, reach, pack),
        )
        .catch(() => {
          /* a cache: the view is computed again next time */
        })
    // the page keeps every ready view (a kept one it was given already, unless it changed)
    if (isNew) post({ type: 'views', request: request.request, views: [[nodeId, view]] })
    post({ type: 'prepared', version: request.version, nodeId, nodes: views.size, of: nodes })
    return { ok: true, value: view }
  }

  /**
   * The next two nodes to prepare: those without a view before kept ones waiting to be checked (a check
   * waits for quiet, CHECK_AFTER_MS, and must not hold up a node a change touched), each nearest the
   * wanted one first, later before earlier; null when all are ready.
   */
  async function nextToPrepare(request: OverviewRequest): Promise<[Id | null, Id | null]> {
    const data = await budgetPart(request)
    if (!data) return [null, null]
    const order = data.nodes.map((n) => n.id)
    const at = order.indexOf(request.nodeId)
    const candidates = order
      .map((id, index) => ({ id, distance: Math.abs(index - at), later: index > at, kept: views.has(id) }))
      .filter((n) => (!n.kept || unverified.has(n.id)) && !failed.has(n.id))
      .sort(
        (a, b) =>
          Number(a.kept) - Number(b.kept) || a.distance - b.distance || (a.later === b.later ? 0 : a.later ? -1 : 1),
      )
    return [candidates[0]?.id ?? null, candidates[1]?.id ?? null]
  }

  return {
    show,
    idle: async () => {
      while (running) await running
    },
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
