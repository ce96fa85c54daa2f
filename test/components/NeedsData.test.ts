// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import NeedsData from '@/components/common/NeedsData.vue'
import { useWorkspaceStore } from '@/stores/workspace'

function mountNeedsData() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', component: { template: '<div />' } }],
  })
  return mount(NeedsData, {
    global: { plugins: [router] },
    slots: { default: '<p class="content">页面内容</p>' },
  })
}

describe('NeedsData empty states', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('says it is reading while the store is not ready', () => {
    expect(mountNeedsData().text()).toBe('正在读取本地数据…')
  })

  it('offers 载入示例数据 on an empty database and no page content', () => {
    useWorkspaceStore().ready = true
    const wrapper = mountNeedsData()
    expect(wrapper.find('[data-testid="empty-state"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="load-demo"]').text()).toBe('载入示例数据')
    expect(wrapper.find('.content').exists()).toBe(false)
  })

  it('explains what a monitoring node is when the unit has none yet', () => {
    const store = useWorkspaceStore()
    store.ready = true
    store.unitYears = [{ unitId: 'u1', unitName: '测试单位', year: 2024 }]
    const wrapper = mountNeedsData()
    expect(wrapper.text()).toContain('本单位本年度还没有监控节点')
    expect(wrapper.find('[data-testid="load-demo"]').exists()).toBe(false)
  })
})
