import { describe, expect, it } from 'vitest'
import { linkedActual, linkedLineNames, withLinkedActual } from '../../src/domain/costLink'
import { computeNodeSnapshot } from '../../src/domain/snapshot'
import { qiemo2021Dataset, DEMO_NODE_ID } from '../../src/domain/demo/qiemo2021'
import { defaultSettings } from '../../src/domain/settings'

const demo = qiemo2021Dataset()
const named = (name: string) => {
  const found = demo.indicators.find((i) => i.name === name)
  if (!found) throw new Error(`seed 001 has ${name}`)
  return found
}

describe('cost indicators linked to budget lines (domain-rules §5.5)', () => {
  it('seed 001 at 1-6月: 人员保障成本经费 = 工资福利支出 324.88; 运转保障成本经费 = 15.95 + 42.91 + 0 = 58.86', () => {
    expect(linkedActual(named('人员保障成本经费'), demo.monthlyExecutions, '2021-06-30')?.toFixed(2)).toBe('324.88')
    expect(linkedActual(named('运转保障成本经费'), demo.monthlyExecutions, '2021-06-30')?.toFixed(2)).toBe('58.86')
    expect(linkedLineNames(named('运转保障成本经费'), demo.budgetLines)).toEqual([
      '车辆运行维护费',
      '基本公用经费',
      '驻村、管寺生活补助',
    ])
  })

  it('at 1-3月 the actual follows the lines: 工资福利支出 162.20', () => {
    expect(linkedActual(named('人员保障成本经费'), demo.monthlyExecutions, '2021-03-31')?.toFixed(2)).toBe('162.20')
  })

  it('a typed actual never wins over the lines: 300 typed reads 324.88; an unlinked indicator keeps its reading', () => {
    const typed = {
      id: 'r',
      nodeId: DEMO_NODE_ID,
      indicatorId: named('人员保障成本经费').id,
      actualValue: '300',
      deviationCauses: [],
      deviationText: '',
    }
    expect(
      withLinkedActual(named('人员保障成本经费'), typed, demo.monthlyExecutions, '2021-06-30', DEMO_NODE_ID)
        ?.actualValue,
    ).toBe('324.88')
    const other = named('办理建设项目用地初审')
    expect(linkedActual(other, demo.monthlyExecutions, '2021-06-30')).toBeNull()
    expect(withLinkedActual(other, undefined, demo.monthlyExecutions, '2021-06-30', DEMO_NODE_ID)).toBeUndefined()
  })

  it('the snapshot shows the linked figure: changing 工资福利支出 6月 to 330.00 moves 人员保障成本经费 to 330.00', () => {
    const changed = {
      ...demo,
      monthlyExecutions: demo.monthlyExecutions.map((e) =>
        e.budgetLineId === 'demo-bl-gzfl' && e.month === 6 ? { ...e, spent: '330.00' as const } : e,
      ),
    }
    const snap = computeNodeSnapshot({ dataset: changed, nodeId: DEMO_NODE_ID, settings: defaultSettings() })
    if (!snap.ok) throw new Error('the demo computes')
    const row = snap.value.indicators.find((r) => r.indicator.name === '人员保障成本经费')
    expect(row?.reading?.actualValue).toBe('330.00')
    expect(row?.assessment.light).toBe('green')
  })
})
