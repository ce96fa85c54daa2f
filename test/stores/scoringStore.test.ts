/**
 * The scoring store on the app database (fake-indexeddb): it lists the built-in and stored schemes,
 * follows the workspace's unit-year (its 管理指标填报 and its choice of scheme), scores it by the choice
 * or else the setting 评分方案, saves only inputs that check against that scheme, refuses a save over
 * another tab's, and deleting a chosen scheme sends the unit-year back to the default, saying so. The
 * demo (seed 001, 且末县自然资源局 2021) loads with its illustrative 管理指标填报, and its year end reads
 * every one of seed 003's 26 items.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { putManagementInputs, putScheme } from '@/db/scoring'
import { defaultSettings } from '@/domain/settings'
import { schemeContextOf, scoreScheme } from '@/domain/scoring'
import { emptyManagementInputs } from '@/domain/managementInputs'
import { useScoringStore } from '@/stores/scoring'
import { useSettingsStore } from '@/stores/settings'
import { useWorkspaceStore } from '@/stores/workspace'
import { until } from '../components/entry/until'
import { aScheme } from '../db/fixtures'

const DEMO_UNIT = 'demo-qiemo-zrzyj'

async function demo(wholeYear = false) {
  const workspace = useWorkspaceStore()
  expect(await workspace.loadDemo({ wholeYear })).toBe(true)
  const store = useScoringStore()
  await until(() => store.loadedFor?.unitId === DEMO_UNIT && store.inputs !== null)
  return { workspace, store }
}

describe('useScoringStore', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('loads the demo’s 管理指标填报 with it and scores by the default scheme until the year chooses one', async () => {
    const { store } = await demo()
    expect(store.inputs?.amounts.staffingQuota).toBe('45')
    expect(store.inputs?.amounts.yearEndCarryOver).toBe('231.97')
    expect(store.schemes.map((s) => s.name)).toEqual(['广州2023自评表', '通用方案'])
    expect(store.scheme.id).toBe('seed003')
    expect(store.chosenScheme).toBeNull()
    // 26 items of seed 003, 20 of them entered on 管理指标填报: 29 values (their own, or their parts')
    expect(new Set(store.fields.map((f) => f.itemId)).size).toBe(20)
    expect(store.fields).toHaveLength(29)

    expect(await store.chooseScheme('common')).toMatchObject({ ok: true })
    expect(store.scheme.id).toBe('common')
    expect(store.choice?.schemeId).toBe('common')
    expect(await store.chooseScheme(null)).toEqual({ ok: true, value: null })
    expect(store.scheme.id).toBe('seed003')
  })

  it('follows the setting 评分方案 for a year without a choice', async () => {
    const { store } = await demo()
    const settings = useSettingsStore()
    expect(await settings.save({ ...defaultSettings(), scoringScheme: 'common' })).toEqual({ ok: true })
    expect(store.defaultScheme.id).toBe('common')
    expect(store.scheme.name).toBe('通用方案')
  })

  it('the whole-year demo at 1-12月 reads every item of seed 003 and scores its management items as entered', async () => {
    const { workspace, store } = await demo(true)
    await until(() => workspace.snapshot?.month === 12)
    const snapshot = workspace.snapshot
    if (!snapshot) throw new Error('no snapshot')
    const score = scoreScheme(store.scheme, schemeContextOf(snapshot, store.inputs))
    expect(score.items).toHaveLength(26)
    expect(score.unread).toBe(0)
    expect(score.mode).toBe('yearEnd')
    const points = Object.fromEntries(score.items.map((i) => [i.itemId, i.points.toFixed()]))
    expect(points).toMatchObject({
      // 231.97 ÷ 1493.25 = 15.53%: ≤ 20% → 1 of 2
      carryOverRate: '1',
      // (190.20 − 213.42) ÷ 213.42 < 0 → 2
      publicExpenseControl: '2',
      // 9.86 ≤ 12.00 → 2
      threePublicExpenses: '2',
      // 达成 100% × 2.5 + 部分达成 70% × 2.5
      performanceRules: '4.25',
      // 95% ≥ 90% → 2 of 3
      contractTimeliness: '2',
      // 92% ≥ 90% → 2
      fixedAssetUse: '2',
      preAssessment: '3',
      rulesExecution: '7',
      procurementIntent: '0.5',
      assetData: '2',
    })
    const sum = score.items.reduce((s, i) => s + Number(i.points), 0)
    expect(score.total.toNumber()).toBeCloseTo(sum, 10)
    // with the demo year's indicators (产出 20, 效益 17.75) and 支出率 5.64: 90.64 of 100, 优
    expect([score.total.toFixed(), score.max.toFixed(), score.grade]).toEqual(['90.64', '100', '优'])
  })

  it('saves inputs that check against the scheme, refuses the others with the field named, and writes nothing', async () => {
    const { store } = await demo()
    const before = await db.managementInputs.toArray()
    const wrong = {
      ...emptyManagementInputs(DEMO_UNIT, 2021),
      entries: { assetData: { kind: 'yesNo' as const, value: true } },
    }
    const refused = await store.saveInputs(wrong)
    expect(refused).toMatchObject({
      ok: false,
      messages: ['「数据质量」应填写评判等级，而保存的是是否'],
      issues: [{ field: 'entries.assetData' }],
    })
    expect(await db.managementInputs.toArray()).toStrictEqual(before)

    const next = { ...store.inputs!, amounts: { ...store.inputs!.amounts, staffCount: '44' as const } }
    expect(await store.saveInputs(next, { basis: store.inputs })).toMatchObject({ ok: true })
    expect(store.inputs?.amounts.staffCount).toBe('44')
  })

  it('a save over another tab’s is refused with their row, and nothing changes', async () => {
    const { store } = await demo()
    const basis = store.inputs
    const theirs = { ...basis!, amounts: { ...basis!.amounts, staffingQuota: '48' as const } }
    expect((await putManagementInputs(theirs)).ok).toBe(true) // the other tab
    const mine = { ...basis!, amounts: { ...basis!.amounts, staffingQuota: '47' as const } }
    const result = await store.saveInputs(mine, { basis })
    expect(!result.ok && result.conflicts?.map((c) => c.theirs?.amounts.staffingQuota)).toEqual(['48'])
    expect((await db.managementInputs.toArray())[0]?.amounts.staffingQuota).toBe('48')
  })

  it('deleting the chosen scheme goes back to the default and says how many unit-years it concerned', async () => {
    const { store } = await demo()
    expect((await putScheme(aScheme())).ok).toBe(true)
    await store.load()
    expect(store.schemes.map((s) => s.name)).toEqual(['广州2023自评表', '通用方案', '县级自评表（测试）'])
    expect(await store.chooseScheme('file-mini')).toMatchObject({ ok: true })
    expect(store.scheme.name).toBe('县级自评表（测试）')
    // its entered items: 数据质量 (类别) and 财务合规性 (发现问题)
    expect(store.fields.map((f) => [f.key, f.input])).toEqual([
      ['quality', 'category'],
      ['audit', 'findings'],
    ])
    const deleted = await store.deleteScheme('file-mini')
    expect(deleted.ok && deleted.value.message).toBe(
      '已删除评分方案「县级自评表（测试）」，原来选用它的 1 个单位年度改用默认方案「广州2023自评表」',
    )
    expect(store.scheme.id).toBe('seed003')
    expect(store.choice).toBeNull()
  })

  it('refuses a scheme file named like a built-in scheme', async () => {
    const store = useScoringStore()
    const { schemeWorkbookBytes } = await import('@/io/scoring/schemeWorkbook')
    const bytes = await schemeWorkbookBytes(aScheme({ name: '通用方案' }))
    const read = await store.readSchemeFile(bytes)
    expect(read).toEqual({
      ok: false,
      messages: [
        '「方案」工作表的方案名称「通用方案」与内置评分方案相同，请改一个名称（如「通用方案（本单位）」）后再导入',
      ],
    })
    const fine = await store.readSchemeFile(await schemeWorkbookBytes(aScheme()))
    expect(fine.ok && [fine.value.scheme.name, fine.value.scheme.items.length, fine.value.replaces]).toEqual([
      '县级自评表（测试）',
      3,
      null,
    ])
    expect(await db.scoringSchemes.count()).toBe(0)
  })

  it('names no unit-year without a selection and refuses to choose for none', async () => {
    const store = useScoringStore()
    await store.load()
    expect(store.loadedFor).toBeNull()
    expect(await store.chooseScheme('common')).toEqual({ ok: false, messages: ['请先在页面顶部选择单位和年度'] })
  })
})
