/**
 * Properties over arbitrary input: rates and scores never become NaN or Infinity, completion grows
 * with the actual value, lights follow their thresholds, and roll-ups add up to the cent.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { D, formatAmount, roundForDisplay, sum } from '../../src/domain/decimal'
import type { Dec } from '../../src/domain/decimal'
import { completionRate } from '../../src/domain/completion'
import { budgetLight, indicatorLight } from '../../src/domain/lights'
import { averageMonthlyExecutionRate, budgetFigures, monthlyExecutionRates, rollUpBudget } from '../../src/domain/rates'
import type { BudgetFigures } from '../../src/domain/rates'
import { scoreIndicator } from '../../src/domain/scoring'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { FUND_SOURCES } from '../../src/domain/types'
import type {
  Accrual,
  BudgetLine,
  DecimalString,
  MonthlyExecution,
  MonthNumber,
  Operator,
} from '../../src/domain/types'
import { SEED001_AS_OF, budgetLine, dec, indicator, reading, settings } from './factories'

/** A plain decimal string with up to `scale` decimals, e.g. '1493.25', '0.000001'. */
const decimalString = (scale = 6, max = 10n ** 12n): fc.Arbitrary<DecimalString> =>
  fc.tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: scale })).map(([units, places]) => {
    if (places === 0) return dec(units.toString())
    const digits = units.toString().padStart(places + 1, '0')
    return dec(`${digits.slice(0, -places)}.${digits.slice(-places)}`)
  })

/** Anything a user might type: decimals, negatives, zero, junk. */
const anyInput = fc.oneof(
  decimalString(),
  decimalString().map((s) => `-${s}`),
  fc.constant('0'),
  fc.constant(''),
  fc.string({ maxLength: 6 }),
)
/**
 * The same junk forced into a stored amount: the type rules it out, but a stored row is untrusted (an
 * old backup, a hand-edited file) and the figures must stay finite whatever it holds.
 */
const anyStored = anyInput.map((text) => text as DecimalString)

const finite = (value: Dec | null): boolean => value === null || value.isFinite()
const figuresFinite = (f: BudgetFigures): boolean =>
  [f.adjustedBudget, f.allocated, f.spent, f.allocationRate, f.executionRate].every(finite)

const month = fc.integer({ min: 1, max: 12 }).map((m) => m as MonthNumber)
const operator = fc.constantFrom<Operator>('≥', '>', '=', '≤', '<', '定性')
const accrual = fc.constantFrom<Accrual>('cumulative', 'level', 'dueLater')

const lineArb = fc.record({
  initialBudget: decimalString(6, 10n ** 10n),
  additions: decimalString(6, 10n ** 8n),
  category: fc.constantFrom('basic', 'project') as fc.Arbitrary<'basic' | 'project'>,
  subCategory: fc.constantFrom('personnel', 'public') as fc.Arbitrary<'personnel' | 'public'>,
  fundSource: fc.constantFrom(...FUND_SOURCES),
  spent: decimalString(6, 10n ** 10n),
  month,
})

type LineSpec = Parameters<Parameters<typeof lineArb.map>[0]>[0]

function buildLines(specs: readonly LineSpec[]): { lines: BudgetLine[]; executions: MonthlyExecution[] } {
  const lines = specs.map((s, i) => {
    const base = budgetLine({
      id: `l${i}`,
      initialBudget: s.initialBudget,
      additions: s.additions,
      fundSource: s.fundSource,
      sortOrder: i,
    })
    return s.category === 'basic'
      ? { ...base, subCategory: s.subCategory }
      : { ...base, category: 'project' as const, subCategory: undefined, projectId: `p${i % 3}` }
  })
  const executions = specs.map((s, i) => ({
    id: `e${i}`,
    budgetLineId: `l${i}`,
    year: 2021,
    month: s.month,
    allocated: s.spent,
    spent: s.spent,
  }))
  return { lines, executions }
}

describe('no NaN or Infinity from any rate or score', () => {
  it('keeps budget figures, monthly rates and their average finite for any typed amounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyStored, anyStored, anyStored, anyStored), { maxLength: 6 }),
        month,
        (rows, m) => {
          const lines = rows.map(([initial, add, cut], i) =>
            budgetLine({ id: `l${i}`, initialBudget: initial, additions: add, reductions: cut }),
          )
          const executions = rows.map(([, , , spent], i) => ({
            id: `e${i}`,
            budgetLineId: `l${i}`,
            year: 2021,
            month: m,
            allocated: spent,
            spent,
          }))
          const figures = budgetFigures(lines, executions, m)
          const rates = monthlyExecutionRates(lines, executions, m)
          const light = budgetLight(figures.executionRate, new D(m).div(12), DEFAULT_SETTINGS.budgetLight)
          return (
            figuresFinite(figures) &&
            rates.every((r) => finite(r.rate)) &&
            finite(averageMonthlyExecutionRate(rates, m).average) &&
            finite(light.ratio) &&
            rollUpBudget(lines, executions, m, 'category').every((g) => figuresFinite(g.figures))
          )
        },
      ),
    )
  })

  it('keeps completion, light ratio and score finite for any indicator input', () => {
    fc.assert(
      fc.property(
        operator,
        accrual,
        anyInput,
        anyInput,
        anyInput,
        fc.constantFrom('common', 'seed003') as fc.Arbitrary<'common' | 'seed003'>,
        (op, acc, target, actual, percent, scheme) => {
          const ind = indicator({
            operator: op,
            accrual: acc,
            targetValue: target,
            weight: '10',
            dueDate: '2021-03-01',
          })
          const r = reading(ind.id, { actualValue: actual, qualitativeGrade: '部分达成', qualitativePercent: percent })
          const completion = completionRate(ind, r, SEED001_AS_OF)
          const assessment = indicatorLight(ind, r, SEED001_AS_OF, settings())
          const score = scoreIndicator(scheme, ind, completion, r)
          return (
            (completion.status !== 'rate' || completion.rate.isFinite()) &&
            finite(assessment.expected) &&
            finite(assessment.ratioToExpected) &&
            (score === null || (score.score.isFinite() && score.lost.isFinite()))
          )
        },
      ),
    )
  })
})

describe('completion rate grows with the actual value', () => {
  it('never falls when the actual value rises, for positive indicators', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Operator>('≥', '>', '='),
        accrual.filter((a) => a !== 'dueLater'),
        decimalString(4, 10n ** 8n).filter((t) => !new D(t).isZero()),
        decimalString(),
        decimalString(),
        (op, acc, target, x, y) => {
          const [low, high] = new D(x).lte(y) ? [x, y] : [y, x]
          const ind = indicator({ operator: op, accrual: acc, targetValue: target })
          const a = completionRate(ind, reading(ind.id, { actualValue: low }), SEED001_AS_OF)
          const b = completionRate(ind, reading(ind.id, { actualValue: high }), SEED001_AS_OF)
          return a.status === 'rate' && b.status === 'rate' && a.rate.lte(b.rate)
        },
      ),
    )
  })
})

describe('lights follow their thresholds', () => {
  it('gives the budget light red below red, yellow below yellow, green otherwise', () => {
    const t = DEFAULT_SETTINGS.budgetLight
    fc.assert(
      fc.property(decimalString(6, 10n ** 7n), fc.integer({ min: 1, max: 366 }), (rate, days) => {
        const { light, ratio } = budgetLight(new D(rate), new D(days).div(366), t)
        if (ratio === null) return false
        if (ratio.lt(t.red)) return light === 'red'
        if (ratio.lt(t.yellow)) return light === 'yellow'
        return light === 'green'
      }),
    )
  })

  it('gives a cumulative indicator red/yellow/green/blue by its percent of expected', () => {
    const t = DEFAULT_SETTINGS.indicatorLight
    fc.assert(
      fc.property(
        decimalString(2, 10n ** 8n).filter((s) => new D(s).gt(0)),
        decimalString(4, 10n ** 9n),
        (target, actual) => {
          const ind = indicator({ targetValue: target })
          const a = indicatorLight(ind, reading(ind.id, { actualValue: actual }), SEED001_AS_OF, settings())
          const percent = a.ratioToExpected?.times(100)
          if (!percent) return false
          if (percent.lt(t.red)) return a.light === 'red'
          if (percent.lt(t.yellow)) return a.light === 'yellow'
          if (percent.lt(t.blue)) return a.light === 'green'
          return a.light === 'blue'
        },
      ),
    )
  })
})

describe('roll-ups add up to the cent (we round once, at the end)', () => {
  it('sums every roll-up exactly to the unit total', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), month, (specs, m) => {
        const { lines, executions } = buildLines(specs)
        const unit = budgetFigures(lines, executions, m)
        return (['category', 'subCategory', 'fundSource'] as const).every((by) => {
          const groups = rollUpBudget(lines, executions, m, by)
          return (
            sum(groups.map((g) => g.figures.adjustedBudget)).eq(unit.adjustedBudget) &&
            sum(groups.map((g) => g.figures.spent)).eq(unit.spent) &&
            sum(groups.map((g) => g.figures.allocated)).eq(unit.allocated)
          )
        })
      }),
    )
  })

  it('shows the total as the exact sum rounded once, whatever the parts round to', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), (specs) => {
        const { lines, executions } = buildLines(specs)
        const unit = budgetFigures(lines, executions, 12)
        const exact = sum(specs.map((s) => new D(s.spent)))
        return formatAmount(unit.spent) === roundForDisplay(exact, 2).toFixed(2)
      }),
    )
  })

  it('differs from summing display-rounded parts, which is why parts are never rounded first', () => {
    // three lines of 0.005 万元: exact total 0.015 → '0.02'; rounded parts 0.01 × 3 → '0.03'
    const { lines, executions } = buildLines(
      [0, 1, 2].map((): LineSpec => ({
        initialBudget: '1',
        additions: '0',
        category: 'basic',
        subCategory: 'public',
        fundSource: '财政拨款',
        spent: '0.005',
        month: 6,
      })),
    )
    expect(formatAmount(budgetFigures(lines, executions, 6).spent)).toBe('0.02')
    expect(formatAmount(sum(lines.map(() => roundForDisplay(new D('0.005'), 2))))).toBe('0.03')
  })
})
