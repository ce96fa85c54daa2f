/**
 * Checking a scheme (docs/domain-rules.md §11.9): each problem names the item (and part) by index and the
 * field at fault, with a Chinese message that names them too, so an import can point at the cell.
 */
import { describe, expect, it } from 'vitest'
import {
  BUILT_IN_SCHEMES,
  PROPORTIONAL_TO_FULL_RULE,
  SEED003_COMPLETION_RULE,
  schemeProblems,
} from '../../../src/domain/scoring'
import type { SchemeItem, ScoringSchemeDefinition } from '../../../src/domain/scoring'
import type { DecimalString } from '../../../src/domain/types'
import { item, scheme } from './helpers'

const hundred = (over: Partial<SchemeItem> & Pick<SchemeItem, 'metric' | 'rule'>): ScoringSchemeDefinition =>
  scheme([item({ weight: '100', level3: '测试项', ...over })])
const problems = (s: ScoringSchemeDefinition) =>
  schemeProblems(s).map((p) => [p.itemIndex, p.partIndex ?? null, p.field, p.message])

describe('schemeProblems (domain-rules §11.9)', () => {
  it('finds nothing wrong with the built-in schemes', () => {
    expect(BUILT_IN_SCHEMES.map((s) => [s.id, schemeProblems(s)])).toEqual([
      ['seed003', []],
      ['common', []],
    ])
  })

  it('says when the weights do not add up to 100, as a warning (the scheme still scores)', () => {
    const s = scheme([
      item({ id: 'a', weight: '60', metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE }),
      item({ id: 'b', weight: '38', metric: { kind: 'monthlyExecution' }, rule: PROPORTIONAL_TO_FULL_RULE }),
    ])
    expect(schemeProblems(s)).toEqual([
      { itemIndex: null, field: 'weight', severity: 'warning', message: '各项分值合计为98，不是100分' },
    ])
  })

  it('refuses a weight that is not positive, an empty name and a repeated id', () => {
    const s = scheme([
      item({ id: 'a', weight: '100', metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE }),
      item({ id: 'a', level3: '', weight: '0', metric: { kind: 'monthlyExecution' }, rule: PROPORTIONAL_TO_FULL_RULE }),
    ])
    expect(problems(s)).toEqual([
      [1, null, 'id', '第2项「a」：编号「a」与第1项重复'],
      [1, null, 'level3', '第2项「a」：三级指标不能为空'],
      [1, null, 'weight', '第2项「a」：分值「0」应为正数'],
    ])
  })

  it('refuses tiers out of order or overlapping, naming the tier and its field', () => {
    const s = hundred({
      metric: { kind: 'entered', input: 'number', unit: '%' },
      rule: {
        kind: 'tiers',
        direction: 'atLeast',
        tiers: [
          { threshold: '0.9', inclusive: true, points: '100' },
          { threshold: '0.95', inclusive: true, points: '50' },
          // as read from a file: not a decimal
          { threshold: 'x' as DecimalString, inclusive: true, points: '120' },
        ],
        otherwise: '0',
      },
    })
    expect(problems(s)).toEqual([
      [0, null, 'rule.tiers[1].threshold', '第1项「测试项」：第2档：各档界限应从高到低排列且互不重叠'],
      [0, null, 'rule.tiers[2].threshold', '第1项「测试项」：第3档：界限「x」不是有效数字'],
      [0, null, 'rule.tiers[2].points', '第1项「测试项」：第3档的得分120超过本项分值100'],
    ])
  })

  it('refuses piecewise bands that overlap, and a last band with an upper end', () => {
    const s = hundred({
      metric: { kind: 'indicators' },
      rule: {
        kind: 'piecewise',
        bands: [
          { upTo: { value: '1', inclusive: true }, score: { kind: 'proportional' } },
          { upTo: { value: '1', inclusive: true }, score: { kind: 'share', share: '1.5' } },
        ],
      },
    })
    expect(problems(s)).toEqual([
      [0, null, 'rule.bands[1].upTo', '第1项「测试项」：第2段：各段应从低到高排列且互不重叠'],
      [0, null, 'rule.bands[1].upTo', '第1项「测试项」：最后一段应不设上限，使每个数值都有得分'],
      [0, null, 'rule.bands[1].score.share', '第1项「测试项」：第2段：得分比例「1.5」应在0到1之间'],
    ])
  })

  it('refuses a rule that cannot read its metric: 档次计分 on findings', () => {
    const s = hundred({
      metric: { kind: 'entered', input: 'findings' },
      rule: {
        kind: 'tiers',
        direction: 'atMost',
        tiers: [{ threshold: '0', inclusive: true, points: '100' }],
        otherwise: '0',
      },
    })
    expect(problems(s)).toEqual([[0, null, 'rule.kind', '第1项「测试项」：评分规则「档次计分」不能用于填报的发现问题']])
  })

  it('refuses a step deduction without a step, and a ratio of a figure to itself', () => {
    const s = hundred({
      metric: { kind: 'budgetRatio', numerator: 'spent', denominator: 'spent', basis: 'ratio' },
      rule: {
        kind: 'stepDeduction',
        direction: 'above',
        start: '0',
        step: '0',
        deduction: '0.5',
        partialStep: 'counts',
      },
    })
    expect(problems(s)).toEqual([
      [0, null, 'metric.denominator', '第1项「测试项」：分子和分母不能是同一数据项'],
      [0, null, 'rule.step', '第1项「测试项」：每档幅度「0」应为正数'],
    ])
  })

  it('checks parts: their weights add up to the item, each part on its own metric and rule, no parts inside parts', () => {
    const s = hundred({
      level3: '绩效管理制度执行',
      metric: null,
      rule: {
        kind: 'parts',
        parts: [
          {
            id: 'a',
            name: '目标管理',
            weight: '50',
            metric: { kind: 'entered', input: 'yesNo' },
            rule: { kind: 'passFail' },
          },
          {
            id: 'b',
            name: '绩效监控',
            weight: '40',
            metric: { kind: 'entered', input: 'judgement' },
            rule: { kind: 'passFail' },
          },
        ],
      },
    })
    expect(problems(s)).toEqual([
      [0, 1, 'rule.kind', '第1项「绩效管理制度执行」分项「绩效监控」：评分规则「达标得分」不能用于填报的评判等级'],
      [0, null, 'rule.parts', '第1项「绩效管理制度执行」：各分项分值合计为90，应等于本项分值100'],
    ])
  })

  it('refuses grades out of order and a lowest grade that does not start at 0', () => {
    const s = scheme([item({ weight: '100', metric: { kind: 'indicators' }, rule: SEED003_COMPLETION_RULE })], {
      grades: [
        { label: '优', min: '80' },
        { label: '良', min: '90' },
        { label: '差', min: '10' },
      ],
    })
    expect(problems(s)).toEqual([
      [null, null, 'grades[1].min', '评价等级应从高到低排列，分数下限逐级降低'],
      [null, null, 'grades[2].min', '最低的评价等级分数下限应为0'],
    ])
  })
})
