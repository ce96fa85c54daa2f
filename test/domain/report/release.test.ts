/**
 * 草稿 / 定稿 marks and export file names (docs/domain-rules.md §13.7): what the Word report, the 监控表 and
 * every print say about themselves.
 */
import { describe, expect, it } from 'vitest'
import { beijingDateTime, DRAFT_RELEASE, releaseFileName, releaseMark, reportRelease } from '../../../src/domain/report'
import type { StoredReport } from '../../../src/domain/types'

const stored = (over: Partial<StoredReport> = {}): StoredReport => ({
  nodeId: 'n1',
  edits: {},
  unlocks: [],
  updatedAt: '2021-07-05T06:30:00.000Z',
  ...over,
})
const BASE = '且末县自然资源局2021年1-6月绩效监控报告'

describe('reportRelease', () => {
  it('is a 草稿 while the node is open, whatever the report row holds', () => {
    expect(reportRelease({ status: 'draft' }, undefined)).toEqual(DRAFT_RELEASE)
    expect(
      reportRelease({ status: 'draft' }, stored({ unlocks: [{ at: '2021-07-06T01:00:00Z', reason: '退回更正' }] })),
    ).toEqual({
      kind: 'draft',
    })
  })

  it('is 第1版 at the first 定稿, with the frozen time', () => {
    const frozen = { at: '2021-07-05T06:30:00.000Z', model: {} }
    expect(reportRelease({ status: 'locked' }, stored({ frozen }))).toEqual({
      kind: 'final',
      version: 1,
      frozenAt: '2021-07-05T06:30:00.000Z',
    })
  })

  it('counts each 解锁 as a closed version: two unlocks, then 定稿, is 第3版', () => {
    const report = stored({
      frozen: { at: '2021-07-20T02:00:00.000Z', model: {} },
      unlocks: [
        { at: '2021-07-06T01:00:00.000Z', reason: '财政局退回，需更正6月执行数' },
        { at: '2021-07-10T01:00:00.000Z', reason: '补充纠偏措施' },
      ],
    })
    expect(reportRelease({ status: 'locked' }, report)).toMatchObject({ kind: 'final', version: 3 })
  })

  it('is 定稿 without a time when a locked node kept no frozen report', () => {
    expect(reportRelease({ status: 'locked' }, undefined)).toEqual({ kind: 'final', version: 1, frozenAt: null })
  })
})

describe('beijingDateTime', () => {
  it.each([
    ['2021-07-05T06:30:00.000Z', '2021年7月5日 14:30'],
    // 16:05 UTC on 30 June is already 1 July in Beijing
    ['2021-06-30T16:05:59.999Z', '2021年7月1日 00:05'],
    ['2021-12-31T16:00:00Z', '2022年1月1日 00:00'],
    ['2021-07-05T14:30:00+08:00', '2021年7月5日 14:30'],
  ])('reads %s as %s', (iso, beijing) => {
    expect(beijingDateTime(iso)).toBe(beijing)
  })

  it('gives null for text that is not a time', () => {
    expect(beijingDateTime('不是时间')).toBeNull()
  })
})

describe('releaseMark', () => {
  it('says 草稿 for a draft', () => {
    expect(releaseMark(DRAFT_RELEASE)).toBe('草稿')
  })

  it('names the version and the Beijing time of a 定稿', () => {
    expect(releaseMark({ kind: 'final', version: 2, frozenAt: '2021-07-05T06:30:00.000Z' })).toBe(
      '定稿 第2版 · 2021年7月5日 14:30（北京时间）',
    )
  })

  it('leaves the time out when it is not known', () => {
    expect(releaseMark({ kind: 'final', version: 1, frozenAt: null })).toBe('定稿 第1版')
  })
})

describe('releaseFileName', () => {
  it('marks a draft export （草稿）', () => {
    expect(releaseFileName(BASE, 'docx', DRAFT_RELEASE)).toBe(`${BASE}（草稿）.docx`)
  })

  it('carries the version and the 定稿 time (Beijing, without a colon) of a 定稿 export', () => {
    expect(releaseFileName(BASE, 'xlsx', { kind: 'final', version: 1, frozenAt: '2021-07-05T06:30:00.000Z' })).toBe(
      `${BASE}（定稿第1版，2021年7月5日14时30分）.xlsx`,
    )
    expect(releaseFileName(BASE, 'docx', { kind: 'final', version: 2, frozenAt: null })).toBe(
      `${BASE}（定稿第2版）.docx`,
    )
  })

  it('replaces characters a file name cannot hold', () => {
    expect(releaseFileName('A/B:C*"单位"<1>|?', 'docx', DRAFT_RELEASE)).toBe('A_B_C__单位__1___（草稿）.docx')
  })

  it('gives a draft and a 定稿 of the same report different names', () => {
    const final = { kind: 'final', version: 1, frozenAt: '2021-07-05T06:30:00.000Z' } as const
    expect(releaseFileName(BASE, 'docx', DRAFT_RELEASE)).not.toBe(releaseFileName(BASE, 'docx', final))
  })
})
