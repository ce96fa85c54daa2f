/**
 * How an alert reads to a leader: where it stands (未处理 → 处理中 → 已关闭), its rule in plain words
 * (「执行进度比低于 60 为红色，低于 80 为黄色」, never a rule id or `red=60`), and the 预警清单 / 领导批示单
 * of a node — every alert with its reason, the 批示 given, the 纠偏措施 and who is responsible for them.
 * Pure: the xlsx export (io/alertList) and the printed 批示单 lay out the same rows.
 */
import { ALERT_RULE_LABELS, alertSubjectName, type AlertRuleId } from './alerts'
import { LIGHTS } from './lightPresentation'
import { beijingDateTime } from './report/release'
import type { Alert, CorrectiveMeasure, Id, Light, UnitYearDataset } from './types'

export type AlertProgress = 'open' | 'inProgress' | 'closed'

export const ALERT_PROGRESS_LABELS: Readonly<Record<AlertProgress, string>> = {
  open: '未处理',
  inProgress: '处理中',
  closed: '已关闭',
}

/**
 * 已关闭 when closed; otherwise 处理中 once a leader has acted on it — a 批示 or a 纠偏措施 (指派 in its
 * history, or any measure that refers to it) — and 未处理 before that. Reopening keeps what was done:
 * a reopened alert with an earlier 批示 is 处理中.
 */
export function alertProgress(
  alert: Pick<Alert, 'id' | 'status' | 'history'>,
  measures: readonly Pick<CorrectiveMeasure, 'alertId'>[],
): AlertProgress {
  if (alert.status === 'closed') return 'closed'
  const acted = (alert.history ?? []).some((e) => e.kind === 'comment' || e.kind === 'assign')
  return acted || measures.some((m) => m.alertId === alert.id) ? 'inProgress' : 'open'
}

/** The rule behind an alert and its thresholds, in the words a leader reads. */
export function describeAlertRule(ruleId: string, thresholds: Readonly<Record<string, string>>): string {
  const { red, yellow, blue, ceiling, deadline, max } = thresholds
  switch (ruleId as AlertRuleId) {
    case 'budget.light':
    case 'budget.projectLight':
      return red && yellow
        ? `执行进度比（执行率 ÷ 序时进度 × 100）低于 ${red} 为红色，低于 ${yellow} 为黄色`
        : '执行进度比偏低时预警'
    case 'budget.overspent':
      return `执行率高于 ${max ?? '100'}% 为红色`
    case 'data.unallocatedSpend':
      return '执行数大于到位资金即为数据错误，须核对'
    case 'indicator.light':
      if (ceiling) return `成本上限 ${ceiling}：实际已超过上限为红色，预计全年将超过上限为黄色`
      return red && yellow ? `完成进度比低于 ${red}% 为红色，低于 ${yellow}% 为黄色` : '指标完成进度偏离时预警'
    case 'indicator.overrun':
      return blue ? `完成进度比达到 ${blue}% 及以上为蓝色，须说明原因` : '指标超进度时须说明原因'
    case 'indicator.invalid':
      return '填报的数值无法计算完成进度时提示，须更正'
    case 'indicator.missing':
      return '指标已到监控节点而未填报实际完成值时提示'
    case 'indicator.impossible':
      return '完成目标可能性填为“完全不可能”即为红色'
    case 'budget.impossible':
      return '全年执行可能性填为“完全不可能”即为红色'
    case 'reading.carried':
      return '沿用上一节点的填报、尚未确认时为黄色'
    case 'measure.overdue':
      return `纠偏措施过了期限${deadline ? `（${deadline}）` : ''}仍未完成即为黄色`
    default:
      return ALERT_RULE_LABELS[ruleId as AlertRuleId] ?? '按预警规则触发'
  }
}

/** One alert on the 预警清单 / 领导批示单. */
export interface AlertListRow {
  id: Id
  index: number
  light: Light
  /** 红灯, 黄灯 … */
  lightLabel: string
  subject: string
  rule: string
  message: string
  status: string
  /** each 批示 as 「才茨柯 2021年7月5日 14:30（北京时间）：内容」 */
  comments: string[]
  /** each measure as 「内容（责任科室：…，期限2021-09-15，计划）」 */
  measures: string[]
  /** 责任科室 of its measures, each once */
  departments: string[]
}

export interface AlertList {
  unitName: string
  nodeLabel: string
  asOfDate: string
  rows: AlertListRow[]
}

/** The node's alerts (already merged with their review state and sorted) as the list a leader signs. */
export function alertList(
  alerts: readonly Alert[],
  dataset: UnitYearDataset,
  node: { label: string; asOfDate: string },
): AlertList {
  const rows = alerts.map((alert, i): AlertListRow => {
    const measures = dataset.measures.filter((m) => m.alertId === alert.id)
    const progress = alertProgress(alert, measures)
    const status =
      progress === 'closed' && alert.closedReason ? `已关闭（${alert.closedReason}）` : ALERT_PROGRESS_LABELS[progress]
    return {
      id: alert.id,
      index: i + 1,
      light: alert.light,
      lightLabel: LIGHTS[alert.light].label,
      subject: alertSubjectName(alert, dataset),
      rule: ALERT_RULE_LABELS[alert.ruleId as AlertRuleId] ?? alert.ruleId,
      message: alert.message,
      status,
      comments: (alert.history ?? [])
        .filter((e) => e.kind === 'comment')
        .map((e) => `${e.by} ${beijingDateTime(e.at) ?? ''}（北京时间）：${e.text}`),
      measures: measures.map(
        (m) =>
          `${m.content}（责任科室：${m.department || '未指定'}${m.deadline ? `，期限${m.deadline}` : ''}，${m.status}）`,
      ),
      departments: [...new Set(measures.map((m) => m.department).filter((d) => d))],
    }
  })
  return { unitName: dataset.unit.name, nodeLabel: node.label, asOfDate: node.asOfDate, rows }
}
