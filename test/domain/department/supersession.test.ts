import { describe, expect, it } from 'vitest'
import { classifySubmission, latestSubmissions, SUBMISSION_CLASS_LABELS } from '../../../src/domain/department'
import type { SubmissionRef } from '../../../src/domain/department'
import { JULY, submission } from './factories'

const first = submission('u-a', '2021-07-05T08:00:00.000Z', 'sha-first')
const history: SubmissionRef[] = [first]
const label = (incoming: SubmissionRef): string => SUBMISSION_CLASS_LABELS[classifySubmission(history, incoming)]

describe('classifySubmission: 新, 更新, 旧, 重复 (monitoring-rules §9, docs/domain-rules.md §17.1)', () => {
  it('is 新 when nothing is held for the unit and node: another unit, or another node of the same unit', () => {
    expect(label(submission('u-b', '2021-07-05T08:00:00.000Z', 'sha-b'))).toBe('新')
    expect(label(submission('u-a', '2021-08-02T08:00:00.000Z', 'sha-july', JULY))).toBe('新')
    expect(classifySubmission([], first)).toBe('new')
  })

  it('is 更新 when made later than the current one', () => {
    expect(label(submission('u-a', '2021-07-06T09:30:00.000Z', 'sha-second'))).toBe('更新')
  })

  it('is 旧 when made earlier: an older package arriving late never overwrites a newer one', () => {
    expect(label(submission('u-a', '2021-07-04T08:00:00.000Z', 'sha-earlier'))).toBe('旧')
  })

  it('is 旧 when made at the same instant with other content: only a later package replaces', () => {
    expect(label(submission('u-a', '2021-07-05T08:00:00.000Z', 'sha-other'))).toBe('旧')
  })

  it('is 重复 for a package already held, whatever it names', () => {
    expect(label({ ...first })).toBe('重复')
    // the checksum decides: the same bytes cannot be a second submission
    expect(label(submission('u-z', '2022-01-01T00:00:00.000Z', 'sha-first'))).toBe('重复')
  })

  it('compares instants, not text: 15:00 Beijing time (07:00Z) is before 08:00Z', () => {
    expect(label(submission('u-a', '2021-07-05T15:00:00.000+08:00', 'sha-beijing'))).toBe('旧')
    expect(label(submission('u-a', '2021-07-05T17:00:00.000+08:00', 'sha-beijing-later'))).toBe('更新')
  })

  it('never lets a package whose time cannot be read supersede anything', () => {
    expect(label(submission('u-a', 'yesterday', 'sha-unreadable'))).toBe('旧')
  })

  it('keys the node by its date: a unit’s node re-created under another id is the same node', () => {
    const recreated = { ...submission('u-a', '2021-07-07T08:00:00.000Z', 'sha-recreated'), nodeId: 'new-node-id' }
    expect(label(recreated)).toBe('更新')
  })
})

describe('latestSubmissions: the current one per unit and node; the history keeps all', () => {
  it('picks the latest per unit and node, by date then unit id', () => {
    const update = submission('u-a', '2021-07-09T08:00:00.000Z', 'sha-update')
    const lateOld = submission('u-a', '2021-07-07T08:00:00.000Z', 'sha-late-old')
    const sameInstant = submission('u-a', '2021-07-09T08:00:00.000Z', 'sha-same-instant')
    const other = submission('u-0', '2021-07-03T08:00:00.000Z', 'sha-other-unit')
    const julyNode = submission('u-a', '2021-08-02T08:00:00.000Z', 'sha-july', JULY)
    const all = [julyNode, first, update, lateOld, sameInstant, other]
    expect(latestSubmissions(all).map((s) => s.packageSha256)).toEqual([
      'sha-other-unit',
      // the update, not the older package imported after it, nor the one of the same instant imported later
      'sha-update',
      'sha-july',
    ])
    expect(all).toHaveLength(6)
  })

  it('agrees with classifySubmission: importing in order, the current one is the last 新 or 更新', () => {
    const arrivals = [
      submission('u-a', '2021-07-05T08:00:00.000Z', 's1'),
      submission('u-a', '2021-07-04T08:00:00.000Z', 's0'),
      submission('u-a', '2021-07-06T08:00:00.000Z', 's2'),
      submission('u-a', '2021-07-06T08:00:00.000Z', 's2b'),
      submission('u-a', '2021-07-06T08:00:00.000Z', 's2'),
    ]
    const held: SubmissionRef[] = []
    const classes: string[] = []
    let current: string | null = null
    for (const s of arrivals) {
      const kind = classifySubmission(held, s)
      classes.push(SUBMISSION_CLASS_LABELS[kind])
      if (kind === 'duplicate') continue
      held.push(s)
      if (kind === 'new' || kind === 'update') current = s.packageSha256
    }
    expect(classes).toEqual(['新', '旧', '更新', '旧', '重复'])
    expect(latestSubmissions(held).map((s) => s.packageSha256)).toEqual([current])
  })
})
