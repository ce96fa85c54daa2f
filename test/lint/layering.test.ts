/**
 * The layer rule of eslint.config.js (CONTRIBUTING.md: a pure domain core) must actually fire: a domain file
 * importing a framework, a storage or file-format library, or an outer layer is an error, and the same
 * imports are allowed outside src/domain. Also the no-v-html rule for user text (docs/reliability.md §5).
 */
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { LAYERS, type Layer } from '../../eslint.config.js'

const eslint = new ESLint({ cwd: process.cwd() })

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}

describe('the src/domain layer rule', () => {
  it.each([
    "import { ref } from 'vue'",
    "import { defineStore } from 'pinia'",
    "import Dexie from 'dexie'",
    "import * as echarts from 'echarts/core'",
    "import { ElButton } from 'element-plus'",
    "import ExcelJS from 'exceljs'",
    "import { Document } from 'docx'",
    "import { db } from '@/db/schema'",
    "import { useWorkspaceStore } from '@/stores/workspace'",
    "import { db } from '../db/schema'",
  ])('refuses `%s` in a domain file', async (line) => {
    const messages = await lintAs(
      'src/domain/probe.ts',
      `${line}\nexport const probe = [${line
        .match(/\{ (\w+) \}|\* as (\w+)|import (\w+)/)
        ?.slice(1)
        .find(Boolean)}]\n`,
    )
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true)
  })

  it('lets the same import through outside the domain, and a domain file import the domain', async () => {
    expect(await lintAs('src/stores/probe.ts', "import { ref } from 'vue'\nexport const probe = ref(1)\n")).toEqual([])
    expect(
      await lintAs('src/domain/probe.ts', "import { D } from './decimal'\nexport const probe = new D(1)\n"),
    ).toEqual([])
  })
})

/**
 * Every row of the layer table, both ways: each layer may import what its row lists (and itself), and
 * every other layer or the app shell is refused — by alias ("@/db/x") and by relative path
 * ("../db/x"), for values and for type-only imports alike.
 */
const SHELL = ['modules', 'router', 'App', 'main']
const layers = Object.keys(LAYERS) as Layer[]

function forbiddenOf(layer: Layer): string[] {
  const allowed = new Set<string>([layer, ...LAYERS[layer]])
  return [...layers, ...SHELL].filter((dir) => !allowed.has(dir))
}

describe('the layer table', () => {
  it('is the table of CONTRIBUTING.md', () => {
    expect(LAYERS).toEqual({
      domain: [],
      db: ['domain'],
      io: ['domain'],
      worker: ['domain', 'db'],
      stores: ['domain', 'db', 'io', 'worker'],
      composables: ['domain', 'stores'],
      components: ['domain', 'stores', 'composables'],
      pages: ['domain', 'stores', 'composables', 'components'],
    })
  })

  describe.each(layers)('src/%s', (layer) => {
    it.each(forbiddenOf(layer))(`refuses imports of src/%s`, async (dir) => {
      const probe = `src/${layer}/sub/probe.ts`
      for (const line of [
        `import { x } from '@/${dir}/thing'`,
        `import type { X } from '@/${dir}/thing'`,
        `import { x } from '../../${dir}/thing'`,
        `import '@/${dir}'`,
      ]) {
        const messages = await lintAs(probe, `${line}\nexport const probe = 1\n`)
        expect(
          messages.filter((m) => m.startsWith('no-restricted-imports')),
          `${layer} ← ${line}`,
        ).toHaveLength(1)
      }
    })

    it(`lets src/${layer} import itself and ${LAYERS[layer].join(', ') || 'nothing else'}`, async () => {
      for (const dir of [layer, ...LAYERS[layer]]) {
        const messages = await lintAs(
          `src/${layer}/sub/probe.ts`,
          `import type { X } from '@/${dir}/thing'\nimport { x } from '../../${dir}/thing'\nexport const probe: X = x\n`,
        )
        expect(messages, `${layer} ← ${dir}`).toEqual([])
      }
    })
  })

  it('applies to .vue files too', async () => {
    const messages = await lintAs(
      'src/components/Probe.vue',
      `<script setup lang="ts">\nimport { db } from '@/db/schema'\nconst probe = db\n</script>\n<template><div>{{ probe }}</div></template>\n`,
    )
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(1)
  })

  it('lets the app shell import every layer', async () => {
    const code =
      [...layers].map((dir, i) => `import { x${i} } from '@/${dir}/thing'`).join('\n') +
      `\nexport const probe = [${layers.map((_, i) => `x${i}`).join(', ')}]\n`
    expect(await lintAs('src/router.ts', code)).toEqual([])
  })
})

describe('user text is never rendered as HTML', () => {
  it('refuses v-html in a component', async () => {
    const messages = await lintAs(
      'src/components/Probe.vue',
      '<script setup lang="ts">\nconst text = \'<b>x</b>\'\n</script>\n<template><div v-html="text" /></template>\n',
    )
    expect(messages.some((m) => m.startsWith('vue/no-v-html'))).toBe(true)
  })
})
