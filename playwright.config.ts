// Playwright e2e config. Uses Debian's Chromium (no browser download is
// possible here); `node scripts/ensure-chromium.mjs` installs it when missing.
// Tests run against the *built* app served by `vite preview` (run `npm run build` first).
import { defineConfig } from '@playwright/test'

// Overridable so several people (or agents) can run e2e at once on one machine without sharing a
// server, a build or a results folder: E2E_PORT, E2E_OUT_DIR (the vite build), E2E_RESULTS.
const PORT = Number(process.env.E2E_PORT ?? 4173)
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist'
const RESULTS = process.env.E2E_RESULTS ?? 'test-results'
const BASE_URL = `http://127.0.0.1:${PORT}`
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: `${RESULTS}/`,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    // No click or page load here takes more than seconds: one that waits a minute is a hang, and fails
    // then with the page as it stood, instead of taking the rest of the test's time (a 480 s test in CI).
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: BASE_URL,
    // Never reuse: a server left running may serve an older build.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
