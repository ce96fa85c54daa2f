// @vitest-environment jsdom
/**
 * 月度执行录入 as units keep their books (docs/domain-rules.md §4.4), on the app database (fake-indexeddb):
 * 当月数 typed or pasted are saved as cumulative figures, and a unit whose 到位资金 equals its 执行数
 * is not asked for 到位资金.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { untilMessage } from './until'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ExecutionEntryGrid from '@/components/entry/ExecutionEntryGrid.vue'
import { db } from '@/db/schema'
import { listMonthlyExecutions, putBudgetLine, putExecutions } from '@/db/budget'
import { putUnit } from '@/db/units'
import type { AllocatedMode } from '@/domain/entryExecutionGrid'

import { lines, january } from './gridFixtures'

// seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83, 车辆运行维护费 40.00; 1月 53.90 and 1.20;
// 工资福利支出 2月 cumulative 107.95 (当月 54.05)

const stored = () => listMonthlyExecutions('u', 2021)
async function mountGrid(allocatedMode?: AllocatedMode): Promise<VueWrapper> {
  expect(
    (
      await putUnit({
        id: 'u',
        name: '且末县自然资源局',
        departments: [],
        monitoringGroup: [],
        financeOfficer: '',
        allocatedMode,
      })
    ).ok,
  ).toBe(true)
  for (const l of lines) expect((await putBudgetLine(l)).ok).toBe(true)
  expect((await putExecutions([january('e-gzfl-1', 'gzfl', '53.90'), january('e-clyx-1', 'clyx', '1.20')])).ok).toBe(
    true,
  )
  const w = mount(ExecutionEntryGrid, {
    props: { lines, executions: await stored(), allocatedMode },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
const cell = (row: number, col: number) =>
  document.querySelector<HTMLInputElement>(`[data-cell="${row}-${col}"]`) as HTMLInputElement
async function type(row: number, col: number, value: string) {
  cell(row, col).value = value
  cell(row, col).dispatchEvent(new Event('input'))
  await flushPromises()
}
/** Clicks a toolbar switch: 执行数 / 到位资金 (execution-field) or 累计数 / 当月数 (execution-view). */
async function choose(group: 'execution-field' | 'execution-view', label: string) {
  const button = [...document.querySelectorAll<HTMLElement>(`[data-testid="${group}"] label`)].find((l) =>
    l.textContent?.includes(label),
  )
  button?.click()
  await flushPromises()
}
const text = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent ?? ''
const totalsCells = () =>
  [...document.querySelectorAll('[data-testid="execution-totals"] td')].map((td) => td.textContent?.trim())
const february = async (lineId: string) => (await stored()).find((e) => e.budgetLineId === lineId && e.month === 2)
const clickSave = () => (document.querySelector('[data-testid="execution-save"]') as HTMLButtonElement).click()

describe('ExecutionEntryGrid in 当月数', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    document.body.innerHTML = ''
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('takes 54.05 in 2月 of 工资福利支出 over the stored 1月 53.90 and saves the cumulative 107.95', async () => {
    const w = await mountGrid()
    await choose('execution-view', '当月数')
    expect(cell(0, 0).value).toBe('53.90')
    expect(cell(0, 0).getAttribute('aria-label')).toBe('工资福利支出 1月当月执行数')
    await type(0, 1, '54.05')
    await choose('execution-field', '到位资金')
    await type(0, 1, '54.05')
    // totals show the months' own amounts: 2月 54.05 (车辆运行维护费 has no 2月, so adds 0)
    // 2月: one of two lines entered (*); 3月: none entered (未填报, not 0)
    expect(totalsCells().slice(1, 4)).toEqual(['55.10', '54.05*', '未填报'])

    await choose('execution-view', '累计数')
    expect(cell(0, 1).value).toBe('107.95')
    clickSave()
    await untilMessage('已保存 1 个月份的执行数据')
    expect(await february('gzfl')).toMatchObject({ spent: '107.95', allocated: '107.95' })
    w.unmount()
  })

  it('keeps the amount as typed key by key (54.0 is not rewritten to 54.00), and a later month’s 当月数 stays', async () => {
    const w = await mountGrid()
    await type(0, 2, '162.20') // 3月 cumulative: 当月 108.30 since 1月
    await choose('execution-view', '当月数')
    expect(cell(0, 2).value).toBe('108.30')
    for (const typed of ['5', '54', '54.', '54.0', '54.05']) {
      await type(0, 1, typed)
      expect(cell(0, 1).value).toBe(typed)
      expect(cell(0, 2).value).toBe('108.30')
    }
    await choose('execution-view', '累计数')
    expect([cell(0, 1).value, cell(0, 2).value]).toEqual(['107.95', '216.25'])
    w.unmount()
  })

  it('pastes a block of 当月数 left to right, each month building on the one before', async () => {
    const w = await mountGrid()
    await choose('execution-view', '当月数')
    const event = new Event('paste', { bubbles: true, cancelable: true })
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => '54.05\t54.25\r\n' } })
    cell(0, 1).dispatchEvent(event)
    await flushPromises()
    expect([cell(0, 1).value, cell(0, 2).value]).toEqual(['54.05', '54.25'])
    await choose('execution-view', '累计数')
    expect([cell(0, 1).value, cell(0, 2).value]).toEqual(['107.95', '162.20'])
    w.unmount()
  })

  it('refuses a 当月数 that makes the cumulative negative, saying so in place', async () => {
    const w = await mountGrid()
    await choose('execution-view', '当月数')
    await type(0, 1, '-60')
    const td = cell(0, 1).closest('td')
    expect(td?.classList.contains('invalid')).toBe(true)
    expect(td?.textContent).toContain(
      '2月执行数不能为负数：按当月数 -60.00 计，1-2月累计为 -6.10 万元，当月冲减不能超过此前累计的 53.90 万元',
    )
    expect(cell(0, 1).value).toBe('-60')
    w.unmount()
  })
})

describe('ExecutionEntryGrid for a unit whose 到位资金 equals its 执行数', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    document.body.innerHTML = ''
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('saves 到位资金 = 执行数 without asking for it, and shows it read-only', async () => {
    const w = await mountGrid('equalsSpent')
    await type(0, 1, '107.95')
    expect(text('execution-field')).not.toContain('错误')
    await choose('execution-field', '到位资金')
    expect(cell(0, 1).readOnly).toBe(true)
    expect(cell(0, 1).value).toBe('107.95')
    expect(text('execution-allocated-mode')).toContain('本单位到位资金口径为「与执行数相同」')
    expect(document.querySelector('[data-testid="execution-fill-allocated"]')).toBeNull()

    clickSave()
    await untilMessage('已保存 1 个月份的执行数据')
    expect(text('execution-save-messages')).not.toContain('请填写')
    expect(await february('gzfl')).toMatchObject({ spent: '107.95', allocated: '107.95' })
    w.unmount()
  })

  it('in 当月数 too: 54.05 over 1月 53.90 saves 107.95 for both figures', async () => {
    const w = await mountGrid('equalsSpent')
    await choose('execution-view', '当月数')
    await type(0, 1, '54.05')
    clickSave()
    await untilMessage('已保存 1 个月份的执行数据')
    expect(await february('gzfl')).toMatchObject({ spent: '107.95', allocated: '107.95' })
    w.unmount()
  })
})
