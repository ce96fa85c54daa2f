import { describe, expect, it } from 'vitest'
import { D, formatNumber, toDecimalString } from '../../../src/domain/decimal'
import { unitNodeHeatmap } from '../../../src/domain/department'
import type { DepartmentNode, HeatmapCell } from '../../../src/domain/department'
import { JULY, JUNE, amounts, unitFigures } from './factories'

const nodes: DepartmentNode[] = [
  { asOfDate: JUNE, label: '2021年1-6月' },
  { asOfDate: JULY, label: '2021年1-7月' },
]
const july = { asOfDate: JULY, nodeLabel: '2021年1-7月', timeProgress: toDecimalString(new D(7).div(12)) }

const cellText = (cell: HeatmapCell): string =>
  cell.status === 'notSubmitted'
    ? '未报送'
    : `${cell.light} ${cell.progressRatio ? formatNumber(cell.progressRatio, 2) : '无'}`

describe('unitNodeHeatmap: units × nodes, budget light by 执行进度比 (docs/domain-rules.md §17.4)', () => {
  const submissions = [
    unitFigures('u-jia', amounts('1000.00', '300.00'), { unitName: '甲单位' }), // 30% ÷ 50% → 60, yellow
    unitFigures('u-jia', amounts('1000.00', '500.00'), { unitName: '甲单位', ...july }), // 50% ÷ 7/12 → 85.71, green
    unitFigures('u-yi', amounts('2000.00', '400.00'), { unitName: '乙单位', unitLight: 'yellow' }), // 20% → 40, red
    unitFigures('u-ding', amounts('100.00', '50.00'), { unitName: '丁单位' }), // not on the list
    unitFigures('u-jia', amounts('1000.00', '600.00'), { unitName: '甲单位', asOfDate: '2021-08-31' }), // no column
  ]
  const heatmap = unitNodeHeatmap(
    [
      { unitId: 'u-yi', unitName: '乙单位' },
      { unitId: 'u-jia', unitName: '甲单位' },
      { unitId: 'u-geng', unitName: '庚单位' },
    ],
    nodes,
    submissions,
  )

  it('lights each submitted cell by the budget light thresholds and marks the missing ones 未报送', () => {
    expect(heatmap.rows.map((row) => [row.unitName, ...row.cells.map(cellText)])).toEqual([
      ['乙单位', 'red 40.00', '未报送'],
      ['甲单位', 'yellow 60.00', 'green 85.71'],
      ['庚单位', '未报送', '未报送'],
      // submitted without being on the list: shown after it, never dropped
      ['丁单位', 'green 100.00', '未报送'],
    ])
  })

  it('keeps the columns in the given order and carries the unit’s worst light for a tooltip', () => {
    expect(heatmap.nodes.map((n) => n.label)).toEqual(['2021年1-6月', '2021年1-7月'])
    const [yiJune] = heatmap.rows[0]!.cells
    expect(yiJune).toMatchObject({ status: 'submitted', asOfDate: JUNE, light: 'red', unitLight: 'yellow' })
  })

  it('is a grey cell, not 未报送, when a submitted unit has no budget to judge', () => {
    const map = unitNodeHeatmap([{ unitId: 'z', unitName: '零预算单位' }], nodes, [
      unitFigures('z', amounts('0.00', '0.00')),
    ])
    expect(map.rows[0]!.cells.map(cellText)).toEqual(['grey 无', '未报送'])
  })
})
