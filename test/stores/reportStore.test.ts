/**
 * 定稿 waits for the report checks in the store, not only on the screen (docs/domain-rules.md §12.1), on
 * the app database (fake-indexeddb) with seed 001's demo (且末县自然资源局 2021: 1-6月 执行数 383.74 of
 * 1493.25; 22 readings, 办理建设项目用地初审 7 of ≥15 个) and 2021年1-7月 made by 复制上一节点.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { useEntryStore } from '@/stores/entry'
import { useReportStore } from '@/stores/report'
import { useWorkspaceStore } from '@/stores/workspace'
import { until } from '../components/entry/until'

async function demoReport() {
  const workspace = useWorkspaceStore()
  const entry = useEntryStore()
  const report = useReportStore()
  expect(await workspace.loadDemo()).toBe(true)
  await until(() => report.liveModel !== null)
  return { workspace, entry, report }
}

describe('report store: checks before 定稿', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('freezes the demo’s 1-6月 with no check open (every line entered through June)', async () => {
    const { workspace, report } = await demoReport()
    expect(workspace.snapshot?.budget.unit.spent.toFixed(2)).toBe('383.74')
    expect(report.checks).toEqual([])
    expect(await report.freeze()).toEqual({ ok: true })
    expect((await db.nodes.get('demo-qiemo-2021-06'))?.status).toBe('locked')
  })

  it('refuses 定稿 of a copied 1-7月 until July is confirmed 无新增支出 and the 22 readings are confirmed', async () => {
    const { workspace, entry, report } = await demoReport()
    const created = await entry.createNode('2021-07-31', true)
    expect(created.ok).toBe(true)
    const julyId = workspace.nodeId ?? ''
    await until(() => report.loadedFor === julyId && report.liveModel !== null)
    expect(report.checks.map((c) => c.message)).toEqual([
      '5 个预算行未填报7月：工资福利支出、车辆运行维护费、基本公用经费、驻村、管寺生活补助、国有土地出让金评估项目（按截至6月的数计）',
      '22 个指标的填报沿用自“2021年1-6月”，尚未确认',
    ])
    const refused = await report.freeze()
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.messages[0]).toMatch(/^定稿前请先处理以下 2 项：1、5 个预算行未填报7月：/)
    expect((await db.nodes.get(julyId))?.status).toBe('draft')
    expect((await db.reports.get(julyId))?.frozen).toBeUndefined()

    // 确认本月无新增支出: July's entries are June's cumulative figures; 执行数 stays 383.74
    expect(await report.confirmNoNewSpending()).toEqual({ ok: true })
    const july = (await db.monthlyExecutions.toArray()).filter((e) => e.month === 7)
    expect(july.map((e) => [e.budgetLineId, e.spent]).sort()).toEqual([
      ['demo-bl-clyx', '15.95'],
      ['demo-bl-gzfl', '324.88'],
      ['demo-bl-jbgy', '42.91'],
      ['demo-bl-pgxm', '0'],
      ['demo-bl-zcgs', '0'],
    ])
    expect(workspace.snapshot?.budget.unit.spent.toFixed(2)).toBe('383.74')
    expect(report.checks.map((c) => c.kind)).toEqual(['carriedReadings'])
    expect((await report.freeze()).ok).toBe(false)

    // 全部确认沿用 + 保存填报, as 指标填报 stores it: the same readings without the mark
    const carried = (workspace.dataset?.readings ?? []).filter((r) => r.nodeId === julyId)
    expect(carried.filter((r) => r.carriedFrom === 'demo-qiemo-2021-06')).toHaveLength(22)
    const confirmed = carried.map(({ carriedFrom: _from, ...r }) => r)
    expect((await entry.saveReadings(confirmed, [])).ok).toBe(true)
    expect(report.checks).toEqual([])
    expect(await report.freeze()).toEqual({ ok: true })
    expect((await db.nodes.get(julyId))?.status).toBe('locked')
  })

  it('confirms nothing on a node with every line entered', async () => {
    const { report } = await demoReport()
    const before = await db.monthlyExecutions.count()
    expect(await report.confirmNoNewSpending()).toEqual({ ok: true })
    expect(await db.monthlyExecutions.count()).toBe(before)
  })
})
