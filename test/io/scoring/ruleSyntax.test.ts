/**
 * The 规则参数 syntax (docs/scoring-workbook.md): what a finance officer may type, read into the rule; what
 * cannot be read, refused with a sentence saying how to write it.
 */
import { describe, expect, it } from 'vitest'
import type { Metric } from '../../../src/domain/scoring'
import { parseRuleParams, ruleParamsText, shiftDecimal } from '../../../src/io/scoring/ruleSyntax'

const RATE: Metric = { kind: 'monthlyExecution' }
const COUNT: Metric = { kind: 'entered', input: 'number', unit: '次' }
const FINDINGS: Metric = { kind: 'entered', input: 'findings' }

describe('shiftDecimal: percents to fractions without floating point', () => {
  it.each([
    ['60', -2, '0.6'],
    ['5', -2, '0.05'],
    ['-5', -2, '-0.05'],
    ['0.6', 2, '60'],
    ['1.05', 2, '105'],
    ['0.0001', 2, '0.01'],
    ['150.50', -2, '1.505'],
    ['0.00', 2, '0'],
  ])('%s moved %i places is %s', (text, by, expected) => {
    expect(shiftDecimal(text, by)).toBe(expected)
  })
})

describe('parseRuleParams: the text a finance officer types', () => {
  it('reads 分段计分 typed with full-width signs, <= and line breaks', () => {
    expect(
      parseRuleParams('piecewise', '＜６０％：不得分\n<=100%：按比例；\n≤150%:得满分\n其余:一半', RATE, '20'),
    ).toEqual({
      ok: true,
      value: {
        kind: 'piecewise',
        bands: [
          { upTo: { value: '0.6', inclusive: false }, score: { kind: 'share', share: '0' } },
          { upTo: { value: '1', inclusive: true }, score: { kind: 'proportional' } },
          { upTo: { value: '1.5', inclusive: true }, score: { kind: 'share', share: '1' } },
          { upTo: null, score: { kind: 'share', share: '0.5' } },
        ],
      },
    })
  })

  it('reads 档次计分 going down (越低越好) and leaves 其余 at 0 when it is left out', () => {
    expect(parseRuleParams('tiers', '<=10%:2分; <=20%:1; <=30%:0.5分', RATE, '2')).toEqual({
      ok: true,
      value: {
        kind: 'tiers',
        direction: 'atMost',
        tiers: [
          { threshold: '0.1', inclusive: true, points: '2' },
          { threshold: '0.2', inclusive: true, points: '1' },
          { threshold: '0.3', inclusive: true, points: '0.5' },
        ],
        otherwise: '0',
      },
    })
  })

  it("reads a number threshold with the metric's unit, and 逐档扣分 below a start", () => {
    expect(parseRuleParams('passFail', '< 1次', COUNT, '2')).toEqual({
      ok: true,
      value: { kind: 'passFail', condition: { operator: '<', value: '1' } },
    })
    expect(parseRuleParams('stepDeduction', '低于95%起，每1%扣0.2分，不足一档不扣', RATE, '5')).toEqual({
      ok: true,
      value: {
        kind: 'stepDeduction',
        direction: 'below',
        start: '0.95',
        step: '0.01',
        deduction: '0.2',
        partialStep: 'ignored',
      },
    })
  })

  it("reads 按问题扣分 with a finding that zeroes the item at the item's weight, names kept as written", () => {
    expect(
      parseRuleParams('perFinding', '办公设备配置不符合标准（每项/类）：扣1分\n未公开预算:此项不得分', FINDINGS, '2'),
    ).toEqual({
      ok: true,
      value: {
        kind: 'perFinding',
        kinds: [
          { name: '办公设备配置不符合标准（每项/类）', deduction: '1' },
          { name: '未公开预算', deduction: '2', zeroesItem: true },
        ],
      },
    })
  })

  it.each([
    ['piecewise', '60%:不得分', RATE, '第1段「60%」应以 <、≤ 开头（最后一段也可以是 >、≥ 或「其余」）'],
    [
      'piecewise',
      '<60%:不得分；>70%:满分',
      RATE,
      '第2段「>70%」：只有最后一段可以写 > 或 ≥，且应接着上一段的上限，这里应写「≥60%」或「其余」',
    ],
    ['piecewise', '<60%:少许', RATE, '第1段：得分「少许」应为 满分、不得分、满分×50%、2分、按比例 或 线性0分至2分'],
    ['tiers', '≥0.9:2分', RATE, '第1档：「0.9」应写成百分数，如 60%'],
    ['passFail', '不超过预算', RATE, '达标条件「不超过预算」应写成「符号数」，如 ≤100%（符号为 ≥ > = ≤ <）'],
    ['passFail', '≤100%', COUNT, '「100%」不是比率，不应带百分号'],
    [
      'stepDeduction',
      '每超5%扣0.5分',
      RATE,
      '逐档扣分应写成「高于0%起，每5%扣0.5分，不足一档也扣」（或「低于…起，…，不足一档不扣」）',
    ],
    ['category', '优秀6分', RATE, '第1条「优秀6分」应写成「类别:得分」，如 良好:4分'],
    ['judged', '达成:满分', RATE, '分档评判不填规则参数，请留空'],
  ] as const)('refuses %s 「%s」', (kind, text, metric, reason) => {
    expect(parseRuleParams(kind, text, metric, '2')).toEqual({ ok: false, reason })
  })
})

describe('ruleParamsText: what the workbook writes', () => {
  it('writes a piecewise rule whose only band has no bound as 其余, and a 0-point band as 0分', () => {
    expect(
      ruleParamsText(
        {
          kind: 'piecewise',
          bands: [
            { upTo: { value: '3', inclusive: false }, score: { kind: 'points', points: '0' } },
            { upTo: null, score: { kind: 'linear', fromPoints: '1', toPoints: '2' } },
          ],
        },
        COUNT,
      ),
    ).toBe('<3:0分；≥3:线性1分至2分')
    expect(
      ruleParamsText({ kind: 'piecewise', bands: [{ upTo: null, score: { kind: 'share', share: '1' } }] }, RATE),
    ).toBe('其余:满分')
  })
})
