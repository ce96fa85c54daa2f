#!/usr/bin/env node
// Ensures LibreOffice Writer (headless) and poppler-utils are installed, which the Word rendering test
// (test/io/wordRendering.test.ts) uses: soffice turns the exported .docx into a PDF, pdftotext and
// pdftoppm read the PDF back. Modelled on scripts/ensure-chromium.mjs.
//   - all present             -> exit 0
//   - missing and we are root -> apt-get update && apt-get install (output streamed)
//   - missing, not root       -> exit 1 with instructions
// It never skips silently: a .docx that only Word lays out right is the bug that test guards against.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

export const SOFFICE = '/usr/bin/soffice'
// fonts-noto-cjk: the Chinese glyphs (e2e installs it too); fonts-liberation: Liberation Serif, which
// LibreOffice sets for Times New Roman, the digits of the report's tables (src/io/word/columnWidths.ts)
const PACKAGES = ['libreoffice-writer-nogui', 'poppler-utils', 'fonts-noto-cjk', 'fonts-liberation']
const LOCKS = ['/var/lib/dpkg/lock-frontend', '/var/lib/dpkg/lock', '/var/lib/apt/lists/lock']
// pgrep -x matches a process name of at most 15 characters, so each name is asked on its own
const APT_PROCESSES = ['apt-get', 'apt', 'dpkg', 'unattended-upgr']
const LOCK_WAIT_MS = 20 * 60 * 1000

function log(msg) {
  console.log(`[ensure-libreoffice] ${msg}`)
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.includes('install ok installed')
}

/** A program answers its version flag (poppler's tools print it on stderr). */
function answers(cmd, args, pattern) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 })
  return r.status === 0 && pattern.test(`${r.stdout}${r.stderr}`)
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  if (r.status === 0 && /Noto (Sans|Serif) CJK/i.test(r.stdout)) return true
  return dpkgInstalled('fonts-noto-cjk')
}

function hasTimesMetricFont() {
  const r = spawnSync('fc-list', [':family=Liberation Serif', 'family'], { encoding: 'utf8' })
  return r.status === 0 && /Liberation Serif/i.test(r.stdout)
}

function missing() {
  const m = []
  // the first start of soffice writes a profile; --version does not, and is quick
  if (!existsSync(SOFFICE) || !answers(SOFFICE, ['--version'], /LibreOffice/i)) m.push('libreoffice-writer-nogui')
  if (!answers('pdftotext', ['-v'], /pdftotext/i) || !answers('pdftoppm', ['-v'], /pdftoppm/i)) m.push('poppler-utils')
  if (!hasCjkFont()) m.push('fonts-noto-cjk')
  if (!hasTimesMetricFont()) m.push('fonts-liberation')
  return m
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

// Another apt/dpkg may be running (e.g. ensure-chromium or a background install). Wait for it.
function aptBusy() {
  for (const name of APT_PROCESSES) {
    const ps = spawnSync('pgrep', ['-x', name], { encoding: 'utf8' })
    if (ps.status === 0 && ps.stdout.trim()) return true
  }
  if (!existsSync('/usr/bin/fuser')) return false
  const existing = LOCKS.filter((f) => existsSync(f) && statSync(f).isFile())
  if (existing.length === 0) return false
  return spawnSync('fuser', existing, { stdio: 'ignore' }).status === 0
}

function waitForApt() {
  const start = Date.now()
  let announced = false
  while (aptBusy()) {
    if (!announced) {
      log('apt/dpkg is busy (another install is running); waiting…')
      announced = true
    }
    if (Date.now() - start > LOCK_WAIT_MS) {
      console.error('[ensure-libreoffice] apt/dpkg still busy after 20 minutes; giving up.')
      process.exit(1)
    }
    sleep(5000)
  }
}

function run(cmd, args) {
  log(`$ ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (r.status !== 0) {
    console.error(`[ensure-libreoffice] "${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`)
    process.exit(1)
  }
}

function instructions(miss) {
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`
  return [
    `缺少 Word 排版测试所需的系统软件包：${miss.join(', ')}。`,
    '请先安装 LibreOffice（无界面版）、poppler-utils 和字体，然后重新运行 npm test：',
    `    ${command}`,
    '',
    `Missing system packages for the Word rendering test: ${miss.join(', ')}.`,
    'Install headless LibreOffice Writer, poppler-utils and the fonts, then run npm test again:',
    `    ${command}`,
  ].join('\n')
}

let miss = missing()
if (miss.length > 0 && aptBusy()) {
  // A background install may be delivering exactly these packages.
  waitForApt()
  miss = missing()
}
if (miss.length === 0) {
  log(`ok: ${SOFFICE}, pdftotext, pdftoppm, Noto CJK and Liberation fonts are installed.`)
  process.exit(0)
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(instructions(miss))
  process.exit(1)
}

log(`missing: ${miss.join(', ')}; installing with apt-get (running as root)…`)
waitForApt()
run('apt-get', ['update'])
waitForApt()
// --no-install-recommends: Writer and its fonts only, not the Java, help and desktop extras
run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES])
spawnSync('fc-cache', ['-f'], { stdio: 'ignore' })

miss = missing()
if (miss.length > 0) {
  console.error(`[ensure-libreoffice] still missing after apt-get install: ${miss.join(', ')}`)
  console.error(instructions(miss))
  process.exit(1)
}
log(`ok: installed ${PACKAGES.join(' ')}.`)
