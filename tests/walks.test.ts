import { type Geometry, geometriesIntersect } from '@soilgraph/geo';
import { describe, expect, it } from 'vitest';
import { demo, gateway } from './support/gateway.ts';

// Every expectation below is computed from the generated demo data, independently of the
// services' SQL, loaders and query plans.
const { planning, environment, water, geology, agriculture } = demo;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const LEVEL_ORDER = ['LEVEL_1', 'LEVEL_2', 'QUASI'];

function zonesOf(parcelGeometry: Geometry) {
  return water.zones
    .filter((z) => geometriesIntersect(parcelGeometry, z.geometry))
    .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || compare(a.id, b.id));
}

function samplesOnParcel(parcelId: string) {
  return environment.samples
    .filter((s) => s.parcelId === parcelId)
    .sort((a, b) => compare(b.sampledOn, a.sampledOn) || compare(b.id, a.id));
}

function measurementsOf(sampleId: string) {
  return environment.measurements
    .filter((m) => m.sampleId === sampleId)
    .map((m) => ({ analyte: m.analyte, mgPerKg: m.valueMgPerKg, belowDetectionLimit: m.belowDetectionLimit }))
    .sort((a, b) => compare(a.analyte, b.analyte));
}

function byAnalyte<T extends { analyte: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => compare(a.analyte, b.analyte));
}

/** Great-circle distance in km between two [lon, lat] positions. */
function km([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

// The district whose parcels carry the most samples, so the walk has plenty to check.
const busiestDistrict = [...new Set(planning.parcels.map((p) => p.districtCode))]
  .map((code) => ({ code, samples: environment.samples.filter((s) => s.districtCode === code && s.parcelId).length }))
  .sort((a, b) => b.samples - a.samples)[0]!.code;

describe('district -> parcels -> soil samples -> measurements (planning, environment)', () => {
  it(`returns every parcel of district ${busiestDistrict} with its samples newest first and their measurements`, async () => {
    // Pages just large enough for the demo data: the gateway refuses 100 samples nested in each
    // of 100 parcels as too costly (gateway/src/limits/cost.ts).
    const parcels = planning.parcels.filter((p) => p.districtCode === busiestDistrict).sort((a, b) => compare(a.id, b.id));
    const mostSamples = Math.max(...parcels.map((p) => samplesOnParcel(p.id).length));
    const { data, errors } = await gateway(
      `query ($code: ID!, $parcels: Int!, $samples: Int!) { district(code: $code) { code name parcels(first: $parcels) { totalCount edges { node { id
        soilSamples(first: $samples) { totalCount edges { node { id sampledOn measurements { analyte mgPerKg belowDetectionLimit } } } }
      } } } } }`,
      { code: busiestDistrict, parcels: parcels.length, samples: mostSamples },
    );
    expect(errors).toBeUndefined();
    expect(data!.district.parcels.totalCount).toBe(parcels.length);
    const answered = data!.district.parcels.edges.map((e: any) => ({
      id: e.node.id,
      totalCount: e.node.soilSamples.totalCount,
      samples: e.node.soilSamples.edges.map((s: any) => ({ ...s.node, measurements: byAnalyte(s.node.measurements) })),
    }));
    const expected = parcels.map((p) => {
      const samples = samplesOnParcel(p.id);
      return {
        id: p.id,
        totalCount: samples.length,
        samples: samples.map((s) => ({ id: s.id, sampledOn: s.sampledOn, measurements: measurementsOf(s.id) })),
      };
    });
    expect(answered).toEqual(expected);
    expect(expected.some((p) => p.samples.length > 0)).toBe(true);
  });
});

describe('parcel -> protection zones -> water source (planning, water)', () => {
  const inZones = planning.parcels.filter((p) => zonesOf(p.geometry).length > 0);

  it('the demo data puts farmland inside drinking-water protection zones', () => {
    expect(inZones.filter((p) => /^0[12]/.test(p.landUse)).length).toBeGreaterThan(3);
  });

  it('lists, for every parcel of the districts with water sources, exactly the zones its boundary intersects', async () => {
    const districts = [...new Set(water.sources.map((s) => s.districtCode))];
    for (const code of districts) {
      const { data, errors } = await gateway(
        `query ($code: ID!) { district(code: $code) { parcels(first: 100) { edges { node { id
          protectionZones { id level waterSource { id name kind } }
        } } } } }`,
        { code },
      );
      expect(errors).toBeUndefined();
      const expected = planning.parcels
        .filter((p) => p.districtCode === code)
        .sort((a, b) => compare(a.id, b.id))
        .map((p) => ({
          id: p.id,
          protectionZones: zonesOf(p.geometry).map((z) => {
            const source = water.sources.find((s) => s.id === z.waterSourceId)!;
            return { id: z.id, level: z.level, waterSource: { id: source.id, name: source.name, kind: source.kind } };
          }),
        }));
      expect(data!.district.parcels.edges.map((e: any) => e.node)).toEqual(expected);
    }
  });

  it('walks back from a water source to the monitoring points environment keeps at it', async () => {
    for (const source of water.sources) {
      const { data, errors } = await gateway(`query ($id: ID!) { waterSource(id: $id) { id monitoringPoints { id waterSource { id } } } }`, { id: source.id });
      expect(errors).toBeUndefined();
      const expected = environment.points.filter((p) => p.waterSourceId === source.id).map((p) => p.id).sort(compare);
      expect(data!.waterSource.monitoringPoints.map((p: any) => p.id).sort(compare)).toEqual(expected);
      for (const point of data!.waterSource.monitoringPoints) expect(point.waterSource.id).toBe(source.id);
    }
  });
});

describe('parcel -> geology (planning, geology)', () => {
  it('gives each parcel the geology of the survey point nearest its centre, and the points inside it', async () => {
    const parcels = planning.parcels.filter((p) => p.districtCode === '110111').sort((a, b) => compare(a.id, b.id));
    const { data, errors } = await gateway(`{ parcels(first: 100, filter: { districtCode: "110111" }) { edges { node { id
      geology { soilType parentMaterial nearestSurveyPoint { id } surveyPointsWithin { id } }
    } } } }`);
    expect(errors).toBeUndefined();
    const answered = data!.parcels.edges.map((e: any) => e.node);
    expect(answered.map((p: any) => p.id)).toEqual(parcels.map((p) => p.id));
    for (const [i, parcel] of parcels.entries()) {
      const centre: [number, number] = [(parcel.minLon + parcel.maxLon) / 2, (parcel.minLat + parcel.maxLat) / 2];
      const nearest = [...geology.points].sort(
        (a, b) => km(centre, a.location.coordinates as [number, number]) - km(centre, b.location.coordinates as [number, number]) || compare(a.id, b.id),
      )[0]!;
      const within = geology.points.filter((pt) => geometriesIntersect(parcel.geometry, pt.location)).map((pt) => pt.id).sort(compare);
      expect(answered[i].geology).toEqual({
        soilType: nearest.soilType,
        parentMaterial: nearest.parentMaterial,
        nearestSurveyPoint: { id: nearest.id },
        surveyPointsWithin: within.map((id) => ({ id })),
      });
    }
  });
});

describe('district -> fertiliser and pesticide use (planning, agriculture)', () => {
  it.each(['110112', '110118'])('reports district %s fertiliser use per crop for the 2015 baseline and 2020, with total nutrient', async (code) => {
    const { data, errors } = await gateway(
      `query ($code: ID!) { district(code: $code) { name
        fertilizerUse(first: 100, filter: { years: { from: 2015, to: 2020 } }) { totalCount edges { node { year crop nitrogenT phosphateT potashT compoundT totalT } } }
      } }`,
      { code },
    );
    expect(errors).toBeUndefined();
    const rows = agriculture.fertilizerUse.filter((f) => f.districtCode === code && f.year >= 2015 && f.year <= 2020);
    expect(rows.length).toBeGreaterThan(0);
    expect(data!.district.fertilizerUse.totalCount).toBe(rows.length);
    const key = (r: { year: number; crop: string }) => `${r.year}/${r.crop}`;
    const answered = new Map(data!.district.fertilizerUse.edges.map((e: any) => [key(e.node), e.node]));
    for (const row of rows) {
      const node: any = answered.get(key(row));
      expect(node, key(row)).toBeDefined();
      expect(node).toMatchObject({ nitrogenT: row.nitrogenT, phosphateT: row.phosphateT, potashT: row.potashT, compoundT: row.compoundT });
      expect(node.totalT).toBeCloseTo(row.nitrogenT + row.phosphateT + row.potashT + row.compoundT, 3);
    }
  });
});

describe('one parcel across all five agencies', () => {
  // A farmland parcel inside a protection zone that environment has sampled and agriculture has classified.
  const parcel = planning.parcels.find(
    (p) =>
      /^0[12]/.test(p.landUse) &&
      zonesOf(p.geometry).length > 0 &&
      samplesOnParcel(p.id).length > 0 &&
      agriculture.decisions.some((d) => d.parcelId === p.id),
  );

  it('exists in the demo data', () => {
    expect(parcel).toBeDefined();
  });

  it('answers one request with data owned by planning, water, environment, geology and agriculture', async () => {
    const { data, errors } = await gateway(
      `query ($id: ID!) { parcel(id: $id) {
        id landUse district { code name }
        protectionZones { level waterSource { name } }
        soilSamples(first: 1) { edges { node { sampledOn pH measurements(analyte: CADMIUM) { mgPerKg belowDetectionLimit } } } }
        soilStandard { standard farmlandColumn }
        geology { soilType parentMaterial }
        officialFarmlandClass { farmlandClass decidedOn }
      } }`,
      { id: parcel!.id },
    );
    expect(errors).toBeUndefined();
    const latest = samplesOnParcel(parcel!.id)[0]!;
    const cadmium = environment.measurements.find((m) => m.sampleId === latest.id && m.analyte === 'CADMIUM');
    const decision = agriculture.decisions
      .filter((d) => d.parcelId === parcel!.id)
      .sort((a, b) => compare(a.decidedOn, b.decidedOn) || compare(a.id, b.id))
      .at(-1)!;
    expect(data!.parcel).toMatchObject({
      id: parcel!.id,
      landUse: parcel!.landUse,
      district: { code: parcel!.districtCode },
      protectionZones: zonesOf(parcel!.geometry).map((z) => ({ level: z.level, waterSource: { name: water.sources.find((s) => s.id === z.waterSourceId)!.name } })),
      soilSamples: {
        edges: [
          {
            node: {
              sampledOn: latest.sampledOn,
              pH: latest.ph,
              measurements: cadmium ? [{ mgPerKg: cadmium.valueMgPerKg, belowDetectionLimit: cadmium.belowDetectionLimit }] : [],
            },
          },
        ],
      },
      soilStandard: { standard: 'GB_15618_2018' },
      officialFarmlandClass: { farmlandClass: decision.farmlandClass, decidedOn: decision.decidedOn },
    });
    expect(data!.parcel.geology.soilType).toEqual(expect.any(String));
  });
});
