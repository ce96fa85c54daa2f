/**
 * The overview worker (a module Web Worker, same origin, precached with the app): computes the 概览 of
 * each node off the main thread (overviewService.ts). It opens the app's IndexedDB through the same
 * db modules as the page; IndexedDB is shared between a page and its workers.
 */
import type { OverviewReply, OverviewRequest } from '@/domain/overview'
import { databaseReads } from './overviewReads'
import { createOverviewService } from './overviewService'

const scope = self as unknown as {
  postMessage: (reply: OverviewReply) => void
  onmessage: ((event: MessageEvent<OverviewRequest>) => void) | null
}

/**
 * Lets the messages that wait in (a switch) before the work goes on. A message to itself rather than
 * setTimeout(0), which browsers stretch to 4 ms once timers nest: the worker pauses every ≈ 25 ms while
 * it prepares nodes ahead (overviewService SLICE_MS), and that was a sixth of its time.
 */
const resumes: (() => void)[] = []
const channel = new MessageChannel()
channel.port1.onmessage = () => resumes.shift()?.()
const pause = () =>
  new Promise<void>((resolve) => {
    resumes.push(resolve)
    channel.port2.postMessage(null)
  })

const service = createOverviewService({
  reads: databaseReads,
  post: (reply) => scope.postMessage(reply),
  pause,
})

scope.onmessage = (event) => {
  if (event.data.type === 'show') service.show(event.data)
}
