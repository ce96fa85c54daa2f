// Builds the import benchmark's own page (index.html + importHarness.ts here) into dist-bench-import/,
// apart from the app: `npm run build` never sees it. Used only by scripts/bench/import.bench.mjs.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

export default defineConfig({
  root: path('.'),
  base: './',
  resolve: {
    alias: { '@': path('../../../src') },
  },
  build: {
    target: 'es2022',
    outDir: path('../../../dist-bench-import'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
})
