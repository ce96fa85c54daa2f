/**
 * The built-in schemes (docs/domain-rules.md §11.10): seed 003's 100-point table, every item of it,
 * and the common scheme (indicators only). The setting 评分方案 (`settings.scoringScheme`) names one.
 */
import type { ScoringScheme } from '../settings'
import { DEFAULT_GRADES } from './grades'
import { DEFAULT_ROUNDING } from './rounding'
import type { Metric, SchemeItem, ScoringSchemeDefinition, SimpleRule } from './scheme'

/**
 * seed 003 completion (p.1 产出/效益指标): below 60% → 0; 60–100% → completion × 分值; 100–150% → full;
 * above 150% → half (the target was set too low).
 */
export const SEED003_COMPLETION_RULE: SimpleRule = {
  kind: 'piecewise',
  bands: [
    { upTo: { value: '0.6', inclusive: false }, score: { kind: 'share', share: '0' } },
    { upTo: { value: '1', inclusive: true }, score: { kind: 'proportional' } },
    { upTo: { value: '1.5', inclusive: true }, score: { kind: 'share', share: '1' } },
    { upTo: null, score: { kind: 'share', share: '0.5' } },
  ],
}

/** below 100% → rate × 分值, at or above → full: the common completion rule and seed 003's 支出率 rule. */
export const PROPORTIONAL_TO_FULL_RULE: SimpleRule = {
  kind: 'piecewise',
  bands: [
    { upTo: { value: '1', inclusive: false }, score: { kind: 'proportional' } },
    { upTo: null, score: { kind: 'share', share: '1' } },
  ],
}

const yesNo = (label: string): Metric => ({ kind: 'entered', input: 'yesNo', label })
const findings = (label: string): Metric => ({ kind: 'entered', input: 'findings', label })
const percent = (label: string): Metric => ({ kind: 'entered', input: 'number', unit: '%', label })
const PASS: SimpleRule = { kind: 'passFail' }
const JUDGED: SimpleRule = { kind: 'judged' }

const OVERALL = { level1: '履职效能', level2: '整体效能' }
const MANAGEMENT = '管理效率'

/** seed 003 p.1, 履职效能 (50): the indicator items and 部门预算资金支出率. */
const SEED003_PERFORMANCE: SchemeItem[] = [
  {
    id: 'output',
    ...OVERALL,
    level3: '部门整体绩效目标产出指标完成情况',
    weight: '20',
    metric: { kind: 'indicators', level1: ['产出指标'] },
    rule: SEED003_COMPLETION_RULE,
    explanation: '反映年度预算编报时确定的部门整体预算绩效目标中产出指标完成情况。',
  },
  {
    id: 'benefit',
    ...OVERALL,
    level3: '部门整体绩效目标效益指标完成情况',
    weight: '20',
    metric: { kind: 'indicators', level1: ['效益指标'] },
    rule: SEED003_COMPLETION_RULE,
    explanation: '反映年度预算编报时确定的部门预算整体绩效目标中绩效指标完成情况。',
  },
  {
    id: 'budgetExecution',
    ...OVERALL,
    level3: '部门预算资金支出率',
    weight: '10',
    metric: { kind: 'monthlyExecution' },
    rule: PROPORTIONAL_TO_FULL_RULE,
    explanation: '反映部门预算资金支出进度。',
  },
]

/** seed 003 p.1–p.2, 管理效率: 预算编制, 预算执行, 信息公开, 绩效管理. */
const SEED003_BUDGET_AND_PERFORMANCE: SchemeItem[] = [
  {
    id: 'preAssessment',
    level1: MANAGEMENT,
    level2: '预算编制',
    level3: '新增预算项目事前绩效评估',
    weight: '3',
    metric: findings('应评估而未开展评估的项目'),
    rule: {
      kind: 'perFinding',
      kinds: [
        { name: '未开展评估（应评估项目超过3个）', deduction: '0.5' },
        { name: '未开展评估（应评估项目3个以内）', deduction: '1' },
      ],
    },
    explanation: '反映部门对申请新增预算的入库项目开展事前绩效评估工作的落实情况。',
  },
  {
    id: 'carryOverRate',
    level1: MANAGEMENT,
    level2: '预算执行',
    level3: '结转结余率',
    weight: '2',
    metric: {
      kind: 'budgetRatio',
      numerator: 'yearEndCarryOver',
      denominator: 'availableBudget',
      basis: 'ratio',
      label: '结转结余率',
    },
    rule: {
      kind: 'tiers',
      direction: 'atMost',
      tiers: [
        { threshold: '0.1', inclusive: true, points: '2' },
        { threshold: '0.2', inclusive: true, points: '1' },
        { threshold: '0.3', inclusive: true, points: '0.5' },
      ],
      otherwise: '0',
    },
    explanation: '部门（单位）当年度结转结余额与当年度预算总额的比率，反映对结转结余资金的实际控制程度。',
  },
  {
    id: 'financeCompliance',
    level1: MANAGEMENT,
    level2: '预算执行',
    level3: '财务管理合规性',
    weight: '2',
    metric: findings('审计和财会监督指出的问题'),
    rule: {
      kind: 'perFinding',
      kinds: [
        { name: '明确指出问题和处理意见并限期整改', deduction: '0.5' },
        { name: '因主管部门制度设计缺陷或失职造成资金套取、冒领、挪用', deduction: '0.5' },
        { name: '连续两年被提出同一问题或未落实整改意见', deduction: '1' },
      ],
    },
    explanation: '反映部门（单位）财务管理的规范性。',
  },
  {
    id: 'budgetDisclosure',
    level1: MANAGEMENT,
    level2: '信息公开',
    level3: '预决算公开合规性',
    weight: '2',
    metric: findings('预决算公开的问题'),
    rule: {
      kind: 'perFinding',
      kinds: [
        { name: '未公开预算或决算（非涉密部门）', deduction: '2', zeroesItem: true },
        { name: '未在批复后20日内公开', deduction: '1' },
        { name: '预决算公开专项检查发现问题', deduction: '1' },
      ],
    },
    explanation: '反映部门（单位）预算决算公开执行到位情况。',
  },
  {
    id: 'performanceDisclosure',
    level1: MANAGEMENT,
    level2: '信息公开',
    level3: '绩效信息公开情况',
    weight: '2',
    metric: null,
    rule: {
      kind: 'parts',
      parts: [
        {
          id: 'targets',
          name: '绩效目标在规定时间公开',
          weight: '1',
          metric: yesNo('绩效目标在规定时间公开'),
          rule: PASS,
        },
        {
          id: 'selfEvaluation',
          name: '绩效自评资料在规定时间公开',
          weight: '1',
          metric: yesNo('绩效自评资料在规定时间公开'),
          rule: PASS,
        },
      ],
    },
    explanation: '反映部门（单位）绩效信息公开执行到位情况。',
  },
  {
    id: 'performanceRules',
    level1: MANAGEMENT,
    level2: '绩效管理',
    level3: '绩效管理制度建设',
    weight: '5',
    metric: null,
    rule: {
      kind: 'parts',
      parts: [
        {
          id: 'fundRules',
          name: '本级资金管理制度明确绩效要求',
          weight: '2.5',
          metric: { kind: 'entered', input: 'judgement', label: '本级资金管理制度明确绩效要求' },
          rule: JUDGED,
        },
        {
          id: 'dutyRules',
          name: '制度明确机关各处室、下属单位的绩效职责分工',
          weight: '2.5',
          metric: { kind: 'entered', input: 'judgement', label: '制度明确绩效职责分工' },
          rule: JUDGED,
        },
      ],
    },
    explanation:
      '反映部门对机关和下属单位、专项资金等绩效目标管理、绩效运行监控、绩效评价管理和评价结果应用等预算绩效管理制度的建设和执行情况。',
  },
  {
    id: 'resultUse',
    level1: MANAGEMENT,
    level2: '绩效管理',
    level3: '绩效结果应用',
    weight: '3',
    metric: null,
    rule: {
      kind: 'parts',
      parts: [
        {
          id: 'alerts',
          name: '及时反馈处理监控预警提醒信息',
          weight: '0.9',
          metric: findings('未及时处理的监控预警提醒'),
          rule: { kind: 'perFinding', kinds: [{ name: '未及时处理监控预警提醒信息', deduction: '1' }] },
        },
        {
          id: 'rectification',
          name: '及时将重点评价整改情况反馈财政局',
          weight: '0.9',
          metric: yesNo('及时将重点评价整改情况反馈财政局'),
          rule: PASS,
        },
        {
          id: 'budgetLink',
          name: '建立评价结果与预算编制挂钩机制',
          weight: '1.2',
          metric: yesNo('建立评价结果与预算编制挂钩机制'),
          rule: PASS,
        },
      ],
    },
    explanation: '反映部门对监控预警结果处理、绩效自评结果和重点评价意见等的整改应用情况。',
  },
  {
    id: 'rulesExecution',
    level1: MANAGEMENT,
    level2: '绩效管理',
    level3: '绩效管理制度执行',
    weight: '7',
    metric: null,
    rule: {
      kind: 'parts',
      parts: [
        {
          id: 'targetReturns',
          name: '绩效目标管理',
          weight: '2',
          metric: { kind: 'entered', input: 'number', unit: '次', label: '部门整体绩效目标被财政部门回退次数' },
          rule: { kind: 'passFail', condition: { operator: '<', value: '1' } },
        },
        {
          id: 'monitoring',
          name: '按要求开展部门整体支出绩效监控',
          weight: '1',
          metric: yesNo('按要求开展绩效监控'),
          rule: PASS,
        },
        {
          id: 'monitoringReport',
          name: '及时报送绩效监控材料',
          weight: '1',
          metric: yesNo('及时报送绩效监控材料'),
          rule: PASS,
        },
        {
          id: 'selfEvaluation',
          name: '按要求开展部门整体支出绩效自评',
          weight: '1',
          metric: yesNo('按要求开展绩效自评'),
          rule: PASS,
        },
        {
          id: 'unitEvaluation',
          name: '组织下属单位开展单位整体支出绩效自评',
          weight: '1',
          metric: yesNo('组织下属单位开展绩效自评'),
          rule: PASS,
        },
        {
          id: 'evaluationReport',
          name: '及时报送绩效自评材料',
          weight: '1',
          metric: yesNo('及时报送绩效自评材料'),
          rule: PASS,
        },
      ],
    },
    explanation: '反映部门对机关和下属单位绩效目标管理、绩效运行监控、绩效评价管理等预算绩效管理制度的执行情况。',
  },
]

/** seed 003 p.2–p.3, 管理效率: 采购管理 (10). The table leaves the name of its 1.5-point row blank: it is the 公开时限 half of 采购意向公开合规性. */
const SEED003_PROCUREMENT: SchemeItem[] = [
  {
    id: 'procurementIntent',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '采购意向公开合规性',
    weight: '0.5',
    metric: percent('采购意向公开比例'),
    rule: { kind: 'passFail', condition: { operator: '≥', value: '1' } },
    explanation: '反映采购意向公开完整性、及时性情况。',
  },
  {
    id: 'procurementIntentTiming',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '采购意向公开合规性（公开时限）',
    weight: '1.5',
    metric: yesNo('采购意向在规定时限内公开'),
    rule: PASS,
  },
  {
    id: 'procurementControls',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '采购内控制度建设',
    weight: '1',
    metric: yesNo('已建立政府采购内部控制管理制度'),
    rule: PASS,
    explanation: '反映部门政府采购内部控制管理制度建设情况。',
  },
  {
    id: 'procurementCompliance',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '采购活动合规性',
    weight: '2',
    metric: findings('采购投诉'),
    rule: { kind: 'perFinding', kinds: [{ name: '经财政部门查证认定属于采购人责任的投诉事项成立', deduction: '1' }] },
    explanation: '反映部门政府采购活动合法合规性情况。',
  },
  {
    id: 'contractTimeliness',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '采购合同签订时效性',
    weight: '3',
    metric: percent('合同签订及时率'),
    rule: {
      kind: 'tiers',
      direction: 'atLeast',
      tiers: [
        { threshold: '1', inclusive: true, points: '3' },
        { threshold: '0.9', inclusive: true, points: '2' },
        { threshold: '0.8', inclusive: true, points: '1' },
      ],
      otherwise: '0',
    },
    explanation: '反映政府采购合同签订及时性情况。',
  },
  {
    id: 'contractFiling',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '合同备案时效性',
    weight: '1',
    metric: yesNo('合同在签订后2个工作日内备案公开'),
    rule: PASS,
    explanation: '反映采购合同备案及时性情况。',
  },
  {
    id: 'procurementPolicy',
    level1: MANAGEMENT,
    level2: '采购管理',
    level3: '采购政策效能',
    weight: '1',
    metric: percent('面向中小企业采购金额÷预留金额'),
    rule: PROPORTIONAL_TO_FULL_RULE,
    explanation: '反映部门采购政策执行的效果情况。',
  },
]

/** seed 003 p.3, 管理效率: 资产管理 (10) and 运行成本 (4). */
const SEED003_ASSETS_AND_COSTS: SchemeItem[] = [
  {
    id: 'assetAllocation',
    level1: MANAGEMENT,
    level2: '资产管理',
    level3: '资产配置合规性',
    weight: '2',
    metric: findings('资产配置不符合标准的情况'),
    rule: { kind: 'perFinding', kinds: [{ name: '办公室面积或办公设备配置不符合标准（每项/类）', deduction: '1' }] },
    explanation: '反映单位办公室面积和办公设备配置是否超过规定标准。',
  },
  {
    id: 'assetIncome',
    level1: MANAGEMENT,
    level2: '资产管理',
    level3: '资产收益上缴的及时性',
    weight: '1',
    metric: findings('长期未上缴的资产收益'),
    rule: { kind: 'perFinding', kinds: [{ name: '处置收益或租金超过3个月未上缴（每笔）', deduction: '0.5' }] },
    explanation: '反映单位资产处置和使用收益上缴的及时性。',
  },
  {
    id: 'assetInventory',
    level1: MANAGEMENT,
    level2: '资产管理',
    level3: '资产盘点情况',
    weight: '1',
    metric: yesNo('每年进行资产盘点并完成结果处理'),
    rule: PASS,
    explanation: '反映单位是否每年按要求进行资产盘点。',
  },
  {
    id: 'assetData',
    level1: MANAGEMENT,
    level2: '资产管理',
    level3: '数据质量',
    weight: '2',
    metric: { kind: 'entered', input: 'judgement', label: '国有资产年报数据质量' },
    rule: JUDGED,
    explanation: '反映部门（单位）行政事业性国有资产年报数据质量。',
  },
  {
    id: 'assetCompliance',
    level1: MANAGEMENT,
    level2: '资产管理',
    level3: '资产管理合规性',
    weight: '2',
    metric: findings('资产管理问题'),
    rule: {
      kind: 'perFinding',
      kinds: [
        { name: '无行政事业性国有资产内部管理规程', deduction: '0.5' },
        { name: '巡视、审计、监督检查发现资产管理问题（每次）', deduction: '0.5' },
      ],
    },
    explanation: '反映部门（单位）资产管理是否合规。',
  },
  {
    id: 'fixedAssetUse',
    level1: MANAGEMENT,
    level2: '资产管理',
    level3: '固定资产利用率',
    weight: '2',
    metric: percent('固定资产利用率'),
    rule: {
      kind: 'tiers',
      direction: 'atLeast',
      tiers: [
        { threshold: '0.9', inclusive: true, points: '2' },
        { threshold: '0.75', inclusive: true, points: '1.5' },
        { threshold: '0.6', inclusive: true, points: '1' },
      ],
      otherwise: '0',
    },
    explanation: '实际在用固定资产总额与所有固定资产总额的比率，反映固定资产使用效率程度。',
  },
  {
    id: 'publicExpenseControl',
    level1: MANAGEMENT,
    level2: '运行成本',
    level3: '公用经费控制率',
    weight: '2',
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
      start: '0',
      step: '0.05',
      deduction: '0.5',
      partialStep: 'counts',
    },
    explanation: '本年度实际支出的公用经费总额与预算安排的公用经费总额的比率，反映对机构运转成本的实际控制程度。',
  },
  {
    id: 'threePublicExpenses',
    level1: MANAGEMENT,
    level2: '运行成本',
    level3: '“三公”经费控制情况',
    weight: '2',
    metric: {
      kind: 'budgetRatio',
      numerator: 'threePublicActual',
      denominator: 'threePublicBudget',
      basis: 'ratio',
      label: '“三公”经费实际支出÷预算',
    },
    rule: { kind: 'passFail', condition: { operator: '≤', value: '1' } },
    explanation: '反映部门（单位）对“三公”经费的控制效果。',
  },
]

/** Frozen all the way down: a built-in scheme is shared, so an editor must copy it before changing it. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child)
    Object.freeze(value)
  }
  return value
}

/** seed 003 (广州市规划和自然资源局花都区分局 2023 部门整体支出绩效自评表): 26 items, 100 分. */
export const SEED003_SCHEME: ScoringSchemeDefinition = frozen({
  id: 'seed003',
  name: '广州2023自评表',
  items: [
    ...SEED003_PERFORMANCE,
    ...SEED003_BUDGET_AND_PERFORMANCE,
    ...SEED003_PROCUREMENT,
    ...SEED003_ASSETS_AND_COSTS,
  ],
  grades: [...DEFAULT_GRADES],
  rounding: { ...DEFAULT_ROUNDING },
})

/**
 * The common scheme [practice]: the 整体 indicators alone, 100 分 spread by their 分值, each min(完成率,
 * 100%) × its share (docs/domain-rules.md §11.5).
 */
export const COMMON_SCHEME: ScoringSchemeDefinition = frozen({
  id: 'common',
  name: '通用方案',
  items: [
    {
      id: 'indicators',
      level1: '绩效指标',
      level2: '绩效指标完成情况',
      level3: '绩效指标完成情况',
      weight: '100',
      metric: { kind: 'indicators' },
      rule: PROPORTIONAL_TO_FULL_RULE,
    },
  ],
  grades: [...DEFAULT_GRADES],
  rounding: { ...DEFAULT_ROUNDING },
})

export const BUILT_IN_SCHEMES: readonly ScoringSchemeDefinition[] = [SEED003_SCHEME, COMMON_SCHEME]

/** The built-in scheme the setting 评分方案 names. */
export function builtInScheme(id: ScoringScheme): ScoringSchemeDefinition {
  return id === 'common' ? COMMON_SCHEME : SEED003_SCHEME
}

/** The rule a single indicator is scored by under a built-in scheme (the per-indicator preview). */
export function indicatorRuleOf(id: ScoringScheme): SimpleRule {
  return id === 'common' ? PROPORTIONAL_TO_FULL_RULE : SEED003_COMPLETION_RULE
}
