/**
 * Input checks that return every issue at once, each with a Chinese message for the form.
 * 'error' blocks saving; 'warning' asks the user to look again.
 */
import { D, formatAmount, isDecimalString, parseDecimal } from './decimal'
import type { Dec } from './decimal'
import { ZERO_TARGET_MESSAGE, isQualitative } from './completion'
import { parseIsoDate } from './dates'
import type { IndicatorAssessment } from './lights'
import { adjustedBudget } from './rates'
import { issue } from './result'
import type { ValidationIssue } from './result'
import type { BudgetLine, Indicator, IndicatorReading, Light, MonthlyExecution, Unchecked } from './types'

export type { Result, ValidationIssue } from './result'
export { hasErrors } from './result'

const LIGHT_NAMES: Readonly<Record<Light, string>> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
  blue: '蓝灯',
  grey: '灰灯',
}

const blank = (value: string | undefined | null): boolean =>
  value === undefined || value === null || value.trim() === ''
const isNegative = (value: Dec): boolean => value.isNegative() && !value.isZero()
const wan = (value: Dec): string => `${formatAmount(value)} 万元`

/**
 * A reading at the node (docs/domain-rules.md §7.1):
 * - 完成目标可能性 is always required, even before the indicator is due;
 * - the actual value (定性: the grade) is required unless the indicator is not yet due;
 * - 偏差原因 (at least one category and a text) when the light is red or yellow, or the
 *   likelihood is not 确定能;
 * - a blue over-run needs an explanation;
 * - an input the completion rate rejects is reported with its message.
 */
export function validateReading(
  indicator: Indicator,
  reading: IndicatorReading | undefined,
  assessment: IndicatorAssessment,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const likelihood = reading?.likelihood
  if (!likelihood) issues.push(readingIssue('likelihood', 'likelihood.required', '请选择完成目标可能性'))

  const completion = assessment.completion
  if (completion.status !== 'notDue') {
    if (isQualitative(indicator)) {
      if (!reading?.qualitativeGrade)
        issues.push(
          readingIssue('qualitativeGrade', 'grade.required', '请选择定性指标的完成等级（达成／部分达成／未达成）'),
        )
    } else if (blank(reading?.actualValue)) {
      issues.push(readingIssue('actualValue', 'actual.required', '请填写实际完成值'))
    }
    if (completion.status === 'invalid') {
      issues.push(readingIssue(completion.field ?? 'actualValue', 'completion.invalid', completion.message))
    }
  } else {
    // not due yet, so no completion rate checks it; a value typed early must still be a number, as
    // stored readings are (a backup holding text there would not restore)
    for (const [field, label] of [
      ['actualValue', '实际完成值'],
      ['qualitativePercent', '完成百分比'],
    ] as const) {
      const raw = reading?.[field]
      if (!blank(raw) && !isDecimalString(String(raw).trim()))
        issues.push(readingIssue(field, 'value.notNumber', `${label}「${raw}」不是有效数字`))
    }
  }

  const reasons: string[] = []
  if (assessment.light === 'red' || assessment.light === 'yellow')
    reasons.push(`预警灯为${LIGHT_NAMES[assessment.light]}`)
  if (likelihood && likelihood !== '确定能') reasons.push(`完成目标可能性为“${likelihood}”`)
  let textRequired = false
  if (reasons.length > 0) {
    const why = reasons.join('、')
    if (!reading || reading.deviationCauses.length === 0) {
      issues.push(readingIssue('deviationCauses', 'deviation.causeRequired', `${why}，请选择至少一项偏差原因`))
    }
    if (blank(reading?.deviationText)) {
      textRequired = true
      issues.push(readingIssue('deviationText', 'deviation.textRequired', `${why}，请填写偏差原因说明`))
    }
  }
  if (assessment.light === 'blue' && !textRequired && blank(reading?.deviationText)) {
    issues.push(
      readingIssue(
        'deviationText',
        'overrun.explanationRequired',
        '完成进度明显超出序时预期（蓝灯），请说明原因，如年度指标值是否设置偏低',
      ),
    )
  }
  return issues
}

/**
 * The issues of a reading, shared: a node snapshot validates every indicator (20,000 at 主管部门 size)
 * and most raise the same few issues with the same words, so each is kept as one object instead of
 * 40,000 per node (the memory saved: see docs/benchmarks.md (round 3)). Frozen, so a shared one cannot
 * be changed through one row.
 */
function readingIssue(field: string, code: string, message: string): ValidationIssue {
  const key = `${field}\u0000${code}\u0000${message}`
  let shared = readingIssues.get(key)
  if (!shared) {
    shared = Object.freeze(issue(field, code, message))
    if (readingIssues.size >= READING_ISSUES_KEPT) readingIssues.clear()
    readingIssues.set(key, shared)
  }
  return shared
}
const readingIssues = new Map<string, ValidationIssue>()
const READING_ISSUES_KEPT = 10_000

const AMOUNT_FIELDS = [
  ['initialBudget', '年初预算', true],
  ['additions', '追加', false],
  ['reductions', '追减', false],
  ['carryOver', '上年结转', false],
] as const

/** An amount field: a decimal string, not negative; optional ones may be left empty (= 0). */
function checkAmount(
  field: string,
  label: string,
  value: string | undefined,
  required: boolean,
  issues: ValidationIssue[],
): Dec | null {
  if (blank(value)) {
    if (required) issues.push(issue(field, 'amount.required', `请填写${label}`))
    return required ? null : new D(0)
  }
  const parsed = parseDecimal(value)
  if (parsed === null) {
    issues.push(issue(field, 'amount.notDecimal', `${label}「${value}」不是有效金额，请填写数字（万元）`))
    return null
  }
  if (isNegative(parsed)) {
    issues.push(issue(field, 'amount.negative', `${label}不能为负数`))
    return null
  }
  return parsed
}

/** A budget line: amounts, 追减 within 年初预算 + 追加, and category / sub-category / project consistency. */
export function validateBudgetLine(line: Unchecked<BudgetLine>): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (blank(line.name)) issues.push(issue('name', 'name.required', '请填写预算项目名称'))
  const amounts = AMOUNT_FIELDS.map(([field, label, required]) =>
    checkAmount(field, label, line[field], required, issues),
  )
  const [initial, additions, reductions] = amounts
  if (initial && additions && reductions && reductions.gt(initial.plus(additions))) {
    issues.push(
      issue(
        'reductions',
        'reductions.exceedBudget',
        `追减 ${wan(reductions)}大于年初预算与追加之和 ${wan(initial.plus(additions))}`,
      ),
    )
  }
  const month: unknown = line.adjustmentMonth
  if (month !== undefined && !(typeof month === 'number' && Number.isInteger(month) && month >= 1 && month <= 12)) {
    issues.push(
      issue(
        'adjustmentMonth',
        'adjustmentMonth.invalid',
        `调整生效月份“${String(month)}”无效，应为 ${line.year} 年内的 1 至 12 月`,
      ),
    )
  }
  if (line.category === 'basic') {
    if (!line.subCategory) issues.push(issue('subCategory', 'subCategory.required', '基本支出须注明人员经费或公用经费'))
    if (line.projectId) issues.push(issue('projectId', 'projectId.unexpected', '基本支出不应关联项目'))
  } else {
    if (!line.projectId) issues.push(issue('projectId', 'projectId.required', '项目支出须关联所属项目'))
    if (line.subCategory)
      issues.push(issue('subCategory', 'subCategory.unexpected', '项目支出不区分人员经费和公用经费'))
  }
  return issues
}

/** What a line's months are checked against: 调整后预算 (the whole year's), and that plus 上年结转. */
export interface BudgetLimits {
  budget: Dec
  available: Dec
}

/**
 * A line's limits for `validateExecution`, once per line: an import checks twelve months of each of
 * thousands of lines, and working the limits out again for every month was about 6 % of its plan.
 */
export function budgetLimits(line: BudgetLine): BudgetLimits {
  const budget = adjustedBudget(line)
  return { budget, available: budget.plus(parseDecimal(line.carryOver) ?? 0) }
}

/**
 * A month's cumulative execution of a line: 执行数 within 到位资金 (error) and within the budget
 * (error beyond 调整后预算 + 上年结转; a warning when only 上年结转 can cover it), no negatives, and
 * cumulative figures that do not fall below the previous month's (warning).
 */
export function validateExecution(
  line: BudgetLine,
  execution: Unchecked<MonthlyExecution>,
  previous?: Unchecked<MonthlyExecution>,
  limits: BudgetLimits = budgetLimits(line),
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const m = `${execution.month}月`
  if (execution.budgetLineId !== line.id) {
    issues.push(issue('budgetLineId', 'execution.wrongLine', `${m}执行数据不属于预算项目「${line.name}」`))
  }
  if (execution.year !== line.year) {
    issues.push(
      issue('year', 'execution.wrongYear', `${m}执行数据的年度 ${execution.year} 与预算年度 ${line.year} 不一致`),
    )
  }
  const allocated = checkAmount('allocated', `${m}到位资金`, execution.allocated, true, issues)
  const spent = checkAmount('spent', `${m}执行数`, execution.spent, true, issues)

  if (allocated && spent && spent.gt(allocated)) {
    issues.push(issue('spent', 'spent.exceedsAllocated', `${m}执行数 ${wan(spent)}大于到位资金 ${wan(allocated)}`))
  }
  const { budget, available } = limits
  if (spent && spent.gt(budget)) {
    const beyondAvailable = spent.gt(available)
    issues.push(
      issue(
        'spent',
        'spent.exceedsBudget',
        `${m}执行数 ${wan(spent)}大于调整后预算 ${wan(budget)}` +
          (beyondAvailable ? '' : '，请确认是否使用了上年结转资金'),
        beyondAvailable ? 'error' : 'warning',
      ),
    )
  }
  if (allocated && allocated.gt(available)) {
    issues.push(
      issue(
        'allocated',
        'allocated.exceedsBudget',
        `${m}到位资金 ${wan(allocated)}大于调整后预算 ${wan(budget)}`,
        'warning',
      ),
    )
  }

  if (previous && previous.month < execution.month) {
    const p = `${previous.month}月`
    const prevSpent = parseDecimal(previous.spent)
    const prevAllocated = parseDecimal(previous.allocated)
    if (spent && prevSpent && spent.lt(prevSpent)) {
      issues.push(
        issue(
          'spent',
          'spent.decreasing',
          `${m}累计执行数 ${wan(spent)}小于${p}的 ${wan(prevSpent)}，累计数不应减少`,
          'warning',
        ),
      )
    }
    if (allocated && prevAllocated && allocated.lt(prevAllocated)) {
      issues.push(
        issue(
          'allocated',
          'allocated.decreasing',
          `${m}累计到位资金 ${wan(allocated)}小于${p}的 ${wan(prevAllocated)}，累计数不应减少`,
          'warning',
        ),
      )
    }
  }
  return issues
}

/**
 * An indicator definition: a numeric, non-negative target for quantitative indicators (not 0 for
 * ≥ and >), a due date for dueLater, a 12-month non-decreasing plan, a sensible weight.
 */
export function validateIndicator(indicator: Unchecked<Indicator>): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (blank(indicator.name)) issues.push(issue('name', 'name.required', '请填写三级指标名称'))

  let target: Dec | null = null
  if (isQualitative(indicator)) {
    if (blank(indicator.targetValue))
      issues.push(issue('targetValue', 'target.required', '请填写定性指标的预期指标值，如“效果明显”'))
  } else if (blank(indicator.targetValue)) {
    issues.push(issue('targetValue', 'target.required', '请填写年度指标值'))
  } else if (!isDecimalString(indicator.targetValue)) {
    issues.push(
      issue(
        'targetValue',
        'target.notNumeric',
        `年度指标值「${indicator.targetValue}」不是数字；定量指标请填数值，文字表述（如“12月31日前完成”）填在指标值说明中`,
      ),
    )
  } else {
    target = new D(indicator.targetValue.trim())
    if (isNegative(target)) issues.push(issue('targetValue', 'target.negative', '年度指标值不能为负数'))
    else if (target.isZero() && (indicator.operator === '≥' || indicator.operator === '>')) {
      issues.push(issue('targetValue', 'target.zero', ZERO_TARGET_MESSAGE))
    }
  }

  if (indicator.accrual === 'dueLater') {
    if (blank(indicator.dueDate))
      issues.push(issue('dueDate', 'dueDate.required', '未达监控节点的指标须填写可开始衡量的日期'))
    else if (!parseIsoDate(indicator.dueDate ?? ''))
      issues.push(issue('dueDate', 'dueDate.invalid', `日期「${indicator.dueDate}」无效`))
  }

  const plan = indicator.monthlyPlan
  if (plan && plan.length > 0) {
    if (indicator.accrual !== 'cumulative' || isQualitative(indicator)) {
      issues.push(issue('monthlyPlan', 'plan.ignored', '只有累计型定量指标使用月度计划，此计划将被忽略', 'warning'))
    }
    if (plan.length !== 12)
      issues.push(issue('monthlyPlan', 'plan.length', `月度计划应有12个月的累计值，当前为${plan.length}个`))
    let previous: Dec | null = null
    plan.forEach((value, index) => {
      const month = `${index + 1}月`
      const parsed = parseDecimal(value)
      if (parsed === null) {
        issues.push(issue('monthlyPlan', 'plan.notDecimal', `${month}计划值「${value}」不是有效数字`))
        return
      }
      if (isNegative(parsed)) issues.push(issue('monthlyPlan', 'plan.negative', `${month}计划值不能为负数`))
      if (previous && parsed.lt(previous)) {
        issues.push(issue('monthlyPlan', 'plan.decreasing', `${month}累计计划值小于上月，累计计划不应减少`))
      }
      previous = parsed
    })
    const last = plan.length === 12 ? parseDecimal(plan[11]) : null
    if (last && target && !last.eq(target)) {
      issues.push(
        issue(
          'monthlyPlan',
          'plan.endMismatch',
          `12月累计计划值 ${last.toFixed()} 与年度指标值 ${target.toFixed()} 不一致`,
          'warning',
        ),
      )
    }
  }

  if (!blank(indicator.weight)) {
    const weight = parseDecimal(indicator.weight)
    if (weight === null) issues.push(issue('weight', 'weight.notDecimal', `分值「${indicator.weight}」不是有效数字`))
    else if (isNegative(weight)) issues.push(issue('weight', 'weight.negative', '分值不能为负数'))
  }
  return issues
}
