/**
 * The 部门汇总报告 store on the app database (fake-indexeddb), over two imported 报送包: unit A (seed 001,
 * 1,493.25 / 383.74, whose 定稿 report states its 偏离情况) and unit B (12,030.56 / 11,832.53, no report
 * text, two yellow 预警), 林草局 未报送. The draft states the sums 13,523.81 / 12,216.27 → 90.33%
 * (docs/domain-rules.md §17.2) and quotes A's own text; edits, 定稿 and 解除定稿 go through the store.
 */
import 'fake-indexeddb/auto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { DEPARTMENT_PARAGRAPH_KEYS, unitDeviationKey } from '@/domain/department'
import { paragraphsOf } from '@/domain/report'
import type { ReportModel } from '@/domain/report'
import type { StoredReport } from '@/domain/types'
import { db } from '@/db/schema'
import { writePackage } from '@/io/package'
import { useDepartmentStore } from '@/stores/department'
import { useDepartmentReportStore } from '@/stores/departmentReport'
import {
  alertOf,
  FIGURES_A,
  FIGURES_B,
  fixtureUnit,
  nodeFigures,
  submissionPackage,
  type FixtureUnit,
} from '../db/departmentFixtures'

const DEPT = 'dept-caizheng'
const A_DEVIATION = '预算执行方面：执行率25.70%，执行进度比51.4，为红灯预警，原因是土地整治项目尚未开工。'
let a: FixtureUnit
let b: FixtureUnit
const file = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name, { type: 'application/zip' })
const operator = { operator: '王科长', now: () => new Date('2021-07-06T01:00:00.000Z') }

beforeAll(async () => {
  a = await fixtureUnit('unit-a', '且末县自然资源局')
  b = await fixtureUnit('unit-b', '且末县水利局')
})

beforeEach(async () => {
  setActivePinia(createPinia())
  await Promise.all(db.tables.map((t) => t.clear()))
  await db.units.put({ id: DEPT, name: '且末县财政局', departments: [], monitoringGroup: [], financeOfficer: '' })
})

/** A's package with a 定稿 report whose 偏离情况 paragraph is A_DEVIATION. */
async function packageWithReport(): Promise<Uint8Array> {
  const figures = nodeFigures(a, FIGURES_A, { red: 1 })
  const model = {
    version: 1,
    title: '且末县自然资源局整体支出绩效监控报告',
    blocks: [
      {
        kind: 'paragraph',
        key: 'deviation',
        text: A_DEVIATION,
        drafted: A_DEVIATION,
        edited: false,
        userParagraph: false,
        needsInput: false,
      },
    ],
    budgetTable: { title: '', header: [], rows: [], widths: [] },
    indicatorTable: { title: '', header: [], rows: [], widths: [] },
  }
  const report: StoredReport = {
    nodeId: figures.nodeId,
    edits: {},
    frozen: { at: '2021-07-05T08:00:00.000Z', model },
    unlocks: [],
    updatedAt: '2021-07-05T08:00:00.000Z',
  }
  const written = await writePackage({
    kind: 'submission',
    unit: { id: a.id, name: a.name },
    year: 2021,
    node: { id: figures.nodeId, label: figures.nodeLabel },
    createdAt: '2021-07-05T08:30:00.000Z',
    parts: {
      'node.json': {
        figures,
        alerts: [alertOf(figures, 'red', '预算执行进度滞后')],
        measures: [],
        budgetJudgements: [],
      },
      'report.json': report,
      'unit-year.json': { unit: { id: a.id, name: a.name }, year: 2021 },
    },
    keyPair: a.keyPair,
  })
  if (!written.ok) throw new Error(written.messages.join('；'))
  return written.value
}

async function setUp() {
  const department = useDepartmentStore()
  await department.open(DEPT, '且末县财政局', 2021)
  await department.saveList([{ name: '且末县自然资源局' }, { name: '且末县水利局' }, { name: '且末县林草局' }])
  const figB = nodeFigures(b, FIGURES_B, { yellow: 2 })
  const previews = await department.previewPackages([
    file(await packageWithReport(), 'A.zip'),
    file(
      await submissionPackage(b, figB, {
        alerts: [alertOf(figB, 'yellow', '农田水利项目完成率低于预期'), alertOf(figB, 'yellow', '防汛物资采购偏慢')],
      }),
      'B.zip',
    ),
  ])
  const outcomes = await department.acceptPackages(previews, [a.fingerprint, b.fingerprint], operator)
  expect(outcomes.every((o) => o.ok)).toBe(true)
  expect(await department.review('unit-a', '2021-06-30', { kind: 'approve', opinion: '', reviewer: '王科长' })).toEqual(
    { ok: true },
  )
  const report = useDepartmentReportStore()
  await report.load()
  return { department, report }
}

const text = (model: ReportModel | null, key: string): string =>
  paragraphsOf(model ?? ({ blocks: [] } as unknown as ReportModel)).find((p) => p.key === key)?.text ?? ''

describe('部门汇总报告 store', () => {
  it("drafts from the sums and the ranking, quoting each unit's own 偏离情况", async () => {
    const { report } = await setUp()
    const model = report.model
    expect(model?.title).toBe('且末县财政局整体支出绩效监控汇总报告')
    expect(text(model, DEPARTMENT_PARAGRAPH_KEYS.budgetOverall)).toContain(
      '调整后预算合计13523.81万元，到位资金12630.56万元，到位率93.39%；执行数12216.27万元，执行率90.33%。',
    )
    expect(text(model, DEPARTMENT_PARAGRAPH_KEYS.overview)).toContain(
      '其中已通过1个、待审核1个）；未报送1个：且末县林草局。',
    )
    expect(text(model, unitDeviationKey('unit-a'))).toBe(`${A_DEVIATION}`)
    expect(text(model, unitDeviationKey('unit-b'))).toBe(
      '报送的定稿报告中没有偏离情况说明。该单位报送的预警2条：黄灯：农田水利项目完成率低于预期；黄灯：防汛物资采购偏慢。',
    )
    expect(report.release).toEqual({ kind: 'draft' })
    expect(report.pending.map((p) => p.key)).toEqual(['dept.measures', 'dept.suggestions', 'dept.other'])
  })

  it('saves a paragraph edit, 定稿 freezes the model as shown, 解除定稿 needs a reason and counts the version', async () => {
    const { report } = await setUp()
    const other = paragraphsOf(report.model as ReportModel).find((p) => p.key === DEPARTMENT_PARAGRAPH_KEYS.other)
    if (!other) throw new Error('no paragraph')
    expect(await report.saveParagraph(other, '林草局已电话催报。', null)).toEqual({ ok: true })
    expect(text(report.model, DEPARTMENT_PARAGRAPH_KEYS.other)).toBe('林草局已电话催报。')

    expect(await report.freeze()).toEqual({ ok: true })
    expect(report.locked).toBe(true)
    expect(report.release).toMatchObject({ kind: 'final', version: 1 })
    expect(text(report.frozenModel, DEPARTMENT_PARAGRAPH_KEYS.other)).toBe('林草局已电话催报。')
    const refused = await report.saveParagraph(other, '再改', '林草局已电话催报。')
    expect(refused.ok).toBe(false)

    // read again (as after an import or a 审核): the 定稿 report still shows the frozen model
    const before = JSON.stringify(report.model)
    await report.load()
    await nextTick()
    expect(JSON.stringify(report.model)).toBe(before)

    expect((await report.unlock('短')).ok).toBe(false)
    expect(await report.unlock('水利局重新报送，需更新汇总')).toEqual({ ok: true })
    expect(report.locked).toBe(false)
    expect(report.unlocks.map((u) => u.reason)).toEqual(['水利局重新报送，需更新汇总'])
    expect(await report.freeze()).toEqual({ ok: true })
    expect(report.release).toMatchObject({ kind: 'final', version: 2 })
  })
})
