// @vitest-environment jsdom
/**
 * 指标填报 in two tabs (docs/reliability.md §3), on the app database (fake-indexeddb): the editor keeps the
 * user's input when the dataset is reloaded under it, and a save over another tab's change is
 * refused, named in a dialog, and resolved by the user's choice.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { until, untilMessage } from './until'
import { boxButton, freshApp, messageBox, mountForConflict } from '../mountForConflict'
import EntryReadings from '@/components/entry/EntryReadings.vue'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { listReadings, putReadings } from '@/db/nodes'
import { defaultSettings } from '@/domain/settings'
import type { IndicatorReading, MonitoringNode, UnitYearDataset } from '@/domain/types'

// targets chosen so every value used here is a green light at 6月30日 (half the year): 7–9 of 18, 2 of 4
const node: MonitoringNode = {
  id: 'n6',
  unitId: 'u',
  year: 2021,
  asOfDate: '2021-06-30',
  label: '2021年1-6月',
  status: 'draft',
}
const reading = (indicatorId: string, actualValue: string): IndicatorReading => ({
  id: `r-${indicatorId}`,
  nodeId: 'n6',
  indicatorId,
  actualValue,
  likelihood: '确定能',
  deviationCauses: [],
  deviationText: '',
})
function dataset(readings: IndicatorReading[]): UnitYearDataset {
  const indicator = {
    targetId: 't',
    level1: '产出指标',
    level2: '数量指标',
    operator: '≥' as const,
    accrual: 'cumulative' as const,
  }
  return {
    unit: { id: 'u', name: '且末县自然资源局', departments: [], monitoringGroup: [], financeOfficer: '' },
    year: 2021,
    framework: { year: 2021, level1: [{ name: '产出指标', level2: ['数量指标'] }] },
    projects: [],
    budgetLines: [],
    monthlyExecutions: [],
    targets: [{ id: 't', unitId: 'u', year: 2021, scope: 'unit', description: '' }],
    indicators: [
      { ...indicator, id: 'i1', name: '办理建设项目用地初审', targetValue: '18', measureUnit: '个', sortOrder: 1 },
      { ...indicator, id: 'i2', name: '地质灾害防治演练', targetValue: '4', measureUnit: '次', sortOrder: 2 },
    ],
    nodes: [node],
    readings,
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  }
}

const inputs = (w: VueWrapper) =>
  w.findAll('[data-testid="reading-actual"]').map((el) => (el.element.tagName === 'INPUT' ? el : el.get('input')))
const valueOf = (w: VueWrapper, row: number) => (inputs(w)[row].element as HTMLInputElement).value
const stored = async (indicatorId: string) =>
  (await listReadings('n6', { database: db })).find((r) => r.indicatorId === indicatorId)?.actualValue

async function mountOnStoredData() {
  const start = dataset([reading('i1', '7'), reading('i2', '2')])
  const saved = await saveUnitYear(start)
  expect(saved.ok).toBe(true)
  return mountForConflict(EntryReadings, { dataset: start, node, settings: defaultSettings() })
}

describe('EntryReadings with another tab saving the same node', () => {
  beforeEach(freshApp)

  it('keeps what the user typed when the dataset reloads, while untouched rows follow the other tab', async () => {
    const w = await mountOnStoredData()
    await inputs(w)[0].setValue('9')
    await w.setProps({ dataset: dataset([reading('i1', '8'), reading('i2', '3')]) })
    expect(valueOf(w, 0)).toBe('9')
    expect(valueOf(w, 1)).toBe('3')
    w.unmount()
  })

  it('names the indicator changed elsewhere, writes nothing, and 覆盖 saves the user’s value', async () => {
    const w = await mountOnStoredData()
    await inputs(w)[0].setValue('9')
    // the other tab saves 8 before this one saves; its reload reaches this editor too
    expect((await putReadings([reading('i1', '8')])).ok).toBe(true)
    await w.setProps({ dataset: dataset([reading('i1', '8'), reading('i2', '2')]) })

    await w.get('[data-testid="readings-save"]').trigger('click')
    const box = await messageBox()
    expect(box.textContent).toContain('以下 1 个指标的填报已在其他窗口被修改并保存')
    expect(box.textContent).toContain('办理建设项目用地初审：其他窗口保存为“8个，确定能”，您填写的是“9个，确定能”')
    expect(box.textContent).not.toContain('地质灾害防治演练')
    expect(await stored('i1')).toBe('8')

    boxButton('覆盖')?.click()
    await until(async () => (await stored('i1')) === '9')
    await untilMessage('已保存 2 个指标的填报')
    expect(await stored('i1')).toBe('9')
    expect(await stored('i2')).toBe('2')
    w.unmount()
  })

  it('放弃我的修改 shows the other tab’s value and leaves it stored', async () => {
    const w = await mountOnStoredData()
    await inputs(w)[0].setValue('9')
    expect((await putReadings([reading('i1', '8')])).ok).toBe(true)

    // this tab's reload has not arrived yet: the save is still checked against what it started from
    await w.get('[data-testid="readings-save"]').trigger('click')
    await messageBox()
    boxButton('放弃我的修改')?.click()
    await until(() => valueOf(w, 0) === '8')
    await untilMessage('已改为其他窗口保存的内容')
    expect(valueOf(w, 0)).toBe('8')
    expect(await stored('i1')).toBe('8')
    w.unmount()
  })
})
