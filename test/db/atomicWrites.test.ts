/**
 * Durability (docs/reliability.md §1): the multi-row writes besides import and restore (those have their
 * own tests) are each one transaction. A write that fails at its last step leaves every table as it was:
 * the failure is forced with a Dexie hook that throws on the final kind of row written.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import { copyForward } from '@/db/nodes'
import { replaceNodeAlerts } from '@/db/alerts'
import { freezeReport } from '@/db/reports'
import { aDataset, anAlert } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

describe('multi-row writes are all or nothing', () => {
  it('copy-forward (复制上一节点) adds no node and no reading when its last rows cannot be written', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const before = await snapshot(database)
    database.budgetJudgements.hook('creating', () => {
      throw new Error('disk on fire')
    })
    expect(expectFailure(await copyForward('node-h1', '2021-07-31', '2021年1-7月', { database }))).toContain(
      '本次保存未写入任何数据',
    )
    expect(await snapshot(database)).toStrictEqual(before)
    expect(before.readings).toHaveLength(2) // what would have been copied
  })

  it('node recompute (replaceNodeAlerts) keeps the stored alerts, deletions included, when the new ones cannot be written', async () => {
    const database = freshDb()
    expectOk(
      await saveUnitYear(
        aDataset({
          alerts: [
            anAlert(),
            anAlert({
              id: 'alert-gone',
              ruleId: 'indicator.light',
              subjectType: 'indicator',
              subjectId: 'ind-review',
              light: 'yellow',
              message: '用地初审黄色预警',
            }),
          ],
          measures: [],
        }),
        { database },
      ),
    )
    const before = await snapshot(database)
    database.alerts.hook('creating', () => {
      throw new Error('disk on fire')
    })
    const recomputed = [
      anAlert(),
      anAlert({
        id: 'alert-new',
        ruleId: 'indicator.missing',
        subjectType: 'indicator',
        subjectId: 'ind-quality',
        light: 'grey',
        message: '未填报',
      }),
    ]
    expect(expectFailure(await replaceNodeAlerts('node-h1', recomputed, { database }))).toContain(
      '本次保存未写入任何数据',
    )
    // 'alert-gone' was deleted inside the transaction before the failing put: it must be back
    expect((await snapshot(database)).alerts).toStrictEqual(before.alerts)
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('定稿 (freezeReport) leaves the node unlocked when the frozen report cannot be written', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset({ reports: [] }), { database }))
    const before = await snapshot(database)
    database.auditLog.hook('creating', () => {
      throw new Error('disk on fire')
    })
    expect(
      expectFailure(await freezeReport('node-h1', { title: '且末县自然资源局2021年1-6月绩效监控报告' }, { database })),
    ).toContain('本次保存未写入任何数据')
    expect(await snapshot(database)).toStrictEqual(before)
    expect((before.nodes as { status: string }[])[0].status).toBe('draft')
  })
})
