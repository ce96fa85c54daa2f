/**
 * 预算研判 at a node (docs/domain-rules.md §7.2): 全年预计执行数, 完成可能性 and 偏差原因 of each line,
 * judged as the user types. The line's light is the budget light of its own 执行率 (`budgetLight`);
 * 偏差原因 (a category and a text) are required when that light is red or yellow or the likelihood is
 * not 确定能 — the same rule `validateReading` applies to indicators.
 */
import { D, decimalOrZero, formatAmount } from './decimal'
import type { Dec } from './decimal'
import { parseTypedNumber } from './entryInput'
import { budgetLight } from './lights'
import type { BudgetLightResult } from './lights'
import type { BudgetFigures } from './rates'
import { issue } from './result'
import type { ValidationIssue } from './result'
import type { MonitoringSettings } from './settings'
import type { BudgetLine, BudgetLineJudgement, DeviationCause, Id, Likelihood } from './types'

export interface JudgementDraft {
  yearEndForecast: string
  likelihood: Likelihood | ''
  deviationCauses: DeviationCause[]
  deviationText: string
  /** the node it was carried from, '' once confirmed or edited (BudgetLineJudgement.carriedFrom; see settleCarried) */
  carriedFrom: string
}

export function draftFromJudgement(judgement: BudgetLineJudgement | undefined | null): JudgementDraft {
  return {
    yearEndForecast: judgement?.yearEndForecast ?? '',
    likelihood: judgement?.likelihood ?? '',
    deviationCauses: [...(judgement?.deviationCauses ?? [])],
    deviationText: judgement?.deviationText ?? '',
    carriedFrom: judgement?.carriedFrom ?? '',
  }
}

export function judgementDraftIsEmpty(draft: JudgementDraft): boolean {
  return (
    !draft.yearEndForecast.trim() &&
    !draft.likelihood &&
    draft.deviationCauses.length === 0 &&
    !draft.deviationText.trim()
  )
}

export interface JudgedBudgetLine {
  judgement: BudgetLineJudgement
  budgetLight: BudgetLightResult
  issues: ValidationIssue[]
  byField: Record<string, string[]>
}

const LIGHT_WORDS = { red: '红灯', yellow: '黄灯' } as const

/** The judgement the draft stands for, its line's light, and what is missing or wrong. */
export function judgeBudgetLineDraft(
  line: BudgetLine,
  figures: BudgetFigures,
  timeProgress: Dec,
  settings: MonitoringSettings,
  draft: JudgementDraft,
  ids: { id: Id; nodeId: Id },
): JudgedBudgetLine {
  const issues: ValidationIssue[] = []
  const judgement: BudgetLineJudgement = {
    ...ids,
    budgetLineId: line.id,
    deviationCauses: [...draft.deviationCauses],
    deviationText: draft.deviationText.trim(),
  }
  const forecast = parseTypedNumber(draft.yearEndForecast, '全年预计执行数')
  if (!forecast.ok) issues.push(issue('yearEndForecast', 'forecast.notDecimal', forecast.message))
  else if (forecast.value !== null) {
    judgement.yearEndForecast = forecast.value
    const value = new D(forecast.value)
    const available = figures.adjustedBudget.plus(decimalOrZero(line.carryOver))
    if (value.isNegative() && !value.isZero())
      issues.push(issue('yearEndForecast', 'forecast.negative', '全年预计执行数不能为负数'))
    else if (value.gt(available)) {
      issues.push(
        issue(
          'yearEndForecast',
          'forecast.exceedsBudget',
          `全年预计执行数 ${formatAmount(value)} 万元大于可用预算 ${formatAmount(available)} 万元，请确认`,
          'warning',
        ),
      )
    }
  }
  if (draft.carriedFrom) judgement.carriedFrom = draft.carriedFrom
  if (draft.likelihood) judgement.likelihood = draft.likelihood
  else issues.push(issue('likelihood', 'likelihood.required', '请选择完成预算执行的可能性'))

  const light = budgetLight(figures.executionRate, timeProgress, settings.budgetLight)
  const reasons: string[] = []
  if (light.light === 'red' || light.light === 'yellow') reasons.push(`执行进度为${LIGHT_WORDS[light.light]}`)
  if (draft.likelihood && draft.likelihood !== '确定能') reasons.push(`完成可能性为“${draft.likelihood}”`)
  if (reasons.length > 0) {
    const why = reasons.join('、')
    if (draft.deviationCauses.length === 0)
      issues.push(issue('deviationCauses', 'deviation.causeRequired', `${why}，请选择至少一项偏差原因`))
    if (!draft.deviationText.trim())
      issues.push(issue('deviationText', 'deviation.textRequired', `${why}，请填写偏差原因说明`))
  }
  const byField: Record<string, string[]> = {}
  for (const i of issues) (byField[i.field] ??= []).push(i.message)
  return { judgement, budgetLight: light, issues, byField }
}
