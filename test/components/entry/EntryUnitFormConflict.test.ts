// @vitest-environment jsdom
/**
 * 单位信息 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb): the form saves
 * against the unit as it loaded it; another tab's save is followed while the form is untouched,
 * and with the user's changes standing a save is refused, both values shown, and the choice stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from './until'
import { boxButton, click, field, freshApp, mountForConflict, type } from '../mountForConflict'
import EntryUnitForm from '@/components/entry/EntryUnitForm.vue'
import { db } from '@/db/schema'
import { putUnit } from '@/db/units'
import type { Unit } from '@/domain/types'

// seed 001: 且末县自然资源局
const unit: Unit = {
  id: 'u',
  name: '且末县自然资源局',
  departments: ['财务室'],
  monitoringGroup: [{ name: '张三', title: '党组书记、局长', role: '组长' }],
  financeOfficer: '李四',
}

async function mountForm() {
  expect((await putUnit(unit)).ok).toBe(true)
  return mountForConflict(EntryUnitForm, { unit: structuredClone(unit) })
}
const stored = async () => (await db.units.get('u'))?.financeOfficer
const clickSave = () => click('unit-save')

describe('EntryUnitForm with another tab saving the same unit', () => {
  beforeEach(freshApp)

  it('keeps the user’s input across the other tab’s save, shows both values, writes nothing, and 覆盖 stores the user’s', async () => {
    const w = await mountForm()
    await type('unit-finance-officer', '赵六')
    const theirs = { ...unit, financeOfficer: '王五' }
    expect((await putUnit(theirs)).ok).toBe(true) // the other tab …
    await w.setProps({ unit: structuredClone(theirs) }) // … and its save reaching this tab
    expect(field('unit-finance-officer').value).toBe('赵六')

    clickSave()
    await until(() => document.querySelector('.el-message-box') !== null)
    const box = document.querySelector('.el-message-box')?.textContent ?? ''
    expect(box).toContain('单位“且末县自然资源局”的信息已在其他窗口被修改并保存，本次保存未写入任何数据')
    expect(box).toContain('财务负责人：其他窗口为“王五”，您填写的是“赵六”')
    expect(box).not.toContain('单位名称：')
    expect(await stored()).toBe('王五')

    boxButton('覆盖')?.click()
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
    await until(() => boxButton('放弃我的修改') !== undefined)
    boxButton('放弃我的修改')?.click()
    await until(() => field('unit-finance-officer').value === '王五')
    await untilMessage('已改为其他窗口保存的内容')
    expect(field('unit-finance-officer').value).toBe('王五')
    expect(await stored()).toBe('王五')
    w.unmount()
  })

  it('follows the other tab’s save while the form is untouched, and then saves over it without a conflict', async () => {
    const w = await mountForm()
    const theirs = { ...unit, financeOfficer: '王五' }
    expect((await putUnit(theirs)).ok).toBe(true)
    await w.setProps({ unit: structuredClone(theirs) })
    expect(field('unit-finance-officer').value).toBe('王五')
    await type('unit-finance-officer', '赵六')
    clickSave()
    await until(async () => (await stored()) === '赵六')
    await untilMessage('单位信息已保存')
    expect(await stored()).toBe('赵六')
    expect(document.querySelector('.el-message-box')).toBeNull()
    w.unmount()
  })
})
