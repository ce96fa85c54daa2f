/**
 * Registers the precaching service worker (built by scripts/vite-plugin-precache.ts) so the app
 * shell opens with the network off. Production builds only: the dev server has no sw.js.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      // Not fatal: the app works online without it; only offline start-up is lost.
      console.warn('离线缓存注册失败', error)
    })
  })
}
