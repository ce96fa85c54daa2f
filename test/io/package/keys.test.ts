/**
 * The unit's signing key: made non-extractable, its public half round-trips as base64 SPKI, its
 * fingerprint reads as 16 groups of 4; detached signatures (what a backup will carry) verify over
 * exactly the signed bytes and refuse anything else in Chinese.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  base64ToBytes,
  bytesToBase64,
  checkKnownKey,
  exportPublicKey,
  generateSigningKeyPair,
  importPublicKey,
  keyFingerprint,
  signDetached,
  verifyDetached,
} from '@/io/package/keys'
import { expectOkValue } from './helpers'

let keyA: CryptoKeyPair
let keyB: CryptoKeyPair
let spkiA: string
let spkiB: string
const backupText = new TextEncoder().encode('{"format":"jixiao-jiankong-backup","tables":{"units":[]}}')

beforeAll(async () => {
  keyA = await generateSigningKeyPair()
  keyB = await generateSigningKeyPair()
  spkiA = await exportPublicKey(keyA.publicKey)
  spkiB = await exportPublicKey(keyB.publicKey)
})

describe('the signing key', () => {
  it('is an ECDSA P-256 pair whose private key cannot be exported', async () => {
    expect(keyA.privateKey.extractable).toBe(false)
    expect(keyA.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' })
    await expect(crypto.subtle.exportKey('pkcs8', keyA.privateKey)).rejects.toThrow()
  })

  it('exports the public key as 91 bytes of SPKI and imports it back', async () => {
    expect(base64ToBytes(spkiA)?.length).toBe(91)
    const imported = expectOkValue(await importPublicKey(spkiA))
    expect(await exportPublicKey(imported)).toBe(spkiA)
  })

  it('refuses a public key that is not base64, not SPKI, or not P-256', async () => {
    const invalid = { ok: false, messages: ['公钥无效：不是本程序使用的 ECDSA P-256 公钥'] }
    const p384 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])
    const spki384 = await exportPublicKey(p384.publicKey)
    expect(await importPublicKey('not base64!')).toEqual(invalid)
    expect(await importPublicKey(bytesToBase64(new Uint8Array(91)))).toEqual(invalid)
    expect(await importPublicKey(spki384)).toEqual(invalid)
    expect(await importPublicKey('A'.repeat(400))).toEqual(invalid)
  })

  it('shows the fingerprint as 16 groups of 4 hex digits, the SHA-256 of the SPKI', async () => {
    const fingerprint = await keyFingerprint(spkiA)
    expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/)
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', base64ToBytes(spkiA)!))
    expect(fingerprint.replace(/ /g, '')).toBe(
      [...digest]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase(),
    )
    expect(await keyFingerprint(spkiB)).not.toBe(fingerprint)
  })

  it('accepts the registered key, however the fingerprint was typed, and refuses another unit’s', async () => {
    const a = await keyFingerprint(spkiA)
    const b = await keyFingerprint(spkiB)
    expect(checkKnownKey(a, a.toLowerCase().replace(/ /g, ''))).toEqual({ ok: true, value: undefined })
    expect(checkKnownKey(b, a)).toEqual({
      ok: false,
      messages: [
        `该单位的签名密钥与登记的不一致：文件的密钥指纹为 ${b}，登记的为 ${a}。文件可能不是该单位制作的；若该单位确已更换密钥，请与其核对新指纹后重新登记`,
      ],
    })
  })
})

describe('detached signatures (backups)', () => {
  it('verifies a signature over exactly the signed bytes and gives the key’s fingerprint', async () => {
    const signature = await signDetached(backupText, keyA.privateKey)
    expect(base64ToBytes(signature)?.length).toBe(64) // IEEE P1363 r‖s
    expect(await verifyDetached(backupText, signature, spkiA)).toEqual({
      ok: true,
      value: { fingerprint: await keyFingerprint(spkiA) },
    })
  })

  it('refuses changed bytes, another key, and a malformed signature', async () => {
    const signature = await signDetached(backupText, keyA.privateKey)
    const changed = backupText.slice()
    changed[10] ^= 1
    const tampered = { ok: false, messages: ['签名无效：文件在签名之后被改动过'] }
    expect(await verifyDetached(changed, signature, spkiA)).toEqual(tampered)
    expect(await verifyDetached(backupText, signature, spkiB)).toEqual(tampered)
    expect(await verifyDetached(backupText, bytesToBase64(new Uint8Array(64)), spkiA)).toEqual(tampered)
    expect(await verifyDetached(backupText, 'AAAA', spkiA)).toEqual({
      ok: false,
      messages: ['签名无效：签名不是本程序使用的格式'],
    })
  })
})

describe('base64', () => {
  it('round-trips any bytes and takes only the canonical spelling', () => {
    const bytes = new Uint8Array(10_000).map((_, i) => (i * 7) & 0xff)
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes)
    expect(base64ToBytes('QQ==')).toEqual(new Uint8Array([65]))
    expect(base64ToBytes('QR==')).toBeNull() // stray bits in the last character
    expect(base64ToBytes('QQ')).toBeNull()
    expect(base64ToBytes('Q Q==')).toBeNull()
  })
})
