import { describe, expect, it } from 'vitest'
/**
 * The per-indicator preview (docs/domain-rules.md §11.5, §11.8): each 整体 indicator under the built-in scheme's
 * completion rule, rounded per item (§11.6), a cost ceiling as a ceiling, graded (§11.7).
 */
import { D } from '../../../src/domain/decimal'
import type { Dec } from '../../../src/domain/decimal'
import type { CompletionResult } from '../../../src/domain/completion'
import { gradeFor, scoreIndicator, scorePreview } from '../../../src/domain/scoring'
import type { ScoringScheme } from '../../../src/domain/settings'
import { indicator, reading } from '../factories'
import type { DecimalString } from '../../../src/domain/types'

const rate = (value: string): CompletionResult => ({ status: 'rate', rate: new D(value) })
const points = (
  scheme: ScoringScheme,
  completion: string,
  weight: DecimalString = '10',
  overrides: Parameters<typeof indicator>[0] = {},
): string | undefined => scoreIndicator(scheme, indicator({ weight, ...overrides }), rate(completion))?.score.toFixed()
const n = (value: Dec): string => value.toFixed()

describe('scoreIndicator: seed 003 scheme (domain-rules §11.5, seed 003 部门整体绩效目标产出/效益指标)', () => {
  it('gives 0 below 60% completion (不及格)', () => {
    expect(points('seed003', '0.5999')).toBe('0')
  })

  it('gives completion × weight from 60% to 100%', () => {
    expect(points('seed003', '0.6')).toBe('6')
    expect(points('seed003', '0.85', '20')).toBe('17')
    expect(points('seed003', '1')).toBe('10')
  })

  it('gives full points from 100% to 150%', () => {
    expect(points('seed003', '1.2')).toBe('10')
    expect(points('seed003', '1.5')).toBe('10')
  })

  it('gives half points above 150% (the target was set too low)', () => {
    expect(points('seed003', '1.5001')).toBe('5')
  })

  it('scores 定性 by the grade tiers 100–80 / 80–60 / 60–0 of the weight, 30% of 10 → 3', () => {
    const qualitative = { operator: '定性', targetValue: '效果明显', accrual: 'level' } as const
    expect(points('seed003', '0.3', '10', qualitative)).toBe('3')
    expect(points('seed003', '0.7', '10', qualitative)).toBe('7')
    expect(points('seed003', '1', '10', qualitative)).toBe('10')
  })

  it('reports the lost points', () => {
    const s = scoreIndicator('seed003', indicator({ weight: '20' }), rate('0.9'))
    expect(s && [n(s.weight), n(s.score), n(s.lost)]).toEqual(['20', '18', '2'])
  })
})

describe('scoreIndicator: common scheme (domain-rules §11.5)', () => {
  it('gives full points at or above the target and a ÷ t × weight below it, rounded half-up per item (domain-rules §11.6): 46.67% of 10 → 4.67', () => {
    expect(points('common', '1.7')).toBe('10')
    expect(points('common', '0.4667')).toBe('4.67')
    expect(points('common', '0.466666')).toBe('4.67')
    expect(points('common', '0.3')).toBe('3')
  })

  it('scores a reverse level by its §4 rate: 12 against ≤10 → 80% → 8 of 10', () => {
    expect(points('common', '0.8', '10', { operator: '≤', accrual: 'level' })).toBe('8')
  })

  it('gives `= 0` full points only when the actual value is at most 0', () => {
    const zero = indicator({ operator: '=', targetValue: '0', weight: '5' })
    expect(scoreIndicator('common', zero, rate('1'), reading(zero.id, { actualValue: '0' }))?.score.toFixed()).toBe('5')
    expect(scoreIndicator('common', zero, rate('0'), reading(zero.id, { actualValue: '1' }))?.score.toFixed()).toBe('0')
    expect(scoreIndicator('seed003', zero, rate('1'), reading(zero.id, { actualValue: '2' }))?.score.toFixed()).toBe(
      '0',
    )
  })
})

describe('scoreIndicator: what takes no part', () => {
  it('leaves out an indicator not yet due and one without a weight', () => {
    expect(scoreIndicator('seed003', indicator({ weight: '10' }), { status: 'notDue' })).toBeNull()
    expect(scoreIndicator('seed003', indicator(), rate('1'))).toBeNull()
  })

  it('gives 0 for a missing or invalid completion', () => {
    expect(scoreIndicator('seed003', indicator({ weight: '10' }), { status: 'missing' })?.lost.toFixed()).toBe('10')
    expect(
      scoreIndicator('common', indicator({ weight: '10' }), {
        status: 'invalid',
        message: '年度指标值为0，无法计算完成率',
      })?.score.toFixed(),
    ).toBe('0')
  })
})

describe('gradeFor (domain-rules §11.7, seed 003 评价等级)', () => {
  it('is 优 for 95.56, the seed 003 total', () => {
    expect(gradeFor(new D('95.56'))).toBe('优')
  })

  it('puts the bounds 90, 80 and 60 in the upper grade', () => {
    expect([
      gradeFor(new D(90)),
      gradeFor(new D('89.99')),
      gradeFor(new D(80)),
      gradeFor(new D('79.99')),
      gradeFor(new D(60)),
      gradeFor(new D('59.99')),
    ]).toEqual(['优', '良', '良', '中', '中', '差'])
  })
})

describe('scoreIndicator: rounding and cost ceilings (domain-rules §11.5, §11.6)', () => {
  it('scores 59.996% as the 60.00% it shows: 6 of 10 under seed 003, not 0', () => {
    expect(points('seed003', '0.59996')).toBe('6')
    expect(points('seed003', '0.59994')).toBe('0')
  })

  it('scores seed 001’s 人员保障成本经费 324.88 under its ceiling of 1,129.83 万元 as met: full marks, not 28.75% → 0', () => {
    const ceiling = indicator({ operator: '≤', targetValue: '1129.83', measureUnit: '万元', weight: '10' })
    const r = reading(ceiling.id, { actualValue: '324.88' })
    expect(scoreIndicator('seed003', ceiling, rate('0.2875'), r)?.score.toFixed()).toBe('10')
    expect(scoreIndicator('common', ceiling, rate('0.2875'), r)?.score.toFixed()).toBe('10')
  })

  it('scores a forecast of 1,300 over the 1,129.83 ceiling as a shortfall, 1 − 170.17 ÷ 1129.83 = 84.94% → 8.49 of 10, not 115% → full', () => {
    const ceiling = indicator({ operator: '≤', targetValue: '1129.83', measureUnit: '万元', weight: '10' })
    const r = reading(ceiling.id, { actualValue: '324.88', yearEndForecast: '1300' })
    expect(scoreIndicator('seed003', ceiling, rate('1.1506'), r)?.score.toFixed()).toBe('8.49')
  })
})

describe('scorePreview (domain-rules §11.8)', () => {
  const a = indicator({ id: 'a', name: '用地初审', weight: '10' })
  const b = indicator({ id: 'b', name: '报批', weight: '10' })
  const c = indicator({ id: 'c', name: '挂牌出让', weight: '10', accrual: 'dueLater', dueDate: '2021-10-01' })
  const d = indicator({ id: 'd', name: '无分值' })

  it('sums the scores, leaves not-due indicators pending and sorts by lost points', () => {
    const preview = scorePreview('seed003', [
      { indicator: a, completion: rate('0.95') },
      { indicator: b, completion: rate('0.5') },
      { indicator: c, completion: { status: 'notDue' } },
      { indicator: d, completion: rate('1') },
    ])
    expect(n(preview.total)).toBe('9.5')
    expect(n(preview.max)).toBe('20')
    expect(n(preview.normalized)).toBe('47.5')
    expect(preview.grade).toBe('差')
    expect(preview.items.map((i) => [i.indicatorId, n(i.lost)])).toEqual([
      ['b', '10'],
      ['a', '0.5'],
    ])
    expect(preview.pending).toEqual(['c'])
    expect(preview.unweighted).toEqual(['d'])
  })

  it('normalizes against a given maximum', () => {
    const preview = scorePreview('common', [{ indicator: a, completion: rate('1') }], new D(40))
    expect([n(preview.total), n(preview.max), n(preview.normalized)]).toEqual(['10', '40', '25'])
  })

  it('has no grade when nothing can be scored', () => {
    const preview = scorePreview('seed003', [{ indicator: c, completion: { status: 'notDue' } }])
    expect(preview.grade).toBeNull()
    expect(n(preview.normalized)).toBe('0')
  })
})
