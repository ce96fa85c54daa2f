/**
 * The 部门汇总报告's row (schema version 5, docs/domain-rules.md §17.6): paragraph edits, 定稿 (edits
 * refused until 解除定稿), 解除定稿 with a reason whose audit row keeps the issued model, 第N版 counting
 * the 解除定稿, another tab's edit of the same paragraph refused, and the table in the backup.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { departmentReportRelease } from '@/domain/department'
import {
  freezeDepartmentReport,
  getDepartmentReport,
  saveDepartmentReportEdits,
  unlockDepartmentReport,
} from '@/db/departmentReports'
import { canonicalJson, checkBackupText, createBackup, restoreFromText, sha256Hex } from '@/db/backup'
import { expectFailure, expectOk, freshDb } from './helpers'

const DEPT = 'dept-caizheng'
const JUNE = '2021-06-30'
const MODEL = { version: 1, title: '且末县财政局整体支出绩效监控汇总报告', figure: '90.33%' }

describe('部门汇总报告 edits, 定稿 and 解除定稿', () => {
  it('keeps edits per 主管部门 and date, and refuses them once 定稿', async () => {
    const database = freshDb()
    expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.other': '无。' }, { database }))
    expectOk(await saveDepartmentReportEdits('other-dept', JUNE, { 'dept.other': '另一部门' }, { database }))
    expect(await getDepartmentReport(DEPT, JUNE, { database })).toMatchObject({
      id: `${DEPT}|${JUNE}`,
      departmentUnitId: DEPT,
      asOfDate: JUNE,
      edits: { 'dept.other': '无。' },
      unlocks: [],
    })
    expect(await getDepartmentReport(DEPT, '2021-09-30', { database })).toBeUndefined()

    const frozen = expectOk(await freezeDepartmentReport(DEPT, JUNE, MODEL, { database }))
    expect(frozen.frozen?.model).toEqual(MODEL)
    expect(departmentReportRelease(frozen)).toEqual({ kind: 'final', version: 1, frozenAt: frozen.frozen?.at })
    expect(expectFailure(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.other': '改' }, { database }))).toBe(
      '部门汇总报告已定稿，须先解除定稿才能修改，本次保存未写入任何数据。',
    )
    expect(expectFailure(await freezeDepartmentReport(DEPT, JUNE, MODEL, { database }))).toBe(
      '部门汇总报告已定稿，不能重复定稿。',
    )
    expect((await getDepartmentReport(DEPT, JUNE, { database }))?.edits).toEqual({ 'dept.other': '无。' })
  })

  it('needs a reason to 解除定稿, keeps the issued model in the audit log, and the next 定稿 is 第2版', async () => {
    const database = freshDb()
    expectOk(await freezeDepartmentReport(DEPT, JUNE, MODEL, { database }))
    expect(expectFailure(await unlockDepartmentReport(DEPT, JUNE, '更正', { database }))).toContain(
      '请填写解除定稿的原因（至少4个字）',
    )
    const unlocked = expectOk(await unlockDepartmentReport(DEPT, JUNE, '水利局重新报送，需更新汇总', { database }))
    expect(unlocked.frozen).toBeUndefined()
    expect(unlocked.unlocks.map((u) => u.reason)).toEqual(['水利局重新报送，需更新汇总'])
    expect(departmentReportRelease(unlocked)).toEqual({ kind: 'draft' })
    const audit = await database.auditLog.where('table').equals('departmentReports').toArray()
    expect(audit.at(-1)?.before).toMatchObject({ frozen: true, model: MODEL })
    expect(audit.at(-1)?.after).toEqual({ frozen: false, unlockReason: '水利局重新报送，需更新汇总' })

    expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.other': '补充说明。' }, { database }))
    const again = expectOk(await freezeDepartmentReport(DEPT, JUNE, { ...MODEL, figure: '91.00%' }, { database }))
    expect(departmentReportRelease(again)).toMatchObject({ kind: 'final', version: 2 })
    expect(expectFailure(await unlockDepartmentReport(DEPT, '2021-09-30', '没有定稿的节点', { database }))).toBe(
      '部门汇总报告未定稿，无需解除定稿。',
    )
  })

  it("refuses a paragraph another tab changed since this page read it, and keeps that tab's other edits", async () => {
    const database = freshDb()
    expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.ranking': '甲' }, { database }))
    // another tab: edits 'dept.ranking' and adds 'dept.other'
    expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.ranking': '乙', 'dept.other': '丙' }, { database }))
    const refused = await saveDepartmentReportEdits(
      DEPT,
      JUNE,
      { 'dept.ranking': '丁' },
      { basis: { 'dept.ranking': '甲' }, database },
    )
    expect(refused.ok ? [] : refused.conflicts).toEqual([
      { table: 'departmentReports', key: 'dept.ranking', theirs: '乙' },
    ])
    expectOk(
      await saveDepartmentReportEdits(
        DEPT,
        JUNE,
        { 'dept.ranking': '乙', 'dept.suggestions': '戊' },
        { basis: { 'dept.ranking': '乙' }, database },
      ),
    )
    expect((await getDepartmentReport(DEPT, JUNE, { database }))?.edits).toEqual({
      'dept.ranking': '乙',
      'dept.other': '丙',
      'dept.suggestions': '戊',
    })
  })
})

describe('部门汇总报告 in the backup', () => {
  it('backs the table up and restores it unchanged, 定稿 included', async () => {
    const source = freshDb()
    expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.other': '无。' }, { database: source }))
    expectOk(await freezeDepartmentReport(DEPT, JUNE, MODEL, { database: source }))
    const { text, backup } = await createBackup({ now: new Date('2021-07-10T08:00:00Z'), database: source })
    expect(backup.counts.departmentReports).toBe(1)
    const target = freshDb()
    const restored = await restoreFromText(text, { database: target })
    expect(restored.ok ? restored.value.departmentReports : restored.messages).toBe(1)
    expect(await target.departmentReports.toArray()).toStrictEqual(await source.departmentReports.toArray())
  })

  it('restores a schema version 4 backup (no such table) with the table empty, and refuses a malformed row', async () => {
    const source = freshDb()
    expectOk(await saveDepartmentReportEdits(DEPT, JUNE, { 'dept.other': '无。' }, { database: source }))
    const { backup } = await createBackup({ now: new Date('2021-07-10T08:00:00Z'), database: source })
    const withTables = async (tables: Record<string, unknown[]>, schemaVersion: number) => {
      const counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]))
      const { checksum: _c, signature: _s, ...rest } = backup
      const body = { ...rest, schemaVersion, tables, counts }
      return JSON.stringify({
        ...body,
        checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(body)) },
      })
    }
    const { departmentReports: _dropped, ...v4Tables } = backup.tables
    const target = freshDb()
    const restored = await restoreFromText(await withTables(v4Tables, 4), { database: target })
    expect(restored.ok ? restored.value.departmentReports : restored.messages).toBe(0)

    const broken = await checkBackupText(
      await withTables({ ...backup.tables, departmentReports: [{ id: 'x', departmentUnitId: DEPT }] }, 5),
    )
    expect(broken.ok ? [] : broken.messages.join('；')).toContain('部门汇总报告')
  })
})
