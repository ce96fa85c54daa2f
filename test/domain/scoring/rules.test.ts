/**
 * Every rule type of docs/domain-rules.md §11.4, each as a table of values and the points worked out by
 * hand, through `scoreItem` (so the scheme's rounding, §11.6, and the [0, 分值] bound apply).
 */
import { describe, expect, it } from 'vitest'
import { PROPORTIONAL_TO_FULL_RULE, SEED003_COMPLETION_RULE } from '../../../src/domain/scoring'
import type { Metric, SimpleRule } from '../../../src/domain/scoring'
import type { DecimalString, EnteredValue } from '../../../src/domain/types'
import { context, entered, inputs, item, pointsOf, scored } from './helpers'

const rateInput: Metric = { kind: 'entered', input: 'number', unit: '%', label: '比率' }

/** The points `rule` gives each entered rate on an item of `weight`. */
function table(rule: SimpleRule, weight: DecimalString, values: DecimalString[], metric: Metric = rateInput): string[] {
  return values.map((value) =>
    pointsOf(item({ weight, metric, rule }), context({ inputs: inputs({}, { x: entered.number(value) }) })),
  )
}

function enteredPoints(rule: SimpleRule, weight: DecimalString, metric: Metric, values: EnteredValue[]): string[] {
  return values.map((value) => pointsOf(item({ weight, metric, rule }), context({ inputs: inputs({}, { x: value }) })))
}

describe('piecewise: linear parts and tiers (domain-rules §11.4)', () => {
  it('seed 003 completion on 20 分: <60% → 0; 60–100% → rate × 20; 100–150% → 20; >150% → 10', () => {
    expect(table(SEED003_COMPLETION_RULE, '20', ['0.5999', '0.6', '0.85', '1', '1.2', '1.5', '1.5001', '3'])).toEqual([
      '0',
      '12',
      '17',
      '20',
      '20',
      '20',
      '10',
      '10',
    ])
  })

  it('below 100% → rate × 分值, at or above → full (seed 003 支出率 on 10 分): 95.6% → 9.56, 100% → 10, 130% → 10', () => {
    expect(table(PROPORTIONAL_TO_FULL_RULE, '10', ['0', '0.956', '1', '1.3'])).toEqual(['0', '9.56', '10', '10'])
  })

  it('a linear part from 6 to 10 分 between 60% and 100%: 60% → 6, 80% → 8, 90% → 9, then full above', () => {
    const rule: SimpleRule = {
      kind: 'piecewise',
      bands: [
        { upTo: { value: '0.6', inclusive: false }, score: { kind: 'points', points: '0' } },
        { upTo: { value: '1', inclusive: true }, score: { kind: 'linear', fromPoints: '6', toPoints: '10' } },
        { upTo: null, score: { kind: 'share', share: '1' } },
      ],
    }
    expect(table(rule, '10', ['0.59', '0.6', '0.8', '0.9', '1', '1.1'])).toEqual(['0', '6', '8', '9', '10', '10'])
  })

  it('a band in fixed points is held within the item’s 分值: 3 分 of a 2-分 item scores 2', () => {
    const rule: SimpleRule = {
      kind: 'piecewise',
      bands: [
        { upTo: { value: '0.5', inclusive: true }, score: { kind: 'points', points: '3' } },
        { upTo: null, score: { kind: 'share', share: '0.25' } },
      ],
    }
    expect(table(rule, '2', ['0.5', '0.51'])).toEqual(['2', '0.5'])
  })
})

describe('tier table on any metric (domain-rules §11.4)', () => {
  it('a rate ≥ 95% → full (4), 90–95% → half, 80–90% → a quarter, below → 0', () => {
    const rule: SimpleRule = {
      kind: 'tiers',
      direction: 'atLeast',
      tiers: [
        { threshold: '0.95', inclusive: true, points: '4' },
        { threshold: '0.9', inclusive: true, points: '2' },
        { threshold: '0.8', inclusive: true, points: '1' },
      ],
      otherwise: '0',
    }
    expect(table(rule, '4', ['0.96', '0.95', '0.9499', '0.9', '0.85', '0.8', '0.7999'])).toEqual([
      '4',
      '4',
      '2',
      '2',
      '1',
      '1',
      '0',
    ])
  })

  it('seed 003 结转结余率 (at most): ≤10% → 2, ≤20% → 1, ≤30% → 0.5, above → 0', () => {
    const rule: SimpleRule = {
      kind: 'tiers',
      direction: 'atMost',
      tiers: [
        { threshold: '0.1', inclusive: true, points: '2' },
        { threshold: '0.2', inclusive: true, points: '1' },
        { threshold: '0.3', inclusive: true, points: '0.5' },
      ],
      otherwise: '0',
    }
    expect(table(rule, '2', ['0', '0.1', '0.1001', '0.2', '0.25', '0.3', '0.3001'])).toEqual([
      '2',
      '2',
      '1',
      '1',
      '0.5',
      '0.5',
      '0',
    ])
  })

  it('an exclusive tier (> 90%) leaves 90% itself to the next tier', () => {
    const rule: SimpleRule = {
      kind: 'tiers',
      direction: 'atLeast',
      tiers: [
        { threshold: '0.9', inclusive: false, points: '3' },
        { threshold: '0.8', inclusive: true, points: '1' },
      ],
      otherwise: '0',
    }
    expect(table(rule, '3', ['0.9001', '0.9'])).toEqual(['3', '1'])
  })

  it('a tier table on a count (一般 numbers, not rates): 合同 0 件超期 → 3, 1–2 → 1, more → 0', () => {
    const count: Metric = { kind: 'entered', input: 'number', unit: '件', label: '超期合同' }
    const rule: SimpleRule = {
      kind: 'tiers',
      direction: 'atMost',
      tiers: [
        { threshold: '0', inclusive: true, points: '3' },
        { threshold: '2', inclusive: true, points: '1' },
      ],
      otherwise: '0',
    }
    expect(table(rule, '3', ['0', '1', '2', '3'], count)).toEqual(['3', '1', '1', '0'])
  })
})

describe('pass / fail (domain-rules §11.4)', () => {
  it('a ratio ≤ 100% → full, else 0: 77.41% (seed 003 三公 89.59 of 115.74) → 2, 100% → 2, 100.01% → 0', () => {
    const rule: SimpleRule = { kind: 'passFail', condition: { operator: '≤', value: '1' } }
    expect(table(rule, '2', ['0.7741', '1', '1.0001'])).toEqual(['2', '2', '0'])
  })

  it('a yes/no input ("monitoring carried out"): yes → full, no → 0', () => {
    const metric: Metric = { kind: 'entered', input: 'yesNo', label: '按要求开展绩效监控' }
    expect(enteredPoints({ kind: 'passFail' }, '1', metric, [entered.yes, entered.no])).toEqual(['1', '0'])
  })

  it('a pass/fail without a condition cannot score a number: 填报有误, 0', () => {
    const result = scored(
      item({ metric: rateInput, rule: { kind: 'passFail' } }),
      context({ inputs: inputs({}, { x: entered.number('1') }) }),
    )
    expect([result.points.toFixed(), result.reading?.status === 'missing' && result.reading.reason]).toEqual([
      '0',
      '填报有误',
    ])
  })
})

describe('step deduction from a base, 扣完为止 (domain-rules §11.4)', () => {
  it('seed 003 公用经费控制率 on 2 分: ≤ 0 → 2; every started 5% (含) above 0 takes 0.5', () => {
    const rule: SimpleRule = {
      kind: 'stepDeduction',
      direction: 'above',
      start: '0',
      step: '0.05',
      deduction: '0.5',
      partialStep: 'counts',
    }
    expect(table(rule, '2', ['-0.05', '0', '0.0001', '0.03', '0.05', '0.0501', '0.15', '0.2', '1.9088'])).toEqual([
      '2',
      '2',
      '1.5',
      '1.5',
      '1.5',
      '1',
      '0.5',
      '0',
      '0',
    ])
  })

  it('every whole 1% over 100% takes 0.2 (a started step does not count): 103.5% → 2 − 0.6 = 1.4', () => {
    const rule: SimpleRule = {
      kind: 'stepDeduction',
      direction: 'above',
      start: '1',
      step: '0.01',
      deduction: '0.2',
      partialStep: 'ignored',
    }
    expect(table(rule, '2', ['1', '1.005', '1.035', '1.2'])).toEqual(['2', '2', '1.4', '0'])
  })

  it('below a floor: every started 5% under 90% takes 1 of 3 (80% → 1, 91% → 3)', () => {
    const rule: SimpleRule = {
      kind: 'stepDeduction',
      direction: 'below',
      start: '0.9',
      step: '0.05',
      deduction: '1',
      partialStep: 'counts',
    }
    expect(table(rule, '3', ['0.91', '0.9', '0.88', '0.8', '0.7'])).toEqual(['3', '3', '2', '1', '0'])
  })
})

describe('deduction per finding, 扣完为止 (domain-rules §11.4)', () => {
  const assetIncome: SimpleRule = {
    kind: 'perFinding',
    kinds: [{ name: '处置收益或租金超过3个月未上缴（每笔）', deduction: '0.5' }],
  }
  const findings: Metric = { kind: 'entered', input: 'findings', label: '长期未上缴的资产收益' }

  it('0.5 per finding on 1 分 (seed 003 资产收益上缴): none → 1, one → 0.5, two or three → 0', () => {
    expect(
      enteredPoints(assetIncome, '1', findings, [
        entered.findings(),
        entered.findings(undefined),
        entered.findings(undefined, undefined),
        entered.findings(undefined, undefined, undefined),
      ]),
    ).toEqual(['1', '0.5', '0', '0'])
  })

  it('each kind takes its own deduction, and some findings zero the item (seed 003 预决算公开: 未公开 → 0)', () => {
    const disclosure: SimpleRule = {
      kind: 'perFinding',
      kinds: [
        { name: '未公开预算或决算', deduction: '2', zeroesItem: true },
        { name: '未在批复后20日内公开', deduction: '1' },
        { name: '专项检查发现问题', deduction: '0.5' },
      ],
    }
    expect(
      enteredPoints(disclosure, '3', findings, [
        entered.findings('专项检查发现问题'),
        entered.findings('未在批复后20日内公开', '专项检查发现问题'),
        entered.findings('未公开预算或决算'),
        entered.findings(),
      ]),
    ).toEqual(['2.5', '1.5', '0', '3'])
  })

  it('a finding of a kind the rule does not know is 填报有误, not silently free', () => {
    const result = scored(
      item({ weight: '1', metric: findings, rule: assetIncome }),
      context({ inputs: inputs({}, { x: entered.findings('其他问题') }) }),
    )
    expect(result.reading).toEqual({
      status: 'missing',
      reason: '填报有误',
      message: '发现问题的类别「其他问题」不在此项的评分规则中',
    })
  })
})

describe('category lookup (domain-rules §11.4)', () => {
  const rule: SimpleRule = {
    kind: 'category',
    categories: [
      { name: '优秀', points: '6' },
      { name: '良好', points: '4' },
      { name: '合格', points: '2' },
      { name: '不合格', points: '0' },
    ],
  }
  const metric: Metric = { kind: 'entered', input: 'category', label: '考核结果' }

  it('优秀 / 良好 / 合格 / 不合格 → 6 / 4 / 2 / 0', () => {
    expect(
      enteredPoints(
        rule,
        '6',
        metric,
        ['优秀', '良好', '合格', '不合格'].map((c) => entered.category(c)),
      ),
    ).toEqual(['6', '4', '2', '0'])
  })

  it('a category not in the table is 填报有误 and scores 0', () => {
    const result = scored(
      item({ weight: '6', metric, rule }),
      context({ inputs: inputs({}, { x: entered.category('一般') }) }),
    )
    expect([result.points.toFixed(), result.reading?.status === 'missing' && result.reading.message]).toEqual([
      '0',
      '类别「一般」不在此项的评分规则中',
    ])
  })
})

describe('judged within a band (domain-rules §11.4, seed 003 达成 80–100%, 部分达成 60–80%, 未达成 0–60%)', () => {
  const metric: Metric = { kind: 'entered', input: 'judgement', label: '数据质量' }
  const judged: SimpleRule = { kind: 'judged' }

  it('on 5 分: 达成 → 5, 达成 85% → 4.25, 部分达成 (70%) → 3.5, 部分达成 60% → 3, 未达成 (30%) → 1.5, 未达成 0% → 0', () => {
    expect(
      enteredPoints(judged, '5', metric, [
        entered.judgement('达成'),
        entered.judgement('达成', '85'),
        entered.judgement('部分达成'),
        entered.judgement('部分达成', '60'),
        entered.judgement('未达成'),
        entered.judgement('未达成', '0'),
      ]),
    ).toEqual(['5', '4.25', '3.5', '3', '1.5', '0'])
  })

  it('a percent outside its band (部分达成 80%) is 填报有误', () => {
    const result = scored(
      item({ weight: '5', metric, rule: judged }),
      context({ inputs: inputs({}, { x: entered.judgement('部分达成', '80') }) }),
    )
    expect(result.reading?.status === 'missing' && result.reading.message).toBe(
      '「部分达成」的百分比应在60%（含）至80%（不含）之间，当前为80%',
    )
  })
})

describe('sum of weighted parts (domain-rules §11.4)', () => {
  // seed 003 绩效结果应用 (3 分): 30%, 30% and 40% of it
  const resultUse = item({
    id: 'resultUse',
    weight: '3',
    metric: null,
    rule: {
      kind: 'parts',
      parts: [
        {
          id: 'alerts',
          name: '及时反馈处理监控预警提醒信息',
          weight: '0.9',
          metric: { kind: 'entered', input: 'findings' },
          rule: { kind: 'perFinding', kinds: [{ name: '未及时处理', deduction: '1' }] },
        },
        {
          id: 'rectification',
          name: '及时反馈整改情况',
          weight: '0.9',
          metric: { kind: 'entered', input: 'yesNo' },
          rule: { kind: 'passFail' },
        },
        {
          id: 'budgetLink',
          name: '评价结果与预算挂钩',
          weight: '1.2',
          metric: { kind: 'entered', input: 'yesNo' },
          rule: { kind: 'passFail' },
        },
      ],
    },
  })

  it('adds each part on its own metric and rule: all kept → 3; 整改 not fed back → 0.9 + 0 + 1.2 = 2.1', () => {
    const all = {
      'resultUse/alerts': entered.findings(),
      'resultUse/rectification': entered.yes,
      'resultUse/budgetLink': entered.yes,
    }
    expect(pointsOf(resultUse, context({ inputs: inputs({}, all) }))).toBe('3')
    const partial = scored(
      resultUse,
      context({ inputs: inputs({}, { ...all, 'resultUse/rectification': entered.no }) }),
    )
    expect([partial.points.toFixed(), partial.parts.map((p) => p.points.toFixed())]).toEqual([
      '2.1',
      ['0.9', '0', '1.2'],
    ])
  })

  it('a part’s deduction never takes more than the part: one 未及时处理 (1 分) of a 0.9 part → 0, the item 2.1', () => {
    const one = {
      'resultUse/alerts': entered.findings('未及时处理'),
      'resultUse/rectification': entered.yes,
      'resultUse/budgetLink': entered.yes,
    }
    expect(pointsOf(resultUse, context({ inputs: inputs({}, one) }))).toBe('2.1')
  })

  it('a part not entered is 未填报 and scores 0; the others still count', () => {
    const result = scored(resultUse, context({ inputs: inputs({}, { 'resultUse/budgetLink': entered.yes }) }))
    expect(result.points.toFixed()).toBe('1.2')
    expect(result.parts.map((p) => (p.reading.status === 'missing' ? p.reading.reason : 'value'))).toEqual([
      '未填报',
      '未填报',
      'value',
    ])
  })
})
