// @vitest-environment jsdom
/**
 * The 数据管理 storage panel reads navigator.storage.persisted() when it is shown (not the start-up
 * answer of persist()) and says what the status means for the user's data.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import DataStoragePanel from '@/components/data/DataStoragePanel.vue'

function stubStorage(storage: Partial<StorageManager> | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true })
}

enableAutoUnmount(afterEach)
// the panel reads the storage status through the storage store
beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  stubStorage(undefined)
  vi.restoreAllMocks()
})

async function shown() {
  const wrapper = mount(DataStoragePanel)
  await flushPromises()
  return wrapper
}

describe('DataStoragePanel', () => {
  it('asks persisted() when shown and says the browser will not evict the data, but backups are still needed', async () => {
    const persisted = vi.fn(async () => true)
    const persist = vi.fn(async () => true)
    stubStorage({
      persisted,
      persist,
      estimate: async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
    })
    const wrapper = await shown()
    expect(persisted).toHaveBeenCalledTimes(1)
    // the status the check ended with is shown first: only then does "not called" mean it decided not to ask
    expect(wrapper.get('[data-testid="storage-persistence"]').text()).toBe('已开启持久存储')
    expect(persist).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="persistence-explained"]').text()).toContain(
      '即使磁盘空间紧张，也不会自动清除本应用的数据',
    )
    expect(wrapper.get('[data-testid="persistence-explained"]').text()).toContain('仍请定期备份')
    expect(wrapper.get('[data-testid="storage-usage"]').text()).toBe(
      '本应用已使用约 5.0 MB，浏览器允许的上限约 2.0 GB。',
    )
    expect(wrapper.find('[data-testid="request-persistence"]').exists()).toBe(false)
  })

  it('warns that the data may be cleared when not persisted, and re-reads persisted() after asking', async () => {
    let granted = false
    const persisted = vi.fn(async () => granted)
    const persist = vi.fn(async () => {
      granted = true
      return true
    })
    stubStorage({ persisted, persist })
    const wrapper = await shown()
    expect(wrapper.get('[data-testid="storage-persistence"]').text()).toBe('未开启持久存储')
    expect(wrapper.get('[data-testid="persistence-explained"]').text()).toContain(
      '浏览器可能不经提示就清除本应用保存的全部数据',
    )
    expect(wrapper.find('[data-testid="storage-usage"]').exists()).toBe(false)
    await wrapper.get('[data-testid="request-persistence"]').trigger('click')
    await flushPromises()
    expect(persist).toHaveBeenCalledTimes(1)
    expect(persisted).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="storage-persistence"]').text()).toBe('已开启持久存储')
  })

  it('says so when the browser refuses the request', async () => {
    stubStorage({ persisted: async () => false, persist: async () => false })
    const wrapper = await shown()
    await wrapper.get('[data-testid="request-persistence"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="persistence-refused"]').text()).toContain('浏览器暂未批准')
    expect(wrapper.get('[data-testid="storage-persistence"]').text()).toBe('未开启持久存储')
  })

  it('reads the status again when the tab becomes visible (it may change after start-up)', async () => {
    let answer = false
    const persisted = vi.fn(async () => answer)
    stubStorage({ persisted })
    const wrapper = await shown()
    expect(wrapper.get('[data-testid="storage-persistence"]').attributes('data-status')).toBe('not-persisted')
    answer = true
    document.dispatchEvent(new Event('visibilitychange'))
    await flushPromises()
    expect(persisted).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="storage-persistence"]').attributes('data-status')).toBe('persisted')
    wrapper.unmount()
    document.dispatchEvent(new Event('visibilitychange'))
    await flushPromises()
    expect(persisted).toHaveBeenCalledTimes(2)
  })

  it('explains the risk when the browser has no storage manager', async () => {
    stubStorage(undefined)
    const wrapper = await shown()
    expect(wrapper.get('[data-testid="storage-persistence"]').text()).toBe('浏览器不支持持久存储')
    expect(wrapper.get('[data-testid="persistence-explained"]').text()).toContain('请定期备份')
  })
})
