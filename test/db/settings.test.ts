import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { getSettings, resetSettings, saveSettings } from '@/db/settings'
import { defaultSettings } from '@/domain/settings'
import { expectOk, freshDb } from './helpers'

describe('settings', () => {
  it('reads the spec defaults when nothing is stored', async () => {
    expect(await getSettings({ database: freshDb() })).toStrictEqual(defaultSettings())
  })

  it('round-trips saved settings', async () => {
    const database = freshDb()
    const custom = {
      ...defaultSettings(),
      timeProgressMode: 'day' as const,
      budgetLight: { red: 50, yellow: 75 },
      ratePrecision: 0,
    }
    expectOk(await saveSettings(custom, { database }))
    expect(await getSettings({ database })).toStrictEqual(custom)
  })

  it('fills fields missing from an older stored row with defaults, and ignores values of the wrong type', async () => {
    const database = freshDb()
    await database.settings.put({
      key: 'monitoring',
      value: JSON.parse('{"scoringScheme":"common","indicatorLight":{"red":55,"blue":"lots"},"ratePrecision":null}'),
    })
    expect(await getSettings({ database })).toStrictEqual({
      ...defaultSettings(),
      scoringScheme: 'common',
      indicatorLight: { red: 55, yellow: 80, blue: 120 },
    })
  })

  it('resets to the defaults and audits the reset', async () => {
    const database = freshDb()
    expectOk(await saveSettings({ ...defaultSettings(), ratePrecision: 0 }, { database }))
    expect(expectOk(await resetSettings({ database }))).toStrictEqual(defaultSettings())
    expect(await getSettings({ database })).toStrictEqual(defaultSettings())
    const last = await database.auditLog.orderBy('seq').last()
    expect(last).toMatchObject({ table: 'settings', key: 'monitoring', before: { ratePrecision: 0 }, after: null })
  })
})
