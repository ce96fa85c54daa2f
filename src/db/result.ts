/**
 * What every write function returns to the UI: the domain's `Result` — a value, or the Chinese
 * sentence saying what went wrong. Raw Dexie/IndexedDB exceptions stop here; the original error rides
 * along as `cause` for logs. `Row` types the `conflicts` of a write that checks its editor's basis.
 */
import type { Result } from '@/domain/result'

export type WriteResult<T = undefined, Row = never> = Result<T, Row>

/** A refusal decided by our own code (bad reference, locked node …); its message is shown as is. */
export class DbWriteError extends Error {
  override readonly name = 'DbWriteError'
}

const NOTHING_WRITTEN = '本次保存未写入任何数据。'

/**
 * Raised inside a write when a row is no longer what the editor started from: two tabs (or two
 * people on one PC) edited the same record. Nothing is written; the UI shows both and lets the user
 * choose — overwrite with theirs kept in the audit log, or take the other version. The rows go back
 * typed through the write's `ConflictCheck` (db/write.ts), not through this error.
 */
export class WriteConflictError extends DbWriteError {
  constructor() {
    super(`您编辑期间，这条数据已在其他窗口被修改并保存。为避免覆盖对方的修改，${NOTHING_WRITTEN}请选择保留哪一份。`)
  }
}

/** Error names raised by IndexedDB / Dexie, mapped to what a finance officer can act on; other names have none. */
const MESSAGES: Partial<Record<string, string>> = {
  QuotaExceededError: `浏览器存储空间不足，${NOTHING_WRITTEN}`,
  ConstraintError: `数据重复：同一条记录已存在（例如同一预算行同一月份录入了两次），${NOTHING_WRITTEN}`,
  DataError: `数据缺少编号或编号无效，${NOTHING_WRITTEN}`,
  DataCloneError: `数据中含有无法保存的值，${NOTHING_WRITTEN}`,
  VersionError: '浏览器中的数据由更新版本的本程序保存，请使用最新版本打开。',
  DatabaseClosedError: `浏览器数据库已关闭或无法打开（可能处于隐私模式或被其他页面占用），${NOTHING_WRITTEN}`,
  OpenFailedError: `浏览器数据库无法打开（可能处于隐私模式或被其他页面占用），${NOTHING_WRITTEN}`,
  InvalidStateError: `浏览器数据库当前不可用，请刷新页面后重试，${NOTHING_WRITTEN}`,
}

/** Dexie wraps the real cause (AbortError.inner, BulkError.failures); look through the wrappers. */
function causes(error: unknown, depth = 0): unknown[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [error]
  const found: unknown[] = [error]
  if ('inner' in error && error.inner) found.push(...causes(error.inner, depth + 1))
  if ('failures' in error && Array.isArray(error.failures)) {
    for (const failure of error.failures) found.push(...causes(failure, depth + 1))
  }
  return found
}

function nameOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined
}

/** One Chinese sentence for any error thrown by a write. */
export function describeWriteError(error: unknown): string {
  const chain = causes(error)
  const own = chain.find((e) => e instanceof DbWriteError)
  if (own instanceof DbWriteError) return own.message
  for (const e of chain) {
    const name = nameOf(e)
    // a name without a sentence here says nothing a finance officer can act on: look further down the chain
    const message = name === undefined ? undefined : MESSAGES[name]
    if (message !== undefined) return message
  }
  const name = chain.map(nameOf).find((n) => n !== undefined && n !== 'AbortError' && n !== 'BulkError')
  return `保存失败（${name ?? '未知错误'}），${NOTHING_WRITTEN}`
}
