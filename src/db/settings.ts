/**
 * 设置: the user's MonitoringSettings, stored under the key 'monitoring' and always read merged over
 * `defaultSettings()`, so a field added in a later release (or a malformed stored value) falls back to
 * its default instead of reaching the domain as undefined.
 */
import { defaultSettings, type MonitoringSettings } from '@/domain/settings'
import { recordAudit } from './audit'
import { toPlain } from './plain'
import type { WriteResult } from './result'
import type { SettingsRow } from '@/domain/types'
import { db } from './schema'
import type { CheckedWriteOptions, DbOptions } from './options'
import { assertUnchanged, runWrite } from './write'

const KEY = 'monitoring'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `stored` over `defaults`, field by field, keeping a stored field only when its type matches. */
function mergeOver<T extends object>(defaults: T, stored: unknown): T {
  if (!isObject(stored)) return defaults
  const merged: Record<string, unknown> = {}
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = stored[key]
    const sameType = typeof value === typeof fallback && (typeof value !== 'number' || Number.isFinite(value))
    merged[key] = isObject(fallback) ? mergeOver(fallback, value) : sameType ? value : fallback
  }
  // Same keys as `defaults`, each of the default's type: the shape of T.
  return merged as T
}

/** The stored settings row as is (null when never saved): the basis for a conflict-checked save. */
export async function getSettingsRow({ database = db }: DbOptions = {}): Promise<SettingsRow | null> {
  return (await database.settings.get(KEY)) ?? null
}

export async function getSettings({ database = db }: DbOptions = {}): Promise<MonitoringSettings> {
  const row = await database.settings.get(KEY)
  return mergeOver(defaultSettings(), row?.value)
}

/**
 * Saves the settings. With `basis` (the stored row's value as the editor loaded it, null if
 * none was stored), the save is refused with `conflicts` when another tab saved in the meantime.
 */
export async function saveSettings(
  settings: MonitoringSettings,
  { basis, database = db }: CheckedWriteOptions<SettingsRow | null> = {},
): Promise<WriteResult<MonitoringSettings, SettingsRow>> {
  return runWrite(database, [database.settings], async (check) => {
    if (basis !== undefined) await assertUnchanged(check, database.settings, KEY, basis)
    const value = mergeOver(defaultSettings(), toPlain(settings))
    const before = await database.settings.get(KEY)
    await database.settings.put({ key: KEY, value })
    await recordAudit(database, [{ table: 'settings', key: KEY, before: before?.value ?? null, after: value }])
    return value
  })
}

/** Back to the defaults (设置 → 恢复默认; docs/domain-rules.md §14). */
export async function resetSettings({ database = db }: DbOptions = {}): Promise<WriteResult<MonitoringSettings>> {
  return runWrite(database, [database.settings], async () => {
    const before = await database.settings.get(KEY)
    await database.settings.delete(KEY)
    await recordAudit(database, [{ table: 'settings', key: KEY, before: before?.value ?? null, after: null }])
    return defaultSettings()
  })
}
