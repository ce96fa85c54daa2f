/**
 * Untrusted input (docs/reliability.md §5): malformed workbooks and backup files — wrong types, missing sheets or
 * tables, duplicate rows, huge numbers, empty and truncated files, Chinese and emoji text — are each
 * refused with a Chinese message, and the database (holding the seed 001 demo, with a 预算研判 of every
 * budget line and a 分月计划 so every sheet of the export has rows) is exactly as before.
 * 130 mutated + 31 other workbooks + 130 backup files = 291 malformed inputs.
 */
import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { DEMO_UNIT_ID, DEMO_YEAR, qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { saveUnitYear } from '@/db/datasets'
import { canonicalJson, createBackup, restoreFromText, sha256Hex } from '@/db/backup'
import { commitWorkbook, exportBytes, previewWorkbook } from '@/stores/dataTransfer'
import { readGrids } from '@/io/excel/workbook'
import type { MonitoringDb } from '@/db/schema'
import type { UnitYearDataset } from '@/domain/types'
import { expectOk, freshDb, snapshot } from '../db/helpers'

let database: MonitoringDb
let before: Record<string, unknown[]>
let validXlsx: Uint8Array
let validBackup: string

function fullDemo(): UnitYearDataset {
  const demo = qiemo2021Dataset()
  return {
    ...demo,
    budgetJudgements: demo.budgetLines.map((l) => ({
      id: `demo-bj-${l.id}`,
      nodeId: demo.nodes[0].id,
      budgetLineId: l.id,
      yearEndForecast: l.initialBudget,
      likelihood: '确定能' as const,
      deviationCauses: [],
      deviationText: '',
    })),
    indicators: demo.indicators.map((ind) =>
      ind.name === '办理建设项目用地初审'
        ? { ...ind, monthlyPlan: ['1', '2', '3', '5', '6', '8', '9', '10', '11', '12', '14', '15'] }
        : ind,
    ),
  }
}

beforeAll(async () => {
  database = freshDb()
  expectOk(await saveUnitYear(fullDemo(), { database }))
  validXlsx = new Uint8Array((await exportBytes(DEMO_UNIT_ID, DEMO_YEAR, { database })) as ArrayBuffer)
  expect(validXlsx.length).toBeGreaterThan(5000)
  const valid = await previewWorkbook(validXlsx, { database })
  expect(valid.ok).toBe(true)
  if (valid.ok) {
    // The mutations below reach every sheet: each has data rows to break.
    for (const name of ['监控小组', '绩效目标', '预算研判', '纠偏措施', '管理指标'])
      expect(valid.value.grids.find((g) => g.name === name)?.rows.length, name).toBeGreaterThan(1)
  }
  validBackup = (await createBackup({ now: new Date('2021-07-01T00:00:00Z'), database })).text
  before = await snapshot(database)
})

const text = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 12,
  }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.constantFrom('🎯📊', '１，２ａ', '一百万元', '=1+1', 'NaN', '∞'),
)
const notAnAmount = text.filter((t) => !/^[\s\d.,，。（）()+\-万元０-９．]*$/.test(t))
const huge = fc.oneof(
  fc.double({ min: 1e15, max: 1e300, noNaN: true }),
  fc.constantFrom('999999999999999', '1,000,000,000,000'),
)

type Mutation = (wb: ExcelJS.Workbook) => void
const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no ${name}`)
  return ws
}
const workbookMutation: fc.Arbitrary<{ label: string; apply: Mutation }> = fc.oneof(
  fc.constantFrom('单位信息', '预算执行', '绩效指标', '指标填报').map((name) => ({
    label: `missing sheet ${name}`,
    apply: (wb: ExcelJS.Workbook) => {
      wb.removeWorksheet(sheet(wb, name).id)
    },
  })),
  fc.tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 7, max: 34 }), notAnAmount).map(([row, col, value]) => ({
    label: `bad amount ${row}/${col}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '预算执行').getRow(row).getCell(col).value = value
    },
  })),
  fc.tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 7, max: 34 }), huge).map(([row, col, value]) => ({
    label: `huge amount ${row}/${col}`,
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '预算执行')
      ws.getRow(row).getCell(col).value = value
      // keep the month pair filled so the only problem is the size
      if (col >= 11) ws.getRow(row).getCell(col <= 22 ? col + 12 : col - 12).value = 1
    },
  })),
  fc
    .tuple(fc.integer({ min: 2, max: 6 }), fc.constantFrom<ExcelJS.CellValue>(true, new Date(Date.UTC(2021, 0, 1))))
    .map(([row, value]) => ({
      label: `wrong type in 年初预算 row ${row}`,
      apply: (wb: ExcelJS.Workbook) => {
        sheet(wb, '预算执行').getRow(row).getCell(7).value = value
      },
    })),
  fc.integer({ min: 2, max: 6 }).map((row) => ({
    label: `duplicate budget row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '预算执行')
      const values = ws.getRow(row).values
      ws.getRow(ws.rowCount + 1).values = values
    },
  })),
  fc.integer({ min: 2, max: 23 }).map((row) => ({
    label: `duplicate indicator row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '绩效指标')
      ws.getRow(ws.rowCount + 1).values = ws.getRow(row).values
    },
  })),
  fc
    .tuple(fc.constantFrom('预算执行', '绩效指标', '指标填报'), fc.integer({ min: 1, max: 11 }), text)
    .map(([name, col, value]) => ({
      label: `header ${name} ${col}`,
      apply: (wb: ExcelJS.Workbook) => {
        sheet(wb, name).getRow(1).getCell(col).value = `${value}列`
      },
    })),
  fc.tuple(fc.integer({ min: 2, max: 23 }), text).map(([row, value]) => ({
    label: `unknown operator row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '绩效指标').getRow(row).getCell(5).value = value
    },
  })),
  fc.tuple(fc.integer({ min: 2, max: 23 }), text).map(([row, value]) => ({
    label: `reading of unknown indicator row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '指标填报').getRow(row).getCell(5).value = `${value}（不存在）`
    },
  })),
  fc
    .oneof(
      fc.constant(null),
      fc.constant('  '),
      text.filter((t) => !/^\d{4}/.test(t)),
    )
    .map((value) => ({
      label: `bad 年度 ${String(value)}`,
      apply: (wb: ExcelJS.Workbook) => {
        sheet(wb, '单位信息').getCell('B3').value = value
      },
    })),
  fc.constant({
    label: 'empty 单位名称',
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '单位信息').getCell('B2').value = null
    },
  }),
  // Template version 3: 调整月份 (AI) and the unit's 到位资金口径 / 执行率口径 (B7 / B8).
  fc
    .tuple(
      fc.integer({ min: 2, max: 6 }),
      fc.oneof(
        fc.integer({ min: 13, max: 9999 }),
        fc.constantFrom<ExcelJS.CellValue>(0, -1, 2.5, '九月', '13月'),
        text.map((t) => `${t}？`),
      ),
    )
    .map(([row, value]) => ({
      label: `bad 调整月份 row ${row}`,
      apply: (wb: ExcelJS.Workbook) => {
        sheet(wb, '预算执行').getRow(row).getCell(35).value = value
      },
    })),
  fc.tuple(fc.constantFrom('B7', 'B8'), text).map(([cell, value]) => ({
    label: `bad 口径 ${cell}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '单位信息').getCell(cell).value = `${value}？`
    },
  })),
  // The sheets of template version 2.
  fc.tuple(fc.integer({ min: 2, max: 9 }), text).map(([row, value]) => ({
    label: `bad 小组分工 row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '监控小组').getRow(row).getCell(3).value = `${value}职`
    },
  })),
  fc.integer({ min: 2, max: 9 }).map((row) => ({
    label: `blank 姓名 row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '监控小组').getRow(row).getCell(1).value = null
    },
  })),
  fc.integer({ min: 2, max: 9 }).map((row) => ({
    label: `duplicate member row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '监控小组')
      ws.getRow(ws.rowCount + 1).values = ws.getRow(row).values
    },
  })),
  fc.constant({
    label: 'duplicate 绩效目标 row',
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '绩效目标')
      ws.getRow(ws.rowCount + 1).values = ['整体', '另一个目标']
    },
  }),
  fc.tuple(fc.integer({ min: 12, max: 23 }), notAnAmount).map(([col, value]) => ({
    label: `bad 分月计划 col ${col}`,
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '绩效指标')
      ws.eachRow((row) => {
        if (row.getCell(4).value === '办理建设项目用地初审') row.getCell(col).value = value
      })
    },
  })),
  fc
    .tuple(fc.integer({ min: 3, max: 23 }), fc.integer({ min: 12, max: 23 }), fc.integer({ min: 1, max: 99 }))
    .map(([row, col, value]) => ({
      label: `partial 分月计划 row ${row}`,
      apply: (wb: ExcelJS.Workbook) => {
        const r = sheet(wb, '绩效指标').getRow(row)
        // rows other than the planned one have no plan: one month alone is refused
        if (r.getCell(4).value !== '办理建设项目用地初审') r.getCell(col).value = value
        else r.getCell(col).value = null
      },
    })),
  fc.tuple(fc.integer({ min: 2, max: 6 }), fc.oneof(notAnAmount, huge)).map(([row, value]) => ({
    label: `bad 全年预计执行数 row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '预算研判').getRow(row).getCell(7).value = value
    },
  })),
  fc.tuple(fc.integer({ min: 2, max: 6 }), text).map(([row, value]) => ({
    label: `预算研判 of unknown line row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '预算研判').getRow(row).getCell(5).value = `${value}（不存在）`
    },
  })),
  fc
    .tuple(fc.integer({ min: 2, max: 6 }), fc.constantFrom('2020-06-30', '2021-02-30', '六月底', 'NaN'))
    .map(([row, value]) => ({
      label: `bad 预算研判 date row ${row}`,
      apply: (wb: ExcelJS.Workbook) => {
        sheet(wb, '预算研判').getRow(row).getCell(1).value = value
      },
    })),
  fc.integer({ min: 2, max: 6 }).map((row) => ({
    label: `duplicate 预算研判 row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      const ws = sheet(wb, '预算研判')
      ws.getRow(ws.rowCount + 1).values = ws.getRow(row).values
    },
  })),
  fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 7 }), text).map(([row, col, value]) => ({
    label: `bad 纠偏措施 cell ${row}/${col}`,
    apply: (wb: ExcelJS.Workbook) => {
      const r = sheet(wb, '纠偏措施').getRow(row)
      // 措施类型, 完成时限 and 状态 refuse free text; 措施内容 is required
      if (col === 3) r.getCell(3).value = null
      else r.getCell([2, 6, 7][col % 3]).value = `${value}？`
    },
  })),
  fc
    .tuple(fc.constantFrom('监控小组', '绩效目标', '预算研判', '纠偏措施'), fc.integer({ min: 1, max: 2 }), text)
    .map(([name, col, value]) => ({
      label: `header ${name} ${col}`,
      apply: (wb: ExcelJS.Workbook) => {
        sheet(wb, name).getRow(1).getCell(col).value = `${value}列`
      },
    })),
  // 管理指标 (template version 4): rows 2–14 name the 13 amounts; 数值 in column B
  fc.tuple(fc.integer({ min: 2, max: 14 }), fc.oneof(notAnAmount, huge)).map(([row, value]) => ({
    label: `bad 管理指标 数值 row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '管理指标').getRow(row).getCell(2).value = value
    },
  })),
  fc.tuple(fc.integer({ min: 2, max: 14 }), text).map(([row, value]) => ({
    label: `unknown 管理指标 名称 row ${row}`,
    apply: (wb: ExcelJS.Workbook) => {
      sheet(wb, '管理指标').getRow(row).getCell(1).value = `${value}（不存在）`
    },
  })),
  fc.constant({
    label: 'every data row removed',
    apply: (wb: ExcelJS.Workbook) => {
      for (const name of [
        '监控小组',
        '预算执行',
        '绩效目标',
        '绩效指标',
        '指标填报',
        '预算研判',
        '纠偏措施',
        '管理指标',
      ]) {
        const header = sheet(wb, name).getRow(1).values
        wb.removeWorksheet(sheet(wb, name).id)
        wb.addWorksheet(name).getRow(1).values = header
      }
      sheet(wb, '单位信息').getCell('B6').value = null
    },
  }),
)

async function mutatedWorkbook(m: Mutation): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(validXlsx.slice() as unknown as ArrayBuffer)
  m(wb)
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer
}

async function expectRefusedWorkbook(bytes: ArrayBuffer | Uint8Array, label = ''): Promise<void> {
  const preview = await previewWorkbook(bytes, { database })
  expect(preview.ok, label).toBe(false)
  if (!preview.ok) {
    expect(preview.problems.length).toBeGreaterThan(0)
    for (const p of preview.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/)
  }
  // Even a direct commit of the same sheets writes nothing.
  let grids = null
  try {
    grids = await readGrids(bytes)
  } catch {
    grids = null
  }
  if (grids) expect((await commitWorkbook(grids, { database })).ok).toBe(false)
  expect(await snapshot(database)).toEqual(before)
}

describe('malformed workbooks are refused and write nothing', () => {
  it('130 mutated templates', async () => {
    await fc.assert(
      fc.asyncProperty(workbookMutation, async (m) => {
        await expectRefusedWorkbook(await mutatedWorkbook(m.apply), m.label)
      }),
      { numRuns: 130, seed: 20211231 },
    )
  }, 180_000)

  it('30 empty, truncated or random files', async () => {
    const file = fc.oneof(
      fc.constant(new Uint8Array(0)),
      fc.integer({ min: 1, max: 4000 }).map((n) => validXlsx.slice(0, Math.min(n, validXlsx.length - 1))),
      fc.uint8Array({ minLength: 1, maxLength: 2000 }),
      text.map((t) => new TextEncoder().encode(t)),
      fc.constant(new TextEncoder().encode('单位名称,年度\n且末县,2021')),
    )
    await fc.assert(
      fc.asyncProperty(file, async (bytes) => {
        await expectRefusedWorkbook(bytes.slice())
      }),
      { numRuns: 30, seed: 7 },
    )
  }, 60_000)

  it('a workbook without any sheet', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Sheet1')
    await expectRefusedWorkbook((await wb.xlsx.writeBuffer()) as ArrayBuffer)
  })
})

// ── Backups ─────────────────────────────────────────────────────────────────

type Json = Record<string, unknown>
async function resealed(mutate: (b: Json) => void): Promise<string> {
  const backup = JSON.parse(validBackup) as Json
  mutate(backup)
  const { checksum: _ignored, ...body } = backup
  const value = await sha256Hex(
    canonicalJson({
      format: body.format,
      formatVersion: body.formatVersion,
      schemaVersion: body.schemaVersion,
      createdAt: body.createdAt,
      counts: body.counts,
      tables: body.tables,
    }),
  )
  return JSON.stringify({ ...backup, checksum: { algorithm: 'SHA-256', value } })
}
const tables = (b: Json) => b.tables as Record<string, Json[]>
const TABLES = [
  'units',
  'frameworks',
  'projects',
  'budgetLines',
  'monthlyExecutions',
  'targets',
  'indicators',
  'nodes',
  'readings',
  'measures',
  'auditLog',
  'meta',
]
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  text,
  fc.constant(1e308),
)

const backupMutation: fc.Arbitrary<{ label: string; make: () => Promise<string> }> = fc.oneof(
  fc.integer({ min: 0, max: 100000 }).map((n) => ({
    label: `truncated at ${n}`,
    make: async () => validBackup.slice(0, Math.min(n, validBackup.length - 1)),
  })),
  fc.constant({ label: 'empty', make: async () => '' }),
  text.map((t) => ({ label: 'not json', make: async () => t })),
  fc.constantFrom(...TABLES).map((name) => ({
    label: `missing table ${name}`,
    make: () =>
      resealed((b) => {
        delete tables(b)[name]
      }),
  })),
  fc
    .tuple(
      fc.constantFrom('units', 'budgetLines', 'monthlyExecutions', 'indicators', 'readings', 'nodes'),
      fc.nat(),
      wrongValue,
    )
    .map(([name, i, value]) => ({
      label: `wrong type in ${name}`,
      make: () =>
        resealed((b) => {
          const rows = tables(b)[name]
          const row = rows[i % rows.length]
          const field =
            Object.keys(row).filter((k) => k !== 'deviationText' && k !== 'description')[i % Object.keys(row).length] ??
            'id'
          row[field] = typeof row[field] === 'string' && typeof value === 'string' ? 1 : value
        }),
    })),
  fc.tuple(fc.constantFrom('monthlyExecutions', 'units', 'budgetLines', 'readings'), fc.nat()).map(([name, i]) => ({
    label: `duplicate row in ${name}`,
    make: () =>
      resealed((b) => {
        const rows = tables(b)[name]
        rows.push({ ...rows[i % rows.length] })
        ;(b.counts as Record<string, number>)[name] += 1
      }),
  })),
  fc.tuple(fc.nat(), text).map(([i, t]) => ({
    label: 'edited text, stale checksum',
    make: async () => {
      const b = JSON.parse(validBackup) as Json
      const rows = tables(b).indicators
      rows[i % rows.length].name = `${String(rows[i % rows.length].name)}${t}`
      return JSON.stringify(b)
    },
  })),
  fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => ({
    label: `forbidden key ${key}`,
    make: async () => validBackup.replace('"tables":{', `"tables":{"${key}":{"polluted":true},`),
  })),
  fc.constant({
    label: 'too deep',
    make: async () => validBackup.replace('"tables":{', `"deep":${'['.repeat(5000)}${']'.repeat(5000)},"tables":{`),
  }),
  fc
    .tuple(
      fc.constantFrom('formatVersion', 'schemaVersion'),
      fc.oneof(fc.constant(99), fc.constant('1'), fc.constant(0), fc.constant(1.5)),
    )
    .map(([field, v]) => ({
      label: `bad ${field}`,
      make: () =>
        resealed((b) => {
          b[field] = v
        }),
    })),
  fc.constant({ label: 'not ours', make: async () => JSON.stringify({ hello: '世界🌏' }) }),
  huge.map((h) => ({
    label: 'huge month',
    make: () =>
      resealed((b) => {
        tables(b).monthlyExecutions[0].month = typeof h === 'number' ? h : Number(h)
      }),
  })),
  fc.constant({
    label: 'unknown table',
    make: () =>
      resealed((b) => {
        tables(b)['外来表'] = []
      }),
  }),
  fc.constant({
    label: 'row count mismatch',
    make: () =>
      resealed((b) => {
        ;(b.counts as Record<string, number>).budgetLines = 99
      }),
  }),
)

describe('malformed backup files are refused and restore nothing', () => {
  it('130 mutated backups', async () => {
    await fc.assert(
      fc.asyncProperty(backupMutation, async (m) => {
        const result = await restoreFromText(await m.make(), { database })
        expect(result.ok, m.label).toBe(false)
        if (!result.ok) {
          expect(result.messages.length).toBeGreaterThan(0)
          for (const message of result.messages) expect(message).toMatch(/[\u4e00-\u9fa5]/)
        }
        expect(await snapshot(database)).toEqual(before)
      }),
      { numRuns: 130, seed: 42 },
    )
  }, 120_000)

  it('the untouched backup does restore (the fixtures are sound)', async () => {
    const other = freshDb()
    const result = await restoreFromText(validBackup, { database: other })
    expect(result.ok).toBe(true)
    expect(await snapshot(other)).toEqual(before)
  })
})
