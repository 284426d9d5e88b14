import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningSubgraph } from '../src/server.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(planningSubgraph);
});
afterAll(() => harness.close());

describe('planning subgraph', () => {
  it('lists all 16 Beijing districts in code order', async () => {
    const { data, errors } = await harness.query(`{ districts(first: 100) { totalCount edges { node { code name } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.districts.totalCount).toBe(16);
    expect(data!.districts.edges.map((e: any) => e.node.code)).toEqual(harness.demo.planning.districts.map((d) => d.code).sort());
  });

  it('filters parcels by first-level land-use class and district', async () => {
    const expected = harness.demo.planning.parcels.filter((p) => p.districtCode === '110112' && p.landUse.startsWith('01'));
    const { data } = await harness.query(`{ parcels(first: 100, filter: { districtCode: "110112", landUse: ["01"] }) { totalCount edges { node { id } } } }`);
    expect(data!.parcels.totalCount).toBe(expected.length);
    expect(data!.parcels.edges.map((e: any) => e.node.id)).toEqual(expected.map((p) => p.id).sort());
  });
});
