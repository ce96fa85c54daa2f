/**
 * 报送 and 回执 from the unit's side (docs/package-format.md): seed 001's demo 定稿s 1-6月 and 报送s it;
 * the downloaded 报送包 reads back in Node with the reader the 主管部门 uses, naming the unit and the node
 * and holding the demo's figures (调整后预算 1,493.25, 执行数 383.74). A 回执 that 退回s it, made here with
 * a 主管部门 key, is previewed with its fingerprint, imported, and the node is open again with the 意见
 * as the recorded 解锁 reason. The same key signs backups: an untouched backup restores as signed by this
 * unit; one whose figures were edited and whose checksum was recomputed no longer does, and says so.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { canonicalJson } from '../../src/domain/canonicalJson'
import { generateSigningKeyPair, readPackage, writePackage } from '../../src/io/package'
import type { SubmissionNodePart } from '../../src/domain/submission'
import { expect, screenshot, test } from './helpers'

test('定稿 1-6月, 报送 it, and a 退回 回执 unlocks it with the 意见 as the reason', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-execution-rate').locator('.kpi-value')).toHaveText('25.70%')

  await page.goto('/#/report')
  await expect(page.getByTestId('report-document')).toBeVisible()
  // nothing to 报送 before 定稿
  await expect(page.getByTestId('submission-card')).toHaveCount(0)
  await page.getByTestId('report-freeze').click()
  await page.getByRole('button', { name: '定稿', exact: true }).last().click()
  await expect(page.getByTestId('report-status')).toHaveText('已定稿')

  const card = page.getByTestId('submission-card')
  await expect(card).toBeVisible()
  await expect(page.getByTestId('submission-fingerprint')).toContainText(
    /本单位签名密钥指纹：([0-9A-F]{4} ){15}[0-9A-F]{4}/,
  )
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('submit-node').click()])
  expect(download.suggestedFilename()).toMatch(/^报送包_且末县自然资源局_2021年1-6月_\d{12}\.zip$/)
  await expect(page.getByTestId('submission-message')).toContainText('已生成报送包')
  await expect(page.getByTestId('submission-history')).toContainText('已报送')
  await expect(page.getByTestId('submission-history')).toContainText('待回执')
  await screenshot(page, 'submission-sent')

  const bytes = new Uint8Array(readFileSync(await download.path()))
  const read = await readPackage(bytes, { expectedKind: 'submission' })
  if (!read.ok) throw new Error(read.messages.join('；'))
  expect(read.value.manifest.unit).toEqual({ id: 'demo-qiemo-zrzyj', name: '且末县自然资源局' })
  expect(read.value.manifest.node).toEqual({ id: 'demo-qiemo-2021-06', label: '2021年1-6月' })
  const node = read.value.json['node.json'] as SubmissionNodePart
  expect([node.figures.budget.adjustedBudget, node.figures.budget.spent]).toEqual(['1493.25', '383.74'])
  const fingerprint = (await page.getByTestId('submission-fingerprint').locator('code').textContent()) ?? ''
  expect(read.value.fingerprint).toBe(fingerprint)

  // the 主管部门's 回执: 退回 with an 意见, signed by its own key
  const department = await generateSigningKeyPair()
  const packageSha256 = read.value.sha256
  const receipt = await writePackage({
    kind: 'receipt',
    unit: { id: 'dept-zrzy', name: '且末县自然资源局（主管部门）' },
    year: 2021,
    node: { id: 'demo-qiemo-2021-06', label: '2021年1-6月' },
    createdAt: '2021-07-08T02:00:00.000Z',
    parts: {
      'receipt.json': {
        unitId: 'demo-qiemo-zrzyj',
        unitName: '且末县自然资源局',
        asOfDate: '2021-06-30',
        nodeId: 'demo-qiemo-2021-06',
        packageSha256,
        record: {
          state: 'returned',
          opinion: '6月执行数与国库数据不符',
          reviewer: '王科长',
          at: '2021-07-08T02:00:00.000Z',
          packageSha256,
        },
      },
    },
    keyPair: department,
  })
  if (!receipt.ok) throw new Error(receipt.messages.join('；'))
  await page
    .getByTestId('receipt-file')
    .setInputFiles({ name: '回执.zip', mimeType: 'application/zip', buffer: Buffer.from(receipt.value) })
  const preview = page.getByTestId('receipt-preview')
  await expect(preview).toContainText('已退回（意见：6月执行数与国库数据不符）')
  await expect(preview).toContainText('第一次收到该主管部门的回执')
  await expect(preview).toContainText(/主管部门签名密钥指纹：([0-9A-F]{4} ){15}[0-9A-F]{4}/)
  await screenshot(page, 'submission-receipt-preview')
  await page.getByTestId('confirm-receipt').click()

  await expect(page.getByTestId('report-status')).toHaveText('草稿')
  await expect(page.getByTestId('unlock-history')).toContainText('主管部门退回：6月执行数与国库数据不符')
  await expect(page.getByTestId('submission-history')).toContainText('已退回')
  await expect(page.getByTestId('submission-history')).toContainText('意见：6月执行数与国库数据不符')
  await screenshot(page, 'submission-returned')
})

test('a backup carries this unit’s signature; edited and re-checksummed, the screen no longer vouches for it', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await page.goto('/')
  await page.getByRole('button', { name: '载入示例数据' }).click()
  await expect(page.getByTestId('kpi-adjusted-budget')).toContainText('1,493.25 万元')
  await page.goto('/#/data/backup')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-all').click()])
  const text = readFileSync(await download.path(), 'utf8')

  await page
    .getByTestId('backup-file')
    .setInputFiles({ name: '备份.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByTestId('restore-signature')).toHaveText(
    '文件完整，并带有本机本单位（且末县自然资源局）的签名：备份生成后未被改动。',
  )

  // 工资福利支出 年初预算 1129.83 → 9129.83, and the checksum recomputed as anyone can
  const backup = JSON.parse(text.replace('"1129.83"', '"9129.83"')) as Record<string, unknown>
  const { checksum: _checksum, signature, ...body } = backup
  const value = createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex')
  const edited = JSON.stringify({ ...body, checksum: { algorithm: 'SHA-256', value }, signature })
  await page
    .getByTestId('backup-file')
    .setInputFiles({ name: '被修改的备份.json', mimeType: 'application/json', buffer: Buffer.from(edited) })
  await expect(page.getByTestId('restore-signature')).toContainText('签名对不上：文件在备份之后被改动过')
  await expect(page.getByText('文件完整，校验通过')).toHaveCount(0)
  await screenshot(page, 'backup-edited-signature')
})
