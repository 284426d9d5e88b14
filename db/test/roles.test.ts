import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES, type Agency } from '../src/agencies.ts';
import { appendAudit, lockAgencyWrites, verifyAuditChain } from '../src/audit.ts';
import { AUDIT_LOGS } from '../src/audit-logs.ts';
import { connectPostgres, type Database, type DatabaseConnection } from '../src/client.ts';
import { agencyPostgresUrls, databaseTargetFromEnv, openAgencyDatabases } from '../src/databases.ts';
import { agencyRole, agencyRoleUrl, scramVerifier } from '../src/roles.ts';

// Least privilege (db/src/roles.ts): each agency's service logs in as its own role. On real
// Postgres (the server tests/database-target.ts names) each test group works in a fresh
// database of its own; PGlite has no roles.
const serverUrl = process.env.TEST_DATABASE_URL === 'pglite' ? undefined : process.env.TEST_DATABASE_URL;

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the test server; `drop` removes it. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `soilgraph_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl!, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl!, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** Runs a statement and returns the SQLSTATE it failed with (undefined when it succeeded). */
async function sqlstate(client: pg.Client, statement: string): Promise<string | undefined> {
  try {
    await client.query(statement);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const PERMISSION_DENIED = '42501';

/** The rows a query returns (pg and PGlite both answer with `rows`). */
async function rowsOf(db: Database, query: SQL): Promise<Record<string, unknown>[]> {
  return ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

describe('the Postgres URLs of an agency', () => {
  it('serves as the agency role at the owner URL when only DATABASE_URL is set', () => {
    expect(agencyPostgresUrls('water', { DATABASE_URL: 'postgres://owner:secret@db:5432/soilgraph?sslmode=require' })).toEqual({
      ownerUrl: 'postgres://owner:secret@db:5432/soilgraph?sslmode=require',
      roleUrl: 'postgres://soilgraph_water@db:5432/soilgraph?sslmode=require',
    });
  });

  it('serves at DATABASE_URL_<AGENCY>, the role URL with its password, when it is set', () => {
    const env = { DATABASE_URL: 'postgres://owner@db/soilgraph', DATABASE_URL_WATER: 'postgres://soilgraph_water:w@db/soilgraph' };
    expect(agencyPostgresUrls('water', env)).toEqual({ ownerUrl: 'postgres://owner@db/soilgraph', roleUrl: 'postgres://soilgraph_water:w@db/soilgraph' });
    expect(agencyPostgresUrls('planning', env)?.roleUrl).toBe('postgres://soilgraph_planning@db/soilgraph');
  });

  it('has no owner URL when a service is given its role URL only, and nothing when neither is set', () => {
    expect(agencyPostgresUrls('water', { DATABASE_URL_WATER: 'postgres://soilgraph_water:w@db/soilgraph' })).toEqual({
      ownerUrl: undefined,
      roleUrl: 'postgres://soilgraph_water:w@db/soilgraph',
    });
    expect(agencyPostgresUrls('water', {})).toBeUndefined();
  });

  it('makes the whole stack and the database commands require the owner URL, which migrates', () => {
    expect(() => databaseTargetFromEnv({ DATABASE_URL_WATER: 'postgres://soilgraph_water@db/soilgraph' }, '.data')).toThrow(
      /DATABASE_URL_WATER is the URL of water's role; set DATABASE_URL as well/,
    );
    const target = databaseTargetFromEnv({ DATABASE_URL: 'postgres://owner@db/soilgraph', DATABASE_URL_WATER: 'postgres://soilgraph_water:w@db/soilgraph' }, '.data');
    expect(target.kind === 'postgres' && [target.urlFor('water'), target.roleUrlFor?.('water'), target.roleUrlFor?.('planning')]).toEqual([
      'postgres://owner@db/soilgraph',
      'postgres://soilgraph_water:w@db/soilgraph',
      undefined,
    ]);
  });
});

describe('on PGlite, which has one user', () => {
  it('serves every agency on the one shared connection and creates no role', async () => {
    const databases = await openAgencyDatabases({ kind: 'pglite' });
    try {
      for (const agency of AGENCIES) await databases.connectionFor(agency).migrate(agency);
      for (const agency of AGENCIES) expect(databases.serviceDbFor(agency)).toBe(databases.connectionFor('planning').db);
      expect(await rowsOf(databases.serviceDbFor('water'), sql`select rolname from pg_roles where rolname like 'soilgraph%'`)).toEqual([]);
    } finally {
      await databases.closeAll();
    }
  });
});

describe.runIf(serverUrl !== undefined)('each agency role on Postgres', () => {
  let database: { url: string; drop: () => Promise<void> };
  let owner: DatabaseConnection;
  const roles = {} as Record<Agency, pg.Client>;

  beforeAll(async () => {
    database = await freshDatabase();
    owner = connectPostgres(database.url, { maxConnections: 7 });
    for (const agency of AGENCIES) await owner.migrate(agency);
    for (const agency of AGENCIES) {
      roles[agency] = new pg.Client({ connectionString: agencyRoleUrl(database.url, agency) });
      await roles[agency].connect();
    }
  });

  afterAll(async () => {
    for (const client of Object.values(roles)) await client.end();
    await owner?.close();
    await database?.drop();
  });

  it('logs in as its own role, which owns nothing in the database', async () => {
    expect((await roles.water.query('select current_user')).rows).toEqual([{ current_user: 'soilgraph_water' }]);
    const owned = await rowsOf(owner.db, sql`
      select relname as name from pg_class where pg_get_userbyid(relowner) like 'soilgraph%'
      union all select nspname from pg_namespace where pg_get_userbyid(nspowner) like 'soilgraph%'
      union all select proname from pg_proc where pg_get_userbyid(proowner) like 'soilgraph%'`);
    expect(owned).toEqual([]);
  });

  it("writes through the agency's write path, under its write lock, and reads its own data", async () => {
    const db = connectPostgres(agencyRoleUrl(database.url, 'planning'), { maxConnections: 1 });
    try {
      await db.db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database;
        await lockAgencyWrites(tx, 'planning');
        await tx.execute(sql`insert into planning.districts (code, name, name_zh) values ('110101', 'Dongcheng', '东城区')`);
        await tx.execute(sql`update planning.districts set name = 'Dongcheng District' where code = '110101'`);
        await appendAudit(tx, AUDIT_LOGS.planning, [
          { subject: 'test', agency: 'planning', operation: 'submitDistricts', entityType: 'District', entityKey: '110101', change: 'CREATED', beforeDigest: null, afterDigest: 'a' },
        ]);
      });
      expect(await rowsOf(db.db, sql`select name from planning.districts`)).toEqual([{ name: 'Dongcheng District' }]);
      expect(await verifyAuditChain(db.db, AUDIT_LOGS.planning)).toMatchObject({ entries: 1, problems: [] });
      await db.db.execute(sql`delete from planning.districts where code = '110101'`);
      expect(await rowsOf(db.db, sql`select count(*)::int as n from planning.districts`)).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it("is refused every other agency's schema, reading and writing", async () => {
    for (const agency of AGENCIES) {
      for (const other of AGENCIES.filter((a) => a !== agency)) {
        expect(await sqlstate(roles[agency], `select count(*) from ${other}.audit_log`), `${agency} reads ${other}`).toBe(PERMISSION_DENIED);
        expect(await sqlstate(roles[agency], `delete from ${other}.audit_log`), `${agency} deletes in ${other}`).toBe(PERMISSION_DENIED);
      }
    }
    expect(await sqlstate(roles.water, `insert into planning.districts (code, name, name_zh) values ('110102', 'Xicheng', '西城区')`)).toBe(PERMISSION_DENIED);
  });

  it('may only append to its audit log: no UPDATE, DELETE, TRUNCATE or setval', async () => {
    const client = roles.environment;
    expect(await sqlstate(client, `update environment.audit_log set subject = 'someone else'`)).toBe(PERMISSION_DENIED);
    expect(await sqlstate(client, 'delete from environment.audit_log')).toBe(PERMISSION_DENIED);
    expect(await sqlstate(client, 'truncate environment.audit_log')).toBe(PERMISSION_DENIED);
    expect(await sqlstate(client, `select setval('environment.audit_log_seq_seq', 1)`)).toBe(PERMISSION_DENIED);
  });

  it('cannot alter, drop, truncate or create tables in its own schema, nor switch off the audit triggers', async () => {
    const client = roles.water;
    for (const statement of [
      'alter table water.water_sources add column note text',
      'drop table water.protection_zones',
      'truncate water.water_sources',
      'alter table water.audit_log disable trigger user',
      'drop trigger audit_log_append_only on water.audit_log',
      'drop function water.audit_log_append_only() cascade',
      'create table water.shadow (id int)',
    ]) {
      expect(await sqlstate(client, statement), statement).toBe(PERMISSION_DENIED);
    }
  });

  it("cannot read or rewrite the migrations' bookkeeping", async () => {
    expect(await sqlstate(roles.geology, 'select * from geology.__drizzle_migrations')).toBe(PERMISSION_DENIED);
    expect(await sqlstate(roles.geology, 'delete from geology.__drizzle_migrations')).toBe(PERMISSION_DENIED);
  });

  it('comes out of a second migration with the same privileges, and without those granted by hand', async () => {
    const privileges = () =>
      rowsOf(
        owner.db,
        sql`select grantee, table_schema, table_name, privilege_type from information_schema.role_table_grants
            where grantee like 'soilgraph%' order by 1, 2, 3, 4`,
      );
    const before = await privileges();
    expect(before).toContainEqual({ grantee: 'soilgraph_water', table_schema: 'water', table_name: 'audit_log', privilege_type: 'INSERT' });
    expect(before).not.toContainEqual(expect.objectContaining({ grantee: 'soilgraph_water', table_name: 'audit_log', privilege_type: 'DELETE' }));

    await owner.db.execute(sql`grant truncate on water.audit_log to soilgraph_water`);
    await owner.db.execute(sql`grant create on schema water to soilgraph_water`);
    for (const agency of AGENCIES) await owner.migrate(agency);

    expect(await privileges()).toEqual(before);
    expect(await sqlstate(roles.water, 'truncate water.audit_log')).toBe(PERMISSION_DENIED);
    expect(await sqlstate(roles.water, 'create table water.shadow (id int)')).toBe(PERMISSION_DENIED);
  });

  it('sets up the roles of one database from several processes at once', async () => {
    // Each subgraph process migrates its own agency when it starts; replicas migrate the same one.
    await Promise.all([...AGENCIES, 'water' as const, 'water' as const].map((a) => owner.migrate(a)));
    expect(await sqlstate(roles.water, 'select count(*) from water.audit_log')).toBeUndefined();
  });
});

/** Migrates every agency of a database, logged in as its URL says. */
async function migrateAll(url: string): Promise<void> {
  const owner = connectPostgres(url, { maxConnections: 1 });
  try {
    for (const agency of AGENCIES) await owner.migrate(agency);
  } finally {
    await owner.close();
  }
}

describe.runIf(serverUrl !== undefined)('setting up the roles on Postgres', () => {
  it('works in several new databases at once, although roles belong to the whole server', async () => {
    const databases = await Promise.all([freshDatabase(), freshDatabase(), freshDatabase()]);
    try {
      await Promise.all(databases.map(({ url }) => migrateAll(url)));
      for (const { url } of databases) {
        const client = new pg.Client({ connectionString: agencyRoleUrl(url, 'agriculture') });
        await client.connect();
        try {
          expect(await sqlstate(client, 'select count(*) from agriculture.fertilizer_use')).toBeUndefined();
          expect(await sqlstate(client, 'select count(*) from planning.parcels')).toBe(PERMISSION_DENIED);
        } finally {
          await client.end();
        }
      }
    } finally {
      await Promise.all(databases.map((d) => d.drop()));
    }
  });

  it('works for an owner that is no superuser and may not create roles, once the roles exist', async () => {
    const scratch = await freshDatabase();
    const owner = `soilgraph_owner_${randomBytes(4).toString('hex')}`;
    const name = `soilgraph_test_${randomBytes(6).toString('hex')}`;
    try {
      await migrateAll(scratch.url); // as the superuser: the agencies' roles exist from here on
      await onServer(serverUrl!, async (client) => {
        await client.query(`create role ${owner} login nosuperuser nocreaterole`);
        await client.query(`create database ${name} owner ${owner}`);
      });
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      url.username = owner;
      await migrateAll(url.toString());
      await migrateAll(url.toString());
      const water = new pg.Client({ connectionString: agencyRoleUrl(url.toString(), 'water') });
      await water.connect();
      try {
        expect(await sqlstate(water, 'select count(*) from water.water_sources')).toBeUndefined();
        expect(await sqlstate(water, 'alter table water.water_sources add column note text')).toBe(PERMISSION_DENIED);
        expect(await sqlstate(water, 'select count(*) from planning.parcels')).toBe(PERMISSION_DENIED);
      } finally {
        await water.end();
      }
    } finally {
      await scratch.drop();
      await onServer(serverUrl!, async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
        await client.query(`drop role if exists ${owner}`);
      });
    }
  });

  it('gives a SCRAM-SHA-256 verifier that Postgres itself computes for the same password and salt', async () => {
    const role = `soilgraph_scram_${randomBytes(4).toString('hex')}`;
    await onServer(serverUrl!, async (client) => {
      try {
        await client.query(`set password_encryption = 'scram-sha-256'`);
        await client.query(`create role ${role} password 'pâté:$ecret'`);
        const { rows } = await client.query<{ rolpassword: string }>('select rolpassword from pg_authid where rolname = $1', [role]);
        const stored = rows[0]!.rolpassword;
        const salt = Buffer.from(stored.split('$')[1]!.split(':')[1]!, 'base64');
        expect(scramVerifier('pâté:$ecret', salt)).toBe(stored);
        expect(scramVerifier('pâté:$ecreT', salt)).not.toBe(stored);
      } finally {
        await client.query(`drop role if exists ${role}`);
      }
    });
  });

  it("sets the role's password from the role URL the services are given, through the owner's migration", async () => {
    const database = await freshDatabase();
    const roleUrl = new URL(agencyRoleUrl(database.url, 'geology'));
    roleUrl.password = 'geo logy@1';
    const databases = await openAgencyDatabases({ kind: 'postgres', urlFor: () => database.url, roleUrlFor: (a) => (a === 'geology' ? roleUrl.toString() : undefined) });
    try {
      await databases.connectionFor('geology').migrate('geology');
      const stored = await onServer(serverUrl!, async (client) => {
        const { rows } = await client.query<{ rolpassword: string }>('select rolpassword from pg_authid where rolname = $1', [agencyRole('geology')]);
        return rows[0]!.rolpassword;
      });
      const salt = Buffer.from(stored.split('$')[1]!.split(':')[1]!, 'base64');
      expect(scramVerifier('geo logy@1', salt)).toBe(stored);
      expect(await rowsOf(databases.serviceDbFor('geology'), sql`select current_user`)).toEqual([{ current_user: 'soilgraph_geology' }]);
    } finally {
      await databases.closeAll();
      // The role belongs to the whole server: leave it as the other tests expect it, without a password.
      await onServer(serverUrl!, (client) => client.query(`alter role ${agencyRole('geology')} password null`));
      await database.drop();
    }
  });
});
