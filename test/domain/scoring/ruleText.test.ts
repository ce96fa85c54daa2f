/**
 * The rule in words (docs/domain-rules.md §11.4), generated from the rule when the scheme gives none,
 * worded like seed 003's 评分标准; and a metric value as shown.
 */
import { describe, expect, it } from 'vitest'
import { D } from '../../../src/domain/decimal'
import { SEED003_SCHEME, itemRuleText, metricValueText } from '../../../src/domain/scoring'
import { item } from './helpers'

const textOf = (id: string): string => {
  const found = SEED003_SCHEME.items.find((i) => i.id === id)
  return found ? itemRuleText(found) : ''
}

describe('ruleText: seed 003’s rules in words (domain-rules §11.4)', () => {
  it('产出指标: the completion tiers of seed 003 p.1, then how the weight is spread', () => {
    expect(textOf('output')).toBe(
      '完成率低于60%的，不得分；完成率为60%（含）至100%（含）的，得分=完成率×分值；完成率为100%至150%（含）的，得满分；完成率高于150%的，得一半分。' +
        '各项指标按其分值占本项分值的比例计分后合计；定性指标按评判等级计分：达成的，得分值的80%-100%（含80%）；部分达成的，得分值的60%-80%（含60%）；未达成的，得分值的0-60%',
    )
  })

  it('部门预算资金支出率: below 100% rate × 分值, at 100% full', () => {
    expect(textOf('budgetExecution')).toBe(
      '年度平均执行率低于100%的，得分=年度平均执行率×分值；年度平均执行率不低于100%的，得满分',
    )
  })

  it('结转结余率, 公用经费控制率 and “三公”经费 as the seed words them', () => {
    expect(textOf('carryOverRate')).toBe(
      '结转结余率≤10%的，得2分；结转结余率≤20%的，得1分；结转结余率≤30%的，得0.5分；其余不得分',
    )
    expect(textOf('publicExpenseControl')).toBe(
      '公用经费控制率不高于0%的，得满分；每高出5%（不足5%的按5%计）扣0.5分，扣完为止',
    )
    expect(textOf('threePublicExpenses')).toBe('“三公”经费实际支出÷预算≤100%的，得满分，否则不得分')
  })

  it('findings, yes/no parts (seed 003: 绩效目标在规定时间公开的，得满分，否则不得分) and a judged item', () => {
    expect(textOf('assetIncome')).toBe('按发现的问题扣分：处置收益或租金超过3个月未上缴（每笔），每项扣0.5分；扣完为止')
    expect(textOf('performanceDisclosure')).toBe(
      '1.绩效目标在规定时间公开的，得满分，否则不得分（1分）。2.绩效自评资料在规定时间公开的，得满分，否则不得分（1分）',
    )
    expect(textOf('assetData')).toBe(
      '按国有资产年报数据质量评判：达成的，得分值的80%-100%（含80%）；部分达成的，得分值的60%-80%（含60%）；未达成的，得分值的0-60%',
    )
  })

  it('a category lookup, and the scheme’s own words when it gives them', () => {
    const category = item({
      metric: { kind: 'entered', input: 'category', label: '考核结果' },
      rule: {
        kind: 'category',
        categories: [
          { name: '优秀', points: '6' },
          { name: '不合格', points: '0' },
        ],
      },
    })
    expect(itemRuleText(category)).toBe('考核结果：优秀得6分；不合格不得分')
    expect(itemRuleText({ ...category, ruleText: '按考核结果计分' })).toBe('按考核结果计分')
  })

  it('a part whose words do not start with its name keeps the name first', () => {
    const resultUse = SEED003_SCHEME.items.find((i) => i.id === 'resultUse')
    expect(resultUse && itemRuleText(resultUse)).toBe(
      '1.及时反馈处理监控预警提醒信息（0.9分）：按发现的问题扣分：未及时处理监控预警提醒信息，每项扣1分；扣完为止。' +
        '2.及时将重点评价整改情况反馈财政局的，得满分，否则不得分（0.9分）。3.建立评价结果与预算编制挂钩机制的，得满分，否则不得分（1.2分）',
    )
  })

  it('a part’s own words ending in 。 or ； are joined with a single 。', () => {
    const parts = item({
      metric: null,
      rule: {
        kind: 'parts',
        parts: [
          {
            id: 'a',
            name: '制度建设',
            weight: '1',
            metric: { kind: 'entered', input: 'yesNo' },
            rule: { kind: 'passFail' },
            ruleText: '未建立制度的，不得分。',
          },
          {
            id: 'b',
            name: '按要求开展绩效监控',
            weight: '2',
            metric: { kind: 'entered', input: 'yesNo' },
            rule: { kind: 'passFail' },
            ruleText: '按要求开展绩效监控的，得2分，否则不得分；',
          },
          {
            id: 'c',
            name: '及时报送',
            weight: '1',
            metric: { kind: 'entered', input: 'yesNo' },
            rule: { kind: 'passFail' },
            ruleText: '逾期报送的，不得分。 ',
          },
        ],
      },
    })
    expect(itemRuleText(parts)).toBe(
      '1.制度建设（1分）：未建立制度的，不得分。2.按要求开展绩效监控的，得2分，否则不得分（2分）。3.及时报送（1分）：逾期报送的，不得分',
    )
  })
})

describe('metricValueText', () => {
  it('shows rates at the chosen precision, numbers with their unit, and the other kinds in words', () => {
    expect([
      metricValueText({ kind: 'number', value: new D('2.9088'), percent: true, unit: '%' }, 2),
      metricValueText({ kind: 'number', value: new D('0.956'), percent: true, unit: '%' }, 0),
      metricValueText({ kind: 'number', value: new D('48'), percent: false, unit: '人' }, 2),
      metricValueText({ kind: 'yesNo', value: false }, 2),
      metricValueText({ kind: 'findings', findings: [{ text: '1笔长期未上缴' }] }, 2),
      metricValueText({ kind: 'findings', findings: [] }, 2),
      metricValueText({ kind: 'judgement', grade: '未达成', percent: new D(30) }, 2),
    ]).toEqual(['290.88%', '96%', '48人', '否', '发现问题 1 项', '未发现问题', '未达成（30%）'])
  })
})
