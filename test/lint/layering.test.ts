/**
 * The layer rule of eslint.config.js (style.md: a pure domain core) must actually fire: a domain file
 * importing a framework, a storage or file-format library, or an outer layer is an error, and the same
 * imports are allowed outside src/domain. Also the no-v-html rule for user text (issue 5, item 5).
 */
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'

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
    const messages = await lintAs('src/domain/probe.ts', `${line}\nexport const probe = [${line.match(/\{ (\w+) \}|\* as (\w+)|import (\w+)/)?.slice(1).find(Boolean)}]\n`)
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true)
  })

  it('lets the same import through outside the domain, and a domain file import the domain', async () => {
    expect(await lintAs('src/stores/probe.ts', "import { ref } from 'vue'\nexport const probe = ref(1)\n")).toEqual([])
    expect(await lintAs('src/domain/probe.ts', "import { D } from './decimal'\nexport const probe = new D(1)\n")).toEqual([])
  })
})

describe('user text is never rendered as HTML', () => {
  it('refuses v-html in a component', async () => {
    const messages = await lintAs('src/components/Probe.vue', '<script setup lang="ts">\nconst text = \'<b>x</b>\'\n</script>\n<template><div v-html="text" /></template>\n')
    expect(messages.some((m) => m.startsWith('vue/no-v-html'))).toBe(true)
  })
})
