/**
 * Stable orders for rows read back from IndexedDB (which returns them by key, i.e. by random id).
 * Strings compare by code unit so the order is the same in every browser and locale.
 */
type SortKey = string | number

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}

/** A comparator over several keys in turn: `rows.sort(by((r) => r.sortOrder, (r) => r.id))`. */
export function by<T>(...keys: ((row: T) => SortKey)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = compareKeys(key(a), key(b))
      if (order !== 0) return order
    }
    return 0
  }
}

export function sorted<T>(rows: T[], ...keys: ((row: T) => SortKey)[]): T[] {
  return rows.sort(by(...keys))
}
