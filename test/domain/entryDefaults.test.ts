import { describe, expect, it } from 'vitest'
import {
  commonNodeDates,
  defaultFramework,
  framework2021,
  frameworkProblems,
  newUnitYearDataset,
  quickNodeDates,
} from '../../src/domain/entryDefaults'
import { datasetProblems } from '../../src/db/datasets'

describe('entry defaults', () => {
  it('starts a year from seed 001’s framework: 3 一级 and 9 二级', () => {
    const framework = defaultFramework(2021)
    expect(framework.level1.map((l) => l.name)).toEqual(['产出指标', '效益指标', '满意度指标'])
    expect(framework.level1.flatMap((l) => l.level2)).toHaveLength(9)
    expect(framework2021(2022).level1.map((l) => l.name)).toEqual(['产出指标', '成本指标', '效益指标', '满意度指标'])
  })

  it('builds a consistent empty unit-year with its 整体 target', () => {
    const dataset = newUnitYearDataset({ unitId: 'u', targetId: 't', name: ' 且末县自然资源局 ', year: 2021 })
    expect(dataset.unit.name).toBe('且末县自然资源局')
    expect(dataset.targets).toEqual([{ id: 't', unitId: 'u', year: 2021, scope: 'unit', description: '' }])
    expect(datasetProblems(dataset)).toEqual([])
  })

  it('names what is wrong with an edited framework', () => {
    expect(frameworkProblems(defaultFramework(2021))).toEqual([])
    expect(
      frameworkProblems({
        year: 2021,
        level1: [
          { name: '产出指标', level2: ['数量指标', '数量指标'] },
          { name: '产出指标', level2: [] },
          { name: ' ', level2: ['质量指标'] },
        ],
      }),
    ).toEqual([
      '一级指标“产出指标”下的二级指标“数量指标”重复',
      '一级指标“产出指标”重复',
      '一级指标“产出指标”下至少需要一个二级指标',
      '第3个一级指标未填写名称',
    ])
  })

  it('offers quarter ends and 7月31日 as node dates', () => {
    expect(commonNodeDates(2021)).toEqual(['2021-03-31', '2021-06-30', '2021-07-31', '2021-09-30', '2021-12-31'])
  })
})

describe('quickNodeDates: the next month-end first, then the common ones', () => {
  it('offers 2021-01-31 on an empty year, then 07-31 after 1-6月, and nothing already used', () => {
    expect(quickNodeDates(2021, [])).toEqual([
      '2021-01-31',
      '2021-03-31',
      '2021-06-30',
      '2021-07-31',
      '2021-09-30',
      '2021-12-31',
    ])
    expect(quickNodeDates(2021, ['2021-06-30'])).toEqual(['2021-03-31', '2021-07-31', '2021-09-30', '2021-12-31'])
    expect(quickNodeDates(2021, ['2021-01-31'])).toEqual([
      '2021-02-28',
      '2021-03-31',
      '2021-06-30',
      '2021-07-31',
      '2021-09-30',
      '2021-12-31',
    ])
    expect(quickNodeDates(2024, ['2024-01-31'])[0]).toBe('2024-02-29')
    expect(quickNodeDates(2021, ['2021-12-31'])).toEqual(['2021-03-31', '2021-06-30', '2021-07-31', '2021-09-30'])
  })
})
