/**
 * The walk over every page that the plain-Chinese and accessibility scans share: the stops, and opening
 * every collapsed row and panel so what they hide is checked too.
 */
import type { Page } from '@playwright/test'
import { DATA_TABS, NAV } from '../../src/components/layout/navigation'
import { expectPageComplete } from './helpers'

export interface Stop {
  /** where the failure message says the token is */
  name: string
  path: string
}

/** Every page of the navigation (and each 数据管理 tab), the entry modes, the drill-downs and 节点对比. */
export const STOPS: Stop[] = [
  ...NAV.filter((entry) => entry.name !== 'data').map((entry) => ({ name: entry.title, path: entry.path })),
  { name: '预算执行 · 月度执行录入', path: '/execution?mode=entry' },
  { name: '预算执行 · 节点研判', path: '/execution?mode=judgement' },
  { name: '绩效指标 · 指标填报', path: '/indicators?mode=entry' },
  ...DATA_TABS.map((tab) => ({
    name: `数据管理 · ${tab.title}${tab.path === '' ? '（含修改记录）' : ''}`,
    path: tab.path ? `/data/${tab.path}` : '/data',
  })),
  { name: '项目详情', path: '/project/demo-qiemo-2021-pgxm' },
  { name: '指标详情', path: '/indicator/demo-ind-01' },
  { name: '节点对比', path: '/compare' },
]

/** Opens every collapsed table row, collapse panel and <details> on the page, then waits for them to show. */
export async function expandAll(page: Page): Promise<number> {
  let opened = 0
  // a few rounds: an expanded row may hold a table with rows of its own, and a row the page drew again
  // meanwhile (its figures arriving from the worker, another node prepared) is found again next round
  for (let round = 0; round < 5; round++) {
    const closed = page.locator(
      '.el-table__expand-icon:not(.el-table__expand-icon--expanded):visible, .el-collapse-item__header:not(.is-active):visible, details:not([open]) > summary:visible',
    )
    const count = await closed.count()
    if (count === 0) break
    const before = opened
    for (let i = count - 1; i >= 0; i--) {
      try {
        await closed.nth(i).click({ timeout: 3_000 })
        opened++
      } catch {
        // detached while clicked: under load one full run saw a table drawn again for minutes
      }
    }
    if (opened === before) break // nothing would open: scan what is shown rather than wait out the test
  }
  await expectPageComplete(page)
  return opened
}
