// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import OverviewKpis from '@/components/overview/OverviewKpis.vue'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { DEMO_NODE_ID, qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { useSettingsStore } from '@/stores/settings'

function demoSnapshot(dataset = qiemo2021Dataset(), nodeId = DEMO_NODE_ID) {
  const result = computeNodeSnapshot({ dataset, nodeId, settings: defaultSettings() })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join())
  return result.value
}

function kpi(wrapper: ReturnType<typeof mount>, testId: string): string {
  return wrapper.get(`[data-testid="${testId}"] .kpi-value`).text()
}

describe('OverviewKpis on the seed 001 demo node (2021-06-30)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows 1,493.25 万元, 383.74 万元, 25.70%, 50.00% and a red light with ratio 51.4 (domain-rules §4.9)', () => {
    const wrapper = mount(OverviewKpis, { props: { snapshot: demoSnapshot() } })
    expect(kpi(wrapper, 'kpi-adjusted-budget')).toBe('1,493.25 万元')
    expect(kpi(wrapper, 'kpi-spent')).toBe('383.74 万元')
    expect(kpi(wrapper, 'kpi-execution-rate')).toBe('25.70%')
    expect(kpi(wrapper, 'kpi-time-progress')).toBe('50.00%')
    expect(kpi(wrapper, 'budget-light')).toBe('执行进度比 51.4')
    expect(wrapper.get('[data-testid="budget-light"] [data-light]').attributes('data-light')).toBe('red')
  })

  it('says the alerts are being raised before their count is known, and then shows the count', async () => {
    const wrapper = mount(OverviewKpis, {
      props: { snapshot: demoSnapshot(), alertsPending: true, openAlerts: null },
      global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } },
    })
    expect(kpi(wrapper, 'kpi-open-alerts')).toBe('…')
    expect(wrapper.get('[data-testid="kpi-open-alerts"]').text()).toContain('正在按预警规则检查')
    await wrapper.setProps({ alertsPending: false, openAlerts: { total: 12, red: 11 } })
    expect(kpi(wrapper, 'kpi-open-alerts')).toBe('12 条')
    expect(wrapper.get('[data-testid="kpi-open-alerts"]').text()).toContain('红色 11 条')
  })

  it('shows whole percents like the seed 001 report (执行率 26%) when precision is 0', () => {
    useSettingsStore().settings.ratePrecision = 0
    const wrapper = mount(OverviewKpis, { props: { snapshot: demoSnapshot() } })
    expect(kpi(wrapper, 'kpi-execution-rate')).toBe('26%')
    expect(wrapper.get('[data-testid="kpi-allocated"] .kpi-sub').text()).toBe('到位率 26%')
  })

  it('counts the 22 三级指标 and shows only the lights that occur', () => {
    const wrapper = mount(OverviewKpis, { props: { snapshot: demoSnapshot() } })
    expect(kpi(wrapper, 'kpi-indicators')).toBe('22 个三级指标')
    const counts = wrapper.findAll('[data-light-count]').map((c) => c.attributes('data-light-count'))
    expect(counts).toEqual(['red', 'yellow', 'green', 'grey'])
  })

  it('labels 执行数 截至 2021-06-30 with no unreported note when every line reported June', () => {
    const wrapper = mount(OverviewKpis, { props: { snapshot: demoSnapshot() } })
    expect(wrapper.get('[data-testid="kpi-spent"] .kpi-sub').text()).toBe('截至 2021-06-30')
    expect(wrapper.find('[data-testid="kpi-spent-unreported"]').exists()).toBe(false)
  })

  it('a 1-7月 node with July entered for 2 of 5 lines shows June’s 383.74 万元 and says 3 lines are unreported', () => {
    const dataset = qiemo2021Dataset()
    dataset.nodes.push({ ...dataset.nodes[0], id: 'july', asOfDate: '2021-07-31', label: '2021年1-7月' })
    dataset.monthlyExecutions.push(
      { id: 'zcgs-7', budgetLineId: 'demo-bl-zcgs', year: 2021, month: 7, allocated: '0', spent: '0' },
      { id: 'pgxm-7', budgetLineId: 'demo-bl-pgxm', year: 2021, month: 7, allocated: '0', spent: '0' },
    )
    const wrapper = mount(OverviewKpis, { props: { snapshot: demoSnapshot(dataset, 'july') } })
    expect(kpi(wrapper, 'kpi-spent')).toBe('383.74 万元')
    const note = wrapper.get('[data-testid="kpi-spent-unreported"]')
    expect(note.text()).toBe('3 个预算行未填报7月（按截至6月的数计）')
    expect(note.attributes('title')).toBe('工资福利支出（截至6月）、车辆运行维护费（截至6月）、基本公用经费（截至6月）')
    expect(wrapper.get('[data-testid="kpi-spent"] .kpi-sub').text()).toContain('截至 2021-07-31')
  })
})
