/**
 * The two budget lines the 月度执行录入 tests work on, from seed 001 (且末县自然资源局 2021):
 * 工资福利支出 1129.83 and 车辆运行维护费 40.00 万元, both 基本支出 人员经费 of unit 'u'.
 */
import type { BudgetLine, DecimalString, MonthlyExecution } from '@/domain/types'

export const line = (id: string, name: string, initialBudget: DecimalString, sortOrder: number): BudgetLine => ({
  id,
  unitId: 'u',
  year: 2021,
  category: 'basic',
  subCategory: 'personnel',
  name,
  fundSource: '财政拨款',
  initialBudget,
  additions: '0',
  reductions: '0',
  carryOver: '0',
  sortOrder,
})

export const lines = [line('gzfl', '工资福利支出', '1129.83', 1), line('clyx', '车辆运行维护费', '40.00', 2)]

/** A 1月 figure where 到位资金 equals 执行数 (seed 001: 53.90 and 1.20). */
export const january = (id: string, budgetLineId: string, figures: DecimalString): MonthlyExecution => ({
  id,
  budgetLineId,
  year: 2021,
  month: 1,
  allocated: figures,
  spent: figures,
})
