/**
 * ECharts options of the 概览 charts. Each maps a domain result to an option and computes nothing:
 * numbers come from the domain's formatters (rounded once, for display). Every light uses its one
 * colour from lightPresentation plus its symbol in the label, so the charts read without colour;
 * every chart carries the 保存为图片 toolbox.
 */
import type { EChartsCoreOption } from 'echarts/core'
import { formatPercent } from '@/domain/decimal'
import type { Dec } from '@/domain/decimal'
import type { NodeSnapshot, ProjectLight } from '@/domain/snapshot'
import type { DualMonitoringRow, LevelGroup, LightMatrix } from '@/domain/dashboard'
import type { Light } from '@/domain/types'
import { SAVE_AS_PNG } from '@/components/charts/echarts'
import { LIGHTS, LIGHT_ORDER } from '@/components/lights/lightPresentation'

const INK = '#1f4e8c'
const TARGET_INK = '#13a8a8'

/** A domain rate as the percent number ECharts plots (25.70), via the one display rounding. */
function plotted(rate: Dec | null, precision: number): number | null {
  return rate ? Number(formatPercent(rate, precision).replace('%', '')) : null
}
function label(rate: Dec | null, precision: number): string {
  return rate ? formatPercent(rate, precision) : '—'
}
/**
 * Text for an HTML string. ECharts renders a formatter's return value as HTML in the tooltip, and
 * indicator names and node labels are typed by users or come from imported workbooks, so a name like
 * `<img src=x onerror=…>` must arrive as text, never as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
}
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const lightMark = (light: Light): string => `${LIGHTS[light].symbol}${LIGHTS[light].label}`
/** Percent axes run to at least 100% so the expected line is always in view. */
/** 0–100%, or further when a value runs past 100% (over-spending must stay in view). */
export const percentAxisMax = (extent: { max: number }): number => Math.max(100, Math.ceil(extent.max / 10) * 10)
const PERCENT_AXIS = { type: 'value', min: 0, max: percentAxisMax, axisLabel: { formatter: '{value}%' } }

/** 执行率 against 序时进度 on one dial: two pointers, the 序时进度 one thin and dashed-coloured grey. */
export function executionGaugeOption(snapshot: NodeSnapshot, precision: number): EChartsCoreOption {
  const rate = snapshot.budget.unit.executionRate
  const light = snapshot.budgetLight.light
  // the dial ends at 100%, or at the next quarter above an over-spent 执行率 so the pointer is not pinned
  const dialMax = Math.max(100, Math.ceil((plotted(rate, precision) ?? 0) / 25) * 25)
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    series: [
      {
        type: 'gauge',
        min: 0,
        max: dialMax,
        splitNumber: 4,
        radius: '95%',
        center: ['50%', '52%'],
        startAngle: 200,
        endAngle: -20,
        axisLine: { lineStyle: { width: 16, color: [[1, '#e5e7eb']] } },
        progress: { show: true, width: 16, itemStyle: { color: LIGHTS[light].color } },
        axisTick: { show: false },
        splitLine: { length: 10, distance: 2, lineStyle: { color: '#9ca3af' } },
        axisLabel: { distance: 22, formatter: '{value}%', fontSize: 12 },
        data: [
          {
            value: plotted(rate, precision),
            name: `执行率 ${lightMark(light)}`,
            itemStyle: { color: LIGHTS[light].color },
            pointer: { width: 6, length: '70%' },
            title: { offsetCenter: ['0%', '26%'], fontSize: 14 },
            detail: {
              offsetCenter: ['0%', '46%'],
              fontSize: 24,
              fontWeight: 600,
              formatter: () => label(rate, precision),
              color: '#111827',
            },
          },
          {
            value: plotted(snapshot.timeProgress, precision),
            name: '◇ 序时进度',
            itemStyle: { color: LIGHTS.grey.color },
            pointer: { width: 3, length: '85%', icon: 'diamond' },
            title: { offsetCenter: ['0%', '68%'], fontSize: 13 },
            detail: {
              offsetCenter: ['0%', '84%'],
              fontSize: 14,
              formatter: () => label(snapshot.timeProgress, precision),
              color: '#4b5563',
            },
          },
        ],
      },
    ],
  }
}

/**
 * One percent bar per row, the first row on top, each coloured by its light and labelled at its end
 * (the light's symbol first); a dashed grey line marks where the bars should reach.
 */
function percentBarsOption<Row>(
  rows: readonly Row[],
  bars: {
    name: string
    /** the category axis: each row's name, and how wide the names may run before they are cut */
    category: (row: Row) => string
    categoryWidth: number
    /** room right of the plot for the longest bar label */
    gridRight: number
    /** a bar's value, light and the data a click selects with it */
    bar: (row: Row) => { value: number; light: Light; data?: Record<string, unknown> }
    barLabel: (row: Row) => string
    line: { label: string; at: number | null }
  },
): EChartsCoreOption {
  const shown = [...rows].reverse() // ECharts draws the first category at the bottom
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: bars.gridRight, top: 36, bottom: 24, containLabel: true },
    xAxis: PERCENT_AXIS,
    yAxis: {
      type: 'category',
      data: shown.map(bars.category),
      axisLabel: { width: bars.categoryWidth, overflow: 'truncate' },
    },
    series: [
      {
        name: bars.name,
        type: 'bar',
        barMaxWidth: 18,
        data: shown.map((row) => {
          const { value, light, data } = bars.bar(row)
          return { value, itemStyle: { color: LIGHTS[light].color }, ...data }
        }),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => {
            const row = shown[p.dataIndex]
            return row ? bars.barLabel(row) : ''
          },
        },
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: LIGHTS.grey.color },
          label: { formatter: bars.line.label, position: 'end' },
          data: [{ xAxis: bars.line.at }],
        },
      },
    ],
  }
}

/** Per-project 执行率 bars, worst first, each coloured by the project's budget light with its symbol. */
export function projectExecutionOption(
  rows: readonly DualMonitoringRow[],
  timeProgress: Dec,
  precision: number,
): EChartsCoreOption {
  return percentBarsOption(rows, {
    name: '执行率',
    category: (r) => r.name,
    categoryWidth: 160,
    gridRight: 90,
    bar: (r) => ({
      value: plotted(r.moneyProgress, precision) ?? 0,
      light: r.budgetLight,
      data: { projectId: r.projectId },
    }),
    barLabel: (r) => `${LIGHTS[r.budgetLight].symbol} ${label(r.moneyProgress, precision)}`,
    line: { label: `序时进度 ${label(timeProgress, precision)}`, at: plotted(timeProgress, precision) },
  })
}

/** Indicator progress against the expected value at the node, per 一级/二级 group; 100% = on schedule. */
export function levelCompletionOption(groups: readonly LevelGroup[], precision: number): EChartsCoreOption {
  return percentBarsOption(groups, {
    name: '完成进度（对节点应完成）',
    category: (g) => `${g.level1} / ${g.level2}`,
    categoryWidth: 180,
    gridRight: 110,
    bar: (g) => ({ value: plotted(g.progress, precision) ?? 0, light: g.light }),
    barLabel: (g) => `${LIGHTS[g.light].symbol} ${label(g.progress, precision)}（${g.measured}/${g.total}）`,
    line: { label: '应完成 100%', at: 100 },
  })
}

/** Indicators × nodes, one cell per light: its colour and its symbol in the cell. */
export function lightHeatmapOption(matrix: LightMatrix): EChartsCoreOption {
  const rowsTopDown = [...matrix.indicators].reverse()
  const data: { value: [number, number, number]; indicatorId: string }[] = []
  matrix.indicators.forEach((indicator, i) =>
    (matrix.lights[i] ?? []).forEach((light, n) => {
      data.push({ value: [n, matrix.indicators.length - 1 - i, LIGHT_ORDER.indexOf(light)], indicatorId: indicator.id })
    }),
  )
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: {
      formatter: (p: { value: [number, number, number] }) => {
        const [n, y, l] = p.value
        return `${escapeHtml(rowsTopDown[y]?.name ?? '')}<br/>${escapeHtml(matrix.nodes[n]?.label ?? '')}：${lightMark(LIGHT_ORDER[l] ?? 'grey')}`
      },
    },
    grid: { left: 8, right: 16, top: 40, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: matrix.nodes.map((n) => n.label), splitArea: { show: true } },
    yAxis: { type: 'category', data: rowsTopDown.map((i) => i.name), axisLabel: { width: 180, overflow: 'truncate' } },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      dimension: 2,
      pieces: LIGHT_ORDER.map((light, index) => ({
        value: index,
        label: lightMark(light),
        color: LIGHTS[light].color,
      })),
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: {
          show: true,
          color: '#fff',
          fontSize: 12,
          formatter: (p: { value: [number, number, number] }) => LIGHTS[LIGHT_ORDER[p.value[2]] ?? 'grey'].symbol,
        },
      },
    ],
  }
}

/**
 * What the 目标进度 bar says when it has no value. With the projects' light counts (the snapshot's
 * projectLights) a project without any indicator says so plainly; otherwise it has indicators none of
 * which is measurable yet (未达监控节点, not filled in), or, without the counts, it is not known which.
 */
export function dualTargetGap(row: DualMonitoringRow, projectLights?: readonly ProjectLight[]): string {
  const project = projectLights?.find((p) => p.projectId === row.projectId)
  if (!project) return '暂无可计量的绩效指标'
  const indicators = Object.values(project.counts).reduce((a, b) => a + b, 0)
  return indicators === 0 ? '该项目未设绩效指标' : '指标暂无可计量的完成值'
}

/**
 * 双监控 per project: money progress (执行率, solid) and target progress (dashed outline) side by
 * side against the expected line (序时进度). Labels say which is which, so it reads without colour;
 * a missing value is said in words (no budget line, no indicators), never drawn as a 0 bar's "0%".
 */
export function dualMonitoringOption(
  rows: readonly DualMonitoringRow[],
  precision: number,
  projectLights?: readonly ProjectLight[],
): EChartsCoreOption {
  const shown = [...rows].reverse()
  const expected = rows[0]?.expected ?? null
  const moneyText = (r: DualMonitoringRow) => (r.moneyProgress ? label(r.moneyProgress, precision) : '无预算数据')
  const targetText = (r: DualMonitoringRow) =>
    r.targetProgress ? label(r.targetProgress, precision) : dualTargetGap(r, projectLights)
  const bar = (
    name: string,
    pick: (r: DualMonitoringRow) => Dec | null,
    text: (r: DualMonitoringRow) => string,
    light: (r: DualMonitoringRow) => Light,
    prefix: string,
    style: object,
  ) => ({
    name,
    type: 'bar',
    barMaxWidth: 14,
    barGap: '20%',
    data: shown.map((r) => ({ value: plotted(pick(r), precision) ?? 0, projectId: r.projectId })),
    itemStyle: style,
    label: {
      show: true,
      position: 'right',
      fontSize: 11,
      formatter: (p: { dataIndex: number }) => {
        const r = shown[p.dataIndex]
        if (!r) return ''
        return pick(r) ? `${prefix} ${text(r)} ${LIGHTS[light(r)].symbol}` : `${prefix}：${text(r)}`
      },
    },
  })
  return {
    animation: false,
    toolbox: SAVE_AS_PNG,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const r = shown[params[0]?.dataIndex ?? -1]
        return r ? `${escapeHtml(r.name)}<br/>资金进度（执行率）：${moneyText(r)}<br/>目标进度：${targetText(r)}` : ''
      },
    },
    legend: { data: ['资金进度（执行率）', '目标进度'], top: 0, left: 0 },
    grid: { left: 8, right: 150, top: 40, bottom: 24, containLabel: true },
    xAxis: PERCENT_AXIS,
    yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        ...bar(
          '资金进度（执行率）',
          (r) => r.moneyProgress,
          moneyText,
          (r) => r.budgetLight,
          '资金',
          { color: INK },
        ),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: LIGHTS.grey.color, width: 2 },
          label: { formatter: `应达进度 ${label(expected, precision)}`, position: 'end' },
          data: expected ? [{ xAxis: plotted(expected, precision) }] : [],
        },
      },
      bar(
        '目标进度',
        (r) => r.targetProgress,
        targetText,
        (r) => r.indicatorLight,
        '目标',
        { color: '#e6f7f7', borderColor: TARGET_INK, borderWidth: 2, borderType: 'dashed' },
      ),
    ],
  }
}
