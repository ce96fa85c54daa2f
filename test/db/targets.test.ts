import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import {
  deleteIndicator,
  deleteTarget,
  getFramework,
  listFrameworks,
  listIndicators,
  listIndicatorsOfUnitYear,
  listTargets,
  putFramework,
  putIndicator,
  putIndicators,
  putTarget,
} from '@/db/targets'
import type { DecimalString, IndicatorFramework } from '@/domain/types'
import { aDataset, anIndicator, aTarget, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb } from './helpers'

const framework2021: IndicatorFramework = {
  year: 2021,
  level1: [
    { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标'] },
    { name: '成本指标', level2: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
  ],
}

describe('frameworks', () => {
  it('keeps one framework per year and lists them by year', async () => {
    const database = freshDb()
    expectOk(await putFramework(framework2021, { database }))
    expectOk(await putFramework({ year: 2020, level1: [{ name: '产出指标', level2: ['成本指标'] }] }, { database }))
    expect(await getFramework(2021, { database })).toStrictEqual(framework2021)
    expect((await listFrameworks({ database })).map((f) => f.year)).toEqual([2020, 2021])
  })
})

describe('targets and indicators', () => {
  it('lists the unit target before project targets', async () => {
    const database = freshDb()
    expectOk(await putTarget(aTarget({ id: 't-proj', scope: 'project', projectId: 'proj-land' }), { database }))
    expectOk(await putTarget(aTarget(), { database }))
    expect((await listTargets('unit-qiemo', YEAR, { database })).map((t) => t.id)).toEqual(['target-unit', 't-proj'])
  })

  it('round-trips indicators with a monthly plan, in sortOrder', async () => {
    const database = freshDb()
    expectOk(await putTarget(aTarget(), { database }))
    const plan: DecimalString[] = ['1', '2', '3', '4', '5', '7.5', '9', '10', '11', '12', '14', '15']
    const second = anIndicator({
      id: 'ind-b',
      sortOrder: 2,
      name: '新增建设用地报批',
      targetValue: '450',
      measureUnit: '亩',
      monthlyPlan: plan,
    })
    expectOk(await putIndicators([second, anIndicator()], { database }))
    expect(await listIndicators('target-unit', { database })).toStrictEqual([anIndicator(), second])
    expect((await listIndicatorsOfUnitYear('unit-qiemo', YEAR, { database })).map((i) => i.id)).toEqual([
      'ind-review',
      'ind-b',
    ])
  })

  it('refuses an indicator whose target does not exist', async () => {
    const database = freshDb()
    expect(expectFailure(await putIndicator(anIndicator(), { database }))).toBe(
      '指标所属的绩效目标不存在，本次保存未写入任何数据。',
    )
    expect(await database.indicators.count()).toBe(0)
  })

  it('deletes an indicator with its readings', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(expectOk(await deleteIndicator('ind-review', { database }))).toEqual({ readings: 1 })
    expect((await database.readings.toArray()).map((r) => r.indicatorId)).toEqual(['ind-quality'])
  })

  it('deletes a target with its indicators and their readings', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(expectOk(await deleteTarget('target-unit', { database }))).toEqual({ indicators: 2, readings: 2 })
    expect(await database.indicators.count()).toBe(0)
    expect(await database.readings.count()).toBe(0)
  })
})
