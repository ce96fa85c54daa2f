/**
 * A 14-item, 100-point scheme that uses every rule type (分段计分 with 按比例, 线性 and fixed shares; 档次计分
 * both ways; 达标得分 on a ratio, on a number and on 是否; 逐档扣分 both ways, a started step counted or not;
 * 按问题扣分 with a finding that zeroes the item; 按类别计分; 分档评判; 分项合计), its .xlsx, the inputs a unit
 * enters for it, and the points worked out by hand for the seed 001 demo at 1-6月 (平均执行进度 50.54%,
 * issue: 「the rule gives 50.54% → 5.05」).
 *
 * The end-to-end test builds the same scheme through the 设置 › 评分方案 import (`fixtureSchemeBytes`),
 * enters `FIXTURE_AMOUNTS` and `FIXTURE_ENTRIES` on the 管理指标 screen, and checks the 概览's preview
 * against `FIXTURE_EXPECTED`. Ids are those the import gives (`schemeIds`), so the scheme read back
 * equals this one exactly.
 */
import { DEFAULT_GRADES, DEFAULT_ROUNDING, inputKey } from '../../../src/domain/scoring'
import { averageMonthlyExecutionRate, monthlyExecutionRates } from '../../../src/domain/rates'
import type {
  Metric,
  Rule,
  SchemeContext,
  SchemeItem,
  SchemePart,
  ScoringSchemeDefinition,
  SimpleRule,
} from '../../../src/domain/scoring'
import type { DecimalString, EnteredValue, ManagementAmount, ManagementInputs } from '../../../src/domain/types'
import { schemeIdOf, schemeIds } from '../../../src/io/scoring/schemeIds'
import { budgetLine, dec, execution } from '../../domain/factories'
import { budget, inputs, row } from '../../domain/scoring/helpers'
import { schemeWorkbookBytes } from '../../../src/io/scoring/schemeWorkbook'

const d = (text: string) => text as DecimalString

type Draft = Omit<SchemeItem, 'id' | 'rule'> & { rule: SimpleRule | { kind: 'parts'; parts: Omit<SchemePart, 'id'>[] } }

const entered = (input: Extract<Metric, { kind: 'entered' }>['input'], label?: string, unit?: string): Metric => ({
  kind: 'entered',
  input,
  ...(unit ? { unit } : {}),
  ...(label ? { label } : {}),
})

const DRAFTS: Draft[] = [
  {
    level1: '履职效能',
    level2: '整体效能',
    level3: '部门整体绩效目标完成情况',
    weight: d('45'),
    metric: entered('number', '绩效目标综合完成率', '%'),
    rule: {
      kind: 'piecewise',
      bands: [
        { upTo: { value: d('0.6'), inclusive: false }, score: { kind: 'share', share: d('0') } },
        { upTo: { value: d('1'), inclusive: true }, score: { kind: 'proportional' } },
        { upTo: { value: d('1.5'), inclusive: true }, score: { kind: 'share', share: d('1') } },
        { upTo: null, score: { kind: 'share', share: d('0.5') } },
      ],
    },
    explanation: '反映部门整体绩效目标的完成情况。',
  },
  {
    level1: '履职效能',
    level2: '整体效能',
    level3: '部门预算资金支出率',
    weight: d('10'),
    metric: { kind: 'monthlyExecution' },
    rule: {
      kind: 'piecewise',
      bands: [
        { upTo: { value: d('1'), inclusive: false }, score: { kind: 'proportional' } },
        { upTo: null, score: { kind: 'share', share: d('1') } },
      ],
    },
    ruleText: '年度平均执行率达到100%的，得满分；低于100%的，得分=年度平均执行率×分值。',
  },
  {
    level1: '管理效率',
    level2: '预算执行',
    level3: '政府采购执行率',
    weight: d('4'),
    metric: {
      kind: 'budgetRatio',
      numerator: 'procurementActual',
      denominator: 'procurementBudget',
      basis: 'ratio',
      label: '政府采购执行率',
    },
    rule: {
      kind: 'piecewise',
      bands: [
        { upTo: { value: d('0.6'), inclusive: false }, score: { kind: 'share', share: d('0') } },
        { upTo: { value: d('0.9'), inclusive: true }, score: { kind: 'linear', fromPoints: d('1'), toPoints: d('4') } },
        { upTo: null, score: { kind: 'points', points: d('4') } },
      ],
    },
  },
  {
    level1: '管理效率',
    level2: '预算执行',
    level3: '非税收入完成率',
    weight: d('5'),
    metric: {
      kind: 'budgetRatio',
      numerator: 'nonTaxRevenueActual',
      denominator: 'nonTaxRevenueBudget',
      basis: 'ratio',
    },
    rule: {
      kind: 'tiers',
      direction: 'atLeast',
      tiers: [
        { threshold: d('1'), inclusive: true, points: d('5') },
        { threshold: d('0.9'), inclusive: true, points: d('3') },
        { threshold: d('0.8'), inclusive: true, points: d('1') },
      ],
      otherwise: d('0'),
    },
  },
  {
    level1: '管理效率',
    level2: '运行成本',
    level3: '人员控制率',
    weight: d('3'),
    metric: {
      kind: 'budgetRatio',
      numerator: 'staffCount',
      denominator: 'staffingQuota',
      basis: 'ratio',
      label: '人员控制率',
    },
    rule: {
      kind: 'tiers',
      direction: 'atMost',
      tiers: [
        { threshold: d('1'), inclusive: true, points: d('3') },
        { threshold: d('1.05'), inclusive: true, points: d('1') },
      ],
      otherwise: d('0'),
    },
    explanation: '在职人数与编制数之比。',
  },
  {
    level1: '管理效率',
    level2: '运行成本',
    level3: '“三公”经费控制情况',
    weight: d('2'),
    metric: {
      kind: 'budgetRatio',
      numerator: 'threePublicActual',
      denominator: 'threePublicBudget',
      basis: 'ratio',
    },
    rule: { kind: 'passFail', condition: { operator: '≤', value: d('1') } },
  },
  {
    level1: '管理效率',
    level2: '运行成本',
    level3: '公用经费控制率',
    weight: d('2'),
    metric: {
      kind: 'budgetRatio',
      numerator: 'publicExpenseActual',
      denominator: 'publicExpenseInitialBudget',
      basis: 'change',
      label: '公用经费控制率',
    },
    rule: {
      kind: 'stepDeduction',
      direction: 'above',
      start: d('0'),
      step: d('0.05'),
      deduction: d('0.5'),
      partialStep: 'counts',
    },
  },
  {
    level1: '管理效率',
    level2: '采购管理',
    level3: '采购合同签订时效性',
    weight: d('3'),
    metric: entered('number', '合同签订及时率', '%'),
    rule: {
      kind: 'stepDeduction',
      direction: 'below',
      start: d('1'),
      step: d('0.05'),
      deduction: d('1'),
      partialStep: 'ignored',
    },
  },
  {
    level1: '管理效率',
    level2: '采购管理',
    level3: '采购内控制度建设',
    weight: d('2'),
    metric: entered('yesNo', '已建立政府采购内部控制管理制度'),
    rule: { kind: 'passFail' },
  },
  {
    level1: '管理效率',
    level2: '财务管理',
    level3: '财务管理合规性',
    weight: d('4'),
    metric: entered('findings', '审计和财会监督指出的问题'),
    rule: {
      kind: 'perFinding',
      kinds: [
        { name: '明确指出问题并限期整改', deduction: d('0.5') },
        { name: '连续两年被提出同一问题', deduction: d('1') },
        { name: '资金被套取、挪用', deduction: d('4'), zeroesItem: true },
      ],
    },
  },
  {
    level1: '管理效率',
    level2: '信息公开',
    level3: '预决算公开合规性',
    weight: d('2'),
    metric: entered('findings'),
    rule: {
      kind: 'perFinding',
      kinds: [
        { name: '未在批复后20日内公开', deduction: d('1') },
        { name: '未公开预算或决算', deduction: d('2'), zeroesItem: true },
      ],
    },
  },
  {
    level1: '管理效率',
    level2: '资产管理',
    level3: '资产年报数据质量',
    weight: d('6'),
    metric: entered('category', '资产年报数据质量等级'),
    rule: {
      kind: 'category',
      categories: [
        { name: '优秀', points: d('6') },
        { name: '良好', points: d('4') },
        { name: '合格', points: d('2') },
        { name: '不合格', points: d('0') },
      ],
    },
  },
  {
    level1: '管理效率',
    level2: '绩效管理',
    level3: '绩效管理制度建设',
    weight: d('5'),
    metric: entered('judgement'),
    rule: { kind: 'judged' },
  },
  {
    level1: '管理效率',
    level2: '绩效管理',
    level3: '绩效管理制度执行',
    weight: d('7'),
    metric: null,
    rule: {
      kind: 'parts',
      parts: [
        {
          name: '绩效目标未被回退',
          weight: d('2'),
          metric: entered('number', '绩效目标被财政部门回退次数', '次'),
          rule: { kind: 'passFail', condition: { operator: '<', value: d('1') } },
        },
        {
          name: '按要求开展绩效监控',
          weight: d('2'),
          metric: entered('yesNo'),
          rule: { kind: 'passFail' },
          ruleText: '按要求开展部门整体支出绩效监控的，得2分，否则不得分',
        },
        {
          name: '及时报送绩效材料',
          weight: d('3'),
          metric: entered('findings', '逾期报送的绩效材料'),
          rule: { kind: 'perFinding', kinds: [{ name: '逾期报送', deduction: d('1') }] },
        },
      ],
    },
  },
]

function withIds(drafts: readonly Draft[]): SchemeItem[] {
  const ids = schemeIds(drafts.map((item) => ({ ...item, parts: item.rule.kind === 'parts' ? item.rule.parts : [] })))
  return drafts.map((item, i) => {
    const { id, partIds } = ids[i]
    const rule: Rule =
      item.rule.kind === 'parts'
        ? { kind: 'parts', parts: item.rule.parts.map((part, j) => ({ id: partIds[j], ...part })) }
        : item.rule
    return { id, ...item, rule }
  })
}

export const FIXTURE_SCHEME: ScoringSchemeDefinition = {
  id: schemeIdOf('测试评分方案（全部规则）'),
  name: '测试评分方案（全部规则）',
  items: withIds(DRAFTS),
  grades: DEFAULT_GRADES.map((g) => ({ ...g })),
  rounding: { ...DEFAULT_ROUNDING },
}

/** The scheme's .xlsx, as 设置 › 评分方案 imports it. */
export function fixtureSchemeBytes(): Promise<ArrayBuffer> {
  return schemeWorkbookBytes(FIXTURE_SCHEME)
}

/** The amounts entered on the 管理指标 screen (万元, or 人). */
export const FIXTURE_AMOUNTS: Partial<Record<ManagementAmount, DecimalString>> = {
  procurementBudget: d('100'),
  procurementActual: d('80'),
  nonTaxRevenueBudget: d('100'),
  nonTaxRevenueActual: d('95'),
  staffingQuota: d('50'),
  staffCount: d('52'),
  threePublicBudget: d('115.74'),
  threePublicActual: d('89.59'),
  publicExpenseInitialBudget: d('1000'),
  publicExpenseActual: d('1120'),
}

/** The items' (and parts') entered values, by 三级指标 and 分项名称. */
export const FIXTURE_ENTRIES: { level3: string; part?: string; value: EnteredValue }[] = [
  { level3: '部门整体绩效目标完成情况', value: { kind: 'number', value: d('0.92') } },
  { level3: '采购合同签订时效性', value: { kind: 'number', value: d('0.87') } },
  { level3: '采购内控制度建设', value: { kind: 'yesNo', value: true } },
  {
    level3: '财务管理合规性',
    value: {
      kind: 'findings',
      findings: [
        { kind: '明确指出问题并限期整改', text: '往来款长期挂账' },
        { kind: '明确指出问题并限期整改', text: '公务卡报销不规范' },
        { kind: '连续两年被提出同一问题', text: '固定资产未及时入账' },
      ],
    },
  },
  {
    level3: '预决算公开合规性',
    value: { kind: 'findings', findings: [{ kind: '未公开预算或决算', text: '2021年决算未公开' }] },
  },
  { level3: '资产年报数据质量', value: { kind: 'category', value: '良好' } },
  { level3: '绩效管理制度建设', value: { kind: 'judgement', grade: '部分达成', percent: d('70') } },
  { level3: '绩效管理制度执行', part: '绩效目标未被回退', value: { kind: 'number', value: d('1') } },
  { level3: '绩效管理制度执行', part: '按要求开展绩效监控', value: { kind: 'yesNo', value: true } },
  {
    level3: '绩效管理制度执行',
    part: '及时报送绩效材料',
    value: { kind: 'findings', findings: [{ kind: '逾期报送', text: '监控材料逾期3天' }] },
  },
]

/** The unit-year's inputs for `scheme` (its ids), the entries found by name. */
export function fixtureInputs(scheme: ScoringSchemeDefinition = FIXTURE_SCHEME): ManagementInputs {
  const entries: Record<string, EnteredValue> = {}
  for (const entry of FIXTURE_ENTRIES) {
    const item = scheme.items.find((i) => i.level3 === entry.level3)
    if (!item) throw new Error(`no item ${entry.level3}`)
    const part = entry.part && item.rule.kind === 'parts' ? item.rule.parts.find((p) => p.name === entry.part) : null
    if (entry.part && !part) throw new Error(`no part ${entry.part}`)
    entries[inputKey(item.id, part?.id)] = entry.value
  }
  return {
    id: 'fixture-inputs',
    unitId: 'demo-qiemo-zrzyj',
    year: 2021,
    amounts: { ...FIXTURE_AMOUNTS },
    entries,
    remarks: { [scheme.items[1].id]: '支出进度偏慢，下半年加快项目支付。' },
  }
}

/**
 * The points worked out by hand, at the demo's 1-6月 node (平均执行进度 50.54%) with the inputs above:
 * the metric value as the preview shows it, and the points.
 */
export const FIXTURE_EXPECTED: { level3: string; value: string; points: string; why: string }[] = [
  { level3: '部门整体绩效目标完成情况', value: '92.00%', points: '41.4', why: '60%–100%: 92% × 45 = 41.40' },
  { level3: '部门预算资金支出率', value: '50.54%', points: '5.05', why: '50.54% × 10 = 5.054 → 5.05' },
  {
    level3: '政府采购执行率',
    value: '80.00%',
    points: '3',
    why: '80 ÷ 100 = 80%, 线性 1→4 over 60%–90%: 1 + 3 × 20/30 = 3',
  },
  { level3: '非税收入完成率', value: '95.00%', points: '3', why: '95 ÷ 100 = 95%: ≥90% → 3' },
  { level3: '人员控制率', value: '104.00%', points: '1', why: '52 ÷ 50 = 104%: ≤105% → 1' },
  { level3: '“三公”经费控制情况', value: '77.41%', points: '2', why: '89.59 ÷ 115.74 = 77.41% ≤ 100% → 2' },
  {
    level3: '公用经费控制率',
    value: '12.00%',
    points: '0.5',
    why: '(1120 − 1000) ÷ 1000 = 12%: 3 started steps of 5% × 0.5 → 2 − 1.5 = 0.5',
  },
  {
    level3: '采购合同签订时效性',
    value: '87.00%',
    points: '1',
    why: '13% below 100%: 2 whole steps of 5% × 1 → 3 − 2 = 1',
  },
  { level3: '采购内控制度建设', value: '是', points: '2', why: '是 → 2' },
  { level3: '财务管理合规性', value: '发现问题 3 项', points: '2', why: '4 − 0.5 − 0.5 − 1 = 2' },
  { level3: '预决算公开合规性', value: '发现问题 1 项', points: '0', why: '未公开预算或决算 → 0' },
  { level3: '资产年报数据质量', value: '良好', points: '4', why: '良好 → 4' },
  { level3: '绩效管理制度建设', value: '部分达成（70%）', points: '3.5', why: '70% × 5 = 3.5' },
  {
    level3: '绩效管理制度执行',
    value: '',
    points: '4',
    why: '回退1次 → 0; 开展监控 → 2; 逾期1项: 3 − 1 = 2; 0 + 2 + 2 = 4',
  },
]

/** Σ of the items: 41.4 + 5.05 + 3 + 3 + 1 + 2 + 0.5 + 1 + 2 + 2 + 0 + 4 + 3.5 + 4 = 72.45, graded 中 (60 ≤ 72.45 < 80). */
export const FIXTURE_TOTAL = { total: '72.45', grade: '中' } as const

// ── seed 003 ────────────────────────────────────────────────────────────────

/**
 * seed 003's table scored from its own inputs (as test/domain/scoring/seed003.test.ts builds them: 年初
 * 设置的指标值均已达标, the twelve months averaging 95.6%, 存在1笔长期未上缴的资产, 制度不明确 …), with its own
 * remarks for three items: 95.56, 优.
 */
export function seed003Context(): SchemeContext {
  const line = budgetLine({ id: 'all', initialBudget: '1200' })
  const cumulative = ['80', '180', '285', '420', '500', '600', '700', '784', '864', '950', '1025.2', '1200']
  const executions = cumulative.map((spent, i) => execution('all', i + 1, dec(spent)))
  return {
    month: 12,
    indicators: [
      row({ id: 'o1', level1: '产出指标', name: '建设用地供应', weight: '8' }, '1'),
      row({ id: 'o2', level1: '产出指标', name: '不动产登记办结率', weight: '6', accrual: 'level' }, '1.05'),
      row({ id: 'o3', level1: '产出指标', name: '耕地保护任务', weight: '6' }, '1'),
      row({ id: 'b1', level1: '效益指标', name: '保障重点项目用地', weight: '10' }, '1.2'),
      row(
        {
          id: 'b2',
          level1: '效益指标',
          name: '营商环境',
          weight: '10',
          operator: '定性',
          targetValue: '有所提升',
          measureUnit: '',
        },
        '1',
      ),
    ],
    monthlyAverage: averageMonthlyExecutionRate(monthlyExecutionRates([line], executions, 12), 12),
    budget: budget('95857.06'),
    inputs: seed003Inputs(),
  }
}

export function seed003Inputs(): ManagementInputs {
  const yes: EnteredValue = { kind: 'yesNo', value: true }
  const none: EnteredValue = { kind: 'findings', findings: [] }
  const number = (value: string): EnteredValue => ({ kind: 'number', value: d(value) })
  const base = inputs(
    {
      yearEndCarryOver: d('0'),
      publicExpenseInitialBudget: d('1000'),
      publicExpenseActual: d('950'),
      threePublicBudget: d('115.74'),
      threePublicActual: d('89.59'),
    },
    {
      preAssessment: none,
      financeCompliance: none,
      budgetDisclosure: none,
      'performanceDisclosure/targets': yes,
      'performanceDisclosure/selfEvaluation': yes,
      'performanceRules/fundRules': { kind: 'judgement', grade: '未达成' },
      'performanceRules/dutyRules': { kind: 'judgement', grade: '未达成' },
      'resultUse/alerts': none,
      'resultUse/rectification': yes,
      'resultUse/budgetLink': yes,
      'rulesExecution/targetReturns': number('0'),
      'rulesExecution/monitoring': yes,
      'rulesExecution/monitoringReport': yes,
      'rulesExecution/selfEvaluation': yes,
      'rulesExecution/unitEvaluation': yes,
      'rulesExecution/evaluationReport': yes,
      procurementIntent: number('1'),
      procurementIntentTiming: yes,
      procurementControls: yes,
      procurementCompliance: none,
      contractTimeliness: number('1'),
      contractFiling: yes,
      procurementPolicy: number('1'),
      assetAllocation: none,
      assetIncome: {
        kind: 'findings',
        findings: [{ kind: '处置收益或租金超过3个月未上缴（每笔）', text: '房屋租金' }],
      },
      assetInventory: yes,
      assetData: { kind: 'judgement', grade: '达成' },
      assetCompliance: none,
      fixedAssetUse: number('1'),
    },
  )
  return {
    ...base,
    remarks: {
      budgetExecution: '支出率未达到100%，改进措施：加强与财局的沟通，加快支出进度。',
      performanceRules: '我局相关管理制度不明确，酌情扣分后，下一步将尽快完善相关制度。',
      assetIncome: '我局存在1笔长期未上缴的资产，扣0.5分。改进措施：加强自查及时上缴资产收益。',
    },
  }
}
