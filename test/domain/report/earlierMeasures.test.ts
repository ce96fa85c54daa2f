/**
 * 三(三) 纠偏措施 at a later node (docs/domain-rules.md §13.1): measures set at an earlier node of the unit-year and not
 * 已完成 are carried under 下一步计划 with the node that set them, instead of 「无。」. Seed 001's demo
 * has two measures at 1-6月: 加强学习 (已采取, 已完成) and 完善管理制度 (下一步, 计划, 2021年9月30日).
 */
import { describe, expect, it } from 'vitest'
import { DEMO_NODE_ID } from '../../../src/domain/demo/qiemo2021'
import { defaultSettings } from '../../../src/domain/settings'
import { draftReport, earlierOpenMeasures, paragraphsOf, PARAGRAPH_KEYS } from '../../../src/domain/report'
import type { ReportParagraph } from '../../../src/domain/report'
import type { UnitYearDataset } from '../../../src/domain/types'
import { demoWithJuly, JULY_NODE_ID, snapshotOf } from './julyNode'

function measuresAt(dataset: UnitYearDataset, nodeId: string): { taken: ReportParagraph; planned: ReportParagraph } {
  const model = draftReport({
    dataset,
    snapshot: snapshotOf(dataset, nodeId),
    settings: defaultSettings(),
    reportDate: '2021-08-02',
  })
  const find = (key: string): ReportParagraph => {
    const found = paragraphsOf(model).find((p) => p.key === key)
    if (!found) throw new Error(`no paragraph ${key}`)
    return found
  }
  return { taken: find(PARAGRAPH_KEYS.measuresTaken), planned: find(PARAGRAPH_KEYS.measuresPlanned) }
}

const PLAN =
  '完善管理制度，加强新行政单位会计制度和新预算法学习培训，继续加大资金管理力度，严格资金管理，明确责任抓好落实。' +
  '预期效果：保障我单位业务经费按时按进度实施。（责任科室：行政办公室，完成时限：2021年9月30日）'

describe('纠偏措施 carried from earlier nodes', () => {
  it('at 1-6月 drafts the node’s own measures as before', () => {
    const { taken, planned } = measuresAt(demoWithJuly(), DEMO_NODE_ID)
    expect(taken.text).toBe(
      '加强学习。进一步明确如何参照考核体系，科学合理设定绩效目标；从源头上强化对专项资金预算管理，按轻重缓急统筹安排编制预算。' +
        '效果：提高了预算编制科学性和合理性，优化了资金结构。（责任科室：行政办公室）',
    )
    expect(planned.text).toBe(PLAN)
    expect(planned.needsInput).toBe(false)
  })

  it('at 1-7月 lists 1-6月’s 完善管理制度 (计划, due 9月30日) under 下一步计划; the 已完成 加强学习 is not repeated', () => {
    const { taken, planned } = measuresAt(demoWithJuly(), JULY_NODE_ID)
    expect(planned.text).toBe(`（1-6月提出，计划中）${PLAN}`)
    expect(planned.needsInput).toBe(false)
    expect(taken.text).toBe('无。')
    expect(taken.needsInput).toBe(true)
  })

  it('says 进行中 and 已逾期 as of the node, after the node’s own plans, numbered together', () => {
    const dataset = demoWithJuly()
    const taken = dataset.measures.find((m) => m.id === 'demo-measure-1')
    if (!taken) throw new Error('no demo measure')
    taken.status = '进行中'
    taken.deadline = '2021-07-15'
    dataset.measures.push({
      id: 'm-july',
      unitId: taken.unitId,
      nodeId: JULY_NODE_ID,
      kind: 'planned',
      content: '按月调度项目支付进度',
      effect: '9月底执行率达到序时进度',
      department: '自然资源利用和用途管制科',
      deadline: '2021-09-15',
      status: '计划',
    })
    const { planned } = measuresAt(dataset, JULY_NODE_ID)
    expect(planned.text.split('\n')).toEqual([
      '（1）按月调度项目支付进度。预期效果：9月底执行率达到序时进度。（责任科室：自然资源利用和用途管制科，完成时限：2021年9月15日）',
      '（2）（1-6月提出，已逾期）加强学习。进一步明确如何参照考核体系，科学合理设定绩效目标；从源头上强化对专项资金预算管理，按轻重缓急统筹安排编制预算。' +
        '效果：提高了预算编制科学性和合理性，优化了资金结构。（责任科室：行政办公室，完成时限：2021年7月15日）',
      `（3）（1-6月提出，计划中）${PLAN}`,
    ])
    expect(
      earlierOpenMeasures(dataset, snapshotOf(dataset, JULY_NODE_ID).node).map((m) => [
        m.measure.id,
        m.node.label,
        m.status,
      ]),
    ).toEqual([
      ['demo-measure-1', '2021年1-6月', '逾期'],
      ['demo-measure-2', '2021年1-6月', '计划'],
    ])
  })

  it('drops a measure once it is 已完成, and never shows a later node’s measure at an earlier node', () => {
    const dataset = demoWithJuly()
    for (const m of dataset.measures) m.status = '已完成'
    dataset.measures.push({
      id: 'm-july',
      unitId: dataset.unit.id,
      nodeId: JULY_NODE_ID,
      kind: 'planned',
      content: '按月调度项目支付进度',
      effect: '',
      department: '',
      status: '进行中',
    })
    expect(measuresAt(dataset, JULY_NODE_ID).planned.text).toBe('按月调度项目支付进度。')
    expect(measuresAt(dataset, DEMO_NODE_ID).planned.text).toBe(PLAN)
  })
})
