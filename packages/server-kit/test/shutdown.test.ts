import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../../testkit/src/index.ts';
import { type GraphQLAnswer, post, startSubgraphProcess, stopProcess, type SubgraphProcess, waitFor } from './support.ts';

// SIGTERM to a subgraph process (runSubgraphProcess, onShutdown): it stops accepting connections,
// lets the request in flight finish within SHUTDOWN_TIMEOUT_MS, closes its pool and exits 0. A
// write batch in flight either commits and is answered, or is cut off unanswered and leaves
// nothing. To catch a batch in flight every time, the test holds environment's write lock (the
// lock every batch takes first, db/src/audit.ts) and lets go of it when it chooses.

const WRITE_LOCK = `select pg_advisory_xact_lock(hashtext('soilgraph:environment:writes'))`;
const SUBMIT = 'mutation($s: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $s) { created } }';

const samples = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    districtCode: '110105',
    sampledOn: '2025-06-01',
    depthTopCm: 0,
    depthBottomCm: 20,
    lab: 'shutdown test lab',
    location: { type: 'Point', coordinates: [116.45, 39.92] },
    measurements: ['CADMIUM', 'MERCURY', 'ARSENIC', 'LEAD', 'ZINC'].map((analyte) => ({ analyte, mgPerKg: 1.25, method: 'HJ 491-2019' })),
  }));

async function count(database: TestDatabase, statement: string): Promise<number> {
  const result = (await database.db.execute(statement)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

/** Takes environment's write lock as the owner and keeps it until `release`. */
async function holdWriteLock(database: TestDatabase): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const lockTaken = new Promise<void>((resolve) => (taken = resolve));
  const done = database.db.transaction(async (tx) => {
    await tx.execute(WRITE_LOCK);
    taken();
    await released;
  });
  await lockTaken;
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

/** Whether a TCP connection to the port is refused (the service no longer listens). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe.runIf(testDatabaseUrl() !== undefined)('a subgraph process told to stop (SIGTERM) while a write batch is in flight', () => {
  let database: TestDatabase;
  let service: SubgraphProcess | undefined;
  let lock: { release: () => Promise<void> } | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await lock?.release();
    await stopProcess(service);
  });

  afterAll(async () => {
    await database?.close();
  });

  /**
   * Sends a batch and waits until it is blocked on the write lock the test holds: in flight, inside
   * its transaction. (The answer comes wrapped: an async function returning a promise would wait for it.)
   */
  async function batchInFlight(prefix: string, n: number): Promise<{ answer: Promise<GraphQLAnswer | Error> }> {
    lock = await holdWriteLock(database);
    const answer = post(service!, 'environment', SUBMIT, { s: samples(prefix, n) }).then(
      (response) => response,
      (error: Error) => error,
    );
    await waitFor(
      async () => (await count(database, `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'soilgraph-environment' and wait_event_type = 'Lock'`)) === 1,
      'the batch to wait for the write lock',
      service,
    );
    return { answer };
  }

  it('stops accepting connections, commits and answers the batch, closes its pool and exits 0', async () => {
    service = await startSubgraphProcess('environment', { DATABASE_URL: database.url! });
    const port = Number(new URL(service.base).port);
    const { answer } = await batchInFlight('drained', 2000);

    const signalled = Date.now();
    service.child.kill('SIGTERM');
    await waitFor(() => refused(port), 'the service to stop listening', service, 5000);
    // The batch is still waiting; it gets the lock and writes after the signal.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock!.release();

    const response = await answer;
    expect(response).not.toBeInstanceOf(Error);
    expect(response).toMatchObject({ status: 200, body: { data: { submitSoilSamples: { created: 2000 } } } });
    const { code, signal } = await service.exited;
    expect({ code, signal }, service.output()).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(await count(database, `select count(*)::int as n from environment.soil_samples where external_id like 'drained-%'`)).toBe(2000);
    expect(await count(database, `select count(*)::int as n from environment.measurements m join environment.soil_samples s on s.id = m.sample_id where s.external_id like 'drained-%'`)).toBe(10_000);
    // Its pool is closed: no connection of the service is left on the server.
    expect(await count(database, `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'soilgraph-environment'`)).toBe(0);
    expect(service.output()).not.toMatch(/"level":(50|60)/);
  });

  it('cuts off a batch still waiting at SHUTDOWN_TIMEOUT_MS: no answer, nothing written, and the process ends within the bound', async () => {
    service = await startSubgraphProcess('environment', { DATABASE_URL: database.url!, SHUTDOWN_TIMEOUT_MS: '1500' });
    const auditEntries = () => count(database, 'select count(*)::int as n from environment.audit_log');
    const entriesBefore = await auditEntries();
    const { answer } = await batchInFlight('cut', 200);

    const signalled = Date.now();
    service.child.kill('SIGTERM');
    const response = await answer;
    expect(response).toBeInstanceOf(Error); // the connection closed without an answer
    const { code } = await service.exited;
    // 1500 ms for the request, then up to 2000 ms (SHUTDOWN_CLOSE_MARGIN_MS) for the pool, which
    // waits on the cut-off batch's transaction; the deadline ends the process with 1.
    expect(code, service.output()).toBe(1);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - signalled).toBeLessThan(1500 + 2000 + 1500);
    expect(service.output()).toMatch(/shutdown did not finish in time/);

    // The server rolls back the dead connection's transaction once it stops waiting for the lock.
    await lock!.release();
    lock = undefined;
    await waitFor(
      async () => (await count(database, `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'soilgraph-environment'`)) === 0,
      "the dead process's session to end",
    );
    expect(await count(database, `select count(*)::int as n from environment.soil_samples where external_id like 'cut-%'`)).toBe(0);
    expect(await auditEntries()).toBe(entriesBefore);
  });
});
