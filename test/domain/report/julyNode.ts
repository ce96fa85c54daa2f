/**
 * Seed 001's demo with a 2021年1-7月 node made as 新建节点 with 复制上一节点 makes it (db copyForward):
 * June's 22 readings copied and marked `carriedFrom` the 1-6月 node, no July execution entered.
 */
import { DEMO_NODE_ID, qiemo2021Dataset } from '../../../src/domain/demo/qiemo2021'
import { computeNodeSnapshot } from '../../../src/domain/snapshot'
import type { NodeSnapshot } from '../../../src/domain/snapshot'
import { defaultSettings } from '../../../src/domain/settings'
import type { UnitYearDataset } from '../../../src/domain/types'

export const JULY_NODE_ID = 'demo-qiemo-2021-07'

export function demoWithJuly(): UnitYearDataset {
  const dataset = qiemo2021Dataset()
  const june = dataset.nodes.find((n) => n.id === DEMO_NODE_ID)
  if (!june) throw new Error('no 1-6月 node in the demo')
  dataset.nodes.push({ ...june, id: JULY_NODE_ID, asOfDate: '2021-07-31', label: '2021年1-7月', status: 'draft' })
  const copied = dataset.readings
    .filter((r) => r.nodeId === DEMO_NODE_ID)
    .map((r) => ({ ...r, id: `${r.id}-07`, nodeId: JULY_NODE_ID, carriedFrom: DEMO_NODE_ID }))
  dataset.readings.push(...copied)
  return dataset
}

export function snapshotOf(dataset: UnitYearDataset, nodeId: string): NodeSnapshot {
  const result = computeNodeSnapshot({ dataset, nodeId, settings: defaultSettings() })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('；'))
  return result.value
}
