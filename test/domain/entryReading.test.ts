import { describe, expect, it } from 'vitest'
import { draftFromReading, draftIsEmpty, judgeDraft, readingFromDraft } from '../../src/domain/entryReading'
import type { ReadingDraft } from '../../src/domain/entryReading'
import { indicator, NODE_ID, SEED001_AS_OF, settings } from './factories'

// seed 001: 办理建设项目用地初审 ≥15 个, cumulative; 7 at 6月30日 → 46.67%, 93% of the expected 7.5 → green
const initialReview = indicator({ id: 'ind-review', name: '办理建设项目用地初审', targetValue: '15', measureUnit: '个' })
const ids = { id: 'r1', nodeId: NODE_ID }
const draft = (overrides: Partial<ReadingDraft>): ReadingDraft => ({ ...draftFromReading(undefined), ...overrides })

describe('judgeDraft', () => {
  it('shows seed 001’s 46.67% and a green light for 7 of 15 as the user types', () => {
    const judged = judgeDraft(initialReview, draft({ actualValue: '7', likelihood: '确定能' }), ids, SEED001_AS_OF, settings())
    expect(judged.completion).toBe('46.67%')
    expect(judged.assessment.light).toBe('green')
    expect(judged.issues).toEqual([])
  })

  it('turns red for 3 of 15 and then requires 偏差原因 categories and text', () => {
    const judged = judgeDraft(initialReview, draft({ actualValue: '3', likelihood: '确定能' }), ids, SEED001_AS_OF, settings())
    expect(judged.assessment.light).toBe('red')
    expect(judged.byField.deviationCauses).toEqual(['预警灯为红灯，请选择至少一项偏差原因'])
    expect(judged.byField.deviationText).toEqual(['预警灯为红灯，请填写偏差原因说明'])
  })

  it('requires 完成可能性 and names a value that is not a number', () => {
    const judged = judgeDraft(initialReview, draft({ actualValue: '7个' }), ids, SEED001_AS_OF, settings())
    expect(judged.assessment.light).toBe('grey')
    expect(judged.byField.likelihood).toEqual(['请选择完成目标可能性'])
    expect(judged.byField.actualValue).toEqual(['实际完成值「7个」不是有效数字'])
  })
})

describe('readingFromDraft', () => {
  it('stores typed numbers plain and leaves empty fields out', () => {
    const reading = readingFromDraft(draft({ actualValue: '1,234.5', yearEndForecast: '15', likelihood: '有可能', deviationCauses: ['经费保障'], deviationText: ' 资金未到位 ' }),
      { ...ids, indicatorId: 'ind-review' })
    expect(reading).toEqual({
      id: 'r1', nodeId: NODE_ID, indicatorId: 'ind-review', actualValue: '1234.5', yearEndForecast: '15', likelihood: '有可能',
      deviationCauses: ['经费保障'], deviationText: '资金未到位',
    })
  })

  it('knows an untouched form is empty', () => {
    expect(draftIsEmpty(draftFromReading(undefined))).toBe(true)
    expect(draftIsEmpty(draft({ likelihood: '确定能' }))).toBe(false)
  })
})
