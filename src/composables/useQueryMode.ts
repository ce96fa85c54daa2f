/**
 * A page's mode (查看 / 录入 …) kept in the address (`?mode=entry`), so a reload stays put and the
 * entry editors' leave guard asks before a switch loses unsaved input. The first mode is the page's
 * own and has no `mode` in the address; an unknown one reads as the first.
 */
import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export function useQueryMode<Mode extends string>(modes: readonly [Mode, ...Mode[]]): WritableComputedRef<Mode> {
  const route = useRoute()
  const router = useRouter()
  const [first] = modes
  return computed<Mode>({
    get: () => modes.find((m) => m !== first && m === route.query.mode) ?? first,
    set: (next) => void router.replace({ query: next === first ? {} : { mode: next } }),
  })
}
