/** Cell helpers shared by the scheme workbook and the 自评表: text kept as text, and row heights for wrapped text. */
import type { Cell } from 'exceljs'

/** Text as text ('@'): nothing typed becomes a formula or a number; blank text leaves the cell empty. */
export function setText(cell: Cell, text: string | undefined | null): void {
  if (text === undefined || text === null || text === '') return
  cell.numFmt = '@'
  cell.value = text
}

/**
 * A row's height in points for its wrapped texts, each in a column `width` characters wide: a Chinese
 * character takes about 1.8 width units. Excel does not fit a row to wrapped text when it opens a file,
 * so the writer sets it.
 */
export function heightFor(texts: readonly { text: string; width: number }[], size: number): number {
  const lines = Math.max(
    1,
    ...texts.map(({ text, width }) =>
      text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 1.8) / Math.max(1, width))), 0),
    ),
  )
  return Math.min(409, Math.ceil(lines * size * 1.35 + 6))
}

/** A4 landscape, as wide as the page, as many pages down as it takes. */
export const LANDSCAPE_PAGE = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
} as const
