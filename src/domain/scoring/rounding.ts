/**
 * The scheme's rounding (docs/domain-rules.md §11.6): half-up, per item, before tiers and grades. It
 * rounds with `roundForDisplay` on purpose: the figure a rule scores is then exactly the figure the
 * screen shows, so a shown 60.00% never scores as 59.99% and a shown 90.00 never grades 良.
 */
import { D, roundForDisplay } from '../decimal'
import type { Dec } from '../decimal'
import type { RoundingPolicy } from './scheme'

/** half-up to 2 decimals: seed 003 and the published tables score to the cent of a point */
export const DEFAULT_ROUNDING: Readonly<RoundingPolicy> = Object.freeze({ mode: 'halfUp', places: 2 })

/** The policy's places when they make sense (an integer 0–6), else the default 2. */
function placesOf(policy: RoundingPolicy): number {
  const { places } = policy
  return Number.isInteger(places) && places >= 0 && places <= 6 ? places : DEFAULT_ROUNDING.places
}

/** Points (an item's, a part's or a normalized total) to the policy's places. */
export function roundPoints(points: Dec, policy: RoundingPolicy = DEFAULT_ROUNDING): Dec {
  return roundForDisplay(points, placesOf(policy))
}

/** A metric value before a rule reads it: a rate to the policy's places of a percent, a number to its places. */
export function roundMetricValue(value: Dec, percent: boolean, policy: RoundingPolicy = DEFAULT_ROUNDING): Dec {
  return roundForDisplay(value, placesOf(policy) + (percent ? 2 : 0))
}

/** points held within [0, weight]: no rule, part or finding can take an item below 0 or above its 分值 */
export function withinWeight(points: Dec, weight: Dec): Dec {
  if (!weight.gt(0) || !points.gt(0)) return new D(0)
  return D.min(points, weight)
}
