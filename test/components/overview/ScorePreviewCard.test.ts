// @vitest-environment jsdom
/**
 * The score preview shows the scheme scored at the node: the 14-item scheme of every rule type on the
 * seed 001 demo at 1-6月 with its inputs, worked out by hand (72.45, 中, test/io/scoring/fixtures.ts);
 * seed 003's table with nothing entered says what to enter and where; at 1-12月 it is the year-end score.
 */
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ScorePreviewCard from '@/components/overview/ScorePreviewCard.vue'
import { SEED003_SCHEME } from '@/domain/scoring'
import type { ScoringSchemeDefinition } from '@/domain/scoring'
import { computeNodeSnapshot } from '@/domain/snapshot'
import type { NodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { qiemo2021YearDataset, demoNodeId } from '@/domain/demo/qiemo2021Year'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import type { ManagementInputs, UnitYearDataset } from '@/domain/types'
import { FIXTURE_EXPECTED, FIXTURE_SCHEME, fixtureInputs } from '../../io/scoring/fixtures'

function snapshotOf(dataset: UnitYearDataset, nodeId = DEMO_NODE_ID): NodeSnapshot {
  const result = computeNodeSnapshot({ dataset, nodeId, settings: defaultSettings() })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join())
  return result.value
}

async function mountCard(snapshot: NodeSnapshot, scheme: ScoringSchemeDefinition, inputs: ManagementInputs | null) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }],
  })
  const wrapper = mount(ScorePreviewCard, {
    props: { snapshot, scheme, inputs, precision: 2 },
    global: { plugins: [router, createPinia()] },
  })
  // ElTable lays out its body rows after mounting
  await flushPromises()
  return wrapper
}

/** Each item row as shown: 评分项目, its 一级 · 二级, 指标值, 得分 / 分值. */
function itemRows(wrapper: Awaited<ReturnType<typeof mountCard>>): string[][] {
  return wrapper.findAll('[data-testid="score-items"] .el-table__body tr.el-table__row').map((tr) => {
    const [, name, value, points] = tr.findAll('td')
    return [name.get('.name').text(), name.get('.tiny').text(), value.text(), points.text().replace(/\s+/g, ' ')]
  })
}

describe('ScorePreviewCard', () => {
  it('shows the hand-worked 72.45 (中) of the 14-item scheme at 1-6月, 按当前进度预计, item by item', async () => {
    const wrapper = await mountCard(snapshotOf(qiemo2021Dataset()), FIXTURE_SCHEME, fixtureInputs())
    expect(wrapper.get('[data-testid="score-mode"]').text()).toBe(
      '按当前进度预计（截至2021年1-6月） · 测试评分方案（全部规则）',
    )
    expect(wrapper.get('[data-testid="score-value"]').text()).toBe('72.45 分')
    expect(wrapper.get('[data-testid="score-grade"]').text()).toBe('中')
    expect(wrapper.get('[data-testid="score-max"]').text()).toBe('满分 100.00 分')
    expect(wrapper.get('[data-testid="score-budget-execution"]').text()).toBe(
      '部门预算资金支出率（10 分）：已填报的 6 个月（1-6月）平均执行进度 50.54%（各月执行率 ÷ 序时进度，超过100%按100%计），按此得 5.05 分。',
    )
    expect(wrapper.find('[data-testid="score-to-enter"]').exists()).toBe(false)
    const rows = itemRows(wrapper)
    expect(rows.length).toBe(14)
    expect(rows.slice(0, 3)).toEqual([
      ['部门整体绩效目标完成情况', '履职效能 · 整体效能', '92.00%', '41.40 / 45.00'],
      ['部门预算资金支出率', '履职效能 · 整体效能', '50.54%', '5.05 / 10.00'],
      ['政府采购执行率', '管理效率 · 预算执行', '80.00%', '3.00 / 4.00'],
    ])
    expect(rows.map((r) => r[3].split(' / ')[0])).toEqual(FIXTURE_EXPECTED.map((e) => Number(e.points).toFixed(2)))
    expect(rows.map((r) => r[2])).toEqual(FIXTURE_EXPECTED.map((e) => e.value || '3 个分项'))
  })

  it('opens a row on the rule in words and, for a 分项合计 item, each part with its points', async () => {
    const wrapper = await mountCard(snapshotOf(qiemo2021Dataset()), FIXTURE_SCHEME, fixtureInputs())
    const expanders = wrapper.findAll('[data-testid="score-items"] .el-table__expand-icon')
    await expanders[6].trigger('click')
    await expanders[13].trigger('click')
    await flushPromises()
    const details = wrapper.findAll('[data-testid="score-item-detail"]')
    expect(details.map((d) => d.get('div').text())).toEqual([
      '评分标准：公用经费控制率不高于0%的，得满分；每高出5%（不足5%的按5%计）扣0.5分，扣完为止',
      '评分标准：1.绩效目标未被回退（2分）：绩效目标被财政部门回退次数<1次的，得满分，否则不得分。2.按要求开展绩效监控（2分）：按要求开展部门整体支出绩效监控的，得2分，否则不得分。3.及时报送绩效材料（3分）：按发现的问题扣分：逾期报送，每项扣1分；扣完为止',
    ])
    expect(details[1].findAll('li').map((li) => li.text().replace(/\s+/g, ''))).toEqual([
      '绩效目标未被回退：1次（0.00/2.00分）',
      '按要求开展绩效监控：是（2.00/2.00分）',
      '及时报送绩效材料：发现问题1项（2.00/3.00分）',
    ])
  })

  it('with nothing entered, says what each item lacks and sends the unit to 数据管理 › 管理指标', async () => {
    const wrapper = await mountCard(snapshotOf(qiemo2021Dataset()), SEED003_SCHEME, null)
    expect(wrapper.get('[data-testid="score-value"]').text()).toBe('32.05 分')
    expect(wrapper.get('[data-testid="score-grade"]').text()).toBe('差')
    expect(wrapper.get('[data-testid="score-max"]').text()).toBe('满分 100.00 分，23 项尚未填报或尚无数据，暂计 0 分')
    const alert = wrapper.get('[data-testid="score-to-enter"]')
    expect(alert.text().replace(/\s+/g, '')).toBe(
      '23项评分所需的管理指标尚未填报，暂计0分：请到数据管理›管理指标填报。',
    )
    expect(alert.get('a').attributes('href')).toBe('/data/management')
    const rows = itemRows(wrapper)
    expect(rows.length).toBe(26)
    expect(rows[0]).toEqual([
      '部门整体绩效目标产出指标完成情况',
      '履职效能 · 整体效能',
      '13 项指标计分，4 项未到评价时点',
      '20.00 / 20.00',
    ])
    expect(rows[3]).toEqual(['新增预算项目事前绩效评估', '管理效率 · 预算编制', '未填报', '0.00 / 3.00'])
    expect(rows[7]).toEqual(['绩效信息公开情况', '管理效率 · 信息公开', '2 个分项未填报', '0.00 / 2.00'])
  })

  it('at 1-12月 shows the year-end score and the twelve months averaged', async () => {
    const snapshot = snapshotOf(qiemo2021YearDataset(), demoNodeId(12))
    const wrapper = await mountCard(snapshot, SEED003_SCHEME, null)
    expect(wrapper.get('[data-testid="score-mode"]').text()).toBe('年末得分（2021年度自评） · 广州2023自评表')
    expect(wrapper.get('[data-testid="score-budget-execution"]').text()).toContain('已填报的 12 个月（1-12月）')
  })
})
