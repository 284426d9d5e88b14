import { type BBoxColumns, bboxPolygon, type Geometry, geometriesIntersect } from '@soilgraph/geo';
import { waterSources } from '@soilgraph/db/water';
import { createSubgraphHarness, type GraphQLResult, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWaterSourcesByDistrictCodeLoader } from '../src/loaders/water-sources-by-district-code.ts';
import { createZonesByParcelLoader } from '../src/loaders/zones-by-parcel.ts';
import { waterSubgraph } from '../src/server.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(waterSubgraph);
});
afterAll(() => harness.close());

type DemoZone = SubgraphHarness['demo']['water']['zones'][number];
interface IdConnection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const LEVELS = ['LEVEL_1', 'LEVEL_2', 'QUASI'] as const;
const nodeIds = (c: IdConnection) => c.edges.map((e) => e.node.id);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byLevelThenId = (a: DemoZone, b: DemoZone) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || byCodeUnits(a.id, b.id);
const sources = () => harness.demo.water.sources;
const zones = () => harness.demo.water.zones;
const inBox = ([lon, lat]: number[], b: BBoxColumns) => lon! >= b.minLon && lon! <= b.maxLon && lat! >= b.minLat && lat! <= b.maxLat;
const PAGE = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

/** Follows endCursor until the last page, collecting ids; checks pageInfo along the way. */
async function allPages(field: string, args: string, pageSize: number): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const { data, errors }: GraphQLResult<Record<string, IdConnection>> = await harness.query(
      `query($after: String) { ${field}(${args} first: ${pageSize}, after: $after) { ${PAGE} } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    const connection: IdConnection = data![field]!;
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    ids.push(...nodeIds(connection));
    totalCount = connection.totalCount;
    pages++;
    if (!connection.pageInfo.hasNextPage) return { ids, pages, totalCount };
    expect(connection.edges).toHaveLength(pageSize);
    after = connection.pageInfo.endCursor;
  }
}

describe('water demo data', () => {
  it('places every groundwater source so that farmland parcels fall inside its level 1 and level 2 zones', () => {
    const farmland = harness.demo.planning.parcels.filter((p) => /^0[12]/.test(p.landUse));
    const inInnerZones = farmland.filter((p) => zones().some((z) => z.level !== 'QUASI' && geometriesIntersect(z.geometry, p.geometry)));
    expect(inInnerZones.length).toBeGreaterThanOrEqual(sources().filter((s) => s.kind === 'GROUNDWATER').length);
    for (const source of sources()) {
      expect(source.name).toMatch(/ \(synthetic\)$/);
      expect(source.externalId).toMatch(/^demo-water-/);
    }
  });
});

describe('water sources', () => {
  const filters: { name: string; filter: string; expected: () => string[] }[] = [
    { name: 'no filter', filter: '', expected: () => sources().map((s) => s.id) },
    { name: 'district Miyun', filter: 'filter: { districtCode: "110118" }', expected: () => sources().filter((s) => s.districtCode === '110118').map((s) => s.id) },
    { name: 'district by the pre-2015 alias of Miyun', filter: 'filter: { districtCode: "110228" }', expected: () => sources().filter((s) => s.districtCode === '110118').map((s) => s.id) },
    { name: 'kind SURFACE', filter: 'filter: { kind: SURFACE }', expected: () => sources().filter((s) => s.kind === 'SURFACE').map((s) => s.id) },
    { name: 'kind GROUNDWATER', filter: 'filter: { kind: GROUNDWATER }', expected: () => sources().filter((s) => s.kind === 'GROUNDWATER').map((s) => s.id) },
    {
      name: 'bbox over the southern plain',
      filter: 'filter: { bbox: { minLon: 115.5, minLat: 39.4, maxLon: 117.0, maxLat: 39.9 } }',
      expected: () => sources().filter((s) => inBox(s.location.coordinates, { minLon: 115.5, minLat: 39.4, maxLon: 117.0, maxLat: 39.9 })).map((s) => s.id),
    },
    {
      name: 'kind and district together',
      filter: 'filter: { kind: GROUNDWATER, districtCode: "110118" }',
      expected: () => sources().filter((s) => s.kind === 'GROUNDWATER' && s.districtCode === '110118').map((s) => s.id),
    },
  ];
  for (const { name, filter, expected } of filters) {
    it(`lists sources in id order with their total count: ${name}`, async () => {
      const { data, errors } = await harness.query(`{ waterSources(${filter} first: 100) { ${PAGE} } }`);
      expect(errors).toBeUndefined();
      const want = expected().sort(byCodeUnits);
      expect(nodeIds(data!.waterSources)).toEqual(want);
      expect(data!.waterSources.totalCount).toBe(want.length);
    });
  }

  it('pages through all sources with cursors, without gaps or repeats', async () => {
    const { ids, pages, totalCount } = await allPages('waterSources', '', 2);
    const want = sources().map((s) => s.id).sort(byCodeUnits);
    expect(ids).toEqual(want);
    expect(totalCount).toBe(want.length);
    expect(pages).toBe(Math.ceil(want.length / 2));
  });

  it('looks a source up by id with its district, location and figures', async () => {
    const source = sources().find((s) => s.kind === 'GROUNDWATER')!;
    const { data, errors } = await harness.query(
      `query($id: ID!) { waterSource(id: $id) { id externalId name kind district { code } location capacityM3PerDay servedPopulation inServiceSince } }`,
      { id: source.id },
    );
    expect(errors).toBeUndefined();
    expect(data!.waterSource).toEqual({
      id: source.id,
      externalId: source.externalId,
      name: source.name,
      kind: source.kind,
      district: { code: source.districtCode },
      location: source.location,
      capacityM3PerDay: source.capacityM3PerDay,
      servedPopulation: source.servedPopulation,
      inServiceSince: source.inServiceSince,
    });
  });

  it('returns null for a source id that does not exist', async () => {
    const { data, errors } = await harness.query(`{ waterSource(id: "WS-999999-99") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.waterSource).toBeNull();
  });

  for (const level of [null, ...LEVELS]) {
    it(`lists each source's zones innermost first, then by id (level ${level ?? 'any'})`, async () => {
      const { data, errors } = await harness.query(
        `query($level: ZoneLevel) { waterSources(first: 100) { edges { node { id zones(level: $level) { id level part } } } } }`,
        { level },
      );
      expect(errors).toBeUndefined();
      for (const { node } of data!.waterSources.edges as { node: { id: string; zones: { id: string; level: string; part: string }[] } }[]) {
        const want = zones()
          .filter((z) => z.waterSourceId === node.id && (level === null || z.level === level))
          .sort(byLevelThenId)
          .map((z) => ({ id: z.id, level: z.level, part: z.part }));
        expect(node.zones).toEqual(want);
      }
    });
  }

  it('gives surface sources water and land parts at level 1 and groundwater sources land zones only', async () => {
    const { data } = await harness.query(`{ waterSources(first: 100) { edges { node { kind zones { level part } } } } }`);
    for (const { node } of data!.waterSources.edges as { node: { kind: string; zones: { level: string; part: string }[] } }[]) {
      const level1Parts = node.zones.filter((z) => z.level === 'LEVEL_1').map((z) => z.part).sort();
      if (node.kind === 'SURFACE') expect(level1Parts).toEqual(['LAND', 'WATER']);
      else expect(node.zones.every((z) => z.part === 'LAND')).toBe(true);
    }
  });
});

describe('protection zones', () => {
  const box: BBoxColumns = { minLon: 116.9, minLat: 40.45, maxLon: 117.05, maxLat: 40.6 };
  const filters: { name: string; filter: string; expected: () => DemoZone[] }[] = [
    { name: 'no filter', filter: '', expected: () => zones() },
    ...LEVELS.map((level) => ({ name: `level ${level}`, filter: `filter: { level: ${level} }`, expected: () => zones().filter((z) => z.level === level) })),
    { name: 'part WATER', filter: 'filter: { part: WATER }', expected: () => zones().filter((z) => z.part === 'WATER') },
    {
      name: 'one water source',
      filter: 'filter: { waterSourceId: "WS-110118-01" }',
      expected: () => zones().filter((z) => z.waterSourceId === 'WS-110118-01'),
    },
    { name: 'an unknown water source', filter: 'filter: { waterSourceId: "WS-000000-00" }', expected: () => [] },
    {
      name: 'bbox around Miyun reservoir',
      filter: `filter: { bbox: { minLon: ${box.minLon}, minLat: ${box.minLat}, maxLon: ${box.maxLon}, maxLat: ${box.maxLat} } }`,
      expected: () => zones().filter((z) => geometriesIntersect(z.geometry, bboxPolygon(box))),
    },
    {
      name: 'bbox and level together',
      filter: `filter: { level: LEVEL_2, bbox: { minLon: ${box.minLon}, minLat: ${box.minLat}, maxLon: ${box.maxLon}, maxLat: ${box.maxLat} } }`,
      expected: () => zones().filter((z) => z.level === 'LEVEL_2' && geometriesIntersect(z.geometry, bboxPolygon(box))),
    },
  ];
  for (const { name, filter, expected } of filters) {
    it(`lists zones in id order with their total count: ${name}`, async () => {
      const { data, errors } = await harness.query(`{ protectionZones(${filter} first: 100) { ${PAGE} } }`);
      expect(errors).toBeUndefined();
      const want = expected().map((z) => z.id).sort(byCodeUnits);
      expect(nodeIds(data!.protectionZones)).toEqual(want);
      expect(data!.protectionZones.totalCount).toBe(want.length);
    });
  }

  it('excludes zones whose bounding box touches the filter box but whose polygon does not', async () => {
    // A box just inside a corner of a zone's bbox, outside the irregular polygon itself.
    const zone = zones().find((z) => z.level === 'LEVEL_2')!;
    const [minLon, minLat, maxLon, maxLat] = [zone.minLon!, zone.minLat!, zone.maxLon!, zone.maxLat!];
    const corner: BBoxColumns = { minLon, minLat, maxLon: minLon + (maxLon - minLon) * 0.05, maxLat: minLat + (maxLat - minLat) * 0.05 };
    expect(geometriesIntersect(zone.geometry, bboxPolygon(corner))).toBe(false);
    const { data } = await harness.query(`query($bbox: BBoxInput!) { protectionZones(filter: { bbox: $bbox }, first: 100) { ${PAGE} } }`, { bbox: corner });
    expect(nodeIds(data!.protectionZones)).not.toContain(zone.id);
    const want = zones().filter((z) => geometriesIntersect(z.geometry, bboxPolygon(corner))).map((z) => z.id).sort(byCodeUnits);
    expect(nodeIds(data!.protectionZones)).toEqual(want);
  });

  for (const [name, args] of [
    ['all zones', ''],
    ['a bbox filter (exact test in code)', 'filter: { bbox: { minLon: 115.5, minLat: 39.4, maxLon: 117.5, maxLat: 40.6 } }'],
  ] as const) {
    it(`pages through ${name} with cursors, without gaps or repeats`, async () => {
      const { ids, totalCount } = await allPages('protectionZones', args, 3);
      const all = new Set(ids);
      expect(all.size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort(byCodeUnits));
      expect(ids.length).toBe(totalCount);
      const { data } = await harness.query(`{ protectionZones(${args} first: 100) { ${PAGE} } }`);
      expect(ids).toEqual(nodeIds(data!.protectionZones));
    });
  }

  it('looks a zone up by id with its source, geometry, bbox, area and approval', async () => {
    const zone = zones().find((z) => z.part === 'WATER')!;
    const { data, errors } = await harness.query(
      `query($id: ID!) { protectionZone(id: $id) { id externalId level part waterSource { id kind } geometry bbox { minLon minLat maxLon maxLat } areaKm2 approvedOn approvalDocument } }`,
      { id: zone.id },
    );
    expect(errors).toBeUndefined();
    const source = sources().find((s) => s.id === zone.waterSourceId)!;
    expect(data!.protectionZone).toEqual({
      id: zone.id,
      externalId: zone.externalId,
      level: zone.level,
      part: zone.part,
      waterSource: { id: source.id, kind: source.kind },
      geometry: zone.geometry,
      bbox: { minLon: zone.minLon, minLat: zone.minLat, maxLon: zone.maxLon, maxLat: zone.maxLat },
      areaKm2: zone.areaKm2,
      approvedOn: zone.approvedOn,
      approvalDocument: zone.approvalDocument,
    });
    expect(data!.protectionZone.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('returns null for a zone id that does not exist', async () => {
    const { data, errors } = await harness.query(`{ protectionZone(id: "WS-110118-01-L9") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.protectionZone).toBeNull();
  });
});

describe('entities', () => {
  const entities = (selection: string, representations: unknown[]) =>
    harness.query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations });

  it('resolves water sources and zones by key, with null for unknown keys', async () => {
    const source = sources()[0]!;
    const zone = zones()[0]!;
    const { data, errors } = await entities(`... on WaterSource { id name } ... on ProtectionZone { id level }`, [
      { __typename: 'WaterSource', id: source.id },
      { __typename: 'ProtectionZone', id: zone.id },
      { __typename: 'WaterSource', id: 'WS-000000-00' },
      { __typename: 'ProtectionZone', id: 'WS-000000-00-L1' },
    ]);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: source.id, name: source.name }, { id: zone.id, level: zone.level }, null, null]);
  });

  it('gives every parcel the zones its geometry intersects, innermost level first, in one batch', async () => {
    const parcels = harness.demo.planning.parcels;
    const { data, errors } = await entities(
      `... on Parcel { id protectionZones { id level waterSource { id } } }`,
      parcels.map((p) => ({ __typename: 'Parcel', id: p.id, geometry: p.geometry })),
    );
    expect(errors).toBeUndefined();
    const want = parcels.map((p) => ({
      id: p.id,
      protectionZones: zones()
        .filter((z) => geometriesIntersect(z.geometry, p.geometry))
        .sort(byLevelThenId)
        .map((z) => ({ id: z.id, level: z.level, waterSource: { id: z.waterSourceId } })),
    }));
    expect(data!._entities).toEqual(want);
    // The demo places well fields on farmland: several farmland parcels lie in level 1 zones.
    const farmlandInLevel1 = want.filter(
      (w, i) => /^0[12]/.test(parcels[i]!.landUse) && w.protectionZones.some((z) => z.level === 'LEVEL_1'),
    );
    expect(farmlandInLevel1.length).toBeGreaterThanOrEqual(3);
  });

  it('selects the zone candidates of all parcels resolved together with one query, however many parcels', async () => {
    let selects = 0;
    const counting = new Proxy(harness.db, {
      get: (target, key, receiver) => {
        if (key === 'select') selects++;
        return Reflect.get(target, key, receiver);
      },
    });
    const loader = createZonesByParcelLoader(counting);
    // Three times the demo's parcels (over 600 geometries), under ids of their own.
    const parcels = [1, 2, 3].flatMap((copy) => harness.demo.planning.parcels.map((p) => ({ ...p, id: `${p.id}-COPY${copy}` })));
    const results = await Promise.all(parcels.map((p) => loader.load({ id: p.id, geometry: p.geometry })));
    expect(selects).toBe(1);
    expect(results.map((r) => r.map((z) => z.id))).toEqual(
      parcels.map((p) => zones().filter((z) => geometriesIntersect(z.geometry, p.geometry)).sort(byLevelThenId).map((z) => z.id)),
    );
  });

  it('gives a parcel outside every zone an empty list', async () => {
    const far: Geometry = { type: 'Polygon', coordinates: [[[100, 20], [100.01, 20], [100.01, 20.01], [100, 20.01], [100, 20]]] };
    const { data, errors } = await entities(`... on Parcel { id protectionZones { id } }`, [{ __typename: 'Parcel', id: 'nowhere', geometry: far }]);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: 'nowhere', protectionZones: [] }]);
  });

  it("extends districts with their water sources, accepting the pre-2015 aliases and refusing unknown codes", async () => {
    const { data, errors } = await entities(`... on District { code waterSources(first: 100) { ${PAGE} } }`, [
      { __typename: 'District', code: '110118' },
      { __typename: 'District', code: '110229' },
      { __typename: 'District', code: '110101' },
      { __typename: 'District', code: '999999' },
    ]);
    expect(errors).toBeUndefined();
    const [miyun, yanqing, dongcheng, unknown] = data!._entities as ({ code: string; waterSources: IdConnection } | null)[];
    for (const [district, code] of [[miyun, '110118'], [yanqing, '110119'], [dongcheng, '110101']] as const) {
      const want = sources().filter((s) => s.districtCode === code).map((s) => s.id).sort(byCodeUnits);
      expect(district!.code).toBe(code);
      expect(nodeIds(district!.waterSources)).toEqual(want);
      expect(district!.waterSources.totalCount).toBe(want.length);
    }
    expect(unknown).toBeNull();
  });

  it('gives every district all its water sources in id order, unpaged, with their zones, in one batch', async () => {
    const reps = [...harness.demo.planning.districts.map((d) => ({ __typename: 'District', code: d.code })), { __typename: 'District', code: '110228' }];
    const { data, errors } = await entities(`... on District { code allWaterSources { id district { code } zones { id } } }`, reps);
    expect(errors).toBeUndefined();
    let districtsWithSources = 0;
    reps.forEach((rep, i) => {
      const code = rep.code === '110228' ? '110118' : rep.code;
      const want = sources()
        .filter((s) => s.districtCode === code)
        .sort((a, b) => byCodeUnits(a.id, b.id))
        .map((s) => ({ id: s.id, district: { code }, zones: zones().filter((z) => z.waterSourceId === s.id).sort(byLevelThenId).map((z) => ({ id: z.id })) }));
      if (want.length > 0) districtsWithSources++;
      expect(data!._entities[i]).toEqual({ code, allWaterSources: want });
    });
    expect(districtsWithSources).toBeGreaterThan(1);
    expect(data!._entities.slice(0, -1).reduce((n: number, d: { allWaterSources: unknown[] }) => n + d.allWaterSources.length, 0)).toBe(sources().length);
    expect(data!._entities.some((d: { allWaterSources: unknown[] }) => d.allWaterSources.length === 0)).toBe(true);
  });

  it("gives every district its sources' zones taken together (ProtectionZoneSet), by source id then innermost level, and a set resolves by its district's code", async () => {
    const codes = harness.demo.planning.districts.map((d) => d.code);
    const zonesOf = (code: string) =>
      sources()
        .filter((s) => s.districtCode === code)
        .sort((a, b) => byCodeUnits(a.id, b.id))
        .flatMap((s) => zones().filter((z) => z.waterSourceId === s.id).sort(byLevelThenId).map((z) => ({ id: z.id })));
    const { data, errors } = await entities(`... on District { code waterSourceZones { districtCode zones { id } } }`, codes.map((code) => ({ __typename: 'District', code })));
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual(codes.map((code) => ({ code, waterSourceZones: { districtCode: code, zones: zonesOf(code) } })));
    expect(codes.filter((code) => zonesOf(code).length > 1).length).toBeGreaterThan(1);
    // By key: the pre-2015 code of Miyun names today's district; a code that names none resolves to null.
    const sets = await entities(`... on ProtectionZoneSet { districtCode zones { id } }`, [
      { __typename: 'ProtectionZoneSet', districtCode: '110228' },
      { __typename: 'ProtectionZoneSet', districtCode: '310000' },
    ]);
    expect(sets.errors).toBeUndefined();
    expect(sets.data!._entities).toEqual([{ districtCode: '110118', zones: zonesOf('110118') }, null]);
  });

  it('selects the water sources of all districts resolved together with one query', async () => {
    let selects = 0;
    const counting = new Proxy(harness.db, {
      get: (target, key, receiver) => {
        if (key === 'select') selects++;
        return Reflect.get(target, key, receiver);
      },
    });
    const loader = createWaterSourcesByDistrictCodeLoader(counting);
    const codes = harness.demo.planning.districts.map((d) => d.code);
    const results = await Promise.all(codes.map((code) => loader.load(code)));
    expect(selects).toBe(1);
    expect(results.map((r) => r.map((s) => s.id))).toEqual(
      codes.map((code) => sources().filter((s) => s.districtCode === code).map((s) => s.id).sort(byCodeUnits)),
    );
  });

  it("lists a district's several water sources in id order (extra sources added in a transaction rolled back)", async () => {
    const miyun = sources().filter((s) => s.districtCode === '110118');
    const template = miyun[0]!;
    const extra = ['WS-110118-00', 'WS-110118-99'].map((id) => ({ ...template, id, externalId: `demo-water-test-${id}` }));
    const want = [...miyun.map((s) => s.id), ...extra.map((s) => s.id)].sort(byCodeUnits);
    let got: string[] = [];
    await expect(
      harness.db.transaction(async (tx) => {
        await tx.insert(waterSources).values([extra[1]!, extra[0]!]);
        got = (await createWaterSourcesByDistrictCodeLoader(tx as unknown as typeof harness.db).load('110118')).map((s) => s.id);
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(2);
    const { data } = await entities(`... on District { allWaterSources { id } }`, [{ __typename: 'District', code: '110118' }]);
    expect(data!._entities[0].allWaterSources.map((s: { id: string }) => s.id)).toEqual(miyun.map((s) => s.id).sort(byCodeUnits));
  });

  for (const [name, filter, code, expected] of [
    ['narrows by kind', '{ kind: SURFACE }', '110118', (s: { kind: string; districtCode: string }) => s.kind === 'SURFACE' && s.districtCode === '110118'],
    ['matches nothing when the filter names another district', '{ districtCode: "110116" }', '110118', () => false],
  ] as const) {
    it(`filters a district's water sources: ${name}`, async () => {
      const { data, errors } = await entities(`... on District { waterSources(filter: ${filter}, first: 100) { ${PAGE} } }`, [
        { __typename: 'District', code },
      ]);
      expect(errors).toBeUndefined();
      const want = sources().filter(expected).map((s) => s.id).sort(byCodeUnits);
      expect(nodeIds(data!._entities[0].waterSources)).toEqual(want);
      expect(data!._entities[0].waterSources.totalCount).toBe(want.length);
    });
  }
});

describe('bad input', () => {
  const cases: { name: string; query: string; argumentPath: (string | number)[] }[] = [
    { name: 'an unknown district code', query: `{ waterSources(filter: { districtCode: "120101" }) { totalCount } }`, argumentPath: ['filter', 'districtCode'] },
    {
      name: 'a bbox with min above max',
      query: `{ waterSources(filter: { bbox: { minLon: 117, minLat: 40, maxLon: 116, maxLat: 41 } }) { totalCount } }`,
      argumentPath: ['filter', 'bbox'],
    },
    {
      name: 'a zone bbox out of WGS84 range',
      query: `{ protectionZones(filter: { bbox: { minLon: 116, minLat: 40, maxLon: 190, maxLat: 41 } }) { totalCount } }`,
      argumentPath: ['filter', 'bbox'],
    },
    { name: 'first above 100', query: `{ protectionZones(first: 101) { totalCount } }`, argumentPath: ['first'] },
    { name: 'a negative first', query: `{ waterSources(first: -1) { totalCount } }`, argumentPath: ['first'] },
    { name: 'a malformed cursor', query: `{ waterSources(after: "not-a-cursor") { totalCount } }`, argumentPath: ['after'] },
    { name: "a cursor of another list's shape", query: `{ protectionZones(after: "WzFd") { totalCount } }`, argumentPath: ['after'] },
  ];
  for (const { name, query, argumentPath } of cases) {
    it(`refuses ${name} with BAD_USER_INPUT naming the argument`, async () => {
      const { data, errors } = await harness.query(query);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
    });
  }

  it("refuses a district's water-source filter naming an unknown district", async () => {
    const { errors } = await harness.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on District { waterSources(filter: { districtCode: "1101" }) { totalCount } } } }`,
      { r: [{ __typename: 'District', code: '110118' }] },
    );
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'districtCode'] });
    expect(errors![0]!.path).toEqual(['_entities', 0, 'waterSources']);
  });

  it('refuses Parcel.protectionZones when the representation lacks the required geometry', async () => {
    const { errors } = await harness.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Parcel { protectionZones { id } } } }`,
      { r: [{ __typename: 'Parcel', id: '110118-P0001' }] },
    );
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errors![0]!.path).toEqual(['_entities', 0, 'protectionZones']);
  });
});
