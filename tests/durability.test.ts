import { createTestDatabase, gatewayHeaders, type TestDatabase, testDatabaseUrl } from '@soilgraph/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, run, type Service, waitForHealth } from './support/processes.ts';

// Nothing acknowledged is lost, nothing half-written stays: environment's service is killed
// (SIGKILL, no shutdown) right after acknowledging a batch, and in the middle of writing one.
// Separate processes need a server; PGlite admits one process.
describe.runIf(testDatabaseUrl() !== undefined)('a service killed around a batch', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let service: Service | undefined;
  let url = '';

  async function start(): Promise<void> {
    const port = await freePort();
    service = run('pnpm', ['--filter', '@soilgraph/environment', 'start'], cleanEnv({ DATABASE_URL: database.url!, PORT: String(port), LOG_LEVEL: 'warn' }));
    await waitForHealth(`http://127.0.0.1:${port}/readyz`, service);
    url = `http://127.0.0.1:${port}/graphql`;
  }

  async function kill(): Promise<void> {
    service!.signal('SIGKILL');
    await service!.exited;
  }

  const samples = (prefix: string, n: number, measurementsEach: number) =>
    Array.from({ length: n }, (_, i) => ({
      externalId: `${prefix}-${i}`,
      districtCode: '110105',
      sampledOn: '2025-06-01',
      depthTopCm: 0,
      depthBottomCm: 20,
      lab: 'durability test lab',
      location: { type: 'Point', coordinates: [116.45, 39.92] },
      measurements: ['CADMIUM', 'MERCURY', 'ARSENIC', 'LEAD', 'CHROMIUM', 'COPPER', 'NICKEL', 'ZINC', 'BENZO_A_PYRENE', 'PETROLEUM_HYDROCARBONS_C10_C40']
        .slice(0, measurementsEach)
        .map((analyte) => ({ analyte, mgPerKg: 1.25, method: 'HJ 491-2019' })),
    }));

  // Straight to environment's process, with the headers the gateway would send for an environment token.
  const submit = async (batch: unknown[]) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await gatewayHeaders('environment')) },
      body: JSON.stringify({ query: 'mutation($s: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $s) { created rows { id } } }', variables: { s: batch } }),
    });

  const stored = async (prefix: string) =>
    Number((await client.query(`select count(*) from environment.soil_samples where external_id like $1`, [`${prefix}-%`])).rows[0].count);

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await start();
  });

  afterAll(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) await kill();
    await client?.end();
    await database?.close();
  });

  it('keeps every row of a batch it acknowledged before being killed', async () => {
    const response = await submit(samples('acked', 500, 3));
    const body = (await response.json()) as { data: { submitSoilSamples: { created: number; rows: { id: string }[] } } };
    await kill();
    expect(body.data.submitSoilSamples.created).toBe(500);
    await start();
    expect(await stored('acked')).toBe(500);
    const ids = body.data.submitSoilSamples.rows.map((r) => r.id);
    const check = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await gatewayHeaders('environment')) },
      body: JSON.stringify({ query: `{ first: soilSample(id: "${ids[0]}") { id measurements { analyte } } last: soilSample(id: "${ids.at(-1)}") { id measurements { analyte } } }` }),
    });
    const { data } = (await check.json()) as { data: Record<string, { id: string; measurements: unknown[] }> };
    expect([data.first!.measurements.length, data.last!.measurements.length]).toEqual([3, 3]);
  });

  it('keeps none of a batch it was killed in the middle of writing', async () => {
    const pending = submit(samples('killed', 5000, 10)).then(
      () => 'answered' as const,
      () => 'no answer' as const,
    );
    // The batch is being written once its transaction holds environment's write lock.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query(`select count(*) from pg_locks where locktype = 'advisory' and granted`);
      if (Number(rows[0].count) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await kill();
    const outcome = await pending;
    // The server rolls back the dead connection's transaction; wait until its lock is gone.
    while (Number((await client.query(`select count(*) from pg_locks where locktype = 'advisory'`)).rows[0].count) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outcome).toBe('no answer');
    expect(await stored('killed')).toBe(0);
    expect(Number((await client.query(`select count(*) from environment.audit_log where entity_key like 'SS-110105-%'`)).rows[0].count)).toBe(500);
    await start();
    expect(await stored('killed')).toBe(0);
  });
});
