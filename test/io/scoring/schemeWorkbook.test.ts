/**
 * The scheme workbook (docs/scoring-workbook.md): its sheets, headers and dropdowns, the 规则参数 text of
 * every rule kind, the round trip of the built-in schemes and of a 14-item scheme using every rule type,
 * and a file with bad cells refused with cell-exact Chinese messages.
 */
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { COMMON_SCHEME, SEED003_SCHEME, schemeContextOf, scoreScheme } from '../../../src/domain/scoring'
import type { ScoringSchemeDefinition } from '../../../src/domain/scoring'
import { readingText } from '../../../src/domain/scoring'
import { computeNodeSnapshot } from '../../../src/domain/snapshot'
import { defaultSettings } from '../../../src/domain/settings'
import { qiemo2021Dataset } from '../../../src/domain/demo/qiemo2021'
import { DEMO_NODE_ID } from '../../../src/domain/demo/ids'
import { readGrids } from '../../../src/io/excel/workbook'
import { readSchemeWorkbook, schemeWorkbookBytes, schemeWorkbookFileName } from '../../../src/io/scoring/schemeWorkbook'
import { FIXTURE_EXPECTED, FIXTURE_SCHEME, FIXTURE_TOTAL, fixtureInputs, fixtureSchemeBytes } from './fixtures'

const HEADERS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '分项名称',
  '分值',
  '取数',
  '指标名称',
  '分子',
  '分母',
  '计算方式',
  '填报类型',
  '单位',
  '取数名称',
  '规则',
  '规则参数',
  '规则说明',
  '指标解释',
]

async function grid(bytes: ArrayBuffer, name: string) {
  const grids = await readGrids(bytes)
  const found = grids.find((g) => g.name === name)
  if (!found) throw new Error(`no sheet ${name}`)
  return found
}

/** The 评分项目 row of an item (by 三级指标) and the rows of its parts below it. */
function rowOf(rows: unknown[][], level3: string): number {
  return rows.findIndex((r) => r[2] === level3)
}

/** Loads the bytes, lets `edit` change cells, writes them again. */
async function edited(bytes: ArrayBuffer, edit: (book: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes)
  edit(book)
  return (await book.xlsx.writeBuffer()) as ArrayBuffer
}

describe('schemeWorkbookBytes: a workbook a finance officer can read and edit', () => {
  it('has the sheets 说明, 方案 and 评分项目, the 评分项目 headers in order, and 方案 with name, places and grades', async () => {
    const bytes = await schemeWorkbookBytes(SEED003_SCHEME)
    expect((await readGrids(bytes)).map((g) => g.name)).toEqual(['说明', '方案', '评分项目'])
    expect((await grid(bytes, '评分项目')).rows[0]).toEqual(HEADERS)
    const scheme = (await grid(bytes, '方案')).rows
    expect(scheme[1].slice(0, 2)).toEqual(['方案名称', '广州2023自评表'])
    expect(scheme[2].slice(0, 2)).toEqual(['保留小数位数', 2])
    expect(scheme[4].slice(0, 2)).toEqual(['评价等级', '最低得分'])
    expect(scheme.slice(5, 9).map((r) => r.slice(0, 2))).toEqual([
      ['优', 90],
      ['良', 80],
      ['中', 60],
      ['差', 0],
    ])
    expect(schemeWorkbookFileName(SEED003_SCHEME)).toBe('广州2023自评表（评分方案）.xlsx')
  })

  it('offers dropdowns for 取数, 分子, 分母, 计算方式, 填报类型 and 规则 down to row 300', async () => {
    const zip = await JSZip.loadAsync(await schemeWorkbookBytes(SEED003_SCHEME))
    const sheet = (await zip.file('xl/worksheets/sheet3.xml')?.async('string')) ?? ''
    const list = (sqref: string, choices: string) =>
      new RegExp(`<dataValidation type="list"[^>]*sqref="${sqref}"><formula1>&quot;${choices}&quot;</formula1>`)
    expect(sheet).toMatch(list('F2:F300', '指标完成率,绩效指标完成情况,年度平均执行率,预算比率,填报值'))
    const quantities =
      '调整后预算,上年结转,预算总额（调整后预算\\+上年结转）,执行数,编制数,在职人数,“三公”经费预算,“三公”经费实际支出,上年“三公”经费支出,公用经费年初预算,公用经费实际支出,年末结转结余,非税收入预算,非税收入实际,政府采购预算,政府采购实际,重点支出'
    expect(sheet).toMatch(list('H2:H300', quantities))
    expect(sheet).toMatch(list('I2:I300', quantities))
    expect(sheet).toMatch(list('J2:J300', '比率,变动率'))
    expect(sheet).toMatch(list('K2:K300', '数值,是否,类别,发现问题,评判等级'))
    expect(sheet).toMatch(
      list('N2:N300', '分段计分,档次计分,达标得分,逐档扣分,按问题扣分,按类别计分,分档评判,分项合计'),
    )
    // Excel refuses a list formula longer than 255 characters
    for (const match of sheet.matchAll(/<formula1>(.*?)<\/formula1>/g))
      expect(match[1].replace(/&quot;/g, '"').length).toBeLessThanOrEqual(255)
  })

  it('writes seed 003 as rows a reader can follow: items, their parts below them, every rule in words of its own', async () => {
    const rows = (await grid(await schemeWorkbookBytes(SEED003_SCHEME), '评分项目')).rows
    const at = (level3: string) => rows[rowOf(rows, level3)]
    expect(at('部门整体绩效目标产出指标完成情况').slice(0, 7)).toEqual([
      '履职效能',
      '整体效能',
      '部门整体绩效目标产出指标完成情况',
      null,
      20,
      '绩效指标完成情况',
      '产出指标',
    ])
    expect(at('部门整体绩效目标产出指标完成情况')[14]).toBe('<60%:不得分；≤100%:按比例；≤150%:满分；>150%:满分×50%')
    expect(at('部门预算资金支出率').slice(13, 15)).toEqual(['分段计分', '<100%:按比例；≥100%:满分'])
    expect(at('结转结余率').slice(5, 15)).toEqual([
      '预算比率',
      null,
      '年末结转结余',
      '预算总额（调整后预算+上年结转）',
      '比率',
      null,
      null,
      '结转结余率',
      '档次计分',
      '≤10%:2分；≤20%:1分；≤30%:0.5分；其余:0分',
    ])
    expect(at('固定资产利用率')[14]).toBe('≥90%:2分；≥75%:1.5分；≥60%:1分；其余:0分')
    expect(at('“三公”经费控制情况').slice(13, 15)).toEqual(['达标得分', '≤100%'])
    expect(at('公用经费控制率').slice(13, 15)).toEqual(['逐档扣分', '高于0%起，每5%扣0.5分，不足一档也扣'])
    expect(at('预决算公开合规性').slice(13, 15)).toEqual([
      '按问题扣分',
      '未公开预算或决算（非涉密部门）:此项不得分；\n未在批复后20日内公开:扣1分；\n预决算公开专项检查发现问题:扣1分',
    ])
    expect(at('数据质量').slice(10, 15)).toEqual(['评判等级', null, '国有资产年报数据质量', '分档评判', null])
    // 绩效信息公开情况: a 分项合计 row with no 取数, its two parts below with 一级 to 三级 blank
    const disclosure = rowOf(rows, '绩效信息公开情况')
    expect(rows[disclosure].slice(3, 15)).toEqual([
      null,
      2,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      '分项合计',
      null,
    ])
    expect(rows.slice(disclosure + 1, disclosure + 3).map((r) => r.slice(0, 15))).toEqual([
      [
        null,
        null,
        null,
        '绩效目标在规定时间公开',
        1,
        '填报值',
        null,
        null,
        null,
        null,
        '是否',
        null,
        '绩效目标在规定时间公开',
        '达标得分',
        null,
      ],
      [
        null,
        null,
        null,
        '绩效自评资料在规定时间公开',
        1,
        '填报值',
        null,
        null,
        null,
        null,
        '是否',
        null,
        '绩效自评资料在规定时间公开',
        '达标得分',
        null,
      ],
    ])
    const rulesExecution = rowOf(rows, '绩效管理制度执行')
    expect(rows[rulesExecution + 1].slice(3, 15)).toEqual([
      '绩效目标管理',
      2,
      '填报值',
      null,
      null,
      null,
      null,
      '数值',
      '次',
      '部门整体绩效目标被财政部门回退次数',
      '达标得分',
      '<1',
    ])
    // 26 items and 13 parts, nothing else
    expect(rows.length).toBe(1 + 26 + 13)
  })

  it("writes the fixture's 线性, 满分×比例, 不足一档不扣 and 按类别计分 rules, and its own 规则说明", async () => {
    const rows = (await grid(await fixtureSchemeBytes(), '评分项目')).rows
    const at = (level3: string) => rows[rowOf(rows, level3)]
    expect(at('政府采购执行率')[14]).toBe('<60%:不得分；≤90%:线性1分至4分；>90%:4分')
    expect(at('人员控制率')[14]).toBe('≤100%:3分；≤105%:1分；其余:0分')
    expect(at('采购合同签订时效性').slice(11, 15)).toEqual([
      '%',
      '合同签订及时率',
      '逐档扣分',
      '低于100%起，每5%扣1分，不足一档不扣',
    ])
    expect(at('资产年报数据质量')[14]).toBe('优秀:6分；\n良好:4分；\n合格:2分；\n不合格:0分')
    expect(at('部门预算资金支出率')[15]).toBe(
      '年度平均执行率达到100%的，得满分；低于100%的，得分=年度平均执行率×分值。',
    )
    expect(at('部门整体绩效目标完成情况')[16]).toBe('反映部门整体绩效目标的完成情况。')
  })

  it('explains every rule kind in the 说明 sheet with an example', async () => {
    const rows = (await grid(await schemeWorkbookBytes(COMMON_SCHEME), '说明')).rows
    const table = rows.slice(rows.findIndex((r) => r[0] === '规则'))
    expect(table.map((r) => [r[0], r[2]])).toEqual([
      ['规则', '示例'],
      ['分段计分', '<60%:不得分；≤100%:按比例；≤150%:满分；>150%:满分×50%'],
      ['档次计分', '≥100%:3分；≥90%:2分；≥80%:1分；其余:0分'],
      ['达标得分', '≤100%'],
      ['逐档扣分', '高于0%起，每5%扣0.5分，不足一档也扣'],
      ['按问题扣分', '未在批复后20日内公开:扣1分；未公开预算或决算:此项不得分'],
      ['按类别计分', '优秀:6分；良好:4分；合格:2分；不合格:0分'],
      ['分档评判', '（留空）'],
      ['分项合计', '（留空）'],
    ])
  })
})

describe('readSchemeWorkbook: the round trip', () => {
  it.each([
    ['广州2023自评表 (seed 003, 26 items)', SEED003_SCHEME],
    ['通用方案', COMMON_SCHEME],
  ])('reads %s back as it was, item ids included; only the scheme id is made from its name', async (_, scheme) => {
    const back = await readSchemeWorkbook(await schemeWorkbookBytes(scheme))
    if (!back.ok) throw new Error(back.messages.join('\n'))
    expect(back.value).toStrictEqual({ ...structuredClone(scheme), id: back.value.id })
    expect(back.value.id).toMatch(/^file-[0-9a-z]+$/)
    expect(back.value.id).not.toBe(scheme.id)
  })

  it('reads the 14-item scheme of every rule type back exactly, ids made from the names', async () => {
    const back = await readSchemeWorkbook(await fixtureSchemeBytes())
    if (!back.ok) throw new Error(back.messages.join('\n'))
    expect(back.value).toStrictEqual(FIXTURE_SCHEME)
    expect(back.value.items.length).toBe(14)
    expect(new Set(back.value.items.map((i) => i.rule.kind))).toEqual(
      new Set(['piecewise', 'tiers', 'passFail', 'stepDeduction', 'perFinding', 'category', 'judged', 'parts']),
    )
    expect(back.value.items[0].id).toMatch(/^item-[0-9a-z]+$/)
  })

  it("keeps each item's id when rows are moved and a weight is changed (its inputs stay with it)", async () => {
    const bytes = await edited(await fixtureSchemeBytes(), (book) => {
      const sheet = book.getWorksheet('评分项目')
      if (!sheet) throw new Error('no sheet')
      // swap 非税收入完成率 (row 5) and 人员控制率 (row 6), and move a point between 非税收入完成率 and 人员控制率
      const five = (sheet.getRow(5).values as unknown[]).slice(1)
      const six = (sheet.getRow(6).values as unknown[]).slice(1)
      sheet.getRow(5).values = six as ExcelJS.CellValue[]
      sheet.getRow(6).values = five as ExcelJS.CellValue[]
      sheet.getCell('E5').value = 4
      sheet.getCell('E6').value = 4
      sheet.getCell('O6').value = '≥100%:4分；≥90%:3分；≥80%:1分；其余:0分'
    })
    const back = await readSchemeWorkbook(bytes)
    if (!back.ok) throw new Error(back.messages.join('\n'))
    const idOf = (s: ScoringSchemeDefinition, level3: string) => s.items.find((i) => i.level3 === level3)?.id
    expect(back.value.items.map((i) => i.level3).slice(3, 5)).toEqual(['人员控制率', '非税收入完成率'])
    for (const level3 of ['人员控制率', '非税收入完成率', '绩效管理制度执行'])
      expect(idOf(back.value, level3)).toBe(idOf(FIXTURE_SCHEME, level3))
  })

  it("scores the scheme read back as worked out by hand at the demo's 1-6月 node: 72.45, 中", async () => {
    const back = await readSchemeWorkbook(await fixtureSchemeBytes())
    if (!back.ok) throw new Error(back.messages.join('\n'))
    const snapshot = computeNodeSnapshot({
      dataset: qiemo2021Dataset(),
      nodeId: DEMO_NODE_ID,
      settings: defaultSettings(),
    })
    if (!snapshot.ok) throw new Error('no snapshot')
    const score = scoreScheme(back.value, schemeContextOf(snapshot.value, fixtureInputs(back.value)))
    expect(
      score.items.map((i) => ({
        level3: i.level3,
        value: i.reading ? readingText(i.reading, 2) : '',
        points: i.points.toFixed(),
      })),
    ).toEqual(FIXTURE_EXPECTED.map(({ level3, value, points }) => ({ level3, value, points })))
    expect([score.total.toFixed(2), score.grade, score.mode, score.unread]).toEqual([
      FIXTURE_TOTAL.total,
      FIXTURE_TOTAL.grade,
      'projected',
      0,
    ])
  })

  it("reads an 指标完成率 item's 指标名称 as the indicator of that name", async () => {
    const scheme: ScoringSchemeDefinition = {
      ...COMMON_SCHEME,
      items: [{ ...COMMON_SCHEME.items[0], metric: { kind: 'indicator', indicatorId: 'ind-7' } }],
    }
    const indicators = [
      { id: 'ind-7', name: '耕地保护目标' },
      { id: 'ind-8', name: '不动产登记' },
    ]
    const bytes = await schemeWorkbookBytes(scheme, { indicators })
    expect((await grid(bytes, '评分项目')).rows[1].slice(5, 7)).toEqual(['指标完成率', '耕地保护目标'])
    const back = await readSchemeWorkbook(bytes, { indicators })
    expect(back.ok && back.value.items[0].metric).toEqual({ kind: 'indicator', indicatorId: 'ind-7' })
    const elsewhere = await readSchemeWorkbook(bytes, { indicators: [{ id: 'x', name: '其他指标' }] })
    expect(elsewhere).toEqual({
      ok: false,
      messages: ['「评分项目」第 2 行 G 列：本单位本年度没有名为「耕地保护目标」的整体绩效指标'],
    })
  })
})

describe('readSchemeWorkbook: a wrong file changes nothing and says where', () => {
  it('names every bad cell by sheet, row and column, and returns no scheme', async () => {
    // fixture rows: 2 部门整体绩效目标完成情况, 3 部门预算资金支出率, 4 政府采购执行率, 5 非税收入完成率,
    // 6 人员控制率, 13 资产年报数据质量, 15 绩效管理制度执行 with its parts on 16–18
    const bytes = await edited(await fixtureSchemeBytes(), (book) => {
      const scheme = book.getWorksheet('方案')
      const items = book.getWorksheet('评分项目')
      if (!scheme || !items) throw new Error('no sheet')
      scheme.getCell('B3').value = 9
      scheme.getCell('B7').value = 95
      items.getCell('O2').value = '<60:不得分；≤100%:按比例；≤150%:满分；>150%:满分×50%'
      items.getCell('E3').value = 0
      items.getCell('F4').value = '随便'
      items.getCell('O5').value = '≥100%:5分；≤90%:3分'
      items.getCell('I6').value = '在职人数'
      items.getCell('O13').value = '优秀:8分；良好:4分；合格:2分；不合格:0分'
      items.getCell('E16').value = 3
      items.getCell('M18').value = '逾期报送'
      items.getCell('L18').value = '项'
    })
    const result = await readSchemeWorkbook(bytes)
    expect(result.ok).toBe(false)
    expect('value' in result).toBe(false)
    expect(result.ok ? [] : result.messages).toEqual([
      '「方案」第 3 行 B 列：舍入方式应为四舍五入，保留0到6位小数',
      '「方案」第 7 行 B 列：评价等级应从高到低排列，分数下限逐级降低',
      '「评分项目」第 2 行 O 列：第1段：「60」应写成百分数，如 60%',
      '「评分项目」第 3 行 E 列：分值「0」应为正数',
      '「评分项目」第 4 行 F 列：取数「随便」不是可选的项，可选：指标完成率、绩效指标完成情况、年度平均执行率、预算比率、填报值',
      '「评分项目」第 5 行 O 列：第2档「≤90%」：各档的符号应同为 ≥、>（越高越好）或同为 ≤、<（越低越好）',
      '「评分项目」第 6 行 I 列：分子和分母不能是同一数据项',
      '「评分项目」第 13 行 O 列：「优秀」的得分8超过本项分值6',
      '「评分项目」第 15 行 E 列：各分项分值合计为8，应等于本项分值7',
      '「评分项目」第 18 行 L 列：只有填报类型为「数值」时才填单位，请留空',
    ])
  })

  it('refuses a file whose 评分项目 headers were changed, naming the column', async () => {
    const bytes = await edited(await fixtureSchemeBytes(), (book) => {
      const items = book.getWorksheet('评分项目')
      if (items) items.getCell('E1').value = '权重'
    })
    expect(await readSchemeWorkbook(bytes)).toEqual({
      ok: false,
      messages: ['「评分项目」第 1 行 E 列：表头应为「分值」，实为“权重”。请不要改动表头和列的顺序'],
    })
  })

  it('refuses a part row that follows no 分项合计 item, and parts whose names repeat', async () => {
    const bytes = await edited(await fixtureSchemeBytes(), (book) => {
      const items = book.getWorksheet('评分项目')
      if (!items) throw new Error('no sheet')
      items.getCell('D3').value = '多余的分项'
      items.getCell('D17').value = '绩效目标未被回退'
    })
    const result = await readSchemeWorkbook(bytes)
    expect(result.ok ? [] : result.messages).toEqual([
      '「评分项目」第 3 行 D 列：分项行应紧接在规则为「分项合计」的项目之后；不是分项的行请不要填分项名称',
      '「评分项目」第 17 行 D 列：分项名称「绩效目标未被回退」在「绩效管理制度执行」中重复',
    ])
  })

  it('refuses a file that is not an .xlsx, and one without the 评分项目 sheet', async () => {
    const notExcel = await readSchemeWorkbook(new TextEncoder().encode('not a workbook'))
    expect(notExcel.ok ? [] : notExcel.messages).toEqual([
      '无法读取该文件：它不是有效的 Excel（.xlsx）文件，或文件已损坏。请用 Excel 或 WPS 另存为 .xlsx 后重试。',
    ])
    const book = new ExcelJS.Workbook()
    book.addWorksheet('方案')
    const noItems = await readSchemeWorkbook((await book.xlsx.writeBuffer()) as ArrayBuffer)
    expect(noItems.ok ? [] : noItems.messages).toEqual([
      '文件中没有「评分项目」工作表：请用「导出评分方案」得到的文件修改后再导入',
    ])
  })
})
