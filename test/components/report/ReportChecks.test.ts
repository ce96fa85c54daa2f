// @vitest-environment jsdom
/**
 * The check list on 监控报告 shows the domain's checks of seed 001's copied 1-7月 (5 lines without July
 * figures, 22 readings carried from 1-6月) with the way to settle each.
 */
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ReportChecks from '@/components/report/ReportChecks.vue'
import { reportChecks } from '@/domain/report'
import { demoWithJuly, JULY_NODE_ID, snapshotOf } from '../../domain/report/julyNode'

function mountChecks() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }],
  })
  const dataset = demoWithJuly()
  dataset.budgetJudgements.push({
    id: 'j7',
    nodeId: JULY_NODE_ID,
    budgetLineId: 'demo-bl-gzfl',
    yearEndForecast: '1129.83',
    likelihood: '确定能',
    deviationCauses: ['其他'],
    deviationText: '绩效工资和年终奖励集中在下半年发放',
    carriedFrom: 'demo-qiemo-2021-06',
  })
  const checks = reportChecks({ dataset, snapshot: snapshotOf(dataset, JULY_NODE_ID) })
  return mount(ReportChecks, { props: { checks }, global: { plugins: [router] } })
}

describe('ReportChecks', () => {
  it('lists each check with what to do, the confirm button and the links to where it is settled', async () => {
    const wrapper = mountChecks()
    const items = wrapper.findAll('[data-testid="report-check"]')
    expect(items.map((i) => i.attributes('data-kind'))).toEqual([
      'unreportedLines',
      'carriedReadings',
      'carriedJudgements',
    ])
    expect(wrapper.text()).toContain('定稿前需处理以下 3 项，处理完才能定稿：')
    expect(items[0].text()).toContain(
      '5 个预算行未填报7月：工资福利支出、车辆运行维护费、基本公用经费、驻村、管寺生活补助、国有土地出让金评估项目（按截至6月的数计）',
    )
    expect(items[1].text()).toContain('22 个指标的填报沿用自“2021年1-6月”，尚未确认')
    expect(items[1].text()).toContain('办理建设项目用地初审、新增建设用地报批')
    expect(items[2].text()).toContain('1 个预算行的研判沿用自“2021年1-6月”，尚未确认')
    expect(wrapper.findAll('[data-testid="report-check-link"]').map((a) => a.attributes('href'))).toEqual([
      '/indicators?mode=entry',
      '/execution?mode=judgement',
    ])
    await items[0].get('[data-testid="report-check-no-new-spending"]').trigger('click')
    expect(wrapper.emitted('confirmNoNewSpending')).toHaveLength(1)
  })
})
