// @vitest-environment jsdom
/**
 * The leader's flow on 预警 (issue 13 item 5), on the app database (fake-indexeddb) with the real
 * workspace, alerts and operator stores: the 当前操作人 set once signs every 批示 (no name typed
 * again); several alerts are 批示 or 关闭 at once; an empty batch text or no 操作人 is refused with a
 * message and nothing is stored; an alert with a 批示 reads 处理中; the rule reads in words; the
 * 预警清单 downloads as an .xlsx holding the alerts, 批示 and measures; the 领导批示单 lists them.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ExcelJS from 'exceljs'
import AlertsPage from '@/pages/AlertsPage.vue'
import LeaderSheet from '@/components/alerts/LeaderSheet.vue'
import TheHeaderOperator from '@/components/layout/TheHeaderOperator.vue'
import { saveUnitYear } from '@/db/datasets'
import { db } from '@/db/schema'
import { OPERATOR_KEY, useOperatorStore } from '@/stores/operator'
import { useAlertsStore } from '@/stores/alerts'
import { useWorkspaceStore } from '@/stores/workspace'
import type * as Download from '@/io/download'
import { aDataset, aMeasure } from '../../db/fixtures'
import { until, untilMessage } from '../entry/until'

const downloads: { blob: Blob; name: string }[] = []
vi.mock('@/io/download', async (original) => ({
  ...(await original<typeof Download>()),
  downloadBlob: (blob: Blob, name: string) => downloads.push({ blob, name }),
}))

const router = () =>
  createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })

async function mountPage(): Promise<VueWrapper> {
  await useWorkspaceStore().init()
  const wrapper = mount(AlertsPage, { global: { plugins: [router()] }, attachTo: document.body })
  // the page stores the node's current alerts on opening
  await until(
    async () => wrapper.findAll('[data-testid="alert-message"]').length >= 3 && (await db.alerts.count()) >= 3,
  )
  await until(() => useAlertsStore().inSync)
  await flushPromises()
  return wrapper
}

const bodyRows = (wrapper: VueWrapper) =>
  wrapper.findAll('[data-testid="alert-table"] .el-table__body tr.el-table__row')

async function selectFirst(wrapper: VueWrapper, n: number): Promise<string[]> {
  const rows = bodyRows(wrapper).slice(0, n)
  for (const row of rows) await row.get('.el-checkbox input').setValue(true)
  await flushPromises()
  expect(wrapper.get('[data-testid="selected-count"]').text()).toBe(String(n))
  return rows.map((r) => r.get('[data-testid="alert-message"]').text())
}

/** The field of an Element Plus input: the testid lands on the <input>/<textarea> itself. */
async function field(testId: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
  await until(() => document.querySelector(`[data-testid="${testId}"]`) !== null)
  const el = document.querySelector(`[data-testid="${testId}"]`)!
  return (/^(INPUT|TEXTAREA)$/.test(el.tagName) ? el : el.querySelector('input, textarea')) as HTMLInputElement
}
async function typeInto(testId: string, text: string) {
  const el = await field(testId)
  el.value = text
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const typeInDialog = (text: string) => typeInto('alert-text', text)
const submitDialog = () => (document.querySelector('[data-testid="alert-text-submit"]') as HTMLButtonElement).click()
const stored = async () => (await db.alerts.toArray()).sort((a, b) => a.id.localeCompare(b.id))

describe('预警: the leader’s flow', () => {
  beforeEach(async () => {
    localStorage.clear()
    setActivePinia(createPinia())
    document.body.innerHTML = ''
    downloads.length = 0
    await Promise.all(db.tables.map((t) => t.clear()))
    expect((await saveUnitYear(aDataset({ alerts: [], measures: [] }))).ok).toBe(true)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sets the 操作人 once in the header; it is remembered on the device and signs a batch 批示 of 3 alerts', async () => {
    const header = mount(TheHeaderOperator, { attachTo: document.body })
    expect(header.get('[data-testid="header-operator-name"]').text()).toBe('设置操作人')
    await header.get('[data-testid="header-operator"]').trigger('click')
    await typeInto('operator-input', ' 才茨柯 ')
    ;(document.querySelector('[data-testid="operator-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(header.get('[data-testid="header-operator-name"]').text()).toBe('才茨柯')
    expect(localStorage.getItem(OPERATOR_KEY)).toBe('才茨柯')
    header.unmount()

    // a new session on the same device (new Pinia) starts with it
    setActivePinia(createPinia())
    expect(useOperatorStore().name).toBe('才茨柯')
    const wrapper = await mountPage()
    expect((await field('reviewer-name')).value).toBe('才茨柯')
    const messages = await selectFirst(wrapper, 3)
    await wrapper.get('[data-testid="batch-comment"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="alert-text-note"]')?.textContent).toBe(
      '已选 3 条预警，将以“才茨柯”的名义一并处理。',
    )
    await typeInDialog('三季度前赶上序时进度')
    submitDialog()
    await untilMessage('已对 3 条预警批示')

    const commented = (await stored()).filter((a) => a.history?.length)
    expect(commented.map((a) => a.message).sort()).toEqual([...messages].sort())
    for (const a of commented)
      expect(a.history).toEqual([
        expect.objectContaining({ by: '才茨柯', kind: 'comment', text: '三季度前赶上序时进度' }),
      ])
    // one write: the three events carry the same database time
    expect(new Set(commented.map((a) => a.history![0]!.at)).size).toBe(1)
    // each reads 处理中, and the selection is cleared
    await flushPromises()
    for (const message of messages) {
      const row = bodyRows(wrapper).find((r) => r.get('[data-testid="alert-message"]').text() === message)!
      expect(row.get('[data-testid="alert-status"]').text()).toBe('处理中')
    }
    expect(wrapper.get('[data-testid="in-progress-count"]').text()).toBe('3')
    expect(wrapper.get('[data-testid="selected-count"]').text()).toBe('0')
    wrapper.unmount()
  })

  it('closes 3 selected alerts at once', async () => {
    useOperatorStore().set('才茨柯')
    const wrapper = await mountPage()
    const messages = await selectFirst(wrapper, 3)
    await wrapper.get('[data-testid="batch-close"]').trigger('click')
    await flushPromises()
    await typeInDialog('已核实，属季节性因素')
    submitDialog()
    await untilMessage('已关闭 3 条预警')
    const closed = (await stored()).filter((a) => a.status === 'closed')
    expect(closed.map((a) => a.message).sort()).toEqual([...messages].sort())
    for (const a of closed) {
      expect(a.closedReason).toBe('已核实，属季节性因素')
      expect(a.history).toEqual([expect.objectContaining({ by: '才茨柯', kind: 'close' })])
    }
    wrapper.unmount()
  })

  it('refuses an empty batch 批示 with a message; nothing is stored', async () => {
    useOperatorStore().set('才茨柯')
    const wrapper = await mountPage()
    const before = await stored()
    await selectFirst(wrapper, 3)
    await wrapper.get('[data-testid="batch-comment"]').trigger('click')
    await flushPromises()
    await typeInDialog('   ')
    submitDialog()
    await untilMessage('批示内容不能为空。')
    expect(document.querySelector('[data-testid="alert-text-dialog"]')).not.toBeNull()
    expect(await stored()).toEqual(before)
    expect(before.every((a) => !a.history)).toBe(true)
    wrapper.unmount()
  })

  it('refuses a batch without an 操作人 with a message; nothing is stored', async () => {
    const wrapper = await mountPage()
    const before = await stored()
    const ids = before.slice(0, 3).map((a) => a.id)
    await selectFirst(wrapper, 3)
    await wrapper.get('[data-testid="batch-comment"]').trigger('click')
    await untilMessage('请先在页面顶部设置当前操作人。')
    expect(document.querySelector('[data-testid="alert-text"]')).toBeNull()
    // the store refuses too, whoever calls it
    const result = await useAlertsStore().commentMany(ids, '加快')
    expect(result).toEqual({ ok: false, messages: ['请先在页面顶部设置当前操作人。'] })
    expect(await useAlertsStore().commentMany([], '加快')).toEqual({ ok: false, messages: ['请先勾选要处理的预警。'] })
    expect(await stored()).toEqual(before)
    wrapper.unmount()
  })

  it('describes the rule in words in the expanded row', async () => {
    const wrapper = await mountPage()
    const budgetRow = bodyRows(wrapper).find((r) => r.text().includes('执行进度比'))!
    await budgetRow.get('.el-table__expand-icon').trigger('click')
    await flushPromises()
    const rule = wrapper.get('[data-testid="alert-rule"]').text()
    expect(rule).toMatch(
      /^规则：预算执行进度偏慢。执行进度比（执行率 ÷ 序时进度 × 100）低于 60 为红色，低于 80 为黄色。$/,
    )
    expect(rule).not.toMatch(/budget|red=|yellow=/)
    wrapper.unmount()
  })

  it('downloads the 预警清单 .xlsx with the alerts, 批示 and measures', async () => {
    useOperatorStore().set('才茨柯')
    const wrapper = await mountPage()
    const alerts = useAlertsStore()
    const first = alerts.alerts[0]!
    expect((await alerts.comment(first.id, '请财务室按月调度')).ok).toBe(true)
    await db.measures.put(aMeasure({ id: 'm-1', alertId: first.id, content: '按月调度支付', department: '财务室' }))
    await useWorkspaceStore().reload()
    await flushPromises()
    await wrapper.get('[data-testid="export-alert-list"]').trigger('click')
    await until(() => downloads.length === 1)
    expect(downloads[0]!.name).toMatch(/2021年1-6月预警清单\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await downloads[0]!.blob.arrayBuffer())
    const sheet = workbook.getWorksheet('预警清单')!
    const rows = sheet.getRows(4, sheet.rowCount - 3)!.map((r) => (r.values as unknown[]).slice(1).map(String))
    expect(rows).toHaveLength(alerts.alerts.length)
    const row = rows.find((r) => r[4] === first.message)!
    expect(row[5]).toBe('处理中')
    expect(row[6]).toMatch(/^才茨柯 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间）：请财务室按月调度$/)
    expect(row[7]).toContain('按月调度支付（责任科室：财务室')
    expect(row[8]).toBe('财务室')
    wrapper.unmount()
  })

  it('the 领导批示单 lists the node’s alerts with their 批示', async () => {
    useOperatorStore().set('才茨柯')
    await useWorkspaceStore().init()
    const alerts = useAlertsStore()
    await alerts.sync()
    const first = alerts.alerts[0]!
    expect((await alerts.comment(first.id, '本月内拿出整改方案')).ok).toBe(true)
    const sheet = mount(LeaderSheet, { global: { plugins: [router()] }, attachTo: document.body })
    await until(() => sheet.find('[data-testid="leader-sheet"]').exists())
    expect(sheet.get('h1').text()).toBe('领导批示单')
    expect(sheet.text()).toContain('监控节点：2021年1-6月（截至2021-06-30）')
    const rows = sheet.findAll('[data-testid="sheet-row"]')
    expect(rows).toHaveLength(alerts.alerts.length)
    expect(rows.length).toBeGreaterThanOrEqual(3)
    const row = rows.find((r) => r.text().includes(first.message))!
    expect(row.text()).toContain('才茨柯')
    expect(row.text()).toContain('本月内拿出整改方案')
    expect(row.text()).toContain('处理中')
    sheet.unmount()
  })
})
