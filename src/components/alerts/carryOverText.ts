/** The words for an earlier node's alert (domain/alertCarryOver), shared by the 预警 page's carry-over views. */
import type { CarriedComment, CarriedMeasure, EarlierAlert } from '@/domain/alertCarryOver'
import { localDate } from './alertTime'

/** '已关闭（原因）' or '未关闭' */
export function earlierStatusText(e: Pick<EarlierAlert, 'status' | 'closedReason'>): string {
  return e.status === 'closed' ? `已关闭${e.closedReason ? `（${e.closedReason}）` : ''}` : '未关闭'
}

/** '张三 2021-07-02 请加快报批；李四 …', or '无' */
export function commentsText(comments: readonly CarriedComment[]): string {
  return comments.length ? comments.map((e) => `${e.by} ${localDate(e.at)} ${e.text}`).join('；') : '无'
}

/** '委托评估（土地利用股，期限2021-08-31，已完成；预期效果：…）；…', or '未指派' */
export function measuresText(measures: readonly CarriedMeasure[]): string {
  return measures.length ? measures.map(measureText).join('；') : '未指派'
}

function measureText(m: CarriedMeasure): string {
  const details = [m.department || '未指定科室', m.deadline ? `期限${m.deadline}` : '', m.status].filter(Boolean)
  const effect = m.effect ? `；${m.kind === 'taken' ? '效果' : '预期效果'}：${m.effect}` : ''
  return `${m.content}（${details.join('，')}${effect}）`
}
