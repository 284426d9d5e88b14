import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES, type Agency } from '../src/agencies.ts';
import { connectPostgres, type DatabaseConnection, migrationsFolder, openPglite } from '../src/client.ts';
import { adminQuery, databaseUrlOn } from '../src/databases.ts';
import { databaseFailure, rootMessage } from '../src/failures.ts';
import { checkMigrationsApplied, expectedSchema, MigrationsPendingError } from '../src/readiness.ts';
import { agencyRoleUrl } from '../src/roles.ts';
// testkit depends on db; its tests reach testkit's port helper by path rather than by a cyclic dependency.
import { freePort } from '../../packages/testkit/src/ports.ts';

// A subgraph's /readyz asks whether its database has the migrations the code ships
// (readiness.ts), as the agency's role, which may not read drizzle's bookkeeping; and tells a
// database that is down, busy or slow from a fault (failures.ts). On the test server when there
// is one, else on PGlite (no roles there).
const serverUrl = process.env.TEST_DATABASE_URL === 'pglite' ? undefined : process.env.TEST_DATABASE_URL;

const folders: string[] = [];

/** A copy of the agency's migrations without the newest one, as an older release shipped them. */
function olderMigrations(agency: Agency): string {
  const folder = mkdtempSync(path.join(tmpdir(), `soilgraph-${agency}-migrations-`));
  folders.push(folder);
  cpSync(migrationsFolder(agency), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
  return folder;
}

/** Applies an agency's migrations from another folder, as connection.migrate does from db/migrations. */
async function migrateFrom(connection: DatabaseConnection, agency: Agency, folder: string): Promise<void> {
  const config = { migrationsFolder: folder, migrationsSchema: agency, migrationsTable: '__drizzle_migrations' };
  if (connection.kind === 'pglite') await migratePglite(connection.db as never, config);
  else await migratePg(connection.db as never, config);
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the schema the newest migration leaves', () => {
  it("is read from drizzle-kit's snapshot of that migration", () => {
    const water = expectedSchema('water');
    expect(water.migration).toBe('0004_data_version');
    expect(water.tables.get('water_sources')).toContain('district_code');
    expect(water.indexes).toContain('protection_zones_level_idx');
    expect(water.indexes).toContain('protection_zones_bbox_width_idx');
    expect([...water.tables.keys()].sort()).toEqual(['audit_log', 'data_version', 'protection_zones', 'water_sources']);
  });
});

describe('whether an agency database has the migrations the code ships', () => {
  let database: { connection: DatabaseConnection; roleConnection?: (agency: Agency) => DatabaseConnection; close: () => Promise<void> };

  beforeAll(async () => {
    if (serverUrl === undefined) {
      const connection = await openPglite();
      database = { connection, close: () => connection.close() };
      return;
    }
    const name = `soilgraph_test_${Math.random().toString(16).slice(2, 14)}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const url = databaseUrlOn(serverUrl, name);
    const connection = connectPostgres(url, { maxConnections: 2 });
    const roles: DatabaseConnection[] = [];
    database = {
      connection,
      roleConnection: (agency) => {
        const role = connectPostgres(agencyRoleUrl(url, agency), { maxConnections: 1 });
        roles.push(role);
        return role;
      },
      close: async () => {
        for (const role of roles) await role.close();
        await connection.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  });

  afterAll(async () => {
    await database?.close();
  });

  it('is not so while the newest migration is missing, naming it and what it would create; is so once migrated', async () => {
    const { connection } = database;
    for (const agency of AGENCIES) {
      await migrateFrom(connection, agency, olderMigrations(agency));
      const { migration } = expectedSchema(agency);
      const pending = checkMigrationsApplied(connection.db, agency);
      await expect(pending, agency).rejects.toBeInstanceOf(MigrationsPendingError);
      await expect(pending, agency).rejects.toThrow(new RegExp(`^the ${agency} database is not migrated up to ${migration} \\(missing (table|column|index) ${agency}\\..+\\); run pnpm db:migrate$`));

      await connection.migrate(agency);
      await expect(checkMigrationsApplied(connection.db, agency), agency).resolves.toBeUndefined();
    }
  });

  it.runIf(serverUrl !== undefined)("answers for the agency's role, which may not read the migrations' bookkeeping", async () => {
    const water = database.roleConnection!('water');
    await expect(water.db.execute('select * from water.__drizzle_migrations')).rejects.toThrow();
    await expect(checkMigrationsApplied(water.db, 'water')).resolves.toBeUndefined();
    // A table the code expects is gone: not ready, whatever the bookkeeping says.
    await database.connection.db.execute('alter table water.protection_zones rename column part to zone_part');
    await expect(checkMigrationsApplied(water.db, 'water')).rejects.toThrow('(missing column water.protection_zones.part)');
    await database.connection.db.execute('alter table water.protection_zones rename column zone_part to part');
  });
});


describe.runIf(serverUrl !== undefined)("a query's failure, by what it says about the database", () => {
  it('is "unavailable" when the server refuses connections', async () => {
    const url = new URL(serverUrl!);
    url.port = String(await freePort());
    const down = connectPostgres(url.toString(), { connectionWaitMs: 2000 });
    try {
      const error = await down.db.execute('select 1').catch((e: unknown) => e);
      expect(databaseFailure(error)).toBe('unavailable');
      expect(rootMessage(error)).toMatch(/ECONNREFUSED/);
    } finally {
      await down.close();
    }
  });

  it('is "busy" when no pooled connection comes free within the wait', async () => {
    const one = connectPostgres(serverUrl!, { maxConnections: 1, connectionWaitMs: 200 });
    try {
      const started = Date.now();
      // The transaction holds the pool's only connection while another query asks for one.
      const error = await one.db.transaction(async (tx) => {
        await tx.execute('select 1');
        return one.db.execute('select 2').catch((e: unknown) => e);
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(databaseFailure(error)).toBe('busy');
    } finally {
      await one.close();
    }
  });

  it('is "timeout" when the server cancels a statement after statement_timeout', async () => {
    const slow = connectPostgres(serverUrl!, { statementTimeoutMs: 100 });
    try {
      const error = await slow.db.execute('select pg_sleep(2)').catch((e: unknown) => e);
      expect(databaseFailure(error)).toBe('timeout');
      await expect(slow.db.execute('select 1')).resolves.toBeDefined();
    } finally {
      await slow.close();
    }
  });

  it('is nothing of the sort for a query at fault', async () => {
    const db = connectPostgres(serverUrl!, { maxConnections: 1 });
    try {
      const error = await db.db.execute('select * from no_such_table').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(databaseFailure(error)).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
