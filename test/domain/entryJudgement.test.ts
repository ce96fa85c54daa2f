import { describe, expect, it } from 'vitest'
import { D } from '../../src/domain/decimal'
import { draftFromJudgement, judgeBudgetLineDraft, judgementDraftIsEmpty } from '../../src/domain/entryJudgement'
import type { JudgementDraft } from '../../src/domain/entryJudgement'
import { figuresOf } from '../../src/domain/rates'
import { budgetLine, NODE_ID, settings } from './factories'

// seed 001 at 2021-06-30: 工资福利支出 1129.83, 执行 324.88 → 28.75%; 序时进度 50% → ratio 57.5 → red
const salary = budgetLine({ id: 'gzfl', initialBudget: '1129.83' })
const figures = figuresOf(new D('1129.83'), new D('324.88'), new D('324.88'))
const half = new D('0.5')
const draft = (overrides: Partial<JudgementDraft>): JudgementDraft => ({
  ...draftFromJudgement(undefined),
  ...overrides,
})
const ids = { id: 'j1', nodeId: NODE_ID }

describe('judgeBudgetLineDraft', () => {
  it('gives seed 001’s 工资福利支出 a red light and then requires 偏差原因', () => {
    const judged = judgeBudgetLineDraft(
      salary,
      figures,
      half,
      settings(),
      draft({ yearEndForecast: '1,129.83', likelihood: '确定能' }),
      ids,
    )
    expect(judged.budgetLight.light).toBe('red')
    expect(judged.budgetLight.ratio?.toFixed(1)).toBe('57.5')
    expect(judged.judgement.yearEndForecast).toBe('1129.83')
    expect(judged.byField.deviationCauses).toEqual(['执行进度为红灯，请选择至少一项偏差原因'])
    expect(judged.byField.deviationText).toEqual(['执行进度为红灯，请填写偏差原因说明'])
  })

  it('accepts a complete judgement and warns about a forecast beyond the budget', () => {
    const judged = judgeBudgetLineDraft(
      salary,
      figures,
      half,
      settings(),
      draft({
        yearEndForecast: '1200',
        likelihood: '有可能',
        deviationCauses: ['其他'],
        deviationText: '绩效工资年终发放',
      }),
      ids,
    )
    expect(judged.issues.map((i) => [i.code, i.severity])).toEqual([['forecast.exceedsBudget', 'warning']])
    expect(judged.judgement).toEqual({
      id: 'j1',
      nodeId: NODE_ID,
      budgetLineId: 'gzfl',
      yearEndForecast: '1200',
      likelihood: '有可能',
      deviationCauses: ['其他'],
      deviationText: '绩效工资年终发放',
    })
  })

  it('names a forecast that is not a number and asks for 完成可能性', () => {
    const judged = judgeBudgetLineDraft(salary, figures, half, settings(), draft({ yearEndForecast: '约1100' }), ids)
    expect(judged.byField.yearEndForecast).toEqual([
      '全年预计执行数「约1100」不是有效数字，请填写如 1234.50 或 1,234.50 的数字',
    ])
    expect(judged.byField.likelihood).toEqual(['请选择完成预算执行的可能性'])
    expect(judgementDraftIsEmpty(draft({}))).toBe(true)
  })
})
