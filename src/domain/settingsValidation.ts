/** Checks user-edited settings before they are saved: thresholds must be ordered and sensible. */
import { fail, issue, ok } from './result'
import type { Checked, ValidationIssue } from './result'
import type { MonitoringSettings } from './settings'

const MAX_RATE_PRECISION = 4

export function validateSettings(settings: MonitoringSettings): Checked<MonitoringSettings> {
  const issues: ValidationIssue[] = []
  const { budgetLight, indicatorLight, ratePrecision } = settings
  const finite = (n: number) => typeof n === 'number' && Number.isFinite(n)

  if (
    ![budgetLight.red, budgetLight.yellow].every(finite) ||
    budgetLight.red <= 0 ||
    budgetLight.red >= budgetLight.yellow
  ) {
    issues.push(issue('budgetLight', 'settings.budgetOrder', '预算执行预警阈值应满足 0 < 红灯线 < 黄灯线'))
  }
  if (
    ![indicatorLight.red, indicatorLight.yellow, indicatorLight.blue].every(finite) ||
    indicatorLight.red <= 0 ||
    indicatorLight.red >= indicatorLight.yellow ||
    indicatorLight.yellow >= indicatorLight.blue
  ) {
    issues.push(issue('indicatorLight', 'settings.indicatorOrder', '指标预警阈值应满足 0 < 红灯线 < 黄灯线 < 蓝灯线'))
  }
  if (!Number.isInteger(ratePrecision) || ratePrecision < 0 || ratePrecision > MAX_RATE_PRECISION) {
    issues.push(
      issue('ratePrecision', 'settings.precision', `百分比显示小数位数应为 0 到 ${MAX_RATE_PRECISION} 的整数`),
    )
  }
  if (settings.timeProgressMode !== 'month' && settings.timeProgressMode !== 'day') {
    issues.push(issue('timeProgressMode', 'settings.mode', '序时进度计算方式只能是“按月”或“按日”'))
  }
  if (settings.scoringScheme !== 'seed003' && settings.scoringScheme !== 'common') {
    issues.push(issue('scoringScheme', 'settings.scheme', '评分方案只能是“广州2023自评表”或“通用方案”'))
  }
  return issues.length ? fail(issues) : ok(settings)
}
