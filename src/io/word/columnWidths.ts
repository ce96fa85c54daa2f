/**
 * Column widths for the report's tables, chosen so that no cell breaks a number, a percent or a date,
 * and rows stay few lines high.
 *
 * A cell wraps its text where line breaking allows: between two Chinese characters, but not inside a run
 * of Latin letters and digits ("1493.25", "46.67%", "2021-10-01"). When such a run is wider than its
 * cell, Word, WPS and LibreOffice all cut it anywhere ("1493.2/5"). So each column is at least as wide as
 * its widest such run, its header on two lines, and any short word (红灯, 定性, 确定能) on one. Above that,
 * the spare width goes where it lowers the rows most (see columnWidths): a row is as high as its tallest
 * cell, and the landscape 监控表 must hold 8 or more rows a page.
 *
 * Widths are estimated in em, without a font: a Chinese character or full-width sign is 1 em; Latin
 * characters and digits are set in Times New Roman in tables (reportDocx.ts), whose widths are used here
 * with a tenth to spare (LibreOffice uses the metric-compatible Liberation Serif).
 */

/** Width in em of one character: CJK and full-width 1; ASCII from Times New Roman (bold), plus a tenth. */
function charEm(c: string): number {
  if (c >= '0' && c <= '9') return 0.55
  if (c === '.' || c === ',' || c === ' ') return 0.28
  if (c === ':' || c === ';' || c === '-' || c === '/') return 0.37
  if (c === '%') return 1.1
  if (c.charCodeAt(0) < 0x80) return 0.8
  return 1
}

/** Word and LibreOffice put a quarter em between Chinese and Latin text (autoSpaceDE / autoSpaceDN). */
const AUTOSPACE = 0.25
const isAscii = (c: string): boolean => c.charCodeAt(0) < 0x80

/** The estimated width of a line of text, in em. */
export function textEm(text: string): number {
  let em = 0
  let previous: boolean | null = null
  for (const c of text) {
    const ascii = isAscii(c)
    em += charEm(c) + (previous !== null && previous !== ascii ? AUTOSPACE : 0)
    previous = ascii
  }
  return em
}

/** Signs a line may not start with (行首禁则): they stay with the character before them. */
const NO_LINE_START = new Set('，。、；：？！）》」』】〕’”%…·')
/** Signs a line may not end with (行尾禁则): they stay with the character after them. */
const NO_LINE_END = new Set('（《「『【〔‘“')

/**
 * The pieces a line can break between: each run of printable ASCII (a number, percent, date or word)
 * is one piece, each other character its own, with 禁则 punctuation kept on its neighbour's side.
 */
export function unbreakablePieces(text: string): string[] {
  const pieces: string[] = []
  let openers = ''
  for (const run of text.match(/[\x21-\x7e]+|\s+|[^\x21-\x7e\s]/gu) ?? []) {
    if (/^\s+$/u.test(run)) {
      pieces.push(openers + run)
      openers = ''
    } else if (NO_LINE_END.has(run)) openers += run
    else if (NO_LINE_START.has(run) && pieces.length > 0 && openers === '') pieces[pieces.length - 1] += run
    else {
      pieces.push(openers + run)
      openers = ''
    }
  }
  if (openers) pieces.push(openers)
  return pieces.filter((p) => p.trim() !== '')
}

/** The lines of the pieces broken greedily at `width` em (a piece wider than the width gets a line of its own). */
function breakLines(pieces: string[], width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const piece of pieces) {
    if (line && textEm(line + piece) > width) {
      lines.push(line)
      line = piece
    } else line += piece
  }
  if (line) lines.push(line)
  return lines
}

/** The narrowest width (em, in steps of 0.05) at which the pieces fit on `lines` lines. */
function narrowestWidth(pieces: string[], lines: number): number {
  let width = Math.max(0, ...pieces.map(textEm))
  while (breakLines(pieces, width).length > lines) width += 0.05
  return width
}

/**
 * A header broken into even lines (“年度/指标值”, not “年度指/标值”): as many lines as it needs at `width`
 * em, each as short as that many lines allow.
 */
export function balancedLines(text: string, width: number): string[] {
  const pieces = unbreakablePieces(text)
  return breakLines(pieces, narrowestWidth(pieces, breakLines(pieces, width).length))
}

/**
 * A four-character word that does not fit its cell (产出指标 in a column three characters wide) is set
 * 2 + 2, as such words divide, rather than 3 + 1.
 */
export function splitFourCharWord(text: string, width: number): string {
  return /^\p{Script=Han}{4}$/u.test(text) && width < 4 ? `${text.slice(0, 2)}\n${text.slice(2)}` : text
}

export interface ColumnText {
  header: string
  /** every cell's text in the column, lines separated by '\n' */
  cells: string[]
  /** the model's relative width, for the width left over once every column has what it needs */
  weight: number
}

/** A cell this short (in em) is never wrapped: 红灯, 定性, 确定能, 万元. */
const SHORT_EM = 3
/** Room for the application's own rounding, so that a cell exactly as wide as its text does not wrap. */
const ROUNDING_EM = 0.15
/** A column grows by at least this much (em) at a time, which bounds the work for a long table. */
const MIN_STEP = 0.1
/** The exponent of the soft maximum that stands for a row's height (the tallest of its cells). */
const SOFT_MAX = 16

/**
 * The lines a cell (its lines' widths in em) takes in a column `width` em wide: a wrapped line holds
 * whole characters, so as many em as the width has whole ems.
 */
const linesAt = (lineEms: number[], width: number): number =>
  lineEms.reduce((n, em) => n + (em <= width ? 1 : Math.ceil(em / Math.max(1, Math.floor(width)))), 0)

/** The narrowest width above `width` at which some cell takes one line fewer. */
function nextStep(cells: number[][], width: number): number {
  let next = Number.POSITIVE_INFINITY
  for (const cell of cells)
    for (const em of cell) {
      if (em <= width) continue
      const lines = linesAt([em], width)
      next = Math.min(next, lines > 2 ? Math.ceil(em / (lines - 1)) : em)
    }
  return Math.max(next, width + MIN_STEP)
}

/**
 * Column widths (twips) for a table `tableWidth` twips wide whose text is `fontPt` points, each cell
 * padded by `paddingTwips` (left + right); they add up to `tableWidth`.
 *
 * From the minimum widths, the spare width goes step by step to the column where it shortens the table
 * most for its cost: a step widens one column to the next width at which one of its cells loses a line,
 * and its gain is how much lower the rows become (a row's height is the soft maximum of its cells' lines,
 * so that widening either of two equally tall cells counts). What no step can use goes by weight.
 */
export function columnWidths(
  columns: ColumnText[],
  fontPt: number,
  tableWidth: number,
  paddingTwips: number,
): number[] {
  const twips = (em: number): number => Math.ceil((em + ROUNDING_EM) * fontPt * 20) + paddingTwips
  const total = (widths: number[]): number => widths.reduce((a, b) => a + b, 0)
  // per distinct text: a long table repeats its labels (产出指标, 万元, 确定能) in every row
  const lineEms = new Map<string, number[]>()
  const widestPiece = new Map<string, number>()
  const cells = columns.map((col) =>
    col.cells.map((cell) => {
      let ems = lineEms.get(cell)
      if (!ems) lineEms.set(cell, (ems = cell.split('\n').map(textEm)))
      return ems
    }),
  )
  const widths = columns.map((col, c) => {
    let min = Math.max(1, narrowestWidth(unbreakablePieces(col.header), 2))
    col.cells.forEach((cell, r) => {
      let piece = widestPiece.get(cell)
      if (piece === undefined) {
        piece = unbreakablePieces(cell).reduce((widest, p) => Math.max(widest, textEm(p)), 0)
        widestPiece.set(cell, piece)
      }
      min = Math.max(min, piece)
      for (const em of cells[c]?.[r] ?? []) if (em <= SHORT_EM) min = Math.max(min, em)
    })
    return min
  })
  const fewest = widths.map(twips)
  // the numbers cannot fit side by side: shrink every column alike (numbers may then wrap)
  if (total(fewest) > tableWidth) return fewest.map((w) => Math.floor((w * tableWidth) / total(fewest)))

  let spare = (tableWidth - total(fewest)) / (fontPt * 20)
  const lines = cells.map((column, c) => column.map((cell) => linesAt(cell, widths[c] ?? 1)))
  const rowCount = cells.reduce((most, column) => Math.max(most, column.length), 0)
  const rowSums = Array.from({ length: rowCount }, (_, r) =>
    lines.reduce((sum, col) => sum + (col[r] ?? 0) ** SOFT_MAX, 0),
  )
  const height = (sum: number): number => sum ** (1 / SOFT_MAX)
  for (;;) {
    let best: { c: number; width: number; ratio: number } | null = null
    cells.forEach((column, c) => {
      const width = nextStep(column, widths[c] ?? 1)
      const cost = width - (widths[c] ?? 1)
      if (cost > spare) return
      let gain = 0
      column.forEach((cell, r) => {
        const before = lines[c]?.[r] ?? 0
        const after = linesAt(cell, width)
        const sum = rowSums[r] ?? 0
        if (after < before) gain += height(sum) - height(sum - before ** SOFT_MAX + after ** SOFT_MAX)
      })
      if (gain > 0 && (!best || gain / cost > best.ratio)) best = { c, width, ratio: gain / cost }
    })
    if (!best) break
    const { c, width } = best
    spare -= width - (widths[c] ?? 1)
    widths[c] = width
    ;(cells[c] ?? []).forEach((cell, r) => {
      const after = linesAt(cell, width)
      rowSums[r] = (rowSums[r] ?? 0) - (lines[c]?.[r] ?? 0) ** SOFT_MAX + after ** SOFT_MAX
      const column = lines[c]
      if (column) column[r] = after
    })
  }
  const result = widths.map(twips)
  // what is left goes by weight, the last twips (rounding) to the widest column
  const room = tableWidth - total(result)
  const weights = columns.reduce((sum, col) => sum + col.weight, 0)
  columns.forEach((col, i) => (result[i] = (result[i] ?? 0) + Math.floor((room * col.weight) / weights)))
  const widest = result.indexOf(Math.max(...result))
  result[widest] = (result[widest] ?? 0) + tableWidth - total(result)
  return result
}
