/**
 * Work that can pause: a generator that yields between parts of one computation, so the overview
 * worker can take a message in between (a switch to a node the page waits for) and drop the rest of a
 * node it was preparing ahead of need. At 主管部门 size one node's 概览 is ≈ 0.45 s of work; a switch
 * asked during it waited for all of it (docs/benchmarks.md (round 7)). Everyone else runs the steps to
 * their end at once (`runSteps`): the figures are the same either way, computed by the same code.
 */
export type Steps<T> = Generator<void, T, undefined>

/** Runs `steps` to their end, without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** Rows (indicators) between two steps: ≈ 10–20 ms of assessment at 主管部门 size. */
export const ROWS_PER_STEP = 2_000
