/**
 * The workspace loads 「载入全年示例（12个月）」 (loadDemo({ wholeYear: true })) into the app database
 * (fake-indexeddb) and shows its latest node, 1-12月, whatever node was shown before; 「载入示例数据」
 * (loadDemo()) still loads the one-node demo, and may not replace the year's 定稿 1-6月.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { formatPercent } from '@/domain/decimal'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import { demoNodeId } from '@/domain/demo/qiemo2021Year'
import { useWorkspaceStore } from '@/stores/workspace'

const rateOf = (workspace: ReturnType<typeof useWorkspaceStore>) => {
  const rate = workspace.snapshot?.budget.unit.executionRate
  return rate ? formatPercent(rate) : null
}

describe('workspace loadDemo({ wholeYear: true })', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('stores twelve nodes and shows 1-12月 (执行率 84.47%)', async () => {
    const workspace = useWorkspaceStore()
    expect(await workspace.loadDemo({ wholeYear: true })).toBe(true)
    expect(workspace.errorMessage).toBe('')
    expect(workspace.nodes.map((n) => n.label)).toEqual([
      '2021年1月',
      '2021年1-2月',
      '2021年1-3月',
      '2021年1-4月',
      '2021年1-5月',
      '2021年1-6月',
      '2021年1-7月',
      '2021年1-8月',
      '2021年1-9月',
      '2021年1-10月',
      '2021年1-11月',
      '2021年1-12月',
    ])
    expect(workspace.nodeId).toBe(demoNodeId(12))
    expect(rateOf(workspace)).toBe('84.47%')
    expect(await db.nodes.count()).toBe(12)
    expect((await db.nodes.get(DEMO_NODE_ID))?.status).toBe('locked')
    expect((await db.reports.get(DEMO_NODE_ID))?.frozen?.at).toBe('2021-07-05T08:00:00.000Z')

    await workspace.selectNode(DEMO_NODE_ID)
    expect(rateOf(workspace)).toBe('25.70%')
    expect(workspace.node?.status).toBe('locked')
  })

  it('goes to 1-12月 after the one-node demo, even with its 1-6月 shown', async () => {
    const workspace = useWorkspaceStore()
    expect(await workspace.loadDemo()).toBe(true)
    expect(workspace.nodes).toHaveLength(1)
    expect(workspace.nodeId).toBe(DEMO_NODE_ID)
    expect(rateOf(workspace)).toBe('25.70%')

    expect(await workspace.loadDemo({ wholeYear: true })).toBe(true)
    expect(workspace.nodes).toHaveLength(12)
    expect(workspace.nodeId).toBe(demoNodeId(12))
    expect(rateOf(workspace)).toBe('84.47%')
  })

  it('loads the year again over itself, but 载入示例数据 may not replace its 定稿 1-6月', async () => {
    const workspace = useWorkspaceStore()
    expect(await workspace.loadDemo({ wholeYear: true })).toBe(true)
    await workspace.selectNode(demoNodeId(3))
    expect(await workspace.loadDemo({ wholeYear: true })).toBe(true)
    expect(workspace.nodeId).toBe(demoNodeId(12))

    expect(await workspace.loadDemo()).toBe(false)
    expect(workspace.errorMessage).toContain('监控节点“2021年1-6月”已定稿')
    expect(await db.nodes.count()).toBe(12)
  })
})
