/**
 * Quiet moments: the browser is idle and the user has not typed, clicked or scrolled for a second.
 * Work done ahead of time (the workspace preparing other nodes, one task per step, see
 * docs/benchmarks.md) waits for them, so it keeps out of the way of the user's input.
 *
 * Input is noticed once the app shell calls `listenForInput` (src/main.ts); importing this module
 * listens to nothing, and until something listens every idle moment is a quiet one.
 */

let lastInputAt = -Infinity
const QUIET_MS = 1000
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const

/**
 * Notes every keyboard, pointer and wheel input on `target` (captured, so nothing the page does stops
 * it). Returns the function that stops listening.
 */
export function listenForInput(target: EventTarget = window): () => void {
  const noteInput = () => {
    lastInputAt = performance.now()
  }
  for (const type of INPUT_EVENTS) target.addEventListener(type, noteInput, { capture: true, passive: true })
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, noteInput, { capture: true })
  }
}

/** Resolves when the browser is idle and the user has not typed or clicked for a second. */
export async function whenQuiet(): Promise<void> {
  await whenIdle()
  for (let since = performance.now() - lastInputAt; since < QUIET_MS; since = performance.now() - lastInputAt) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS - since))
    await whenIdle()
  }
}

/** Resolves when the browser has a moment (requestIdleCallback, at most 2 s later; a timer where there is none). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof globalThis.requestIdleCallback === 'function')
      globalThis.requestIdleCallback(() => resolve(), { timeout: 2000 })
    else setTimeout(resolve, 0)
  })
}
