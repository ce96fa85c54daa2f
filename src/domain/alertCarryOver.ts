/**
 * 上一节点的处理情况 (carry-over): when a node raises an alert that an earlier node of the year also
 * raised — same subject (subjectType + subjectId) and same rule (ruleId), the natural key
 * db/alerts.replaceNodeAlerts keeps review state by — the leader sees what was done about it then:
 * that node's light and status, its 批示, the 纠偏措施 assigned to it (with their status as of the
 * current node) and whether the light improved since. And the other way round: the previous node's
 * alerts the current node no longer raises (e.g. 红灯 in 1-6月, 绿灯 by 1-9月), with what was done about
 * them and the subject's light now. Pure: plain alerts, nodes, measures and the node snapshot in.
 */
import { measureStatusAt, subjectLight } from './dashboardMeasures'
import type { NodeSnapshot } from './snapshot'
import type { Alert, CorrectiveMeasure, Id, IsoDate, IsoDateTime, Light, MonitoringNode } from './types'

/** 改善 / 未改善 / 恶化, or 不可比 when either light is blue (over-run) or grey (no data). */
export type CarryOverVerdict = 'improved' | 'unchanged' | 'worse' | 'incomparable'

export const CARRY_OVER_VERDICT_LABELS: Readonly<Record<CarryOverVerdict, string>> = {
  improved: '改善',
  unchanged: '未改善',
  worse: '恶化',
  incomparable: '不可比',
}

/**
 * Severity for the verdict only: red worse than yellow worse than green (docs/domain-rules.md §8.4).
 * Blue is a different kind of deviation (target probably set too low) and grey has no reading, so
 * neither is ranked here — unlike dashboardMeasures.lightChange, which ranks blue between yellow and
 * green (docs/domain-rules.md §9.3).
 */
const SEVERITY: Readonly<Partial<Record<Light, number>>> = { red: 2, yellow: 1, green: 0 }

export function carryOverVerdict(before: Light, now: Light): CarryOverVerdict {
  const b = SEVERITY[before]
  const n = SEVERITY[now]
  if (b === undefined || n === undefined) return 'incomparable'
  return n < b ? 'improved' : n > b ? 'worse' : 'unchanged'
}

/** One 批示 on the earlier alert, as its history recorded it. */
export interface CarriedComment {
  by: string
  at: IsoDateTime
  text: string
}

/** A 纠偏措施 assigned to the earlier alert; `status` is the one shown at the current node (逾期 derived). */
export type CarriedMeasure = Pick<
  CorrectiveMeasure,
  'id' | 'kind' | 'content' | 'effect' | 'department' | 'deadline' | 'status'
>

/** An earlier node's alert and what became of it. */
export interface EarlierAlert {
  /** the earlier node */
  nodeId: Id
  nodeLabel: string
  asOfDate: IsoDate
  /** the earlier alert and what became of it */
  earlierAlertId: Id
  light: Light
  status: Alert['status']
  closedReason?: string
  comments: CarriedComment[]
  measures: CarriedMeasure[]
}

export interface AlertCarryOver extends EarlierAlert {
  /** the current alert this carry-over belongs to */
  alertId: Id
  currentLight: Light
  verdict: CarryOverVerdict
}

export interface CarryOverInput {
  /** the alerts shown at the current node (all of one node) */
  current: readonly Alert[]
  /** stored alerts of other nodes; alerts of the current or later nodes are ignored */
  earlier: readonly Alert[]
  /** the year's nodes (any order; compared by asOfDate) */
  nodes: readonly MonitoringNode[]
  measures: readonly CorrectiveMeasure[]
}

const keyOf = (a: Pick<Alert, 'subjectType' | 'subjectId' | 'ruleId'>): string =>
  JSON.stringify([a.subjectType, a.subjectId, a.ruleId])

/**
 * For each current alert (by id), the most recent earlier-node alert with the same subject and rule,
 * or no entry when no earlier node raised it. "Earlier" means an asOfDate before the current node's.
 */
export function alertCarryOvers({ current, earlier, nodes, measures }: CarryOverInput): Map<Id, AlertCarryOver> {
  const nodeById = new Map(nodes.map((n) => [n.id, n]))
  const measuresByAlert = groupByAlert(measures)
  // per key, the earlier alerts latest node first (ties on the date broken by node id, for a stable answer)
  const earlierByKey = new Map<string, { alert: Alert; node: MonitoringNode }[]>()
  for (const alert of earlier) {
    const node = nodeById.get(alert.nodeId)
    if (!node) continue
    const list = earlierByKey.get(keyOf(alert))
    if (list) list.push({ alert, node })
    else earlierByKey.set(keyOf(alert), [{ alert, node }])
  }
  for (const list of earlierByKey.values()) {
    list.sort((x, y) => y.node.asOfDate.localeCompare(x.node.asOfDate) || y.node.id.localeCompare(x.node.id))
  }

  const out = new Map<Id, AlertCarryOver>()
  for (const alert of current) {
    const node = nodeById.get(alert.nodeId)
    if (!node) continue
    const found = earlierByKey.get(keyOf(alert))?.find((e) => e.node.asOfDate < node.asOfDate)
    if (!found) continue
    out.set(alert.id, {
      ...earlierAlert(found.alert, found.node, measuresByAlert, node.asOfDate),
      alertId: alert.id,
      currentLight: alert.light,
      verdict: carryOverVerdict(found.alert.light, alert.light),
    })
  }
  return out
}

/** A previous node's alert that the current node no longer raises. */
export interface NoLongerRaised extends EarlierAlert {
  /** the earlier alert itself (subject, rule, message) */
  alert: Alert
  /** the subject's light at the current node; null where the subject has no light (a budget line, a measure) */
  currentLight: Light | null
  /** null when there is no light to compare with */
  verdict: CarryOverVerdict | null
}

export interface NoLongerRaisedInput extends CarryOverInput {
  snapshot: NodeSnapshot
}

/**
 * The alerts of the node just before the snapshot's node (by asOfDate) whose subject and rule the
 * current alerts do not include. Only the node just before: at 1-9月 a 1-6月 alert that already
 * stopped firing at 1-7月 was 1-7月's news. The previous node's alerts are the stored ones: a node
 * whose 预警 page was never opened (so nobody acted on it) contributes nothing.
 */
export function noLongerRaised({ current, earlier, nodes, measures, snapshot }: NoLongerRaisedInput): NoLongerRaised[] {
  const asOf = snapshot.node.asOfDate
  const previous = [...nodes]
    .filter((n) => n.asOfDate < asOf)
    .sort((x, y) => y.asOfDate.localeCompare(x.asOfDate) || y.id.localeCompare(x.id))[0]
  if (!previous) return []
  const raisedNow = new Set(current.map(keyOf))
  const measuresByAlert = groupByAlert(measures)
  return earlier
    .filter((a) => a.nodeId === previous.id && !raisedNow.has(keyOf(a)))
    .map((alert) => {
      const now = subjectLight(snapshot, alert)
      return {
        ...earlierAlert(alert, previous, measuresByAlert, asOf),
        alert,
        currentLight: now,
        verdict: now === null ? null : carryOverVerdict(alert.light, now),
      }
    })
}

function groupByAlert(measures: readonly CorrectiveMeasure[]): Map<Id, CorrectiveMeasure[]> {
  const byAlert = new Map<Id, CorrectiveMeasure[]>()
  for (const m of measures) {
    if (m.alertId === undefined) continue
    const list = byAlert.get(m.alertId)
    if (list) list.push(m)
    else byAlert.set(m.alertId, [m])
  }
  return byAlert
}

function earlierAlert(
  before: Alert,
  node: MonitoringNode,
  measuresByAlert: ReadonlyMap<Id, readonly CorrectiveMeasure[]>,
  asOf: IsoDate,
): EarlierAlert {
  const out: EarlierAlert = {
    nodeId: node.id,
    nodeLabel: node.label,
    asOfDate: node.asOfDate,
    earlierAlertId: before.id,
    light: before.light,
    status: before.status,
    comments: (before.history ?? []).filter((e) => e.kind === 'comment').map(({ by, at, text }) => ({ by, at, text })),
    measures: (measuresByAlert.get(before.id) ?? []).map((m) => carriedMeasure(m, asOf)),
  }
  if (before.status === 'closed' && before.closedReason) out.closedReason = before.closedReason
  return out
}

function carriedMeasure(m: CorrectiveMeasure, asOf: IsoDate): CarriedMeasure {
  const carried: CarriedMeasure = {
    id: m.id,
    kind: m.kind,
    content: m.content,
    effect: m.effect,
    department: m.department,
    status: measureStatusAt(m, asOf),
  }
  if (m.deadline) carried.deadline = m.deadline
  return carried
}
