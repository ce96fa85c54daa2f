import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hasAnyData, listUnitYears, loadUnitYear, saveUnitYear } from '@/db/datasets'
import { listAudit } from '@/db/audit'
import { normalizeDatasetNames } from '@/domain/names'
import type { BudgetLine, UnitYearDataset } from '@/domain/types'
import { aDataset, aNode, anExecution, aReading, aUnit, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb, rowsById, snapshot } from './helpers'
import { dec, isoDate } from '../domain/factories'

describe('saveUnitYear and loadUnitYear', () => {
  it('loads back exactly the rows that were saved', async () => {
    const database = freshDb()
    const dataset = aDataset()
    expectOk(await saveUnitYear(dataset, { database }))
    const loaded = await loadUnitYear('unit-qiemo', YEAR, { database })
    expect(loaded).not.toBeNull()
    expect(rowsById(loaded as UnitYearDataset)).toStrictEqual(rowsById(dataset))
  })

  it('returns rows in display order: budget lines by sortOrder, executions by line and month, nodes by date', async () => {
    const database = freshDb()
    const dataset = aDataset({
      nodes: [aNode({ id: 'node-z', asOfDate: '2021-03-31' }), aNode({ id: 'node-a', asOfDate: '2021-06-30' })],
      readings: [],
      budgetJudgements: [],
      alerts: [],
      measures: [],
      reports: [],
    })
    expectOk(await saveUnitYear(dataset, { database }))
    const loaded = await loadUnitYear('unit-qiemo', YEAR, { database })
    expect(loaded?.budgetLines.map((l) => l.name)).toEqual(['工资福利支出', '国有土地出让金评估项目'])
    expect(loaded?.monthlyExecutions.map((e) => `${e.budgetLineId}/${e.month}`)).toEqual([
      'line-land/6',
      'line-salary/5',
      'line-salary/6',
    ])
    expect(loaded?.nodes.map((n) => n.asOfDate)).toEqual(['2021-03-31', '2021-06-30'])
  })

  it('returns null for a unit that does not exist', async () => {
    expect(await loadUnitYear('nobody', YEAR, { database: freshDb() })).toBeNull()
  })

  it('returns an empty year with an empty framework for a unit without data that year', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const empty = await loadUnitYear('unit-qiemo', 2022, { database })
    expect(empty?.framework).toEqual({ year: 2022, level1: [] })
    expect(empty?.budgetLines).toEqual([])
    expect(empty?.unit.name).toBe('且末县自然资源局')
  })

  it('replaces the unit-year: saving again with fewer rows removes the old ones', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const fewer = aDataset({ monthlyExecutions: [anExecution({ spent: '400.00' })], readings: [aReading()] })
    const written = expectOk(await saveUnitYear(fewer, { database }))
    expect(written.monthlyExecutions).toBe(1)
    const loaded = await loadUnitYear('unit-qiemo', YEAR, { database })
    expect(loaded?.monthlyExecutions).toEqual([anExecution({ spent: '400.00' })])
    expect(loaded?.readings.map((r) => r.id)).toEqual(['reading-review'])
    expect(await database.monthlyExecutions.count()).toBe(1)
    expect(await database.readings.count()).toBe(1)
  })

  it('leaves other years and other units alone when replacing one unit-year', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const other = renameIds(aDataset(), 'other', { unit: aUnit({ id: 'unit-other', name: '若羌县自然资源局' }) })
    expectOk(await saveUnitYear(other, { database }))
    const nextYear = renameIds(aDataset(), 'y22', { year: 2022 })
    expectOk(await saveUnitYear(nextYear, { database }))
    expectOk(await saveUnitYear(aDataset({ monthlyExecutions: [], readings: [], budgetJudgements: [] }), { database }))

    expect((await loadUnitYear('unit-other', YEAR, { database }))?.monthlyExecutions).toHaveLength(3)
    expect((await loadUnitYear('unit-qiemo', 2022, { database }))?.readings).toHaveLength(2)
    expect((await loadUnitYear('unit-qiemo', YEAR, { database }))?.monthlyExecutions).toEqual([])
  })

  it('loads the same rows whether it is the only unit-year in the database (whole-table reads) or not (reads per parent)', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const alone = await loadUnitYear('unit-qiemo', YEAR, { database })
    expect(alone?.monthlyExecutions).toHaveLength(3)
    expect(alone?.indicators.length).toBeGreaterThan(0)
    expectOk(
      await saveUnitYear(
        renameIds(aDataset(), 'other', { unit: aUnit({ id: 'unit-other', name: '若羌县自然资源局' }) }),
        { database },
      ),
    )
    expectOk(await saveUnitYear(renameIds(aDataset(), 'y22', { year: 2022 }), { database }))
    expect(await loadUnitYear('unit-qiemo', YEAR, { database })).toStrictEqual(alone)
    expect((await loadUnitYear('unit-other', YEAR, { database }))?.indicators.map((i) => i.id)).toEqual(
      alone?.indicators.map((i) => `${i.id}-other`),
    )
  })

  it('writes one summary audit row for the whole dataset, not one per row', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const audit = await listAudit({ limit: 10, database })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      table: 'datasets',
      key: `unit-qiemo/${YEAR}`,
      time: '2021-07-05T08:30:00.000Z',
      after: { unit: '且末县自然资源局', budgetLines: 2, monthlyExecutions: 3, readings: 2 },
    })
  })

  it('refuses an inconsistent dataset with a Chinese reason and writes nothing', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const before = await snapshot(database)
    const orphan = aDataset({ monthlyExecutions: [anExecution({ budgetLineId: 'line-missing' })] })
    expect(expectFailure(await saveUnitYear(orphan, { database }))).toBe(
      '数据不一致：有月度执行数指向不存在的预算行或其他年度。本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('aborts the whole replacement when a row fails mid-transaction, leaving the old data and no audit row', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const before = await snapshot(database)
    database.readings.hook('creating', () => {
      throw new Error('disk on fire')
    })
    const changed = aDataset({ monthlyExecutions: [anExecution({ spent: '999.99' })] })
    expect(expectFailure(await saveUnitYear(changed, { database }))).toBe('保存失败（Error），本次保存未写入任何数据。')
    expect(await snapshot(database)).toEqual(before)
  })

  it('aborts on a row without an id (invalid key) and keeps the database as it was', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const before = await snapshot(database)
    const broken = aDataset()
    const { id: _dropped, ...withoutId } = broken.measures[0]
    // A row built by untyped code (an import) that lost its id; nothing refers to measures by id.
    broken.measures = [JSON.parse(JSON.stringify(withoutId))]
    expect(expectFailure(await saveUnitYear(broken, { database }))).toBe(
      '数据缺少编号或编号无效，本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('reports a full disk in Chinese and writes nothing', async () => {
    const database = freshDb()
    database.nodes.hook('creating', () => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    const before = await snapshot(database)
    expect(expectFailure(await saveUnitYear(aDataset(), { database }))).toBe(
      '浏览器存储空间不足，本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })
})

describe('hasAnyData and listUnitYears', () => {
  it('says an empty database has no data', async () => {
    expect(await hasAnyData({ database: freshDb() })).toBe(false)
  })

  it('lists every unit-year holding data, by unit name then year', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    expectOk(await saveUnitYear(renameIds(aDataset(), 'y20', { year: 2020 }), { database }))
    expectOk(
      await saveUnitYear(renameIds(aDataset(), 'a', { unit: aUnit({ id: 'unit-a', name: '阿克苏市财政局' }) }), {
        database,
      }),
    )
    expect(await hasAnyData({ database })).toBe(true)
    expect(await listUnitYears({ database })).toEqual([
      { unitId: 'unit-a', unitName: '阿克苏市财政局', year: YEAR },
      { unitId: 'unit-qiemo', unitName: '且末县自然资源局', year: 2020 },
      { unitId: 'unit-qiemo', unitName: '且末县自然资源局', year: YEAR },
    ])
  })
})

/** The fixture dataset moved to another unit and/or year, with ids suffixed so rows do not collide. */
function renameIds(
  dataset: UnitYearDataset,
  suffix: string,
  change: { unit?: UnitYearDataset['unit']; year?: number },
): UnitYearDataset {
  const unit = change.unit ?? dataset.unit
  const year = change.year ?? dataset.year
  const s = (id: string) => `${id}-${suffix}`
  return {
    unit,
    year,
    framework: { ...dataset.framework, year },
    projects: dataset.projects.map((p) => ({ ...p, id: s(p.id), unitId: unit.id, year })),
    budgetLines: dataset.budgetLines.map((l) => ({
      ...l,
      id: s(l.id),
      unitId: unit.id,
      year,
      ...(l.projectId ? { projectId: s(l.projectId) } : {}),
    })),
    monthlyExecutions: dataset.monthlyExecutions.map((e) => ({
      ...e,
      id: s(e.id),
      budgetLineId: s(e.budgetLineId),
      year,
    })),
    targets: dataset.targets.map((t) => ({ ...t, id: s(t.id), unitId: unit.id, year })),
    indicators: dataset.indicators.map((i) => ({ ...i, id: s(i.id), targetId: s(i.targetId) })),
    nodes: dataset.nodes.map((n) => ({
      ...n,
      id: s(n.id),
      unitId: unit.id,
      year,
      asOfDate: isoDate(`${year}${n.asOfDate.slice(4)}`),
    })),
    readings: dataset.readings.map((r) => ({ ...r, id: s(r.id), nodeId: s(r.nodeId), indicatorId: s(r.indicatorId) })),
    budgetJudgements: dataset.budgetJudgements.map((j) => ({
      ...j,
      id: s(j.id),
      nodeId: s(j.nodeId),
      budgetLineId: s(j.budgetLineId),
    })),
    alerts: dataset.alerts.map((a) => ({ ...a, id: s(a.id), nodeId: s(a.nodeId), subjectId: unit.id })),
    measures: dataset.measures.map((m) => ({
      ...m,
      id: s(m.id),
      unitId: unit.id,
      nodeId: s(m.nodeId),
      ...(m.alertId ? { alertId: s(m.alertId) } : {}),
    })),
    reports: dataset.reports.map((r) => ({ ...r, nodeId: s(r.nodeId) })),
  }
}

describe('save→load as a property', () => {
  it('keeps random datasets with Chinese text identical, names normalised', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryDataset(), async (dataset) => {
        const database = freshDb()
        try {
          expectOk(await saveUnitYear(dataset, { database }))
          const loaded = await loadUnitYear(dataset.unit.id, dataset.year, { database })
          // names are stored normalised (docs/domain-rules.md §1.4); every other text exactly as given
          expect(rowsById(loaded as UnitYearDataset)).toStrictEqual(rowsById(normalizeDatasetNames(dataset)))
        } finally {
          database.close()
          await database.delete()
        }
      }),
      { numRuns: 40 },
    )
  })
})

const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code))
/** Mostly Chinese, with any other Unicode (emoji, astral planes, quotes) mixed in. */
const text = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: hanzi },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }).filter((c) => c.length > 0) },
  ),
  maxLength: 24,
})
const amount = fc
  .tuple(fc.nat({ max: 99_999_999 }), fc.nat({ max: 99 }))
  .map(([yuan, fen]) => dec(`${yuan}.${String(fen).padStart(2, '0')}`))
const month = fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 as const)
const causes = fc.subarray(['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const)

function arbitraryDataset(): fc.Arbitrary<UnitYearDataset> {
  return fc
    .record({
      year: fc.integer({ min: 2018, max: 2030 }),
      unitName: text,
      departments: fc.array(text, { maxLength: 3 }),
      projectNames: fc.array(text, { maxLength: 3 }),
      lines: fc.array(
        fc.record({ name: text, budget: amount, months: fc.uniqueArray(month, { maxLength: 4 }), spent: amount }),
        { maxLength: 5 },
      ),
      indicators: fc.array(
        fc.record({
          name: text,
          target: amount,
          plan: fc.option(fc.array(amount, { maxLength: 12 }), { nil: undefined }),
        }),
        { maxLength: 5 },
      ),
      readings: fc.array(fc.record({ actual: fc.option(amount, { nil: undefined }), causes, note: text }), {
        maxLength: 5,
      }),
      alertMessage: text,
    })
    .map((r): UnitYearDataset => {
      const unitId = 'u'
      // names end in '#i' so that they stay distinct (and non-empty) once normalised: look-alikes are refused
      const projects = r.projectNames.map((name, i) => ({
        id: `p${i}`,
        unitId,
        year: r.year,
        name: `${name}#${i}`,
        department: r.departments[0] ?? '',
      }))
      const budgetLines = r.lines.map((l, i): BudgetLine => ({
        id: `l${i}`,
        unitId,
        year: r.year,
        category: 'basic' as const,
        subCategory: 'public' as const,
        name: `${l.name}#${i}`,
        fundSource: '财政拨款' as const,
        initialBudget: l.budget,
        additions: '0.00',
        reductions: '0.00',
        carryOver: '0.00',
        sortOrder: i,
      }))
      const monthlyExecutions = r.lines.flatMap((l, i) =>
        l.months.map((m) => ({
          id: `e${i}-${m}`,
          budgetLineId: `l${i}`,
          year: r.year,
          month: m,
          allocated: l.budget,
          spent: l.spent,
        })),
      )
      const indicators = r.indicators.map((ind, i) => ({
        id: `i${i}`,
        targetId: 't',
        level1: '产出指标',
        level2: '数量指标',
        name: ind.name,
        operator: '≥' as const,
        targetValue: ind.target,
        measureUnit: '个',
        accrual: 'cumulative' as const,
        ...(ind.plan ? { monthlyPlan: ind.plan } : {}),
        sortOrder: i,
      }))
      const readings = r.readings.slice(0, indicators.length).map((rd, i) => ({
        id: `r${i}`,
        nodeId: 'n',
        indicatorId: `i${i}`,
        ...(rd.actual ? { actualValue: rd.actual } : {}),
        deviationCauses: [...rd.causes],
        deviationText: rd.note,
      }))
      return {
        unit: {
          id: unitId,
          name: `${r.unitName}#`,
          departments: r.departments,
          monitoringGroup: [{ name: r.unitName, title: '局长', role: '组长' }],
          financeOfficer: r.alertMessage,
        },
        year: r.year,
        framework: { year: r.year, level1: [{ name: '产出指标', level2: r.departments }] },
        projects,
        budgetLines,
        monthlyExecutions,
        targets: [{ id: 't', unitId, year: r.year, scope: 'unit', description: r.alertMessage }],
        indicators,
        nodes: [
          { id: 'n', unitId, year: r.year, asOfDate: `${r.year}-06-30`, label: `${r.year}年1-6月`, status: 'draft' },
        ],
        readings,
        budgetJudgements: [],
        alerts: [{ ...aAlertFor(unitId), message: r.alertMessage, inputs: { 说明: r.alertMessage } }],
        measures: [],
        reports: [
          {
            nodeId: 'n',
            edits: { 'budget.summary': r.alertMessage },
            unlocks: [],
            updatedAt: '2021-07-02T08:00:00.000Z',
          },
        ],
      }
    })
}

function aAlertFor(unitId: string) {
  return {
    id: 'a',
    nodeId: 'n',
    ruleId: 'budget.executionProgress',
    light: 'red' as const,
    subjectType: 'unit' as const,
    subjectId: unitId,
    thresholds: { red: '60' },
    inputs: {},
    message: '',
    status: 'open' as const,
  }
}
