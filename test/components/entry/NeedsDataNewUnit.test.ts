// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import NeedsData from '@/components/common/NeedsData.vue'
import { useWorkspaceStore } from '@/stores/workspace'

function setup() {
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: stub },
      { path: '/data/unit', component: stub },
      { path: '/data/nodes', component: stub },
    ],
  })
  const wrapper = mount(NeedsData, {
    global: { plugins: [router] },
    slots: { default: '<p class="content">页面内容</p>' },
  })
  return { router, wrapper }
}

describe('NeedsData leads a new user to the entry screens', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('offers 新建单位 beside 载入示例数据 on an empty database', async () => {
    useWorkspaceStore().ready = true
    const { router, wrapper } = setup()
    expect(wrapper.get('[data-testid="load-demo"]').text()).toBe('载入示例数据')
    await wrapper.get('[data-testid="new-unit"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/data/unit')
  })

  it('offers 创建监控节点 when the unit-year has no node yet', async () => {
    const store = useWorkspaceStore()
    store.ready = true
    store.unitYears = [{ unitId: 'u1', unitName: '测试单位', year: 2024 }]
    const { router, wrapper } = setup()
    await wrapper.get('[data-testid="go-create-node"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/data/nodes')
  })
})
