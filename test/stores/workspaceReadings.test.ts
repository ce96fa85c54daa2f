/**
 * The workspace holds one node's readings (plus the unit indicators' at every node) and reads the
 * others when asked — at 主管部门 size all readings are 240,000 rows. Whatever it holds, the snapshot
 * of a node must be the one the full data gives.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { useWorkspaceStore } from '@/stores/workspace'
import { aDataset, aNode, anIndicator, aProject, aReading, aTarget } from '../db/fixtures'

/** June and September; 用地初审 (unit) and 评估宗数 (project, 12 宗: 4 by June is red, 9 by September green). */
function twoNodes() {
  return aDataset({
    projects: [aProject()],
    targets: [
      aTarget(),
      aTarget({ id: 'target-land', scope: 'project', projectId: 'proj-land', description: '评估项目' }),
    ],
    indicators: [
      anIndicator(),
      anIndicator({ id: 'ind-land', targetId: 'target-land', name: '评估宗数', targetValue: '12', measureUnit: '宗' }),
    ],
    nodes: [aNode(), aNode({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })],
    readings: [
      aReading(),
      aReading({ id: 'r-review-q3', nodeId: 'node-q3', actualValue: '11' }),
      aReading({
        id: 'r-land-h1',
        indicatorId: 'ind-land',
        actualValue: '2',
        likelihood: '有可能',
        deviationCauses: ['经费保障'],
        deviationText: '资金未到位',
      }),
      aReading({ id: 'r-land-q3', nodeId: 'node-q3', indicatorId: 'ind-land', actualValue: '9' }),
    ],
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  })
}

const lightOf = (id: string, workspace: ReturnType<typeof useWorkspaceStore>) =>
  workspace.snapshot?.indicators.find((row) => row.indicator.id === id)?.assessment.light

describe('workspace readings (on the app database, fake-indexeddb)', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
    const saved = await saveUnitYear(twoNodes())
    expect(saved.ok).toBe(true)
  })

  it("opens the latest node with its readings and the unit indicator's readings at every node only", async () => {
    const workspace = useWorkspaceStore()
    await workspace.init()
    expect(workspace.nodeId).toBe('node-q3')
    expect(workspace.dataset?.readings.map((r) => r.id)).toEqual(['reading-review', 'r-land-q3', 'r-review-q3'])
    // 9 of 12 by September: 9 ÷ (12 × 9/12) = 100% of expected → green
    expect(lightOf('ind-land', workspace)).toBe('green')
  })

  it('shows another node only with its readings, and gives the snapshot the full data gives', async () => {
    const workspace = useWorkspaceStore()
    await workspace.init()
    await workspace.selectNode('node-h1')
    expect(workspace.nodeId).toBe('node-h1')
    // 2 of 12 by June: 2 ÷ 6 = 33% of expected → red
    expect(lightOf('ind-land', workspace)).toBe('red')
    const full = await loadUnitYear('unit-qiemo', 2021)
    const expected = computeNodeSnapshot({ dataset: full!, nodeId: 'node-h1', settings: defaultSettings() })
    expect(
      expected.ok && expected.value.indicators.map((r) => [r.indicator.id, r.assessment.light, r.issues.length]),
    ).toEqual(workspace.snapshot?.indicators.map((r) => [r.indicator.id, r.assessment.light, r.issues.length]))
    expect(workspace.dataset?.readings).toStrictEqual(full?.readings)
  })

  it('keeps the readings it has read through a reload after a write, and reads a drill-down indicator at every node', async () => {
    const workspace = useWorkspaceStore()
    await workspace.init()
    await workspace.selectNode('node-h1')
    await workspace.reload()
    expect(workspace.dataset?.readings).toHaveLength(4)

    setActivePinia(createPinia())
    const fresh = useWorkspaceStore()
    await fresh.init()
    expect(fresh.dataset?.readings.some((r) => r.id === 'r-land-h1')).toBe(false)
    await fresh.ensureReadings({ indicatorIds: ['ind-land'] })
    expect(fresh.dataset?.readings.filter((r) => r.indicatorId === 'ind-land').map((r) => r.actualValue)).toEqual([
      '2',
      '9',
    ])
  })

  it('prepares the other node in idle time: its snapshot is the one then shown, and its readings join the dataset', async () => {
    const workspace = useWorkspaceStore()
    const prepared = new Map<string, unknown>()
    workspace.prepareWith((snapshot) => {
      prepared.set(snapshot.node.id, snapshot)
    })
    await workspace.init()
    expect(workspace.nodeId).toBe('node-q3')
    await vi.waitFor(() => expect(workspace.dataset?.readings).toHaveLength(4))
    expect([...prepared.keys()]).toEqual(['node-q3', 'node-h1'])
    await workspace.selectNode('node-h1')
    // the very snapshot prepared ahead: nothing was computed again on opening the node
    expect(workspace.snapshot).toBe(prepared.get('node-h1'))
    expect(lightOf('ind-land', workspace)).toBe('red')
    const full = await loadUnitYear('unit-qiemo', 2021)
    expect(workspace.dataset?.readings).toStrictEqual(full?.readings)
  })

  it('after a write reads again only the nodes the user opened, not those it had read ahead', async () => {
    const workspace = useWorkspaceStore()
    await workspace.init()
    await vi.waitFor(() => expect(workspace.dataset?.readings).toHaveLength(4))
    await workspace.reload()
    // node-q3 (shown) and the unit indicator at every node; r-land-h1 comes back with the next preparation
    expect(workspace.dataset?.readings.map((r) => r.id)).toEqual(['reading-review', 'r-land-q3', 'r-review-q3'])
    await vi.waitFor(() => expect(workspace.dataset?.readings).toHaveLength(4))
  })
  it('a reload that a later one overtakes returns only once the later figures are shown', async () => {
    // An entry save awaits its reload, then says 已保存; the change watcher's reload may start meanwhile
    // and win. The save must not return while the grid still holds the figures from before it.
    const workspace = useWorkspaceStore()
    await workspace.init()
    const before = workspace.dataset
    await db.readings.update('r-review-q3', { actualValue: '12' })
    const first = workspace.reload()
    const second = workspace.reload()
    await first
    const afterFirst = workspace.dataset
    expect(afterFirst).not.toBe(before)
    expect(afterFirst?.readings.find((r) => r.id === 'r-review-q3')?.actualValue).toBe('12')
    await second
    expect(workspace.dataset).toBe(afterFirst)
  })
})
