/**
 * The one shape of an outcome, in every layer: a value, or a refusal saying why in Chinese sentences
 * for the user. Problems are data, never thrown, so a view can show every issue of a form at once, and
 * a save refused because another tab changed the same rows first can name them (`conflicts`).
 */

export interface ValidationIssue {
  /** the field of the checked record the issue is about, e.g. 'actualValue', 'reductions' */
  field: string
  /** stable machine code, e.g. 'deviation.causeRequired' (tests and UI logic key on it) */
  code: string
  /** one Chinese sentence for the user */
  message: string
  severity: 'error' | 'warning'
}

/**
 * A row the user saved that another tab (or a colleague on the same PC) changed since the editor
 * loaded it. Nothing was written; the editor shows both versions and the user chooses.
 */
export interface WriteConflict<Row> {
  /** the table the row lives in: 'readings', 'settings' … */
  table: string
  /** the row's key as the write reports it: its id, or what the editor keys its rows by (an indicator id, an `executionKey`, a paragraph key) */
  key: string
  /** the row as stored now, saved by the other side (null: deleted there, or never stored) */
  theirs: Row | null
}

/** Why an action, a check or a write was refused. Nothing was written. */
export interface Refusal<Row = never> {
  ok: false
  /** one Chinese sentence each, shown to the user as they are */
  messages: string[]
  /** a domain check's findings field by field (`messages` are theirs), for a form to place them */
  issues?: ValidationIssue[]
  /** set when a save was refused because another tab changed these rows first */
  conflicts?: WriteConflict<Row>[]
  /** the exception behind a failed write, for logs */
  cause?: unknown
}

export interface Ok<T> {
  ok: true
  value: T
}

/**
 * What an action, a check or a write returns. `Row` is the row type of a save that checks what its
 * editor started from: the type of its `conflicts`.
 */
export type Result<T = undefined, Row = never> = Ok<T> | Refusal<Row>

/** A domain check's refusal: it always names the fields (`issues`) as well as saying why. */
export interface Invalid extends Refusal {
  issues: ValidationIssue[]
}

/** What a domain check returns: a `Result` whose refusal always carries its `issues`. */
export type Checked<T> = Ok<T> | Invalid

export function ok(): Ok<undefined>
export function ok<T>(value: T): Ok<T>
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value }
}

/** A refusal with these sentences. */
export function refused(messages: string[]): Refusal {
  return { ok: false, messages }
}

/** A domain check's refusal: its issues, and their messages for the user. */
export function fail(issues: ValidationIssue[]): Invalid {
  return { ok: false, messages: issues.map((i) => i.message), issues }
}

export function issue(
  field: string,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): ValidationIssue {
  return { field, code, message, severity }
}

/** True when any of the issues blocks saving (an error; warnings do not). */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error')
}
