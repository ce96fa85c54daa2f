import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'
import { registerServiceWorker } from './modules/serviceWorker'

createApp(App).use(createPinia()).use(router).mount('#app')
registerServiceWorker()
