import { vi } from 'vitest'

/**
 * Waits until `check` holds, letting Vue and IndexedDB (fake-indexeddb) work in between. Fails the
 * test when it never holds within 5 s (CI machines are loaded), so a wait cannot pass by accident.
 */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('等待的条件在 5 秒内未满足')
    },
    { timeout: 5000, interval: 10 },
  )
}

/**
 * Waits for the Element Plus message a save (or a conflict choice) ends with. A component's save
 * shows it after its last await, so a test that stops at the stored figure would let that message
 * run after the test environment is gone (an unhandled "document is not defined").
 */
export function untilMessage(text: string): Promise<void> {
  return until(() => [...document.querySelectorAll('.el-message')].some((m) => m.textContent?.includes(text) ?? false))
}
