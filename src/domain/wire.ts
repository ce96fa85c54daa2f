/**
 * Domain values on the wire between the main thread and the overview worker (src/worker). A Decimal
 * does not survive structured clone (postMessage refuses its constructor; IndexedDB drops its
 * prototype), so `toWire` writes each one as a tagged string and `fromWire` reads it back as the same
 * Decimal: `valueOf()` keeps every digit and the sign of −0, and `new D(string)` never rounds.
 *
 * Only plain data crosses: objects, arrays, strings, numbers, booleans, null and undefined. Anything
 * else (a Map, a Date, a class instance) is a programming error and throws, so a view that would
 * arrive changed on the other side fails in the tests instead.
 */
import { D, type Dec } from './decimal'

/** A value after `toWire`: the same shape with every Decimal a tagged string. */
export type Wire = null | undefined | boolean | number | string | Wire[] | { [key: string]: Wire }

/** Marks a Decimal's string. A real string that happens to begin with the mark is escaped. */
const DECIMAL_MARK = '\u0000d'
const STRING_MARK = '\u0000s'

export function toWire(value: unknown): Wire {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') return value
  if (typeof value === 'string') return value.startsWith('\u0000') ? STRING_MARK + value : value
  if (D.isDecimal(value)) return DECIMAL_MARK + (value as Dec).valueOf()
  if (Array.isArray(value)) return value.map(toWire)
  if (typeof value === 'object' && isPlainObject(value)) {
    // fromEntries defines each key as the object's own, "__proto__" included (an assignment would set the prototype)
    return Object.fromEntries(
      Object.keys(value).map((key) => [key, toWire((value as Record<string, unknown>)[key])]),
    ) as Record<string, Wire>
  }
  throw new TypeError(`toWire: 不能传送的值（${Object.prototype.toString.call(value)}）`)
}

/** The value `toWire` wrote, with its Decimals back. The caller states the type it sent. */
export function fromWire<T>(wire: Wire): T {
  return read(wire) as T
}

function read(wire: Wire): unknown {
  if (typeof wire === 'string') {
    if (!wire.startsWith('\u0000')) return wire
    if (wire.startsWith(DECIMAL_MARK)) return new D(wire.slice(DECIMAL_MARK.length))
    return wire.slice(STRING_MARK.length)
  }
  if (wire === null || typeof wire !== 'object') return wire
  if (Array.isArray(wire)) return wire.map(read)
  return Object.fromEntries(Object.keys(wire).map((key) => [key, read(wire[key] as Wire)]))
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
