/**
 * The 绩效监控报告 drafted from the demo data (seed 001, 且末县自然资源局, node 2021-06-30).
 * Seed 001 announces "三级指标 22 个" and then "23 个"; the report counts from the data: 22.
 */
import { describe, expect, it } from 'vitest'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../../src/domain/snapshot'
import { defaultSettings } from '../../../src/domain/settings'
import type { MonitoringSettings } from '../../../src/domain/settings'
import type { IsoDate, UnitYearDataset } from '../../../src/domain/types'
import {
  draftReport,
  indicatorKey,
  META_KEYS,
  paragraphsOf,
  PARAGRAPH_KEYS,
  pendingInputs,
  regenerateEdits,
  withEdit,
  withoutEdit,
} from '../../../src/domain/report'
import type { ReportModel, ReportParagraph } from '../../../src/domain/report'

function report(
  options: { precision?: number; edits?: Record<string, string>; data?: UnitYearDataset; reportDate?: IsoDate } = {},
): ReportModel {
  const dataset = options.data ?? qiemo2021Dataset()
  const settings: MonitoringSettings = { ...defaultSettings(), ratePrecision: options.precision ?? 2 }
  const snapshot = computeNodeSnapshot({ dataset, nodeId: DEMO_NODE_ID, settings })
  if (!snapshot.ok) throw new Error(snapshot.issues.map((i) => i.message).join('；'))
  return draftReport({
    dataset,
    snapshot: snapshot.value,
    settings,
    reportDate: options.reportDate ?? '2021-07-02',
    edits: options.edits,
  })
}

function para(model: ReportModel, key: string): ReportParagraph {
  const found = paragraphsOf(model).find((p) => p.key === key)
  if (!found) throw new Error(`no paragraph ${key}`)
  return found
}

const headings = (model: ReportModel): string[] => model.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []))
const indicatorLines = (model: ReportModel): string[] =>
  paragraphsOf(model)
    .filter((p) => p.key.startsWith('indicator.'))
    .map((p) => p.text)

/** Every indicator line of seed 001 三(一), as the report words it at precision 0 (seed 001 prints whole percents). */
const SEED001_LINES_WHOLE = [
  '指标1：办理建设项目用地初审，预期指标值：≥15个，实际完成值：7个，指标完成率：47%。',
  '指标2：新增建设用地报批，预期指标值：≥450亩，实际完成值：30亩，指标完成率：7%。',
  '指标3：开展及红枣培训会议次数，预期指标值：≥12次，实际完成值：4次，指标完成率：33%。',
  '指标4：挂牌出让土地，预期指标值：≥20公顷，实际完成值：未达监控节点，指标完成率：未达监控节点。',
  '指标5：闲置土地清理，预期指标值：≥28.88公顷，实际完成值：未达监控节点，指标完成率：未达监控节点。',
  '指标6：审批国有土地使用权转让，预期指标值：≥2万亩，实际完成值：未达监控节点，指标完成率：未达监控节点。',
  '指标7：完成土地出让成交价款，预期指标值：≥5200万元，实际完成值：未达监控节点，指标完成率：未达监控节点。',
  '指标1：国有建设用地和国有农用地评估率，预期指标值：≥100%，实际完成值：50%，指标完成率：50%。',
  '指标2：土地报批程序合规通过率，预期指标值：≥100%，实际完成值：50%，指标完成率：50%。',
  '指标3：社保费、工资发放及时率，预期指标值：≥100%，实际完成值：100%，指标完成率：100%。',
  '指标4：项目工程验收合格率，预期指标值：≥98%，实际完成值：60%，指标完成率：61%。',
  '指标1：资金拨付及时率，预期指标值：≥100%，实际完成值：100%，指标完成率：100%。',
  '指标2：资金发放及时性，预期指标值：≥100%，实际完成值：100%，指标完成率：100%。',
  '指标3：日常工作运转完成时间，预期指标值：12月31日前完成，实际完成值：6个月，指标完成率：50%。',
  '指标1：项目保障成本经费，预期指标值：≤150万元，实际完成值：0万元，指标完成率：0%。',
  '指标2：人员保障成本经费，预期指标值：≤1129.83万元，实际完成值：324.88万元，指标完成率：29%。',
  '指标3：运转保障成本经费，预期指标值：≤213.42万元，实际完成值：58.86万元，指标完成率：28%。',
  '指标1：自然资源损毁和浪费造成的经济损失，预期指标值：效果明显，实际完成值：有所效果，指标完成率：30%。',
  '指标2：便民服务水平提升，预期指标值：明显提升，实际完成值：有所提升，指标完成率：40%。',
  '指标1：改善资源生态环境和人居环境，预期指标值：有效改善，实际完成值：有所改善，指标完成率：30%。',
  '指标1：自然资源节约集约利用，预期指标值：逐步提升，实际完成值：有所提升，指标完成率：40%。',
  '指标1：办事群众满意率，预期指标值：≥98%，实际完成值：未达监控节点，指标完成率：未达监控节点。',
]

describe('draftReport on the demo data (seed 001)', () => {
  const model = report()

  it('follows the outline of domain-rules §13.1 / seed 001', () => {
    expect(model.title).toBe('且末县自然资源局整体支出绩效监控报告')
    expect(model.reportDate).toBe('2021年7月2日')
    const chapters = model.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []))
    expect(chapters).toEqual([
      '一、绩效监控工作组织实施情况',
      '二、部门单位年度预算执行情况',
      '三、部门单位整体绩效目标情况',
      '四、意见及建议',
      '五、其他需要说明的问题',
      '附表：2021年1-6月绩效目标监控表',
    ])
    expect(headings(model)).toEqual(
      expect.arrayContaining([
        '（一）基本情况',
        '（二）存在问题及分析',
        '（三）下一步措施',
        '（一）基本支出执行情况',
        '（二）项目支出执行情况',
        '（一）绩效目标完成情况',
        '（二）偏离情况及成因分析',
        '（三）纠偏措施',
        '1、产出指标',
        '①数量指标：',
        '④成本指标：',
        '2、效益指标',
        '3、满意度指标',
        '1、已采取的纠正绩效目标偏离措施及效果：',
        '2、下一步计划开展的纠正绩效目标偏离措施及预期效果：',
      ]),
    )
  })

  it('counts 3 一级, 8 二级 and 22 三级指标 from the data (seed 001 says 22, then 23)', () => {
    expect(model.counts).toEqual({ level1: 3, level2: 8, level3: 22 })
    expect(para(model, PARAGRAPH_KEYS.targetsCounts).text).toBe(
      '共设置一级指标3个，二级指标8个，三级指标22个。截至监控节点，22个三级指标的完成情况如下（其中5个未达监控节点）：',
    )
    expect(indicatorLines(model)).toHaveLength(22)
  })

  it('words every indicator line like seed 001, with whole percents at precision 0', () => {
    expect(indicatorLines(report({ precision: 0 }))).toEqual(SEED001_LINES_WHOLE)
  })

  it('shows completion to two decimals at precision 2 (7 ÷ 15 = 46.67%, 60 ÷ 98 = 61.22%)', () => {
    const lines = indicatorLines(model)
    expect(lines[0]).toBe('指标1：办理建设项目用地初审，预期指标值：≥15个，实际完成值：7个，指标完成率：46.67%。')
    expect(lines[10]).toBe('指标4：项目工程验收合格率，预期指标值：≥98%，实际完成值：60%，指标完成率：61.22%。')
    expect(lines[15]).toBe(
      '指标2：人员保障成本经费，预期指标值：≤1129.83万元，实际完成值：324.88万元，指标完成率：28.75%。',
    )
  })

  it('drafts the budget paragraph: 1493.25 万元, 执行率25.70% at precision 2', () => {
    expect(para(model, PARAGRAPH_KEYS.budgetOverall).text).toBe(
      '我单位2021年预算1493.25万元，实际到位资金383.74万元，到位率25.70%。截至2021年6月底资金执行数383.74万元，预算执行率25.70%。' +
        '同期序时进度为50.00%，执行进度比为51.4，预算执行预警为红灯。',
    )
  })

  it('prints whole percents like seed 001 at precision 0 (到位率 26%, 执行率 26%, 基本支出 29%)', () => {
    const whole = report({ precision: 0 })
    expect(para(whole, PARAGRAPH_KEYS.budgetOverall).text).toContain(
      '到位率26%。截至2021年6月底资金执行数383.74万元，预算执行率26%。',
    )
    expect(para(whole, PARAGRAPH_KEYS.budgetBasic).text).toBe(
      '本年度基本支出预算安排总额为1343.25万元，其中财政资金1343.25万元，其他资金0.00万元。截至监控节点，基本支出实际支出资金383.74万元，预算执行率29%。' +
        '其中用于：工资福利支出324.88万元、车辆运行维护费15.95万元、基本公用经费42.91万元、驻村、管寺生活补助0.00万元。',
    )
    expect(para(whole, PARAGRAPH_KEYS.budgetProject).text).toContain(
      '项目支出实际支出资金0.00万元，预算执行率0%。主要用于：国有土地出让金评估项目（预算150.00万元',
    )
  })

  it('drafts 一、 from the unit record: 七个科室, the group by role, the finance officer', () => {
    expect(para(model, PARAGRAPH_KEYS.structure).text).toContain(
      '且末县自然资源局本级，下设七个科室，分别是：行政办公室、生态修复科、',
    )
    expect(para(model, PARAGRAPH_KEYS.group).text.split('\n')).toEqual([
      '且末县自然资源局绩效监控小组成员：',
      '组长：才茨柯（党组书记、副局长）、姜西军（局长、党组副书记）',
      '副组长：吴联军（自然资源局副局长）、吐尔孙·艾拜（自然资源局党组成员）、赵小平（自然资源局副局长）、艾散江·热合曼（苏塘分局局长）、安东（自然资源局党组成员）、黄俊凯（自然资源局挂职副局长）',
      '成员：各科室业务骨干。',
    ])
    expect(para(model, PARAGRAPH_KEYS.duties).text).toContain('由郝永婕负责日常工作')
  })

  it('drafts 偏离情况及成因分析 from the budget light and each deviating indicator’s 偏差原因', () => {
    const text = para(model, PARAGRAPH_KEYS.deviation).text
    expect(text).toContain(
      '预算执行方面：截至监控节点预算执行率25.70%，低于序时进度50.00%，执行进度比51.4，为红灯预警。',
    )
    expect(text).toContain('绩效目标方面：7个指标偏离预期（红灯6个、黄灯1个）')
    expect(text).toContain(
      '（1）新增建设用地报批：预期指标值≥450亩，实际完成值30亩，指标完成率6.67%，按序时进度应完成225亩，红灯。偏差原因：其他：建设项目前期手续办理周期长',
    )
    expect(text).toContain('完成土地出让成交价款（未达监控节点）：完成目标可能性为“有可能”。')
  })

  it('adds open alerts not already explained, and drafts 纠偏措施 from the measures', () => {
    const data = qiemo2021Dataset()
    data.alerts.push({
      id: 'a1',
      nodeId: DEMO_NODE_ID,
      ruleId: 'budget.line',
      light: 'red',
      subjectType: 'budgetLine',
      subjectId: 'demo-bl-pgxm',
      thresholds: {},
      inputs: {},
      message: '国有土地出让金评估项目执行率0.00%，红色预警',
      status: 'open',
    })
    const model2 = report({ data })
    expect(para(model2, PARAGRAPH_KEYS.deviation).text).toContain(
      '其他预警：\n（1）国有土地出让金评估项目执行率0.00%，红色预警',
    )
    expect(para(model2, PARAGRAPH_KEYS.measuresTaken).text).toContain(
      '效果：提高了预算编制科学性和合理性，优化了资金结构。（责任科室：行政办公室）',
    )
    expect(para(model2, PARAGRAPH_KEYS.measuresPlanned).text).toContain(
      '预期效果：保障我单位业务经费按时按进度实施。（责任科室：行政办公室，完成时限：2021年9月30日）',
    )
  })

  it('marks 存在问题, 下一步措施, 意见及建议 and 其他需要说明的问题 as 待填写 until the user writes them', () => {
    expect(pendingInputs(model).map((p) => p.key)).toEqual([
      PARAGRAPH_KEYS.problems,
      PARAGRAPH_KEYS.nextSteps,
      PARAGRAPH_KEYS.suggestions,
      PARAGRAPH_KEYS.other,
    ])
    const problems = para(model, PARAGRAPH_KEYS.problems)
    expect(problems.text).toContain(
      '1、预算执行进度偏慢。截至2021年6月底预算执行率25.70%，低于序时进度50.00%，其中项目支出执行率0.00%。',
    )
    // confirming the suggested text unchanged is an edit (the mark goes), unlike for a drafted paragraph
    const edits = withEdit({}, problems, problems.drafted)
    expect(pendingInputs(report({ edits })).map((p) => p.key)).not.toContain(PARAGRAPH_KEYS.problems)
  })

  it('adds a project target’s indicators as their own group after the 整体 ones, outside the 整体 counts', () => {
    const data = qiemo2021Dataset()
    data.targets.push({
      id: 'pt',
      unitId: data.unit.id,
      year: 2021,
      scope: 'project',
      projectId: 'demo-qiemo-2021-pgxm',
      description: '评估',
    })
    data.indicators.push({
      id: 'pi',
      targetId: 'pt',
      level1: '产出指标',
      level2: '数量指标',
      name: '完成评估宗地',
      operator: '≥',
      targetValue: '10',
      measureUnit: '宗',
      accrual: 'level',
      sortOrder: 1,
    })
    data.readings.push({
      id: 'pr',
      nodeId: DEMO_NODE_ID,
      indicatorId: 'pi',
      actualValue: '6',
      deviationCauses: [],
      deviationText: '',
    })
    const model = report({ data })
    expect(model.counts.level3).toBe(22)
    expect(headings(model)).toContain('4、国有土地出让金评估项目绩效指标')
    expect(para(model, indicatorKey('pi')).text).toBe(
      '指标1：完成评估宗地，预期指标值：≥10宗，实际完成值：6宗，指标完成率：60.00%。',
    )
    expect(model.indicatorTable.rows.at(-1)?.cells[0].text).toBe('国有土地出让金评估项目')
  })

  it('drafts 五、 from 追加 / 追减 / 上年结转 when the budget lines record them', () => {
    const data = qiemo2021Dataset()
    data.budgetLines.push({
      id: 'zj',
      unitId: data.unit.id,
      year: 2021,
      category: 'project',
      projectId: 'demo-qiemo-2021-pgxm',
      name: '森林生态效益补偿补助',
      fundSource: '上级专项',
      initialBudget: '0',
      additions: '1395.74',
      reductions: '0',
      carryOver: '0',
      sortOrder: 9,
    })
    const other = para(report({ data }), PARAGRAPH_KEYS.other)
    expect(other.text).toBe('本年度追加预算1395.74万元（其中：上级专项1395.74万元），已计入上述调整后预算。')
    expect(other.needsInput).toBe(false)
  })
})

describe('the budget block and the indicator table (监控表) match the report', () => {
  const model = report()

  it('has the seed figures in the budget block, rounded as the report rounds them', () => {
    const total = model.budgetTable.rows[0].cells.map((c) => c.text)
    expect(total).toEqual(['合计', '', '1493.25', '1493.25', '383.74', '383.74', '25.70%', ''])
    expect(model.budgetTable.rows[0].cells[6]).toMatchObject({ value: '0.257', format: 'percent', places: 2 })
    expect(model.budgetTable.header[5]).toBe('1-6月执行数')
    const basic = model.budgetTable.rows.find((r) => r.cells[0].text === '基本支出')
    expect(basic?.cells[6].text).toBe('28.57%')
    expect(
      model.budgetTable.rows
        .at(-1)
        ?.cells.map((c) => c.text)
        .slice(0, 2),
    ).toEqual(['资金来源小计', '财政拨款'])
  })

  it('has one indicator row per 三级指标 with the report’s completion and light', () => {
    expect(model.indicatorTable.rows).toHaveLength(22)
    const baopi = model.indicatorTable.rows[1].cells
    expect(baopi.map((c) => c.text)).toEqual([
      '整体',
      '产出指标',
      '数量指标',
      '新增建设用地报批',
      '≥',
      '亩',
      '450',
      '30',
      '6.67%',
      '红灯',
      '450',
      '有可能',
      '其他：建设项目前期手续办理周期长，报批集中在下半年，上半年仅完成30亩。',
      '',
      '',
    ])
    expect(baopi[9].light).toBe('red')
    // the same string appears in the report line
    expect(indicatorLines(model)[1]).toContain(`指标完成率：${baopi[8].text}`)
  })

  it('dates the indicators not yet due in words (2021年10月1日后可衡量), no ISO date in any cell', () => {
    const notes = model.indicatorTable.rows
      .flatMap((r) => r.cells.map((c) => c.text))
      .filter((t) => t.endsWith('后可衡量'))
    expect(notes).toEqual([...Array<string>(4).fill('2021年10月1日后可衡量'), '2021年12月31日后可衡量'])
    const cells = [...model.indicatorTable.rows, ...model.budgetTable.rows].flatMap((r) => r.cells.map((c) => c.text))
    expect(cells.filter((t) => /\d{4}-\d{2}-\d{2}/.test(t))).toEqual([])
  })

  it('uses whole percents in the table too at precision 0', () => {
    const whole = report({ precision: 0 })
    expect(whole.budgetTable.rows[0].cells[6]).toMatchObject({ text: '26%', value: '0.26', places: 0 })
    expect(whole.indicatorTable.rows[0].cells[8].text).toBe('47%')
  })
})

describe('edits and 重新生成', () => {
  it('lays the user’s text over the draft and remembers the draft', () => {
    const key = PARAGRAPH_KEYS.budgetOverall
    const model = report({ edits: { [key]: '我单位预算执行情况如下。' } })
    expect(para(model, key)).toMatchObject({ text: '我单位预算执行情况如下。', edited: true })
    expect(para(model, key).drafted).toContain('执行率25.70%')
  })

  it('uses the 填报时间 the user chose, and keeps it on 重新生成', () => {
    expect(report({ reportDate: '2021-08-01', edits: { [META_KEYS.reportDate]: '2021-07-02' } }).reportDate).toBe(
      '2021年7月2日',
    )
    expect(report({ reportDate: '2021-08-01', edits: { [META_KEYS.reportDate]: '2021-13-40' } }).reportDate).toBe(
      '2021年8月1日',
    )
    expect(regenerateEdits({ [META_KEYS.reportDate]: '2021-07-05' }, report(), false)).toEqual({
      [META_KEYS.reportDate]: '2021-07-05',
    })
  })

  it('drops an edit equal to the draft, and 恢复 removes one', () => {
    const model = report()
    const p = para(model, PARAGRAPH_KEYS.budgetOverall)
    expect(withEdit({}, p, `${p.drafted}  `)).toEqual({})
    expect(withoutEdit({ [p.key]: 'x', other: 'y' }, p.key)).toEqual({ other: 'y' })
  })

  it('keeps edits on 重新生成 unless discarded, and drops edits of paragraphs that no longer exist', () => {
    const model = report()
    const edits = { [PARAGRAPH_KEYS.suggestions]: '建议一', [indicatorKey('gone')]: '旧指标' }
    expect(regenerateEdits(edits, model, false)).toEqual({ [PARAGRAPH_KEYS.suggestions]: '建议一' })
    expect(regenerateEdits(edits, model, true)).toEqual({})
  })

  it('is plain data (no Decimal), so it can be frozen into IndexedDB as is', () => {
    const model = report()
    expect(JSON.parse(JSON.stringify(model))).toEqual(model)
  })
})
