/**
 * A backup taken before 定稿 would, restored, delete the frozen 1-6月 report of seed 001's demo: the
 * restore preview names it (docs/domain-rules.md §12.6; docs/reliability.md §7). A restore used to
 * delete the frozen report without the preview saying so.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createBackup } from '@/db/backup'
import { saveUnitYear } from '@/db/datasets'
import { deleteNode } from '@/db/nodes'
import { freezeReport, unlockReport } from '@/db/reports'
import { frozenReportsAtRiskOf } from '@/db/restoreCheck'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { frozenReportsAtRiskText } from '@/domain/lock'
import { expectOk, freshDb } from './helpers'

const FROZEN = { title: '且末县自然资源局2021年1-6月绩效监控报告', executionRate: '25.70%' }

describe('the restore preview names every 定稿 report a restore would change', () => {
  it('a backup taken before 定稿 of 1-6月: the report would be deleted and the node reopened', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    const before = (await createBackup({ now: new Date('2021-07-01T00:00:00Z'), database })).backup
    expectOk(await freezeReport(DEMO_NODE_ID, FROZEN, { database }))
    expect(frozenReportsAtRiskText(await frozenReportsAtRiskOf(before, { database }))).toEqual([
      '且末县自然资源局 2021年1-6月：定稿报告将被删除，节点恢复为未定稿（备份早于定稿）',
    ])
  })

  it('a backup of the frozen report itself puts nothing at risk; one with another frozen version says 替换', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    expectOk(await freezeReport(DEMO_NODE_ID, FROZEN, { database }))
    const same = (await createBackup({ now: new Date('2021-07-02T00:00:00Z'), database })).backup
    expect(await frozenReportsAtRiskOf(same, { database })).toEqual([])
    expectOk(await unlockReport(DEMO_NODE_ID, '财政局退回，需更正6月执行数', { database }))
    expectOk(await freezeReport(DEMO_NODE_ID, { ...FROZEN, executionRate: '25.71%' }, { database }))
    expect(frozenReportsAtRiskText(await frozenReportsAtRiskOf(same, { database }))).toEqual([
      '且末县自然资源局 2021年1-6月：定稿报告将被替换为备份中的另一版本',
    ])
  })

  it('a backup without the node says 删除', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    expectOk(await deleteNode(DEMO_NODE_ID, { database }))
    const without = (await createBackup({ now: new Date('2021-07-01T00:00:00Z'), database })).backup
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    expectOk(await freezeReport(DEMO_NODE_ID, FROZEN, { database }))
    expect(frozenReportsAtRiskText(await frozenReportsAtRiskOf(without, { database }))).toEqual([
      '且末县自然资源局 2021年1-6月：定稿报告将被删除（备份中没有该节点）',
    ])
  })
})
