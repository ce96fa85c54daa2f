// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import OverviewKpis from '@/components/overview/OverviewKpis.vue'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '@/domain/demo/ids'

function demoSnapshot() {
  const result = computeNodeSnapshot({ dataset: qiemo2021Dataset(), nodeId: DEMO_NODE_ID, settings: defaultSettings() })
  if (!result.ok) throw new Error('snapshot failed')
  return result.value
}

describe('OverviewKpis review cards', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows open alerts (red in brackets) and overdue measures, linking to their pages', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }],
    })
    const wrapper = mount(OverviewKpis, {
      props: { snapshot: demoSnapshot(), openAlerts: { total: 12, red: 11 }, overdueMeasures: 2 },
      global: { plugins: [router] },
    })
    expect(wrapper.get('[data-testid="kpi-open-alerts"] .kpi-value').text()).toBe('12 条')
    expect(wrapper.get('[data-testid="kpi-open-alerts"]').text()).toContain('红色 11 条')
    expect(wrapper.get('[data-testid="kpi-overdue-measures"] .kpi-value').text()).toBe('2 项')
    expect(wrapper.findAll('a').map((a) => a.attributes('href'))).toEqual(['/alerts', '/measures'])
  })

  it('leaves the cards out when not given (other pages reuse the KPIs)', () => {
    const wrapper = mount(OverviewKpis, { props: { snapshot: demoSnapshot() } })
    expect(wrapper.find('[data-testid="kpi-open-alerts"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="kpi-overdue-measures"]').exists()).toBe(false)
  })
})
