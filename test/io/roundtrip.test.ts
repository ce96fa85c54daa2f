import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import fc from 'fast-check'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { readGrids, writeWorkbook } from '@/io/excel/workbook'
import { planImport, type SheetGrid } from '@/io/import'
import type { MonthNumber, UnitYearDataset } from '@/domain/types'
import { dec } from '../domain/factories'

/**
 * The demo (seed 001) plus what it lacks of what the workbook carries: a 预算研判 of every budget line
 * at the 6月30日 node (one with an empty 全年预计, one with 40.00 spelt with decimals) and a 分月计划
 * on 办理建设项目用地初审 (15 个 by December).
 */
function fullDemo(): UnitYearDataset {
  const demo = qiemo2021Dataset()
  const node = demo.nodes[0].id
  return {
    ...demo,
    budgetJudgements: demo.budgetLines.map((l, i) => ({
      id: `demo-bj-${l.id}`,
      nodeId: node,
      budgetLineId: l.id,
      ...(i === 3 ? {} : { yearEndForecast: i === 1 ? '40.00' : l.initialBudget }),
      ...(i === 4
        ? {
            likelihood: '有可能' as const,
            deviationCauses: ['其他' as const],
            deviationText: '评估项目下半年启动，资金集中在第四季度支付。',
          }
        : { likelihood: '确定能' as const, deviationCauses: [], deviationText: '' }),
    })),
    indicators: demo.indicators.map((ind) =>
      ind.name === '办理建设项目用地初审'
        ? { ...ind, monthlyPlan: ['1', '2', '3', '5', '6', '8.0', '9', '10', '11', '12', '14', '15'] }
        : ind,
    ),
  }
}

const sheetOf = (grids: SheetGrid[], name: string): SheetGrid => {
  const found = grids.find((g) => g.name === name)
  if (!found) throw new Error(`no sheet ${name}`)
  return found
}
const planFor = (grids: SheetGrid[], d: UnitYearDataset) =>
  planImport({ grids, existing: d, existingUnit: d.unit, existingFramework: d.framework })

describe('export → import', () => {
  it('the demo unit-year exports and re-imports with zero changes', async () => {
    const demo = qiemo2021Dataset()
    const bytes = await writeWorkbook({ dataset: demo })
    const grids = await readGrids(bytes)
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.problems).toEqual([])
    for (const c of Object.values(plan.counts)) expect(c.new + c.changed).toBe(0)
    expect(plan.counts.budgetLines.unchanged).toBe(demo.budgetLines.length)
    expect(plan.counts.indicators.unchanged).toBe(demo.indicators.length)
    expect(plan.counts.readings.unchanged).toBe(demo.readings.length)
    expect(plan.unchanged).toBe(true)
  })

  it('carries the monitoring group, target text, monthly plans, 预算研判 and 纠偏措施, and re-imports them with zero changes', async () => {
    const demo = fullDemo()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    expect(grids.map((g) => g.name)).toEqual([
      '填写说明',
      '单位信息',
      '监控小组',
      '预算执行',
      '绩效目标',
      '绩效指标',
      '指标填报',
      '预算研判',
      '纠偏措施',
      '管理指标',
    ])
    expect(sheetOf(grids, '监控小组').rows[1]).toEqual(['才茨柯', '党组书记、副局长', '组长'])
    expect(sheetOf(grids, '绩效目标').rows[1]).toEqual(['整体', demo.targets[0].description])
    expect(sheetOf(grids, '预算研判').rows[5]).toEqual([
      '2021-06-30',
      '项目支出',
      null,
      '国有土地出让金评估项目',
      '国有土地出让金评估项目',
      '财政拨款',
      150,
      '有可能',
      '其他',
      '评估项目下半年启动，资金集中在第四季度支付。',
    ])
    expect(sheetOf(grids, '纠偏措施').rows[2]?.slice(0, 3)).toEqual([
      '2021-06-30',
      '下一步计划',
      demo.measures[1].content,
    ])
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    for (const c of Object.values(plan.counts)) expect(c.new + c.changed).toBe(0)
    expect(plan.counts.monitoringGroup.unchanged).toBe(8)
    expect(plan.counts.targets.unchanged).toBe(1)
    expect(plan.counts.budgetJudgements.unchanged).toBe(5)
    expect(plan.counts.measures.unchanged).toBe(2)
    expect(plan.unchanged).toBe(true)
    // Stored spellings survive: '40.00' 全年预计 and the '8.0' of June's plan.
    expect(plan.dataset?.budgetJudgements[1].yearEndForecast).toBe('40.00')
    expect(plan.dataset?.indicators.find((i) => i.name === '办理建设项目用地初审')?.monthlyPlan?.[5]).toBe('8.0')
  })

  it('imports the new sheets into a unit that lacks them', async () => {
    const demo = fullDemo()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const bare: UnitYearDataset = {
      ...demo,
      unit: { ...demo.unit, monitoringGroup: [] },
      targets: demo.targets.map((t) => ({ ...t, description: '' })),
      indicators: qiemo2021Dataset().indicators,
      budgetJudgements: [],
      measures: [],
    }
    const plan = planFor(grids, bare)
    expect(plan.problems).toEqual([])
    expect(plan.counts.monitoringGroup).toEqual({ new: 8, changed: 0, unchanged: 0 })
    expect(plan.counts.targets).toEqual({ new: 0, changed: 1, unchanged: 0 })
    expect(plan.counts.budgetJudgements).toEqual({ new: 5, changed: 0, unchanged: 0 })
    expect(plan.counts.measures).toEqual({ new: 2, changed: 0, unchanged: 0 })
    expect(plan.counts.indicators).toEqual({ new: 0, changed: 1, unchanged: demo.indicators.length - 1 })
    expect(plan.rows.find((r) => r.sheet === '绩效目标')?.detail).toMatch(/^年度总体目标 （空） → 保障机构正常运转/)
    expect(plan.dataset?.unit.monitoringGroup).toEqual(demo.unit.monitoringGroup)
    expect(plan.dataset?.budgetJudgements).toHaveLength(5)
    expect(plan.dataset?.measures.map((m) => m.content)).toEqual(demo.measures.map((m) => m.content))
  })

  it('a changed monitoring-group member shows as one changed row', async () => {
    const demo = fullDemo()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    sheetOf(grids, '监控小组').rows[3][1] = '自然资源局局长'
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.counts.monitoringGroup).toEqual({ new: 0, changed: 1, unchanged: 7 })
    expect(plan.rows.filter((r) => r.status !== 'unchanged')).toEqual([
      {
        sheet: '监控小组',
        row: 4,
        label: '吴联军（副组长）',
        status: 'changed',
        detail: '职务 自然资源局副局长 → 自然资源局局长',
      },
    ])
    expect(plan.unchanged).toBe(false)
    expect(plan.dataset?.unit.monitoringGroup[2]).toEqual({ name: '吴联军', title: '自然资源局局长', role: '副组长' })
    expect(plan.dataset?.unit.monitoringGroup).toHaveLength(8)
  })

  it('names bad cells of the new sheets with sheet, row and column', async () => {
    const demo = fullDemo()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    sheetOf(grids, '监控小组').rows[2][2] = '顾问'
    sheetOf(grids, '预算研判').rows[1][6] = '1,2a'
    sheetOf(grids, '预算研判').rows[2][4] = '不存在的经费'
    sheetOf(grids, '纠偏措施').rows[1][5] = '九月底'
    const indicators = sheetOf(grids, '绩效指标')
    const row = indicators.rows.findIndex((r) => r[3] === '办理建设项目用地初审')
    indicators.rows[row][16] = null // 6月计划 blank while the others are filled
    const plan = planFor(grids, demo)
    expect(plan.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['监控小组', 3, 'C'],
      [`绩效指标`, row + 1, 'Q'],
      ['预算研判', 2, 'G'],
      ['预算研判', 3, 'E'],
      ['纠偏措施', 2, 'F'],
    ])
    expect(plan.problems.map((p) => p.message)).toEqual([
      '监控小组 第3行 C列「小组分工」不是可选值（可选：组长、副组长、成员）：“顾问”',
      `绩效指标 第${row + 1}行 Q列「6月计划」须填写（分月计划要么12个月都填，要么全部留空）`,
      '预算研判 第2行 G列「全年预计执行数」不是有效金额：“1,2a”',
      '预算研判 第3行 E列「预算项目名称」找不到预算行“基本支出 / 公用经费 / 不存在的经费 / 财政拨款”，请先在「预算执行」表中填写该预算行',
      '纠偏措施 第2行 F列「完成时限」不是有效日期（请写成 2021-06-30）：“九月底”',
    ])
    expect(plan.dataset).toBeNull()
  })

  it('refuses to change 预算研判 or 纠偏措施 of a locked node', async () => {
    const demo = fullDemo()
    const locked = { ...demo, nodes: demo.nodes.map((n) => ({ ...n, status: 'locked' as const })) }
    const grids = await readGrids(await writeWorkbook({ dataset: locked }))
    expect(planFor(grids, locked).unchanged).toBe(true)
    sheetOf(grids, '预算研判').rows[1][6] = 1000
    sheetOf(grids, '纠偏措施').rows[1][6] = '进行中'
    expect(planFor(grids, locked).problems.map((p) => p.message)).toEqual([
      '预算研判 第2行 A列「截至日期」的监控节点“2021年1-6月”已定稿锁定，不能通过导入修改其预算研判（请先在监控节点页面解锁）',
      '纠偏措施 第2行 A列「截至日期」的监控节点“2021年1-6月”已定稿锁定，不能通过导入修改其纠偏措施（请先在监控节点页面解锁）',
    ])
  })

  it('a version-1 file (no new sheets, no 分月计划 or 调整月份 columns, no 口径 rows) still imports and keeps what it does not carry', async () => {
    const base = fullDemo()
    const demo: UnitYearDataset = {
      ...base,
      unit: { ...base.unit, allocatedMode: 'equalsSpent', carryOverInExecutionBase: true },
      budgetLines: base.budgetLines.map((l, i) => (i === 0 ? { ...l, additions: '100', adjustmentMonth: 9 } : l)),
    }
    const cut: Record<string, (rows: SheetGrid['rows']) => SheetGrid['rows']> = {
      绩效指标: (rows) => rows.map((r) => r.slice(0, 11)),
      预算执行: (rows) => rows.map((r) => r.slice(0, 34)),
      单位信息: (rows) => rows.slice(0, 6),
    }
    const grids = (await readGrids(await writeWorkbook({ dataset: demo })))
      .filter((g) => !['监控小组', '绩效目标', '预算研判', '纠偏措施'].includes(g.name))
      .map((g) => (cut[g.name] ? { ...g, rows: cut[g.name](g.rows) } : g))
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.unchanged).toBe(true)
    expect(plan.dataset?.unit).toEqual(demo.unit)
    expect(plan.dataset?.budgetLines[0]).toMatchObject({ additions: '100', adjustmentMonth: 9 })
    expect(plan.dataset?.indicators.find((i) => i.name === '办理建设项目用地初审')?.monthlyPlan).toHaveLength(12)
    expect(plan.dataset?.budgetJudgements).toEqual(demo.budgetJudgements)
    expect(plan.dataset?.measures).toEqual(demo.measures)
  })

  it('clearing all twelve 分月计划 cells removes the plan', async () => {
    const demo = fullDemo()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const indicators = sheetOf(grids, '绩效指标')
    const row = indicators.rows.findIndex((r) => r[3] === '办理建设项目用地初审')
    indicators.rows[row] = indicators.rows[row].slice(0, 11)
    const plan = planFor(grids, demo)
    expect(plan.problems).toEqual([])
    expect(plan.counts.indicators.changed).toBe(1)
    expect(plan.dataset?.indicators.find((i) => i.name === '办理建设项目用地初审')?.monthlyPlan).toBeUndefined()
  })
})

describe('round-trip edge cases', () => {
  const hanzi = fc.string({
    unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 10,
  })
  // Text as a user types it: no surrounding whitespace (the import trims), but inner newlines, emoji,
  // formula-looking and number-looking text.
  const text = fc.oneof(
    hanzi,
    fc
      .tuple(hanzi, fc.constantFrom('🎯', '\n第二行', '=1+1', '１２', '0.50', '2021-06-30', '“引号”'), hanzi)
      .map((p) => p.join('')),
  )
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.constantFrom('', '.0', '.5', '.50', '.05', '.10'))
    .map(([i, f]) => dec(`${i}${f}`))
  const percent = fc.oneof(decimal, fc.constantFrom('0.5', '0.05', '0.999', '1', '100'))

  it('export → import is a no-op for random text, spellings and percents in every sheet (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          members: fc.uniqueArray(
            fc.record({
              name: hanzi,
              title: fc.option(text, { nil: '' }),
              role: fc.constantFrom('组长', '副组长', '成员') as fc.Arbitrary<'组长' | '副组长' | '成员'>,
            }),
            { selector: (m) => m.name, minLength: 1, maxLength: 6 },
          ),
          description: fc.option(text, { nil: '' }),
          percents: fc.array(percent, { minLength: 3, maxLength: 3 }),
          forecasts: fc.array(fc.option(decimal, { nil: undefined }), { minLength: 5, maxLength: 5 }),
          causeTexts: fc.array(fc.option(text, { nil: '' }), { minLength: 5, maxLength: 5 }),
          measures: fc.uniqueArray(
            fc.record({
              content: text,
              effect: fc.option(text, { nil: '' }),
              taken: fc.boolean(),
              deadline: fc.option(fc.constantFrom('2021-09-30', '2021-12-31'), { nil: undefined }),
            }),
            { selector: (m) => `${m.taken}${m.content}`, maxLength: 4 },
          ),
          plan: fc
            .array(decimal, { minLength: 12, maxLength: 12 })
            .map((p) => [...p].sort((a, b) => Number(a) - Number(b))),
          // template version 3: dated adjustments and the unit's two settings
          adjustments: fc.array(fc.option(fc.tuple(decimal, fc.integer({ min: 1, max: 12 })), { nil: undefined }), {
            minLength: 5,
            maxLength: 5,
          }),
          allocatedMode: fc.constantFrom(undefined, 'typed', 'equalsSpent', 'fullBudget') as fc.Arbitrary<
            'typed' | 'equalsSpent' | 'fullBudget' | undefined
          >,
          withCarryOver: fc.constantFrom(undefined, false, true),
        }),
        async (r) => {
          const base = fullDemo()
          const dataset: UnitYearDataset = {
            ...base,
            unit: {
              ...base.unit,
              monitoringGroup: r.members,
              ...(r.allocatedMode ? { allocatedMode: r.allocatedMode } : {}),
              ...(r.withCarryOver !== undefined ? { carryOverInExecutionBase: r.withCarryOver } : {}),
            },
            budgetLines: base.budgetLines.map((l, i) => {
              const adjustment = r.adjustments[i]
              return adjustment ? { ...l, additions: adjustment[0], adjustmentMonth: adjustment[1] as MonthNumber } : l
            }),
            targets: base.targets.map((t) => ({ ...t, description: r.description })),
            readings: base.readings.map((x, i) =>
              i < r.percents.length ? { ...x, qualitativePercent: r.percents[i] } : x,
            ),
            budgetJudgements: base.budgetJudgements.map(({ yearEndForecast: _f, ...j }, i) => ({
              ...j,
              ...(r.forecasts[i] !== undefined ? { yearEndForecast: r.forecasts[i] } : {}),
              deviationText: r.causeTexts[i],
            })),
            measures: r.measures.map((m, i) => ({
              id: `m${i}`,
              unitId: base.unit.id,
              nodeId: base.nodes[0].id,
              kind: m.taken ? 'taken' : 'planned',
              content: m.content,
              effect: m.effect,
              department: '行政办公室',
              status: '计划',
              ...(m.deadline ? { deadline: m.deadline } : {}),
            })),
            indicators: base.indicators.map((ind) => (ind.monthlyPlan ? { ...ind, monthlyPlan: r.plan } : ind)),
          }
          const plan = planFor(await readGrids(await writeWorkbook({ dataset })), dataset)
          expect(plan.problems).toEqual([])
          expect(plan.rows.filter((row) => row.status !== 'unchanged')).toEqual([])
          expect(plan.unchanged).toBe(true)
        },
      ),
      { numRuns: 25, seed: 20210630 },
    )
  }, 120_000)

  it('a stored 定性百分比 below 1 (0.5) exports as 0.5% and re-imports as 0.5, not 50', async () => {
    const demo = qiemo2021Dataset()
    const percents = ['0.5', '50', '0.25', '100', '30.0']
    const dataset = {
      ...demo,
      readings: demo.readings.map((r, i) => (i < percents.length ? { ...r, qualitativePercent: percents[i] } : r)),
    }
    const grids = await readGrids(await writeWorkbook({ dataset }))
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    expect(readingsSheet?.rows.slice(1, 6).map((r) => r[8])).toEqual(['0.5%', '50%', '0.25%', '100%', '30.0%'])
    const plan = planImport({
      grids,
      existing: dataset,
      existingUnit: dataset.unit,
      existingFramework: dataset.framework,
    })
    expect(plan.problems).toEqual([])
    expect(plan.unchanged).toBe(true)
    expect(plan.dataset?.readings.slice(0, 5).map((r) => r.qualitativePercent)).toEqual(percents)
  })

  it('a typed fraction in 定性百分比 still means a percent (0.3 → 30)', async () => {
    const demo = qiemo2021Dataset()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    if (!readingsSheet) throw new Error('no sheet')
    readingsSheet.rows[1][8] = 0.3
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.dataset?.readings.find((r) => r.id === demo.readings[0].id)?.qualitativePercent).toBe('30')
  })
})

describe('formula-looking text is written as text', () => {
  it('names beginning with = + - @ or a tab stay text cells and re-import unchanged', async () => {
    const demo = qiemo2021Dataset()
    const risky = ['=SUM(A1:A9)', '+86-1234', '-1+2', '@cmd', '\t=1+1']
    const dataset = {
      ...demo,
      budgetLines: demo.budgetLines.map((l, i) => (i < risky.length ? { ...l, name: risky[i] } : l)),
      readings: demo.readings.map((r, i) =>
        i === 0 ? { ...r, deviationText: '=HYPERLINK("http://example.com","点我")' } : r,
      ),
    }
    const bytes = await writeWorkbook({ dataset })
    const zip = await JSZip.loadAsync(bytes)
    const sheetXml = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.startsWith('xl/worksheets/sheet'))
        .map((n) => zip.file(n)?.async('string') ?? ''),
    )
    expect(sheetXml.length).toBe(10)
    for (const xml of sheetXml) expect(xml).not.toContain('<f>')
    const grids = await readGrids(bytes)
    const budget = grids.find((g) => g.name === '预算执行')
    expect(budget?.rows.slice(1, 6).map((r) => r[4])).toEqual(risky)
    // Names are normalised on both sides before matching (a tab is whitespace, trimmed), so the
    // tab-led name read back as '=1+1' is still the stored line: nothing new.
    const plan = planImport({
      grids,
      existing: dataset,
      existingUnit: dataset.unit,
      existingFramework: dataset.framework,
    })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines).toEqual({ new: 0, changed: 0, unchanged: 5 })
    const untabbed = {
      ...dataset,
      budgetLines: dataset.budgetLines.map((l, i) => (i === 4 ? { ...l, name: '=1+1' } : l)),
    }
    const again = planImport({
      grids: await readGrids(await writeWorkbook({ dataset: untabbed })),
      existing: untabbed,
      existingUnit: untabbed.unit,
      existingFramework: untabbed.framework,
    })
    expect(again.unchanged).toBe(true)
  })
})

describe('merge rules', () => {
  it('keeps stored rows the file does not mention, reports changes, and keeps ids', async () => {
    const demo = qiemo2021Dataset()
    const bytes = await writeWorkbook({ dataset: { ...demo, budgetLines: demo.budgetLines.slice(0, 2), readings: [] } })
    const grids = await readGrids(bytes)
    // Edit the file: 工资福利支出 6月执行数 and 6月到位资金 324.88 → 330 (columns P and AB).
    const budget = grids.find((g) => g.name === '预算执行')
    if (!budget) throw new Error('no sheet')
    budget.rows[1][15] = '330'
    budget.rows[1][27] = '330.00'
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines).toEqual({ new: 0, changed: 0, unchanged: 2 })
    expect(plan.counts.monthlyExecutions).toEqual({ new: 0, changed: 1, unchanged: 11 })
    expect(plan.rows.find((r) => r.sheet === '预算执行' && r.row === 2)).toMatchObject({
      sheet: '预算执行',
      status: 'changed',
      detail: '6月执行数 324.88 → 330；6月到位资金 324.88 → 330',
    })
    expect(plan.dataset?.budgetLines.map((l) => l.id)).toEqual(demo.budgetLines.map((l) => l.id))
    expect(plan.dataset?.readings).toHaveLength(demo.readings.length)
    const june = plan.dataset?.monthlyExecutions.find((e) => e.budgetLineId === 'demo-bl-gzfl' && e.month === 6)
    expect(june).toMatchObject({ id: 'demo-bl-gzfl-m6', spent: '330', allocated: '330' })
  })

  it('applies the domain checks: 执行数 above 到位资金 blocks, a falling cumulative figure warns', async () => {
    const demo = qiemo2021Dataset()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const budget = grids.find((g) => g.name === '预算执行')
    if (!budget) throw new Error('no sheet')
    budget.rows[1][15] = '400' // 6月执行数 400 > 到位资金 324.88
    budget.rows[2][14] = '1' // 车辆运行维护费 5月执行数 1 < 4月 10.05 (still ≤ 到位资金)
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    expect(plan.problems.map((p) => p.message)).toEqual([
      '预算执行 第2行 P列「6月执行数」6月执行数 400.00 万元大于到位资金 324.88 万元',
    ])
    expect(plan.warnings.map((p) => p.message)).toContain(
      '预算执行 第3行 O列「5月执行数」5月累计执行数 1.00 万元小于4月的 10.05 万元，累计数不应减少',
    )
  })

  it('refuses to change readings of a locked node, but re-importing them unchanged is fine', async () => {
    const demo = qiemo2021Dataset()
    const locked = { ...demo, nodes: demo.nodes.map((n) => ({ ...n, status: 'locked' as const })) }
    const grids = await readGrids(await writeWorkbook({ dataset: locked }))
    expect(
      planImport({ grids, existing: locked, existingUnit: locked.unit, existingFramework: locked.framework }).unchanged,
    ).toBe(true)
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    if (!readingsSheet) throw new Error('no sheet')
    readingsSheet.rows[1][5] = 8
    const plan = planImport({ grids, existing: locked, existingUnit: locked.unit, existingFramework: locked.framework })
    expect(plan.problems.map((p) => p.message)).toEqual([
      '指标填报 第2行 A列「截至日期」的监控节点“2021年1-6月”已定稿锁定，不能通过导入修改其指标填报（请先在监控节点页面解锁）',
    ])
  })

  it('names a reading of an unknown indicator and a duplicate row', async () => {
    const demo = qiemo2021Dataset()
    const grids = await readGrids(await writeWorkbook({ dataset: demo }))
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    const budget = grids.find((g) => g.name === '预算执行')
    if (!readingsSheet || !budget) throw new Error('no sheet')
    readingsSheet.rows[1][4] = '不存在的指标'
    budget.rows.push([...budget.rows[1]])
    const plan = planImport({ grids, existing: demo, existingUnit: demo.unit, existingFramework: demo.framework })
    const messages = plan.problems.map((p) => p.message)
    expect(messages).toContain(
      '预算执行 第7行 E列「预算项目名称」与第2行重复（支出类别、经费类型、项目名称、预算项目名称、资金来源都相同）',
    )
    expect(
      messages.some((m) =>
        m.startsWith('指标填报 第2行 E列「三级指标」找不到指标“整体 / 产出指标 / 数量指标 / 不存在的指标”'),
      ),
    ).toBe(true)
    expect(plan.dataset).toBeNull()
  })
})

describe('template', () => {
  it('has Chinese headers and dropdowns for 计算符号, 指标性质, 完成可能性, 偏差原因, 资金来源', async () => {
    const { templateBytes } = await import('@/io/excel/importWorkbook')
    const bytes = await templateBytes('某单位', 2024)
    const zip = await JSZip.loadAsync(bytes)
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? ''
    for (const name of ['填写说明', '单位信息', '预算执行', '绩效指标', '指标填报'])
      expect(workbookXml).toContain(`name="${name}"`)
    const sheets = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map((n) => zip.file(n)?.async('string') ?? ''),
    )
    const all = sheets.join('\n')
    expect(all).toContain('<formula1>&quot;≥,&gt;,=,≤,&lt;,定性&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;累计型,水平型,到期考核&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;确定能,有可能,完全不可能&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;经费保障,制度保障,人员保障,硬件条件保障,其他&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;财政拨款,上级专项,上年结转,其他资金&quot;</formula1>')
    // template version 3: 单位信息's 到位资金口径 and 执行率口径, and 调整月份 as a whole month
    expect(all).toContain('<formula1>&quot;逐月填写,与执行数相同,全额到位（等于调整后预算）&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;调整后预算,含上年结转&quot;</formula1>')
    expect(all).toMatch(
      /<dataValidation type="whole"[^>]*sqref="AI2:AI500"><formula1>1<\/formula1><formula2>12<\/formula2>/,
    )
    const grids = await readGrids(bytes)
    expect(grids.find((g) => g.name === '预算执行')?.rows[0].slice(0, 7)).toEqual([
      '支出类别',
      '经费类型',
      '项目名称',
      '责任科室',
      '预算项目名称',
      '资金来源',
      '年初预算',
    ])
    expect(grids.find((g) => g.name === '预算执行')?.rows[0].slice(32)).toEqual([
      '11月到位资金',
      '12月到位资金',
      '调整月份',
    ])
    expect(grids.find((g) => g.name === '单位信息')?.rows[1]?.[1]).toBe('某单位')
    expect(
      grids
        .find((g) => g.name === '单位信息')
        ?.rows.slice(6)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ['到位资金口径', null],
      ['执行率口径', null],
    ])
    expect(grids.find((g) => g.name === '填写说明')?.rows[1]).toEqual(['模板版本', '4'])
  })
})
