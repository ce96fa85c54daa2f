// The raw baseline of department.bench.mjs, built by it into dist-bench-dept/bench-harness/ (vite library
// build, beside the app it serves, so it runs in the app's page and origin) and imported there. Not part of
// the app: `npm run build` never sees it.
//
// `baseline(files, …)`: for each chosen file, what any import of a 报送包 must do at the least — read the
// file, unzip, check and verify it with the app's own reader (readPackage of src/io/package: the zip
// profile, CRCs, SHA-256 of each part, the ECDSA signature, the JSON parse) — and then one Dexie bulkPut of
// the same rows the app keeps (the submission with its file and figures, and its 审核 row) into a scratch
// database of the app's schema. No preview, no supersession, no key registration, no audit, no re-reading.
import { createDb } from '@/db/schema'
import { readPackage } from '@/io/package'

export async function baseline(files, { dbName, departmentUnitId, receivedAt }) {
  const t0 = performance.now()
  const submissions = []
  const reviews = []
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer())
    const read = await readPackage(bytes, { expectedKind: 'submission' })
    if (!read.ok) throw new Error(`${file.name}: ${read.messages.join('；')}`)
    const pkg = read.value
    const figures = pkg.json['node.json'].figures
    submissions.push({
      id: pkg.manifestSha256,
      departmentUnitId,
      receivedAt,
      fingerprint: pkg.fingerprint,
      bytes,
      figures,
      unitId: pkg.manifest.unit.id,
      unitName: pkg.manifest.unit.name,
      year: pkg.manifest.year,
      nodeId: pkg.manifest.node.id,
      nodeLabel: figures.nodeLabel,
      asOfDate: figures.asOfDate,
      createdAt: pkg.manifest.createdAt,
      packageSha256: pkg.sha256,
    })
    reviews.push({
      id: `${departmentUnitId}|${pkg.manifest.unit.id}|${figures.asOfDate}`,
      departmentUnitId,
      unitId: pkg.manifest.unit.id,
      asOfDate: figures.asOfDate,
      record: { state: 'submitted', packageSha256: pkg.sha256, at: receivedAt },
      history: [],
    })
  }
  const t1 = performance.now()
  const database = createDb(dbName)
  await database.transaction('rw', [database.submissions, database.reviews], async () => {
    await database.submissions.bulkPut(submissions)
    await database.reviews.bulkPut(reviews)
  })
  database.close()
  const t2 = performance.now()
  await database.delete()
  return { readMs: t1 - t0, writeMs: t2 - t1, totalMs: t2 - t0, rows: submissions.length + reviews.length }
}

/**
 * Where the 汇总概览's reload and the import spend their time, on the app's own database (read only) and
 * on scratch copies: the store's loadDepartment (what the 汇总概览 waits for), the same rows read with
 * their files and without, one unit's history as storeSubmission reads it, and the same summaries read
 * back when the file is kept as a Blob or in a table of its own (what a fix could give).
 */
export async function diagnose(departmentUnitId, year) {
  const { loadDepartment } = await import('@/db/department')
  const app = createDb()
  const time = async (fn) => {
    const start = performance.now()
    const value = await fn()
    return { ms: performance.now() - start, value }
  }
  const load = await time(() => loadDepartment(departmentUnitId, year, { database: app }))
  const summaries = load.value.submissions.length
  const unitIds = [...new Set(load.value.submissions.map((s) => s.unitId))].slice(0, 5)
  const history = await time(async () => {
    for (const unitId of unitIds) await app.submissions.where('unitId').equals(unitId).toArray()
  })
  const keysOnly = await time(() => app.submissions.where('departmentUnitId').equals(departmentUnitId).primaryKeys())

  // scratch copies of the same rows: the file as a Blob in the row, and the file in a table of its own
  const asBlob = createDb('bench-dept-diagnose-blob')
  const apart = createDb('bench-dept-diagnose-apart')
  const ids = keysOnly.value
  for (let i = 0; i < ids.length; i += 25) {
    const rows = await app.submissions.bulkGet(ids.slice(i, i + 25))
    await asBlob.submissions.bulkPut(rows.map((r) => ({ ...r, bytes: new Blob([r.bytes]) })))
    // the summary alone here; the files would live in a table keyed by id (measured: reading without them)
    await apart.submissions.bulkPut(rows.map((r) => ({ ...r, bytes: new Uint8Array(0) })))
  }
  const readBlob = await time(() => loadDepartment(departmentUnitId, year, { database: asBlob }))
  const readApart = await time(() => loadDepartment(departmentUnitId, year, { database: apart }))
  app.close()
  asBlob.close()
  apart.close()
  await asBlob.delete()
  await apart.delete()
  return {
    summaries,
    loadDepartmentMs: load.ms,
    historyMsPerUnit: history.ms / Math.max(1, unitIds.length),
    keysOnlyMs: keysOnly.ms,
    blobLoadMs: readBlob.ms,
    apartLoadMs: readApart.ms,
  }
}
