import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D, type Dec } from '@/domain/decimal'
import { fromWire, toWire } from '@/domain/wire'

/** A Decimal of any sign and scale, −0 included: what a snapshot's figures can be. */
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 40 }), fc.boolean())
  .map(([digits, scale, negativeZero]) =>
    digits === 0n && negativeZero ? new D('-0') : new D(digits.toString()).div(new D(10).pow(scale)),
  )

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    decimal,
    fc.string(),
    fc.string().map((s) => `\u0000${s}`),
    fc.constantFrom('\u0000d1.5', '\u0000s', '\u0000'),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
}))

/** The value with every Decimal as its exact text and the sign of zero: equal texts, equal values. */
function text(v: unknown): unknown {
  if (D.isDecimal(v)) {
    const d = v as Dec
    return `Decimal(${d.valueOf()}${d.isZero() && d.isNegative() ? ', −0' : ''})`
  }
  if (Array.isArray(v)) return v.map(text)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]))
  return v
}

describe('domain/wire: a view crosses postMessage unchanged', () => {
  it('gives back every value, Decimals digit for digit, through structured clone', () => {
    fc.assert(
      fc.property(value.node, (original) => {
        const received = fromWire(structuredClone(toWire(original)))
        expect(text(received)).toEqual(text(original))
      }),
      { numRuns: 300 },
    )
  })

  it('writes a Decimal so that postMessage accepts it (a Decimal itself is refused)', () => {
    const figure = new D('1493.25')
    expect(() => structuredClone(figure)).toThrow()
    const back = fromWire<{ budget: Dec }>(structuredClone(toWire({ budget: figure })))
    expect(back.budget).toBeInstanceOf(D)
    expect(back.budget.toFixed(2)).toBe('1493.25')
    // seed 001 1-6月: 383.74 ÷ 1,493.25 (docs/domain-rules.md §8), all 40 significant digits kept
    const rate = new D('383.74').div(new D('1493.25'))
    expect(fromWire<Dec>(structuredClone(toWire(rate))).eq(rate)).toBe(true)
  })

  it('keeps a key named "__proto__" an own key (fast-check found it lost on the way)', () => {
    const original = JSON.parse('{"__proto__": [1], "level1": {"__proto__": "产出指标"}}') as unknown
    const back = fromWire<Record<string, unknown>>(structuredClone(toWire(original)))
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(Object.keys(back)).toEqual(['__proto__', 'level1'])
    expect(JSON.stringify(back)).toBe('{"__proto__":[1],"level1":{"__proto__":"产出指标"}}')
  })

  it('keeps a text that happens to begin with the mark a text', () => {
    expect(fromWire(toWire('\u0000d12'))).toBe('\u0000d12')
    expect(fromWire(toWire({ note: '\u0000s' }))).toEqual({ note: '\u0000s' })
  })

  it('refuses what would arrive changed: a Map, a Date, a class instance', () => {
    expect(() => toWire({ byNode: new Map() })).toThrow(/不能传送/)
    expect(() => toWire([new Date(0)])).toThrow(/不能传送/)
    class Row {
      id = 'a'
    }
    expect(() => toWire(new Row())).toThrow(/不能传送/)
  })
})
