import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSupergraph } from '@soilgraph/schema';
import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSubgraph, gatewayFromEnv, signedIn, unreachableSubgraphs } from './support.ts';

// The response cache against a supergraph file that changes: a new supergraph may plan and answer
// the same operation differently, so the gateway forgets its plans and answers. Stand-ins for
// planning and geology serve a data version that never moves; the three others are unreachable.

const dir = mkdtempSync(path.join(tmpdir(), 'supergraph-cache-'));
const file = path.join(dir, 'supergraph.graphql');
writeFileSync(file, readSupergraph());

let geologyCalls = 0;
/** Planning's version reads, each answered after `versionDelayMs`. */
let planningVersionReads = 0;
let versionDelayMs = 0;
const planning = fakeSubgraph(
  (_body, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { district: { __typename: 'District', code: '110108', name: 'Haidian' } } }));
  },
  {
    dataVersion: async () => {
      planningVersionReads += 1;
      await new Promise((resolve) => setTimeout(resolve, versionDelayMs));
      return '7';
    },
  },
);
const geology = fakeSubgraph(
  (_body, res) => {
    geologyCalls += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { _entities: [{ __typename: 'District', dominantSoilType: 'CINNAMON' }] } }));
  },
  { dataVersion: () => '3' },
);
let gateway: RunningHttpService;
let headers: Record<string, string>;

beforeAll(async () => {
  headers = await signedIn();
  gateway = await gatewayFromEnv({ SUPERGRAPH_PATH: file, SUPERGRAPH_POLL_INTERVAL_MS: '100' }, { ...unreachableSubgraphs, planning: (await planning).url, geology: (await geology).url });
});
afterAll(async () => {
  await gateway?.close();
  await (await planning).close();
  await (await geology).close();
  rmSync(dir, { recursive: true, force: true });
});

/** Planning's district, then geology's soil type under it: two calls, an operation worth keeping. */
async function ask(): Promise<{ cache: string | null; body: any }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ district(code: "110108") { name dominantSoilType } }' }),
  });
  return { cache: response.headers.get('x-soilgraph-cache'), body: await response.json() };
}

describe('the response cache and a new supergraph', () => {
  it('learns the plan, keeps the answer, and forgets both when the supergraph file changes', async () => {
    // Not planned yet: all five versions are asked for, three cannot be read, so no key.
    const first = await ask();
    expect(first.body).toEqual({ data: { district: { name: 'Haidian', dominantSoilType: 'CINNAMON' } } });
    expect(first.cache).toBe('bypass');
    // Planned now (planning and geology): their two versions make the key.
    expect((await ask()).cache).toBe('miss');
    expect((await ask()).cache).toBe('hit');
    expect(geologyCalls).toBe(2);

    // The same supergraph with a comment more: a new supergraph all the same.
    writeFileSync(`${file}.new`, `${readSupergraph()}\n# reloaded\n`);
    renameSync(`${file}.new`, file);
    const deadline = Date.now() + 40_000;
    let after = await ask();
    while (after.cache === 'hit' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await ask();
    }
    // Plans forgotten (all five versions asked for again), answers forgotten (computed again).
    expect(after.cache).toBe('bypass');
    expect(after.body).toEqual(first.body);
    expect((await ask()).cache).toBe('miss');
    expect((await ask()).cache).toBe('hit');
  }, 60_000);

  it('shares a version read among the requests that arrived before it started', async () => {
    await ask();
    expect((await ask()).cache).toBe('hit');
    // Each read takes 200 ms: the first request starts one, the nine that arrive meanwhile wait
    // for the next (a read begun before they came could miss a write made before they came).
    versionDelayMs = 200;
    const before = planningVersionReads;
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask()));
    versionDelayMs = 0;
    for (const answer of answers) {
      expect(answer.cache).toBe('hit');
      expect(answer.body).toEqual({ data: { district: { name: 'Haidian', dominantSoilType: 'CINNAMON' } } });
    }
    // Two reads (three if a request came in after the first read ended), not ten.
    expect(planningVersionReads - before).toBeLessThanOrEqual(3);
  });
});
