// @vitest-environment jsdom
/**
 * 单位信息 in two tabs (issue 5, item 3), on the app database (fake-indexeddb): the form saves
 * against the unit as it loaded it; another tab's save is followed while the form is untouched,
 * and with the user's changes standing a save is refused, both values shown, and the choice stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from './until'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import EntryUnitForm from '@/components/entry/EntryUnitForm.vue'
import { db } from '@/db/schema'
import { putUnit } from '@/db/units'
import type { Unit } from '@/domain/types'

// seed 001: 且末县自然资源局
const unit: Unit = {
  id: 'u', name: '且末县自然资源局', departments: ['财务室'], monitoringGroup: [{ name: '张三', title: '党组书记、局长', role: '组长' }],
  financeOfficer: '李四',
}

async function mountForm() {
  expect((await putUnit(unit)).ok).toBe(true)
  const w = mount(EntryUnitForm, { props: { unit: structuredClone(unit) }, attachTo: document.body })
  await flushPromises()
  return w
}
const input = (testId: string) => {
  const el = document.querySelector(`[data-testid="${testId}"]`)
  return (el?.tagName === 'INPUT' ? el : el?.querySelector('input')) as HTMLInputElement
}
async function type(testId: string, value: string) {
  const el = input(testId)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const button = (text: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) => b.textContent?.trim() === text)
const stored = async () => (await db.units.get('u'))?.financeOfficer
const clickSave = () => (document.querySelector('[data-testid="unit-save"]') as HTMLButtonElement).click()

describe('EntryUnitForm with another tab saving the same unit', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    document.body.innerHTML = ''
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('keeps the user’s input across the other tab’s save, shows both values, writes nothing, and 覆盖 stores the user’s', async () => {
    const w = await mountForm()
    await type('unit-finance-officer', '赵六')
    const theirs = { ...unit, financeOfficer: '王五' }
    expect((await putUnit(theirs)).ok).toBe(true) // the other tab …
    await w.setProps({ unit: structuredClone(theirs) }) // … and its save reaching this tab
    expect(input('unit-finance-officer').value).toBe('赵六')

    clickSave()
    await until(() => document.querySelector('.el-message-box') !== null)
    const box = document.querySelector('.el-message-box')?.textContent ?? ''
    expect(box).toContain('单位“且末县自然资源局”的信息已在其他窗口被修改并保存，本次保存未写入任何数据')
    expect(box).toContain('财务负责人：其他窗口为“王五”，您填写的是“赵六”')
    expect(box).not.toContain('单位名称：')
    expect(await stored()).toBe('王五')

    button('覆盖')?.click()
    await until(async () => (await stored()) === '赵六')
    await untilMessage('单位信息已保存')
    expect(await stored()).toBe('赵六')
    w.unmount()
  })

  it('放弃我的修改 puts the other tab’s unit in the form and keeps it stored', async () => {
    const w = await mountForm()
    await type('unit-finance-officer', '赵六')
    expect((await putUnit({ ...unit, financeOfficer: '王五' })).ok).toBe(true)
    clickSave()
    await until(() => button('放弃我的修改') !== undefined)
    button('放弃我的修改')?.click()
    await until(() => input('unit-finance-officer').value === '王五')
    await untilMessage('已改为其他窗口保存的内容')
    expect(input('unit-finance-officer').value).toBe('王五')
    expect(await stored()).toBe('王五')
    w.unmount()
  })

  it('follows the other tab’s save while the form is untouched, and then saves over it without a conflict', async () => {
    const w = await mountForm()
    const theirs = { ...unit, financeOfficer: '王五' }
    expect((await putUnit(theirs)).ok).toBe(true)
    await w.setProps({ unit: structuredClone(theirs) })
    expect(input('unit-finance-officer').value).toBe('王五')
    await type('unit-finance-officer', '赵六')
    clickSave()
    await until(async () => (await stored()) === '赵六')
    await untilMessage('单位信息已保存')
    expect(await stored()).toBe('赵六')
    expect(document.querySelector('.el-message-box')).toBeNull()
    w.unmount()
  })
})
