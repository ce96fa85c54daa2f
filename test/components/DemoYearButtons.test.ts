// @vitest-environment jsdom
/**
 * 「载入全年示例（12个月）」 sits beside 「载入示例数据」, which stays as it was (the one-node demo the e2e
 * suite asserts): on the empty state (NeedsData) and in 数据管理 › 存储 (DataStoragePanel page), where
 * loading over stored demo data first says what it replaces.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import NeedsData from '@/components/common/NeedsData.vue'
import DataStoragePanel from '@/pages/data/DataStoragePanel.vue'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { useWorkspaceStore } from '@/stores/workspace'
import { until } from './entry/until'

const body = () => document.body
const byTestId = (id: string) => [...body().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)]

function mountNeedsData() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', component: { template: '<div />' } }],
  })
  return mount(NeedsData, { global: { plugins: [router] }, slots: { default: '<p class="content">页面内容</p>' } })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  await Promise.all(db.tables.map((t) => t.clear()))
  Object.defineProperty(navigator, 'storage', { value: undefined, configurable: true })
})
afterEach(() => {
  body().innerHTML = ''
  vi.restoreAllMocks()
})

describe('NeedsData on an empty database', () => {
  it('offers 载入全年示例（12个月） beside 载入示例数据, each loading its own demo', async () => {
    const workspace = useWorkspaceStore()
    workspace.ready = true
    const loadDemo = vi.spyOn(workspace, 'loadDemo').mockResolvedValue(true)
    const wrapper = mountNeedsData()
    expect(wrapper.get('[data-testid="load-demo"]').text()).toBe('载入示例数据')
    expect(wrapper.get('[data-testid="load-demo-year"]').text()).toBe('载入全年示例（12个月）')
    expect(wrapper.get('[data-testid="empty-state"]').text()).toContain('全年示例（1-12月共12个监控节点')

    await wrapper.get('[data-testid="load-demo-year"]').trigger('click')
    expect(loadDemo).toHaveBeenLastCalledWith({ wholeYear: true })
    await wrapper.get('[data-testid="load-demo"]').trigger('click')
    expect(loadDemo).toHaveBeenLastCalledWith()
  })

  it('shows neither button once there is data', () => {
    const workspace = useWorkspaceStore()
    workspace.ready = true
    workspace.unitYears = [{ unitId: 'u1', unitName: '测试单位', year: 2024 }]
    const wrapper = mountNeedsData()
    expect(wrapper.find('[data-testid="load-demo"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="load-demo-year"]').exists()).toBe(false)
  })
})

describe('数据管理: DataStoragePanel', () => {
  it('loads the whole year straight away on an empty database and says so', async () => {
    const workspace = useWorkspaceStore()
    const loadDemo = vi.spyOn(workspace, 'loadDemo').mockResolvedValue(true)
    mount(DataStoragePanel, { attachTo: body() })
    await flushPromises()
    const button = byTestId('data-load-demo-year')[0]
    expect(button.textContent?.trim()).toBe('载入全年示例（12个月）')
    expect(byTestId('data-load-demo')[0].textContent?.trim()).toBe('载入示例数据')
    button.click()
    await until(() => loadDemo.mock.calls.length > 0)
    expect(loadDemo).toHaveBeenCalledWith({ wholeYear: true })
    await until(() => body().textContent?.includes('已载入全年示例') ?? false)
  })

  it('over stored demo data, warns first with the whole-year wording and loads only on confirm', async () => {
    expect((await saveUnitYear(qiemo2021Dataset())).ok).toBe(true)
    const workspace = useWorkspaceStore()
    const loadDemo = vi.spyOn(workspace, 'loadDemo').mockResolvedValue(true)
    mount(DataStoragePanel, { attachTo: body() })
    await flushPromises()
    byTestId('data-load-demo-year')[0].click()
    await until(() => byTestId('loss-subject').length > 0)
    expect(byTestId('loss-subject')[0].textContent).toBe('将覆盖示例单位“且末县自然资源局”2021年的全部数据，包括：')
    expect(body().textContent).toContain('重新载入全年示例')
    expect(loadDemo).not.toHaveBeenCalled()
    const confirm = [...body().querySelectorAll<HTMLButtonElement>('.el-dialog button')].find(
      (b) => b.textContent?.trim() === '覆盖并载入全年示例',
    )
    expect(confirm).toBeDefined()
    confirm?.click()
    await until(() => loadDemo.mock.calls.length > 0)
    expect(loadDemo).toHaveBeenCalledWith({ wholeYear: true })
    await until(() => body().textContent?.includes('已载入全年示例') ?? false)
  })

  it('keeps 载入示例数据’s warning as it was', async () => {
    expect((await saveUnitYear(qiemo2021Dataset())).ok).toBe(true)
    const loadDemo = vi.spyOn(useWorkspaceStore(), 'loadDemo').mockResolvedValue(true)
    mount(DataStoragePanel, { attachTo: body() })
    await flushPromises()
    byTestId('data-load-demo')[0].click()
    await until(() => byTestId('loss-subject').length > 0)
    expect(body().textContent).toContain('重新载入示例数据')
    const confirm = [...body().querySelectorAll<HTMLButtonElement>('.el-dialog button')].find(
      (b) => b.textContent?.trim() === '覆盖并载入示例数据',
    )
    confirm?.click()
    await until(() => loadDemo.mock.calls.length > 0)
    expect(loadDemo).toHaveBeenCalledWith({ wholeYear: false })
    await until(() => body().textContent?.includes('已载入示例数据') ?? false)
  })
})
