// @vitest-environment jsdom
/**
 * 指标体系 in 设置, on the app database (fake-indexeddb) with the real entry store: 修改指标体系 opens
 * the same dialog as 数据管理, and 恢复默认指标体系 names what changes, writes seed 001's framework only
 * when confirmed, and is checked against the framework it showed (another tab's change is not lost
 * silently).
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { until, untilMessage } from '../entry/until'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ElMessageBox } from 'element-plus'
import SettingsFramework from '@/components/settings/SettingsFramework.vue'
import { db } from '@/db/schema'
import { useEntryStore } from '@/stores/entry'
import { getFramework, putFramework } from '@/db/targets'
import { defaultFramework, framework2021 } from '@/domain/entryDefaults'
import type { IndicatorFramework } from '@/domain/types'

const TIMEOUT = 20_000
const SEED_001 =
  '产出指标（数量指标、质量指标、时效指标、成本指标）；效益指标（经济效益指标、社会效益指标、生态效益指标、可持续影响指标）；满意度指标（服务对象满意度指标）'

async function mountWith(framework: IndicatorFramework) {
  expect((await putFramework(framework)).ok).toBe(true)
  const w = mount(SettingsFramework, { props: { framework }, attachTo: document.body })
  await flushPromises()
  return w
}
const byTestId = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)
const boxButton = (text: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find(
    (b) => b.textContent?.trim() === text,
  )
const boxText = () => document.querySelector('.el-message-box')?.textContent ?? ''
const stored = async () => (await getFramework(2021))?.level1.map((l) => l.name) ?? []

describe('SettingsFramework (指标体系 in 设置)', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    document.body.innerHTML = ''
    await Promise.all(db.tables.map((t) => t.clear()))
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it(
    'names the change (成本指标 back under 产出指标) and stores seed 001’s framework only after 恢复默认',
    async () => {
      const w = await mountWith(framework2021(2021))
      byTestId('framework-reset')?.click()
      await until(() => boxButton('恢复默认') !== undefined)
      const items = [...document.querySelectorAll('[data-testid="framework-reset-confirm"] li')].map(
        (li) => li.textContent,
      )
      expect(items).toEqual([
        '现为“产出指标（数量指标、质量指标、时效指标）；成本指标（经济成本指标、社会成本指标、生态环境成本指标）；效益指标（经济效益指标、社会效益指标、生态效益指标、可持续影响指标）；满意度指标（服务对象满意度指标）”',
        `恢复为“${SEED_001}”`,
        '移除二级指标：成本指标/经济成本指标、成本指标/社会成本指标、成本指标/生态环境成本指标',
        '新增二级指标：产出指标/成本指标',
      ])
      expect(boxText()).toContain('将把2021年指标体系恢复为默认框架（2021 年前的框架，同新建年度）')
      expect(await stored()).toEqual(['产出指标', '成本指标', '效益指标', '满意度指标'])

      boxButton('恢复默认')?.click()
      await untilMessage('2021年指标体系已恢复为默认框架')
      await until(async () => (await stored()).length === 3)
      expect(await getFramework(2021)).toEqual(defaultFramework(2021))
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'writes nothing when the user cancels',
    async () => {
      const w = await mountWith(framework2021(2021))
      const confirm = vi.spyOn(ElMessageBox, 'confirm')
      const save = vi.spyOn(useEntryStore(), 'saveFramework')
      byTestId('framework-reset')?.click()
      await until(() => boxButton('取消') !== undefined)
      boxButton('取消')?.click()
      // the confirm has answered 取消 (its promise rejected), so 恢复默认 has made its decision
      expect(confirm).toHaveBeenCalledTimes(1)
      await expect(confirm.mock.results[0].value).rejects.toBe('cancel')
      await flushPromises()
      expect(save).not.toHaveBeenCalled()
      expect(await stored()).toEqual(['产出指标', '成本指标', '效益指标', '满意度指标'])
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'refuses the reset when another tab changed the framework meanwhile, shows theirs, and 放弃我的修改 keeps it',
    async () => {
      const w = await mountWith(framework2021(2021))
      const theirs: IndicatorFramework = { year: 2021, level1: [{ name: '产出指标', level2: ['数量指标'] }] }
      expect((await putFramework(theirs)).ok).toBe(true) // the other tab
      byTestId('framework-reset')?.click()
      await until(() => boxButton('恢复默认') !== undefined)
      boxButton('恢复默认')?.click()
      await until(() => boxText().includes('已在其他窗口被修改'))
      expect(boxText()).toContain(
        '2021年指标体系已在其他窗口被修改并保存为“产出指标（数量指标）”，本次恢复未写入任何数据',
      )
      expect(await getFramework(2021)).toEqual(theirs)
      boxButton('放弃我的修改')?.click()
      await untilMessage('已保留其他窗口保存的指标体系')
      expect(await getFramework(2021)).toEqual(theirs)
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    '覆盖 after such a conflict stores the default over the other tab’s framework',
    async () => {
      const w = await mountWith(framework2021(2021))
      expect((await putFramework({ year: 2021, level1: [{ name: '产出指标', level2: ['数量指标'] }] })).ok).toBe(true)
      byTestId('framework-reset')?.click()
      await until(() => boxButton('恢复默认') !== undefined)
      boxButton('恢复默认')?.click()
      await until(() => boxButton('覆盖') !== undefined)
      boxButton('覆盖')?.click()
      await untilMessage('2021年指标体系已恢复为默认框架')
      await until(async () => (await stored()).length === 3)
      expect(await getFramework(2021)).toEqual(defaultFramework(2021))
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'opens the 数据管理 framework dialog with the shown framework for 修改指标体系, and offers no reset when already default',
    async () => {
      const w = await mountWith(defaultFramework(2021))
      expect(byTestId('framework-reset')?.disabled).toBe(true)
      expect(document.body.textContent).toContain('当前即为默认框架')
      byTestId('framework-edit')?.click()
      await until(() => document.querySelector('.el-dialog') !== null)
      expect(document.querySelector('.el-dialog')?.textContent).toContain('2021年指标框架（一级/二级指标）')
      const names = [...document.querySelectorAll<HTMLInputElement>('.el-dialog .l1 input')].map((i) => i.value)
      expect(names).toEqual(['产出指标', '效益指标', '满意度指标'])
      w.unmount()
    },
    TIMEOUT,
  )
})
