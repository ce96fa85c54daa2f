/**
 * One colour, one shape and one word per light, used by every badge, table and chart on screen and
 * by the Word report and the Excel monitoring table, so a light reads the same everywhere and also
 * without colour (shape + word are the second cue).
 */
import type { Light } from './types'

export interface LightPresentation {
  color: string
  /** a shape that differs per light: readable in greyscale and for colour-blind users */
  symbol: string
  /** short word, e.g. 红灯 */
  label: string
  /** what it means */
  meaning: string
}

export const LIGHTS: Readonly<Record<Light, LightPresentation>> = {
  red: { color: '#d0312d', symbol: '✖', label: '红灯', meaning: '严重偏离' },
  yellow: { color: '#d48806', symbol: '▲', label: '黄灯', meaning: '轻度偏离' },
  green: { color: '#2e8b57', symbol: '●', label: '绿灯', meaning: '正常' },
  blue: { color: '#2f6fd6', symbol: '◆', label: '蓝灯', meaning: '超进度，需说明' },
  grey: { color: '#8c8c8c', symbol: '○', label: '灰灯', meaning: '未达监控节点' },
}

export const LIGHT_ORDER: readonly Light[] = ['red', 'yellow', 'blue', 'green', 'grey']
