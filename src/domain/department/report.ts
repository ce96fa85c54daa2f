/**
 * The 部门汇总报告 (docs/domain-rules.md §17.6): the 主管部门's report on its 下属单位 at one monitoring
 * date, drafted from the sums (totals.departmentTotals), the ranking (ranking.rankUnits, 未报送 units
 * included) and each unit's own 偏离情况 as its 定稿 report states it. It is a `ReportModel`, so the
 * screen (components/report), the .docx (io/word/reportDocx) and the edits (report/edits: withEdit,
 * regenerateEdits) serve it unchanged: the department's budget block is the model's `budgetTable`, the
 * 各单位预算执行汇总表 its `indicatorTable` (the landscape 附表; the same rows as the 汇总表 .xlsx).
 *
 * Every figure is formatted once here with the shared formatters; nothing is averaged: each rate is
 * formed from the sums (§17.2).
 */
import { formatAmount, formatNumber, formatPercent } from '../decimal'
import type { Dec } from '../decimal'
import { monthEnd } from '../dates'
import type { BudgetFigures } from '../rates'
import { META_KEYS, PARAGRAPH_KEYS } from '../report/draft'
import { frozenModelOf, paragraphsOf } from '../report/edits'
import type { ReportBlock, ReportModel, ReportParagraph } from '../report/model'
import type { ReportRelease } from '../report/release'
import { asOfWords, chineseNumber, dateWords, LIGHT_WORDS } from '../report/words'
import type { Id, IsoDate, IsoDateTime, Light, MonthNumber, StoredReport } from '../types'
import { REVIEW_STATE_LABELS } from './review'
import type { ReviewState } from './review'
import type { RankedUnit, UnitRanking } from './ranking'
import type { DepartmentTotals } from './totals'
import type { DepartmentNode } from './types'
import { departmentBudgetTable, departmentSummaryTable, RATIO_PLACES } from './reportTables'

/** A submitted unit as the 汇总报告 reads it: its 审核 state and what it said about its deviations. */
export interface DepartmentReportUnit {
  unitId: Id
  review: ReviewState
  /** the 偏离情况及成因分析 of the unit's own 定稿 report; null when its package holds none */
  deviationText: string | null
  /** the unit's red and yellow 预警 at the node, as it reported them (other lights are ignored) */
  alerts: readonly { light: Light; message: string }[]
}

export interface DepartmentReportInput {
  departmentName: string
  year: number
  node: DepartmentNode
  totals: DepartmentTotals
  /** rankUnits over the same submissions as `totals`, with the 下属单位 list: 未报送 units included */
  ranking: readonly UnitRanking[]
  /** one per submitted unit (by unitId); a unit missing here is drafted as 待审核 with nothing said */
  units: readonly DepartmentReportUnit[]
  ratePrecision: number
  /** 填报时间 'yyyy-MM-dd' (the store passes today; never read from a clock here) */
  reportDate: IsoDate
  /** paragraph key → the user's text (StoredDepartmentReport.edits) */
  edits?: Readonly<Record<string, string>>
}

/** Keys of the 汇总报告's paragraphs; each submitted unit's 偏离情况 is `deviation.<unitId>`. */
export const DEPARTMENT_PARAGRAPH_KEYS = {
  overview: 'dept.overview',
  method: 'dept.method',
  budgetOverall: 'dept.budget.overall',
  budgetBasic: 'dept.budget.basic',
  budgetProject: 'dept.budget.project',
  ranking: 'dept.ranking',
  deviationNotSubmitted: 'dept.deviation.notSubmitted',
  deviationNone: 'dept.deviation.none',
  measures: 'dept.measures',
  suggestions: 'dept.suggestions',
  other: 'dept.other',
} as const

export function unitDeviationKey(unitId: Id): string {
  return `dept.deviation.${unitId}`
}

/**
 * What a 主管部门 keeps of its 汇总报告 at one date (schema version 5, `departmentReports`): the user's
 * edits and, once 定稿, the model exactly as it was frozen, with every 解除定稿 and its reason.
 */
export interface StoredDepartmentReport {
  /** `${departmentUnitId}|${asOfDate}` */
  id: Id
  departmentUnitId: Id
  asOfDate: IsoDate
  edits: Record<string, string>
  /** set by 定稿: the report model as frozen (plain data) */
  frozen?: { at: IsoDateTime; model: unknown }
  unlocks: { at: IsoDateTime; reason: string }[]
  updatedAt: IsoDateTime
}

export function departmentReportId(departmentUnitId: Id, asOfDate: IsoDate): Id {
  return `${departmentUnitId}|${asOfDate}`
}

/**
 * 草稿 until 定稿, then 第N版 (N = 解除定稿 count + 1) with its time: the marks of docs/domain-rules.md §13.7,
 * for the department's report as for a unit's.
 */
export function departmentReportRelease(
  stored: Pick<StoredDepartmentReport, 'frozen' | 'unlocks'> | null | undefined,
): ReportRelease {
  if (!stored?.frozen) return { kind: 'draft' }
  return { kind: 'final', version: stored.unlocks.length + 1, frozenAt: stored.frozen.at }
}

/** The frozen model of a stored 汇总报告, or null (checked by shape: it comes from IndexedDB or a backup). */
export function frozenDepartmentModel(stored: Pick<StoredDepartmentReport, 'frozen'> | null | undefined) {
  return frozenModelOf(stored?.frozen)
}

/**
 * The 偏离情况及成因分析 a unit wrote in the report it submitted: that paragraph of its frozen model, as
 * shown (the user's edit or the draft). Null when the package holds no frozen report.
 */
export function unitDeviationText(report: Pick<StoredReport, 'frozen'> | null | undefined): string | null {
  const model = frozenModelOf(report?.frozen)
  if (!model) return null
  const text = paragraphsOf(model)
    .find((p) => p.key === PARAGRAPH_KEYS.deviation)
    ?.text.trim()
  return text ? text : null
}

const ISO_DATE_SHAPE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

export function draftDepartmentReport(input: DepartmentReportInput): ReportModel {
  const { departmentName, year, node, totals, ranking, ratePrecision: places } = input
  const edits = input.edits ?? {}
  const K = DEPARTMENT_PARAGRAPH_KEYS
  const pct = (rate: Dec | null): string => (rate === null ? '—' : formatPercent(rate, places))
  const amt = (value: Dec): string => `${formatAmount(value, 2)}万元`
  const month = Number(node.asOfDate.slice(5, 7)) as MonthNumber
  const asOf = asOfWords(node.asOfDate, monthEnd(year, month) === node.asOfDate)
  const byUnit = new Map(input.units.map((u) => [u.unitId, u]))
  const submitted = ranking.filter((u): u is RankedUnit => u.status === 'submitted')
  const missing = ranking.filter((u) => u.status === 'notSubmitted')
  const reviewOf = (unitId: Id): ReviewState => byUnit.get(unitId)?.review ?? 'pending'

  const blocks: ReportBlock[] = []
  const h = (level: 1 | 2 | 3 | 4, text: string): void => {
    blocks.push({ kind: 'heading', level, text })
  }
  const p = (key: string, drafted: string, userParagraph = false): void => {
    const edit = Object.prototype.hasOwnProperty.call(edits, key) ? edits[key] : undefined
    const paragraph: ReportParagraph = {
      kind: 'paragraph',
      key,
      text: edit ?? drafted,
      drafted,
      edited: edit !== undefined,
      userParagraph,
      needsInput: userParagraph && edit === undefined,
    }
    blocks.push(paragraph)
  }

  h(1, '一、基本情况')
  p(K.overview, overviewText(departmentName, node, asOf, ranking, submitted, missing, reviewOf))
  p(
    K.method,
    '部门合计数为各已报送单位调整后预算、到位资金和执行数之和，到位率、执行率和执行进度比均按合计数计算，' +
      '不取各单位比率的平均数；未报送的单位不计入合计，在排名中单独列出。',
  )

  h(1, '二、部门预算执行情况')
  p(K.budgetOverall, budgetOverallText(totals, submitted.length, asOf, pct, amt))
  const [basic, project] = totals.byCategory
  h(2, '（一）基本支出执行情况')
  p(K.budgetBasic, basic ? categoryText(basic.label, basic.figures, pct, amt) : '无。')
  h(2, '（二）项目支出执行情况')
  p(K.budgetProject, project ? categoryText(project.label, project.figures, pct, amt) : '无。')
  blocks.push({ kind: 'table', table: 'budget' })

  h(1, '三、各单位预算执行排名')
  p(K.ranking, rankingText(ranking, pct))

  h(1, '四、偏离情况及原因')
  // one （一）-level heading a unit: a unit's own text numbers its indicators （1）（2）…, which a
  // （n） for the unit would collide with
  submitted.forEach((u, i) => {
    h(2, `（${chineseNumber(i + 1)}）${u.unitName}`)
    p(unitDeviationKey(u.unitId), unitDeviationParagraph(byUnit.get(u.unitId)))
  })
  if (missing.length > 0) p(K.deviationNotSubmitted, `${names(missing)}未报送，其偏离情况待报送后补充。`)
  if (submitted.length === 0 && missing.length === 0) p(K.deviationNone, '本节点没有单位报送。')

  h(1, '五、纠偏措施及意见建议')
  h(2, '（一）纠偏措施')
  p(K.measures, measuresText(submitted, missing, reviewOf), true)
  h(2, '（二）意见及建议')
  p(
    K.suggestions,
    '1、加强预算执行管理。督促各单位按序时进度执行预算，对执行进度滞后的单位和项目逐一分析原因，必要时调整预算。\n' +
      '2、加强监控结果运用。将各单位监控结果与下一年度预算安排挂钩，督促偏离绩效目标的单位及时整改。',
    true,
  )
  h(1, '六、其他需要说明的问题')
  p(K.other, '无。', true)

  h(1, `附表：${node.label}各单位预算执行汇总表`)
  blocks.push({ kind: 'table', table: 'indicators' })

  const chosen = edits[META_KEYS.reportDate]
  return {
    version: 1,
    nodeId: node.asOfDate,
    unitName: departmentName,
    year,
    nodeLabel: node.label,
    asOfDate: node.asOfDate,
    title: `${departmentName}整体支出绩效监控汇总报告`,
    reportDate: dateWords(chosen !== undefined && ISO_DATE_SHAPE.test(chosen) ? chosen : input.reportDate),
    ratePrecision: places,
    blocks,
    budgetTable: departmentBudgetTable(totals, node.label, places),
    indicatorTable: departmentSummaryTable(totals, ranking, reviewOf, node.label, places),
    // the 汇总报告 lists no indicators
    counts: { level1: 0, level2: 0, level3: 0 },
  }
}

function names(units: readonly { unitName: string }[]): string {
  return units.map((u) => u.unitName).join('、')
}

function overviewText(
  departmentName: string,
  node: DepartmentNode,
  asOf: string,
  ranking: readonly UnitRanking[],
  submitted: readonly RankedUnit[],
  missing: readonly UnitRanking[],
  reviewOf: (unitId: Id) => ReviewState,
): string {
  const states = (['approved', 'pending', 'returned'] as const)
    .map((state) => [state, submitted.filter((u) => reviewOf(u.unitId) === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${REVIEW_STATE_LABELS[state]}${n}个`)
  const head =
    `${departmentName}纳入本次汇总的下属单位共${ranking.length}个。截至${asOf}（${node.label}监控节点），` +
    `已报送定稿监控数据的单位${submitted.length}个${states.length > 0 ? `（其中${states.join('、')}）` : ''}`
  if (missing.length === 0) return `${head}，全部单位均已报送。`
  return `${head}；未报送${missing.length}个：${names(missing)}。`
}

function budgetOverallText(
  totals: DepartmentTotals,
  count: number,
  asOf: string,
  pct: (r: Dec | null) => string,
  amt: (v: Dec) => string,
): string {
  if (count === 0) return `截至${asOf}，尚无单位报送，暂无部门合计数。`
  const b = totals.budget
  const head =
    `截至${asOf}，已报送的${count}个单位调整后预算合计${amt(b.adjustedBudget)}，到位资金${amt(b.allocated)}，` +
    `到位率${pct(b.allocationRate)}；执行数${amt(b.spent)}，执行率${pct(b.executionRate)}。`
  if (totals.timeProgress === null) return `${head}各单位序时进度的计算方式不一致，不计算部门执行进度比。`
  const ratio = totals.budgetLight.ratio
  return (
    `${head}序时进度${pct(totals.timeProgress)}` +
    (ratio === null
      ? '，无法计算执行进度比。'
      : `，执行进度比为${formatNumber(ratio, RATIO_PLACES)}，预算执行预警为${LIGHT_WORDS[totals.budgetLight.light]}。`)
  )
}

function categoryText(label: string, f: BudgetFigures, pct: (r: Dec | null) => string, amt: (v: Dec) => string) {
  if (f.adjustedBudget.isZero() && f.spent.isZero()) return `${label}无预算。`
  return (
    `${label}调整后预算${amt(f.adjustedBudget)}，到位资金${amt(f.allocated)}，执行数${amt(f.spent)}，` +
    `执行率${pct(f.executionRate)}。`
  )
}

function rankingText(ranking: readonly UnitRanking[], pct: (r: Dec | null) => string): string {
  const submitted = ranking.filter((u): u is RankedUnit => u.status === 'submitted')
  const missing = ranking.filter((u) => u.status === 'notSubmitted')
  const tail = missing.length > 0 ? [`未报送的单位（不参与排名）：${names(missing)}。`] : []
  if (submitted.length === 0) return ['本节点没有已报送的单位，无法排名。', ...tail].join('\n')
  const lines = submitted.map((u, i) => {
    const n = `${i + 1}、${u.unitName}：`
    const alerts = `红色预警${u.alerts.red}条，黄色预警${u.alerts.yellow}条。`
    if (u.progressRatio === null)
      return `${n}执行率${pct(u.executionRate)}，无法计算执行进度比（调整后预算或序时进度为零）；${alerts}`
    return (
      `${n}执行率${pct(u.executionRate)}，序时进度${pct(u.timeProgress)}，` +
      `执行进度比${formatNumber(u.progressRatio, RATIO_PLACES)}，${LIGHT_WORDS[u.budgetLight]}；${alerts}`
    )
  })
  return ['按执行进度比（执行率÷序时进度×100）由低到高排列，越靠前执行越滞后：', ...lines, ...tail].join('\n')
}

function unitDeviationParagraph(unit: DepartmentReportUnit | undefined): string {
  const text = unit?.deviationText?.trim()
  if (text) return text
  const alerts = (unit?.alerts ?? []).filter((a) => a.light === 'red' || a.light === 'yellow')
  if (alerts.length === 0) return '报送的定稿报告中没有偏离情况说明，也没有红色或黄色预警。'
  const messages = alerts.map((a) => `${LIGHT_WORDS[a.light]}：${a.message.replace(/[。；]+$/u, '')}`).join('；')
  return `报送的定稿报告中没有偏离情况说明。该单位报送的预警${alerts.length}条：${messages}。`
}

function measuresText(
  submitted: readonly RankedUnit[],
  missing: readonly UnitRanking[],
  reviewOf: (unitId: Id) => ReviewState,
): string {
  const lagging = submitted.filter((u) => u.budgetLight === 'red' || u.budgetLight === 'yellow')
  const returned = submitted.filter((u) => reviewOf(u.unitId) === 'returned')
  const lines: string[] = []
  if (lagging.length > 0)
    lines.push(`督促${names(lagging)}分析预算执行滞后的原因，制定纠偏措施，明确责任科室和完成时限。`)
  if (returned.length > 0) lines.push(`督促${names(returned)}按审核意见更正后重新报送。`)
  if (missing.length > 0) lines.push(`督促${names(missing)}尽快完成监控并报送。`)
  if (lines.length === 0) lines.push('各单位预算执行正常，继续按月跟踪各单位执行进度。')
  return lines.map((line, i) => `${i + 1}、${line}`).join('\n')
}
