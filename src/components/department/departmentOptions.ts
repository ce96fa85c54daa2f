/**
 * ECharts option of the 主管部门's units × nodes heatmap (docs/domain-rules.md §17.4). It maps the
 * domain's heatmap and computes nothing: each cell shows its light's symbol (or 「未」 for 未报送) on
 * the light's colour, so it reads without colour; the tooltip names the unit, the node and the light
 * with 执行率 and 执行进度比 as the domain formatted them. PNG export like every chart.
 */
import type { EChartsCoreOption } from 'echarts/core'
import { formatNumber, formatPercent } from '@/domain/decimal'
import type { HeatmapCell, UnitNodeHeatmap } from '@/domain/department'
import { SAVE_AS_PNG } from '@/components/charts/echarts'
import { LIGHTS, LIGHT_ORDER } from '@/components/lights/lightPresentation'
import { escapeHtml } from '@/components/overview/overviewOptions'

/** the value of a 未报送 cell: after the lights */
const NOT_SUBMITTED = LIGHT_ORDER.length
const NOT_SUBMITTED_COLOUR = '#eef0f3'

function cellText(cell: HeatmapCell): string {
  if (cell.status === 'notSubmitted') return '未报送'
  const light = LIGHTS[cell.light]
  const rate = cell.executionRate ? formatPercent(cell.executionRate) : '—'
  const ratio = cell.progressRatio ? formatNumber(cell.progressRatio, 1) : '—'
  return `${light.symbol}${light.label}，执行率 ${rate}，执行进度比 ${ratio}；红色预警 ${cell.alerts.red} 条，黄色预警 ${cell.alerts.yellow} 条`
}

export function departmentHeatmapOption(heatmap: UnitNodeHeatmap): EChartsCoreOption {
  const rowsTopDown = [...heatmap.rows].reverse()
  const data = heatmap.rows.flatMap((row, i) =>
    row.cells.map((cell, n) => ({
      value: [
        n,
        heatmap.rows.length - 1 - i,
        cell.status === 'submitted' ? LIGHT_ORDER.indexOf(cell.light) : NOT_SUBMITTED,
      ],
      unitId: row.unitId,
      text: `${escapeHtml(row.unitName)}<br/>${escapeHtml(heatmap.nodes[n]?.label ?? '')}：${cellText(cell)}`,
      label: { color: cell.status === 'submitted' ? '#fff' : '#4b5563' },
    })),
  )
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: { formatter: (p: { data: { text: string } }) => p.data.text },
    grid: { left: 8, right: 16, top: 40, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: heatmap.nodes.map((n) => n.label), splitArea: { show: true } },
    yAxis: {
      type: 'category',
      data: rowsTopDown.map((r) => r.unitName),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      dimension: 2,
      pieces: [
        ...LIGHT_ORDER.map((light, index) => ({
          value: index,
          label: `${LIGHTS[light].symbol}${LIGHTS[light].label}`,
          color: LIGHTS[light].color,
        })),
        { value: NOT_SUBMITTED, label: '未 未报送', color: NOT_SUBMITTED_COLOUR },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: {
          show: true,
          fontSize: 12,
          formatter: (p: { value: [number, number, number] }) => {
            const light = LIGHT_ORDER[p.value[2]]
            return light ? LIGHTS[light].symbol : '未'
          },
        },
      },
    ],
  }
}
