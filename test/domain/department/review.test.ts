import { describe, expect, it } from 'vitest'
import { notSubmittedRecord, REVIEW_STATE_LABELS, reviewTransition } from '../../../src/domain/department'
import type { ReviewAction, ReviewRecord } from '../../../src/domain/department'

const SUBMITTED_AT = '2021-07-05T08:00:00.000Z'
const REVIEWED_AT = '2021-07-08T02:00:00.000Z'

const submit = (packageSha256: string, at = SUBMITTED_AT): ReviewAction => ({ kind: 'submit', packageSha256, at })
const approve = (packageSha256 = 'sha-1', reviewer = '王科长', opinion?: string): ReviewAction => ({
  kind: 'approve',
  packageSha256,
  reviewer,
  at: REVIEWED_AT,
  ...(opinion === undefined ? {} : { opinion }),
})
const returnWith = (opinion: string, reviewer = '王科长', packageSha256 = 'sha-1'): ReviewAction => ({
  kind: 'return',
  packageSha256,
  reviewer,
  opinion,
  at: REVIEWED_AT,
})

const pending: ReviewRecord = { state: 'pending', opinion: '', reviewer: '', at: SUBMITTED_AT, packageSha256: 'sha-1' }
const approved: ReviewRecord = { ...pending, state: 'approved', reviewer: '王科长', at: REVIEWED_AT }
const returned: ReviewRecord = { ...approved, state: 'returned', opinion: '项目支出执行率偏低，请补充原因' }

/** The new record, or the refusal's messages. */
function after(record: ReviewRecord, action: ReviewAction): ReviewRecord | string[] {
  const result = reviewTransition(record, action)
  return result.ok ? result.value : result.messages
}

describe('reviewTransition: 未报送 → 待审核 → 已通过 | 已退回 → 待审核 (monitoring-rules §9, docs/domain-rules.md §17.5)', () => {
  it('labels the states in Chinese', () => {
    expect(Object.values(REVIEW_STATE_LABELS)).toEqual(['未报送', '待审核', '已通过', '已退回'])
  })

  describe('未报送', () => {
    it('becomes 待审核 on 报送, about that package', () => {
      expect(after(notSubmittedRecord(), submit('sha-1'))).toEqual(pending)
    })

    it('refuses 通过 and 退回: there is nothing to review', () => {
      expect(after(notSubmittedRecord(), approve())).toEqual(['该单位本节点尚未报送，无可通过'])
      expect(after(notSubmittedRecord(), returnWith('请更正'))).toEqual(['该单位本节点尚未报送，无可退回'])
    })
  })

  describe('待审核', () => {
    it('becomes 已通过 with the reviewer, the time and an optional 意见, trimmed', () => {
      expect(after(pending, approve('sha-1', ' 王科长 '))).toEqual(approved)
      expect(after(pending, approve('sha-1', '王科长', '  同意。 '))).toEqual({ ...approved, opinion: '同意。' })
    })

    it('becomes 已退回 with its 意见', () => {
      expect(after(pending, returnWith(' 项目支出执行率偏低，请补充原因 '))).toEqual(returned)
    })

    it('refuses 退回 without a 意见 (blank after trimming), naming the field', () => {
      const result = reviewTransition(pending, returnWith(' \n\t '))
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.messages).toEqual(['退回须填写审核意见，说明需要更正的内容'])
      expect(result.issues.map((i) => [i.field, i.code])).toEqual([['opinion', 'review.opinionRequired']])
    })

    it('refuses a decision without a reviewer, and says everything missing at once', () => {
      expect(after(pending, approve('sha-1', '  '))).toEqual(['通过须填写审核人'])
      expect(after(pending, returnWith('', ''))).toEqual(['退回须填写审核人', '退回须填写审核意见，说明需要更正的内容'])
    })

    it('refuses a decision on a package that is no longer the current one', () => {
      expect(after(pending, approve('sha-0'))).toEqual(['所审核的报送包已被更新的报送取代，请审核最新报送后再通过'])
      expect(after(pending, returnWith('请更正', '王科长', 'sha-0'))).toEqual([
        '所审核的报送包已被更新的报送取代，请审核最新报送后再退回',
      ])
    })

    it('stays 待审核 when a newer package replaces the one waiting', () => {
      expect(after(pending, submit('sha-2', '2021-07-06T08:00:00.000Z'))).toEqual({
        ...pending,
        at: '2021-07-06T08:00:00.000Z',
        packageSha256: 'sha-2',
      })
    })

    it('refuses the same package again', () => {
      expect(after(pending, submit('sha-1'))).toEqual(['该报送包已导入，无需重复报送'])
    })
  })

  describe('已通过', () => {
    it('refuses a second 通过: the first stands', () => {
      expect(after(approved, approve())).toEqual(['该报送已审核通过，无需再次通过'])
    })

    it('refuses 退回: a correction comes as a new 报送', () => {
      expect(after(approved, returnWith('发现差错'))).toEqual([
        '该报送已审核通过，不能再退回；如需更正，须由单位重新报送后再审核',
      ])
    })

    it('goes back to 待审核 when the unit sends a corrected package: new content is reviewed again', () => {
      expect(after(approved, submit('sha-2', '2021-07-10T08:00:00.000Z'))).toEqual({
        state: 'pending',
        opinion: '',
        reviewer: '',
        at: '2021-07-10T08:00:00.000Z',
        packageSha256: 'sha-2',
      })
    })

    it('refuses the approved package again', () => {
      expect(after(approved, submit('sha-1'))).toEqual(['该报送包已导入，无需重复报送'])
    })
  })

  describe('已退回', () => {
    it('becomes 待审核 when the corrected package arrives; the 意见 stays in the record it replaces', () => {
      expect(after(returned, submit('sha-2', '2021-07-09T08:00:00.000Z'))).toEqual({
        state: 'pending',
        opinion: '',
        reviewer: '',
        at: '2021-07-09T08:00:00.000Z',
        packageSha256: 'sha-2',
      })
    })

    it('refuses the returned package sent back unchanged', () => {
      expect(after(returned, submit('sha-1'))).toEqual(['该报送包已被退回，请更正后重新报送'])
    })

    it('refuses 通过 and a second 退回 until the unit submits again', () => {
      expect(after(returned, approve())).toEqual(['该报送已退回，须待单位更正后重新报送，才能通过'])
      expect(after(returned, returnWith('再次退回'))).toEqual(['该报送已退回，须待单位更正后重新报送，才能退回'])
    })
  })

  it('runs the issue’s cycle: 报送, 退回 with a 意见, 报送 again, 通过', () => {
    const actions: ReviewAction[] = [
      submit('sha-b1'),
      returnWith('基本支出执行数与月报不符，请核对', '王科长', 'sha-b1'),
      submit('sha-b2', '2021-07-09T08:00:00.000Z'),
      approve('sha-b2'),
    ]
    const records: ReviewRecord[] = [notSubmittedRecord()]
    for (const action of actions) {
      const next = reviewTransition(records[records.length - 1]!, action)
      if (!next.ok) throw new Error(next.messages.join('；'))
      records.push(next.value)
    }
    expect(records.map((r) => `${REVIEW_STATE_LABELS[r.state]} ${r.packageSha256 ?? '-'} ${r.opinion}`.trim())).toEqual(
      ['未报送 -', '待审核 sha-b1', '已退回 sha-b1 基本支出执行数与月报不符，请核对', '待审核 sha-b2', '已通过 sha-b2'],
    )
  })
})
