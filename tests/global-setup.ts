import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDashboard, type RunningDashboard, serveDashboard } from '@soilgraph/dashboard';
import { AGENCIES } from '@soilgraph/db';
import { createLogger } from '@soilgraph/server-kit';
import { type RunningStack, startStack } from '@soilgraph/stack';
import { createTestDatabase, type TestDatabase, testAuthConfig, testDatabaseUrl } from '@soilgraph/testkit';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    dashboardUrl: string;
    subgraphUrls: Record<string, string>;
    databaseKind: 'postgres' | 'pglite';
  }
}

let stack: RunningStack | undefined;
let database: TestDatabase | undefined;
let dashboard: RunningDashboard | undefined;
let dashboardDir: string | undefined;

/**
 * One whole federation for the tests in tests/: a fresh database (real Postgres when
 * TEST_DATABASE_URL is set, as in CI; else in-memory PGlite), the demo data with the
 * default seed, five subgraphs and the gateway on free ports, reached over HTTP. The test files
 * share it in any order: a test that writes must write only what no other test's answer counts
 * (the README and the plan questions count samples, points, parcels and farmland decisions).
 */
export async function setup(project: TestProject): Promise<void> {
  database = testDatabaseUrl() === undefined ? undefined : await createTestDatabase();
  const url = database?.url;
  // The dashboard as pnpm start serves it (built into a folder of its own, so a concurrent pnpm
  // start's build cannot replace it), in front of this stack's gateway.
  dashboardDir = mkdtempSync(join(tmpdir(), 'soilgraph-dashboard-'));
  await buildDashboard(dashboardDir);
  let gatewayUrl: string | undefined;
  dashboard = await serveDashboard({ dir: dashboardDir, host: '127.0.0.1', port: 0, gatewayUrl: () => gatewayUrl, logger: createLogger('dashboard', 'silent') });
  stack = await startStack({
    database: url === undefined ? { kind: 'pglite' } : { kind: 'postgres', urlFor: () => url },
    host: '127.0.0.1',
    gatewayPort: 0,
    subgraphPorts: Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<(typeof AGENCIES)[number], number>,
    demo: {},
    logLevel: 'silent',
    auth: testAuthConfig,
    corsOrigins: dashboard.origins,
  });
  gatewayUrl = stack.gatewayUrl;
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('dashboardUrl', dashboard.url);
  project.provide('subgraphUrls', stack.subgraphUrls);
  project.provide('databaseKind', url === undefined ? 'pglite' : 'postgres');
}

export async function teardown(): Promise<void> {
  await dashboard?.close();
  if (dashboardDir !== undefined) rmSync(dashboardDir, { recursive: true, force: true });
  await stack?.stop();
  await database?.close();
}
