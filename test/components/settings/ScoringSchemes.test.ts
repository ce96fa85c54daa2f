// @vitest-environment jsdom
/**
 * 设置 › 评分方案 on the app database (fake-indexeddb) with the real stores and the demo (且末县自然资源局
 * 2021): the built-in schemes and an imported one are listed with their size and grades; the demo year
 * chooses a scheme; a scheme's table is shown read only; a scheme file with a mistake is refused with
 * the cell named and nothing changes; a good file is previewed and stored only on 确认导入; deleting the
 * chosen scheme sends the year back to the default and says so.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { until, untilMessage } from '../entry/until'
import { boxButton, click, freshApp, messageBox, mountForConflict } from '../mountForConflict'
import ScoringSchemes from '@/components/settings/ScoringSchemes.vue'
import { db } from '@/db/schema'
import { chooseScheme, getSchemeChoice, putScheme } from '@/db/scoring'
import { schemeWorkbookBytes } from '@/io/scoring/schemeWorkbook'
import { useScoringStore } from '@/stores/scoring'
import { useWorkspaceStore } from '@/stores/workspace'
import { aScheme } from '../../db/fixtures'
import { snapshot } from '../../db/helpers'

const UNIT = 'demo-qiemo-zrzyj'
const TIMEOUT = 30_000

async function mountDemo(): Promise<VueWrapper> {
  expect(await useWorkspaceStore().loadDemo()).toBe(true)
  const store = useScoringStore()
  await until(() => store.loadedFor?.unitId === UNIT)
  const w = await mountForConflict(ScoringSchemes, {})
  await until(() => names().length >= 2)
  return w
}

const names = () => [...document.querySelectorAll('[data-testid="scheme-name"]')].map((e) => e.textContent)
const rowText = (name: string) =>
  [...document.querySelectorAll('[data-testid="scheme-list"] .el-table__body tr')].find((tr) =>
    tr.textContent?.includes(name),
  )?.textContent ?? ''
const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? ''

/** Chooses `file` in the hidden file input, as the file chooser would. */
async function chooseFile(bytes: ArrayBuffer, name: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="scheme-import-file"]')
  if (!input) throw new Error('no file input')
  const file = new File([bytes], name)
  Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
}

describe('设置 › 评分方案', () => {
  beforeEach(freshApp)

  it(
    'lists the built-in schemes with their size and grades, the default and the one the year uses',
    async () => {
      const w = await mountDemo()
      expect(names()).toEqual(['广州2023自评表', '通用方案'])
      expect(rowText('广州2023自评表')).toContain('26 项，共 100 分（20 项需填报）')
      expect(rowText('广州2023自评表')).toContain('内置默认本年度使用')
      expect(rowText('广州2023自评表')).toContain(
        '优 90分及以上；良 80～90分（不含）；中 60～80分（不含）；差 0～60分（不含）',
      )
      expect(rowText('通用方案')).toContain('1 项，共 100 分（0 项需填报）')
      expect(document.querySelector('[data-testid="scheme-delete"]')).toBeNull() // built-in schemes stay
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'the demo year chooses a scheme; the choice is stored and the list says which one it uses',
    async () => {
      const w = await mountDemo()
      w.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'common')
      await untilMessage('且末县自然资源局 2021年改用通用方案')
      expect((await getSchemeChoice(UNIT, 2021))?.schemeId).toBe('common')
      await until(() => rowText('通用方案').includes('本年度使用'))
      expect(rowText('广州2023自评表')).not.toContain('本年度使用')
      w.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', '@default')
      await untilMessage('改用默认方案（广州2023自评表）')
      expect(await getSchemeChoice(UNIT, 2021)).toBeNull()
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'shows a scheme’s items read only, with its rules in words',
    async () => {
      const w = await mountDemo()
      click('scheme-view')
      await until(() => document.querySelectorAll('[data-testid="scheme-view-items"] .el-table__body tr').length > 0)
      const rows = [...document.querySelectorAll('[data-testid="scheme-view-items"] .el-table__body tr')]
      expect(rows).toHaveLength(26)
      expect(rows[4]?.textContent).toContain('结转结余率')
      expect(rows[4]?.textContent).toContain('结转结余率≤10%的，得2分；结转结余率≤20%的，得1分')
      expect(text('scheme-view-summary')).toContain('共 26 项，合计 100 分')
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'a file with a mistake is refused with the sheet, row and column named, and nothing changes',
    async () => {
      const w = await mountDemo()
      const before = await snapshot(db)
      const broken = aScheme()
      broken.items[1] = { ...broken.items[1], weight: '0' }
      await chooseFile(await schemeWorkbookBytes(broken), '有错的方案.xlsx')
      await until(() => text('scheme-import-problems') !== '')
      expect(text('scheme-import-problems-title')).toContain('发现 1 处问题，未导入，评分方案没有任何改变')
      // the second item, 财务合规性, is on row 3 of 评分项目; 分值 is its column E
      expect(
        [...document.querySelectorAll('[data-testid="scheme-import-problems"] li')].map((li) => li.textContent),
      ).toEqual(['「评分项目」第 3 行 E 列：分值「0」应为正数'])
      expect(document.querySelector('[data-testid="scheme-import-commit"]')).toBeNull()
      expect(await snapshot(db)).toStrictEqual(before)
      click('scheme-import-cancel')
      await until(() => document.querySelector('[data-testid="scheme-import-preview"]') === null)
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'a good file is previewed, stored on 确认导入, and can be deleted: the year that chose it goes back to the default',
    async () => {
      const w = await mountDemo()
      await chooseFile(await schemeWorkbookBytes(aScheme()), '县级自评表.xlsx')
      await until(() => text('scheme-import-summary') !== '')
      expect(text('scheme-import-summary')).toContain(
        '评分方案“县级自评表（测试）”：3 项，共 100 分，2 项需在「管理指标」中填报。',
      )
      expect(await db.scoringSchemes.count()).toBe(0) // nothing before 确认导入
      click('scheme-import-commit')
      await untilMessage('已导入评分方案“县级自评表（测试）”')
      expect((await db.scoringSchemes.toArray()).map((s) => [s.name, s.items.length])).toEqual([
        ['县级自评表（测试）', 3],
      ])
      await until(() => names().length === 3)

      expect((await chooseScheme(UNIT, 2021, (await db.scoringSchemes.toArray())[0]!.id)).ok).toBe(true)
      await useScoringStore().load()
      click('scheme-delete')
      const box = await messageBox()
      expect(box.textContent).toContain(
        '将删除评分方案“县级自评表（测试）”。选用它的单位年度将改用默认方案“广州2023自评表”',
      )
      boxButton('删除')?.click()
      await untilMessage(
        '已删除评分方案「县级自评表（测试）」，原来选用它的 1 个单位年度改用默认方案「广州2023自评表」',
      )
      expect(await db.scoringSchemes.count()).toBe(0)
      expect(await getSchemeChoice(UNIT, 2021)).toBeNull()
      w.unmount()
    },
    TIMEOUT,
  )

  it(
    'a file of a stored scheme’s name says it replaces it',
    async () => {
      const w = await mountDemo()
      const { readSchemeWorkbook } = await import('@/io/scoring/schemeWorkbook')
      const bytes = await schemeWorkbookBytes(aScheme())
      const read = await readSchemeWorkbook(bytes)
      if (!read.ok) throw new Error(read.messages.join())
      expect((await putScheme(read.value)).ok).toBe(true)
      await useScoringStore().load()
      await chooseFile(bytes, '县级自评表.xlsx')
      await until(() => text('scheme-import-summary') !== '')
      expect(text('scheme-import-summary')).toContain('将替换已有的同名方案（3 项）')
      w.unmount()
    },
    TIMEOUT,
  )
})
