/**
 * How unreported months and lines read on the 概览 (docs/domain-rules.md §4.5): a carried-forward figure is
 * labelled with its month, and the seed 003 monthly average (docs/domain-rules.md §4.8) names the months
 * it used. Wording only; no arithmetic beyond the shared formatters.
 */
import { formatNumber, formatPercent } from './decimal'
import type { Dec } from './decimal'
import type { MonthlyExecutionAverage, UnreportedLine } from './rates'
import type { MonthNumber } from './types'

export const NO_MONTHLY_AVERAGE_TEXT = '尚无足够的月度执行数据，无法计算月均执行率'

/**
 * Months as plain Chinese: runs of three or more as a range, others one by one.
 * [1,2,3,4,5,6] → '1-6月'; [3,6] → '3、6月'; [1,2,12] → '1、2、12月'; [] → ''.
 */
export function monthListText(months: readonly MonthNumber[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b)
  if (sorted.length === 0) return ''
  const parts: string[] = []
  let start = 0
  for (let i = 1; i <= sorted.length; i++) {
    const previous = sorted[i - 1] ?? 0
    if (i < sorted.length && sorted[i] === previous + 1) continue
    const run = sorted.slice(start, i)
    if (run.length >= 3) parts.push(`${run[0]}-${previous}`)
    else parts.push(...run.map(String))
    start = i
  }
  return `${parts.join('、')}月`
}

/**
 * The note under the 执行数 card when lines have no entry for the node's month, e.g.
 * '3 个预算行未填报7月（按截至6月的数计）'; null when every line reported. The totals use each line's
 * latest figure, so the note says from which month, and that a line never reported adds nothing.
 */
export function unreportedLinesText(lines: readonly UnreportedLine[], month: MonthNumber): string | null {
  if (lines.length === 0) return null
  const latest = lines.map((l) => l.latestMonth).filter((m): m is MonthNumber => m !== null)
  const never = lines.length - latest.length
  const months = monthListText(latest)
  const carried = new Set(latest).size > 1 ? `按各行最近填报的${months}的数计` : `按截至${months}的数计`
  let how: string
  if (never === 0) how = carried
  else if (latest.length === 0) how = '尚无填报，未计入执行数'
  else how = `${latest.length} 个${carried}，${never} 个尚无填报、未计入`
  return `${lines.length} 个预算行未填报${month}月（${how}）`
}

/** Hover text naming the unreported lines, the first `limit` of them ('工资福利支出（截至6月）、… 等 12 个'). */
export function unreportedLinesTitle(lines: readonly UnreportedLine[], limit = 10): string {
  const named = lines
    .slice(0, limit)
    .map((l) => `${l.name}（${l.latestMonth === null ? '尚无填报' : `截至${l.latestMonth}月`}）`)
  return named.join('、') + (lines.length > limit ? ` 等 ${lines.length} 个` : '')
}

/**
 * The seed 003 average (docs/domain-rules.md §4.8) with the months it used, e.g. '已填报的 6 个月（1-6月）
 * 平均执行进度 50.54%（各月执行率 ÷ 序时进度，超过100%按100%计）', and the months left out
 * ('（1、2、4、5月有预算行未填报，不计入）'); without an average, NO_MONTHLY_AVERAGE_TEXT (with the reason
 * when only December is reported). It says what is averaged because the figure is not the 执行率 shown
 * beside it (25.70% at 1-6月 is 51.40% of schedule).
 */
export function monthlyAverageText(monthly: MonthlyExecutionAverage, precision: number): string {
  if (monthly.average === null) {
    return monthly.gap === 'onlyDecember'
      ? `${NO_MONTHLY_AVERAGE_TEXT}（只有12月的数据，年末数不能代表各月的执行进度）`
      : NO_MONTHLY_AVERAGE_TEXT
  }
  const skipped = monthly.skippedMonths.length
    ? `（${monthListText(monthly.skippedMonths)}有预算行未填报，不计入）`
    : ''
  const average = formatPercent(monthly.average, precision)
  return `已填报的 ${monthly.months.length} 个月（${monthListText(monthly.months)}）平均执行进度 ${average}（${MONTHLY_RATE_WORDS}）${skipped}`
}

/** how a month's 通报 rate is formed (seed 003 部门预算资金支出率, docs/domain-rules.md §4.8) */
export const MONTHLY_RATE_WORDS = '各月执行率 ÷ 序时进度，超过100%按100%计'

/**
 * The 部门预算资金支出率 line of the score preview, e.g. '部门预算资金支出率（10 分）：已填报的 6 个月
 * （1-6月）平均执行进度 50.54%（…），按此得 5.05 分。'; without an average, '…无法计算月均执行率，此项暂计 0 分。'
 * The points are the scheme's, already rounded (docs/domain-rules.md §11.6).
 */
export function budgetExecutionText(
  item: { monthly: MonthlyExecutionAverage; score: Dec; weight: Dec },
  precision: number,
): string {
  const head = `部门预算资金支出率（${item.weight.toFixed()} 分）：${monthlyAverageText(item.monthly, precision)}`
  return item.monthly.average === null
    ? `${head}，此项暂计 ${formatNumber(item.score, 0)} 分。`
    : `${head}，按此得 ${formatNumber(item.score, 2)} 分。`
}
