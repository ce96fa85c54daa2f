import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { readGrids, writeWorkbook } from '@/io/excel/workbook'
import { planImport } from '@/io/importPlan'

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
})

describe('round-trip edge cases', () => {
  it('a stored 定性百分比 below 1 (0.5) exports as 0.5% and re-imports as 0.5, not 50', async () => {
    const demo = qiemo2021Dataset()
    const percents = ['0.5', '50', '0.25', '100', '30.0']
    const dataset = { ...demo, readings: demo.readings.map((r, i) => (i < percents.length ? { ...r, qualitativePercent: percents[i] } : r)) }
    const grids = await readGrids(await writeWorkbook({ dataset }))
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    expect(readingsSheet?.rows.slice(1, 6).map((r) => r[8])).toEqual(['0.5%', '50%', '0.25%', '100%', '30.0%'])
    const plan = planImport({ grids, existing: dataset, existingUnit: dataset.unit, existingFramework: dataset.framework })
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
      readings: demo.readings.map((r, i) => (i === 0 ? { ...r, deviationText: '=HYPERLINK("http://example.com","点我")' } : r)),
    }
    const bytes = await writeWorkbook({ dataset })
    const zip = await JSZip.loadAsync(bytes)
    const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet')).map((n) => zip.file(n)?.async('string') ?? ''))
    expect(sheetXml.length).toBe(5)
    for (const xml of sheetXml) expect(xml).not.toContain('<f>')
    const grids = await readGrids(bytes)
    const budget = grids.find((g) => g.name === '预算执行')
    expect(budget?.rows.slice(1, 6).map((r) => r[4])).toEqual(risky)
    // Import trims surrounding whitespace (tabs included), so only the tab-led name reads back changed.
    const plan = planImport({ grids, existing: dataset, existingUnit: dataset.unit, existingFramework: dataset.framework })
    expect(plan.problems).toEqual([])
    expect(plan.counts.budgetLines).toEqual({ new: 1, changed: 0, unchanged: 4 })
    const untabbed = { ...dataset, budgetLines: dataset.budgetLines.map((l, i) => (i === 4 ? { ...l, name: '=1+1' } : l)) }
    const again = planImport({ grids: await readGrids(await writeWorkbook({ dataset: untabbed })), existing: untabbed, existingUnit: untabbed.unit, existingFramework: untabbed.framework })
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
    expect(plan.rows.find((r) => r.row === 2)).toMatchObject({ sheet: '预算执行', status: 'changed', detail: '6月执行数 324.88 → 330；6月到位资金 324.88 → 330' })
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
    expect(plan.problems.map((p) => p.message)).toEqual(['预算执行 第2行 P列「6月执行数」6月执行数 400.00 万元大于到位资金 324.88 万元'])
    expect(plan.warnings.map((p) => p.message)).toContain('预算执行 第3行 O列「5月执行数」5月累计执行数 1.00 万元小于4月的 10.05 万元，累计数不应减少')
  })

  it('refuses to change readings of a locked node, but re-importing them unchanged is fine', async () => {
    const demo = qiemo2021Dataset()
    const locked = { ...demo, nodes: demo.nodes.map((n) => ({ ...n, status: 'locked' as const })) }
    const grids = await readGrids(await writeWorkbook({ dataset: locked }))
    expect(planImport({ grids, existing: locked, existingUnit: locked.unit, existingFramework: locked.framework }).unchanged).toBe(true)
    const readingsSheet = grids.find((g) => g.name === '指标填报')
    if (!readingsSheet) throw new Error('no sheet')
    readingsSheet.rows[1][5] = 8
    const plan = planImport({ grids, existing: locked, existingUnit: locked.unit, existingFramework: locked.framework })
    expect(plan.problems.map((p) => p.message)).toEqual(['指标填报 第2行 A列「截至日期」的监控节点“2021年1-6月”已定稿锁定，不能通过导入修改其指标填报（请先在监控节点页面解锁）'])
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
    expect(messages).toContain('预算执行 第7行 E列「预算项目名称」与第2行重复（支出类别、经费类型、项目名称、预算项目名称、资金来源都相同）')
    expect(messages.some((m) => m.startsWith('指标填报 第2行 E列「三级指标」找不到指标“整体 / 产出指标 / 数量指标 / 不存在的指标”'))).toBe(true)
    expect(plan.dataset).toBeNull()
  })
})

describe('template', () => {
  it('has Chinese headers and dropdowns for 计算符号, 指标性质, 完成可能性, 偏差原因, 资金来源', async () => {
    const { templateBytes } = await import('@/io/excel/importWorkbook')
    const bytes = await templateBytes('某单位', 2024)
    const zip = await JSZip.loadAsync(bytes)
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? ''
    for (const name of ['填写说明', '单位信息', '预算执行', '绩效指标', '指标填报']) expect(workbookXml).toContain(`name="${name}"`)
    const sheets = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)?.async('string') ?? ''))
    const all = sheets.join('\n')
    expect(all).toContain('<formula1>&quot;≥,&gt;,=,≤,&lt;,定性&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;累计型,水平型,到期考核&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;确定能,有可能,完全不可能&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;经费保障,制度保障,人员保障,硬件条件保障,其他&quot;</formula1>')
    expect(all).toContain('<formula1>&quot;财政拨款,上级专项,上年结转,其他资金&quot;</formula1>')
    const grids = await readGrids(bytes)
    expect(grids.find((g) => g.name === '预算执行')?.rows[0].slice(0, 7)).toEqual(['支出类别', '经费类型', '项目名称', '责任科室', '预算项目名称', '资金来源', '年初预算'])
    expect(grids.find((g) => g.name === '单位信息')?.rows[1]?.[1]).toBe('某单位')
  })
})
