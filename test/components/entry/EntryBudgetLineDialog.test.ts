// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import EntryBudgetLineDialog from '@/components/entry/EntryBudgetLineDialog.vue'
import { useEntryStore } from '@/stores/entry'

async function mountDialog() {
  const w = mount(EntryBudgetLineDialog, {
    props: {
      unitId: 'u',
      year: 2021,
      projects: [],
      departments: ['财务室'],
      line: { category: 'basic', subCategory: 'personnel' },
      nextSortOrder: 1,
      modelValue: false,
    },
    attachTo: document.body,
  })
  await w.setProps({ modelValue: true })
  await flushPromises()
  return w
}
const input = (testId: string) => {
  const el = document.querySelector(`[data-testid="${testId}"]`)
  return (el?.tagName === 'INPUT' ? el : el?.querySelector('input')) as HTMLInputElement
}
async function type(testId: string, value: string) {
  const el = input(testId)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('EntryBudgetLineDialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    // ElDialog teleports to <body>; start each test from an empty page
    document.body.innerHTML = ''
  })

  it('shows 调整后预算 live: 年初预算 + 追加 − 追减, 上年结转 left out', async () => {
    const w = await mountDialog()
    await type('budget-name', '工资福利支出')
    await type('budget-initial', '1,129.83') // seed 001
    await type('budget-additions', '20')
    await type('budget-reductions', '9.83')
    await type('budget-carry-over', '50')
    expect(document.querySelector('[data-testid="budget-adjusted"]')?.textContent).toBe('1,140.00 万元')
    w.unmount()
  })

  it('names a bad amount under its field and saves nothing while it stands', async () => {
    const w = await mountDialog()
    const save = vi.spyOn(useEntryStore(), 'saveBudgetLine')
    await type('budget-name', '工资福利支出')
    await type('budget-initial', '100')
    await type('budget-reductions', '120')
    // ElFormItem shows its message after a short debounce
    await vi.waitFor(() =>
      expect(document.body.textContent).toContain('追减 120.00 万元大于年初预算与追加之和 100.00 万元'),
    )
    ;(document.querySelector('[data-testid="budget-save"]') as HTMLButtonElement).click()
    await flushPromises()
    // the refusal is shown first: only then does "not called" mean the save decided not to write
    expect(document.querySelector('[data-testid="budget-messages"]')?.textContent).toContain('改正前不会保存')
    expect(save).not.toHaveBeenCalled()
    w.unmount()
  })

  it('saves a valid line with its amounts as plain decimal strings', async () => {
    const w = await mountDialog()
    const save = vi.spyOn(useEntryStore(), 'saveBudgetLine').mockResolvedValue({ ok: true, value: {} as never })
    await type('budget-name', '工资福利支出')
    await type('budget-initial', '1,129.83')
    ;(document.querySelector('[data-testid="budget-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toMatchObject({
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
    })
    expect(save.mock.calls[0][1]).toBeUndefined()
    w.unmount()
  })
})
