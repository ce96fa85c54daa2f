/**
 * 双监控 option: a project without a value on one bar says why in words. Seed 001's 国有土地出让金评估项目
 * (150 万元, 0 spent by June) has no 绩效指标 of its own: all 22 三级指标 are the unit's (整体).
 */
import { describe, expect, it } from 'vitest'
import { dualMonitoringOption, dualTargetGap } from '@/components/overview/overviewOptions'
import { dualMonitoring } from '@/domain/dashboard'
import type { DualMonitoringRow } from '@/domain/dashboard'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import type { UnitYearDataset } from '@/domain/types'

function snapshotOf(dataset: UnitYearDataset) {
  const result = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings: defaultSettings() })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join())
  return result.value
}
type Formatter = (p: { dataIndex: number }) => string
interface DualOption {
  series: { label: { formatter: Formatter } }[]
  tooltip: { formatter: (p: { dataIndex: number }[]) => string }
}

describe('双监控 of a project without a target value', () => {
  const snapshot = snapshotOf(qiemo2021Dataset())
  const rows = dualMonitoring(snapshot)

  it('labels seed 001’s 评估项目 「该项目未设绩效指标」 beside its 0% money progress', () => {
    // the seed reports the project's budget only (150 万元, 执行率 0%); its 22 三级指标 are all 整体
    expect(snapshot.indicators.filter((row) => row.projectId)).toHaveLength(0)
    expect(snapshot.indicatorCounts.level3).toBe(22)
    const option = dualMonitoringOption(rows, 2, snapshot.projectLights) as unknown as DualOption
    expect(option.series[0].label.formatter({ dataIndex: 0 })).toBe('资金 0.00% ✖') // red
    expect(option.series[1].label.formatter({ dataIndex: 0 })).toBe('目标：该项目未设绩效指标')
    expect(option.tooltip.formatter([{ dataIndex: 0 }])).toBe(
      '国有土地出让金评估项目<br/>资金进度（执行率）：0.00%<br/>目标进度：该项目未设绩效指标',
    )
  })

  it('does not claim “未设” without the project counts, nor when the project’s indicators are only not yet measurable', () => {
    expect(dualTargetGap(rows[0])).toBe('暂无可计量的绩效指标')
    const dueLater: DualMonitoringRow = { ...rows[0] }
    const lights = snapshot.projectLights.map((p) => ({ ...p, counts: { ...p.counts, grey: 1 } }))
    expect(dualTargetGap(dueLater, lights)).toBe('指标暂无可计量的完成值')
  })

  it('keeps the percent label when the project has a target value', () => {
    const withValue: DualMonitoringRow = { ...rows[0], targetProgress: rows[0].expected }
    const option = dualMonitoringOption([withValue], 2, snapshot.projectLights) as unknown as DualOption
    expect(option.series[1].label.formatter({ dataIndex: 0 })).toMatch(/^目标 50\.00% /)
  })
})
