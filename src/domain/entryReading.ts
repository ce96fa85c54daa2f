/**
 * 指标填报 as the user types: the draft of one indicator's reading at a node, turned into an
 * `IndicatorReading` and judged by the same functions the snapshot uses (`indicatorLight`,
 * `validateReading`), so the light and completion rate on the form are the ones every view will show.
 */
import { typedNumberOrText } from './entryInput'
import { completionText } from './indicatorText'
import { indicatorLight } from './lights'
import type { IndicatorAssessment } from './lights'
import type { ValidationIssue } from './result'
import type { MonitoringSettings } from './settings'
import type { DeviationCause, Id, Indicator, IndicatorReading, IsoDate, Likelihood, QualitativeGrade } from './types'
import { validateReading } from './validation'

/** What the form holds for one indicator: texts as typed, choices as chosen ('' = none). */
export interface ReadingDraft {
  actualValue: string
  actualLabel: string
  qualitativeGrade: QualitativeGrade | ''
  qualitativePercent: string
  yearEndForecast: string
  likelihood: Likelihood | ''
  deviationCauses: DeviationCause[]
  deviationText: string
  /** the node it was carried from, '' once confirmed or edited (see IndicatorReading.carriedFrom) */
  carriedFrom: string
}

export function draftFromReading(reading: IndicatorReading | undefined | null): ReadingDraft {
  return {
    actualValue: reading?.actualValue ?? '',
    actualLabel: reading?.actualLabel ?? '',
    qualitativeGrade: reading?.qualitativeGrade ?? '',
    qualitativePercent: reading?.qualitativePercent ?? '',
    yearEndForecast: reading?.yearEndForecast ?? '',
    likelihood: reading?.likelihood ?? '',
    deviationCauses: [...(reading?.deviationCauses ?? [])],
    deviationText: reading?.deviationText ?? '',
    carriedFrom: reading?.carriedFrom ?? '',
  }
}

/**
 * The draft as the user leaves it: a carried reading whose figures or reasons were changed is the
 * user's own now, so it stops being marked 「沿用上一节点」 (confirming clears the mark explicitly).
 */
export function settleCarried<Draft extends { carriedFrom: string }>(draft: Draft, started: Draft): Draft {
  if (!draft.carriedFrom) return draft
  // the stored row is this node's own now (confirmed or edited and saved): nothing is carried any more
  if (!started.carriedFrom) return { ...draft, carriedFrom: '' }
  const { carriedFrom: _now, ...figures } = draft
  const { carriedFrom: _then, ...before } = started
  return JSON.stringify(figures) === JSON.stringify(before) ? draft : { ...draft, carriedFrom: '' }
}

/**
 * A 定性 reading whose grade changed while its result text (e.g. 有所提升) stayed: the text described
 * the old grade, so the user is asked to update it (docs/domain-rules.md §7.1). Null when there is nothing to ask.
 */
export function staleResultText(draft: ReadingDraft, started: ReadingDraft): string | null {
  const text = started.actualLabel.trim()
  if (!text || !started.qualitativeGrade || draft.qualitativeGrade === started.qualitativeGrade) return null
  if (draft.actualLabel.trim() !== text) return null
  return `完成等级已由“${started.qualitativeGrade}”改为“${draft.qualitativeGrade || '未选'}”，结果描述仍为“${text}”，请一并更新`
}

/**
 * The reading the draft stands for. Numbers typed with separators ('1,234.5') are stored plain; text
 * that is not a number is kept as typed so the completion rate reports it. Empty fields are left out.
 */
export function readingFromDraft(draft: ReadingDraft, ids: { id: Id; nodeId: Id; indicatorId: Id }): IndicatorReading {
  const reading: IndicatorReading = {
    ...ids,
    deviationCauses: [...draft.deviationCauses],
    deviationText: draft.deviationText.trim(),
  }
  const actual = typedNumberOrText(draft.actualValue)
  if (actual) reading.actualValue = actual
  if (draft.actualLabel.trim()) reading.actualLabel = draft.actualLabel.trim()
  if (draft.qualitativeGrade) reading.qualitativeGrade = draft.qualitativeGrade
  const percent = typedNumberOrText(draft.qualitativePercent)
  if (percent) reading.qualitativePercent = percent
  const forecast = draft.yearEndForecast.trim()
  if (forecast) reading.yearEndForecast = typedNumberOrText(forecast)
  if (draft.likelihood) reading.likelihood = draft.likelihood
  if (draft.carriedFrom) reading.carriedFrom = draft.carriedFrom
  return reading
}

export interface DraftJudgement {
  reading: IndicatorReading
  assessment: IndicatorAssessment
  /** '46.67%', '未达监控节点', '未填报' … */
  completion: string
  issues: ValidationIssue[]
  /** issues by field, for the form's inline messages */
  byField: Record<string, string[]>
}

/** The light, completion text and missing or wrong fields of a draft at the node date `asOf`. */
export function judgeDraft(
  indicator: Indicator,
  draft: ReadingDraft,
  ids: { id: Id; nodeId: Id },
  asOf: IsoDate,
  settings: MonitoringSettings,
): DraftJudgement {
  const reading = readingFromDraft(draft, { ...ids, indicatorId: indicator.id })
  const assessment = indicatorLight(indicator, reading, asOf, settings)
  const issues = validateReading(indicator, reading, assessment)
  const byField: Record<string, string[]> = {}
  for (const i of issues) (byField[i.field] ??= []).push(i.message)
  return {
    reading,
    assessment,
    completion: completionText(assessment.completion, settings.ratePrecision),
    issues,
    byField,
  }
}

/** True when the draft holds anything worth saving (an untouched empty form is not saved). */
export function draftIsEmpty(draft: ReadingDraft): boolean {
  return (
    !draft.actualValue.trim() &&
    !draft.actualLabel.trim() &&
    !draft.qualitativeGrade &&
    !draft.qualitativePercent.trim() &&
    !draft.yearEndForecast.trim() &&
    !draft.likelihood &&
    draft.deviationCauses.length === 0 &&
    !draft.deviationText.trim()
  )
}
