/**
 * The unit's signing key, made on first use (docs/package-format.md): ECDSA P-256 by WebCrypto
 * (io/package), kept in IndexedDB (db/signing) with the private key not extractable. It signs the
 * unit's 报送包, the 主管部门's 回执 and backups; its fingerprint is what the other side confirms.
 */
import type { Id } from '@/domain/types'
import { exportPublicKey, generateSigningKeyPair, keyFingerprint } from '@/io/package'
import { getSigningKey, keepSigningKey } from '@/db/signing'
import type { SigningKeyRow } from '@/db/schema'

/** The unit's key, made and kept now if it has none (a key another tab made meanwhile wins). */
export async function ensureSigningKey(unitId: Id, now: () => Date = () => new Date()): Promise<SigningKeyRow> {
  const known = await getSigningKey(unitId)
  if (known) return known
  const keyPair = await generateSigningKeyPair()
  const publicKey = await exportPublicKey(keyPair.publicKey)
  return keepSigningKey({
    unitId,
    keyPair,
    publicKey,
    fingerprint: await keyFingerprint(publicKey),
    createdAt: now().toISOString() as SigningKeyRow['createdAt'],
  })
}
