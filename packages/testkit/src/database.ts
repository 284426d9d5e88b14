import { randomBytes } from 'node:crypto';
import { AGENCIES, connectPostgres, type DatabaseConnection, openPglite } from '@soilgraph/db';
import pg from 'pg';

/**
 * Where tests keep their data (tests/database-target.ts decides). With a postgres:// URL in
 * TEST_DATABASE_URL (CI: the Postgres 15 server on 127.0.0.1:5432) each call creates a
 * database of its own on that server and drops it on close; with "pglite" or nothing, an
 * in-memory PGlite (PostgreSQL 18). Both are real Postgres.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url === undefined || url === '' || url === 'pglite' ? undefined : url;
}

export interface TestDatabase extends DatabaseConnection {
  /** The database's URL on real Postgres; undefined on PGlite. */
  url: string | undefined;
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database with every agency's migrations applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  if (serverUrl === undefined) {
    const connection = await openPglite();
    for (const agency of AGENCIES) await connection.migrate(agency);
    return Object.assign(connection, { url: undefined });
  }
  const name = `soilgraph_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connection = connectPostgres(url.toString(), { maxConnections: 5, applicationName: 'soilgraph-test' });
  try {
    for (const agency of AGENCIES) await connection.migrate(agency);
  } catch (error) {
    await connection.close();
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    throw error;
  }
  return {
    ...connection,
    url: url.toString(),
    close: async () => {
      await connection.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
