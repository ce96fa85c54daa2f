// @vitest-environment jsdom
/**
 * 纠偏措施模板库 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb) with the real
 * measures store: the library is saved as a whole against what the editor loaded; another tab's save
 * meanwhile is refused with nothing written, the differing templates shown with both versions, and
 * the user's choice is what is stored.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { until, untilMessage } from '../entry/until'
import { boxButton, click, field, freshApp, mountForConflict, type } from '../mountForConflict'
import MeasureTemplateEditor from '@/components/settings/MeasureTemplateEditor.vue'
import { getMeasureTemplates, saveMeasureTemplates } from '@/db/measures'
import type { MeasureTemplate } from '@/domain/measureTemplates'

const library = (content: string): MeasureTemplate[] => [
  { id: 'tpl-a', cause: '经费保障', content, effect: '按期支付' },
]
const TIMEOUT = 20_000

/** the first template's 措施内容 (waited for: it is there once the library is shown) */
const content = () => field('template-content')
async function mountEditor() {
  expect((await saveMeasureTemplates(library('原模板'))).ok).toBe(true)
  const w = await mountForConflict(MeasureTemplateEditor, {})
  await until(() => content().value === '原模板')
  return w
}
const typeContent = (value: string) => type('template-content', value)
const storedContent = async () => (await getMeasureTemplates())[0]?.content

describe('MeasureTemplateEditor with another tab saving the library', () => {
  beforeEach(freshApp)

  it(
    'shows both versions of the changed template, writes nothing, and 覆盖 stores the user’s library',
    async () => {
      const w = await mountEditor()
      await typeContent('我的模板')
      expect((await saveMeasureTemplates(library('其他窗口的模板'))).ok).toBe(true) // the other tab
      click('template-save')
      await until(() => document.querySelector('.el-message-box') !== null)
      const box = document.querySelector('.el-message-box')?.textContent ?? ''
      expect(box).toContain('纠偏措施模板库已在其他窗口被修改并保存，本次保存未写入任何数据')
      expect(box).toContain(
        '其他窗口为“经费保障：其他窗口的模板（预期效果：按期支付）”，您填写的是“经费保障：我的模板（预期效果：按期支付）”',
      )
      expect(await storedContent()).toBe('其他窗口的模板')

      boxButton('覆盖')?.click()
      await until(async () => (await storedContent()) === '我的模板')
      await untilMessage('纠偏措施模板已保存')
      expect(await storedContent()).toBe('我的模板')
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    '放弃我的修改 shows the other tab’s library and keeps it stored; the next save is checked against it',
    async () => {
      const w = await mountEditor()
      await typeContent('我的模板')
      expect((await saveMeasureTemplates(library('其他窗口的模板'))).ok).toBe(true)
      click('template-save')
      await until(() => boxButton('放弃我的修改') !== undefined)
      boxButton('放弃我的修改')?.click()
      await until(() => content().value === '其他窗口的模板')
      await untilMessage('已改为其他窗口保存的模板库')
      expect(content().value).toBe('其他窗口的模板')
      expect(await storedContent()).toBe('其他窗口的模板')
      // editing on from the other version saves without a question
      await until(() => document.querySelector('[data-testid="template-conflict"]') === null)
      await typeContent('在其他窗口版本上修改')
      click('template-save')
      await until(async () => (await storedContent()) === '在其他窗口版本上修改')
      await untilMessage('纠偏措施模板已保存')
      expect(await storedContent()).toBe('在其他窗口版本上修改')
      expect(document.querySelector('[data-testid="template-conflict"]')).toBeNull()
      w.unmount()
    },
    TIMEOUT,
  )
})
