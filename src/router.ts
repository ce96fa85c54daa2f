/** Routes: one page per nav entry, each loaded lazily so the first paint carries only the shell. */
import { createRouter, createWebHashHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'

export interface NavEntry {
  path: string
  name: string
  title: string
}

/** The navigation, in the order users work through a node. */
export const NAV: readonly NavEntry[] = [
  { path: '/overview', name: 'overview', title: '概览' },
  { path: '/execution', name: 'execution', title: '预算执行' },
  { path: '/indicators', name: 'indicators', title: '绩效指标' },
  { path: '/alerts', name: 'alerts', title: '预警' },
  { path: '/measures', name: 'measures', title: '纠偏措施' },
  { path: '/report', name: 'report', title: '监控报告' },
  { path: '/data', name: 'data', title: '数据管理' },
  { path: '/settings', name: 'settings', title: '设置' },
]

const pages: Record<string, () => Promise<RouteComponent | { default: RouteComponent }>> = {
  overview: () => import('./pages/OverviewPage.vue'),
  execution: () => import('./pages/ExecutionPage.vue'),
  indicators: () => import('./pages/IndicatorsPage.vue'),
  alerts: () => import('./pages/AlertsPage.vue'),
  measures: () => import('./pages/MeasuresPage.vue'),
  report: () => import('./pages/ReportPage.vue'),
  data: () => import('./pages/data/DataPage.vue'),
  settings: () => import('./pages/SettingsPage.vue'),
}

/**
 * 数据管理 is a page of tabs, one child route each. Add a tab by adding an entry here (path relative
 * to /data, '' for the first tab); the page builds its tab bar from this list.
 */
export const DATA_TABS: readonly { path: string; title: string; component: () => Promise<RouteComponent | { default: RouteComponent }> }[] = [
  { path: '', title: '存储与示例', component: () => import('./pages/data/DataStoragePanel.vue') },
  { path: 'unit', title: '单位信息', component: () => import('./pages/data/UnitPanel.vue') },
  { path: 'budget', title: '预算', component: () => import('./pages/data/BudgetPanel.vue') },
  { path: 'targets', title: '绩效目标', component: () => import('./pages/data/TargetsPanel.vue') },
  { path: 'nodes', title: '监控节点', component: () => import('./pages/data/NodesPanel.vue') },
  { path: 'import', title: '导入导出', component: () => import('./pages/data/ImportExportPage.vue') },
  { path: 'backup', title: '备份恢复', component: () => import('./pages/data/BackupPage.vue') },
]

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/overview' },
  ...NAV.map((entry): RouteRecordRaw => ({
    path: entry.path,
    name: entry.name,
    component: pages[entry.name] ?? pages.overview,
    meta: { title: entry.title },
    ...(entry.name === 'data'
      ? { children: DATA_TABS.map((tab) => ({ path: tab.path, component: tab.component, meta: { title: tab.title } })) }
      : {}),
  })),
  // Drill-down and comparison pages (opened from the 概览, not in the navigation).
  { path: '/project/:id', name: 'project', component: () => import('./pages/ProjectPage.vue'), meta: { title: '项目详情' } },
  { path: '/indicator/:id', name: 'indicator', component: () => import('./pages/IndicatorDetailPage.vue'), meta: { title: '指标详情' } },
  { path: '/compare', name: 'compare', component: () => import('./pages/NodeComparePage.vue'), meta: { title: '节点对比' } },
  { path: '/:pathMatch(.*)*', redirect: '/overview' },
]

// Hash history: the built app is static files and must open from any server or path, offline.
export const router = createRouter({ history: createWebHashHistory(), routes })

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · 绩效监控` : '绩效监控'
})
