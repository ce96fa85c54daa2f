/**
 * Names are what they look like (docs/domain-rules.md §1.4). The look-alikes are the ones seen in use: a second
 * “且末县自然资源局” behind a zero-width space, and three budget lines that all read “工资福利支出”.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  budgetLineIdentity,
  hasInvisibleCharacters,
  invisibleNote,
  newLookAlikes,
  normalizeDatasetNames,
  normalizeFrameworkNames,
  normalizeIndicatorNames,
  normalizeName,
  normalizeUnitNames,
} from '@/domain/names'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import type { BudgetLine } from '@/domain/types'

const UNIT = '且末县自然资源局'
const SALARY = '工资福利支出'

describe('normalizeName', () => {
  it.each<[string, string, string]>([
    ['a zero-width space (U+200B) at the end', `${UNIT}\u200b`, UNIT],
    ['a zero-width space inside', '且末县\u200b自然资源局', UNIT],
    ['a zero-width non-joiner and joiner (U+200C, U+200D)', '且末县\u200c自然\u200d资源局', UNIT],
    ['a word joiner (U+2060)', `${UNIT}\u2060`, UNIT],
    ['a byte-order mark (U+FEFF) in front', `\ufeff${UNIT}`, UNIT],
    ['a soft hyphen (U+00AD)', '工资\u00ad福利支出', SALARY],
    ['a right-to-left mark (U+200F)', `\u200f${SALARY}`, SALARY],
    ['a left-to-right mark (U+200E)', `${SALARY}\u200e`, SALARY],
    ['an embedding and its pop (U+202A … U+202C)', `\u202a${SALARY}\u202c`, SALARY],
    ['a right-to-left override (U+202E)', `工资福利\u202e支出`, SALARY],
    ['an isolate and its pop (U+2066 … U+2069)', `\u2066${SALARY}\u2069`, SALARY],
    ['an Arabic letter mark (U+061C)', `${SALARY}\u061c`, SALARY],
    ['surrounding blanks', `  ${UNIT}\t`, UNIT],
    ['an ideographic space (U+3000) around', `\u3000${UNIT}\u3000`, UNIT],
    ['an ideographic space inside, as one ASCII space', '且末县\u3000自然资源局', '且末县 自然资源局'],
    ['a run of spaces inside, as one', '且末县   自然资源局', '且末县 自然资源局'],
    ['a no-break space (U+00A0) and a line break inside', '工资福利\u00a0\n支出', '工资福利 支出'],
    ['e + combining acute (NFD) to é (NFC)', 'Re\u0301sume\u0301', 'R\u00e9sum\u00e9'],
    ['a CJK compatibility ideograph (U+F900) to its unified one (U+8C48)', '\uf900', '\u8c48'],
    ['only invisible characters, to nothing', '\u200b\u200f\ufeff', ''],
  ])('removes %s', (_what, text, expected) => {
    expect(normalizeName(text)).toBe(expected)
  })

  it.each<[string, string]>([
    ['a plain Chinese name', UNIT],
    ['full-width parentheses (NFC, not NFKC)', '国有土地出让金评估项目（一期）'],
    ['a circled digit and ㎡ (NFC, not NFKC)', '①号楼 500㎡'],
    ['a single inner space', 'GIS 系统'],
    ['no inner space', 'GIS系统'],
    ['a formula-looking name', '=SUM(A1:A9)'],
  ])('keeps %s as it is', (_what, text) => {
    expect(normalizeName(text)).toBe(text)
  })

  it('makes the three 工资福利支出 look-alikes one name', () => {
    const lookAlikes = [SALARY, `${SALARY}\u200b`, `\u202a${SALARY}\u202c`]
    expect(new Set(lookAlikes).size).toBe(3)
    expect(new Set(lookAlikes.map(normalizeName))).toEqual(new Set([SALARY]))
  })

  it('is idempotent and leaves no invisible character, no outer blank and no double blank', () => {
    const piece = fc.constantFrom(
      '且',
      '末',
      ' ',
      '\u3000',
      '\u200b',
      '\u200f',
      '\u202e',
      '\u2066',
      '\ufeff',
      '\u00ad',
      '\t',
      'e',
      '\u0301',
      'A',
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }).map((parts) => parts.join('')),
        fc.string(),
        (built, any) => {
          for (const text of [built, any]) {
            const once = normalizeName(text)
            expect(normalizeName(once)).toBe(once)
            expect(hasInvisibleCharacters(once)).toBe(false)
            expect(once).toBe(once.trim())
            expect(once).not.toMatch(/\s\s/)
          }
        },
      ),
    )
  })
})

describe('hasInvisibleCharacters and invisibleNote', () => {
  it.each<[string, boolean]>([
    [`${UNIT}\u200b`, true],
    [`\u202a${SALARY}\u202c`, true],
    ['工资\u00ad福利支出', true],
    [UNIT, false],
    ['且末县 自然资源局', false],
    ['且末县\u3000自然资源局', false],
  ])('%j → %s', (text, expected) => {
    expect(hasInvisibleCharacters(text)).toBe(expected)
  })

  it('explains a refusal only when the typed name hid something', () => {
    expect(invisibleNote(`${UNIT}\u200b`)).toBe('（输入的名称含有看不见的字符，去除后与已有名称相同）')
    expect(invisibleNote(` ${UNIT} `)).toBe('')
  })
})

describe('row normalisers', () => {
  it('normalises a unit’s name, 科室, 财务负责人 and members, keeping look-alike 科室 once', () => {
    const demo = qiemo2021Dataset().unit
    const unit = normalizeUnitNames({
      ...demo,
      name: `${UNIT}\u200b`,
      departments: ['财务室', '财务室\u200b', ' 国土空间规划股 ', ''],
      financeOfficer: '郝永婕\u200f',
      monitoringGroup: [{ name: '\u2066才茨柯\u2069', title: '党组书记、副局长', role: '组长' }],
    })
    expect(unit).toMatchObject({
      name: UNIT,
      departments: ['财务室', '国土空间规划股'],
      financeOfficer: '郝永婕',
      monitoringGroup: [{ name: '才茨柯', title: '党组书记、副局长', role: '组长' }],
    })
  })

  it('normalises an indicator’s 一级, 二级, 三级 and 计量单位, so 万元\\u200b is still 万元', () => {
    const [first] = qiemo2021Dataset().indicators
    const indicator = normalizeIndicatorNames({
      ...first,
      level1: '产出指标\u200b',
      level2: ' 数量指标',
      name: '办理建设项目用地初审\u202c',
      measureUnit: '万元\u200b',
    })
    expect([indicator.level1, indicator.level2, indicator.name, indicator.measureUnit]).toEqual([
      '产出指标',
      '数量指标',
      '办理建设项目用地初审',
      '万元',
    ])
    expect(indicator.targetValue).toBe(first.targetValue)
  })

  it('joins look-alike 一级 entries of a framework and keeps each 二级 once, in order', () => {
    const framework = normalizeFrameworkNames({
      year: 2021,
      level1: [
        { name: '产出指标', level2: ['数量指标', '质量指标'] },
        { name: '满意度指标', level2: ['服务对象满意度指标'] },
        { name: '产出指标\u200b', level2: ['质量指标\u200b', '时效指标'] },
      ],
    })
    expect(framework).toEqual({
      year: 2021,
      level1: [
        { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标'] },
        { name: '满意度指标', level2: ['服务对象满意度指标'] },
      ],
    })
  })

  it('leaves seed 001 as it is: its names are already normal', () => {
    const demo = qiemo2021Dataset()
    expect(normalizeDatasetNames(demo)).toEqual(demo)
  })
})

function line(id: string, name: string, overrides: Partial<BudgetLine> = {}): BudgetLine {
  return {
    id,
    unitId: 'unit-qiemo',
    year: 2021,
    category: 'basic',
    subCategory: 'personnel',
    name,
    fundSource: '财政拨款',
    initialBudget: '1343.25',
    additions: '0',
    reductions: '0',
    carryOver: '0',
    sortOrder: 1,
    ...overrides,
  }
}

describe('budgetLineIdentity', () => {
  it('is the same for the three lines that all read 工资福利支出', () => {
    const ids = [line('a', SALARY), line('b', `${SALARY}\u200b`), line('c', `\u202a${SALARY}\u202c`)].map(
      budgetLineIdentity,
    )
    expect(new Set(ids).size).toBe(1)
  })

  it('tells apart 经费类型, 资金来源, 支出类别 and 项目, as the import does', () => {
    const ids = [
      line('a', SALARY),
      line('b', SALARY, { subCategory: 'public' }),
      line('c', SALARY, { fundSource: '上级专项' }),
      line('d', SALARY, { category: 'project', subCategory: undefined, projectId: 'p1' }),
      line('e', SALARY, { category: 'project', subCategory: undefined, projectId: 'p2' }),
    ].map(budgetLineIdentity)
    expect(new Set(ids).size).toBe(5)
  })
})

describe('newLookAlikes', () => {
  const key = (l: BudgetLine) => budgetLineIdentity(l)
  const stored = [line('a', SALARY), line('b', '商品和服务支出', { subCategory: 'public' })]

  it('reports a new line that looks like a stored one, naming the newcomer', () => {
    const added = line('c', `${SALARY}\u200b`)
    const found = newLookAlikes([...stored, added], stored, key)
    expect(found).toEqual([{ rows: [stored[0], added], newcomers: [added] }])
  })

  it('reports a stored line renamed into a look-alike', () => {
    const renamed = line('b', `\u202a${SALARY}\u202c`)
    expect(newLookAlikes([stored[0], renamed], stored, key)[0]?.newcomers).toEqual([renamed])
  })

  it('lets look-alikes stored before names were normalised be saved again, but not joined by a third', () => {
    const legacy = [line('a', SALARY), line('b', `${SALARY}\u200b`)]
    expect(
      newLookAlikes(
        legacy.map((l) => ({ ...l, initialBudget: '1' as const })),
        legacy,
        key,
      ),
    ).toEqual([])
    const third = line('c', `\u202a${SALARY}\u202c`)
    expect(newLookAlikes([...legacy, third], legacy, key)[0]?.newcomers).toEqual([third])
  })

  it('finds nothing among rows whose names differ visibly', () => {
    expect(newLookAlikes([line('a', SALARY), line('c', '工资福利支出（补发）')], [], key)).toEqual([])
  })
})
