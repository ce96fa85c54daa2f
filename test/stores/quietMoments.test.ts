/**
 * Quiet moments notice input only once the app shell listens for it (listenForInput): importing the
 * module registers nothing. Driven by fake timers and a plain EventTarget, not a browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { listenForInput, whenQuiet } from '@/stores/quietMoments'

/** Whether whenQuiet resolves within `ms` of fake time. */
async function quietWithin(ms: number): Promise<boolean> {
  let quiet = false
  void whenQuiet().then(() => {
    quiet = true
  })
  await vi.advanceTimersByTimeAsync(ms)
  return quiet
}

describe('quiet moments', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('waits a second after input on a target it listens to, and not once it stops listening', async () => {
    const target = new EventTarget()
    target.dispatchEvent(new Event('keydown'))
    expect(await quietWithin(0)).toBe(true) // nothing listens yet

    const stop = listenForInput(target)
    target.dispatchEvent(new Event('pointerdown'))
    let quiet = false
    void whenQuiet().then(() => {
      quiet = true
    })
    await vi.advanceTimersByTimeAsync(500)
    expect(quiet).toBe(false)
    await vi.advanceTimersByTimeAsync(600)
    expect(quiet).toBe(true)

    stop()
    target.dispatchEvent(new Event('wheel'))
    expect(await quietWithin(0)).toBe(true)
  })
})
