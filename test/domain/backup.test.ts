import { describe, expect, it } from 'vitest'
import { restoreCounts, TABLE_LABELS, type BackupSummary, type TableName } from '@/domain/backup'

function summary(rows: Partial<Record<TableName, number>>): BackupSummary {
  const counts = Object.fromEntries(Object.keys(TABLE_LABELS).map((name) => [name, 0])) as Record<TableName, number>
  return { createdAt: '2021-07-10T08:00:00.000Z', counts: { ...counts, ...rows }, unitYears: [] }
}

describe('restoreCounts', () => {
  it('lists every table but meta, in order, with its rows in the backup and now', () => {
    const rows = restoreCounts(summary({ units: 2, readings: 30, meta: 1 }), summary({ units: 1 }))
    expect(rows.map((r) => r.label)).toEqual(Object.values(TABLE_LABELS).filter((label) => label !== '备份记录'))
    expect(rows[0]).toEqual({ label: '单位', backup: 2, current: 1 })
    expect(rows.find((r) => r.label === '指标填报')).toEqual({ label: '指标填报', backup: 30, current: 0 })
  })

  it('counts nothing stored now when there is no current summary', () => {
    expect(restoreCounts(summary({ units: 2 }), null).every((r) => r.current === 0)).toBe(true)
  })
})
