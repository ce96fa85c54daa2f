/**
 * 定稿 is enforced by the store (docs/domain-rules.md §12; docs/reliability.md §7): on seed 001's demo unit with its
 * 1-6月 node locked, every db entry point that would change a figure of that node's report refuses,
 * inside its own transaction, with a message naming the node and the way out (解锁), and writes
 * nothing; writes to months the node does not cover, and to open nodes, still go through.
 */
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deleteBudgetLine, putBudgetLine, putExecutions } from '@/db/budget'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { replaceNodeAlerts } from '@/db/alerts'
import { assignMeasure, deleteMeasure, putMeasure } from '@/db/measures'
import { copyForward, deleteNode, putBudgetJudgements, putReadings } from '@/db/nodes'
import { deleteProject, putProject } from '@/db/projects'
import { putUnit } from '@/db/units'
import { freezeReport, unlockReport } from '@/db/reports'
import { deleteIndicator, deleteTarget, putFramework, putIndicator, putTarget } from '@/db/targets'
import type { WriteResult } from '@/db/result'
import type { MonitoringDb } from '@/db/schema'
import { DEMO_NODE_ID, DEMO_UNIT_ID, DEMO_YEAR } from '@/domain/demo/ids'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { settingsForNode } from '@/domain/lock'
import type { MonthlyExecution, UnitYearDataset } from '@/domain/types'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'
import { dec } from '../domain/factories'

const FROZEN = { title: '且末县自然资源局2021年1-6月绩效监控报告', executionRate: '25.70%' }
const LOCKED_MESSAGE = '监控节点“2021年1-6月”已定稿（已锁定）'
const WAY_OUT = '请先在「数据管理 › 监控节点」中解锁（须填写原因），本次保存未写入任何数据'

/** Seed 001's demo unit-year, its 1-6月 node 定稿 with the default settings. */
async function lockedDemo(): Promise<{ database: MonitoringDb; dataset: UnitYearDataset }> {
  const database = freshDb()
  const dataset = qiemo2021Dataset()
  expectOk(await saveUnitYear(dataset, { database }))
  expectOk(await freezeReport(DEMO_NODE_ID, FROZEN, { settings: DEFAULT_SETTINGS, database }))
  const stored = await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database })
  if (!stored) throw new Error('the demo was saved')
  return { database, dataset: stored }
}

const gzfl = (dataset: UnitYearDataset) => {
  const line = dataset.budgetLines.find((l) => l.name === '工资福利支出')
  if (!line) throw new Error('seed 001 has 工资福利支出')
  return line
}

/** Every db entry point that writes a figure of the 1-6月 report, each with a plausible change. */
function lockedWrites(
  dataset: UnitYearDataset,
  database: MonitoringDb,
): Record<string, () => Promise<WriteResult<unknown, unknown>>> {
  const line = gzfl(dataset)
  const june = dataset.monthlyExecutions.find((e) => e.budgetLineId === line.id && e.month === 6) as MonthlyExecution
  const indicator = dataset.indicators[0]
  const target = dataset.targets[0]
  const project = dataset.projects[0]
  const reading = dataset.readings.find((r) => r.nodeId === DEMO_NODE_ID)
  const measure = dataset.measures[0]
  if (!indicator || !target || !project || !reading || !measure) throw new Error('the demo has them all')
  return {
    '6月执行数': () => putExecutions([{ ...june, spent: '300.00' }], { database }),
    '3月到位资金': () => putExecutions([{ ...june, id: 'x', month: 3, allocated: '1.00' }], { database }),
    年初预算: () => putBudgetLine({ ...line, initialBudget: '1200.00' }, { database }),
    新增预算行: () => putBudgetLine({ ...line, id: 'new-line', name: '新增支出' }, { database }),
    删除预算行: () => deleteBudgetLine(line.id, { database }),
    指标填报: () => putReadings([{ ...reading, actualValue: '9' }], { database }),
    预算研判: () =>
      putBudgetJudgements(
        [{ id: 'j', nodeId: DEMO_NODE_ID, budgetLineId: line.id, deviationCauses: [], deviationText: '' }],
        { database },
      ),
    三级指标: () => putIndicator({ ...indicator, targetValue: '16' }, { database }),
    删除三级指标: () => deleteIndicator(indicator.id, { database }),
    绩效目标: () => putTarget({ ...target, description: '改写' }, { database }),
    删除绩效目标: () => deleteTarget(target.id, { database }),
    项目: () => putProject({ ...project, name: '改名项目' }, { database }),
    删除项目: () => deleteProject(project.id, { database }),
    指标体系: () => putFramework({ ...dataset.framework, level1: [] }, { database }),
    纠偏措施: () => putMeasure({ ...measure, content: '改写' }, { database }),
    删除纠偏措施: () => deleteMeasure(measure.id, { database }),
    指派纠偏措施: () => assignMeasure('a', { ...measure, id: 'm-new' }, '局长', { database }),
    重新计算预警: () => replaceNodeAlerts(DEMO_NODE_ID, [], { database }),
    删除节点: () => deleteNode(DEMO_NODE_ID, { database }),
    '导入（解除锁定）': () =>
      saveUnitYear({ ...dataset, nodes: dataset.nodes.map((n) => ({ ...n, status: 'draft' as const })) }, { database }),
    导入覆盖: () =>
      saveUnitYear(
        {
          ...dataset,
          monthlyExecutions: dataset.monthlyExecutions.map((e) => (e.id === june.id ? { ...e, spent: '1.00' } : e)),
        },
        { database },
      ),
  }
}

describe('a 定稿 node refuses every write that would change its figures', () => {
  it('seed 001 1-6月 locked: each entry point refuses, names the node and 解锁, and writes nothing', async () => {
    const { database, dataset } = await lockedDemo()
    const before = await snapshot(database)
    for (const [what, write] of Object.entries(lockedWrites(dataset, database))) {
      const message = expectFailure(await write())
      expect(message, what).toContain(LOCKED_MESSAGE)
      expect(message, what).toContain(WAY_OUT)
    }
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('names the month and the line: 修改“工资福利支出”6月的执行数或到位资金', async () => {
    const { database, dataset } = await lockedDemo()
    const june = dataset.monthlyExecutions.find(
      (e) => e.budgetLineId === gzfl(dataset).id && e.month === 6,
    ) as MonthlyExecution
    expect(expectFailure(await putExecutions([{ ...june, spent: '300.00' }], { database }))).toBe(
      `${LOCKED_MESSAGE}，修改“工资福利支出”6月的执行数或到位资金会改变其已定稿报告中的数字。如确需修改，${WAY_OUT}。`,
    )
  })

  it('random writes through every entry point against the locked 1-6月 change nothing and each gets the message', async () => {
    const { database, dataset } = await lockedDemo()
    const before = await snapshot(database)
    const writes = lockedWrites(dataset, database)
    const line = gzfl(dataset)
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(...Object.keys(writes)).map((name) => () => writes[name]()),
            // any month the node covers, any figures
            fc
              .record({
                month: fc.integer({ min: 1, max: 6 }),
                spent: fc.nat({ max: 200000 }),
                allocated: fc.nat({ max: 200000 }),
              })
              .map(
                (r) => () =>
                  putExecutions(
                    [
                      {
                        id: `e-${r.month}`,
                        budgetLineId: line.id,
                        year: DEMO_YEAR,
                        month: r.month as MonthlyExecution['month'],
                        spent: dec((r.spent / 100).toFixed(2)),
                        allocated: dec((r.allocated / 100).toFixed(2)),
                      },
                    ],
                    { database },
                  ),
              ),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (attempts) => {
          for (const attempt of attempts) expect(expectFailure(await attempt())).toContain(LOCKED_MESSAGE)
          expect(await snapshot(database)).toStrictEqual(before)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('July, which 1-6月 does not cover, is still entered: 工资福利支出 7月 430.00', async () => {
    const { database, dataset } = await lockedDemo()
    const line = gzfl(dataset)
    const july: MonthlyExecution = {
      id: 'gzfl-7',
      budgetLineId: line.id,
      year: DEMO_YEAR,
      month: 7,
      allocated: '430.00',
      spent: '430.00',
    }
    expectOk(await putExecutions([july], { database }))
    const stored = (await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database }))?.monthlyExecutions.find(
      (e) => e.budgetLineId === line.id && e.month === 7,
    )
    expect(stored?.spent).toBe('430.00')
  })

  it('a 追加 of 100 dated September goes through while 1-6月 is locked; dated June it is refused', async () => {
    const { database, dataset } = await lockedDemo()
    const line = gzfl(dataset)
    expect(
      expectFailure(await putBudgetLine({ ...line, additions: '100', adjustmentMonth: 6 }, { database })),
    ).toContain(LOCKED_MESSAGE)
    expect(
      expectOk(await putBudgetLine({ ...line, additions: '100', adjustmentMonth: 9 }, { database })).additions,
    ).toBe('100')
    // a new line for a September 追加 (nothing budgeted before) goes through too
    expectOk(
      await putBudgetLine(
        {
          ...line,
          id: 'sep-line',
          name: '9月追加专项',
          initialBudget: '0',
          additions: '50',
          carryOver: '0',
          adjustmentMonth: 9,
        },
        { database },
      ),
    )
  })

  it('a new 1-7月 node starts from the locked one and takes its own readings', async () => {
    const { database, dataset } = await lockedDemo()
    const july = expectOk(await copyForward(DEMO_NODE_ID, '2021-07-31', '2021年1-7月', { database }))
    const reading = dataset.readings.find((r) => r.nodeId === DEMO_NODE_ID)
    if (!reading) throw new Error('the demo has readings')
    expectOk(await putReadings([{ ...reading, id: 'r-7', nodeId: july.id, actualValue: '9' }], { database }))
  })

  it('解锁 with a reason opens the node again: the 6月 figure can then be corrected', async () => {
    const { database, dataset } = await lockedDemo()
    const june = dataset.monthlyExecutions.find(
      (e) => e.budgetLineId === gzfl(dataset).id && e.month === 6,
    ) as MonthlyExecution
    expectOk(await unlockReport(DEMO_NODE_ID, '财政局退回，需更正6月执行数', { database }))
    expect(expectOk(await putExecutions([{ ...june, spent: '300.00' }], { database }))[0]?.spent).toBe('300.00')
  })
})

describe('the unit’s 执行率 base is part of a 定稿 report', () => {
  it('refuses to count 上年结转 in the denominator while 1-6月 is locked; the unit’s name may still change', async () => {
    const { database, dataset } = await lockedDemo()
    expect(expectFailure(await putUnit({ ...dataset.unit, carryOverInExecutionBase: true }, { database }))).toContain(
      `${LOCKED_MESSAGE}，修改执行率口径`,
    )
    expect(expectOk(await putUnit({ ...dataset.unit, financeOfficer: '郝永婕' }, { database })).financeOfficer).toBe(
      '郝永婕',
    )
    // an import or demo load (saveUnitYear) is compared the same way
    expect(
      expectFailure(
        await saveUnitYear({ ...dataset, unit: { ...dataset.unit, carryOverInExecutionBase: true } }, { database }),
      ),
    ).toContain('执行率口径')
  })
})

describe('a locked node keeps the settings it was frozen with', () => {
  it('freezes the thresholds with the node, and drops them on 解锁', async () => {
    const { database } = await lockedDemo()
    const locked = (await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database }))?.nodes[0]
    if (!locked) throw new Error('the demo has a node')
    const later = { ...DEFAULT_SETTINGS, budgetLight: { red: 40, yellow: 50 } }
    expect(locked.frozenSettings?.budgetLight).toStrictEqual(DEFAULT_SETTINGS.budgetLight)
    expect(settingsForNode(locked, later)).toStrictEqual(DEFAULT_SETTINGS)
    expectOk(await unlockReport(DEMO_NODE_ID, '财政局退回，需更正6月执行数', { database }))
    const open = (await loadUnitYear(DEMO_UNIT_ID, DEMO_YEAR, { database }))?.nodes[0]
    if (!open) throw new Error('the demo has a node')
    expect(open.frozenSettings).toBeUndefined()
    expect(settingsForNode(open, later)).toStrictEqual(later)
  })
})
