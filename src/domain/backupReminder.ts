/**
 * When to remind the user to back up: data exists and there was never a backup, or the last one is
 * older than 7 days, or 200 or more changes were made since. Pure: `now` is a parameter.
 */
export const REMIND_AFTER_DAYS = 7
export const REMIND_AFTER_CHANGES = 200

export interface ReminderInput {
  hasData: boolean
  lastBackupAt?: string
  changesSinceBackup: number
  now: Date
}

/** The reminder sentence, or null when no reminder is due. */
export function backupReminder(input: ReminderInput): string | null {
  if (!input.hasData) return null
  if (!input.lastBackupAt)
    return '您的数据还从未备份过。数据只保存在本机浏览器中，清除浏览器数据或更换电脑都会丢失，请立即备份。'
  const last = Date.parse(input.lastBackupAt)
  const days = Number.isNaN(last) ? Infinity : Math.floor((input.now.getTime() - last) / 86_400_000)
  if (days >= REMIND_AFTER_DAYS) {
    return `距上次备份已有 ${days} 天${input.changesSinceBackup > 0 ? `，其间修改了 ${input.changesSinceBackup} 处数据` : ''}。建议现在备份，以免数据丢失。`
  }
  if (input.changesSinceBackup >= REMIND_AFTER_CHANGES) {
    return `上次备份后已修改了 ${input.changesSinceBackup} 处数据。建议现在备份，以免数据丢失。`
  }
  return null
}
