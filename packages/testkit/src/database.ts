import { randomBytes } from 'node:crypto';
import { adminQuery, type Agency, AGENCIES, agencyRoleUrl, connectPostgres, databaseUrlOn, type Database, type DatabaseConnection, openPglite } from '@soilgraph/db';

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
  /** The database's URL on real Postgres, logged in as the owner (as `db` is); undefined on PGlite. */
  url: string | undefined;
  /**
   * The database as an agency's service sees it: on Postgres logged in as the agency's own role
   * (db/src/roles.ts), as the services are; on PGlite, which has no roles, `db` itself.
   */
  serviceDbFor(agency: Agency): Database;
}


/** A fresh, empty database with every agency's migrations applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  if (serverUrl === undefined) {
    const connection = await openPglite();
    for (const agency of AGENCIES) await connection.migrate(agency);
    return Object.assign(connection, { url: undefined, serviceDbFor: () => connection.db });
  }
  const name = `soilgraph_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = databaseUrlOn(serverUrl, name);
  const connection = connectPostgres(url, { maxConnections: 5, applicationName: 'soilgraph-test' });
  try {
    for (const agency of AGENCIES) await connection.migrate(agency);
  } catch (error) {
    await connection.close();
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    throw error;
  }
  // pg pools connect on first use: the roles a test does not use cost nothing.
  const roleConnections = new Map(
    AGENCIES.map((a) => [a, connectPostgres(agencyRoleUrl(url, a), { maxConnections: 5, applicationName: `soilgraph-test-${a}` })]),
  );
  return {
    ...connection,
    url,
    serviceDbFor: (agency: Agency) => roleConnections.get(agency)!.db,
    close: async () => {
      await Promise.all([...roleConnections.values()].map((c) => c.close()));
      await connection.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
