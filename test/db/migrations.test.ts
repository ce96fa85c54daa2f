/**
 * Upgrade tests: each released schema version gets a fixture that opens a database with that
 * version's stores, writes rows in that version's shape, then reopens it with `createDb` (the
 * current schema) and checks the data as the app now sees it. See test/db/README.md.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { Dexie, type Table } from 'dexie'
import { loadUnitYear } from '@/db/datasets'
import { createDb, SCHEMA_VERSION, STORES_V1, STORES_V2, STORES_V4, STORES_V5 } from '@/db/schema'
import { deleteBudgetLine, listMonthlyExecutions } from '@/db/budget'
import { listBudgetJudgements, listReadings } from '@/db/nodes'
import { freezeDepartmentReport, getDepartmentReport, saveDepartmentReportEdits } from '@/db/departmentReports'
import { getManagementInputs, listSchemes, putManagementInputs } from '@/db/scoring'
import { emptyManagementInputs } from '@/domain/managementInputs'
import { getSubmission, getSubmissionFile, loadDepartment } from '@/db/department'
import { readPackage } from '@/io/package'
import type { UnitYearDataset } from '@/domain/types'
import { aDataset, YEAR } from './fixtures'
import { FIGURES_A, fixtureUnit, nodeFigures, submissionPackage } from './departmentFixtures'
import { rowsById } from './helpers'

/** Opens `name` at an old version with its stores only (no later upgrades), writes, and closes. */
async function writeAtVersion(
  name: string,
  version: number,
  stores: Record<string, string>,
  write: (old: Dexie) => Promise<void>,
) {
  const old = new Dexie(name)
  old.version(version).stores(stores)
  await old.open()
  await write(old)
  old.close()
}

/** The unit, its framework and the rows of `tables` of `dataset`, written at an old version. */
async function writeUnitYearAt(
  name: string,
  version: number,
  stores: Record<string, string>,
  dataset: UnitYearDataset,
  tables: readonly UnitYearTable[],
  more: (old: Dexie) => Promise<void> = async () => undefined,
) {
  await writeAtVersion(name, version, stores, async (old) => {
    await old.table('units').put(dataset.unit)
    await old.table('frameworks').put(dataset.framework)
    for (const key of tables) await old.table(key).bulkPut(dataset[key])
    await more(old)
  })
}

/** A unit-year's tables of rows; FIRST_TABLES: the ones the upgrade tests fill. */
type UnitYearTable = Exclude<keyof UnitYearDataset, 'unit' | 'year' | 'framework'>
const FIRST_TABLES = [
  'projects',
  'budgetLines',
  'monthlyExecutions',
  'targets',
  'indicators',
  'nodes',
  'readings',
] as const

describe('schema versions', () => {
  it('is at version 6: four indexes fewer (5: 部门汇总报告; 4: 报送; 3: scoring schemes)', () => {
    expect(SCHEMA_VERSION).toBe(6)
  })

  it('opens a version 1 database with the current schema and reads its data', async () => {
    const name = `migration-v1-${crypto.randomUUID()}`
    const dataset = aDataset()
    await writeUnitYearAt(name, 1, STORES_V1, dataset, [
      ...FIRST_TABLES,
      'budgetJudgements',
      'alerts',
      'measures',
      'reports',
    ])
    const current = createDb(name)
    await current.open()
    expect(current.verno).toBe(SCHEMA_VERSION)
    expect(
      rowsById((await loadUnitYear(dataset.unit.id, YEAR, { database: current })) ?? aDataset({ projects: [] })),
    ).toStrictEqual(rowsById(dataset))
    current.close()
  })

  it('opens the released version 1 fixture (test/fixtures/db-v1.json) and loses nothing', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/db-v1.json', import.meta.url), 'utf8')) as V1Fixture
    const name = `fixture-v1-${crypto.randomUUID()}`
    await writeAtVersion(name, fixture.version, fixture.stores, async (old) => {
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkPut(rows)
    })
    const current = createDb(name)
    await current.open()
    for (const [table, rows] of Object.entries(fixture.tables)) {
      expect(await current.table(table).toArray(), table).toEqual(rows)
    }
    // The app reads it as before: seed 001's unit with its 22 indicators and the reviewed alert.
    const loaded = await loadUnitYear('demo-qiemo-zrzyj', 2021, { database: current })
    expect(loaded?.indicators).toHaveLength(22)
    expect(loaded?.alerts[0]?.history?.[0]?.text).toBe('请财务室抓紧支付进度。')
    expect(loaded?.reports[0]?.edits['advice.1']).toBe('加大培训指导力度。')
    current.close()
  })

  it('upgrades version 1 budget lines to version 2: an adjusted line takes effect from January, others are untouched', async () => {
    const name = `migration-v2-${crypto.randomUUID()}`
    // seed 001: 工资福利支出 1129.83 with a 追加 of 100 stored before adjustments were dated; 车辆运行维护费 40 without
    const adjusted = {
      id: 'gzfl',
      unitId: 'u',
      year: 2021,
      category: 'basic',
      subCategory: 'personnel',
      name: '工资福利支出',
      fundSource: '财政拨款',
      initialBudget: '1129.83',
      additions: '100',
      reductions: '0',
      carryOver: '0',
      sortOrder: 1,
    }
    const plain = {
      ...adjusted,
      id: 'clyx',
      name: '车辆运行维护费',
      initialBudget: '40.00',
      additions: '0',
      sortOrder: 2,
    }
    await writeAtVersion(name, 1, STORES_V1, async (old) => {
      await old.table('budgetLines').bulkPut([adjusted, plain])
    })
    const current = createDb(name)
    await current.open()
    expect(await current.budgetLines.get('gzfl')).toStrictEqual({ ...adjusted, adjustmentMonth: 1 })
    expect(await current.budgetLines.get('clyx')).toStrictEqual(plain)
    current.close()
  })
})

describe('version 2 → 3 → 4', () => {
  it('keeps every row of a version 2 database and adds the empty tables, ready to write', async () => {
    const name = `migration-v3-${crypto.randomUUID()}`
    const dataset = aDataset()
    const settings = { key: 'monitoring', value: { scoringScheme: 'common' } }
    await writeUnitYearAt(name, 2, STORES_V2, dataset, FIRST_TABLES, async (old) => {
      await old.table('settings').put(settings)
    })
    const current = createDb(name)
    await current.open()
    expect(current.verno).toBe(SCHEMA_VERSION)
    expect(
      rowsById((await loadUnitYear(dataset.unit.id, YEAR, { database: current })) ?? aDataset({ projects: [] })),
    ).toStrictEqual(rowsById({ ...dataset, budgetJudgements: [], alerts: [], measures: [], reports: [] }))
    expect(await current.settings.toArray()).toStrictEqual([settings])
    expect(await current.scoringSchemes.count()).toBe(0)
    expect(await current.schemeChoices.count()).toBe(0)
    expect(await listSchemes({ database: current })).toStrictEqual([])
    // version 4: the 报送 tables (docs/domain-rules.md §17), empty
    for (const table of ['signingKeys', 'sentSubmissions', 'subordinates', 'unitKeys', 'submissions', 'reviews'])
      expect(await current.table(table).count()).toBe(0)
    // 编制数 45 of seed 001's unit, stored in the new table
    const inputs = { ...emptyManagementInputs(dataset.unit.id, YEAR), amounts: { staffingQuota: '45' as const } }
    expect((await putManagementInputs(inputs, { database: current })).ok).toBe(true)
    expect(await getManagementInputs(dataset.unit.id, YEAR, { database: current })).toStrictEqual(inputs)
    current.close()
  })
})

describe('version 4 → 5', () => {
  it('keeps the 报送 and 审核 rows of a version 4 database and adds an empty 部门汇总报告 table, ready to write', async () => {
    const name = `migration-v5-${crypto.randomUUID()}`
    const subordinate = { id: 'row-1', departmentUnitId: 'dept', name: '且末县自然资源局', unitId: null, sortOrder: 0 }
    const review = {
      id: 'dept|unit-a|2021-06-30',
      departmentUnitId: 'dept',
      unitId: 'unit-a',
      asOfDate: '2021-06-30',
      record: {
        state: 'pending',
        opinion: '',
        reviewer: '',
        at: '2021-07-06T01:00:00.000Z',
        packageSha256: 'a'.repeat(64),
      },
      history: [],
    }
    await writeAtVersion(name, 4, STORES_V4, async (old) => {
      await old.table('subordinates').put(subordinate)
      await old.table('reviews').put(review)
    })
    const current = createDb(name)
    await current.open()
    expect(current.verno).toBe(SCHEMA_VERSION)
    expect(await current.subordinates.toArray()).toStrictEqual([subordinate])
    expect(await current.reviews.toArray()).toStrictEqual([review])
    expect(await current.departmentReports.count()).toBe(0)
    expect(await current.submissionFiles.count()).toBe(0)
    const saved = await saveDepartmentReportEdits('dept', '2021-06-30', { 'dept.other': '无。' }, { database: current })
    expect(saved.ok).toBe(true)
    expect((await freezeDepartmentReport('dept', '2021-06-30', { title: '汇总报告' }, { database: current })).ok).toBe(
      true,
    )
    expect(await getDepartmentReport('dept', '2021-06-30', { database: current })).toMatchObject({
      id: 'dept|2021-06-30',
      edits: { 'dept.other': '无。' },
      frozen: { model: { title: '汇总报告' } },
    })
    current.close()
  })
})

describe('version 4 → 5: the received package’s file leaves its row', () => {
  it('moves each version-4 submission’s bytes to submissionFiles; the views read the row, the drill-down the file', async () => {
    const name = `migration-v5-files-${crypto.randomUUID()}`
    const unit = await fixtureUnit('unit-a', '且末县自然资源局')
    const figures = nodeFigures(unit, FIGURES_A)
    const bytes = await submissionPackage(unit, figures)
    const read = await readPackage(bytes, { expectedKind: 'submission' })
    if (!read.ok) throw new Error(read.messages.join())
    const summary = {
      id: read.value.manifestSha256,
      departmentUnitId: 'dept',
      receivedAt: '2021-07-06T01:00:00.000Z',
      fingerprint: read.value.fingerprint,
      figures,
      unitId: unit.id,
      unitName: unit.name,
      year: 2021,
      nodeId: figures.nodeId,
      nodeLabel: figures.nodeLabel,
      asOfDate: figures.asOfDate,
      createdAt: read.value.manifest.createdAt,
      packageSha256: read.value.sha256,
    }
    // 45 rows: more than one of the upgrade's batches; one of them (made by hand) without a file
    const others = Array.from({ length: 43 }, (_, i) => ({
      ...summary,
      id: `${String(i).padStart(2, '0')}${'0'.repeat(62)}`,
      bytes: new Uint8Array([i, 1, 2]),
    }))
    const noFile = { ...summary, id: 'f'.repeat(64) }
    await writeAtVersion(name, 4, STORES_V4, async (old) => {
      await old.table('submissions').bulkPut([{ ...summary, bytes }, ...others, noFile])
    })
    const current = createDb(name)
    await current.open()
    expect(current.verno).toBe(SCHEMA_VERSION)
    expect(await current.submissions.get(summary.id)).toStrictEqual(summary)
    expect((await current.submissions.toArray()).filter((row) => 'bytes' in row)).toStrictEqual([])
    expect(await current.submissionFiles.count()).toBe(44)
    expect(await getSubmissionFile(summary.id, { database: current })).toEqual(bytes)
    expect(await getSubmissionFile(others[7]?.id ?? '', { database: current })).toEqual(new Uint8Array([7, 1, 2]))
    expect(await getSubmissionFile(noFile.id, { database: current })).toBeNull()
    // the drill-down's read: the file is the package as received, still verified
    const again = await readPackage((await getSubmission(summary.id, { database: current }))?.bytes ?? new Uint8Array())
    expect(again.ok && again.value.manifestSha256).toBe(summary.id)
    // the 汇总 reads summaries
    const data = await loadDepartment('dept', 2021, { database: current })
    expect(data.submissions).toHaveLength(45)
    expect(data.submissions.every((row) => !('bytes' in row))).toBe(true)
    current.close()
  })
})

describe('version 5 → 6', () => {
  it('drops the indexes a compound index begins with (and an unused one) and keeps every row; lookups go through the compound ones', async () => {
    const name = `migration-v6-${crypto.randomUUID()}`
    const dataset = aDataset()
    await writeUnitYearAt(name, 5, STORES_V5, dataset, [...FIRST_TABLES, 'budgetJudgements'])
    const current = createDb(name)
    await current.open()
    expect(current.verno).toBe(6)
    const indexes = (table: Table) => table.schema.indexes.map((index) => [index.name, index.unique])
    expect(indexes(current.monthlyExecutions)).toStrictEqual([['[budgetLineId+month]', true]])
    expect(indexes(current.readings)).toStrictEqual([
      ['[nodeId+indicatorId]', true],
      ['indicatorId', false],
    ])
    expect(indexes(current.budgetJudgements)).toStrictEqual([
      ['[nodeId+budgetLineId]', true],
      ['budgetLineId', false],
    ])
    // every row as stored, read by line or by node through the compound indexes
    const salary = dataset.monthlyExecutions.filter((e) => e.budgetLineId === 'line-salary')
    expect(await listMonthlyExecutions(dataset.unit.id, YEAR, { database: current })).toStrictEqual([
      dataset.monthlyExecutions[2],
      ...salary.sort((a, b) => a.month - b.month),
    ])
    expect(await listReadings('node-h1', { database: current })).toStrictEqual(
      [...dataset.readings].sort((a, b) => (a.indicatorId < b.indicatorId ? -1 : 1)),
    )
    expect(await listBudgetJudgements('node-h1', { database: current })).toStrictEqual(dataset.budgetJudgements)
    expect(
      rowsById((await loadUnitYear(dataset.unit.id, YEAR, { database: current })) ?? aDataset({ projects: [] })),
    ).toStrictEqual(rowsById({ ...dataset, alerts: [], measures: [], reports: [] }))
    // a line's delete still takes its months with it (and only its own)
    const removed = await deleteBudgetLine('line-salary', { database: current })
    expect(removed.ok && removed.value.monthlyExecutions).toBe(2)
    expect((await current.monthlyExecutions.toArray()).map((e) => e.id)).toStrictEqual(['exec-land-6'])
    current.close()
  })
})

interface V1Fixture {
  version: number
  stores: Record<string, string>
  tables: Record<string, unknown[]>
}
