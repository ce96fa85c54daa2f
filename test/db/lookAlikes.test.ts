/**
 * Names are what they look like (docs/domain-rules.md §1.4), on the database: every write stores names
 * normalised, and a unit, project or budget line that would look like another one is refused with nothing
 * written. The look-alikes are those seen in use: a second “且末县自然资源局” behind a zero-width space, and
 * three budget lines that all read “工资福利支出”. Look-alikes stored before this rule (or restored from an old
 * backup) stay editable, but no write adds one.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { putBudgetLine } from '@/db/budget'
import { loadUnitYear, saveUnitYear } from '@/db/datasets'
import { loadImportBase } from '@/db/importCommit'
import { putProject } from '@/db/projects'
import { getFramework, putFramework, putIndicator } from '@/db/targets'
import { getUnit, putUnit } from '@/db/units'
import type { UnitYearDataset } from '@/domain/types'
import { aBudgetLine, aDataset, anIndicator, aProject, aProjectLine, aUnit, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

const UNIT = '且末县自然资源局'
const SALARY = '工资福利支出'
const HIDDEN = '（输入的名称含有看不见的字符，去除后与已有名称相同）'

describe('units', () => {
  it('stores “且末县自然资源局\\u200b” as 且末县自然资源局, with 科室 and members normalised', async () => {
    const database = freshDb()
    const stored = expectOk(
      await putUnit(
        aUnit({
          name: `${UNIT}\u200b`,
          departments: ['财务室', '财务室\u200b', '国土空间规划股\u3000'],
          monitoringGroup: [{ name: '\u202a张三\u202c', title: '党组书记、局长', role: '组长' }],
        }),
        { database },
      ),
    )
    expect(stored).toStrictEqual(aUnit())
    expect(await getUnit('unit-qiemo', { database })).toStrictEqual(aUnit())
  })

  it('refuses a second 且末县自然资源局 that differs only by a zero-width space, writing nothing', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    const before = await snapshot(database)
    expect(expectFailure(await putUnit(aUnit({ id: 'unit-copy', name: `${UNIT}\u200b` }), { database }))).toBe(
      `已有名为“${UNIT}”的单位，单位名称不能相同${HIDDEN}，本次保存未写入任何数据。`,
    )
    expect(expectFailure(await putUnit(aUnit({ id: 'unit-copy', name: ` ${UNIT} ` }), { database }))).toBe(
      `已有名为“${UNIT}”的单位，单位名称不能相同，本次保存未写入任何数据。`,
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses renaming another unit into a look-alike, and a name of invisible characters only', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putUnit(aUnit({ id: 'unit-ruoqiang', name: '若羌县自然资源局' }), { database }))
    const before = await snapshot(database)
    expect(expectFailure(await putUnit(aUnit({ id: 'unit-ruoqiang', name: `\u200f${UNIT}` }), { database }))).toContain(
      `已有名为“${UNIT}”的单位`,
    )
    expect(expectFailure(await putUnit(aUnit({ id: 'unit-blank', name: '\u200b\u3000' }), { database }))).toBe(
      '请填写单位名称，本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('lets look-alike units stored before the rule be edited, storing the name normalised', async () => {
    const database = freshDb()
    await database.units.bulkAdd([aUnit(), aUnit({ id: 'unit-legacy', name: `${UNIT}\u200b` })])
    const edited = expectOk(
      await putUnit(aUnit({ id: 'unit-legacy', name: `${UNIT}\u200b`, financeOfficer: '王五' }), { database }),
    )
    expect(edited).toStrictEqual(aUnit({ id: 'unit-legacy', financeOfficer: '王五' }))
  })

  it('finds the stored unit for an import of “且末县自然资源局\\u200b”, and a stored look-alike for a plain name', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const base = await loadImportBase(`${UNIT}\u200b`, YEAR, { database })
    expect(base.existingUnit?.id).toBe('unit-qiemo')
    expect(base.existing?.budgetLines.length).toBe(2)
    const legacy = freshDb()
    await legacy.units.add(aUnit({ name: `\ufeff${UNIT}` }))
    expect((await loadImportBase(UNIT, YEAR, { database: legacy })).existingUnit?.id).toBe('unit-qiemo')
  })
})

describe('budget lines', () => {
  it('refuses the second and third of three lines that all read 工资福利支出, writing nothing', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    const before = await snapshot(database)
    const refused = `${YEAR} 年度已有预算行“${SALARY}”（基本支出 / 人员经费 / 财政拨款），同一支出类别、经费类型、项目和资金来源下预算项目名称不能相同`
    expect(
      expectFailure(await putBudgetLine(aBudgetLine({ id: 'line-zw', name: `${SALARY}\u200b` }), { database })),
    ).toBe(`${refused}${HIDDEN}，本次保存未写入任何数据。`)
    expect(
      expectFailure(await putBudgetLine(aBudgetLine({ id: 'line-bidi', name: `\u202a${SALARY}\u202c` }), { database })),
    ).toBe(`${refused}${HIDDEN}，本次保存未写入任何数据。`)
    expect(expectFailure(await putBudgetLine(aBudgetLine({ id: 'line-same', name: SALARY }), { database }))).toBe(
      `${refused}，本次保存未写入任何数据。`,
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('stores the name normalised and accepts the same name under another 经费类型, 资金来源 or project', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putProject(aProject(), { database }))
    expect(expectOk(await putBudgetLine(aBudgetLine({ name: `${SALARY}\u200b` }), { database })).name).toBe(SALARY)
    expectOk(await putBudgetLine(aBudgetLine({ id: 'line-public', subCategory: 'public' }), { database }))
    expectOk(await putBudgetLine(aBudgetLine({ id: 'line-special', fundSource: '上级专项' }), { database }))
    expectOk(await putBudgetLine(aProjectLine({ id: 'line-project', name: SALARY }), { database }))
    expect((await database.budgetLines.toArray()).map((l) => l.name)).toEqual([SALARY, SALARY, SALARY, SALARY])
    // a project line is named by its project in the refusal
    expect(
      expectFailure(await putBudgetLine(aProjectLine({ id: 'line-project-2', name: `${SALARY}\u2060` }), { database })),
    ).toBe(
      `${YEAR} 年度已有预算行“${SALARY}”（项目支出 / 国有土地出让金评估项目 / 财政拨款），同一支出类别、经费类型、项目和资金来源下预算项目名称不能相同${HIDDEN}，本次保存未写入任何数据。`,
    )
  })

  it('lets a line be edited in place, and refuses renaming another line into a look-alike', async () => {
    const database = freshDb()
    expectOk(await putBudgetLine(aBudgetLine(), { database }))
    expectOk(await putBudgetLine(aBudgetLine({ id: 'line-goods', name: '商品和服务支出' }), { database }))
    expectOk(await putBudgetLine(aBudgetLine({ additions: '20' }), { database }))
    expect(
      expectFailure(await putBudgetLine(aBudgetLine({ id: 'line-goods', name: `${SALARY}\u200b` }), { database })),
    ).toContain(`已有预算行“${SALARY}”`)
    expect((await database.budgetLines.get('line-goods'))?.name).toBe('商品和服务支出')
  })

  it('lets look-alike lines stored before the rule be edited, but refuses a third', async () => {
    const database = freshDb()
    await database.budgetLines.bulkAdd([aBudgetLine(), aBudgetLine({ id: 'line-legacy', name: `${SALARY}\u200b` })])
    expect(
      expectOk(
        await putBudgetLine(aBudgetLine({ id: 'line-legacy', name: `${SALARY}\u200b`, additions: '5' }), { database }),
      ).name,
    ).toBe(SALARY)
    expect(
      expectFailure(
        await putBudgetLine(aBudgetLine({ id: 'line-third', name: `\u202a${SALARY}\u202c` }), { database }),
      ),
    ).toContain(`已有预算行“${SALARY}”`)
    expect(await database.budgetLines.count()).toBe(2)
  })
})

describe('projects', () => {
  it('refuses a project whose name differs from another only by invisible characters', async () => {
    const database = freshDb()
    expectOk(await putUnit(aUnit(), { database }))
    expectOk(await putProject(aProject(), { database }))
    const before = await snapshot(database)
    expect(
      expectFailure(await putProject(aProject({ id: 'p2', name: '国有土地出让金评估项目\u200b' }), { database })),
    ).toBe(`${YEAR} 年度已有名为“国有土地出让金评估项目”的项目${HIDDEN}，本次保存未写入任何数据。`)
    expect(await snapshot(database)).toEqual(before)
    const stored = expectOk(
      await putProject(aProject({ id: 'p3', name: '村道\u3000修缮项目 ', department: '\u200b土地利用股' }), {
        database,
      }),
    )
    expect([stored.name, stored.department]).toEqual(['村道 修缮项目', '土地利用股'])
  })
})

describe('indicators and frameworks', () => {
  it('stores an indicator’s 一级, 二级, 三级 and 计量单位 normalised', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const stored = expectOk(
      await putIndicator(
        anIndicator({
          id: 'ind-cost',
          level1: '产出指标\u200b',
          level2: '成本指标',
          name: '项目保障成本经费\u202c',
          measureUnit: '万元\u200b',
        }),
        { database },
      ),
    )
    expect([stored.level1, stored.name, stored.measureUnit]).toEqual(['产出指标', '项目保障成本经费', '万元'])
    expect((await database.indicators.get('ind-cost'))?.measureUnit).toBe('万元')
  })

  it('joins look-alike 一级 entries of a framework into one', async () => {
    const database = freshDb()
    expectOk(
      await putFramework(
        {
          year: YEAR,
          level1: [
            { name: '产出指标', level2: ['数量指标'] },
            { name: '产出指标\u200b', level2: ['质量指标'] },
          ],
        },
        { database },
      ),
    )
    expect(await getFramework(YEAR, { database })).toEqual({
      year: YEAR,
      level1: [{ name: '产出指标', level2: ['数量指标', '质量指标'] }],
    })
  })
})

describe('saveUnitYear (import, demo load, new unit-year)', () => {
  const lookAlike = (dataset: UnitYearDataset): UnitYearDataset => ({
    ...dataset,
    unit: { ...dataset.unit, name: `${UNIT}\u200b`, departments: ['财务室\u200b'] },
    projects: dataset.projects.map((p) => ({ ...p, name: `${p.name}\u200f` })),
    budgetLines: dataset.budgetLines.map((l) => ({ ...l, name: `\u2066${l.name}\u2069` })),
    indicators: dataset.indicators.map((i) => ({ ...i, level1: `${i.level1}\u00ad`, name: ` ${i.name}` })),
    framework: {
      ...dataset.framework,
      level1: [...dataset.framework.level1, { name: '产出指标\u200b', level2: ['数量指标'] }],
    },
  })

  it('stores every name normalised', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(lookAlike(aDataset()), { database }))
    const loaded = await loadUnitYear('unit-qiemo', YEAR, { database })
    expect(loaded?.unit.name).toBe(UNIT)
    expect(loaded?.unit.departments).toEqual(['财务室'])
    expect(loaded?.projects.map((p) => p.name)).toEqual(['国有土地出让金评估项目'])
    expect(loaded?.budgetLines.map((l) => l.name)).toEqual([SALARY, '国有土地出让金评估项目'])
    expect(loaded?.indicators.map((i) => [i.level1, i.name])).toEqual([
      ['产出指标', '用地初审'],
      ['产出指标', '项目工程验收合格率'],
    ])
    expect(loaded?.framework).toEqual(aDataset().framework)
  })

  it('refuses a new unit that looks like a stored one (a second 且末县自然资源局), writing nothing', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    const before = await snapshot(database)
    const copy = {
      ...aDataset({
        year: 2022,
        budgetLines: [],
        monthlyExecutions: [],
        targets: [],
        indicators: [],
        nodes: [],
        readings: [],
        budgetJudgements: [],
        alerts: [],
        measures: [],
        reports: [],
        projects: [],
      }),
      unit: aUnit({ id: 'unit-copy', name: `${UNIT}\u200b` }),
    }
    copy.framework = { ...copy.framework, year: 2022 }
    expect(expectFailure(await saveUnitYear(copy, { database }))).toBe(
      `已有名为“${UNIT}”的单位，单位名称不能相同${HIDDEN}，本次保存未写入任何数据。`,
    )
    expect(await snapshot(database)).toEqual(before)
  })

  it('refuses a dataset with two budget lines that both read 工资福利支出, writing nothing', async () => {
    const database = freshDb()
    const dataset = aDataset()
    const twice = {
      ...dataset,
      budgetLines: [
        ...dataset.budgetLines,
        aBudgetLine({ id: 'line-salary-2', name: `${SALARY}\u200b`, sortOrder: 3 }),
      ],
    }
    expect(expectFailure(await saveUnitYear(twice, { database }))).toBe(
      `${YEAR} 年度已有预算行“${SALARY}”（基本支出 / 人员经费 / 财政拨款），同一支出类别、经费类型、项目和资金来源下预算项目名称不能相同${HIDDEN}，本次保存未写入任何数据。`,
    )
    expect(await database.units.count()).toBe(0)
  })

  it('refuses a dataset with two look-alike projects', async () => {
    const database = freshDb()
    const dataset = aDataset()
    const twice = {
      ...dataset,
      projects: [...dataset.projects, aProject({ id: 'proj-copy', name: '国有土地出让金评估项目\u200b' })],
    }
    expect(expectFailure(await saveUnitYear(twice, { database }))).toBe(
      `${YEAR} 年度已有名为“国有土地出让金评估项目”的项目${HIDDEN}，本次保存未写入任何数据。`,
    )
  })

  it('saves again a unit-year whose look-alike lines were stored before the rule', async () => {
    const database = freshDb()
    expectOk(await saveUnitYear(aDataset(), { database }))
    await database.budgetLines.add(aBudgetLine({ id: 'line-legacy', name: `${SALARY}\u200b`, sortOrder: 3 }))
    const loaded = (await loadUnitYear('unit-qiemo', YEAR, { database })) as UnitYearDataset
    expectOk(await saveUnitYear(loaded, { database }))
    expect((await database.budgetLines.toArray()).map((l) => [l.id, l.name])).toEqual([
      ['line-land', '国有土地出让金评估项目'],
      ['line-legacy', SALARY],
      ['line-salary', SALARY],
    ])
  })

  it('does not count a name that only loses invisible characters as a change to a locked node', async () => {
    const database = freshDb()
    const locked = aDataset({
      nodes: [
        {
          id: 'node-h1',
          unitId: 'unit-qiemo',
          year: YEAR,
          asOfDate: '2021-06-30',
          label: '2021年1-6月',
          status: 'locked',
        },
      ],
    })
    expectOk(await saveUnitYear(locked, { database }))
    await database.budgetLines.put(aBudgetLine({ name: `${SALARY}\u200b` }))
    const stored = (await loadUnitYear('unit-qiemo', YEAR, { database })) as UnitYearDataset
    expectOk(await saveUnitYear(stored, { database }))
    expect((await database.budgetLines.get('line-salary'))?.name).toBe(SALARY)
  })
})
