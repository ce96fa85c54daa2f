/**
 * 绩效指标: one 三级指标 a row, matched by (目标范围, 一级, 二级, 三级). A matched indicator keeps its id, its
 * order and every field the template does not carry. The 分月计划 columns (template version 2) hold all
 * twelve months or none; a file without them keeps the stored plan.
 */
import { parseAmount, parseChoice, parseDate, parsePercentNumber, parseText } from '@/domain/importParsing'
import { validateIndicator } from '@/domain/validation'
import type { Accrual, Indicator, IndicatorFramework } from '@/domain/types'
import {
  ACCRUAL_LABELS,
  INDICATOR_COLUMNS,
  MONTHS,
  OPERATOR_ALIASES,
  OPERATORS,
  SHEET_INDICATORS,
  UNIT_SCOPE,
} from '../excel/layout'
import type { ImportContext } from './context'
import { describeChanges, keepDecimalSpelling, keepPlanSpelling } from './diff'
import { indicatorKey, stableId } from './keys'
import { invert, keyCell, parseName, readRow, reportIssues } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/** Reads 绩效指标 into `ctx.merged.indicators`. `hasPlanColumns`: the file has the 分月计划 columns. */
export function readIndicatorSheet(ctx: ImportContext, indicatorSheet: SheetGrid, hasPlanColumns: boolean): void {
  const { unitId, year } = ctx
  const accrualByLabel = invert(ACCRUAL_LABELS)
  const seenIndicators = new Map<string, number>()
  const indicatorOrder = new Map<string, number>()
  for (const i of ctx.existing?.indicators ?? [])
    indicatorOrder.set(i.targetId, Math.max(indicatorOrder.get(i.targetId) ?? 0, i.sortOrder))
  for (let r = 1; r < indicatorSheet.rows.length; r++) {
    const row = readRow(ctx.problems, indicatorSheet, INDICATOR_COLUMNS, r)
    if (row.blank) continue
    const scope = row.get('scope', parseName(200)) ?? UNIT_SCOPE
    const level1 = row.get('level1', parseName(100), true)
    const level2 = row.get('level2', parseName(100), true)
    const name = row.get('name', parseName(300), true)
    const operator = row.get('operator', (c) => parseChoice(keyCell(c), OPERATORS, OPERATOR_ALIASES), true)
    const qualitative = operator === '定性'
    const targetValue = row.get(
      'targetValue',
      qualitative ? (c) => parseText(c, 300) : (c) => parsePercentNumber(c),
      true,
    )
    const measureUnit = row.get('measureUnit', parseName(20)) ?? ''
    const weight = row.get('weight', parseAmount)
    const accrualLabel = row.get('accrual', (c) => parseChoice(c, Object.keys(accrualByLabel)))
    const dueDate = row.get('dueDate', parseDate)
    const targetLabel = row.get('targetLabel', (c) => parseText(c, 300))
    const accrual: Accrual = (accrualLabel ? accrualByLabel[accrualLabel] : undefined) ?? 'level'
    if (accrual === 'dueLater' && !dueDate) row.fail('dueDate', '指标性质为到期考核时须填写考核日期')
    // 分月计划: all twelve months or none (none = no plan); a file without the columns keeps the stored plan.
    const plan = hasPlanColumns ? MONTHS.map((m) => row.get(`plan${m}`, (c) => parsePercentNumber(c))) : null
    const planFilled = plan ? plan.filter((v) => v !== null).length : 0
    if (plan && planFilled > 0 && planFilled < MONTHS.length) {
      const firstBlank = plan.findIndex((v) => v === null)
      row.fail(`plan${firstBlank + 1}`, '须填写（分月计划要么12个月都填，要么全部留空）')
    }
    if (!row.ok() || level1 === null || level2 === null || name === null || operator === null || targetValue === null)
      continue
    const natural = indicatorKey(scope, level1, level2, name)
    const dup = seenIndicators.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（目标范围、一级、二级、三级指标都相同）`)
      continue
    }
    seenIndicators.set(natural, row.rowNo)
    const target = ctx.ensureTarget(scope)
    const stored = ctx.stored.indicators.get(natural)
    const order = stored?.sortOrder ?? (indicatorOrder.get(target.id) ?? 0) + 1
    indicatorOrder.set(target.id, Math.max(order, indicatorOrder.get(target.id) ?? 0))
    const {
      weight: _w,
      dueDate: _d,
      targetLabel: _t,
      monthlyPlan: storedPlan,
      ...rest
    } = stored ?? ({} as Partial<Indicator>)
    const monthlyPlan = plan
      ? planFilled === 0
        ? undefined
        : keepPlanSpelling(
            storedPlan,
            plan.filter((v) => v !== null),
          )
      : storedPlan
    const next = keepDecimalSpelling(
      stored,
      {
        ...rest,
        id: stored?.id ?? stableId('ind', unitId, year, natural),
        targetId: target.id,
        level1,
        level2,
        name,
        operator,
        targetValue,
        measureUnit,
        accrual,
        sortOrder: order,
        ...(weight !== null ? { weight } : {}),
        ...(dueDate ? { dueDate } : {}),
        ...(targetLabel ? { targetLabel } : {}),
        ...(monthlyPlan ? { monthlyPlan } : {}),
      } as Indicator,
      qualitative ? ['weight'] : ['weight', 'targetValue'],
    )
    if (
      reportIssues(ctx, indicatorSheet, INDICATOR_COLUMNS, row.rowNo, validateIndicator(next), (f) =>
        f === 'monthlyPlan' ? 'plan1' : f,
      )
    )
      continue
    ctx.merged.indicators.set(natural, next)
    const indicatorStatus = ctx.tally('indicators', stored, next)
    ctx.rows.push({
      sheet: SHEET_INDICATORS,
      row: row.rowNo,
      label: `${scope} / ${name}`,
      status: indicatorStatus,
      ...(indicatorStatus === 'changed' ? { detail: describeChanges(stored, next).join('；') } : {}),
    })
  }
}

/** The year's framework with any 一级/二级 used by the indicators added (in order of first use). */
export function mergeFramework(framework: IndicatorFramework, indicators: readonly Indicator[]): IndicatorFramework {
  const level1 = framework.level1.map((l) => ({ name: l.name, level2: [...l.level2] }))
  for (const i of indicators) {
    let l1 = level1.find((l) => l.name === i.level1)
    if (!l1) {
      l1 = { name: i.level1, level2: [] }
      level1.push(l1)
    }
    if (!l1.level2.includes(i.level2)) l1.level2.push(i.level2)
  }
  return { year: framework.year, level1 }
}
