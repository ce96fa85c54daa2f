/**
 * The data-transfer store on the app database (fake-indexeddb): each action returns its `Result` and
 * shows it (`message`, `errorMessage`); a preview is a value even when it finds the file unusable (it
 * shows the file's problems itself), and a commit says what it wrote.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { DEMO_UNIT_ID, DEMO_YEAR } from '@/domain/demo/ids'
import { exportBytes, useDataTransferStore } from '@/stores/dataTransfer'
import { useWorkspaceStore } from '@/stores/workspace'
import { expectOk } from '../db/helpers'

const xlsx = (bytes: ArrayBuffer, name = '导入.xlsx') => new File([bytes], name)

async function demoExport(): Promise<ArrayBuffer> {
  expectOk(await saveUnitYear(qiemo2021Dataset()))
  const bytes = await exportBytes(DEMO_UNIT_ID, DEMO_YEAR)
  if (!bytes) throw new Error('the demo did not export')
  return bytes
}

describe('useDataTransferStore', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
  })

  it('refuses an export before a unit-year is chosen, and says so', async () => {
    const store = useDataTransferStore()
    expect(await store.exportCurrent()).toEqual({ ok: false, messages: ['请先在页面顶部选择单位和年度'] })
    expect(store.errorMessage).toBe('请先在页面顶部选择单位和年度')
  })

  it('previews an unusable file as a value that shows its problems, and has nothing to commit', async () => {
    const store = useDataTransferStore()
    const previewed = await store.previewFile(xlsx(new ArrayBuffer(0), '空.xlsx'))
    expect(previewed.ok && previewed.value.problems.map((p) => p.message)).toEqual(['文件是空的'])
    expect(store.preview).toMatchObject({ fileName: '空.xlsx', plan: null, grids: null })
    expect(store.errorMessage).toBe('')

    expect((await store.commitImport()).ok).toBe(false)
    expect(store.errorMessage).toBe('')
  })

  it('commits a previewed import into an empty database: the plan, that it wrote, and the message', async () => {
    const bytes = await demoExport()
    await Promise.all(db.tables.map((t) => t.clear()))
    const store = useDataTransferStore()
    expect((await store.previewFile(xlsx(bytes))).ok).toBe(true)
    expect(store.preview?.problems).toEqual([])

    const committed = await store.commitImport()
    expect(committed.ok && committed.value.written).toBe(true)
    expect(committed.ok && committed.value.plan.unitName).toBe('且末县自然资源局')
    expect(store.message).toBe('导入完成：“且末县自然资源局” 2021年的数据已写入。')
    expect(store.preview).toBeNull()
    // the workspace shows the imported unit-year (a new unit: a new id)
    expect(useWorkspaceStore().unitId).toBe(committed.ok ? committed.value.plan.dataset?.unit.id : 'refused')
    expect(useWorkspaceStore().year).toBe(DEMO_YEAR)
  })

  it('commits a file that holds what is stored as writing nothing', async () => {
    const bytes = await demoExport()
    const store = useDataTransferStore()
    await store.previewFile(xlsx(bytes))
    const committed = await store.commitImport()
    expect(committed.ok && committed.value.written).toBe(false)
    expect(store.message).toBe('文件内容与已有数据完全相同，没有需要写入的变化。')
  })

  it('checks a backup file as a value that says why it cannot be used, and has nothing to restore', async () => {
    const store = useDataTransferStore()
    const checked = await store.checkBackupFile(new File(['不是备份'], '备份.json', { type: 'application/json' }))
    expect(checked.ok && checked.value.backup).toBeNull()
    expect(store.restorePreview?.messages.length).toBeGreaterThan(0)
    expect(store.errorMessage).toBe('')
    expect((await store.restore()).ok).toBe(false)
    expect(store.errorMessage).toBe('')
  })
})
