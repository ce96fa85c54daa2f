/**
 * 草稿 or 定稿: what every export and print of a node's report says about itself (docs/domain-rules.md
 * §13.7). A report not yet 定稿 is a 草稿 — in its file name and in a page header — so a draft can never
 * pass for what was submitted. A 定稿 one names its version and when it was frozen: 第 N 版 is the node's
 * Nth 定稿 (each 解锁 closes one version, so N is the number of unlocks plus one), the time is Beijing
 * time (the stored times are UTC; the finance bureau reads 北京时间 whatever the machine's zone).
 */
import { beijingDateTime, beijingParts } from '../dates'
import type { IsoDateTime, MonitoringNode, StoredReport } from '../types'

export type ReportRelease =
  | { kind: 'draft' }
  /** `frozenAt` null: the node is locked but no frozen report was kept (an old or imported node) */
  | { kind: 'final'; version: number; frozenAt: IsoDateTime | null }

export const DRAFT_RELEASE: ReportRelease = { kind: 'draft' }

/** The release of a node's report: 定稿 while the node is locked, else 草稿. */
export function reportRelease(
  node: Pick<MonitoringNode, 'status'>,
  report: Pick<StoredReport, 'frozen' | 'unlocks'> | null | undefined,
): ReportRelease {
  if (node.status !== 'locked') return DRAFT_RELEASE
  return { kind: 'final', version: (report?.unlocks.length ?? 0) + 1, frozenAt: report?.frozen?.at ?? null }
}

/** Moved to domain/dates (one Beijing-time formatter for every screen and export); kept here for the importers. */
export { beijingDateTime }

/**
 * The page-header words: '草稿', or '定稿 第2版 · 2021年7月5日 14:30（北京时间）' ('定稿 第2版' when the
 * time is not known).
 */
export function releaseMark(release: ReportRelease): string {
  if (release.kind === 'draft') return '草稿'
  const time = release.frozenAt ? beijingDateTime(release.frozenAt) : null
  return `定稿 第${release.version}版${time ? ` · ${time}（北京时间）` : ''}`
}

/** Characters Windows does not allow in a file name. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|]/g

/**
 * The file name of an export: '<base>（草稿）.<ext>', or '<base>（定稿第2版，2021年7月5日14时30分）.<ext>'
 * (Beijing time; no colon, which file names cannot hold). `base` is e.g. '且末县自然资源局2021年1-6月绩效监控报告'.
 */
export function releaseFileName(base: string, extension: string, release: ReportRelease): string {
  let tag = '草稿'
  if (release.kind === 'final') {
    const p = release.frozenAt ? beijingParts(release.frozenAt) : null
    tag = `定稿第${release.version}版${p ? `，${p.y}年${p.mo}月${p.d}日${p.h}时${p.mi}分` : ''}`
  }
  return `${base}（${tag}）.${extension}`.replace(UNSAFE_IN_FILE_NAME, '_')
}
