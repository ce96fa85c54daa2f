/**
 * Scoring (docs/domain-rules.md §11): schemes as data, the engine that scores a scheme's 100-point table
 * at a node, the built-in schemes (seed 003's table, the common one), checks on a scheme, and the
 * per-indicator preview.
 */
export type * from './scheme'
export {
  BUDGET_QUANTITY_LABELS,
  DATA_QUANTITY_LABELS,
  ENTERED_KIND_LABELS,
  MANAGEMENT_AMOUNT_LABELS,
  MANAGEMENT_AMOUNTS,
  METRIC_KIND_LABELS,
  RULE_KIND_LABELS,
  inputKey,
  isDataQuantity,
} from './scheme'
export { gradeOf, indicatorPoints, scoreItem, scoreScheme, SCORE_MODE_LABELS, weightOf } from './engine'
export { rulePoints } from './rules'
export type { RuleOutcome } from './rules'
export type { IndicatorPartScore, ItemScore, PartScore, SchemeScore, ScoreMode } from './engine'
export type { MetricReading, MetricValue, MissingReason, SchemeContext } from './metrics'
export { outlookCompletion, scoringCompletion } from './indicators'
export type { ScoringIndicator } from './indicators'
export { DEFAULT_ROUNDING, roundMetricValue, roundPoints } from './rounding'
export { isPercentMetric, itemRuleText, metricName, metricValueText, readingText, ruleText } from './ruleText'
export { schemeProblems } from './validation'
export type { SchemeProblem } from './validation'
export {
  BUILT_IN_SCHEMES,
  COMMON_SCHEME,
  PROPORTIONAL_TO_FULL_RULE,
  SEED003_COMPLETION_RULE,
  SEED003_SCHEME,
  builtInScheme,
  indicatorRuleOf,
} from './builtIn'
export { DEFAULT_GRADES, gradeFor } from './grades'
export type { Grade } from './grades'
export { scoreIndicator, scorePreview } from './preview'
export type { IndicatorScore, ScoredItem, ScoreItemInput, ScorePreview } from './preview'
export { emptyContext, schemeContextOf, scoringIndicatorsOf } from './context'
