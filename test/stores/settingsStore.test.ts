/**
 * The settings store on the app database (fake-indexeddb): it reads the stored settings, saves only
 * settings that pass the checks, refuses a save over another tab's (its basis), and the workspace's
 * figures follow what it holds.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { getMeasureTemplatesRow, saveMeasureTemplates } from '@/db/measures'
import { getSettings, saveSettings } from '@/db/settings'
import { defaultMeasureTemplates } from '@/domain/measureTemplates'
import { defaultSettings } from '@/domain/settings'
import { useSettingsStore } from '@/stores/settings'
import { useWorkspaceStore } from '@/stores/workspace'

describe('useSettingsStore', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('holds the defaults until it reads the stored settings', async () => {
    const store = useSettingsStore()
    expect(store.settings).toEqual(defaultSettings())
    expect((await saveSettings({ ...defaultSettings(), ratePrecision: 0, scoringScheme: 'common' })).ok).toBe(true)
    await store.load()
    expect(store.settings.ratePrecision).toBe(0)
    expect(store.settings.scoringScheme).toBe('common')
  })

  it('stores and applies nothing that fails a check', async () => {
    const store = useSettingsStore()
    const result = await store.save({ ...defaultSettings(), budgetLight: { red: 80, yellow: 60 } })
    expect(result).toEqual({ ok: false, messages: ['预算执行预警阈值应满足 0 < 红灯线 < 黄灯线'] })
    expect(store.settings.budgetLight).toEqual({ red: 60, yellow: 80 })
    expect((await getSettings()).budgetLight).toEqual({ red: 60, yellow: 80 })
  })

  it('refuses a save over settings another tab saved since its basis, and overwrites them without one', async () => {
    const store = useSettingsStore()
    const basis = await store.basis()
    expect(basis).toBeNull()
    expect((await saveSettings({ ...defaultSettings(), ratePrecision: 3 })).ok).toBe(true) // the other tab

    const refused = await store.save({ ...defaultSettings(), ratePrecision: 1 }, { basis })
    expect(refused.ok).toBe(false)
    // the conflict names the stored row, as the other tab saved it
    expect(!refused.ok && refused.conflicts).toEqual([
      { table: 'settings', key: 'monitoring', theirs: await store.basis() },
    ])
    expect(!refused.ok && refused.conflicts?.[0]?.theirs?.value).toMatchObject({ ratePrecision: 3 })
    expect((await getSettings()).ratePrecision).toBe(3)
    expect(store.settings.ratePrecision).toBe(2)

    expect(await store.save({ ...defaultSettings(), ratePrecision: 1 })).toEqual({ ok: true })
    expect((await getSettings()).ratePrecision).toBe(1)
    expect(store.settings.ratePrecision).toBe(1)
    expect((await store.basis())?.value).toMatchObject({ ratePrecision: 1 })
  })

  it('saves again on the row a save was refused over (覆盖), and refuses that row once it changed too', async () => {
    const store = useSettingsStore()
    const basis = await store.basis()
    expect((await saveSettings({ ...defaultSettings(), ratePrecision: 3 })).ok).toBe(true) // the other tab
    const refused = await store.save({ ...defaultSettings(), ratePrecision: 1 }, { basis })
    const theirs = refused.ok ? undefined : refused.conflicts?.[0]?.theirs
    expect(theirs?.value).toMatchObject({ ratePrecision: 3 })

    expect((await saveSettings({ ...defaultSettings(), ratePrecision: 4 })).ok).toBe(true) // the other tab again
    expect((await store.save({ ...defaultSettings(), ratePrecision: 1 }, { basis: theirs })).ok).toBe(false)
    expect((await getSettings()).ratePrecision).toBe(4)

    const again = await store.save({ ...defaultSettings(), ratePrecision: 1 }, { basis: await store.basis() })
    expect(again).toEqual({ ok: true })
    expect((await getSettings()).ratePrecision).toBe(1)
  })

  it("is read by the workspace on start, and the workspace's figures follow a save", async () => {
    expect((await saveSettings({ ...defaultSettings(), ratePrecision: 0 })).ok).toBe(true)
    const workspace = useWorkspaceStore()
    await workspace.init()
    const store = useSettingsStore()
    expect(store.settings.ratePrecision).toBe(0)
    expect(workspace.nodeSettings.ratePrecision).toBe(0)
    expect(await store.save({ ...defaultSettings(), ratePrecision: 4 })).toEqual({ ok: true })
    expect(workspace.nodeSettings.ratePrecision).toBe(4)
  })

  it('reads the 纠偏措施 template library a stored row holds, the defaults for none', async () => {
    const store = useSettingsStore()
    expect(store.measureTemplatesOf(null)).toEqual(defaultMeasureTemplates())
    const mine = [{ id: 'tpl-1', cause: '经费保障' as const, content: '申请追加预算', effect: '资金到位' }]
    expect((await saveMeasureTemplates(mine)).ok).toBe(true)
    expect(store.measureTemplatesOf(await getMeasureTemplatesRow())).toEqual(mine)
  })
})
