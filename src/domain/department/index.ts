/**
 * 主管部门 汇总 (docs/domain-rules.md §17): what a 主管部门 keeps of its 下属单位's 报送 and what it
 * computes from them — department totals (sums, never averages of rates), the ranking by 执行进度比
 * with 未报送 listed, the units × nodes heatmap, which submission is current, the 审核 states, and the
 * 部门汇总报告 drafted from them.
 */
export type * from './types'
export { amountOf, budgetFiguresOf, EXPENSE_CATEGORIES, unitNodeFiguresOf, unitNodeFiguresProblems } from './figures'
export { departmentTotals } from './totals'
export type { CategoryTotal, DepartmentTotals } from './totals'
export { byNameThenId, rankUnits } from './ranking'
export type { RankedUnit, UnitRanking, UnsubmittedUnit } from './ranking'
export { unitNodeHeatmap } from './heatmap'
export type { HeatmapCell, HeatmapRow, UnitNodeHeatmap } from './heatmap'
export { classifySubmission, latestSubmissions, SUBMISSION_CLASS_LABELS, submissionKey } from './supersession'
export type { SubmissionClass } from './supersession'
export { notSubmittedRecord, REVIEW_ACTION_LABELS, REVIEW_STATE_LABELS, reviewTransition } from './review'
export type { ReviewAction, ReviewRecord, ReviewState } from './review'
export * from './stored'
export {
  DEPARTMENT_PARAGRAPH_KEYS,
  departmentReportId,
  departmentReportRelease,
  draftDepartmentReport,
  frozenDepartmentModel,
  unitDeviationKey,
  unitDeviationText,
} from './report'
export type { DepartmentReportInput, DepartmentReportUnit, StoredDepartmentReport } from './report'
export { departmentBudgetTable, departmentSummaryTable, RATIO_PLACES, SUMMARY_HEADER } from './reportTables'
