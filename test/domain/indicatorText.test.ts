import { describe, expect, it } from 'vitest'
import { D } from '@/domain/decimal'
import { actualText, completionText, targetText } from '@/domain/indicatorText'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import type { Indicator } from '@/domain/types'

const demo = qiemo2021Dataset()
const byName = (name: string): Indicator => {
  const found = demo.indicators.find((i) => i.name === name)
  if (!found) throw new Error(`demo lacks ${name}`)
  return found
}
const readingOf = (indicator: Indicator) => demo.readings.find((r) => r.indicatorId === indicator.id)

describe('indicator wording as in seed 001', () => {
  it('writes the target of 项目工程验收合格率 as ≥98% (seed 001 质量指标4)', () => {
    expect(targetText(byName('项目工程验收合格率'))).toBe('≥98%')
  })

  it('keeps a worded target such as 12月31日前完成 (seed 001 时效指标3)', () => {
    expect(targetText(byName('日常工作运转完成时间'))).toBe('12月31日前完成')
  })

  it('writes a qualitative actual with its wording 有所提升 (seed 001 经济效益指标2)', () => {
    const indicator = byName('便民服务水平提升')
    expect(actualText(indicator, readingOf(indicator), { status: 'rate', rate: new D('0.4') })).toBe('有所提升')
  })

  it('writes 未达监控节点 for an indicator that is not due yet (seed 001 数量指标4)', () => {
    const indicator = byName('挂牌出让土地')
    expect(actualText(indicator, readingOf(indicator), { status: 'notDue' })).toBe('未达监控节点')
    expect(completionText({ status: 'notDue' }, 0)).toBe('未达监控节点')
  })

  it('writes 7个 for 7 of 15 用地初审 and its rate as 47% at precision 0, 46.67% at 2 (seed 001 数量指标1)', () => {
    const indicator = byName('办理建设项目用地初审')
    const rate = { status: 'rate' as const, rate: new D(7).div(15) }
    expect(actualText(indicator, readingOf(indicator), rate)).toBe('7个')
    expect(completionText(rate, 0)).toBe('47%')
    expect(completionText(rate, 2)).toBe('46.67%')
  })

  it('says 未填报 when a quantitative reading has no value', () => {
    const indicator = byName('办理建设项目用地初审')
    expect(actualText(indicator, undefined, { status: 'missing' })).toBe('未填报')
  })
})
