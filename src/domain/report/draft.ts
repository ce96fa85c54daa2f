/**
 * Drafts the 绩效监控报告 of one node from its data, following seed 001's outline (docs/domain-rules.md §13.1), and lays
 * the user's edits over the draft. Every figure comes from the node snapshot and is formatted with the
 * shared formatters at the user's precision, exactly as the 监控表 (tables.ts) formats it.
 */
import { decimalOrZero, formatAmount, formatNumber, formatPercent, sum } from '../decimal'
import type { Dec } from '../decimal'
import { monthEnd } from '../dates'
import { actualText, completionText, targetText } from '../indicatorText'
import type { MonitoringSettings } from '../settings'
import type { NodeSnapshot, SnapshotIndicator } from '../snapshot'
import { CATEGORY_LABELS } from '../rates'
import type { BudgetFigures } from '../rates'
import { measureStatusAt } from '../dashboardMeasures'
import type {
  BudgetLine,
  CorrectiveMeasure,
  ExpenseCategory,
  IsoDate,
  MeasureStatus,
  MonitoringNode,
  MonthNumber,
  UnitYearDataset,
} from '../types'
import type { ReportBlock, ReportModel, ReportParagraph } from './model'
import { budgetTable, deviationCauseText, indicatorTable } from './tables'
import { asOfWords, chineseNumber, circled, dateWords, LIGHT_WORDS } from './words'

export interface DraftReportInput {
  dataset: UnitYearDataset
  snapshot: NodeSnapshot
  settings: MonitoringSettings
  /** 填报时间 'yyyy-MM-dd': a parameter (the store passes today), never read from a clock here */
  reportDate: IsoDate
  /** paragraph key → the user's text (StoredReport.edits) */
  edits?: Readonly<Record<string, string>>
}

/** Paragraph keys of the fixed paragraphs; indicator lines are 'indicator.<indicatorId>'. */
export const PARAGRAPH_KEYS = {
  structure: 'org.structure',
  duties: 'org.duties',
  group: 'org.group',
  plan: 'org.plan',
  problems: 'org.problems',
  nextSteps: 'org.nextSteps',
  budgetOverall: 'budget.overall',
  budgetBasic: 'budget.basic',
  budgetProject: 'budget.project',
  targetsIntro: 'targets.intro',
  targetsCounts: 'targets.counts',
  deviation: 'deviation',
  measuresTaken: 'measures.taken',
  measuresPlanned: 'measures.planned',
  suggestions: 'suggestions',
  other: 'other',
} as const

/** Edits that are not paragraphs: 填报时间 chosen by the user ('yyyy-MM-dd'). */
export const META_KEYS = { reportDate: 'meta.reportDate' } as const

export function indicatorKey(indicatorId: string): string {
  return `indicator.${indicatorId}`
}

const DEVIATING = new Set(['red', 'yellow', 'blue'])

export function draftReport(input: DraftReportInput): ReportModel {
  const { dataset, snapshot, settings, reportDate } = input
  const edits = input.edits ?? {}
  const places = settings.ratePrecision
  const pct = (rate: Dec | null): string => (rate === null ? '—' : formatPercent(rate, places))
  const amt = (value: Dec): string => `${formatAmount(value, 2)}万元`
  const unit = dataset.unit
  const year = dataset.year
  const asOf = asOfWords(snapshot.asOf, monthEnd(year, snapshot.month as MonthNumber) === snapshot.asOf)
  const blocks: ReportBlock[] = []
  const h = (level: 1 | 2 | 3 | 4, text: string): void => {
    blocks.push({ kind: 'heading', level, text })
  }
  const p = (key: string, drafted: string, needsInput = false): void => {
    blocks.push(paragraph(key, drafted, needsInput, edits))
  }

  const unitRows = snapshot.indicators.filter((r) => r.scope === 'unit')
  const deviating = snapshot.indicators.filter((r) => DEVIATING.has(r.assessment.light))

  // 一、绩效监控工作组织实施情况
  h(1, '一、绩效监控工作组织实施情况')
  h(2, '（一）基本情况')
  h(3, '1、组织机构设置')
  p(
    PARAGRAPH_KEYS.structure,
    unit.departments.length > 0
      ? `机构设置情况：${unit.name}本级，下设${chineseNumber(unit.departments.length)}个科室，分别是：${unit.departments.join('、')}。`
      : `机构设置情况：${unit.name}本级。`,
    unit.departments.length === 0,
  )
  h(3, '2、职责分工')
  p(
    PARAGRAPH_KEYS.duties,
    [
      '组长主抓绩效总体工作，副组长对绩效监控实施情况进行具体工作安排，成员对各项绩效监控工作进行具体实施。',
      `领导小组下设办公室${unit.financeOfficer ? `，由${unit.financeOfficer}负责日常工作` : ''}，主要负责本单位的资金使用计划、汇报资金使用情况、提高资金使用效率等具体工作。`,
    ].join('\n'),
  )
  h(3, '3、绩效监控小组成员')
  p(PARAGRAPH_KEYS.group, groupText(dataset), unit.monitoringGroup.length === 0)
  h(3, `4、${year}年度绩效监控工作计划`)
  p(
    PARAGRAPH_KEYS.plan,
    [
      `①将本单位${year}年全部预算资金纳入绩效运行监控范围，对预算执行进度和绩效目标实现程度实行“双监控”。`,
      '②明确监控内容，从预算执行进度、绩效目标完成情况、偏差原因和纠偏措施等方面逐项填报绩效监控表。',
      `③建立定期报送制度，每月汇总预算执行情况，在监控节点（${snapshot.label}）形成绩效监控报告。`,
      '④及时督促整改，对监控发现的偏离绩效目标的情况，逐项落实纠偏措施和责任科室。',
    ].join('\n'),
  )
  h(2, '（二）存在问题及分析')
  p(PARAGRAPH_KEYS.problems, problemsText(snapshot, deviating, asOf, pct), true)
  h(2, '（三）下一步措施')
  p(
    PARAGRAPH_KEYS.nextSteps,
    [
      '1、加快预算执行进度。督促各科室按序时进度推进项目实施和资金支付，对执行进度偏慢的预算项目逐项分析原因。',
      '2、抓好绩效目标偏离整改。对偏离绩效目标的指标落实纠偏措施、责任科室和完成时限，在下一监控节点核查整改效果。',
      '3、加强预算绩效管理培训，提高绩效目标设置和绩效监控工作质量。',
    ].join('\n'),
    true,
  )

  // 二、年度预算执行情况
  h(1, '二、部门单位年度预算执行情况')
  p(PARAGRAPH_KEYS.budgetOverall, budgetOverallText(dataset, snapshot, asOf, pct, amt))
  h(2, '（一）基本支出执行情况')
  p(PARAGRAPH_KEYS.budgetBasic, categoryText('basic', snapshot, pct, amt))
  h(2, '（二）项目支出执行情况')
  p(PARAGRAPH_KEYS.budgetProject, categoryText('project', snapshot, pct, amt))
  blocks.push({ kind: 'table', table: 'budget' })

  // 三、整体绩效目标情况
  h(1, '三、部门单位整体绩效目标情况')
  h(2, '（一）绩效目标完成情况')
  p(PARAGRAPH_KEYS.targetsIntro, `${unit.name}严格按照绩效管理的相关要求，对本单位整体支出绩效运行实施监控。`)
  const counts = snapshot.indicatorCounts
  const notDue = unitRows.filter((r) => r.assessment.completion.status === 'notDue').length
  p(
    PARAGRAPH_KEYS.targetsCounts,
    `共设置一级指标${counts.level1}个，二级指标${counts.level2}个，三级指标${counts.level3}个。截至监控节点，${counts.level3}个三级指标的完成情况如下` +
      (notDue > 0 ? `（其中${notDue}个未达监控节点）：` : '：'),
  )
  let groupNo = 0
  for (const group of groupByLevel1(unitRows, dataset)) {
    h(3, `${++groupNo}、${group.level1}`)
    group.level2.forEach((sub, index) => {
      h(4, `${circled(index + 1)}${sub.level2}：`)
      sub.rows.forEach((row, n) => p(indicatorKey(row.indicator.id), indicatorLine(row, n + 1, places)))
    })
  }
  for (const project of dataset.projects) {
    const rows = snapshot.indicators.filter((r) => r.projectId === project.id)
    if (rows.length === 0) continue
    h(3, `${++groupNo}、${project.name}${project.name.endsWith('项目') ? '' : '项目'}绩效指标`)
    groupByLevel1(rows, dataset)
      .flatMap((g) => g.level2)
      .forEach((sub, index) => {
        h(4, `${circled(index + 1)}${sub.level2}：`)
        sub.rows.forEach((row, n) => p(indicatorKey(row.indicator.id), indicatorLine(row, n + 1, places)))
      })
  }
  h(2, '（二）偏离情况及成因分析')
  p(PARAGRAPH_KEYS.deviation, deviationText(dataset, snapshot, deviating, pct, places))
  h(2, '（三）纠偏措施')
  const measures = dataset.measures.filter((m) => m.nodeId === snapshot.node.id)
  const taken = measures.filter((m) => m.kind === 'taken').map((m): MeasureLine => ({ ...m, effectLabel: '效果' }))
  // the node's own plans, then what earlier nodes set and is still not 已完成 (with where it came from)
  const planned: MeasureLine[] = [
    ...measures.filter((m) => m.kind === 'planned').map((m): MeasureLine => ({ ...m, effectLabel: '预期效果' })),
    ...earlierOpenMeasures(dataset, snapshot.node).map(({ measure, node, status }): MeasureLine => ({
      ...measure,
      effectLabel: measure.kind === 'taken' ? '效果' : '预期效果',
      origin: `（${shortNodeLabel(node.label)}提出，${MEASURE_STATUS_WORDS[status]}）`,
    })),
  ]
  h(3, '1、已采取的纠正绩效目标偏离措施及效果：')
  p(PARAGRAPH_KEYS.measuresTaken, taken.length > 0 ? measureLines(taken) : '无。', taken.length === 0)
  h(3, '2、下一步计划开展的纠正绩效目标偏离措施及预期效果：')
  p(PARAGRAPH_KEYS.measuresPlanned, planned.length > 0 ? measureLines(planned) : '无。', planned.length === 0)

  // 四、五
  h(1, '四、意见及建议')
  p(
    PARAGRAPH_KEYS.suggestions,
    [
      '1、加大培训指导力度。建议财政部门加强对单位预算绩效管理人员的培训和指导，提升绩效监控工作的专业性。',
      '2、加强监控结果运用。建议将绩效监控结果与预算安排和政策调整挂钩，督促偏离绩效目标的项目及时整改。',
    ].join('\n'),
    true,
  )
  h(1, '五、其他需要说明的问题')
  const other = otherText(dataset.budgetLines, amt)
  p(PARAGRAPH_KEYS.other, other ?? '无。', other === null)

  h(1, `附表：${snapshot.label}绩效目标监控表`)
  blocks.push({ kind: 'table', table: 'indicators' })

  return {
    version: 1,
    nodeId: snapshot.node.id,
    unitName: unit.name,
    year,
    nodeLabel: snapshot.label,
    asOfDate: snapshot.asOf,
    title: `${unit.name}整体支出绩效监控报告`,
    reportDate: dateWords(chosenDate(edits[META_KEYS.reportDate]) ?? reportDate),
    ratePrecision: places,
    blocks,
    budgetTable: budgetTable(dataset, snapshot, places),
    indicatorTable: indicatorTable(dataset, snapshot, places),
    counts: { ...counts },
  }
}

/** The report date typed over the drafted one, when shaped 'yyyy-MM-dd' (a shape check only, not a calendar one: not an IsoDate). */
function chosenDate(value: string | undefined): string | null {
  return value !== undefined && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value) ? value : null
}

function paragraph(
  key: string,
  drafted: string,
  needsInput: boolean,
  edits: Readonly<Record<string, string>>,
): ReportParagraph {
  const edit = Object.prototype.hasOwnProperty.call(edits, key) ? edits[key] : undefined
  const edited = edit !== undefined
  return {
    kind: 'paragraph',
    key,
    text: edited ? edit : drafted,
    drafted,
    edited,
    userParagraph: needsInput,
    needsInput: needsInput && !edited,
  }
}

function groupText(dataset: UnitYearDataset): string {
  const group = dataset.unit.monitoringGroup
  if (group.length === 0) return '（请在此填写绩效监控小组名单。）'
  const line = (role: string): string | null => {
    const members = group.filter((m) => m.role === role)
    return members.length === 0
      ? null
      : `${role}：${members.map((m) => (m.title ? `${m.name}（${m.title}）` : m.name)).join('、')}`
  }
  return [
    `${dataset.unit.name}绩效监控小组成员：`,
    line('组长'),
    line('副组长'),
    line('成员') ?? '成员：各科室业务骨干。',
  ]
    .filter((l): l is string => l !== null)
    .join('\n')
}

function problemsText(
  snapshot: NodeSnapshot,
  deviating: SnapshotIndicator[],
  asOf: string,
  pct: (r: Dec | null) => string,
): string {
  const items: string[] = []
  const light = snapshot.budgetLight.light
  if (light === 'red' || light === 'yellow') {
    const slowest = [...snapshot.budget.byCategory]
      .filter((g) => g.figures.executionRate !== null)
      .sort((a, b) => (a.figures.executionRate as Dec).comparedTo(b.figures.executionRate as Dec))[0]
    items.push(
      `预算执行进度偏慢。截至${asOf}预算执行率${pct(snapshot.budget.unit.executionRate)}，低于序时进度${pct(snapshot.timeProgress)}` +
        (slowest ? `，其中${slowest.label}执行率${pct(slowest.figures.executionRate)}。` : '。'),
    )
  }
  const behind = deviating.filter((r) => r.assessment.light !== 'blue')
  if (behind.length > 0) {
    items.push(
      `部分绩效指标完成进度滞后。${behind
        .slice(0, 5)
        .map((r) => r.indicator.name)
        .join('、')}${behind.length > 5 ? '等' : ''}${behind.length}个指标未达到预期进度。`,
    )
  }
  if (snapshot.indicators.some((r) => r.indicator.operator === '定性')) {
    items.push('部分绩效指标为定性指标，难以量化衡量，绩效目标设置的科学性有待提高。')
  }
  if (items.length === 0) return '截至监控节点，预算执行和绩效目标均按计划推进，暂未发现明显问题。'
  return items.map((item, i) => `${i + 1}、${item}`).join('\n')
}

function budgetOverallText(
  dataset: UnitYearDataset,
  snapshot: NodeSnapshot,
  asOf: string,
  pct: (r: Dec | null) => string,
  amt: (v: Dec) => string,
): string {
  const unit = snapshot.budget.unit
  const initial = sum(dataset.budgetLines.map((l) => decimalOrZero(l.initialBudget)))
  const budgetWords = initial.eq(unit.adjustedBudget)
    ? `预算${amt(unit.adjustedBudget)}`
    : `年初预算${amt(initial)}，调整后预算${amt(unit.adjustedBudget)}`
  const ratio = snapshot.budgetLight.ratio
  return (
    `我单位${dataset.year}年${budgetWords}，实际到位资金${amt(unit.allocated)}，到位率${pct(unit.allocationRate)}。` +
    `截至${asOf}资金执行数${amt(unit.spent)}，预算执行率${pct(unit.executionRate)}。` +
    `同期序时进度为${pct(snapshot.timeProgress)}` +
    (ratio !== null
      ? `，执行进度比为${formatNumber(ratio, 1)}，预算执行预警为${LIGHT_WORDS[snapshot.budgetLight.light]}。`
      : '。')
  )
}

function categoryText(
  category: ExpenseCategory,
  snapshot: NodeSnapshot,
  pct: (r: Dec | null) => string,
  amt: (v: Dec) => string,
): string {
  const label = CATEGORY_LABELS[category]
  const lines = snapshot.budget.byLine.filter((l) => l.line.category === category)
  const figures: BudgetFigures | undefined = snapshot.budget.byCategory.find((g) => g.key === category)?.figures
  if (!figures || lines.length === 0) return `本年度未安排${label}预算。`
  const other = sum(lines.filter((l) => l.line.fundSource === '其他资金').map((l) => l.figures.adjustedBudget))
  const fiscal = figures.adjustedBudget.minus(other)
  const head =
    `本年度${label}预算安排总额为${amt(figures.adjustedBudget)}，其中财政资金${amt(fiscal)}，其他资金${amt(other)}。` +
    `截至监控节点，${label}实际支出资金${amt(figures.spent)}，预算执行率${pct(figures.executionRate)}。`
  if (category === 'basic') {
    return `${head}其中用于：${lines.map((l) => `${l.line.name}${amt(l.figures.spent)}`).join('、')}。`
  }
  const projects = snapshot.budget.byProject
  return `${head}主要用于：${projects.map((g) => `${g.label}（预算${amt(g.figures.adjustedBudget)}，已支出${amt(g.figures.spent)}，执行率${pct(g.figures.executionRate)}）`).join('；')}。`
}

interface Level2Group {
  level2: string
  rows: SnapshotIndicator[]
}
interface Level1Group {
  level1: string
  level2: Level2Group[]
}

/** Groups rows by 一级 then 二级 in the year's framework order; names outside the framework follow in data order. */
export function groupByLevel1(rows: readonly SnapshotIndicator[], dataset: UnitYearDataset): Level1Group[] {
  const order1 = dataset.framework.level1.map((l) => l.name)
  const order2 = new Map(dataset.framework.level1.map((l) => [l.name, l.level2]))
  const groups: Level1Group[] = []
  for (const row of rows) {
    let g1 = groups.find((g) => g.level1 === row.level1)
    if (!g1) groups.push((g1 = { level1: row.level1, level2: [] }))
    let g2 = g1.level2.find((g) => g.level2 === row.level2)
    if (!g2) g1.level2.push((g2 = { level2: row.level2, rows: [] }))
    g2.rows.push(row)
  }
  const rank = (list: readonly string[], name: string): number => {
    const i = list.indexOf(name)
    return i < 0 ? list.length : i
  }
  groups.sort((a, b) => rank(order1, a.level1) - rank(order1, b.level1))
  for (const g of groups) {
    const list = order2.get(g.level1) ?? []
    g.level2.sort((a, b) => rank(list, a.level2) - rank(list, b.level2))
  }
  return groups
}

/** `指标1：办理建设项目用地初审，预期指标值：≥15个，实际完成值：7个，指标完成率：46.67%。` */
export function indicatorLine(row: SnapshotIndicator, n: number, places: number): string {
  const completion = row.assessment.completion
  return (
    `指标${n}：${row.indicator.name}，预期指标值：${targetText(row.indicator)}，` +
    `实际完成值：${actualText(row.indicator, row.reading, completion)}，指标完成率：${completionText(completion, places)}。`
  )
}

function deviationText(
  dataset: UnitYearDataset,
  snapshot: NodeSnapshot,
  deviating: SnapshotIndicator[],
  pct: (r: Dec | null) => string,
  places: number,
): string {
  const parts: string[] = []
  const light = snapshot.budgetLight.light
  const unitBudget = snapshot.budget.unit
  if (light === 'red' || light === 'yellow') {
    const ratio = snapshot.budgetLight.ratio
    parts.push(
      `预算执行方面：截至监控节点预算执行率${pct(unitBudget.executionRate)}，低于序时进度${pct(snapshot.timeProgress)}` +
        `${ratio !== null ? `，执行进度比${formatNumber(ratio, 1)}` : ''}，为${LIGHT_WORDS[light]}预警。`,
    )
  }
  const judgements = dataset.budgetJudgements.filter(
    (j) => j.nodeId === snapshot.node.id && (j.deviationText.trim() || j.deviationCauses.length > 0),
  )
  for (const j of judgements) {
    const line = dataset.budgetLines.find((l) => l.id === j.budgetLineId)
    if (!line) continue
    const causes = j.deviationCauses.join('、')
    parts.push(
      `${line.name}：${[causes, j.deviationText.trim()].filter(Boolean).join('：')}${/[。；]$/.test(j.deviationText.trim()) ? '' : '。'}`,
    )
  }
  const uncertain = snapshot.indicators.filter(
    (r) => !DEVIATING.has(r.assessment.light) && r.reading?.likelihood && r.reading.likelihood !== '确定能',
  )
  const covered = new Set<string>()
  if (deviating.length > 0) {
    const count = (l: string): number => deviating.filter((r) => r.assessment.light === l).length
    const tally = (['red', 'yellow', 'blue'] as const)
      .filter((l) => count(l) > 0)
      .map((l) => `${LIGHT_WORDS[l]}${count(l)}个`)
      .join('、')
    parts.push(`绩效目标方面：${deviating.length}个指标偏离预期（${tally}），偏离情况及原因如下：`)
    deviating.forEach((row, i) => {
      covered.add(row.indicator.id)
      parts.push(
        `（${i + 1}）${row.indicator.name}：${deviationFacts(row, pct)}，${LIGHT_WORDS[row.assessment.light]}。${causeSentence(row)}`,
      )
    })
  }
  if (uncertain.length > 0) {
    parts.push('完成全年目标存在不确定性的指标：')
    uncertain.forEach((row, i) => {
      covered.add(row.indicator.id)
      const state =
        row.assessment.completion.status === 'notDue'
          ? '未达监控节点'
          : `指标完成率${completionText(row.assessment.completion, places)}`
      parts.push(
        `（${i + 1}）${row.indicator.name}（${state}）：完成目标可能性为“${row.reading?.likelihood ?? ''}”。${causeSentence(row)}`,
      )
    })
  }
  // a reading carried from the last node (reading.carried) is no deviation: 定稿 waits for it to be confirmed
  const alerts = dataset.alerts.filter(
    (a) =>
      a.nodeId === snapshot.node.id &&
      a.status === 'open' &&
      a.ruleId !== 'reading.carried' &&
      !(a.subjectType === 'indicator' && covered.has(a.subjectId)) &&
      !(a.subjectType === 'unit' && (light === 'red' || light === 'yellow')),
  )
  if (alerts.length > 0) {
    parts.push('其他预警：')
    alerts.forEach((a, i) => parts.push(`（${i + 1}）${a.message}`))
  }
  if (parts.length === 0) return '截至监控节点，预算执行和绩效目标均未出现偏离。'
  return parts.join('\n')
}

function deviationFacts(row: SnapshotIndicator, pct: (r: Dec | null) => string): string {
  const a = row.assessment
  const facts = [
    `预期指标值${targetText(row.indicator)}`,
    `实际完成值${actualText(row.indicator, row.reading, a.completion)}`,
  ]
  if (a.completion.status === 'rate') facts.push(`指标完成率${pct(a.completion.rate)}`)
  if (row.indicator.accrual === 'cumulative' && a.expected !== null && row.indicator.operator !== '定性') {
    facts.push(`按序时进度应完成${a.expected.toDecimalPlaces(2).toFixed()}${row.indicator.measureUnit}`)
  }
  return facts.join('，')
}

function causeSentence(row: SnapshotIndicator): string {
  const cause = deviationCauseText(row)
  if (!cause) return '偏差原因：尚未填写。'
  return `偏差原因：${cause}${/[。；！]$/.test(cause) ? '' : '。'}`
}

/** A measure as 三(三) words it: 效果 or 预期效果, and for an earlier node's measure where it came from. */
interface MeasureLine {
  content: string
  effect: string
  department: string
  deadline?: string
  effectLabel: '效果' | '预期效果'
  /** '（1-6月提出，进行中）' for a measure set at an earlier node */
  origin?: string
}

/** A measure set at an earlier node of the unit-year and not 已完成 at this node, with its status here. */
export interface EarlierMeasure {
  measure: CorrectiveMeasure
  /** the node that set it */
  node: MonitoringNode
  /** its status at this node (逾期 derived, measureStatusAt); never 已完成 */
  status: Exclude<MeasureStatus, '已完成'>
}

/**
 * The measures earlier nodes of the unit-year set that are still open at `node` (not 已完成 as of its
 * date): the report carries them under 下一步计划 until they are done. Oldest node first.
 */
export function earlierOpenMeasures(dataset: UnitYearDataset, node: MonitoringNode): EarlierMeasure[] {
  const earlier = new Map(dataset.nodes.filter((n) => n.asOfDate < node.asOfDate).map((n) => [n.id, n]))
  const open: EarlierMeasure[] = []
  for (const measure of dataset.measures) {
    const from = earlier.get(measure.nodeId)
    if (!from) continue
    const status = measureStatusAt(measure, node.asOfDate)
    if (status !== '已完成') open.push({ measure, node: from, status })
  }
  // stable: measures of one node keep their order
  return open.sort((a, b) => (a.node.asOfDate < b.node.asOfDate ? -1 : a.node.asOfDate > b.node.asOfDate ? 1 : 0))
}

const MEASURE_STATUS_WORDS: Readonly<Record<Exclude<MeasureStatus, '已完成'>, string>> = {
  计划: '计划中',
  进行中: '进行中',
  逾期: '已逾期',
}

/** '2021年1-6月' → '1-6月' (the report is of one year); any other label as it is. */
function shortNodeLabel(label: string): string {
  return label.replace(/^\d{4}年/, '') || label
}

function measureLines(measures: readonly MeasureLine[]): string {
  const one = (m: MeasureLine): string => {
    const content = m.content.trim().replace(/[。；]$/, '')
    const effect = m.effect.trim() ? `${m.effectLabel}：${m.effect.trim().replace(/[。；]$/, '')}` : ''
    const meta = [
      m.department ? `责任科室：${m.department}` : '',
      m.deadline ? `完成时限：${dateWords(m.deadline)}` : '',
    ]
      .filter(Boolean)
      .join('，')
    return `${m.origin ?? ''}${content}。${effect ? `${effect}。` : ''}${meta ? `（${meta}）` : ''}`
  }
  if (measures.length === 1 && measures[0]) return one(measures[0])
  return measures.map((m, i) => `（${i + 1}）${one(m)}`).join('\n')
}

/** 追加 / 追减 / 上年结转 recorded on the budget lines (already inside 调整后预算); null when there are none. */
function otherText(lines: readonly BudgetLine[], amt: (v: Dec) => string): string | null {
  const additions = lines.filter((l) => decimalOrZero(l.additions).gt(0))
  const reductions = sum(lines.map((l) => decimalOrZero(l.reductions)))
  const carryOver = sum(lines.map((l) => decimalOrZero(l.carryOver)))
  const parts: string[] = []
  if (additions.length > 0) {
    const total = sum(additions.map((l) => decimalOrZero(l.additions)))
    const bySource = [...new Set(additions.map((l) => l.fundSource))].map(
      (source) =>
        `${source}${amt(sum(additions.filter((l) => l.fundSource === source).map((l) => decimalOrZero(l.additions))))}`,
    )
    parts.push(`本年度追加预算${amt(total)}（其中：${bySource.join('，')}），已计入上述调整后预算。`)
  }
  if (reductions.gt(0)) parts.push(`本年度追减预算${amt(reductions)}，已从调整后预算中扣除。`)
  if (carryOver.gt(0)) parts.push(`上年结转资金${amt(carryOver)}，未计入调整后预算。`)
  return parts.length > 0 ? parts.join('') : null
}
