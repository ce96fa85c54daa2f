/**
 * 备份与恢复 (docs/reliability.md §1, §5, §8): a backup covers every table with a SHA-256 checksum; restoring
 * it into another database gives identical tables (property test on random unit-years full of Chinese
 * and emoji text); a restore that fails midway leaves the database exactly as it was.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type {
  Alert,
  BudgetLine,
  BudgetLineJudgement,
  CorrectiveMeasure,
  Indicator,
  IndicatorReading,
  MonitoringNode,
  MonthNumber,
  MonthlyExecution,
  Project,
  StoredReport,
} from '@/domain/types'
import { DEVIATION_CAUSES, FUND_SOURCES } from '@/domain/types'
import { managementInputsId, type UnitYearWithInputs } from '@/domain/managementInputs'
import { chooseScheme, putScheme } from '@/db/scoring'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { saveUnitYear } from '@/db/datasets'
import { markBackedUp, backupStatus } from '@/db/meta'
import { saveSettings } from '@/db/settings'
import { saveMeasureTemplates } from '@/db/measures'
import { defaultMeasureTemplates } from '@/domain/measureTemplates'
import { defaultSettings } from '@/domain/settings'
import {
  BACKUP_FORMAT,
  TABLE_NAMES,
  backupSignedBytes,
  backupFileName,
  canonicalJson,
  checkBackupText,
  createBackup,
  restoreBackup,
  restoreFromText,
  sha256Hex,
  summarizeBackup,
  type BackupFile,
} from '@/db/backup'
import { getSubmission, getSubmissionFile, loadDepartment } from '@/db/department'
import type { MonitoringDb } from '@/db/schema'
import { expectOk, freshDb, snapshot } from './helpers'
import { aScheme } from './fixtures'
import { dec, isoDate } from '../domain/factories'

const hanzi = fc.string({
  unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 16,
})
const chineseText = fc.oneof(
  hanzi,
  fc.tuple(hanzi, fc.constantFrom('🎯', '📈', '✅', '“引号”', '\n', '＝1+1', '@备注')).map(([a, b]) => a + b),
)
const amount = fc
  .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 }))
  .map(([i, f]) => dec(`${i}.${String(f).padStart(2, '0')}`))

/**
 * A consistent random unit-year filling every table a unit-year has: projects, lines with executions,
 * one target's indicators (some with a monthly plan and optional fields), nodes, readings, 预算研判,
 * alerts (with review history), 纠偏措施 (some linked to an alert) and reports (some 定稿).
 */
const datasetArb: fc.Arbitrary<UnitYearWithInputs> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e6 }),
    unitName: chineseText,
    year: fc.integer({ min: 2019, max: 2030 }),
    departments: fc.array(hanzi, { maxLength: 4 }),
    projects: fc.array(fc.record({ name: chineseText, department: hanzi }), { maxLength: 3 }),
    lines: fc.array(
      fc.record({
        name: chineseText,
        initial: amount,
        add: amount,
        months: fc.array(amount, { maxLength: 12 }),
        fund: fc.constantFrom(...FUND_SOURCES),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    indicators: fc.array(
      fc.record({
        l1: hanzi,
        l2: hanzi,
        name: chineseText,
        target: amount,
        unitText: fc.constantFrom('个', '亩', '%', '万元'),
        actual: fc.option(amount, { nil: undefined }),
        text: chineseText,
        causes: fc.subarray([...DEVIATION_CAUSES]),
      }),
      { maxLength: 6 },
    ),
    nodeMonths: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
    judgements: fc.array(
      fc.record({
        forecast: fc.option(amount, { nil: undefined }),
        text: chineseText,
        causes: fc.subarray([...DEVIATION_CAUSES]),
        likely: fc.constantFrom('确定能', '有可能', '完全不可能', undefined),
      }),
      { maxLength: 4 },
    ),
    alerts: fc.array(
      fc.record({
        message: chineseText,
        light: fc.constantFrom('red', 'yellow', 'blue') as fc.Arbitrary<Alert['light']>,
        closed: fc.option(chineseText, { nil: undefined }),
        comment: fc.option(chineseText, { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    measures: fc.array(
      fc.record({
        content: chineseText,
        effect: chineseText,
        department: hanzi,
        deadline: fc.option(fc.constant('12-31'), { nil: undefined }),
        linked: fc.boolean(),
        taken: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    reports: fc.array(
      fc.record({ edit: chineseText, frozen: fc.boolean(), unlock: fc.option(chineseText, { nil: undefined }) }),
      { maxLength: 2 },
    ),
    inputs: fc.option(
      fc.record({
        staff: fc.integer({ min: 0, max: 500 }),
        carryOver: amount,
        yes: fc.boolean(),
        findings: fc.array(chineseText, { maxLength: 3 }),
        remark: chineseText,
      }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const unitId = `unit-${r.seed}`
    const projects: Project[] = r.projects.map((p, i) => ({
      id: `${unitId}-p${i}`,
      unitId,
      year: r.year,
      name: p.name,
      department: p.department,
    }))
    const budgetLines: BudgetLine[] = r.lines.map((l, i) => {
      const project = projects[i % Math.max(projects.length, 1)]
      return {
        id: `${unitId}-l${i}`,
        unitId,
        year: r.year,
        name: l.name,
        fundSource: l.fund,
        initialBudget: l.initial,
        additions: l.add,
        reductions: '0',
        carryOver: '0',
        sortOrder: i,
        ...(project && i % 2 === 1
          ? { category: 'project' as const, projectId: project.id }
          : { category: 'basic' as const, subCategory: 'public' as const }),
      }
    })
    const monthlyExecutions: MonthlyExecution[] = r.lines.flatMap((l, i) =>
      l.months.map((spent, m) => ({
        id: `${unitId}-l${i}-m${m + 1}`,
        budgetLineId: `${unitId}-l${i}`,
        year: r.year,
        month: (m + 1) as MonthNumber,
        allocated: spent,
        spent,
      })),
    )
    const targetId = `${unitId}-t`
    const indicators: Indicator[] = r.indicators.map((ind, i) => ({
      id: `${unitId}-i${i}`,
      targetId,
      level1: ind.l1,
      level2: ind.l2,
      name: ind.name,
      operator: '≥',
      targetValue: ind.target,
      measureUnit: ind.unitText,
      accrual: 'cumulative',
      sortOrder: i,
    }))
    const nodes: MonitoringNode[] = r.nodeMonths.map((m) => {
      const day = new Date(Date.UTC(r.year, m, 0)).getUTCDate()
      const asOfDate = isoDate(`${r.year}-${String(m).padStart(2, '0')}-${day}`)
      return { id: `${unitId}-n${m}`, unitId, year: r.year, asOfDate, label: `${r.year}年1-${m}月`, status: 'draft' }
    })
    const readings: IndicatorReading[] = r.indicators.map((ind, i) => ({
      id: `${unitId}-r${i}`,
      nodeId: nodes[0].id,
      indicatorId: `${unitId}-i${i}`,
      ...(ind.actual ? { actualValue: ind.actual } : {}),
      deviationCauses: ind.causes,
      deviationText: ind.text,
      likelihood: '有可能',
    }))
    const indicatorsWithPlans = indicators.map((ind, i): Indicator =>
      i % 2 === 0
        ? {
            ...ind,
            monthlyPlan: Array.from({ length: 12 }, (_, m) => dec(`${m + 1}.5`)),
            weight: '10',
            targetLabel: r.unitName,
            dueDate: isoDate(`${r.year}-12-31`),
          }
        : ind,
    )
    const budgetJudgements: BudgetLineJudgement[] = r.judgements.slice(0, budgetLines.length).map((j, i) => ({
      id: `${unitId}-j${i}`,
      nodeId: nodes[i % nodes.length].id,
      budgetLineId: budgetLines[i].id,
      ...(j.forecast ? { yearEndForecast: j.forecast } : {}),
      ...(j.likely ? { likelihood: j.likely as BudgetLineJudgement['likelihood'] } : {}),
      deviationCauses: j.causes,
      deviationText: j.text,
    }))
    const alerts: Alert[] = r.alerts.map((a, i) => ({
      id: `${unitId}-a${i}`,
      nodeId: nodes[i % nodes.length].id,
      ruleId: 'budget.progress',
      light: a.light,
      subjectType: 'budgetLine',
      subjectId: budgetLines[0].id,
      thresholds: { red: '60', yellow: '80' },
      inputs: { 执行率: `${i}.25`, 说明: a.message },
      message: a.message,
      status: a.closed ? 'closed' : 'open',
      ...(a.closed ? { closedReason: a.closed } : {}),
      ...(a.comment
        ? { history: [{ at: '2021-07-05T08:30:00.000Z', by: r.unitName, kind: 'comment' as const, text: a.comment }] }
        : {}),
    }))
    const measures: CorrectiveMeasure[] = r.measures.map((m, i) => ({
      id: `${unitId}-m${i}`,
      unitId,
      nodeId: nodes[i % nodes.length].id,
      kind: m.taken ? 'taken' : 'planned',
      content: m.content,
      effect: m.effect,
      department: m.department,
      status: m.taken ? '已完成' : '计划',
      ...(m.deadline ? { deadline: isoDate(`${r.year}-${m.deadline}`) } : {}),
      ...(m.linked && alerts[i] ? { alertId: alerts[i].id } : {}),
    }))
    const reports: StoredReport[] = r.reports.slice(0, nodes.length).map((rep, i) => ({
      nodeId: nodes[i].id,
      edits: { 总体情况: rep.edit },
      updatedAt: '2021-07-05T08:30:00.000Z',
      unlocks: rep.unlock ? [{ at: '2021-07-06T08:30:00.000Z', reason: rep.unlock }] : [],
      ...(rep.frozen
        ? {
            frozen: {
              at: '2021-07-05T08:30:00.000Z',
              model: { 标题: r.unitName, 段落: [rep.edit, { 数值: '12.50' }] },
            },
          }
        : {}),
    }))
    const managementInputs = r.inputs && {
      id: managementInputsId(unitId, r.year),
      unitId,
      year: r.year,
      amounts: { staffCount: dec(String(r.inputs.staff)), yearEndCarryOver: r.inputs.carryOver },
      entries: {
        'performanceDisclosure/targets': { kind: 'yesNo' as const, value: r.inputs.yes },
        audit: {
          kind: 'findings' as const,
          findings: r.inputs.findings.map((text) => ({ kind: '审计发现问题', text })),
        },
      },
      remarks: { audit: r.inputs.remark },
    }
    return {
      ...(managementInputs ? { managementInputs } : {}),
      unit: {
        id: unitId,
        name: r.unitName,
        departments: r.departments,
        monitoringGroup: [{ name: r.unitName, title: '局长', role: '组长' }],
        financeOfficer: '会计',
      },
      year: r.year,
      framework: { year: r.year, level1: [] },
      projects,
      budgetLines,
      monthlyExecutions,
      targets: [{ id: targetId, unitId, year: r.year, scope: 'unit', description: r.unitName }],
      indicators: indicatorsWithPlans,
      nodes,
      readings,
      budgetJudgements,
      alerts,
      measures,
      reports,
    }
  })

/** JSON with object keys sorted at every level, so two values compare field by field and order-free in keys. */
function sortedJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      )
    }
    return v === undefined ? '__undefined__' : v
  }
  return JSON.stringify(sortKeys(value))
}

/** Which tables some generated case filled (a generator bug that leaves one empty would pass vacuously). */
const filled = (() => {
  const seen = new Map<string, boolean>()
  return {
    add: (name: string, any: boolean) => seen.set(name, (seen.get(name) ?? false) || any),
    missing: () => [...seen].filter(([, any]) => !any).map(([name]) => name),
  }
})()

describe('backup → restore', () => {
  it('restores identical tables for random Chinese datasets (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(datasetArb, { minLength: 1, maxLength: 2 }), async (datasets) => {
        const source = freshDb()
        for (const d of datasets) expectOk(await saveUnitYear(d, { database: source }))
        expectOk(await saveSettings({ ...defaultSettings() }, { database: source }))
        // a user scheme with Chinese names, chosen by the first unit-year
        expectOk(await putScheme(aScheme({ name: `${datasets[0].unit.name}自评表` }), { database: source }))
        expectOk(await chooseScheme(datasets[0].unit.id, datasets[0].year, 'file-mini', { database: source }))
        const { text } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database: source })
        // The target holds other data (the demo), which the restore replaces entirely.
        const target = freshDb()
        expectOk(await saveUnitYear(qiemo2021Dataset(), { database: target }))
        const restored = await restoreFromText(text, { database: target })
        expect(restored.ok ? [] : restored.messages).toEqual([])
        const expected = await snapshot(source)
        // Every table a unit-year has is filled, so the property covers all of them.
        for (const name of [
          'projects',
          'budgetLines',
          'monthlyExecutions',
          'targets',
          'indicators',
          'nodes',
          'readings',
          'budgetJudgements',
          'alerts',
          'measures',
          'reports',
          'managementInputs',
          'scoringSchemes',
          'schemeChoices',
          'settings',
          'auditLog',
          'meta',
        ]) {
          filled.add(name, expected[name].length > 0)
        }
        const actual = await snapshot(target)
        // Strict: undefined-valued keys, key sets and array order all count (toEqual would ignore the first).
        expect(actual).toStrictEqual(expected)
        expect(sortedJson(actual)).toBe(sortedJson(expected))
        source.close()
        target.close()
      }),
      { numRuns: 40, seed: 2021 },
    )
    expect(filled.missing()).toEqual([])
  }, 120_000)

  // The template library is stored as a list ({ key: 'measureTemplates', value: [...] }); restore once refused it.
  it('restores a database whose 纠偏措施 templates were saved', async () => {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    expectOk(await saveMeasureTemplates(defaultMeasureTemplates(), { database: source }))
    const { text } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database: source })
    const target = freshDb()
    const restored = await restoreFromText(text, { database: target })
    expect(restored.ok ? [] : restored.messages).toEqual([])
    expect(await snapshot(target)).toStrictEqual(await snapshot(source))
  })

  it('writes a versioned file with a checksum over every table', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    const { text, backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database })
    expect(backup.format).toBe(BACKUP_FORMAT)
    expect(backup.formatVersion).toBe(2) // 2: the signature (docs/package-format.md §9)
    expect(backup.signature).toBeUndefined() // no signer given
    expect(TABLE_NAMES).not.toContain('signingKeys') // the private key never leaves the browser
    expect(backup.schemaVersion).toBe(6) // version 6: four indexes fewer; 5: the 部门汇总报告; 4: the 报送 tables; 3: scoring schemes, 管理指标填报, scheme choices
    expect(Object.keys(backup.tables).sort()).toEqual([...TABLE_NAMES].sort())
    expect(backup.counts.budgetLines).toBe(5)
    expect(backup.counts.indicators).toBe(22)
    const { checksum, ...body } = JSON.parse(text) as typeof backup
    expect(checksum.value).toBe(await sha256Hex(canonicalJson(body)))
    const checked = await checkBackupText(text)
    expect(checked.ok).toBe(true)
    if (checked.ok)
      expect(summarizeBackup(checked.value).unitYears).toEqual([{ unitName: '且末县自然资源局', years: [2021] }])
    expect(backupFileName(new Date(2021, 11, 31, 9, 5))).toBe('绩效监控备份-20211231-0905.json')
  })

  it('a restore that fails midway (duplicate natural key) leaves the database untouched', async () => {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    const { backup } = await createBackup({ now: new Date(), database: source })
    const first = backup.tables.monthlyExecutions[0] as MonthlyExecution
    // Same line and month under another id: only the unique [budgetLineId+month] index can refuse it,
    // after other tables were already cleared and refilled inside the transaction.
    backup.tables.monthlyExecutions.push({ ...first, id: 'duplicate' })
    const target = freshDb()
    expectOk(
      await saveUnitYear(
        { ...qiemo2021Dataset(), unit: { ...qiemo2021Dataset().unit, name: '另一个单位' } },
        { database: target },
      ),
    )
    const before = await snapshot(target)
    const result = await restoreBackup(backup, { database: target })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.messages[0]).toContain('数据重复')
    expect(await snapshot(target)).toEqual(before)
  })

  it('accepts a frozen report nested 30 levels deep, refuses 100 levels', async () => {
    const nest = (depth: number): unknown => (depth === 0 ? '正文' : { 段落: [nest(depth - 1)] })
    for (const [depth, ok] of [
      [14, true],
      [50, false],
    ] as const) {
      const database = freshDb()
      const demo = qiemo2021Dataset()
      expectOk(
        await saveUnitYear(
          {
            ...demo,
            reports: [
              {
                nodeId: demo.nodes[0].id,
                edits: {},
                unlocks: [],
                updatedAt: '2021-07-05T08:30:00.000Z',
                frozen: { at: '2021-07-05T08:30:00.000Z', model: nest(depth) },
              },
            ],
          },
          { database },
        ),
      )
      const { text } = await createBackup({ now: new Date(), database })
      const checked = await checkBackupText(text)
      expect(checked.ok).toBe(ok)
      if (!checked.ok) expect(checked.messages[0]).toContain('嵌套层次过深')
    }
  })

  it('carries the schemes, the demo’s 管理指标填报 and the choices of scheme through backup and restore', async () => {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    expectOk(await putScheme(aScheme(), { database: source }))
    expectOk(await chooseScheme('demo-qiemo-zrzyj', 2021, 'file-mini', { database: source }))
    const { text, backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database: source })
    expect([backup.counts.managementInputs, backup.counts.scoringSchemes, backup.counts.schemeChoices]).toEqual([
      1, 1, 1,
    ])
    const target = freshDb()
    expectOk(await restoreFromText(text, { database: target }))
    expect(await target.scoringSchemes.toArray()).toStrictEqual([aScheme()])
    expect((await target.managementInputs.toArray())[0]?.amounts.yearEndCarryOver).toBe('231.97')
    expect((await target.schemeChoices.toArray())[0]?.schemeId).toBe('file-mini')
    expect(await snapshot(target)).toStrictEqual(await snapshot(source))
  })

  it('restores a backup written before version 3 (no scheme tables) with those tables empty', async () => {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    const { backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database: source })
    // the file an older release wrote: schema version 2, without the three tables
    const { scoringSchemes: _s, managementInputs: _m, schemeChoices: _c, ...oldTables } = backup.tables
    const { scoringSchemes: _sc, managementInputs: _mc, schemeChoices: _cc, ...oldCounts } = backup.counts
    const body = { ...backup, schemaVersion: 2, tables: oldTables, counts: oldCounts }
    const { checksum: _checksum, ...unsigned } = body
    const old = { ...unsigned, checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(unsigned)) } }
    const target = freshDb()
    expectOk(await putScheme(aScheme(), { database: target }))
    const restored = await restoreFromText(JSON.stringify(old), { database: target })
    expect(restored.ok ? restored.value.managementInputs : restored.messages).toBe(0)
    expect(await target.managementInputs.count()).toBe(0)
    expect(await target.scoringSchemes.count()).toBe(0) // replaced by the backup's (none)
    expect(await target.budgetLines.count()).toBe(5)
  })

  it('refuses a backup whose scheme has an error or whose 管理指标填报 do not check, naming the row', async () => {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    expectOk(await putScheme(aScheme(), { database: source }))
    const { backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database: source })
    const scheme = backup.tables.scoringSchemes[0] as ReturnType<typeof aScheme>
    scheme.items[1] = { ...scheme.items[1], weight: '-3' }
    const inputs = backup.tables.managementInputs[0] as { amounts: Record<string, string> }
    inputs.amounts.staffCount = '43.5'
    const { checksum: _checksum, ...unsigned } = backup
    const text = JSON.stringify({
      ...unsigned,
      checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(unsigned)) },
    })
    const checked = await checkBackupText(text)
    expect(checked.ok ? [] : checked.messages).toEqual([
      '数据表「评分方案」第1行：第2项「财务合规性」：分值「-3」应为正数',
      '数据表「管理指标填报」第1行：在职人数应为整数（人）',
    ])
    const target = freshDb()
    const before = await snapshot(target)
    expect((await restoreFromText(text, { database: target })).ok).toBe(false)
    expect(await snapshot(target)).toStrictEqual(before)
  })

  /** A database with one of each 报送 row: a sent 报送, a 下属单位, a key, a received package with its file, a 审核. */
  async function withSubmission(): Promise<MonitoringDb> {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    const sha = (c: string) => c.repeat(64)
    const record = {
      state: 'pending' as const,
      opinion: '',
      reviewer: '',
      at: '2021-07-06T00:00:00.000Z',
      packageSha256: sha('b'),
    }
    await source.transaction(
      'rw',
      [
        source.sentSubmissions,
        source.subordinates,
        source.unitKeys,
        source.submissions,
        source.submissionFiles,
        source.reviews,
      ],
      async () => {
        await source.sentSubmissions.add({
          id: sha('a'),
          unitId: 'demo-qiemo-zrzyj',
          nodeId: 'demo-qiemo-2021-06',
          createdAt: '2021-07-05T08:30:00.000Z',
          packageSha256: sha('b'),
          receipt: {
            record: { ...record, state: 'returned', opinion: '请更正6月执行数' },
            importedAt: '2021-07-08T00:00:00.000Z',
          },
        })
        await source.subordinates.add({
          id: 's1',
          departmentUnitId: 'dept',
          name: '且末县自然资源局',
          unitId: 'u1',
          sortOrder: 0,
        })
        await source.unitKeys.add({
          unitId: 'u1',
          unitName: '且末县自然资源局',
          publicKey: 'MFkw',
          fingerprint: '9DE7 FD01',
          registeredAt: '2021-07-06T00:00:00.000Z',
          registeredBy: '王科长',
        })
        await source.submissions.add({
          id: sha('c'),
          departmentUnitId: 'dept',
          unitId: 'u1',
          unitName: '且末县自然资源局',
          year: 2021,
          nodeId: 'n1',
          nodeLabel: '2021年1-6月',
          asOfDate: isoDate('2021-06-30'),
          createdAt: '2021-07-05T08:30:00.000Z',
          packageSha256: sha('b'),
          receivedAt: '2021-07-06T00:00:00.000Z',
          fingerprint: '9DE7 FD01',
          figures: {
            unitId: 'u1',
            unitName: '且末县自然资源局',
            year: 2021,
            nodeId: 'n1',
            nodeLabel: '2021年1-6月',
            asOfDate: isoDate('2021-06-30'),
            budget: { adjustedBudget: dec('1493.25'), allocated: dec('383.74'), spent: dec('383.74') },
            byCategory: {
              basic: { adjustedBudget: dec('1343.25'), allocated: dec('383.74'), spent: dec('383.74') },
              project: { adjustedBudget: dec('150.00'), allocated: dec('0.00'), spent: dec('0.00') },
            },
            timeProgress: dec('0.5'),
            indicatorLights: { red: 6, yellow: 1, green: 10, blue: 0, grey: 5 },
            alerts: { red: 8, yellow: 1 },
            unitLight: 'red',
          },
        })
        await source.submissionFiles.add({ id: sha('c'), bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 128]) })
        await source.reviews.add({
          id: 'dept|u1|2021-06-30',
          departmentUnitId: 'dept',
          unitId: 'u1',
          asOfDate: isoDate('2021-06-30'),
          record,
          history: [],
        })
      },
    )
    return source
  }

  it('carries the 报送 tables through backup and restore, a received package’s bytes as base64', async () => {
    const source = await withSubmission()
    const { text, backup } = await createBackup({ now: new Date('2021-07-09T00:00:00Z'), database: source })
    expect(backup.tables.submissionFiles).toStrictEqual([{ id: 'c'.repeat(64), bytes: 'UEsDBAD/gA==' }])
    expect('bytes' in (backup.tables.submissions[0] as object)).toBe(false)
    const target = freshDb()
    expectOk(await restoreFromText(text, { database: target }))
    expect(await getSubmissionFile('c'.repeat(64), { database: target })).toEqual(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 128]),
    )
    expect((await target.sentSubmissions.toArray())[0]?.receipt?.record.opinion).toBe('请更正6月执行数')
    expect(await snapshot(target)).toStrictEqual(await snapshot(source))
  })

  /** The backup of `source` as schema version 4 wrote it: each package's file in its submissions row, no version-5 tables. */
  async function asSchema4(source: MonitoringDb, change: (row: Record<string, unknown>) => void = () => {}) {
    const { backup } = await createBackup({ now: new Date('2021-07-09T00:00:00Z'), database: source })
    const files = new Map(
      (backup.tables.submissionFiles as { id: string; bytes: string }[]).map((file) => [file.id, file.bytes]),
    )
    const { submissionFiles: _files, departmentReports: _reports, ...tables } = backup.tables
    const { submissionFiles: _f, departmentReports: _r, ...counts } = backup.counts
    const submissions = (tables.submissions as Record<string, unknown>[]).map((row) => {
      const old = { ...row, bytes: files.get(String(row.id)) }
      change(old)
      return old
    })
    const body = { ...backup, schemaVersion: 4, tables: { ...tables, submissions }, counts }
    const { checksum: _checksum, ...unsigned } = body
    return JSON.stringify({
      ...unsigned,
      checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(unsigned)) },
    })
  }

  it('restores a schema-4 backup whose submissions rows carry their files, moving each file to its own table', async () => {
    const source = await withSubmission()
    const text = await asSchema4(source)
    expect((JSON.parse(text) as BackupFile).tables.submissions[0]).toMatchObject({ bytes: 'UEsDBAD/gA==' })
    const target = freshDb()
    const restored = expectOk(await restoreFromText(text, { database: target }))
    expect([restored.submissions, restored.submissionFiles, restored.departmentReports]).toEqual([1, 1, 0])
    expect('bytes' in ((await target.submissions.toArray())[0] ?? {})).toBe(false)
    expect((await getSubmission('c'.repeat(64), { database: target }))?.bytes).toEqual(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 128]),
    )
    // the same data as the version-5 backup restores
    expect(await snapshot(target)).toStrictEqual(await snapshot(source))
    expect((await loadDepartment('dept', 2021, { database: target })).current.map((s) => s.id)).toEqual([
      'c'.repeat(64),
    ])
  })

  it('refuses a schema-4 submissions row without its file, and a schema-5 one with it', async () => {
    const source = await withSubmission()
    const without = await asSchema4(source, (row) => delete row.bytes)
    const refusedOld = await checkBackupText(without)
    expect(refusedOld.ok ? [] : refusedOld.messages).toEqual(['数据表「收到的报送包」第1行的“bytes”缺失'])
    const { backup } = await createBackup({ now: new Date('2021-07-09T00:00:00Z'), database: source })
    const submissions = (backup.tables.submissions as object[]).map((row) => ({ ...row, bytes: 'UEsDBA==' }))
    const { checksum: _checksum, ...body } = { ...backup, tables: { ...backup.tables, submissions } }
    const refusedNew = await checkBackupText(
      JSON.stringify({ ...body, checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(body)) } }),
    )
    expect(refusedNew.ok ? [] : refusedNew.messages).toEqual(['数据表「收到的报送包」第1行含有未知字段“bytes”'])
  })

  it('refuses a received package whose summary does not check (基本 + 项目 ≠ 合计), naming the row', async () => {
    const source = freshDb()
    const { backup } = await createBackup({ now: new Date('2021-07-09T00:00:00Z'), database: source })
    const figures = {
      unitId: 'u1',
      unitName: '且末县自然资源局',
      year: 2021,
      nodeId: 'n1',
      nodeLabel: '2021年1-6月',
      asOfDate: '2021-06-30',
      budget: { adjustedBudget: '100.00', allocated: '0.00', spent: '0.00' },
      byCategory: { basic: { adjustedBudget: '90.00', allocated: '0.00', spent: '0.00' } },
      timeProgress: '0.5',
      indicatorLights: { red: 0, yellow: 0, green: 0, blue: 0, grey: 0 },
      alerts: { red: 0, yellow: 0 },
      unitLight: 'green',
    }
    const row = {
      id: 'c'.repeat(64),
      departmentUnitId: 'dept',
      unitId: 'u1',
      unitName: '且末县自然资源局',
      year: 2021,
      nodeId: 'n1',
      nodeLabel: '2021年1-6月',
      asOfDate: '2021-06-30',
      createdAt: '2021-07-05T08:30:00.000Z',
      packageSha256: 'b'.repeat(64),
      receivedAt: '2021-07-06T00:00:00.000Z',
      fingerprint: '9DE7',
      figures,
    }
    const { checksum: _c, ...body } = {
      ...backup,
      tables: { ...backup.tables, submissions: [row] },
      counts: { ...backup.counts, submissions: 1 },
    }
    const text = JSON.stringify({
      ...body,
      checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(body)) },
    })
    const checked = await checkBackupText(text)
    expect(checked.ok ? [] : checked.messages).toEqual([
      '数据表「收到的报送包」第1行：基本支出与项目支出之和与单位合计不一致',
    ])
  })

  it('restores a format-1 backup of schema version 3 (no signature, no 报送 tables) with those tables empty', async () => {
    const source = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database: source }))
    const { backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z'), database: source })
    const v4 = ['sentSubmissions', 'subordinates', 'unitKeys', 'submissions', 'reviews'] as const
    const tables = Object.fromEntries(
      Object.entries(backup.tables).filter(([name]) => !(v4 as readonly string[]).includes(name)),
    )
    const counts = Object.fromEntries(
      Object.entries(backup.counts).filter(([name]) => !(v4 as readonly string[]).includes(name)),
    )
    const body = { ...backup, formatVersion: 1, schemaVersion: 3, tables, counts }
    const { checksum: _checksum, ...unsigned } = body
    const old = { ...unsigned, checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(unsigned)) } }
    const checked = await checkBackupText(JSON.stringify(old))
    expect(checked.ok && checked.value.signature).toBeUndefined()
    const target = freshDb()
    const restored = await restoreFromText(JSON.stringify(old), { database: target })
    expect(restored.ok ? [restored.value.sentSubmissions, restored.value.budgetLines] : restored.messages).toEqual([
      0, 5,
    ])
  })

  it('signs the canonical text the checksum covers, and refuses a signature in a format-1 file', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    const signed: Uint8Array[] = []
    const { text, backup } = await createBackup({
      now: new Date('2021-07-05T08:30:00Z'),
      database,
      sign: async (bytes) => {
        signed.push(bytes)
        return { algorithm: 'ECDSA-P256-SHA256', publicKey: 'KEY', value: 'SIG' }
      },
    })
    const { checksum, signature, ...body } = JSON.parse(text) as typeof backup
    expect(signature).toEqual({ algorithm: 'ECDSA-P256-SHA256', publicKey: 'KEY', value: 'SIG' })
    expect(new TextDecoder().decode(signed[0])).toBe(canonicalJson(body))
    expect(new TextDecoder().decode(backupSignedBytes(backup))).toBe(canonicalJson(body))
    expect(checksum.value).toBe(await sha256Hex(canonicalJson(body)))
    expect((await checkBackupText(text)).ok).toBe(true)
    const v1 = { ...body, formatVersion: 1 }
    const forged = JSON.stringify({
      ...v1,
      signature,
      checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(v1)) },
    })
    const checked = await checkBackupText(forged)
    expect(checked.ok ? [] : checked.messages).toEqual(['备份文件的签名格式不对，不是本程序生成的备份'])
  })

  it('markBackedUp resets the reminder count', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    expect((await backupStatus({ database })).changesSinceBackup).toBeGreaterThan(0)
    expectOk(await markBackedUp({ at: new Date('2021-07-05T08:30:00Z'), database }))
    expect(await backupStatus({ database })).toEqual({
      changesSinceBackup: 0,
      lastBackupAt: '2021-07-05T08:30:00.000Z',
    })
  })
})
