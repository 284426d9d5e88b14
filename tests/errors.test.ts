import { describe, expect, it } from 'vitest';
import { demo, gateway } from './support/gateway.ts';

const TOTALS = `{
  parcels(first: 0) { totalCount }
  soilSamples(first: 0) { totalCount }
  waterSources(first: 0) { totalCount }
  surveyPoints(first: 0) { totalCount }
  fertilizerUse(first: 0) { totalCount }
}`;

const badArguments = [
  {
    name: 'an unknown district code',
    query: '{ parcels(filter: { districtCode: "999999" }) { totalCount } }',
    path: ['parcels'],
    argumentPath: ['filter', 'districtCode'],
    message: /unknown district code "999999"/,
  },
  {
    name: 'an unknown district code in another agency',
    query: '{ soilSamples(filter: { districtCode: "120101" }) { totalCount } }',
    path: ['soilSamples'],
    argumentPath: ['filter', 'districtCode'],
    message: /unknown district code "120101"/,
  },
  { name: 'first: -1', query: '{ parcels(first: -1) { totalCount } }', path: ['parcels'], argumentPath: ['first'], message: /first must be an integer from 0 to 100, got -1/ },
  {
    name: 'first: 100000',
    query: '{ waterSources(first: 100000) { totalCount } }',
    path: ['waterSources'],
    argumentPath: ['first'],
    message: /first must be an integer from 0 to 100, got 100000/,
  },
  {
    name: 'first: -1 on a field another agency adds to District',
    query: '{ district(code: "110108") { name soilSamples(first: -1) { totalCount } } }',
    path: ['district', 'soilSamples'],
    argumentPath: ['first'],
    message: /first must be an integer from 0 to 100/,
  },
  {
    name: 'a malformed cursor',
    query: '{ surveyPoints(after: "not-a-cursor") { totalCount } }',
    path: ['surveyPoints'],
    argumentPath: ['after'],
    message: /after is not a cursor issued by this list/,
  },
  {
    name: 'a cursor from another list',
    query: `{ parcels(after: "${Buffer.from(JSON.stringify([2019, '110101', 'WHEAT'])).toString('base64url')}") { totalCount } }`,
    path: ['parcels'],
    argumentPath: ['after'],
    message: /after is not a cursor issued by this list/,
  },
  {
    name: 'an inverted bbox',
    query: '{ parcels(filter: { bbox: { minLon: 117, minLat: 40, maxLon: 116, maxLat: 41 } }) { totalCount } }',
    path: ['parcels'],
    argumentPath: ['filter', 'bbox'],
    message: /minLon <= maxLon/,
  },
  {
    name: 'a date range that ends before it starts',
    query: '{ soilSamples(filter: { sampled: { from: "2024-01-01", to: "2020-01-01" } }) { totalCount } }',
    path: ['soilSamples'],
    argumentPath: ['filter', 'sampled'],
    message: /starts \(2024-01-01\) after it ends \(2020-01-01\)/,
  },
];

describe('bad arguments through the gateway', () => {
  it.each(badArguments)('$name gives BAD_USER_INPUT with the field path and the offending input', async (c) => {
    const { data, errors } = await gateway(c.query);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.message).toMatch(c.message);
    expect(errors![0]!.path).toEqual(c.path);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: c.argumentPath });
    expect(errors![0]!.extensions).not.toHaveProperty('stacktrace');
    expect(data?.[c.path[0]!] ?? null).toBeNull();
  });

  it('an unknown enum value is refused before planning, with GRAPHQL_VALIDATION_FAILED and HTTP 400', async () => {
    const { status, data, errors } = await gateway('{ monitoringPoints(filter: { level: GALACTIC }) { totalCount } }');
    expect(status).toBe(400);
    expect(data).toBeUndefined();
    expect(errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors![0]!.message).toMatch(/GALACTIC/);
  });

  it('a malformed date is refused with BAD_USER_INPUT naming the format', async () => {
    const { errors } = await gateway('{ soilSamples(filter: { sampled: { from: "2020-13-45" } }) { totalCount } }');
    expect(errors![0]!.extensions!.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(errors![0]!.message).toMatch(/YYYY-MM-DD/);
  });

  it('bad requests change nothing: every agency holds the same rows before and after', async () => {
    const before = await gateway(TOTALS);
    for (const c of badArguments) await gateway(c.query);
    const after = await gateway(TOTALS);
    expect(after).toEqual(before);
    expect(before.data!.parcels.totalCount).toBe(demo.planning.parcels.length);
    expect(before.data!.soilSamples.totalCount).toBe(demo.environment.samples.length);
  });
});

describe('lookups by key', () => {
  it.each([
    ['district', '{ district(code: "110199") { code } }'],
    ['parcel', '{ parcel(id: "110108-P9999") { id } }'],
    ['soilSample', '{ soilSample(id: "no-such-sample") { id } }'],
    ['monitoringPoint', '{ monitoringPoint(id: "no-such-point") { id } }'],
    ['waterSource', '{ waterSource(id: "WS-000000-00") { id } }'],
    ['surveyPoint', '{ surveyPoint(id: "GS-000000-0000") { id } }'],
    ['enterprise', '{ enterprise(creditCode: "000000000000000000") { name } }'],
  ])('%s with a key that does not exist is null, without an error', async (field, query) => {
    const { data, errors } = await gateway(query);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ [field]: null });
  });

  it('accepts the pre-2015 county codes of Miyun and Yanqing', async () => {
    const { data } = await gateway('{ miyun: district(code: "110228") { code name } yanqing: district(code: "110229") { code name } }');
    expect(data).toEqual({ miyun: { code: '110118', name: 'Miyun' }, yanqing: { code: '110119', name: 'Yanqing' } });
  });
});

describe('pagination through the gateway', () => {
  it('walks all parcels page by page with endCursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const { data }: { data?: any } = await gateway(
        'query ($after: String) { parcels(first: 37, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after },
      );
      seen.push(...data.parcels.edges.map((e: any) => e.node.id));
      if (!data.parcels.pageInfo.hasNextPage) break;
      after = data.parcels.pageInfo.endCursor;
    }
    expect(seen).toEqual(demo.planning.parcels.map((p) => p.id).sort());
  });
});
