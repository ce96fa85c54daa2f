// @vitest-environment jsdom
/**
 * 修改三级指标 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb): the dialog saves
 * against the indicator as it opened it; one changed elsewhere meanwhile is refused, its changed
 * fields shown with both values, and the user's choice is what is stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from './until'
import { boxButton, click, field, freshApp, mountForConflict, type } from '../mountForConflict'
import EntryIndicatorDialog from '@/components/entry/EntryIndicatorDialog.vue'
import { db } from '@/db/schema'
import { putIndicator, putTarget } from '@/db/targets'
import { putUnit } from '@/db/units'
import { defaultFramework } from '@/domain/entryDefaults'
import type { Indicator } from '@/domain/types'

// seed 001: 办理建设项目用地初审 ≥15 个, cumulative, under 产出指标 / 数量指标
const indicator: Indicator = {
  id: 'ind-review',
  targetId: 't',
  level1: '产出指标',
  level2: '数量指标',
  name: '办理建设项目用地初审',
  operator: '≥',
  targetValue: '15',
  measureUnit: '个',
  accrual: 'cumulative',
  sortOrder: 1,
}

async function mountDialog() {
  expect(
    (await putUnit({ id: 'u', name: '且末县自然资源局', departments: [], monitoringGroup: [], financeOfficer: '' })).ok,
  ).toBe(true)
  expect((await putTarget({ id: 't', unitId: 'u', year: 2021, scope: 'unit', description: '' })).ok).toBe(true)
  expect((await putIndicator(indicator)).ok).toBe(true)
  return mountForConflict(
    EntryIndicatorDialog,
    {
      targetId: 't',
      framework: defaultFramework(2021),
      indicator: { ...indicator },
      nextSortOrder: 2,
    },
    { open: true },
  )
}
const storedTarget = async () => (await db.indicators.get('ind-review'))?.targetValue

describe('EntryIndicatorDialog with another tab saving the same indicator', () => {
  beforeEach(freshApp)

  it('shows the changed 年度指标值 with both values, writes nothing, and 覆盖 stores the user’s value', async () => {
    const w = await mountDialog()
    await type('indicator-target', '16')
    expect((await putIndicator({ ...indicator, targetValue: '18' })).ok).toBe(true) // the other tab
    click('indicator-save')
    await until(() => document.querySelector('.el-message-box') !== null)
    const box = document.querySelector('.el-message-box')?.textContent ?? ''
    expect(box).toContain('三级指标“办理建设项目用地初审”已在其他窗口被修改并保存，本次保存未写入任何数据')
    expect(box).toContain('年度指标值：其他窗口为“≥18个”，您填写的是“≥16个”')
    expect(box).not.toContain('名称：')
    expect(await storedTarget()).toBe('18')

    boxButton('覆盖')?.click()
    await until(async () => (await storedTarget()) === '16')
    expect(await storedTarget()).toBe('16')
    // the dialog closes after the write and the workspace reload that follows it
    await until(() => w.emitted('update:modelValue') !== undefined)
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([false])
    w.unmount()
  })

  it('放弃我的修改 puts the other tab’s indicator in the form and keeps it stored', async () => {
    const w = await mountDialog()
    await type('indicator-target', '16')
    expect((await putIndicator({ ...indicator, targetValue: '18', weight: '5' })).ok).toBe(true)
    click('indicator-save')
    await until(() => boxButton('放弃我的修改') !== undefined)
    expect(document.querySelector('.el-message-box')?.textContent).toContain('分值：其他窗口为“5”，您填写的是“”')
    boxButton('放弃我的修改')?.click()
    await until(() => field('indicator-target').value === '18')
    await untilMessage('已改为其他窗口保存的内容')
    expect(field('indicator-target').value).toBe('18')
    expect(field('indicator-weight').value).toBe('5')
    expect(await storedTarget()).toBe('18')
    w.unmount()
  })
})
