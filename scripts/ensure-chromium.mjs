#!/usr/bin/env node
// Ensures Debian's Chromium and the Noto CJK fonts are installed, which the
// Playwright e2e tests use (Playwright cannot download its own browser here).
//   - both present            -> exit 0
//   - missing and we are root -> apt-get update && apt-get install (output streamed)
//   - missing, not root       -> exit 1 with instructions
// It never skips silently.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { ensurePackages, hasCjkFont } from './ensurePackages.mjs'

export const CHROMIUM = '/usr/bin/chromium'
const PACKAGES = ['chromium', 'fonts-noto-cjk']

function hasChromium() {
  if (!existsSync(CHROMIUM)) return false
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  return r.status === 0 && /Chromium/i.test(r.stdout)
}

function missing() {
  const m = []
  if (!hasChromium()) m.push('chromium')
  if (!hasCjkFont(/Noto Sans CJK/i)) m.push('fonts-noto-cjk')
  return m
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

ensurePackages({
  name: 'ensure-chromium',
  packages: PACKAGES,
  missing,
  instructions,
  present: `${CHROMIUM} and Noto Sans CJK fonts are`,
})
