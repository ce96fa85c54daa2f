/**
 * Writes `sw.js` into the build: a small service worker that precaches the app shell (every file
 * the build emits plus public files) so the installed app opens with the network off. The cache
 * name carries a hash of the file list, so a new build replaces the old cache on activation.
 * Hand-written instead of a PWA plugin: it is 40 lines, and we want to see exactly what it caches.
 */
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

const PUBLIC_FILES = ['favicon.svg', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png']

export function precacheServiceWorker(): Plugin {
  return {
    name: 'precache-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = [
        './',
        ...PUBLIC_FILES.map((f) => `./${f}`),
        ...Object.keys(bundle)
          .filter((f) => f !== 'sw.js')
          .map((f) => `./${f}`),
      ].sort()
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(files, version) })
    },
  }
}

function serviceWorkerSource(files: string[], version: string): string {
  return `// Generated at build time by scripts/vite-plugin-precache.ts. Do not edit.
const CACHE = 'jixiao-shell-${version}'
const FILES = ${JSON.stringify(files)}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('jixiao-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  )
})

// Same-origin GETs only: hashed assets come from the cache first; pages try the network first so a
// new build is picked up, and fall back to the cached shell when offline.
self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('./', { cacheName: CACHE, ignoreVary: true })))
    return
  }
  // ignoreVary: module scripts are CORS requests carrying Origin, and the server answers Vary: Origin.
  event.respondWith(caches.match(request, { cacheName: CACHE, ignoreVary: true }).then((cached) => cached || fetch(request)))
})
`
}
