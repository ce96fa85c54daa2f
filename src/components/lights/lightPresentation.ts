/**
 * The light presentation the screen uses (colour, shape, word per light). It is defined in the domain
 * because the Word report and the Excel monitoring table draw lights the same way.
 */
export { LIGHT_ORDER, LIGHTS, type LightPresentation } from '@/domain/lightPresentation'
