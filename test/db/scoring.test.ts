/**
 * 评分方案 and 管理指标填报 in the database (docs/reliability.md §9): a user scheme, a unit-year's inputs
 * and its choice of scheme each round-trip; a scheme with an error, inputs that do not check, a
 * built-in id or a taken name are refused in Chinese with nothing written (every table compared); a save
 * over another tab's change is refused with their version; deleting a scheme in use sends its unit-years
 * back to the default; a whole-year write keeps or replaces the inputs as it says.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { saveUnitYear } from '@/db/datasets'
import {
  chooseScheme,
  deleteScheme,
  getManagementInputs,
  getSchemeChoice,
  listSchemes,
  putManagementInputs,
  putScheme,
} from '@/db/scoring'
import { SEED003_SCHEME, schemeProblems } from '@/domain/scoring'
import { emptyManagementInputs, managementInputsId } from '@/domain/managementInputs'
import type { DecimalString, ManagementInputs } from '@/domain/types'
import { aDataset, aScheme, YEAR } from './fixtures'
import { expectFailure, expectOk, freshDb, snapshot } from './helpers'

const UNIT = 'unit-qiemo'
/** text that is not a number, as a stored row could hold it (a backup, an older release) */
const unchecked = (text: string) => text as DecimalString

/** seed 001's unit 2021 with 编制数 45, 在职人数 43 and the mini scheme's two entered items. */
function someInputs(overrides: Partial<ManagementInputs> = {}): ManagementInputs {
  return {
    ...emptyManagementInputs(UNIT, YEAR),
    amounts: { staffingQuota: '45', staffCount: '43', yearEndCarryOver: '120.5' },
    entries: { quality: { kind: 'category', value: '合格' }, audit: { kind: 'findings', findings: [] } },
    remarks: { quality: '资产年报一次通过审核' },
    ...overrides,
  }
}

async function withUnit() {
  const database = freshDb()
  expectOk(await saveUnitYear(aDataset(), { database }))
  return database
}

describe('user scoring schemes', () => {
  it('the test scheme is a valid 100-point scheme', () => {
    expect(schemeProblems(aScheme())).toEqual([])
  })

  it('stores a scheme as plain data and lists it; the write is audited', async () => {
    const database = freshDb()
    const stored = expectOk(await putScheme(aScheme(), { database }))
    expect(stored).toStrictEqual(aScheme())
    expect(await listSchemes({ database })).toStrictEqual([aScheme()])
    const audit = await database.auditLog.toArray()
    expect(audit.map((a) => [a.table, a.key, a.before])).toStrictEqual([['scoringSchemes', 'file-mini', null]])
  })

  it('refuses a scheme with an error, a built-in id or a taken name, and writes nothing', async () => {
    const database = freshDb()
    expectOk(await putScheme(aScheme(), { database }))
    const before = await snapshot(database)
    const broken = aScheme({ id: 'file-broken', name: '有错的方案' })
    broken.items[0] = { ...broken.items[0], weight: '0' }
    expect(expectFailure(await putScheme(broken, { database }))).toBe(
      '评分方案「有错的方案」有 1 处错误：第1项「数据质量」：分值「0」应为正数。本次保存未写入任何数据。',
    )
    expect(expectFailure(await putScheme(aScheme({ id: 'seed003', name: '另起一名' }), { database }))).toBe(
      '「另起一名」的方案编号与内置评分方案相同，内置方案不能被替换。本次保存未写入任何数据。',
    )
    expect(expectFailure(await putScheme(aScheme({ id: 'file-x', name: '广州2023自评表' }), { database }))).toBe(
      '已有名为「广州2023自评表」的评分方案，请换一个名称。本次保存未写入任何数据。',
    )
    expect(expectFailure(await putScheme(aScheme({ id: 'file-y' }), { database }))).toBe(
      '已有名为「县级自评表（测试）」的评分方案，请换一个名称。本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('replacing a scheme over another tab’s version is refused with theirs; 覆盖 on it goes through', async () => {
    const database = freshDb()
    const first = expectOk(await putScheme(aScheme(), { database }))
    const theirs = expectOk(await putScheme(aScheme({ rounding: { mode: 'halfUp', places: 1 } }), { database }))
    const before = await snapshot(database)
    const mine = aScheme({ rounding: { mode: 'halfUp', places: 3 } })
    const refused = await putScheme(mine, { basis: first, database })
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.conflicts).toStrictEqual([{ table: 'scoringSchemes', key: 'file-mini', theirs }])
    expect(await snapshot(database)).toStrictEqual(before)
    expectOk(await putScheme(mine, { basis: theirs, database }))
    expect((await listSchemes({ database }))[0]?.rounding.places).toBe(3)
  })

  it('deleting a scheme in use sends its unit-years back to the default and says which', async () => {
    const database = await withUnit()
    expectOk(await putScheme(aScheme(), { database }))
    const choice = expectOk(await chooseScheme(UNIT, YEAR, 'file-mini', { database }))
    expect(choice).toStrictEqual({ id: `sc-${UNIT}-${YEAR}`, unitId: UNIT, year: YEAR, schemeId: 'file-mini' })
    const deleted = expectOk(await deleteScheme('file-mini', { database }))
    expect(deleted.scheme.name).toBe('县级自评表（测试）')
    expect(deleted.released).toStrictEqual([choice])
    expect(await getSchemeChoice(UNIT, YEAR, { database })).toBeNull()
    expect(await listSchemes({ database })).toStrictEqual([])
    expect(expectFailure(await deleteScheme('file-mini', { database }))).toBe(
      '找不到要删除的评分方案（可能已在其他窗口删除）。',
    )
    expect(expectFailure(await deleteScheme('seed003', { database }))).toBe('内置评分方案不能删除。')
  })
})

describe('a unit-year’s choice of scheme', () => {
  it('chooses a built-in or stored scheme, refuses an unknown one, and null goes back to the default', async () => {
    const database = await withUnit()
    expect(await getSchemeChoice(UNIT, YEAR, { database })).toBeNull()
    expect(expectOk(await chooseScheme(UNIT, YEAR, 'common', { database }))?.schemeId).toBe('common')
    const before = await snapshot(database)
    expect(expectFailure(await chooseScheme(UNIT, YEAR, 'file-gone', { database }))).toBe(
      '找不到所选的评分方案（可能已在其他窗口删除），本次保存未写入任何数据。',
    )
    expect(expectFailure(await chooseScheme('unit-none', YEAR, 'common', { database }))).toBe(
      '找不到该单位，本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toStrictEqual(before)
    expect(expectOk(await chooseScheme(UNIT, YEAR, null, { database }))).toBeNull()
    expect(await getSchemeChoice(UNIT, YEAR, { database })).toBeNull()
  })

  it('a choice over another tab’s is refused with theirs', async () => {
    const database = await withUnit()
    const theirs = expectOk(await chooseScheme(UNIT, YEAR, 'common', { database }))
    const refused = await chooseScheme(UNIT, YEAR, 'seed003', { basis: null, database })
    expect(!refused.ok && refused.conflicts).toStrictEqual([
      { table: 'schemeChoices', key: `sc-${UNIT}-${YEAR}`, theirs },
    ])
    expect((await getSchemeChoice(UNIT, YEAR, { database }))?.schemeId).toBe('common')
  })
})

describe('管理指标填报', () => {
  it('round-trips one row per unit-year, checked against the scheme', async () => {
    const database = await withUnit()
    expect(await getManagementInputs(UNIT, YEAR, { database })).toBeNull()
    const saved = expectOk(await putManagementInputs(someInputs(), { scheme: aScheme(), database }))
    expect(saved).toStrictEqual(someInputs())
    expect(await getManagementInputs(UNIT, YEAR, { database })).toStrictEqual(someInputs())
    // a second save replaces the row (same id)
    expectOk(await putManagementInputs(someInputs({ amounts: { staffCount: '44' } }), { database }))
    expect(await database.managementInputs.toArray()).toStrictEqual([someInputs({ amounts: { staffCount: '44' } })])
    expect(saved.id).toBe(managementInputsId(UNIT, YEAR))
  })

  it('refuses bad amounts and values of the wrong kind for the scheme, and writes nothing', async () => {
    const database = await withUnit()
    expectOk(await putManagementInputs(someInputs(), { database }))
    const before = await snapshot(database)
    const cases: [ManagementInputs, string][] = [
      [
        someInputs({ amounts: { staffCount: '43.5', threePublicActual: '-1', yearEndCarryOver: unchecked('12a') } }),
        '管理指标填报有 3 处错误：在职人数应为整数（人）；“三公”经费实际支出不能为负数；年末结转结余「12a」不是有效数字。本次保存未写入任何数据。',
      ],
      [
        someInputs({ entries: { quality: { kind: 'category', value: '良好' } } }),
        '管理指标填报有 1 处错误：「数据质量」的类别「良好」不在评分方案的类别中（优秀、合格、不合格）。本次保存未写入任何数据。',
      ],
      [
        someInputs({ entries: { audit: { kind: 'yesNo', value: true } } }),
        '管理指标填报有 1 处错误：「财务合规性」应填写发现问题，而保存的是是否。本次保存未写入任何数据。',
      ],
      [
        someInputs({ entries: { audit: { kind: 'findings', findings: [{ kind: '巡视发现问题', text: '' }] } } }),
        '管理指标填报有 1 处错误：「财务合规性」的问题类别「巡视发现问题」不在评分方案的问题类别中。本次保存未写入任何数据。',
      ],
    ]
    for (const [inputs, message] of cases)
      expect(expectFailure(await putManagementInputs(inputs, { scheme: aScheme(), database }))).toBe(message)
    expect(
      expectFailure(await putManagementInputs(someInputs({ unitId: 'unit-none' }), { scheme: aScheme(), database })),
    ).toBe('找不到该单位，本次保存未写入任何数据。')
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('a save over another tab’s is refused with their row; 覆盖 on it goes through', async () => {
    const database = await withUnit()
    const theirs = expectOk(await putManagementInputs(someInputs({ amounts: { staffingQuota: '46' } }), { database }))
    const before = await snapshot(database)
    const mine = someInputs({ amounts: { staffingQuota: '47' } })
    const refused = await putManagementInputs(mine, { basis: null, database })
    expect(!refused.ok && refused.conflicts).toStrictEqual([
      { table: 'managementInputs', key: managementInputsId(UNIT, YEAR), theirs },
    ])
    expect(await snapshot(database)).toStrictEqual(before)
    expectOk(await putManagementInputs(mine, { basis: theirs, database }))
    expect((await getManagementInputs(UNIT, YEAR, { database }))?.amounts.staffingQuota).toBe('47')
  })

  it('a whole-year write keeps the stored inputs unless it brings its own (null removes them)', async () => {
    const database = await withUnit()
    expectOk(await putManagementInputs(someInputs(), { database }))
    expectOk(await chooseScheme(UNIT, YEAR, 'common', { database }))
    // an import of a file without the 管理指标 sheet: kept, and so is the choice
    expectOk(await saveUnitYear(aDataset(), { database }))
    expect(await getManagementInputs(UNIT, YEAR, { database })).toStrictEqual(someInputs())
    expect((await getSchemeChoice(UNIT, YEAR, { database }))?.schemeId).toBe('common')
    // the demo's own inputs replace them
    const replaced = someInputs({ amounts: { staffingQuota: '50' }, entries: {}, remarks: undefined })
    const written = expectOk(await saveUnitYear({ ...aDataset(), managementInputs: replaced }, { database }))
    expect(written.managementInputs).toBe(1)
    expect(await getManagementInputs(UNIT, YEAR, { database })).toStrictEqual({
      id: managementInputsId(UNIT, YEAR),
      unitId: UNIT,
      year: YEAR,
      amounts: { staffingQuota: '50' },
      entries: {},
    })
    expectOk(await saveUnitYear({ ...aDataset(), managementInputs: null }, { database }))
    expect(await getManagementInputs(UNIT, YEAR, { database })).toBeNull()
  })

  it('a whole-year write refuses inputs of another unit-year or with a bad amount, writing nothing', async () => {
    const database = await withUnit()
    const before = await snapshot(database)
    const other = { ...someInputs(), year: 2022 }
    expect(expectFailure(await saveUnitYear({ ...aDataset(), managementInputs: other }, { database }))).toBe(
      '数据不一致：管理指标填报不属于“且末县自然资源局” 2021 年度。本次保存未写入任何数据。',
    )
    const bad = someInputs({ amounts: { staffCount: unchecked('x') } })
    expect(expectFailure(await saveUnitYear({ ...aDataset(), managementInputs: bad }, { database }))).toBe(
      '数据不一致：在职人数「x」不是有效数字。本次保存未写入任何数据。',
    )
    expect(await snapshot(database)).toStrictEqual(before)
  })

  it('the built-in seed 003 scheme accepts what its items ask for', async () => {
    const database = await withUnit()
    const inputs = someInputs({
      entries: {
        'performanceDisclosure/targets': { kind: 'yesNo', value: true },
        assetData: { kind: 'judgement', grade: '部分达成', percent: '75' },
      },
      remarks: {},
    })
    expectOk(await putManagementInputs(inputs, { scheme: SEED003_SCHEME, database }))
    const wrong = someInputs({ entries: { assetData: { kind: 'judgement', grade: '部分达成', percent: '85' } } })
    expect(expectFailure(await putManagementInputs(wrong, { scheme: SEED003_SCHEME, database }))).toBe(
      '管理指标填报有 1 处错误：「数据质量」评为“部分达成”时，百分比应在60%（含）至80%（不含）之间，当前为85%。本次保存未写入任何数据。',
    )
  })
})
