/**
 * 预警: which deviations a node raises, each with its rule id, the thresholds and the inputs that
 * raised it, and one Chinese sentence that says why (docs/domain-rules.md §8). Pure: computed from the node
 * snapshot and the dataset; the id is derived from (node, rule, subject), so computing twice gives
 * the same alerts and storing them again (db/alerts.replaceNodeAlerts) changes nothing.
 *
 * Rules (ids are stored; never rename one):
 * - budget.light          unit 执行进度比 (执行率 ÷ 序时进度 × 100) below the yellow threshold;
 * - budget.projectLight   the same for each project's own budget;
 * - budget.overspent      unit 执行率 > 100%;
 * - data.unallocatedSpend a budget line's 执行数 > 到位资金 (a data error, docs/domain-rules.md §6.2);
 * - indicator.light       an indicator's light is red or yellow (a cost ceiling: its actual or its
 *                         year-end forecast breaks the ceiling; spending slowly under it raises nothing);
 * - indicator.overrun     blue: at or above the over-run threshold, needs an explanation;
 * - indicator.invalid     the reading cannot give a rate (bad input), with validation's message;
 * - indicator.missing     a due indicator without a value;
 * - indicator.impossible  完成可能性 = 完全不可能;
 * - budget.impossible     a budget line judged 完全不可能 to reach its year-end figure;
 * - reading.carried       an indicator's reading copied from an earlier node (carriedFrom) and not
 *                         yet confirmed or edited at this one: its figures are last node's
 *                         (docs/domain-rules.md §7.4);
 * - measure.overdue       a 纠偏措施 past its deadline at the node date and not 已完成.
 */
import { formatAmount, formatNumber, formatPercent, parseDecimal } from './decimal'
import type { Dec } from './decimal'
import { isCostCeiling } from './completion'
import { actualText, targetText } from './indicatorText'
import { isOverdue } from './dashboardMeasures'
import type { NodeSnapshot, SnapshotIndicator } from './snapshot'
import { ROWS_PER_STEP, runSteps, type Steps } from './steps'
import type { MonitoringSettings } from './settings'
import type { Alert, AlertSubject, CorrectiveMeasure, Id, Light, UnitYearDataset } from './types'

export type AlertRuleId =
  | 'budget.light'
  | 'budget.projectLight'
  | 'budget.overspent'
  | 'data.unallocatedSpend'
  | 'indicator.light'
  | 'indicator.overrun'
  | 'indicator.invalid'
  | 'indicator.missing'
  | 'indicator.impossible'
  | 'budget.impossible'
  | 'reading.carried'
  | 'measure.overdue'

/** What each rule checks, in the words a leader reads (filters and legends). */
export const ALERT_RULE_LABELS: Readonly<Record<AlertRuleId, string>> = {
  'budget.light': '预算执行进度偏慢',
  'budget.projectLight': '项目预算执行偏慢',
  'budget.overspent': '超预算支出',
  'data.unallocatedSpend': '数据错误：执行数大于到位资金',
  'indicator.light': '指标完成进度偏离',
  'indicator.overrun': '指标超进度（需说明）',
  'indicator.invalid': '数据错误：指标填报无效',
  'indicator.missing': '指标未填报',
  'indicator.impossible': '指标完全不可能完成',
  'budget.impossible': '预算完全不可能执行完毕',
  'reading.carried': '指标填报沿用上一节点，尚未确认',
  'measure.overdue': '纠偏措施逾期',
}

/** Percent places in a stored sentence: fixed, so the sentence never changes with the display setting. */
const SENTENCE_PLACES = 2
const LIGHT_WORDS: Readonly<Record<Light, string>> = {
  red: '红色预警',
  yellow: '黄色预警',
  blue: '蓝色预警',
  green: '',
  grey: '提示',
}

/** The stable id of an alert: one per (node, rule, subject). */
export function alertId(nodeId: Id, ruleId: string, subjectId: Id): Id {
  return `alert:${nodeId}:${ruleId}:${subjectId}`
}

export interface ComputeAlertsInput {
  dataset: UnitYearDataset
  snapshot: NodeSnapshot
  settings: MonitoringSettings
}

/** Every alert the node raises, budget first, then indicators, then measures; all `open`. */
export function computeNodeAlerts(input: ComputeAlertsInput): Alert[] {
  return runSteps(nodeAlertsSteps(input))
}

/** computeNodeAlerts in steps (domain/steps.ts): a pause after every ROWS_PER_STEP indicators. */
export function* nodeAlertsSteps({ dataset, snapshot, settings }: ComputeAlertsInput): Steps<Alert[]> {
  const nodeId = snapshot.node.id
  const alerts: Alert[] = []
  const raise: Raise = (ruleId, light, subjectType, subjectId, thresholds, inputs, message) => {
    alerts.push({
      id: alertId(nodeId, ruleId, subjectId),
      nodeId,
      ruleId,
      light,
      subjectType,
      subjectId,
      thresholds,
      inputs,
      message,
      status: 'open',
    })
  }
  const pct = (value: Dec): string => formatPercent(value, SENTENCE_PLACES)
  const budgetThresholds = { red: String(settings.budgetLight.red), yellow: String(settings.budgetLight.yellow) }

  // Budget light of the unit, on seed 001 (docs/domain-rules.md §8.1): (执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警).
  const unit = snapshot.budget.unit
  const { light, ratio } = snapshot.budgetLight
  if ((light === 'red' || light === 'yellow') && ratio && unit.executionRate) {
    const limit = light === 'red' ? settings.budgetLight.red : settings.budgetLight.yellow
    raise(
      'budget.light',
      light,
      'unit',
      dataset.unit.id,
      budgetThresholds,
      {
        executionRate: unit.executionRate.toFixed(),
        timeProgress: snapshot.timeProgress.toFixed(),
        ratio: ratio.toFixed(),
        spent: unit.spent.toFixed(),
        adjustedBudget: unit.adjustedBudget.toFixed(),
      },
      `执行率${pct(unit.executionRate)}，序时进度${pct(snapshot.timeProgress)}，执行进度比${formatNumber(ratio, 1)}，低于${limit}，${LIGHT_WORDS[light]}`,
    )
  }
  if (snapshot.overspent && unit.executionRate) {
    raise(
      'budget.overspent',
      'red',
      'unit',
      dataset.unit.id,
      { max: '100' },
      {
        executionRate: unit.executionRate.toFixed(),
        spent: unit.spent.toFixed(),
        adjustedBudget: unit.adjustedBudget.toFixed(),
      },
      `执行数${formatAmount(unit.spent)}万元超过调整后预算${formatAmount(unit.adjustedBudget)}万元，执行率${pct(unit.executionRate)}，高于100%，红色预警`,
    )
  }
  for (const project of snapshot.projectLights) {
    const rate = project.budget?.executionRate
    const { light: projectLight, ratio: projectRatio } = project.budgetLight
    if (!rate || (projectLight !== 'red' && projectLight !== 'yellow') || !projectRatio) continue
    const limit = projectLight === 'red' ? settings.budgetLight.red : settings.budgetLight.yellow
    raise(
      'budget.projectLight',
      projectLight,
      'project',
      project.projectId,
      budgetThresholds,
      { executionRate: rate.toFixed(), timeProgress: snapshot.timeProgress.toFixed(), ratio: projectRatio.toFixed() },
      `项目“${project.name}”执行率${pct(rate)}，序时进度${pct(snapshot.timeProgress)}，执行进度比${formatNumber(projectRatio, 1)}，低于${limit}，${LIGHT_WORDS[projectLight]}`,
    )
  }
  for (const { line, figures } of snapshot.budget.byLine) {
    if (!figures.spent.gt(figures.allocated)) continue
    raise(
      'data.unallocatedSpend',
      'red',
      'budgetLine',
      line.id,
      {},
      { spent: figures.spent.toFixed(), allocated: figures.allocated.toFixed() },
      `“${line.name}”执行数${formatAmount(figures.spent)}万元，高于到位资金${formatAmount(figures.allocated)}万元，数据有误，请核对`,
    )
  }
  for (const judgement of dataset.budgetJudgements) {
    if (judgement.nodeId !== nodeId || judgement.likelihood !== '完全不可能') continue
    const line = dataset.budgetLines.find((l) => l.id === judgement.budgetLineId)
    raise(
      'budget.impossible',
      'red',
      'budgetLine',
      judgement.budgetLineId,
      {},
      { likelihood: judgement.likelihood },
      `“${line?.name ?? '预算项目'}”全年执行的可能性为“完全不可能”，红色预警`,
    )
  }

  const t = settings.indicatorLight
  // one thresholds object for every indicator alert of the node (thousands at 主管部门 size)
  const indicatorThresholds = Object.freeze({ red: String(t.red), yellow: String(t.yellow), blue: String(t.blue) })
  let done = 0
  for (const row of snapshot.indicators) {
    if (done > 0 && done % ROWS_PER_STEP === 0) yield
    indicatorAlerts(row, settings, indicatorThresholds, raise)
    done += 1
  }

  // “办理建设项目用地初审”的实际值沿用自“2021年1-6月”，尚未确认
  const labels = new Map(dataset.nodes.map((n) => [n.id, n.label]))
  for (const { indicator, reading } of snapshot.indicators) {
    const from = reading?.carriedFrom
    if (!from) continue
    const label = labels.get(from) || '上一节点'
    const actual = reading.actualValue ?? reading.qualitativeGrade
    raise(
      'reading.carried',
      'yellow',
      'indicator',
      indicator.id,
      NO_THRESHOLDS,
      { carriedFrom: from, carriedFromLabel: label, actual: actual ?? '' },
      `“${indicator.name}”的${actual !== undefined ? '实际值' : '填报'}沿用自“${label}”，尚未确认`,
    )
  }

  for (const measure of dataset.measures) {
    if (!isOverdue(measure, snapshot.asOf)) continue
    raise(
      'measure.overdue',
      'yellow',
      'measure',
      measure.id,
      { deadline: measure.deadline ?? '' },
      { asOf: snapshot.asOf, status: measure.status },
      `纠偏措施“${shorten(measure.content)}”（${measure.department || '未指定科室'}）期限${measure.deadline ?? ''}已过，尚未完成`,
    )
  }
  return alerts
}

type Raise = (
  ruleId: AlertRuleId,
  light: Light,
  subjectType: AlertSubject,
  subjectId: Id,
  thresholds: Record<string, string>,
  inputs: Record<string, string>,
  message: string,
) => void

const NO_THRESHOLDS: Record<string, string> = Object.freeze({})

function indicatorAlerts(
  row: SnapshotIndicator,
  settings: MonitoringSettings,
  thresholds: Record<string, string>,
  raise: Raise,
): void {
  const { indicator, reading, assessment } = row
  const completion = assessment.completion
  const light = assessment.light
  // Most indicators raise nothing: leave before building their inputs (20,000 indicators at 主管部门 size).
  const raises =
    completion.status === 'invalid' ||
    completion.status === 'missing' ||
    light === 'red' ||
    light === 'yellow' ||
    light === 'blue' ||
    reading?.likelihood === '完全不可能'
  if (!raises) return
  const name = `“${indicator.name}”`
  const t = settings.indicatorLight
  const inputs: Record<string, string> = {
    actual: reading?.actualValue ?? reading?.qualitativeGrade ?? '',
    target: indicator.targetValue,
    operator: indicator.operator,
  }
  if (assessment.expected) inputs.expected = assessment.expected.toFixed()
  if (assessment.ratioToExpected) inputs.ratioToExpected = assessment.ratioToExpected.toFixed()
  if (completion.status === 'rate') inputs.completionRate = completion.rate.toFixed()
  const forecast = assessment.ceilingForecast
  if (forecast) {
    inputs.forecast = forecast.value.toFixed()
    inputs.forecastSource = forecast.source
    if (forecast.source === 'trend') inputs.timeProgress = forecast.timeProgress.toFixed()
  }

  if (completion.status === 'invalid') {
    raise(
      'indicator.invalid',
      'yellow',
      'indicator',
      indicator.id,
      NO_THRESHOLDS,
      inputs,
      `${name}填报有误：${completion.message}`,
    )
  } else if (completion.status === 'missing') {
    raise(
      'indicator.missing',
      'grey',
      'indicator',
      indicator.id,
      NO_THRESHOLDS,
      inputs,
      `${name}已到监控节点，尚未填报实际完成值`,
    )
  }
  if (light === 'red' || light === 'yellow' || light === 'blue') {
    const ratio = assessment.ratioToExpected
    const actual = actualText(indicator, reading, completion)
    let why: string
    const ceiling = isCostCeiling(indicator) ? parseDecimal(indicator.targetValue) : null
    if (ceiling && (light === 'red' || light === 'yellow')) {
      why = ceilingWhy(row, ceiling, light)
    } else if (ratio && assessment.expected) {
      const comparison = light === 'blue' ? `达到${t.blue}%及以上` : `低于${light === 'red' ? t.red : t.yellow}%`
      why = `实际完成${actual}，节点应完成${formatNumber(assessment.expected, 2).replace(/\.?0+$/, '')}${indicator.measureUnit}，完成进度比${formatPercent(ratio, SENTENCE_PLACES)}，${comparison}`
    } else if (indicator.operator === '定性') {
      why = `评价为“${reading?.qualitativeGrade ?? ''}”`
    } else {
      why = `实际完成${actual}，未达到年度指标值${targetText(indicator)}`
    }
    raise(
      light === 'blue' ? 'indicator.overrun' : 'indicator.light',
      light,
      'indicator',
      indicator.id,
      ceiling ? { ceiling: ceiling.toFixed(), operator: indicator.operator } : thresholds,
      inputs,
      `${name}${why}，${LIGHT_WORDS[light]}${light === 'blue' ? '（超进度，需说明原因）' : ''}`,
    )
  }
  if (reading?.likelihood === '完全不可能') {
    raise(
      'indicator.impossible',
      'red',
      'indicator',
      indicator.id,
      NO_THRESHOLDS,
      { ...inputs, likelihood: reading.likelihood },
      `${name}完成目标可能性为“完全不可能”，红色预警`,
    )
  }
}

/**
 * Why a cost ceiling is red or yellow, in money (2 places, like the budget sentences) against the
 * ceiling as set: red 「实际160.00万元，已超过上限150万元」; yellow on the entered forecast
 * 「全年预计160.00万元，超过上限150万元」, on the trend 「实际80.00万元，按序时进度50.00%推算全年160.00万元，
 * 超过上限150万元」. Under `<` a value equal to the ceiling 「达到上限」.
 */
function ceilingWhy(row: SnapshotIndicator, ceiling: Dec, light: 'red' | 'yellow'): string {
  const { indicator, reading, assessment } = row
  const unit = indicator.measureUnit
  const limit = (value: Dec): string => `${value.eq(ceiling) ? '达到' : '超过'}上限${ceiling.toFixed()}${unit}`
  const actual = parseDecimal(reading?.actualValue)
  const forecast = assessment.ceilingForecast
  if (light === 'red' || !forecast)
    return `实际${actual ? formatAmount(actual) : ''}${unit}，已${limit(actual ?? ceiling)}`
  if (forecast.source === 'entered') return `全年预计${formatAmount(forecast.value)}${unit}，${limit(forecast.value)}`
  return `实际${actual ? formatAmount(actual) : ''}${unit}，按序时进度${formatPercent(forecast.timeProgress, SENTENCE_PLACES)}推算全年${formatAmount(forecast.value)}${unit}，${limit(forecast.value)}`
}

function shorten(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** How a raised alert finds its stored one: by rule and subject (withReviewState, domain/relight). */
export function reviewKey(ruleId: string, subjectId: Id): string {
  return `${ruleId}\u0000${subjectId}`
}

/**
 * The stored review state carried over to a fresh computation, matched by (rule, subject): id,
 * status, closing reason and history — the same rule as db/alerts.replaceNodeAlerts, so a view can
 * show current alerts with their review state before anything is written.
 */
export function withReviewState(computed: readonly Alert[], stored: readonly Alert[]): Alert[] {
  const byKey = new Map(stored.map((a) => [reviewKey(a.ruleId, a.subjectId), a]))
  return computed.map((alert) => {
    const old = byKey.get(reviewKey(alert.ruleId, alert.subjectId))
    if (!old) return alert
    const kept: Alert = { ...alert, id: old.id, status: old.status }
    if (old.closedReason !== undefined) kept.closedReason = old.closedReason
    if (old.history) kept.history = old.history
    return kept
  })
}

const SEVERITY: Readonly<Record<Light, number>> = { red: 0, yellow: 1, blue: 2, grey: 3, green: 4 }

/** Worst first, then open before closed; stable otherwise. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) || SEVERITY[a.light] - SEVERITY[b.light],
  )
}

/** Red and yellow alerts that are open and have no measure referring to them: the app prompts one. */
export function alertsNeedingMeasure(alerts: readonly Alert[], measures: readonly CorrectiveMeasure[]): Alert[] {
  const withMeasure = new Set(measures.map((m) => m.alertId).filter((id): id is Id => !!id))
  // a carried reading is settled by confirming or correcting it in 指标填报, not by a 纠偏措施
  return alerts.filter(
    (a) =>
      a.status === 'open' &&
      (a.light === 'red' || a.light === 'yellow') &&
      a.ruleId !== 'reading.carried' &&
      !withMeasure.has(a.id),
  )
}

/** What an alert is about, in words: '全部预算', '项目：…', '预算：…', '指标：…', '纠偏措施：…'. */
export function alertSubjectName(alert: Pick<Alert, 'subjectType' | 'subjectId'>, dataset: UnitYearDataset): string {
  switch (alert.subjectType) {
    case 'unit':
      return '预算执行（全部预算）'
    case 'project':
      return `项目：${dataset.projects.find((p) => p.id === alert.subjectId)?.name ?? '（已删除）'}`
    case 'budgetLine':
      return `预算：${dataset.budgetLines.find((l) => l.id === alert.subjectId)?.name ?? '（已删除）'}`
    case 'indicator':
      return `指标：${dataset.indicators.find((i) => i.id === alert.subjectId)?.name ?? '（已删除）'}`
    case 'measure':
      return `纠偏措施：${shorten(dataset.measures.find((m) => m.id === alert.subjectId)?.content ?? '（已删除）', 16)}`
  }
}

/** The project an alert belongs to (project, its budget line, or its target's project), else null (整体). */
export function alertProjectId(alert: Pick<Alert, 'subjectType' | 'subjectId'>, dataset: UnitYearDataset): Id | null {
  switch (alert.subjectType) {
    case 'project':
      return alert.subjectId
    case 'budgetLine':
      return dataset.budgetLines.find((l) => l.id === alert.subjectId)?.projectId ?? null
    case 'indicator': {
      const indicator = dataset.indicators.find((i) => i.id === alert.subjectId)
      return dataset.targets.find((t) => t.id === indicator?.targetId)?.projectId ?? null
    }
    default:
      return null
  }
}
