/**
 * 设置: the MonitoringSettings every light, rate and score follows (thresholds, 序时进度 mode, scoring
 * scheme, display precision), read from and saved through db/settings. The workspace reads them again
 * on start, after a restore and after a write in another tab.
 *
 * The 纠偏措施 template library is stored beside them (another row of the same table); the measures
 * store loads and saves it, and an editor reads a row of it here (`measureTemplatesOf`).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { defaultSettings, type MonitoringSettings } from '@/domain/settings'
import { validateSettings } from '@/domain/settingsValidation'
import type { MeasureTemplate } from '@/domain/measureTemplates'
import type { SettingsRow } from '@/domain/types'
import { ok, refused, type Result } from '@/domain/result'
import { getSettings, getSettingsRow, saveSettings } from '@/db/settings'
import { measureTemplatesOf as templatesOfRow } from '@/db/measures'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<MonitoringSettings>(defaultSettings())

  /** Reads the stored settings (the defaults for whatever was never saved). */
  async function load(): Promise<void> {
    settings.value = await getSettings()
  }

  /**
   * Validates, stores and applies settings; nothing is stored when any check fails. An editor that
   * passes `basis` (from `basis()` when editing began) is refused with the stored row as its
   * `conflicts` instead of overwriting settings another tab saved meanwhile; it can then save again
   * on that row as its basis (覆盖).
   */
  async function save(
    next: MonitoringSettings,
    options: { basis?: SettingsRow | null } = {},
  ): Promise<Result<undefined, SettingsRow>> {
    const checked = validateSettings(next)
    if (!checked.ok) return refused(checked.messages)
    const written = await saveSettings(next, options)
    if (!written.ok) return written
    settings.value = next
    return ok()
  }

  /** The stored settings row as it is now (null: never saved): what an editor starts from. */
  function basis(): Promise<SettingsRow | null> {
    return getSettingsRow()
  }

  /** The template library a stored row holds (e.g. another tab's, from a conflict); the defaults when none or unreadable. */
  function measureTemplatesOf(row: SettingsRow | null): MeasureTemplate[] {
    return templatesOfRow(row)
  }

  return { settings, load, save, basis, measureTemplatesOf }
})
