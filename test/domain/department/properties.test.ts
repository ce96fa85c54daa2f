/**
 * Properties of the department figures over arbitrary units: the department 执行率 is Σ 执行数 ÷
 * Σ 调整后预算 to the last digit and so lies between the lowest and the highest unit rate (a weighted
 * mean does; a plain mean of rates also would, which is why the examples in totals.test.ts pin the value);
 * the 基本/项目 split adds up; the ranking lists every unit once.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { D, sum } from '../../../src/domain/decimal'
import { budgetFiguresOf, departmentTotals, rankUnits } from '../../../src/domain/department'
import type { UnitNodeFigures } from '../../../src/domain/department'
import type { DecimalString } from '../../../src/domain/types'
import { dec } from '../factories'
import { amounts, unitFigures } from './factories'

/** 万元 with two decimals from a count of 分 (0.01 万元), e.g. 149325n → '1493.25'. */
const wan = (fen: bigint): DecimalString => {
  const digits = fen.toString().padStart(3, '0')
  return dec(`${digits.slice(0, -2)}.${digits.slice(-2)}`)
}

/** A unit with a budget > 0 and 执行数 from 0 to 150% of it, split into 基本 and 项目 at random. */
const unitArb = (index: number): fc.Arbitrary<UnitNodeFigures> =>
  fc
    .record({
      budget: fc.bigInt({ min: 1n, max: 10n ** 9n }),
      spentPermille: fc.integer({ min: 0, max: 1500 }),
      projectShare: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ budget, spentPermille, projectShare }) => {
      const spent = (budget * BigInt(spentPermille)) / 1000n
      const projectBudget = (budget * BigInt(projectShare)) / 100n
      const projectSpent = spent < projectBudget ? spent : projectBudget
      return unitFigures(`u-${index}`, amounts(wan(budget), wan(spent)), {
        byCategory: {
          basic: amounts(wan(budget - projectBudget), wan(spent - projectSpent)),
          project: amounts(wan(projectBudget), wan(projectSpent)),
        },
      })
    })

const unitsArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => unitArb(i))))

describe('department figures, over arbitrary units (docs/domain-rules.md §17.2)', () => {
  it('执行率 = Σ 执行数 ÷ Σ 调整后预算 exactly, and lies between the lowest and the highest unit rate', () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const totals = departmentTotals(units)
        const expected = sum(units.map((u) => new D(u.budget.spent))).div(
          sum(units.map((u) => new D(u.budget.adjustedBudget))),
        )
        expect(totals.budget.executionRate?.eq(expected)).toBe(true)

        const rates = units.map((u) => budgetFiguresOf(u.budget).executionRate!)
        expect(totals.budget.executionRate!.gte(D.min(...rates))).toBe(true)
        expect(totals.budget.executionRate!.lte(D.max(...rates))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('does not depend on the order of the units', () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const forward = departmentTotals(units)
        const backward = departmentTotals([...units].reverse())
        expect(backward.budget.executionRate?.eq(forward.budget.executionRate!)).toBe(true)
        expect(backward.budget.adjustedBudget.eq(forward.budget.adjustedBudget)).toBe(true)
      }),
    )
  })

  it('splits into 基本支出 and 项目支出 that add up to the total to the cent', () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const totals = departmentTotals(units)
        const [basic, project] = totals.byCategory
        expect(
          basic!.figures.adjustedBudget.plus(project!.figures.adjustedBudget).eq(totals.budget.adjustedBudget),
        ).toBe(true)
        expect(basic!.figures.spent.plus(project!.figures.spent).eq(totals.budget.spent)).toBe(true)
      }),
    )
  })

  it('ranks every unit once, ratios never falling, and lists every missing 下属单位 after them', () => {
    fc.assert(
      fc.property(unitsArb, fc.integer({ min: 0, max: 4 }), (units, missing) => {
        const listed = [
          ...units.map((u) => ({ unitId: u.unitId, unitName: u.unitName })),
          ...Array.from({ length: missing }, (_, i) => ({ unitId: `m-${i}`, unitName: `未报单位${i}` })),
        ]
        const ranking = rankUnits(units, listed)
        expect(ranking.map((r) => r.unitId).sort()).toEqual(listed.map((u) => u.unitId).sort())
        const statuses = ranking.map((r) => r.status)
        expect(statuses.slice(units.length).every((s) => s === 'notSubmitted')).toBe(true)
        const ratios = ranking.flatMap((r) => (r.status === 'submitted' && r.progressRatio ? [r.progressRatio] : []))
        for (let i = 1; i < ratios.length; i++) expect(ratios[i]!.gte(ratios[i - 1]!)).toBe(true)
      }),
    )
  })
})
