/**
 * The file names of the 主管部门's exports (docs/domain-rules.md §17.6, §13.7): the 部门汇总报告 .docx
 * (laid out by io/word/reportDocx, unchanged) and the 汇总表 .xlsx. A module of its own so the Word
 * export does not load ExcelJS for a file name.
 */
import { releaseFileName } from '@/domain/report'
import type { ReportModel, ReportRelease } from '@/domain/report'

/** 'XX局2021年1-6月绩效监控汇总报告（草稿）.docx' */
export function departmentReportFileName(model: ReportModel, release: ReportRelease): string {
  return releaseFileName(`${model.unitName}${model.nodeLabel}绩效监控汇总报告`, 'docx', release)
}

/** 'XX局2021年1-6月绩效监控汇总表（草稿）.xlsx' */
export function summaryTableFileName(model: ReportModel, release: ReportRelease): string {
  return releaseFileName(`${model.unitName}${model.nodeLabel}绩效监控汇总表`, 'xlsx', release)
}
