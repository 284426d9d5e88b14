import { AGENCIES } from '@soilgraph/db';
import { createTestDatabase, type TestDatabase, testDatabaseUrl, tokenFor } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, run, type Service, waitForHealth } from './support/processes.ts';
import { readmeExamples, runExample } from './support/readme.ts';

describe('a subgraph process without a database URL', () => {
  it('refuses to open the embedded database itself, and says how to run the stack', async () => {
    const service = run('pnpm', ['--filter', '@soilgraph/water', 'start'], cleanEnv({ PORT: '0' }));
    const { code } = await service.exited;
    expect(code).not.toBe(0);
    expect(service.output()).toMatch(/water: set DATABASE_URL \(or DATABASE_URL_WATER\)/);
    expect(service.output()).toMatch(/run the whole stack with `pnpm start`/);
  });
});

// The production shape (docker-compose.yml without Docker): each service its own process,
// started the way its container starts it. Separate processes need a server; PGlite admits one.
describe.runIf(testDatabaseUrl() !== undefined)('the six services as separate processes on Postgres', () => {
  let database: TestDatabase;
  const services: Service[] = [];
  let gatewayUrl = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    // LOG_LEVEL info: the request-id test reads the services' request lines.
    const env = cleanEnv({ DATABASE_URL: database.url!, LOG_LEVEL: 'info', NODE_ENV: 'production' });
    const seed = run('pnpm', ['db:seed'], env);
    expect((await seed.exited).code, seed.output()).toBe(0);

    // Every subgraph knows the others' URLs: submissions ask the owner of what a row names.
    const ports = Object.fromEntries(await Promise.all(AGENCIES.map(async (agency) => [agency, await freePort()] as const)));
    const subgraphUrls = Object.fromEntries(AGENCIES.map((agency) => [`SUBGRAPH_${agency.toUpperCase()}_URL`, `http://127.0.0.1:${ports[agency]}/graphql`]));
    for (const agency of AGENCIES) {
      const service = run('pnpm', ['--filter', `@soilgraph/${agency}`, 'start'], { ...env, ...subgraphUrls, PORT: String(ports[agency]) });
      services.push(service);
      await waitForHealth(`http://127.0.0.1:${ports[agency]}/readyz`, service);
    }
    const port = await freePort();
    const gateway = run('pnpm', ['--filter', '@soilgraph/gateway', 'start'], { ...env, ...subgraphUrls, PORT: String(port) });
    services.push(gateway);
    await waitForHealth(`http://127.0.0.1:${port}/readyz`, gateway);
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  });

  afterAll(async () => {
    for (const service of services) {
      if (service.child.exitCode === null && service.child.signalCode === null) service.signal('SIGTERM');
      await service.exited;
    }
    await database?.close();
  });

  it('answers the README queries through the gateway process as the embedded stack does', async () => {
    for (const example of readmeExamples()) {
      const { body } = await runExample(gatewayUrl, example);
      expect(body, `README line ${example.line}`).toEqual(JSON.parse(example.output!.text));
    }
  });

  it('passes the request id from the gateway to each subgraph it calls; it is in their log lines', async () => {
    const requestId = 'processes-test-request-7f3a';
    const walk = readmeExamples()[0]!; // one parcel seen by all five agencies
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${await tokenFor('planning')}` },
      body: JSON.stringify({ query: walk.query }),
    });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the services flush their logs
    const logged = services.map((service) => service.output().split('\n').filter((line) => line.includes(`"requestId":"${requestId}"`)).length);
    // One line (at least) in each of planning, environment, agriculture, water, geology and the gateway.
    expect(logged.every((n) => n > 0), `lines with the id per service: ${logged.join(', ')}`).toBe(true);
  });

  it('keeps answering what the others can when a subgraph is killed mid-load, naming it and the paths it left null', async () => {
    const walk = readmeExamples()[0]!; // one parcel seen by all five agencies, geology among them
    const expected = JSON.parse(walk.output!.text).data.parcel;
    const geology = services[AGENCIES.indexOf('geology')]!;
    const answers: { ms: number; status: number; body: any }[] = [];
    let killed = false;
    const started = Date.now();
    // Four connections asking one after another for four seconds; geology is killed (SIGKILL, no goodbye) after one.
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (Date.now() - started < 4000) {
          if (!killed && Date.now() - started > 1000) {
            killed = true;
            geology.signal('SIGKILL');
          }
          const sent = Date.now();
          const { status, body } = await runExample(gatewayUrl, walk);
          answers.push({ ms: Date.now() - sent, status, body });
        }
      }),
    );
    await geology.exited;
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const whole = answers.filter((a) => a.body.errors === undefined);
    const partial = answers.filter((a) => a.body.errors !== undefined);
    expect(whole.length).toBeGreaterThan(0);
    expect(partial.length).toBeGreaterThan(0);
    for (const a of whole) expect(a.body.data.parcel).toEqual(expected);
    for (const a of partial) {
      // Every field the four others answer is there; geology's is null, with an error saying why and where.
      expect(a.body.data.parcel).toEqual({ ...expected, geology: null });
      for (const error of a.body.errors) {
        expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'geology' });
        expect(error.path).toEqual(['parcel', 'geology']);
      }
    }
    // A dead subgraph costs little: refused connections, then the open circuit, answer at once.
    const afterKill = partial.map((a) => a.ms).sort((x, y) => x - y);
    expect(afterKill[Math.floor(afterKill.length / 2)]!).toBeLessThan(2000);
    // The gateway is alive but not ready while a subgraph is down.
    const gatewayBase = gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${gatewayBase}/healthz`)).status).toBe(200);
    expect((await fetch(`${gatewayBase}/readyz`)).status).toBe(503);
  });

  it('stops every service cleanly on SIGTERM', async () => {
    for (const service of [...services].reverse()) {
      if (service.child.exitCode !== null || service.child.signalCode !== null) continue; // geology, killed above
      service.signal('SIGTERM');
      const { code, signal } = await service.exited;
      expect(code === 0 || signal === 'SIGTERM', `exit ${code} ${signal}:\n${service.output()}`).toBe(true);
      expect(service.output()).not.toMatch(/"level":50/);
    }
  });
});
