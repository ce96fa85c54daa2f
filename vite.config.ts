import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { precacheServiceWorker } from './scripts/vite-plugin-precache.ts'

export default defineConfig({
  // Names this build: the overview worker keeps the views it computed per build (src/worker/viewCache.ts),
  // so a view computed by older code is never shown by newer code.
  define: { __APP_BUILD__: JSON.stringify(new Date().toISOString()) },
  // Relative asset paths: the built app opens from any folder or sub-path, offline.
  base: './',
  plugins: [vue(), precacheServiceWorker()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // component tests run the real store on fake-indexeddb and jsdom; on a busy 2-core machine a few of
    // them took longer than Vitest's default 5 s
    testTimeout: 20_000,
  },
})
