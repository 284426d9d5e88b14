import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES, type Agency } from '../src/agencies.ts';
import { connectPostgres, type Database, type DatabaseConnection, openPglite } from '../src/client.ts';
import { dataVersion } from '../src/data-versions.ts';
import { adminQuery, databaseUrlOn } from '../src/databases.ts';
import { agencyRoleUrl } from '../src/roles.ts';
import { DATA_VERSION_TRIGGER } from '../src/versions.ts';
import { protectionZones, waterSources } from '../src/water/index.ts';

// Each agency's data version (db/src/versions.ts), on a fresh database with every agency's
// migrations: the Postgres server TEST_DATABASE_URL names, or an in-memory PGlite.
const serverUrl = process.env.TEST_DATABASE_URL === 'pglite' || process.env.TEST_DATABASE_URL === '' ? undefined : process.env.TEST_DATABASE_URL;

interface Fresh {
  connection: DatabaseConnection;
  /** The database as the agency's service sees it (its role on Postgres; PGlite has no roles). */
  serviceDb: (agency: Agency) => Database;
  close: () => Promise<void>;
}

async function freshDatabase(): Promise<Fresh> {
  if (serverUrl === undefined) {
    const connection = await openPglite();
    for (const agency of AGENCIES) await connection.migrate(agency);
    return { connection, serviceDb: () => connection.db, close: () => connection.close() };
  }
  const name = `soilgraph_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = databaseUrlOn(serverUrl, name);
  const connection = connectPostgres(url, { maxConnections: 2, applicationName: 'soilgraph-test' });
  for (const agency of AGENCIES) await connection.migrate(agency);
  const roles = new Map(AGENCIES.map((a) => [a, connectPostgres(agencyRoleUrl(url, a), { maxConnections: 1 })]));
  return {
    connection,
    serviceDb: (agency) => roles.get(agency)!.db,
    close: async () => {
      for (const role of roles.values()) await role.close();
      await connection.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function rowsOf(db: Database, query: SQL): Promise<Record<string, unknown>[]> {
  return ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

describe('an agency data version', () => {
  let database: Fresh;
  const version = (agency: Agency = 'water') => dataVersion(database.connection.db, agency);
  const insertSource = (db: Database, id: string) =>
    db.execute(sql`insert into water.water_sources (id, external_id, name, kind, district_code, location, lon, lat, capacity_m3_per_day)
      values (${id}, ${id}, 'Probe source', 'GROUNDWATER', '110108', '{"type":"Point","coordinates":[116.3,39.95]}', 116.3, 39.95, 1000)`);

  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database?.close());

  it('starts at 0 for every agency and reads alike while nothing is written', async () => {
    for (const agency of AGENCIES) expect(await version(agency)).toBe('0');
    expect(await version()).toBe(await version());
  });

  it("grows with every statement that writes to the agency's tables, whoever sends it, and not with a rolled-back one", async () => {
    const seen = [await version()];
    // As the water service writes: its own role, which may not touch the version itself.
    await insertSource(database.serviceDb('water'), 'WS-PROBE-1');
    seen.push(await version());
    // Same values written again by hand (the owner): a write all the same.
    await database.connection.db.execute(sql`update water.water_sources set name = name where id = 'WS-PROBE-1'`);
    seen.push(await version());
    await database.connection.db.execute(sql`delete from water.water_sources where id = 'WS-PROBE-1'`);
    seen.push(await version());
    // Each write is one more at least (a delete that cascades to the zones counts each table's statement).
    const numbers = seen.map(Number);
    expect(numbers[0]).toBe(0);
    for (let i = 1; i < numbers.length; i += 1) expect(numbers[i]).toBeGreaterThan(numbers[i - 1]!);
    const settled = await version();

    await expect(
      database.connection.db.transaction(async (tx) => {
        await insertSource(tx as unknown as Database, 'WS-PROBE-2');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(settled);
    // The version of one table moves with that table only: the zones were not written since the delete.
    const zones = await dataVersion(database.connection.db, 'water', [protectionZones]);
    await insertSource(database.connection.db, 'WS-PROBE-3');
    expect(await dataVersion(database.connection.db, 'water', [protectionZones])).toBe(zones);
    expect(Number(await dataVersion(database.connection.db, 'water', [waterSources]))).toBeGreaterThan(0);
    expect(Number(await version())).toBeGreaterThan(Number(settled));
    const all = await version();
    // Another agency's write leaves water's version alone.
    await database.connection.db.execute(sql`update planning.parcels set name = name`);
    expect(await version()).toBe(all);
    expect(Number(await version('planning'))).toBeGreaterThan(0);
  });

  it('is bumped by a trigger on every table of every agency schema', async () => {
    const rows = await rowsOf(
      database.connection.db,
      sql`select n.nspname as agency, c.relname as "table", exists (
            select from pg_trigger t where t.tgrelid = c.oid and t.tgname = ${DATA_VERSION_TRIGGER} and not t.tgisinternal
          ) as bumped
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'r' and n.nspname in (${sql.join(AGENCIES.map((a) => sql`${a}`), sql`, `)})
            and c.relname not in ('data_version', '__drizzle_migrations')`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(rows.filter((r) => !r.bumped).map((r) => `${r.agency}.${r.table}`)).toEqual([]);
  });

  it.runIf(serverUrl !== undefined)("cannot be set by the agency's role, only read", async () => {
    const role = database.serviceDb('water');
    await expect(role.execute(sql`update water.data_version set version = 0`)).rejects.toMatchObject({ cause: { code: '42501' } });
    expect(Number(await dataVersion(role, 'water'))).toBeGreaterThan(0);
  });
});
