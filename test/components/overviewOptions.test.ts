// @vitest-environment jsdom
/**
 * The 概览 heatmap tooltip is HTML (ECharts renders a formatter's string as markup), so the user's
 * indicator names and node labels in it must be escaped. Parsed with the test DOM's DOMParser: the
 * hostile names come back as text and make no element.
 */
import { describe, expect, it } from 'vitest'
import {
  escapeHtml,
  executionGaugeOption,
  lightHeatmapOption,
  percentAxisMax,
} from '@/components/overview/overviewOptions'
import { executionTrendOption } from '@/components/execution/executionTrendOption'
import { computeNodeSnapshot } from '@/domain/snapshot'
import { defaultSettings } from '@/domain/settings'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '@/domain/demo/ids'
import type { LightMatrix } from '@/domain/dashboard'
import type { MonitoringNode } from '@/domain/types'

const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT = '<script>alert(1)</script>'

function node(id: string, label: string): MonitoringNode {
  return { id, unitId: 'u1', year: 2021, asOfDate: '2021-06-30', label, status: 'draft' }
}

type Formatter = (p: { value: [number, number, number] }) => string
function tooltipOf(matrix: LightMatrix): Formatter {
  const option = lightHeatmapOption(matrix) as { tooltip: { formatter: Formatter } }
  return option.tooltip.formatter
}

describe('escapeHtml', () => {
  it('turns the five HTML-significant characters into entities', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f')
    expect(escapeHtml(IMG)).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeHtml(SCRIPT)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('leaves Chinese text, digits and symbols as they are', () => {
    expect(escapeHtml('群众满意度 ≥ 90%（年度）')).toBe('群众满意度 ≥ 90%（年度）')
    expect(escapeHtml('')).toBe('')
  })

  it('escapes an already escaped text again, so “&lt;” is shown as typed', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;')
  })
})

describe('lightHeatmapOption tooltip', () => {
  const matrix: LightMatrix = {
    nodes: [node('n1', `6月${SCRIPT}`), node('n2', '9月底')],
    indicators: [
      { id: 'i1', name: IMG },
      { id: 'i2', name: '完成土地调查宗数' },
    ],
    lights: [
      ['red', 'green'],
      ['yellow', 'blue'],
    ],
  }

  it('shows a hostile indicator name and node label as literal text, creating no element', () => {
    // value [node 0, row 1 (rows run bottom-up, so the first indicator), light index]
    const html = tooltipOf(matrix)({ value: [0, 1, 0] })
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script')
    const body = new DOMParser().parseFromString(html, 'text/html').body
    expect(body.querySelectorAll('img, script')).toHaveLength(0)
    expect([...body.children].map((e) => e.tagName)).toEqual(['BR'])
    expect(body.textContent).toContain(IMG)
    expect(body.textContent).toContain(`6月${SCRIPT}：`)
  })

  it('still renders the plain name, the node and the light mark', () => {
    const html = tooltipOf(matrix)({ value: [1, 0, 0] })
    const body = new DOMParser().parseFromString(html, 'text/html').body
    expect(body.textContent).toMatch(/^完成土地调查宗数9月底：/)
  })
})

describe('percent axes keep an over-spent 执行率 in view', () => {
  it('ends at 100% until a value passes it, then at the next 10%', () => {
    expect(percentAxisMax({ max: 25.7 })).toBe(100) // seed 001: 25.70%
    expect(percentAxisMax({ max: 137.88 })).toBe(140)
  })

  it('widens the gauge and the trend line when 工资福利支出 reaches 2000 万元 by June (137.88%)', () => {
    const dataset = qiemo2021Dataset()
    const june = dataset.monthlyExecutions.find((e) => e.budgetLineId === 'demo-bl-gzfl' && e.month === 6)
    if (!june) throw new Error('no June execution')
    june.spent = '2000.00'
    june.allocated = '2000.00'
    const result = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings: defaultSettings() })
    if (!result.ok) throw new Error('snapshot failed')
    const gauge = executionGaugeOption(result.value, 2) as { series: { max: number; data: { value: number }[] }[] }
    expect(gauge.series[0].data[0].value).toBe(137.88)
    expect(gauge.series[0].max).toBe(150)
    const trend = executionTrendOption(result.value, 2) as { yAxis: { max: (e: { max: number }) => number } }
    expect(trend.yAxis.max({ max: 137.88 })).toBe(140)
    const normal = computeNodeSnapshot({
      dataset: qiemo2021Dataset(),
      nodeId: DEMO_NODE_ID,
      settings: defaultSettings(),
    })
    expect(normal.ok && (executionGaugeOption(normal.value, 2) as { series: { max: number }[] }).series[0].max).toBe(
      100,
    )
  })
})

describe('monthly 执行率 trend: unreported months are gaps, not 0%', () => {
  type Trend = {
    series: { data: (number | null)[]; connectNulls: boolean }[]
    tooltip: { formatter: (p: { dataIndex: number }[]) => string }
  }
  function trendOf(edit: (dataset: ReturnType<typeof qiemo2021Dataset>) => void, nodeId = DEMO_NODE_ID): Trend {
    const dataset = qiemo2021Dataset()
    edit(dataset)
    const result = computeNodeSnapshot({ dataset, nodeId, settings: defaultSettings() })
    if (!result.ok) throw new Error('snapshot failed')
    return executionTrendOption(result.value, 2) as Trend
  }

  it('draws seed 001’s six entered months as they are (4.11% … 25.70%)', () => {
    const trend = trendOf(() => undefined)
    // 61.30, 124.40, 188.85, 253.30, 318.20, 383.74 of 1493.25
    expect(trend.series[0].data).toEqual([4.11, 8.33, 12.65, 16.96, 21.31, 25.7])
  })

  it('with entries only in months 3 and 6, leaves 1, 2, 4 and 5 as gaps (null) and does not join across them', () => {
    const trend = trendOf((d) => {
      d.monthlyExecutions = d.monthlyExecutions.filter((e) => e.month === 3 || e.month === 6)
    })
    // 188.85 ÷ 1493.25 = 12.65%; 383.74 ÷ 1493.25 = 25.70%
    expect(trend.series[0].data).toEqual([null, null, 12.65, null, null, 25.7])
    expect(trend.series[0].connectNulls).toBe(false)
    expect(trend.series[1].data).toEqual([8.33, 16.67, 25, 33.33, 41.67, 50])
    expect(trend.tooltip.formatter([{ dataIndex: 3 }])).toBe('4月<br/>累计执行率：—（未填报）<br/>序时进度：33.33%')
    expect(trend.tooltip.formatter([{ dataIndex: 2 }])).toBe('3月<br/>累计执行率：12.65%<br/>序时进度：25.00%')
  })

  it('a 1-7月 node where 3 of 5 lines have no July entry still plots July (25.70%) and says 3 lines are carried forward', () => {
    const trend = trendOf((d) => {
      d.nodes.push({ ...d.nodes[0], id: 'july', asOfDate: '2021-07-31', label: '2021年1-7月' })
      d.monthlyExecutions.push(
        { id: 'zcgs-7', budgetLineId: 'demo-bl-zcgs', year: 2021, month: 7, allocated: '0', spent: '0' },
        { id: 'pgxm-7', budgetLineId: 'demo-bl-pgxm', year: 2021, month: 7, allocated: '0', spent: '0' },
      )
    }, 'july')
    expect(trend.series[0].data[6]).toBe(25.7)
    expect(trend.tooltip.formatter([{ dataIndex: 6 }])).toBe(
      '7月<br/>累计执行率：25.70%（3 个预算行未填报，按此前的数计）<br/>序时进度：58.33%',
    )
  })
})
