/**
 * The Excel import's dry run: `planImport` turns the sheets' cells and the stored unit-year into a plan
 * (see planImport.ts for the merge rules). The plan's types live in the domain, because the store that
 * commits it and the preview that shows it use them too; they are repeated here so that io callers
 * find the whole API in one place.
 */
export { COUNT_LABELS } from '@/domain/importPlan'
export type {
  CountKey,
  ImportBase,
  ImportPlan,
  ImportProblem,
  RowChange,
  RowStatus,
  StatusCounts,
} from '@/domain/importPlan'
export { monthsText, parseAdjustmentMonth } from './budgetSheet'
export { same as samePlainData } from './diff'
export { readUnitYear } from './infoSheet'
export { stableId } from './keys'
export { planImport, type PlanInput } from './planImport'
export { rangeText, type CellRange, type SheetGrid } from './sheetGrid'
export { SHEET_MANAGEMENT } from '../excel/layout'
