import { afterEach, describe, expect, it, vi } from 'vitest'
import { persistenceStatus, requestPersistentStorage, storageEstimate } from '@/db/storage'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('persistent storage', () => {
  it('reports unsupported where there is no navigator.storage', async () => {
    vi.stubGlobal('navigator', {})
    expect(await requestPersistentStorage()).toBe('unsupported')
    expect(await persistenceStatus()).toBe('unsupported')
    expect(await storageEstimate()).toBeNull()
  })

  it('reports what the browser granted', async () => {
    const persist = vi.fn(async () => true)
    vi.stubGlobal('navigator', {
      storage: { persist, persisted: async () => false, estimate: async () => ({ usage: 1024, quota: 2048 }) },
    })
    expect(await requestPersistentStorage()).toBe('persisted')
    expect(persist).toHaveBeenCalledOnce()
    expect(await persistenceStatus()).toBe('not-persisted')
    expect(await storageEstimate()).toEqual({ usage: 1024, quota: 2048 })
  })

  it('treats a rejected request as not persisted', async () => {
    vi.stubGlobal('navigator', { storage: { persist: async () => Promise.reject(new Error('denied')) } })
    expect(await requestPersistentStorage()).toBe('not-persisted')
  })
})
