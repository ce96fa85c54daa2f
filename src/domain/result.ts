/**
 * Typed outcomes: domain functions report problems as data (Chinese messages for the user),
 * never by throwing, so a view can show every issue of a form at once.
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

export type Result<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T>(issues: ValidationIssue[]): Result<T> {
  return { ok: false, issues }
}

export function issue(field: string, code: string, message: string, severity: 'error' | 'warning' = 'error'): ValidationIssue {
  return { field, code, message, severity }
}

/** True when none of the issues blocks saving (warnings only). */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error')
}
