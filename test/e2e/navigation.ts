/** The main navigation as users see it (NAV in src/components/layout/navigation.ts), for tests that tour every page. */
export const NAV_TITLES = [
  '概览',
  '预算执行',
  '绩效指标',
  '预警',
  '纠偏措施',
  '监控报告',
  '部门汇总',
  '数据管理',
  '设置',
] as const
