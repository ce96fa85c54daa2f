// ESLint 9 flat config: TypeScript + Vue 3 (<script setup lang="ts">).
// Correctness rules only; layout is left to the author (vue "no-layout-rules").
// The layer rule at the bottom keeps src/domain a pure core: no framework,
// storage, chart, UI or file-format library, and no import of outer layers.
import { defineConfig } from 'eslint/config'
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

/**
 * THE LAYER TABLE (CONTRIBUTING.md repeats it). Each layer of src/ may import only the layers listed
 * for it; type-only imports count too, so types shared across layers live in the domain. The rules
 * below are generated from this one table, and test/lint/layering.test.ts proves each row fires.
 * The app shell (main.ts, App.vue, router.ts, modules/) wires everything together and is not limited.
 */
export const LAYERS = {
  domain: [],
  db: ['domain'],
  io: ['domain'],
  worker: ['domain', 'db'],
  stores: ['domain', 'db', 'io', 'worker'],
  composables: ['domain', 'stores'],
  components: ['domain', 'stores', 'composables'],
  pages: ['domain', 'stores', 'composables', 'components'],
}
const SHELL = ['modules', 'router', 'App', 'main']
const ALL_DIRS = [...Object.keys(LAYERS), ...SHELL]

/** One no-restricted-imports pattern per forbidden layer, for "@/x" and relative "../x" alike. */
function forbiddenLayerPatterns(layer) {
  const allowed = new Set([layer, ...LAYERS[layer]])
  return ALL_DIRS.filter((dir) => !allowed.has(dir)).flatMap((dir) => {
    const message = `src/${layer} may import only ${[layer, ...LAYERS[layer]].join(', ')} (the layer table in eslint.config.js and CONTRIBUTING.md); not src/${dir}.`
    return [
      { regex: `^@/${dir}(\\.\\w+)?(/|$)`, message },
      { regex: `^(\\.\\./)+${dir}(\\.\\w+)?(/|$)`, message },
    ]
  })
}

// No user text rendered as HTML outside templates either.
const noHtmlSinks = [
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Do not render text as HTML (innerHTML/outerHTML); use textContent or a Vue template.',
  },
  {
    selector: 'CallExpression[callee.property.name="insertAdjacentHTML"]',
    message: 'Do not render text as HTML (insertAdjacentHTML).',
  },
  {
    selector: 'CallExpression[callee.object.name="document"][callee.property.name=/^(write|writeln)$/]',
    message: 'Do not use document.write.',
  },
]

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'test-results-*/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      '.e2e-profile*/**',
    ],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  pluginVue.configs['no-layout-rules'],

  {
    files: ['**/*.{ts,mts,vue}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        sourceType: 'module',
      },
    },
  },
  {
    // Node-side files: configs, scripts, e2e/unit tests.
    files: ['*.{js,mjs,ts}', 'scripts/**', 'test/**'],
    languageOptions: { globals: { ...globals.node } },
  },

  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
      // No user text rendered as HTML, anywhere.
      'vue/no-v-html': 'error',
      'vue/no-v-text-v-html-on-component': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    rules: { 'no-restricted-syntax': ['error', ...noHtmlSinks] },
  },

  // ---- Layer rule: src/domain is a pure core ---------------------------------
  {
    files: ['src/domain/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'vue',
            'pinia',
            'vue-router',
            'dexie',
            'echarts',
            'vue-echarts',
            'element-plus',
            'exceljs',
            'docx',
            'fake-indexeddb',
          ].map((name) => ({
            name,
            message:
              'src/domain is the pure core: no framework/storage/UI/chart/file-format imports. Move this code to src/db, src/io, src/stores or src/components.',
          })),
          patterns: [
            {
              group: [
                'echarts/*',
                'element-plus/*',
                'dexie/*',
                'exceljs/*',
                'docx/*',
                '@vue/*',
                '@vueuse/*',
                '@element-plus/*',
                'node:*',
              ],
              message: 'src/domain is the pure core: no framework/storage/UI/chart/file-format/Node imports.',
            },
            ...forbiddenLayerPatterns('domain'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'indexedDB', 'localStorage', 'sessionStorage', 'navigator', 'fetch', 'location'].map(
          (name) => ({ name, message: 'src/domain is pure: pass data in, do not reach for browser globals.' }),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        ...noHtmlSinks,
        { selector: 'ImportExpression', message: 'src/domain does no dynamic import().' },
      ],
    },
  },

  // ---- The layer table, outside the domain (generated from LAYERS) ------------
  ...Object.keys(LAYERS)
    .filter((layer) => layer !== 'domain')
    .map((layer) => ({
      files: [`src/${layer}/**/*.{ts,vue}`],
      rules: {
        'no-restricted-imports': ['error', { patterns: forbiddenLayerPatterns(layer) }],
      },
    })),
)
