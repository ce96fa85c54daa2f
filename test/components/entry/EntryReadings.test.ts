// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import EntryReadings from '@/components/entry/EntryReadings.vue'
import { useEntryStore } from '@/stores/entry'
import { defaultSettings } from '@/domain/settings'
import type { MonitoringNode, UnitYearDataset } from '@/domain/types'

// seed 001: 办理建设项目用地初审 ≥15 个 (cumulative), 7 at 6月30日 → 46.67%, green
const node: MonitoringNode = {
  id: 'n6',
  unitId: 'u',
  year: 2021,
  asOfDate: '2021-06-30',
  label: '2021年1-6月',
  status: 'draft',
}
function dataset(status: MonitoringNode['status'] = 'draft'): UnitYearDataset {
  return {
    unit: { id: 'u', name: '且末县自然资源局', departments: [], monitoringGroup: [], financeOfficer: '' },
    year: 2021,
    framework: { year: 2021, level1: [] },
    projects: [],
    budgetLines: [],
    monthlyExecutions: [],
    targets: [{ id: 't', unitId: 'u', year: 2021, scope: 'unit', description: '' }],
    indicators: [
      {
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
      },
    ],
    nodes: [{ ...node, status }],
    readings: [],
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  }
}

async function mountReadings(status: MonitoringNode['status'] = 'draft') {
  const w = mount(EntryReadings, {
    props: { dataset: dataset(status), node: { ...node, status }, settings: defaultSettings() },
    attachTo: document.body,
  })
  // ElTable renders its body once its columns have registered
  await flushPromises()
  return w
}

describe('EntryReadings', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('updates the completion rate and the light as the value is typed', async () => {
    const w = await mountReadings()
    const input = w.get('[data-testid="reading-actual"]')
    await (input.element.tagName === 'INPUT' ? input : input.get('input')).setValue('7')
    expect(w.get('[data-testid="reading-rate"]').text()).toBe('46.67%')
    expect(w.get('[data-testid="reading-light"]').attributes('data-light')).toBe('green')
    await (input.element.tagName === 'INPUT' ? input : input.get('input')).setValue('3')
    expect(w.get('[data-testid="reading-rate"]').text()).toBe('20.00%')
    expect(w.get('[data-testid="reading-light"]').attributes('data-light')).toBe('red')
    w.unmount()
  })

  it('refuses to save while 完成可能性 and the red light’s 偏差原因 are missing', async () => {
    const w = await mountReadings()
    const save = vi.spyOn(useEntryStore(), 'saveReadings')
    const input = w.get('[data-testid="reading-actual"]')
    await (input.element.tagName === 'INPUT' ? input : input.get('input')).setValue('3')
    await w.get('[data-testid="readings-save"]').trigger('click')
    // the refusal is shown first: only then does "not called" mean the save decided not to write
    const text = w.get('[data-testid="readings-messages"]').text()
    expect(text).toContain('请选择完成目标可能性')
    expect(text).toContain('预警灯为红灯，请选择至少一项偏差原因')
    expect(text).toContain('预警灯为红灯，请填写偏差原因说明')
    expect(save).not.toHaveBeenCalled()
    w.unmount()
  })

  it('is read-only at a locked node', async () => {
    const w = await mountReadings('locked')
    expect(w.text()).toContain('已锁定，填报只能查看')
    expect(w.find('[data-testid="readings-save"]').exists()).toBe(false)
    const input = w.get('[data-testid="reading-actual"]')
    const native = input.element.tagName === 'INPUT' ? input : input.get('input')
    expect((native.element as HTMLInputElement).disabled).toBe(true)
    w.unmount()
  })

  it('another tab 定稿 1-6月 while 7 is typed: the draft goes back to the stored (empty) reading, read-only, with a warning', async () => {
    const w = await mountReadings()
    const input = w.get('[data-testid="reading-actual"]')
    const field = input.element.tagName === 'INPUT' ? input : input.get('input')
    await field.setValue('7')
    expect(w.get('[data-testid="reading-rate"]').text()).toBe('46.67%')
    await w.setProps({ dataset: dataset('locked'), node: { ...node, status: 'locked' } })
    expect((field.element as HTMLInputElement).value).toBe('')
    expect((field.element as HTMLInputElement).disabled).toBe(true)
    expect(w.get('[data-testid="lock-reverted"]').text()).toContain(
      '监控节点“2021年1-6月”已在其他窗口定稿：您未保存的指标填报修改没有保存',
    )
    w.unmount()
  })

  it('marks a reading carried from 1-5月 as 沿用上一节点 until confirmed; 确认沿用 saves it as this node’s', async () => {
    const carried = {
      ...dataset(),
      readings: [
        {
          id: 'r',
          nodeId: 'n6',
          indicatorId: 'i1',
          actualValue: '7',
          likelihood: '确定能' as const,
          deviationCauses: [],
          deviationText: '',
          carriedFrom: 'n5',
        },
      ],
    }
    carried.nodes = [{ ...node, id: 'n5', asOfDate: '2021-05-31', label: '2021年1-5月' }, node]
    const w = mount(EntryReadings, {
      props: { dataset: carried, node, settings: defaultSettings() },
      attachTo: document.body,
    })
    await flushPromises()
    expect(w.get('[data-testid="readings-carried"]').text()).toContain(
      '1 个指标的实际值、偏差原因和全年预计沿用自“2021年1-5月”，尚未确认',
    )
    expect(w.get('[data-testid="reading-carried"]').text()).toContain('沿用上一节点')
    const save = vi.spyOn(useEntryStore(), 'saveReadings').mockResolvedValue({ ok: true, value: [] })
    await w.get('[data-testid="readings-confirm-all"]').trigger('click')
    expect(w.find('[data-testid="reading-carried"]').exists()).toBe(false)
    await w.get('[data-testid="readings-save"]').trigger('click')
    await flushPromises()
    expect(save).toHaveBeenCalledTimes(1)
    const saved = save.mock.calls[0]?.[0]
    expect(saved?.map((r) => [r.actualValue, r.carriedFrom])).toEqual([['7', undefined]])
    w.unmount()
  })
})
