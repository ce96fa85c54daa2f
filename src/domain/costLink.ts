/**
 * Cost indicators linked to the budget lines they mirror (docs/domain-rules.md §5.5): the actual is
 * their 执行数 at the node, never typed twice. Seed 001 (docs/domain-rules.md §5.5): 人员保障成本经费
 * 324.88 = 工资福利支出 at 1-6月; 运转保障成本经费 58.86 = 车辆运行维护费 15.95 + 基本公用经费 42.91 +
 * 驻村、管寺生活补助 0.
 */
import { sum } from './decimal'
import type { Dec } from './decimal'
import { reportedMonth } from './periods'
import { executionAtMonth } from './rates'
import type { BudgetLine, Indicator, IndicatorReading, IsoDate, MonthlyExecution } from './types'

/** The linked lines' cumulative 执行数 at the node date, or null when the indicator has no link. */
export function linkedActual(
  indicator: Pick<Indicator, 'budgetLineIds'>,
  executions: readonly MonthlyExecution[],
  asOf: IsoDate,
): Dec | null {
  const ids = indicator.budgetLineIds ?? []
  if (ids.length === 0) return null
  const month = reportedMonth(asOf)
  return sum(ids.map((id) => executionAtMonth(executions, id, month).spent))
}

/**
 * The reading as every view judges it: a linked indicator's 实际完成值 is its lines' 执行数 (two
 * decimals, 万元 as entered), whatever was typed; its forecast, reasons and likelihood stay the user's.
 */
export function withLinkedActual(
  indicator: Indicator,
  reading: IndicatorReading | undefined,
  executions: readonly MonthlyExecution[],
  asOf: IsoDate,
  nodeId: string,
): IndicatorReading | undefined {
  const actual = linkedActual(indicator, executions, asOf)
  if (actual === null) return reading
  const base: IndicatorReading = reading ?? {
    id: '',
    nodeId,
    indicatorId: indicator.id,
    deviationCauses: [],
    deviationText: '',
  }
  return { ...base, actualValue: actual.toFixed(2) }
}

/** The names of the linked lines, for the screens ('工资福利支出'); unknown ids are left out. */
export function linkedLineNames(indicator: Pick<Indicator, 'budgetLineIds'>, lines: readonly BudgetLine[]): string[] {
  const byId = new Map(lines.map((l) => [l.id, l.name]))
  return (indicator.budgetLineIds ?? []).flatMap((id) => {
    const name = byId.get(id)
    return name ? [name] : []
  })
}
