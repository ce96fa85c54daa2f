/**
 * The Excel import's 预算执行 sheet (template version 3): 追加 / 追减 carry the month they
 * take effect (调整月份, the sheet's last column, AI; blank = January; files without it import as
 * before), 到位资金 follows the unit's 到位资金口径 (单位信息 may carry it and the 执行率口径), and the
 * preview warns about unreported months (a gap in a line's months; a year with only December).
 * Workbooks are the app's own export of seed 001 (工资福利支出 1129.83 万元, cumulative 执行数 1月 53.90 …
 * 6月 324.88), read into plain grids and edited in memory.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { adjustedBudget } from '@/domain/rates'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { commitWorkbook, exportBytes, previewWorkbook } from '@/stores/dataTransfer'
import { readGrids, writeWorkbook } from '@/io/excel/workbook'
import { monthsText, parseAdjustmentMonth, planImport, type ImportPlan, type SheetGrid } from '@/io/import'
import type { MonitoringNode, Unit, UnitYearDataset } from '@/domain/types'
import { expectOk, freshDb } from '../db/helpers'

/** 0-based cell indexes of 预算执行: K–V 1–12月执行数, W–AH 1–12月到位资金, AI 调整月份. */
const SPENT = (m: number) => 9 + m
const ALLOCATED = (m: number) => 21 + m
const ADJUSTMENT_MONTH = 34
/** 单位信息 rows (0-based): 到位资金口径 on row 7, 执行率口径 on row 8. */
const INFO_ALLOCATED_MODE = 6
const INFO_EXECUTION_BASE = 7
const SALARY = 'demo-bl-gzfl'
const SALARY_PATH = ['53.90', '107.95', '162.20', '216.45', '270.60', '324.88']

function sheetOf(grids: SheetGrid[], name: string): SheetGrid {
  const found = grids.find((g) => g.name === name)
  if (!found) throw new Error(`no sheet ${name}`)
  return found
}
const budgetOf = (grids: SheetGrid[]) => sheetOf(grids, '预算执行')
/** The 预算执行 row (0-based) of 工资福利支出. */
const salaryRow = (grids: SheetGrid[]) => budgetOf(grids).rows.findIndex((r) => r[4] === '工资福利支出')

const planFor = (
  grids: SheetGrid[],
  d: UnitYearDataset | null,
  extra: { unitNodes?: MonitoringNode[] } = {},
): ImportPlan =>
  planImport({ grids, existing: d, existingUnit: d?.unit ?? null, existingFramework: d?.framework ?? null, ...extra })
const exported = async (d: UnitYearDataset) => readGrids(await writeWorkbook({ dataset: d }))
const messages = (plan: ImportPlan) => plan.problems.map((p) => p.message)
const warningTexts = (plan: ImportPlan) => plan.warnings.map((p) => p.message)
const executionOf = (plan: ImportPlan, line: string, month: number) =>
  plan.dataset?.monthlyExecutions.find((e) => e.budgetLineId === line && e.month === month)

/** Seed 001 with a September 追加 of 100 on 工资福利支出 (and a unit setting, when given). */
function datedDemo(unit: Partial<Unit> = {}): UnitYearDataset {
  const demo = qiemo2021Dataset()
  return {
    ...demo,
    unit: { ...demo.unit, ...unit },
    budgetLines: demo.budgetLines.map((l) =>
      l.id === SALARY ? { ...l, additions: '100', adjustmentMonth: 9 as const } : l,
    ),
  }
}

describe('调整月份 (追加 / 追减 are dated)', () => {
  it('is the last column of 预算执行; an export writes the stored month and re-imports with zero changes', async () => {
    const demo = datedDemo()
    const grids = await exported(demo)
    const budget = budgetOf(grids)
    expect(budget.rows[0][ADJUSTMENT_MONTH]).toBe('调整月份')
    expect(budget.rows[0].slice(6, 10)).toEqual(['年初预算', '追加', '追减', '上年结转'])
    const row = salaryRow(grids)
    expect(budget.rows[row].slice(6, 9)).toEqual([1129.83, 100, 0])
    expect(budget.rows[row][ADJUSTMENT_MONTH]).toBe(9)
    // the other lines have no month: the cell stays blank
    expect(
      budget.rows.slice(1).filter((r) => r[ADJUSTMENT_MONTH] !== undefined && r[ADJUSTMENT_MONTH] !== null),
    ).toHaveLength(1)
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.rows.filter((r) => r.status !== 'unchanged')).toEqual([])
    expect(plan.unchanged).toBe(true)
    expect(plan.dataset?.budgetLines.find((l) => l.id === SALARY)?.adjustmentMonth).toBe(9)
  })

  it('reads 1–12 (also ９ and 9月) as the month; a blank cell is January and clears a stored month', async () => {
    const demo = datedDemo()
    for (const [cell, month] of [
      [9, 9],
      ['９', 9],
      ['9月', 9],
      [3, 3],
      ['12', 12],
    ] as const) {
      const grids = await exported(demo)
      budgetOf(grids).rows[salaryRow(grids)][ADJUSTMENT_MONTH] = cell
      const plan = planFor(grids, demo)
      expect(messages(plan), String(cell)).toEqual([])
      expect(plan.dataset?.budgetLines.find((l) => l.id === SALARY)?.adjustmentMonth, String(cell)).toBe(month)
    }
    const grids = await exported(demo)
    const row = salaryRow(grids)
    budgetOf(grids).rows[row][ADJUSTMENT_MONTH] = null
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.rows.filter((r) => r.status !== 'unchanged')).toEqual([
      {
        sheet: '预算执行',
        row: row + 1,
        label: '工资福利支出（财政拨款）',
        status: 'changed',
        detail: '调整月份 9 → （空）',
      },
    ])
    const salary = plan.dataset?.budgetLines.find((l) => l.id === SALARY)
    expect(salary && 'adjustmentMonth' in salary).toBe(false)
    // January from then on: the 追加 counts in 1-6月's 调整后预算
    expect(salary && adjustedBudget(salary, 6).toFixed(2)).toBe('1229.83')
  })

  it('a blank cell and a stored 1 (or a 1 typed and no stored month) both mean January: unchanged', async () => {
    const january = {
      ...datedDemo(),
      budgetLines: datedDemo().budgetLines.map((l) => (l.id === SALARY ? { ...l, adjustmentMonth: 1 as const } : l)),
    }
    const grids = await exported(january)
    budgetOf(grids).rows[salaryRow(grids)][ADJUSTMENT_MONTH] = null
    expect(planFor(grids, january).unchanged).toBe(true)
    expect(planFor(grids, january).dataset?.budgetLines.find((l) => l.id === SALARY)?.adjustmentMonth).toBe(1)

    const demo = qiemo2021Dataset()
    const typed = await exported(demo)
    budgetOf(typed).rows[salaryRow(typed)][ADJUSTMENT_MONTH] = 1
    const plan = planFor(typed, demo)
    expect(plan.unchanged).toBe(true)
    expect(plan.dataset?.budgetLines.find((l) => l.id === SALARY)?.adjustmentMonth).toBeUndefined()
  })

  it('names a month that is not 1–12 (0, 13, 2.5, 九月, a date) by its cell, and plans nothing', async () => {
    const demo = datedDemo()
    const grids = await exported(demo)
    const budget = budgetOf(grids)
    const bad = [0, 13, 2.5, '九月', new Date(Date.UTC(2021, 8, 1))]
    bad.forEach((cell, i) => {
      budget.rows[i + 1][ADJUSTMENT_MONTH] = cell
    })
    const plan = planFor(grids, demo)
    expect(plan.problems.map((p) => [p.sheet, p.row, p.column])).toEqual(bad.map((_, i) => ['预算执行', i + 2, 'AI']))
    expect(messages(plan)).toEqual([
      '预算执行 第2行 AI列「调整月份」应为 1 至 12 的整数，实为“0”',
      '预算执行 第3行 AI列「调整月份」应为 1 至 12 的整数，实为“13”',
      '预算执行 第4行 AI列「调整月份」应为 1 至 12 的整数，实为“2.5”',
      '预算执行 第5行 AI列「调整月份」应为 1 至 12 的整数，实为“九月”',
      '预算执行 第6行 AI列「调整月份」应为 1 至 12 的整数，实为“2021-09-01”',
    ])
    expect(plan.dataset).toBeNull()
  })

  it('a file without the column (template version 2) imports as before and keeps the stored month', async () => {
    const demo = datedDemo()
    const grids = (await exported(demo)).map((g) =>
      g.name === '预算执行' ? { ...g, rows: g.rows.map((r) => r.slice(0, ADJUSTMENT_MONTH)) } : g,
    )
    expect(budgetOf(grids).rows[0]).toHaveLength(34)
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.unchanged).toBe(true)
    expect(plan.dataset?.budgetLines.find((l) => l.id === SALARY)?.adjustmentMonth).toBe(9)
    // into an empty database: no month at all (January)
    const fresh = planFor(grids, null)
    expect(fresh.problems).toEqual([])
    expect(fresh.dataset?.budgetLines.find((l) => l.name === '工资福利支出')).not.toHaveProperty('adjustmentMonth')
  })

  it('a header typed in its place is named like any other header', async () => {
    const grids = await exported(datedDemo())
    budgetOf(grids).rows[0][ADJUSTMENT_MONTH] = '生效月份'
    expect(messages(planFor(grids, datedDemo()))).toEqual([
      '预算执行 第1行 AI列 表头应为「调整月份」，实为“生效月份”。请不要改动模板的表头和列顺序',
    ])
  })

  it('with 1-6月 定稿, moving a September 追加 to March is refused, and to August is not', async () => {
    const demo = datedDemo()
    const locked = { ...demo, nodes: demo.nodes.map((n) => ({ ...n, status: 'locked' as const })) }
    const march = await exported(locked)
    budgetOf(march).rows[salaryRow(march)][ADJUSTMENT_MONTH] = 3
    expect(messages(planFor(march, locked))).toEqual([
      '监控节点“2021年1-6月”已定稿，导入会修改其预算行，与已定稿的报告不一致。请只导入未定稿月份的数据，或先在「数据管理 › 监控节点」中解锁（须填写原因）',
    ])
    const august = await exported(locked)
    budgetOf(august).rows[salaryRow(august)][ADJUSTMENT_MONTH] = 8
    const plan = planFor(august, locked)
    expect(plan.problems).toEqual([])
    expect(plan.dataset?.budgetLines.find((l) => l.id === SALARY)?.adjustmentMonth).toBe(8)
  })

  it('parseAdjustmentMonth and monthsText', () => {
    expect(parseAdjustmentMonth(null)).toEqual({ ok: true, value: null })
    expect(parseAdjustmentMonth('  ')).toEqual({ ok: true, value: null })
    expect(parseAdjustmentMonth(' 10 月')).toEqual({ ok: true, value: 10 })
    for (const cell of [0, 13, 2.5, -1, '九月', '1.0', true])
      expect(parseAdjustmentMonth(cell).ok, String(cell)).toBe(false)
    expect(monthsText([4, 5])).toBe('4、5月')
    expect(monthsText([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe('1-11月')
    expect(monthsText([6, 2, 4, 5])).toBe('2、4-6月')
  })
})

describe('到位资金 as the unit keeps it (到位资金口径)', () => {
  /** The export with 工资福利支出's 7月执行数 380 typed and its 7月到位资金 left blank. */
  async function julyWithoutFunds(d: UnitYearDataset) {
    const grids = await exported(d)
    const row = salaryRow(grids)
    budgetOf(grids).rows[row][SPENT(7)] = 380
    return { grids, row }
  }

  it('逐月填写 (the default): a 执行数 without 到位资金 is still named', async () => {
    const demo = qiemo2021Dataset()
    const { grids } = await julyWithoutFunds(demo)
    expect(messages(planFor(grids, demo))).toEqual(['预算执行 第2行 AC列「7月到位资金」须填写（已填7月执行数）'])
  })

  it('与执行数相同: the blank 到位资金 is the 执行数; months as stored keep their stored 到位资金', async () => {
    const demo = qiemo2021Dataset()
    const unit = { ...demo.unit, allocatedMode: 'equalsSpent' as const }
    const d = { ...demo, unit }
    const { grids, row } = await julyWithoutFunds(d)
    // blank every 到位资金 of the line: 1-6月 are as stored, so their (month-ahead) funds stay
    for (let m = 1; m <= 12; m++) budgetOf(grids).rows[row][ALLOCATED(m)] = null
    const plan = planFor(grids, d)
    expect(plan.problems).toEqual([])
    expect(plan.counts.monthlyExecutions).toEqual({ new: 1, changed: 0, unchanged: 30 })
    expect(executionOf(plan, SALARY, 7)).toMatchObject({ spent: '380', allocated: '380' })
    expect(SALARY_PATH.map((_, i) => executionOf(plan, SALARY, i + 1)?.spent)).toEqual(SALARY_PATH)
    expect(executionOf(plan, SALARY, 1)).toMatchObject({ spent: '53.90', allocated: '107.95' })
    expect(plan.rows.find((r) => r.sheet === '预算执行' && r.row === row + 1)?.detail).toBe(
      '新增7月执行数 380、到位资金 380',
    )
  })

  it('与执行数相同: a changed 执行数 moves a blank 到位资金 with it (324.88 → 330)', async () => {
    const demo = qiemo2021Dataset()
    const d = { ...demo, unit: { ...demo.unit, allocatedMode: 'equalsSpent' as const } }
    const grids = await exported(d)
    const row = salaryRow(grids)
    budgetOf(grids).rows[row][SPENT(6)] = '330'
    budgetOf(grids).rows[row][ALLOCATED(6)] = null
    const plan = planFor(grids, d)
    expect(plan.problems).toEqual([])
    expect(plan.rows.find((r) => r.sheet === '预算执行' && r.row === row + 1)?.detail).toBe(
      '6月执行数 324.88 → 330；6月到位资金 324.88 → 330',
    )
  })

  it('全额到位: the blank 到位资金 is the 调整后预算 as of that month (a September 追加 counts from September)', async () => {
    const d = datedDemo({ allocatedMode: 'fullBudget' })
    const grids = await exported(d)
    const row = salaryRow(grids)
    budgetOf(grids).rows[row][SPENT(7)] = 380
    budgetOf(grids).rows[row][SPENT(9)] = 500
    const plan = planFor(grids, d)
    expect(plan.problems).toEqual([])
    expect(executionOf(plan, SALARY, 7)).toMatchObject({ spent: '380', allocated: '1129.83' })
    expect(executionOf(plan, SALARY, 9)).toMatchObject({ spent: '500', allocated: '1229.83' })
    // a 到位资金 written in the file is taken as written
    budgetOf(grids).rows[row][ALLOCATED(7)] = 400
    expect(executionOf(planFor(grids, d), SALARY, 7)).toMatchObject({ spent: '380', allocated: '400' })
  })

  it('a 到位资金 without 执行数 is named under every 口径', async () => {
    const demo = qiemo2021Dataset()
    const d = { ...demo, unit: { ...demo.unit, allocatedMode: 'equalsSpent' as const } }
    const grids = await exported(d)
    budgetOf(grids).rows[salaryRow(grids)][ALLOCATED(7)] = 400
    expect(messages(planFor(grids, d))).toEqual(['预算执行 第2行 Q列「7月执行数」须填写（已填7月到位资金）'])
  })

  it('单位信息 carries both settings: exported in full, re-imported unchanged, blank rows keep what is stored', async () => {
    const d = datedDemo({ allocatedMode: 'fullBudget', carryOverInExecutionBase: true })
    const grids = await exported(d)
    const info = sheetOf(grids, '单位信息')
    expect(info.rows[INFO_ALLOCATED_MODE].slice(0, 2)).toEqual(['到位资金口径', '全额到位（等于调整后预算）'])
    expect(info.rows[INFO_EXECUTION_BASE].slice(0, 2)).toEqual(['执行率口径', '含上年结转'])
    expect(planFor(grids, d).unchanged).toBe(true)
    info.rows[INFO_ALLOCATED_MODE][1] = null
    info.rows[INFO_EXECUTION_BASE][1] = null
    const blank = planFor(grids, d)
    expect(blank.unchanged).toBe(true)
    expect(blank.dataset?.unit).toEqual(d.unit)
    // a version-2 file has neither row
    const old = (await exported(d)).map((g) =>
      g.name === '单位信息' ? { ...g, rows: g.rows.slice(0, INFO_ALLOCATED_MODE) } : g,
    )
    expect(planFor(old, d).dataset?.unit).toEqual(d.unit)
    // the default demo exports the defaults, which mean "absent" and re-import unchanged
    const plain = await exported(qiemo2021Dataset())
    expect(
      sheetOf(plain, '单位信息')
        .rows.slice(INFO_ALLOCATED_MODE)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ['到位资金口径', '逐月填写'],
      ['执行率口径', '调整后预算'],
    ])
    const plan = planFor(plain, qiemo2021Dataset())
    expect(plan.unchanged).toBe(true)
    expect(plan.dataset?.unit).toEqual(qiemo2021Dataset().unit)
  })

  it('a 口径 set in 单位信息 is shown as a change and governs the same file’s 预算执行', async () => {
    const demo = qiemo2021Dataset()
    const { grids } = await julyWithoutFunds(demo)
    sheetOf(grids, '单位信息').rows[INFO_ALLOCATED_MODE][1] = '与执行数相同'
    sheetOf(grids, '单位信息').rows[INFO_EXECUTION_BASE][1] = '含上年结转'
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.dataset?.unit).toMatchObject({ allocatedMode: 'equalsSpent', carryOverInExecutionBase: true })
    expect(executionOf(plan, SALARY, 7)).toMatchObject({ spent: '380', allocated: '380' })
    expect(plan.rows.filter((r) => r.sheet === '单位信息')).toEqual([
      {
        sheet: '单位信息',
        row: 7,
        label: '到位资金口径',
        status: 'changed',
        detail: '到位资金口径 逐月填写 → 与执行数相同',
      },
      {
        sheet: '单位信息',
        row: 8,
        label: '执行率口径',
        status: 'changed',
        detail: '执行率口径 调整后预算 → 含上年结转',
      },
    ])
    expect(plan.unchanged).toBe(false)
    // back to 逐月填写 / 调整后预算: the fields go, as the unit form leaves them
    const back = await exported(plan.dataset as UnitYearDataset)
    sheetOf(back, '单位信息').rows[INFO_ALLOCATED_MODE][1] = '逐月填写'
    sheetOf(back, '单位信息').rows[INFO_EXECUTION_BASE][1] = '调整后预算'
    const unit = planFor(back, plan.dataset).dataset?.unit
    expect(unit && ('allocatedMode' in unit || 'carryOverInExecutionBase' in unit)).toBe(false)
  })

  it('accepts 全额到位 for the long label, and names a value that is neither', async () => {
    const demo = qiemo2021Dataset()
    const grids = await exported(demo)
    sheetOf(grids, '单位信息').rows[INFO_ALLOCATED_MODE][1] = '全额到位'
    expect(planFor(grids, demo).dataset?.unit.allocatedMode).toBe('fullBudget')
    sheetOf(grids, '单位信息').rows[INFO_ALLOCATED_MODE][1] = '按月'
    sheetOf(grids, '单位信息').rows[INFO_EXECUTION_BASE][1] = '是'
    expect(messages(planFor(grids, demo))).toEqual([
      '单位信息 第7行 B列「到位资金口径」不是可选值（可选：逐月填写、与执行数相同、全额到位（等于调整后预算））：“按月”',
      '单位信息 第8行 B列「执行率口径」不是可选值（可选：调整后预算、含上年结转）：“是”',
    ])
  })

  it('the 执行率口径 cannot change while a node of the unit, of any year, is 定稿', async () => {
    const demo = qiemo2021Dataset()
    const locked = { ...demo, nodes: demo.nodes.map((n) => ({ ...n, status: 'locked' as const })) }
    const grids = await exported(locked)
    sheetOf(grids, '单位信息').rows[INFO_EXECUTION_BASE][1] = '含上年结转'
    const refusal =
      '单位信息 第8行 B列「执行率口径」不能改为“含上年结转”：监控节点“2021年1-6月”已定稿（已锁定），修改执行率口径会改变其已定稿报告中的数字。如确需修改，请先在「数据管理 › 监控节点」中解锁（须填写原因）'
    expect(messages(planFor(grids, locked))).toEqual([refusal])
    // a locked 2020 node refuses it too; the 到位资金口径 never changes a stored figure and may change
    const node2020: MonitoringNode = {
      id: 'n2020',
      unitId: demo.unit.id,
      year: 2020,
      asOfDate: '2020-12-31',
      label: '2020年1-12月',
      status: 'locked',
    }
    expect(messages(planFor(grids, demo, { unitNodes: [node2020] }))).toEqual([
      refusal.replace('2021年1-6月', '2020年1-12月'),
    ])
    sheetOf(grids, '单位信息').rows[INFO_EXECUTION_BASE][1] = '调整后预算'
    sheetOf(grids, '单位信息').rows[INFO_ALLOCATED_MODE][1] = '与执行数相同'
    expect(planFor(grids, locked).problems).toEqual([])
  })
})

describe('unreported months are warned about, never zero', () => {
  it('a gap in a line’s months: “工资福利支出”缺4、5月', async () => {
    const demo = qiemo2021Dataset()
    const grids = await exported(demo)
    const row = salaryRow(grids)
    for (const m of [4, 5]) {
      budgetOf(grids).rows[row][SPENT(m)] = null
      budgetOf(grids).rows[row][ALLOCATED(m)] = null
    }
    // into an empty database: the file's months are all there is
    const plan = planFor(grids, null)
    expect(plan.problems).toEqual([])
    expect(warningTexts(plan)).toEqual(['预算执行 第2行 “工资福利支出”缺4、5月的执行数：这些月份按未填报处理，不计为0'])
    expect(plan.warnings[0]).toMatchObject({ sheet: '预算执行', row: 2, column: '' })
    const salary = plan.dataset?.budgetLines.find((l) => l.name === '工资福利支出')
    const months = plan.dataset?.monthlyExecutions
      .filter((e) => e.budgetLineId === salary?.id)
      .sort((a, b) => a.month - b.month)
    // (a new row takes the file's spelling: the number cell 53.90 reads as 53.9)
    expect(months?.map((e) => [e.month, Number(e.spent).toFixed(2)])).toEqual([
      [1, '53.90'],
      [2, '107.95'],
      [3, '162.20'],
      [6, '324.88'],
    ])
    // stored months 4 and 5 stay (an import never deletes), so there is no gap to warn about
    const merged = planFor(grids, demo)
    expect(merged.warnings).toEqual([])
    expect(merged.unchanged).toBe(true)
  })

  it('names the line with its project and 资金来源, and long gaps as a range', async () => {
    const demo = qiemo2021Dataset()
    const grids = await exported(demo)
    const budget = budgetOf(grids)
    const project = budget.rows.findIndex((r) => r[2] === '国有土地出让金评估项目')
    budget.rows[project][5] = '上级专项'
    for (let m = 2; m <= 5; m++) {
      budget.rows[project][SPENT(m)] = null
      budget.rows[project][ALLOCATED(m)] = null
    }
    budget.rows[project][SPENT(12)] = 0
    budget.rows[project][ALLOCATED(12)] = 0
    expect(warningTexts(planFor(grids, null))).toEqual([
      `预算执行 第${project + 1}行 “国有土地出让金评估项目 / 国有土地出让金评估项目（上级专项）”缺2-5、7-11月的执行数：这些月份按未填报处理，不计为0`,
    ])
  })

  it('a workbook with only 12月 figures: 1-11月 are 未填报 and no monthly average can be formed', async () => {
    const demo = qiemo2021Dataset()
    const grids = await exported(demo)
    const budget = budgetOf(grids)
    for (let r = 1; r < budget.rows.length; r++) {
      const june = [budget.rows[r][SPENT(6)], budget.rows[r][ALLOCATED(6)]]
      for (let m = 1; m <= 12; m++) {
        budget.rows[r][SPENT(m)] = null
        budget.rows[r][ALLOCATED(m)] = null
      }
      budget.rows[r][SPENT(12)] = june[0]
      budget.rows[r][ALLOCATED(12)] = june[1]
    }
    // the readings are June's, and the node 6月30日: leave them out of this file
    const plan = planFor(
      grids
        .filter((g) => g.name !== '指标填报')
        .concat([{ name: '指标填报', rows: [sheetOf(grids, '指标填报').rows[0]] }]),
      null,
    )
    expect(plan.problems).toEqual([])
    expect(warningTexts(plan)).toEqual(['只有12月的执行数：1-11月按未填报处理，无法计算月均执行率'])
    expect(plan.warnings[0]).toMatchObject({ sheet: '预算执行', row: 0 })
    expect(plan.dataset?.monthlyExecutions.map((e) => e.month)).toEqual([12, 12, 12, 12, 12])
    expect(plan.dataset?.monthlyExecutions.find((e) => e.spent === '324.88')).toMatchObject({
      month: 12,
      allocated: '324.88',
    })
  })
})

describe('on a database', () => {
  it('a new unit imported with 与执行数相同 and only 执行数 is stored with its 口径 and funds; the export re-imports unchanged', async () => {
    const source = qiemo2021Dataset()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await writeWorkbook({ dataset: null, unitName: '测试县自然资源局', year: 2021 }))
    const info = wb.getWorksheet('单位信息')
    const budget = wb.getWorksheet('预算执行')
    if (!info || !budget) throw new Error('template sheets missing')
    info.getCell('B7').value = '与执行数相同'
    // 支出类别 … 上年结转, 1–12月执行数, 1–12月到位资金 (all blank), 调整月份
    const spent = [...SALARY_PATH, ...Array<null>(6).fill(null)]
    budget.getRow(2).values = [
      '基本支出',
      '人员经费',
      null,
      null,
      '工资福利支出',
      '财政拨款',
      1129.83,
      100,
      null,
      null,
      ...spent,
      ...Array<null>(12).fill(null),
      9,
    ]
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const database = freshDb()
    expectOk(await saveUnitYear(source, { database }))
    const preview = await previewWorkbook(bytes, { database })
    if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
    expect(preview.value.plan.newUnit).toBe(true)
    expect(await commitWorkbook(preview.value.grids, { database })).toMatchObject({
      ok: true,
      value: { written: true },
    })
    const unit = (await database.units.toArray()).find((u) => u.name === '测试县自然资源局')
    expect(unit?.allocatedMode).toBe('equalsSpent')
    const loaded = await loadUnitYear(unit?.id ?? '', 2021, { database })
    expect(loaded?.budgetLines[0]).toMatchObject({
      name: '工资福利支出',
      initialBudget: '1129.83',
      additions: '100',
      adjustmentMonth: 9,
    })
    const amounts = loaded?.monthlyExecutions
      .sort((a, b) => a.month - b.month)
      .map((e) => [Number(e.spent).toFixed(2), Number(e.allocated).toFixed(2)])
    expect(amounts).toEqual(SALARY_PATH.map((v) => [v, v]))
    const again = await previewWorkbook((await exportBytes(unit?.id ?? '', 2021, { database })) as ArrayBuffer, {
      database,
    })
    if (!again.ok) expect.fail(again.problems.map((p) => p.message).join('\n'))
    expect(again.value.plan.unchanged).toBe(true)
  })

  it('a locked node of another year refuses a change of the 执行率口径 (planGrids reads every node of the unit)', async () => {
    const database = freshDb()
    const demo = qiemo2021Dataset()
    expectOk(await saveUnitYear(demo, { database }))
    const node2020: MonitoringNode = {
      id: 'n2020',
      unitId: demo.unit.id,
      year: 2020,
      asOfDate: '2020-12-31',
      label: '2020年1-12月',
      status: 'locked',
    }
    await database.nodes.put(node2020)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exportBytes(demo.unit.id, demo.year, { database })) as ArrayBuffer)
    const info = wb.getWorksheet('单位信息')
    if (!info) throw new Error('no 单位信息')
    expect(info.getCell('A8').value).toBe('执行率口径')
    info.getCell('B8').value = '含上年结转'
    const preview = await previewWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), { database })
    expect(preview.ok).toBe(false)
    if (!preview.ok)
      expect(preview.problems.map((p) => p.message)).toEqual([
        expect.stringContaining('监控节点“2020年1-12月”已定稿（已锁定）'),
      ])
  })
})
