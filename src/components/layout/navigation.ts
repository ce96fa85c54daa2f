/**
 * The navigation lists: what the nav bar and the 数据管理 tab bar show. Plain data, so components can
 * read it without importing the router; src/router.ts maps each entry to its lazily loaded page.
 */

export interface NavEntry {
  path: string
  name: string
  title: string
}

/** The navigation, in the order users work through a node. */
export const NAV = [
  { path: '/overview', name: 'overview', title: '概览' },
  { path: '/execution', name: 'execution', title: '预算执行' },
  { path: '/indicators', name: 'indicators', title: '绩效指标' },
  { path: '/alerts', name: 'alerts', title: '预警' },
  { path: '/measures', name: 'measures', title: '纠偏措施' },
  { path: '/report', name: 'report', title: '监控报告' },
  { path: '/department', name: 'department', title: '部门汇总' },
  { path: '/data', name: 'data', title: '数据管理' },
  { path: '/settings', name: 'settings', title: '设置' },
] as const satisfies readonly NavEntry[]

export type NavName = (typeof NAV)[number]['name']

export interface DataTab {
  /** Relative to /data; '' for the first tab. */
  path: string
  title: string
}

/**
 * 数据管理 is a page of tabs, one child route each. Add a tab by adding an entry here and its page in
 * src/router.ts; the page builds its tab bar from this list.
 */
export const DATA_TABS = [
  { path: '', title: '存储与示例' },
  { path: 'unit', title: '单位信息' },
  { path: 'budget', title: '预算' },
  { path: 'targets', title: '绩效目标' },
  { path: 'nodes', title: '监控节点' },
  { path: 'management', title: '管理指标' },
  { path: 'import', title: '导入导出' },
  { path: 'backup', title: '备份恢复' },
] as const satisfies readonly DataTab[]

export type DataTabPath = (typeof DATA_TABS)[number]['path']
