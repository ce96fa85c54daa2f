/**
 * The import template's layout, shared by the template, the export and the importer so that an
 * exported file imports as a no-op. Documented column by column in docs/import-template.md.
 * No ExcelJS here: this module is plain data.
 */
import { DEVIATION_CAUSES, FUND_SOURCES } from '@/domain/types'
import type {
  Accrual,
  BasicSubCategory,
  ExpenseCategory,
  GroupRole,
  Likelihood,
  MeasureKind,
  MeasureStatus,
  Operator,
  QualitativeGrade,
} from '@/domain/types'
import type { MonthNumber } from '@/domain/types'
import { ALLOCATED_MODE_LABELS, type AllocatedMode } from '@/domain/entryExecutionGrid'
import { MANAGEMENT_AMOUNT_LABELS, MANAGEMENT_AMOUNTS } from '@/domain/scoring'

/**
 * 2: added 监控小组, 绩效目标, 预算研判, 纠偏措施 and the 分月计划 columns of 绩效指标;
 * 3: added 预算执行's 调整月份 column and 单位信息's 到位资金口径 and 执行率口径 rows (all optional on import);
 * 4: added 管理指标 (the amounts of 管理指标填报, docs/domain-rules.md §11.3; optional on import).
 */
export const TEMPLATE_VERSION = 4

export interface ColumnSpec {
  key: string
  header: string
  width: number
  /** dropdown choices (Excel list validation) */
  choices?: readonly string[]
  /** dropdown may also hold several choices separated by 、 (no error box) */
  multi?: boolean
  /** how it is written in the 说明 sheet */
  note: string
  /**
   * a column added after template version 1: a file whose header row ends before it (blank header
   * here and after) simply lacks it, and the stored values it would carry are kept
   */
  optional?: boolean
}

export const SHEET_INFO = '单位信息'
export const SHEET_BUDGET = '预算执行'
export const SHEET_INDICATORS = '绩效指标'
export const SHEET_READINGS = '指标填报'
export const SHEET_HELP = '填写说明'
export const SHEET_GROUP = '监控小组'
export const SHEET_TARGETS = '绩效目标'
export const SHEET_JUDGEMENTS = '预算研判'
export const SHEET_MEASURES = '纠偏措施'
export const SHEET_MANAGEMENT = '管理指标'
/** Sheets every file must have; the others (added in template version 2) may be missing. */
export const REQUIRED_SHEETS = [SHEET_INFO, SHEET_BUDGET, SHEET_INDICATORS, SHEET_READINGS] as const

export const CATEGORY_LABELS: Record<ExpenseCategory, string> = { basic: '基本支出', project: '项目支出' }
export const SUB_CATEGORY_LABELS: Record<BasicSubCategory, string> = { personnel: '人员经费', public: '公用经费' }
export const ACCRUAL_LABELS: Record<Accrual, string> = { cumulative: '累计型', level: '水平型', dueLater: '到期考核' }
export const OPERATORS: readonly Operator[] = ['≥', '>', '=', '≤', '<', '定性']
export const OPERATOR_ALIASES: Record<string, Operator> = { '>=': '≥', '<=': '≤', '≧': '≥', '≦': '≤' }
export const GRADES: readonly QualitativeGrade[] = ['达成', '部分达成', '未达成']
export const LIKELIHOODS: readonly Likelihood[] = ['确定能', '有可能', '完全不可能']
export const GROUP_ROLES: readonly GroupRole[] = ['组长', '副组长', '成员']
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = { taken: '已采取', planned: '下一步计划' }
export const MEASURE_STATUSES: readonly MeasureStatus[] = ['计划', '进行中', '已完成', '逾期']
/** The label used in 目标范围 for the unit's own (整体) target. */
export const UNIT_SCOPE = '整体'

/** 单位信息: a two-column form (项目 | 内容); these are the 项目 labels in rows 2–6. */
export const INFO_FIELDS = [
  { key: 'name', label: '单位名称', note: '必填。按名称匹配已有单位；名称不同则新建单位。' },
  { key: 'year', label: '年度', note: '必填，如 2021。' },
  { key: 'financeOfficer', label: '财务负责人', note: '可空。' },
  { key: 'departments', label: '科室', note: '可空，多个科室用顿号“、”分隔。' },
  { key: 'nodes', label: '监控节点（截至日期）', note: '可空，多个日期用顿号分隔，如 2021-06-30、2021-09-30。' },
  {
    key: 'allocatedMode',
    label: '到位资金口径',
    note: '可空（保持已有设置；新单位为 逐月填写）。逐月填写、与执行数相同 或 全额到位（等于调整后预算）；后两种口径下「预算执行」表可以只填执行数，到位资金按口径填入。',
  },
  {
    key: 'executionBase',
    label: '执行率口径',
    note: '可空（保持已有设置；新单位为 调整后预算）。调整后预算 或 含上年结转（执行率、到位率的分母为调整后预算加上年结转）。',
  },
] as const

/** 单位信息's 到位资金口径 (Unit.allocatedMode): the labels the unit form shows, and shorter spellings. */
export const ALLOCATED_MODE_CHOICES: Readonly<Record<AllocatedMode, string>> = ALLOCATED_MODE_LABELS
export const ALLOCATED_MODE_ALIASES: Readonly<Record<string, string>> = {
  全额到位: ALLOCATED_MODE_LABELS.fullBudget,
  等于调整后预算: ALLOCATED_MODE_LABELS.fullBudget,
  等于执行数: ALLOCATED_MODE_LABELS.equalsSpent,
}
/** 单位信息's 执行率口径 (Unit.carryOverInExecutionBase absent or false → 调整后预算; true → 含上年结转). */
export const EXECUTION_BASE_CHOICES = { budget: '调整后预算', withCarryOver: '含上年结转' } as const
export const EXECUTION_BASE_ALIASES: Readonly<Record<string, string>> = {
  '调整后预算+上年结转': EXECUTION_BASE_CHOICES.withCarryOver,
  调整后预算加上年结转: EXECUTION_BASE_CHOICES.withCarryOver,
  不含上年结转: EXECUTION_BASE_CHOICES.budget,
}

export const MONTHS: readonly MonthNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

/** 支出类别 / 经费类型 / 资金来源 / 截至日期: one definition each; the sheets differ only in their notes. */
const categoryColumn = (note: string): ColumnSpec => ({
  key: 'category',
  header: '支出类别',
  width: 11,
  choices: Object.values(CATEGORY_LABELS),
  note,
})
const subCategoryColumn = (note: string): ColumnSpec => ({
  key: 'subCategory',
  header: '经费类型',
  width: 11,
  choices: Object.values(SUB_CATEGORY_LABELS),
  note,
})
const fundSourceColumn = (note: string): ColumnSpec => ({
  key: 'fundSource',
  header: '资金来源',
  width: 11,
  choices: FUND_SOURCES,
  note,
})
const asOfColumn = (note: string): ColumnSpec => ({ key: 'asOf', header: '截至日期', width: 12, note })
const NEW_NODE_AS_OF = '必填，监控节点的截至日期；没有的节点会新建。'

/** The judgement at a node, the same three columns for a budget line and for an indicator. */
const JUDGEMENT_AT_NODE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'likelihood', header: '完成可能性', width: 11, choices: LIKELIHOODS, note: '确定能、有可能、完全不可能。' },
  {
    key: 'causes',
    header: '偏差原因',
    width: 18,
    choices: DEVIATION_CAUSES,
    multi: true,
    note: `可选 ${DEVIATION_CAUSES.join('、')}，多个用顿号分隔。`,
  },
  { key: 'causeText', header: '偏差原因说明', width: 30, note: '可空。' },
]

export const BUDGET_COLUMNS: readonly ColumnSpec[] = [
  categoryColumn('必填：基本支出 或 项目支出。'),
  subCategoryColumn('基本支出必填：人员经费 或 公用经费；项目支出留空。'),
  { key: 'project', header: '项目名称', width: 24, note: '项目支出必填，同一项目的多行写同一名称。' },
  { key: 'department', header: '责任科室', width: 14, note: '项目支出的责任科室，可空。' },
  { key: 'name', header: '预算项目名称', width: 26, note: '必填，如 工资福利支出、车辆运行维护费。' },
  fundSourceColumn(`可空，默认 财政拨款；可选 ${FUND_SOURCES.join('、')}。`),
  { key: 'initialBudget', header: '年初预算', width: 12, note: '必填，万元。' },
  { key: 'additions', header: '追加', width: 10, note: '万元，空为 0；生效月份写在最后一列「调整月份」。' },
  { key: 'reductions', header: '追减', width: 10, note: '万元，空为 0；生效月份写在最后一列「调整月份」。' },
  { key: 'carryOver', header: '上年结转', width: 10, note: '万元，空为 0（不计入调整后预算）。' },
  ...MONTHS.map((m): ColumnSpec => ({
    key: `spent${m}`,
    header: `${m}月执行数`,
    width: 11,
    note: `截至${m}月底累计执行数，万元；空表示未填报。`,
  })),
  ...MONTHS.map((m): ColumnSpec => ({
    key: `allocated${m}`,
    header: `${m}月到位资金`,
    width: 12,
    note: `截至${m}月底累计到位资金，万元；填了执行数的月份必填（单位信息的到位资金口径为 与执行数相同 或 全额到位 时可空，按口径填入）。`,
  })),
  {
    key: 'adjustmentMonth',
    header: '调整月份',
    width: 10,
    optional: true,
    note: '追加、追减生效的月份，1 至 12 的整数；空为 1月（从年初起计入调整后预算）。生效月份之前的监控节点不计这笔调整。',
  },
]

export const INDICATOR_COLUMNS: readonly ColumnSpec[] = [
  { key: 'scope', header: '目标范围', width: 20, note: `“${UNIT_SCOPE}”表示单位整体目标，否则填项目名称。` },
  { key: 'level1', header: '一级指标', width: 12, note: '必填，如 产出指标。' },
  { key: 'level2', header: '二级指标', width: 12, note: '必填，如 数量指标。' },
  { key: 'name', header: '三级指标', width: 30, note: '必填。同一目标范围内，一级+二级+三级指标确定一行。' },
  {
    key: 'operator',
    header: '计算符号',
    width: 10,
    choices: OPERATORS,
    note: '必填：≥ > = ≤ < 或 定性（也可写 >= <=）。',
  },
  {
    key: 'targetValue',
    header: '年度指标值',
    width: 12,
    note: '必填。定量指标填数值（98% 写 98 或 98%），定性指标填文字。',
  },
  { key: 'measureUnit', header: '计量单位', width: 10, note: '如 个、亩、%、万元；定性指标留空。' },
  { key: 'weight', header: '分值', width: 8, note: '可空。' },
  {
    key: 'accrual',
    header: '指标性质',
    width: 11,
    choices: Object.values(ACCRUAL_LABELS),
    note: '累计型（随时间累加）、水平型（按当期水平判断）、到期考核（考核日期前不评价）；空为 水平型，定性为 水平型。',
  },
  { key: 'dueDate', header: '考核日期', width: 12, note: '指标性质为 到期考核 时必填，如 2021-12-31。' },
  { key: 'targetLabel', header: '指标值表述', width: 20, note: '可空，如 12月31日前完成。' },
  ...MONTHS.map((m): ColumnSpec => ({
    key: `plan${m}`,
    header: `${m}月计划`,
    width: 9,
    optional: true,
    note: `累计型定量指标的分月计划：截至${m}月底的累计计划值；12个月全部填写或全部留空（留空按序时进度）。`,
  })),
]

export const GROUP_COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', header: '姓名', width: 16, note: '必填。按姓名匹配已有成员。' },
  { key: 'title', header: '职务', width: 30, note: '可空，如 党组书记、副局长。' },
  { key: 'role', header: '小组分工', width: 11, choices: GROUP_ROLES, note: '必填：组长、副组长 或 成员。' },
]

export const TARGET_COLUMNS: readonly ColumnSpec[] = [
  { key: 'scope', header: '目标范围', width: 24, note: `“${UNIT_SCOPE}”表示单位整体目标，否则填项目名称。` },
  { key: 'description', header: '年度总体目标', width: 80, note: '年度总体目标的文字；留空即为空。' },
]

export const JUDGEMENT_COLUMNS: readonly ColumnSpec[] = [
  asOfColumn(NEW_NODE_AS_OF),
  categoryColumn('同「预算执行」表，五列一起确定预算行。'),
  subCategoryColumn('同「预算执行」表。'),
  { key: 'project', header: '项目名称', width: 24, note: '同「预算执行」表。' },
  { key: 'name', header: '预算项目名称', width: 26, note: '须与「预算执行」表或已有预算行一致。' },
  fundSourceColumn('同「预算执行」表，空为 财政拨款。'),
  { key: 'forecast', header: '全年预计执行数', width: 14, note: '万元，可空。' },
  ...JUDGEMENT_AT_NODE_COLUMNS,
]

export const MEASURE_COLUMNS: readonly ColumnSpec[] = [
  asOfColumn(NEW_NODE_AS_OF),
  {
    key: 'kind',
    header: '措施类型',
    width: 12,
    choices: Object.values(MEASURE_KIND_LABELS),
    note: '必填：已采取 或 下一步计划。',
  },
  { key: 'content', header: '措施内容', width: 50, note: '必填。同一节点、同一类型内按内容匹配已有措施。' },
  { key: 'effect', header: '效果 / 预期效果', width: 36, note: '已采取措施的效果，或下一步计划的预期效果；可空。' },
  { key: 'department', header: '责任科室', width: 14, note: '可空。' },
  { key: 'deadline', header: '完成时限', width: 12, note: '可空，如 2021-09-30。' },
  {
    key: 'status',
    header: '状态',
    width: 10,
    choices: MEASURE_STATUSES,
    note: `可空，空为 计划；可选 ${MEASURE_STATUSES.join('、')}。`,
  },
]

export const READING_COLUMNS: readonly ColumnSpec[] = [
  asOfColumn('必填，监控节点的截至日期，如 2021-06-30；没有的节点会新建。'),
  { key: 'scope', header: '目标范围', width: 20, note: '同「绩效指标」表。' },
  { key: 'level1', header: '一级指标', width: 12, note: '同「绩效指标」表。' },
  { key: 'level2', header: '二级指标', width: 12, note: '同「绩效指标」表。' },
  { key: 'name', header: '三级指标', width: 30, note: '须与「绩效指标」表或已有指标一致。' },
  { key: 'actualValue', header: '实际完成值', width: 12, note: '定量指标填数值（可带 %）。' },
  { key: 'actualLabel', header: '完成值表述', width: 16, note: '可空，如 有所提升。' },
  { key: 'grade', header: '定性评级', width: 10, choices: GRADES, note: '定性指标必填：达成、部分达成、未达成。' },
  { key: 'percent', header: '定性百分比', width: 10, note: '可空，如 30、30% 或 0.3。' },
  { key: 'forecast', header: '全年预计完成值', width: 14, note: '可空。' },
  ...JUDGEMENT_AT_NODE_COLUMNS,
]

/**
 * 管理指标 (template version 4): one amount of 管理指标填报 a row, by its name; the template lists all
 * of them. A blank 数值 keeps the stored one (as 单位信息's blank settings do), so a template filled only
 * for its budget never clears what was entered on the 管理指标 screen.
 */
export const MANAGEMENT_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'name',
    header: '名称',
    width: 24,
    note: `必填，每个名称一行：${MANAGEMENT_AMOUNTS.map((a) => MANAGEMENT_AMOUNT_LABELS[a]).join('、')}。`,
  },
  {
    key: 'value',
    header: '数值',
    width: 14,
    note: '编制数、在职人数填人数（整数），其余填金额（万元）；空为 保持已有数值。',
  },
  { key: 'unit', header: '单位', width: 8, optional: true, note: '人 或 万元，仅作提示，导入时不读取。' },
]

/** Rows per sheet the importer accepts (a unit has tens to hundreds; this is a safety limit). */
export const MAX_ROWS_PER_SHEET = 50000
/** Largest .xlsx file accepted. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024
