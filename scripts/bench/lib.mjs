// Shared harness for benchmarks that run in headless Chromium against the built app.
// Each *.bench.mjs script calls `withBuiltApp(async ({ page, baseUrl }) => …)` and prints its
// figures; `npm run bench` runs them all. Benchmarks measure; they never pass or fail on time.
import { spawn, spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Builds the app into `outDir` (emptied first), unless BENCH_SKIP_BUILD=1; returns `outDir`. */
export function buildApp(outDir) {
  if (process.env.BENCH_SKIP_BUILD === '1') return outDir
  const result = spawnSync('node_modules/.bin/vite', ['build', '--outDir', outDir, '--emptyOutDir'], {
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('vite build failed')
  return outDir
}

/**
 * Builds the app once per process into dist-bench/ (skip with BENCH_SKIP_BUILD=1). With `config`, builds
 * that vite config instead (a benchmark's own page, which sets its own outDir).
 */
let built = false
export function buildOnce(outDir = 'dist-bench', config) {
  if (built || process.env.BENCH_SKIP_BUILD === '1') return outDir
  if (config) {
    const result = spawnSync('node_modules/.bin/vite', ['build', '--config', config], { stdio: 'inherit' })
    if (result.status !== 0) throw new Error('vite build failed')
  } else buildApp(outDir)
  built = true
  return outDir
}

/**
 * Serves a build with `vite preview` on `port` (from node_modules/.bin, so stopping it by PID stops the
 * server) and waits until it answers. `where` is `['--outDir', dir]` or `['--config', file]`.
 */
export async function startPreview(where, port) {
  const server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...where],
    { stdio: 'ignore' },
  )
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitForServer(baseUrl)
  } catch (error) {
    server.kill()
    throw error
  }
  return { baseUrl, stop: () => server.kill() }
}

/** Headless Chromium as the tests launch it (Debian's, zh-CN, Asia/Shanghai, 1440×900) on `profile`. */
export function launchChromium(profile, options = {}) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    ...options,
  })
}

/**
 * Serves the built app with `vite preview` on `port`, opens headless Chromium with a fresh profile,
 * runs `fn({ page, context, browser, baseUrl })`, and tears everything down. With `config`, builds and
 * serves that vite config (a benchmark's own page) instead of the app.
 */
// not 4190: Node's fetch refuses the Fetch standard's "bad ports" (4190 is ManageSieve), so the bench never
// saw its own server start unless BENCH_PORT was given
export async function withBuiltApp(fn, { port = Number(process.env.BENCH_PORT ?? 4221), config } = {}) {
  const outDir = buildOnce('dist-bench', config)
  const server = await startPreview(config ? ['--config', config] : ['--outDir', outDir], port)
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'))
  let context
  try {
    context = await launchChromium(profile, { acceptDownloads: true })
    const page = context.pages()[0] ?? (await context.newPage())
    return await fn({ page, context, baseUrl: server.baseUrl })
  } finally {
    await context?.close()
    server.stop()
    rmSync(profile, { recursive: true, force: true })
  }
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      /* not up yet */
    }
    await sleep(100)
  }
  throw new Error(`preview server did not start at ${url}`)
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
