// @vitest-environment jsdom
/**
 * 修改预算行 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb): the dialog saves
 * against the line as it opened it; a line changed elsewhere meanwhile is refused, its changed
 * fields shown with both values, and the user's choice is what is stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from './until'
import { boxButton, click, field, freshApp, mountForConflict, type } from '../mountForConflict'
import EntryBudgetLineDialog from '@/components/entry/EntryBudgetLineDialog.vue'
import { db } from '@/db/schema'
import { putBudgetLine } from '@/db/budget'
import { putUnit } from '@/db/units'
import type { BudgetLine } from '@/domain/types'

// seed 001: 工资福利支出, 年初预算 1129.83 万元
const line: BudgetLine = {
  id: 'line-salary',
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

async function mountDialog() {
  expect(
    (await putUnit({ id: 'u', name: '且末县自然资源局', departments: [], monitoringGroup: [], financeOfficer: '' })).ok,
  ).toBe(true)
  expect((await putBudgetLine(line)).ok).toBe(true)
  return mountForConflict(
    EntryBudgetLineDialog,
    {
      unitId: 'u',
      year: 2021,
      projects: [],
      departments: [],
      line: { ...line },
      nextSortOrder: 2,
    },
    { open: true },
  )
}
const storedBudget = async () => (await db.budgetLines.get('line-salary'))?.initialBudget

describe('EntryBudgetLineDialog with another tab saving the same line', () => {
  beforeEach(freshApp)

  it('shows the changed amount with both values, writes nothing, and 覆盖 stores the user’s amount', async () => {
    const w = await mountDialog()
    await type('budget-initial', '1200')
    expect((await putBudgetLine({ ...line, initialBudget: '1343.25' })).ok).toBe(true) // the other tab
    click('budget-save')
    await until(() => document.querySelector('.el-message-box') !== null)
    const box = document.querySelector('.el-message-box')?.textContent ?? ''
    expect(box).toContain('预算行“工资福利支出”已在其他窗口被修改并保存，本次保存未写入任何数据')
    expect(box).toContain('年初预算：其他窗口为“1343.25 万元”，您填写的是“1200 万元”')
    expect(box).not.toContain('名称：')
    expect(await storedBudget()).toBe('1343.25')

    boxButton('覆盖')?.click()
    await until(async () => (await storedBudget()) === '1200')
    expect(await storedBudget()).toBe('1200')
    // the dialog closes after the write and the workspace reload that follows it
    await until(() => w.emitted('update:modelValue') !== undefined)
    w.unmount()
  })

  it('放弃我的修改 puts the other tab’s amounts in the form and keeps them stored', async () => {
    const w = await mountDialog()
    await type('budget-initial', '1200')
    expect((await putBudgetLine({ ...line, initialBudget: '1343.25' })).ok).toBe(true)
    click('budget-save')
    await until(() => boxButton('放弃我的修改') !== undefined)
    boxButton('放弃我的修改')?.click()
    await until(() => field('budget-initial').value === '1343.25')
    await untilMessage('已改为其他窗口保存的内容')
    expect(field('budget-initial').value).toBe('1343.25')
    expect(await storedBudget()).toBe('1343.25')
    w.unmount()
  })
})
