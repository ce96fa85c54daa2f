import { flushPromises } from '@vue/test-utils'

/**
 * Waits until `check` holds, letting Vue and IndexedDB (fake-indexeddb) work in between: up to 5 s,
 * since CI machines are loaded. Returns either way; the test's own expect says what was wanted.
 */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await check()); i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
}
