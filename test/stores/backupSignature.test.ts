/**
 * Signed backups (docs/package-format.md §9): a checksum proves only that a file agrees with itself,
 * so a backup whose 1-6月 figures were edited and whose SHA-256 was recomputed used to restore as
 * 「文件完整，校验通过」. Now the restore check says whose signature the file carries, and the screen
 * promises only that.
 */
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { db } from '@/db/schema'
import { saveUnitYear } from '@/db/datasets'
import {
  backupSignedBytes,
  canonicalJson,
  checkBackupText,
  createBackup,
  restoreFromText,
  sha256Hex,
  type BackupFile,
} from '@/db/backup'
import { backupSignatureText, type BackupSignatureCheck } from '@/domain/backup'
import { DEMO_UNIT_ID } from '@/domain/demo/ids'
import { qiemo2021Dataset } from '@/domain/demo/qiemo2021'
import { exportPublicKey, generateSigningKeyPair, signDetached } from '@/io/package'
import { ensureSigningKey } from '@/stores/signing'
import { backupSignatureCheck, backupSigner, useDataTransferStore } from '@/stores/dataTransfer'
import { expectOk } from '../db/helpers'

async function signedBackupText(): Promise<string> {
  return (await createBackup({ now: new Date('2021-07-05T08:30:00Z'), sign: await backupSigner(DEMO_UNIT_ID) })).text
}

async function checkOf(text: string): Promise<BackupSignatureCheck> {
  const checked = await checkBackupText(text)
  if (!checked.ok) expect.fail(checked.messages.join('；'))
  return backupSignatureCheck(checked.value)
}

/** The edit someone makes by hand: a budget changed, the checksum recomputed, the rest kept. */
async function edited(text: string, change: (b: BackupFile) => void): Promise<string> {
  const backup = JSON.parse(text) as BackupFile
  change(backup)
  const { checksum: _checksum, signature, ...body } = backup
  return JSON.stringify({
    ...body,
    checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(body)) },
    ...(signature ? { signature } : {}),
  })
}

const raiseFirstBudget = (b: BackupFile) => {
  ;(b.tables.budgetLines[0] as { initialBudget: string }).initialBudget = '9999.00'
}

describe('a backup carries the unit’s signature', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await Promise.all(db.tables.map((t) => t.clear()))
    expectOk(await saveUnitYear(qiemo2021Dataset()))
  })

  it('an untouched backup: signed by this browser’s unit key', async () => {
    const key = await ensureSigningKey(DEMO_UNIT_ID)
    const check = await checkOf(await signedBackupText())
    expect(check).toEqual({ kind: 'ours', fingerprint: key.fingerprint, unitName: '且末县自然资源局' })
    expect(backupSignatureText(check)).toEqual({
      type: 'success',
      text: '文件完整，并带有本机本单位（且末县自然资源局）的签名：备份生成后未被改动。',
    })
  })

  it('a backup signed at schema version 4 is still this unit’s after the upgrade to 5 (the tables added since are not signed)', async () => {
    const key = await ensureSigningKey(DEMO_UNIT_ID)
    const current = JSON.parse(await signedBackupText()) as BackupFile
    const { checksum: _checksum, signature: _signature, ...body } = current
    // as the app wrote it at schema version 4: no 部门汇总报告 and no package files table
    const { departmentReports: _reports, submissionFiles: _files, ...tables } = body.tables
    const { departmentReports: _reportCount, submissionFiles: _fileCount, ...counts } = body.counts
    const written = { ...body, schemaVersion: 4, tables, counts } as unknown as Omit<
      BackupFile,
      'checksum' | 'signature'
    >
    const sign = await backupSigner(DEMO_UNIT_ID)
    if (!sign) expect.fail('no signing key')
    const text = JSON.stringify({
      ...written,
      checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(written)) },
      signature: await sign(backupSignedBytes(written)),
    })
    expect(await checkOf(text)).toEqual({ kind: 'ours', fingerprint: key.fingerprint, unitName: '且末县自然资源局' })
    // and a table added to it afterwards is not let through unsigned: the checksum no longer matches
    const padded = JSON.parse(text) as Record<string, Record<string, unknown>>
    padded.tables.departmentReports = [{ id: 'x' }]
    const refused = await checkBackupText(JSON.stringify(padded))
    expect(refused.ok).toBe(false)
  })

  it('figures edited and the checksum recomputed: the checksum passes, the check says it is not our signature', async () => {
    const text = await edited(await signedBackupText(), raiseFirstBudget)
    expect((await checkBackupText(text)).ok).toBe(true)
    const check = await checkOf(text)
    expect(check).toEqual({ kind: 'invalid' })
    expect(backupSignatureText(check).text).toBe(
      '文件自身的校验码一致，但签名对不上：文件在备份之后被改动过。除非确认改动来源可靠，否则不要用它恢复。',
    )

    // the signature taken out as well: no signature, and the screen says so
    const stripped = await edited(await signedBackupText(), (b) => {
      raiseFirstBudget(b)
      delete b.signature
    })
    expect(await checkOf(stripped)).toEqual({ kind: 'none' })
  })

  it('edited and signed again with another key: a valid signature, but not this browser’s', async () => {
    const other = await generateSigningKeyPair()
    const text = await edited(await signedBackupText(), raiseFirstBudget)
    const backup = JSON.parse(text) as BackupFile
    const { checksum: _c, signature: _s, ...body } = backup
    const publicKey = await exportPublicKey(other.publicKey)
    const value = await signDetached(new TextEncoder().encode(canonicalJson(body)), other.privateKey)
    const forged = JSON.stringify({ ...backup, signature: { algorithm: 'ECDSA-P256-SHA256', publicKey, value } })
    const check = await checkOf(forged)
    expect(check.kind).toBe('otherKey')
    expect(backupSignatureText(check).text).toMatch(
      /^文件完整，但签名不是本机的密钥（指纹 [0-9A-F ]{79}）：无法证明文件未被改动/,
    )
  })

  it('the store’s restore check shows the signature; a restore keeps this browser’s key, so the backup stays ours', async () => {
    const text = await signedBackupText()
    const store = useDataTransferStore()
    const previewed = await store.checkBackupFile(new File([text], '备份.json', { type: 'application/json' }))
    expect(previewed.ok && previewed.value.signature?.kind).toBe('ours')
    expectOk(await restoreFromText(text))
    expect(await db.signingKeys.count()).toBe(1)
    expect((await checkOf(text)).kind).toBe('ours')
  })

  it('a backup of format version 1 (no signature) still restores, with the honest message', async () => {
    const { backup } = await createBackup({ now: new Date('2021-07-05T08:30:00Z') })
    const { checksum: _c, signature: _s, ...body } = { ...backup, formatVersion: 1 }
    const old = JSON.stringify({
      ...body,
      checksum: { algorithm: 'SHA-256', value: await sha256Hex(canonicalJson(body)) },
    })
    const check = await checkOf(old)
    expect(backupSignatureText(check)).toEqual({
      type: 'warning',
      text: '文件完整，但没有本机的签名：无法证明文件未被改动，请确认来源。',
    })
    expectOk(await restoreFromText(old))
  })
})
