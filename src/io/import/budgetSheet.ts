/**
 * 预算执行: one budget line a row, with its twelve months of 执行数 and 到位资金. A line is matched by
 * (支出类别, 经费类型, 项目名称, 预算项目名称, 资金来源), a month by (line, month). Template version 3 added
 * the last column 调整月份, which dates a line's 追加 / 追减 (blank → January; a file without the column
 * keeps the stored month). Under 到位资金口径 与执行数相同 / 全额到位 a month with 执行数 and no 到位资金 gets
 * it as the monthly grid fills it (`completeAllocatedLine`). A line whose months leave a gap, and a
 * unit-year with nothing but December, are warned about: an unreported month is not 0.
 */
import { parseDecimalString } from '@/domain/decimal'
import { completeAllocatedLine, type AllocatedMode } from '@/domain/entryExecutionGrid'
import {
  cellDisplay,
  isBlank,
  parseAmount,
  parseChoice,
  cellTextWithout,
  type CellValue,
  type Parsed,
} from '@/domain/importParsing'
import type { RowStatus } from '@/domain/importPlan'
import { budgetLimits, validateBudgetLine, validateExecution } from '@/domain/validation'
import { FUND_SOURCES } from '@/domain/types'
import type {
  BasicSubCategory,
  BudgetLine,
  ExpenseCategory,
  FundSource,
  Id,
  MonthlyExecution,
  MonthNumber,
} from '@/domain/types'
import { BUDGET_COLUMNS, CATEGORY_LABELS, MONTHS, SHEET_BUDGET, SUB_CATEGORY_LABELS } from '../excel/layout'
import type { ImportContext } from './context'
import { describeChanges, keepDecimalSpelling } from './diff'
import { key, stableId } from './keys'
import { invert, keyCell, parseName, readRow, reportIssues } from './rowReader'
import type { SheetGrid } from './sheetGrid'

/**
 * 调整月份: a whole month 1–12 (9, '9', '９', '9月'); blank → null. Anything else (0, 13, 2.5, '九月', a
 * date) is refused by the caller with the cell shown.
 */
export function parseAdjustmentMonth(cell: CellValue): Parsed<MonthNumber | null> {
  if (isBlank(cell)) return { ok: true, value: null }
  const text = cellTextWithout(cell, /\s*月$/)
  const month = /^\d{1,2}$/.test(text) ? Number(text) : NaN
  return Number.isInteger(month) && month >= 1 && month <= 12
    ? { ok: true, value: month as MonthNumber }
    : { ok: false, reason: '应为 1 至 12 的整数' }
}

/** Months as they are said: [4, 5] → '4、5月', [1 … 11] → '1-11月', [2, 4, 5, 6] → '2、4-6月'. */
export function monthsText(months: readonly number[]): string {
  const runs: string[] = []
  const sorted = [...months].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++
    if (j - i >= 2) runs.push(`${sorted[i]}-${sorted[j]}`)
    else for (let k = i; k <= j; k++) runs.push(String(sorted[k]))
    i = j + 1
  }
  return `${runs.join('、')}月`
}

/** Reads 预算执行 into `ctx.merged.lines` and `ctx.merged.exec`. `hasAdjustmentColumn`: the file has 调整月份. */
export function readBudgetSheet(ctx: ImportContext, budget: SheetGrid, hasAdjustmentColumn: boolean): void {
  const { existing, unitId, year, problems, rows } = ctx
  const { lines: storedLines, exec: storedExec } = ctx.stored
  const { lines: outLines, exec: outExec } = ctx.merged
  const unitAllocatedMode: AllocatedMode = ctx.unit.allocatedMode ?? 'typed'
  const categoryByLabel = invert(CATEGORY_LABELS)
  const subByLabel = invert(SUB_CATEGORY_LABELS)
  const seenLines = new Map<string, number>()
  const storedExecByLine = new Map<Id, MonthlyExecution[]>()
  for (const e of existing?.monthlyExecutions ?? [])
    storedExecByLine.set(e.budgetLineId, [...(storedExecByLine.get(e.budgetLineId) ?? []), e])
  /** the lines of the file's rows, for the warnings about unreported months */
  const fileLines: { rowNo: number; line: BudgetLine; label: string }[] = []
  let sortOrder = Math.max(0, ...(existing?.budgetLines ?? []).map((l) => l.sortOrder))
  for (let r = 1; r < budget.rows.length; r++) {
    const row = readRow(problems, budget, BUDGET_COLUMNS, r)
    if (row.blank) continue
    const category = row.get('category', (c) => parseChoice(keyCell(c), Object.keys(categoryByLabel)), true)
    const sub = row.get('subCategory', (c) => parseChoice(keyCell(c), Object.keys(subByLabel)))
    const project = row.get('project', parseName(200))
    const department = row.get('department', parseName(100))
    const name = row.get('name', parseName(200), true)
    const fund = row.get('fundSource', (c) => parseChoice<FundSource>(keyCell(c), FUND_SOURCES)) ?? '财政拨款'
    const initial = row.get('initialBudget', parseAmount, true)
    const additions = row.get('additions', parseAmount) ?? '0'
    const reductions = row.get('reductions', parseAmount) ?? '0'
    const carry = row.get('carryOver', parseAmount) ?? '0'
    const months = MONTHS.map((m) => ({
      m,
      spent: row.get(`spent${m}`, parseAmount),
      allocated: row.get(`allocated${m}`, parseAmount),
    }))
    const monthCell = hasAdjustmentColumn ? row.value('adjustmentMonth') : null
    const adjustmentMonth = parseAdjustmentMonth(monthCell)
    if (!adjustmentMonth.ok) row.fail('adjustmentMonth', `${adjustmentMonth.reason}，实为“${cellDisplay(monthCell)}”`)
    const cat: ExpenseCategory | undefined = category ? categoryByLabel[category] : undefined
    const subCategory: BasicSubCategory | undefined = sub ? subByLabel[sub] : undefined
    if (cat === 'basic' && !subCategory) row.fail('subCategory', '基本支出须填写经费类型（人员经费或公用经费）')
    if (cat === 'basic' && project) row.fail('project', '基本支出不填项目名称')
    if (cat === 'project' && !project) row.fail('project', '项目支出须填写项目名称')
    if (cat === 'project' && subCategory) row.fail('subCategory', '项目支出不填经费类型')
    for (const { m } of months) {
      const spentFilled = row.filled(`spent${m}`)
      const allocatedFilled = row.filled(`allocated${m}`)
      // under 与执行数相同 / 全额到位 the unit does not keep 到位资金 by hand: it is filled in below
      if (spentFilled && !allocatedFilled && unitAllocatedMode === 'typed')
        row.fail(`allocated${m}`, `须填写（已填${m}月执行数）`)
      if (!spentFilled && allocatedFilled) row.fail(`spent${m}`, `须填写（已填${m}月到位资金）`)
    }
    if (!row.ok() || !cat || name === null || initial === null) continue
    const natural = key(cat, subCategory, project ?? '', name, fund)
    const dup = seenLines.get(natural)
    if (dup !== undefined) {
      row.fail('name', `与第${dup}行重复（支出类别、经费类型、项目名称、预算项目名称、资金来源都相同）`)
      continue
    }
    seenLines.set(natural, row.rowNo)
    const prj = cat === 'project' && project ? ctx.ensureProject(project, department) : undefined
    const stored = storedLines.get(natural)
    const base: BudgetLine = stored ?? {
      id: stableId('bl', unitId, year, natural),
      unitId,
      year,
      category: cat,
      name,
      fundSource: fund,
      initialBudget: '0',
      additions: '0',
      reductions: '0',
      carryOver: '0',
      sortOrder: ++sortOrder,
    }
    // 调整月份: blank is January; a month equal in meaning to the stored one (blank and 1) keeps the stored form
    const { adjustmentMonth: storedMonth, ...baseRest } = base
    const fileMonth = adjustmentMonth.ok ? (adjustmentMonth.value ?? undefined) : undefined
    const month = !hasAdjustmentColumn || (fileMonth ?? 1) === (storedMonth ?? 1) ? storedMonth : fileMonth
    const next = keepDecimalSpelling(
      stored,
      {
        ...baseRest,
        ...(subCategory ? { subCategory } : {}),
        ...(prj ? { projectId: prj.id } : {}),
        initialBudget: initial,
        additions,
        reductions,
        ...(month !== undefined ? { adjustmentMonth: month } : {}),
        carryOver: carry,
      },
      ['initialBudget', 'additions', 'reductions', 'carryOver'],
    )
    if (
      reportIssues(ctx, budget, BUDGET_COLUMNS, row.rowNo, validateBudgetLine(next), (f) =>
        f === 'projectId' ? 'project' : f,
      )
    )
      continue
    outLines.set(natural, next)
    const label = `${prj ? `${prj.name} / ` : ''}${name}（${fund}）`
    fileLines.push({
      rowNo: row.rowNo,
      line: next,
      label: `${prj ? `${prj.name} / ` : ''}${name}${fund === '财政拨款' ? '' : `（${fund}）`}`,
    })
    const lineStatus = ctx.tally('budgetLines', stored, next)
    let execChanged = false
    const details = describeChanges(stored, next)
    // 到位资金 left blank beside a 执行数 under 与执行数相同 / 全额到位: as the monthly grid fills it (a month
    // whose 执行数 is as stored keeps its stored 到位资金); a 到位资金 in the file is taken as written
    const completed =
      unitAllocatedMode === 'typed'
        ? null
        : completeAllocatedLine(
            next,
            months.map(({ spent, allocated }) => ({ spent: spent ?? '', allocated: allocated ?? '' })),
            storedExecByLine.get(next.id) ?? [],
            unitAllocatedMode,
          )
    const limits = budgetLimits(next)
    for (const { m, spent, allocated: typed } of months) {
      const allocated = typed ?? parseDecimalString(completed?.[m - 1]?.allocated ?? '')
      if (spent === null || allocated === null) continue
      const monthKey = key(next.id, m)
      const storedE = storedExec.get(monthKey)
      const e = keepDecimalSpelling(
        storedE,
        { id: storedE?.id ?? `${next.id}-m${m}`, budgetLineId: next.id, year, month: m, allocated, spent },
        ['allocated', 'spent'],
      )
      const previous = m > 1 ? outExec.get(key(next.id, m - 1)) : undefined
      reportIssues(ctx, budget, BUDGET_COLUMNS, row.rowNo, validateExecution(next, e, previous, limits), (f) =>
        f === 'spent' || f === 'allocated' ? `${f}${m}` : f,
      )
      outExec.set(monthKey, e)
      if (ctx.tally('monthlyExecutions', storedE, e) !== 'unchanged') execChanged = true
      details.push(
        ...(storedE
          ? describeChanges(storedE, e, `${m}月`)
          : stored
            ? [`新增${m}月执行数 ${e.spent}、到位资金 ${e.allocated}`]
            : []),
      )
    }
    const status: RowStatus =
      lineStatus === 'new' ? 'new' : lineStatus === 'changed' || execChanged ? 'changed' : 'unchanged'
    rows.push({
      sheet: SHEET_BUDGET,
      row: row.rowNo,
      label,
      status,
      ...(status === 'changed' ? { detail: details.join('；') } : {}),
    })
  }
  warnUnreportedMonths(ctx, fileLines)
}

/**
 * Unreported is not zero (docs/domain-rules.md §4.5): a gap between a line's first and last entered month, and a
 * unit-year with nothing but December (no monthly average can be formed), are said in the preview.
 */
function warnUnreportedMonths(
  ctx: ImportContext,
  fileLines: readonly { rowNo: number; line: BudgetLine; label: string }[],
): void {
  const outExec = ctx.merged.exec
  // each line's entered months, in one pass: looking up 12 keys per line took ≈ 80 ms at 10,000 lines
  const monthsOf = new Map<Id, Set<number>>()
  for (const e of outExec.values()) {
    const months = monthsOf.get(e.budgetLineId)
    if (months) months.add(e.month)
    else monthsOf.set(e.budgetLineId, new Set([e.month]))
  }
  for (const { rowNo, line, label } of fileLines) {
    const months = monthsOf.get(line.id)
    const entered = months ? MONTHS.filter((m) => months.has(m)) : []
    const first = entered[0] ?? 0
    const last = entered[entered.length - 1] ?? 0
    const missing = entered.length < 2 ? [] : MONTHS.filter((m) => m > first && m < last && !entered.includes(m))
    if (missing.length > 0) {
      ctx.warnings.push({
        sheet: SHEET_BUDGET,
        row: rowNo,
        column: '',
        message: `${SHEET_BUDGET} 第${rowNo}行 “${label}”缺${monthsText(missing)}的执行数：这些月份按未填报处理，不计为0`,
      })
    }
  }
  const enteredMonths = new Set([...outExec.values()].map((e) => e.month))
  if (enteredMonths.size === 1 && enteredMonths.has(12)) {
    ctx.warnings.push({
      sheet: SHEET_BUDGET,
      row: 0,
      column: '',
      message: `只有12月的执行数：${monthsText(MONTHS.slice(0, 11))}按未填报处理，无法计算月均执行率`,
    })
  }
}
