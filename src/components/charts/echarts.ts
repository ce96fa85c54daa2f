/**
 * The one place ECharts is registered: tree-shaken `echarts/core` with only the charts and
 * components we draw. Imported by chart components, which are loaded with their pages, so
 * ECharts stays out of the first-paint bundle.
 */
import { use } from 'echarts/core'
import { BarChart, GaugeChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([
  LineChart,
  BarChart,
  GaugeChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
])

/** Toolbox entry every chart carries: 保存为图片 (PNG). */
export const SAVE_AS_PNG = {
  feature: { saveAsImage: { title: '保存为图片', type: 'png' as const, pixelRatio: 2 } },
  right: 8,
  top: 0,
}
