import { sqlStatementCount } from '@soilgraph/db';
import type { GeologyDemo } from '@soilgraph/db/demo';
import { ANALYTES } from '@soilgraph/domain';
import { createSubgraphHarness, type GraphQLResult, type SubgraphHarness } from '@soilgraph/testkit';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geologySubgraph } from '../src/server.ts';

type DemoPoint = GeologyDemo['points'][number];

interface PointsPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(geologySubgraph);
});
afterAll(() => harness.close());

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const points = () => [...harness.demo.geology.points].sort(byId);

/** Every id a surveyPoints list returns, following endCursor page by page. */
async function allSurveyPointIds(filter: Record<string, unknown>, pageSize = 100): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const { data, errors }: GraphQLResult<{ surveyPoints: PointsPage }> = await harness.query(
      `query($filter: SurveyPointFilter, $first: Int, $after: String) {
        surveyPoints(filter: $filter, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } }
        }
      }`,
      { filter, first: pageSize, after },
    );
    expect(errors).toBeUndefined();
    const page: PointsPage = data!.surveyPoints;
    totalCount = page.totalCount;
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { ids, totalCount };
    after = page.pageInfo.endCursor;
  }
}

/** Haversine distance in km, written here independently of the service's own. */
function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** Ray casting over a polygon's outer ring. */
function insidePolygon([x, y]: [number, number], polygon: Polygon): boolean {
  const ring = polygon.coordinates[0]!;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]! as [number, number];
    const [xj, yj] = ring[j]! as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function parcelCentre(polygon: Polygon): [number, number] {
  const ring = polygon.coordinates[0]!;
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

/** The brute-force nearest demo point within 25 km of a position, or undefined. */
function nearestPoint(lon: number, lat: number): { point: DemoPoint; km: number } | undefined {
  let best: { point: DemoPoint; km: number } | undefined;
  for (const point of points()) {
    const km = haversineKm(lon, lat, point.lon, point.lat);
    if (km <= 25 && (best === undefined || km < best.km)) best = { point, km };
  }
  return best;
}

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
}

describe('geology subgraph: survey points', () => {
  it('pages through every survey point in id order with a stable totalCount', async () => {
    for (const pageSize of [100, 37]) {
      const { ids, totalCount } = await allSurveyPointIds({}, pageSize);
      expect(totalCount).toBe(harness.demo.geology.points.length);
      expect(ids).toEqual(points().map((p) => p.id));
    }
  });

  const filters: [string, Record<string, unknown>, (p: DemoPoint) => boolean][] = [
    ['a district', { districtCode: '110112' }, (p) => p.districtCode === '110112'],
    ['a district by its pre-2015 alias', { districtCode: '110229' }, (p) => p.districtCode === '110119'],
    ['a soil type', { soilType: 'FLUVO_AQUIC' }, (p) => p.soilType === 'FLUVO_AQUIC'],
    ['a parent material', { parentMaterial: 'GRANITE_WEATHERING' }, (p) => p.parentMaterial === 'GRANITE_WEATHERING'],
    [
      'a bounding box',
      { bbox: { minLon: 116.2, minLat: 39.7, maxLon: 116.7, maxLat: 40.1 } },
      (p) => p.lon >= 116.2 && p.lon <= 116.7 && p.lat >= 39.7 && p.lat <= 40.1,
    ],
    [
      'a sampling date range',
      { sampledOn: { from: '2017-01-01', to: '2017-12-31' } },
      (p) => p.sampledOn !== null && p.sampledOn >= '2017-01-01' && p.sampledOn <= '2017-12-31',
    ],
    ['an open-ended date range', { sampledOn: { from: '2018-06-01' } }, (p) => p.sampledOn !== null && p.sampledOn >= '2018-06-01'],
    [
      'soil type and district together',
      { districtCode: '110115', soilType: 'SALINE_ALKALI' },
      (p) => p.districtCode === '110115' && p.soilType === 'SALINE_ALKALI',
    ],
  ];
  for (const [what, filter, matches] of filters) {
    it(`filters survey points by ${what}`, async () => {
      const expected = points().filter(matches).map((p) => p.id);
      expect(expected.length).toBeGreaterThan(0);
      const { ids, totalCount } = await allSurveyPointIds(filter, 25);
      expect(ids).toEqual(expected);
      expect(totalCount).toBe(expected.length);
    });
  }

  it('returns a survey point by id with every field of the demo row', async () => {
    for (const point of [points()[0]!, points().find((p) => p.groundwaterDepthM === null)!, points().find((p) => p.ph === null)!]) {
      const { data, errors } = await harness.query(
        `query($id: ID!) { surveyPoint(id: $id) {
          id externalId district { code } location sampledOn depthCm soilType parentMaterial groundwaterDepthM pH
        } }`,
        { id: point.id },
      );
      expect(errors).toBeUndefined();
      expect(data!.surveyPoint).toEqual({
        id: point.id,
        externalId: point.externalId,
        district: { code: point.districtCode },
        location: point.location,
        sampledOn: point.sampledOn,
        depthCm: point.depthCm,
        soilType: point.soilType,
        parentMaterial: point.parentMaterial,
        groundwaterDepthM: point.groundwaterDepthM,
        pH: point.ph,
      });
    }
  });

  it('returns null for a survey point id that does not exist', async () => {
    const { data, errors } = await harness.query(`{ surveyPoint(id: "GS-110101-9999") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.surveyPoint).toBeNull();
  });

  it("lists a point's measurements in analyte enum order, or only the analyte asked for", async () => {
    const sample = points().filter((_, i) => i % 40 === 0);
    const selections = sample.map(
      (p, i) => `p${i}: surveyPoint(id: "${p.id}") {
        all: measurements { analyte mgPerKg }
        lead: measurements(analyte: LEAD) { analyte mgPerKg }
        chromiumVI: measurements(analyte: CHROMIUM_VI) { analyte }
      }`,
    );
    const { data, errors } = await harness.query(`{ ${selections.join(' ')} }`);
    expect(errors).toBeUndefined();
    sample.forEach((point, i) => {
      const expected = harness.demo.geology.measurements
        .filter((m) => m.pointId === point.id)
        .sort((a, b) => ANALYTES.indexOf(a.analyte) - ANALYTES.indexOf(b.analyte))
        .map((m) => ({ analyte: m.analyte, mgPerKg: m.valueMgPerKg }));
      expect(data![`p${i}`].all).toEqual(expected);
      expect(data![`p${i}`].lead).toEqual(expected.filter((m) => m.analyte === 'LEAD'));
      expect(data![`p${i}`].chromiumVI).toEqual([]);
    });
  });
});

describe('geology subgraph: background values', () => {
  /** Statistics recomputed here from the demo measurements, keyed "district|analyte". */
  function recomputed() {
    const districtOf = new Map(harness.demo.geology.points.map((p) => [p.id, p.districtCode]));
    const groups = new Map<string, number[]>();
    for (const m of harness.demo.geology.measurements) {
      const key = `${districtOf.get(m.pointId)}|${m.analyte}`;
      groups.set(key, [...(groups.get(key) ?? []), m.valueMgPerKg]);
    }
    return new Map(
      [...groups].map(([key, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        return [key, { sampleCount: values.length, mean, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) }] as const;
      }),
    );
  }

  interface Value {
    district: { code: string };
    analyte: string;
    sampleCount: number;
    meanMgPerKg: number;
    medianMgPerKg: number;
    p95MgPerKg: number;
    source: string;
  }
  const fields = 'district { code } analyte sampleCount meanMgPerKg medianMgPerKg p95MgPerKg source';

  it('publishes per district and analyte the count, mean, median and 95th percentile of the survey measurements', async () => {
    const { data, errors } = await harness.query<{ backgroundValues: Value[] }>(`{ backgroundValues { ${fields} } }`);
    expect(errors).toBeUndefined();
    const expected = recomputed();
    const values = data!.backgroundValues;
    expect(values).toHaveLength(expected.size);
    const order = values.map((v) => [v.district.code, ANALYTES.indexOf(v.analyte as (typeof ANALYTES)[number])] as const);
    expect(order).toEqual([...order].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1)));
    for (const v of values) {
      const stats = expected.get(`${v.district.code}|${v.analyte}`)!;
      expect(stats).toBeDefined();
      expect(v.sampleCount).toBe(stats.sampleCount);
      expect(v.meanMgPerKg).toBeCloseTo(stats.mean, 3);
      expect(v.medianMgPerKg).toBeCloseTo(stats.median, 3);
      expect(v.p95MgPerKg).toBeCloseTo(stats.p95, 3);
      expect(v.source).toMatch(/\(synthetic\)$/);
    }
  });

  const variants: [string, Record<string, unknown>, (v: Value) => boolean][] = [
    ['a district', { districtCode: '110108' }, (v) => v.district.code === '110108'],
    ['a district by its pre-2015 alias', { districtCode: '110228' }, (v) => v.district.code === '110118'],
    ['an analyte', { analyte: 'CADMIUM' }, (v) => v.analyte === 'CADMIUM'],
    ['district and analyte', { districtCode: '110112', analyte: 'ARSENIC' }, (v) => v.district.code === '110112' && v.analyte === 'ARSENIC'],
    ['an analyte the survey does not measure', { analyte: 'BENZENE' }, () => false],
  ];
  for (const [what, filter, matches] of variants) {
    it(`filters background values by ${what}`, async () => {
      const all = await harness.query<{ backgroundValues: Value[] }>(`{ backgroundValues { ${fields} } }`);
      const { data, errors } = await harness.query<{ backgroundValues: Value[] }>(
        `query($filter: BackgroundValueFilter) { backgroundValues(filter: $filter) { ${fields} } }`,
        { filter },
      );
      expect(errors).toBeUndefined();
      expect(data!.backgroundValues).toEqual(all.data!.backgroundValues.filter(matches));
    });
  }
});

describe('geology subgraph: District extension', () => {
  it('resolves districts by code and alias, with their survey points, background values and dominant soil type', async () => {
    const codes = ['110101', '110112', '110229'];
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on District {
        code
        surveyPoints(first: 100) { totalCount edges { node { id } } }
        saline: surveyPoints(first: 100, filter: { soilType: SALINE_ALKALI }) { totalCount }
        backgroundValues { analyte sampleCount }
        cadmium: backgroundValues(analyte: CADMIUM) { analyte district { code } }
        dominantSoilType
      } } }`,
      { reps: codes.map((code) => ({ __typename: 'District', code })) },
    );
    expect(errors).toBeUndefined();
    const canonical = ['110101', '110112', '110119'];
    canonical.forEach((code, i) => {
      const entity = data!._entities[i];
      const mine = points().filter((p) => p.districtCode === code);
      const counts = new Map<string, number>();
      for (const p of mine) counts.set(p.soilType, (counts.get(p.soilType) ?? 0) + 1);
      const top = Math.max(...counts.values());
      const soilOrder = ['CINNAMON', 'FLUVO_AQUIC', 'BROWN_EARTH', 'MOUNTAIN_MEADOW', 'SALINE_ALKALI'];
      const dominant = soilOrder.find((s) => counts.get(s) === top);
      const analytes = ANALYTES.filter((a) => harness.demo.geology.measurements.some((m) => m.analyte === a));
      expect(entity.code).toBe(code);
      expect(entity.surveyPoints.totalCount).toBe(mine.length);
      expect(entity.surveyPoints.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(mine.map((p) => p.id));
      expect(entity.saline.totalCount).toBe(mine.filter((p) => p.soilType === 'SALINE_ALKALI').length);
      expect(entity.backgroundValues).toEqual(analytes.map((analyte) => ({ analyte, sampleCount: mine.length })));
      expect(entity.cadmium).toEqual([{ analyte: 'CADMIUM', district: { code } }]);
      expect(entity.dominantSoilType).toBe(dominant);
    });
  });

  it("narrows a district's survey points to nothing when the filter names another district", async () => {
    const { data, errors } = await harness.query(
      `{ _entities(representations: [{ __typename: "District", code: "110101" }]) { ... on District {
        surveyPoints(filter: { districtCode: "110102" }) { totalCount edges { node { id } } }
      } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!._entities[0].surveyPoints).toEqual({ totalCount: 0, edges: [] });
  });

  it('resolves an unknown district code to null', async () => {
    const { data, errors } = await harness.query(`{ _entities(representations: [{ __typename: "District", code: "310101" }]) { ... on District { code } } }`);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([null]);
  });
});

describe('geology subgraph: entities', () => {
  it('resolves survey points by id, and null for an unknown id', async () => {
    const sample = points().slice(0, 3);
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on GeochemicalSurveyPoint { id soilType district { code } } } }`,
      { reps: [...sample.map((p) => ({ __typename: 'GeochemicalSurveyPoint', id: p.id })), { __typename: 'GeochemicalSurveyPoint', id: 'GS-000000-0000' }] },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([...sample.map((p) => ({ id: p.id, soilType: p.soilType, district: { code: p.districtCode } })), null]);
  });
});

describe('geology subgraph: Parcel extension', () => {
  const geologyFields = `geology {
    soilType parentMaterial groundwaterDepthM distanceKm
    nearestSurveyPoint { id }
    surveyPointsWithin { id }
  }`;

  it('finds the nearest point in one statement, however far it lies, and none beyond 25 km', async () => {
    const point = points()[0]!;
    // Small squares 1 km, about 15 km and about 40 km east of a survey point (1 degree of longitude is about 85 km here).
    const square = (dLon: number) => {
      const [lon, lat] = [point.lon + dLon, point.lat];
      return { type: 'Polygon', coordinates: [[[lon - 0.001, lat - 0.001], [lon + 0.001, lat - 0.001], [lon + 0.001, lat + 0.001], [lon - 0.001, lat + 0.001], [lon - 0.001, lat - 0.001]]] };
    };
    for (const dLon of [0.012, 0.18, 0.47]) {
      const geometry = square(dLon);
      const before = sqlStatementCount();
      const { data, errors } = await harness.query(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Parcel { geology { distanceKm nearestSurveyPoint { id } } } } }`,
        { reps: [{ __typename: 'Parcel', id: `TEST-NEAR-${dLon}`, geometry }] },
      );
      expect(errors).toBeUndefined();
      expect(sqlStatementCount() - before, `${dLon} degrees east`).toBe(1);
      const [lon, lat] = parcelCentre(geometry as never);
      const nearest = nearestPoint(lon, lat);
      const geology = data!._entities[0].geology;
      if (nearest === undefined) expect(geology).toBeNull();
      else expect(geology).toEqual({ distanceKm: expect.closeTo(nearest.km, 6), nearestSurveyPoint: { id: nearest.point.id } });
    }
  });

  it('gives every parcel the geology of the survey point nearest its centre and the points inside it', async () => {
    const parcels = harness.demo.planning.parcels;
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Parcel { id ${geologyFields} } } }`,
      { reps: parcels.map((p) => ({ __typename: 'Parcel', id: p.id, geometry: p.geometry })) },
    );
    expect(errors).toBeUndefined();
    let parcelsWithPointsInside = 0;
    parcels.forEach((parcel, i) => {
      const entity = data!._entities[i];
      const [lon, lat] = parcelCentre(parcel.geometry);
      const nearest = nearestPoint(lon, lat);
      const within = points().filter((p) => insidePolygon([p.lon, p.lat], parcel.geometry)).map((p) => ({ id: p.id }));
      if (within.length > 0) parcelsWithPointsInside++;
      expect(entity.id).toBe(parcel.id);
      if (nearest === undefined) {
        expect(entity.geology).toBeNull();
        return;
      }
      expect(entity.geology.nearestSurveyPoint).toEqual({ id: nearest.point.id });
      expect(entity.geology.distanceKm).toBeCloseTo(nearest.km, 6);
      expect(entity.geology.soilType).toBe(nearest.point.soilType);
      expect(entity.geology.parentMaterial).toBe(nearest.point.parentMaterial);
      expect(entity.geology.groundwaterDepthM).toBe(nearest.point.groundwaterDepthM);
      expect(entity.geology.surveyPointsWithin).toEqual(within);
    });
    expect(parcelsWithPointsInside).toBeGreaterThan(0);
  });

  it('gives no geology for a parcel farther than 25 km from every survey point', async () => {
    const farAway: Polygon = {
      type: 'Polygon',
      coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.21], [121.4, 31.2]]],
    };
    expect(nearestPoint(121.405, 31.205)).toBeUndefined();
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Parcel { id geology { soilType } } } }`,
      { reps: [{ __typename: 'Parcel', id: 'elsewhere', geometry: farAway }] },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: 'elsewhere', geology: null }]);
  });

  it('refuses geology for a parcel representation without its geometry', async () => {
    const { data, errors } = await harness.query(
      `{ _entities(representations: [{ __typename: "Parcel", id: "110101-P0001" }]) { ... on Parcel { id geology { soilType } } } }`,
    );
    expect(data!._entities).toEqual([{ id: '110101-P0001', geology: null }]);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['representations'] });
  });
});

/** Inside a polygon with holes: inside its outer ring and outside every hole. */
function insidePolygonWithHoles(position: [number, number], polygon: Polygon): boolean {
  const [outer, ...holes] = polygon.coordinates;
  const ring = (coordinates: Polygon['coordinates'][number]): Polygon => ({ type: 'Polygon', coordinates: [coordinates] });
  return insidePolygon(position, ring(outer!)) && !holes.some((hole) => insidePolygon(position, ring(hole)));
}

describe('geology subgraph: ProtectionZone extension', () => {
  const zones = () => harness.demo.water.zones;
  const geologyFields = `geology {
    soilType parentMaterial groundwaterDepthM distanceKm
    nearestSurveyPoint { id }
    surveyPointsWithin { id }
  }`;

  it('gives every zone the geology of the survey point nearest the centre of its bounding box and the points inside it', async () => {
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZone { id ${geologyFields} } } }`,
      { reps: zones().map((z) => ({ __typename: 'ProtectionZone', id: z.id, geometry: z.geometry })) },
    );
    expect(errors).toBeUndefined();
    let zonesWithPointsInside = 0;
    let zonesWithHoles = 0;
    zones().forEach((zone, i) => {
      const entity = data!._entities[i];
      const [lon, lat] = parcelCentre(zone.geometry);
      const nearest = nearestPoint(lon, lat);
      const within = points().filter((p) => insidePolygonWithHoles([p.lon, p.lat], zone.geometry)).map((p) => ({ id: p.id }));
      if (within.length > 0) zonesWithPointsInside++;
      if (zone.geometry.coordinates.length > 1) zonesWithHoles++;
      expect(entity.id).toBe(zone.id);
      expect(nearest, zone.id).toBeDefined();
      expect(entity.geology.nearestSurveyPoint).toEqual({ id: nearest!.point.id });
      expect(entity.geology.distanceKm).toBeCloseTo(nearest!.km, 6);
      expect(entity.geology.soilType).toBe(nearest!.point.soilType);
      expect(entity.geology.parentMaterial).toBe(nearest!.point.parentMaterial);
      expect(entity.geology.groundwaterDepthM).toBe(nearest!.point.groundwaterDepthM);
      expect(entity.geology.surveyPointsWithin).toEqual(within);
    });
    expect(zonesWithPointsInside).toBeGreaterThan(0);
    expect(zonesWithHoles).toBeGreaterThan(0);
  });

  it('answers a zone and a parcel of the same id and different geometry each for its own area', async () => {
    const zone = zones().find((z) => z.level === 'LEVEL_2')!;
    const parcel = harness.demo.planning.parcels.find((p) => {
      const a = nearestPoint(...parcelCentre(p.geometry));
      const b = nearestPoint(...parcelCentre(zone.geometry));
      return a !== undefined && b !== undefined && a.point.id !== b.point.id;
    })!;
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on ProtectionZone { id geology { nearestSurveyPoint { id } } }
        ... on Parcel { id geology { nearestSurveyPoint { id } } }
      } }`,
      {
        reps: [
          { __typename: 'ProtectionZone', id: 'shared-id', geometry: zone.geometry },
          { __typename: 'Parcel', id: 'shared-id', geometry: parcel.geometry },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: 'shared-id', geology: { nearestSurveyPoint: { id: nearestPoint(...parcelCentre(zone.geometry))!.point.id } } },
      { id: 'shared-id', geology: { nearestSurveyPoint: { id: nearestPoint(...parcelCentre(parcel.geometry))!.point.id } } },
    ]);
  });

  it('gives no geology for a zone farther than 25 km from every survey point', async () => {
    const farAway: Polygon = {
      type: 'Polygon',
      coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.21], [121.4, 31.2]]],
    };
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZone { id geology { soilType } } } }`,
      { reps: [{ __typename: 'ProtectionZone', id: 'elsewhere', geometry: farAway }] },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: 'elsewhere', geology: null }]);
  });

  it('refuses geology for a zone representation without its geometry', async () => {
    const { data, errors } = await harness.query(
      `{ _entities(representations: [{ __typename: "ProtectionZone", id: "${zones()[0]!.id}" }]) { ... on ProtectionZone { id geology { soilType } } } }`,
    );
    expect(data!._entities).toEqual([{ id: zones()[0]!.id, geology: null }]);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['representations'] });
  });
});

describe('geology subgraph: bad input', () => {
  const surveyPointsWith = (filter: Record<string, unknown>) =>
    [`query($filter: SurveyPointFilter) { surveyPoints(filter: $filter) { totalCount } }`, { filter }] as const;
  const cases: [string, readonly [string, Record<string, unknown>], (string | number)[]][] = [
    ['an unknown district code', surveyPointsWith({ districtCode: '110199' }), ['filter', 'districtCode']],
    ['a bounding box with its corners swapped', surveyPointsWith({ bbox: { minLon: 117, minLat: 40, maxLon: 116, maxLat: 41 } }), ['filter', 'bbox']],
    ['a bounding box out of WGS84 range', surveyPointsWith({ bbox: { minLon: 116, minLat: 40, maxLon: 190, maxLat: 41 } }), ['filter', 'bbox']],
    ['a date range that ends before it starts', surveyPointsWith({ sampledOn: { from: '2019-01-01', to: '2018-01-01' } }), ['filter', 'sampledOn']],
    ['first above 100', [`query($first: Int) { surveyPoints(first: $first) { totalCount } }`, { first: 101 }], ['first']],
    ['a negative first', [`query($first: Int) { surveyPoints(first: $first) { totalCount } }`, { first: -1 }], ['first']],
    ['a malformed cursor', [`query($after: String) { surveyPoints(after: $after) { totalCount } }`, { after: 'not-a-cursor' }], ['after']],
    [
      'a cursor from another list shape',
      [`query($after: String) { surveyPoints(after: $after) { totalCount } }`, { after: Buffer.from('[1, 2]').toString('base64url') }],
      ['after'],
    ],
    [
      'a background-value filter naming an unknown district',
      [`query($filter: BackgroundValueFilter) { backgroundValues(filter: $filter) { analyte } }`, { filter: { districtCode: 'XYZ' } }],
      ['filter', 'districtCode'],
    ],
  ];
  for (const [what, [query, variables], argumentPath] of cases) {
    it(`rejects ${what} with BAD_USER_INPUT naming ${argumentPath.join('.')}`, async () => {
      const { data, errors } = await harness.query(query, variables);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
    });
  }

  it("rejects a bad filter on a district's survey points too", async () => {
    const { errors } = await harness.query(
      `{ _entities(representations: [{ __typename: "District", code: "110101" }]) { ... on District {
        surveyPoints(filter: { sampledOn: { from: "2020-01-02", to: "2020-01-01" } }) { totalCount }
      } } }`,
    );
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'sampledOn'] });
  });
});
