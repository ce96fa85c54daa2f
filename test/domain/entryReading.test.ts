import { describe, expect, it } from 'vitest'
import {
  draftFromReading,
  draftIsEmpty,
  judgeDraft,
  readingFromDraft,
  settleCarried,
  staleResultText,
} from '../../src/domain/entryReading'
import type { ReadingDraft } from '../../src/domain/entryReading'
import { indicator, NODE_ID, SEED001_AS_OF, settings } from './factories'

// seed 001: 办理建设项目用地初审 ≥15 个, cumulative; 7 at 6月30日 → 46.67%, 93% of the expected 7.5 → green
const initialReview = indicator({
  id: 'ind-review',
  name: '办理建设项目用地初审',
  targetValue: '15',
  measureUnit: '个',
})
const ids = { id: 'r1', nodeId: NODE_ID }
const draft = (overrides: Partial<ReadingDraft>): ReadingDraft => ({ ...draftFromReading(undefined), ...overrides })

describe('judgeDraft', () => {
  it('shows seed 001’s 46.67% and a green light for 7 of 15 as the user types', () => {
    const judged = judgeDraft(
      initialReview,
      draft({ actualValue: '7', likelihood: '确定能' }),
      ids,
      SEED001_AS_OF,
      settings(),
    )
    expect(judged.completion).toBe('46.67%')
    expect(judged.assessment.light).toBe('green')
    expect(judged.issues).toEqual([])
  })

  it('turns red for 3 of 15 and then requires 偏差原因 categories and text', () => {
    const judged = judgeDraft(
      initialReview,
      draft({ actualValue: '3', likelihood: '确定能' }),
      ids,
      SEED001_AS_OF,
      settings(),
    )
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
    const reading = readingFromDraft(
      draft({
        actualValue: '1,234.5',
        yearEndForecast: '15',
        likelihood: '有可能',
        deviationCauses: ['经费保障'],
        deviationText: ' 资金未到位 ',
      }),
      { ...ids, indicatorId: 'ind-review' },
    )
    expect(reading).toEqual({
      id: 'r1',
      nodeId: NODE_ID,
      indicatorId: 'ind-review',
      actualValue: '1234.5',
      yearEndForecast: '15',
      likelihood: '有可能',
      deviationCauses: ['经费保障'],
      deviationText: '资金未到位',
    })
  })

  it('knows an untouched form is empty', () => {
    expect(draftIsEmpty(draftFromReading(undefined))).toBe(true)
    expect(draftIsEmpty(draft({ likelihood: '确定能' }))).toBe(false)
  })
})

describe('carried readings and result text (domain-rules §7.1, §7.4)', () => {
  // seed 001: 办理建设项目用地初审, 7 个 at 1-6月 with the reason 上半年仅完成…; carried to 1-7月
  const carried = {
    ...draftFromReading({
      id: 'r',
      nodeId: 'n7',
      indicatorId: 'i',
      actualValue: '7',
      deviationCauses: ['其他'],
      deviationText: '上半年仅完成30亩',
      carriedFrom: 'n6',
    }),
  }

  it('keeps 沿用 while untouched, drops it once the value or the reason is edited', () => {
    expect(settleCarried(carried, carried).carriedFrom).toBe('n6')
    expect(settleCarried({ ...carried, actualValue: '9' }, carried).carriedFrom).toBe('')
    expect(settleCarried({ ...carried, deviationText: '7月完成2个' }, carried).carriedFrom).toBe('')
    expect(readingFromDraft(carried, { id: 'r', nodeId: 'n7', indicatorId: 'i' }).carriedFrom).toBe('n6')
    expect(
      readingFromDraft({ ...carried, carriedFrom: '' }, { id: 'r', nodeId: 'n7', indicatorId: 'i' }).carriedFrom,
    ).toBeUndefined()
  })

  it('once the stored reading is this node’s own (saved edited), a draft still holding the old mark is not carried', () => {
    const saved = { ...carried, actualValue: '9', carriedFrom: '' }
    expect(settleCarried({ ...carried, actualValue: '9' }, saved).carriedFrom).toBe('')
  })

  it('asks to update 有所提升 when a 定性 grade goes from 未达成 to 达成, and not once the text is changed', () => {
    const before = { ...draftFromReading(undefined), qualitativeGrade: '未达成' as const, actualLabel: '有所提升' }
    expect(staleResultText({ ...before, qualitativeGrade: '达成' }, before)).toBe(
      '完成等级已由“未达成”改为“达成”，结果描述仍为“有所提升”，请一并更新',
    )
    expect(staleResultText({ ...before, qualitativeGrade: '达成', actualLabel: '明显提升' }, before)).toBeNull()
    expect(staleResultText(before, before)).toBeNull()
  })
})
