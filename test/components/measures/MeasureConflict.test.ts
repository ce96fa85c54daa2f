// @vitest-environment jsdom
/**
 * 编辑纠偏措施 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb) with the real
 * measures store: the dialog saves against the measure as it opened it; one changed elsewhere
 * meanwhile (a status change counts) is refused with nothing written, its changed fields shown with
 * both values, and the user's choice is what is stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { until, untilMessage } from '../entry/until'
import { boxButton, click, field, freshApp, mountForConflict, type } from '../mountForConflict'
import MeasureEditDialog from '@/components/measures/MeasureEditDialog.vue'
import { saveUnitYear } from '@/db/datasets'
import { putMeasure } from '@/db/measures'
import { db } from '@/db/schema'
import { aDataset, aMeasure } from '../../db/fixtures'

async function mountDialog() {
  expect((await saveUnitYear(aDataset())).ok).toBe(true)
  return mountForConflict(MeasureEditDialog, { measure: aMeasure(), departments: ['财务室', '耕保股'] }, { open: true })
}
async function chooseStatus(status: string) {
  const label = [...document.querySelectorAll<HTMLElement>('[data-testid="measure-edit-status"] label')].find(
    (l) => l.textContent?.trim() === status,
  )
  label?.querySelector('input')?.click()
  await flushPromises()
}
const checkedStatus = () =>
  document.querySelector('[data-testid="measure-edit-status"] label.is-active')?.textContent?.trim()
const stored = async () => db.measures.get('measure-pay')
/** each test writes, reloads the workspace and waits for dialogs: generous on a loaded machine */
const TIMEOUT = 20_000

describe('MeasureEditDialog with another tab saving the same measure', () => {
  beforeEach(freshApp)

  it(
    'shows the changed 状态 with both values, writes nothing, and 覆盖 stores the user’s status',
    async () => {
      const w = await mountDialog()
      await chooseStatus('进行中')
      expect(checkedStatus()).toBe('进行中')
      expect((await putMeasure(aMeasure({ status: '已完成' }))).ok).toBe(true) // the other tab
      click('measure-edit-save')
      await until(() => document.querySelector('.el-message-box') !== null)
      const box = document.querySelector('.el-message-box')?.textContent ?? ''
      expect(box).toContain('纠偏措施“加快项目支出进度，按月调度”已在其他窗口被修改并保存，本次保存未写入任何数据')
      expect(box).toContain('状态：其他窗口为“已完成”，您填写的是“进行中”')
      expect(box).not.toContain('措施内容：')
      expect((await stored())?.status).toBe('已完成')

      boxButton('覆盖')?.click()
      await until(async () => (await stored())?.status === '进行中')
      await untilMessage('已保存')
      expect((await stored())?.status).toBe('进行中')
      // the dialog closes after the write and the workspace reload that follows it
      await until(() => w.emitted('update:modelValue') !== undefined)
      expect(w.emitted('update:modelValue')?.at(-1)).toEqual([false])
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    '放弃我的修改 puts the other tab’s measure in the form and keeps it stored',
    async () => {
      const w = await mountDialog()
      await type('measure-edit-effect', '我的预期效果')
      expect((await putMeasure(aMeasure({ status: '进行中', effect: '其他窗口的效果' }))).ok).toBe(true)
      click('measure-edit-save')
      await until(() => boxButton('放弃我的修改') !== undefined)
      const box = document.querySelector('.el-message-box')?.textContent ?? ''
      expect(box).toContain('效果 / 预期效果：其他窗口为“其他窗口的效果”，您填写的是“我的预期效果”')
      expect(box).toContain('状态：其他窗口为“进行中”，您填写的是“计划”')
      boxButton('放弃我的修改')?.click()
      await until(() => field('measure-edit-effect').value === '其他窗口的效果')
      await untilMessage('已改为其他窗口保存的内容')
      expect(field('measure-edit-effect').value).toBe('其他窗口的效果')
      expect(checkedStatus()).toBe('进行中')
      expect(await stored()).toEqual(aMeasure({ status: '进行中', effect: '其他窗口的效果' }))
      expect(w.emitted('update:modelValue')).toBeUndefined()
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'saves without asking when nobody else changed the measure',
    async () => {
      const w = await mountDialog()
      await chooseStatus('已完成')
      click('measure-edit-save')
      await until(async () => (await stored())?.status === '已完成')
      await untilMessage('已保存')
      expect((await stored())?.status).toBe('已完成')
      expect(document.querySelector('.el-message-box')).toBeNull()
      w.unmount()
    },
    TIMEOUT,
  )
})
