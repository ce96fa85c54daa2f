/**
 * The scheme workbook's layout (docs/scoring-workbook.md), shared by the writer, the reader and the
 * 说明 sheet: sheet names, the 评分项目 columns with their dropdowns and notes, the 方案 rows, and the
 * rule-parameter syntax with one example per rule kind. Plain data, no ExcelJS.
 */
import { BUDGET_QUANTITY_LABELS, ENTERED_KIND_LABELS, METRIC_KIND_LABELS, RULE_KIND_LABELS } from '@/domain/scoring'
import type { RatioBasis, RuleKind } from '@/domain/scoring'
import type { ColumnSpec } from '../excel/layout'

export const SCHEME_SHEET_HELP = '说明'
export const SCHEME_SHEET_SCHEME = '方案'
export const SCHEME_SHEET_ITEMS = '评分项目'

/** 计算方式 of a 预算比率: 比率 = 分子 ÷ 分母; 变动率 = (分子 − 分母) ÷ 分母. */
export const BASIS_LABELS: Readonly<Record<RatioBasis, string>> = { ratio: '比率', change: '变动率' }

/** The 方案 sheet: a form (项目 | 内容 | 说明), then the grades under their own header. */
export const SCHEME_FIELDS = {
  name: { label: '方案名称', note: '必填，如 广州2023自评表。' },
  places: {
    label: '保留小数位数',
    note: '每项得分、比率（按百分数计）和折算后的总分保留的小数位数，四舍五入，0 至 6；一般为 2。比率先按此舍入再套用规则，所以显示为 60.00% 的比率按 60% 计分。',
  },
} as const
export const GRADES_HEADER = { label: '评价等级', min: '最低得分', note: '说明' } as const
export const GRADES_NOTE =
  '从高到低每行一个等级，写等级名称和达到该等级的最低得分（百分制，含本数）；最后一个等级的最低得分应为 0。'

/**
 * The 评分项目 columns, in order. `key` is what the reader keys cells by; the header is what the
 * file shows and the reader checks.
 */
export const ITEM_COLUMNS = [
  { key: 'level1', header: '一级指标', width: 12, note: '必填（分项行留空），如 履职效能、管理效率。' },
  { key: 'level2', header: '二级指标', width: 12, note: '可空（分项行留空），如 整体效能、预算执行。' },
  { key: 'level3', header: '三级指标', width: 24, note: '必填（分项行留空），即评分项目的名称。' },
  {
    key: 'part',
    header: '分项名称',
    width: 22,
    note: '只在分项行填写：规则为「分项合计」的项目，其下方每个分项占一行，本列写分项名称，一级至三级指标留空。',
  },
  {
    key: 'weight',
    header: '分值',
    width: 8,
    note: '必填，正数。分项行写分项的分值，各分项分值之和应等于所属项目的分值。',
  },
  {
    key: 'metric',
    header: '取数',
    width: 16,
    choices: Object.values(METRIC_KIND_LABELS),
    note: '评分依据的数据，从下拉列表选择；规则为「分项合计」的项目留空（由各分项取数）。',
  },
  {
    key: 'indicator',
    header: '指标名称',
    width: 18,
    note: '取数为「指标完成率」时必填，写整体绩效指标的名称；取数为「绩效指标完成情况」时可写一级指标名称（多个用顿号分隔），空为全部整体指标。其他取数留空。',
  },
  {
    key: 'numerator',
    header: '分子',
    width: 18,
    choices: Object.values(BUDGET_QUANTITY_LABELS),
    note: '取数为「预算比率」时必填，从下拉列表选择。',
  },
  {
    key: 'denominator',
    header: '分母',
    width: 18,
    choices: Object.values(BUDGET_QUANTITY_LABELS),
    note: '取数为「预算比率」时必填，从下拉列表选择，不能与分子相同。',
  },
  {
    key: 'basis',
    header: '计算方式',
    width: 10,
    choices: Object.values(BASIS_LABELS),
    note: '取数为「预算比率」时必填：比率 = 分子 ÷ 分母；变动率 =（分子 − 分母）÷ 分母。',
  },
  {
    key: 'entered',
    header: '填报类型',
    width: 10,
    choices: Object.values(ENTERED_KIND_LABELS),
    note: '取数为「填报值」时必填：数值、是否、类别、发现问题 或 评判等级，由单位每年在「管理指标」中填报。',
  },
  {
    key: 'unit',
    header: '单位',
    width: 8,
    note: '填报类型为「数值」时可填，如 次、人；填 % 表示填报的是百分数，规则参数中的界限也写成百分数。',
  },
  {
    key: 'label',
    header: '取数名称',
    width: 22,
    note: '可空。预算比率的名称（如 结转结余率），或填报值要填的内容（如 应评估而未开展评估的项目）；用于评分标准的文字和填报界面。',
  },
  {
    key: 'rule',
    header: '规则',
    width: 12,
    choices: Object.values(RULE_KIND_LABELS),
    note: '必填，从下拉列表选择；规则参数的写法见「说明」工作表。',
  },
  {
    key: 'params',
    header: '规则参数',
    width: 40,
    note: '按规则的写法填写（见「说明」工作表），如 分段计分：<60%:不得分；≤100%:按比例；≤150%:满分；>150%:满分×50%。',
  },
  {
    key: 'ruleText',
    header: '规则说明',
    width: 36,
    note: '可空。评分标准的文字，自评表照此显示；空则按规则参数自动生成。',
  },
  {
    key: 'explanation',
    header: '指标解释',
    width: 36,
    note: '可空（分项行留空），如 反映部门预算资金支出进度。',
  },
] as const satisfies readonly ColumnSpec[]

export type ItemColumnKey = (typeof ITEM_COLUMNS)[number]['key']

/** The 1-based column of a key. */
export function itemColumn(key: ItemColumnKey): number {
  return ITEM_COLUMNS.findIndex((c) => c.key === key) + 1
}

/** How a number in 规则参数 is written, shown once in the 说明 sheet. */
export const NUMBER_SYNTAX =
  '取数为比率（指标完成率、绩效指标完成情况、年度平均执行率、预算比率，或单位为 % 的数值）时，界限写成百分数（60%、100%、-5%）；其他数值直接写数（1、0.5）。得分写成「2分」或「2」。多条之间用分号「；」或换行分隔，条件和得分之间用冒号「：」。符号 ≤ 也可写成 <=，≥ 也可写成 >=。'

/** Each rule kind: how its 规则参数 is written, an example, and what the example means. */
export const RULE_SYNTAX: Readonly<Record<RuleKind, { syntax: string; example: string; meaning: string }>> = {
  piecewise: {
    syntax:
      '从低到高逐段写「上限:得分」，上限写 <数（不含）或 ≤数（含），最后一段写 >数、≥数 或「其余」（不设上限）。得分可写：满分、不得分、满分×50%（分值的比例）、2分（固定分数）、按比例（数值×分值）、线性0分至2分（从本段下限到上限线性增加）。',
    example: '<60%:不得分；≤100%:按比例；≤150%:满分；>150%:满分×50%',
    meaning: '低于60%不得分；60%至100%（含）得分=完成率×分值；100%至150%（含）得满分；高于150%得一半分。',
  },
  tiers: {
    syntax:
      '从最好的一档起逐档写「符号界限:得分」，符号同为 ≥、> （越高越好）或同为 ≤、<（越低越好），第一档成立即得该档分数；最后写「其余:得分」（可省略，省略为不得分）。',
    example: '≥100%:3分；≥90%:2分；≥80%:1分；其余:0分',
    meaning: '不低于100%得3分；90%至100%得2分；80%至90%得1分；低于80%不得分。',
  },
  passFail: {
    syntax:
      '写达标条件「符号数」（符号为 ≥ > = ≤ <），达标得满分，否则不得分；填报类型为「是否」时留空（填“是”得满分）。',
    example: '≤100%',
    meaning: '比率不高于100%的得满分，否则不得分。',
  },
  stepDeduction: {
    syntax:
      '写「高于（或 低于）起扣点起，每X扣Y分，不足一档也扣（或 不扣）」：超出起扣点的部分每满一档扣一次，扣完为止；「不足一档也扣」表示不满一档也按一档扣。',
    example: '高于0%起，每5%扣0.5分，不足一档也扣',
    meaning: '不高于0%的得满分；每高出5%（不足5%按5%计）扣0.5分，扣完为止。',
  },
  perFinding: {
    syntax:
      '每类问题一条「问题类别:扣X分」，或「问题类别:此项不得分」（出现一次本项即不得分）；按单位填报的问题逐个扣分，扣完为止。问题类别名称中不要用冒号和分号。',
    example: '未在批复后20日内公开:扣1分；未公开预算或决算:此项不得分',
    meaning: '每发现一次未在20日内公开扣1分；未公开预算或决算的，本项不得分。',
  },
  category: {
    syntax: '每个类别一条「类别:得分」，单位填报时从这些类别中选择。',
    example: '优秀:6分；良好:4分；合格:2分；不合格:0分',
    meaning: '填报“良好”的得4分。',
  },
  judged: {
    syntax:
      '留空。按单位填报的评判等级在分值的区间内计分：达成 80%-100%（含80%），部分达成 60%-80%（含60%），未达成 0-60%。',
    example: '',
    meaning: '填报“部分达成 70%”的，得分值的70%。',
  },
  parts: {
    syntax:
      '留空，取数也留空。在本行下方每个分项占一行：分项名称列写分项名称，一级至三级指标留空，再写分项的分值、取数和规则；本项得分为各分项得分之和。',
    example: '',
    meaning: '如「绩效信息公开情况」2分 = 「绩效目标在规定时间公开」1分 + 「绩效自评资料在规定时间公开」1分。',
  },
}
