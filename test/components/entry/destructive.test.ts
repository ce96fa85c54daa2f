// @vitest-environment jsdom
/**
 * The destructive actions of the entry screens (issue 5, item 6) on the app database (fake-indexeddb):
 * 删除单位 warns with the unit, its year and counted data, offers 先备份, cancels without a change and
 * deletes on confirm; the 监控节点 list cannot lock or unlock a node around 定稿 / 解锁 rules.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import EntryUnitForm from '@/components/entry/EntryUnitForm.vue'
import EntryNodes from '@/components/entry/EntryNodes.vue'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { freezeReport, getReport, submittedVersions } from '@/db/reports'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR } from '@/domain/demo/ids'
import { countUnitYear, lossItems } from '@/domain/dataLoss'
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
/** IndexedDB answers on later ticks than flushPromises reaches: poll until `ready` holds. */
async function until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ready()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
    await flushPromises()
  }
  expect.fail(`timed out waiting for ${what}`)
}
const visibleDialog = () => byTestId('loss-dialog').find((d) => d.closest('.el-overlay')?.getAttribute('style')?.includes('display: none') !== true)

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
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: stub }, { path: '/report', component: stub }] })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  await Promise.all(db.tables.map((t) => t.clear()))
})
afterEach(() => { body().innerHTML = '' })
vi.setConfig({ testTimeout: 30_000 })

describe('删除单位', () => {
  it('names the unit, its year and the counts, offers 先备份, and deletes only on confirm', async () => {
    const workspace = await seedDemo()
    const backupAll = vi.spyOn(useDataTransferStore(), 'backupAll').mockResolvedValue(true)
    const wrapper = mount(EntryUnitForm, { props: { unit: workspace.dataset!.unit }, attachTo: body() })
    await click('unit-delete')
    await until(() => byTestId('loss-subject').length > 0, 'the warning')

    expect(byTestId('loss-subject')[0].textContent).toContain('单位“且末县自然资源局”（2021年）')
    const expected = lossItems(countUnitYear(qiemo2021Dataset()))
    expect(byTestId('loss-item').map((li) => li.textContent?.replace(/\s+/g, ''))).toStrictEqual(expected.map((i) => `${i.label}${i.count}`))
    expect(expected.map((i) => i.key)).toEqual(expect.arrayContaining(['projects', 'budgetLines', 'monthlyExecutions', 'indicators', 'readings', 'measures']))

    await click('loss-backup')
    await until(() => byTestId('loss-backed-up').length > 0, 'the backup')
    expect(backupAll).toHaveBeenCalledOnce()
    expect(byTestId('loss-backed-up')[0].textContent).toContain('已于')

    await click('loss-cancel')
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
    const wrapper = mount(EntryNodes, { props: { dataset: workspace.dataset! }, global: { plugins: [r] }, attachTo: body() })
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
