// @vitest-environment jsdom
/**
 * The destructive actions of the entry screens (docs/reliability.md §6) on the app database (fake-indexeddb):
 * 删除单位 warns with the unit, its year and counted data, offers 先备份, cancels without a change and
 * deletes on confirm; the 监控节点 list cannot lock or unlock a node around 定稿 / 解锁 rules; deleting
 * a 预算行, a 三级指标 (its readings at every node, not only the shown node's) or an empty 项目 warns
 * the same way, counted.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import EntryUnitForm from '@/components/entry/EntryUnitForm.vue'
import EntryNodes from '@/components/entry/EntryNodes.vue'
import EntryBudgetLines from '@/components/entry/EntryBudgetLines.vue'
import EntryTargets from '@/components/entry/EntryTargets.vue'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { freezeReport, getReport, submittedVersions } from '@/db/reports'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR } from '@/domain/demo/ids'
import { alertsAbout, alertsAboutNote, countBudgetLine, countUnitYear, lossItems } from '@/domain/dataLoss'
import type { Indicator, IndicatorReading, UnitYearDataset } from '@/domain/types'
import { ok } from '@/domain/result'
import { useAlertsStore } from '@/stores/alerts'
import { useDataTransferStore } from '@/stores/dataTransfer'
import { useWorkspaceStore } from '@/stores/workspace'

const body = () => document.body
const byTestId = (id: string) => [...body().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)]
const click = async (id: string) => {
  const found = byTestId(id)
  expect(found.length, id).toBeGreaterThan(0)
  found[found.length - 1].click()
  await flushPromises()
}
/** IndexedDB answers on later ticks than flushPromises reaches: wait until `ready` holds (fails after 5 s, naming `what`). */
async function until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      await flushPromises()
      if (!(await ready())) throw new Error(`timed out waiting for ${what}`)
    },
    { timeout: 5000, interval: 10 },
  )
}
const visibleDialog = () =>
  byTestId('loss-dialog').find(
    (d) => d.closest('.el-overlay')?.getAttribute('style')?.includes('display: none') !== true,
  )

async function seedDemo() {
  const saved = await saveUnitYear(qiemo2021Dataset())
  expect(saved.ok).toBe(true)
  const workspace = useWorkspaceStore()
  await workspace.refreshUnitYears()
  await workspace.select(DEMO_UNIT_ID, DEMO_YEAR)
  return workspace
}

function router() {
  const stub = { template: '<div />' }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: stub },
      { path: '/report', component: stub },
    ],
  })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  await Promise.all(db.tables.map((t) => t.clear()))
})
afterEach(() => {
  body().innerHTML = ''
})
vi.setConfig({ testTimeout: 30_000 })

describe('删除单位', () => {
  it('names the unit, its year and the counts, offers 先备份, and deletes only on confirm', async () => {
    const workspace = await seedDemo()
    const backupAll = vi.spyOn(useDataTransferStore(), 'backupAll').mockResolvedValue(ok())
    const wrapper = mount(EntryUnitForm, { props: { unit: workspace.dataset!.unit }, attachTo: body() })
    await click('unit-delete')
    await until(() => byTestId('loss-subject').length > 0, 'the warning')

    expect(byTestId('loss-subject')[0].textContent).toContain('单位“且末县自然资源局”（2021年）')
    const expected = lossItems(countUnitYear(qiemo2021Dataset()))
    expect(byTestId('loss-item').map((li) => li.textContent?.replace(/\s+/g, ''))).toStrictEqual(
      expected.map((i) => `${i.label}${i.count}`),
    )
    expect(expected.map((i) => i.key)).toEqual(
      expect.arrayContaining(['projects', 'budgetLines', 'monthlyExecutions', 'indicators', 'readings', 'measures']),
    )

    await click('loss-backup')
    await until(() => byTestId('loss-backed-up').length > 0, 'the backup')
    expect(backupAll).toHaveBeenCalledOnce()
    expect(byTestId('loss-backed-up')[0].textContent).toContain('已于')

    await click('loss-cancel')
    await until(() => visibleDialog() === undefined, 'the warning closed')
    expect(await db.units.count()).toBe(1)
    expect(await db.monthlyExecutions.count()).toBe(qiemo2021Dataset().monthlyExecutions.length)

    await click('unit-delete')
    await until(() => visibleDialog() !== undefined, 'the warning again')
    await click('loss-confirm')
    await until(async () => (await db.units.count()) === 0 && workspace.unitYears.length === 0, 'the delete')
    for (const table of db.tables.filter((t) => !['auditLog', 'meta', 'frameworks', 'settings'].includes(t.name))) {
      expect(await table.count(), table.name).toBe(0)
    }
    expect(workspace.unitYears).toStrictEqual([])
    expect(workspace.dataset).toBeNull()
    wrapper.unmount()
  }, 30_000)
})

describe('监控节点 list keeps the 定稿 rules', () => {
  async function mountNodes() {
    const workspace = useWorkspaceStore()
    const r = router()
    const wrapper = mount(EntryNodes, {
      props: { dataset: workspace.dataset! },
      global: { plugins: [r] },
      attachTo: body(),
    })
    await flushPromises()
    return { wrapper, router: r }
  }

  it('sends 定稿 to the 监控报告 page instead of locking the node without a frozen report', async () => {
    await seedDemo()
    const { router: r } = await mountNodes()
    expect(byTestId('node-unlock')).toHaveLength(0)
    await click('node-freeze')
    expect(r.currentRoute.value.path).toBe('/report')
    expect((await db.nodes.get(DEMO_NODE_ID))?.status).toBe('draft')
  })

  it('unlocks a 定稿 node only with a reason, recorded like 监控报告 解锁, keeping the submitted model', async () => {
    const workspace = await seedDemo()
    const model = { version: 1, title: '定稿时的报告', blocks: [] }
    expect((await freezeReport(DEMO_NODE_ID, model)).ok).toBe(true)
    await workspace.reload()
    const { wrapper } = await mountNodes()
    await wrapper.setProps({ dataset: workspace.dataset! })
    expect(byTestId('node-freeze')).toHaveLength(0)

    await click('node-unlock')
    await click('node-unlock-confirm')
    await until(() => byTestId('node-unlock-error').length > 0, 'the refusal')
    expect(byTestId('node-unlock-error')[0].textContent).toContain('请填写解锁原因')
    expect((await db.nodes.get(DEMO_NODE_ID))?.status).toBe('locked')

    const field = byTestId('node-unlock-reason')[0]
    const reason = (field.tagName === 'TEXTAREA' ? field : field.querySelector('textarea')) as HTMLTextAreaElement
    reason.value = '财政局退回，需更正6月执行数'
    reason.dispatchEvent(new Event('input'))
    await click('node-unlock-confirm')
    await until(async () => (await db.nodes.get(DEMO_NODE_ID))?.status === 'draft', 'the unlock')
    expect((await getReport(DEMO_NODE_ID))?.unlocks.map((u) => u.reason)).toStrictEqual(['财政局退回，需更正6月执行数'])
    expect((await submittedVersions(DEMO_NODE_ID)).map((v) => v.model)).toStrictEqual([model])
  })

  it('refuses to delete a 定稿 node and counts what goes with a draft node before deleting it', async () => {
    const workspace = await seedDemo()
    expect((await freezeReport(DEMO_NODE_ID, { version: 1 })).ok).toBe(true)
    await workspace.reload()
    const { wrapper } = await mountNodes()
    await wrapper.setProps({ dataset: workspace.dataset! })
    await click('node-delete')
    await until(() => body().textContent?.includes('须先解锁（填写原因）才能删除') ?? false, 'the refusal')
    expect(visibleDialog()).toBeUndefined()
    expect(await db.nodes.count()).toBe(1)

    await db.nodes.update(DEMO_NODE_ID, { status: 'draft' })
    await workspace.reload()
    await wrapper.setProps({ dataset: workspace.dataset! })
    await click('node-delete')
    const readings = qiemo2021Dataset().readings.filter((r) => r.nodeId === DEMO_NODE_ID).length
    expect(byTestId('loss-subject')[0].textContent).toContain('监控节点“2021年1-6月”')
    expect(byTestId('loss-item').map((li) => li.textContent?.replace(/\s+/g, ''))).toContain(`指标填报${readings}`)
    await click('loss-confirm')
    await until(async () => (await db.nodes.count()) === 0, 'the node delete')
    expect(await db.readings.count()).toBe(0)
  })
})

/** Clicks the `id` button in the table row that names `text`. */
const clickInRow = async (id: string, text: string) => {
  const found = byTestId(id).filter((b) => b.closest('tr')?.textContent?.includes(text))
  expect(found.length, `${id} in the row of ${text}`).toBe(1)
  found[0].click()
  await flushPromises()
}
const itemTexts = () => byTestId('loss-item').map((li) => li.textContent?.replace(/\s+/g, ''))

describe('删除预算行, 删除三级指标 and 删除项目 warn with counts and a backup first', () => {
  it('counts a budget line with its 月度执行数, names its alerts, offers 先备份, and deletes only on confirm', async () => {
    const workspace = await seedDemo()
    const backupAll = vi.spyOn(useDataTransferStore(), 'backupAll').mockResolvedValue(ok())
    const wrapper = mount(EntryBudgetLines, { props: { dataset: workspace.dataset! }, attachTo: body() })
    await flushPromises()
    const line = workspace.dataset!.budgetLines.find((l) => l.category === 'basic' && l.subCategory === 'personnel')!
    const executions = qiemo2021Dataset().monthlyExecutions.filter((e) => e.budgetLineId === line.id).length
    expect(executions).toBeGreaterThan(0)

    await clickInRow('budget-line-delete', line.name)
    await until(() => visibleDialog() !== undefined, 'the warning')
    expect(byTestId('loss-subject')[0].textContent).toContain(`预算行“${line.name}”`)
    expect(itemTexts()).toStrictEqual(
      lossItems(countBudgetLine(workspace.dataset!, line.id)).map((i) => `${i.label}${i.count}`),
    )
    expect(itemTexts()).toStrictEqual(['预算行1', `月度执行数${executions}`])
    const about = alertsAbout(workspace.dataset!, { type: 'budgetLine', id: line.id }, useAlertsStore().computedAlerts)
    expect(byTestId('loss-note')[0].textContent).toBe(
      `${alertsAboutNote(about)}本单位的其他预算行、指标和监控节点不受影响。`,
    )

    await click('loss-backup')
    await until(() => byTestId('loss-backed-up').length > 0, 'the backup')
    expect(backupAll).toHaveBeenCalledOnce()
    await click('loss-cancel')
    await until(() => visibleDialog() === undefined, 'the warning closed')
    expect(await db.budgetLines.get(line.id)).toBeDefined()
    expect(
      await db.monthlyExecutions.where('[budgetLineId+month]').between([line.id, 1], [line.id, 12], true, true).count(),
    ).toBe(executions)

    await clickInRow('budget-line-delete', line.name)
    await until(() => visibleDialog() !== undefined, 'the warning again')
    await click('loss-confirm')
    await until(async () => (await db.budgetLines.get(line.id)) === undefined, 'the delete')
    expect(
      await db.monthlyExecutions.where('[budgetLineId+month]').between([line.id, 1], [line.id, 12], true, true).count(),
    ).toBe(0)
    wrapper.unmount()
  })

  /**
   * The demo with a 1-9月 node (shown, as the latest) and a project target whose indicator has a
   * reading at both nodes: the workspace holds only the shown node's, so the warning must read the other.
   */
  function withProjectIndicator(): { dataset: UnitYearDataset; indicator: Indicator } {
    const demo = qiemo2021Dataset()
    const project = demo.projects[0]
    const indicator: Indicator = {
      ...demo.indicators[0],
      id: 'ind-project',
      targetId: 'target-project',
      name: '评估宗数',
    }
    const reading = (nodeId: string): IndicatorReading => ({
      id: `reading-project-${nodeId}`,
      nodeId,
      indicatorId: indicator.id,
      actualValue: '3',
      yearEndForecast: '6',
      likelihood: '确定能',
      deviationCauses: [],
      deviationText: '',
    })
    const q3 = { ...demo.nodes[0], id: 'node-q3', asOfDate: '2021-09-30' as const, label: '2021年1-9月' }
    return {
      indicator,
      dataset: {
        ...demo,
        targets: [
          ...demo.targets,
          {
            id: 'target-project',
            unitId: DEMO_UNIT_ID,
            year: DEMO_YEAR,
            scope: 'project',
            projectId: project.id,
            description: '',
          },
        ],
        indicators: [...demo.indicators, indicator],
        nodes: [...demo.nodes, q3],
        readings: [...demo.readings, reading(DEMO_NODE_ID), reading(q3.id)],
      },
    }
  }

  it("counts an indicator's readings at every node, also those the workspace had not read, and deletes only on confirm", async () => {
    const { dataset, indicator } = withProjectIndicator()
    expect((await saveUnitYear(dataset)).ok).toBe(true)
    const workspace = useWorkspaceStore()
    await workspace.refreshUnitYears()
    await workspace.select(DEMO_UNIT_ID, DEMO_YEAR)
    expect(workspace.nodeId).toBe('node-q3')
    // only the shown node's reading of the project indicator is in memory
    expect(workspace.dataset!.readings.filter((r) => r.indicatorId === indicator.id)).toHaveLength(1)

    const wrapper = mount(EntryTargets, { props: { dataset: workspace.dataset! }, attachTo: body() })
    await flushPromises()
    // 项目 scope: the only row is the project indicator
    const vm = wrapper.findComponent({ name: 'ElSelect' })
    vm.vm.$emit('update:modelValue', dataset.projects[0].id)
    await flushPromises()
    expect(byTestId('indicator-delete')).toHaveLength(1)

    await click('indicator-delete')
    await until(() => visibleDialog() !== undefined, 'the warning')
    await wrapper.setProps({ dataset: workspace.dataset! })
    expect(byTestId('loss-subject')[0].textContent).toContain('三级指标“评估宗数”')
    expect(itemTexts()).toStrictEqual(['三级指标1', '指标填报2'])

    await click('loss-cancel')
    await until(() => visibleDialog() === undefined, 'the warning closed')
    expect(await db.readings.where('indicatorId').equals(indicator.id).count()).toBe(2)

    await click('indicator-delete')
    await until(() => visibleDialog() !== undefined, 'the warning again')
    await click('loss-confirm')
    await until(async () => (await db.indicators.get(indicator.id)) === undefined, 'the delete')
    expect(await db.readings.where('indicatorId').equals(indicator.id).count()).toBe(0)
    expect(await db.readings.count()).toBe(qiemo2021Dataset().readings.length)
    wrapper.unmount()
  })

  it('warns before deleting an empty project, and refuses a project that still has a target', async () => {
    const workspace = await seedDemo()
    const demo = qiemo2021Dataset()
    const wrapper = mount(EntryBudgetLines, { props: { dataset: workspace.dataset! }, attachTo: body() })
    await flushPromises()
    expect(byTestId('project-delete')).toHaveLength(0)

    // an empty project: only the project row goes
    await db.projects.put({ ...demo.projects[0], id: 'proj-empty', name: '空项目' })
    await workspace.reload()
    await wrapper.setProps({ dataset: workspace.dataset! })
    await click('project-delete')
    await until(() => visibleDialog() !== undefined, 'the warning')
    expect(byTestId('loss-subject')[0].textContent).toContain('项目“空项目”')
    expect(itemTexts()).toStrictEqual(['项目1'])
    await click('loss-confirm')
    await until(async () => (await db.projects.get('proj-empty')) === undefined, 'the delete')
    await until(async () => {
      await wrapper.setProps({ dataset: workspace.dataset! })
      return byTestId('project-delete').length === 0
    }, 'the list without it')

    // a project with a target (and no lines): refused before any warning
    await db.projects.put({ ...demo.projects[0], id: 'proj-target', name: '有目标的项目' })
    await db.targets.put({
      id: 'target-p',
      unitId: DEMO_UNIT_ID,
      year: DEMO_YEAR,
      scope: 'project',
      projectId: 'proj-target',
      description: '',
    })
    await workspace.reload()
    await wrapper.setProps({ dataset: workspace.dataset! })
    await click('project-delete')
    await until(() => body().textContent?.includes('还有绩效目标和指标，不能删除') ?? false, 'the refusal')
    expect(visibleDialog()).toBeUndefined()
    expect(await db.projects.get('proj-target')).toBeDefined()
    wrapper.unmount()
  })
})
