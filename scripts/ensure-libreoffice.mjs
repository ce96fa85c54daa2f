#!/usr/bin/env node
// Ensures LibreOffice Writer (headless) and poppler-utils are installed, which the Word rendering test
// (test/io/wordRendering.test.ts) uses: soffice turns the exported .docx into a PDF, pdftotext and
// pdftoppm read the PDF back. Modelled on scripts/ensure-chromium.mjs.
//   - all present             -> exit 0
//   - missing and we are root -> apt-get update && apt-get install (output streamed)
//   - missing, not root       -> exit 1 with instructions
// It never skips silently: a .docx that only Word lays out right is the bug that test guards against.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { ensurePackages, hasCjkFont } from './ensurePackages.mjs'

export const SOFFICE = '/usr/bin/soffice'
// fonts-noto-cjk: the Chinese glyphs (e2e installs it too); fonts-liberation: Liberation Serif, which
// LibreOffice sets for Times New Roman, the digits of the report's tables (src/io/word/columnWidths.ts)
const PACKAGES = ['libreoffice-writer-nogui', 'poppler-utils', 'fonts-noto-cjk', 'fonts-liberation']

/** A program answers its version flag (poppler's tools print it on stderr). */
function answers(cmd, args, pattern) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 })
  return r.status === 0 && pattern.test(`${r.stdout}${r.stderr}`)
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

ensurePackages({
  name: 'ensure-libreoffice',
  packages: PACKAGES,
  // --no-install-recommends: Writer and its fonts only, not the Java, help and desktop extras
  installArgs: ['--no-install-recommends'],
  missing,
  instructions,
  present: `${SOFFICE}, pdftotext, pdftoppm, Noto CJK and Liberation fonts are`,
})
