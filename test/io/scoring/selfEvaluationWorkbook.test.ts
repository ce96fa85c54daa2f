/**
 * The 自评表 export, laid out like seed 003's table: seed 003 scored from its own inputs (95.56, 优, the
 * year-end 年度自评) and the seed 001 demo at 1-6月 (按当前进度预计, the monthly average over 1-6月).
 */
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { SEED003_SCHEME, schemeContextOf, scoreScheme } from '../../../src/domain/scoring'
import type { GradeBound, SchemeScore, ScoringSchemeDefinition } from '../../../src/domain/scoring'
import type { NodeSnapshot } from '../../../src/domain/snapshot'
import { computeNodeSnapshot } from '../../../src/domain/snapshot'
import { defaultSettings } from '../../../src/domain/settings'
import { qiemo2021Dataset } from '../../../src/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '../../../src/domain/demo/ids'
import {
  SELF_EVALUATION_SHEET,
  gradeLine,
  selfEvaluationBytes,
  selfEvaluationFileName,
} from '../../../src/io/scoring/selfEvaluationWorkbook'
import type { SelfEvaluationRequest } from '../../../src/io/scoring/selfEvaluationWorkbook'
import { FIXTURE_SCHEME, fixtureInputs, seed003Context, seed003Inputs } from './fixtures'

async function sheetOf(request: SelfEvaluationRequest): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await selfEvaluationBytes(request))
  const sheet = book.getWorksheet(SELF_EVALUATION_SHEET)
  if (!sheet) throw new Error('no sheet')
  return sheet
}

const values = (sheet: ExcelJS.Worksheet, row: number): unknown[] =>
  Array.from({ length: 11 }, (_, i) => sheet.getCell(row, i + 1).value)
/** The merged ranges of the table body and below (rows 5 on), in sheet order. */
const bodyMerges = (sheet: ExcelJS.Worksheet): string[] =>
  (sheet.model.merges as string[]).filter((range) => Number(/\d+/.exec(range)?.[0]) >= 5).sort(byPlace)
/** 'C9:C10' before 'C13:C15': by column, then row */
const byPlace = (a: string, b: string): number =>
  a.charCodeAt(0) - b.charCodeAt(0) || Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0])

function demoSnapshot(): NodeSnapshot {
  const snapshot = computeNodeSnapshot({
    dataset: qiemo2021Dataset(),
    nodeId: DEMO_NODE_ID,
    settings: defaultSettings(),
  })
  if (!snapshot.ok) throw new Error('no snapshot')
  return snapshot.value
}

function request(score: SchemeScore, scheme: ScoringSchemeDefinition, extra: Partial<SelfEvaluationRequest>) {
  return { score, scheme, unitName: '', year: 2021, nodeLabel: '', precision: 2, ...extra }
}

describe('自评表 of seed 003 from its own inputs (year end)', async () => {
  const score = scoreScheme(SEED003_SCHEME, seed003Context())
  const seed003 = request(score, SEED003_SCHEME, {
    unitName: '广州市规划和自然资源局花都区分局',
    year: 2023,
    nodeLabel: '2023年1-12月',
    remarks: seed003Inputs().remarks,
  })
  const sheet = await sheetOf(seed003)

  it('is titled with the unit and the year, 年度自评, and headed like seed 003', () => {
    expect([1, 2, 3].map((r) => sheet.getCell(r, 1).value)).toEqual([
      '部门整体支出绩效自评表',
      '（2023年度 · 年度自评）',
      '部门名称：广州市规划和自然资源局花都区分局\u3000\u3000评分方案：广州2023自评表',
    ])
    expect(values(sheet, 4)).toEqual([
      '一级指标',
      '分值',
      '二级指标',
      '分值',
      '三级指标',
      '分值',
      '指标解释',
      '评分标准',
      '指标值/完成情况',
      '得分',
      '备注（评分依据、未达标原因、改进措施）',
    ])
    expect(selfEvaluationFileName(seed003)).toBe('广州市规划和自然资源局花都区分局2023年度部门整体支出绩效自评表.xlsx')
    expect(sheet.getCell('A1').font.name).toBe('方正小标宋简体')
    expect(sheet.getCell('E5').font.name).toBe('仿宋_GB2312')
  })

  it('has one row per item, 26 rows, with its weight, rule in words, value, score and remark', () => {
    expect(Array.from({ length: 26 }, (_, i) => sheet.getCell(5 + i, 5).value)).toEqual(
      SEED003_SCHEME.items.map((item) => item.level3),
    )
    expect(values(sheet, 7)).toEqual([
      '履职效能',
      50,
      '整体效能',
      50,
      '部门预算资金支出率',
      10,
      '反映部门预算资金支出进度。',
      '年度平均执行率低于100%的，得分=年度平均执行率×分值；年度平均执行率不低于100%的，得满分',
      '95.60%（1-12月平均）',
      9.56,
      '支出率未达到100%，改进措施：加强与财局的沟通，加快支出进度。',
    ])
    expect(sheet.getCell('I5').value).toBe(
      '建设用地供应：100.00%，得8.00分\n不动产登记办结率：105.00%，得6.00分\n耕地保护任务：100.00%，得6.00分',
    )
    // 绩效管理制度建设: two parts judged 未达成 at 30% → 0.75 + 0.75
    expect(values(sheet, 13).slice(4, 11)).toEqual([
      '绩效管理制度建设',
      5,
      '反映部门对机关和下属单位、专项资金等绩效目标管理、绩效运行监控、绩效评价管理和评价结果应用等预算绩效管理制度的建设和执行情况。',
      '1.本级资金管理制度明确绩效要求（2.5分）：按本级资金管理制度明确绩效要求评判：达成的，得分值的80%-100%（含80%）；部分达成的，得分值的60%-80%（含60%）；未达成的，得分值的0-60%。2.制度明确机关各处室、下属单位的绩效职责分工（2.5分）：按制度明确绩效职责分工评判：达成的，得分值的80%-100%（含80%）；部分达成的，得分值的60%-80%（含60%）；未达成的，得分值的0-60%',
      '1.本级资金管理制度明确绩效要求：未达成（30%），得0.75分\n2.制度明确机关各处室、下属单位的绩效职责分工：未达成（30%），得0.75分',
      1.5,
      '我局相关管理制度不明确，酌情扣分后，下一步将尽快完善相关制度。',
    ])
    expect(sheet.getCell('J24').value).toBe(0.5)
    expect(sheet.getCell('J7').numFmt).toBe('0.00')
  })

  it('merges the 一级 and 二级 groups with their weights (履职效能 50, 管理效率 50; 预算执行 4, 采购管理 10 …)', () => {
    expect(bodyMerges(sheet)).toEqual([
      'A5:A7',
      'A8:A30',
      'A31:E31',
      'A32:E32',
      'A33:K33',
      'B5:B7',
      'B8:B30',
      'C5:C7',
      'C9:C10',
      'C11:C12',
      'C13:C15',
      'C16:C22',
      'C23:C28',
      'C29:C30',
      'D5:D7',
      'D9:D10',
      'D11:D12',
      'D13:D15',
      'D16:D22',
      'D23:D28',
      'D29:D30',
      'F32:K32',
      'G31:I31',
    ])
    expect([8, 9, 11, 13, 16, 23, 29].map((r) => [sheet.getCell(r, 3).value, sheet.getCell(r, 4).value])).toEqual([
      ['预算编制', 3],
      ['预算执行', 4],
      ['信息公开', 4],
      ['绩效管理', 15],
      ['采购管理', 10],
      ['资产管理', 10],
      ['运行成本', 4],
    ])
    expect(sheet.getCell('B8').value).toBe(50)
  })

  it('ends with 总分 100 / 95.56 and 评价等级 √优 (seed 003 p.3)', () => {
    // a merged range reads as its first cell's value throughout
    expect(values(sheet, 31)).toEqual(['总分', '总分', '总分', '总分', '总分', 100, null, null, null, 95.56, null])
    expect(sheet.getCell('F32').value).toBe(
      '√优  90分≤得分≤100分；  □良  80分≤得分＜90分；  □中  60分≤得分＜80分；  □差  得分＜60分',
    )
    expect(sheet.getCell('A33').value).toBe('注：本表金额单位为万元；得分按评分方案逐项四舍五入后合计。')
  })
})

describe('自评表 of the demo at 1-6月 (按当前进度预计)', async () => {
  const snapshot = demoSnapshot()

  it('with nothing entered: the monthly average over 1-6月 and what is missing, 32.05, 差', async () => {
    const score = scoreScheme(SEED003_SCHEME, schemeContextOf(snapshot, null))
    const demo = request(score, SEED003_SCHEME, { unitName: '且末县自然资源局', nodeLabel: snapshot.label })
    const sheet = await sheetOf(demo)
    expect(sheet.getCell('A2').value).toBe('（2021年度 · 按当前进度预计（截至2021年1-6月））')
    expect(sheet.getCell('J4').value).toBe('预计得分')
    expect(selfEvaluationFileName(demo)).toBe(
      '且末县自然资源局2021年度部门整体支出绩效自评表（按当前进度预计，2021年1-6月）.xlsx',
    )
    expect(values(sheet, 7).slice(8, 11)).toEqual(['50.54%（1-6月平均）', 5.05, null])
    expect(values(sheet, 8).slice(8, 11)).toEqual(['未填报', 0, '应评估而未开展评估的项目未填报，暂计 0 分。'])
    expect(sheet.getCell('K10').value).toBe('审计和财会监督指出的问题未填报，暂计 0 分。')
    expect(values(sheet, 31).slice(5, 10)).toEqual([100, null, null, null, 32.05])
    expect(sheet.getCell('F32').value).toMatch(/^□优 .*√差 {2}得分＜60分$/)
    expect(sheet.getCell('A33').value).toBe(
      '注：按当前进度预计（截至2021年1-6月）：年度平均执行率按已填报的1-6月计算；绩效指标按全年预计完成值（未填的按截至本节点的完成情况）计分；管理指标按已填报的数计分。23 项尚未填报或尚无数据，暂计 0 分，见备注。本表金额单位为万元；得分按评分方案逐项四舍五入后合计。',
    )
  })

  it('with the 14-item scheme and its inputs: its own groups merged, 72.45, 中', async () => {
    const score = scoreScheme(FIXTURE_SCHEME, schemeContextOf(snapshot, fixtureInputs()))
    const sheet = await sheetOf(
      request(score, FIXTURE_SCHEME, {
        unitName: '且末县自然资源局',
        nodeLabel: snapshot.label,
        remarks: fixtureInputs().remarks,
      }),
    )
    expect(Array.from({ length: 14 }, (_, i) => sheet.getCell(5 + i, 10).value)).toEqual([
      41.4, 5.05, 3, 3, 1, 2, 0.5, 1, 2, 2, 0, 4, 3.5, 4,
    ])
    expect(bodyMerges(sheet)).toEqual([
      'A5:A6',
      'A7:A18',
      'A19:E19',
      'A20:E20',
      'A21:K21',
      'B5:B6',
      'B7:B18',
      'C5:C6',
      'C7:C8',
      'C9:C11',
      'C12:C13',
      'C17:C18',
      'D5:D6',
      'D7:D8',
      'D9:D11',
      'D12:D13',
      'D17:D18',
      'F20:K20',
      'G19:I19',
    ])
    expect([sheet.getCell('B5').value, sheet.getCell('B7').value, sheet.getCell('D9').value]).toEqual([55, 45, 7])
    expect(values(sheet, 19).slice(5, 10)).toEqual([100, null, null, null, 72.45])
    expect(sheet.getCell('I18').value).toBe(
      '1.绩效目标未被回退：1次，得0.00分\n2.按要求开展绩效监控：是，得2.00分\n3.及时报送绩效材料：发现问题 1 项，得2.00分',
    )
    expect(sheet.getCell('K6').value).toBe('支出进度偏慢，下半年加快项目支付。')
    expect(sheet.getCell('F20').value).toMatch(/√中 {2}60分≤得分＜80分/)
  })
})

describe('gradeLine', () => {
  it("ticks the grade reached among the scheme's own grades", () => {
    const grades: GradeBound[] = [
      { label: '优秀', min: '85' },
      { label: '合格', min: '60' },
      { label: '不合格', min: '0' },
    ]
    expect(gradeLine(grades, '合格')).toBe('□优秀  85分≤得分≤100分；  √合格  60分≤得分＜85分；  □不合格  得分＜60分')
  })
})
