import { describe, expect, it } from 'vitest'
import {
  completionByLevel,
  dualMonitoring,
  indicatorLightMatrix,
  scoreOutlook,
  slowestProjects,
} from '../../src/domain/dashboard'
import { forecastExecution, forecastIndicators, trendAtYearEnd } from '../../src/domain/forecast'
import { compareNodes } from '../../src/domain/nodeComparison'
import { isOverdue, lightChange, measureStatusAt, subjectLight } from '../../src/domain/dashboardMeasures'
import { DEFAULT_MEASURE_TEMPLATES, templatesFor, validateMeasureTemplates } from '../../src/domain/measureTemplates'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { projectDetail } from '../../src/domain/dashboardDetail'
import { computeNodeAlerts } from '../../src/domain/alerts'
import { D, formatPercent, sum } from '../../src/domain/decimal'
import { defaultSettings } from '../../src/domain/settings'
import { qiemo2021Dataset } from '../../src/domain/demo/qiemo2021'
import { DEMO_NODE_ID, DEMO_UNIT_ID } from '../../src/domain/demo/ids'
import type { UnitYearDataset } from '../../src/domain/types'
import { dec } from './factories'

const settings = defaultSettings()
function snap(dataset: UnitYearDataset, nodeId = DEMO_NODE_ID) {
  const result = computeNodeSnapshot({ dataset, nodeId, settings })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join())
  return result.value
}

/** seed 001 plus a September node where 培训 reached 9 of 12 and spending caught up. */
function withSeptember(): UnitYearDataset {
  const dataset = qiemo2021Dataset()
  dataset.nodes.push({ ...dataset.nodes[0], id: 'sep', asOfDate: '2021-09-30', label: '2021年1-9月' })
  dataset.readings.push(
    ...dataset.readings
      .filter((r) => r.nodeId === DEMO_NODE_ID)
      .map((r) => ({
        ...r,
        id: `${r.id}-sep`,
        nodeId: 'sep',
        ...(r.actualValue === '4' ? { actualValue: '9' } : {}),
      })),
  )
  for (const e of dataset.monthlyExecutions.filter((x) => x.month === 6)) {
    const spent = dec(D(e.spent).times(3).toFixed(2))
    dataset.monthlyExecutions.push({ ...e, id: `${e.id}-9`, month: 9, spent, allocated: spent })
  }
  return dataset
}

describe('year-end forecast', () => {
  it('fits a line through the origin: one point is the plain pace', () => {
    expect(trendAtYearEnd([{ x: new D('0.5'), y: new D(7) }])?.toFixed()).toBe('14')
    expect(trendAtYearEnd([])).toBeNull()
  })

  it('projects seed 001 spending (383.74 万元 by June on a rising path) to about 51% of 1493.25', () => {
    const f = forecastExecution(snap(qiemo2021Dataset()), qiemo2021Dataset())
    expect(formatPercent(f.trendRate!, 2)).toBe('51.07%')
    expect(f.userSpent).toBeNull()
  })

  it('puts the trend beside the user’s 全年预计 for cumulative indicators (办理初审 7 of 15 → 14, user 15)', () => {
    const dataset = qiemo2021Dataset()
    const rows = forecastIndicators(snap(dataset), dataset)
    const row = rows.find((r) => r.name === '办理建设项目用地初审')
    expect(row?.trendValue?.toFixed()).toBe('14')
    expect(row?.userValue?.toFixed()).toBe('15')
    expect(formatPercent(row!.userCompletion!, 2)).toBe('100.00%')
  })
})

describe('dashboard figures on seed 001', () => {
  it('groups the unit indicators by 一级/二级 with the worst light of each group', () => {
    const groups = completionByLevel(snap(qiemo2021Dataset()))
    expect(groups.map((g) => `${g.level1}/${g.level2}`)).toContain('产出指标/数量指标')
    const quantity = groups.find((g) => g.level2 === '数量指标')
    expect(quantity?.light).toBe('red')
    expect(quantity?.total).toBe(7)
  })

  it('shows 双监控 for the project: 0% money progress, red, against 50% expected', () => {
    const rows = dualMonitoring(snap(qiemo2021Dataset()))
    expect(rows).toHaveLength(1)
    expect(rows[0].moneyProgress?.toFixed()).toBe('0')
    expect(rows[0].budgetLight).toBe('red')
    expect(rows[0].expected.toFixed()).toBe('0.5')
    expect(slowestProjects(rows, 20)).toEqual(rows)
  })

  it('scores with equal weights when none are set, biggest losses first', () => {
    const outlook = scoreOutlook(snap(qiemo2021Dataset()), settings)
    expect(outlook.equalWeights).toBe(true)
    expect(outlook.grade).not.toBeNull()
    const losses = outlook.items.map((i) => i.lost.toNumber())
    expect(losses).toEqual([...losses].sort((a, b) => b - a))
  })

  it('builds the light matrix over both nodes', () => {
    const matrix = indicatorLightMatrix(withSeptember(), settings)
    expect(matrix.nodes.map((n) => n.label)).toEqual(['2021年1-6月', '2021年1-9月'])
    const peixun = matrix.indicators.findIndex((i) => i.name === '开展及红枣培训会议次数')
    expect(matrix.lights[peixun]).toEqual(['yellow', 'green'])
  })

  it('ranks seed 001’s 22 indicators worst first: 红 before 黄, 绿, 灰; ties in the framework’s order', () => {
    const matrix = indicatorLightMatrix(qiemo2021Dataset(), settings)
    expect(matrix.total).toBe(22)
    expect(matrix.indicators).toHaveLength(22)
    const lights = matrix.lights.map((row) => row[0])
    const rank = ['red', 'yellow', 'blue', 'green', 'grey']
    expect(lights.map((l) => rank.indexOf(l))).toEqual([...lights.map((l) => rank.indexOf(l))].sort((a, b) => a - b))
    const names = matrix.indicators.map((i) => i.name)
    expect(names.indexOf('新增建设用地报批')).toBeLessThan(names.indexOf('办理建设项目用地初审')) // 30 of 450 亩 red, 7 of 15 green
    expect(names.indexOf('开展及红枣培训会议次数')).toBeLessThan(names.indexOf('办理建设项目用地初审')) // 4 of 12 yellow
    // the five 未达监控节点 (grey) rows last, in sortOrder
    expect(names.slice(-5)).toEqual([
      '挂牌出让土地',
      '闲置土地清理',
      '审批国有土地使用权转让',
      '完成土地出让成交价款',
      '办事群众满意率',
    ])
  })

  it('ranks by the latest node first: 培训 yellow in June but green in September sorts with the greens', () => {
    const matrix = indicatorLightMatrix(withSeptember(), settings)
    const names = matrix.indicators.map((i) => i.name)
    expect(names.indexOf('开展及红枣培训会议次数')).toBeGreaterThan(names.indexOf('新增建设用地报批'))
    const peixun = names.indexOf('开展及红枣培训会议次数')
    // among the rows green in September, the one yellow in June comes first
    const greenInSeptember = matrix.lights.flatMap((row, i) => (row[1] === 'green' ? [i] : []))
    expect(greenInSeptember[0]).toBe(peixun)
  })

  it('draws the worst 40 of 57 unit indicators and says there are 57; limit null draws all', () => {
    const dataset = qiemo2021Dataset()
    const unitTarget = dataset.targets.find((t) => t.scope === 'unit')!
    const template = dataset.indicators.find((i) => i.name === '办理建设项目用地初审')!
    for (let k = 1; k <= 35; k++) {
      // 35 more 用地初审-like rows: 0, 7 or 15 of 15 by June → red, green, blue
      dataset.indicators.push({
        ...template,
        id: `extra-${k}`,
        targetId: unitTarget.id,
        name: `补充指标${k}`,
        sortOrder: 100 + k,
      })
      dataset.readings.push({
        ...dataset.readings.find((r) => r.indicatorId === template.id)!,
        id: `extra-r-${k}`,
        indicatorId: `extra-${k}`,
        actualValue: ['0', '7', '15'][k % 3],
      })
    }
    const matrix = indicatorLightMatrix(dataset, settings)
    expect(matrix.total).toBe(57)
    expect(matrix.indicators).toHaveLength(40)
    expect(matrix.lights).toHaveLength(40)
    expect(matrix.allIndicators).toHaveLength(57)
    expect(matrix.allIndicators.slice(0, 40)).toEqual(matrix.indicators)
    // 12 extra reds (k = 3, 6, …, 33) and seed 001’s own reds come first; no grey row is drawn
    const drawn = matrix.lights.map((row) => row[0])
    expect(drawn[0]).toBe('red')
    expect(drawn).not.toContain('grey')
    expect(matrix.allLights.slice(40).map((row) => row[0])).toContain('grey')
    const all = indicatorLightMatrix(dataset, settings, null)
    expect(all.indicators).toHaveLength(57)
    expect(all.total).toBe(57)
    expect(all.indicators).toEqual(matrix.allIndicators)
  })
})

describe('node comparison and the measure loop', () => {
  it('lists improvements first, then regressions', () => {
    const dataset = withSeptember()
    const rows = compareNodes(snap(dataset), snap(dataset, 'sep'))
    expect(rows[0]).toMatchObject({ kind: 'budget', direction: 'improved', lightBefore: 'red', lightAfter: 'green' })
    expect(rows[1]).toMatchObject({ name: '开展及红枣培训会议次数', direction: 'improved' })
    const directions = rows.map((r) => r.direction)
    expect(directions.indexOf('unchanged')).toBeGreaterThan(directions.lastIndexOf('regressed'))
  })

  it('compares a project by its own budget light: 评估项目 from 0 of 150 万元 (red) to 120 (80% at 序时进度 75%, green)', () => {
    const dataset = withSeptember()
    const line = dataset.budgetLines.find((l) => l.projectId === dataset.projects[0].id)!
    const sept = dataset.monthlyExecutions.find((e) => e.budgetLineId === line.id && e.month === 9)!
    sept.spent = '120.00'
    sept.allocated = '120.00'
    const row = compareNodes(snap(dataset), snap(dataset, 'sep')).find((r) => r.kind === 'project')
    expect(row).toMatchObject({
      name: '项目：国有土地出让金评估项目（预算执行）',
      lightBefore: 'red',
      lightAfter: 'green',
      direction: 'improved',
    })
    expect(row && formatPercent(row.rateAfter!, 2)).toBe('80.00%')
    // every figure carries its unit: 执行数 in 万元
    expect(row).toMatchObject({ valueBefore: '0.00 万元', valueAfter: '120.00 万元' })
  })

  it('gives each figure its unit: the unit budget in 万元, an indicator in its 计量单位', () => {
    const dataset = withSeptember()
    const rows = compareNodes(snap(dataset), snap(dataset, 'sep'))
    expect(rows[0]).toMatchObject({ kind: 'budget', valueBefore: '383.74 万元' })
    expect(rows[0].valueAfter).toMatch(/^[\d,]+\.\d{2} 万元$/)
    const training = rows.find((r) => r.name === '开展及红枣培训会议次数')
    expect(training?.valueBefore).toMatch(/^\d+次$/)
  })

  it('derives 逾期 from the deadline and the node date', () => {
    const m = { deadline: '2021-09-30' as const, status: '计划' as const }
    expect(measureStatusAt(m, '2021-09-30')).toBe('计划')
    expect(measureStatusAt(m, '2021-10-31')).toBe('逾期')
    expect(isOverdue({ ...m, status: '已完成' }, '2021-10-31')).toBe(false)
  })

  it('tells whether the alert’s light improved at the next node', () => {
    const dataset = withSeptember()
    const sep = snap(dataset, 'sep')
    const peixun = dataset.indicators.find((i) => i.name === '开展及红枣培训会议次数')!
    const after = subjectLight(sep, { ruleId: 'indicator.light', subjectType: 'indicator', subjectId: peixun.id })
    expect(after).toBe('green')
    expect(lightChange('yellow', after)).toBe('improved')
    expect(
      lightChange('red', subjectLight(sep, { ruleId: 'budget.light', subjectType: 'unit', subjectId: DEMO_UNIT_ID })),
    ).toBe('improved')
    expect(lightChange('yellow', 'red')).toBe('worse')
    expect(lightChange('red', 'grey')).toBe('unknown')
  })

  it('offers templates per 偏差原因 and refuses an empty one', () => {
    expect(templatesFor(DEFAULT_MEASURE_TEMPLATES, '经费保障')).toHaveLength(2)
    expect(validateMeasureTemplates([{ id: 'a', cause: '其他', content: ' ', effect: '' }]).ok).toBe(false)
  })
})

describe('projectDetail', () => {
  it('lists the alerts the rules raise now for the project, not only stored ones (seed 001: 150 万元 project, 0 spent)', () => {
    const dataset = qiemo2021Dataset()
    const snapshot = snap(dataset)
    const project = dataset.projects[0]
    expect(dataset.alerts).toEqual([]) // nothing stored until 预警 is opened
    expect(projectDetail(dataset, snapshot, settings, project.id)?.alerts).toEqual([])
    const raised = computeNodeAlerts({ dataset, snapshot, settings })
    const detail = projectDetail(dataset, snapshot, settings, project.id, raised)
    expect(detail?.figures.adjustedBudget.toFixed(2)).toBe('150.00')
    expect(detail?.figures.executionRate?.toFixed(4)).toBe('0.0000')
    expect(detail?.alerts.map((a) => [a.ruleId, a.light])).toEqual([['budget.projectLight', 'red']])
  })
})

describe('scoreOutlook: 部门预算资金支出率 and the 100-point table (domain-rules §4.8, §11.8)', () => {
  it("averages seed 001's January–June 通报 rates to 50.54% and scores 5.05 of 10 (the bare 执行率 gave 14.84% → 1.48), not added to the per-indicator preview", () => {
    const snapshot = snap(qiemo2021Dataset())
    const seed003 = scoreOutlook(snapshot, { ...settings, scoringScheme: 'seed003' })
    // 61.30, 124.40, 188.85, 253.30, 318.20, 383.74 of 1493.25, each ÷ (m ÷ 12): 49.26% … 51.40%, mean 50.54%
    expect(seed003.budgetExecution?.monthly.months).toEqual([1, 2, 3, 4, 5, 6])
    expect(seed003.budgetExecution && formatPercent(seed003.budgetExecution.monthly.average ?? new D(0), 2)).toBe(
      '50.54%',
    )
    expect(seed003.budgetExecution?.score.toFixed(2)).toBe('5.05')
    expect(seed003.budgetExecution?.weight.toNumber()).toBe(10)
    expect(seed003.items.some((i) => i.name.includes('支出率'))).toBe(false)
    expect(scoreOutlook(snapshot, { ...settings, scoringScheme: 'common' }).budgetExecution).toBeNull()
  })

  it('scores the whole seed 003 table at 1-6月 as 按当前进度预计: 26 items, 支出率 5.05 in it, nothing entered scores 0', () => {
    const table = scoreOutlook(snap(qiemo2021Dataset()), { ...settings, scoringScheme: 'seed003' }).scheme
    expect([table.schemeId, table.mode, table.month, table.items.length, table.max.toFixed()]).toEqual([
      'seed003',
      'projected',
      6,
      26,
      '100',
    ])
    expect(table.items.find((i) => i.itemId === 'budgetExecution')?.points.toFixed(2)).toBe('5.05')
    const entered = table.items.filter((i) => i.reading?.status === 'missing' && i.reading.reason === '未填报')
    expect(entered.every((i) => i.points.isZero())).toBe(true)
    expect(table.total.eq(sum(table.items.map((i) => i.points)))).toBe(true)
  })

  it('a year with entries only in months 3 and 6 averages those two months (188.85, 383.74 → 50.59%, 51.40% → 50.99%, 5.10 分) and says so', () => {
    const dataset = qiemo2021Dataset()
    dataset.monthlyExecutions = dataset.monthlyExecutions.filter((e) => e.month === 3 || e.month === 6)
    const seed003 = scoreOutlook(snap(dataset), { ...settings, scoringScheme: 'seed003' })
    // months 1, 2, 4, 5 are left out, not counted as 0
    expect(seed003.budgetExecution?.monthly.months).toEqual([3, 6])
    expect(seed003.budgetExecution?.monthly.skippedMonths).toEqual([1, 2, 4, 5])
    expect(formatPercent(seed003.budgetExecution?.monthly.average ?? new D(0), 2)).toBe('50.99%')
    expect(seed003.budgetExecution?.score.toFixed(2)).toBe('5.10')
  })

  it('a year with only December (383.74 at 12月) has no monthly average and scores 0 of 10', () => {
    const dataset = qiemo2021Dataset()
    dataset.nodes.push({ ...dataset.nodes[0], id: 'dec', asOfDate: '2021-12-31', label: '2021年1-12月' })
    dataset.monthlyExecutions = dataset.monthlyExecutions
      .filter((e) => e.month === 6)
      .map((e) => ({ ...e, id: `${e.id}-12`, month: 12 }))
    const seed003 = scoreOutlook(snap(dataset, 'dec'), { ...settings, scoringScheme: 'seed003' })
    expect(seed003.budgetExecution?.monthly).toMatchObject({ average: null, months: [12], gap: 'onlyDecember' })
    expect(seed003.budgetExecution?.score.toFixed()).toBe('0')
  })
})

describe('cost ceilings in the 一级/二级 progress (domain-rules §10.3)', () => {
  it('seed 001 1-6月: 成本指标 has no progress bar from its three ceilings (not 18.78%), and its light is green', () => {
    const snap = computeNodeSnapshot({ dataset: qiemo2021Dataset(), nodeId: DEMO_NODE_ID, settings: defaultSettings() })
    if (!snap.ok) throw new Error('the demo computes')
    const cost = completionByLevel(snap.value).find((g) => g.level2 === '成本指标')
    expect(cost?.progress).toBeNull()
    expect(cost?.measured).toBe(0)
    expect(cost?.light).toBe('green')
  })
})
