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

const service = createOverviewService({
  reads: databaseReads,
  post: (reply) => scope.postMessage(reply),
})

scope.onmessage = (event) => {
  if (event.data.type === 'show') service.show(event.data)
}
