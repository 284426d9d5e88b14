import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agency } from '@soilgraph/db';
import { SOIL_SAMPLE_CSV_COLUMNS } from '@soilgraph/environment/imports';
import { tokenFor } from '@soilgraph/testkit';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, inject, it } from 'vitest';
import { parseCsv } from './support/csv.ts';
import { gateway } from './support/gateway.ts';

// The lists as files (issue 9, README "Exports"): GET /export/<list>.csv and .geojson through the
// shared stack, compared with what the GraphQL list answers for the same filter and caller.

type Node = Record<string, any>;

interface Download {
  status: number;
  headers: Headers;
  text: string;
  errors?: GraphQLFormattedError[];
}

/** GETs an export as `as` (an agency's token with all its scopes, none, or a token given). */
async function download(url: string, as: Agency | 'anonymous' | { token: string } = 'environment'): Promise<Download> {
  const token = as === 'anonymous' ? undefined : typeof as === 'object' ? as.token : await tokenFor(as);
  const response = await fetch(new URL(url, inject('gatewayUrl')), { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, headers: response.headers, text, ...(json ? (JSON.parse(text) as { errors: GraphQLFormattedError[] }) : {}) };
}

async function csv(url: string, as?: Agency | 'anonymous'): Promise<{ download: Download; header: string[]; records: Record<string, string>[] }> {
  const answer = await download(url, as);
  expect(answer.status, answer.text.slice(0, 500)).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  return { download: answer, ...parseCsv(answer.text) };
}

async function geojson(url: string, as?: Agency | 'anonymous'): Promise<{ download: Download; collection: FeatureCollection<Geometry | null> }> {
  const answer = await download(url, as);
  expect(answer.status, answer.text.slice(0, 500)).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/geo+json');
  const collection = JSON.parse(answer.text) as FeatureCollection<Geometry | null>;
  expect(collection.type).toBe('FeatureCollection');
  return { download: answer, collection };
}

interface ConnectionPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: Node }[];
}

/** Every node of a list as the API answers it for the same filter, paged with a query of the test's own, and its totalCount. */
async function everyNode(field: string, filter: Record<string, unknown>, selection: string, as: Agency = 'environment'): Promise<{ nodes: Node[]; totalCount: number }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  let totalCount = 0;
  do {
    const { data, errors }: { data?: Record<string, ConnectionPage> | null; errors?: readonly GraphQLFormattedError[] } = await gateway<Record<string, ConnectionPage>>(
      // parcels → ParcelFilter, soilSamples → SoilSampleFilter, …
      `query($filter: ${field[0]!.toUpperCase()}${field.slice(1, -1)}Filter, $after: String) {
        ${field}(first: 100, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${selection} } } }
      }`,
      { filter, after },
      { as },
    );
    expect(errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN')).toBeFalsy();
    const page: ConnectionPage = data![field]!;
    nodes.push(...page.edges.map((e) => e.node));
    totalCount = page.totalCount;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return { nodes, totalCount };
}

/** A cell as the CSV writes a value: empty for null, numbers and booleans as JavaScript prints them. */
const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
/** The ids of consecutive records, each once (a sample's measurements are consecutive lines). */
const distinctIds = (records: Record<string, string>[]) => records.map((r) => r.id).filter((id, i, all) => id !== all[i - 1]);

describe('parcels', () => {
  const selection = 'id externalId name district { code } landUse landUseName plannedUse plannedUseName areaHa geometry';

  it('CSV: every parcel, paged through (more than two pages), row for row what the API lists', async () => {
    const { nodes, totalCount } = await everyNode('parcels', {}, selection, 'planning');
    expect(nodes.length).toBeGreaterThan(200);
    const { download: answer, header, records } = await csv('/export/parcels.csv', 'planning');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="parcels.csv"');
    expect(answer.headers.get('x-total-count')).toBe(String(totalCount));
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(header).toEqual(['id', 'externalId', 'name', 'districtCode', 'landUse', 'landUseName', 'plannedUse', 'plannedUseName', 'areaHa', 'geometry']);
    expect(records.map((r) => r.id)).toEqual(nodes.map((n) => n.id));
    for (const [i, n] of nodes.entries()) {
      const r = records[i]!;
      expect({ ...r, geometry: JSON.parse(r.geometry!) }).toEqual({
        id: n.id,
        externalId: n.externalId,
        name: n.name,
        districtCode: n.district.code,
        landUse: n.landUse,
        landUseName: n.landUseName,
        plannedUse: cell(n.plannedUse),
        plannedUseName: cell(n.plannedUseName),
        areaHa: String(n.areaHa),
        geometry: n.geometry,
      });
      expect(Number(r.areaHa)).toBe(n.areaHa);
    }
  });

  it('HEAD: the headers, the count among them, without the file', async () => {
    const { totalCount } = await everyNode('parcels', { districtCode: '110108' }, 'id', 'planning');
    const response = await fetch(new URL('/export/parcels.geojson?district=110108', inject('gatewayUrl')), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${await tokenFor('planning')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-total-count')).toBe(String(totalCount));
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="parcels.geojson"');
    expect(await response.text()).toBe('');
  });

  it('CSV with ?district=&landUse=: the filter the API applies to the same input', async () => {
    const { nodes } = await everyNode('parcels', { districtCode: '110112', landUse: ['01'] }, 'id areaHa', 'planning');
    expect(nodes.length).toBeGreaterThan(0);
    const { records } = await csv('/export/parcels.csv?district=110112&landUse=01', 'planning');
    expect(records.map((r) => [r.id, Number(r.areaHa)])).toEqual(nodes.map((n) => [n.id, n.areaHa]));
    expect(new Set(records.map((r) => r.districtCode))).toEqual(new Set(['110112']));
  });

  it('GeoJSON: one feature per parcel with its boundary; landUse given comma-separated or repeated', async () => {
    const { nodes } = await everyNode('parcels', { landUse: ['01', '07'] }, selection, 'planning');
    expect(nodes.length).toBeGreaterThan(0);
    const { download: answer, collection } = await geojson('/export/parcels.geojson?landUse=01,07', 'planning');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="parcels.geojson"');
    expect(collection.features.map((f) => f.id)).toEqual(nodes.map((n) => n.id));
    for (const [i, n] of nodes.entries()) {
      const f = collection.features[i]!;
      expect(f.type).toBe('Feature');
      expect(f.geometry).toEqual(n.geometry);
      expect(f.properties).toEqual({
        id: n.id,
        externalId: n.externalId,
        name: n.name,
        districtCode: n.district.code,
        landUse: n.landUse,
        landUseName: n.landUseName,
        plannedUse: n.plannedUse,
        plannedUseName: n.plannedUseName,
        areaHa: n.areaHa,
      });
    }
    const repeated = await geojson('/export/parcels.geojson?landUse=01&landUse=07', 'planning');
    expect(repeated.collection).toEqual(collection);
  });
});

describe('soil samples', () => {
  const selection =
    'id externalId point { id } parcel { id } district { code } sampledOn depthTopCm depthBottomCm pH pHMethod lab location measurements { analyte mgPerKg belowDetectionLimit detectionLimitMgPerKg method analysedOn qualityFlag }';

  /** The CSV lines of one sample: one per measurement, the sample's columns on each. */
  function expectedLines(s: Node): Record<string, string>[] {
    const sample = {
      id: s.id,
      externalId: s.externalId,
      pointId: cell(s.point?.id),
      parcelId: cell(s.parcel?.id),
      districtCode: s.district.code,
      sampledOn: s.sampledOn,
      depthTopCm: cell(s.depthTopCm),
      depthBottomCm: cell(s.depthBottomCm),
      pH: cell(s.pH),
      pHMethod: cell(s.pHMethod),
      lab: s.lab,
      lon: cell(s.location.coordinates[0]),
      lat: cell(s.location.coordinates[1]),
    };
    const none = { analyte: '', mgPerKg: '', belowDetectionLimit: '', detectionLimitMgPerKg: '', method: '', analysedOn: '', qualityFlag: '' };
    if (s.measurements.length === 0) return [{ ...sample, ...none }];
    return s.measurements.map((m: Node) => ({ ...sample, ...Object.fromEntries(Object.entries(m).map(([k, v]) => [k, cell(v)])) }));
  }

  it('CSV: every sample of every district (five pages), one line per measurement, values unformatted', async () => {
    const { nodes, totalCount } = await everyNode('soilSamples', {}, selection);
    expect(nodes.length).toBeGreaterThan(400);
    const { download: answer, header, records } = await csv('/export/soil-samples.csv');
    expect(answer.headers.get('x-total-count')).toBe(String(totalCount));
    // The public id, then the columns environment's bulk import reads (docs/integrators.md says so).
    expect(header).toEqual(['id', ...SOIL_SAMPLE_CSV_COLUMNS]);
    expect(distinctIds(records)).toEqual(nodes.map((n) => n.id));
    expect(records).toEqual(nodes.flatMap(expectedLines));
    // A value below the detection limit stays empty, flagged, never 0.
    const below = records.filter((r) => r.belowDetectionLimit === 'true');
    expect(below.length).toBeGreaterThan(0);
    for (const r of below) expect(r.mgPerKg).toBe('');
  });

  it('CSV with ?analyte=&sampledFrom=&sampledTo=: the samples the API lists, with that analyte’s lines only', async () => {
    const filter = { analyte: 'CADMIUM', sampled: { from: '2024-01-01', to: '2024-12-31' } };
    const { nodes } = await everyNode('soilSamples', filter, selection.replace('measurements {', 'measurements(analyte: CADMIUM) {'));
    expect(nodes.length).toBeGreaterThan(0);
    const { records } = await csv('/export/soil-samples.csv?analyte=CADMIUM&sampledFrom=2024-01-01&sampledTo=2024-12-31');
    expect(records).toEqual(nodes.flatMap(expectedLines));
    expect(new Set(records.map((r) => r.analyte))).toEqual(new Set(['CADMIUM']));
  });

  it('GeoJSON: one Point feature per sample at its location, its measurements an array property', async () => {
    const { nodes } = await everyNode('soilSamples', { districtCode: '110112' }, selection);
    expect(nodes.length).toBeGreaterThan(0);
    const { collection } = await geojson('/export/soil-samples.geojson?district=110112');
    expect(collection.features).toHaveLength(nodes.length);
    for (const [i, n] of nodes.entries()) {
      const f = collection.features[i]!;
      expect(f.id).toBe(n.id);
      expect(f.geometry).toEqual(n.location);
      expect(f.geometry!.type).toBe('Point');
      expect(f.properties).toMatchObject({ id: n.id, districtCode: '110112', sampledOn: n.sampledOn, pH: n.pH, measurements: n.measurements });
      expect(f.properties).not.toHaveProperty('lon');
    }
  });
});

describe('the other lists: the same rows as the API, with their geometry', () => {
  const cases = [
    {
      list: 'monitoring-points',
      field: 'monitoringPoints',
      query: '',
      filter: {},
      selection: 'id level location',
      geometry: (n: Node) => n.location,
      columns: ['id', 'externalId', 'code', 'name', 'level', 'purpose', 'districtCode', 'parcelId', 'waterSourceId', 'lon', 'lat', 'establishedOn'],
      check: (r: Record<string, string>, n: Node) => expect([r.level, Number(r.lon), Number(r.lat)]).toEqual([n.level, ...n.location.coordinates]),
    },
    {
      list: 'contaminated-sites',
      field: 'contaminatedSites',
      query: '?listed=true',
      filter: { listed: true },
      selection: 'id status statusSince listed parcel { id geometry }',
      geometry: (n: Node) => n.parcel.geometry,
      columns: ['id', 'externalId', 'name', 'districtCode', 'parcelId', 'formerActivity', 'enterpriseCreditCode', 'status', 'statusSince', 'listed'],
      check: (r: Record<string, string>, n: Node) => expect([r.status, r.statusSince, r.listed, r.parcelId]).toEqual([n.status, n.statusSince, 'true', n.parcel.id]),
    },
    {
      list: 'protection-zones',
      field: 'protectionZones',
      query: '?level=level_1',
      filter: { level: 'LEVEL_1' },
      selection: 'id level part areaKm2 waterSource { id } geometry',
      geometry: (n: Node) => n.geometry,
      columns: ['id', 'externalId', 'waterSourceId', 'level', 'part', 'areaKm2', 'approvedOn', 'approvalDocument', 'geometry'],
      check: (r: Record<string, string>, n: Node) =>
        expect([r.level, r.part, Number(r.areaKm2), r.waterSourceId, JSON.parse(r.geometry!)]).toEqual([n.level, n.part, n.areaKm2, n.waterSource.id, n.geometry]),
    },
    {
      list: 'survey-points',
      field: 'surveyPoints',
      query: '',
      filter: {},
      selection: 'id soilType pH location measurements { analyte mgPerKg }',
      geometry: (n: Node) => n.location,
      columns: ['id', 'externalId', 'districtCode', 'sampledOn', 'depthCm', 'soilType', 'parentMaterial', 'pH', 'groundwaterDepthM', 'lon', 'lat', 'analyte', 'mgPerKg'],
      check: (r: Record<string, string>, n: Node) => expect([r.soilType, r.pH, Number(r.lon)]).toEqual([n.soilType, cell(n.pH), n.location.coordinates[0]]),
    },
  ];

  it.each(cases)('$list: CSV rows and GeoJSON features match the API', async ({ list, field, query, filter, selection, geometry, columns, check }) => {
    const { nodes, totalCount } = await everyNode(field, filter, selection);
    expect(nodes.length).toBeGreaterThan(0);
    const { download: answer, header, records } = await csv(`/export/${list}.csv${query}`);
    expect(header).toEqual(columns);
    expect(answer.headers.get('x-total-count')).toBe(String(totalCount));
    expect(distinctIds(records)).toEqual(nodes.map((n) => n.id));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const r of records) check(r, byId.get(r.id)!);
    const { collection } = await geojson(`/export/${list}.geojson${query}`);
    expect(collection.features.map((f) => f.id)).toEqual(nodes.map((n) => n.id));
    for (const [i, n] of nodes.entries()) expect(collection.features[i]!.geometry).toEqual(geometry(n));
  });

  it('survey points: one CSV line per measured content', async () => {
    const { nodes } = await everyNode('surveyPoints', { districtCode: '110111' }, 'id measurements { analyte mgPerKg }', 'geology');
    const { records } = await csv('/export/survey-points.csv?district=110111', 'geology');
    expect(records.map((r) => [r.id, r.analyte, Number(r.mgPerKg)])).toEqual(nodes.flatMap((n) => n.measurements.map((m: Node) => [n.id, m.analyte, m.mgPerKg])));
  });
});

describe('water sources: a field the token lacks the scope for is empty, never the whole file refused', () => {
  const selection = 'id name kind capacityM3PerDay zones { id geometry }';

  it('CSV: lon and lat for a water token; empty for a planning token, the rest the same', async () => {
    const { nodes } = await everyNode('waterSources', {}, `${selection} location`, 'water');
    expect(nodes.length).toBeGreaterThan(0);
    const water = await csv('/export/water-sources.csv', 'water');
    const planning = await csv('/export/water-sources.csv', 'planning');
    expect(water.records.map((r) => r.id)).toEqual(nodes.map((n) => n.id));
    expect(water.records.map((r) => [Number(r.lon), Number(r.lat)])).toEqual(nodes.map((n) => n.location.coordinates));
    expect(planning.records.map((r) => [r.lon, r.lat])).toEqual(nodes.map(() => ['', '']));
    const withoutLocation = (r: Record<string, string>) => ({ ...r, lon: '', lat: '' });
    expect(planning.records).toEqual(water.records.map(withoutLocation));
    // Never revealed: no coordinate of an intake appears anywhere in the planning file.
    for (const n of nodes) expect(planning.download.text).not.toContain(String(n.location.coordinates[0]));
  });

  it('GeoJSON: each source (a Point, or no geometry without water:read) followed by its protection zones', async () => {
    const { nodes } = await everyNode('waterSources', {}, `${selection} location`, 'water');
    const expectedIds = nodes.flatMap((n) => [n.id, ...n.zones.map((z: Node) => z.id)]);
    const water = (await geojson('/export/water-sources.geojson', 'water')).collection;
    const planning = (await geojson('/export/water-sources.geojson', 'planning')).collection;
    expect(water.features.map((f) => f.id)).toEqual(expectedIds);
    expect(planning.features.map((f) => f.id)).toEqual(expectedIds);
    for (const n of nodes) {
      const source = (c: FeatureCollection<Geometry | null>) => c.features.find((f) => f.id === n.id)!;
      expect(source(water).geometry).toEqual(n.location);
      expect(source(water).properties).toMatchObject({ featureType: 'waterSource', name: n.name, kind: n.kind, capacityM3PerDay: n.capacityM3PerDay });
      expect(source(planning).geometry).toBeNull();
      expect(source(planning).properties).toEqual(source(water).properties);
      for (const z of n.zones) {
        const zone = planning.features.find((f) => f.id === z.id)!;
        expect(zone.geometry).toEqual(z.geometry);
        expect(zone.properties).toMatchObject({ featureType: 'protectionZone', waterSourceId: n.id });
      }
    }
  });
});

describe('the same access rules as the API', () => {
  it('anonymous: 401 UNAUTHENTICATED, as the same list through /graphql', async () => {
    const api = await gateway('{ parcels(first: 1) { totalCount } }', undefined, { as: 'anonymous' });
    for (const file of ['parcels.csv', 'soil-samples.geojson', 'water-sources.csv']) {
      const answer = await download(`/export/${file}`, 'anonymous');
      expect(answer.status).toBe(api.status);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(answer.errors![0]!.message).toMatch(/anonymous callers read the published, aggregated data only/);
    }
  });

  it('an invalid token: 401, never anonymous', async () => {
    const answer = await download('/export/parcels.csv', { token: 'not.a.token' });
    expect(answer.status).toBe(401);
    expect(answer.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(answer.text).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
  });
});

describe('bad requests: an HTTP status and GraphQL-style errors in JSON', () => {
  it.each([
    ['an unknown parameter', '/export/parcels.csv?district=110108&colour=red', ['colour'], /Unknown parameter "colour".*district, landUse, plannedUse, bbox/],
    ['an unknown district', '/export/parcels.csv?district=999999', ['district'], /unknown district code "999999"/],
    ['a single parameter given twice', '/export/parcels.csv?district=110108&district=110105', ['district'], /must be given once/],
    ['a malformed box', '/export/monitoring-points.geojson?bbox=116,39,117', ['bbox'], /minLon,minLat,maxLon,maxLat/],
    ['a date that does not exist', '/export/soil-samples.csv?sampledFrom=2024-02-30', ['sampledFrom'], /calendar date/],
    // Checked by the API itself: GraphQL knows the enum's values, the subgraph the ranges.
    ['a value the enum does not have', '/export/monitoring-points.csv?level=COUNTY', ['level'], /COUNTY/],
    ['an inverted date range', '/export/soil-samples.csv?sampledFrom=2024-12-31&sampledTo=2024-01-01', ['sampledFrom', 'sampledTo'], /./],
    ['an inverted box', '/export/parcels.geojson?bbox=117,40,116,39', ['bbox'], /./],
  ])('%s: 400 BAD_USER_INPUT naming the parameter', async (_name, url, parameters, message) => {
    const answer = await download(url);
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('content-disposition')).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', parameters });
    expect(answer.errors![0]!.message).toMatch(message);
  });

  it.each(['/export/farms.csv', '/export/parcels.xlsx', '/export/parcels', '/export/', '/export/parcels.csv/more'])('%s: 404 NOT_FOUND in JSON', async (url) => {
    const answer = await download(url);
    expect(answer.status).toBe(404);
    expect(answer.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(answer.errors![0]!.message).toMatch(/parcels, soil-samples, monitoring-points, contaminated-sites, water-sources, protection-zones, survey-points/);
  });
});

describe('CORS: the origin the stack gives the gateway (the dashboard’s) may call from a browser', () => {
  const allowed = () => new URL(inject('dashboardUrl')).origin;
  const preflight = (url: string, origin: string) =>
    fetch(new URL(url, inject('gatewayUrl')), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,content-type,x-request-id' },
    });

  it.each(['/export/parcels.csv', '/graphql'])('%s: a preflight from the allowed origin passes, with the three headers allowed', async (url) => {
    const response = await preflight(url, allowed());
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed());
    expect(response.headers.get('access-control-allow-headers')!.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-request-id']));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each(['/export/parcels.csv', '/graphql'])('%s: from another origin, no allow header', async (url) => {
    const response = await preflight(url, 'http://elsewhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a download from the allowed origin: the page may read the file name and the count', async () => {
    const response = await fetch(new URL('/export/contaminated-sites.csv', inject('gatewayUrl')), {
      headers: { origin: allowed(), authorization: `Bearer ${await tokenFor('environment')}` },
    });
    await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed());
    expect(response.headers.get('access-control-expose-headers')!.split(',')).toEqual(expect.arrayContaining(['content-disposition', 'x-total-count', 'x-request-id']));
  });
});

describe('docs/integrators.md "Exports"', () => {
  const guide = readFileSync(path.resolve(import.meta.dirname, '../docs/integrators.md'), 'utf8');
  const section = guide.slice(guide.indexOf('\n## Exports'), guide.indexOf('\n## ', guide.indexOf('\n## Exports') + 1));
  /** Each documented curl command: its URL and the agency of its token. */
  const curlLines = section.split('\n').filter((line) => line.startsWith('curl '));
  const commands = curlLines.map((line) => ({
    line,
    agency: /\$\(pnpm -s token (\w+)/.exec(line)?.[1] as Agency | undefined,
    url: /'(http:\/\/localhost:4000\/export\/[^']+)'/.exec(line)?.[1] ?? '',
  }));

  it('documents curl commands for every format', () => {
    expect(section.length).toBeGreaterThan(100);
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const c of commands) {
      expect(c.url, c.line).not.toBe('');
      expect(c.agency, c.line).toBeDefined();
    }
    expect(new Set(commands.map((c) => c.url.split('?')[0]!.split('.').pop()))).toEqual(new Set(['csv', 'geojson']));
  });

  it.each(commands.map((c) => [c.url, c.agency]))('%s with a %s token answers a file with rows', async (url, agency) => {
    const answer = await download(url.replace('http://localhost:4000', ''), agency as Agency);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    if (url.includes('.csv')) expect(parseCsv(answer.text).records.length).toBeGreaterThan(0);
    else expect((JSON.parse(answer.text) as FeatureCollection).features.length).toBeGreaterThan(0);
  });

  /** The documented columns of each list: "- `<list>`: `a, b, c`". */
  const documentedColumns = [...section.matchAll(/^- `([a-z-]+)`: `([^`]+)`/gm)].map((m) => [m[1]!, m[2]!.split(', ')] as const);

  it('documents the columns of every list', () => {
    expect(documentedColumns.map(([list]) => list)).toEqual(['parcels', 'soil-samples', 'monitoring-points', 'contaminated-sites', 'water-sources', 'protection-zones', 'survey-points']);
  });

  it.each(documentedColumns)('%s: the CSV header is the documented columns, in their order', async (list, columns) => {
    const { header } = await csv(`/export/${list}.csv`);
    expect(header).toEqual(columns);
  });
});
