import type { AgricultureDemo, PlanningDemo } from '@soilgraph/db/demo';
import { encodeCursor } from '@soilgraph/server-kit';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agricultureSubgraph } from '../src/server.ts';
import { allParcels, BAD_USER_INPUT, cmp, type DecisionRow, entities, latestDecisions, round } from './support.ts';

let harness: SubgraphHarness;
let demo: AgricultureDemo;
let planning: PlanningDemo;
beforeAll(async () => {
  harness = await createSubgraphHarness(agricultureSubgraph);
  demo = harness.demo.agriculture;
  planning = harness.demo.planning;
});
afterAll(() => harness.close());

const CLASSES = ['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'] as const;
type FarmlandClass = (typeof CLASSES)[number];
const AGREEMENTS = ['AGREES', 'DISAGREES', 'NO_OFFICIAL_CLASS', 'NO_SOIL_SUGGESTION'] as const;

interface Suggestion {
  parcel: { id: string };
  farmlandClass: FarmlandClass;
  sampledOn: string;
}

/**
 * Environment's suggestions for a district as the gateway would send them, made up from the demo
 * so that every agreement occurs: cycling through the farmland parcels, a suggestion equal to the
 * official class, one different from it, none, and one for every parcel without a decision; one
 * parcel also carries an older, different suggestion that must lose to its newest.
 */
function suggestionsFor(code: string): Suggestion[] {
  const latest = latestDecisions(demo.decisions);
  const farmland = planning.parcels
    .filter((p) => p.districtCode === code && (p.landUse.startsWith('01') || p.landUse.startsWith('02')))
    .sort((a, b) => cmp(a.id, b.id));
  const out: Suggestion[] = [];
  farmland.forEach((parcel, i) => {
    const official = latest.get(parcel.id)?.farmlandClass;
    const sampledOn = `2023-0${(i % 9) + 1}-15`;
    if (official === undefined) {
      out.push({ parcel: { id: parcel.id }, farmlandClass: CLASSES[i % 3]!, sampledOn });
      return;
    }
    if (i % 3 === 0) out.push({ parcel: { id: parcel.id }, farmlandClass: official, sampledOn });
    if (i % 3 === 1) out.push({ parcel: { id: parcel.id }, farmlandClass: CLASSES[(CLASSES.indexOf(official) + 1) % 3]!, sampledOn });
  });
  // An older survey of the first suggested parcel, suggesting another class: the newest wins.
  const first = out[0];
  if (first) out.push({ parcel: { id: first.parcel.id }, farmlandClass: CLASSES[(CLASSES.indexOf(first.farmlandClass) + 2) % 3]!, sampledOn: '2019-05-01' });
  return out;
}

function newest(suggestions: readonly Suggestion[]): Map<string, Suggestion> {
  const map = new Map<string, Suggestion>();
  for (const s of [...suggestions].sort((a, b) => cmp(a.sampledOn, b.sampledOn))) map.set(s.parcel.id, s);
  return map;
}

function expectedAreas(decisions: readonly DecisionRow[], suggestions: readonly Suggestion[], parcels: { id: string; areaHa: number }[]) {
  const area = new Map(parcels.map((p) => [p.id, p.areaHa]));
  const official = latestDecisions(decisions);
  const suggested = newest(suggestions);
  return CLASSES.map((farmlandClass) => {
    const o = [...official.values()].filter((d) => d.farmlandClass === farmlandClass && area.has(d.parcelId)).map((d) => area.get(d.parcelId)!);
    const s = [...suggested.values()].filter((x) => x.farmlandClass === farmlandClass && area.has(x.parcel.id)).map((x) => area.get(x.parcel.id)!);
    return {
      farmlandClass,
      officialParcels: o.length,
      officialAreaHa: round(o.reduce((a, b) => a + b, 0), 2),
      suggestedParcels: s.length,
      suggestedAreaHa: round(s.reduce((a, b) => a + b, 0), 2),
    };
  });
}

function expectedComparison(decisions: readonly DecisionRow[], suggestions: readonly Suggestion[], agreement?: string) {
  const official = latestDecisions(decisions);
  const suggested = newest(suggestions);
  const ids = [...new Set([...official.keys(), ...suggested.keys()])].sort(cmp);
  return ids
    .map((id) => {
      const o = official.get(id);
      const s = suggested.get(id);
      const a = o === undefined ? 'NO_OFFICIAL_CLASS' : s === undefined ? 'NO_SOIL_SUGGESTION' : o.farmlandClass === s.farmlandClass ? 'AGREES' : 'DISAGREES';
      return {
        parcel: { id },
        official: o ? { id: o.id, farmlandClass: o.farmlandClass, decidedOn: o.decidedOn } : null,
        suggested: s?.farmlandClass ?? null,
        suggestedFromSampleOn: s?.sampledOn ?? null,
        agreement: a,
      };
    })
    .filter((c) => agreement === undefined || c.agreement === agreement);
}

type Comparison = ReturnType<typeof expectedComparison>[number];

const AREAS = `farmlandClasses { farmlandClass officialParcels officialAreaHa suggestedParcels suggestedAreaHa }`;
const COMPARISON = `parcel { id } official { id farmlandClass decidedOn } suggested suggestedFromSampleOn agreement`;
const CONNECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${COMPARISON} } }`;
const ALL_COMPARISONS = `all: farmlandClassComparison(first: 100) { ${CONNECTION} } ${AGREEMENTS.map((a) => `${a}: farmlandClassComparison(agreement: ${a}, first: 100) { ${CONNECTION} }`).join(' ')}`;

interface ComparisonConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Comparison }[];
}

/** The connection's own invariants: page size, cursors (the parcel id) and pageInfo agree with its edges. */
function expectConsistent(c: ComparisonConnection, first: number, after: string | null) {
  expect(c.edges.length).toBeLessThanOrEqual(first);
  if (c.pageInfo.hasNextPage) expect(c.edges).toHaveLength(first);
  expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
  expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
  expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
  for (const e of c.edges) expect(e.cursor).toBe(encodeCursor([e.node.parcel.id]));
}

/** One page of a City's or District's comparison. */
async function comparisonPage(
  on: 'City' | 'District',
  representation: unknown,
  args: { agreement?: string; first?: number; after?: string | null },
): Promise<ComparisonConnection> {
  const { data, errors } = await harness.query(
    `query ($r: [_Any!]!, $agreement: FarmlandClassAgreement, $first: Int, $after: String) {
      _entities(representations: $r) { ... on ${on} { farmlandClassComparison(agreement: $agreement, first: $first, after: $after) { ${CONNECTION} } } }
    }`,
    { r: [representation], agreement: args.agreement ?? null, first: args.first ?? null, after: args.after ?? null },
  );
  expect(errors).toBeUndefined();
  return data!._entities[0].farmlandClassComparison;
}

/**
 * A whole comparison, read page by page following endCursor (pages of `first`, or of the default
 * 20 when left out); every page reports the same totalCount.
 */
async function wholeComparison(on: 'City' | 'District', representation: unknown, { agreement, first }: { agreement?: string; first?: number } = {}) {
  const rows: Comparison[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  let pages = 0;
  do {
    const c: ComparisonConnection = await comparisonPage(on, representation, { agreement, first, after });
    expectConsistent(c, first ?? 20, after);
    totals.add(c.totalCount);
    rows.push(...c.edges.map((e) => e.node));
    after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
    pages++;
  } while (after !== null);
  expect(totals.size).toBe(1);
  return { rows, totalCount: [...totals][0]!, pages };
}

/** The districts with decisions, most decisions first: the richest test material. */
function decidedDistricts(): string[] {
  const counts = new Map<string, number>();
  for (const d of demo.decisions) counts.set(d.districtCode, (counts.get(d.districtCode) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([code]) => code);
}

const decisionsOfDistrict = (code: string) => {
  const parcels = new Set(planning.parcels.filter((p) => p.districtCode === code).map((p) => p.id));
  return demo.decisions.filter((d) => parcels.has(d.parcelId));
};

describe('agriculture subgraph: farmland classes, official and suggested', () => {
  it('stores each decision with the district of its parcel', () => {
    const districtOf = new Map(planning.parcels.map((p) => [p.id, p.districtCode]));
    for (const d of demo.decisions) expect(d.districtCode, d.id).toBe(districtOf.get(d.parcelId));
  });

  it("counts a district's parcels and areas per class, official and suggested, in class order", async () => {
    const codes = [...decidedDistricts().slice(0, 4), '110101'];
    const { data, errors } = await entities(
      harness,
      `... on District { code ${AREAS} }`,
      codes.map((code) => ({ __typename: 'District', code, allParcels: allParcels(planning, code), farmlandClassSuggestions: suggestionsFor(code) })),
    );
    expect(errors).toBeUndefined();
    codes.forEach((code, i) => {
      const expected = expectedAreas(decisionsOfDistrict(code), suggestionsFor(code), allParcels(planning, code));
      expect(data!._entities[i]).toEqual({ code, farmlandClasses: expected });
    });
    // The material is not empty: official classes in some district, suggestions too.
    const all = data!._entities.flatMap((e: { farmlandClasses: { officialParcels: number; suggestedParcels: number }[] }) => e.farmlandClasses);
    expect(all.some((c: { officialParcels: number }) => c.officialParcels > 0)).toBe(true);
    expect(all.some((c: { suggestedParcels: number }) => c.suggestedParcels > 0)).toBe(true);
  });

  it('counts only the parcels in the representation', async () => {
    const code = decidedDistricts()[0]!;
    const parcels = allParcels(planning, code).filter((_, i) => i % 2 === 0);
    const { data, errors } = await entities(harness, `... on District { ${AREAS} }`, [
      { __typename: 'District', code, allParcels: parcels, farmlandClassSuggestions: suggestionsFor(code) },
    ]);
    expect(errors).toBeUndefined();
    expect(data!._entities[0].farmlandClasses).toEqual(expectedAreas(decisionsOfDistrict(code), suggestionsFor(code), parcels));
  });

  it("compares a district's official classes with the suggestions, ordered by parcel id, filtered by agreement", async () => {
    const codes = decidedDistricts().slice(0, 5);
    const { data, errors } = await entities(
      harness,
      `... on District { code ${ALL_COMPARISONS} }`,
      codes.map((code) => ({ __typename: 'District', code, farmlandClassSuggestions: suggestionsFor(code) })),
    );
    expect(errors).toBeUndefined();
    const seen = new Set<string>();
    // The first page of 100 of each list: the list's first 100 rows, and its whole length as totalCount.
    const expectFirstPage = (c: ComparisonConnection, expected: Comparison[]) => {
      expectConsistent(c, 100, null);
      expect(c.totalCount).toBe(expected.length);
      expect(c.pageInfo.hasNextPage).toBe(expected.length > 100);
      expect(c.edges.map((e) => e.node)).toEqual(expected.slice(0, 100));
    };
    codes.forEach((code, i) => {
      const result = data!._entities[i];
      const decisions = decisionsOfDistrict(code);
      expectFirstPage(result.all, expectedComparison(decisions, suggestionsFor(code)));
      for (const agreement of AGREEMENTS) {
        expectFirstPage(result[agreement], expectedComparison(decisions, suggestionsFor(code), agreement));
        if (result[agreement].totalCount > 0) seen.add(agreement);
      }
    });
    expect([...seen].sort()).toEqual([...AGREEMENTS].sort());
  });

  it("pages through a district's comparison two at a time: the whole list in order, totalCount its length", async () => {
    const code = decidedDistricts()[0]!;
    const representation = { __typename: 'District', code, farmlandClassSuggestions: suggestionsFor(code) };
    for (const agreement of [undefined, 'DISAGREES']) {
      const expected = expectedComparison(decisionsOfDistrict(code), suggestionsFor(code), agreement);
      expect(expected.length).toBeGreaterThan(4);
      const { rows, totalCount, pages } = await wholeComparison('District', representation, { agreement, first: 2 });
      expect(rows).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      expect(pages).toBe(Math.ceil(expected.length / 2));
    }
  });

  it('gives 20 rows when first is left out, and none with first: 0', async () => {
    const districts = planning.districts.map((d) => ({ farmlandClassSuggestions: suggestionsFor(d.code) }));
    const representation = { __typename: 'City', code: '110000', districts };
    const expected = expectedComparison(demo.decisions, planning.districts.flatMap((d) => suggestionsFor(d.code)));
    expect(expected.length).toBeGreaterThan(20);
    const byDefault = await comparisonPage('City', representation, {});
    expectConsistent(byDefault, 20, null);
    expect(byDefault.edges.map((e) => e.node)).toEqual(expected.slice(0, 20));
    expect(byDefault.pageInfo.hasNextPage).toBe(true);
    const none = await comparisonPage('City', representation, { first: 0 });
    expect(none).toEqual({
      totalCount: expected.length,
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('continues after where a cursor\'s parcel would be when that parcel is no longer in the list', async () => {
    const code = decidedDistricts()[0]!;
    const suggestions = suggestionsFor(code);
    const before = expectedComparison(decisionsOfDistrict(code), suggestions);
    // A parcel in the middle known only from the soil: without its suggestion it leaves the list.
    const k = before.findIndex((c, i) => i > 0 && i < before.length - 3 && c.agreement === 'NO_OFFICIAL_CLASS');
    expect(k).toBeGreaterThan(0);
    const gone = before[k]!.parcel.id;
    const remaining = suggestions.filter((s) => s.parcel.id !== gone);
    const after = expectedComparison(decisionsOfDistrict(code), remaining);
    expect(after.map((c) => c.parcel.id)).not.toContain(gone);
    const page = await comparisonPage('District', { __typename: 'District', code, farmlandClassSuggestions: remaining }, { first: 3, after: encodeCursor([gone]) });
    expectConsistent(page, 3, encodeCursor([gone]));
    expect(page.edges.map((e) => e.node)).toEqual(before.slice(k + 1, k + 4));
    expect(page.totalCount).toBe(after.length);
    // A parcel id that never was in the list, between two that are: the page starts at the later one.
    const between = `${before[k]!.parcel.id}-x`;
    expect(before[k]!.parcel.id < between && between < before[k + 1]!.parcel.id).toBe(true);
    const made = await comparisonPage('District', { __typename: 'District', code, farmlandClassSuggestions: suggestions }, { first: 2, after: encodeCursor([between]) });
    expect(made.edges.map((e) => e.node)).toEqual(before.slice(k + 1, k + 3));
    // A cursor past the last parcel: an empty last page.
    const past = await comparisonPage('District', { __typename: 'District', code, farmlandClassSuggestions: suggestions }, { after: encodeCursor(['~']) });
    expect(past.edges).toEqual([]);
    expect(past.pageInfo.hasNextPage).toBe(false);
    expect(past.totalCount).toBe(before.length);
  });

  it('compares with the newest suggestion of a parcel that has several', async () => {
    const code = decidedDistricts()[0]!;
    const suggestions = suggestionsFor(code);
    const twice = suggestions.at(-1)!.parcel.id;
    const { rows } = await wholeComparison('District', { __typename: 'District', code, farmlandClassSuggestions: suggestions });
    const row = rows.find((c) => c.parcel.id === twice)!;
    expect(row.suggestedFromSampleOn).not.toBe('2019-05-01');
    expect(row.suggested).toBe(suggestions.find((s) => s.parcel.id === twice && s.sampledOn !== '2019-05-01')!.farmlandClass);
  });

  it('gives the city its districts together, without needing their codes for the areas', async () => {
    const districts = planning.districts.map((d) => ({ allParcels: allParcels(planning, d.code), farmlandClassSuggestions: suggestionsFor(d.code) }));
    const suggestions = planning.districts.flatMap((d) => suggestionsFor(d.code));
    const parcels = planning.districts.flatMap((d) => allParcels(planning, d.code));
    const representation = { __typename: 'City', code: '110000', districts };
    const { data, errors } = await entities(harness, `... on City { code ${AREAS} }`, [representation]);
    expect(errors).toBeUndefined();
    expect(data!._entities[0].farmlandClasses).toEqual(expectedAreas(demo.decisions, suggestions, parcels));
    const all = await wholeComparison('City', representation);
    const expected = expectedComparison(demo.decisions, suggestions);
    expect(all.rows).toEqual(expected);
    expect(all.totalCount).toBe(expected.length);
    expect(all.pages).toBeGreaterThan(1);
    for (const agreement of AGREEMENTS) {
      const some = await wholeComparison('City', representation, { agreement });
      expect(some.rows).toEqual(expectedComparison(demo.decisions, suggestions, agreement));
      expect(some.totalCount).toBe(some.rows.length);
    }
    // Every decided parcel of the city is in the comparison.
    expect(new Set(all.rows.filter((c) => c.official !== null).map((c) => c.parcel.id))).toEqual(new Set(demo.decisions.map((d) => d.parcelId)));
  });

  const bad: { label: string; selection: string; representation: () => unknown; message: RegExp }[] = [
    {
      label: 'a District without farmlandClassSuggestions',
      selection: `... on District { farmlandClassComparison { edges { node { agreement } } } }`,
      representation: () => ({ __typename: 'District', code: '110112' }),
      message: /lacks farmlandClassSuggestions\b/,
    },
    {
      label: 'a District without allParcels',
      selection: `... on District { ${AREAS} }`,
      representation: () => ({ __typename: 'District', code: '110112', farmlandClassSuggestions: [] }),
      message: /lacks allParcels\b/,
    },
    {
      label: 'a suggestion without its class',
      selection: `... on District { farmlandClassComparison { edges { node { agreement } } } }`,
      representation: () => ({ __typename: 'District', code: '110112', farmlandClassSuggestions: [{ parcel: { id: 'x' }, sampledOn: '2020-01-01' }] }),
      message: /lacks farmlandClassSuggestions\[0\]\.farmlandClass/,
    },
    {
      label: 'a City without districts',
      selection: `... on City { farmlandClassComparison { edges { node { agreement } } } }`,
      representation: () => ({ __typename: 'City', code: '110000' }),
      message: /lacks districts\b/,
    },
    {
      label: "a City whose district lacks its suggestions",
      selection: `... on City { ${AREAS} }`,
      representation: () => ({ __typename: 'City', code: '110000', districts: [{ allParcels: [] }] }),
      message: /lacks districts\[0\]\.farmlandClassSuggestions/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.label} with BAD_USER_INPUT naming the missing field`, async () => {
      const { data, errors } = await entities(harness, c.selection, [c.representation()]);
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toEqual({ code: BAD_USER_INPUT, argumentPath: ['representations'] });
      expect(errors![0]!.message).toMatch(c.message);
      expect(data?._entities).toEqual([null]);
    });
  }

  // Page arguments are checked first: the representations below lack what the field @requires, yet
  // the error names the argument.
  const badPages: { label: string; args: string; argument: 'first' | 'after' }[] = [
    { label: 'first above 100', args: 'first: 101', argument: 'first' },
    { label: 'a negative first', args: 'first: -1', argument: 'first' },
    { label: 'a garbage after', args: 'after: "not-a-cursor"', argument: 'after' },
    { label: "another list's cursor as after", args: `after: "${encodeCursor(['2020-01-01', 'FCD-x'])}"`, argument: 'after' },
  ];
  for (const on of ['District', 'City'] as const) {
    for (const c of badPages) {
      it(`rejects ${c.label} on ${on}.farmlandClassComparison with BAD_USER_INPUT naming the argument`, async () => {
        const representation = on === 'District' ? { __typename: 'District', code: '110112' } : { __typename: 'City', code: '110000' };
        const { data, errors } = await entities(harness, `... on ${on} { farmlandClassComparison(${c.args}) { totalCount } }`, [representation]);
        expect(errors).toHaveLength(1);
        expect(errors![0]!.extensions).toEqual({ code: BAD_USER_INPUT, argumentPath: [c.argument] });
        expect(errors![0]!.message).toMatch(new RegExp(`^${c.argument}\\b`));
        expect(data?._entities).toEqual([null]);
      });
    }
  }
});
