import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSubgraph, gatewayFromEnv, post, unreachableSubgraphs } from './support.ts';

const DISTRICT = { data: { district: { name: 'Haidian' } } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Stand-in planning subgraphs: one answers at once, one only after 5 s, one sends half its
// answer and then stalls for 5 s. The gateway waits 300 ms (SUBGRAPH_TIMEOUT_MS).
const subgraphs = {
  prompt: fakeSubgraph((_body, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(DISTRICT));
  }),
  asleep: fakeSubgraph(async (_body, res) => {
    await sleep(5000);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(DISTRICT));
  }),
  stalling: fakeSubgraph(async (_body, res) => {
    res.setHeader('content-type', 'application/json');
    res.write('{"data":');
    await sleep(5000);
    res.end(JSON.stringify(DISTRICT.data) + '}');
  }),
};
const gateways: Record<string, RunningHttpService> = {};

beforeAll(async () => {
  for (const [name, subgraph] of Object.entries(subgraphs)) {
    gateways[name] = await gatewayFromEnv({ SUBGRAPH_TIMEOUT_MS: '300' }, { ...unreachableSubgraphs, planning: (await subgraph).url });
  }
});
afterAll(async () => {
  for (const gateway of Object.values(gateways)) await gateway.close();
  for (const subgraph of Object.values(subgraphs)) await (await subgraph).close();
});

describe('a subgraph call that takes too long', () => {
  const query = '{ district(code: "110108") { name } }';

  it('answers a prompt subgraph as usual', async () => {
    expect(await post(gateways.prompt!.url, { query })).toMatchObject({ status: 200, data: DISTRICT.data });
  });

  it.each(['asleep', 'stalling'])('answers TIMEOUT, naming the agency, when the subgraph is %s past SUBGRAPH_TIMEOUT_MS', async (name) => {
    const started = Date.now();
    const answer = await post(gateways[name]!.url, { query });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.data).toEqual({ district: null });
    expect(answer.errors).toEqual([
      { message: 'The planning subgraph did not answer within 300 ms', path: ['district'], extensions: { code: 'TIMEOUT', serviceName: 'planning' } },
    ]);
  });
});
