/**
 * Maps the node snapshot's monthly path to an ECharts option: cumulative 执行率 per month against
 * the 序时进度 line. Computes no rate; it only turns domain Decimals into plotted numbers.
 * A month no line reported (docs/domain-rules.md §4.5: 未填报, never 0%) is a gap in the line (null), not its
 * carried-forward or zero figure; a month some lines left unreported says so in the tooltip.
 */
import type { EChartsCoreOption } from 'echarts/core'
import type { NodeSnapshot } from '@/domain/snapshot'
import { formatPercent } from '@/domain/decimal'
import { SAVE_AS_PNG } from '@/components/charts/echarts'
import { LIGHTS } from '@/components/lights/lightPresentation'
import { percentAxisMax } from '@/components/overview/overviewOptions'

export function executionTrendOption(snapshot: NodeSnapshot, precision: number): EChartsCoreOption {
  const months = snapshot.monthlyPath.map((p) => `${p.month}月`)
  const executionLabels = snapshot.monthlyPath.map((p) =>
    p.entries !== 'none' && p.executionRate ? formatPercent(p.executionRate, precision) : '—',
  )
  const notes = snapshot.monthlyPath.map((p) =>
    p.entries === 'none'
      ? '（未填报）'
      : p.entries === 'some'
        ? `（${p.unreportedLines} 个预算行未填报，按此前的数计）`
        : '',
  )
  const timeLabels = snapshot.monthlyPath.map((p) => formatPercent(p.timeProgress, precision))
  const asPercentNumber = (label: string) => (label === '—' ? null : Number(label.replace('%', '')))
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: {
      trigger: 'axis',
      // plain text built from our own labels (month names and percents): nothing typed by users
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex ?? -1
        if (i < 0) return ''
        return `${months[i]}<br/>累计执行率：${executionLabels[i]}${notes[i]}<br/>序时进度：${timeLabels[i]}`
      },
    },
    legend: { data: ['累计执行率', '序时进度'], top: 0, left: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: percentAxisMax, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '累计执行率',
        type: 'line',
        data: executionLabels.map(asPercentNumber),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 3, color: '#1f4e8c' },
        itemStyle: { color: '#1f4e8c' },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { dataIndex: number }) => executionLabels[p.dataIndex] ?? '',
        },
      },
      {
        // Dashed and diamond-marked so it reads apart from the execution line without colour.
        name: '序时进度',
        type: 'line',
        data: timeLabels.map(asPercentNumber),
        symbol: 'diamond',
        symbolSize: 8,
        lineStyle: { width: 2, type: 'dashed', color: LIGHTS.grey.color },
        itemStyle: { color: LIGHTS.grey.color },
      },
    ],
  }
}
