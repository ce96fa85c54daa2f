import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { useEntryStore } from '@/stores/entry'
import { useWorkspaceStore } from '@/stores/workspace'
import type { BudgetLine } from '@/domain/types'

function basicLine(unitId: string, overrides: Partial<BudgetLine> = {}): BudgetLine {
  return {
    id: crypto.randomUUID(),
    unitId,
    year: 2021,
    category: 'basic',
    subCategory: 'personnel',
    name: '工资福利支出',
    fundSource: '财政拨款',
    initialBudget: '1129.83',
    additions: '0',
    reductions: '0',
    carryOver: '0',
    sortOrder: 1,
    ...overrides,
  }
}

describe('entry store (on the app database, fake-indexeddb)', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('新建单位 creates the unit, the year’s framework and its 整体 target, and selects it', async () => {
    const entry = useEntryStore()
    const workspace = useWorkspaceStore()
    const created = await entry.createUnitYear({ name: ' 且末县自然资源局 ', year: 2021 })
    expect(created.ok).toBe(true)
    expect(workspace.unitYears.map((u) => [u.unitName, u.year])).toEqual([['且末县自然资源局', 2021]])
    expect(workspace.dataset?.targets.map((t) => t.scope)).toEqual(['unit'])
    expect(workspace.dataset?.framework.level1.map((l) => l.name)).toEqual(['产出指标', '效益指标', '满意度指标'])
    expect(await entry.createUnitYear({ name: '且末县自然资源局', year: 2022 })).toEqual({
      ok: false,
      messages: ['已有名为“且末县自然资源局”的单位；如需为它新建年度，请选择“为当前单位新建年度”'],
    })
    const nextYear = await entry.createUnitYear({ name: '', year: 2022, unitId: workspace.unitId ?? '' })
    expect(nextYear.ok).toBe(true)
    expect(workspace.unitYears.map((u) => u.year)).toEqual([2021, 2022])
  })

  it('refuses an invalid budget line with the domain’s message and writes nothing', async () => {
    const entry = useEntryStore()
    const workspace = useWorkspaceStore()
    await entry.createUnitYear({ name: '且末县自然资源局', year: 2021 })
    const unitId = workspace.unitId ?? ''
    const refused = await entry.saveBudgetLine(basicLine(unitId, { initialBudget: '100', reductions: '120' }))
    expect(refused).toEqual({ ok: false, messages: ['追减 120.00 万元大于年初预算与追加之和 100.00 万元'] })
    expect(await db.budgetLines.count()).toBe(0)
    const project = { id: 'p1', unitId, year: 2021, name: '国有土地出让金评估项目', department: '' }
    const { subCategory: _none, ...base } = basicLine(unitId)
    const saved = await entry.saveBudgetLine(
      { ...base, category: 'project', name: '国有土地出让金评估项目', initialBudget: '150' },
      project,
    )
    expect(saved.ok).toBe(true)
    expect(workspace.dataset?.projects.map((p) => p.name)).toEqual(['国有土地出让金评估项目'])
    expect(workspace.dataset?.budgetLines.map((l) => [l.projectId, l.initialBudget])).toEqual([['p1', '150']])
  })

  it('creates nodes by date, labelled by the domain, and copies the previous node forward', async () => {
    const entry = useEntryStore()
    const workspace = useWorkspaceStore()
    await entry.createUnitYear({ name: '且末县自然资源局', year: 2021 })
    expect(await entry.createNode('2022-06-30', false)).toEqual({ ok: false, messages: ['监控节点日期须在 2021 年内'] })
    expect(await entry.createNode('2021-06-30', true)).toEqual({
      ok: false,
      messages: ['没有更早的监控节点可复制；请取消“复制上一节点”'],
    })
    const june = await entry.createNode('2021-06-30', false)
    expect(june.ok && june.value.label).toBe('2021年1-6月')
    const target = workspace.dataset?.targets[0]
    const indicator = {
      id: 'i1',
      targetId: target?.id ?? '',
      level1: '产出指标',
      level2: '数量指标',
      name: '办理建设项目用地初审',
      operator: '≥' as const,
      targetValue: '15',
      measureUnit: '个',
      accrual: 'cumulative' as const,
      sortOrder: 1,
    }
    expect((await entry.saveIndicator(indicator)).ok).toBe(true)
    const reading = {
      id: 'r1',
      nodeId: workspace.nodeId ?? '',
      indicatorId: 'i1',
      actualValue: '7',
      likelihood: '确定能' as const,
      deviationCauses: [],
      deviationText: '',
    }
    expect((await entry.saveReadings([reading], [])).ok).toBe(true)
    const july = await entry.createNode('2021-07-31', true)
    expect(july.ok && july.value.label).toBe('2021年1-7月')
    expect(workspace.node?.label).toBe('2021年1-7月')
    expect(workspace.dataset?.readings.filter((r) => r.nodeId === workspace.nodeId).map((r) => r.actualValue)).toEqual([
      '7',
    ])
    expect(await entry.createNode('2021-07-31', false)).toEqual({
      ok: false,
      messages: ['2021-07-31 的监控节点已存在'],
    })
  })
})
