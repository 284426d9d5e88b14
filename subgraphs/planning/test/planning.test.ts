import { sqlStatementCount } from '@soilgraph/db';
import { LAND_USE_CODES, plannedUseByCode } from '@soilgraph/domain';
import { geometriesIntersect } from '@soilgraph/geo';
import { createSubgraphHarness, type GraphQLResult, type SubgraphHarness } from '@soilgraph/testkit';
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

type DemoChange = SubgraphHarness['demo']['planning']['landUseChanges'][number];
type DemoParcel = SubgraphHarness['demo']['planning']['parcels'][number];
interface ChangePage {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Uses a change to which needs a soil survey first (plan items 16-17), written out here independently. */
const SURVEY_USES = new Set(['R', 'R1', 'R2', 'R3', 'B', 'B1', 'B2', 'A33', 'A5', 'A6', 'G1']);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: DemoChange, b: DemoChange) => byCodeUnits(b.proposedOn, a.proposedOn) || byCodeUnits(b.id, a.id);
const oldestFirst = (a: DemoChange, b: DemoChange) => byCodeUnits(a.proposedOn, b.proposedOn) || byCodeUnits(a.id, b.id);
const changes = () => harness.demo.planning.landUseChanges;
const parcels = () => harness.demo.planning.parcels;
const isSensitive = (c: DemoChange) => SURVEY_USES.has(c.toPlannedUse) && c.status !== 'REJECTED';
const CHANGE_FIELDS = `id externalId caseNumber parcel { id } district { code } fromPlannedUse toPlannedUse toPlannedUseName
  requiresSoilSurvey status proposedOn decidedOn`;

function asApi(c: DemoChange) {
  return {
    id: c.id,
    externalId: c.externalId,
    caseNumber: c.caseNumber,
    parcel: { id: c.parcelId },
    district: { code: c.districtCode },
    fromPlannedUse: c.fromPlannedUse,
    toPlannedUse: c.toPlannedUse,
    toPlannedUseName: plannedUseByCode(c.toPlannedUse)!.name,
    requiresSoilSurvey: SURVEY_USES.has(c.toPlannedUse),
    status: c.status,
    proposedOn: c.proposedOn,
    decidedOn: c.decidedOn,
  };
}

/** Every id landUseChanges returns for a filter, following endCursor page by page. */
async function allChangeIds(filter: Record<string, unknown> | null, pageSize: number): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const { data, errors }: GraphQLResult<{ landUseChanges: ChangePage }> = await harness.query(
      `query($filter: LandUseChangeFilter, $first: Int, $after: String) {
        landUseChanges(filter: $filter, first: $first, after: $after) {
          totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }`,
      { filter, first: pageSize, after },
    );
    expect(errors).toBeUndefined();
    const page: ChangePage = data!.landUseChanges;
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    ids.push(...page.edges.map((e) => e.node.id));
    totalCount = page.totalCount;
    pages++;
    if (!page.pageInfo.hasNextPage) return { ids, pages, totalCount };
    expect(page.edges).toHaveLength(pageSize);
    after = page.pageInfo.endCursor;
  }
}

describe('planning demo data: the case register', () => {
  it('records an approved change to every planned use a parcel has, decided 30-200 days after it was proposed in 2017-2023', () => {
    const withPlannedUse = parcels().filter((p) => p.plannedUse);
    expect(withPlannedUse.length).toBeGreaterThan(0);
    for (const parcel of withPlannedUse) {
      const approved = changes().filter((c) => c.parcelId === parcel.id && c.status === 'APPROVED');
      expect(approved, parcel.id).toHaveLength(1);
      const [change] = approved;
      expect(change!.toPlannedUse).toBe(parcel.plannedUse);
      expect(change!.fromPlannedUse).not.toBe(parcel.plannedUse);
      expect(change!.proposedOn >= '2017-01-01' && change!.proposedOn <= '2023-12-31').toBe(true);
      const days = (Date.parse(change!.decidedOn!) - Date.parse(change!.proposedOn)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(30);
      expect(days).toBeLessThanOrEqual(200);
    }
    expect(changes().filter((c) => c.status === 'APPROVED')).toHaveLength(withPlannedUse.length);
  });

  it('keeps open and rejected cases on parcels without a planned use, open ones undecided and to a sensitive use', () => {
    const open = changes().filter((c) => c.status === 'PROPOSED');
    const rejected = changes().filter((c) => c.status === 'REJECTED');
    expect(open.length).toBeGreaterThanOrEqual(Math.floor(parcels().length / 16));
    expect(rejected.length).toBeGreaterThan(0);
    for (const c of [...open, ...rejected]) {
      const parcel = parcels().find((p) => p.id === c.parcelId)!;
      expect(parcel.plannedUse).toBeNull();
      expect(c.fromPlannedUse).toBeNull();
      expect(c.districtCode).toBe(parcel.districtCode);
    }
    for (const c of open) {
      expect(['R2', 'A33', 'A5', 'A6', 'G1']).toContain(c.toPlannedUse);
      expect(c.decidedOn).toBeNull();
    }
    for (const c of rejected) expect(c.decidedOn! > c.proposedOn).toBe(true);
  });

  it('numbers each district\'s cases LUC-<district>-<serial> in the order they were proposed', () => {
    for (const district of harness.demo.planning.districts) {
      const mine = changes().filter((c) => c.districtCode === district.code).sort(oldestFirst);
      mine.forEach((c, i) => expect(c.id).toBe(`LUC-${district.code}-${String(i + 1).padStart(3, '0')}`));
    }
  });
});

describe('planning subgraph: the city', () => {
  it('gives Beijing with its 16 districts in code order', async () => {
    const { data, errors } = await harness.query(`{ city { code name nameZh districts { code name } } }`);
    expect(errors).toBeUndefined();
    expect(data!.city).toEqual({
      code: '110000',
      name: 'Beijing',
      nameZh: '北京市',
      districts: [...harness.demo.planning.districts].sort((a, b) => byCodeUnits(a.code, b.code)).map((d) => ({ code: d.code, name: d.name })),
    });
    expect(data!.city.districts).toHaveLength(16);
  });

  it('resolves the City entity for 110000 only', async () => {
    const { data, errors } = await harness.query(
      `{ _entities(representations: [{ __typename: "City", code: "110000" }, { __typename: "City", code: "310000" }, { __typename: "City", code: "110108" }]) {
        ... on City { code name }
      } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ code: '110000', name: 'Beijing' }, null, null]);
  });

  it('lists sensitive-use changes that were not rejected, newest proposed first, then by id descending', async () => {
    const { data, errors } = await harness.query(`{ city { sensitiveUseChanges { ${CHANGE_FIELDS} } } }`);
    expect(errors).toBeUndefined();
    const want = changes().filter(isSensitive).sort(newestFirst);
    expect(data!.city.sensitiveUseChanges).toEqual(want.map(asApi));
    // Not vacuous: the list holds approved and open cases, and leaves out rejected and non-sensitive ones.
    expect(new Set(want.map((c) => c.status))).toEqual(new Set(['APPROVED', 'PROPOSED']));
    expect(changes().some((c) => c.status === 'REJECTED' && SURVEY_USES.has(c.toPlannedUse))).toBe(true);
    expect(changes().some((c) => c.status !== 'REJECTED' && !SURVEY_USES.has(c.toPlannedUse))).toBe(true);
  });
});

describe('planning subgraph: district lists', () => {
  const allDistrictReps = () => harness.demo.planning.districts.map((d) => ({ __typename: 'District', code: d.code }));

  it("gives every district all its parcels in id order, and its sensitive-use changes newest first", async () => {
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on District { code allParcels { id district { code } } sensitiveUseChanges { id status } } } }`,
      { reps: allDistrictReps() },
    );
    expect(errors).toBeUndefined();
    let districtsWithSensitive = 0;
    harness.demo.planning.districts.forEach((district, i) => {
      const entity = data!._entities[i];
      const mine = parcels().filter((p) => p.districtCode === district.code).map((p) => p.id).sort(byCodeUnits);
      expect(entity.code).toBe(district.code);
      expect(entity.allParcels.map((p: { id: string }) => p.id)).toEqual(mine);
      expect(entity.allParcels.every((p: { district: { code: string } }) => p.district.code === district.code)).toBe(true);
      const sensitive = changes().filter((c) => c.districtCode === district.code && isSensitive(c)).sort(newestFirst);
      expect(entity.sensitiveUseChanges).toEqual(sensitive.map((c) => ({ id: c.id, status: c.status })));
      if (sensitive.length > 1) districtsWithSensitive++;
    });
    expect(districtsWithSensitive).toBeGreaterThan(0);
  });

  it("pages every district's parcels at once, with a filter and a cursor, whole and in a box", async () => {
    const box = { minLon: 116.2, minLat: 39.75, maxLon: 116.7, maxLat: 40.1 };
    const boxPolygon = { type: 'Polygon' as const, coordinates: [[[box.minLon, box.minLat], [box.maxLon, box.minLat], [box.maxLon, box.maxLat], [box.minLon, box.maxLat], [box.minLon, box.minLat]]] };
    for (const [filter, keep] of [
      ['{ landUse: ["01", "07"] }', (p: DemoParcel) => /^0[17]/.test(p.landUse)],
      [`{ bbox: { minLon: ${box.minLon}, minLat: ${box.minLat}, maxLon: ${box.maxLon}, maxLat: ${box.maxLat} } }`, (p: DemoParcel) => geometriesIntersect(p.geometry, boxPolygon)],
    ] as const) {
      const page = (after: string | null) =>
        harness.query(`query($after: String) { districts(first: 16) { edges { node { code parcels(first: 2, after: $after, filter: ${filter}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } } } }`, { after });
      const first = await page(null);
      expect(first.errors).toBeUndefined();
      const wanted = (code: string) => parcels().filter((p) => p.districtCode === code && keep(p)).map((p) => p.id).sort(byCodeUnits);
      for (const { node } of first.data!.districts.edges) {
        expect(node.parcels.totalCount, `${filter} ${node.code}`).toBe(wanted(node.code).length);
        expect(node.parcels.edges.map((e: { node: { id: string } }) => e.node.id), `${filter} ${node.code}`).toEqual(wanted(node.code).slice(0, 2));
        expect(node.parcels.pageInfo.hasNextPage).toBe(wanted(node.code).length > 2);
      }
      // The next page of a district with more, from its cursor: the cursor is a parcel id, so the other districts answer after it too.
      const busy = first.data!.districts.edges.find((e: { node: { parcels: { pageInfo: { hasNextPage: boolean } } } }) => e.node.parcels.pageInfo.hasNextPage)!.node;
      const next = await page(busy.parcels.pageInfo.endCursor);
      const nextOfBusy = next.data!.districts.edges.find((e: { node: { code: string } }) => e.node.code === busy.code).node;
      expect(nextOfBusy.parcels.edges.map((e: { node: { id: string } }) => e.node.id), filter).toEqual(wanted(busy.code).slice(2, 4));
    }
  });

  it('reaches the same lists through the city', async () => {
    const { data, errors } = await harness.query(`{ city { districts { code allParcels { id } } } }`);
    expect(errors).toBeUndefined();
    const total = data!.city.districts.reduce((n: number, d: { allParcels: unknown[] }) => n + d.allParcels.length, 0);
    expect(total).toBe(parcels().length);
  });
});

describe('planning subgraph: land-use changes', () => {
  it('looks a change up by id with every field, and gives null for an unknown id', async () => {
    const sample = [changes().find((c) => c.status === 'APPROVED' && c.fromPlannedUse !== null)!, changes().find((c) => c.status === 'PROPOSED')!];
    for (const change of sample) {
      const { data, errors } = await harness.query(`query($id: ID!) { landUseChange(id: $id) { ${CHANGE_FIELDS} } }`, { id: change.id });
      expect(errors).toBeUndefined();
      expect(data!.landUseChange).toEqual(asApi(change));
    }
    const { data, errors } = await harness.query(`{ landUseChange(id: "LUC-110101-999") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.landUseChange).toBeNull();
  });

  it('lists every change with every field, most recently proposed first, then by id descending', async () => {
    const { data, errors } = await harness.query(`{ landUseChanges(first: 100) { totalCount edges { node { ${CHANGE_FIELDS} } } } }`);
    expect(errors).toBeUndefined();
    expect(changes().length).toBeLessThanOrEqual(100);
    expect(data!.landUseChanges.totalCount).toBe(changes().length);
    expect(data!.landUseChanges.edges.map((e: { node: unknown }) => e.node)).toEqual([...changes()].sort(newestFirst).map(asApi));
  });

  it('pages through all changes with cursors, without gaps or repeats', async () => {
    const { ids, pages, totalCount } = await allChangeIds(null, 7);
    const want = [...changes()].sort(newestFirst).map((c) => c.id);
    expect(ids).toEqual(want);
    expect(totalCount).toBe(want.length);
    expect(pages).toBe(Math.ceil(want.length / 7));
  });

  const someParcel = () => changes().find((c) => c.status === 'APPROVED')!.parcelId;
  const filters: { name: string; filter: () => Record<string, unknown>; keep: (c: DemoChange) => boolean }[] = [
    { name: 'district Haidian', filter: () => ({ districtCode: '110108' }), keep: (c) => c.districtCode === '110108' },
    { name: 'district by the pre-2015 alias of Miyun', filter: () => ({ districtCode: '110228' }), keep: (c) => c.districtCode === '110118' },
    { name: 'one parcel', filter: () => ({ parcelId: someParcel() }), keep: (c) => c.parcelId === someParcel() },
    { name: 'status PROPOSED', filter: () => ({ status: 'PROPOSED' }), keep: (c) => c.status === 'PROPOSED' },
    { name: 'status REJECTED', filter: () => ({ status: 'REJECTED' }), keep: (c) => c.status === 'REJECTED' },
    { name: 'needing a soil survey', filter: () => ({ requiresSoilSurvey: true }), keep: (c) => SURVEY_USES.has(c.toPlannedUse) },
    { name: 'needing no soil survey', filter: () => ({ requiresSoilSurvey: false }), keep: (c) => !SURVEY_USES.has(c.toPlannedUse) },
    {
      name: 'proposed in 2019-2021',
      filter: () => ({ proposed: { from: '2019-01-01', to: '2021-12-31' } }),
      keep: (c) => c.proposedOn >= '2019-01-01' && c.proposedOn <= '2021-12-31',
    },
    { name: 'proposed from 2024, open-ended', filter: () => ({ proposed: { from: '2024-01-01' } }), keep: (c) => c.proposedOn >= '2024-01-01' },
    { name: 'proposed up to 2018, open-ended', filter: () => ({ proposed: { to: '2018-12-31' } }), keep: (c) => c.proposedOn <= '2018-12-31' },
    {
      name: 'open cases needing a survey in the plain districts',
      filter: () => ({ status: 'PROPOSED', requiresSoilSurvey: true, districtCode: '110112' }),
      keep: (c) => c.status === 'PROPOSED' && SURVEY_USES.has(c.toPlannedUse) && c.districtCode === '110112',
    },
  ];
  for (const { name, filter, keep } of filters) {
    it(`filters changes: ${name}`, async () => {
      const want = changes().filter(keep).sort(newestFirst).map((c) => c.id);
      expect(want.length).toBeGreaterThan(0);
      const { ids, totalCount } = await allChangeIds(filter(), 4);
      expect(ids).toEqual(want);
      expect(totalCount).toBe(want.length);
    });
  }

  it("lists each parcel's changes oldest first, and none on a parcel without any", async () => {
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Parcel { id plannedUse landUseChanges { id status toPlannedUse } } } }`,
      { reps: parcels().map((p) => ({ __typename: 'Parcel', id: p.id })) },
    );
    expect(errors).toBeUndefined();
    let withChanges = 0;
    parcels().forEach((parcel, i) => {
      const want = changes().filter((c) => c.parcelId === parcel.id).sort(oldestFirst);
      if (want.length > 0) withChanges++;
      expect(data!._entities[i].landUseChanges).toEqual(want.map((c) => ({ id: c.id, status: c.status, toPlannedUse: c.toPlannedUse })));
    });
    expect(withChanges).toBe(new Set(changes().map((c) => c.parcelId)).size);
    expect(withChanges).toBeLessThan(parcels().length);
  });

  it('resolves LandUseChange entities by id, and null for an unknown id', async () => {
    const sample = changes().slice(0, 3);
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on LandUseChange { id parcel { id } status } } }`,
      { reps: [...sample.map((c) => ({ __typename: 'LandUseChange', id: c.id })), { __typename: 'LandUseChange', id: 'LUC-000000-001' }] },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([...sample.map((c) => ({ id: c.id, parcel: { id: c.parcelId }, status: c.status })), null]);
  });
});

describe('planning subgraph: ProtectionZone extension', () => {
  const zones = () => harness.demo.water.zones;
  const zoneReps = () => zones().map((z) => ({ __typename: 'ProtectionZone', id: z.id, geometry: z.geometry }));

  it('gives every zone the parcels whose boundary intersects it, in id order', async () => {
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZone { id parcels { id } } } }`,
      { reps: zoneReps() },
    );
    expect(errors).toBeUndefined();
    let zonesWithParcels = 0;
    zones().forEach((zone, i) => {
      const want = parcels().filter((p) => geometriesIntersect(p.geometry, zone.geometry)).map((p) => p.id).sort(byCodeUnits);
      if (want.length > 0) zonesWithParcels++;
      expect(data!._entities[i]).toEqual({ id: zone.id, parcels: want.map((id) => ({ id })) });
    });
    expect(zonesWithParcels).toBeGreaterThan(0);
  });

  it("gives a district's zones taken together (ProtectionZoneSet) the parcels intersecting any of them, each once, in id order", async () => {
    const byDistrict = new Map<string, typeof zones extends () => infer Z ? Z : never>();
    for (const zone of zones()) {
      const code = harness.demo.water.sources.find((s) => s.id === zone.waterSourceId)!.districtCode;
      byDistrict.set(code, [...(byDistrict.get(code) ?? []), zone]);
    }
    const codes = [...byDistrict.keys()].sort(byCodeUnits);
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZoneSet { districtCode parcels { id } } } }`,
      { reps: codes.map((code) => ({ __typename: 'ProtectionZoneSet', districtCode: code, zones: byDistrict.get(code)!.map((z) => ({ id: z.id, geometry: z.geometry })) })) },
    );
    expect(errors).toBeUndefined();
    let overlapping = 0;
    codes.forEach((code, i) => {
      const perZone = byDistrict.get(code)!.flatMap((zone) => parcels().filter((p) => geometriesIntersect(p.geometry, zone.geometry)).map((p) => p.id));
      const want = [...new Set(perZone)].sort(byCodeUnits);
      if (want.length < perZone.length) overlapping++;
      expect(data!._entities[i]).toEqual({ districtCode: code, parcels: want.map((id) => ({ id })) });
    });
    // The zones do overlap: listed per zone, some parcels would come more than once.
    expect(overlapping).toBeGreaterThan(0);
  });

  it('refuses a ProtectionZoneSet without its zones, or a zone without its polygon, with BAD_USER_INPUT naming what is missing', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZoneSet { parcels { id } } } }`;
    const noZones = await harness.query(query, { reps: [{ __typename: 'ProtectionZoneSet', districtCode: '110108' }] });
    expect(noZones.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noZones.errors?.[0]?.message).toContain('lacks zones');
    const noPolygon = await harness.query(query, { reps: [{ __typename: 'ProtectionZoneSet', districtCode: '110108', zones: [{ id: zones()[0]!.id }] }] });
    expect(noPolygon.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noPolygon.errors?.[0]?.message).toContain('geometry');
  });

  it('finds the parcels of any number of zones with as many statements as for one zone', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZone { id parcels { id } } } }`;
    // Zones under ids of their own, so that no result is remembered from another test.
    const copies = (n: number, tag: string) =>
      Array.from({ length: n }, (_, copy) => zoneReps().map((z) => ({ ...z, id: `${z.id}-${tag}${copy}` }))).flat();
    const statementsFor = async (reps: ReturnType<typeof zoneReps>) => {
      const before = sqlStatementCount();
      const { data, errors } = await harness.query(query, { reps });
      expect(errors).toBeUndefined();
      expect(data!._entities).toHaveLength(reps.length);
      return sqlStatementCount() - before;
    };
    const one = await statementsFor(copies(1, 'ONE').slice(0, 1));
    const many = copies(Math.ceil(600 / zones().length), 'MANY');
    expect(many.length).toBeGreaterThanOrEqual(600);
    expect(await statementsFor(many)).toBe(one);
  });

  it('groups the parcels around each zone by first-level land-use class, in code order, areas summed', async () => {
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZone { id landUse { landUse landUseName parcels areaHa } } } }`,
      { reps: zoneReps() },
    );
    expect(errors).toBeUndefined();
    let zonesWithSeveralClasses = 0;
    zones().forEach((zone, i) => {
      const inside = parcels().filter((p) => geometriesIntersect(p.geometry, zone.geometry)).sort((a, b) => byCodeUnits(a.id, b.id));
      const classes = [...new Set(inside.map((p) => p.landUse.slice(0, 2)))].sort(byCodeUnits);
      if (classes.length > 1) zonesWithSeveralClasses++;
      const got = data!._entities[i].landUse as { landUse: string; landUseName: string; parcels: number; areaHa: number }[];
      expect(got.map((s) => s.landUse)).toEqual(classes);
      classes.forEach((code, k) => {
        const mine = inside.filter((p) => p.landUse.startsWith(code));
        expect(got[k]!.landUseName).toBe(LAND_USE_CODES[code]);
        expect(got[k]!.parcels).toBe(mine.length);
        expect(got[k]!.areaHa).toBeCloseTo(mine.reduce((sum, p) => sum + p.areaHa, 0), 2);
        expect(Math.round(got[k]!.areaHa * 100)).toBeCloseTo(got[k]!.areaHa * 100, 6);
      });
    });
    expect(zonesWithSeveralClasses).toBeGreaterThan(0);
  });

  it('gives an empty list for a zone far from every parcel', async () => {
    const farAway = { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.21], [121.4, 31.2]]] };
    const { data, errors } = await harness.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProtectionZone { id parcels { id } landUse { landUse } } } }`,
      { reps: [{ __typename: 'ProtectionZone', id: 'elsewhere', geometry: farAway }] },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: 'elsewhere', parcels: [], landUse: [] }]);
  });

  for (const field of ['parcels { id }', 'landUse { landUse }']) {
    it(`refuses ${field.split(' ')[0]} for a zone representation without its geometry`, async () => {
      const { errors } = await harness.query(
        `{ _entities(representations: [{ __typename: "ProtectionZone", id: "${harness.demo.water.zones[0]!.id}" }]) { ... on ProtectionZone { id ${field} } } }`,
      );
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['representations'] });
      expect(errors![0]!.message).toMatch(/geometry/);
    });
  }
});

describe('planning subgraph: bad input to land-use changes', () => {
  const changesWith = (variables: Record<string, unknown>) =>
    [`query($filter: LandUseChangeFilter, $first: Int, $after: String) { landUseChanges(filter: $filter, first: $first, after: $after) { totalCount } }`, variables] as const;
  const cases: [string, readonly [string, Record<string, unknown>], (string | number)[]][] = [
    ['an unknown district code', changesWith({ filter: { districtCode: '110199' } }), ['filter', 'districtCode']],
    ['a district code that is no code at all', changesWith({ filter: { districtCode: 'Haidian' } }), ['filter', 'districtCode']],
    ['a proposal range that ends before it starts', changesWith({ filter: { proposed: { from: '2022-01-02', to: '2022-01-01' } } }), ['filter', 'proposed']],
    ['first above 100', changesWith({ first: 101 }), ['first']],
    ['a negative first', changesWith({ first: -1 }), ['first']],
    ['a malformed cursor', changesWith({ after: 'not-a-cursor' }), ['after']],
    ['a parcel-list cursor', changesWith({ after: Buffer.from(JSON.stringify(['110101-P0001'])).toString('base64url') }), ['after']],
    ['a cursor whose date is no date', changesWith({ after: Buffer.from(JSON.stringify(['2020-13-45', 'LUC-110101-001'])).toString('base64url') }), ['after']],
  ];
  for (const [what, [query, variables], argumentPath] of cases) {
    it(`rejects ${what} with BAD_USER_INPUT naming ${argumentPath.join('.')}`, async () => {
      const { data, errors } = await harness.query(query, variables);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
    });
  }

  it('rejects a proposal date that is no calendar date', async () => {
    const { errors } = await harness.query(`query($filter: LandUseChangeFilter) { landUseChanges(filter: $filter) { totalCount } }`, {
      filter: { proposed: { from: '2021-02-30' } },
    });
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
