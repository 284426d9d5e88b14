import { ANALYTES } from '@soilgraph/domain';
import { type BBoxColumns, geometriesIntersect } from '@soilgraph/geo';
import { createSubgraphHarness, type GraphQLResult, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMeasurementsBySampleIdLoader } from '../src/loaders/measurements-by-sample-id.ts';
import { environmentSubgraph } from '../src/server.ts';
import { applicableSoilStandard } from '../src/assessment/index.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(environmentSubgraph);
});
afterAll(() => harness.close());

type Demo = SubgraphHarness['demo'];
type DemoPoint = Demo['environment']['points'][number];
type DemoSample = Demo['environment']['samples'][number];
type DemoMeasurement = Demo['environment']['measurements'][number];
type DemoEnterprise = Demo['environment']['enterprises'][number];
interface IdConnection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const points = () => harness.demo.environment.points;
const samples = () => harness.demo.environment.samples;
const measurements = () => harness.demo.environment.measurements;
const enterprises = () => harness.demo.environment.enterprises;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: DemoSample, b: DemoSample) => byCodeUnits(b.sampledOn, a.sampledOn) || byCodeUnits(b.id, a.id);
const pointIds = (rows: DemoPoint[]) => rows.map((p) => p.id).sort(byCodeUnits);
const sampleIds = (rows: DemoSample[]) => [...rows].sort(newestFirst).map((s) => s.id);
const measuredSampleIds = (analyte: string) => new Set(measurements().filter((m) => m.analyte === analyte).map((m) => m.sampleId));
const nodeIds = (c: IdConnection) => c.edges.map((e) => e.node.id);
const inBox = (lon: number, lat: number, b: BBoxColumns) => lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat;
const ANALYTE_ORDER = (a: DemoMeasurement, b: DemoMeasurement) => ANALYTES.indexOf(a.analyte) - ANALYTES.indexOf(b.analyte);
const PAGE = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const ENTERPRISE_PAGE = `totalCount edges { cursor node { id: creditCode } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

/** Follows endCursor until the last page, collecting ids; checks pageInfo along the way. */
async function allPages(field: string, args: string, pageSize: number, selection = PAGE): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const { data, errors }: GraphQLResult<Record<string, IdConnection>> = await harness.query(
      `query($after: String) { ${field}(${args} first: ${pageSize}, after: $after) { ${selection} } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    const connection: IdConnection = data![field]!;
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    ids.push(...nodeIds(connection));
    totalCount = connection.totalCount;
    pages++;
    if (!connection.pageInfo.hasNextPage) return { ids, pages, totalCount };
    expect(connection.edges).toHaveLength(pageSize);
    after = connection.pageInfo.endCursor;
  }
}

const entities = (selection: string, representations: unknown[]) =>
  harness.query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations });

describe('environment demo data', () => {
  it('labels every row synthetic and gives it a demo-environment externalId', () => {
    for (const row of [...points(), ...samples(), ...enterprises()]) expect(row.externalId).toMatch(/^demo-environment-/);
    for (const row of [...points(), ...enterprises()]) expect(row.name).toMatch(/ \(synthetic\)$/);
    for (const sample of samples()) expect(sample.lab).toMatch(/ \(synthetic\)$/);
  });

  it('runs the network at three levels in every district and watches every water source', () => {
    for (const district of harness.demo.planning.districts) {
      const levels = new Set(points().filter((p) => p.districtCode === district.code).map((p) => p.level));
      expect([...levels].sort()).toEqual(['DISTRICT', 'MUNICIPAL', 'NATIONAL']);
    }
    for (const source of harness.demo.water.sources) {
      expect(points().filter((p) => p.waterSourceId === source.id && p.purpose === 'WATER_SOURCE')).toHaveLength(1);
    }
  });

  it('stores results below the detection limit as null with the limit, never as 0', () => {
    const below = measurements().filter((m) => m.belowDetectionLimit);
    expect(below.length).toBeGreaterThan(0);
    for (const m of below) {
      expect(m.valueMgPerKg).toBeNull();
      expect(m.detectionLimitMgPerKg).toBeGreaterThan(0);
    }
    for (const m of measurements().filter((x) => !x.belowDetectionLimit)) expect(m.valueMgPerKg).toBeGreaterThan(0);
  });

  it('has farmland in a level 1 or level 2 protection zone with cadmium above 0.3 mg/kg when water has zones', () => {
    const zones = harness.demo.water.zones.filter((z) => z.level !== 'QUASI');
    const parcels = new Map(harness.demo.planning.parcels.map((p) => [p.id, p]));
    const sampleById = new Map(samples().map((s) => [s.id, s]));
    const hits = measurements().filter((m) => {
      const parcelId = sampleById.get(m.sampleId)!.parcelId;
      const parcel = parcelId === null ? undefined : parcels.get(parcelId);
      return (
        m.analyte === 'CADMIUM' &&
        (m.valueMgPerKg ?? 0) > 0.3 &&
        parcel !== undefined &&
        parcel.landUse.startsWith('01') &&
        zones.some((z) => geometriesIntersect(z.geometry, parcel.geometry))
      );
    });
    if (zones.length === 0) expect(hits).toEqual([]);
    else expect(hits.length).toBeGreaterThan(0);
  });
});

describe('monitoring points', () => {
  const box: BBoxColumns = { minLon: 116.0, minLat: 39.9, maxLon: 116.4, maxLat: 40.1 };
  const filters: { name: string; filter: string; expected: () => DemoPoint[] }[] = [
    { name: 'no filter', filter: '', expected: () => points() },
    { name: 'district Haidian', filter: 'filter: { districtCode: "110108" }', expected: () => points().filter((p) => p.districtCode === '110108') },
    { name: 'district by the pre-2015 alias of Miyun', filter: 'filter: { districtCode: "110228" }', expected: () => points().filter((p) => p.districtCode === '110118') },
    ...(['NATIONAL', 'MUNICIPAL', 'DISTRICT'] as const).map((level) => ({
      name: `level ${level}`,
      filter: `filter: { level: ${level} }`,
      expected: () => points().filter((p) => p.level === level),
    })),
    ...(['FARMLAND', 'CONSTRUCTION_LAND', 'WATER_SOURCE'] as const).map((purpose) => ({
      name: `purpose ${purpose}`,
      filter: `filter: { purpose: ${purpose} }`,
      expected: () => points().filter((p) => p.purpose === purpose),
    })),
    {
      name: 'bbox over Haidian and Xicheng',
      filter: `filter: { bbox: { minLon: ${box.minLon}, minLat: ${box.minLat}, maxLon: ${box.maxLon}, maxLat: ${box.maxLat} } }`,
      expected: () => points().filter((p) => inBox(p.lon, p.lat, box)),
    },
    {
      name: 'district, level and purpose together',
      filter: 'filter: { districtCode: "110112", level: DISTRICT, purpose: FARMLAND }',
      expected: () => points().filter((p) => p.districtCode === '110112' && p.level === 'DISTRICT' && p.purpose === 'FARMLAND'),
    },
  ];
  for (const { name, filter, expected } of filters) {
    it(`lists points in id order with their total count: ${name}`, async () => {
      const { data, errors } = await harness.query(`{ monitoringPoints(${filter} first: 100) { ${PAGE} } }`);
      expect(errors).toBeUndefined();
      const want = pointIds(expected());
      expect(nodeIds(data!.monitoringPoints)).toEqual(want.slice(0, 100));
      expect(data!.monitoringPoints.totalCount).toBe(want.length);
      expect(data!.monitoringPoints.pageInfo.hasNextPage).toBe(want.length > 100);
    });
  }

  it('pages through all points with cursors, without gaps or repeats', async () => {
    const { ids, pages, totalCount } = await allPages('monitoringPoints', '', 25);
    const want = pointIds(points());
    expect(ids).toEqual(want);
    expect(totalCount).toBe(want.length);
    expect(pages).toBe(Math.ceil(want.length / 25));
  });

  it('looks a point up by id with its district, parcel, water source, location and dates', async () => {
    for (const point of [points().find((p) => p.waterSourceId !== null && p.parcelId !== null), points()[0]!].filter((p) => p !== undefined)) {
      const { data, errors } = await harness.query(
        `query($id: ID!) { monitoringPoint(id: $id) { id externalId code name level purpose district { code } parcel { id } waterSource { id } location establishedOn } }`,
        { id: point.id },
      );
      expect(errors).toBeUndefined();
      expect(data!.monitoringPoint).toEqual({
        id: point.id,
        externalId: point.externalId,
        code: point.code,
        name: point.name,
        level: point.level,
        purpose: point.purpose,
        district: { code: point.districtCode },
        parcel: point.parcelId === null ? null : { id: point.parcelId },
        waterSource: point.waterSourceId === null ? null : { id: point.waterSourceId },
        location: point.location,
        establishedOn: point.establishedOn,
      });
    }
  });

  it('returns null for a point id that does not exist', async () => {
    const { data, errors } = await harness.query(`{ monitoringPoint(id: "MP-999999-999") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.monitoringPoint).toBeNull();
  });

  it("lists a point's samples newest first, narrowed by the filter", async () => {
    const point = points()[0]!;
    const own = samples().filter((s) => s.pointId === point.id);
    const variants: { filter: string; want: DemoSample[] }[] = [
      { filter: '', want: own },
      { filter: `filter: { pointId: "${point.id}" }`, want: own },
      { filter: `filter: { pointId: "${points()[1]!.id}" }`, want: [] },
      { filter: `filter: { sampled: { from: "${own[1]!.sampledOn}" } }`, want: own.filter((s) => s.sampledOn >= own[1]!.sampledOn) },
    ];
    for (const { filter, want } of variants) {
      const { data, errors } = await harness.query(`query($id: ID!) { monitoringPoint(id: $id) { samples(${filter} first: 100) { ${PAGE} } } }`, {
        id: point.id,
      });
      expect(errors).toBeUndefined();
      expect(nodeIds(data!.monitoringPoint.samples)).toEqual(sampleIds(want));
      expect(data!.monitoringPoint.samples.totalCount).toBe(want.length);
    }
  });
});

describe('soil samples', () => {
  const samplePoint = () => points().find((p) => p.parcelId !== null)!;
  const filters: { name: string; filter: () => string; expected: () => DemoSample[] }[] = [
    { name: 'no filter', filter: () => '', expected: () => samples() },
    { name: 'district Tongzhou', filter: () => 'filter: { districtCode: "110112" }', expected: () => samples().filter((s) => s.districtCode === '110112') },
    {
      name: 'one parcel',
      filter: () => `filter: { parcelId: "${samplePoint().parcelId}" }`,
      expected: () => samples().filter((s) => s.parcelId === samplePoint().parcelId),
    },
    { name: 'a parcel without samples', filter: () => 'filter: { parcelId: "000000-P0000" }', expected: () => [] },
    { name: 'one point', filter: () => `filter: { pointId: "${samplePoint().id}" }`, expected: () => samples().filter((s) => s.pointId === samplePoint().id) },
    { name: 'sampled from 2023', filter: () => 'filter: { sampled: { from: "2023-01-01" } }', expected: () => samples().filter((s) => s.sampledOn >= '2023-01-01') },
    { name: 'sampled up to 2017', filter: () => 'filter: { sampled: { to: "2017-12-31" } }', expected: () => samples().filter((s) => s.sampledOn <= '2017-12-31') },
    {
      name: 'sampled in 2019 and 2020',
      filter: () => 'filter: { sampled: { from: "2019-01-01", to: "2020-12-31" } }',
      expected: () => samples().filter((s) => s.sampledOn >= '2019-01-01' && s.sampledOn <= '2020-12-31'),
    },
    {
      name: 'measured for benzo[a]pyrene',
      filter: () => 'filter: { analyte: BENZO_A_PYRENE }',
      expected: () => samples().filter((s) => measuredSampleIds('BENZO_A_PYRENE').has(s.id)),
    },
    { name: 'measured for DDT (none are)', filter: () => 'filter: { analyte: DDT }', expected: () => samples().filter((s) => measuredSampleIds('DDT').has(s.id)) },
    {
      name: 'district, dates and analyte together',
      filter: () => 'filter: { districtCode: "110105", sampled: { from: "2018-01-01" }, analyte: PETROLEUM_HYDROCARBONS_C10_C40 }',
      expected: () =>
        samples().filter((s) => s.districtCode === '110105' && s.sampledOn >= '2018-01-01' && measuredSampleIds('PETROLEUM_HYDROCARBONS_C10_C40').has(s.id)),
    },
  ];
  for (const { name, filter, expected } of filters) {
    it(`lists samples newest first with their total count: ${name}`, async () => {
      const want = sampleIds(expected());
      const { data, errors } = await harness.query(`{ soilSamples(${filter()} first: 100) { ${PAGE} } }`);
      expect(errors).toBeUndefined();
      expect(nodeIds(data!.soilSamples)).toEqual(want.slice(0, 100));
      expect(data!.soilSamples.totalCount).toBe(want.length);
      expect(data!.soilSamples.pageInfo.hasNextPage).toBe(want.length > 100);
    });
  }

  for (const [name, args, expected] of [
    ['all samples', '', () => samples()],
    ['samples from 2020 on', 'filter: { sampled: { from: "2020-01-01" } }', () => samples().filter((s) => s.sampledOn >= '2020-01-01')],
  ] as const) {
    it(`pages through ${name} newest first with cursors, without gaps or repeats`, async () => {
      const { ids, pages, totalCount } = await allPages('soilSamples', args, 40);
      const want = sampleIds(expected());
      expect(ids).toEqual(want);
      expect(totalCount).toBe(want.length);
      expect(pages).toBe(Math.max(1, Math.ceil(want.length / 40)));
    });
  }

  it('keeps samples of the same day in descending id order across a page boundary', async () => {
    const day = samples().find((s, i) => samples().some((t, j) => j !== i && t.sampledOn === s.sampledOn))?.sampledOn;
    if (day === undefined) return;
    const sameDay = samples().filter((s) => s.sampledOn === day);
    const { ids } = await allPages('soilSamples', `filter: { sampled: { from: "${day}", to: "${day}" } }`, 1);
    expect(ids).toEqual(sampleIds(sameDay));
  });

  it('looks a sample up by id with its point, parcel, district, depth, pH and location', async () => {
    const withPh = samples().find((s) => s.ph !== null)!;
    const withoutPh = samples().find((s) => s.ph === null)!;
    for (const sample of [withPh, withoutPh]) {
      const { data, errors } = await harness.query(
        `query($id: ID!) { soilSample(id: $id) { id externalId point { id level } parcel { id } district { code } sampledOn depthTopCm depthBottomCm pH pHMethod lab location } }`,
        { id: sample.id },
      );
      expect(errors).toBeUndefined();
      const point = points().find((p) => p.id === sample.pointId)!;
      expect(data!.soilSample).toEqual({
        id: sample.id,
        externalId: sample.externalId,
        point: { id: point.id, level: point.level },
        parcel: sample.parcelId === null ? null : { id: sample.parcelId },
        district: { code: sample.districtCode },
        sampledOn: sample.sampledOn,
        depthTopCm: sample.depthTopCm,
        depthBottomCm: sample.depthBottomCm,
        pH: sample.ph,
        pHMethod: sample.phMethod,
        lab: sample.lab,
        location: sample.location,
      });
    }
  });

  it('returns null for a sample id that does not exist', async () => {
    const { data, errors } = await harness.query(`{ soilSample(id: "SS-999999-999-99") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.soilSample).toBeNull();
  });

  it('lists a sample’s measurements in analyte order, with every observation field', async () => {
    const sample = samples().find((s) => measuredSampleIds('BENZO_A_PYRENE').has(s.id))!;
    const { data, errors } = await harness.query(
      `query($id: ID!) { soilSample(id: $id) { measurements { analyte mgPerKg belowDetectionLimit detectionLimitMgPerKg method analysedOn qualityFlag } } }`,
      { id: sample.id },
    );
    expect(errors).toBeUndefined();
    const want = measurements()
      .filter((m) => m.sampleId === sample.id)
      .sort(ANALYTE_ORDER)
      .map((m) => ({
        analyte: m.analyte,
        mgPerKg: m.valueMgPerKg,
        belowDetectionLimit: m.belowDetectionLimit,
        detectionLimitMgPerKg: m.detectionLimitMgPerKg,
        method: m.method,
        analysedOn: m.analysedOn,
        qualityFlag: m.qualityFlag,
      }));
    expect(data!.soilSample.measurements).toEqual(want);
  });

  for (const analyte of ['CADMIUM', 'BENZO_A_PYRENE', 'HCH'] as const) {
    it(`gives only the ${analyte} measurement of each sample when asked for it`, async () => {
      const { data, errors } = await harness.query(
        `query($analyte: Analyte) { soilSamples(first: 100, filter: { districtCode: "110105" }) { edges { node { id measurements(analyte: $analyte) { analyte mgPerKg } } } } }`,
        { analyte },
      );
      expect(errors).toBeUndefined();
      for (const { node } of data!.soilSamples.edges as { node: { id: string; measurements: { analyte: string; mgPerKg: number | null }[] } }[]) {
        const want = measurements()
          .filter((m) => m.sampleId === node.id && m.analyte === analyte)
          .map((m) => ({ analyte: m.analyte, mgPerKg: m.valueMgPerKg }));
        expect(node.measurements).toEqual(want);
      }
    });
  }

  it('reports results below the detection limit as null, flagged, with the limit', async () => {
    const below = measurements().find((m) => m.belowDetectionLimit)!;
    const { data, errors } = await harness.query(
      `query($id: ID!, $analyte: Analyte) { soilSample(id: $id) { measurements(analyte: $analyte) { analyte mgPerKg belowDetectionLimit detectionLimitMgPerKg } } }`,
      { id: below.sampleId, analyte: below.analyte },
    );
    expect(errors).toBeUndefined();
    expect(data!.soilSample.measurements).toEqual([
      { analyte: below.analyte, mgPerKg: null, belowDetectionLimit: true, detectionLimitMgPerKg: below.detectionLimitMgPerKg },
    ]);
  });

  it('loads the measurements of many samples in one query, in key order, with [] for an unknown sample', async () => {
    const ids = [samples()[2]!.id, 'SS-000000-000-00', samples()[0]!.id];
    const select = vi.spyOn(harness.db, 'select');
    try {
      const loader = createMeasurementsBySampleIdLoader(harness.db);
      const lists = await Promise.all(ids.map((id) => loader.load(id)));
      expect(select).toHaveBeenCalledTimes(1);
      expect(lists.map((list) => list.map((m) => m.analyte))).toEqual(
        ids.map((id) => measurements().filter((m) => m.sampleId === id).sort(ANALYTE_ORDER).map((m) => m.analyte)),
      );
    } finally {
      select.mockRestore();
    }
  });
});

describe('enterprises', () => {
  const industry = () => enterprises()[0]!.industry;
  const filters: { name: string; filter: () => string; expected: () => DemoEnterprise[] }[] = [
    { name: 'no filter', filter: () => '', expected: () => enterprises() },
    { name: 'district Fangshan', filter: () => 'filter: { districtCode: "110111" }', expected: () => enterprises().filter((e) => e.districtCode === '110111') },
    { name: 'one industry', filter: () => `filter: { industry: "${industry()}" }`, expected: () => enterprises().filter((e) => e.industry === industry()) },
    { name: 'an industry nobody is in', filter: () => 'filter: { industry: "space tourism" }', expected: () => [] },
    {
      name: 'district and industry together',
      filter: () => `filter: { districtCode: "${enterprises()[0]!.districtCode}", industry: "${industry()}" }`,
      expected: () => enterprises().filter((e) => e.districtCode === enterprises()[0]!.districtCode && e.industry === industry()),
    },
  ];
  for (const { name, filter, expected } of filters) {
    it(`lists enterprises in credit-code order with their total count: ${name}`, async () => {
      const { data, errors } = await harness.query(`{ enterprises(${filter()} first: 100) { ${ENTERPRISE_PAGE} } }`);
      expect(errors).toBeUndefined();
      const want = expected().map((e) => e.creditCode).sort(byCodeUnits);
      expect(nodeIds(data!.enterprises)).toEqual(want);
      expect(data!.enterprises.totalCount).toBe(want.length);
    });
  }

  it('pages through all enterprises with cursors, without gaps or repeats', async () => {
    const { ids, totalCount } = await allPages('enterprises', '', 4, ENTERPRISE_PAGE);
    const want = enterprises().map((e) => e.creditCode).sort(byCodeUnits);
    expect(ids).toEqual(want);
    expect(totalCount).toBe(want.length);
  });

  it('gives every enterprise an 18-character unified social credit code of its district', () => {
    for (const e of enterprises()) expect(e.creditCode).toMatch(new RegExp(`^91${e.districtCode}[0-9A-HJ-NPQRTUWXY]{10}$`));
  });

  it('looks an enterprise up by credit code with its district, parcel and site', async () => {
    const enterprise = enterprises()[0]!;
    const { data, errors } = await harness.query(
      `query($code: ID!) { enterprise(creditCode: $code) { creditCode externalId name industry district { code } parcel { id } location supervisedSince } }`,
      { code: enterprise.creditCode },
    );
    expect(errors).toBeUndefined();
    expect(data!.enterprise).toEqual({
      creditCode: enterprise.creditCode,
      externalId: enterprise.externalId,
      name: enterprise.name,
      industry: enterprise.industry,
      district: { code: enterprise.districtCode },
      parcel: enterprise.parcelId === null ? null : { id: enterprise.parcelId },
      location: enterprise.location,
      supervisedSince: enterprise.supervisedSince,
    });
  });

  it('returns null for a credit code that does not exist', async () => {
    const { data, errors } = await harness.query(`{ enterprise(creditCode: "911101080000000000") { creditCode } }`);
    expect(errors).toBeUndefined();
    expect(data!.enterprise).toBeNull();
  });
});

describe('entities', () => {
  it('resolves points, samples and enterprises by key, with null for unknown keys', async () => {
    const point = points()[3]!;
    const sample = samples()[5]!;
    const enterprise = enterprises()[1]!;
    const { data, errors } = await entities(
      `... on MonitoringPoint { id level } ... on SoilSample { id sampledOn } ... on Enterprise { creditCode industry }`,
      [
        { __typename: 'MonitoringPoint', id: point.id },
        { __typename: 'SoilSample', id: sample.id },
        { __typename: 'Enterprise', creditCode: enterprise.creditCode },
        { __typename: 'MonitoringPoint', id: 'MP-000000-000' },
        { __typename: 'SoilSample', id: 'SS-000000-000-00' },
        { __typename: 'Enterprise', creditCode: '910000000000000000' },
      ],
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: point.id, level: point.level },
      { id: sample.id, sampledOn: sample.sampledOn },
      { creditCode: enterprise.creditCode, industry: enterprise.industry },
      null,
      null,
      null,
    ]);
  });

  it("extends districts with their points, samples and enterprises, accepting pre-2015 codes and nulling unknown ones", async () => {
    const { data, errors } = await entities(
      `... on District { code monitoringPoints(first: 100) { ${PAGE} } soilSamples(first: 100) { ${PAGE} } enterprises(first: 100) { ${ENTERPRISE_PAGE} } }`,
      [
        { __typename: 'District', code: '110111' },
        { __typename: 'District', code: '110228' },
        { __typename: 'District', code: '999999' },
      ],
    );
    expect(errors).toBeUndefined();
    const [fangshan, miyun, unknown] = data!._entities;
    for (const [result, code] of [
      [fangshan, '110111'],
      [miyun, '110118'],
    ] as const) {
      expect(result.code).toBe(code);
      expect(nodeIds(result.monitoringPoints)).toEqual(pointIds(points().filter((p) => p.districtCode === code)));
      const wantSamples = sampleIds(samples().filter((s) => s.districtCode === code));
      expect(nodeIds(result.soilSamples)).toEqual(wantSamples.slice(0, 100));
      expect(result.soilSamples.totalCount).toBe(wantSamples.length);
      expect(nodeIds(result.enterprises)).toEqual(enterprises().filter((e) => e.districtCode === code).map((e) => e.creditCode).sort(byCodeUnits));
    }
    expect(unknown).toBeNull();
  });

  it("narrows a district's lists by their filters, and a filter naming another district matches nothing", async () => {
    const { data, errors } = await entities(
      `... on District { national: monitoringPoints(filter: { level: NATIONAL }) { ${PAGE} } elsewhere: monitoringPoints(filter: { districtCode: "110101" }) { ${PAGE} } recent: soilSamples(filter: { sampled: { from: "2022-01-01" } }, first: 100) { ${PAGE} } otherSamples: soilSamples(filter: { districtCode: "110101" }) { ${PAGE} } otherEnterprises: enterprises(filter: { districtCode: "110101" }) { ${ENTERPRISE_PAGE} } }`,
      [{ __typename: 'District', code: '110112' }],
    );
    expect(errors).toBeUndefined();
    const [tongzhou] = data!._entities;
    expect(nodeIds(tongzhou.national)).toEqual(pointIds(points().filter((p) => p.districtCode === '110112' && p.level === 'NATIONAL')));
    expect(nodeIds(tongzhou.recent)).toEqual(sampleIds(samples().filter((s) => s.districtCode === '110112' && s.sampledOn >= '2022-01-01')));
    for (const empty of [tongzhou.elsewhere, tongzhou.otherSamples, tongzhou.otherEnterprises]) {
      expect(empty).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
    }
  });

  it('extends parcels with their samples and monitoring points', async () => {
    const parcelIds = [...new Set(points().map((p) => p.parcelId).filter((id) => id !== null))].slice(0, 5);
    const unsampled = harness.demo.planning.parcels.find((p) => !samples().some((s) => s.parcelId === p.id))!;
    const { data, errors } = await entities(
      `... on Parcel { id soilSamples(first: 100) { ${PAGE} } monitoringPoints { id } }`,
      [...parcelIds, unsampled.id].map((id) => ({ __typename: 'Parcel', id })),
    );
    expect(errors).toBeUndefined();
    for (const [i, id] of [...parcelIds, unsampled.id].entries()) {
      const result = data!._entities[i];
      expect(result.id).toBe(id);
      const want = sampleIds(samples().filter((s) => s.parcelId === id));
      expect(nodeIds(result.soilSamples)).toEqual(want);
      expect(result.soilSamples.totalCount).toBe(want.length);
      expect(result.monitoringPoints.map((p: { id: string }) => p.id)).toEqual(pointIds(points().filter((p) => p.parcelId === id)));
    }
  });

  it("pages the samples of many parcels at once: each alias its own page, and a cursor continues under every parcel", async () => {
    const byParcel = new Map<string, DemoSample[]>();
    for (const s of samples()) if (s.parcelId !== null) byParcel.set(s.parcelId, [...(byParcel.get(s.parcelId) ?? []), s]);
    const parcelIds = [...byParcel.keys()].filter((id) => byParcel.get(id)!.length >= 3).slice(0, 5);
    expect(parcelIds.length).toBe(5);
    const representations = parcelIds.map((id) => ({ __typename: 'Parcel', id }));
    const { data, errors } = await entities(`... on Parcel { id one: soilSamples(first: 1) { ${PAGE} } two: soilSamples(first: 2) { ${PAGE} } }`, representations);
    expect(errors).toBeUndefined();
    for (const [i, id] of parcelIds.entries()) {
      const want = sampleIds(byParcel.get(id)!);
      const { one, two } = data!._entities[i];
      expect([nodeIds(one), nodeIds(two)], id).toEqual([want.slice(0, 1), want.slice(0, 2)]);
      expect([one.totalCount, one.pageInfo.hasNextPage, two.pageInfo.hasNextPage]).toEqual([want.length, true, want.length > 2]);
    }
    // The first parcel's next page, from its cursor; the other parcels' samples after the same key.
    const cursor = data!._entities[0].one.pageInfo.endCursor;
    const next = await entities(`... on Parcel { id soilSamples(first: 2, after: "${cursor}") { ${PAGE} } }`, representations);
    expect(next.errors).toBeUndefined();
    const [order, sampledOn, sampleId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    expect(order).toBe('SAMPLED_ON_DESC');
    for (const [i, id] of parcelIds.entries()) {
      const after = byParcel.get(id)!.filter((s) => s.sampledOn < sampledOn || (s.sampledOn === sampledOn && s.id < sampleId));
      expect(nodeIds(next.data!._entities[i].soilSamples), id).toEqual(sampleIds(after).slice(0, 2));
      expect(next.data!._entities[i].soilSamples.pageInfo.hasPreviousPage).toBe(true);
    }
    expect(nodeIds(next.data!._entities[0].soilSamples)).toEqual(sampleIds(byParcel.get(parcelIds[0]!)!).slice(1, 3));
  });

  it("filters a parcel's samples, and a filter naming another parcel matches nothing", async () => {
    const parcelId = samples()[0]!.parcelId!;
    const own = samples().filter((s) => s.parcelId === parcelId);
    const { data, errors } = await entities(
      `... on Parcel { cadmium: soilSamples(filter: { analyte: CADMIUM, sampled: { to: "${own[0]!.sampledOn}" } }) { ${PAGE} } other: soilSamples(filter: { parcelId: "000000-P0000" }) { ${PAGE} } }`,
      [{ __typename: 'Parcel', id: parcelId }],
    );
    expect(errors).toBeUndefined();
    expect(nodeIds(data!._entities[0].cadmium)).toEqual(sampleIds(own.filter((s) => s.sampledOn <= own[0]!.sampledOn)));
    expect(data!._entities[0].other.totalCount).toBe(0);
  });

  it("decides a parcel's soil standard from the landUse and plannedUse in its representation", async () => {
    const parcels = harness.demo.planning.parcels;
    const chosen = [
      ...new Map(parcels.map((p) => [`${p.landUse}:${p.plannedUse ?? ''}`, p])).values(),
    ];
    const { data, errors } = await entities(
      `... on Parcel { id soilStandard { standard farmlandColumn constructionLandClass reason } }`,
      chosen.map((p) => ({ __typename: 'Parcel', id: p.id, landUse: p.landUse, plannedUse: p.plannedUse ?? null })),
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual(chosen.map((p) => ({ id: p.id, soilStandard: applicableSoilStandard(p.landUse, p.plannedUse) })));
  });

  for (const [landUse, plannedUse, expected] of [
    ['0101', null, { standard: 'GB_15618_2018', farmlandColumn: 'PADDY', constructionLandClass: null }],
    ['0201', null, { standard: 'GB_15618_2018', farmlandColumn: 'ORCHARD', constructionLandClass: null }],
    ['0601', 'R2', { standard: 'GB_36600_2018', farmlandColumn: null, constructionLandClass: 1 }],
    ['0601', null, { standard: 'GB_36600_2018', farmlandColumn: null, constructionLandClass: 2 }],
    ['0301', null, { standard: 'NONE', farmlandColumn: null, constructionLandClass: null }],
  ] as const) {
    it(`applies ${expected.standard} to a parcel of land use ${landUse}${plannedUse ? ` planned as ${plannedUse}` : ''}`, async () => {
      const { data, errors } = await entities(`... on Parcel { soilStandard { standard farmlandColumn constructionLandClass } }`, [
        { __typename: 'Parcel', id: 'any-parcel', landUse, plannedUse },
      ]);
      expect(errors).toBeUndefined();
      expect(data!._entities[0].soilStandard).toEqual(expected);
    });
  }

  it('refuses soilStandard when the representation lacks the required landUse', async () => {
    const { data, errors } = await entities(`... on Parcel { id soilStandard { standard } }`, [{ __typename: 'Parcel', id: '110108-P0001' }]);
    expect(data?._entities ?? [null]).toEqual([null]);
    expect(errors?.[0]?.path).toEqual(['_entities', 0, 'soilStandard']);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.argumentPath).toEqual(['representations']);
  });

  it('extends water sources with the points that watch them, and an unknown source with none', async () => {
    const sources = harness.demo.water.sources;
    // With water's generator a placeholder, sources is empty and only the unknown id is asked about.
    const ids = [...sources.map((s) => s.id), 'WS-000000-00'];
    const { data, errors } = await entities(`... on WaterSource { id monitoringPoints { id purpose waterSource { id } } }`, ids.map((id) => ({ __typename: 'WaterSource', id })));
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual(
      ids.map((id) => ({
        id,
        monitoringPoints: pointIds(points().filter((p) => p.waterSourceId === id)).map((pid) => ({ id: pid, purpose: 'WATER_SOURCE', waterSource: { id } })),
      })),
    );
    if (sources.length > 0) expect(data!._entities.filter((e: { monitoringPoints: unknown[] }) => e.monitoringPoints.length > 0)).toHaveLength(sources.length);
  });
});

describe('bad input', () => {
  const pointCursor = async () => {
    const { data } = await harness.query(`{ monitoringPoints(first: 1) { pageInfo { endCursor } } }`);
    return data!.monitoringPoints.pageInfo.endCursor as string;
  };
  const sampleCursor = async (orderBy: string) => {
    const { data } = await harness.query(`{ soilSamples(orderBy: ${orderBy}, first: 1) { pageInfo { endCursor } } }`);
    return data!.soilSamples.pageInfo.endCursor as string;
  };
  const cases: { name: string; query: () => Promise<string>; argumentPath: (string | number)[] }[] = [
    { name: 'an unknown district code on points', query: async () => `{ monitoringPoints(filter: { districtCode: "120101" }) { totalCount } }`, argumentPath: ['filter', 'districtCode'] },
    { name: 'an unknown district code on samples', query: async () => `{ soilSamples(filter: { districtCode: "1101" }) { totalCount } }`, argumentPath: ['filter', 'districtCode'] },
    { name: 'an unknown district code on enterprises', query: async () => `{ enterprises(filter: { districtCode: "x" }) { totalCount } }`, argumentPath: ['filter', 'districtCode'] },
    {
      name: 'a bbox with its corners swapped',
      query: async () => `{ monitoringPoints(filter: { bbox: { minLon: 117, minLat: 40, maxLon: 116, maxLat: 41 } }) { totalCount } }`,
      argumentPath: ['filter', 'bbox'],
    },
    {
      name: 'a bbox out of WGS84 range',
      query: async () => `{ monitoringPoints(filter: { bbox: { minLon: 116, minLat: 40, maxLon: 200, maxLat: 41 } }) { totalCount } }`,
      argumentPath: ['filter', 'bbox'],
    },
    {
      name: 'a date range that ends before it starts',
      query: async () => `{ soilSamples(filter: { sampled: { from: "2021-01-01", to: "2020-01-01" } }) { totalCount } }`,
      argumentPath: ['filter', 'sampled'],
    },
    { name: 'first above 100', query: async () => `{ soilSamples(first: 101) { totalCount } }`, argumentPath: ['first'] },
    { name: 'negative first', query: async () => `{ enterprises(first: -1) { totalCount } }`, argumentPath: ['first'] },
    { name: 'a malformed cursor', query: async () => `{ soilSamples(after: "not-a-cursor") { totalCount } }`, argumentPath: ['after'] },
    { name: "another list's cursor", query: async () => `{ soilSamples(after: "${await pointCursor()}") { totalCount } }`, argumentPath: ['after'] },
    {
      name: 'a newest-first cursor on samples ordered by change',
      query: async () => `{ soilSamples(orderBy: UPDATED_AT_ASC, after: "${await sampleCursor('SAMPLED_ON_DESC')}") { totalCount } }`,
      argumentPath: ['after'],
    },
    {
      name: "a by-change cursor on a district's samples in the default order",
      query: async () => `{ _entities(representations: [{ __typename: "District", code: "110108" }]) { ... on District { soilSamples(after: "${await sampleCursor('UPDATED_AT_ASC')}") { totalCount } } } }`,
      argumentPath: ['after'],
    },
    {
      name: 'a bad date range on a point’s samples',
      query: async () => `{ monitoringPoint(id: "${points()[0]!.id}") { samples(filter: { sampled: { from: "2024-01-01", to: "2016-01-01" } }) { totalCount } } }`,
      argumentPath: ['filter', 'sampled'],
    },
  ];
  for (const { name, query, argumentPath } of cases) {
    it(`refuses ${name} with BAD_USER_INPUT and the argument path`, async () => {
      const { errors } = await harness.query(await query());
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.extensions?.argumentPath).toEqual(argumentPath);
    });
  }

  it('refuses a bad date range on a district extension with the argument path', async () => {
    const { errors } = await entities(`... on District { soilSamples(filter: { sampled: { from: "2024-01-01", to: "2016-01-01" } }) { totalCount } }`, [
      { __typename: 'District', code: '110108' },
    ]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.argumentPath).toEqual(['filter', 'sampled']);
  });

  it('names the order a foreign cursor belongs to', async () => {
    const { errors } = await harness.query(`{ soilSamples(orderBy: SAMPLED_ON_DESC, after: "${await sampleCursor('UPDATED_AT_ASC')}") { totalCount } }`);
    expect(errors?.[0]?.message).toBe('after is a cursor of orderBy UPDATED_AT_ASC, not of SAMPLED_ON_DESC: page on in the order the cursor came from');
  });

  it.each(['2025-05-12', '2025-05-12T08:30:00', '2025-02-30T08:30:00Z', 'yesterday'])('refuses updatedSince %s, which is not an instant with its offset', async (value) => {
    const { errors } = await harness.query(`query($since: DateTime) { soilSamples(filter: { updatedSince: $since }) { totalCount } }`, { since: value });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a date that is not a calendar date', async () => {
    const { errors } = await harness.query(`query($from: Date) { soilSamples(filter: { sampled: { from: $from } }) { totalCount } }`, { from: '2020-02-30' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
