// The generated 主管部门-size unit-year of the dashboard benchmarks: 1,000 projects × 20 indicators +
// 20 unit indicators, 1,005 budget lines with 12 months of execution, 12 month-end nodes and a reading
// for every indicator at every node — as plain rows in the app's IndexedDB schema (amounts as strings).
// Pure and self-contained (no imports, no closures): dashboard.bench.mjs sends its source into the
// page, dashboard-domain.bench.mjs calls it in Node.
export function buildDashboardRows({ projects, perProject }) {
  const year = 2025
  const unitId = 'bench-unit'
  const money = (v) => v.toFixed(2)
  const rows = {
    units: [
      {
        id: unitId,
        name: '基准测试主管部门',
        departments: ['办公室', '财务科', '业务一科', '业务二科', '业务三科'],
        monitoringGroup: [],
        financeOfficer: '张三',
      },
    ],
    frameworks: [
      {
        year,
        level1: [
          { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
          { name: '效益指标', level2: ['社会效益指标'] },
          { name: '满意度指标', level2: ['服务对象满意度指标'] },
        ],
      },
    ],
    projects: [],
    budgetLines: [],
    monthlyExecutions: [],
    targets: [],
    indicators: [],
    nodes: [],
    readings: [],
  }
  const lastDay = (m) => new Date(Date.UTC(year, m, 0)).getUTCDate()
  for (let m = 1; m <= 12; m++) {
    rows.nodes.push({
      id: `n${m}`,
      unitId,
      year,
      asOfDate: `${year}-${String(m).padStart(2, '0')}-${lastDay(m)}`,
      label: m === 1 ? `${year}年1月` : `${year}年1-${m}月`,
      status: 'draft',
    })
  }
  const addLine = (line, pace) => {
    rows.budgetLines.push(line)
    const budget = Number(line.initialBudget)
    for (let m = 1; m <= 12; m++) {
      const spent = Math.min(budget, budget * (m / 12) * pace)
      rows.monthlyExecutions.push({
        id: `${line.id}-m${m}`,
        budgetLineId: line.id,
        year,
        month: m,
        spent: money(spent),
        allocated: money(Math.min(budget, spent * 1.05)),
      })
    }
  }
  const base = { unitId, year, fundSource: '财政拨款', additions: '0', reductions: '0', carryOver: '0' }
  for (let b = 0; b < 5; b++)
    addLine(
      {
        ...base,
        id: `basic-${b}`,
        category: 'basic',
        subCategory: b < 3 ? 'personnel' : 'public',
        name: `基本支出${b + 1}`,
        initialBudget: money(800 + b * 100),
        sortOrder: b,
      },
      0.9,
    )
  const kinds = [
    '产出指标|数量指标',
    '产出指标|质量指标',
    '产出指标|时效指标',
    '产出指标|成本指标',
    '效益指标|社会效益指标',
    '满意度指标|服务对象满意度指标',
  ]
  const addTarget = (targetId, scope, projectId, pace, count) => {
    rows.targets.push({
      id: targetId,
      unitId,
      year,
      scope,
      ...(projectId ? { projectId } : {}),
      description: '年度总体目标',
    })
    for (let k = 0; k < count; k++) {
      const [level1, level2] = kinds[k % kinds.length].split('|')
      const id = `${targetId}-i${k}`
      const qualitative = k % 10 === 9
      const level = level2 === '质量指标'
      const due = level2 === '服务对象满意度指标'
      rows.indicators.push({
        id,
        targetId,
        level1,
        level2,
        name: `${level2}${k + 1}`,
        operator: qualitative ? '定性' : '≥',
        targetValue: qualitative ? '效果明显' : level || due ? '95' : String(100 + k),
        measureUnit: qualitative ? '' : level || due ? '%' : '个',
        accrual: due ? 'dueLater' : level || qualitative ? 'level' : 'cumulative',
        ...(due ? { dueDate: `${year}-12-31` } : {}),
        ...(k % 7 === 0 ? { weight: '5' } : {}),
        sortOrder: k,
      })
      for (let m = 1; m <= 12; m++) {
        const reading = {
          id: `${id}-n${m}`,
          nodeId: `n${m}`,
          indicatorId: id,
          likelihood: pace < 0.5 && m > 6 ? '完全不可能' : '有可能',
          deviationCauses: [],
          deviationText: '',
        }
        if (qualitative) reading.qualitativeGrade = pace > 0.8 ? '达成' : pace > 0.5 ? '部分达成' : '未达成'
        else if (level || due) reading.actualValue = String(Math.round(90 + pace * 8))
        else reading.actualValue = money((100 + k) * (m / 12) * pace)
        if (m === 12 || k % 3 === 0) reading.yearEndForecast = qualitative ? undefined : String(100 + k)
        if (reading.yearEndForecast === undefined) delete reading.yearEndForecast
        rows.readings.push(reading)
      }
    }
  }
  addTarget('t-unit', 'unit', null, 0.85, 20)
  for (let p = 0; p < projects; p++) {
    const projectId = `p${p}`
    const pace = 0.3 + (((p * 37) % 100) / 100) * 0.9 // 0.3 … 1.2: every light appears
    rows.projects.push({
      id: projectId,
      unitId,
      year,
      name: `项目${String(p + 1).padStart(4, '0')}`,
      department: `业务${(p % 3) + 1}科`,
    })
    addLine(
      {
        ...base,
        id: `line-${p}`,
        category: 'project',
        projectId,
        name: `项目${p + 1}经费`,
        initialBudget: money(50 + (p % 50) * 3),
        sortOrder: 10 + p,
      },
      pace,
    )
    addTarget(`t-${projectId}`, 'project', projectId, pace, perProject)
  }
  return rows
}
