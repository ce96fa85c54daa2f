#!/usr/bin/env node
// Ensures Debian's Chromium and the Noto CJK fonts are installed, which the
// Playwright e2e tests use (Playwright cannot download its own browser here).
//   - both present            -> exit 0
//   - missing and we are root -> apt-get update && apt-get install (output streamed)
//   - missing, not root       -> exit 1 with instructions
// It never skips silently.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

export const CHROMIUM = '/usr/bin/chromium'
const PACKAGES = ['chromium', 'fonts-noto-cjk']
const LOCKS = ['/var/lib/dpkg/lock-frontend', '/var/lib/dpkg/lock', '/var/lib/apt/lists/lock']
const LOCK_WAIT_MS = 20 * 60 * 1000

function log(msg) {
  console.log(`[ensure-chromium] ${msg}`)
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.includes('install ok installed')
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  if (r.status === 0 && /Noto Sans CJK/i.test(r.stdout)) return true
  return dpkgInstalled('fonts-noto-cjk')
}

function hasChromium() {
  if (!existsSync(CHROMIUM)) return false
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  return r.status === 0 && /Chromium/i.test(r.stdout)
}

function missing() {
  const m = []
  if (!hasChromium()) m.push('chromium')
  if (!hasCjkFont()) m.push('fonts-noto-cjk')
  return m
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

// Another apt/dpkg may be running (e.g. a background install). Wait for it.
function aptBusy() {
  const ps = spawnSync('pgrep', ['-x', 'apt-get|apt|dpkg|unattended-upgr'], { encoding: 'utf8' })
  if (ps.status === 0 && ps.stdout.trim()) return true
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
      log('apt/dpkg is busy (another install is running, see /tmp/apt.log if any); waiting…')
      announced = true
    }
    if (Date.now() - start > LOCK_WAIT_MS) {
      console.error('[ensure-chromium] apt/dpkg still busy after 20 minutes; giving up.')
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
    console.error(`[ensure-chromium] "${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`)
    process.exit(1)
  }
}

function instructions(miss) {
  return [
    `缺少端到端测试所需的系统软件包：${miss.join(', ')}。`,
    '请先安装 Chromium 和中文字体，然后重新运行 npm test：',
    '    sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk',
    '',
    `Missing system packages for the end-to-end tests: ${miss.join(', ')}.`,
    'Install Chromium and the CJK fonts, then run npm test again:',
    '    sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk',
  ].join('\n')
}

let miss = missing()
if (miss.length > 0 && aptBusy()) {
  // A background install may be delivering exactly these packages.
  waitForApt()
  miss = missing()
}
if (miss.length === 0) {
  log(`ok: ${CHROMIUM} and Noto Sans CJK fonts are installed.`)
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
run('apt-get', ['install', '-y', ...PACKAGES])
spawnSync('fc-cache', ['-f'], { stdio: 'ignore' })

miss = missing()
if (miss.length > 0) {
  console.error(`[ensure-chromium] still missing after apt-get install: ${miss.join(', ')}`)
  console.error(instructions(miss))
  process.exit(1)
}
log(`ok: installed ${PACKAGES.join(' ')}.`)
