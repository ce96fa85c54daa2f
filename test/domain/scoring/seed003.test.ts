/**
 * seed 003 (广州市规划和自然资源局花都区分局 部门整体支出绩效自评表（2023年度）) scored from its own inputs by the
 * built-in SEED003_SCHEME, item by item, to its total 95.56 and its grade 优 (docs/domain-rules.md §11.10).
 *
 * Inputs: what the table itself says in its 评分依据 column (年初设置的指标值均已达标; 年末结转和结余决算数为0;
 * 存在1笔长期未上缴的资产; “三公”经费 预算 115.74, 实际 89.59 …). Where it states only the outcome, the
 * input is the plainest one that says the same (公用经费 950 of 1000 for 「控制率≤0」; the twelve monthly
 * figures whose 通报 rates average 95.6%, the average behind its 9.56); those are marked below.
 */
import { describe, expect, it } from 'vitest'
import { D, sum } from '../../../src/domain/decimal'
import { averageMonthlyExecutionRate, monthlyExecutionRates } from '../../../src/domain/rates'
import { SEED003_SCHEME, schemeProblems, scoreScheme } from '../../../src/domain/scoring'
import type { SchemeContext } from '../../../src/domain/scoring'
import type { MonthNumber } from '../../../src/domain/types'
import { budgetLine, dec, execution } from '../factories'
import { budget, entered, inputs, row } from './helpers'

/** 年初设置的指标值均已达标: 产出 and 效益 indicators all met (one 效益 indicator 定性, 达成). */
function indicators(): SchemeContext['indicators'] {
  return [
    row({ id: 'o1', level1: '产出指标', name: '建设用地供应', weight: '8' }, '1'),
    row({ id: 'o2', level1: '产出指标', name: '不动产登记办结率', weight: '6', accrual: 'level' }, '1.05'),
    row({ id: 'o3', level1: '产出指标', name: '耕地保护任务', weight: '6' }, '1'),
    row({ id: 'b1', level1: '效益指标', name: '保障重点项目用地', weight: '10' }, '1.2'),
    row(
      {
        id: 'b2',
        level1: '效益指标',
        name: '营商环境',
        weight: '10',
        operator: '定性',
        targetValue: '有所提升',
        measureUnit: '',
      },
      '1',
    ),
  ]
}

/**
 * Twelve month-end figures of a budget of 1200 whose 通报 rates (执行率 ÷ 序时进度) are 80, 90, 95, 105 (counted
 * as 100), 100, 100, 100, 98, 96, 95, 93.2 and 100 %: their mean is 95.6% (chosen; the seed gives the score).
 */
function monthlyAverage(): SchemeContext['monthlyAverage'] {
  const line = budgetLine({ id: 'all', initialBudget: '1200' })
  const cumulative = ['80', '180', '285', '420', '500', '600', '700', '784', '864', '950', '1025.2', '1200']
  const executions = cumulative.map((spent, i) => execution('all', i + 1, dec(spent)))
  return averageMonthlyExecutionRate(monthlyExecutionRates([line], executions, 12), 12)
}

function seed003Context(): SchemeContext {
  return {
    month: 12,
    indicators: indicators(),
    monthlyAverage: monthlyAverage(),
    // 总预算 95,857.06 万元 (seed 003 年度部门预算情况)
    budget: budget('95857.06'),
    inputs: inputs(
      {
        yearEndCarryOver: '0',
        // chosen: the seed says only 「公用经费控制率≤0」
        publicExpenseInitialBudget: '1000',
        publicExpenseActual: '950',
        threePublicBudget: '115.74',
        threePublicActual: '89.59',
      },
      {
        preAssessment: entered.findings(),
        financeCompliance: entered.findings(),
        budgetDisclosure: entered.findings(),
        'performanceDisclosure/targets': entered.yes,
        'performanceDisclosure/selfEvaluation': entered.yes,
        // 相关管理制度不明确，酌情扣分: both halves judged 未达成 at its default 30%
        'performanceRules/fundRules': entered.judgement('未达成'),
        'performanceRules/dutyRules': entered.judgement('未达成'),
        'resultUse/alerts': entered.findings(),
        'resultUse/rectification': entered.yes,
        'resultUse/budgetLink': entered.yes,
        'rulesExecution/targetReturns': entered.number('0'),
        'rulesExecution/monitoring': entered.yes,
        'rulesExecution/monitoringReport': entered.yes,
        'rulesExecution/selfEvaluation': entered.yes,
        'rulesExecution/unitEvaluation': entered.yes,
        'rulesExecution/evaluationReport': entered.yes,
        procurementIntent: entered.number('1'),
        procurementIntentTiming: entered.yes,
        procurementControls: entered.yes,
        procurementCompliance: entered.findings(),
        contractTimeliness: entered.number('1'),
        contractFiling: entered.yes,
        procurementPolicy: entered.number('1'),
        assetAllocation: entered.findings(),
        assetIncome: entered.findings('处置收益或租金超过3个月未上缴（每笔）'),
        assetInventory: entered.yes,
        assetData: entered.judgement('达成'),
        assetCompliance: entered.findings(),
        fixedAssetUse: entered.number('1'),
      },
    ),
  }
}

const score = scoreScheme(SEED003_SCHEME, seed003Context())
const pointsOf = (id: string): string | undefined => score.items.find((i) => i.itemId === id)?.points.toFixed()

describe('seed 003 reproduced item by item (domain-rules §11.10)', () => {
  it('is a valid 100-point scheme of 26 items', () => {
    expect(schemeProblems(SEED003_SCHEME)).toEqual([])
    expect([SEED003_SCHEME.items.length, score.max.toFixed()]).toEqual([26, '100'])
  })

  it.each([
    ['output', '20', 'seed 003 p.1: 产出指标完成情况 20 (年初设置的指标值均已达标)'],
    ['benefit', '20', 'seed 003 p.1: 效益指标完成情况 20 (定性 达成 → 100% of its share)'],
    ['budgetExecution', '9.56', 'seed 003 p.1: 部门预算资金支出率 95.6% → 9.56'],
    ['preAssessment', '3', 'seed 003 p.1: 新增预算项目事前绩效评估 3 (无应评估项目，不扣分)'],
    ['carryOverRate', '2', 'seed 003 p.1: 结转结余率 2 (年末结转和结余为0，≤10%)'],
    ['financeCompliance', '2', 'seed 003 p.1: 财务管理合规性 2 (问题已完成整改)'],
    ['budgetDisclosure', '2', 'seed 003 p.2: 预决算公开合规性 2'],
    ['performanceDisclosure', '2', 'seed 003 p.2: 绩效信息公开情况 2 (1 + 1)'],
    ['performanceRules', '1.5', 'seed 003 p.2: 绩效管理制度建设 1.5 of 5 (制度不明确，酌情扣分: 0.75 + 0.75)'],
    ['resultUse', '3', 'seed 003 p.2: 绩效结果应用 3 (0.9 + 0.9 + 1.2)'],
    ['rulesExecution', '7', 'seed 003 p.2: 绩效管理制度执行 7 (2 + 1 + 1 + 1 + 1 + 1)'],
    ['procurementIntent', '0.5', 'seed 003 p.2: 采购意向公开合规性 0.5 (100%公开)'],
    ['procurementIntentTiming', '1.5', 'seed 003 p.2: 采购意向公开时限 1.5'],
    ['procurementControls', '1', 'seed 003 p.2: 采购内控制度建设 1'],
    ['procurementCompliance', '2', 'seed 003 p.2: 采购活动合规性 2 (无投诉事项成立)'],
    ['contractTimeliness', '3', 'seed 003 p.2: 采购合同签订时效性 3 (及时率100%)'],
    ['contractFiling', '1', 'seed 003 p.2: 合同备案时效性 1'],
    ['procurementPolicy', '1', 'seed 003 p.3: 采购政策效能 1 (100% × 1)'],
    ['assetAllocation', '2', 'seed 003 p.3: 资产配置合规性 2'],
    ['assetIncome', '0.5', 'seed 003 p.3: 资产收益上缴的及时性 0.5 (1笔长期未上缴，扣0.5)'],
    ['assetInventory', '1', 'seed 003 p.3: 资产盘点情况 1'],
    ['assetData', '2', 'seed 003 p.3: 数据质量 2'],
    ['assetCompliance', '2', 'seed 003 p.3: 资产管理合规性 2'],
    ['fixedAssetUse', '2', 'seed 003 p.3: 固定资产利用率 2 (100%，≥90%)'],
    ['publicExpenseControl', '2', 'seed 003 p.3: 公用经费控制率 2 (控制率≤0)'],
    ['threePublicExpenses', '2', 'seed 003 p.3: “三公”经费控制情况 2 (89.59 ≤ 115.74)'],
  ])('%s scores %s — %s', (id, expected) => {
    expect(pointsOf(id)).toBe(expected)
  })

  it('reads 部门预算资金支出率 as the 95.60% average of all twelve months (seed 003: 支出率未达到100%)', () => {
    const item = score.items.find((i) => i.itemId === 'budgetExecution')
    expect(
      item?.reading?.status === 'value' && item.reading.value.kind === 'number' && item.reading.value.value.toFixed(),
    ).toBe('0.956')
    expect(item?.months?.used).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) as MonthNumber))
  })

  it('reads “三公”经费 as 89.59 ÷ 115.74 = 77.41% and 公用经费控制率 as (950 − 1000) ÷ 1000 = −5%', () => {
    const value = (id: string) => {
      const reading = score.items.find((i) => i.itemId === id)?.reading
      return reading?.status === 'value' && reading.value.kind === 'number' ? reading.value.value.toFixed() : null
    }
    expect([value('threePublicExpenses'), value('publicExpenseControl'), value('carryOverRate')]).toEqual([
      '0.7741',
      '-0.05',
      '0',
    ])
  })

  it('adds up to the seed 003 total 95.56, graded 优 (seed 003 p.3: 总分 95.56, √优), as the year-end score', () => {
    expect(score.total.toFixed()).toBe('95.56')
    expect(score.total.eq(sum(score.items.map((i) => i.points)))).toBe(true)
    expect([score.grade, score.mode, score.unread]).toEqual(['优', 'yearEnd', 0])
    // 4.44 lost in all: 0.44 on 支出率, 3.5 on 制度建设, 0.5 on 资产收益
    expect(score.items.filter((i) => i.lost.gt(0)).map((i) => [i.itemId, i.lost.toFixed()])).toEqual([
      ['budgetExecution', '0.44'],
      ['performanceRules', '3.5'],
      ['assetIncome', '0.5'],
    ])
    expect(new D(100).minus(score.total).toFixed()).toBe('4.44')
  })
})
