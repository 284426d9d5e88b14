import { describe, expect, it } from 'vitest';
import { demo, gateway } from './support/gateway.ts';

// Through the whole federation: a batch naming another agency's entities is checked at the owning
// subgraph, over HTTP, before anything is written (server-kit references.ts).

const SUBMIT_SAMPLES = `mutation($samples: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $samples) { created updated unchanged rows { index id outcome } } }`;

function sample(externalId: string, parcelId: string | null) {
  return {
    externalId,
    parcelId,
    districtCode: '110105',
    sampledOn: '2025-06-02',
    depthTopCm: 0,
    depthBottomCm: 20,
    pH: 6.4,
    pHMethod: 'HJ 962-2018',
    lab: 'Federation reference test lab (synthetic)',
    location: { type: 'Point', coordinates: [116.45, 39.92] },
    measurements: [{ analyte: 'CADMIUM', mgPerKg: 0.71, method: 'GB/T 17141-1997' }],
  };
}

const parcels = demo.planning.parcels.filter((p) => p.districtCode === '110105');

describe("environment's samples naming planning's parcels", () => {
  it('rejects a batch with unknown parcels, listing every bad row, and writes none of it', async () => {
    const batch = [sample('fed-ref-0', parcels[0]!.id), sample('fed-ref-1', '110105-P9901'), sample('fed-ref-2', null), sample('fed-ref-3', '110105-P9902')];
    const rejected = await gateway(SUBMIT_SAMPLES, { samples: batch }, { as: 'environment' });
    expect(rejected.data).toBeNull();
    expect(rejected.errors).toHaveLength(1);
    expect(rejected.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rejected: [
        { index: 1, argumentPath: ['samples', 1, 'parcelId'], message: 'samples.1.parcelId: planning has no Parcel "110105-P9901"' },
        { index: 3, argumentPath: ['samples', 3, 'parcelId'], message: 'samples.3.parcelId: planning has no Parcel "110105-P9902"' },
      ],
    });
    expect(rejected.errors![0]!.message).toMatch(/^2 of 4 rows rejected, nothing was written/);

    // The good rows were not written: sent alone, they are created now.
    const good = await gateway(SUBMIT_SAMPLES, { samples: [batch[0], batch[2]] }, { as: 'environment' });
    expect(good.errors).toBeUndefined();
    expect(good.data!.submitSoilSamples).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
  });

  it('writes a batch whose parcels exist, and the sample joins its parcel through the gateway', async () => {
    const parcel = parcels[1]!;
    const { data, errors } = await gateway(SUBMIT_SAMPLES, { samples: [sample('fed-ok-0', parcel.id)] }, { as: 'environment' });
    expect(errors).toBeUndefined();
    expect(data!.submitSoilSamples).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    const id = data!.submitSoilSamples.rows[0].id;
    const read = await gateway(`query($id: ID!) { soilSample(id: $id) { externalId parcel { id landUse } } }`, { id }, { as: 'environment' });
    expect(read.errors).toBeUndefined();
    expect(read.data!.soilSample).toEqual({ externalId: 'fed-ok-0', parcel: { id: parcel.id, landUse: parcel.landUse } });
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
