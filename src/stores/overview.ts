/**
 * The 概览's figures, from the overview worker (src/worker/overview.worker.ts): this store asks for the
 * workspace's node whenever the unit, year, node, data or settings change, and holds the view the
 * worker answers with, first its budget part (the KPIs), then the whole. The main thread computes no
 * snapshot for the 概览 and receives only what it shows (docs/benchmarks.md (round 4)).
 *
 * Without Web Workers (the unit tests' jsdom) the same service runs here, after the current task.
 */
import { defineStore, storeToRefs } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { viewSettings, type OverviewReply, type OverviewRequest, type OverviewView } from '@/domain/overview'
import { fromWire, type Wire } from '@/domain/wire'
import { createOverviewService } from '@/worker/overviewService'
import { databaseReads } from '@/worker/overviewReads'
import { useSettingsStore } from './settings'
import { useWorkspaceStore } from './workspace'

interface Channel {
  ask: (request: OverviewRequest) => void
}

export const useOverviewStore = defineStore('overview', () => {
  const workspace = useWorkspaceStore()
  const { settings } = storeToRefs(useSettingsStore())
  /** The view answered for the latest request (its budget part until `complete`). */
  const view = shallowRef<OverviewView | null>(null)
  const complete = ref(false)
  /** Why the latest request has no view (one Chinese sentence each). */
  const messages = ref<string[]>([])
  /** How many of the year's nodes the worker has ready. */
  const prepared = ref({ nodes: 0, of: 0 })
  let channel: Channel | null = null
  let requests = 0
  let asked: OverviewRequest | null = null
  let askedSettings = ''
  /** the node of the latest request (reactive, unlike `asked`) */
  const askedNodeId = ref<string | null>(null)
  /** The settings a view is computed with (all but the display precision): the worker's views are kept per them. */
  const settingsKey = computed(() => JSON.stringify(viewSettings(settings.value)))

  /**
   * The node asked for while another node's view is still shown. A switch keeps the shown view, mounted,
   * until the new node's whole view arrives: remounting the page and its charts for a budget part in
   * between cost more than the switch itself.
   */
  const pendingNodeId = computed(() => {
    const shown = view.value
    return shown && askedNodeId.value !== null && shown.nodeId !== askedNodeId.value ? askedNodeId.value : null
  })

  /** the wire text of the complete view shown, so an answer that repeats it does not redraw the page */
  let shownWire: string | null = null

  function show(stage: 'budget' | 'complete', wire: Wire): void {
    const text = stage === 'complete' ? JSON.stringify(wire) : null
    if (text !== null && text === shownWire && complete.value) return
    shownWire = text
    messages.value = []
    view.value = fromWire<OverviewView>(wire)
    complete.value = stage === 'complete'
    // where a reload's time goes, for the benchmark (docs/benchmarks.md (round 4))
    performance.mark(`overview:${stage}-view`)
  }

  /**
   * Every complete view the worker has ready for the current data and settings (wire form, a few dozen
   * kilobytes each), with the request they came from. A switch to one of them is shown at once: the
   * worker answers kept views at once when idle, but while it computes or checks another node (≈ 0.45 s
   * at 主管部门 size) the switch would wait for it, and so would a read of IndexedDB, which the worker's
   * reads occupy. The worker's answer still follows and replaces the view if the data no longer gives it.
   */
  const ready = new Map<string, Wire>()
  /** the first request of the current data and settings: views of earlier ones are stale */
  let readyFrom = 0

  function receive(reply: OverviewReply): void {
    if (reply.type === 'views') {
      if (reply.request < readyFrom) return
      for (const [nodeId, wire] of reply.views) ready.set(nodeId, wire)
      // the asked node's view, ready before the worker's answer to the switch
      const wanted = asked?.nodeId
      const wire = wanted === undefined ? undefined : ready.get(wanted)
      if (wire !== undefined && !(complete.value && view.value?.nodeId === wanted)) show('complete', wire)
      return
    }
    if (reply.type === 'prepared') {
      if (asked && reply.version === asked.version) {
        prepared.value = { nodes: reply.nodes, of: reply.of }
        // the benchmark reads when the year was ready (docs/benchmarks.md (round 4))
        if (reply.nodes === reply.of) performance.mark('overview:all-nodes-prepared')
      }
      return
    }
    if (reply.request !== requests) return // an earlier request's answer: a later one is under way
    if (reply.type === 'failed') {
      messages.value = reply.messages
      view.value = null
      return
    }
    // a budget part is shown only while there is no whole view (after a reload or a write), never in place of one
    if (reply.stage === 'budget' && complete.value) return
    if (view.value === null) {
      show(reply.stage, reply.view)
      return
    }
    // A switch, or a view replaced: drawn after the frame in hand is painted, as a ready view is. The worker
    // now answers within ≈ 25 ms while it prepares other nodes (it used to finish a node first), often
    // before the click's own frame, and drawing the 概览 in that frame held the click's paint.
    const { request, stage, view: wire } = reply
    afterNextPaint(() => {
      if (request !== requests || (stage === 'budget' && complete.value)) return
      show(stage, wire)
    })
  }

  function connect(): Channel {
    if (typeof Worker === 'undefined') {
      const service = createOverviewService({
        reads: databaseReads,
        // a copy, as a real message would be
        post: (reply) => queueMicrotask(() => receive(structuredClone(reply))),
      })
      return { ask: (request) => service.show(request) }
    }
    const worker = new Worker(new URL('../worker/overview.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<OverviewReply>) => receive(event.data)
    worker.onerror = (event) => {
      messages.value = [`计算概览失败：${event.message || '后台计算线程出错'}`]
    }
    // Leaving the page (a reload, say): stop the worker now, not when the old page is torn down. IndexedDB
    // serves an origin's requests in turn and still ran the old worker's queued reads, 0.3–0.6 s of them,
    // before the new page's first read (docs/benchmarks.md (round 7)); a stopped worker's are dropped.
    // Not when the page is kept for going back (bfcache): it would come back without its worker.
    window.addEventListener('pagehide', (event) => {
      if (!event.persisted) worker.terminate()
    })
    return { ask: (request) => worker.postMessage(request) }
  }

  function ask(): void {
    const { unitId, year, nodeId, dataVersion } = workspace
    if (unitId === null || year === null || nodeId === null) return
    if (
      asked &&
      asked.unitId === unitId &&
      asked.year === year &&
      asked.nodeId === nodeId &&
      asked.version === dataVersion &&
      askedSettings === settingsKey.value
    )
      return
    const dataChanged = !asked || asked.version !== dataVersion || askedSettings !== settingsKey.value
    if (dataChanged) {
      // the views shown so far are of the old data: none is shown until the new one arrives
      view.value = null
      prepared.value = { nodes: 0, of: 0 }
    }
    if (dataChanged) {
      complete.value = false
      shownWire = null
      ready.clear()
      readyFrom = requests + 1
    }
    asked = {
      type: 'show',
      request: ++requests,
      unitId,
      year,
      nodeId,
      version: dataVersion,
      // a plain copy: the settings are a reactive object, which postMessage cannot clone
      settings: JSON.parse(settingsKey.value) as OverviewRequest['settings'],
    }
    askedSettings = settingsKey.value
    askedNodeId.value = nodeId
    performance.mark('overview:asked')
    channel ??= connect()
    channel.ask(asked)
    const request = asked
    if (ready.has(nodeId))
      // after the click's own frame is painted (the selector closing): drawing the whole 概览 in that
      // frame held the click's paint for 150-430 ms (docs/benchmarks.md (round 6))
      afterNextPaint(() => {
        const known = ready.get(nodeId)
        if (asked !== request || known === undefined || (complete.value && view.value?.nodeId === nodeId)) return
        performance.mark('overview:ready-here')
        show('complete', known)
      })
  }

  let following = 0
  let stop: (() => void) | null = null
  /**
   * Keeps the view current while the 概览 is shown; returns how to stop. The worker starts at once, so
   * loading its script and opening the database overlap the workspace's first reads.
   */
  function follow(): () => void {
    channel ??= connect()
    following += 1
    stop ??= watch(
      () => [workspace.unitId, workspace.year, workspace.nodeId, workspace.dataVersion, settingsKey.value] as const,
      ask,
      { immediate: true },
    )
    return () => {
      following -= 1
      if (following === 0) {
        stop?.()
        stop = null
      }
    }
  }

  return { view, complete, pendingNodeId, messages, prepared, follow }
})

/** Runs `task` once the browser has painted the next frame (a timer where there are no frames: jsdom). */
function afterNextPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') setTimeout(task, 0)
  else requestAnimationFrame(() => setTimeout(task, 0))
}
