import { describe, expect, it } from 'vitest'
import { backupReminder } from '@/domain/backupReminder'

const now = new Date('2021-07-10T08:00:00Z')

describe('backup reminder', () => {
  it('stays quiet without data, and right after a backup', () => {
    expect(backupReminder({ hasData: false, changesSinceBackup: 500, now })).toBeNull()
    expect(
      backupReminder({ hasData: true, lastBackupAt: '2021-07-10T07:00:00Z', changesSinceBackup: 0, now }),
    ).toBeNull()
  })
  it('asks for a first backup', () => {
    expect(backupReminder({ hasData: true, changesSinceBackup: 3, now })).toContain('从未备份')
  })
  it('reminds after 7 days (not 6) or after 200 changes (not 199)', () => {
    expect(
      backupReminder({ hasData: true, lastBackupAt: '2021-07-04T08:00:00Z', changesSinceBackup: 5, now }),
    ).toBeNull()
    expect(backupReminder({ hasData: true, lastBackupAt: '2021-07-03T08:00:00Z', changesSinceBackup: 5, now })).toBe(
      '距上次备份已有 7 天，其间修改了 5 处数据。建议现在备份，以免数据丢失。',
    )
    expect(
      backupReminder({ hasData: true, lastBackupAt: '2021-07-09T08:00:00Z', changesSinceBackup: 199, now }),
    ).toBeNull()
    expect(backupReminder({ hasData: true, lastBackupAt: '2021-07-09T08:00:00Z', changesSinceBackup: 200, now })).toBe(
      '上次备份后已修改了 200 处数据。建议现在备份，以免数据丢失。',
    )
  })
})
