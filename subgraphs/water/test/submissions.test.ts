import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { protectionZones, waterSources } from '@soilgraph/db/water';
import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waterSubgraph } from '../src/server.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(waterSubgraph);
});
afterAll(() => harness.close());

const RESULT = `created updated unchanged rows { index externalId id outcome }`;
const SUBMIT_SOURCES = `mutation($sources: [WaterSourceSubmission!]!) { submitWaterSources(sources: $sources) { ${RESULT} } }`;
const SUBMIT_ZONES = `mutation($zones: [ProtectionZoneSubmission!]!) { submitProtectionZones(zones: $zones) { ${RESULT} } }`;
const submitSources = (sources: unknown[]) => harness.query(SUBMIT_SOURCES, { sources });
const submitZones = (zones: unknown[]) => harness.query(SUBMIT_ZONES, { zones });

/** Text that must come back exactly as sent: SQL metacharacters, quotes, Unicode. */
const ODD_TEXT = `密云水库'; drop table water.water_sources; -- "💧" \\ %_`;
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

function source(externalId: string, id: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    id,
    name: ODD_TEXT,
    kind: 'GROUNDWATER',
    districtCode: id.slice(3, 9),
    location: { type: 'Point', coordinates: [116.31, 40.02] },
    capacityM3PerDay: 85_000,
    servedPopulation: 340_000,
    inServiceSince: 1998,
    ...overrides,
  };
}

/**
 * A ring around a centre, clockwise on purpose (RFC 7946 wants counter-clockwise outer rings:
 * an official polygon is stored as given all the same), with more decimals than the demo uses.
 */
function ring([lon, lat]: readonly [number, number], r: number): number[][] {
  return [
    [lon - r, lat - r + 0.000000123],
    [lon - r, lat + r],
    [lon + r + 0.0000000004, lat + r],
    [lon + r, lat - r],
    [lon - r, lat - r + 0.000000123],
  ];
}

const polygon = (at: readonly [number, number], r: number) => ({ type: 'Polygon', coordinates: [ring(at, r)] });

function zone(externalId: string, id: string, waterSourceId: string, level: string, part: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    id,
    waterSourceId,
    level,
    part,
    geometry: polygon([116.6, 40.47], 0.01),
    areaKm2: 1.87,
    approvedOn: '2019-06-30',
    approvalDocument: `京政函〔2019〕42号 ${ODD_TEXT}`,
    ...overrides,
  };
}

const counts = async () => {
  const [sources] = await harness.db.select({ n: count() }).from(waterSources);
  const [zones] = await harness.db.select({ n: count() }).from(protectionZones);
  const [audit] = await harness.db.select({ n: count() }).from(AUDIT_LOGS.water);
  return { sources: sources!.n, zones: zones!.n, audit: audit!.n };
};

const rejectedPaths = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) =>
  (errors![0]!.extensions!.rejected as { argumentPath: unknown[] }[]).map((r) => r.argumentPath);

describe('submitWaterSources', () => {
  it('creates, then re-submitting changes nothing, then a changed row is updated; every change is audited in a sound chain', async () => {
    const before = await counts();
    // Miyun by its pre-2015 county code: stored under the current code, which the id carries.
    const batch = [
      source('wa-2025-001', 'WS-110108-50'),
      source('wa-2025-002', 'WS-110118-51', { districtCode: '110228', kind: 'SURFACE', servedPopulation: null, inServiceSince: null }),
      source('wa-2025-003', 'WS-110111-52'),
    ];

    const first = await submitSources(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitWaterSources).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: b.id, outcome: 'CREATED' })),
    });
    expect(await counts()).toEqual({ sources: before.sources + 3, zones: before.zones, audit: before.audit + 3 });

    const again = await submitSources(batch);
    expect(again.data!.submitWaterSources).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: b.id, outcome: 'UNCHANGED' })),
    });
    expect(await counts()).toEqual({ sources: before.sources + 3, zones: before.zones, audit: before.audit + 3 });

    const changed = [batch[0], { ...batch[1], capacityM3PerDay: 90_500.5, location: { type: 'Point', coordinates: [116.95, 40.5] } }, batch[2]];
    const third = await submitSources(changed);
    expect(third.data!.submitWaterSources).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitWaterSources.rows[1]).toEqual({ index: 1, externalId: 'wa-2025-002', id: 'WS-110118-51', outcome: 'UPDATED' });
    expect(await counts()).toEqual({ sources: before.sources + 3, zones: before.zones, audit: before.audit + 4 });

    const { data } = await harness.query(
      `query($id: ID!) { waterSource(id: $id) { externalId name kind district { code } location capacityM3PerDay servedPopulation inServiceSince } }`,
      { id: 'WS-110118-51' },
    );
    expect(data!.waterSource).toEqual({
      externalId: 'wa-2025-002',
      name: ODD_TEXT,
      kind: 'SURFACE',
      district: { code: '110118' },
      location: { type: 'Point', coordinates: [116.95, 40.5] },
      capacityM3PerDay: 90_500.5,
      servedPopulation: null,
      inServiceSince: null,
    });
    // The indexed lon/lat columns follow the location.
    const [stored] = await harness.db.select({ lon: waterSources.lon, lat: waterSources.lat }).from(waterSources).where(eq(waterSources.id, 'WS-110118-51'));
    expect(stored).toEqual({ lon: 116.95, lat: 40.5 });
    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.water);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 4);
  });

  it('updates a demo source through its externalId, keeping its id', async () => {
    const demo = harness.demo.water.sources[0]!;
    const [lon, lat] = demo.location.coordinates as [number, number];
    const row = source(demo.externalId, demo.id, { name: demo.name, kind: demo.kind, location: { type: 'Point', coordinates: [lon, lat] }, capacityM3PerDay: demo.capacityM3PerDay + 1000 });
    const { data, errors } = await submitSources([{ ...row, servedPopulation: demo.servedPopulation, inServiceSince: demo.inServiceSince }]);
    expect(errors).toBeUndefined();
    expect(data!.submitWaterSources.rows).toEqual([{ index: 0, externalId: demo.externalId, id: demo.id, outcome: 'UPDATED' }]);
    const { data: read } = await harness.query(`query($id: ID!) { waterSource(id: $id) { capacityM3PerDay zones { id } } }`, { id: demo.id });
    expect(read!.waterSource.capacityM3PerDay).toBe(demo.capacityM3PerDay + 1000);
    // Its zones are untouched.
    expect(read!.waterSource.zones.map((z: { id: string }) => z.id).sort()).toEqual(harness.demo.water.zones.filter((z) => z.waterSourceId === demo.id).map((z) => z.id).sort());
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const nextYear = new Date().getUTCFullYear() + 1;
    const { data, errors } = await submitSources([
      source('bad-0', 'WS-110108-80', { capacityM3PerDay: 0 }),
      source('bad-1', 'WS-999999-81', { districtCode: '999999' }),
      source('bad-2', 'WS-110108-82'),
      source('bad-2', 'WS-110108-83'),
      source('bad-4', 'WS-110105-84', { districtCode: '110108' }),
      source('bad-5', 'WS-110108-85', { name: TEN_MB }),
      source('ok-6', 'WS-110108-86'),
      source('bad-7', 'WS-110108-87', { location: { type: 'Point', coordinates: [116.3, 95] } }),
      source('bad-8', 'WS-110108-88', { inServiceSince: nextYear }),
      source('bad-9', 'WS-110108-89', { servedPopulation: -1 }),
      source('bad-10', 'WS-110108-86'),
      source('bad-11', 'WS-110108-8'),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['sources'] });
    expect(rejectedPaths(errors)).toEqual([
      ['sources', 0, 'capacityM3PerDay'],
      ['sources', 1, 'districtCode'],
      ['sources', 3, 'externalId'],
      ['sources', 4, 'id'],
      ['sources', 5, 'name'],
      ['sources', 7, 'location', 'coordinates', 1],
      ['sources', 8, 'inServiceSince'],
      ['sources', 9, 'servedPopulation'],
      ['sources', 10, 'id'],
      ['sources', 11, 'id'],
    ]);
    expect(errors![0]!.message).toMatch(/^10 of 12 rows rejected, nothing was written: sources\.0\.capacityM3PerDay: /);
    expect(await counts()).toEqual(before);
  });

  it('keeps ids stable: refuses a new id for a known externalId and a known id for a new externalId', async () => {
    const before = await counts();
    const demo = harness.demo.water.sources;
    const { errors } = await submitSources([
      source('stable-0', 'WS-110113-90'),
      source(demo[0]!.externalId, `WS-${demo[0]!.districtCode}-91`, { districtCode: demo[0]!.districtCode }),
      source('stable-2', demo[1]!.id, { districtCode: demo[1]!.districtCode }),
    ]);
    expect(errors?.[0]?.extensions?.rejected).toEqual([
      { index: 1, argumentPath: ['sources', 1, 'id'], message: expect.stringContaining(`is source ${demo[0]!.id}`) },
      { index: 2, argumentPath: ['sources', 2, 'id'], message: expect.stringContaining(`${demo[1]!.id} is already the source submitted as externalId ${JSON.stringify(demo[1]!.externalId)}`) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submitSources(Array.from({ length: size }, (_, i) => source(`size-${i}`, `WS-110108-${100 + (i % 900)}`)));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['sources'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown kind before anything runs', async () => {
    const { errors } = await submitSources([source('k-1', 'WS-110108-92', { kind: 'SPRING' })]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/SPRING/);
  });

  it('accepts 5,000 rows in one batch', async () => {
    const before = await counts();
    const codes = BEIJING_DISTRICTS.map((d) => d.code);
    const batch = Array.from({ length: 5000 }, (_, i) => source(`bulk-${i}`, `WS-${codes[i % codes.length]}-${100 + Math.floor(i / codes.length)}`));
    const { data, errors } = await submitSources(batch);
    expect(errors).toBeUndefined();
    expect(data!.submitWaterSources.created).toBe(5000);
    expect(await counts()).toEqual({ sources: before.sources + 5000, zones: before.zones, audit: before.audit + 5000 });
  }, 60_000);

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const batch = Array.from({ length: 50 }, (_, i) => source(`race-${i}`, `WS-110119-${600 + i}`));
    const other = batch.map((s) => ({ ...s, capacityM3PerDay: 120_000 }));
    const [a, b] = await Promise.all([submitSources(batch), submitSources(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const outcomes = [a, b].map((r) => r.data!.submitWaterSources);
    // One of them created the rows, the other updated every one of them.
    expect(outcomes.map((o) => [o.created, o.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect((await counts()).sources).toBe(before.sources + 50);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.water)).problems).toEqual([]);
  });
});

describe('submitProtectionZones', () => {
  const RESERVOIR = 'WS-110116-70';
  const WELLS = 'WS-110115-71';
  const RESERVOIR_AT = [116.6, 40.47] as const;

  beforeAll(async () => {
    const { errors } = await submitSources([
      source('zones-reservoir', RESERVOIR, { kind: 'SURFACE', location: { type: 'Point', coordinates: [...RESERVOIR_AT] } }),
      source('zones-wells', WELLS, { location: { type: 'Point', coordinates: [116.34, 39.73] } }),
    ]);
    expect(errors).toBeUndefined();
  });

  /** The min and max of every longitude and latitude, worked out here rather than by the code under test. */
  function expectedBBox(geometry: { coordinates: unknown }) {
    const positions = (geometry.coordinates as unknown[]).flat(3) as number[];
    const lons = positions.filter((_, i) => i % 2 === 0);
    const lats = positions.filter((_, i) => i % 2 === 1);
    return { minLon: Math.min(...lons), minLat: Math.min(...lats), maxLon: Math.max(...lons), maxLat: Math.max(...lats) };
  }

  it('stores official polygons exactly as given, with their bbox; re-submitting changes nothing; a changed zone is updated and audited', async () => {
    const before = await counts();
    const water = polygon(RESERVOIR_AT, 0.01);
    // A land strip with the water part as its hole.
    const land = { type: 'Polygon', coordinates: [ring(RESERVOIR_AT, 0.016), [...ring(RESERVOIR_AT, 0.01)].reverse()] };
    // Two well groups, one zone: a MultiPolygon.
    const wells = { type: 'MultiPolygon', coordinates: [[ring([116.34, 39.73], 0.004)], [ring([116.36, 39.74], 0.003)]] };
    const batch = [
      zone('pz-001', `${RESERVOIR}-L1-W`, RESERVOIR, 'LEVEL_1', 'WATER', { geometry: water }),
      zone('pz-002', `${RESERVOIR}-L1-L`, RESERVOIR, 'LEVEL_1', 'LAND', { geometry: land, approvedOn: null, approvalDocument: null }),
      zone('pz-003', `${WELLS}-L1`, WELLS, 'LEVEL_1', 'LAND', { geometry: wells, areaKm2: 0.31 }),
    ];

    const first = await submitZones(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitProtectionZones).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: b.id, outcome: 'CREATED' })),
    });
    expect(await counts()).toEqual({ sources: before.sources, zones: before.zones + 3, audit: before.audit + 3 });

    const FIELDS = `externalId level part waterSource { id } geometry bbox { minLon minLat maxLon maxLat } areaKm2 approvedOn approvalDocument`;
    for (const submitted of batch) {
      const { data } = await harness.query(`query($id: ID!) { protectionZone(id: $id) { ${FIELDS} } }`, { id: submitted.id });
      expect(data!.protectionZone).toEqual({
        externalId: submitted.externalId,
        level: submitted.level,
        part: submitted.part,
        waterSource: { id: submitted.waterSourceId },
        geometry: submitted.geometry,
        bbox: expectedBBox(submitted.geometry),
        areaKm2: submitted.areaKm2,
        approvedOn: submitted.approvedOn,
        approvalDocument: submitted.approvalDocument,
      });
    }
    // The bbox columns serve spatial filters: a box over the second well group finds the MultiPolygon zone.
    const { data: found } = await harness.query(`{ protectionZones(filter: { bbox: { minLon: 116.359, minLat: 39.739, maxLon: 116.361, maxLat: 39.741 } }) { edges { node { id } } } }`);
    expect(found!.protectionZones.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([`${WELLS}-L1`]);

    const again = await submitZones(batch);
    expect(again.data!.submitProtectionZones).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual({ sources: before.sources, zones: before.zones + 3, audit: before.audit + 3 });

    const moved = polygon(RESERVOIR_AT, 0.0125);
    const third = await submitZones([{ ...batch[0], geometry: moved, areaKm2: 2.9 }, batch[1], batch[2]]);
    expect(third.data!.submitProtectionZones).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitProtectionZones.rows[0]).toEqual({ index: 0, externalId: 'pz-001', id: `${RESERVOIR}-L1-W`, outcome: 'UPDATED' });
    const { data } = await harness.query(`query($id: ID!) { protectionZone(id: $id) { geometry bbox { minLon minLat maxLon maxLat } } }`, { id: `${RESERVOIR}-L1-W` });
    expect(data!.protectionZone).toEqual({ geometry: moved, bbox: expectedBBox(moved) });
    expect(await counts()).toEqual({ sources: before.sources, zones: before.zones + 3, audit: before.audit + 4 });
    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.water);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 4);
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const unclosed = polygon(RESERVOIR_AT, 0.02);
    unclosed.coordinates[0]![4] = [116.6, 40.47];
    const badLatitude = polygon(RESERVOIR_AT, 0.02);
    badLatitude.coordinates[0]![2] = [116.62, 91];
    const { data, errors } = await submitZones([
      zone('zbad-0', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER', { geometry: unclosed }),
      zone('zbad-1', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER', { geometry: badLatitude }),
      zone('zbad-2', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER', { geometry: { type: 'Point', coordinates: [116.6, 40.47] } }),
      zone('zbad-3', `${RESERVOIR}-L2-X`, RESERVOIR, 'LEVEL_2', 'WATER'),
      zone('zbad-4', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER', { areaKm2: 0 }),
      zone('zbad-5', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER', { geometry: { type: 'Polygon', coordinates: [ring(RESERVOIR_AT, 0.02).slice(0, 3)] } }),
      zone('zok-6', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER'),
      zone('zbad-7', `${RESERVOIR}-L2-W`, RESERVOIR, 'LEVEL_2', 'WATER'),
      zone('zbad-8', `${RESERVOIR}-Q`, RESERVOIR, 'QUASI', 'LAND', { approvalDocument: TEN_MB }),
      zone('zbad-9', `${RESERVOIR}-Q`, RESERVOIR, 'QUASI', 'LAND', { geometry: { ...polygon(RESERVOIR_AT, 0.02), bbox: [0, 0, 1, 1] } }),
      zone('zbad-10', `${RESERVOIR}-Q`, RESERVOIR, 'QUASI', 'LAND', { geometry: { type: 'MultiPolygon', coordinates: [[ring(RESERVOIR_AT, 0.02)], [unclosed.coordinates[0]]] } }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['zones'] });
    expect(rejectedPaths(errors)).toEqual([
      ['zones', 0, 'geometry', 'coordinates', 0, 4],
      ['zones', 1, 'geometry', 'coordinates', 0, 2, 1],
      ['zones', 2, 'geometry', 'type'],
      ['zones', 3, 'id'],
      ['zones', 4, 'areaKm2'],
      ['zones', 5, 'geometry', 'coordinates', 0],
      ['zones', 7, 'id'],
      ['zones', 7, 'part'],
      ['zones', 8, 'approvalDocument'],
      ['zones', 9, 'geometry'],
      ['zones', 10, 'geometry', 'coordinates', 1, 0, 4],
    ]);
    expect(errors![0]!.message).toMatch(/^10 of 11 rows rejected, nothing was written: zones\.0\.geometry\.coordinates\.0\.4: /);
    expect(await counts()).toEqual(before);
  });

  it('checks zones against water: an unknown source, a WATER part of groundwater, a taken level and part, a changed or taken id', async () => {
    const before = await counts();
    // Level 1 zones of three demo well fields (their ids carry no part).
    const [g0, g1, g2] = harness.demo.water.zones.filter((z) => z.level === 'LEVEL_1' && z.id === `${z.waterSourceId}-L1`);
    for (const z of [g0!, g1!, g2!]) expect(harness.demo.water.sources.find((s) => s.id === z.waterSourceId)!.kind).toBe('GROUNDWATER');
    const { errors } = await submitZones([
      zone('zdb-0', `${RESERVOIR}-Q`, RESERVOIR, 'QUASI', 'LAND'),
      zone('zdb-1', 'WS-110101-99-L1', 'WS-110101-99', 'LEVEL_1', 'LAND'),
      zone('zdb-2', `${WELLS}-L2-W`, WELLS, 'LEVEL_2', 'WATER'),
      zone('zdb-3', `${g0!.waterSourceId}-L1-L`, g0!.waterSourceId, 'LEVEL_1', 'LAND'),
      zone('zdb-4', g1!.id, g1!.waterSourceId, 'LEVEL_1', 'LAND'),
      zone(g2!.externalId, `${g2!.waterSourceId}-L1-L`, g2!.waterSourceId, 'LEVEL_1', 'LAND'),
    ]);
    expect(errors?.[0]?.extensions?.rejected).toEqual([
      { index: 1, argumentPath: ['zones', 1, 'waterSourceId'], message: expect.stringMatching(/no water source "WS-110101-99"/) },
      { index: 2, argumentPath: ['zones', 2, 'part'], message: expect.stringMatching(/groundwater source: its zones are LAND/) },
      { index: 3, argumentPath: ['zones', 3, 'part'], message: expect.stringContaining(`already has its LEVEL_1 LAND zone, ${g0!.id}`) },
      { index: 4, argumentPath: ['zones', 4, 'id'], message: expect.stringContaining(`${g1!.id} is already the zone submitted as externalId ${JSON.stringify(g1!.externalId)}`) },
      { index: 5, argumentPath: ['zones', 5, 'id'], message: expect.stringContaining(`is zone ${g2!.id}; a zone's id never changes`) },
    ]);
    expect(errors![0]!.message).toMatch(/^5 of 6 rows rejected, nothing was written/);
    expect(await counts()).toEqual(before);
  });

  it('updates a demo zone through its externalId, keeping its id', async () => {
    const demo = harness.demo.water.zones[0]!;
    const geometry = polygon(demo.geometry.coordinates[0]![0] as [number, number], 0.005);
    const { data, errors } = await submitZones([zone(demo.externalId, demo.id, demo.waterSourceId, demo.level, demo.part, { geometry })]);
    expect(errors).toBeUndefined();
    expect(data!.submitProtectionZones.rows).toEqual([{ index: 0, externalId: demo.externalId, id: demo.id, outcome: 'UPDATED' }]);
    const { data: read } = await harness.query(`query($id: ID!) { protectionZone(id: $id) { geometry } }`, { id: demo.id });
    expect(read!.protectionZone.geometry).toEqual(geometry);
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submitZones(Array.from({ length: size }, (_, i) => zone(`zsize-${i}`, `${RESERVOIR}-Q`, RESERVOIR, 'QUASI', 'LAND')));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['zones'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });
});
