/**
 * The 部门汇总报告 (docs/domain-rules.md §17.6) drafted from the sums, the ranking and each unit's own
 * 偏离情况: the figures are seed 001's unit A (1,493.25 / 383.74) with unit B (12,030.56 / 11,832.53),
 * summed 13,523.81 / 12,216.27 → 90.33% (§17.2), and a small unit at 100% with a large one at 20%.
 */
import { describe, expect, it } from 'vitest'
import {
  DEPARTMENT_PARAGRAPH_KEYS,
  departmentReportRelease,
  departmentTotals,
  draftDepartmentReport,
  rankUnits,
  unitDeviationKey,
  unitDeviationText,
  type DepartmentReportUnit,
  type SubordinateUnit,
  type UnitNodeFigures,
} from '../../../src/domain/department'
import { frozenModelOf, paragraphsOf, regenerateEdits, withEdit } from '../../../src/domain/report'
import type { ReportModel, ReportParagraph } from '../../../src/domain/report'
import { amounts, JUNE, unitFigures } from './factories'

const A = unitFigures('unit-a', amounts('1493.25', '383.74'), {
  unitName: '且末县自然资源局',
  alerts: { red: 1, yellow: 0 },
})
const B = unitFigures('unit-b', amounts('12030.56', '11832.53'), { unitName: '且末县水利局' })
const LIST: SubordinateUnit[] = [
  { unitId: 'unit-a', unitName: '且末县自然资源局' },
  { unitId: 'unit-b', unitName: '且末县水利局' },
  { unitId: 'unit-c', unitName: '且末县林草局' },
]
const NODE = { asOfDate: JUNE, label: '2021年1-6月' }

function draft(
  figures: UnitNodeFigures[],
  units: DepartmentReportUnit[] = [],
  edits: Record<string, string> = {},
  list: SubordinateUnit[] = LIST,
): ReportModel {
  return draftDepartmentReport({
    departmentName: '且末县财政局',
    year: 2021,
    node: NODE,
    totals: departmentTotals(figures),
    ranking: rankUnits(figures, list),
    units,
    ratePrecision: 2,
    reportDate: '2021-07-10',
    edits,
  })
}

const paragraph = (model: ReportModel, key: string): ReportParagraph => {
  const found = paragraphsOf(model).find((p) => p.key === key)
  if (!found) throw new Error(`no paragraph ${key}`)
  return found
}
const texts = (model: ReportModel) => paragraphsOf(model).map((p) => p.text)

const unitA: DepartmentReportUnit = {
  unitId: 'unit-a',
  review: 'approved',
  deviationText: '预算执行方面：执行率25.70%，执行进度比51.4，为红灯预警。原因：项目资金尚未拨付。',
  alerts: [{ light: 'red', message: '预算执行进度滞后' }],
}
const unitB: DepartmentReportUnit = { unitId: 'unit-b', review: 'pending', deviationText: null, alerts: [] }

describe('draftDepartmentReport', () => {
  it('titles the report for the department and lays out the outline, 附表 last', () => {
    const model = draft([A, B], [unitA, unitB])
    expect(model.title).toBe('且末县财政局整体支出绩效监控汇总报告')
    expect(model.unitName).toBe('且末县财政局')
    expect(model.nodeLabel).toBe('2021年1-6月')
    expect(model.reportDate).toBe('2021年7月10日')
    const headings = model.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []))
    expect(headings).toEqual([
      '一、基本情况',
      '二、部门预算执行情况',
      '三、各单位预算执行排名',
      '四、偏离情况及原因',
      '五、纠偏措施及意见建议',
      '六、其他需要说明的问题',
      '附表：2021年1-6月各单位预算执行汇总表',
    ])
    expect(model.blocks.at(-1)).toEqual({ kind: 'table', table: 'indicators' })
    expect(model.blocks.filter((b) => b.kind === 'table')).toEqual([
      { kind: 'table', table: 'budget' },
      { kind: 'table', table: 'indicators' },
    ])
  })

  it('states 13523.81 / 12216.27 → 90.33% from the sums of A and B, not the mean 62.03% (seed 001 + unit B)', () => {
    const model = draft([A, B], [unitA, unitB])
    const overall = paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.budgetOverall).text
    expect(overall).toContain('调整后预算合计13523.81万元')
    expect(overall).toContain('执行数12216.27万元，执行率90.33%')
    expect(overall).toContain('序时进度50.00%，执行进度比为180.7，预算执行预警为绿灯')
    expect(texts(model).join('\n')).not.toContain('62.03%')
    // the budget table's 部门合计 row carries the same figures as numbers for Excel
    const total = model.budgetTable.rows[0]?.cells ?? []
    expect(total.map((c) => c.text)).toEqual(['部门合计', '13523.81', '12216.27', '90.33%', '12216.27', '90.33%'])
    expect(total[1]).toMatchObject({ value: '13523.81', format: 'amount' })
    expect(total[5]).toMatchObject({ value: '0.9033', format: 'percent', places: 2 })
  })

  it('weighs by budget: 100 / 100 and 10000 / 2000 give 20.79% (执行进度比 41.6, red), not the mean 60%', () => {
    const small = unitFigures('small', amounts('100', '100'), { unitName: '小单位' })
    const large = unitFigures('large', amounts('10000', '2000'), { unitName: '大单位' })
    const model = draft([small, large], [], {}, [])
    const overall = paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.budgetOverall).text
    expect(overall).toContain('调整后预算合计10100.00万元')
    expect(overall).toContain('执行数2100.00万元，执行率20.79%')
    expect(overall).toContain('执行进度比为41.6，预算执行预警为红灯')
    expect(texts(model).join('\n')).not.toContain('60.00%')
    const totalRow = model.indicatorTable.rows[0]?.cells.map((c) => c.text)
    expect(totalRow?.slice(0, 9)).toEqual([
      '合计',
      '2个单位',
      '10100.00',
      '2100.00',
      '2100.00',
      '20.79%',
      '50.00%',
      '41.6',
      '红灯',
    ])
  })

  it('ranks worst 执行进度比 first and lists 林草局 as 未报送, in the text and the 汇总表', () => {
    const model = draft([A, B], [unitA, unitB])
    const ranking = paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.ranking).text.split('\n')
    expect(ranking[1]).toBe(
      '1、且末县自然资源局：执行率25.70%，序时进度50.00%，执行进度比51.4，红灯；红色预警1条，黄色预警0条。',
    )
    expect(ranking[2]).toMatch(/^2、且末县水利局：执行率98\.35%，序时进度50\.00%，执行进度比196\.7，绿灯；/)
    expect(ranking[3]).toBe('未报送的单位（不参与排名）：且末县林草局。')
    const overview = paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.overview).text
    expect(overview).toContain('纳入本次汇总的下属单位共3个')
    expect(overview).toContain('已报送定稿监控数据的单位2个（其中已通过1个、待审核1个）；未报送1个：且末县林草局。')

    const rows = model.indicatorTable.rows.map((r) => r.cells.map((c) => c.text))
    expect(model.indicatorTable.header).toEqual([
      '排名',
      '单位',
      '调整后预算',
      '到位资金',
      '执行数',
      '执行率',
      '序时进度',
      '执行进度比',
      '预算执行预警',
      '红色预警',
      '黄色预警',
      '审核状态',
    ])
    expect(rows.map((r) => [r[0], r[1], r[11]])).toEqual([
      ['合计', '2个单位', '已通过1个、待审核1个、未报送1个'],
      ['1', '且末县自然资源局', '已通过'],
      ['2', '且末县水利局', '待审核'],
      ['—', '且末县林草局', '未报送'],
    ])
    expect(rows[0]?.slice(2, 6)).toEqual(['13523.81', '12216.27', '12216.27', '90.33%'])
    expect(rows[3]?.slice(2, 11).every((t) => t === '—')).toBe(true)
  })

  it("gathers each unit's own 偏离情况, naming it; a unit without one is drafted from its 预警", () => {
    const model = draft([A, B], [unitA, { ...unitB, alerts: [{ light: 'yellow', message: '用地报批进度偏慢。' }] }])
    // each unit under a heading of its own, in ranking order: its own text numbers its items （1）（2）…
    const headings = model.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []))
    expect(headings).toContain('（一）且末县自然资源局')
    expect(headings).toContain('（二）且末县水利局')
    const unitAAt = model.blocks.findIndex((b) => b.kind === 'paragraph' && b.key === unitDeviationKey('unit-a'))
    expect(model.blocks[unitAAt - 1]).toEqual({ kind: 'heading', level: 2, text: '（一）且末县自然资源局' })
    expect(paragraph(model, unitDeviationKey('unit-a')).text).toBe(unitA.deviationText)
    expect(paragraph(model, unitDeviationKey('unit-b')).text).toBe(
      '报送的定稿报告中没有偏离情况说明。该单位报送的预警1条：黄灯：用地报批进度偏慢。',
    )
    expect(paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.deviationNotSubmitted).text).toBe(
      '且末县林草局未报送，其偏离情况待报送后补充。',
    )
  })

  it('marks 纠偏措施, 意见及建议 and 其他 as 待填写 until edited, and lays edits over the draft as for a unit', () => {
    const model = draft([A, B], [unitA, unitB])
    expect(
      paragraphsOf(model)
        .filter((p) => p.needsInput)
        .map((p) => p.key),
    ).toEqual([
      DEPARTMENT_PARAGRAPH_KEYS.measures,
      DEPARTMENT_PARAGRAPH_KEYS.suggestions,
      DEPARTMENT_PARAGRAPH_KEYS.other,
    ])
    expect(paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.measures).text).toContain(
      '督促且末县自然资源局分析预算执行滞后的原因',
    )

    const ranking = paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.ranking)
    let edits = withEdit({}, ranking, '按执行进度比排名如下（略）。')
    edits = withEdit(edits, paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.other), '无。')
    // an edit equal to the draft is dropped, except on a 待填写 paragraph, where it confirms
    edits = withEdit(edits, paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.method), paragraph(model, 'dept.method').drafted)
    expect(Object.keys(edits).sort()).toEqual(['dept.other', 'dept.ranking'])
    const edited = draft([A, B], [unitA, unitB], { ...edits, 'meta.reportDate': '2021-07-12' })
    expect(paragraph(edited, DEPARTMENT_PARAGRAPH_KEYS.ranking)).toMatchObject({
      text: '按执行进度比排名如下（略）。',
      edited: true,
    })
    expect(paragraph(edited, DEPARTMENT_PARAGRAPH_KEYS.other)).toMatchObject({ needsInput: false, edited: true })
    expect(edited.reportDate).toBe('2021年7月12日')
    // the figures are still drafted from the sums
    expect(paragraph(edited, DEPARTMENT_PARAGRAPH_KEYS.budgetOverall).text).toContain('执行率90.33%')
  })

  it("drops, on 重新生成, the edit of a unit's 偏离情况 once that unit is no longer in the report", () => {
    const model = draft([A], [unitA], {}, [])
    const edits = { [unitDeviationKey('unit-b')]: '旧的说明', [unitDeviationKey('unit-a')]: '新的说明' }
    expect(regenerateEdits(edits, model, false)).toEqual({ [unitDeviationKey('unit-a')]: '新的说明' })
  })

  it('says so when no unit has submitted, and still lists every 下属单位 as 未报送', () => {
    const model = draft([], [])
    expect(paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.budgetOverall).text).toBe(
      '截至2021年6月底，尚无单位报送，暂无部门合计数。',
    )
    expect(paragraph(model, DEPARTMENT_PARAGRAPH_KEYS.ranking).text).toBe(
      '本节点没有已报送的单位，无法排名。\n未报送的单位（不参与排名）：且末县林草局、且末县水利局、且末县自然资源局。',
    )
    expect(model.indicatorTable.rows).toHaveLength(4)
  })

  it('is a report model the frozen-model check recognises (定稿 stores it as is)', () => {
    const model = draft([A, B], [unitA, unitB])
    expect(frozenModelOf({ model: JSON.parse(JSON.stringify(model)) as unknown })).toEqual(model)
  })
})

describe('unitDeviationText', () => {
  it("reads the 偏离情况及成因分析 paragraph of the unit's frozen report, as shown", () => {
    const model = draft([A, B], [unitA, unitB])
    const unitModel: ReportModel = {
      ...model,
      blocks: [
        {
          kind: 'paragraph',
          key: 'deviation',
          text: '预算执行滞后，原因是项目未开工。',
          drafted: '草稿文字',
          edited: true,
          userParagraph: false,
          needsInput: false,
        },
      ],
    }
    expect(unitDeviationText({ frozen: { at: '2021-07-05T06:30:00.000Z', model: unitModel } })).toBe(
      '预算执行滞后，原因是项目未开工。',
    )
    expect(unitDeviationText({})).toBeNull()
    expect(unitDeviationText({ frozen: { at: '2021-07-05T06:30:00.000Z', model: { junk: true } } })).toBeNull()
  })
})

describe('departmentReportRelease', () => {
  it('is a 草稿 until 定稿, then 第N版 with N = 解除定稿 + 1', () => {
    expect(departmentReportRelease(null)).toEqual({ kind: 'draft' })
    expect(departmentReportRelease({ unlocks: [] })).toEqual({ kind: 'draft' })
    const at = '2021-07-05T06:30:00.000Z'
    expect(
      departmentReportRelease({
        frozen: { at, model: {} },
        unlocks: [{ at: '2021-07-04T00:00:00.000Z', reason: '重新报送' }],
      }),
    ).toEqual({ kind: 'final', version: 2, frozenAt: at })
  })
})
