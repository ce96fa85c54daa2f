/**
 * Two 下属单位 and their 报送包, built with io/package as a unit's app would write them: unit A with
 * seed 001's 1-6月 (调整后预算 1,493.25, 执行数 383.74, 序时进度 50%) and unit B (12,030.56 / 11,832.53).
 * Summed: 13,523.81 / 12,216.27 → 90.33% (docs/domain-rules.md §17.2). Shared by the db and store tests
 * and the e2e (which writes the files to disk).
 */
import type { UnitNodeFigures } from '@/domain/department'
import type { Alert, StoredReport } from '@/domain/types'
import { exportPublicKey, generateSigningKeyPair, keyFingerprint, writePackage } from '@/io/package'

export interface FixtureUnit {
  id: string
  name: string
  keyPair: CryptoKeyPair
  fingerprint: string
  publicKey: string
}

export async function fixtureUnit(id: string, name: string): Promise<FixtureUnit> {
  const keyPair = await generateSigningKeyPair()
  const publicKey = await exportPublicKey(keyPair.publicKey)
  return { id, name, keyPair, publicKey, fingerprint: await keyFingerprint(publicKey) }
}

type Amounts = [adjustedBudget: string, allocated: string, spent: string]
const amounts = ([adjustedBudget, allocated, spent]: Amounts) => ({ adjustedBudget, allocated, spent })

/** A's 1-6月: 基本 800.00 / 400.00 / 300.00 and 项目 693.25 / 200.00 / 83.74 → 1,493.25 / 600.00 / 383.74. */
export const FIGURES_A = {
  basic: ['800.00', '400.00', '300.00'],
  project: ['693.25', '200.00', '83.74'],
  total: ['1493.25', '600.00', '383.74'],
} satisfies Record<string, Amounts>
/** B's 1-6月: 基本 2,030.56 / 2,030.56 / 2,000.00 and 项目 10,000.00 / 10,000.00 / 9,832.53 → 12,030.56 / 12,030.56 / 11,832.53. */
export const FIGURES_B = {
  basic: ['2030.56', '2030.56', '2000.00'],
  project: ['10000.00', '10000.00', '9832.53'],
  total: ['12030.56', '12030.56', '11832.53'],
} satisfies Record<string, Amounts>

export function nodeFigures(
  unit: Pick<FixtureUnit, 'id' | 'name'>,
  figures: Record<'basic' | 'project' | 'total', Amounts>,
  { asOfDate = '2021-06-30', nodeLabel = '2021年1-6月', red = 0, yellow = 0 } = {},
): UnitNodeFigures {
  return {
    unitId: unit.id,
    unitName: unit.name,
    year: 2021,
    nodeId: `${unit.id}-node-06`,
    nodeLabel,
    asOfDate: asOfDate as UnitNodeFigures['asOfDate'],
    budget: amounts(figures.total) as UnitNodeFigures['budget'],
    byCategory: {
      basic: amounts(figures.basic) as UnitNodeFigures['budget'],
      project: amounts(figures.project) as UnitNodeFigures['budget'],
    },
    timeProgress: '0.5',
    indicatorLights: { red, yellow, green: 3, blue: 0, grey: 0 },
    alerts: { red, yellow },
    unitLight: red > 0 ? 'red' : yellow > 0 ? 'yellow' : 'green',
  }
}

export function alertOf(figures: UnitNodeFigures, light: 'red' | 'yellow', message: string): Alert {
  return {
    id: `${figures.unitId}-alert-${light}-${message.length}`,
    nodeId: figures.nodeId,
    ruleId: 'budget.progress',
    light,
    subjectType: 'unit',
    subjectId: figures.unitId,
    thresholds: {},
    inputs: {},
    message,
    status: 'open',
  } as Alert
}

/** A 报送包 of `figures`, signed by `signer` (the unit's own key unless a test forges one). */
export async function submissionPackage(
  unit: FixtureUnit,
  figures: UnitNodeFigures,
  { createdAt = '2021-07-05T08:30:00.000Z', signer = unit, alerts = [] as Alert[], reportText = '' } = {},
): Promise<Uint8Array> {
  const report: StoredReport = {
    nodeId: figures.nodeId,
    edits: reportText ? { 'summary.text': reportText } : {},
    unlocks: [],
    updatedAt: createdAt,
  }
  const written = await writePackage({
    kind: 'submission',
    unit: { id: unit.id, name: unit.name },
    year: figures.year,
    node: { id: figures.nodeId, label: figures.nodeLabel },
    createdAt,
    parts: {
      'node.json': { figures, alerts, measures: [], budgetJudgements: [] },
      'report.json': report,
      'unit-year.json': { unit: { id: unit.id, name: unit.name }, year: figures.year },
    },
    keyPair: signer.keyPair,
  })
  if (!written.ok) throw new Error(written.messages.join('；'))
  return written.value
}
