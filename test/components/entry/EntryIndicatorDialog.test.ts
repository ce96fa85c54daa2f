// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import EntryIndicatorDialog from '@/components/entry/EntryIndicatorDialog.vue'
import { useEntryStore } from '@/stores/entry'
import { defaultFramework } from '@/domain/entryDefaults'
import type { Indicator } from '@/domain/types'

// seed 001: 办理建设项目用地初审 ≥15 个, cumulative, under 产出指标 / 数量指标
const existing: Indicator = {
  id: 'i1',
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

async function mountDialog(indicator: Indicator | null) {
  const w = mount(EntryIndicatorDialog, {
    props: { targetId: 't', framework: defaultFramework(2021), indicator, nextSortOrder: 2, modelValue: false },
    attachTo: document.body,
  })
  await w.setProps({ modelValue: true })
  await flushPromises()
  return w
}
const field = (testId: string) => {
  const el = document.querySelector(`[data-testid="${testId}"]`)
  return (el?.tagName === 'INPUT' ? el : el?.querySelector('input')) as HTMLInputElement
}
async function type(testId: string, value: string) {
  const el = field(testId)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const clickSave = async () => {
  ;(document.querySelector('[data-testid="indicator-save"]') as HTMLButtonElement).click()
  await flushPromises()
}

describe('EntryIndicatorDialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    document.body.innerHTML = ''
  })

  it('saves an edited indicator with its 年度指标值 and 分值 as plain numbers', async () => {
    const w = await mountDialog(existing)
    const save = vi.spyOn(useEntryStore(), 'saveIndicator').mockResolvedValue({ ok: true, value: existing })
    await type('indicator-target', '1,500')
    await type('indicator-weight', '5')
    await clickSave()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toEqual({ ...existing, targetValue: '1500', weight: '5' })
    w.unmount()
  })

  it('refuses a non-numeric 年度指标值 and a missing 一级/二级 with messages in place', async () => {
    const w = await mountDialog(null)
    const save = vi.spyOn(useEntryStore(), 'saveIndicator')
    await type('indicator-name', '新增建设用地报批')
    await type('indicator-target', '450亩')
    await clickSave()
    // the refusal is shown first: only then does "not called" mean the save decided not to write
    await vi.waitFor(() => {
      expect(document.body.textContent).toContain('年度指标值「450亩」不是数字')
      expect(document.body.textContent).toContain('请选择一级指标和二级指标')
    })
    expect(save).not.toHaveBeenCalled()
    w.unmount()
  })
})
