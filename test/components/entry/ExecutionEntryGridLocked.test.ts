// @vitest-environment jsdom
/**
 * 月度执行录入 with a 定稿 node (docs/domain-rules.md §12.3): the months it covers are read-only
 * before anyone types, a banner names the node and the way out, a pasted block skips them, and input
 * held when another tab locks the node goes back to the stored figure with a warning.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ExecutionEntryGrid from '@/components/entry/ExecutionEntryGrid.vue'
import type { BudgetLine, MonthlyExecution } from '@/domain/types'

// seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83; its 1月 53.90
const gzfl: BudgetLine = {
  id: 'gzfl',
  unitId: 'u',
  year: 2021,
  category: 'basic',
  subCategory: 'personnel',
  name: '工资福利支出',
  fundSource: '财政拨款',
  initialBudget: '1129.83',
  additions: '0',
  reductions: '0',
  carryOver: '0',
  sortOrder: 1,
}
const stored: MonthlyExecution[] = [
  { id: 'e1', budgetLineId: 'gzfl', year: 2021, month: 1, allocated: '53.90', spent: '53.90' },
]
const JUNE_LOCKED = { month: 6, label: '2021年1-6月' }

let wrapper: VueWrapper | null = null
function mountGrid(locked: { month: number; label: string } | null) {
  wrapper = mount(ExecutionEntryGrid, { props: { lines: [gzfl], executions: stored, locked }, attachTo: document.body })
  return wrapper
}
const input = (w: VueWrapper, col: number) => w.get(`[data-cell="0-${col}"]`).element as HTMLInputElement

describe('ExecutionEntryGrid with 1-6月 定稿', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('shows 1–6月 read-only with a banner naming the node and 解锁; 7–12月 stay editable', () => {
    const w = mountGrid(JUNE_LOCKED)
    expect(w.get('[data-testid="execution-locked"]').text()).toContain(
      '“2021年1-6月”已定稿：1–6月的执行数和到位资金只能查看',
    )
    expect(w.get('[data-testid="execution-locked"]').text()).toContain(
      '请先在「数据管理 › 监控节点」中解锁（须填写原因）',
    )
    expect([0, 1, 2, 3, 4, 5].map((col) => input(w, col).readOnly)).toEqual([true, true, true, true, true, true])
    expect([6, 7, 11].map((col) => input(w, col).readOnly)).toEqual([false, false, false])
    expect(input(w, 0).value).toBe('53.90')
  })

  it('a block pasted at 5月 fills 7–8月 only and says 2 cells of 定稿 months were left', async () => {
    const w = mountGrid(JUNE_LOCKED)
    const event = new Event('paste', { bubbles: true, cancelable: true })
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => '100\t200\t300\t400\n' } })
    input(w, 4).dispatchEvent(event)
    await flushPromises()
    expect([input(w, 4).value, input(w, 5).value, input(w, 6).value, input(w, 7).value]).toEqual(['', '', '300', '400'])
    expect(w.get('[data-testid="focused-cell-issues"]').text()).toContain(
      '已粘贴 2 个单元格，已定稿月份的 2 个单元格未粘贴',
    )
  })

  it('in 当月数, a block pasted at 5月 skips 5–6月 and builds 7–8月 on the locked months’ cumulative', async () => {
    const w = mountGrid(JUNE_LOCKED)
    ;(w.get('[data-testid="execution-view"] label:nth-child(2)').element as HTMLElement).click()
    await flushPromises()
    const event = new Event('paste', { bubbles: true, cancelable: true })
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => '100\t200\t300\t400\n' } })
    input(w, 4).dispatchEvent(event)
    await flushPromises()
    expect([input(w, 0).value, input(w, 4).value, input(w, 6).value, input(w, 7).value]).toEqual([
      '53.90',
      '',
      '300',
      '400',
    ])
    ;(w.get('[data-testid="execution-view"] label:nth-child(1)').element as HTMLElement).click()
    await flushPromises()
    expect([input(w, 0).value, input(w, 6).value, input(w, 7).value]).toEqual(['53.90', '353.90', '753.90'])
  })

  it('input held in 3月 when another tab locks 1-6月 goes back to the stored figure, with a warning', async () => {
    const w = mountGrid(null)
    input(w, 2).value = '120.00'
    input(w, 2).dispatchEvent(new Event('input'))
    input(w, 6).value = '430.00'
    input(w, 6).dispatchEvent(new Event('input'))
    await flushPromises()
    expect(input(w, 2).value).toBe('120.00')
    await w.setProps({ locked: JUNE_LOCKED })
    expect(input(w, 2).value).toBe('')
    expect(input(w, 2).readOnly).toBe(true)
    expect(input(w, 6).value).toBe('430.00')
    expect(w.get('[data-testid="execution-reverted"]').text()).toContain(
      '“2021年1-6月”已在其他窗口定稿：您在1–6月未保存的 1 处修改没有保存',
    )
  })
})
