// @vitest-environment jsdom
/**
 * 节点研判 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb) with the real entry
 * store: the editor keeps the user's input when the dataset is reloaded under it, and a save over
 * another tab's change of the same budget line is refused, named with both versions, and resolved
 * by the user's choice.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import EntryBudgetJudgements from '@/components/entry/EntryBudgetJudgements.vue'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { listBudgetJudgements, putBudgetJudgements } from '@/db/nodes'
import { defaultSettings } from '@/domain/settings'
import { computeNodeSnapshot } from '@/domain/snapshot'
import type { BudgetLineJudgement, UnitYearDataset } from '@/domain/types'
import { aDataset, aJudgement, aNode } from '../../db/fixtures'
import { until, untilMessage } from './until'
import { boxButton, freshApp, messageBox, mountForConflict } from '../mountForConflict'

const settings = defaultSettings()
const dataset = (judgements: BudgetLineJudgement[]): UnitYearDataset =>
  aDataset({ budgetJudgements: judgements, alerts: [], measures: [], reports: [] })
function props(data: UnitYearDataset) {
  const snap = computeNodeSnapshot({ dataset: data, nodeId: 'node-h1', settings })
  if (!snap.ok) throw new Error('no snapshot')
  return { dataset: data, node: aNode(), snapshot: snap.value, settings }
}

const forecastInput = (w: VueWrapper, line: string) => {
  const row = w.findAll('.el-table__body tr').find((tr) => tr.text().includes(line))
  if (!row) throw new Error(`no row ${line}`)
  const el = row.get('[data-testid="judgement-forecast"]')
  return el.element.tagName === 'INPUT' ? el : el.get('input')
}
const forecastOf = (w: VueWrapper, line: string) => (forecastInput(w, line).element as HTMLInputElement).value
const stored = async () =>
  (await listBudgetJudgements('node-h1', { database: db })).find((j) => j.budgetLineId === 'line-salary')
    ?.yearEndForecast

async function mountOnStoredData() {
  const start = dataset([aJudgement()])
  expect((await saveUnitYear(start)).ok).toBe(true)
  return mountForConflict(EntryBudgetJudgements, props(start))
}

describe('EntryBudgetJudgements with another tab saving the same node', { timeout: 30_000 }, () => {
  beforeEach(freshApp)

  it('keeps what the user typed when the dataset reloads, while untouched lines follow the other tab', async () => {
    const w = await mountOnStoredData()
    await forecastInput(w, '工资福利支出').setValue('1350.00')
    await w.setProps(
      props(
        dataset([
          aJudgement({ yearEndForecast: '1300.00' }),
          aJudgement({
            id: 'judge-land',
            budgetLineId: 'line-land',
            yearEndForecast: '150',
            likelihood: '确定能',
            deviationCauses: [],
            deviationText: '',
          }),
        ]),
      ),
    )
    expect(forecastOf(w, '工资福利支出')).toBe('1350.00')
    expect(forecastOf(w, '国有土地出让金评估项目')).toBe('150')
    w.unmount()
  })

  it('after a save, a line typed as 1,129.83 shows what was stored (1129.83) and no longer counts as edited', async () => {
    const w = await mountOnStoredData()
    await forecastInput(w, '工资福利支出').setValue('1,129.83')
    await w.get('[data-testid="judgements-save"]').trigger('click')
    await until(async () => (await stored()) === '1129.83')
    await untilMessage('已保存 1 条预算行的研判')
    expect(await stored()).toBe('1129.83')
    await until(() => forecastOf(w, '工资福利支出') === '1129.83')
    // the draft is the stored form: the line is not edited, so the page would not ask before leaving
    expect(forecastOf(w, '工资福利支出')).toBe('1129.83')
    w.unmount()
  })

  it('names the line changed elsewhere with both versions, writes nothing, and 覆盖 saves the user’s figure', async () => {
    const w = await mountOnStoredData()
    await forecastInput(w, '工资福利支出').setValue('1350.00')
    expect((await putBudgetJudgements([aJudgement({ yearEndForecast: '1300.00' })])).ok).toBe(true)
    await w.setProps(props(dataset([aJudgement({ yearEndForecast: '1300.00' })])))

    await w.get('[data-testid="judgements-save"]').trigger('click')
    const box = await messageBox()
    expect(box.textContent).toContain('以下 1 条预算行的研判已在其他窗口被修改并保存')
    expect(box.textContent).toContain(
      '工资福利支出：其他窗口保存为“全年预计 1300.00 万元，有可能”，您填写的是“全年预计 1350.00 万元，有可能”',
    )
    expect(await stored()).toBe('1300.00')

    boxButton('覆盖')?.click()
    await until(async () => (await stored()) === '1350.00')
    await untilMessage('已保存 1 条预算行的研判')
    expect(await stored()).toBe('1350.00')
    await until(() => document.querySelector('.el-message-box') === null)
    w.unmount()
  })

  it('放弃我的修改 shows the other tab’s figure and leaves it stored', async () => {
    const w = await mountOnStoredData()
    await forecastInput(w, '工资福利支出').setValue('1350.00')
    expect((await putBudgetJudgements([aJudgement({ yearEndForecast: '1300.00' })])).ok).toBe(true)

    // this tab's reload has not arrived yet: the save is still checked against what it started from
    await w.get('[data-testid="judgements-save"]').trigger('click')
    await messageBox()
    boxButton('放弃我的修改')?.click()
    await until(() => forecastOf(w, '工资福利支出') === '1300.00')
    await untilMessage('已改为其他窗口保存的内容')
    expect(forecastOf(w, '工资福利支出')).toBe('1300.00')
    expect(await stored()).toBe('1300.00')
    w.unmount()
  })
})
