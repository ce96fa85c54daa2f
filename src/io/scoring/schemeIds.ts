/**
 * The ids of a scheme read from a workbook. The file carries no ids (nothing a user would not
 * understand), so they are made again from what the file does carry, the same way every time:
 *
 * - an item named like an item of a built-in scheme (same 一级, 二级 and 三级指标) takes that item's id,
 *   and its parts named like the built-in item's parts take theirs: a unit that exported 广州2023自评表,
 *   changed a weight and imported it keeps every 管理指标 input it entered (they are keyed by item id);
 * - any other item takes an id made from its three names, a part from its name: reordering rows or
 *   changing a weight or a rule keeps the ids, renaming an item gives it a new one;
 * - the same names twice: the second gets '-2', the third '-3';
 * - the scheme: an id made from its name (the store keeping it may give it its own).
 */
import { BUILT_IN_SCHEMES } from '@/domain/scoring'
import type { SchemeItem } from '@/domain/scoring'

/** FNV-1a, 32 bits, in base 36: short, stable across runs and machines. */
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}

const nameKey = (level1: string, level2: string, level3: string): string =>
  [level1, level2, level3].map((s) => s.trim()).join('\u0001')

const builtInItems = new Map<string, SchemeItem>()
for (const scheme of BUILT_IN_SCHEMES)
  for (const item of scheme.items) {
    const key = nameKey(item.level1, item.level2, item.level3)
    if (!builtInItems.has(key)) builtInItems.set(key, item)
  }

/** Hands out ids, each once: a repeat gets '-2', '-3' … */
class IdPool {
  private readonly used = new Set<string>()
  take(base: string): string {
    let id = base
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`
    this.used.add(id)
    return id
  }
}

export interface PartNames {
  name: string
}

export interface ItemNames {
  level1: string
  level2: string
  level3: string
  parts: readonly PartNames[]
}

/** The ids of the items read, in order, and of each item's parts. */
export function schemeIds(items: readonly ItemNames[]): { id: string; partIds: string[] }[] {
  const pool = new IdPool()
  return items.map((item) => {
    const builtIn = builtInItems.get(nameKey(item.level1, item.level2, item.level3))
    const id = pool.take(builtIn?.id ?? `item-${hash(nameKey(item.level1, item.level2, item.level3))}`)
    const builtInParts = builtIn?.rule.kind === 'parts' ? builtIn.rule.parts : []
    const parts = new IdPool()
    const partIds = item.parts.map((part) => {
      const known = builtInParts.find((p) => p.name.trim() === part.name.trim())
      return parts.take(known?.id ?? `part-${hash(part.name.trim())}`)
    })
    return { id, partIds }
  })
}

/** The id of a scheme read from a file: made from its name. */
export function schemeIdOf(name: string): string {
  return `file-${hash(name.trim())}`
}
