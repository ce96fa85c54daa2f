/**
 * The 部门汇总报告 of 且末县财政局 at 2021年1-6月 for the io tests: unit A (seed 001, 1,493.25 / 383.74,
 * red), unit B (12,030.56 / 11,832.53) and 林草局 未报送; summed 13,523.81 / 12,216.27 → 90.33%
 * (docs/domain-rules.md §17.2), with the 基本/项目 split and 到位资金 of test/db/departmentFixtures.
 */
import { departmentTotals, draftDepartmentReport, rankUnits } from '../../../src/domain/department'
import type { ReportModel } from '../../../src/domain/report'
import { FIGURES_A, FIGURES_B, nodeFigures } from '../../db/departmentFixtures'

export function departmentModel(): ReportModel {
  const a = nodeFigures({ id: 'unit-a', name: '且末县自然资源局' }, FIGURES_A, { red: 1 })
  const b = nodeFigures({ id: 'unit-b', name: '且末县水利局' }, FIGURES_B, { yellow: 2 })
  const figures = [a, b]
  return draftDepartmentReport({
    departmentName: '且末县财政局',
    year: 2021,
    node: { asOfDate: '2021-06-30', label: '2021年1-6月' },
    totals: departmentTotals(figures),
    ranking: rankUnits(figures, [
      { unitId: 'unit-a', unitName: '且末县自然资源局' },
      { unitId: 'unit-b', unitName: '且末县水利局' },
      { unitId: 'unit-c', unitName: '且末县林草局' },
    ]),
    units: [
      {
        unitId: 'unit-a',
        review: 'approved',
        deviationText:
          '预算执行方面：截至2021年6月底，执行率25.70%，执行进度比51.4，为红灯预警。主要原因是项目支出的土地整治项目尚未开工，资金未拨付；' +
          '绩效目标方面：新增建设用地报批450亩，实际完成30亩，完成率6.67%，为红灯预警，原因是用地指标尚未下达。',
        alerts: [{ light: 'red', message: '预算执行进度滞后' }],
      },
      {
        unitId: 'unit-b',
        review: 'pending',
        deviationText: null,
        alerts: [
          { light: 'yellow', message: '农田水利项目完成率低于预期' },
          { light: 'yellow', message: '防汛物资采购进度偏慢' },
        ],
      },
    ],
    ratePrecision: 2,
    reportDate: '2021-07-10',
  })
}
