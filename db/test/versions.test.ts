import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type DatabaseConnection, openPglite } from '../src/client.ts';
import { adminQuery, databaseUrlOn } from '../src/databases.ts';
import { tableVersion } from '../src/versions.ts';

/** A fresh database on the tests' Postgres server (TEST_DATABASE_URL), or an in-memory PGlite. */
async function freshDatabase(): Promise<DatabaseConnection> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '' || serverUrl === 'pglite') return openPglite();
  const name = `soilgraph_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const connection = connectPostgres(databaseUrlOn(serverUrl, name), { maxConnections: 2, applicationName: 'soilgraph-test' });
  return { ...connection, close: async () => (await connection.close(), await adminQuery(serverUrl, `drop database if exists ${name} with (force)`)) };
}

const probe = pgTable('version_probe', { id: text('id').primaryKey(), value: integer('value').notNull() });

describe('tableVersion', () => {
  let database: DatabaseConnection;
  const version = () => tableVersion(database.db, probe, probe.id);

  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.execute(sql`create table version_probe (id text primary key, value integer not null)`);
    await database.db.insert(probe).values([
      { id: 'a', value: 1 },
      { id: 'b', value: 2 },
    ]);
  });
  afterAll(() => database?.close());

  it('stays the same while nothing is written, and reads alike on every call', async () => {
    expect(await version()).toBe(await version());
  });

  it('changes on an insert, an update that keeps the values, a delete, and not on a rolled-back write', async () => {
    const seen = [await version()];
    await database.db.insert(probe).values({ id: 'c', value: 3 });
    seen.push(await version());
    // Same value written again: the row version (xmin) is new all the same.
    await database.db.update(probe).set({ value: 2 }).where(sql`id = 'b'`);
    seen.push(await version());
    await database.db.delete(probe).where(sql`id = 'a'`);
    seen.push(await version());
    expect(new Set(seen).size).toBe(4);

    const before = await version();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(probe).set({ value: 9 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(before);
  });

  it('gives a row count and a hash for an empty table', async () => {
    await database.db.delete(probe);
    expect(await version()).toBe('0:0');
  });
});
