/** The 绩效监控报告 and 监控表 model: drafted from a node snapshot, edited, frozen, exported. */
export type * from './model'
export {
  draftReport,
  earlierOpenMeasures,
  indicatorKey,
  indicatorLine,
  groupByLevel1,
  META_KEYS,
  PARAGRAPH_KEYS,
} from './draft'
export type { DraftReportInput, EarlierMeasure } from './draft'
export { budgetTable, indicatorTable, executionColumnTitle, visibleColumns } from './tables'
export { paragraphsOf, pendingInputs, withEdit, withoutEdit, regenerateEdits, frozenModelOf } from './edits'
export { LIGHT_WORDS } from './words'
export { checksRefusal, noNewSpendingEntries, reportChecks } from './checks'
export type { NoNewSpendingEntry, ReportCheck, ReportCheckKind, ReportChecksInput } from './checks'
export { DRAFT_RELEASE, beijingDateTime, releaseFileName, releaseMark, reportRelease } from './release'
export type { ReportRelease } from './release'
