// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ExecutionEntryGrid from '@/components/entry/ExecutionEntryGrid.vue'
import { moveFocus } from '@/composables/useExecutionEntryGrid'
import { useEntryStore } from '@/stores/entry'
import type { MonthlyExecution } from '@/domain/types'
import { lines } from './gridFixtures'

// seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83, 车辆运行维护费 40.00
const stored: MonthlyExecution[] = [
  { id: 'e1', budgetLineId: 'gzfl', year: 2021, month: 1, allocated: '53.90', spent: '53.90' },
]

let wrapper: VueWrapper | null = null
function mountGrid() {
  wrapper = mount(ExecutionEntryGrid, { props: { lines, executions: stored }, attachTo: document.body })
  return wrapper
}
const cell = (w: VueWrapper, row: number, col: number) => w.get(`[data-cell="${row}-${col}"]`)
const active = () => (document.activeElement as HTMLElement | null)?.dataset.cell

function pasteEvent(text: string): Event {
  const event = new Event('paste', { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } })
  return event
}

describe('ExecutionEntryGrid', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('shows the stored cumulative figures and the budget per line', () => {
    const w = mountGrid()
    expect((cell(w, 0, 0).element as HTMLInputElement).value).toBe('53.90')
    expect(w.get('[data-line="工资福利支出"]').text()).toContain('1,129.83')
    expect(w.get('[data-testid="execution-totals"]').text()).toContain('1,169.83')
  })

  it('moves with Tab to the next month, wraps to the next line, and with Enter down a line', async () => {
    const w = mountGrid()
    await cell(w, 0, 10).trigger('focus')
    await cell(w, 0, 10).trigger('keydown', { key: 'Tab' })
    expect(active()).toBe('0-11')
    await cell(w, 0, 11).trigger('keydown', { key: 'Tab' })
    expect(active()).toBe('1-0')
    await cell(w, 1, 0).trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(active()).toBe('0-11')
    await cell(w, 0, 3).trigger('keydown', { key: 'Enter' })
    expect(active()).toBe('1-3')
    await cell(w, 1, 3).trigger('keydown', { key: 'Enter', shiftKey: true })
    expect(active()).toBe('0-3')
  })

  it('pastes a block copied from Excel from the focused cell and updates the totals', async () => {
    const w = mountGrid()
    const event = pasteEvent('107.95\t162.20\r\n4.85\t7.20\r\n')
    cell(w, 0, 1).element.dispatchEvent(event)
    await w.vm.$nextTick()
    expect(event.defaultPrevented).toBe(true)
    const values = [
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
    ].map(([r, c]) => (cell(w, r, c).element as HTMLInputElement).value)
    expect(values).toEqual(['107.95', '162.20', '4.85', '7.20'])
    // 到位资金 is still empty for those months, so they are errors until it is filled
    expect(w.get('[data-testid="execution-field"]').text()).toContain('到位资金（4 处错误）')
    expect(w.text()).toContain('已粘贴 4 个单元格')
  })

  it('marks a non-number in place with its reason and refuses to save while it stands', async () => {
    const w = mountGrid()
    const entry = useEntryStore()
    const save = vi.spyOn(entry, 'saveExecutions')
    await cell(w, 0, 1).setValue('1,2a')
    const td = cell(w, 0, 1).element.closest('td')
    expect(td?.classList.contains('invalid')).toBe(true)
    expect(cell(w, 0, 1).attributes('aria-invalid')).toBe('true')
    expect(td?.textContent).toContain('2月执行数「1,2a」不是有效数字')
    await w.get('[data-testid="execution-save"]').trigger('click')
    // the refusal is shown first: only then does "not called" mean the save decided not to write
    expect(w.get('[data-testid="execution-save-messages"]').text()).toContain('改正后才能保存')
    expect(save).not.toHaveBeenCalled()
  })

  it('saves every changed month in one call once the grid is valid', async () => {
    const w = mountGrid()
    const entry = useEntryStore()
    const save = vi.spyOn(entry, 'saveExecutions').mockResolvedValue({ ok: true, value: [] })
    await cell(w, 0, 1).setValue('107.95')
    await cell(w, 1, 1).setValue('4.85')
    await w.get('[data-testid="execution-field"]').findAll('input')[1].setValue(true)
    await cell(w, 0, 1).setValue('110')
    await cell(w, 1, 1).setValue('4.85')
    expect(w.get('[data-testid="execution-totals"]').text()).toContain('114.85')
    await w.get('[data-testid="execution-save"]').trigger('click')
    expect(save).toHaveBeenCalledTimes(1)
    const rows = save.mock.calls[0][0]
    expect(rows.map((r) => [r.budgetLineId, r.month, r.spent, r.allocated])).toEqual([
      ['gzfl', 2, '107.95', '110'],
      ['clyx', 2, '4.85', '4.85'],
    ])
    expect(rows.every((r) => r.id.length > 0)).toBe(true)
  })
})

describe('moveFocus', () => {
  it('stays put at the grid’s edges', () => {
    expect(moveFocus({ row: 1, col: 11 }, 'next', 2, 12)).toEqual({ row: 1, col: 11 })
    expect(moveFocus({ row: 0, col: 0 }, 'previous', 2, 12)).toEqual({ row: 0, col: 0 })
    expect(moveFocus({ row: 1, col: 4 }, 'down', 2, 12)).toEqual({ row: 1, col: 4 })
    expect(moveFocus({ row: 0, col: 4 }, 'up', 2, 12)).toEqual({ row: 0, col: 4 })
  })
})

describe('ExecutionEntryGrid 到位资金', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('fills blank 到位资金 from the month’s 执行数 on request, clearing the errors', async () => {
    const w = mountGrid()
    await cell(w, 0, 1).setValue('107.95')
    expect(w.get('[data-testid="execution-field"]').text()).toContain('到位资金（1 处错误）')
    await w.get('[data-testid="execution-field"]').findAll('input')[1].setValue(true)
    await w.get('[data-testid="execution-fill-allocated"]').trigger('click')
    expect((cell(w, 0, 1).element as HTMLInputElement).value).toBe('107.95')
    expect((cell(w, 0, 0).element as HTMLInputElement).value).toBe('53.90')
    expect(w.get('[data-testid="execution-field"]').text()).not.toContain('错误')
  })
})
