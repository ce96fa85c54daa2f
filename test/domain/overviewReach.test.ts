/**
 * What a node's 概览 view reads beyond its own node (domain/overview `viewReach`), checked against the
 * figures themselves: db/viewCache keeps a view across a change only when the change cannot touch it, so
 * every claim is shown here by computing the views before and after the change. The demo year is seed
 * 001's (12 nodes); the generated one is the 主管部门 bench's at 30 projects (no indicator linked to
 * budget lines).
 */
import { describe, expect, it } from 'vitest'
import { alertId } from '@/domain/alerts'
import { canonicalJson } from '@/domain/canonicalJson'
import { qiemo2021YearDataset } from '@/domain/demo/qiemo2021Year'
import { overviewOf, viewReach, type OverviewView } from '@/domain/overview'
import { defaultSettings } from '@/domain/settings'
import type { BudgetLineJudgement, UnitYearDataset } from '@/domain/types'
import { toWire } from '@/domain/wire'
import { generatedYear } from '../generatedYear'

function view(dataset: UnitYearDataset, nodeId: string): OverviewView {
  const computed = overviewOf(dataset, nodeId, defaultSettings())
  if (!computed.ok) throw new Error(computed.messages.join('；'))
  return computed.value
}

/** Each node's view as bytes (wire form, canonical JSON). */
function allViews(dataset: UnitYearDataset): Map<string, string> {
  return new Map(dataset.nodes.map((n) => [n.id, canonicalJson(toWire(view(dataset, n.id)))]))
}

/** The nodes whose view differs between two computations of the year. */
function changedNodes(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((id) => before.get(id) !== after.get(id))
}

const year = generatedYear(30)
const before = allViews(year)
const unitTargets = new Set(year.targets.filter((t) => t.scope === 'unit').map((t) => t.id))

describe('viewReach', () => {
  it('a project indicator’s reading at 1-7月 changes the 1-7月 view alone', () => {
    // t-p3-i1 (cumulative, 个): its 1-7月 actual set to 0, so its light, the project's and the alerts change
    const readings = year.readings.map((r) => (r.id === 't-p3-i1-n7' ? { ...r, actualValue: '0' } : r))
    expect(readings.some((r) => r.id === 't-p3-i1-n7' && r.actualValue === '0')).toBe(true)
    expect(changedNodes(before, allViews({ ...year, readings }))).toEqual(['n7'])
  })

  it('a unit indicator’s reading at 1-7月 changes every view: each draws it in the heatmap', () => {
    const readings = year.readings.map((r) => (r.id === 't-unit-i1-n7' ? { ...r, actualValue: '0' } : r))
    expect(changedNodes(before, allViews({ ...year, readings }))).toEqual(year.nodes.map((n) => n.id))
    const reach = viewReach(view(year, 'n3'))
    expect(reach.readsIndicators).toContain('t-unit-i1')
    expect(reach.readsIndicators).toHaveLength(year.indicators.filter((i) => unitTargets.has(i.targetId)).length)
  })

  it('执行数 of 8月 changes the views of 1-8月 and later, never an earlier node’s (budgetThrough = its month)', () => {
    const line = year.budgetLines[0]?.id
    const monthlyExecutions = year.monthlyExecutions.map((e) =>
      e.budgetLineId === line && e.month === 8 ? { ...e, spent: `${Number(e.spent) + 1}` as const } : e,
    )
    expect(monthlyExecutions).not.toEqual(year.monthlyExecutions)
    expect(changedNodes(before, allViews({ ...year, monthlyExecutions }))).toEqual(['n8', 'n9', 'n10', 'n11', 'n12'])
    expect(year.nodes.map((n) => viewReach(view(year, n.id)).budgetThrough)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ])
  })

  it('a budget judgement or a stored alert at 1-7月 changes the 1-7月 view alone', () => {
    const line = year.budgetLines[0]?.id ?? ''
    const budgetJudgements: BudgetLineJudgement[] = [
      {
        id: 'j1',
        nodeId: 'n7',
        budgetLineId: line,
        yearEndForecast: '10',
        likelihood: '完全不可能',
        deviationCauses: [],
        deviationText: '',
      },
    ]
    expect(changedNodes(before, allViews({ ...year, budgetJudgements }))).toEqual(['n7'])
    // t-p3-i1 is red at 1-7月 (project p3 runs at 40 % of its pace): its alert closed there
    const alerts = [
      {
        id: alertId('n7', 'indicator.light', 't-p3-i1'),
        nodeId: 'n7',
        ruleId: 'indicator.light',
        light: 'red' as const,
        subjectType: 'indicator' as const,
        subjectId: 't-p3-i1',
        thresholds: {},
        inputs: {},
        message: '',
        status: 'closed' as const,
        closedReason: '已整改',
      },
    ]
    expect(changedNodes(before, allViews({ ...year, alerts }))).toEqual(['n7'])
  })

  it('seed 001’s year reads every month of 执行数 at every node: 人员保障成本经费 is linked to 工资福利支出', () => {
    const demo = qiemo2021YearDataset()
    const reaches = demo.nodes.map((n) => viewReach(view(demo, n.id)))
    expect(reaches.map((r) => r.budgetThrough)).toEqual(demo.nodes.map(() => null))
    // the linked actual of 1-12月 in every view's heatmap: 工资福利支出 of 12月 over the ceiling (≤ 1129.83
    // 万元) turns 人员保障成本经费's 1-12月 light red in the 1-6月 view too
    const salary = demo.budgetLines.find((l) => l.name === '工资福利支出')?.id
    const monthlyExecutions = demo.monthlyExecutions.map((e) =>
      e.budgetLineId === salary && e.month === 12 ? { ...e, spent: '1200.00' as const } : e,
    )
    expect(monthlyExecutions).not.toEqual(demo.monthlyExecutions)
    const june = demo.nodes.find((n) => n.asOfDate.endsWith('-06-30'))?.id ?? ''
    expect(canonicalJson(toWire(view({ ...demo, monthlyExecutions }, june)))).not.toBe(
      canonicalJson(toWire(view(demo, june))),
    )
  })
})
