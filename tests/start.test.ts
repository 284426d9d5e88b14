import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demo } from './support/gateway.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'soilgraph-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  gatewayUrl: string;
  banner: string;
  output: () => string;
}

/** Runs `pnpm start` the way a user does, on embedded PGlite in a fresh folder, on free ports. */
function start(): Promise<Started> {
  // No DATABASE_URL*: the embedded default, as on a fresh machine.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_URL')));
  const child = spawn('pnpm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...env, DATA_DIR: dataDir, PORT: '0', SUBGRAPH_BASE_PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no gateway URL within 150 s:\n${output}`)), 150_000);
    child.stdout!.on('data', () => {
      const match = output.match(/Gateway:\s+(http:\/\/\S+)/);
      if (match && output.includes('Stop with Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, gatewayUrl: match[1]!, banner: output, output: () => output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pnpm start exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Ctrl-C in a terminal: SIGINT to the whole process group. pnpm itself dies of the signal;
 * the stack must shut down on its own without an error and free the gateway's port.
 */
async function interrupt(started: Started): Promise<void> {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    started.child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  process.kill(-started.child.pid!, 'SIGINT');
  const { code, signal } = await exited;
  expect(code === 0 || signal === 'SIGINT', `exit code ${code}, signal ${signal}`).toBe(true);
  expect(started.output()).not.toMatch(/shutdown failed|"level":50|Error/);
  await expect(fetch(started.gatewayUrl)).rejects.toThrow();
}

async function parcelCount(gatewayUrl: string): Promise<number> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ parcels(first: 0) { totalCount } }' }),
  });
  const body = (await response.json()) as { data: { parcels: { totalCount: number } } };
  return body.data.parcels.totalCount;
}

describe('pnpm start on embedded PGlite', () => {
  it('creates, migrates and seeds the data folder, serves the gateway, stops cleanly on Ctrl-C, and reuses the data on the next start', async () => {
    const first = await start();
    expect(first.banner).toContain(`embedded PGlite in ${dataDir}`);
    expect(first.banner).toMatch(/seeded synthetic demo data for planning, environment, agriculture, water, geology/);
    expect(first.banner).toContain('curl');
    expect(await parcelCount(first.gatewayUrl)).toBe(demo.planning.parcels.length);
    await interrupt(first);

    const second = await start();
    expect(second.banner).toContain('reusing the data already there');
    expect(await parcelCount(second.gatewayUrl)).toBe(demo.planning.parcels.length);
    await interrupt(second);
  });
});
