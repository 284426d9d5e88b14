import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demo } from './support/gateway.ts';
import { cleanEnv, run, type Service } from './support/processes.ts';
import { readmeExamples, runExample } from './support/readme.ts';
import { tokenFor } from '@soilgraph/testkit';

const dataDir = mkdtempSync(path.join(tmpdir(), 'soilgraph-start-'));
/** Every stack this file starts: one a failed assertion left running is killed, not leaked. */
const startedServices: Service[] = [];
afterAll(async () => {
  for (const service of startedServices) {
    try {
      service.signal('SIGKILL'); // the whole process group, should anything of it still run
    } catch {
      // ESRCH: the group is gone, as it should be after Ctrl-C
    }
    await service.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started extends Service {
  gatewayUrl: string;
  dashboardUrl: string;
  banner: string;
}

/** Runs `pnpm start` the way a user does, on embedded PGlite in a fresh folder, on free ports. */
async function start(): Promise<Started> {
  const service = run('pnpm', ['start'], cleanEnv({ DATA_DIR: dataDir, PORT: '0', SUBGRAPH_BASE_PORT: '0', DASHBOARD_PORT: '0', LOG_LEVEL: 'warn' }));
  startedServices.push(service);
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no gateway URL within 150 s:\n${service.output()}`)), 150_000);
    service.child.stdout!.on('data', () => {
      if (service.output().includes('Stop with Ctrl-C')) {
        clearTimeout(timer);
        resolve(service.output());
      }
    });
    void service.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`pnpm start exited with ${code}:\n${service.output()}`));
    });
  });
  return { ...service, banner, gatewayUrl: banner.match(/Gateway:\s+(http:\/\/\S+)/)![1]!, dashboardUrl: banner.match(/Dashboard:\s+(http:\/\/\S+)/)![1]! };
}

/**
 * Ctrl-C in a terminal: SIGINT to the whole process group. pnpm itself dies of the signal;
 * the stack must shut down on its own without an error and free the gateway's port.
 */
async function interrupt(started: Started): Promise<void> {
  started.signal('SIGINT');
  const { code, signal } = await started.exited;
  expect(code === 0 || signal === 'SIGINT', `exit code ${code}, signal ${signal}`).toBe(true);
  expect(started.output()).not.toMatch(/shutdown failed|"level":50|Error/);
  await expect(fetch(started.gatewayUrl)).rejects.toThrow();
  await expect(fetch(started.dashboardUrl)).rejects.toThrow();
}

async function query(gatewayUrl: string, text: string): Promise<any> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('planning')}` },
    body: JSON.stringify({ query: text }),
  });
  return response.json();
}

describe('pnpm start on embedded PGlite', () => {
  it('creates, migrates and seeds the data folder, answers the README queries, stops cleanly on Ctrl-C, and reuses the data on the next start', async () => {
    const first = await start();
    expect(first.banner).toContain(`embedded PGlite in ${dataDir}`);
    expect(first.banner).toMatch(/seeded synthetic demo data for planning, environment, agriculture, water, geology/);
    expect(first.banner).toContain('curl');
    // The dashboard is built and served, told where the gateway is, and the gateway answers its origin.
    const page = await fetch(first.dashboardUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await (await fetch(new URL('config.json', first.dashboardUrl))).json()).toEqual({ gatewayUrl: first.gatewayUrl });
    const preflight = await fetch(first.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: new URL(first.dashboardUrl).origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(new URL(first.dashboardUrl).origin);
    // Every README example gives, on PGlite (PostgreSQL 18), the output the README shows.
    for (const example of readmeExamples()) {
      expect((await runExample(first.gatewayUrl, example)).body, `README line ${example.line}`).toEqual(JSON.parse(example.output!.text));
    }
    await interrupt(first);

    const second = await start();
    expect(second.banner).toContain('reusing the data already there');
    const { data } = await query(second.gatewayUrl, '{ parcels(first: 0) { totalCount } soilSamples(first: 0) { totalCount } }');
    expect(data).toEqual({ parcels: { totalCount: demo.planning.parcels.length }, soilSamples: { totalCount: demo.environment.samples.length } });
    await interrupt(second);
  });
});
