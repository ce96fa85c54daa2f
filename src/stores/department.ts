/**
 * The 主管部门 workspace (docs/domain-rules.md §17, docs/package-format.md §7–8): its 下属单位 list, 「导入
 * 报送包」 (read and verified by io/package, previewed, then written by db/department only for the
 * packages the user confirmed), the 汇总 figures of the domain (sums, ranking, heatmap) over the current
 * submissions, 审核 and the signed 回执. Orchestrates; every figure is the domain's.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  classifySubmission,
  departmentTotals,
  notSubmittedRecord,
  rankUnits,
  unitNodeFiguresProblems,
  unitNodeHeatmap,
  type DepartmentNode,
  type ReceivedSubmission,
  type ReviewRecord,
  type SubmissionClass,
  type SubmissionRef,
  type SubordinateUnit,
  type UnitNodeFigures,
} from '@/domain/department'
import { normalizeName } from '@/domain/names'
import { receiptContentOf } from '@/domain/submission'
import { ok, refused, type Result } from '@/domain/result'
import type { Alert, Id, IsoDate, StoredReport, UnitYearDataset } from '@/domain/types'
import { settingsForNode } from '@/domain/lock'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { computeNodeSnapshot, type NodeSnapshot } from '@/domain/snapshot'
import {
  getSubmissionFile,
  loadDepartment,
  recordReview,
  registerUnitKey,
  saveSubordinates,
  storeSubmissions,
  type AcceptedSubmission,
  type DepartmentData,
  type SubmissionSummary,
  type SubordinateEntry,
} from '@/db/department'
import { dataStamp } from '@/db/viewCache'
import { downloadBlob } from '@/io/download'
import { checkKnownKey, DEFAULT_PACKAGE_LIMITS, readPackage, writePackage, type VerifiedPackage } from '@/io/package'
import { ensureSigningKey } from './signing'

/** How the package's signing key stands against the key registered for its unit. */
export type KeyStatus = 'known' | 'firstContact' | 'different'

export const KEY_STATUS_LABELS: Readonly<Record<KeyStatus, string>> = {
  known: '已登记',
  firstContact: '首次接收',
  different: '不一致',
}

/** Whether the package's unit is on the 下属单位 list. */
export type ListedStatus = 'byId' | 'byName' | 'notListed'

/** One file of 「导入报送包」 as the preview shows it. */
export interface PackagePreview {
  fileName: string
  /** refused: not written whatever the user confirms; `messages` say why */
  refused: boolean
  messages: string[]
  /** what the user should know but that does not stop the import */
  warnings: string[]
  unitId: Id | null
  unitName: string
  year: number | null
  nodeLabel: string
  asOfDate: IsoDate | null
  submissionClass: SubmissionClass | null
  keyStatus: KeyStatus | null
  fingerprint: string
  /** the signing key (base64 SPKI), for a deliberate re-registration */
  publicKey: string
  listed: ListedStatus | null
  /** for the write; null when refused */
  accept: { submission: ReceivedSubmission; publicKey: string } | null
}

/** The outcome of one accepted file. */
export interface AcceptOutcome {
  fileName: string
  ok: boolean
  message: string
}

/** What a current submission's parts hold, for the drill-down and 汇总预警. */
export interface SubmissionContent {
  figures: UnitNodeFigures
  alerts: Alert[]
  report: StoredReport | null
  /** the unit-year behind the node (unit-year.json), when it has the shape of one */
  unitYear: UnitYearDataset | null
}

/** A row of 汇总预警: one alert of a unit's current submission. */
export interface DepartmentAlert {
  unitId: Id
  unitName: string
  nodeLabel: string
  asOfDate: IsoDate
  alert: Alert
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isText = (v: unknown): v is string => typeof v === 'string'
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The figures of a node.json, or why they cannot be read. Shape first (the part is untrusted JSON), then
 * the domain's checks (unitNodeFiguresProblems), then agreement with the signed manifest.
 */
export function figuresOfPackage(pkg: VerifiedPackage): Result<UnitNodeFigures> {
  const node = pkg.json['node.json']
  const figures = isRecord(node) ? node.figures : undefined
  const amounts = (v: unknown) => isRecord(v) && isText(v.adjustedBudget) && isText(v.allocated) && isText(v.spent)
  const shaped =
    isRecord(figures) &&
    isText(figures.unitId) &&
    isText(figures.unitName) &&
    typeof figures.year === 'number' &&
    isText(figures.nodeId) &&
    isText(figures.nodeLabel) &&
    isText(figures.asOfDate) &&
    ISO_DATE.test(figures.asOfDate) &&
    amounts(figures.budget) &&
    isRecord(figures.byCategory) &&
    Object.entries(figures.byCategory).every(([k, v]) => (k === 'basic' || k === 'project') && amounts(v)) &&
    isText(figures.timeProgress) &&
    isRecord(figures.indicatorLights) &&
    isRecord(figures.alerts) &&
    isText(figures.unitLight)
  if (!shaped) return refused(['报送包中的节点数据（node.json）不完整或格式不对，无法汇总'])
  const read = figures as unknown as UnitNodeFigures
  const problems = unitNodeFiguresProblems(read).map((i) => i.message)
  if (problems.length > 0) return refused(problems.map((p) => `报送包中的数字有误：${p}`))
  const { manifest } = pkg
  if (read.unitId !== manifest.unit.id || read.nodeId !== manifest.node.id || read.year !== manifest.year)
    return refused(['报送包中的节点数据与清单所写的单位、节点或年度不一致'])
  return ok(read)
}

/** The parts of a verified package as the drill-down reads them; alerts and report only when well formed. */
export function contentOfPackage(pkg: VerifiedPackage, figures: UnitNodeFigures): SubmissionContent {
  const node = pkg.json['node.json']
  const alerts =
    isRecord(node) && Array.isArray(node.alerts)
      ? node.alerts.filter(
          (a): a is Alert => isRecord(a) && isText(a.id) && isText(a.message) && isText(a.light) && isText(a.nodeId),
        )
      : []
  const report = pkg.json['report.json']
  const unitYear = pkg.json['unit-year.json']
  const rows = ['projects', 'budgetLines', 'monthlyExecutions', 'targets', 'indicators', 'nodes', 'readings'] as const
  const datasetShaped =
    isRecord(unitYear) &&
    isRecord(unitYear.unit) &&
    isRecord(unitYear.framework) &&
    typeof unitYear.year === 'number' &&
    rows.every((key) => Array.isArray(unitYear[key]))
  return {
    figures,
    alerts,
    report: isRecord(report) && isText(report.nodeId) ? (report as unknown as StoredReport) : null,
    unitYear: datasetShaped ? (unitYear as unknown as UnitYearDataset) : null,
  }
}

/**
 * The node's snapshot recomputed from the submitted unit-year, with the settings frozen with the node
 * (a 定稿 node keeps them), for the drill-down's 预算执行 and 绩效指标. The data is the unit's and was
 * checked only by shape: anything that cannot be computed is said, never thrown.
 */
export function snapshotOfContent(content: SubmissionContent): Result<NodeSnapshot> {
  const dataset = content.unitYear
  const none = refused(['报送包中没有可显示的单位年度数据，只能查看上面的汇总数字'])
  if (!dataset) return none
  try {
    const node = dataset.nodes.find((n) => n.id === content.figures.nodeId)
    if (!node) return none
    const computed = computeNodeSnapshot({
      dataset: {
        ...dataset,
        budgetJudgements: dataset.budgetJudgements ?? [],
        alerts: dataset.alerts ?? [],
        measures: dataset.measures ?? [],
        reports: dataset.reports ?? [],
      },
      nodeId: node.id,
      settings: settingsForNode(node, DEFAULT_SETTINGS),
    })
    return computed.ok ? computed : refused(computed.messages)
  } catch {
    return none
  }
}

function fileSizeRefusal(size: number): string | null {
  const max = DEFAULT_PACKAGE_LIMITS.maxBytes
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  return size > max ? `文件过大（${mb(size)}），报送包不能超过 ${mb(max)}` : null
}

export const useDepartmentStore = defineStore('department', () => {
  const departmentUnitId = ref<Id | null>(null)
  const departmentName = ref('')
  const year = ref<number | null>(null)
  const data = shallowRef<DepartmentData | null>(null)
  const loading = ref(false)
  const busy = ref(false)
  /** replaced whole, never changed in place: shallow, so 100 previews (each with its file) are not made deep-reactive */
  const previews = shallowRef<PackagePreview[]>([])
  /** the monitoring date the 汇总 shows; the latest with a submission when null */
  const chosenDate = ref<IsoDate | null>(null)
  const contents = shallowRef<Map<Id, SubmissionContent>>(new Map())

  const isDepartment = computed(() => (data.value?.subordinates.length ?? 0) > 0)
  /** The list as the domain ranks it: a row not yet bound to a unit stands for its name. */
  const subordinateUnits = computed<SubordinateUnit[]>(() =>
    (data.value?.subordinates ?? []).map((row) => ({ unitId: row.unitId ?? `名单:${row.name}`, unitName: row.name })),
  )
  const nodes = computed<DepartmentNode[]>(() => {
    const byDate = new Map<IsoDate, string>()
    for (const s of data.value?.current ?? []) if (!byDate.has(s.asOfDate)) byDate.set(s.asOfDate, s.nodeLabel)
    return [...byDate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([asOfDate, label]) => ({ asOfDate, label }))
  })
  const asOfDate = computed<IsoDate | null>(() => {
    const dates = nodes.value.map((n) => n.asOfDate)
    return chosenDate.value && dates.includes(chosenDate.value) ? chosenDate.value : (dates.at(-1) ?? null)
  })
  const currentAtDate = computed(() => (data.value?.current ?? []).filter((s) => s.asOfDate === asOfDate.value))
  const figuresAtDate = computed(() => currentAtDate.value.map((s) => s.figures))
  const totals = computed(() => departmentTotals(figuresAtDate.value))
  const ranking = computed(() => rankUnits(figuresAtDate.value, subordinateUnits.value))
  const heatmap = computed(() =>
    unitNodeHeatmap(
      subordinateUnits.value,
      nodes.value,
      (data.value?.current ?? []).map((s) => s.figures),
    ),
  )

  /** The 审核 record of a unit at a date: 未报送 when nothing arrived. */
  function reviewOf(unitId: Id, date: IsoDate | null = asOfDate.value): ReviewRecord {
    const found = data.value?.reviews.find((r) => r.unitId === unitId && r.asOfDate === date)
    return found?.record ?? notSubmittedRecord()
  }
  function currentOf(unitId: Id, date: IsoDate | null = asOfDate.value): SubmissionSummary | null {
    return data.value?.current.find((s) => s.unitId === unitId && s.asOfDate === date) ?? null
  }

  async function open(unitId: Id | null, name: string, nextYear: number | null): Promise<void> {
    departmentUnitId.value = unitId
    departmentName.value = name
    year.value = nextYear
    previews.value = []
    contents.value = new Map()
    await reload()
  }

  /** the data version (db/viewCache dataStamp) and the 主管部门 and year `data` was read at */
  let loadedAt: string | null = null

  async function reload(): Promise<void> {
    if (departmentUnitId.value === null || year.value === null) {
      data.value = null
      loadedAt = null
      return
    }
    loading.value = true
    try {
      const key = `${departmentUnitId.value}|${year.value}`
      // read before the data: a write in between makes the next check read again, never the reverse
      const stamp = await dataStamp()
      data.value = await loadDepartment(departmentUnitId.value, year.value)
      loadedAt = `${key}|${stamp}`
    } finally {
      loading.value = false
    }
  }

  /** Reads again only when something was written since `data` was read (or it is another 主管部门 or year). */
  async function reloadIfChanged(): Promise<void> {
    if (departmentUnitId.value === null || year.value === null || !data.value) return reload()
    const now = `${departmentUnitId.value}|${year.value}|${await dataStamp()}`
    if (now !== loadedAt) await reload()
  }

  async function saveList(entries: readonly SubordinateEntry[]): Promise<Result> {
    if (departmentUnitId.value === null) return refused(['请先选择单位'])
    const saved = await saveSubordinates(departmentUnitId.value, entries)
    await reload()
    return saved.ok ? ok() : saved
  }

  /**
   * Reads and checks each file on its own (a refused file never stops the others) and says, for each,
   * what importing it would do. Nothing is written.
   */
  async function previewPackages(files: readonly File[]): Promise<PackagePreview[]> {
    busy.value = true
    try {
      await reloadIfChanged()
      const held: SubmissionRef[] = [...(data.value?.submissions ?? [])]
      const out: PackagePreview[] = []
      for (const file of files) {
        const preview = await previewOne(file, held)
        if (preview.accept && !preview.refused) held.push(preview.accept.submission)
        out.push(preview)
      }
      previews.value = out
      return out
    } finally {
      busy.value = false
    }
  }

  async function previewOne(file: File, held: readonly SubmissionRef[]): Promise<PackagePreview> {
    const preview: PackagePreview = {
      fileName: file.name,
      refused: true,
      messages: [],
      warnings: [],
      unitId: null,
      unitName: '',
      year: null,
      nodeLabel: '',
      asOfDate: null,
      submissionClass: null,
      keyStatus: null,
      fingerprint: '',
      publicKey: '',
      listed: null,
      accept: null,
    }
    const department = departmentUnitId.value
    if (department === null || !data.value) return { ...preview, messages: ['请先选择作为主管部门的单位'] }
    const tooLarge = fileSizeRefusal(file.size)
    if (tooLarge) return { ...preview, messages: [tooLarge] }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const read = await readPackage(bytes, { expectedKind: 'submission' })
    if (!read.ok) return { ...preview, messages: read.messages }
    const pkg = read.value
    const { manifest } = pkg
    Object.assign(preview, {
      unitId: manifest.unit.id,
      unitName: manifest.unit.name,
      year: manifest.year,
      nodeLabel: manifest.node.label,
      fingerprint: pkg.fingerprint,
      publicKey: pkg.publicKey,
    })
    const figures = figuresOfPackage(pkg)
    if (!figures.ok) return { ...preview, messages: figures.messages }
    preview.asOfDate = figures.value.asOfDate
    preview.nodeLabel = figures.value.nodeLabel

    if (manifest.unit.id === department)
      return { ...preview, messages: ['这是本单位自己的报送包，不能作为下属单位导入'] }

    const messages: string[] = []
    const registered = data.value.keys.find((k) => k.unitId === manifest.unit.id)
    if (!registered) preview.keyStatus = 'firstContact'
    else {
      const known = checkKnownKey(pkg.fingerprint, registered.fingerprint)
      preview.keyStatus = known.ok ? 'known' : 'different'
      if (!known.ok) messages.push(...known.messages)
    }

    const submission: ReceivedSubmission = {
      id: pkg.manifestSha256,
      departmentUnitId: department,
      receivedAt: '',
      fingerprint: pkg.fingerprint,
      bytes,
      figures: figures.value,
      unitId: manifest.unit.id,
      unitName: manifest.unit.name,
      year: manifest.year,
      nodeId: manifest.node.id,
      nodeLabel: figures.value.nodeLabel,
      asOfDate: figures.value.asOfDate,
      createdAt: manifest.createdAt,
      packageSha256: pkg.sha256,
    }
    // the same manifest signed twice gives two files (ECDSA is randomised): still the same package
    const sameSigned = held.some((s) => 'id' in s && s.id === submission.id)
    preview.submissionClass = sameSigned ? 'duplicate' : classifySubmission(held, submission)
    if (preview.submissionClass === 'duplicate') messages.push('该报送包已导入过，不再重复保存')
    if (preview.submissionClass === 'older')
      preview.warnings.push('早于已导入的同一节点报送：只存入历史记录，不会替换已导入的报送')
    if (manifest.year !== year.value)
      preview.warnings.push(`年度为 ${manifest.year} 年，与当前查看的 ${year.value} 年不同`)

    const rows = data.value.subordinates
    if (rows.some((r) => r.unitId === manifest.unit.id)) preview.listed = 'byId'
    else if (
      preview.keyStatus === 'firstContact' &&
      rows.some((r) => r.unitId === null && r.name === normalizeName(manifest.unit.name))
    )
      preview.listed = 'byName'
    else {
      preview.listed = 'notListed'
      preview.warnings.push('该单位不在下属单位名单中；导入后仍计入汇总')
    }

    preview.messages = messages
    preview.refused = messages.length > 0
    preview.accept = preview.refused ? null : { submission, publicKey: pkg.publicKey }
    return preview
  }

  /**
   * Writes the previewed packages that are not refused, each checked and stored all or nothing on its
   * own (a refused one is reported and the others still stored), a few to a transaction
   * (db/department storeSubmissions); a first contact only when its fingerprint is among
   * `confirmedFingerprints`. The 汇总 is read again once, at the end.
   */
  async function acceptPackages(
    chosen: readonly PackagePreview[],
    confirmedFingerprints: readonly string[],
    { operator, now = () => new Date() }: { operator: string; now?: () => Date },
  ): Promise<AcceptOutcome[]> {
    busy.value = true
    const outcomes: AcceptOutcome[] = []
    try {
      const toStore: { at: number; preview: PackagePreview; label: string; input: AcceptedSubmission }[] = []
      for (const preview of chosen) {
        const label = `${preview.unitName} ${preview.nodeLabel}`.trim() || preview.fileName
        if (preview.refused || !preview.accept) {
          outcomes.push({
            fileName: preview.fileName,
            ok: false,
            message: `${label}：未导入（${preview.messages.join('；')}）`,
          })
          continue
        }
        const confirmed = confirmedFingerprints.includes(preview.fingerprint)
        if (preview.keyStatus === 'firstContact' && !confirmed) {
          outcomes.push({ fileName: preview.fileName, ok: false, message: `${label}：未确认密钥指纹，未导入` })
          continue
        }
        toStore.push({
          at: outcomes.length,
          preview,
          label,
          input: {
            submission: { ...preview.accept.submission, receivedAt: now().toISOString() },
            publicKey: preview.accept.publicKey,
            confirmedFingerprint: preview.keyStatus === 'firstContact' ? preview.fingerprint : null,
            registeredBy: operator,
            checkKey: checkKnownKey,
          },
        })
        // its place in the outcomes, filled in below
        outcomes.push({ fileName: preview.fileName, ok: false, message: '' })
      }
      const stored = await storeSubmissions(toStore.map((s) => s.input))
      toStore.forEach(({ at, preview, label }, i) => {
        const result = stored[i]
        outcomes[at] = result?.ok
          ? { fileName: preview.fileName, ok: true, message: `${label}：已导入（${classLabel(result.value.class)}）` }
          : { fileName: preview.fileName, ok: false, message: `${label}：${result?.messages.join('；') ?? '未导入'}` }
      })
    } finally {
      previews.value = []
      contents.value = new Map()
      await reload()
      busy.value = false
    }
    return outcomes
  }

  /** Re-registers a unit's key from a package refused for another key, after the user checked its fingerprint by phone. */
  async function reregisterKey(
    preview: PackagePreview,
    operator: string,
    now: () => Date = () => new Date(),
  ): Promise<Result> {
    if (!preview.unitId || preview.keyStatus !== 'different') return refused(['该文件不需要重新登记密钥'])
    const registered = await registerUnitKey(
      {
        unitId: preview.unitId,
        unitName: preview.unitName,
        publicKey: preview.publicKey,
        fingerprint: preview.fingerprint,
        registeredAt: now().toISOString(),
        registeredBy: operator,
      },
      { reregister: true },
    )
    await reload()
    return registered.ok ? ok() : registered
  }

  async function review(
    unitId: Id,
    date: IsoDate,
    decision: { kind: 'approve' | 'return'; opinion: string; reviewer: string },
    now: () => Date = () => new Date(),
  ): Promise<Result> {
    if (departmentUnitId.value === null) return refused(['请先选择单位'])
    const current = currentOf(unitId, date)
    if (!current) return refused(['该单位本节点尚未报送'])
    const at = now().toISOString()
    const action =
      decision.kind === 'approve'
        ? {
            kind: 'approve' as const,
            packageSha256: current.packageSha256,
            reviewer: decision.reviewer,
            at,
            opinion: decision.opinion,
          }
        : {
            kind: 'return' as const,
            packageSha256: current.packageSha256,
            reviewer: decision.reviewer,
            at,
            opinion: decision.opinion,
          }
    const saved = await recordReview(departmentUnitId.value, unitId, date, action)
    await reload()
    return saved.ok ? ok() : saved
  }

  /**
   * The signed 回执 for the unit's current submission at `date` (docs/package-format.md §5.1): its 审核
   * result, signed by the 主管部门's own key. Only after 通过 or 退回.
   */
  async function receiptBytes(
    unitId: Id,
    date: IsoDate,
    now: () => Date = () => new Date(),
  ): Promise<Result<{ bytes: Uint8Array; fileName: string }>> {
    const department = departmentUnitId.value
    if (department === null || year.value === null) return refused(['请先选择单位'])
    const current = currentOf(unitId, date)
    const record = reviewOf(unitId, date)
    if (!current || (record.state !== 'approved' && record.state !== 'returned'))
      return refused(['审核通过或退回后才能导出回执'])
    const receipt = receiptContentOf(current, record)
    const key = await ensureSigningKey(department, now)
    const written = await writePackage({
      kind: 'receipt',
      unit: { id: department, name: departmentName.value || department },
      year: current.year,
      node: { id: current.nodeId, label: current.nodeLabel },
      createdAt: now().toISOString(),
      parts: { 'receipt.json': receipt },
      keyPair: key.keyPair,
    })
    if (!written.ok) return written
    return ok({ bytes: written.value, fileName: receiptFileName(current.unitName, current.nodeLabel) })
  }

  async function exportReceipt(unitId: Id, date: IsoDate): Promise<Result> {
    const made = await receiptBytes(unitId, date)
    if (!made.ok) return made
    downloadBlob(new Blob([new Uint8Array(made.value.bytes)], { type: 'application/zip' }), made.value.fileName)
    return ok()
  }

  /** The parts of a current submission, read again from its stored file (verified again). */
  async function contentOf(submission: SubmissionSummary): Promise<Result<SubmissionContent>> {
    const cached = contents.value.get(submission.id)
    if (cached) return ok(cached)
    const bytes = await getSubmissionFile(submission.id)
    if (!bytes) return refused(['找不到该报送包的文件，请重新导入'])
    const read = await readPackage(bytes, { expectedKind: 'submission' })
    if (!read.ok) return read
    const content = contentOfPackage(read.value, submission.figures)
    const next = new Map(contents.value)
    next.set(submission.id, content)
    contents.value = next
    return ok(content)
  }

  /** Every alert of the year's current submissions (汇总预警), by date, unit and light. */
  async function loadAlerts(): Promise<DepartmentAlert[]> {
    const rows: DepartmentAlert[] = []
    for (const submission of data.value?.current ?? []) {
      const content = await contentOf(submission)
      if (!content.ok) continue
      for (const alert of content.value.alerts)
        rows.push({
          unitId: submission.unitId,
          unitName: submission.unitName,
          nodeLabel: submission.nodeLabel,
          asOfDate: submission.asOfDate,
          alert,
        })
    }
    return rows
  }

  return {
    departmentUnitId,
    departmentName,
    year,
    data,
    loading,
    busy,
    previews,
    chosenDate,
    isDepartment,
    subordinateUnits,
    nodes,
    asOfDate,
    currentAtDate,
    totals,
    ranking,
    heatmap,
    reviewOf,
    currentOf,
    open,
    reload,
    saveList,
    previewPackages,
    acceptPackages,
    reregisterKey,
    review,
    receiptBytes,
    exportReceipt,
    contentOf,
    loadAlerts,
  }
})

function classLabel(kind: SubmissionClass): string {
  return { new: '新', update: '更新，已替换原报送', older: '旧，只存入历史', duplicate: '重复' }[kind]
}

/** 回执_<单位>_<节点>.zip, with characters a file name cannot hold replaced. */
export function receiptFileName(unitName: string, nodeLabel: string): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_')
  return `回执_${safe(unitName)}_${safe(nodeLabel)}.zip`
}
