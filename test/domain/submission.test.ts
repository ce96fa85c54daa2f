/**
 * The unit's side of 报送 (docs/package-format.md §5): what a 回执 must say to be used, and what
 * importing it does — a 退回 unlocks only the latest 报送 of a 定稿 node; a 回执 not for this unit, its
 * node or a package it sent is refused with one sentence.
 */
import { describe, expect, it } from 'vitest'
import type { ReviewRecord, SentSubmission } from '../../src/domain/department'
import {
  parseReceiptContent,
  planReceipt,
  receiptContentOf,
  sentHistory,
  submissionFileName,
  submitRefusal,
  type ReceiptContext,
} from '../../src/domain/submission'
import type { IsoDateTime } from '../../src/domain/types'
import { isoDate, node, NODE_ID, UNIT_ID } from './factories'

const SHA_1 = 'a'.repeat(64)
const SHA_2 = 'b'.repeat(64)
const at = (text: string) => text as IsoDateTime

const returned = (packageSha256 = SHA_1, when = '2021-07-08T02:00:00.000Z'): ReviewRecord => ({
  state: 'returned',
  opinion: '6月执行数与国库数据不符',
  reviewer: '王科长',
  at: at(when),
  packageSha256,
})

function sentRow(id: string, packageSha256: string, createdAt: string): SentSubmission {
  return { id, unitId: UNIT_ID, nodeId: NODE_ID, createdAt: at(createdAt), packageSha256, receipt: null }
}

function context(overrides: Partial<ReceiptContext> = {}, record = returned()): ReceiptContext {
  return {
    content: receiptContentOf(
      {
        unitId: UNIT_ID,
        unitName: '且末县自然资源局',
        asOfDate: isoDate('2021-06-30'),
        nodeId: NODE_ID,
        packageSha256: record.packageSha256 ?? SHA_1,
      },
      record,
    ),
    sender: { departmentId: 'dept', departmentName: '县自然资源局', fingerprint: '9DE7 FD01' },
    manifest: { year: 2021, nodeId: NODE_ID },
    unit: { id: UNIT_ID, name: '且末县自然资源局' },
    node: node({ status: 'locked' }),
    sent: [sentRow('m1', SHA_1, '2021-07-05T08:30:00.000Z')],
    importedAt: at('2021-07-09T01:00:00.000Z'),
    ...overrides,
  }
}

describe('报送', () => {
  it('is refused before 定稿 and without a frozen report', () => {
    expect(submitRefusal(node(), true)).toBe('监控节点“2021年1-6月”尚未定稿：请先在本页定稿，定稿后才能报送主管部门。')
    expect(submitRefusal(node({ status: 'locked' }), false)).toMatch(/^监控节点“2021年1-6月”没有保存定稿报告/)
    expect(submitRefusal(node({ status: 'locked' }), true)).toBeNull()
  })

  it('names the file by unit, node and minute, with no character a file system refuses', () => {
    expect(submissionFileName('且末县/自然资源局', '2021年1-6月', new Date(2021, 6, 5, 16, 30))).toBe(
      '报送包_且末县_自然资源局_2021年1-6月_202107051630.zip',
    )
  })
})

describe('a 回执', () => {
  it('reads what the 主管部门 writes, and refuses a 退回 without 意见 or naming another package', () => {
    const content = receiptContentOf(
      {
        unitId: UNIT_ID,
        unitName: '且末县自然资源局',
        asOfDate: isoDate('2021-06-30'),
        nodeId: NODE_ID,
        packageSha256: SHA_1,
      },
      returned(),
    )
    expect(parseReceiptContent(JSON.parse(JSON.stringify(content)))).toEqual({ ok: true, value: content })
    expect(parseReceiptContent({ ...content, record: { ...content.record, opinion: '  ' } })).toEqual({
      ok: false,
      messages: ['回执内容有误：退回的回执没有审核意见，未做任何改动。'],
    })
    expect(parseReceiptContent({ ...content, record: { ...content.record, packageSha256: SHA_2 } })).toEqual({
      ok: false,
      messages: ['回执内容有误：审核结果与所答复的报送包不一致，未做任何改动。'],
    })
    expect(parseReceiptContent({ ...content, record: { ...content.record, state: 'pending' } }).ok).toBe(false)
  })

  it('a 退回 of the latest 报送 of a 定稿 node unlocks it with the 意见 as the reason', () => {
    const planned = planReceipt(context())
    if (!planned.ok) expect.fail(planned.messages.join('；'))
    expect(planned.value.unlockReason).toBe('主管部门退回：6月执行数与国库数据不符')
    expect(planned.value.sent.receipt).toEqual({
      record: returned(),
      importedAt: '2021-07-09T01:00:00.000Z',
      departmentId: 'dept',
      departmentName: '县自然资源局',
      fingerprint: '9DE7 FD01',
    })
  })

  it('a 退回 of an earlier 报送 (the node was 报送 again since) is recorded without unlocking', () => {
    const sent = [sentRow('m1', SHA_1, '2021-07-05T08:30:00.000Z'), sentRow('m2', SHA_2, '2021-07-10T08:30:00.000Z')]
    const planned = planReceipt(context({ sent }))
    expect(planned.ok && planned.value.unlockReason).toBeNull()
    expect(planned.ok && planned.value.effect).toBe(
      '记录审核结果：已退回（意见：6月执行数与国库数据不符）。该回执答复的是较早的一次报送，之后已重新报送，节点不解锁。',
    )
  })

  it('a 退回 of a node already open is recorded without unlocking', () => {
    const planned = planReceipt(context({ node: node({ status: 'draft' }) }))
    expect(planned.ok && planned.value.unlockReason).toBeNull()
  })

  it('is refused for another unit, another node, a package not sent from here, or an earlier decision', () => {
    const message = (c: ReceiptContext) => {
      const planned = planReceipt(c)
      return planned.ok ? '' : planned.messages[0]
    }
    expect(message(context({ unit: undefined }))).toBe(
      '这份回执是发给其他单位的：本机没有该单位。本机数据未做任何改动。',
    )
    expect(message(context({ node: undefined }))).toBe(
      '这份回执答复的监控节点在本机“且末县自然资源局”中找不到（可能已被删除）。本机数据未做任何改动。',
    )
    expect(message(context({ manifest: { year: 2021, nodeId: 'other' } }))).toBe(
      '回执内容与其清单所写的监控节点不一致，可能被改动过。本机数据未做任何改动。',
    )
    expect(message(context({ sent: [sentRow('m2', SHA_2, '2021-07-05T08:30:00.000Z')] }))).toBe(
      '这份回执答复的报送包不是从本机报送的（“2021年1-6月”没有校验值相同的报送记录）。本机数据未做任何改动。',
    )
    const later = { ...sentRow('m1', SHA_1, '2021-07-05T08:30:00.000Z') }
    later.receipt = { record: returned(SHA_1, '2021-07-09T00:00:00.000Z'), importedAt: at('2021-07-09T01:00:00.000Z') }
    expect(message(context({ sent: [later] }))).toBe(
      '本机已有这次报送更晚的审核结果，这份回执较早，不再采用。本机数据未做任何改动。',
    )
  })

  it('shows the history latest first, with the 回执 state and 意见', () => {
    const first = sentRow('m1', SHA_1, '2021-07-05T08:30:00.000Z')
    first.receipt = { record: returned(), importedAt: at('2021-07-09T01:00:00.000Z') }
    const second = sentRow('m2', SHA_2, '2021-07-10T08:30:00.000Z')
    expect(sentHistory([first, second], NODE_ID)).toEqual([
      { id: 'm2', createdAt: '2021-07-10T08:30:00.000Z', status: '待回执', opinion: '', tone: 'info' },
      {
        id: 'm1',
        createdAt: '2021-07-05T08:30:00.000Z',
        status: '已退回',
        opinion: '6月执行数与国库数据不符',
        tone: 'danger',
      },
    ])
  })
})
