/**
 * What must be settled before a node's report is 定稿 (docs/domain-rules.md §12.1, §4.5):
 * a submitted report may not pass off figures the user never gave for this node.
 *
 * - unreportedLines: budget lines with no entry for the node's month (`snapshot.unreportedLines`); their
 *   latest cumulative figures stand in the totals. The user enters the month, or confirms
 *   「本月无新增支出」, which is stored as the month's entry equal to the latest figures
 *   (`noNewSpendingEntries`);
 * - carriedReadings / carriedJudgements: readings and 预算研判 新建节点 copied from an earlier node
 *   (`carriedFrom`) that nobody has confirmed or edited at this node.
 *
 * Not checked:
 * - a cost indicator (isCostCeiling) against the budget lines it mirrors: a linked indicator takes
 *   their 执行数 as its actual (costLink.ts), so there is nothing to compare;
 * - paragraphs still 待填写 (`pendingInputs`): their suggested text is a full sentence drafted from the
 *   data, and 定稿 only warns about them, as before.
 */
import { unreportedLinesText } from '../executionText'
import type { NodeSnapshot } from '../snapshot'
import type { Id, MonitoringNode, MonthlyExecution, UnitYearDataset } from '../types'

export type ReportCheckKind = 'unreportedLines' | 'carriedReadings' | 'carriedJudgements'

export interface ReportCheck {
  kind: ReportCheckKind
  /** what is inconsistent, one sentence: '5 个预算行未填报7月：工资福利支出、…（按截至6月的数计）' */
  message: string
  /** what to do about it, one sentence */
  action: string
  /** the subjects named, when the message does not name them: '办理建设项目用地初审、… 等 22 个' */
  detail?: string
  /** the budget lines or indicators concerned, in report order */
  subjects: string[]
}

export interface ReportChecksInput {
  dataset: UnitYearDataset
  snapshot: NodeSnapshot
}

/** How many subjects a sentence names before '等 N 个'. */
const NAMED = 10

/** Every check still open at the node, in the order above; [] when the report may be 定稿. */
export function reportChecks({ dataset, snapshot }: ReportChecksInput): ReportCheck[] {
  const checks: ReportCheck[] = []
  const nodeId = snapshot.node.id

  const unreported = snapshot.unreportedLines
  const note = unreportedLinesText(unreported, snapshot.month)
  if (note !== null) {
    // the 概览 note names how the figures were counted; here the lines are named too
    const head = `${unreported.length} 个预算行未填报${snapshot.month}月`
    const names = unreported.map((l) => l.name)
    checks.push({
      kind: 'unreportedLines',
      message: `${head}：${namesText(names)}${note.slice(head.length)}`,
      action: `请在“预算执行 › 月度录入”填报${snapshot.month}月的执行数和到位资金；确实没有新增支出和到账的，点“确认本月无新增支出”，按最近一次填报的累计数记为${snapshot.month}月的数。`,
      subjects: names,
    })
  }

  const carriedRows = snapshot.indicators.filter((row) => row.reading?.carriedFrom)
  if (carriedRows.length > 0) {
    const names = carriedRows.map((row) => row.indicator.name)
    checks.push({
      kind: 'carriedReadings',
      message: `${carriedRows.length} 个指标的填报沿用自${sourcesText(
        carriedRows.map((row) => row.reading?.carriedFrom ?? ''),
        dataset.nodes,
      )}，尚未确认`,
      detail: namesText(names),
      action: '请到“绩效指标 › 指标填报”逐项核对：有变化的改为本节点的数，没有变化的点“确认沿用”，然后保存填报。',
      subjects: names,
    })
  }

  const lineOrder = new Map(snapshot.budget.byLine.map(({ line }, index) => [line.id, index]))
  const carriedJudgements = dataset.budgetJudgements
    .filter((j) => j.nodeId === nodeId && j.carriedFrom && lineOrder.has(j.budgetLineId))
    .sort((a, b) => (lineOrder.get(a.budgetLineId) ?? 0) - (lineOrder.get(b.budgetLineId) ?? 0))
  if (carriedJudgements.length > 0) {
    const names = carriedJudgements.map(
      (j) => snapshot.budget.byLine[lineOrder.get(j.budgetLineId) ?? 0]?.line.name ?? '',
    )
    checks.push({
      kind: 'carriedJudgements',
      message: `${carriedJudgements.length} 个预算行的研判沿用自${sourcesText(
        carriedJudgements.map((j) => j.carriedFrom ?? ''),
        dataset.nodes,
      )}，尚未确认`,
      detail: namesText(names),
      action: '请到“预算执行 › 节点研判”核对全年预计执行数、完成可能性和偏差原因，修改或确认无误后点“保存研判”。',
      subjects: names,
    })
  }
  return checks
}

/** Why 定稿 is refused while checks are open: '定稿前请先处理：1、…；2、…' */
export function checksRefusal(checks: readonly ReportCheck[]): string {
  if (checks.length === 0) return ''
  const items = checks.map((c, i) => (checks.length === 1 ? c.message : `${i + 1}、${c.message}`))
  return `定稿前请先处理${checks.length === 1 ? '' : `以下 ${checks.length} 项`}：${items.join('；')}。`
}

/** A 「本月无新增支出」 entry before it gets an id (the store adds one). */
export type NoNewSpendingEntry = Omit<MonthlyExecution, 'id'>

/**
 * 「本月无新增支出」 for every line unreported at the node's month: the month's entry equal to the
 * line's latest cumulative figures, exactly as stored (the strings of that entry), or 0 for a line
 * with no entry yet. Once stored, the node's month is entered for every line and the check clears.
 */
export function noNewSpendingEntries({ dataset, snapshot }: ReportChecksInput): NoNewSpendingEntry[] {
  return snapshot.unreportedLines.map((line): NoNewSpendingEntry => {
    const latest =
      line.latestMonth === null
        ? undefined
        : dataset.monthlyExecutions.find(
            (e) => e.budgetLineId === line.budgetLineId && e.year === dataset.year && e.month === line.latestMonth,
          )
    return {
      budgetLineId: line.budgetLineId,
      year: dataset.year,
      month: snapshot.month,
      allocated: latest?.allocated ?? '0',
      spent: latest?.spent ?? '0',
    }
  })
}

function namesText(names: readonly string[]): string {
  return names.slice(0, NAMED).join('、') + (names.length > NAMED ? ` 等 ${names.length} 个` : '')
}

/** '“2021年1-6月”', or each source node once: '“2021年1-6月”“2021年1-7月”'. */
function sourcesText(fromIds: readonly Id[], nodes: readonly MonitoringNode[]): string {
  const labels = [...new Set(fromIds)].map((id) => nodes.find((n) => n.id === id)?.label || '上一节点')
  return [...new Set(labels)].map((label) => `“${label}”`).join('')
}
