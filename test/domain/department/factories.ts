/** Builders for the 主管部门 tests: one unit at one node, one submission, with overrides. */
import type { BudgetAmounts, SubmissionRef, UnitNodeFigures } from '../../../src/domain/department'
import type { DecimalString, IsoDate } from '../../../src/domain/types'

/** seed 001's node, 1-6月 as of 6月30日: 序时进度 50% by months */
export const JUNE: IsoDate = '2021-06-30'
export const JULY: IsoDate = '2021-07-31'

/** 调整后预算 / 执行数, with 到位资金 = 执行数 (the tests are about 执行率, not 到位率) */
export function amounts(adjustedBudget: DecimalString, spent: DecimalString): BudgetAmounts {
  return { adjustedBudget, allocated: spent, spent }
}

/** A unit at 1-6月 whose whole budget is 基本支出, unless `byCategory` says otherwise. */
export function unitFigures(
  unitId: string,
  budget: BudgetAmounts,
  overrides: Partial<UnitNodeFigures> = {},
): UnitNodeFigures {
  return {
    unitId,
    unitName: overrides.unitName ?? unitId,
    year: 2021,
    nodeId: `${unitId}-node`,
    nodeLabel: '2021年1-6月',
    asOfDate: JUNE,
    budget,
    byCategory: { basic: budget },
    timeProgress: '0.5',
    indicatorLights: { red: 0, yellow: 0, green: 0, blue: 0, grey: 0 },
    alerts: { red: 0, yellow: 0 },
    unitLight: 'green',
    ...overrides,
  }
}

export function submission(
  unitId: string,
  createdAt: string,
  packageSha256: string,
  asOfDate: IsoDate = JUNE,
): SubmissionRef {
  return {
    unitId,
    unitName: unitId,
    year: 2021,
    nodeId: `${unitId}-${asOfDate}`,
    nodeLabel: asOfDate === JUNE ? '2021年1-6月' : '2021年1-7月',
    asOfDate,
    createdAt,
    packageSha256,
  }
}
