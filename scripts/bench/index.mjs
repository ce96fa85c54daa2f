// `npm run bench`: runs every scripts/bench/*.bench.mjs in turn (or only those named on the
// command line, e.g. `npm run bench -- report`). Results go to stdout; copy them to docs/benchmarks.md.
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort()
if (scripts.length === 0) {
  console.error('没有找到基准脚本（scripts/bench/*.bench.mjs）')
  process.exit(1)
}
let failed = 0
for (const script of scripts) {
  console.log(`\n== ${script}`)
  const result = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit', env: { ...process.env } })
  if (result.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
