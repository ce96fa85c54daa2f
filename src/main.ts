import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'
import { registerServiceWorker } from './modules/serviceWorker'
import { listenForInput } from './stores/quietMoments'

// work done ahead of time (preparing other nodes) waits while the user types, clicks or scrolls
listenForInput(window)
createApp(App).use(createPinia()).use(router).mount('#app')
registerServiceWorker()
