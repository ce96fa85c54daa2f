import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDb } from '@/db/schema'
import { getSettings, getSettingsRow, saveSettings } from '@/db/settings'
import { defaultSettings } from '@/domain/settings'

const freshDb = () => createDb(`conflicts-${crypto.randomUUID()}`)

describe('concurrent edits of the same record (two tabs)', () => {
  it('refuses the second writer with the other version, and writes nothing', async () => {
    const database = freshDb()
    const basisOfTabA = await getSettingsRow({ database })
    const basisOfTabB = await getSettingsRow({ database })
    expect(basisOfTabA).toBeNull()

    const tabB = await saveSettings({ ...defaultSettings(), ratePrecision: 0 }, { basis: basisOfTabB, database })
    expect(tabB.ok).toBe(true)

    const tabA = await saveSettings({ ...defaultSettings(), timeProgressMode: 'day' }, { basis: basisOfTabA, database })
    expect(tabA.ok).toBe(false)
    if (tabA.ok) return
    expect(tabA.messages[0]).toContain('已在其他窗口被修改并保存')
    expect(tabA.conflicts).toEqual([
      {
        table: 'settings',
        key: 'monitoring',
        theirs: { key: 'monitoring', value: { ...defaultSettings(), ratePrecision: 0 } },
      },
    ])
    // Tab B's edit is still there; tab A's was not written.
    const stored = await getSettings({ database })
    expect(stored.ratePrecision).toBe(0)
    expect(stored.timeProgressMode).toBe('month')
    expect(await database.auditLog.count()).toBe(1)
  })

  it('lets the second writer overwrite once it chooses to, keeping the other version in the audit log', async () => {
    const database = freshDb()
    const basis = await getSettingsRow({ database })
    await saveSettings({ ...defaultSettings(), ratePrecision: 0 }, { database })
    expect((await saveSettings({ ...defaultSettings(), ratePrecision: 3 }, { basis, database })).ok).toBe(false)
    const chosen = await saveSettings({ ...defaultSettings(), ratePrecision: 3 }, { database })
    expect(chosen.ok).toBe(true)
    expect((await getSettings({ database })).ratePrecision).toBe(3)
    const last = await database.auditLog.orderBy('seq').last()
    expect(last?.before).toEqual({ ...defaultSettings(), ratePrecision: 0 })
  })

  it('accepts a save whose basis is still current, even when keys were stored in another order', async () => {
    const database = freshDb()
    await saveSettings({ ...defaultSettings(), ratePrecision: 1 }, { database })
    const basis = await getSettingsRow({ database })
    const reordered = basis
      ? { value: Object.fromEntries(Object.entries(basis.value).reverse()), key: basis.key }
      : null
    const result = await saveSettings(
      { ...defaultSettings(), ratePrecision: 2 },
      { basis: reordered as typeof basis, database },
    )
    expect(result.ok).toBe(true)
  })
})
