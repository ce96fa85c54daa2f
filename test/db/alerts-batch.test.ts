/** db/alerts.reviewAlerts: the leader's batch 批示 / 关闭, all in one transaction or nothing. */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { reviewAlerts } from '@/db/alerts'
import { saveUnitYear } from '@/db/datasets'
import { aDataset, anAlert } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

const three = [
  anAlert(),
  anAlert({ id: 'alert-2', subjectId: 'line-land', subjectType: 'budgetLine', light: 'yellow' }),
  anAlert({ id: 'alert-3', subjectId: 'ind-review', subjectType: 'indicator' }),
]

async function seeded() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset({ alerts: three, measures: [] }), { database }))
  return database
}

describe('reviewAlerts', () => {
  it('writes one 批示 on each of three alerts, signed and timed, with an audit row each', async () => {
    const database = await seeded()
    const auditBefore = await database.auditLog.count()
    const rows = expectOk(
      await reviewAlerts(['alert-budget', 'alert-2', 'alert-3'], ' 才茨柯 ', 'comment', ' 加快 ', { database }),
    )
    expect(rows).toHaveLength(3)
    for (const id of ['alert-budget', 'alert-2', 'alert-3']) {
      const stored = await database.alerts.get(id)
      expect(stored?.status).toBe('open')
      expect(stored?.history).toEqual([{ at: '2021-07-05T08:30:00.000Z', by: '才茨柯', kind: 'comment', text: '加快' }])
    }
    expect(await database.auditLog.count()).toBe(auditBefore + 3)
  })

  it('closes each with the reason', async () => {
    const database = await seeded()
    expectOk(await reviewAlerts(['alert-2', 'alert-3'], '才茨柯', 'close', '已核实', { database }))
    expect(await database.alerts.get('alert-2')).toMatchObject({ status: 'closed', closedReason: '已核实' })
    expect(await database.alerts.get('alert-3')).toMatchObject({ status: 'closed', closedReason: '已核实' })
    expect(await database.alerts.get('alert-budget')).toMatchObject({ status: 'open' })
  })

  it('refuses an empty text, an empty name, no selection or a missing alert, and writes nothing', async () => {
    const database = await seeded()
    const before = await snapshot(database)
    expect(
      expectFailure(await reviewAlerts(['alert-budget', 'alert-2'], '才茨柯', 'comment', '  ', { database })),
    ).toBe('批示内容不能为空。')
    expect(expectFailure(await reviewAlerts(['alert-budget'], '才茨柯', 'close', '', { database }))).toBe(
      '关闭预警须填写原因。',
    )
    expect(
      expectFailure(await reviewAlerts(['alert-budget', 'alert-2'], ' ', 'comment', '加快', { database })),
    ).toContain('请填写批示人')
    expect(expectFailure(await reviewAlerts([], '才茨柯', 'comment', '加快', { database }))).toBe(
      '请先勾选要处理的预警。',
    )
    // the first two would succeed: the missing third aborts them too
    expect(
      expectFailure(await reviewAlerts(['alert-budget', 'alert-2', 'gone'], '才茨柯', 'comment', '加快', { database })),
    ).toContain('找不到该预警')
    expect(await snapshot(database)).toEqual(before)
  })
})
