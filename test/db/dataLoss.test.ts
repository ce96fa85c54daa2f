import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { unitLoss, unitYearLoss } from '@/db/dataLoss'
import { deleteUnit, putUnit } from '@/db/units'
import { deleteBudgetLine } from '@/db/budget'
import { deleteIndicator } from '@/db/targets'
import { deleteProject } from '@/db/projects'
import { replaceNodeAlerts } from '@/db/alerts'
import { alertsAbout, countBudgetLine, countIndicator, countProject, type DataCounts } from '@/domain/dataLoss'
import { emptyManagementInputs } from '@/domain/managementInputs'
import { chooseScheme, getManagementInputs, getSchemeChoice } from '@/db/scoring'
import type { MonitoringDb } from '@/db/schema'
import {
  aDataset,
  aNode,
  aReport,
  aTarget,
  aUnit,
  aBudgetLine,
  anExecution,
  aProject,
  aJudgement,
  aReading,
  anAlert,
  aMeasure,
} from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

/** The fixture unit with 2021 (seed-001-like, its report 定稿) and a small 2022, plus another unit. */
async function twoYears() {
  const database = freshDb()
  expectOk(
    await saveUnitYear(
      {
        ...aDataset({ reports: [aReport({ frozen: { at: '2021-07-02T08:00:00.000Z', model: { version: 1 } } })] }),
        // 2021's 管理指标填报 (编制数 45) and its choice of scheme go with the unit too
        managementInputs: { ...emptyManagementInputs('unit-qiemo', 2021), amounts: { staffingQuota: '45' } },
      },
      { database },
    ),
  )
  expectOk(await chooseScheme('unit-qiemo', 2021, 'common', { database }))
  expectOk(
    await saveUnitYear(
      aDataset({
        year: 2022,
        framework: { year: 2022, level1: [] },
        projects: [aProject({ id: 'proj-2022', year: 2022 })],
        budgetLines: [aBudgetLine({ id: 'line-2022', year: 2022 })],
        monthlyExecutions: [anExecution({ id: 'exec-2022-1', budgetLineId: 'line-2022', year: 2022, month: 1 })],
        targets: [aTarget({ id: 'target-2022', year: 2022 })],
        indicators: [],
        nodes: [aNode({ id: 'node-2022', year: 2022, asOfDate: '2022-06-30', label: '2022年1-6月' })],
        readings: [],
        budgetJudgements: [],
        alerts: [],
        measures: [],
        reports: [],
      }),
      { database },
    ),
  )
  expectOk(
    await saveUnitYear(
      aDataset({
        unit: aUnit({ id: 'unit-other', name: '另一单位' }),
        projects: [],
        budgetLines: [],
        monthlyExecutions: [],
        indicators: [],
        readings: [],
        budgetJudgements: [],
        alerts: [],
        measures: [],
        reports: [],
        targets: [aTarget({ id: 'target-other', unitId: 'unit-other' })],
        nodes: [aNode({ id: 'node-other', unitId: 'unit-other' })],
      }),
      { database },
    ),
  )
  return database
}

describe('the warning before 删除单位', () => {
  it('names the unit, its years and counts exactly what deleteUnit then removes', async () => {
    const database = await twoYears()
    const loss = await unitLoss('unit-qiemo', { database })
    expect(loss?.unit.name).toBe('且末县自然资源局')
    expect(loss?.years).toStrictEqual([2021, 2022])
    expect(loss?.frozenReports).toBe(1)
    expect(loss?.counts).toStrictEqual({
      projects: 2,
      budgetLines: 3,
      monthlyExecutions: 4,
      targets: 2,
      indicators: 2,
      nodes: 2,
      readings: 2,
      budgetJudgements: 1,
      alerts: 1,
      measures: 1,
      reports: 1,
      managementInputs: 1,
      // what the unit holds beyond its years (报送, 主管部门 汇总): none here
      sentSubmissions: 0,
      subordinates: 0,
      unitKeys: 0,
      submissions: 0,
      reviews: 0,
      departmentReports: 0,
    })
    const removed = expectOk(await deleteUnit('unit-qiemo', { database }))
    expect(removed).toStrictEqual(loss?.counts)
    expect(await unitLoss('unit-qiemo', { database })).toBeNull()
    expect(await getManagementInputs('unit-qiemo', 2021, { database })).toBeNull()
    expect(await getSchemeChoice('unit-qiemo', 2021, { database })).toBeNull()
    expect(await database.managementInputs.count()).toBe(0)
    expect(await database.schemeChoices.count()).toBe(0)
    // the other unit is untouched
    expect((await unitLoss('unit-other', { database }))?.counts).toMatchObject({ targets: 1, nodes: 1 })
  })

  it('counts one unit-year for 重新载入 (the other years are not replaced)', async () => {
    const database = await twoYears()
    const loss = await unitYearLoss('unit-qiemo', 2022, { database })
    expect(loss?.years).toStrictEqual([2022])
    expect(loss?.counts).toStrictEqual({
      projects: 1,
      budgetLines: 1,
      monthlyExecutions: 1,
      targets: 1,
      indicators: 0,
      nodes: 1,
      readings: 0,
      budgetJudgements: 0,
      alerts: 0,
      measures: 0,
      reports: 0,
      managementInputs: 0,
      // replacing a unit-year never touches what the unit holds beyond its years
      sentSubmissions: 0,
      subordinates: 0,
      unitKeys: 0,
      submissions: 0,
      reviews: 0,
      departmentReports: 0,
    })
    // 2021 holds the 管理指标填报
    expect((await unitYearLoss('unit-qiemo', 2021, { database }))?.counts.managementInputs).toBe(1)
  })

  it('deletes in one transaction: a failure at the last step leaves every table as it was', async () => {
    const database = await twoYears()
    const before = await snapshot(database)
    // the unit row itself is deleted last, after all its children: fail exactly there
    const spy = vi.spyOn(database.units, 'delete').mockRejectedValue(new Error('QuotaExceededError'))
    expectFailure(await deleteUnit('unit-qiemo', { database }))
    spy.mockRestore()
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('counts nothing beyond the unit for a unit with no data yet', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit({ id: 'unit-empty', name: '空单位' }), { database }))
    const loss = await unitLoss('unit-empty', { database })
    expect(loss?.years).toStrictEqual([])
    expect(Object.values(loss?.counts ?? {}).every((n) => n === 0)).toBe(true)
  })
})

/** The rows of each table a cascading delete touches (DataCounts keys), to diff before and after. */
async function tableCounts(database: MonitoringDb): Promise<DataCounts> {
  return {
    projects: await database.projects.count(),
    budgetLines: await database.budgetLines.count(),
    monthlyExecutions: await database.monthlyExecutions.count(),
    targets: await database.targets.count(),
    indicators: await database.indicators.count(),
    nodes: await database.nodes.count(),
    readings: await database.readings.count(),
    budgetJudgements: await database.budgetJudgements.count(),
    alerts: await database.alerts.count(),
    measures: await database.measures.count(),
    reports: await database.reports.count(),
    managementInputs: await database.managementInputs.count(),
    sentSubmissions: await database.sentSubmissions.count(),
    subordinates: await database.subordinates.count(),
    unitKeys: await database.unitKeys.count(),
    submissions: await database.submissions.count(),
    reviews: await database.reviews.count(),
    departmentReports: await database.departmentReports.count(),
  }
}
const minus = (a: DataCounts, b: DataCounts): DataCounts =>
  Object.fromEntries(
    Object.keys(a).map((k) => [k, a[k as keyof DataCounts] - b[k as keyof DataCounts]]),
  ) as unknown as DataCounts

/**
 * The fixture unit-year with a second node: 工资福利支出 has executions and 研判 at both nodes and a
 * reviewed alert at 1-9月; 用地初审 has readings at both nodes and an alert at 1-6月 with two measures;
 * an empty project 空项目.
 */
async function withAlerts() {
  const database = freshDb()
  const base = aDataset()
  expectOk(
    await saveUnitYear(
      aDataset({
        projects: [...base.projects, aProject({ id: 'proj-empty', name: '空项目' })],
        nodes: [aNode(), aNode({ id: 'node-q3', asOfDate: '2021-09-30', label: '2021年1-9月' })],
        monthlyExecutions: [...base.monthlyExecutions, anExecution({ id: 'exec-salary-9', month: 9 })],
        budgetJudgements: [aJudgement(), aJudgement({ id: 'judge-salary-q3', nodeId: 'node-q3' })],
        readings: [...base.readings, aReading({ id: 'reading-review-q3', nodeId: 'node-q3' })],
        alerts: [
          anAlert(),
          anAlert({
            id: 'alert-line-q3',
            nodeId: 'node-q3',
            ruleId: 'budget.impossible',
            subjectType: 'budgetLine',
            subjectId: 'line-salary',
            history: [{ at: '2021-10-01T08:00:00.000Z', by: '张三', kind: 'comment', text: '请说明原因' }],
          }),
          anAlert({ id: 'alert-ind-h1', ruleId: 'indicator.light', subjectType: 'indicator', subjectId: 'ind-review' }),
        ],
        measures: [
          aMeasure(),
          aMeasure({ id: 'measure-ind', alertId: 'alert-ind-h1' }),
          aMeasure({ id: 'measure-ind-2', alertId: 'alert-ind-h1' }),
        ],
      }),
      { database },
    ),
  )
  const dataset = await loadUnitYear('unit-qiemo', 2021, { database })
  if (!dataset) expect.fail('the unit-year was not saved')
  return { database, dataset }
}

describe('the warning before deleting a budget line, an indicator or a project', () => {
  it('counts exactly the rows deleteBudgetLine removes, table by table', async () => {
    const { database, dataset } = await withAlerts()
    const counts = countBudgetLine(dataset, 'line-salary')
    expect(counts).toMatchObject({ budgetLines: 1, monthlyExecutions: 3, budgetJudgements: 2 })
    const before = await tableCounts(database)
    const removed = expectOk(await deleteBudgetLine('line-salary', { database }))
    expect(minus(before, await tableCounts(database))).toStrictEqual(counts)
    expect(removed).toStrictEqual({
      monthlyExecutions: counts.monthlyExecutions,
      budgetJudgements: counts.budgetJudgements,
    })
  })

  it('counts exactly the rows deleteIndicator removes (its readings at every node), table by table', async () => {
    const { database, dataset } = await withAlerts()
    const counts = countIndicator(dataset, 'ind-review')
    expect(counts).toMatchObject({ indicators: 1, readings: 2 })
    const before = await tableCounts(database)
    const removed = expectOk(await deleteIndicator('ind-review', { database }))
    expect(minus(before, await tableCounts(database))).toStrictEqual(counts)
    expect(removed).toStrictEqual({ readings: counts.readings })
  })

  it('counts exactly the row deleteProject removes', async () => {
    const { database, dataset } = await withAlerts()
    const counts = countProject(dataset, 'proj-empty')
    const before = await tableCounts(database)
    expectOk(await deleteProject('proj-empty', { database }))
    expect(minus(before, await tableCounts(database))).toStrictEqual(counts)
  })

  it("says what storing the nodes' alerts again does to the alerts about a deleted subject", async () => {
    const { database, dataset } = await withAlerts()
    const line = alertsAbout(dataset, { type: 'budgetLine', id: 'line-salary' })
    const indicator = alertsAbout(dataset, { type: 'indicator', id: 'ind-review' })
    expect(line).toStrictEqual({ alerts: 1, reviewed: 1, keptForMeasures: 0, measures: 0 })
    expect(indicator).toStrictEqual({ alerts: 1, reviewed: 0, keptForMeasures: 1, measures: 2 })
    expectOk(await deleteBudgetLine('line-salary', { database }))
    expectOk(await deleteIndicator('ind-review', { database }))
    // the rules no longer raise alerts about them; the unit's own alert is raised again
    const stillRaised = dataset.alerts.filter((a) => a.subjectType === 'unit')
    for (const node of dataset.nodes)
      expectOk(
        await replaceNodeAlerts(
          node.id,
          stillRaised.filter((a) => a.nodeId === node.id),
          { database },
        ),
      )
    const left = await database.alerts.toArray()
    const about = left.filter((a) => ['line-salary', 'ind-review'].includes(a.subjectId))
    expect(about.map((a) => [a.id, a.status])).toStrictEqual([['alert-ind-h1', 'closed']])
    expect(about).toHaveLength(line.keptForMeasures + indicator.keptForMeasures)
    expect(await database.measures.where('alertId').equals('alert-ind-h1').count()).toBe(indicator.measures)
  })
})
