// @vitest-environment jsdom
/**
 * The score preview's 部门预算资金支出率 line names the months its average used (seed 003 scheme), and
 * says plainly when there is no monthly average. Figures from the seed 001 demo (1493.25 万元).
 */
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ScorePreviewCard from '@/components/overview/ScorePreviewCard.vue'
import { scoreOutlook } from '@/domain/dashboard'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import type { UnitYearDataset } from '@/domain/types'

const settings = { ...defaultSettings(), scoringScheme: 'seed003' as const }

function budgetLineOf(dataset: UnitYearDataset, nodeId = DEMO_NODE_ID): string {
  const result = computeNodeSnapshot({ dataset, nodeId, settings })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join())
  const wrapper = mount(ScorePreviewCard, {
    props: { preview: scoreOutlook(result.value, settings), scheme: '广州2023自评表', precision: 2 },
  })
  return wrapper.get('[data-testid="score-budget-execution"]').text()
}

describe('ScorePreviewCard: 部门预算资金支出率', () => {
  it('seed 001 demo 1-6月: 6 个月的通报执行进度平均 50.54%, 5.05 分 (docs/domain-rules.md §4.8)', () => {
    expect(budgetLineOf(qiemo2021Dataset())).toBe(
      '部门预算资金支出率（10 分）：已填报的 6 个月（1-6月）平均执行进度 50.54%（各月执行率 ÷ 序时进度，超过100%按100%计），按此得 5.05 分。年末按全年已填报的月份平均计算，此处未计入上方得分。',
    )
  })

  it('entries only in months 3 and 6: averages those two (50.99%, 5.10 分) and names the months left out', () => {
    const dataset = qiemo2021Dataset()
    dataset.monthlyExecutions = dataset.monthlyExecutions.filter((e) => e.month === 3 || e.month === 6)
    expect(budgetLineOf(dataset)).toContain(
      '已填报的 2 个月（3、6月）平均执行进度 50.99%（各月执行率 ÷ 序时进度，超过100%按100%计）（1、2、4、5月有预算行未填报，不计入），按此得 5.10 分。',
    )
  })

  it('no month entered at all: 尚无足够的月度执行数据，无法计算月均执行率', () => {
    const dataset = qiemo2021Dataset()
    dataset.monthlyExecutions = []
    expect(budgetLineOf(dataset)).toContain(
      '部门预算资金支出率（10 分）：尚无足够的月度执行数据，无法计算月均执行率，此项暂计 0 分。',
    )
  })
})
