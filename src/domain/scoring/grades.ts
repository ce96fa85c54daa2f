/** Grades (docs/domain-rules.md §11.7): the scheme's own; the built-in ones are seed 003's. */
import type { Dec } from '../decimal'
import { gradeOf } from './engine'
import type { GradeBound } from './scheme'

export type Grade = '优' | '良' | '中' | '差'

/** 优 ≥ 90, 良 80 – < 90, 中 60 – < 80, 差 < 60: seed 003 p.3 评价等级. */
export const DEFAULT_GRADES: readonly (GradeBound & { label: Grade })[] = [
  { label: '优', min: '90' },
  { label: '良', min: '80' },
  { label: '中', min: '60' },
  { label: '差', min: '0' },
]

const GRADES: readonly string[] = DEFAULT_GRADES.map((g) => g.label)

function isGrade(label: string | null): label is Grade {
  return label !== null && GRADES.includes(label)
}

/** 优 ≥ 90, 良 80 – < 90, 中 60 – < 80, 差 < 60 on 100 points; the bounds belong to the upper grade. */
export function gradeFor(score: Dec): Grade {
  const grade = gradeOf(score, DEFAULT_GRADES)
  return isGrade(grade) ? grade : '差'
}
