/**
 * The import context on its own: what the sheet readers share (stored rows by natural key, the merged
 * rows, the counts, and the parents a row may create), built over the test fixtures (且末县自然资源局 2021).
 */
import { describe, expect, it } from 'vitest'
import { createImportContext, type PlanOutput } from '@/io/import/context'
import { zeroCounts } from '@/io/import/diff'
import type { UnitInfo } from '@/io/import/infoSheet'
import { indicatorKey, key, targetKey } from '@/io/import/keys'
import type { UnitYearDataset } from '@/domain/types'
import { aDataset, aProject, aUnit, YEAR } from '../db/fixtures'

function output(): PlanOutput {
  return {
    problems: [],
    warnings: [],
    rows: [],
    counts: {
      monitoringGroup: zeroCounts(),
      projects: zeroCounts(),
      budgetLines: zeroCounts(),
      monthlyExecutions: zeroCounts(),
      targets: zeroCounts(),
      indicators: zeroCounts(),
      nodes: zeroCounts(),
      readings: zeroCounts(),
      budgetJudgements: zeroCounts(),
      measures: zeroCounts(),
    },
  }
}

function contextOver(existing: UnitYearDataset | null) {
  const unit = existing?.unit ?? aUnit()
  const info: UnitInfo = {
    unitName: unit.name,
    year: YEAR,
    storedUnit: existing?.unit ?? null,
    unit: { ...unit },
    unitId: unit.id,
    nodeDates: [],
  }
  const out = output()
  return { out, ctx: createImportContext(out, info, existing) }
}

describe('import context', () => {
  it('finds the stored rows by natural key and starts the merged unit-year from them', () => {
    const { ctx } = contextOver(aDataset())
    expect(ctx.stored.indicators.get(indicatorKey('整体', '产出指标', '数量指标', '用地初审'))?.id).toBe('ind-review')
    expect(ctx.stored.targets.get(targetKey('整体'))?.id).toBe('target-unit')
    expect(ctx.stored.exec.get(key('line-salary', 5))?.spent).toBe('320.10')
    expect(ctx.stored.nodes.get('2021-06-30')?.id).toBe('node-h1')
    expect([...ctx.merged.indicators.keys()]).toEqual([...ctx.stored.indicators.keys()])
    expect(ctx.merged.indicators).not.toBe(ctx.stored.indicators)
  })

  it('keeps both of two stored projects that differ only by an invisible character, and warns', () => {
    const { ctx, out } = contextOver(
      aDataset({ projects: [aProject(), aProject({ id: 'proj-land-2', name: '国有土地出让金评估项目\u200b' })] }),
    )
    expect([...ctx.stored.projects.values()].map((p) => p.id)).toEqual(['proj-land', 'proj-land-2'])
    expect(ctx.stored.projects.get('国有土地出让金评估项目')?.id).toBe('proj-land')
    expect(out.warnings.map((w) => w.message)).toEqual([
      '已有的项目中有两条看起来相同（“国有土地出让金评估项目”，名称只差看不见的字符或空白），导入只与其中第一条对应；请在录入页面删除或改名多余的一条',
    ])
  })

  it('counts a row as new, changed or unchanged, into the shared counts', () => {
    const { ctx, out } = contextOver(null)
    expect(ctx.tally('readings', undefined, { a: '1' })).toBe('new')
    expect(ctx.tally('readings', { a: '1' }, { a: '1' })).toBe('unchanged')
    expect(ctx.tally('readings', { a: '1' }, { a: '2' })).toBe('changed')
    expect(out.counts.readings).toEqual({ new: 1, changed: 1, unchanged: 1 })
  })

  it('makes a node once for a date of the year, and refuses a date of another year on its cell', () => {
    const { ctx, out } = contextOver(aDataset())
    expect(ctx.ensureNode('2021-06-30', '指标填报', 2, 1, '截至日期', '2021-06-30')?.id).toBe('node-h1')
    const july = ctx.ensureNode('2021-07-31', '指标填报', 3, 1, '截至日期', '2021-07-31')
    expect(july).toMatchObject({ year: 2021, asOfDate: '2021-07-31', label: '2021年1-7月', status: 'draft' })
    expect(ctx.ensureNode('2021-07-31', '预算研判', 2, 1, '截至日期', '2021-07-31')).toBe(july)
    expect(ctx.ensureNode('2020-12-31', '指标填报', 4, 1, '截至日期', '2020-12-31')).toBeNull()
    expect(out.problems).toEqual([
      { sheet: '指标填报', row: 4, column: 'A', message: expect.stringContaining('不在2021年度内') },
    ])
  })

  it('makes a project’s target together with its project, and the unit’s target without one', () => {
    const { ctx } = contextOver(null)
    const target = ctx.ensureTarget('道路养护项目')
    const project = ctx.merged.projects.get('道路养护项目')
    expect(target).toMatchObject({ scope: 'project', projectId: project?.id, description: '' })
    expect(ctx.merged.touchedProjects.has('道路养护项目')).toBe(true)
    expect(ctx.ensureTarget('道路养护项目')).toBe(target)
    expect(ctx.ensureTarget('整体')).toMatchObject({ scope: 'unit', description: '' })
    expect(ctx.ensureTarget('整体').projectId).toBeUndefined()
  })
})
