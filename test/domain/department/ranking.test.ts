import { describe, expect, it } from 'vitest'
import { formatNumber, formatPercent } from '../../../src/domain/decimal'
import { rankUnits } from '../../../src/domain/department'
import type { SubordinateUnit, UnitRanking } from '../../../src/domain/department'
import { amounts, unitFigures } from './factories'

// 1-6月, 序时进度 50%: 执行进度比 = 执行率 ÷ 50% × 100
const jia = unitFigures('u-jia', amounts('1000.00', '300.00'), { unitName: '甲单位', alerts: { red: 1, yellow: 2 } }) // 30% → 60
const yi = unitFigures('u-yi', amounts('1000.00', '200.00'), { unitName: '乙单位', alerts: { red: 3, yellow: 0 } }) // 20% → 40
const bing = unitFigures('u-bing', amounts('500.00', '100.00'), { unitName: '丙单位', alerts: { red: 2, yellow: 1 } }) // 20% → 40
const ding = unitFigures('u-ding', amounts('800.00', '400.00'), { unitName: '丁单位' }) // 50% → 100
const wu = unitFigures('u-wu', amounts('0.00', '0.00'), { unitName: '戊单位' }) // no budget, no ratio

const list: SubordinateUnit[] = [
  { unitId: 'u-jia', unitName: '甲单位' },
  { unitId: 'u-yi', unitName: '乙单位' },
  { unitId: 'u-bing', unitName: '丙单位' },
  { unitId: 'u-wu', unitName: '戊单位' },
  { unitId: 'u-ji', unitName: '己单位' },
  { unitId: 'u-geng', unitName: '庚单位' },
]

const line = (r: UnitRanking): string =>
  r.status === 'notSubmitted'
    ? `${r.unitName} 未报送`
    : `${r.rank ?? '-'} ${r.unitName} ${r.executionRate ? formatPercent(r.executionRate) : '无'} ${
        r.progressRatio ? formatNumber(r.progressRatio, 1) : '无'
      } ${r.budgetLight} 红${r.alerts.red} 黄${r.alerts.yellow}`

describe('rankUnits: by 执行进度比, worst first, 未报送 listed (docs/domain-rules.md §17.3)', () => {
  it('ranks worst first with red/yellow counts, then the unit without a ratio, then the 未报送 units', () => {
    const ranking = rankUnits([jia, yi, bing, ding, wu], list)
    expect(ranking.map(line)).toEqual([
      // 乙 and 丙 tie at 40.0: by name in code-point order (丙 U+4E19 before 乙 U+4E59)
      '1 丙单位 20.00% 40.0 red 红2 黄1',
      '2 乙单位 20.00% 40.0 red 红3 黄0',
      // 60 is not below 60: yellow
      '3 甲单位 30.00% 60.0 yellow 红1 黄2',
      // 丁 is not on the list but submitted: its figures are in the totals, so it is ranked
      '4 丁单位 50.00% 100.0 green 红0 黄0',
      '- 戊单位 无 无 grey 红0 黄0',
      '己单位 未报送',
      '庚单位 未报送',
    ])
  })

  it('lists every 下属单位 as 未报送 when nobody has submitted yet', () => {
    const ranking = rankUnits([], list)
    expect(ranking.every((r) => r.status === 'notSubmitted')).toBe(true)
    // code points: 丙 4E19, 乙 4E59, 己 5DF1, 庚 5E9A, 戊 620A, 甲 7532
    expect(ranking.map((r) => r.unitName)).toEqual(['丙单位', '乙单位', '己单位', '庚单位', '戊单位', '甲单位'])
  })

  it('gives the same order whatever order the submissions and the list come in', () => {
    const forward = rankUnits([jia, yi, bing, ding, wu], list).map(line)
    const backward = rankUnits([wu, ding, bing, yi, jia], [...list].reverse()).map(line)
    expect(backward).toEqual(forward)
  })

  it('breaks a tie of equal names by unit id', () => {
    const a = unitFigures('b-id', amounts('100.00', '10.00'), { unitName: '同名单位' })
    const b = unitFigures('a-id', amounts('200.00', '20.00'), { unitName: '同名单位' })
    expect(rankUnits([a, b], []).map((r) => r.unitId)).toEqual(['a-id', 'b-id'])
  })

  it('has no ratio and no rank at 序时进度 0, rather than dividing by it', () => {
    const [first] = rankUnits([unitFigures('early', amounts('100.00', '5.00'), { timeProgress: '0' })], [])
    expect(first).toMatchObject({ status: 'submitted', rank: null, progressRatio: null, budgetLight: 'grey' })
  })
})
