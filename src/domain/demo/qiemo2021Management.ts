/**
 * 示例 — the demo unit-year's 管理指标填报 (docs/domain-rules.md §11.3) for the built-in seed 003 scheme
 * (广州2023自评表), so the demo's score preview reads every one of its 26 items. ILLUSTRATIVE: seed 001
 * (且末县自然资源局 2021) gives none of these figures; they are plausible for a county bureau of its size,
 * chosen here, not real:
 * - 编制数 45, 在职人数 43; “三公”经费 预算 12.00, 实际 9.86, 上年 11.20 万元;
 * - 公用经费 年初预算 213.42 (the seed's 公用经费), 实际 190.20 (the whole-year demo's 1-12月: 35.80 车辆运行 +
 *   124.40 基本公用 + 30.00 驻村补助), so 公用经费控制率 is below 0 (full marks);
 * - 年末结转结余 231.97 = 1493.25 − 1261.28 (the whole-year demo's 1-12月 执行数): 结转结余率 15.53%, 1 of 2 分;
 * - 非税收入 预算 600.00, 实际 645.80; 政府采购 预算 150.00 (the 评估项目), 实际 148.60; 重点支出 150.00;
 * - the items: no findings anywhere; every 是/否 item 是; 合同签订及时率 95%, 固定资产利用率 92%, 采购意向
 *   公开 100%, 面向中小企业 100%; 本级资金管理制度 达成, 绩效职责分工 部分达成 (70%); 资产数据质量 达成.
 */
import type { DecimalString, EnteredValue, ManagementInputs } from '../types'
import { DEMO_UNIT_ID, DEMO_YEAR } from './ids'

const yes = (): EnteredValue => ({ kind: 'yesNo', value: true })
/** findings entered, none found */
const none = (): EnteredValue => ({ kind: 'findings', findings: [] })
/** a rate as a fraction ('0.95' = 95%) */
const rate = (value: DecimalString): EnteredValue => ({ kind: 'number', value })

/** 示例: fresh objects on every call. */
export function qiemo2021ManagementInputs(): ManagementInputs {
  return {
    id: `mi-${DEMO_UNIT_ID}-${DEMO_YEAR}`,
    unitId: DEMO_UNIT_ID,
    year: DEMO_YEAR,
    amounts: {
      staffingQuota: '45',
      staffCount: '43',
      threePublicBudget: '12.00',
      threePublicActual: '9.86',
      threePublicLastYear: '11.20',
      publicExpenseInitialBudget: '213.42',
      publicExpenseActual: '190.20',
      yearEndCarryOver: '231.97',
      nonTaxRevenueBudget: '600.00',
      nonTaxRevenueActual: '645.80',
      procurementBudget: '150.00',
      procurementActual: '148.60',
      keyExpenditure: '150.00',
    },
    entries: {
      preAssessment: none(),
      financeCompliance: none(),
      budgetDisclosure: none(),
      'performanceDisclosure/targets': yes(),
      'performanceDisclosure/selfEvaluation': yes(),
      'performanceRules/fundRules': { kind: 'judgement', grade: '达成' },
      'performanceRules/dutyRules': { kind: 'judgement', grade: '部分达成', percent: '70' },
      'resultUse/alerts': none(),
      'resultUse/rectification': yes(),
      'resultUse/budgetLink': yes(),
      'rulesExecution/targetReturns': { kind: 'number', value: '0' },
      'rulesExecution/monitoring': yes(),
      'rulesExecution/monitoringReport': yes(),
      'rulesExecution/selfEvaluation': yes(),
      'rulesExecution/unitEvaluation': yes(),
      'rulesExecution/evaluationReport': yes(),
      procurementIntent: rate('1'),
      procurementIntentTiming: yes(),
      procurementControls: yes(),
      procurementCompliance: none(),
      contractTimeliness: rate('0.95'),
      contractFiling: yes(),
      procurementPolicy: rate('1'),
      assetAllocation: none(),
      assetIncome: none(),
      assetInventory: yes(),
      assetData: { kind: 'judgement', grade: '达成' },
      assetCompliance: none(),
      fixedAssetUse: rate('0.92'),
    },
    remarks: {
      carryOverRate: '年末结转结余主要为驻村、管寺生活补助和评估项目尾款（示例）。',
      performanceRules: '已印发本级资金绩效管理办法；各科室绩效职责分工尚待细化（示例）。',
      contractTimeliness: '20份采购合同中19份在中标通知书发出之日起30日内签订（示例）。',
    },
  }
}
