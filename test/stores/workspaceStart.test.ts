// @vitest-environment jsdom
/**
 * The workspace's start on the 概览 (no dataset wanted): the header of the unit-year opened first last
 * time is read beside the list of unit-years (docs/benchmarks.md (round 5)). The guess only saves a
 * round trip: a wrong, stale or unreadable one must never change which unit-year opens or what it shows.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { useWorkspaceStore } from '@/stores/workspace'
import { aDataset, aNode, aUnit } from '../db/fixtures'

const KEY = 'jixiao:first-unit-year'

async function start() {
  setActivePinia(createPinia())
  const workspace = useWorkspaceStore()
  await workspace.want(false)
  await workspace.init()
  return workspace
}

describe('workspace start-up: the first unit-year’s header read early', () => {
  beforeEach(async () => {
    await Promise.all(db.tables.map((t) => t.clear()))
    localStorage.clear()
    // 且末县自然资源局 sorts after 且末县水利局 in zh-CN (自 zì after 水 shuǐ): the list's first is 水利局
    expect((await saveUnitYear(aDataset())).ok).toBe(true)
    const water = aDataset({
      unit: aUnit({ id: 'unit-water', name: '且末县水利局' }),
      nodes: [aNode({ id: 'node-water', unitId: 'unit-water', asOfDate: '2021-09-30', label: '2021年1-9月' })],
      projects: [],
      budgetLines: [],
      monthlyExecutions: [],
      targets: [],
      indicators: [],
      readings: [],
      budgetJudgements: [],
      alerts: [],
      measures: [],
      reports: [],
    })
    const savedWater = await saveUnitYear(water)
    expect(savedWater.ok ? [] : savedWater.messages).toEqual([])
  })

  it('remembers the unit-year it opened first, and opens it again with its header', async () => {
    const first = await start()
    expect(first.unitName).toBe('且末县水利局')
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toEqual({ unitId: 'unit-water', year: 2021 })
    const again = await start()
    expect([again.unitId, again.year, again.nodeId, again.unitName]).toEqual([
      'unit-water',
      2021,
      'node-water',
      '且末县水利局',
    ])
    expect(again.dataset).toBeNull() // the 概览 reads no dataset on the main thread
  })

  it('a remembered unit-year that is not the list’s first (or no longer exists) is not what opens', async () => {
    localStorage.setItem(KEY, JSON.stringify({ unitId: 'unit-qiemo', year: 2021 }))
    const workspace = await start()
    expect([workspace.unitId, workspace.nodeId, workspace.unitName]).toEqual([
      'unit-water',
      'node-water',
      '且末县水利局',
    ])
    localStorage.setItem(KEY, JSON.stringify({ unitId: 'deleted-unit', year: 2020 }))
    expect((await start()).unitName).toBe('且末县水利局')
  })

  it('junk in the remembered key is ignored', async () => {
    for (const junk of ['{', '"text"', '{"unitId":1,"year":"2021"}', 'null']) {
      localStorage.setItem(KEY, junk)
      const workspace = await start()
      expect(workspace.unitName).toBe('且末县水利局')
      expect(workspace.errorMessage).toBe('')
    }
  })
})
