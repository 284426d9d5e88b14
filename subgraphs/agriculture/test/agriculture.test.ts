import type { AgricultureDemo } from '@soilgraph/db/demo';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agricultureSubgraph } from '../src/server.ts';

type FertilizerRow = AgricultureDemo['fertilizerUse'][number];
type PesticideRow = AgricultureDemo['pesticideUse'][number];
type CoverageRow = AgricultureDemo['coverage'][number];
type DecisionRow = AgricultureDemo['decisions'][number];

interface Filter {
  districtCode?: string;
  years?: { from?: number; to?: number };
  crop?: string;
}

let harness: SubgraphHarness;
let demo: AgricultureDemo;
beforeAll(async () => {
  harness = await createSubgraphHarness(agricultureSubgraph);
  demo = harness.demo.agriculture;
});
afterAll(() => harness.close());

/** The lists' order: newest year first, then district code, then crop. */
function byYearDistrictCrop(a: { year: number; districtCode: string; crop: string }, b: typeof a): number {
  return b.year - a.year || cmp(a.districtCode, b.districtCode) || cmp(a.crop, b.crop);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ALIASES: Record<string, string> = { '110228': '110118', '110229': '110119' };

function matches(row: { districtCode: string; year: number; crop?: string }, filter: Filter): boolean {
  const district = filter.districtCode === undefined ? undefined : (ALIASES[filter.districtCode] ?? filter.districtCode);
  return (
    (district === undefined || row.districtCode === district) &&
    (filter.years?.from === undefined || row.year >= filter.years.from) &&
    (filter.years?.to === undefined || row.year <= filter.years.to) &&
    (filter.crop === undefined || row.crop === filter.crop)
  );
}

/** The latest decision on each parcel and all of them oldest first, computed from the demo rows. */
function decisionsOf(parcelId: string): DecisionRow[] {
  return demo.decisions
    .filter((d) => d.parcelId === parcelId)
    .sort((a, b) => cmp(a.decidedOn, b.decidedOn) || cmp(a.id, b.id));
}

/** One _entities query for every type agriculture resolves. */
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on District { code
    fertilizerUse(first: 100, filter: { crop: MAIZE }) { totalCount edges { node { id } } }
    pesticideUse(first: 100) { totalCount edges { node { id crop } } }
    agriculturalCoverage(years: { from: 2017, to: 2020 }) { year soilTestingCoveragePct unifiedPestControlCoveragePct farmlandAreaHa district { code } }
  }
  ... on Parcel { id current: officialFarmlandClass { id farmlandClass decidedOn } farmlandClassHistory { id decidedOn } }
  ... on FertilizerUse { id crop year totalT district { code } }
  ... on PesticideUse { id activeIngredientT district { code } }
  ... on FarmlandClassDecision { id farmlandClass parcel { id } }
} }`;

const LISTS = [
  {
    name: 'fertilizerUse',
    rows: (): (FertilizerRow | PesticideRow)[] => demo.fertilizerUse,
  },
  {
    name: 'pesticideUse',
    rows: (): (FertilizerRow | PesticideRow)[] => demo.pesticideUse,
  },
] as const;

const FILTERS: { label: string; filter: Filter }[] = [
  { label: 'a district', filter: { districtCode: '110112' } },
  { label: 'a pre-2015 district alias', filter: { districtCode: '110229' } },
  { label: 'a year range', filter: { years: { from: 2018, to: 2020 } } },
  { label: 'an open-ended year range', filter: { years: { from: 2022 } } },
  { label: 'a crop', filter: { crop: 'WHEAT' } },
  { label: 'a district, years and a crop together', filter: { districtCode: '110118', years: { to: 2016 }, crop: 'FRUIT_TREES' } },
  { label: 'a crop grown nowhere', filter: { crop: 'OTHER' } },
];

function filterLiteral(filter: Filter): string {
  const parts: string[] = [];
  if (filter.districtCode !== undefined) parts.push(`districtCode: "${filter.districtCode}"`);
  if (filter.years !== undefined) {
    const ends = Object.entries(filter.years).map(([k, v]) => `${k}: ${v}`);
    parts.push(`years: { ${ends.join(', ')} }`);
  }
  if (filter.crop !== undefined) parts.push(`crop: ${filter.crop}`);
  return `{ ${parts.join(', ')} }`;
}

describe('agriculture subgraph: fertiliser and pesticide use', () => {
  it('has demo data for every district but the two core ones, ten years each', () => {
    const districts = new Set(demo.fertilizerUse.map((r) => r.districtCode));
    expect(districts.size).toBe(14);
    expect(districts.has('110101') || districts.has('110102')).toBe(false);
    expect(new Set(demo.coverage.map((r) => r.year)).size).toBe(10);
  });

  for (const list of LISTS) {
    it(`${list.name} pages through every record newest year first, then by district and crop`, async () => {
      const expected = [...list.rows()].sort(byYearDistrictCrop).map((r) => r.id);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const { data, errors }: { data?: any; errors?: unknown } = await harness.query(
          `query ($after: String) { ${list.name}(first: 100, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`,
          { after },
        );
        expect(errors).toBeUndefined();
        const connection: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string } }[] } =
          data[list.name];
        expect(connection.totalCount).toBe(expected.length);
        expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(connection.edges.at(-1)?.cursor).toBe(connection.pageInfo.endCursor);
        seen.push(...connection.edges.map((e) => e.node.id));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        pages++;
      } while (after !== null);
      expect(pages).toBe(Math.ceil(expected.length / 100));
      expect(seen).toEqual(expected);
    });

    for (const { label, filter } of FILTERS) {
      it(`${list.name} filtered by ${label} returns exactly the matching records`, async () => {
        const expected = list
          .rows()
          .filter((r) => matches(r, filter))
          .sort(byYearDistrictCrop)
          .map((r) => r.id);
        const { data, errors } = await harness.query(
          `{ ${list.name}(first: 100, filter: ${filterLiteral(filter)}) { totalCount edges { node { id year crop district { code } } } } }`,
        );
        expect(errors).toBeUndefined();
        expect(data![list.name].totalCount).toBe(expected.length);
        expect(data![list.name].edges.map((e: any) => e.node.id)).toEqual(expected.slice(0, 100));
      });
    }
  }

  it('fertilizerUse reports totalT as the sum of nitrogen, phosphate, potash and compound', async () => {
    const { data } = await harness.query(
      `{ fertilizerUse(first: 100, filter: { districtCode: "110111" }) { edges { node { id nitrogenT phosphateT potashT compoundT totalT utilisationRatePct sownAreaHa } } } }`,
    );
    const byId = new Map(demo.fertilizerUse.map((r) => [r.id, r]));
    expect(data!.fertilizerUse.edges.length).toBeGreaterThan(0);
    for (const { node } of data!.fertilizerUse.edges) {
      const row = byId.get(node.id)!;
      expect(node.totalT).toBeCloseTo(row.nitrogenT + row.phosphateT + row.potashT + row.compoundT, 6);
      expect(node).toMatchObject({ nitrogenT: row.nitrogenT, compoundT: row.compoundT, sownAreaHa: row.sownAreaHa, utilisationRatePct: row.utilisationRatePct });
    }
  });

  it('reports a utilisation rate as null where it was not measured', async () => {
    const unmeasured = demo.fertilizerUse.find((r) => r.utilisationRatePct === null)!;
    const { data } = await harness.query(`query ($id: ID!) { fertilizerUseRecord(id: $id) { id utilisationRatePct } }`, { id: unmeasured.id });
    expect(data!.fertilizerUseRecord).toEqual({ id: unmeasured.id, utilisationRatePct: null });
  });

  it('looks records up by id and answers null for an id that does not exist', async () => {
    const fertilizer = demo.fertilizerUse[7]!;
    const pesticide = demo.pesticideUse[11]!;
    const { data, errors } = await harness.query(
      `query ($f: ID!, $p: ID!) {
        fertilizerUseRecord(id: $f) { id externalId year crop district { code } }
        pesticideUseRecord(id: $p) { id externalId activeIngredientT environmentFriendlySharePct utilisationRatePct }
        missingF: fertilizerUseRecord(id: "FU-110101-2019-WHEAT") { id }
        missingP: pesticideUseRecord(id: "nope") { id }
      }`,
      { f: fertilizer.id, p: pesticide.id },
    );
    expect(errors).toBeUndefined();
    expect(data!.fertilizerUseRecord).toEqual({
      id: fertilizer.id,
      externalId: fertilizer.externalId,
      year: fertilizer.year,
      crop: fertilizer.crop,
      district: { code: fertilizer.districtCode },
    });
    expect(data!.pesticideUseRecord).toEqual({
      id: pesticide.id,
      externalId: pesticide.externalId,
      activeIngredientT: pesticide.activeIngredientT,
      environmentFriendlySharePct: pesticide.environmentFriendlySharePct,
      utilisationRatePct: pesticide.utilisationRatePct,
    });
    expect(data!.missingF).toBeNull();
    expect(data!.missingP).toBeNull();
  });
});

describe('agriculture subgraph: coverage', () => {
  const variants: { label: string; filter: Filter }[] = [
    { label: 'no filter', filter: {} },
    { label: 'a year range', filter: { years: { from: 2019, to: 2020 } } },
    { label: 'a district and a year range', filter: { districtCode: '110117', years: { from: 2016, to: 2018 } } },
    { label: 'a single year', filter: { years: { from: 2020, to: 2020 } } },
  ];
  for (const { label, filter } of variants) {
    it(`agriculturalCoverage filtered by ${label} lists the matching district-years newest first`, async () => {
      const expected = demo.coverage
        .filter((r) => matches(r, filter))
        .sort((a, b) => b.year - a.year || cmp(a.districtCode, b.districtCode));
      const { data, errors } = await harness.query(
        `{ agriculturalCoverage(first: 100, filter: ${filterLiteral(filter)}) { totalCount edges { node { year district { code } soilTestingCoveragePct unifiedPestControlCoveragePct farmlandAreaHa } } } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.agriculturalCoverage.totalCount).toBe(expected.length);
      expect(data!.agriculturalCoverage.edges.map((e: any) => e.node)).toEqual(
        expected.slice(0, 100).map((r: CoverageRow) => ({
          year: r.year,
          district: { code: r.districtCode },
          soilTestingCoveragePct: r.soilTestingCoveragePct,
          unifiedPestControlCoveragePct: r.unifiedPestControlCoveragePct,
          farmlandAreaHa: r.farmlandAreaHa,
        })),
      );
    });
  }

  it('agriculturalCoverage continues on the next page from the cursor without overlap', async () => {
    const first = await harness.query(`{ agriculturalCoverage(first: 30) { edges { node { year district { code } } } pageInfo { endCursor hasNextPage } } }`);
    const second = await harness.query(`query ($after: String) { agriculturalCoverage(first: 30, after: $after) { edges { node { year district { code } } } } }`, {
      after: first.data!.agriculturalCoverage.pageInfo.endCursor,
    });
    const expected = [...demo.coverage].sort((a, b) => b.year - a.year || cmp(a.districtCode, b.districtCode)).map((r) => `${r.year}/${r.districtCode}`);
    const got = [...first.data!.agriculturalCoverage.edges, ...second.data!.agriculturalCoverage.edges].map((e: any) => `${e.node.year}/${e.node.district.code}`);
    expect(first.data!.agriculturalCoverage.pageInfo.hasNextPage).toBe(true);
    expect(got).toEqual(expected.slice(0, 60));
  });
});

describe('agriculture subgraph: farmland class decisions', () => {
  const byRecency = (a: DecisionRow, b: DecisionRow) => cmp(b.decidedOn, a.decidedOn) || cmp(a.id, b.id);

  it('includes decisions of every class and parcels with a history', () => {
    expect(new Set(demo.decisions.map((d) => d.farmlandClass))).toEqual(new Set(['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL']));
    expect(demo.decisions.some((d) => decisionsOf(d.parcelId).length > 1)).toBe(true);
  });

  it('pages through every decision, most recently decided first', async () => {
    const expected = [...demo.decisions].sort(byRecency).map((d) => d.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { data, errors }: { data?: any; errors?: unknown } = await harness.query(
        `query ($after: String) { farmlandClassDecisions(first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { after },
      );
      expect(errors).toBeUndefined();
      expect(data.farmlandClassDecisions.totalCount).toBe(expected.length);
      seen.push(...data.farmlandClassDecisions.edges.map((e: any) => e.node.id));
      after = data.farmlandClassDecisions.pageInfo.hasNextPage ? data.farmlandClassDecisions.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toEqual(expected);
  });

  const variants: { label: string; filter: string; keep: (d: DecisionRow) => boolean }[] = [
    ...(['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'] as const).map((c) => ({
      label: `class ${c}`,
      filter: `{ farmlandClass: ${c} }`,
      keep: (d: DecisionRow) => d.farmlandClass === c,
    })),
    { label: 'decision date range', filter: `{ decided: { from: "2019-01-01", to: "2020-06-30" } }`, keep: (d) => d.decidedOn >= '2019-01-01' && d.decidedOn <= '2020-06-30' },
    { label: 'open-ended decision date', filter: `{ decided: { from: "2022-01-01" } }`, keep: (d) => d.decidedOn >= '2022-01-01' },
    { label: 'a parcel that does not exist', filter: `{ parcelId: "999999-P0001" }`, keep: () => false },
  ];
  for (const { label, filter, keep } of variants) {
    it(`farmlandClassDecisions filtered by ${label} returns exactly the matching decisions`, async () => {
      const expected = demo.decisions.filter(keep).sort(byRecency);
      const { data, errors } = await harness.query(`{ farmlandClassDecisions(first: 100, filter: ${filter}) { totalCount edges { node { id farmlandClass decidedOn } } } }`);
      expect(errors).toBeUndefined();
      expect(data!.farmlandClassDecisions.totalCount).toBe(expected.length);
      expect(data!.farmlandClassDecisions.edges.map((e: any) => e.node)).toEqual(
        expected.slice(0, 100).map((d) => ({ id: d.id, farmlandClass: d.farmlandClass, decidedOn: d.decidedOn })),
      );
    });
  }

  it('filters decisions by parcel and looks one up by id, null when missing', async () => {
    const parcelId = demo.decisions.find((d) => decisionsOf(d.parcelId).length > 1)!.parcelId;
    const history = decisionsOf(parcelId);
    const { data, errors } = await harness.query(
      `query ($parcelId: ID!, $id: ID!) {
        farmlandClassDecisions(filter: { parcelId: $parcelId }) { totalCount edges { node { id parcel { id } } } }
        farmlandClassDecision(id: $id) { id externalId farmlandClass decidedOn basis decisionDocument parcel { id } }
        missing: farmlandClassDecision(id: "FCD-none") { id }
      }`,
      { parcelId, id: history[0]!.id },
    );
    expect(errors).toBeUndefined();
    expect(data!.farmlandClassDecisions.totalCount).toBe(history.length);
    expect(data!.farmlandClassDecisions.edges.map((e: any) => e.node.id)).toEqual([...history].reverse().map((d) => d.id));
    const first = history[0]!;
    expect(data!.farmlandClassDecision).toEqual({
      id: first.id,
      externalId: first.externalId,
      farmlandClass: first.farmlandClass,
      decidedOn: first.decidedOn,
      basis: first.basis,
      decisionDocument: first.decisionDocument,
      parcel: { id: parcelId },
    });
    expect(data!.missing).toBeNull();
  });
});

describe('agriculture subgraph: federation', () => {
  it('resolves Parcel entities to their latest decision and their history, one answer per representation', async () => {
    const withHistory = [...new Set(demo.decisions.map((d) => d.parcelId))].filter((id) => decisionsOf(id).length > 1).slice(0, 3);
    const withOne = [...new Set(demo.decisions.map((d) => d.parcelId))].filter((id) => decisionsOf(id).length === 1).slice(0, 3);
    const undecided = harness.demo.planning.parcels.find((p) => decisionsOf(p.id).length === 0)!.id;
    const ids = [...withHistory, undecided, ...withOne];
    const { data, errors } = await harness.query(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Parcel', id })) });
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual(
      ids.map((id) => {
        const history = decisionsOf(id);
        const latest = history.at(-1);
        return {
          id,
          current: latest ? { id: latest.id, farmlandClass: latest.farmlandClass, decidedOn: latest.decidedOn } : null,
          farmlandClassHistory: history.map((d) => ({ id: d.id, decidedOn: d.decidedOn })),
        };
      }),
    );
  });

  it('resolves District entities with their use and coverage, filters narrowing within the district', async () => {
    const codes = ['110112', '110118', '110101'];
    const { data, errors } = await harness.query(ENTITIES, { representations: [...codes.map((code) => ({ __typename: 'District', code })), { __typename: 'District', code: '999999' }] });
    expect(errors).toBeUndefined();
    codes.forEach((code, i) => {
      const entity = data!._entities[i];
      const maize = demo.fertilizerUse.filter((r) => r.districtCode === code && r.crop === 'MAIZE').sort(byYearDistrictCrop);
      const pesticide = demo.pesticideUse.filter((r) => r.districtCode === code).sort(byYearDistrictCrop);
      const coverage = demo.coverage.filter((r) => r.districtCode === code && r.year >= 2017 && r.year <= 2020).sort((a, b) => b.year - a.year);
      expect(entity.code).toBe(code);
      expect(entity.fertilizerUse.totalCount).toBe(maize.length);
      expect(entity.fertilizerUse.edges.map((e: any) => e.node.id)).toEqual(maize.map((r) => r.id));
      expect(entity.pesticideUse.totalCount).toBe(pesticide.length);
      expect(entity.pesticideUse.edges.map((e: any) => e.node.id)).toEqual(pesticide.slice(0, 100).map((r) => r.id));
      expect(entity.agriculturalCoverage).toEqual(
        coverage.map((r) => ({
          year: r.year,
          soilTestingCoveragePct: r.soilTestingCoveragePct,
          unifiedPestControlCoveragePct: r.unifiedPestControlCoveragePct,
          farmlandAreaHa: r.farmlandAreaHa,
          district: { code },
        })),
      );
    });
    expect(data!._entities[3]).toBeNull();
  });

  it('narrows a District field filtered by another district to nothing, and accepts the district itself', async () => {
    const own = demo.fertilizerUse.filter((r) => r.districtCode === '110113');
    const { data, errors } = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on District {
        other: fertilizerUse(filter: { districtCode: "110112" }) { totalCount edges { node { id } } }
        own: fertilizerUse(first: 5, filter: { districtCode: "110113" }) { totalCount }
        otherPesticide: pesticideUse(filter: { districtCode: "110112" }) { totalCount pageInfo { hasNextPage } }
      } } }`,
      { representations: [{ __typename: 'District', code: '110113' }] },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities[0]).toEqual({
      other: { totalCount: 0, edges: [] },
      own: { totalCount: own.length },
      otherPesticide: { totalCount: 0, pageInfo: { hasNextPage: false } },
    });
  });

  it("resolves agriculture's own entities by id, null for an id that does not exist", async () => {
    const fertilizer = demo.fertilizerUse[42]!;
    const pesticide = demo.pesticideUse[5]!;
    const decision = demo.decisions[3]!;
    const { data, errors } = await harness.query(ENTITIES, {
      representations: [
        { __typename: 'FertilizerUse', id: fertilizer.id },
        { __typename: 'PesticideUse', id: pesticide.id },
        { __typename: 'FarmlandClassDecision', id: decision.id },
        { __typename: 'FertilizerUse', id: 'FU-missing' },
        { __typename: 'FarmlandClassDecision', id: 'FCD-missing' },
      ],
    });
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      {
        id: fertilizer.id,
        crop: fertilizer.crop,
        year: fertilizer.year,
        totalT: expect.closeTo(fertilizer.nitrogenT + fertilizer.phosphateT + fertilizer.potashT + fertilizer.compoundT, 6),
        district: { code: fertilizer.districtCode },
      },
      { id: pesticide.id, activeIngredientT: pesticide.activeIngredientT, district: { code: pesticide.districtCode } },
      { id: decision.id, farmlandClass: decision.farmlandClass, parcel: { id: decision.parcelId } },
      null,
      null,
    ]);
  });
});

describe('agriculture subgraph: bad input', () => {
  const cases: { label: string; query: string; variables?: Record<string, unknown>; argumentPath: (string | number)[] }[] = [
    { label: 'an unknown district code', query: `{ fertilizerUse(filter: { districtCode: "120101" }) { totalCount } }`, argumentPath: ['filter', 'districtCode'] },
    { label: 'an unknown district code in coverage', query: `{ agriculturalCoverage(filter: { districtCode: "x" }) { totalCount } }`, argumentPath: ['filter', 'districtCode'] },
    { label: 'an inverted year range', query: `{ pesticideUse(filter: { years: { from: 2020, to: 2018 } }) { totalCount } }`, argumentPath: ['filter', 'years'] },
    { label: 'a year before 1949', query: `{ fertilizerUse(filter: { years: { from: 1900 } }) { totalCount } }`, argumentPath: ['filter', 'years', 'from'] },
    { label: 'a year after 2100', query: `{ agriculturalCoverage(filter: { years: { to: 2101 } }) { totalCount } }`, argumentPath: ['filter', 'years', 'to'] },
    { label: 'an inverted decision date range', query: `{ farmlandClassDecisions(filter: { decided: { from: "2021-01-01", to: "2020-01-01" } }) { totalCount } }`, argumentPath: ['filter', 'decided'] },
    { label: 'first above 100', query: `{ fertilizerUse(first: 101) { totalCount } }`, argumentPath: ['first'] },
    { label: 'a negative first', query: `{ farmlandClassDecisions(first: -1) { totalCount } }`, argumentPath: ['first'] },
    { label: 'a malformed cursor', query: `{ pesticideUse(after: "not-a-cursor") { totalCount } }`, argumentPath: ['after'] },
    {
      label: "another list's cursor",
      query: `{ fertilizerUse(after: "${Buffer.from(JSON.stringify([2020, '110112'])).toString('base64url')}") { totalCount } }`,
      argumentPath: ['after'],
    },
    {
      label: 'an inverted year range on a District field',
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { agriculturalCoverage(years: { from: 2021, to: 2019 }) { year } } } }`,
      variables: { r: [{ __typename: 'District', code: '110112' }] },
      argumentPath: ['years'],
    },
    {
      label: 'an unknown district code on a District field',
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { pesticideUse(filter: { districtCode: "110100" }) { totalCount } } } }`,
      variables: { r: [{ __typename: 'District', code: '110112' }] },
      argumentPath: ['filter', 'districtCode'],
    },
  ];
  for (const { label, query, variables, argumentPath } of cases) {
    it(`rejects ${label} with BAD_USER_INPUT naming the argument`, async () => {
      const { errors } = await harness.query(query, variables);
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentPath });
    });
  }
});
