/** Types for what test/lint/layering.test.ts reads from eslint.config.js. */
export type Layer = 'domain' | 'db' | 'io' | 'stores' | 'composables' | 'components' | 'pages'
export declare const LAYERS: Record<Layer, Layer[]>
declare const config: unknown
export default config
