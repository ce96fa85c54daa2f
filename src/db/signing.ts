/**
 * The unit's signing key at rest: one row per unit, the private key a non-extractable CryptoKey that
 * IndexedDB keeps as it is (it never leaves this browser, and no backup carries it). Made on first use
 * by stores/signing.ts with io/package; a new PC makes a new key, which the 主管部门 re-registers on
 * purpose (docs/package-format.md).
 */
import type { Id } from '@/domain/types'
import type { DbOptions } from './options'
import { db, type SigningKeyRow } from './schema'

export async function getSigningKey(unitId: Id, { database = db }: DbOptions = {}): Promise<SigningKeyRow | null> {
  return (await database.signingKeys.get(unitId)) ?? null
}

/**
 * Keeps `row` as the unit's key unless one is there already (another tab made it first): the key kept
 * is returned, so both tabs sign with the same one.
 */
export async function keepSigningKey(row: SigningKeyRow, { database = db }: DbOptions = {}): Promise<SigningKeyRow> {
  return database.transaction('rw', database.signingKeys, async () => {
    const existing = await database.signingKeys.get(row.unitId)
    if (existing) return existing
    await database.signingKeys.add(row)
    return row
  })
}

/** Every unit key this browser holds: a backup signed by one of them was made here. */
export async function listSigningKeys({ database = db }: DbOptions = {}): Promise<SigningKeyRow[]> {
  return database.signingKeys.toArray()
}
