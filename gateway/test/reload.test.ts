import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSupergraph } from '@soilgraph/schema';
import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.ts';
import { capturingLogger, fakeSubgraph, gatewayFromEnv, post, signedIn, unreachableSubgraphs } from './support.ts';

// A gateway serving a supergraph file (SUPERGRAPH_PATH), read again every 100 ms.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SUPERGRAPH = readSupergraph();
/** The supergraph with one root field more, planning's `reloadProbe` of type `type`. */
const withProbe = (type: string) =>
  SUPERGRAPH.replace(/^(type Query\n(?: {2}@join__type\(graph: \w+\)\n)+\{\n)/m, `$1  reloadProbe: ${type} @join__field(graph: PLANNING)\n`);

const dir = mkdtempSync(path.join(tmpdir(), 'supergraph-reload-'));
const file = path.join(dir, 'supergraph.graphql');
writeFileSync(file, SUPERGRAPH);
/** Replaces the file at once, as a deployment should (a poll could read a file half rewritten in place). */
function replaceFile(text: string): void {
  writeFileSync(`${file}.new`, text);
  renameSync(`${file}.new`, file);
}

/** Planning answers at once; district queries wait while `held` is set, until it resolves. */
let held: Promise<void> | undefined;
let districtRequests = 0;
const planning = fakeSubgraph(async (body, res) => {
  if (body.query.includes('district')) {
    districtRequests += 1;
    await held;
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ data: { district: { name: 'Haidian' }, reloadProbe: 'the new supergraph' } }));
});
const { logger, lines } = capturingLogger();
let gateway: RunningHttpService;
let headers: Record<string, string>;

beforeAll(async () => {
  headers = await signedIn();
  gateway = await gatewayFromEnv({ SUPERGRAPH_PATH: file, SUPERGRAPH_POLL_INTERVAL_MS: '100', SUBGRAPH_TIMEOUT_MS: '90000' }, { ...unreachableSubgraphs, planning: (await planning).url }, logger);
});
afterAll(async () => {
  await gateway?.close();
  await (await planning).close();
  rmSync(dir, { recursive: true, force: true });
});

const DISTRICT = '{ district(code: "110108") { name } }';
const probe = () => post(gateway.url, { query: '{ reloadProbe }' }, headers);
const failedReloads = () => lines.filter((line) => line.level === 50 && /supergraph/.test(line.msg));

/** Polls `check` until it holds, for `timeoutMs` at most. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await sleep(50);
  }
}

describe('reloading the supergraph file', () => {
  it('reads SUPERGRAPH_PATH and SUPERGRAPH_POLL_INTERVAL_MS, by default the checked-in file every 5 s', () => {
    expect(loadGatewayConfig({})).toMatchObject({ supergraphPath: undefined, supergraphPollIntervalMs: 5000 });
    expect(loadGatewayConfig({ SUPERGRAPH_PATH: file, SUPERGRAPH_POLL_INTERVAL_MS: '0' })).toMatchObject({ supergraphPath: file, supergraphPollIntervalMs: 0 });
  });

  it('serves the file it started with', async () => {
    expect((await post(gateway.url, { query: DISTRICT })).data).toEqual({ district: { name: 'Haidian' } });
    expect((await probe()).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it.each([
    ['a corrupt file', 'type Query {{ reloadProbe'],
    ['GraphQL that is not a supergraph', 'type Query { reloadProbe: String }'],
    ['a supergraph that does not validate', withProbe('NoSuchType')],
    ['an empty file (a write caught half-way)', ''],
  ])('keeps serving the previous supergraph, and logs one error, when the file becomes %s', async (_what, text) => {
    const before = failedReloads().length;
    replaceFile(text);
    await eventually(async () => failedReloads().length > before, 40_000);
    await sleep(400); // four more polls of the same file
    expect(failedReloads()).toHaveLength(before + 1);
    expect(failedReloads().at(-1)).toMatchObject({ path: file, msg: 'the supergraph file changed but cannot be served: still serving the previous supergraph' });
    expect((await post(gateway.url, { query: DISTRICT })).data).toEqual({ district: { name: 'Haidian' } });
    expect((await probe()).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves a valid changed file, and lets a request in flight finish on the supergraph it started with', async () => {
    let release!: () => void;
    held = new Promise((resolve) => (release = resolve));
    try {
      const before = districtRequests;
      let settled = false;
      const inFlight = post(gateway.url, { query: DISTRICT }).finally(() => (settled = true));
      await eventually(async () => districtRequests > before);
      replaceFile(withProbe('String'));
      // Checking and loading a supergraph takes seconds of CPU: allow for a slow machine.
      await eventually(async () => (await probe()).data?.reloadProbe === 'the new supergraph', 40_000);
      expect(lines.filter((line) => line.msg === 'supergraph reloaded')).toHaveLength(1);
      // The request began before the reload and is still waiting for planning: it completes now.
      expect(settled).toBe(false);
      release();
      const answer = await inFlight;
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ district: { name: 'Haidian' } });
    } finally {
      release();
      held = undefined;
    }
  }, 90_000);

  it('refuses to start from a file it cannot read, naming it', async () => {
    await expect(gatewayFromEnv({ SUPERGRAPH_PATH: path.join(dir, 'missing.graphql') })).rejects.toThrow(/^SUPERGRAPH_PATH: cannot read a supergraph from .*missing\.graphql/);
  });
});
