/** Routes: one page per nav entry, each loaded lazily so the first paint carries only the shell. */
import { createRouter, createWebHashHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import { DATA_TABS, NAV, type DataTabPath, type NavName } from './components/layout/navigation'

type LazyPage = () => Promise<RouteComponent | { default: RouteComponent }>

/** The page of each navigation entry. */
const pages: Record<NavName, LazyPage> = {
  overview: () => import('./pages/OverviewPage.vue'),
  execution: () => import('./pages/ExecutionPage.vue'),
  indicators: () => import('./pages/IndicatorsPage.vue'),
  alerts: () => import('./pages/AlertsPage.vue'),
  measures: () => import('./pages/MeasuresPage.vue'),
  report: () => import('./pages/ReportPage.vue'),
  department: () => import('./pages/department/DepartmentPage.vue'),
  data: () => import('./pages/data/DataPage.vue'),
  settings: () => import('./pages/SettingsPage.vue'),
}

/** The page of each 数据管理 tab (the tabs themselves are listed in components/layout/navigation.ts). */
const dataTabPages: Record<DataTabPath, LazyPage> = {
  '': () => import('./pages/data/DataStoragePanel.vue'),
  unit: () => import('./pages/data/UnitPanel.vue'),
  budget: () => import('./pages/data/BudgetPanel.vue'),
  targets: () => import('./pages/data/TargetsPanel.vue'),
  nodes: () => import('./pages/data/NodesPanel.vue'),
  management: () => import('./pages/data/ManagementInputsPanel.vue'),
  import: () => import('./pages/data/ImportExportPage.vue'),
  backup: () => import('./pages/data/BackupPage.vue'),
}

const WITHOUT_DATASET: ReadonlySet<NavName> = new Set(['overview', 'department'])

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/overview' },
  ...NAV.map((entry): RouteRecordRaw => ({
    path: entry.path,
    name: entry.name,
    component: pages[entry.name],
    // the 概览 shows the overview worker's figures and the 部门汇总 the stored 报送: neither needs the
    // dataset on the main thread (stores/workspace `want`)
    meta: { title: entry.title, ...(WITHOUT_DATASET.has(entry.name) ? { withoutDataset: true } : {}) },
    ...(entry.name === 'data'
      ? {
          children: DATA_TABS.map((tab) => ({
            path: tab.path,
            component: dataTabPages[tab.path],
            meta: { title: tab.title },
          })),
        }
      : {}),
  })),
  // Drill-down and comparison pages (opened from the 概览, not in the navigation).
  {
    path: '/project/:id',
    name: 'project',
    component: () => import('./pages/ProjectPage.vue'),
    meta: { title: '项目详情' },
  },
  {
    path: '/indicator/:id',
    name: 'indicator',
    component: () => import('./pages/IndicatorDetailPage.vue'),
    meta: { title: '指标详情' },
  },
  {
    path: '/alerts/sheet',
    name: 'leaderSheet',
    component: () => import('./components/alerts/LeaderSheet.vue'),
    meta: { title: '领导批示单' },
  },
  {
    path: '/department/unit/:unitId',
    name: 'departmentUnit',
    component: () => import('./pages/department/DepartmentUnitPage.vue'),
    meta: { title: '下属单位报送数据', withoutDataset: true },
  },
  {
    path: '/compare',
    name: 'compare',
    component: () => import('./pages/NodeComparePage.vue'),
    meta: { title: '节点对比' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/overview' },
]

// Hash history: the built app is static files and must open from any server or path, offline.
export const router = createRouter({ history: createWebHashHistory(), routes })

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · 绩效监控` : '绩效监控'
})
