/** Builders for the scoring tests: a context, inputs, an item, a scheme, an indicator as a scheme reads it. */
import { D } from '../../../src/domain/decimal'
import type { CompletionResult } from '../../../src/domain/completion'
import { DEFAULT_GRADES, DEFAULT_ROUNDING, scoreItem } from '../../../src/domain/scoring'
import type {
  ItemScore,
  SchemeContext,
  SchemeItem,
  ScoringIndicator,
  ScoringSchemeDefinition,
} from '../../../src/domain/scoring'
import type {
  DecimalString,
  EnteredValue,
  Indicator,
  IndicatorReading,
  ManagementAmount,
  ManagementInputs,
} from '../../../src/domain/types'
import { indicator, reading } from '../factories'

export function context(overrides: Partial<SchemeContext> = {}): SchemeContext {
  return { month: 12, indicators: [], monthlyAverage: null, budget: null, inputs: null, ...overrides }
}

export function inputs(
  amounts: Partial<Record<ManagementAmount, DecimalString>> = {},
  entries: Record<string, EnteredValue> = {},
): ManagementInputs {
  return { id: 'mi-1', unitId: 'unit-1', year: 2023, amounts, entries }
}

/** The unit's budget at the node, as `schemeContextOf` takes it from the snapshot. */
export function budget(adjusted: string, carryOver = '0', spent = '0'): SchemeContext['budget'] {
  return {
    adjustedBudget: new D(adjusted),
    carryOver: new D(carryOver),
    availableBudget: new D(adjusted).plus(carryOver),
    spent: new D(spent),
  }
}

export function item(overrides: Partial<SchemeItem> & Pick<SchemeItem, 'metric' | 'rule'>): SchemeItem {
  return { id: 'x', level1: '管理效率', level2: '测试', level3: '测试项', weight: '10', ...overrides }
}

export function scheme(items: SchemeItem[], overrides: Partial<ScoringSchemeDefinition> = {}): ScoringSchemeDefinition {
  return {
    id: 'test',
    name: '测试方案',
    items,
    grades: [...DEFAULT_GRADES],
    rounding: { ...DEFAULT_ROUNDING },
    ...overrides,
  }
}

export const entered = {
  number: (value: DecimalString): EnteredValue => ({ kind: 'number', value }),
  yes: { kind: 'yesNo', value: true } as EnteredValue,
  no: { kind: 'yesNo', value: false } as EnteredValue,
  category: (value: string): EnteredValue => ({ kind: 'category', value }),
  findings: (...kinds: (string | undefined)[]): EnteredValue => ({
    kind: 'findings',
    findings: kinds.map((kind, i) => ({ ...(kind === undefined ? {} : { kind }), text: `问题${i + 1}` })),
  }),
  judgement: (grade: '达成' | '部分达成' | '未达成', percent?: DecimalString): EnteredValue => ({
    kind: 'judgement',
    grade,
    ...(percent === undefined ? {} : { percent }),
  }),
}

export const rate = (value: string): CompletionResult => ({ status: 'rate', rate: new D(value) })

/** An indicator as a scheme reads it, on a completion (a rate as text, or a status). */
export function row(
  overrides: Partial<Indicator>,
  completion: string | CompletionResult,
  readingOverrides?: Partial<IndicatorReading>,
  ceilingForecast?: ScoringIndicator['ceilingForecast'],
): ScoringIndicator {
  const ind = indicator(overrides)
  return {
    indicator: ind,
    completion: typeof completion === 'string' ? rate(completion) : completion,
    ...(readingOverrides ? { reading: reading(ind.id, readingOverrides) } : {}),
    ...(ceilingForecast === undefined ? {} : { ceilingForecast }),
  }
}

/** An item scored in a context: its points as text ('9.56'). */
export function pointsOf(schemeItem: SchemeItem, ctx: SchemeContext): string {
  return scoreItem(schemeItem, ctx).points.toFixed()
}

/** An item scored: what the tests look at. */
export function scored(schemeItem: SchemeItem, ctx: SchemeContext): ItemScore {
  return scoreItem(schemeItem, ctx)
}
