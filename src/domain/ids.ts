/** Row ids: random UUIDs, so rows created offline in different browsers never collide on import. */
import type { Id } from '@/domain/types'

export function newId(): Id {
  return crypto.randomUUID()
}
