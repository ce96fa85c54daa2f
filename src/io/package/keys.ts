/**
 * A unit's signing key (docs/package-format.md §4): an ECDSA P-256 key pair made with WebCrypto on
 * first use. The private key is made non-extractable, so it can be kept as a CryptoKey in IndexedDB
 * and never leaves the browser profile, not even in a backup. The public key travels as base64 SPKI;
 * people compare it by its fingerprint, read out over the phone.
 *
 * Signatures are what WebCrypto gives: ECDSA with SHA-256, IEEE P1363 encoding (r‖s, 64 bytes), in
 * base64. Verification never throws: a bad key or signature is a refusal in Chinese.
 */
import { ok, refused, type Result } from '@/domain/result'

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const
/** IEEE P1363 r‖s for P-256 */
export const SIGNATURE_BYTES = 64

// ── base64, strict ──────────────────────────────────────────────────────────

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // in slices: String.fromCharCode(...bytes) of a large array would overflow the call stack
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * The bytes of standard, padded base64, or null. Only the one canonical spelling of each byte string
 * is accepted (no whitespace, no stray bits in the last character), so a changed character always
 * changes the bytes.
 */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null
  let binary: string
  try {
    binary = atob(text)
  } catch {
    return null
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytesToBase64(bytes) === text ? bytes : null
}

/** The same bytes in a buffer WebCrypto takes (the DOM types refuse a view that may be shared). */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes)
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', buffer(bytes)))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

// ── keys ────────────────────────────────────────────────────────────────────

/** A new key pair; the private key cannot be exported (the public one always can). */
export async function generateSigningKeyPair(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify'])
}

/** The public key as base64 SPKI (DER, uncompressed point: 91 bytes). */
export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return bytesToBase64(new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', key)))
}

/**
 * A P-256 public key from base64 SPKI, or a refusal. Only the form `exportPublicKey` writes is taken,
 * so one key has one spelling and one fingerprint.
 */
export async function importPublicKey(spkiB64: string): Promise<Result<CryptoKey>> {
  const invalid = refused(['公钥无效：不是本程序使用的 ECDSA P-256 公钥'])
  // a P-256 SPKI is 91 bytes; the bound keeps a hostile string from reaching the parser
  if (spkiB64.length > 200) return invalid
  const der = base64ToBytes(spkiB64)
  if (der === null) return invalid
  let key: CryptoKey
  try {
    key = await globalThis.crypto.subtle.importKey('spki', der, ECDSA_P256, true, ['verify'])
  } catch {
    return invalid
  }
  return (await exportPublicKey(key)) === spkiB64 ? ok(key) : invalid
}

/**
 * SHA-256 of the SPKI bytes in 16 groups of 4 hex digits ('3F2A 9C01 …'): what two people compare
 * over the phone on first contact. `spkiB64` as `exportPublicKey` gives it.
 */
export async function keyFingerprint(spkiB64: string): Promise<string> {
  const der = base64ToBytes(spkiB64)
  if (der === null) throw new TypeError('keyFingerprint: not base64')
  return formatFingerprint(await sha256Hex(der))
}

function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{4}/g) ?? []).join(' ')
}

function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/\s+/g, '').toUpperCase()
}

/**
 * Trust is the caller's: on first contact it shows the fingerprint to confirm and registers it; for
 * every later package it asks this whether the package was signed by the registered key.
 */
export function checkKnownKey(fingerprint: string, registeredFingerprint: string): Result {
  if (normalizeFingerprint(fingerprint) === normalizeFingerprint(registeredFingerprint)) return ok()
  return refused([
    `该单位的签名密钥与登记的不一致：文件的密钥指纹为 ${fingerprint}，登记的为 ${registeredFingerprint}。` +
      '文件可能不是该单位制作的；若该单位确已更换密钥，请与其核对新指纹后重新登记',
  ])
}

// ── detached signatures (packages and backups) ──────────────────────────────

/** ECDSA P-256 / SHA-256 signature of the bytes, base64 of the 64-byte r‖s. */
export async function signDetached(bytes: Uint8Array, privateKey: CryptoKey): Promise<string> {
  return bytesToBase64(new Uint8Array(await globalThis.crypto.subtle.sign(ECDSA_SHA256, privateKey, buffer(bytes))))
}

/**
 * Whether the signature is the public key's over exactly these bytes. On success, the key's
 * fingerprint, for the caller to compare with the key it knows (`checkKnownKey`).
 */
export async function verifyDetached(
  bytes: Uint8Array,
  signatureB64: string,
  publicKeyB64: string,
): Promise<Result<{ fingerprint: string }>> {
  const key = await importPublicKey(publicKeyB64)
  if (!key.ok) return key
  const signature = base64ToBytes(signatureB64)
  if (signature === null || signature.length !== SIGNATURE_BYTES) return refused(['签名无效：签名不是本程序使用的格式'])
  let valid: boolean
  try {
    valid = await globalThis.crypto.subtle.verify(ECDSA_SHA256, key.value, signature, buffer(bytes))
  } catch {
    valid = false
  }
  if (!valid) return refused(['签名无效：文件在签名之后被改动过'])
  return ok({ fingerprint: await keyFingerprint(publicKeyB64) })
}
