import { agencyRoleUrl } from '@soilgraph/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../../testkit/src/index.ts';
import { post, startSubgraphProcess, startTcpProxy, stopProcess, type SubgraphProcess, type TcpProxy, waitFor } from './support.ts';

// A subgraph process against real Postgres through a TCP proxy the test can take down: its pool
// is bounded (DB_POOL_MAX, DB_POOL_WAIT_MS, DB_STATEMENT_TIMEOUT_MS), it says clearly when its
// database is busy, slow or gone, /readyz follows, and it recovers without a restart. Separate
// processes need a server; PGlite admits one process.

/** One lookup, one statement on water.water_sources. */
const LOOKUP = '{ waterSource(id: "WS-110118-01") { id } }';

async function rows(database: TestDatabase, statement: string): Promise<Record<string, unknown>[]> {
  return ((await database.db.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** Runs `statement` as the owner in a transaction kept open until `release`. */
function holdInTransaction(database: TestDatabase, statement: string): { taken: Promise<void>; release: () => Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const takenPromise = new Promise<void>((resolve) => (taken = resolve));
  const done = database.db.transaction(async (tx) => {
    await tx.execute(statement);
    taken();
    await released;
  });
  return {
    taken: takenPromise,
    release: async () => {
      release();
      await done;
    },
  };
}

/** How many of the service's queries wait for a lock on the server. */
async function waitingOnLocks(database: TestDatabase, applicationName: string): Promise<number> {
  const [row] = await rows(database, `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = '${applicationName}' and wait_event_type = 'Lock'`);
  return row!.n as number;
}

async function metric(service: SubgraphProcess, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${service.base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe.runIf(testDatabaseUrl() !== undefined)("a subgraph process and its database's availability", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let service: SubgraphProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    const server = new URL(database.url!);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    // One connection, so that one blocked query saturates the pool.
    service = await startSubgraphProcess('water', {
      DATABASE_URL: proxy.via(database.url!),
      DB_POOL_MAX: '1',
      DB_POOL_WAIT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '4000',
    });
  });

  afterAll(async () => {
    await stopProcess(service);
    await proxy?.close();
    await database?.close();
  });

  it('serves, and shows its pool on /metrics', async () => {
    expect((await post(service!, 'water', LOOKUP)).body).toEqual({ data: { waterSource: null } });
    expect(await metric(service!, 'soilgraph_db_pool_max_connections')).toBe(1);
    expect(await metric(service!, 'soilgraph_db_pool_connections')).toBe(1);
    expect(await metric(service!, 'soilgraph_db_pool_idle_connections')).toBe(1);
    expect(await metric(service!, 'soilgraph_db_pool_waiting_requests')).toBe(0);
  });

  it('refuses with DATABASE_BUSY a query that waited DB_POOL_WAIT_MS for a connection, and serves the one that held it', async () => {
    const lock = holdInTransaction(database, 'lock table water.water_sources in access exclusive mode');
    await lock.taken;
    try {
      const first = post(service!, 'water', LOOKUP);
      await waitFor(async () => (await waitingOnLocks(database, 'soilgraph-water')) === 1, 'the first query to hold the connection, blocked');
      const started = Date.now();
      const second = post(service!, 'water', LOOKUP);
      await waitFor(async () => (await metric(service!, 'soilgraph_db_pool_waiting_requests')) === 1, 'the second query to wait for the pool');
      const refused = await second;
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(refused.body.data).toEqual({ waterSource: null });
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^The water database is busy/), path: ['waterSource'], extensions: { code: 'DATABASE_BUSY' } }),
      ]);
      await lock.release();
      expect((await first).body).toEqual({ data: { waterSource: null } });
    } finally {
      await lock.release();
    }
    expect(await metric(service!, 'soilgraph_db_pool_waiting_requests')).toBe(0);
  });

  it('answers TIMEOUT when a statement runs past DB_STATEMENT_TIMEOUT_MS', async () => {
    const lock = holdInTransaction(database, 'lock table water.water_sources in access exclusive mode');
    await lock.taken;
    try {
      const started = Date.now();
      const answer = await post(service!, 'water', LOOKUP);
      expect(Date.now() - started).toBeGreaterThanOrEqual(3900);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^The water database cancelled a statement that ran too long/), extensions: { code: 'TIMEOUT' } }),
      ]);
    } finally {
      await lock.release();
    }
    expect((await post(service!, 'water', LOOKUP)).body).toEqual({ data: { waterSource: null } });
  });

  it('while Postgres refuses connections: DATABASE_UNAVAILABLE and /readyz 503; when it is back: serves again, without a restart', async () => {
    const pid = service!.child.pid;
    // The pool's connection is idle now; cutting it must not take the process down.
    expect((await post(service!, 'water', LOOKUP)).body.errors).toBeUndefined();
    await proxy.close();

    const answer = await post(service!, 'water', LOOKUP);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ waterSource: null });
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors!;
    expect(error!.message).toMatch(/^The water database is unavailable; try again later/);
    expect(error!.path).toEqual(['waterSource']);
    expect(error!.extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });

    const ready = await fetch(`${service!.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: expect.stringMatching(/^the water database is unavailable: .*ECONNREFUSED/) });
    expect((await fetch(`${service!.base}/healthz`)).status).toBe(200);
    expect(await metric(service!, 'soilgraph_db_pool_connections')).toBe(0);

    await proxy.open();
    await waitFor(async () => (await fetch(`${service!.base}/readyz`)).status === 200, '/readyz to answer 200 again', service, 15_000);
    expect((await post(service!, 'water', LOOKUP)).body).toEqual({ data: { waterSource: null } });
    expect(service!.running()).toBe(true);
    expect(service!.child.pid).toBe(pid);
    // Warnings only: the process logged no error (level 50) nor fatal (60).
    expect(service!.output()).not.toMatch(/"level":(50|60)/);
    expect(service!.output()).toMatch(/idle connection to the water database broke/);
  });
});

describe.runIf(testDatabaseUrl() !== undefined)('/readyz of a subgraph whose database lacks its newest migration', () => {
  let database: TestDatabase;
  let service: SubgraphProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await stopProcess(service);
    await database?.close();
  });

  it('answers 503 naming what is missing, then 200 once it is there, without a restart', async () => {
    // As if an index of the migrations were missing: the newest migration's schema (0004_data_version) includes it.
    await database.db.execute('drop index water.protection_zones_bbox_width_idx');
    // Given only its role's URL, the service does not migrate (and cannot read the migrations' bookkeeping).
    service = await startSubgraphProcess('water', { DATABASE_URL_WATER: agencyRoleUrl(database.url!, 'water') }, false);
    let reason = '';
    await waitFor(
      async () => {
        const response = await fetch(`${service!.base}/readyz`).catch(() => undefined);
        if (response?.status !== 503) return false;
        reason = ((await response.json()) as { reason: string }).reason;
        return true;
      },
      '/readyz to answer',
      service,
    );
    expect(reason).toBe("the water database is not migrated up to 0004_data_version (missing index water.protection_zones_bbox_width_idx); run pnpm db:migrate");

    await database.db.execute('create index protection_zones_bbox_width_idx on water.protection_zones using btree ((max_lon - min_lon))');
    const ready = await fetch(`${service.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
