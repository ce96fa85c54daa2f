import { describe, expect, it } from 'vitest'
import { defaultSettings } from '@/domain/settings'
import { validateSettings } from '@/domain/settingsValidation'

describe('validateSettings', () => {
  it('accepts the defaults of the domain spec (budget 60/80, indicator 60/80/120)', () => {
    const result = validateSettings(defaultSettings())
    expect(result.ok).toBe(true)
  })

  it('rejects a yellow line below the red line with a Chinese message', () => {
    const settings = defaultSettings()
    settings.budgetLight = { red: 80, yellow: 60 }
    const result = validateSettings(settings)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.message)).toEqual(['预算执行预警阈值应满足 0 < 红灯线 < 黄灯线'])
  })

  it('rejects a blue line not above the yellow line and a fractional precision together', () => {
    const settings = defaultSettings()
    settings.indicatorLight = { red: 60, yellow: 80, blue: 80 }
    settings.ratePrecision = 1.5
    const result = validateSettings(settings)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['settings.indicatorOrder', 'settings.precision'])
  })

  it('rejects NaN thresholds instead of letting them through', () => {
    const settings = defaultSettings()
    settings.budgetLight = { red: Number.NaN, yellow: 80 }
    expect(validateSettings(settings).ok).toBe(false)
  })
})
