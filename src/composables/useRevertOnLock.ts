import { ref, watch, type Ref } from 'vue'

/**
 * A node 定稿 in another tab (or here) while this editor holds unsaved input for it: the stored rows
 * are what its frozen report shows, so the editor goes back to them and says so (docs/domain-rules.md
 * §12.3). Returns true while that warning applies; unlocking clears it.
 */
export function useRevertOnLock(locked: () => boolean, dirty: () => boolean, reset: () => void): Ref<boolean> {
  const reverted = ref(false)
  watch(locked, (now, before) => {
    if (!now) reverted.value = false
    else if (!before && dirty()) {
      reset()
      reverted.value = true
    }
  })
  return reverted
}
