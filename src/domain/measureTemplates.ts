/**
 * 纠偏措施模板: suggested wording per 偏差原因 category, offered when a red or yellow alert has no
 * measure yet. The library is data the user can extend in 设置; these defaults follow the measures
 * seed 001 reports (学习培训, 完善制度, 加强资金管理) and common practice (docs/domain-rules.md §9.2).
 */
import type { DeviationCause, Id } from './types'
import { DEVIATION_CAUSES } from './types'
import { fail, issue, ok } from './result'
import type { Checked, ValidationIssue } from './result'

export interface MeasureTemplate {
  id: Id
  cause: DeviationCause
  /** the measure (措施内容) */
  content: string
  /** 预期效果 */
  effect: string
}

const DEFAULTS: MeasureTemplate[] = [
  {
    id: 'tpl-funds-1',
    cause: '经费保障',
    content: '加快资金拨付和支付进度，按月调度项目资金使用情况，对滞后项目督促整改。',
    effect: '下一节点预算执行率达到序时进度。',
  },
  {
    id: 'tpl-funds-2',
    cause: '经费保障',
    content: '对确实无法执行的资金及时按程序调整或收回，统筹用于急需项目。',
    effect: '减少资金沉淀，提高资金使用效益。',
  },
  {
    id: 'tpl-rules-1',
    cause: '制度保障',
    content: '完善资金和项目管理制度，加强新预算法和会计制度学习培训，明确责任抓好落实。',
    effect: '保障业务经费按时按进度实施。',
  },
  {
    id: 'tpl-staff-1',
    cause: '人员保障',
    content: '调配业务骨干充实工作力量，明确责任人和完成时限，每月通报进度。',
    effect: '指标完成进度赶上序时进度。',
  },
  {
    id: 'tpl-hardware-1',
    cause: '硬件条件保障',
    content: '尽快完成设备采购和场地准备，必要时协调借用相关单位设施。',
    effect: '保障项目实施条件，按计划推进。',
  },
  {
    id: 'tpl-other-1',
    cause: '其他',
    content: '分析偏差原因，制定专项整改方案，报监控小组审定后实施。',
    effect: '偏差在下一监控节点前得到纠正。',
  },
]

export const DEFAULT_MEASURE_TEMPLATES: readonly Readonly<MeasureTemplate>[] = Object.freeze(
  DEFAULTS.map((t) => Object.freeze(t)),
)

/** A fresh, mutable copy of the defaults (设置 → 恢复默认). */
export function defaultMeasureTemplates(): MeasureTemplate[] {
  return DEFAULT_MEASURE_TEMPLATES.map((t) => ({ ...t }))
}

/** The templates of one category, in library order. */
export function templatesFor(templates: readonly MeasureTemplate[], cause: DeviationCause): MeasureTemplate[] {
  return templates.filter((t) => t.cause === cause)
}

/** Every template needs a known category and some text; ids must be unique. */
export function validateMeasureTemplates(templates: readonly MeasureTemplate[]): Checked<MeasureTemplate[]> {
  const issues: ValidationIssue[] = []
  const seen = new Set<Id>()
  templates.forEach((t, index) => {
    const at = `第${index + 1}条模板`
    if (!DEVIATION_CAUSES.includes(t.cause))
      issues.push(issue(`templates.${index}.cause`, 'template.cause', `${at}的偏差原因类别无效`))
    if (!t.content.trim())
      issues.push(issue(`templates.${index}.content`, 'template.content', `${at}的措施内容不能为空`))
    if (seen.has(t.id)) issues.push(issue(`templates.${index}.id`, 'template.id', `${at}与其他模板重复`))
    seen.add(t.id)
  })
  return issues.length
    ? fail(issues)
    : ok(templates.map((t) => ({ ...t, content: t.content.trim(), effect: t.effect.trim() })))
}
