/**
 * Starting points for entry screens: the indicator framework a new year starts from (seed 001's
 * 一级/二级 table; the user edits it per year, docs/domain-rules.md §5.1), the node dates users pick most, and the empty
 * unit-year a 「新建单位」 creates (the unit, the year's framework and its 整体 target, so the year
 * exists and has somewhere for indicators to go).
 */
import { monthEnd } from './dates'
import type { Id, IndicatorFramework, IsoDate, MonthNumber, UnitYearDataset } from './types'

/**
 * The framework before 2021 as in seed 001 (docs/domain-rules.md §5.1); 成本指标 may be moved to its
 * own 一级 by the user.
 */
export function defaultFramework(year: number): IndicatorFramework {
  return {
    year,
    level1: [
      { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
      { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
      { name: '满意度指标', level2: ['服务对象满意度指标'] },
    ],
  }
}

/** The framework from 2021 (docs/domain-rules.md §5.1): 成本指标 as its own 一级. */
export function framework2021(year: number): IndicatorFramework {
  const base = defaultFramework(year)
  return {
    year,
    level1: [
      { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标'] },
      { name: '成本指标', level2: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
      ...base.level1.slice(1),
    ],
  }
}

export interface NewUnitYearInput {
  unitId: Id
  targetId: Id
  name: string
  year: number
  /** the year's framework when one is already stored (shared by all units of the year) */
  framework?: IndicatorFramework
}

/** An empty unit-year: the unit, the year's framework and the unit's 整体 target. */
export function newUnitYearDataset(input: NewUnitYearInput): UnitYearDataset {
  return {
    unit: { id: input.unitId, name: input.name.trim(), departments: [], monitoringGroup: [], financeOfficer: '' },
    year: input.year,
    framework: input.framework ?? defaultFramework(input.year),
    projects: [],
    budgetLines: [],
    monthlyExecutions: [],
    targets: [{ id: input.targetId, unitId: input.unitId, year: input.year, scope: 'unit', description: '' }],
    indicators: [],
    nodes: [],
    readings: [],
    budgetJudgements: [],
    alerts: [],
    measures: [],
    reports: [],
  }
}

/** Quarter ends and half-year: the node dates offered first ('2021-03-31' …). */
export function commonNodeDates(year: number): IsoDate[] {
  return [`${year}-03-31`, `${year}-06-30`, `${year}-07-31`, `${year}-09-30`, `${year}-12-31`]
}

/**
 * The dates offered as one click when creating a node: the month-end after the latest node (a unit
 * monitoring monthly goes on month by month; January's end when there is none), then the common
 * quarter and half-year ends, without dates that already have a node, in date order.
 */
export function quickNodeDates(year: number, existing: readonly IsoDate[]): IsoDate[] {
  const latest = [...existing]
    .filter((d) => d.startsWith(`${year}-`))
    .sort()
    .pop()
  const month = latest ? Number(latest.slice(5, 7)) + 1 : 1
  const next = month <= 12 ? [monthEnd(year, month as MonthNumber)] : []
  return [...new Set([...next, ...commonNodeDates(year)])].filter((d) => !existing.includes(d)).sort()
}

/** Problems with a framework a user edited: names present, no duplicate 一级 or 二级 under one 一级. */
export function frameworkProblems(framework: IndicatorFramework): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  framework.level1.forEach((l1, index) => {
    const name = l1.name.trim()
    if (!name) problems.push(`第${index + 1}个一级指标未填写名称`)
    else if (seen.has(name)) problems.push(`一级指标“${name}”重复`)
    seen.add(name)
    const seen2 = new Set<string>()
    for (const l2 of l1.level2) {
      const n2 = l2.trim()
      if (!n2) problems.push(`一级指标“${name}”下有未填写名称的二级指标`)
      else if (seen2.has(n2)) problems.push(`一级指标“${name}”下的二级指标“${n2}”重复`)
      seen2.add(n2)
    }
    if (l1.level2.length === 0) problems.push(`一级指标“${name}”下至少需要一个二级指标`)
  })
  return problems
}
