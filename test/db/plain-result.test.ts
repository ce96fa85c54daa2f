import { describe, expect, it } from 'vitest'
import { reactive, ref } from 'vue'
import { toPlain } from '@/db/plain'
import { DbWriteError, describeWriteError } from '@/db/result'

describe('toPlain', () => {
  it('copies a reactive object with nested arrays into plain data that structuredClone accepts', () => {
    const state = reactive({
      name: '财务室',
      causes: ['经费保障'],
      plan: { months: ['1.00', '2.50'] },
      note: undefined as string | undefined,
    })
    const plain = toPlain(state)
    expect(plain).toStrictEqual({ name: '财务室', causes: ['经费保障'], plan: { months: ['1.00', '2.50'] } })
    expect(structuredClone(plain)).toStrictEqual(plain)
    expect(() => structuredClone(state)).toThrow()
  })

  it('unwraps refs held inside reactive state', () => {
    expect(toPlain(reactive({ count: ref(3) }))).toStrictEqual({ count: 3 })
  })

  it('refuses NaN, Dates and undefined array items with the path', () => {
    expect(() => toPlain({ lines: [{ sortOrder: Number.NaN }] })).toThrow('lines[0].sortOrder：非有限数字 NaN')
    expect(() => toPlain({ asOf: new Date(0) })).toThrow('asOf：Date 对象，金额与日期须以字符串保存')
    expect(() => toPlain({ plan: ['1', undefined] })).toThrow('plan[1]：空值')
  })
})

describe('describeWriteError', () => {
  it('finds the cause inside Dexie wrappers', () => {
    const inner = new DOMException('quota', 'QuotaExceededError')
    const wrapped = Object.assign(new Error('aborted'), { name: 'AbortError', inner })
    expect(describeWriteError(wrapped)).toBe('浏览器存储空间不足，本次保存未写入任何数据。')
    const bulk = Object.assign(new Error('bulk'), {
      name: 'BulkError',
      failures: [Object.assign(new Error('dup'), { name: 'ConstraintError' })],
    })
    expect(describeWriteError(bulk)).toMatch(/^数据重复/)
  })

  it('passes our own refusals through and names unknown errors', () => {
    expect(describeWriteError(new DbWriteError('找不到该预警。'))).toBe('找不到该预警。')
    expect(describeWriteError(new TypeError('x'))).toBe('保存失败（TypeError），本次保存未写入任何数据。')
    expect(describeWriteError('string thrown')).toBe('保存失败（未知错误），本次保存未写入任何数据。')
  })
})
