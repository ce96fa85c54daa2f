// @vitest-environment jsdom
/**
 * 月度执行录入 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb): when the other
 * tab's save reaches the grid, untouched cells follow it and changed ones keep the user's input; a
 * save over the other tab's change of those months is refused, each shown with both versions, and
 * the user's choice is what is stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from './until'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { boxButton, click, freshApp, mountForConflict } from '../mountForConflict'
import ExecutionEntryGrid from '@/components/entry/ExecutionEntryGrid.vue'
import { listMonthlyExecutions, putBudgetLine, putExecutions } from '@/db/budget'
import { putUnit } from '@/db/units'

import { lines, january } from './gridFixtures'

// seed 001 (且末县自然资源局 2021): 工资福利支出 1129.83, 车辆运行维护费 40.00; 1月 53.90 and 1.20
const start = [january('e-gzfl-1', 'gzfl', '53.90'), january('e-clyx-1', 'clyx', '1.20')]

const stored = () => listMonthlyExecutions('u', 2021)
async function mountGrid(): Promise<VueWrapper> {
  expect(
    (await putUnit({ id: 'u', name: '且末县自然资源局', departments: [], monitoringGroup: [], financeOfficer: '' })).ok,
  ).toBe(true)
  for (const l of lines) expect((await putBudgetLine(l)).ok).toBe(true)
  expect((await putExecutions(start)).ok).toBe(true)
  return mountForConflict(ExecutionEntryGrid, { lines, executions: await stored() })
}
const cell = (row: number, col: number) =>
  document.querySelector<HTMLInputElement>(`[data-cell="${row}-${col}"]`) as HTMLInputElement
async function type(row: number, col: number, value: string) {
  cell(row, col).value = value
  cell(row, col).dispatchEvent(new Event('input'))
  await flushPromises()
}
/** The other tab saves both lines' 1月, and its save reaches this grid (the workspace reloads). */
async function otherTabSaves(w: VueWrapper) {
  expect((await putExecutions([january('e-gzfl-1', 'gzfl', '55.00'), january('e-clyx-1', 'clyx', '1.50')])).ok).toBe(
    true,
  )
  await w.setProps({ executions: await stored() })
}
const spentOf = async (lineId: string) =>
  (await stored()).find((e) => e.budgetLineId === lineId && e.month === 1)?.spent
const clickSave = () => click('execution-save')

describe('ExecutionEntryGrid with another tab saving the same months', () => {
  beforeEach(freshApp)

  it('keeps the changed cell, follows the untouched one, names the month with both versions, writes nothing, and 覆盖 stores the user’s', async () => {
    const w = await mountGrid()
    await type(0, 0, '50.00') // 工资福利支出 1月 执行数
    await otherTabSaves(w)
    expect(cell(0, 0).value).toBe('50.00')
    expect(cell(1, 0).value).toBe('1.50')

    clickSave()
    await until(() => document.querySelector('.el-message-box') !== null)
    const box = document.querySelector('.el-message-box')?.textContent ?? ''
    expect(box).toContain('以下 1 个月份的执行数据已在其他窗口被修改并保存，本次保存未写入任何数据')
    expect(box).toContain(
      '工资福利支出 1月：其他窗口保存为“执行数 55.00，到位资金 55.00”，您填写的是“执行数 50.00，到位资金 53.90”',
    )
    expect(box).not.toContain('车辆运行维护费')
    expect(await spentOf('gzfl')).toBe('55.00')

    boxButton('覆盖')?.click()
    await until(async () => (await spentOf('gzfl')) === '50.00')
    await untilMessage('已保存 1 个月份的执行数据')
    expect(await spentOf('gzfl')).toBe('50.00')
    expect(await spentOf('clyx')).toBe('1.50')
    w.unmount()
  })

  it('放弃我的修改 shows the other tab’s figures in those cells and keeps them stored', async () => {
    const w = await mountGrid()
    await type(0, 0, '50.00')
    await otherTabSaves(w)
    clickSave()
    await until(() => boxButton('放弃我的修改') !== undefined)
    boxButton('放弃我的修改')?.click()
    await until(() => cell(0, 0).value === '55.00')
    await untilMessage('已改为其他窗口保存的内容')
    expect(cell(0, 0).value).toBe('55.00')
    expect(await spentOf('gzfl')).toBe('55.00')
    expect((document.querySelector('[data-testid="execution-save"]') as HTMLButtonElement).disabled).toBe(true)
    w.unmount()
  })

  it('saves without a conflict when the other tab changed only months the user left alone', async () => {
    const w = await mountGrid()
    await type(0, 1, '107.95') // 工资福利支出 2月: 执行数, then 到位资金
    document.querySelector<HTMLElement>('[data-testid="execution-field"] label:nth-child(2)')?.click()
    await flushPromises()
    await type(0, 1, '162.20')
    // the other tab saves 车辆运行维护费 only
    expect((await putExecutions([january('e-clyx-1', 'clyx', '1.50')])).ok).toBe(true)
    await w.setProps({ executions: await stored() })
    expect(cell(0, 1).value).toBe('162.20')
    clickSave()
    await until(async () => (await stored()).some((e) => e.budgetLineId === 'gzfl' && e.month === 2))
    await untilMessage('已保存 1 个月份的执行数据')
    expect((await stored()).find((e) => e.budgetLineId === 'gzfl' && e.month === 2)).toMatchObject({
      spent: '107.95',
      allocated: '162.20',
    })
    expect(document.querySelector('.el-message-box')).toBeNull()
    w.unmount()
  })
})
