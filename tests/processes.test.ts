import { AGENCIES } from '@soilgraph/db';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '@soilgraph/testkit';
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
    const env = cleanEnv({ DATABASE_URL: database.url!, LOG_LEVEL: 'warn', NODE_ENV: 'production' });
    const seed = run('pnpm', ['db:seed'], env);
    expect((await seed.exited).code, seed.output()).toBe(0);

    const subgraphUrls: Record<string, string> = {};
    for (const agency of AGENCIES) {
      const port = await freePort();
      const service = run('pnpm', ['--filter', `@soilgraph/${agency}`, 'start'], { ...env, PORT: String(port) });
      services.push(service);
      await waitForHealth(`http://127.0.0.1:${port}/health`, service);
      subgraphUrls[`SUBGRAPH_${agency.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
    const port = await freePort();
    const gateway = run('pnpm', ['--filter', '@soilgraph/gateway', 'start'], { ...env, ...subgraphUrls, PORT: String(port) });
    services.push(gateway);
    await waitForHealth(`http://127.0.0.1:${port}/health`, gateway);
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

  it('stops every service cleanly on SIGTERM', async () => {
    for (const service of [...services].reverse()) {
      service.signal('SIGTERM');
      const { code, signal } = await service.exited;
      expect(code === 0 || signal === 'SIGTERM', `exit ${code} ${signal}:\n${service.output()}`).toBe(true);
      expect(service.output()).not.toMatch(/"level":50/);
    }
  });
});
