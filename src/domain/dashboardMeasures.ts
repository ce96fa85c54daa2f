/**
 * The 纠偏措施 loop: a measure's status at a node (逾期 is derived, never typed), and whether the
 * light of the alert it answers improved by a later node.
 */
import type { NodeSnapshot } from './snapshot'
import type { Alert, CorrectiveMeasure, IsoDate, Light, MeasureStatus } from './types'

/**
 * Past its deadline at `asOf` and not 已完成; with no node (`asOf` null) nothing is overdue. Dates are
 * checked 'yyyy-MM-dd' strings, which order like dates.
 */
export function isOverdue(measure: Pick<CorrectiveMeasure, 'deadline' | 'status'>, asOf: IsoDate | null): boolean {
  return measure.status !== '已完成' && !!measure.deadline && asOf !== null && measure.deadline < asOf
}

/** The status shown at a node: 逾期 when overdue, else the stored one (计划 / 进行中 / 已完成). */
export function measureStatusAt(
  measure: Pick<CorrectiveMeasure, 'deadline' | 'status'>,
  asOf: IsoDate | null,
): MeasureStatus {
  return isOverdue(measure, asOf) ? '逾期' : measure.status === '逾期' ? '进行中' : measure.status
}

/** The light of an alert's subject in a snapshot (null when the snapshot has no such subject). */
export function subjectLight(
  snapshot: NodeSnapshot,
  alert: Pick<Alert, 'ruleId' | 'subjectType' | 'subjectId'>,
): Light | null {
  switch (alert.subjectType) {
    case 'unit':
      return snapshot.budgetLight.light
    case 'indicator':
      return snapshot.indicators.find((row) => row.indicator.id === alert.subjectId)?.assessment.light ?? null
    case 'project': {
      const project = snapshot.projectLights.find((p) => p.projectId === alert.subjectId)
      if (!project) return null
      const rate = project.budget?.executionRate
      if (alert.ruleId !== 'budget.projectLight' || !rate || !snapshot.timeProgress.gt(0)) return project.light
      // same ratio as the budget light, against the same thresholds the alert stored
      const ratio = rate.div(snapshot.timeProgress).times(100)
      const red = Number(alertThreshold(alert, 'red', 60))
      const yellow = Number(alertThreshold(alert, 'yellow', 80))
      return ratio.lt(red) ? 'red' : ratio.lt(yellow) ? 'yellow' : 'green'
    }
    default:
      return null
  }
}

function alertThreshold(
  alert: Pick<Alert, 'ruleId'> & Partial<Pick<Alert, 'thresholds'>>,
  key: string,
  fallback: number,
): string {
  return alert.thresholds?.[key] ?? String(fallback)
}

export type LightChange = 'improved' | 'unchanged' | 'worse' | 'unknown'

/** How bad a light is for "did it improve": red worst; blue and green both mean no shortfall. */
const BADNESS: Readonly<Record<Light, number | null>> = { red: 3, yellow: 2, blue: 1, green: 0, grey: null }

/** Compares the light an alert fired with to its subject's light at a later node. */
export function lightChange(before: Light, after: Light | null): LightChange {
  if (after === null) return 'unknown'
  const b = BADNESS[before]
  const a = BADNESS[after]
  if (a === null || b === null) return 'unknown'
  return a < b ? 'improved' : a > b ? 'worse' : 'unchanged'
}

export const LIGHT_CHANGE_LABELS: Readonly<Record<LightChange, string>> = {
  improved: '已改善',
  unchanged: '未改善',
  worse: '进一步恶化',
  unknown: '无法判断',
}
