import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { listAudit, recordAudit } from '@/db/audit'
import { putBudgetLine } from '@/db/budget'
import { backupStatus, markBackedUp } from '@/db/meta'
import { putUnit } from '@/db/units'
import { runWrite } from '@/db/write'
import { DbWriteError } from '@/db/result'
import { aBudgetLine, aUnit } from './fixtures'
import { expectFailure, expectOk, freshDb } from './helpers'

describe('audit log', () => {
  it('writes the audit row in the same transaction as the change', async () => {
    const database = freshDb()
    const seen: number[] = []
    const result = await runWrite(database, [database.units], async () => {
      await database.units.put(aUnit())
      await recordAudit(database, [{ table: 'units', key: 'unit-qiemo', before: null, after: aUnit() }])
      seen.push(await database.auditLog.count())
      throw new DbWriteError('用户取消')
    })
    expect(expectFailure(result)).toBe('用户取消')
    expect(seen).toEqual([1])
    expect(await database.auditLog.count()).toBe(0)
    expect(await database.units.count()).toBe(0)
    expect(await backupStatus({ database })).toEqual({ changesSinceBackup: 0 })
  })

  it('refuses to record outside a transaction that includes the audit log', async () => {
    const database = freshDb()
    await expect(recordAudit(database, [{ table: 'units', key: 'x', before: null, after: null }])).rejects.toThrow(
      'recordAudit must run inside a read-write transaction over auditLog and meta',
    )
  })

  it('lists the newest entries first, up to the limit', async () => {
    const database = freshDb()
    for (const name of ['一', '二', '三']) expectOk(await putUnit(aUnit({ name }), { database }))
    const entries = await listAudit({ limit: 2, database })
    expect(entries.map((e) => (e.after as { name: string }).name)).toEqual(['三', '二'])
    expect(entries[0]).toMatchObject({ seq: 3, time: '2021-07-05T08:30:00.000Z', table: 'units', key: 'unit-qiemo' })
  })
})

describe('backup reminder counter', () => {
  it('counts audited changes since the last backup', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expect(await backupStatus({ database })).toEqual({ changesSinceBackup: 2 })

    expectOk(await markBackedUp({ at: new Date('2021-07-06T00:00:00.000Z'), database }))
    expect(await backupStatus({ database })).toEqual({
      lastBackupAt: '2021-07-06T00:00:00.000Z',
      changesSinceBackup: 0,
    })

    expectOk(await putBudgetLine(aBudgetLine({ additions: '10.00' }), { database }))
    expect((await backupStatus({ database })).changesSinceBackup).toBe(1)
  })
})
