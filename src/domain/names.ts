/**
 * Names are what they look like. A unit, project, budget line, indicator or framework name is stored
 * — and compared — in one normal form, so two names that look the same on screen are the same name:
 * “且末县自然资源局\u200b” (a zero-width space typed or pasted in) is 且末县自然资源局, and three budget lines
 * reading “工资福利支出” cannot exist because one of them hides a bidi mark.
 *
 * `normalizeName`:
 *  1. removes characters that draw nothing: zero-width space / non-joiner / joiner (U+200B–U+200D),
 *     word joiner and the invisible math operators (U+2060–U+2064), BOM / zero-width no-break space
 *     (U+FEFF), soft hyphen (U+00AD), Mongolian vowel separator (U+180E), and the bidi controls
 *     (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C);
 *  2. composes to NFC, so a character typed precomposed or as base + combining mark is one spelling,
 *     and a CJK compatibility ideograph becomes its unified ideograph. NFC, not NFKC: NFKC would also
 *     rewrite characters that look different and that finance officers write on purpose — full-width
 *     （一期）→ (一期), ① → 1, ㎡ → m2;
 *  3. turns every run of whitespace (space, tab, line break, no-break space, ideographic space U+3000
 *     …) into one ASCII space and trims both ends. A run is collapsed rather than removed: a page shows
 *     “工资福利  支出”, “工资福利 支出” and “工资福利\u3000支出” alike (HTML collapses runs, U+3000 reads as
 *     a blank), but “GIS 系统” and “GIS系统” differ visibly, and the space in a Latin name is part of it.
 *
 * Pure: no framework, used by db/* on every write of a name and by io/* before matching a cell.
 */
import type { BudgetLine, Indicator, IndicatorFramework, Project, Unit, UnitYearDataset } from './types'

/** Characters that draw nothing (zero-width, soft hyphen) and bidi controls: removed from names. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g
const INVISIBLE_ONE = new RegExp(INVISIBLE.source)
/** JS `\s`: ASCII blanks, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF. */
const WHITESPACE_RUN = /\s+/g

/** The name in its normal form: invisibles removed, NFC, inner blanks as one space, trimmed. */
export function normalizeName(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC').replace(WHITESPACE_RUN, ' ').trim()
}

/** True when `text` holds a character `normalizeName` removes because it draws nothing. */
export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE_ONE.test(text)
}

/**
 * The note a refusal adds when the typed name hid characters, so the user sees why a name that differs
 * in the input is “the same”: '（输入的名称含有看不见的字符，去除后与已有名称相同）', else ''.
 */
export function invisibleNote(typed: string): string {
  return hasInvisibleCharacters(typed) ? '（输入的名称含有看不见的字符，去除后与已有名称相同）' : ''
}

/** The names normalised, each kept once, in order of first appearance. */
function uniqueNames(names: readonly string[]): string[] {
  return [...new Set(names.map(normalizeName))]
}

/** The unit with its name, 科室, 财务负责人 and 监控小组 members' names normalised; look-alike 科室 kept once. */
export function normalizeUnitNames(unit: Unit): Unit {
  return {
    ...unit,
    name: normalizeName(unit.name),
    departments: uniqueNames(unit.departments).filter((d) => d !== ''),
    financeOfficer: normalizeName(unit.financeOfficer),
    monitoringGroup: unit.monitoringGroup.map((m) => ({ ...m, name: normalizeName(m.name) })),
  }
}

/** The project with its name and 责任科室 normalised. */
export function normalizeProjectNames(project: Project): Project {
  return { ...project, name: normalizeName(project.name), department: normalizeName(project.department) }
}

/** The budget line with its 预算项目名称 normalised. */
export function normalizeBudgetLineNames(line: BudgetLine): BudgetLine {
  return { ...line, name: normalizeName(line.name) }
}

/**
 * The indicator with 一级, 二级, 三级 and 计量单位 normalised. 计量单位 counts as a name because the
 * rules compare it with fixed words: ‘万元\u200b’ must still make a cost ceiling (`isCostCeiling`).
 */
export function normalizeIndicatorNames(indicator: Indicator): Indicator {
  return {
    ...indicator,
    level1: normalizeName(indicator.level1),
    level2: normalizeName(indicator.level2),
    name: normalizeName(indicator.name),
    measureUnit: normalizeName(indicator.measureUnit),
  }
}

/**
 * The framework with every 一级 and 二级 name normalised. 一级 entries that are then the same name
 * are one entry (its 二级 lists joined, in order), and a 二级 repeated under one 一级 is kept once:
 * look-alikes are the same row, so indicators filed under either stay under it.
 */
export function normalizeFrameworkNames(framework: IndicatorFramework): IndicatorFramework {
  const level1: IndicatorFramework['level1'] = []
  for (const entry of framework.level1) {
    const name = normalizeName(entry.name)
    const found = level1.find((l) => l.name === name)
    if (found) found.level2 = uniqueNames([...found.level2, ...entry.level2])
    else level1.push({ name, level2: uniqueNames(entry.level2) })
  }
  return { ...framework, level1 }
}

/** The unit-year with the names of its unit, framework, projects, budget lines and indicators normalised. */
export function normalizeDatasetNames(dataset: UnitYearDataset): UnitYearDataset {
  return {
    ...dataset,
    unit: normalizeUnitNames(dataset.unit),
    framework: normalizeFrameworkNames(dataset.framework),
    projects: dataset.projects.map(normalizeProjectNames),
    budgetLines: dataset.budgetLines.map(normalizeBudgetLineNames),
    indicators: dataset.indicators.map(normalizeIndicatorNames),
  }
}

/**
 * What makes two budget lines of one unit-year the same line: 支出类别, 经费类型, 项目, the normalised
 * 预算项目名称 and 资金来源 — the natural key the Excel import matches lines by (经费类型 included, since
 * the import tells 人员经费 and 公用经费 lines of one name apart).
 */
export function budgetLineIdentity(
  line: Pick<BudgetLine, 'category' | 'subCategory' | 'projectId' | 'name' | 'fundSource'>,
): string {
  return [line.category, line.subCategory ?? '', line.projectId ?? '', normalizeName(line.name), line.fundSource].join(
    '\u0001',
  )
}

/** Rows of one key, some of them new to it: what `newLookAlikes` reports. */
export interface LookAlikeGroup<T> {
  /** every row with the key, in the order given */
  rows: T[]
  /** those that are new or had another key before: the rows the write would make look alike */
  newcomers: T[]
}

/**
 * Rows that would newly look alike: each group of `rows` sharing a key (`keyOf` normalises) in which
 * some row is new (its id not in `before`) or had another key in `before`. A group every member of
 * which already had that key is left alone: look-alikes stored before names were normalised can then
 * still be edited (and renamed apart), but no write adds one.
 */
export function newLookAlikes<T extends { id: string }>(
  rows: readonly T[],
  before: readonly T[],
  keyOf: (row: T) => string,
): LookAlikeGroup<T>[] {
  const keyBefore = new Map(before.map((row) => [row.id, keyOf(row)]))
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = keyOf(row)
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }
  const found: LookAlikeGroup<T>[] = []
  for (const [key, group] of groups) {
    if (group.length < 2) continue
    const newcomers = group.filter((row) => keyBefore.get(row.id) !== key)
    if (newcomers.length > 0) found.push({ rows: group, newcomers })
  }
  return found
}
