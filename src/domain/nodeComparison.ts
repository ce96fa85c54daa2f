/**
 * 节点对比: what changed between two nodes (values, rates, lights), improvements and regressions
 * first. Compares two snapshots row by row; a light change decides the direction, else the rate.
 */
import { formatAmount, type Dec } from './decimal'
import { actualText } from './indicatorText'
import type { NodeSnapshot } from './snapshot'
import type { Id, Light } from './types'

export type ChangeDirection = 'improved' | 'regressed' | 'unchanged'

export interface ComparisonRow {
  key: string
  kind: 'budget' | 'project' | 'indicator'
  subjectId: Id
  name: string
  /** rate at each node: 执行率 for budget rows, 完成率 for indicators */
  rateBefore: Dec | null
  rateAfter: Dec | null
  /** the figure with its unit: 执行数 '383.74 万元' for budget rows, 实际完成值 '7个' (or '有所提升') for indicators */
  valueBefore: string | null
  valueAfter: string | null
  lightBefore: Light
  lightAfter: Light
  direction: ChangeDirection
}

/** '1,493.25 万元' */
const amountText = (value: Dec): string => `${formatAmount(value, 2, true)} 万元`

/** Lower is better; grey (nothing to judge) sits outside the order. */
const BADNESS: Readonly<Record<Light, number | null>> = { red: 3, yellow: 2, blue: 1, green: 0, grey: null }

/** By the light only: cumulative rates grow over the year anyway, so a higher rate alone is no improvement. */
function directionOf(lightBefore: Light, lightAfter: Light): ChangeDirection {
  const b = BADNESS[lightBefore]
  const a = BADNESS[lightAfter]
  if (a !== null && b !== null && a !== b) return a < b ? 'improved' : 'regressed'
  if (a === null && b !== null) return 'regressed'
  if (b === null && a !== null) return 'improved'
  return 'unchanged'
}

/** Rows for the unit budget, each project and each indicator; changed rows first (improved, then regressed). */
export function compareNodes(before: NodeSnapshot, after: NodeSnapshot): ComparisonRow[] {
  const rows: ComparisonRow[] = []
  rows.push({
    key: 'budget',
    kind: 'budget',
    subjectId: 'unit',
    name: '预算执行（全部预算）',
    rateBefore: before.budget.unit.executionRate,
    rateAfter: after.budget.unit.executionRate,
    valueBefore: amountText(before.budget.unit.spent),
    valueAfter: amountText(after.budget.unit.spent),
    lightBefore: before.budgetLight.light,
    lightAfter: after.budgetLight.light,
    direction: directionOf(before.budgetLight.light, after.budgetLight.light),
  })
  const projectsBefore = new Map(before.projectLights.map((p) => [p.projectId, p]))
  for (const p of after.projectLights) {
    const old = projectsBefore.get(p.projectId)
    if (!old) continue
    // the project's money (its budget light) here; its indicators have rows of their own below
    rows.push({
      key: `project:${p.projectId}`,
      kind: 'project',
      subjectId: p.projectId,
      name: `项目：${p.name}（预算执行）`,
      rateBefore: old.budget?.executionRate ?? null,
      rateAfter: p.budget?.executionRate ?? null,
      valueBefore: old.budget ? amountText(old.budget.spent) : null,
      valueAfter: p.budget ? amountText(p.budget.spent) : null,
      lightBefore: old.budgetLight.light,
      lightAfter: p.budgetLight.light,
      direction: directionOf(old.budgetLight.light, p.budgetLight.light),
    })
  }
  const indicatorsBefore = new Map(before.indicators.map((row) => [row.indicator.id, row]))
  for (const row of after.indicators) {
    const old = indicatorsBefore.get(row.indicator.id)
    if (!old) continue
    const rate = (c: typeof row.assessment.completion): Dec | null => (c.status === 'rate' ? c.rate : null)
    const value = (r: typeof old): string | null =>
      r.reading?.actualValue || r.reading?.qualitativeGrade || r.reading?.actualLabel
        ? actualText(r.indicator, r.reading, r.assessment.completion)
        : null
    rows.push({
      key: `indicator:${row.indicator.id}`,
      kind: 'indicator',
      subjectId: row.indicator.id,
      name: row.indicator.name,
      rateBefore: rate(old.assessment.completion),
      rateAfter: rate(row.assessment.completion),
      valueBefore: value(old),
      valueAfter: value(row),
      lightBefore: old.assessment.light,
      lightAfter: row.assessment.light,
      direction: directionOf(old.assessment.light, row.assessment.light),
    })
  }
  const order: Record<ChangeDirection, number> = { improved: 0, regressed: 1, unchanged: 2 }
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => order[a.row.direction] - order[b.row.direction] || a.index - b.index)
    .map(({ row }) => row)
}
