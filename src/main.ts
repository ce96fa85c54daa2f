// first: the database's backing store opens while the other scripts are evaluated
import './modules/warmDatabase'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'
import { registerServiceWorker } from './modules/serviceWorker'
import { listenForInput } from './stores/quietMoments'
import { useWorkspaceStore } from './stores/workspace'

// work done ahead of time (preparing other nodes) waits while the user types, clicks or scrolls
listenForInput(window)
const app = createApp(App).use(createPinia())
// Before the router starts its first navigation: the workspace must know at once whether the page
// needs the dataset (the 概览 does not; its figures come from the overview worker).
const workspace = useWorkspaceStore()
router.beforeEach((to) => {
  void workspace.want(to.meta.withoutDataset !== true)
})
app.use(router).mount('#app')
registerServiceWorker()
