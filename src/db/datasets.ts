/**
 * A whole unit-year at once (`UnitYearDataset`): what the UI loads to compute a node snapshot, and
 * what demo data, import and restore write. `saveUnitYear` replaces the unit-year in one read-write
 * transaction over every table — delete its old rows, then bulkPut the new ones — with a single
 * summary audit row, so a failure anywhere leaves the previous data untouched.
 *
 * A unit-year "exists" when it holds any project, budget line, target or node.
 */
import Dexie, { type Table } from 'dexie'
import type {
  Id,
  Indicator,
  IndicatorReading,
  MonitoringNode,
  PerformanceTarget,
  UnitYearDataset,
  UnitYearRef,
} from '@/domain/types'
import { countUnitYear } from '@/domain/dataLoss'
import { managementInputsProblems, type UnitYearWithInputs } from '@/domain/managementInputsCheck'
import { budgetLineIdentity, newLookAlikes, normalizeDatasetNames, normalizeName } from '@/domain/names'
import { assertNoLookAlikeLines } from './budget'
import { assertNoLookAlikeProjects } from './projects'
import { assertUnitName } from './units'
import { recordAudit } from './audit'
import { assertFrozenUnchanged } from './lock'
import { by, sorted } from './order'
import { toPlain } from './plain'
import { DbWriteError, type WriteResult } from './result'
import { db, type MonitoringDb } from './schema'
import type { DbOptions } from './options'
import { deleteUnitRows, ofUnit, scopedTables, startingWith, unitYearTables, type RowCounts } from './unitScope'
import { runWrite } from './write'

/**
 * Which readings a load brings: every node's ('all', what import, export and backup need), or only those
 * of some nodes plus, when `unitIndicators` is set, every node's readings of the unit's own (整体)
 * indicators. The workspace loads the second kind: at 主管部门 size (1,000 projects × 20 indicators × 12
 * nodes) all readings are 240,000 rows and take seconds to read (docs/benchmarks.md (round 1)), while one
 * node's are 20,000 and the heatmap and forecasts look across nodes at the unit's indicators only.
 */
export type ReadingScope =
  | 'all'
  | {
      /** the nodes, or a choice made from the unit-year's nodes once they are read (the workspace picks the one it shows) */
      nodeIds: readonly Id[] | ((nodes: readonly MonitoringNode[]) => readonly Id[])
      indicatorIds?: readonly Id[]
      unitIndicators?: boolean
    }

/**
 * Rows of `table` whose `index` equals one of `keys`. One `equals` query per key rather than
 * `anyOf`: Dexie answers `equals` with IndexedDB's getAll, `anyOf` with a cursor stepping row by
 * row, which measured markedly slower in Chromium (see docs/benchmarks.md (round 2)).
 */
export async function rowsWith<T>(table: Table<T, Id>, index: string, keys: readonly Id[]): Promise<T[]> {
  const groups = await Promise.all([...new Set(keys)].map((key) => startingWith(table, index, key).toArray()))
  return groups.flat()
}

/**
 * Rows of `table` whose parent (`index`) is one of `parents`. When the parents are every parent row the
 * database holds (one unit-year in the database: the usual case), one getAll of the whole table,
 * filtered, instead of a getAll per parent: at 主管部门 size 1,005 budget lines and 1,001 targets are that
 * many requests, measured slower in Chromium than two whole-table reads (see
 * docs/benchmarks.md (round 3)).
 */
export async function childRows<T extends { id: Id }>(
  table: Table<T, Id>,
  index: string,
  parents: readonly Id[],
  parentOf: (row: T) => Id,
  parentRowsInDatabase: number,
  pageSize = ONE_REQUEST,
): Promise<T[]> {
  if (parents.length < parentRowsInDatabase) return rowsWith(table, index, parents)
  const wanted = new Set(parents)
  return (await tableInPages(table, pageSize)).filter((row) => wanted.has(parentOf(row)))
}

/**
 * How many rows one request of a read made in the background asks for. IndexedDB serves an origin's
 * requests in turn, and a request already queued when its page goes away still runs to its end: a
 * reload while the overview worker read the unit-year in the background (12,060 monthly executions,
 * 20,020 indicators and 20,020 readings at 主管部门 size, one getAll each) waited 0.3–0.6 s behind those
 * reads for its first one (docs/benchmarks.md (round 7)). Read in pages one after another, a stopped
 * reader leaves one page. A read the user waits for asks in one request (ONE_REQUEST): pages of 2,000
 * took 20–30 % longer in all (round 7).
 */
export const READ_PAGE = 2_000
/** A page size that reads everything in one request. */
export const ONE_REQUEST = Number.POSITIVE_INFINITY

/** Every row of `table` (keyed by `id`), in key order, `pageSize` rows a request, one request after another. */
export async function tableInPages<T extends { id: Id }>(table: Table<T, Id>, pageSize = READ_PAGE): Promise<T[]> {
  if (pageSize === ONE_REQUEST) return table.orderBy(':id').toArray()
  const rows: T[] = []
  let page = await table.orderBy(':id').limit(pageSize).toArray()
  for (;;) {
    rows.push(...page)
    const last = page[page.length - 1]
    if (page.length < pageSize || last === undefined) return rows
    page = await table.where(':id').above(last.id).limit(pageSize).toArray()
  }
}

/** One node's readings in loadUnitYear's order (by indicator), `pageSize` a request (see READ_PAGE). */
async function nodeReadingsInPages(database: MonitoringDb, nodeId: Id, pageSize: number): Promise<IndicatorReading[]> {
  const readings: IndicatorReading[] = []
  const index = database.readings.where('[nodeId+indicatorId]')
  const ofNode = index.between([nodeId, Dexie.minKey], [nodeId, Dexie.maxKey], true, true)
  if (pageSize === ONE_REQUEST) return ofNode.toArray()
  let page = await ofNode.limit(pageSize).toArray()
  for (;;) {
    readings.push(...page)
    const last = page[page.length - 1]
    if (page.length < pageSize || last === undefined) return readings
    page = await index
      .between([nodeId, last.indicatorId], [nodeId, Dexie.maxKey], false, true)
      .limit(pageSize)
      .toArray()
  }
}

/** Every row of one unit-year in display order (readings as `scope` says), or null when the unit does not exist. */
export async function loadUnitYear(
  unitId: Id,
  year: number,
  {
    database = db,
    scope = 'all',
    pageSize = ONE_REQUEST,
  }: DbOptions & {
    scope?: ReadingScope
    /** rows a request for the large tables: READ_PAGE for a read made in the background */
    pageSize?: number
  } = {},
): Promise<UnitYearDataset | null> {
  const tables = [database.units, database.frameworks, ...unitYearTables(database)]
  return database.transaction('r', tables, async () => {
    // Three rounds, each asking IndexedDB everything it can at once: the unit-year's own rows; what
    // hangs off them, with the chosen nodes' readings; then the unit indicators' readings at every node.
    const [unit, storedFramework, projects, budgetLines, targets, nodes, allLines, allTargets] = await Promise.all([
      database.units.get(unitId),
      database.frameworks.get(year),
      ofUnit(database.projects, unitId, year).toArray(),
      ofUnit(database.budgetLines, unitId, year).toArray(),
      ofUnit(database.targets, unitId, year).toArray(),
      ofUnit(database.nodes, unitId, year).toArray(),
      database.budgetLines.count(),
      database.targets.count(),
    ])
    if (!unit) return null
    const framework = storedFramework ?? { year, level1: [] }
    const nodeIds = nodes.map((n) => n.id)
    const byDate = sorted(
      [...nodes],
      (n) => n.asOfDate,
      (n) => n.id,
    )
    const [monthlyExecutions, indicators, budgetJudgements, alerts, measures, reports, nodeReadings] =
      await Promise.all([
        childRows(
          database.monthlyExecutions,
          '[budgetLineId+month]',
          budgetLines.map((l) => l.id),
          (e) => e.budgetLineId,
          allLines,
          pageSize,
        ),
        childRows(
          database.indicators,
          'targetId',
          targets.map((t) => t.id),
          (i) => i.targetId,
          allTargets,
          pageSize,
        ),
        rowsWith(database.budgetJudgements, '[nodeId+budgetLineId]', nodeIds),
        rowsWith(database.alerts, 'nodeId', nodeIds),
        rowsWith(database.measures, 'nodeId', nodeIds),
        rowsWith(database.reports, 'nodeId', nodeIds),
        readingsOfNodes(database, scope, byDate, pageSize),
      ])
    const readings = uniqueById([
      ...nodeReadings,
      ...(await readingsOfIndicators(database, scope, byDate, targets, indicators)),
    ])
    return {
      unit,
      year,
      framework,
      projects: sorted(projects, (p) => p.id),
      budgetLines: sorted(
        budgetLines,
        (l) => l.sortOrder,
        (l) => l.id,
      ),
      monthlyExecutions: sorted(
        monthlyExecutions,
        (e) => e.budgetLineId,
        (e) => e.month,
      ),
      targets: sorted(
        targets,
        (t) => (t.scope === 'unit' ? 0 : 1),
        (t) => t.projectId ?? '',
        (t) => t.id,
      ),
      indicators: sorted(
        indicators,
        (i) => i.targetId,
        (i) => i.sortOrder,
        (i) => i.id,
      ),
      nodes: sorted(
        nodes,
        (n) => n.asOfDate,
        (n) => n.id,
      ),
      readings: sortReadings(readings),
      budgetJudgements: sorted(
        budgetJudgements,
        (j) => j.nodeId,
        (j) => j.budgetLineId,
      ),
      alerts: sorted(
        alerts,
        (a) => a.nodeId,
        (a) => a.subjectType,
        (a) => a.subjectId,
        (a) => a.ruleId,
        (a) => a.id,
      ),
      measures: sorted(
        measures,
        (m) => m.nodeId,
        (m) => m.id,
      ),
      reports: sorted(reports, (r) => r.nodeId),
    }
  })
}

/** The readings of the nodes `scope` names (all of them for 'all'). */
function readingsOfNodes(
  database: MonitoringDb,
  scope: ReadingScope,
  nodes: readonly MonitoringNode[],
  pageSize: number,
): Promise<IndicatorReading[]> {
  if (scope === 'all')
    return rowsWith(
      database.readings,
      '[nodeId+indicatorId]',
      nodes.map((n) => n.id),
    )
  const ofYear = new Set(nodes.map((n) => n.id))
  const chosen = typeof scope.nodeIds === 'function' ? scope.nodeIds(nodes) : scope.nodeIds
  const read = [...new Set(chosen.filter((id) => ofYear.has(id)))].map((id) =>
    nodeReadingsInPages(database, id, pageSize),
  )
  return Promise.all(read).then((groups) => groups.flat())
}

/** The readings, at every node of the year, of the indicators `scope` names (none for 'all': the nodes' readings are all). */
async function readingsOfIndicators(
  database: MonitoringDb,
  scope: ReadingScope,
  nodes: readonly MonitoringNode[],
  targets: readonly PerformanceTarget[],
  indicators: readonly Indicator[],
): Promise<IndicatorReading[]> {
  if (scope === 'all') return []
  const ofYear = new Set(nodes.map((n) => n.id))
  const unitTargets = new Set(targets.filter((t) => t.scope === 'unit').map((t) => t.id))
  const indicatorIds = [
    ...(scope.indicatorIds ?? []),
    ...(scope.unitIndicators ? indicators.filter((i) => unitTargets.has(i.targetId)).map((i) => i.id) : []),
  ]
  const byIndicator = await rowsWith(database.readings, 'indicatorId', indicatorIds)
  return byIndicator.filter((r) => ofYear.has(r.nodeId))
}

/**
 * More readings for a dataset loaded with a narrower scope (the workspace, when the user opens
 * another node or a page that looks across nodes), in the same order loadUnitYear gives them.
 */
export async function loadReadings(
  scope: { nodeIds?: readonly Id[]; indicatorIds?: readonly Id[] },
  { database = db }: DbOptions = {},
): Promise<IndicatorReading[]> {
  return database.transaction('r', database.readings, async () => {
    const [byNode, byIndicator] = await Promise.all([
      rowsWith(database.readings, '[nodeId+indicatorId]', scope.nodeIds ?? []),
      rowsWith(database.readings, 'indicatorId', scope.indicatorIds ?? []),
    ])
    return sortReadings(uniqueById([...byNode, ...byIndicator]))
  })
}

/**
 * One node's readings, in loadUnitYear's order, read in pages (READ_PAGE) in one read-only transaction:
 * for reads made ahead of need, so that other requests (another tab's, the next page load's) wait for
 * one page at most, never for the whole node.
 */
export function loadNodeReadingsInPages(
  nodeId: Id,
  { database = db, pageSize = READ_PAGE }: DbOptions & { pageSize?: number } = {},
): Promise<IndicatorReading[]> {
  return database.transaction('r', database.readings, () => nodeReadingsInPages(database, nodeId, pageSize))
}

export function sortReadings(readings: IndicatorReading[]): IndicatorReading[] {
  return sorted(
    readings,
    (r) => r.nodeId,
    (r) => r.indicatorId,
  )
}

/**
 * Two lists of readings in loadUnitYear's order as one, a reading of `more` replacing the one with
 * the same id. A linear merge: re-sorting 240,000 readings each time a node is opened took longer
 * than reading the node.
 */
export function mergeReadings(
  existing: readonly IndicatorReading[],
  more: readonly IndicatorReading[],
): IndicatorReading[] {
  const incoming = sortReadings(uniqueById(more))
  const replaced = new Set(incoming.map((r) => r.id))
  const kept = existing.filter((r) => !replaced.has(r.id))
  const order = by<IndicatorReading>(
    (r) => r.nodeId,
    (r) => r.indicatorId,
  )
  const before = (a: IndicatorReading, b: IndicatorReading) => order(a, b) <= 0
  const merged: IndicatorReading[] = []
  let i = 0
  let j = 0
  for (;;) {
    const a = kept[i]
    const b = incoming[j]
    // a missing slot is the end of its list: the other list's rest follows in order, and once both
    // lists have ended every reading is placed
    if (a !== undefined && (b === undefined || before(a, b))) {
      merged.push(a)
      i += 1
    } else if (b !== undefined) {
      merged.push(b)
      j += 1
    } else {
      return merged
    }
  }
}

function uniqueById<T extends { id: Id }>(rows: readonly T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}

/**
 * Reasons the dataset cannot be stored as one unit-year: rows of another unit or year, or rows that
 * point at parents missing from the dataset. Empty when consistent.
 */
export function datasetProblems(dataset: UnitYearWithInputs): string[] {
  const { unit, year } = dataset
  const problems: string[] = []
  const ids = (rows: readonly { id: Id }[]) => new Set(rows.map((r) => r.id))
  const projects = ids(dataset.projects)
  const lines = ids(dataset.budgetLines)
  const targets = ids(dataset.targets)
  const indicators = ids(dataset.indicators)
  const nodes = ids(dataset.nodes)
  const alerts = ids(dataset.alerts)
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem)
  }
  const ownRows = [...dataset.projects, ...dataset.budgetLines, ...dataset.targets, ...dataset.nodes]
  check(dataset.framework.year === year, `指标框架的年度（${dataset.framework.year}）与数据年度（${year}）不一致`)
  check(
    ownRows.every((r) => r.unitId === unit.id && r.year === year),
    `有项目、预算行、绩效目标或监控节点不属于“${unit.name}” ${year} 年度`,
  )
  check(
    dataset.budgetLines.every((l) => l.projectId === undefined || projects.has(l.projectId)),
    '有预算行指向不存在的项目',
  )
  check(
    dataset.monthlyExecutions.every((e) => lines.has(e.budgetLineId) && e.year === year),
    '有月度执行数指向不存在的预算行或其他年度',
  )
  check(
    dataset.targets.every((t) => t.projectId === undefined || projects.has(t.projectId)),
    '有绩效目标指向不存在的项目',
  )
  check(
    dataset.indicators.every((i) => targets.has(i.targetId)),
    '有指标指向不存在的绩效目标',
  )
  check(
    dataset.readings.every((r) => nodes.has(r.nodeId) && indicators.has(r.indicatorId)),
    '有指标填报指向不存在的监控节点或指标',
  )
  check(
    dataset.budgetJudgements.every((j) => nodes.has(j.nodeId) && lines.has(j.budgetLineId)),
    '有预算研判指向不存在的监控节点或预算行',
  )
  check(
    dataset.alerts.every((a) => nodes.has(a.nodeId)),
    '有预警指向不存在的监控节点',
  )
  check(
    dataset.measures.every(
      (m) => nodes.has(m.nodeId) && m.unitId === unit.id && (m.alertId === undefined || alerts.has(m.alertId)),
    ),
    '有纠偏措施指向不存在的监控节点或预警',
  )
  check(
    dataset.reports.every((r) => nodes.has(r.nodeId)),
    '有监控报告指向不存在的监控节点',
  )
  const inputs = dataset.managementInputs
  if (inputs) {
    check(inputs.unitId === unit.id && inputs.year === year, `管理指标填报不属于“${unit.name}” ${year} 年度`)
    problems.push(...managementInputsProblems(inputs).map((i) => i.message))
  }
  return problems
}

/**
 * Replaces everything of `dataset.unit` for `dataset.year` with the dataset's rows, and puts the unit
 * and the year's framework. All or nothing. The unit-year's 管理指标填报 are replaced by the dataset's
 * when it carries them (`managementInputs`, null: none), else kept; its choice of scoring scheme is kept. Names are stored normalised (`normalizeDatasetNames`);
 * the unit's name may not be another unit's, nor may two projects or two budget lines of the
 * unit-year look alike, unless they were already stored so before names were normalised.
 */
export async function saveUnitYear(
  dataset: UnitYearWithInputs,
  { database = db }: DbOptions = {},
): Promise<WriteResult<RowCounts>> {
  const tables = [database.units, database.frameworks, ...scopedTables(database)]
  return runWrite(database, tables, async () => {
    const plain = toPlain(dataset)
    // the spread keeps `managementInputs` when the dataset carries it; absent stays absent
    const data: UnitYearWithInputs = { ...plain, ...normalizeDatasetNames(plain) }
    const problems = datasetProblems(data)
    if (problems.length > 0) throw new DbWriteError(`数据不一致：${problems.join('；')}。本次保存未写入任何数据。`)
    await assertNoLookAlikes(database, data, dataset)
    // an import or a demo load replaces the unit-year whole: it must leave every 定稿 node's figures as
    // they were (names compared normalised: a name that only loses invisible characters is the same name)
    if (
      (await ofUnit(database.nodes, data.unit.id, data.year)
        .filter((n) => n.status === 'locked')
        .count()) > 0
    ) {
      const stored = await loadUnitYear(data.unit.id, data.year, { database })
      assertFrozenUnchanged(stored && normalizeDatasetNames(stored), data)
    }
    const replacesInputs = data.managementInputs !== undefined
    const removed = await deleteUnitRows(database, data.unit.id, data.year, { managementInputs: replacesInputs })
    await database.units.put(data.unit)
    await database.frameworks.put(data.framework)
    await database.projects.bulkPut(data.projects)
    await database.budgetLines.bulkPut(data.budgetLines)
    await database.monthlyExecutions.bulkPut(data.monthlyExecutions)
    await database.targets.bulkPut(data.targets)
    await database.indicators.bulkPut(data.indicators)
    await database.nodes.bulkPut(data.nodes)
    await database.readings.bulkPut(data.readings)
    await database.budgetJudgements.bulkPut(data.budgetJudgements)
    await database.alerts.bulkPut(data.alerts)
    await database.measures.bulkPut(data.measures)
    await database.reports.bulkPut(data.reports)
    if (data.managementInputs) await database.managementInputs.put(data.managementInputs)
    const written: RowCounts = countUnitYear(data)
    await recordAudit(database, [
      {
        table: 'datasets',
        key: `${data.unit.id}/${data.year}`,
        before: removed,
        after: { unit: data.unit.name, ...written },
      },
    ])
    return written
  })
}

/**
 * The look-alike checks of `saveUnitYear` on `data` (names normalised; `typed` is the dataset as
 * given, for the message). The stored projects and lines are read only when two of `data`'s share a
 * name, which a dataset built by the import or the demo never does.
 */
async function assertNoLookAlikes(
  database: MonitoringDb,
  data: UnitYearDataset,
  typed: UnitYearDataset,
): Promise<void> {
  assertUnitName(data.unit, typed.unit.name, await database.units.toArray())
  const typedNames = (rows: readonly { id: Id; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]))
  if (newLookAlikes(data.projects, [], (p) => normalizeName(p.name)).length > 0) {
    const stored = await ofUnit(database.projects, data.unit.id, data.year).toArray()
    assertNoLookAlikeProjects(data.projects, stored, typedNames(typed.projects))
  }
  if (newLookAlikes(data.budgetLines, [], budgetLineIdentity).length > 0) {
    const stored = await ofUnit(database.budgetLines, data.unit.id, data.year).toArray()
    assertNoLookAlikeLines(data.budgetLines, stored, data.projects, typedNames(typed.budgetLines))
  }
}

/** True once anything has been stored (the first-run screen offers demo data otherwise). */
export async function hasAnyData({ database = db }: DbOptions = {}): Promise<boolean> {
  return (await database.units.count()) > 0
}

function isUnitYearKey(key: unknown): key is [Id, number] {
  return Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'number'
}

/** Every unit-year that holds data, by unit name (拼音 order) then year. */
export async function listUnitYears({ database = db }: DbOptions = {}): Promise<UnitYearRef[]> {
  const tables = [database.units, database.projects, database.budgetLines, database.targets, database.nodes]
  return database.transaction('r', tables, async () => {
    const seen = new Map<string, [Id, number]>()
    const keyLists = await Promise.all(
      [database.projects, database.budgetLines, database.targets, database.nodes].map((table) =>
        table.orderBy('[unitId+year]').uniqueKeys(),
      ),
    )
    for (const key of keyLists.flat()) {
      if (isUnitYearKey(key)) seen.set(JSON.stringify(key), key)
    }
    const units = await database.units.bulkGet([...new Set([...seen.values()].map(([unitId]) => unitId))])
    const names = new Map(units.flatMap((u) => (u ? [[u.id, u.name] as const] : [])))
    return [...seen.values()]
      .filter(([unitId]) => names.has(unitId))
      .map(([unitId, year]) => ({ unitId, unitName: names.get(unitId) ?? '', year }))
      .sort(
        (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || a.year - b.year || (a.unitId < b.unitId ? -1 : 1),
      )
  })
}
