// The install flow shared by scripts/ensure-chromium.mjs and scripts/ensure-libreoffice.mjs: system
// packages the tests need, found missing, are installed with apt-get when running as root (as CI
// does), after waiting for any other apt/dpkg; otherwise the script stops with the command to run.
// It never skips silently.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const LOCKS = ['/var/lib/dpkg/lock-frontend', '/var/lib/dpkg/lock', '/var/lib/apt/lists/lock']
// pgrep -x takes each process name on its own (names are cut at 15 characters)
const APT_PROCESSES = ['apt-get', 'apt', 'dpkg', 'unattended-upgr']
const LOCK_WAIT_MS = 20 * 60 * 1000

export function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.includes('install ok installed')
}

/** A Noto CJK font for the Chinese glyphs (`family`: a pattern of the families that count). */
export function hasCjkFont(family = /Noto (Sans|Serif) CJK/i) {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  if (r.status === 0 && family.test(r.stdout)) return true
  return dpkgInstalled('fonts-noto-cjk')
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

// Another apt/dpkg may be running (the other ensure script, or a background install).
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

/**
 * Installs what `missing()` names, or exits 1 with `instructions(missing)`.
 * @param {{ name: string, packages: string[], installArgs?: string[], missing: () => string[],
 *   instructions: (missing: string[]) => string, present: string }} spec
 */
export function ensurePackages({ name, packages, installArgs = [], missing, instructions, present }) {
  const log = (msg) => console.log(`[${name}] ${msg}`)
  const fail = (msg) => {
    console.error(`[${name}] ${msg}`)
    process.exit(1)
  }
  const waitForApt = () => {
    const start = Date.now()
    let announced = false
    while (aptBusy()) {
      if (!announced) log('apt/dpkg is busy (another install is running); waiting…')
      announced = true
      if (Date.now() - start > LOCK_WAIT_MS) fail('apt/dpkg still busy after 20 minutes; giving up.')
      sleep(5000)
    }
  }
  const run = (cmd, args) => {
    log(`$ ${cmd} ${args.join(' ')}`)
    const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (r.status !== 0) fail(`"${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`)
  }

  let miss = missing()
  if (miss.length > 0 && aptBusy()) {
    // A background install may be delivering exactly these packages.
    waitForApt()
    miss = missing()
  }
  if (miss.length === 0) {
    log(`ok: ${present} installed.`)
    return
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
  run('apt-get', ['install', '-y', ...installArgs, ...packages])
  spawnSync('fc-cache', ['-f'], { stdio: 'ignore' })
  miss = missing()
  if (miss.length > 0) {
    console.error(`[${name}] still missing after apt-get install: ${miss.join(', ')}`)
    console.error(instructions(miss))
    process.exit(1)
  }
  log(`ok: installed ${packages.join(' ')}.`)
}
