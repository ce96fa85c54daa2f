// @vitest-environment jsdom
/**
 * The 预警 page at 2021年1-9月, on the app database (fake-indexeddb) with the real workspace and
 * alerts stores: the September alert on 评估宗数 shows what was done about the same alert at
 * 2021年1-6月 — its light against today's, the 批示 and the 纠偏措施 — and links to that node; June's
 * alert on 用地初审, green by September, is listed as no longer raised.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import AlertsPage from '@/pages/AlertsPage.vue'
import { saveUnitYear } from '@/db/datasets'
import { db } from '@/db/schema'
import { alertId } from '@/domain/alerts'
import { useWorkspaceStore } from '@/stores/workspace'
import { aDataset, aMeasure, aNode, anAlert, anIndicator, aProject, aReading, aTarget } from '../../db/fixtures'
import { until } from '../entry/until'

const JUNE_ALERT = alertId('node-h1', 'indicator.light', 'ind-land')
const SEPT_ALERT = alertId('node-q3', 'indicator.light', 'ind-land')

/** 评估宗数 12 宗: 2 by June (2 ÷ 6 expected = 33%, red), 6 by September (6 ÷ 9 = 67%, yellow). */
function twoNodes() {
  return aDataset({
    projects: [aProject()],
    targets: [
      aTarget(),
      aTarget({ id: 'target-land', scope: 'project', projectId: 'proj-land', description: '评估项目' }),
    ],
    indicators: [
      anIndicator(),
      anIndicator({ id: 'ind-land', targetId: 'target-land', name: '评估宗数', targetValue: '12', measureUnit: '宗' }),
    ],
    nodes: [aNode(), aNode({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })],
    readings: [
      aReading(),
      aReading({ id: 'r-review-q3', nodeId: 'node-q3', actualValue: '11' }),
      aReading({
        id: 'r-land-h1',
        indicatorId: 'ind-land',
        actualValue: '2',
        likelihood: '有可能',
        deviationCauses: ['经费保障'],
        deviationText: '资金未到位',
      }),
      aReading({
        id: 'r-land-q3',
        nodeId: 'node-q3',
        indicatorId: 'ind-land',
        actualValue: '6',
        likelihood: '有可能',
        deviationCauses: ['经费保障'],
        deviationText: '资金未到位',
      }),
    ],
    budgetJudgements: [],
    alerts: [
      anAlert({
        // stored as red at June (as if its reading had been lower then); green by September
        id: alertId('node-h1', 'indicator.light', 'ind-review'),
        ruleId: 'indicator.light',
        light: 'red',
        subjectType: 'indicator',
        subjectId: 'ind-review',
        message: '用地初审偏慢，红色预警',
        history: [{ at: '2021-07-03T02:00:00.000Z', by: '李四', kind: 'comment', text: '每月通报初审进度' }],
      }),
      anAlert({
        id: JUNE_ALERT,
        ruleId: 'indicator.light',
        light: 'red',
        subjectType: 'indicator',
        subjectId: 'ind-land',
        message: '评估宗数完成2宗，红色预警',
        history: [
          { at: '2021-07-02T02:00:00.000Z', by: '张三', kind: 'comment', text: '请土地利用股加快评估' },
          {
            at: '2021-07-02T02:10:00.000Z',
            by: '张三',
            kind: 'assign',
            text: '指派土地利用股',
            measureId: 'measure-land',
          },
        ],
      }),
    ],
    measures: [
      aMeasure({
        id: 'measure-land',
        alertId: JUNE_ALERT,
        content: '委托第二家评估机构',
        effect: '9月底前完成6宗',
        department: '土地利用股',
        deadline: '2021-08-31',
        status: '已完成',
      }),
    ],
    reports: [],
  })
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }],
  })
  const workspace = useWorkspaceStore()
  await workspace.init()
  const wrapper = mount(AlertsPage, { global: { plugins: [router] }, attachTo: document.body })
  await until(() => wrapper.find('[data-testid="alert-carry-over"]').exists())
  return { wrapper, workspace }
}

describe('预警 page: what was done at the previous node', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    document.body.innerHTML = ''
    await Promise.all(db.tables.map((t) => t.clear()))
    expect((await saveUnitYear(twoNodes())).ok).toBe(true)
  })

  it('shows June’s red against September’s yellow as 改善, with June’s 批示 and measure', async () => {
    const { wrapper, workspace } = await mountPage()
    expect(workspace.nodeId).toBe('node-q3')
    const carried = wrapper.findAll('[data-testid="alert-carry-over"]')
    expect(carried).toHaveLength(1)
    const text = carried[0]!.text().replace(/\s+/g, ' ')
    expect(text).toContain('上一节点（2021年1-6月）：红灯 → 现在：黄灯，改善；当时预警未关闭。')
    expect(text).toMatch(/批示：张三 2021-07-0[23] 请土地利用股加快评估/)
    expect(text).toContain(
      '纠偏措施：委托第二家评估机构（土地利用股，期限2021-08-31，已完成；预期效果：9月底前完成6宗）',
    )
    // the row it sits in is September's alert on 评估宗数
    const row = carried[0]!.element.closest('tr')
    expect(row?.textContent).toContain('评估宗数')
    expect(await db.alerts.get(SEPT_ALERT)).toMatchObject({ light: 'yellow', nodeId: 'node-q3' })

    const gone = wrapper.get('[data-testid="alerts-no-longer-raised"]').text().replace(/\s+/g, ' ')
    expect(gone).toContain('上一节点（2021年1-6月）的预警中，本节点不再触发的有 1 条')
    expect(gone).toContain('指标：用地初审（指标完成进度偏离）：当时红灯，预警未关闭；现在：绿灯，改善。')
    expect(gone).toMatch(/批示：李四 2021-07-0[34] 每月通报初审进度/)
    expect(gone).toContain('纠偏措施：未指派')
    wrapper.unmount()
  })

  it('opens 2021年1-6月 from the link, where nothing earlier is carried over', async () => {
    const { wrapper, workspace } = await mountPage()
    await wrapper.get('[data-testid="carry-over-open-node"]').trigger('click')
    await until(() => workspace.nodeId === 'node-h1')
    expect(workspace.nodeId).toBe('node-h1')
    // June's own alert on 评估宗数 is listed (2 of 6 宗; September's is 6 of 9): only then can "nothing carried over" be judged
    await until(() =>
      wrapper.find('[data-testid="alert-table"]').text().includes('“评估宗数”实际完成2宗，节点应完成6宗'),
    )
    await flushPromises()
    expect(wrapper.find('h1').text()).toBe('预警 · 2021年1-6月')
    expect(wrapper.find('[data-testid="alert-carry-over"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="alerts-no-longer-raised"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
