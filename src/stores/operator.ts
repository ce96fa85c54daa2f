/**
 * 当前操作人: the person using this device, remembered in the browser's localStorage and set once (in
 * the header), so a 批示, 关闭 or 指派 never asks for a name again. Deliberately not in IndexedDB: the
 * database is the unit's data and travels in backups and imports to other devices, while who sits at
 * this one does not — restoring a colleague's backup must not sign your 批示 with their name. Each
 * review event still stores the name it was given (Alert.history), so the record keeps who acted.
 * Other tabs of the app see a change at once (the `storage` event).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ok, refused, type Result } from '@/domain/result'

/** The key used since the 批示人 field of 预警 first remembered its name: kept so nobody retypes it. */
export const OPERATOR_KEY = 'jixiao.reviewer'
export const OPERATOR_MAX_LENGTH = 20

export const useOperatorStore = defineStore('operator', () => {
  const name = ref(read())

  /** Sets (or, with an empty name, clears) the operator; refused when too long. */
  function set(next: string): Result {
    const trimmed = next.trim()
    if (trimmed.length > OPERATOR_MAX_LENGTH) return refused([`操作人姓名不能超过 ${OPERATOR_MAX_LENGTH} 个字。`])
    name.value = trimmed
    write(trimmed)
    return ok()
  }

  /** Typing into a field bound to the name: kept as typed (trimmed when used), remembered at once. */
  function type(next: string): void {
    name.value = next
    write(next.trim())
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === OPERATOR_KEY) name.value = event.newValue ?? ''
    })
  }

  return { name, set, type }
})

function read(): string {
  try {
    return localStorage.getItem(OPERATOR_KEY) ?? ''
  } catch {
    return ''
  }
}

function write(value: string): void {
  try {
    if (value) localStorage.setItem(OPERATOR_KEY, value)
    else localStorage.removeItem(OPERATOR_KEY)
  } catch {
    /* private mode: remembered for this session only */
  }
}
