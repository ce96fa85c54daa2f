// @vitest-environment jsdom
/**
 * 管理指标填报 on the app database (fake-indexeddb) with the real stores and the demo (seed 001,
 * 且末县自然资源局 2021, its illustrative 管理指标填报): the form shows what is stored for the seed 003
 * scheme's items; a bad amount or count is named under its field and nothing is saved; a valid form is
 * saved with the items outside the form kept; another tab's save meanwhile is named with both versions
 * and the user's choice is what is stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from '../entry/until'
import { boxButton, click, field, freshApp, messageBox, mountForConflict, type } from '../mountForConflict'
import ManagementInputsEditor from '@/components/data/ManagementInputsEditor.vue'
import { getManagementInputs, putManagementInputs } from '@/db/scoring'
import { useScoringStore } from '@/stores/scoring'
import { useWorkspaceStore } from '@/stores/workspace'

const UNIT = 'demo-qiemo-zrzyj'
const TIMEOUT = 30_000

async function mountDemo() {
  const workspace = useWorkspaceStore()
  expect(await workspace.loadDemo()).toBe(true)
  const store = useScoringStore()
  await until(() => store.inputs !== null)
  const w = await mountForConflict(ManagementInputsEditor, { dataset: workspace.dataset })
  await until(() => amount('staffingQuota').value === '45')
  return w
}

const amount = (key: string) => field(`amount-${key}`)
const typeAmount = (key: string, value: string) => type(`amount-${key}`, value)
const stored = () => getManagementInputs(UNIT, 2021)
const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? ''
/** the inputs of an entered item's findings counts, in the rule's order (Element Plus puts the test id on the input) */
const counts = (key: string) => [
  ...document.querySelectorAll<HTMLInputElement>(
    `[data-testid="entry-${key}"] input[data-testid="entry-finding-count"]`,
  ),
]

describe('管理指标填报', () => {
  beforeEach(freshApp)

  it(
    'shows the stored amounts and the scheme’s items with what was entered',
    async () => {
      const w = await mountDemo()
      expect(text('inputs-scheme')).toBe('广州2023自评表')
      expect(amount('staffCount').value).toBe('43')
      expect(amount('yearEndCarryOver').value).toBe('231.97')
      expect(text('amount-threePublicBudget')).toContain('万元')
      expect(text('amount-staffCount')).toContain('人')
      // 26 rows: every item of seed 003, with its rule in words
      expect(document.querySelectorAll('[data-testid="inputs-items"] .el-table__body tr')).toHaveLength(26)
      expect(text('inputs-items')).toContain('由月度执行数计算（年度平均执行率）')
      expect(text('inputs-items')).toContain('由结转结余率计算，须在上方填写“年末结转结余”')
      // 合同签订及时率 95% is typed in percent; findings counted per kind (0 = none found)
      expect(field('entry-contractTimeliness').value).toBe('95')
      expect(counts('preAssessment').map((i) => i.value)).toEqual(['0', '0'])
      expect(text('inputs-state')).toBe('已保存')
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'names a bad amount and a bad count under their fields, and saves nothing',
    async () => {
      const w = await mountDemo()
      const before = await stored()
      await typeAmount('staffCount', '4a3')
      const count = counts('assetIncome')[0]
      count.value = '两'
      count.dispatchEvent(new Event('input'))
      await until(() => text('inputs-state') === '有未保存的修改')
      click('inputs-save')
      await until(() => text('inputs-problems').includes('在职人数'))
      expect(text('amount-staffCount')).toContain('在职人数「4a3」不是有效数字，请填写如 1234.50 或 1,234.50 的数字')
      expect(text('entry-assetIncome')).toContain(
        '「资产收益上缴的及时性」「处置收益或租金超过3个月未上缴（每笔）」的个数「两」应为0至999的整数',
      )
      expect(await stored()).toStrictEqual(before)
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'saves the form: amounts, a finding counted and a remark; the rest stays as stored',
    async () => {
      const w = await mountDemo()
      const before = await stored()
      await typeAmount('staffingQuota', '46')
      await typeAmount('keyExpenditure', '')
      const count = counts('assetIncome')[0]
      count.value = '1'
      count.dispatchEvent(new Event('input'))
      // the first row's remark: 部门整体绩效目标产出指标完成情况
      const remark = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="inputs-remark"]')
      if (!remark) throw new Error('no remark')
      remark.value = '年初设置的指标值均已达标'
      remark.dispatchEvent(new Event('input'))
      click('inputs-save')
      await untilMessage('管理指标已保存')
      const after = await stored()
      expect(after?.amounts.staffingQuota).toBe('46')
      expect(after?.amounts.keyExpenditure).toBeUndefined() // blank: 未填报, never 0
      expect(after?.entries.assetIncome).toEqual({
        kind: 'findings',
        findings: [{ kind: '处置收益或租金超过3个月未上缴（每笔）', text: '' }],
      })
      expect(after?.remarks).toEqual({ ...before?.remarks, output: '年初设置的指标值均已达标' })
      expect(after?.entries['rulesExecution/monitoring']).toEqual({ kind: 'yesNo', value: true })
      expect(text('inputs-state')).toBe('已保存')
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'another tab’s save meanwhile: both versions named, nothing written, and 覆盖 stores the user’s',
    async () => {
      const w = await mountDemo()
      const base = await stored()
      await typeAmount('staffingQuota', '46')
      expect((await putManagementInputs({ ...base!, amounts: { ...base!.amounts, staffingQuota: '48' } })).ok).toBe(
        true,
      )
      click('inputs-save')
      const box = await messageBox()
      expect(box.textContent).toContain('本年度的管理指标已在其他窗口被修改并保存，本次保存未写入任何数据')
      expect(box.textContent).toContain('编制数：其他窗口为“48”，您填写的是“46”')
      expect((await stored())?.amounts.staffingQuota).toBe('48')
      boxButton('覆盖')?.click()
      await untilMessage('管理指标已保存')
      expect((await stored())?.amounts.staffingQuota).toBe('46')
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    '放弃我的修改 shows the other tab’s row',
    async () => {
      const w = await mountDemo()
      const base = await stored()
      await typeAmount('staffingQuota', '46')
      expect((await putManagementInputs({ ...base!, amounts: { ...base!.amounts, staffingQuota: '48' } })).ok).toBe(
        true,
      )
      click('inputs-save')
      await until(() => boxButton('放弃我的修改') !== undefined)
      boxButton('放弃我的修改')?.click()
      await untilMessage('已改为其他窗口保存的内容')
      await until(() => amount('staffingQuota').value === '48')
      expect((await stored())?.amounts.staffingQuota).toBe('48')
      w.unmount()
    },
    TIMEOUT,
  )
})
