// Initial-load JavaScript budget: < 300 KB gzip.
//
// Reads the built dist/index.html (run `npm run build` first), takes every JS
// file loaded before any route — the entry <script type="module" src>, inline
// module scripts, every <link rel="modulepreload"> and, to be safe, the static
// `import … from "./x.js"` closure of those — gzips each with node:zlib at the
// default level and sums. Lazy route chunks (dynamic import()) do not count.
// CSS is reported, not budgeted. No browser is used.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { expect, test } from '@playwright/test'

const BUDGET_BYTES = 300 * 1024
const DIST = fileURLToPath(new URL(`../../${process.env.E2E_OUT_DIR ?? 'dist'}/`, import.meta.url))

interface Asset {
  file: string
  raw: number
  gzip: number
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? ''
  }
  return out
}

/** Maps a URL from index.html (e.g. "/assets/index-abc.js", "./assets/x.js") to a file in dist/. */
function distFile(url: string, from = DIST): string | null {
  if (/^[a-z][\w+.-]*:|^\/\//i.test(url)) return null // absolute URL: not ours
  const clean = url.split(/[?#]/)[0]
  const file = clean.startsWith('/') ? join(DIST, clean) : join(from, clean)
  const rel = relative(DIST, normalize(file))
  if (rel.startsWith('..')) throw new Error(`asset outside dist/: ${url}`)
  return file
}

function gzipSize(buf: Buffer | string): number {
  return gzipSync(buf).length
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

test('initial JavaScript is under 300 KB gzip', () => {
  const indexPath = join(DIST, 'index.html')
  expect(existsSync(indexPath), `${indexPath} missing — run "npm run build" first`).toBe(true)
  const html = readFileSync(indexPath, 'utf8')

  const jsFiles = new Set<string>()
  const cssFiles = new Set<string>()
  let inlineJs = 0
  let entries = 0

  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const a = attrs(m[1])
    if (a.type !== 'module') continue
    if (a.src) {
      const f = distFile(a.src)
      if (f) {
        jsFiles.add(f)
        entries++
      }
    } else if (m[2].trim()) {
      inlineJs += gzipSize(m[2])
      entries++
    }
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attrs(m[1])
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/)
    const f = a.href ? distFile(a.href) : null
    if (!f) continue
    if (rel.includes('modulepreload')) jsFiles.add(f)
    else if (rel.includes('stylesheet')) cssFiles.add(f)
  }
  expect(entries, 'dist/index.html has no <script type="module"> entry').toBeGreaterThan(0)

  // Static-import closure (dynamic import() is deliberately not followed).
  const preloaded = jsFiles.size
  const queue = [...jsFiles]
  while (queue.length) {
    const file = queue.pop() as string
    expect(existsSync(file), `index.html loads ${relative(DIST, file)}, which is not in dist/`).toBe(true)
    const code = readFileSync(file, 'utf8')
    const re = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+?\.m?js)["']/g
    for (const m of code.matchAll(re)) {
      const dep = distFile(m[1], dirname(file))
      if (dep && existsSync(dep) && !jsFiles.has(dep)) {
        jsFiles.add(dep)
        queue.push(dep)
      }
    }
  }

  const measure = (files: Set<string>): Asset[] =>
    [...files].map((file) => {
      const buf = readFileSync(file)
      return { file: relative(DIST, file), raw: buf.length, gzip: gzipSize(buf) }
    })
  const js = measure(jsFiles).sort((x, y) => y.gzip - x.gzip)
  const css = measure(cssFiles)
  const jsTotal = js.reduce((s, a) => s + a.gzip, 0) + inlineJs
  const cssTotal = css.reduce((s, a) => s + a.gzip, 0)

  const lines = [
    `initial JS (gzip): ${kb(jsTotal)} of ${kb(BUDGET_BYTES)} budget, ${js.length} file(s)` +
      (js.length > preloaded ? ` (${js.length - preloaded} found via static imports, not modulepreload)` : ''),
    ...js.map((a) => `  ${kb(a.gzip).padStart(10)}  (raw ${kb(a.raw)})  ${a.file}`),
    ...(inlineJs ? [`  ${kb(inlineJs).padStart(10)}  inline <script type="module">`] : []),
    `initial CSS (gzip, not budgeted): ${kb(cssTotal)}`,
    ...css.map((a) => `  ${kb(a.gzip).padStart(10)}  (raw ${kb(a.raw)})  ${a.file}`),
  ]
  console.log(lines.join('\n'))
  test.info().annotations.push({ type: 'initial-js-gzip-bytes', description: String(jsTotal) })

  expect(jsTotal, `initial JS is ${kb(jsTotal)} gzip, budget is < ${kb(BUDGET_BYTES)}`).toBeLessThan(BUDGET_BYTES)
})
