/**
 * The start-up warm-up of the database (src/modules/warmDatabase.ts): it must open the app's database
 * at the schema's own version and never create, upgrade or hold up anything Dexie does.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { createDb, DEFAULT_DB_NAME, SCHEMA_VERSION, STORES_V4 } from '@/db/schema'
import { WARM_DB_NAME, WARM_IDB_VERSION, warmDatabase } from '@/modules/warmDatabase'
import Dexie from 'dexie'

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

async function databases(factory: IDBFactory): Promise<{ name?: string; version?: number }[]> {
  return factory.databases()
}

describe('warmDatabase', () => {
  it('names the schema’s database and version (Dexie’s version × 10)', () => {
    expect(WARM_DB_NAME).toBe(DEFAULT_DB_NAME)
    expect(WARM_IDB_VERSION).toBe(SCHEMA_VERSION * 10)
  })

  it('creates no database where there is none, and Dexie then creates it whole', async () => {
    const factory = new IDBFactory()
    warmDatabase(factory, 50)
    await settle()
    expect(await databases(factory)).toEqual([])
    const db = createDb(WARM_DB_NAME, { indexedDB: factory, IDBKeyRange })
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(db.tables.map((t) => t.name)).toContain('departmentReports')
    db.close()
  })

  it('opens an existing database beside Dexie, which reads and writes as usual', async () => {
    const factory = new IDBFactory()
    const first = createDb(WARM_DB_NAME, { indexedDB: factory, IDBKeyRange })
    await first.meta.put({ key: 'changeCounter', value: 7 })
    first.close()
    warmDatabase(factory, 50)
    const db = createDb(WARM_DB_NAME, { indexedDB: factory, IDBKeyRange })
    expect((await db.meta.get('changeCounter'))?.value).toBe(7)
    await db.meta.put({ key: 'changeCounter', value: 8 })
    expect((await db.meta.get('changeCounter'))?.value).toBe(8)
    db.close()
  })

  it('leaves an older version to Dexie’s upgrade, which is not held up by the warm connection', async () => {
    const factory = new IDBFactory()
    const old = new Dexie(WARM_DB_NAME, { indexedDB: factory, IDBKeyRange })
    old.version(4).stores(STORES_V4)
    await old.open()
    old.close()
    warmDatabase(factory, 10_000)
    await settle()
    expect((await databases(factory)).map((d) => d.version)).toEqual([40])
    const db = createDb(WARM_DB_NAME, { indexedDB: factory, IDBKeyRange })
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect((await databases(factory)).map((d) => d.version)).toEqual([SCHEMA_VERSION * 10])
    db.close()
  })
})
