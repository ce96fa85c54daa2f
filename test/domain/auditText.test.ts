import { describe, expect, it } from 'vitest'
import { auditDescription, auditLines, auditNames, tableLabel, type AuditRowInput } from '@/domain/auditText'

const NODE = { id: 'n6', unitId: 'u1', year: 2021, asOfDate: '2021-06-30', label: '2021年1-6月' }
const names = auditNames({
  unit: { id: 'u1', name: '且末县自然资源局', departments: [], monitoringGroup: [] },
  projects: [],
  budgetLines: [{ id: 'bl-salary', name: '工资福利支出' }],
  indicators: [{ id: 'ind-1', name: '开展及红枣培训会议次数' }],
  nodes: [
    { ...NODE, status: 'draft' },
    { ...NODE, id: 'n9', asOfDate: '2021-09-30', label: '2021年1-9月', status: 'draft' },
  ],
} as unknown as Parameters<typeof auditNames>[0])

const row = (table: string, key: string, before: unknown, after: unknown): AuditRowInput => ({
  time: '2021-07-05T06:30:00.000Z',
  table,
  key,
  before,
  after,
})

describe('auditDescription', () => {
  it.each<[string, AuditRowInput, string]>([
    [
      '定稿 of a node',
      row('nodes', 'n6', { ...NODE, status: 'draft' }, { ...NODE, status: 'locked' }),
      '监控节点 2021年1-6月：定稿',
    ],
    [
      '解锁 of a node',
      row('nodes', 'n6', { ...NODE, status: 'locked' }, { ...NODE, status: 'draft' }),
      '监控节点 2021年1-6月：解锁',
    ],
    [
      'the report frozen',
      row('reports', 'n6', { frozen: false }, { frozen: true, at: 'x' }),
      '监控报告 2021年1-6月：定稿',
    ],
    [
      'the report unlocked, with its reason',
      row('reports', 'n6', { frozen: true }, { frozen: false, unlockReason: '更正培训次数' }),
      '监控报告 2021年1-6月：解锁（原因：更正培训次数）',
    ],
    ['a paragraph edited', row('reports', 'n6', null, { edits: { a: 'b' } }), '监控报告 2021年1-6月：修改报告文字'],
    [
      'alerts recomputed',
      row('alerts', 'n6', { alerts: 3 }, { alerts: 5, keptClosed: 0, deleted: 0 }),
      '预警 2021年1-6月：重新生成预警，现有 5 条',
    ],
    [
      'the demo loaded',
      row('datasets', 'u1/2021', null, { unit: '且末县自然资源局', budgetLines: 5, indicators: 22, nodes: 1 }),
      '单位年度数据 且末县自然资源局 2021年：整体保存（载入示例、导入或恢复），含预算行 5 条、三级指标 22 条、监控节点 1 条',
    ],
    [
      'a reading, by its indicator and node',
      row('readings', 'r1', null, { id: 'r1', nodeId: 'n6', indicatorId: 'ind-1', actualValue: '3' }),
      '指标填报 开展及红枣培训会议次数（2021年1-6月）：新增',
    ],
    [
      'readings copied to the next node',
      row('readings', 'n9', null, { copiedFromNode: 'n6', readings: 22, budgetJudgements: 5 }),
      '指标填报 2021年1-9月：从2021年1-6月复制指标填报 22 条、预算研判 5 条',
    ],
    [
      'a month of execution',
      row(
        'monthlyExecutions',
        'm1',
        { id: 'm1', budgetLineId: 'bl-salary', month: 6 },
        { id: 'm1', budgetLineId: 'bl-salary', month: 6 },
      ),
      '月度执行数 工资福利支出 6月：修改',
    ],
    [
      'a deleted indicator, audited with what it removed',
      row(
        'indicators',
        'ind-1',
        { indicator: { id: 'ind-1', name: '开展及红枣培训会议次数' }, removed: { readings: 1 } },
        null,
      ),
      '三级指标 开展及红枣培训会议次数：删除',
    ],
    [
      'a 批示 on an alert',
      row(
        'alerts',
        'a1',
        { id: 'a1', nodeId: 'n6', subjectId: 'bl-salary', status: 'open' },
        { id: 'a1', nodeId: 'n6', subjectId: 'bl-salary', status: 'open', history: [{ kind: 'comment' }] },
      ),
      '预警 工资福利支出（2021年1-6月）：批示',
    ],
    ['the thresholds', row('settings', 'monitoring', null, { red: 60 }), '设置 预警阈值与序时进度：新增'],
    ['templates back to default', row('settings', 'measureTemplates', [], null), '设置 纠偏措施模板：恢复默认'],
    ['an unknown table', row('somethingNew', 'k', null, {}), '其他数据：新增'],
  ])('names %s', (_, input, expected) => {
    expect(auditDescription(input, names)).toBe(expected)
  })

  it('keeps identifiers off the screen when a name cannot be found', () => {
    const text = auditDescription(row('reports', 'node-unknown', null, { edits: {} }))
    expect(text).toBe('监控报告：修改报告文字')
    expect(text).not.toMatch(/[A-Za-z]/)
  })
})

describe('auditLines', () => {
  it('gives Beijing time and the description', () => {
    expect(auditLines([row('reports', 'n6', { frozen: false }, { frozen: true })], names)).toEqual([
      { time: '2021年7月5日 14:30', description: '监控报告 2021年1-6月：定稿' },
    ])
  })
})

describe('tableLabel', () => {
  it('uses the backup labels and names the whole-unit-year row', () => {
    expect(tableLabel('alerts')).toBe('预警')
    expect(tableLabel('datasets')).toBe('单位年度数据')
    expect(tableLabel('budgetLines')).toBe('预算行')
  })
})
