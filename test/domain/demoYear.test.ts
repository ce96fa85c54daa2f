/**
 * 「载入全年示例（12个月）」: seed 001's unit over the whole of 2021, a node at every
 * month-end. June is the seed exactly (执行数 383.74 of 1493.25 = 25.70%, its 22 readings), 1-6月 alone is
 * 定稿 with its frozen report, and every node computes, checks and stores cleanly — while the one-node
 * demo of 「载入示例数据」 stays as it was.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR, qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_FROZEN_AT, demoNodeId, qiemo2021YearDataset } from '@/domain/demo/qiemo2021Year'
import { alertCarryOvers } from '@/domain/alertCarryOver'
import { computeNodeAlerts } from '@/domain/alerts'
import { scoreOutlook } from '@/domain/dashboard'
import { formatPercent } from '@/domain/decimal'
import { forecastExecution, forecastIndicators } from '@/domain/forecast'
import { frozenFigureChanges, settingsForNode } from '@/domain/lock'
import { compareNodes } from '@/domain/nodeComparison'
import { monthEnd } from '@/domain/dates'
import { nodeLabel } from '@/domain/periods'
import { draftReport, reportChecks } from '@/domain/report'
import type { ReportModel } from '@/domain/report'
import { defaultSettings } from '@/domain/settings'
import { computeNodeSnapshot } from '@/domain/snapshot'
import type { NodeSnapshot } from '@/domain/snapshot'
import type { MonthNumber, UnitYearDataset } from '@/domain/types'
import { datasetProblems, loadUnitYear, saveUnitYear } from '@/db/datasets'
import { expectFailure, expectOk, freshDb, rowsById } from '../db/helpers'

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

function snapshotAt(dataset: UnitYearDataset, nodeId: string): NodeSnapshot {
  const node = dataset.nodes.find((n) => n.id === nodeId)
  if (!node) throw new Error(`no node ${nodeId}`)
  const result = computeNodeSnapshot({ dataset, nodeId, settings: settingsForNode(node, defaultSettings()) })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('；'))
  return result.value
}

const year = qiemo2021YearDataset()
const seed = qiemo2021Dataset()
const nodeOf = (month: number) => (month === 6 ? DEMO_NODE_ID : demoNodeId(month))
const snapshots = MONTHS.map((m) => snapshotAt(year, nodeOf(m)))
const textOf = (model: ReportModel) => model.blocks.map((b) => ('text' in b ? b.text : '')).join('\n')

describe('qiemo2021YearDataset: June is seed 001', () => {
  it('keeps the 1-6月 node id and June’s 执行数 383.74 of 1493.25 = 25.70%', () => {
    const june = snapshots[5]
    expect(june.node.id).toBe(DEMO_NODE_ID)
    expect(june.label).toBe('2021年1-6月')
    expect(june.budget.unit.adjustedBudget.toFixed(2)).toBe('1493.25')
    expect(june.budget.unit.spent.toFixed(2)).toBe('383.74')
    expect(june.budget.unit.allocated.toFixed(2)).toBe('383.74')
    expect(formatPercent(june.budget.unit.executionRate ?? june.timeProgress)).toBe('25.70%')
    expect(june.budgetLight.light).toBe('red')
  })

  it('keeps the seed’s 22 June readings, January–June executions, lines, indicators, targets and measures as they are', () => {
    expect(year.readings.filter((r) => r.nodeId === DEMO_NODE_ID)).toStrictEqual(seed.readings)
    expect(seed.readings).toHaveLength(22)
    expect(year.monthlyExecutions.filter((e) => e.month <= 6)).toStrictEqual(seed.monthlyExecutions)
    expect(year.unit).toStrictEqual(seed.unit)
    expect(year.framework).toStrictEqual(seed.framework)
    expect(year.projects).toStrictEqual(seed.projects)
    expect(year.budgetLines).toStrictEqual(seed.budgetLines)
    expect(year.targets).toStrictEqual(seed.targets)
    expect(year.indicators).toStrictEqual(seed.indicators)
    expect(year.measures).toStrictEqual(seed.measures)
    expect(year.budgetJudgements).toEqual([])
  })

  it('shows June’s figures exactly as the one-node demo does (the seed 001 checks of domain-rules §4.9, §5.6)', () => {
    const one = snapshotAt(seed, DEMO_NODE_ID)
    const june = snapshots[5]
    expect(june.indicators.map((r) => [r.indicator.id, r.assessment.light, r.assessment.completion])).toEqual(
      one.indicators.map((r) => [r.indicator.id, r.assessment.light, r.assessment.completion]),
    )
    expect(
      june.budget.byCategory.map((g) => [
        g.label,
        g.figures.spent.toFixed(2),
        formatPercent(g.figures.executionRate ?? june.timeProgress),
      ]),
    ).toEqual([
      ['基本支出', '383.74', '28.57%'],
      ['项目支出', '0.00', '0.00%'],
    ])
  })

  it('leaves the one-node demo of 「载入示例数据」 alone: one draft node, no report', () => {
    expect(seed.nodes).toEqual([
      {
        id: DEMO_NODE_ID,
        unitId: DEMO_UNIT_ID,
        year: DEMO_YEAR,
        asOfDate: '2021-06-30',
        label: '2021年1-6月',
        status: 'draft',
      },
    ])
    expect(seed.reports).toEqual([])
    expect(seed.monthlyExecutions.every((e) => e.month <= 6)).toBe(true)
  })
})

describe('qiemo2021YearDataset: twelve month-end nodes, 1-6月 定稿', () => {
  it('has a node at every month-end, labelled by nodeLabel', () => {
    expect(year.nodes.map((n) => [n.id, n.asOfDate, n.label])).toEqual(
      MONTHS.map((m) => {
        const asOf = monthEnd(DEMO_YEAR, m as MonthNumber)
        return [nodeOf(m), asOf, nodeLabel(asOf)]
      }),
    )
    expect(year.nodes[0].label).toBe('2021年1月')
    expect(year.nodes[11].label).toBe('2021年1-12月')
  })

  it('locks 1-6月 and only it, with the default settings and a frozen report drafted from this dataset', () => {
    expect(year.nodes.filter((n) => n.status === 'locked').map((n) => n.id)).toEqual([DEMO_NODE_ID])
    expect(year.nodes.find((n) => n.id === DEMO_NODE_ID)?.frozenSettings).toEqual(defaultSettings())
    expect(year.nodes.filter((n) => n.id !== DEMO_NODE_ID).every((n) => n.frozenSettings === undefined)).toBe(true)
    expect(year.reports).toHaveLength(1)
    const [report] = year.reports
    expect(report.nodeId).toBe(DEMO_NODE_ID)
    expect(report.frozen?.at).toBe(DEMO_FROZEN_AT)
    expect(report.edits).toEqual({})
    expect(report.unlocks).toEqual([])
    const model = report.frozen?.model as ReportModel
    expect(model.nodeLabel).toBe('2021年1-6月')
    expect(model.reportDate).toBe('2021年7月5日')
    expect(model.counts).toEqual({ level1: 3, level2: 8, level3: 22 })
    expect(textOf(model)).toContain('预算执行率25.70%')
    expect(textOf(model)).toContain('资金执行数383.74万元')
    // plain JSON, exactly what 重新起草 would give from the same data now
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model)
    const june = snapshots[5]
    expect(model).toStrictEqual(
      JSON.parse(
        JSON.stringify(
          draftReport({ dataset: year, snapshot: june, settings: defaultSettings(), reportDate: '2021-07-05' }),
        ),
      ),
    )
  })

  it('gives fresh objects on every call', () => {
    const a = qiemo2021YearDataset()
    a.readings[0].actualValue = '999'
    a.nodes.length = 0
    expect(qiemo2021YearDataset()).toStrictEqual(year)
  })
})

describe('qiemo2021YearDataset: every node is complete', () => {
  it('computes every node’s snapshot with every indicator read and no issue', () => {
    for (const snap of snapshots) {
      expect(snap.indicators, snap.label).toHaveLength(22)
      const issues = snap.indicators.flatMap((r) => r.issues.map((i) => `${r.indicator.name}：${i.message}`))
      expect(issues, snap.label).toEqual([])
      expect(
        snap.indicators.every((r) => r.reading !== null),
        snap.label,
      ).toBe(true)
      expect(snap.unreportedLines, snap.label).toEqual([])
      expect(snap.spendsUnallocatedFunds, snap.label).toBe(false)
      expect(snap.overspent, snap.label).toBe(false)
    }
  })

  it('has no reading carried from an earlier node, and every line entered every month', () => {
    expect(year.readings).toHaveLength(12 * 22)
    expect(year.readings.some((r) => r.carriedFrom !== undefined)).toBe(false)
    expect(new Set(year.readings.map((r) => r.id)).size).toBe(year.readings.length)
    for (const line of year.budgetLines) {
      expect(
        year.monthlyExecutions.filter((e) => e.budgetLineId === line.id).map((e) => e.month),
        line.name,
      ).toEqual(MONTHS)
    }
    expect(new Set(year.monthlyExecutions.map((e) => e.id)).size).toBe(60)
  })

  it('leaves nothing for 定稿 to wait for at any node (reportChecks)', () => {
    for (const snap of snapshots) expect(reportChecks({ dataset: year, snapshot: snap }), snap.label).toEqual([])
  })

  it('raises 执行率 every month, from 4.11% in January to 84.47% at 1-12月', () => {
    const rates = snapshots.map((s) => formatPercent(s.budget.unit.executionRate ?? s.timeProgress))
    expect(rates).toEqual([
      '4.11%',
      '8.33%',
      '12.65%',
      '16.96%',
      '21.31%',
      '25.70%',
      '30.04%',
      '34.39%',
      '42.78%',
      '52.02%',
      '60.39%',
      '84.47%',
    ])
    for (let i = 1; i < snapshots.length; i++) {
      expect(snapshots[i].budget.unit.executionRate?.gt(snapshots[i - 1].budget.unit.executionRate ?? 0)).toBe(true)
    }
    expect(snapshots[11].budget.unit.spent.toFixed(2)).toBe('1261.28')
    expect(snapshots.map((s) => s.budgetLight.light)).toEqual([
      'red',
      'red',
      'red',
      'red',
      'red',
      'red',
      'red',
      'red',
      'red',
      'yellow',
      'yellow',
      'green',
    ])
    // 12 fully reported months at 1-12月, all monthly figures cumulative and never falling
    expect(snapshots[11].monthlyPath.map((p) => p.entries)).toEqual(MONTHS.map(() => 'all'))
    for (const line of year.budgetLines) {
      const path = year.monthlyExecutions.filter((e) => e.budgetLineId === line.id).sort((a, b) => a.month - b.month)
      for (let i = 1; i < path.length; i++) {
        expect(Number(path[i].spent) >= Number(path[i - 1].spent), `${line.name} ${i + 1}月`).toBe(true)
        expect(Number(path[i].allocated) >= Number(path[i].spent), `${line.name} ${i + 1}月`).toBe(true)
      }
    }
  })

  it('pays the 150 of the project in September–November', () => {
    const project = (m: number) => snapshots[m - 1].budget.byProject[0].figures.spent.toFixed(2)
    expect(MONTHS.map(project)).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '45.00',
      '90.00',
      '150.00',
      '150.00',
    ])
  })

  it('grows the cumulative indicators month by month, and keeps the due-later ones grey until due', () => {
    const cumulative = year.indicators.filter((i) => i.accrual === 'cumulative' && !i.budgetLineIds)
    for (const indicator of cumulative) {
      const values = snapshots.map((s) =>
        Number(s.indicators.find((r) => r.indicator.id === indicator.id)?.reading?.actualValue),
      )
      for (let i = 1; i < values.length; i++)
        expect(values[i] >= values[i - 1], `${indicator.name} ${i + 1}月`).toBe(true)
      expect(values[11] >= Number(indicator.targetValue), indicator.name).toBe(true)
    }
    for (const indicator of year.indicators.filter((i) => i.accrual === 'dueLater')) {
      for (const snap of snapshots) {
        const row = snap.indicators.find((r) => r.indicator.id === indicator.id)
        const due = snap.asOf >= (indicator.dueDate ?? '9999')
        expect(row?.assessment.light === 'grey', `${indicator.name} ${snap.label}`).toBe(!due)
      }
    }
  })

  it('gives likelihood and 偏差原因 wherever a light is red or yellow', () => {
    for (const snap of snapshots) {
      for (const row of snap.indicators.filter(
        (r) => r.assessment.light === 'red' || r.assessment.light === 'yellow',
      )) {
        expect(row.reading?.likelihood, `${row.indicator.name} ${snap.label}`).not.toBe('确定能')
        expect(row.reading?.deviationCauses.length, `${row.indicator.name} ${snap.label}`).toBeGreaterThan(0)
        expect(row.reading?.deviationText.trim(), `${row.indicator.name} ${snap.label}`).not.toBe('')
      }
    }
    const december = snapshots[11]
    expect(
      december.indicators
        .filter((r) => r.assessment.light !== 'green')
        .map((r) => [r.indicator.name, r.assessment.light, r.reading?.likelihood]),
    ).toEqual([['办事群众满意率', 'red', '完全不可能']])
  })

  it('stores every node’s alerts as the rules raise them, with the 1-6月 批示', () => {
    for (const snap of snapshots) {
      const raised = computeNodeAlerts({ dataset: year, snapshot: snap, settings: defaultSettings() })
      const stored = year.alerts.filter((a) => a.nodeId === snap.node.id)
      expect(
        stored.map(({ history: _history, ...alert }) => alert),
        snap.label,
      ).toEqual(raised)
    }
    const june = year.alerts.find((a) => a.nodeId === DEMO_NODE_ID && a.ruleId === 'budget.light')
    expect(june?.message).toBe('执行率25.70%，序时进度50.00%，执行进度比51.4，低于60，红色预警')
    expect(june?.history?.map((e) => e.by)).toEqual(['姜西军'])
  })
})

describe('qiemo2021YearDataset: the cross-node features have something to show', () => {
  it('trend and forecast at 1-12月 use twelve months and twelve readings', () => {
    const december = snapshots[11]
    expect(december.monthlyPath).toHaveLength(12)
    expect(december.monthlyAverage.months).toHaveLength(12)
    expect(forecastExecution(december, year).trendRate?.gt(0)).toBe(true)
    const counts = forecastIndicators(december, year)
    expect(counts.length).toBeGreaterThan(0)
    expect(counts.every((f) => f.trendValue !== null)).toBe(true)
  })

  it('node comparison 1-6月 → 1-12月 finds improvements', () => {
    const rows = compareNodes(snapshots[5], snapshots[11])
    expect(rows.find((r) => r.kind === 'budget')?.direction).toBe('improved')
    expect(rows.filter((r) => r.direction === 'improved').length).toBeGreaterThan(3)
  })

  it('carry-over at 1-7月 finds 1-6月’s budget alert and its 批示, unchanged (red → red)', () => {
    const july = year.alerts.filter((a) => a.nodeId === nodeOf(7))
    const carried = alertCarryOvers({ current: july, earlier: year.alerts, nodes: year.nodes, measures: year.measures })
    const budget = july.find((a) => a.ruleId === 'budget.light')
    const over = budget ? carried.get(budget.id) : undefined
    expect(over?.nodeLabel).toBe('2021年1-6月')
    expect(over?.verdict).toBe('unchanged')
    expect(over?.comments.map((c) => c.by)).toEqual(['姜西军'])
  })

  it('scores the year at 1-12月', () => {
    const outlook = scoreOutlook(snapshots[11], defaultSettings())
    expect(outlook.pending).toEqual([])
    expect(outlook.grade).not.toBeNull()
    expect(outlook.budgetExecution?.monthly.months).toHaveLength(12)
  })
})

describe('qiemo2021YearDataset: stored', () => {
  it('passes datasetProblems', () => {
    expect(datasetProblems(year)).toEqual([])
  })

  it('is stored by saveUnitYear and read back row for row', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021YearDataset(), { database }))
    const loaded = await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database })
    expect(loaded).not.toBeNull()
    expect(rowsById(loaded as UnitYearDataset)).toStrictEqual(rowsById(year))
    expect(frozenFigureChanges(loaded as UnitYearDataset, year)).toEqual([])
  })

  it('loads again over itself (the 定稿 1-6月 is the same), but the one-node demo may not replace it', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021YearDataset(), { database }))
    expectOk(await saveUnitYear(qiemo2021YearDataset(), { database }))
    expect(expectFailure(await saveUnitYear(qiemo2021Dataset(), { database }))).toContain('监控节点“2021年1-6月”已定稿')
  })

  it('replaces the one-node demo', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    expectOk(await saveUnitYear(qiemo2021YearDataset(), { database }))
    expect((await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database }))?.nodes).toHaveLength(12)
  })
})
