import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@soilgraph/environment/credit-code';
import { demo, gateway } from './support/gateway.ts';

// Through the whole federation: a batch naming another agency's entities is checked at the owning
// subgraph, over HTTP, before anything is written (server-kit references.ts).

// The batches that succeed here submit enterprises: the federation tests share one stack, and
// no README example or plan question counts enterprises, so these writes change no other answer.
const SUBMIT_ENTERPRISES = `mutation($e: [EnterpriseSubmission!]!) { submitEnterprises(enterprises: $e) { created updated unchanged rows { index id outcome } } }`;

/** A valid unified social credit code (GB 32100-2015) for test enterprise n. */
function creditCode(n: number): string {
  const body = `91110105MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

function enterprise(n: number, parcelId: string | null) {
  return {
    externalId: `fed-ref-${n}`,
    creditCode: creditCode(n),
    name: `Federation reference test enterprise ${n} (synthetic)`,
    industry: 'Electroplating',
    districtCode: '110105',
    parcelId,
    location: { type: 'Point', coordinates: [116.45, 39.92] },
    supervisedSince: 2024,
  };
}

const parcels = demo.planning.parcels.filter((p) => p.districtCode === '110105');

describe("environment's enterprises naming planning's parcels", () => {
  it('rejects a batch with unknown parcels, listing every bad row, and writes none of it', async () => {
    const batch = [enterprise(1, parcels[0]!.id), enterprise(2, '110105-P9901'), enterprise(3, null), enterprise(4, '110105-P9902')];
    const rejected = await gateway(SUBMIT_ENTERPRISES, { e: batch }, { as: 'environment' });
    expect(rejected.data).toBeNull();
    expect(rejected.errors).toHaveLength(1);
    expect(rejected.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rejected: [
        { index: 1, argumentPath: ['enterprises', 1, 'parcelId'], message: 'enterprises.1.parcelId: planning has no Parcel "110105-P9901"' },
        { index: 3, argumentPath: ['enterprises', 3, 'parcelId'], message: 'enterprises.3.parcelId: planning has no Parcel "110105-P9902"' },
      ],
    });
    expect(rejected.errors![0]!.message).toMatch(/^2 of 4 rows rejected, nothing was written/);

    // The good rows were not written: sent alone, they are created now.
    const good = await gateway(SUBMIT_ENTERPRISES, { e: [batch[0], batch[2]] }, { as: 'environment' });
    expect(good.errors).toBeUndefined();
    expect(good.data!.submitEnterprises).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
  });

  it('writes a batch whose parcels exist, and the enterprise joins its parcel through the gateway', async () => {
    const parcel = parcels[1]!;
    const { data, errors } = await gateway(SUBMIT_ENTERPRISES, { e: [enterprise(5, parcel.id)] }, { as: 'environment' });
    expect(errors).toBeUndefined();
    expect(data!.submitEnterprises).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    const read = await gateway(`query($code: ID!) { enterprise(creditCode: $code) { externalId parcel { id landUse } } }`, { code: creditCode(5) }, { as: 'environment' });
    expect(read.errors).toBeUndefined();
    expect(read.data!.enterprise).toEqual({ externalId: 'fed-ref-5', parcel: { id: parcel.id, landUse: parcel.landUse } });
  });
});

describe('other kinds that name other agencies’ entities', () => {
  it("rejects a monitoring point naming a water source water does not have, and agriculture's decision on an unknown parcel", async () => {
    const point = await gateway(
      `mutation($p: [MonitoringPointSubmission!]!) { submitMonitoringPoints(points: $p) { created } }`,
      {
        p: [
          {
            externalId: 'fed-pt',
            id: 'MP-110105-990',
            code: 'SK-110105-99',
            name: 'Federation reference point (synthetic)',
            level: 'MUNICIPAL',
            purpose: 'WATER_SOURCE',
            districtCode: '110105',
            waterSourceId: 'WS-110105-99',
            location: { type: 'Point', coordinates: [116.45, 39.92] },
          },
        ],
      },
      { as: 'environment' },
    );
    expect(point.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rejected: [{ index: 0, argumentPath: ['points', 0, 'waterSourceId'], message: 'points.0.waterSourceId: water has no WaterSource "WS-110105-99"' }],
    });

    const decision = await gateway(
      `mutation($d: [FarmlandClassDecisionSubmission!]!) { submitFarmlandClassDecisions(decisions: $d) { created } }`,
      { d: [{ externalId: 'fed-fcd', parcelId: '110105-P9903', districtCode: '110105', farmlandClass: 'SAFE_UTILISATION', decidedOn: '2025-03-01', basis: 'Federation reference test (synthetic)' }] },
      { as: 'agriculture' },
    );
    expect(decision.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rejected: [{ index: 0, argumentPath: ['decisions', 0, 'parcelId'], message: 'decisions.0.parcelId: planning has no Parcel "110105-P9903"' }],
    });
  });
});
