/**
 * `toPlain`: the copy every write makes before a value reaches IndexedDB.
 *
 * Callers should pass `toRaw`'d data, but a Vue reactive proxy must never reach IndexedDB and
 * `structuredClone(proxy)` throws, so writes copy defensively through this walker instead. It keeps
 * strings, finite numbers, booleans, null, arrays and plain objects; drops object properties that are
 * `undefined` (an absent optional field and an `undefined` one mean the same in the domain); and
 * refuses anything else — a `Decimal` (amounts rest as strings), a `Date` (dates rest as 'yyyy-MM-dd'),
 * NaN, functions — with a Chinese message naming the offending path.
 */
import { DbWriteError } from './result'

function refuse(path: string, what: string): never {
  throw new DbWriteError(`数据中含有无法保存的值（${path || '整条记录'}：${what}），本次保存未写入任何数据。`)
}

function copy(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(path, `非有限数字 ${String(value)}`)
    return value
  }
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (item === undefined) refuse(`${path}[${i}]`, '空值')
      out.push(copy(item, `${path}[${i}]`))
    }
    return out
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      const ctor =
        typeof proto === 'object' && proto !== null && 'constructor' in proto && typeof proto.constructor === 'function'
          ? proto.constructor.name
          : '非普通'
      refuse(path, `${ctor} 对象，金额与日期须以字符串保存`)
    }
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue
      out[key] = copy(item, path ? `${path}.${key}` : key)
    }
    return out
  }
  return refuse(path, typeof value)
}

/** A deep plain copy of `value` with the same shape (minus `undefined` properties). */
export function toPlain<T>(value: T): T {
  // The walker rebuilds exactly the shape it was given, so the cast only restores the static type.
  return copy(value, '') as T
}
